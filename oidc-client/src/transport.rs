//! The HTTP seam: [`Transport`] (send one request, sleep), what goes through it
//! ([`HttpRequest`], [`HttpResponse`]), and [`send`], which applies the client's rules
//! to every exchange whatever the transport: the timeout, no redirect, the body limit.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use crate::error::{Endpoint, Error, TransportError};

/// A boxed, `Send` future: what [`Transport`] methods return (`Box::pin(async move
/// { .. })`).
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// The HTTP client the [`Client`](crate::Client) talks through: reqwest by default
/// ([`ReqwestTransport`](crate::ReqwestTransport), feature `reqwest`), any other
/// client, or an in-process fake in tests.
///
/// The client enforces its rules on every exchange whatever the transport does (see
/// [`send`]): the answer must come within [`HttpRequest::timeout`] (raced against
/// [`sleep`](Self::sleep)), a 3xx answer is an error, a body longer than
/// [`HttpRequest::max_body_bytes`] is an error. A transport should still:
///
/// - **never follow redirects** (a followed redirect would carry the credentials of a
///   token request to another place before the client sees the 3xx);
/// - **stop reading the body** after `max_body_bytes + 1` bytes (so a hostile provider
///   cannot make it buffer gigabytes);
/// - apply `timeout` itself when it can (so an abandoned request is not left running).
pub trait Transport: Send + Sync {
    /// Sends `request` and reads the answer.
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>>;

    /// Waits `duration`: the client's timeout and device-flow polling use it, so time
    /// in tests is whatever the fake transport says.
    fn sleep(&self, duration: Duration) -> BoxFuture<'_, ()>;
}

/// An HTTP method the client uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Method {
    /// `GET` (discovery, JWK Set, UserInfo).
    Get,
    /// `POST` with a form body (token, PAR, introspection, revocation, device).
    Post,
}

impl Method {
    /// `"GET"` / `"POST"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

/// One request. `Debug` hides the body and the values of `Authorization` and `DPoP`
/// (credentials, tokens, proofs).
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct HttpRequest {
    /// The method.
    pub method: Method,
    /// The absolute URL.
    pub url: String,
    /// Header names (lower case) and values.
    pub headers: Vec<(&'static str, String)>,
    /// The `application/x-www-form-urlencoded` body of a `POST`.
    pub body: Option<String>,
    /// How long the whole exchange may take.
    pub timeout: Duration,
    /// The largest body the client accepts: read at most one byte more.
    pub max_body_bytes: usize,
}

impl HttpRequest {
    pub(crate) fn new(method: Method, url: &str, limits: &Limits) -> Self {
        HttpRequest {
            method,
            url: url.to_owned(),
            headers: vec![("accept", "application/json".to_owned())],
            body: None,
            timeout: limits.timeout,
            max_body_bytes: limits.max_response_bytes,
        }
    }

    pub(crate) fn header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    pub(crate) fn form(mut self, body: String) -> Self {
        self.headers.push((
            "content-type",
            "application/x-www-form-urlencoded".to_owned(),
        ));
        self.body = Some(body);
        self
    }

    /// The value of header `name` (lower case), if set.
    pub fn header_value(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }
}

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(name, value)| match *name {
                "authorization" | "dpop" => (*name, "<redacted>"),
                _ => (*name, value.as_str()),
            })
            .collect();
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &headers)
            .field("body", &self.body.as_ref().map(|_| "<redacted>"))
            .field("timeout", &self.timeout)
            .field("max_body_bytes", &self.max_body_bytes)
            .finish()
    }
}

/// One answer.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct HttpResponse {
    /// The status code.
    pub status: u16,
    /// Header names and values, in order (names in any case).
    pub headers: Vec<(String, String)>,
    /// The body (a transport reads at most `max_body_bytes + 1` bytes of it).
    pub body: Vec<u8>,
}

impl HttpResponse {
    /// An answer.
    pub fn new(status: u16, headers: Vec<(String, String)>, body: impl Into<Vec<u8>>) -> Self {
        HttpResponse {
            status,
            headers,
            body: body.into(),
        }
    }

