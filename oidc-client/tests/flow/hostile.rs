//! A provider that misbehaves: redirects, huge bodies, hangs, unreachable, garbage.

use std::time::Duration;

use oidc_client::{Endpoint, Error, ErrorKind, HttpResponse};
use oidc_core::OidcMessage;

use crate::provider::{failed_login, json, Provider, ISSUER};

#[tokio::test]
async fn a_redirect_from_the_token_endpoint_is_not_followed() {
    let provider = Provider::new();
    let client = provider.client().await;
    provider.answer(
        "/token",
        HttpResponse::new(
            307,
            vec![("Location".into(), "https://evil.example/steal".into())],
            "",
        ),
    );
    let error = failed_login(&provider, &client).await;
    assert_eq!(error.kind(), ErrorKind::Redirect);
    assert!(
        matches!(
            error,
            Error::Redirect {
                endpoint: Endpoint::Token,
                status: 307
            }
        ),
        "{error:?}"
    );
    // One request to the token endpoint, none elsewhere.
    let paths = provider.paths();
    assert_eq!(paths.iter().filter(|p| *p == "/token").count(), 1);
    assert!(paths.iter().all(|p| !p.contains("evil")), "{paths:?}");
    // Every 3xx, at both ends of the range; 200 and 400 are not redirects.
    for status in [300, 399] {
        provider.answer("/token", HttpResponse::new(status, vec![], ""));
        let error = client.refresh("x", &dummy_id_token()).await.unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Redirect, "{status}");
    }
    provider.answer("/token", json(400, r#"{"error":"invalid_grant"}"#));
    let error = client.refresh("x", &dummy_id_token()).await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Protocol);
}

fn dummy_id_token() -> oidc_core::messages::IdToken {
    oidc_core::messages::IdToken::new(
        ISSUER,
        "alice",
        "rp",
        oidc_core::NumericDate::from_secs(0),
        oidc_core::NumericDate::from_secs(0),
    )
}

#[tokio::test]
async fn a_body_over_the_limit_is_refused() {
    let provider = Provider::new();
    let document = provider.metadata.to_json();
    // Exactly the limit: read.
    let client = provider
        .builder()
        .max_response_bytes(document.len())
        .discover(ISSUER)
        .await
        .unwrap();
    assert_eq!(client.metadata().issuer, ISSUER);
    // One byte less: refused.
    let error = provider
        .builder()
        .max_response_bytes(document.len() - 1)
        .discover(ISSUER)
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::BodyTooLarge);
    assert!(
        matches!(error, Error::BodyTooLarge { endpoint: Endpoint::Discovery, limit } if limit == document.len() - 1),
        "{error:?}"
    );
    // The limit reaches the transport, which should stop reading after it.
    assert_eq!(
        provider
            .last("/.well-known/openid-configuration")
            .max_body_bytes,
        document.len() - 1
    );
}

#[tokio::test]
async fn a_huge_token_response_is_refused() {
    let provider = Provider::new();
    let client = provider
        .builder()
        .max_response_bytes(4096)
        .discover(ISSUER)
        .await
        .unwrap();
    let huge = format!(
        r#"{{"access_token":"{}","token_type":"Bearer"}}"#,
        "a".repeat(5000)
    );
    provider.answer("/token", json(200, huge));
    let error = client.refresh("x", &dummy_id_token()).await.unwrap_err();
    assert!(
        matches!(
            error,
            Error::BodyTooLarge {
                endpoint: Endpoint::Token,
                limit: 4096
            }
        ),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_provider_that_hangs_times_out() {
    let provider = Provider::new();
    let client = provider
        .builder()
        .timeout(Duration::from_secs(3))
        .discover(ISSUER)
        .await
        .unwrap();
    provider.state().hang = true;
    let error = client.refresh("x", &dummy_id_token()).await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Timeout);
    assert!(
        matches!(error, Error::Timeout { endpoint: Endpoint::Token, timeout } if timeout == Duration::from_secs(3)),
        "{error:?}"
    );
    assert_eq!(provider.last("/token").timeout, Duration::from_secs(3));
}

#[tokio::test]
async fn the_transports_own_timeout_is_a_timeout() {
    let provider = Provider::new();
    provider.state().transport_timeout = true;
    let error = provider
        .builder()
        .timeout(Duration::from_secs(4))
        .discover(ISSUER)
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::Timeout { endpoint: Endpoint::Discovery, timeout } if timeout == Duration::from_secs(4)),
        "{error:?}"
    );
}

