//! axum extractors that decode a message from the request's raw text, so every wire
//! rule holds (feature `axum`).
//!
//! | extractor | reads | with |
//! |---|---|---|
//! | [`OidcQuery<T>`] | the raw query of the request URI (a redirect back to the relying party) | `T::from_form` |
//! | [`OidcForm<T>`] | the raw `application/x-www-form-urlencoded` body (`response_mode=form_post`, back-channel logout, token and introspection requests) | `T::from_form` |
//! | [`OidcJson<T>`] | the raw `application/json` body | `T::from_json` |
//!
//! `T` is any derived message or success-or-error response enum (the built-in
//! [`AuthenticationResponse`](crate::messages::AuthenticationResponse), ... and your
//! own): see [`Decode`].
//!
//! # Why not axum's `Query` / `Form`
//!
//! The derived messages implement `Deserialize`, so axum's own `Query<T>` and `Form<T>`
//! accept them, but those go through `serde_urlencoded`, which percent-decodes every
//! value before the message sees it. Two wire rules cannot be enforced on that path:
//!
//! - a `%` not followed by two hex digits (`code=x%2`) arrives as the literal text
//!   `x%2` instead of being refused;
//! - percent-decoded bytes that are not UTF-8 (`%FF`) arrive as U+FFFD instead of being
//!   refused.
//!
//! These extractors hand the undecoded text to `from_form` / `from_json`, so a
//! malformed redirect or body is refused with the same error as everywhere else. A
//! failure answers `400 Bad Request` with that error's one line as a `text/plain` body
//! (it names the message, the parameter and the reason, never a secret's value); see
//! [`OidcRejection`] for the other statuses.
//!
//! ```
//! use axum::routing::get;
//! use axum::Router;
//! use oidc_core::axum::OidcQuery;
//! use oidc_core::messages::AuthenticationResponse;
//!
//! /// The redirect back from the provider: a success or an error response.
//! async fn callback(OidcQuery(response): OidcQuery<AuthenticationResponse>) -> String {
//!     match response.into_result() {
//!         Ok(success) => format!("state {:?}", success.state),
//!         Err(error) => format!("the provider said {error}"),
//!     }
//! }
//!
//! let app: Router = Router::new().route("/callback", get(callback));
//! ```

use std::fmt;

use axum_core::extract::rejection::StringRejection;
use axum_core::extract::{FromRequest, FromRequestParts, Request};
use axum_core::response::{IntoResponse, Response};
use http::request::Parts;
use http::{header, HeaderMap, StatusCode};

use crate::Error;

/// What the extractors can decode: every [`OidcMessage`](crate::OidcMessage) and every success-or-error
/// response enum derived with `#[derive(OidcMessage)]` (the built-in
/// [`AuthenticationResponse`](crate::messages::AuthenticationResponse), ... included).
/// Implement it for your own type that has `from_form` / `from_json` functions.
pub trait Decode: Sized {
    /// Decodes a form body or a URL query (undecoded text).
    fn decode_form(form: &str) -> Result<Self, Error>;
    /// Decodes a JSON document.
    fn decode_json(json: &str) -> Result<Self, Error>;
}

impl<T: crate::__private::Decodable> Decode for T {
    fn decode_form(form: &str) -> Result<Self, Error> {
        T::decode_form(form)
    }

    fn decode_json(json: &str) -> Result<Self, Error> {
        T::decode_json(json)
    }
}

/// Decodes `T` from the raw query of the request URI with `from_form`; an absent query
/// is an empty one. The fragment never reaches a server: an implicit or hybrid response
/// is sent back with `response_mode=form_post` ([`OidcForm`]) instead.
#[derive(Debug, Clone, PartialEq)]
pub struct OidcQuery<T>(pub T);

/// Decodes `T` from a raw `application/x-www-form-urlencoded` body with `from_form`.
/// Another `Content-Type` is refused with `415`; the body size limit is axum's
/// (`DefaultBodyLimit`).
#[derive(Debug, Clone, PartialEq)]
pub struct OidcForm<T>(pub T);

/// Decodes `T` from a raw `application/json` (or `application/*+json`) body with
/// `from_json`. Another `Content-Type` is refused with `415`; the body size limit is
/// axum's (`DefaultBodyLimit`).
#[derive(Debug, Clone, PartialEq)]
pub struct OidcJson<T>(pub T);

