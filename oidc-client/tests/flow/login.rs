//! `authorization_url` and `callback`: OIDC Core §3.1, RFC 7636, RFC 9207.

use oidc_client::{Endpoint, Error, ErrorKind, PendingLogin, ProtocolError};
use oidc_core::messages::AuthenticationRequest;
use oidc_core::validation::{TokenError, ValidationError};
use oidc_core::{pkce, Location, NumericDate, OidcMessage};

use crate::provider::{
    failed_login, login, redirect_with, Provider, ACCESS_TOKEN, CODE, NOW, REDIRECT_URI, SUB,
};

#[tokio::test]
async fn the_url_carries_fresh_state_nonce_and_pkce() {
    let provider = Provider::new();
    let client = provider.client().await;
    let (url, pending) = client
        .authorization_url(&["email"], |r| r.max_age = Some(300))
        .await
        .unwrap();
    assert!(url.starts_with("https://op.example/authorize?"), "{url}");
    let request = AuthenticationRequest::from_url(&url, Location::Query).unwrap();
    assert_eq!(request.scope, ["openid", "email"]);
    assert_eq!(request.response_type, "code");
    assert_eq!(request.client_id, "rp");
    assert_eq!(request.redirect_uri, REDIRECT_URI);
    assert_eq!(request.state.as_deref(), Some(pending.state()));
    assert_eq!(request.nonce.as_deref(), Some(pending.nonce()));
    assert_eq!(request.max_age, Some(300));
    assert_eq!(pending.max_age(), Some(300));
    assert_eq!(pending.redirect_uri(), REDIRECT_URI);

    // The pending login survives a session store; the verifier is the challenge's and
    // never shown by Debug.
    let stored = serde_json::to_string(&pending).unwrap();
    let back: PendingLogin = serde_json::from_str(&stored).unwrap();
    assert_eq!(back, pending);
    let value: serde_json::Value = serde_json::from_str(&stored).unwrap();
    let verifier = value["code_verifier"].as_str().unwrap();
    assert!(pkce::verify(
        verifier,
        request.code_challenge.as_deref().unwrap(),
        "S256"
    ));
    let shown = format!("{pending:?}");
    assert!(!shown.contains(verifier), "{shown}");
    assert!(shown.starts_with("PendingLogin {"), "{shown}");
    assert!(
        shown.contains(pending.state()) && shown.contains("<redacted>"),
        "{shown}"
    );

    // Two logins never share a value.
    let (_, second) = client.authorization_url(&["openid"], |_| {}).await.unwrap();
    assert_ne!(second.state(), pending.state());
    assert_ne!(second.nonce(), pending.nonce());
    assert_eq!(second.max_age(), None);
}

#[tokio::test]
async fn the_url_needs_a_redirect_uri() {
    let provider = Provider::new();
    let client = provider
        .builder()
        .redirect_uri("https://rp.example/cb")
        .discover("https://op.example")
        .await
        .unwrap();
    assert!(client.authorization_url(&[], |_| {}).await.is_ok());
    let client = oidc_client::Client::builder(oidc_core::client_auth::ClientAuth::none("rp"))
        .transport(provider.clone())
        .discover("https://op.example")
        .await
        .unwrap();
    let error = client.authorization_url(&[], |_| {}).await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Config);
}

#[tokio::test]
async fn a_login_exchanges_the_code_and_verifies_the_id_token() {
    let provider = Provider::new();
    let client = provider.client().await;
    let login = login(&provider, &client).await;
    assert_eq!(login.id_token.sub, SUB);
    assert_eq!(login.id_token.nonce, provider.state().nonce);
    assert_eq!(login.tokens.access_token, ACCESS_TOKEN);
    assert_eq!(
        provider.paths(),
        ["/.well-known/openid-configuration", "/token", "/jwks"]
    );
    let token_request = provider.last("/token");
    let body = token_request.body.as_deref().unwrap();
    assert!(body.contains("grant_type=authorization_code"), "{body}");
    assert!(body.contains(&format!("code={CODE}")), "{body}");
    assert!(body.contains("code_verifier="), "{body}");
    assert_eq!(
        token_request.header_value("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    // A second login uses the cached keys.
    login_again(&provider, &client).await;
    assert_eq!(provider.paths().iter().filter(|p| *p == "/jwks").count(), 1);
}

async fn login_again(provider: &Provider, client: &oidc_client::Client) {
    let login = login(provider, client).await;
    assert_eq!(login.id_token.sub, SUB);
}

#[tokio::test]
async fn a_callback_with_another_state_is_refused_before_any_exchange() {
    let provider = Provider::new();
    let client = provider.client().await;
    let (url, pending) = client.authorization_url(&[], |_| {}).await.unwrap();
    let redirect = provider.authorize(&url);
    let forged = redirect.replace(&format!("state={}", pending.state()), "state=attacker");
    assert_ne!(forged, redirect);
    let error = client.callback(&forged, &pending).await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Callback);
    assert!(
        matches!(error, Error::Callback(ValidationError::State { .. })),
        "{error:?}"
    );
    // And without state at all.
    let error = client
        .callback(
            &format!("{REDIRECT_URI}?code=x&iss=https%3A%2F%2Fop.example"),
            &pending,
        )
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::Callback(ValidationError::State { .. })),
        "{error:?}"
    );
    assert!(!provider.paths().contains(&"/token".to_owned()));
    // The honest redirect still works.
    assert!(client.callback(&redirect, &pending).await.is_ok());
}