    /// The first value of header `name` (compared case-insensitively).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Whether the status is 2xx.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// The body as UTF-8 text (JSON is UTF-8, RFC 8259 §8.1).
    pub(crate) fn text(&self, endpoint: Endpoint) -> Result<&str, Error> {
        std::str::from_utf8(&self.body).map_err(|_| Error::InvalidResponse {
            endpoint,
            source: oidc_core::Error::new(
                "response",
                oidc_core::ErrorKind::Invalid("the body is not UTF-8".to_owned()),
            ),
        })
    }
}

/// The limits every exchange runs under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Limits {
    pub(crate) timeout: Duration,
    pub(crate) max_response_bytes: usize,
}

/// Default timeout of one exchange: 10 s.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);
/// Default largest response body: 512 KiB (a discovery document or JWK Set is a few
/// KiB; Entra's are the largest real ones, under 10 KiB).
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 512 * 1024;

impl Default for Limits {
    fn default() -> Self {
        Limits {
            timeout: DEFAULT_TIMEOUT,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
        }
    }
}

/// Sends `request` through `transport` to `endpoint` under the client's rules: an
/// answer within `request.timeout` (else [`Error::Timeout`]), never a 3xx
/// ([`Error::Redirect`]), a body of at most `request.max_body_bytes`
/// ([`Error::BodyTooLarge`]). Any other status is returned for the caller to read.
pub async fn send(
    transport: &dyn Transport,
    endpoint: Endpoint,
    request: HttpRequest,
) -> Result<HttpResponse, Error> {
    let (timeout, limit) = (request.timeout, request.max_body_bytes);
    let response = match race(transport.send(request), transport.sleep(timeout)).await {
        Some(Ok(response)) => response,
        Some(Err(error)) if error.is_timeout() => return Err(Error::Timeout { endpoint, timeout }),
        Some(Err(source)) => return Err(Error::Transport { endpoint, source }),
        None => return Err(Error::Timeout { endpoint, timeout }),
    };
    if (300..400).contains(&response.status) {
        return Err(Error::Redirect {
            endpoint,
            status: response.status,
        });
    }
    if response.body.len() > limit {
        return Err(Error::BodyTooLarge { endpoint, limit });
    }
    Ok(response)
}

/// `Some(output)` of `work` if it finishes first (or together), `None` if `deadline`
/// does.
fn race<'a, T>(work: BoxFuture<'a, T>, deadline: BoxFuture<'a, ()>) -> Race<'a, T> {
    Race { work, deadline }
}

struct Race<'a, T> {
    work: BoxFuture<'a, T>,
    deadline: BoxFuture<'a, ()>,
}

impl<T> Future for Race<'_, T> {
    type Output = Option<T>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
        if let Poll::Ready(output) = self.work.as_mut().poll(cx) {
            return Poll::Ready(Some(output));
        }
        match self.deadline.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(None),
            Poll::Pending => Poll::Pending,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn methods_are_named_as_http_names_them() {
        assert_eq!(Method::Get.as_str(), "GET");
        assert_eq!(Method::Post.as_str(), "POST");
    }

    #[test]
    fn debug_hides_credentials() {
        let request = HttpRequest::new(Method::Post, "https://op/token", &Limits::default())
            .header("authorization", "Basic c2VjcmV0")
            .header("dpop", "eyJproof")
            .form("code=the-code&client_secret=s3cret".into());
        let shown = format!("{request:?}");
        for secret in ["c2VjcmV0", "eyJproof", "the-code", "s3cret"] {
            assert!(!shown.contains(secret), "{shown}");
        }
        assert!(shown.contains("application/x-www-form-urlencoded"));
        assert_eq!(request.header_value("dpop"), Some("eyJproof"));
        assert_eq!(request.header_value("cookie"), None);
    }

    #[test]
    fn response_headers_ignore_case() {
        let response = HttpResponse::new(
            200,
            vec![
                ("DPoP-Nonce".into(), "n1".into()),
                ("dpop-nonce".into(), "n2".into()),
            ],
            "{}",
        );
        assert_eq!(response.header("dpop-nonce"), Some("n1"));
        assert_eq!(response.header("x"), None);
        assert!(response.is_success());
        assert!(!HttpResponse::new(199, vec![], "").is_success());
        assert!(HttpResponse::new(299, vec![], "").is_success());
        assert!(!HttpResponse::new(300, vec![], "").is_success());
        let bad = HttpResponse::new(200, vec![], vec![0xff, 0xfe]);
        assert!(matches!(
            bad.text(Endpoint::Token),
            Err(Error::InvalidResponse { .. })
        ));
    }
}
