//! What the caller's fetch gives the [`KeyCache`](super::KeyCache): the JWK Set document
//! and its `Cache-Control`, or why it failed. The transport is the caller's (reqwest,
//! ureq, hyper, a file, a test's closure): the core has no HTTP client.

use std::fmt;
use std::future::Future;

use super::cache_control::max_age;
use crate::error::OneLine;

/// Why the JWK Set could not be fetched or read: one line of at most 200 characters
/// (control characters escaped), from the caller's fetch or from reading the document.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the JWK Set could not be fetched: {reason}")]
pub struct KeyFetchError {
    reason: String,
}

impl KeyFetchError {
    /// A failure, described by `reason` (a transport error, an HTTP status, ...). Keep
    /// credentials out of it: it reaches logs.
    ///
    /// ```
    /// use oidc_core::jwt::KeyFetchError;
    ///
    /// let e = KeyFetchError::new("HTTP 503\r\nfrom the jwks_uri");
    /// assert_eq!(e.to_string(), r"the JWK Set could not be fetched: HTTP 503\r\nfrom the jwks_uri");
    /// ```
    pub fn new(reason: impl fmt::Display) -> Self {
        KeyFetchError {
            reason: OneLine::new(&reason.to_string()).to_string(),
        }
    }

    /// The reason, as given (bounded, one line).
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

/// A fetched JWK Set document and how long it may be cached.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct JwksResponse {
    /// The response body: a JWK Set (RFC 7517 §5).
    pub body: String,
    /// The freshness lifetime in seconds the response gave (`Cache-Control: max-age`),
    /// or `None` for the cache's default. The cache bounds it.
    pub max_age: Option<u64>,
}

impl JwksResponse {
    /// A response without freshness information: the cache's default applies.
    pub fn new(body: impl Into<String>) -> Self {
        JwksResponse {
            body: body.into(),
            max_age: None,
        }
    }

    /// The response's `Cache-Control` header value, if any (several header lines joined
    /// with `,`): its `max-age` sets the freshness lifetime; `no-cache`, `no-store`, a
    /// repeated or malformed `max-age` make the response stale at once (RFC 9111
    /// §5.2.2, §4.2.1), which the cache turns into its minimum lifetime. See
    /// [`KeyCache`](super::KeyCache) for the bounds.
    ///
    /// ```
    /// use oidc_core::jwt::JwksResponse;
    ///
    /// let r = JwksResponse::new("{\"keys\":[]}").cache_control(Some("public, max-age=3600, must-revalidate"));
    /// assert_eq!(r.max_age, Some(3600));
    /// assert_eq!(JwksResponse::new("").cache_control(Some("no-store")).max_age, Some(0));
    /// assert_eq!(JwksResponse::new("").cache_control(None).max_age, None);
    /// ```
    pub fn cache_control(mut self, header: Option<&str>) -> Self {
        self.max_age = header.and_then(max_age);
        self
    }

    /// The freshness lifetime in seconds, set directly.
    pub fn max_age(mut self, seconds: u64) -> Self {
        self.max_age = Some(seconds);
        self
    }
}

/// A blocking fetch of the JWK Set (from the provider's `jwks_uri`). Any
/// `Fn() -> Result<JwksResponse, KeyFetchError>` closure is one.
///
/// Bound the time it takes (an HTTP timeout): a verification that needs a fetch waits
/// for it, and so do the other threads that need the same fetch.
pub trait FetchKeys {
    /// Fetches the JWK Set document.
    fn fetch(&self) -> Result<JwksResponse, KeyFetchError>;
}

impl<F: Fn() -> Result<JwksResponse, KeyFetchError>> FetchKeys for F {
    fn fetch(&self) -> Result<JwksResponse, KeyFetchError> {
        self()
    }
}

/// An asynchronous fetch of the JWK Set. Any `Fn() -> impl Future<Output =
/// Result<JwksResponse, KeyFetchError>> + Send` closure is one (an `async move` block
/// around an HTTP client's request).
///
/// Bound the time it takes (an HTTP timeout): the verifications that need the fetch
/// await it.
pub trait FetchKeysAsync {
    /// Fetches the JWK Set document.
    fn fetch(&self) -> impl Future<Output = Result<JwksResponse, KeyFetchError>> + Send;
}

impl<F, Fut> FetchKeysAsync for F
where
    F: Fn() -> Fut,
    Fut: Future<Output = Result<JwksResponse, KeyFetchError>> + Send,
{
    fn fetch(&self) -> impl Future<Output = Result<JwksResponse, KeyFetchError>> + Send {
        self()
    }
}
