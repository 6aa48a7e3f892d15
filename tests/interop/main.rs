//! End-to-end interop against a real, certified OpenID Provider: panva's `oidc-provider`
//! (pinned in `tests/interop/package.json` / `package-lock.json`), started on 127.0.0.1
//! by `tests/interop/provider.js`. This test plays relying party, resource server and
//! user agent with a real HTTP client and uses only the library's public API for the
//! messages.
//!
//! It needs Node.js and `npm ci` in `tests/interop/`, so it is `#[ignore]`d in
//! `cargo test --workspace`; `tests/interop/run.sh` (called by `.ci/run`) runs it, and
//! then it fails, not skips, when the provider cannot start. Every wait is bounded and
//! only 127.0.0.1 is contacted; the provider is killed when the test ends, pass or fail.
//!
//! One test per flow, each against its own provider process; `harness/` holds what
//! they share. A new flow is a new file here and a `mod` line below.

mod harness;

mod ciba;
mod client;
mod client_assertions;
mod code_flow;
mod device;
mod errors;
mod example_app;
mod exchange_and_revocation;
mod fapi;
mod implicit_hybrid;
mod jwt_responses;
mod key_rotation;
mod logout;
mod registration;
mod request_object;
mod rich_authorization;
