//! `refresh`: OIDC Core §12.

use oidc_client::{Error, ErrorKind, ProtocolError};
use oidc_core::messages::IdToken;
use oidc_core::validation::{TokenError, ValidationError};
use oidc_core::NumericDate;

use crate::provider::{json, login, Provider, ACCESS_TOKEN, NOW, REFRESH_TOKEN, SUB};

#[tokio::test]
async fn a_refresh_returns_new_tokens_and_a_checked_id_token() {
    let provider = Provider::new();
    let client = provider.client().await;
    let login = login(&provider, &client).await;
    let refreshed = client
        .refresh(REFRESH_TOKEN, &login.id_token)
        .await
        .unwrap();
    assert_eq!(refreshed.tokens.access_token, ACCESS_TOKEN);
    assert_eq!(refreshed.id_token.unwrap().sub, SUB);
    let body = provider.last("/token").body.unwrap();
    assert!(body.contains("grant_type=refresh_token"), "{body}");
    assert!(
        body.contains(&format!("refresh_token={REFRESH_TOKEN}")),
        "{body}"
    );
}

#[tokio::test]
async fn a_refresh_may_return_no_id_token() {
    let provider = Provider::new();
    let client = provider.client().await;
    let login = login(&provider, &client).await;
    provider.answer(
        "/token",
        json(200, r#"{"access_token":"at-2","token_type":"Bearer"}"#),
    );
    let refreshed = client
        .refresh(REFRESH_TOKEN, &login.id_token)
        .await
        .unwrap();
    assert_eq!(refreshed.tokens.access_token, "at-2");
    assert!(refreshed.id_token.is_none());
}

#[tokio::test]
async fn a_refused_refresh_is_a_protocol_error() {
    let provider = Provider::new();
    let client = provider.client().await;
    let login = login(&provider, &client).await;
    let error = client
        .refresh("revoked", &login.id_token)
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Protocol);
    assert_eq!(
        error.protocol().map(ProtocolError::code),
        Some("invalid_grant")
    );
}

/// Refreshes after a login whose ID Token was `original`, with the refreshed ID Token
/// edited by `edit`.
async fn refresh_with(
    original: impl Fn(&mut IdToken) + Send + 'static,
    edit: impl Fn(&mut IdToken) + Send + 'static,
) -> Result<Option<IdToken>, Error> {
    let provider = Provider::new();
    let client = provider.client().await;
    provider.state().id_token_edit = Some(Box::new(original));
    let login = login(&provider, &client).await;
    provider.state().id_token_edit = Some(Box::new(edit));
    client
        .refresh(REFRESH_TOKEN, &login.id_token)
        .await
        .map(|r| r.id_token)
}

fn refused_claim(result: Result<Option<IdToken>, Error>) -> &'static str {
    match result {
        Err(Error::Refresh { claim }) => claim,
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_refreshed_id_token_is_about_the_same_session() {
    // OIDC Core §12.2, each rule on both sides.
    assert_eq!(
        refused_claim(refresh_with(|_| {}, |t| t.sub = "mallory".into()).await),
        "sub"
    );
    // Another audience is refused by the ID Token checks already.
    let error = refresh_with(
        |_| {},
        |t| t.aud = vec!["rp".to_owned(), "other".to_owned()].into(),
    )
    .await
    .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Token, "{error:?}");
    // The same audience, written as an array, is the same value.
    assert!(
        refresh_with(|_| {}, |t| t.aud = vec!["rp".to_owned()].into())
            .await
            .is_ok()
    );
    let later = NumericDate::from_secs(NOW - 10);
    assert_eq!(
        refused_claim(refresh_with(|_| {}, move |t| t.auth_time = Some(later)).await),
        "auth_time"
    );
    // auth_time may be omitted, and may be the original's.
    assert!(refresh_with(|_| {}, |t| t.auth_time = None)
        .await
        .unwrap()
        .is_some());
    assert!(refresh_with(|_| {}, |_| {}).await.unwrap().is_some());
    // No azp in the original: none in the new one; the original's: the same.
    assert_eq!(
        refused_claim(refresh_with(|_| {}, |t| t.azp = Some("rp".into())).await),
        "azp"
    );
    assert!(
        refresh_with(|t| t.azp = Some("rp".into()), |t| t.azp = Some("rp".into()))
            .await
            .is_ok()
    );
    assert_eq!(
        refused_claim(refresh_with(|t| t.azp = Some("rp".into()), |t| t.azp = None).await),
        "azp"
    );
}

#[tokio::test]
async fn a_refreshed_nonce_may_be_absent_but_never_another() {
    // The login's nonce is the pending one; the refreshed token keeps it or drops it.
    assert!(refresh_with(|_| {}, |_| {}).await.is_ok());
    assert!(refresh_with(|_| {}, |t| t.nonce = None).await.is_ok());
    let error = refresh_with(|_| {}, |t| t.nonce = Some("other".into()))
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::IdToken(TokenError::Claims(ValidationError::NonceMismatch { .. }))
        ),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_refreshed_id_token_is_verified_and_validated() {
    let error = refresh_with(|_| {}, |t| t.exp = NumericDate::from_secs(NOW - 3600))
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::IdToken(TokenError::Claims(ValidationError::Expired { .. }))
        ),
        "{error:?}"
    );
    let error = refresh_with(|_| {}, |t| t.iss = "https://evil.example".into())
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::IdToken(TokenError::Claims(ValidationError::Issuer { .. }))
        ),
        "{error:?}"
    );
}
