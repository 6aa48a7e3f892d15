//! An OpenID Connect relying party on [`oidc_core`]: discovery, the provider's keys,
//! login with PKCE (PAR and DPoP when asked), the callback's checks, the ID Token,
//! UserInfo, refresh, introspection, revocation, client credentials, the device flow,
//! RP-initiated and back-channel logout, over any HTTP client.
//!
//! | call | specification |
//! |---|---|
//! | [`ClientBuilder::discover`] | OIDC Discovery 1.0 §4 (the `issuer` equality of §4.3; Microsoft Entra's `{tenantid}` template) |
//! | [`Client::authorization_url`] → [`PendingLogin`] | OIDC Core §3.1.2.1, RFC 7636 (S256), RFC 9126 (PAR: when the provider requires it or [`ClientBuilder::pushed_authorization_requests`]), RFC 9449 §10 (`dpop_jkt`) |
//! | [`Client::callback`] → [`Login`] | RFC 6749 §10.12 (`state`), RFC 9207 (`iss`), OIDC Core §3.1.3 (the code exchange, the ID Token: §3.1.3.7, `nonce`, `max_age`, `at_hash`) |
//! | [`Client::userinfo`] | OIDC Core §5.3 (Bearer or DPoP; JSON or signed; its `sub` is the ID Token's, §5.3.2) |
//! | [`Client::refresh`] → [`Refreshed`] | RFC 6749 §6, OIDC Core §12.2 (the refreshed ID Token's `iss`, `sub`, `aud`, `azp`, `auth_time`, `nonce`) |
//! | [`Client::introspect`] | RFC 7662 |
//! | [`Client::revoke`] | RFC 7009 |
//! | [`Client::client_credentials`] | RFC 6749 §4.4 |
//! | [`Client::device_authorization`] → [`DeviceCodes`], [`Client::device_tokens`] → [`DeviceLogin`] | RFC 8628 (polling by §3.5: `slow_down`, backoff after a timeout, the expiry) |
//! | [`Client::logout_url`] | RP-Initiated Logout 1.0 §2 |
//! | [`Client::backchannel_logout`] | Back-Channel Logout 1.0 §2.5–§2.8 (the Logout Token verified and validated, a `jti` replay hook) |
//!
//! Client authentication is `oidc_core`'s [`ClientAuth`](oidc_core::client_auth::ClientAuth)
//! (none, `client_secret_basic` / `_post` / `_jwt`, `private_key_jwt`), a fresh
//! assertion per request; DPoP proofs come from a
//! [`DpopKey`](oidc_core::dpop::DpopKey) given to [`ClientBuilder::dpop`], with the
//! provider's nonce rounds (RFC 9449 §8, §9) handled. The provider's keys live in a
//! [`KeyCache`](oidc_core::jwt::KeyCache) that fetches them again when a token names a
//! key it has not seen (rotation), at most once per interval.
//!
//! Every flow runs against an in-memory provider in this crate's tests and against
//! panva's oidc-provider in the workspace's interop test (`tests/interop/client.rs`,
//! `tests/interop/example_app.rs`: the axum example app driven through the provider).
//!
//! Not done: JWT introspection responses (RFC 9701; `oidc_core` reads them),
//! CIBA, token exchange and dynamic registration through this crate (`oidc_core` has
//! their messages; the interop test drives them with it), front-channel logout, a
//! session store (the app keeps [`PendingLogin`] and the tokens).
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
//! ## Logout
//!
//! ```no_run
//! # use std::collections::HashSet;
//! # use std::sync::Mutex;
//! # async fn app(client: &oidc_client::Client, login: &oidc_client::Login, body: &str,
//! #     seen: &Mutex<HashSet<String>>) -> Result<(), oidc_client::Error> {
//! // GET /logout: end the app's session, then send the browser to the provider (with
//! // the ID Token as hint, and the builder's post_logout_redirect_uri).
//! let url = client.logout_url(login.tokens.id_token.as_deref(), |_| {})?;
//!
//! // POST /backchannel, from the provider: the Logout Token verified, validated, and
//! // never accepted twice; then end its `sid`'s sessions and answer 200 (else 400).
//! let token = client
//!     .backchannel_logout(body, |jti| match seen.lock().unwrap().insert(jti.to_owned()) {
//!         true => Ok(()),
//!         false => Err("replayed".to_owned()),
//!     })
//!     .await?;
//! println!("log out session {:?} of {:?}", token.sid, token.sub);
//! # Ok(()) }
//! ```
//!
//! A whole web app (login, logout, back-channel logout) on axum is the workspace's
//! `examples/axum_relying_party.rs`.
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
//! ## Transports and features
//!
//! [`Transport`] is the HTTP seam: one method to send a request, one to sleep. The
//! default, [`ReqwestTransport`] (feature `reqwest`, on by default), is reqwest over
//! rustls with the ring provider and the platform's trust store; tests and other
//! stacks implement the trait. Feature `blocking` adds [`blocking::Client`], the same
//! calls for code without async. The client's futures are `Send`: share one `Client`
//! (`Arc<Client>`) across an axum app or a multi-threaded runtime. Whatever the transport, every
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
