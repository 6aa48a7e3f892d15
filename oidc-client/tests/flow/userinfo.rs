//! `userinfo`: OIDC Core §5.3.

use oidc_client::{Endpoint, Error, ErrorKind, ProtocolError};
use oidc_core::validation::{TokenError, ValidationError};

use crate::provider::{json, login, Provider, ACCESS_TOKEN, SUB};

#[tokio::test]
async fn userinfo_returns_the_claims_of_the_same_user() {
    let provider = Provider::new();
    let client = provider.client().await;
    let login = login(&provider, &client).await;
    let claims = client
        .userinfo(&login.tokens, &login.id_token)
        .await
        .unwrap();
    assert_eq!(claims.sub, SUB);
    assert_eq!(claims.claims.email.as_deref(), Some("alice@example.com"));
    let request = provider.last("/userinfo");
    assert_eq!(
        request.header_value("authorization"),
        Some(format!("Bearer {ACCESS_TOKEN}").as_str())
    );
    assert!(request.body.is_none());
}

#[tokio::test]
async fn userinfo_of_another_user_is_not_used() {
    let provider = Provider::new();
    let client = provider.client().await;
    let login = login(&provider, &client).await;
    provider.state().userinfo_sub = Some("mallory".into());
    let error = client
        .userinfo(&login.tokens, &login.id_token)
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Userinfo);
    match &error {
        Error::Userinfo(TokenError::Claims(ValidationError::SubMismatch { got, .. })) => {
            assert_eq!(got, "mallory")
        }
        e => panic!("{e:?}"),
    }
    // A sub that differs only in case is another user too.
    provider.state().userinfo_sub = Some(SUB.to_uppercase());
    let error = client
        .userinfo(&login.tokens, &login.id_token)
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Userinfo);
}

#[tokio::test]
async fn userinfo_errors_are_typed_from_the_challenge_or_the_body() {
    let provider = Provider::new();
    let client = provider.client().await;
    let mut login = login(&provider, &client).await;
    login.tokens.access_token = "revoked".into();
    let error = client
        .userinfo(&login.tokens, &login.id_token)
        .await
        .unwrap_err();
    match &error {
        Error::Protocol {
            endpoint: Endpoint::Userinfo,
            error: ProtocolError::Userinfo(e),
        } => assert_eq!(e.error.as_ref(), "invalid_token"),
        e => panic!("{e:?}"),
    }
    provider.answer("/userinfo", json(403, r#"{"error":"insufficient_scope"}"#));
    let error = client
        .userinfo(&login.tokens, &login.id_token)
        .await
        .unwrap_err();
    assert_eq!(
        error.protocol().map(ProtocolError::code),
        Some("insufficient_scope")
    );
    provider.answer("/userinfo", json(500, "<html>oops</html>"));
    let error = client
        .userinfo(&login.tokens, &login.id_token)
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::Status { status: 500, .. }),
        "{error:?}"
    );
}

#[tokio::test]
async fn userinfo_needs_the_endpoint() {
    let mut provider = Provider::new();
    provider.metadata.userinfo_endpoint = None;
    let client = provider.client().await;
    let login = login(&provider, &client).await;
    let error = client
        .userinfo(&login.tokens, &login.id_token)
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Config);
    assert!(error.to_string().contains("userinfo_endpoint"), "{error}");
}
