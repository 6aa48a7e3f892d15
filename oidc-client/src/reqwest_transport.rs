//! [`ReqwestTransport`]: the default [`Transport`], reqwest over rustls (feature
//! `reqwest`).

use std::sync::Arc;
use std::time::Duration;

use rustls_platform_verifier::BuilderVerifierExt;

use crate::error::TransportError;
use crate::transport::{BoxFuture, HttpRequest, HttpResponse, Method, Transport};

/// reqwest with rustls (the ring provider, the platform's trust store), set up for
/// talking to a provider that may be hostile: no redirect is followed, no proxy from
/// the environment, every request bounded by its timeout, the body read chunk by chunk
/// and dropped past the limit. Cloning shares the connection pool.
#[derive(Debug, Clone)]
pub struct ReqwestTransport {
    http: reqwest::Client,
}

impl ReqwestTransport {
    /// A transport with a new reqwest client (redirects off, no proxy; TLS 1.2 and 1.3
    /// through rustls with ring, certificates checked against the platform's trust
    /// store). The TLS configuration is the transport's own: no process-wide rustls
    /// provider is installed or needed.
    ///
    /// # Errors
    ///
    /// When TLS cannot be set up (no usable trust store).
    pub fn new() -> Result<Self, TransportError> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let tls = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .and_then(|builder| builder.with_platform_verifier())
            .map_err(|e| TransportError::new(format!("TLS setup: {e}")))?
            .with_no_client_auth();
        let http = reqwest::Client::builder()
            .tls_backend_preconfigured(tls)
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .build()
            .map_err(|e| TransportError::new(e.without_url()))?;
        Ok(ReqwestTransport { http })
    }

    /// A transport over your reqwest client. Build it with
    /// `.redirect(reqwest::redirect::Policy::none())`: the client refuses a 3xx
    /// answer, but only a client that does not follow it keeps the request's
    /// credentials from going elsewhere first.
    pub fn with_client(http: reqwest::Client) -> Self {
        ReqwestTransport { http }
    }
}

impl Transport for ReqwestTransport {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        Box::pin(async move {
            let method = match request.method {
                Method::Get => reqwest::Method::GET,
                Method::Post => reqwest::Method::POST,
            };
            let mut builder = self
                .http
                .request(method, &request.url)
                .timeout(request.timeout);
            for (name, value) in &request.headers {
                builder = builder.header(*name, value);
            }
            if let Some(body) = request.body {
                builder = builder.body(body);
            }
            let mut response = builder.send().await.map_err(transport_error)?;
            let status = response.status().as_u16();
            let headers = response
                .headers()
                .iter()
                .filter_map(|(name, value)| {
                    Some((name.as_str().to_owned(), value.to_str().ok()?.to_owned()))
                })
                .collect();
            // Read at most one byte past the limit: enough to tell the caller it was
            // exceeded, never more.
            let mut body = Vec::new();
            while let Some(chunk) = response.chunk().await.map_err(transport_error)? {
                let room = request.max_body_bytes.saturating_add(1) - body.len();
                body.extend_from_slice(&chunk[..chunk.len().min(room)]);
                if body.len() > request.max_body_bytes {
                    break;
                }
            }
            Ok(HttpResponse::new(status, headers, body))
        })
    }

    fn sleep(&self, duration: Duration) -> BoxFuture<'_, ()> {
        Box::pin(tokio::time::sleep(duration))
    }
}

/// reqwest's error without its URL (a URL can carry a token in its query), with its
/// causes (connection refused, the TLS alert).
fn transport_error(error: reqwest::Error) -> TransportError {
    if error.is_timeout() {
        return TransportError::timeout();
    }
    let error = error.without_url();
    let mut text = error.to_string();
    let mut cause = std::error::Error::source(&error);
    while let Some(inner) = cause {
        text.push_str(": ");
        text.push_str(&inner.to_string());
        cause = inner.source();
    }
    TransportError::new(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transport::Limits;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    #[tokio::test]
    async fn an_endless_body_is_read_to_one_byte_past_the_limit_then_dropped() {
        // A server that streams a chunked body forever, 4 KiB at a time.
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/", listener.local_addr().unwrap());
        tokio::spawn(async move {
            let (mut socket, _) = listener.accept().await.unwrap();
            let mut head = [0u8; 1024];
            let _ = socket.read(&mut head).await;
            let start = "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n";
            if socket.write_all(start.as_bytes()).await.is_err() {
                return;
            }
            let mut chunk = b"1000\r\n".to_vec();
            chunk.extend_from_slice(&[b'x'; 0x1000]);
            chunk.extend_from_slice(b"\r\n");
            while socket.write_all(&chunk).await.is_ok() {}
        });
        let limits = Limits {
            timeout: Duration::from_secs(5),
            max_response_bytes: 10_000,
        };
        let request = HttpRequest::new(Method::Get, &url, &limits);
        let transport = ReqwestTransport::new().unwrap();
        let response = tokio::time::timeout(Duration::from_secs(5), transport.send(request))
            .await
            .expect("the transport stops reading past the limit")
            .unwrap();
        assert_eq!(response.status, 200);
        assert_eq!(response.body.len(), 10_001);
    }
}
