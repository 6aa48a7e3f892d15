//! An OpenID Connect relying party on [`oidc_core`]: discovery, the provider's keys,
//! login with PKCE, the callback's checks, the ID Token, UserInfo and refresh, over
//! any HTTP client.
//!
//! ## STATUS (work in progress)
//!
//! Done, with tests against an in-memory provider (`tests/flow/`):
//! [`ClientBuilder::discover`] (OIDC Discovery 1.0 §4.3, the Entra `{tenantid}`
//! template), the keys through `oidc_core`'s [`KeyCache`](oidc_core::jwt::KeyCache),
//! [`Client::authorization_url`] / [`PendingLogin`] (PKCE, `dpop_jkt`, PAR when the
//! provider requires it or the client asks), [`Client::callback`], [`Client::userinfo`]
//! (Bearer or DPoP), [`Client::refresh`]; DPoP proofs with the provider's nonce rounds;
//! the hostile-provider rules (timeout, no redirect, body limit, typed errors).
//!
//! Against the real provider (`tests/interop/client.rs`, through [`ReqwestTransport`]):
//! discovery, login, userinfo, refresh, a reused code, another login's `state`, an
//! unknown refresh token.
//!
//! Written but not yet tested: signed UserInfo responses, the Entra template through
//! a whole login, [`ReqwestTransport`]'s body limit and timeout (only the in-memory
//! transport tests them).
//!
//! Not done (issue 13): introspection, revocation, client credentials, device flow
//! polling, the RP-initiated logout URL, the back-channel logout receiver, a blocking
//! facade, the DPoP / PAR interop runs through this crate, the `axum_relying_party`
//! example on it, the client's inputs in `SECURITY.md`.
//!
//! ## A login
//!
//! ```no_run
//! use oidc_client::{Client, PendingLogin};
//! use oidc_core::client_auth::ClientAuth;
//!
//! # async fn app(session: &mut std::collections::HashMap<String, String>, redirect: &str)
//! #     -> Result<(), Box<dyn std::error::Error>> {
//! let client = Client::builder(ClientAuth::client_secret_basic("rp", "secret"))
//!     .redirect_uri("https://rp.example/callback")
//!     .discover("https://op.example")
//!     .await?;
//!
//! // GET /login: send the browser to `url`; keep `pending` in the user's session.
//! let (url, pending) = client.authorization_url(&["email"], |_| {}).await?;
//! session.insert("login".into(), serde_json::to_string(&pending)?);
//!
//! // GET /callback: `redirect` is the URL the browser came back to.
//! let pending: PendingLogin = serde_json::from_str(&session.remove("login").unwrap())?;
//! let login = client.callback(redirect, &pending).await?; // state, iss, code, ID Token
//! let profile = client.userinfo(&login.tokens, &login.id_token).await?; // same sub
//! println!("{} <{:?}>", login.id_token.sub, profile.claims.email);
//!
//! // Later: new tokens, the refreshed ID Token checked against the first (§12.2).
//! if let Some(refresh_token) = &login.tokens.refresh_token {
//!     let _refreshed = client.refresh(refresh_token, &login.id_token).await?;
//! }
//! # Ok(()) }
//! ```
//!
//! ## Errors
//!
//! Every call returns one [`Error`]; [`Error::kind`] tells a transport failure
//! ([`ErrorKind::Transport`], [`ErrorKind::Timeout`]), an HTTP-level refusal (a
//! redirect, an oversized body, a status without an OAuth error), the provider's own
//! error response ([`ErrorKind::Protocol`], typed per endpoint: [`ProtocolError`]) and
//! a check this crate made (issuer, state, `iss`, the ID Token, UserInfo `sub`,
//! refresh rules) apart. Error texts are one bounded line; secrets never reach them.
//!
//! ## Transports
//!
//! [`Transport`] is the HTTP seam: one method to send a request, one to sleep. The
//! default, [`ReqwestTransport`] (feature `reqwest`, on by default), is reqwest over
//! rustls; tests and other stacks implement the trait. Whatever the transport, every
//! exchange runs under the client's timeout, never follows a redirect and refuses a
//! body over the limit ([`send`]).

#![cfg_attr(docsrs, feature(doc_cfg))]
#![deny(missing_docs)]

#[cfg(feature = "blocking")]
#[cfg_attr(docsrs, doc(cfg(feature = "blocking")))]
pub mod blocking;
mod client;
mod client_credentials;
mod device;
mod discovery;
mod error;
mod introspection;
mod login;
mod logout;
mod refresh;
#[cfg(feature = "reqwest")]
mod reqwest_transport;
mod revocation;
mod transport;
mod userinfo;

pub use client::{Client, ClientBuilder};
pub use device::{DeviceCodes, DeviceLogin};
pub use error::{Endpoint, Error, ErrorKind, ProtocolError, TransportError};
pub use login::{Login, PendingLogin};
pub use refresh::Refreshed;
#[cfg(feature = "reqwest")]
#[cfg_attr(docsrs, doc(cfg(feature = "reqwest")))]
pub use reqwest_transport::ReqwestTransport;
pub use transport::{
    send, BoxFuture, HttpRequest, HttpResponse, Method, Transport, DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_TIMEOUT,
};