#[tokio::test]
async fn a_callback_from_another_issuer_is_refused() {
    let provider = Provider::new();
    let client = provider.client().await;
    let (_, pending) = client.authorization_url(&[], |_| {}).await.unwrap();
    let mix_up = redirect_with(&pending, "code=x&iss=https%3A%2F%2Fevil.example");
    let error = client.callback(&mix_up, &pending).await.unwrap_err();
    match &error {
        Error::Callback(ValidationError::Issuer { got, .. }) => {
            assert_eq!(got, "https://evil.example")
        }
        e => panic!("{e:?}"),
    }
    // The provider advertises `iss` (RFC 9207 §3): a response without it is refused.
    let missing = redirect_with(&pending, "code=x");
    let error = client.callback(&missing, &pending).await.unwrap_err();
    assert!(
        matches!(error, Error::Callback(ValidationError::IssMissing { .. })),
        "{error:?}"
    );
    assert!(!provider.paths().contains(&"/token".to_owned()));
}

#[tokio::test]
async fn iss_is_optional_when_the_provider_does_not_advertise_it() {
    let mut provider = Provider::new();
    provider
        .metadata
        .authorization_response_iss_parameter_supported = false;
    let client = provider.client().await;
    let (url, pending) = client.authorization_url(&[], |_| {}).await.unwrap();
    let redirect = provider.authorize(&url);
    let without_iss = redirect.split("&iss=").next().unwrap().to_owned();
    let login = client.callback(&without_iss, &pending).await.unwrap();
    assert_eq!(login.id_token.sub, SUB);
    // Present, it is still checked.
    let mix_up = redirect_with(&pending, "code=x&iss=https%3A%2F%2Fevil.example");
    let error = client.callback(&mix_up, &pending).await.unwrap_err();
    assert!(
        matches!(error, Error::Callback(ValidationError::Issuer { .. })),
        "{error:?}"
    );
}

#[tokio::test]
async fn the_providers_error_is_typed_once_state_and_iss_match() {
    let provider = Provider::new();
    let client = provider.client().await;
    let (_, pending) = client.authorization_url(&[], |_| {}).await.unwrap();
    let denied = redirect_with(
        &pending,
        "error=access_denied&error_description=no%0D%0Away&iss=https%3A%2F%2Fop.example",
    );
    let error = client.callback(&denied, &pending).await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Protocol);
    match &error {
        Error::Protocol {
            endpoint: Endpoint::Authorization,
            error: ProtocolError::Authorization(e),
        } => assert_eq!(e.error.as_ref(), "access_denied"),
        e => panic!("{e:?}"),
    }
    assert!(!error.to_string().contains('\n'), "{error}");
    // A forged error (another state) is a callback error, not the provider's word.
    let forged = format!("{REDIRECT_URI}?error=access_denied&state=x&iss=https%3A%2F%2Fop.example");
    let error = client.callback(&forged, &pending).await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Callback);
}

#[tokio::test]
async fn a_redirect_that_does_not_decode_is_an_invalid_response() {
    let provider = Provider::new();
    let client = provider.client().await;
    let (_, pending) = client.authorization_url(&[], |_| {}).await.unwrap();
    let twice = redirect_with(&pending, "code=a&code=b&iss=https%3A%2F%2Fop.example");
    let error = client.callback(&twice, &pending).await.unwrap_err();
    assert!(
        matches!(
            error,
            Error::InvalidResponse {
                endpoint: Endpoint::Authorization,
                ..
            }
        ),
        "{error:?}"
    );
}

#[tokio::test]
async fn the_token_endpoints_refusal_is_a_protocol_error() {
    let provider = Provider::new();
    let client = provider.client().await;
    let (url, pending) = client.authorization_url(&[], |_| {}).await.unwrap();
    let redirect = provider.authorize(&url).replace(CODE, "stolen");
    let error = client.callback(&redirect, &pending).await.unwrap_err();
    match &error {
        Error::Protocol {
            endpoint: Endpoint::Token,
            error: ProtocolError::Token(e),
        } => assert_eq!(e.error.as_ref(), "invalid_grant"),
        e => panic!("{e:?}"),
    }
    assert_eq!(
        error.protocol().map(ProtocolError::code),
        Some("invalid_grant")
    );
}