/// Why an extractor refused a request. As a response:
///
/// | variant | status | body |
/// |---|---|---|
/// | `Message` | 400 Bad Request | the [`Error`]'s one line |
/// | `ContentType` | 415 Unsupported Media Type | `expected Content-Type ...` |
/// | `Body` | axum's: 400 (not UTF-8), 413 (over the body limit), ... | axum's text |
#[derive(Debug)]
#[non_exhaustive]
pub enum OidcRejection {
    /// The message did not decode.
    Message(Error),
    /// The request's `Content-Type` is not the one the extractor reads.
    ContentType {
        /// The media type the extractor reads.
        expected: &'static str,
    },
    /// The body could not be read as text.
    Body(StringRejection),
}

impl fmt::Display for OidcRejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OidcRejection::Message(error) => fmt::Display::fmt(error, f),
            OidcRejection::ContentType { expected } => {
                write!(f, "expected Content-Type {expected}")
            }
            OidcRejection::Body(rejection) => fmt::Display::fmt(rejection, f),
        }
    }
}

impl std::error::Error for OidcRejection {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            OidcRejection::Message(error) => Some(error),
            OidcRejection::ContentType { .. } => None,
            OidcRejection::Body(rejection) => Some(rejection),
        }
    }
}

impl IntoResponse for OidcRejection {
    fn into_response(self) -> Response {
        match self {
            OidcRejection::Message(error) => {
                (StatusCode::BAD_REQUEST, error.to_string()).into_response()
            }
            OidcRejection::ContentType { .. } => {
                (StatusCode::UNSUPPORTED_MEDIA_TYPE, self.to_string()).into_response()
            }
            OidcRejection::Body(rejection) => rejection.into_response(),
        }
    }
}

impl From<Error> for OidcRejection {
    fn from(error: Error) -> Self {
        OidcRejection::Message(error)
    }
}

const FORM: &str = "application/x-www-form-urlencoded";
const JSON: &str = "application/json";

/// The media type of the `Content-Type` header (RFC 9110 §8.3.1: `type/subtype`, then
/// optional `; parameters`), if there is exactly one header.
fn media_type(headers: &HeaderMap) -> Option<&str> {
    let mut values = headers.get_all(header::CONTENT_TYPE).iter();
    let value = values.next()?;
    if values.next().is_some() {
        return None;
    }
    let text = value.to_str().ok()?;
    Some(text.split(';').next().unwrap_or(text).trim())
}

fn is_form(headers: &HeaderMap) -> bool {
    media_type(headers).is_some_and(|m| m.eq_ignore_ascii_case(FORM))
}

/// `application/json` or a structured syntax suffix `application/*+json` (RFC 6839 §3.1).
fn is_json(headers: &HeaderMap) -> bool {
    media_type(headers).is_some_and(|m| {
        let Some((kind, subtype)) = m.split_once('/') else {
            return false;
        };
        kind.eq_ignore_ascii_case("application")
            && (subtype.eq_ignore_ascii_case("json")
                || subtype
                    .get(subtype.len().saturating_sub(5)..)
                    .is_some_and(|suffix| suffix.eq_ignore_ascii_case("+json")))
    })
}

impl<T: Decode, S: Send + Sync> FromRequestParts<S> for OidcQuery<T> {
    type Rejection = OidcRejection;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or("");
        Ok(OidcQuery(T::decode_form(query)?))
    }
}

impl<T: Decode, S: Send + Sync> FromRequest<S> for OidcForm<T> {
    type Rejection = OidcRejection;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        if !is_form(request.headers()) {
            return Err(OidcRejection::ContentType { expected: FORM });
        }
        let body = String::from_request(request, state)
            .await
            .map_err(OidcRejection::Body)?;
        Ok(OidcForm(T::decode_form(&body)?))
    }
}

impl<T: Decode, S: Send + Sync> FromRequest<S> for OidcJson<T> {
    type Rejection = OidcRejection;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        if !is_json(request.headers()) {
            return Err(OidcRejection::ContentType { expected: JSON });
        }
        let body = String::from_request(request, state)
            .await
            .map_err(OidcRejection::Body)?;
        Ok(OidcJson(T::decode_json(&body)?))
    }
}

#[cfg(test)]
mod tests;
