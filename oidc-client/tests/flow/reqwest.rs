//! The default transport, `ReqwestTransport`, against a raw HTTP server on 127.0.0.1:
//! a redirect is not followed, a body over the limit is cut, a server that never
//! answers times out, TLS is set up without any process-wide rustls provider.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use oidc_client::{Client, Endpoint, Error, ErrorKind};
use oidc_core::client_auth::ClientAuth;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// A server answering every connection with `response` (after reading the request
/// head), or never answering when `response` is `None`. Returns its base URL and the
/// number of connections it accepted.
async fn serve(response: Option<Vec<u8>>) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let accepted = Arc::new(AtomicUsize::new(0));
    let count = Arc::clone(&accepted);
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            count.fetch_add(1, Ordering::SeqCst);
            let response = response.clone();
            tokio::spawn(async move {
                let mut head = Vec::new();
                let mut buffer = [0u8; 1024];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                    match socket.read(&mut buffer).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => head.extend_from_slice(&buffer[..n]),
                    }
                }
                match response {
                    // The client may hang up before the body is written: ignore it.
                    Some(bytes) => drop(socket.write_all(&bytes).await),
                    None => std::future::pending::<()>().await,
                }
            });
        }
    });
    (url, accepted)
}

fn builder() -> oidc_client::ClientBuilder {
    Client::builder(ClientAuth::client_secret_basic("rp", "secret")).timeout(Duration::from_secs(5))
}

#[tokio::test]
async fn a_redirect_is_refused_and_not_followed() {
    let (elsewhere, hits) = serve(Some(
        b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}".to_vec(),
    ))
    .await;
    let redirect = format!(
        "HTTP/1.1 302 Found\r\nlocation: {elsewhere}/.well-known/openid-configuration\r\ncontent-length: 0\r\n\r\n"
    );
    let (issuer, _) = serve(Some(redirect.into_bytes())).await;
    let error = builder().discover(&issuer).await.unwrap_err();
    assert!(
        matches!(
            error,
            Error::Redirect {
                endpoint: Endpoint::Discovery,
                status: 302
            }
        ),
        "{error:?}"
    );
    assert_eq!(hits.load(Ordering::SeqCst), 0, "the redirect was followed");
}

#[tokio::test]
async fn a_body_over_the_limit_is_refused() {
    // A chunked body of 64 KiB, far over the 1 KiB limit.
    let mut response =
        b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n"
            .to_vec();
    for _ in 0..64 {
        response.extend_from_slice(b"400\r\n");
        response.extend_from_slice(&[b' '; 0x400]);
        response.extend_from_slice(b"\r\n");
    }
    response.extend_from_slice(b"0\r\n\r\n");
    let (issuer, _) = serve(Some(response)).await;
    let error = builder()
        .max_response_bytes(1024)
        .discover(&issuer)
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::BodyTooLarge {
                endpoint: Endpoint::Discovery,
                limit: 1024
            }
        ),
        "{error:?}"
    );
    // At the limit exactly, the body is read (and then refused as no document).
    let (issuer, _) = serve(Some(
        b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 4\r\n\r\nnull"
            .to_vec(),
    ))
    .await;
    let error = builder()
        .max_response_bytes(4)
        .discover(&issuer)
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidResponse, "{error:?}");
}

#[tokio::test]
async fn a_server_that_never_answers_times_out() {
    let (issuer, _) = serve(None).await;
    let error = builder()
        .timeout(Duration::from_millis(200))
        .discover(&issuer)
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Timeout, "{error:?}");
    assert_eq!(
        error.to_string(),
        "discovery: no answer within 200ms",
        "{error:?}"
    );
}

#[tokio::test]
async fn tls_is_set_up_without_a_process_wide_provider() {
    // No rustls provider is installed in this process: the transport brings its own
    // (ring). A server that does not speak TLS fails the handshake: a transport error
    // that names neither a panic nor the URL's query.
    assert!(rustls::crypto::CryptoProvider::get_default().is_none());
    // The server answers plain HTTP at once, without waiting for a request head (a
    // ClientHello has none), and hangs up.
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let plain = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            drop(socket.write_all(b"HTTP/1.1 400 Bad Request\r\n\r\n").await);
        }
    });
    let issuer = plain.replacen("http://", "https://", 1);
    let error = builder().discover(&issuer).await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Transport, "{error:?}");
    let text = error.to_string();
    assert!(text.starts_with("discovery: "), "{text}");
    // rustls read the plain answer as a TLS record and refused it.
    assert!(text.contains("InvalidContentType"), "{text}");
}
