//! OpenID Connect and OAuth 2.0 messages, declared like the specs' parameter tables.
//!
//! `#[derive(OidcMessage)]` turns a struct into a message with form, URL (query or
//! fragment) and JSON codecs, required-parameter checks, unknown-parameter handling, a
//! Debug that hides secrets, and `serde` impls that follow the same rules (so the type
//! drops into reqwest's `.form()`/`.json()` and axum's extractors; with the feature
//! `axum`, `oidc_core::axum` has extractors that also enforce the percent-encoding rules
//! serde_urlencoded cannot).
//!
//! ```
//! use oidc_core::{ExtraParams, Location, OidcMessage};
//!
//! /// OIDC Core 1.0 §3.1.2.1 (abridged).
//! #[derive(OidcMessage, Clone, PartialEq)]
//! pub struct AuthRequest {
//!     #[oidc(required, space_delimited)]
//!     pub scope: Vec<String>,
//!     #[oidc(required)]
//!     pub response_type: String,
//!     #[oidc(required)]
//!     pub client_id: String,
//!     #[oidc(required)]
//!     pub redirect_uri: String,
//!     pub state: Option<String>,
//!     pub max_age: Option<u64>,
//!     #[oidc(extra)]
//!     pub extra: ExtraParams,
//! }
//!
//! let url = "https://op.example/authorize?response_type=code&scope=openid%20profile\
//!            &client_id=s6BhdRkqt3&state=af0ifjsldkj&redirect_uri=https%3A%2F%2Fclient.example.org%2Fcb\
//!            &ui_locales=de";
//! let request = AuthRequest::from_url(url, Location::Query)?;
//! assert_eq!(request.scope, ["openid", "profile"]);
//! assert_eq!(request.extra.get_str("ui_locales").as_deref(), Some("de"));
//!
//! let again = request.to_url("https://op.example/authorize")?;
//! assert!(again.starts_with("https://op.example/authorize?scope=openid+profile&response_type=code"));
//!
//! let err = AuthRequest::from_form("scope=openid&response_type=code&redirect_uri=x").unwrap_err();
//! assert_eq!(err.to_string(), r#"AuthRequest: missing required parameter "client_id""#);
//! # Ok::<(), oidc_core::Error>(())
//! ```
//!
//! See the derive's documentation ([`OidcMessage`](macro@OidcMessage)) for the attribute
//! vocabulary, how unknown parameters and `flatten` work, tolerance, foreign and
//! generic field types and success-or-error responses; and the crate README for a
//! tour.
//!
//! # Stability
//!
//! Everything documented here follows semver. The hidden module `__private` holds what
//! the generated code calls; it is not public API, and any release may change it. The
//! same goes for the items of [`Fields`], the code the derive generates: the trait is
//! public because it is `OidcMessage`'s supertrait, its items are hidden.

#![deny(missing_docs)]
// docs.rs builds with `--cfg docsrs` (Cargo.toml `[package.metadata.docs.rs]`): items
// behind a feature get a "Available on crate feature ..." badge.
#![cfg_attr(docsrs, feature(doc_cfg))]

// Lets the generated code say `::oidc_core::..` inside this crate too.
extern crate self as oidc_core;

// What the generated code calls. Hidden, not public API, and not covered by semver:
// anything in it may change in any release (see its module documentation). Nothing that
// exists only for the generated code is `pub` outside it, except `Fields`: the supertrait
// of `OidcMessage` is re-exported and documented below, with all its items hidden.
#[doc(hidden)]
pub mod __private;
#[cfg(feature = "axum")]
#[cfg_attr(docsrs, doc(cfg(feature = "axum")))]
pub mod axum;
#[cfg(feature = "jwt")]
#[cfg_attr(docsrs, doc(cfg(feature = "jwt")))]
pub mod client_auth;
pub mod codec;
mod cost;
#[cfg(feature = "jwt")]
#[cfg_attr(docsrs, doc(cfg(feature = "jwt")))]
pub mod dpop;
mod embeds;
mod error;
#[cfg(feature = "jwt")]
#[cfg_attr(docsrs, doc(cfg(feature = "jwt")))]
pub mod issue;
pub mod jwt;
mod message;
pub mod messages;
pub mod pkce;
pub mod random;
#[cfg(feature = "jwt")]
#[cfg_attr(docsrs, doc(cfg(feature = "jwt")))]
pub mod request_object;
mod types;
pub mod validation;

// The crate README (the registry page) is a doctest too, so it stays true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

pub use __private::Fields;
pub use embeds::Embeds;
pub use error::{one_line, quoted, Error, ErrorKind};
pub use message::{Location, OidcMessage};
pub use types::{Audience, ExtraParams, ExtraValue, NumericDate, TimeOutOfRange};

#[doc = include_str!("derive.md")]
pub use oidc_macros::OidcMessage;