#[tokio::test]
async fn another_logins_pkce_verifier_is_refused_by_the_provider() {
    let provider = Provider::new();
    let client = provider.client().await;
    let (url, _) = client.authorization_url(&[], |_| {}).await.unwrap();
    let (_, other) = client.authorization_url(&[], |_| {}).await.unwrap();
    let redirect = provider.authorize(&url);
    // Even with the right state, the other login's verifier does not match.
    let state = AuthenticationRequest::from_url(&url, Location::Query)
        .unwrap()
        .state
        .unwrap();
    let redirect = redirect.replace(&state, other.state());
    let error = client.callback(&redirect, &other).await.unwrap_err();
    assert_eq!(
        error.protocol().map(ProtocolError::code),
        Some("invalid_grant")
    );
}

fn id_token_error(error: &Error) -> &ValidationError {
    match error {
        Error::IdToken(TokenError::Claims(e)) => e,
        e => panic!("{e:?}"),
    }
}

#[tokio::test]
async fn the_id_token_must_carry_the_pending_nonce() {
    let provider = Provider::new();
    let client = provider.client().await;
    provider.state().id_token_edit = Some(Box::new(|t| t.nonce = Some("other".into())));
    let error = failed_login(&provider, &client).await;
    assert_eq!(error.kind(), ErrorKind::Token);
    assert!(
        matches!(
            id_token_error(&error),
            ValidationError::NonceMismatch { .. }
        ),
        "{error:?}"
    );

    provider.state().id_token_edit = Some(Box::new(|t| t.nonce = None));
    let error = failed_login(&provider, &client).await;
    assert!(
        matches!(id_token_error(&error), ValidationError::NonceMissing { .. }),
        "{error:?}"
    );
}

#[tokio::test]
async fn the_id_token_must_be_for_this_client_from_this_issuer() {
    let provider = Provider::new();
    let client = provider.client().await;
    provider.state().id_token_edit = Some(Box::new(|t| t.aud = "other-rp".into()));
    let error = failed_login(&provider, &client).await;
    assert!(
        matches!(id_token_error(&error), ValidationError::Audience { .. }),
        "{error:?}"
    );

    provider.state().id_token_edit = Some(Box::new(|t| t.iss = "https://evil.example".into()));
    let error = failed_login(&provider, &client).await;
    assert!(
        matches!(id_token_error(&error), ValidationError::Issuer { .. }),
        "{error:?}"
    );
}

#[tokio::test]
async fn max_age_bounds_auth_time() {
    let provider = Provider::new();
    let client = provider.client().await;
    // auth_time is NOW - 60, the leeway 30 s: max_age 30 accepts it, 29 does not.
    let (url, pending) = client
        .authorization_url(&[], |r| r.max_age = Some(30))
        .await
        .unwrap();
    assert!(client
        .callback(&provider.authorize(&url), &pending)
        .await
        .is_ok());
    let (url, pending) = client
        .authorization_url(&[], |r| r.max_age = Some(29))
        .await
        .unwrap();
    let error = client
        .callback(&provider.authorize(&url), &pending)
        .await
        .unwrap_err();
    assert!(
        matches!(
            id_token_error(&error),
            ValidationError::MaxAgeExceeded { .. }
        ),
        "{error:?}"
    );
    // max_age needs auth_time.
    provider.state().id_token_edit = Some(Box::new(|t| t.auth_time = None));
    let (url, pending) = client
        .authorization_url(&[], |r| r.max_age = Some(600))
        .await
        .unwrap();
    let error = client
        .callback(&provider.authorize(&url), &pending)
        .await
        .unwrap_err();
    assert!(
        matches!(
            id_token_error(&error),
            ValidationError::AuthTimeMissing { .. }
        ),
        "{error:?}"
    );
    // Without max_age, no auth_time is fine.
    let (url, pending) = client.authorization_url(&[], |_| {}).await.unwrap();
    assert!(client
        .callback(&provider.authorize(&url), &pending)
        .await
        .is_ok());
}

#[tokio::test]
async fn an_expired_id_token_is_refused_by_the_clients_clock() {
    let provider = Provider::new();
    let client = provider.client().await;
    provider.state().id_token_edit = Some(Box::new(|t| t.exp = NumericDate::from_secs(NOW - 3600)));
    let error = failed_login(&provider, &client).await;
    assert!(
        matches!(id_token_error(&error), ValidationError::Expired { .. }),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_token_response_without_an_id_token_is_refused() {
    let provider = Provider::new();
    let client = provider.client().await;
    provider.answer(
        "/token",
        crate::provider::json(200, r#"{"access_token":"at","token_type":"Bearer"}"#),
    );
    let error = failed_login(&provider, &client).await;
    assert!(
        matches!(
            error,
            Error::InvalidResponse {
                endpoint: Endpoint::Token,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(error.to_string().contains("id_token"), "{error}");
}