#[tokio::test]
async fn the_default_body_limit_is_512_kib() {
    let provider = Provider::new();
    let client = provider.client().await;
    // A JSON body of exactly 512 KiB is read; one byte more is refused unread.
    let body = |len: usize| {
        let json = r#"{"active":false}"#;
        format!("{json}{}", " ".repeat(len - json.len()))
    };
    provider.answer("/introspect", json(200, body(512 * 1024)));
    assert!(!client.introspect("t", None).await.unwrap().active);
    provider.answer("/introspect", json(200, body(512 * 1024 + 1)));
    let error = client.introspect("t", None).await.unwrap_err();
    assert!(
        matches!(error, Error::BodyTooLarge { endpoint: Endpoint::Introspection, limit } if limit == 512 * 1024),
        "{error:?}"
    );
}

#[tokio::test]
async fn transport_errors_are_not_protocol_errors() {
    let provider = Provider::new();
    provider.state().unreachable = true;
    let error = provider.builder().discover(ISSUER).await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Transport);
    assert!(error.protocol().is_none());
    assert_eq!(error.to_string(), "discovery: connection refused");
}

#[tokio::test]
async fn an_error_page_is_a_status_error_and_garbage_an_invalid_response() {
    let provider = Provider::new();
    let client = provider.client().await;
    provider.answer(
        "/token",
        HttpResponse::new(502, vec![], "<html>Bad Gateway</html>"),
    );
    let error = client.refresh("x", &dummy_id_token()).await.unwrap_err();
    assert!(
        matches!(
            error,
            Error::Status {
                endpoint: Endpoint::Token,
                status: 502
            }
        ),
        "{error:?}"
    );
    assert_eq!(error.kind(), ErrorKind::HttpStatus);
    provider.answer("/token", HttpResponse::new(200, vec![], vec![0xff, 0xfe]));
    let error = client.refresh("x", &dummy_id_token()).await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidResponse);
    provider.answer("/token", json(200, r#"{"token_type":"Bearer"}"#));
    let error = client.refresh("x", &dummy_id_token()).await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidResponse);
    assert!(error.to_string().contains("access_token"), "{error}");
}

#[tokio::test]
async fn a_hostile_description_stays_on_one_line() {
    let provider = Provider::new();
    let client = provider.client().await;
    provider.answer(
        "/token",
        json(
            400,
            r#"{"error":"invalid_grant","error_description":"no\r\nINFO forged"}"#,
        ),
    );
    let error = client.refresh("x", &dummy_id_token()).await.unwrap_err();
    let text = error.to_string();
    assert!(!text.contains('\n') && !text.contains('\r'), "{text}");
    assert!(text.contains(r"no\r\nINFO forged"), "{text}");
}

#[tokio::test]
async fn debug_names_the_provider_and_client_never_the_secret() {
    use crate::provider::{CLIENT_ID, SECRET};
    let provider = Provider::new();
    let builder = provider.builder();
    let shown = format!("{builder:?}");
    assert!(
        shown.contains(CLIENT_ID) && !shown.contains(SECRET),
        "{shown}"
    );
    let client = builder.discover(ISSUER).await.unwrap();
    let shown = format!("{client:?}");
    assert!(shown.starts_with("Client {"), "{shown}");
    assert!(
        shown.contains(ISSUER) && shown.contains(CLIENT_ID),
        "{shown}"
    );
    assert!(shown.contains("https://rp.example/cb"), "{shown}");
    assert!(!shown.contains(SECRET), "{shown}");
    // The requests the client sends hide their credentials too.
    client.introspect("the-token", None).await.unwrap();
    let request = format!("{:?}", provider.last("/introspect"));
    assert!(request.contains("<redacted>"), "{request}");
    assert!(!request.contains("the-token"), "{request}");
}

#[tokio::test]
async fn a_success_body_with_an_error_status_is_not_a_success() {
    let provider = Provider::new();
    let client = provider.client().await;
    // A token response that decodes, sent with 400: neither tokens nor an OAuth error.
    provider.answer(
        "/token",
        json(400, r#"{"access_token":"at","token_type":"Bearer"}"#),
    );
    let error = client.refresh("x", &dummy_id_token()).await.unwrap_err();
    assert!(
        matches!(
            error,
            Error::Status {
                endpoint: Endpoint::Token,
                status: 400
            }
        ),
        "{error:?}"
    );
    // A body that is not UTF-8: with an error status it is that status; with 200 the
    // answer is invalid.
    provider.answer("/token", HttpResponse::new(502, vec![], vec![0xff, 0xfe]));
    let error = client.refresh("x", &dummy_id_token()).await.unwrap_err();
    assert!(
        matches!(
            error,
            Error::Status {
                endpoint: Endpoint::Token,
                status: 502
            }
        ),
        "{error:?}"
    );
    provider.answer("/token", HttpResponse::new(200, vec![], vec![0xff, 0xfe]));
    let error = client.refresh("x", &dummy_id_token()).await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidResponse, "{error:?}");
}
