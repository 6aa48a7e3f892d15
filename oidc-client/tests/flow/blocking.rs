//! The blocking facade: the same flows, called from plain (non-async) code.

use oidc_client::blocking;
use oidc_core::messages::TokenTypeHint;

use crate::provider::{Provider, ACCESS_TOKEN, ISSUER, REFRESH_TOKEN, SUB};

#[test]
fn a_whole_login_without_async() {
    let provider = Provider::new();
    let client = blocking::Client::discover(provider.builder(), ISSUER).unwrap();
    // The async client's synchronous methods, through Deref.
    assert_eq!(client.metadata().issuer, ISSUER);
    assert!(client.logout_url(None, |_| {}).is_ok());

    let (url, pending) = client.authorization_url(&["email"], |_| {}).unwrap();
    let login = client
        .callback(&provider.authorize(&url), &pending)
        .unwrap();
    assert_eq!(login.id_token.sub, SUB);
    let claims = client.userinfo(&login.tokens, &login.id_token).unwrap();
    assert_eq!(claims.sub, SUB);
    let refreshed = client.refresh(REFRESH_TOKEN, &login.id_token).unwrap();
    assert_eq!(refreshed.tokens.access_token, ACCESS_TOKEN);
    assert!(client.introspect(ACCESS_TOKEN, None).unwrap().active);
    client
        .revoke(ACCESS_TOKEN, Some(TokenTypeHint::AccessToken))
        .unwrap();
    assert!(!client.introspect(ACCESS_TOKEN, None).unwrap().active);
    client.client_credentials(&[], |_| {}).unwrap();
    // The device flow's ID Token has no nonce (the test provider would repeat the
    // login's, which the client refuses).
    provider.state().nonce = None;
    let codes = client.device_authorization(&[], |_| {}).unwrap();
    assert_eq!(
        client.device_tokens(&codes).unwrap().tokens.access_token,
        ACCESS_TOKEN
    );
    let logout = client
        .backchannel_logout(
            &oidc_core::OidcMessage::to_form(
                &oidc_core::messages::BackChannelLogoutNotification::new(
                    provider.logout_token(|_| {}),
                ),
            ),
            |_| Ok(()),
        )
        .unwrap();
    assert_eq!(logout.sub.as_deref(), Some(SUB));
    // The provider's refusal comes back as the same typed error.
    let error = client.refresh("unknown", &login.id_token).unwrap_err();
    assert_eq!(error.protocol().map(|e| e.code()), Some("invalid_grant"));
}

#[test]
fn discovery_errors_come_back_as_they_are() {
    let mut provider = Provider::new();
    provider.metadata.issuer = "https://evil.example".into();
    let error = blocking::Client::discover(provider.builder(), ISSUER).unwrap_err();
    assert_eq!(error.kind(), oidc_client::ErrorKind::Discovery, "{error}");
}
