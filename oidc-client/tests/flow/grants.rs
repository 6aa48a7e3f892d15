//! Introspection (RFC 7662), revocation (RFC 7009) and the client credentials grant
//! (RFC 6749 §4.4): what is sent, what comes back, the provider's refusals.

use oidc_client::{Endpoint, Error, ErrorKind, ProtocolError};
use oidc_core::messages::{
    TokenIntrospectionRequest, TokenRequest, TokenRevocationRequest, TokenTypeHint,
};
use oidc_core::OidcMessage;

use crate::provider::{json, Provider, ACCESS_TOKEN, SUB};

#[tokio::test]
async fn introspection_tells_active_from_inactive() {
    let provider = Provider::new();
    let client = provider.client().await;
    let active = client
        .introspect(ACCESS_TOKEN, Some(TokenTypeHint::AccessToken))
        .await
        .unwrap();
    assert!(active.active);
    assert_eq!(active.sub.as_deref(), Some(SUB));
    let sent = provider.last("/introspect");
    assert!(sent.header_value("authorization").is_some());
    let form = TokenIntrospectionRequest::from_form(sent.body.as_deref().unwrap()).unwrap();
    assert_eq!(form.token, ACCESS_TOKEN);
    assert_eq!(form.token_type_hint.as_deref(), Some("access_token"));

    // An unknown token is a success with active: false (RFC 7662 §2.2), no hint sent.
    let inactive = client.introspect("other", None).await.unwrap();
    assert!(!inactive.active);
    let form =
        TokenIntrospectionRequest::from_form(provider.last("/introspect").body.as_deref().unwrap())
            .unwrap();
    assert_eq!(form.token_type_hint, None);
}

#[tokio::test]
async fn introspection_refusals_are_typed() {
    let provider = Provider::new();
    let client = provider.client().await;
    provider.answer("/introspect", json(401, r#"{"error":"invalid_client"}"#));
    let error = client.introspect(ACCESS_TOKEN, None).await.unwrap_err();
    match &error {
        Error::Protocol {
            endpoint: Endpoint::Introspection,
            error: ProtocolError::Token(e),
        } => assert_eq!(e.error.as_ref(), "invalid_client"),
        e => panic!("{e:?}"),
    }
    // A success without the REQUIRED `active` is not a response.
    provider.answer("/introspect", json(200, r#"{"sub":"alice"}"#));
    let error = client.introspect(ACCESS_TOKEN, None).await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidResponse, "{error}");
    assert!(error.to_string().contains("active"), "{error}");
    // A proxy's page with an error status.
    provider.answer("/introspect", json(502, "<html>bad gateway</html>"));
    let error = client.introspect(ACCESS_TOKEN, None).await.unwrap_err();
    assert!(
        matches!(
            error,
            Error::Status {
                endpoint: Endpoint::Introspection,
                status: 502
            }
        ),
        "{error:?}"
    );
}

#[tokio::test]
async fn revocation_revokes_then_introspection_says_inactive() {
    let provider = Provider::new();
    let client = provider.client().await;
    client
        .revoke(ACCESS_TOKEN, Some(TokenTypeHint::AccessToken))
        .await
        .unwrap();
    let sent = provider.last("/revoke");
    assert!(sent.header_value("authorization").is_some());
    let form = TokenRevocationRequest::from_form(sent.body.as_deref().unwrap()).unwrap();
    assert_eq!(form.token, ACCESS_TOKEN);
    assert_eq!(form.token_type_hint, Some(TokenTypeHint::AccessToken));
    assert_eq!(provider.state().revoked, [ACCESS_TOKEN]);
    assert!(!client.introspect(ACCESS_TOKEN, None).await.unwrap().active);

    // An unknown token: still a success (RFC 7009 §2.2); a 200 body is not read.
    provider.answer("/revoke", json(200, "not json at all"));
    client.revoke("unknown", None).await.unwrap();
}

#[tokio::test]
async fn revocation_refusals_are_typed() {
    let provider = Provider::new();
    let client = provider.client().await;
    provider.answer(
        "/revoke",
        json(400, r#"{"error":"unsupported_token_type"}"#),
    );
    let error = client.revoke("t", None).await.unwrap_err();
    assert_eq!(
        error.protocol().map(ProtocolError::code),
        Some("unsupported_token_type")
    );
    assert_eq!(
        error.to_string(),
        "revocation endpoint: the provider refused: unsupported_token_type"
    );
    // RFC 7009 §2.2.1: 503 asks to retry later; not an OAuth error response.
    provider.answer("/revoke", json(503, ""));
    let error = client.revoke("t", None).await.unwrap_err();
    assert!(
        matches!(
            error,
            Error::Status {
                endpoint: Endpoint::Revocation,
                status: 503
            }
        ),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_provider_without_the_endpoints_is_a_config_error() {
    let mut provider = Provider::new();
    provider.metadata.introspection_endpoint = None;
    provider.metadata.revocation_endpoint = None;
    provider.metadata.device_authorization_endpoint = None;
    provider.metadata.end_session_endpoint = None;
    let client = provider.client().await;
    let introspect = client.introspect("t", None).await.unwrap_err();
    assert_eq!(
        introspect.to_string(),
        "the provider's metadata has no introspection_endpoint (needed for this call)"
    );
    let revoke = client.revoke("t", None).await.unwrap_err();
    assert!(
        revoke.to_string().contains("revocation_endpoint"),
        "{revoke}"
    );
    let device = client.device_authorization(&[], |_| {}).await.unwrap_err();
    assert!(
        device.to_string().contains("device_authorization_endpoint"),
        "{device}"
    );
    let logout = client.logout_url(None, |_| {}).unwrap_err();
    assert!(
        logout.to_string().contains("end_session_endpoint"),
        "{logout}"
    );
    for error in [introspect, revoke, device, logout] {
        assert_eq!(error.kind(), ErrorKind::Config);
    }
    // Nothing was sent but discovery.
    assert_eq!(provider.paths(), ["/.well-known/openid-configuration"]);
}

#[tokio::test]
async fn client_credentials_sends_the_grant_scopes_and_edits() {
    let provider = Provider::new();
    let client = provider.client().await;
    let tokens = client
        .client_credentials(&["api:read", "api:write"], |request| {
            request.resource = vec!["https://rs.example".into()];
        })
        .await
        .unwrap();
    assert_eq!(tokens.access_token, ACCESS_TOKEN);
    assert_eq!(tokens.id_token, None);
    let sent = provider.last("/token");
    assert!(sent.header_value("authorization").is_some());
    let form = TokenRequest::from_form(sent.body.as_deref().unwrap()).unwrap();
    assert_eq!(form.grant_type.as_ref(), "client_credentials");
    assert_eq!(
        form.scope,
        Some(vec!["api:read".to_owned(), "api:write".to_owned()])
    );
    assert_eq!(form.resource, ["https://rs.example"]);

    // No scopes: no scope parameter (the provider's default, RFC 6749 §3.3).
    client.client_credentials(&[], |_| {}).await.unwrap();
    let form = TokenRequest::from_form(provider.last("/token").body.as_deref().unwrap()).unwrap();
    assert_eq!(form.scope, None);

    provider.answer("/token", json(400, r#"{"error":"unauthorized_client"}"#));
    let error = client.client_credentials(&[], |_| {}).await.unwrap_err();
    assert_eq!(
        error.protocol().map(ProtocolError::code),
        Some("unauthorized_client")
    );
}
