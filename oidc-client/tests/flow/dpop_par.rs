//! DPoP (RFC 9449) at the token and UserInfo endpoints, and PAR (RFC 9126).

use oidc_client::{ErrorKind, ProtocolError};
use oidc_core::dpop::DpopKey;
use oidc_core::jwt::Algorithm;
use oidc_core::messages::AuthenticationRequest;
use oidc_core::{Location, OidcMessage};

use crate::provider::{json, login, Provider, ISSUER, REFRESH_TOKEN, REQUEST_URI, SUB};

fn count(provider: &Provider, path: &str) -> usize {
    provider.paths().iter().filter(|p| *p == path).count()
}

#[tokio::test]
async fn a_dpop_login_goes_through_both_nonce_rounds() {
    let provider = Provider::new();
    provider.state().dpop = true;
    let key = DpopKey::generate(Algorithm::ES256).unwrap();
    let jkt = key.jkt().to_owned();
    let client = provider.builder().dpop(key).discover(ISSUER).await.unwrap();
    let (url, pending) = client.authorization_url(&[], |_| {}).await.unwrap();
    // RFC 9449 §10: the authorization code is bound to the key.
    let request = AuthenticationRequest::from_url(&url, Location::Query).unwrap();
    assert_eq!(
        request.extra.get_str("dpop_jkt").as_deref(),
        Some(jkt.as_str())
    );
    let login = client
        .callback(&provider.authorize(&url), &pending)
        .await
        .unwrap();
    assert!(login.tokens.is_dpop());
    assert_eq!(provider.state().bound_jkt.as_deref(), Some(jkt.as_str()));
    // The first token request had no nonce: use_dpop_nonce, then once more.
    assert_eq!(count(&provider, "/token"), 2);

    let claims = client
        .userinfo(&login.tokens, &login.id_token)
        .await
        .unwrap();
    assert_eq!(claims.sub, SUB);
    assert_eq!(count(&provider, "/userinfo"), 2);
    let last = provider.last("/userinfo");
    assert_eq!(last.header_value("authorization"), Some("DPoP at-1"));
    // The nonces are remembered: the next calls need no round.
    client
        .userinfo(&login.tokens, &login.id_token)
        .await
        .unwrap();
    assert_eq!(count(&provider, "/userinfo"), 3);
    client
        .refresh(REFRESH_TOKEN, &login.id_token)
        .await
        .unwrap();
    assert_eq!(count(&provider, "/token"), 3);
}

#[tokio::test]
async fn a_dpop_token_needs_the_clients_key() {
    let provider = Provider::new();
    provider.state().dpop = true;
    let client = provider
        .builder()
        .dpop(DpopKey::generate(Algorithm::ES256).unwrap())
        .discover(ISSUER)
        .await
        .unwrap();
    let login = login(&provider, &client).await;
    let keyless = provider.client().await;
    let error = keyless
        .userinfo(&login.tokens, &login.id_token)
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Config);
}

#[tokio::test]
async fn a_nonce_asked_for_twice_is_not_retried_forever() {
    let provider = Provider::new();
    let client = provider
        .builder()
        .dpop(DpopKey::generate(Algorithm::ES256).unwrap())
        .discover(ISSUER)
        .await
        .unwrap();
    let mut answer = json(400, r#"{"error":"use_dpop_nonce"}"#);
    answer.headers.push(("DPoP-Nonce".into(), "n-1".into()));
    provider.answer("/token", answer);
    let error = client
        .refresh(REFRESH_TOKEN, &provider.id_token_claims())
        .await
        .unwrap_err();
    assert_eq!(
        error.protocol().map(ProtocolError::code),
        Some("use_dpop_nonce")
    );
    assert_eq!(count(&provider, "/token"), 2);

    // A new nonce asked for every time: one retry with it, then the error.
    provider.state().answers.clear();
    provider.state().new_nonce_every_time = true;
    let error = client
        .refresh(REFRESH_TOKEN, &provider.id_token_claims())
        .await
        .unwrap_err();
    assert_eq!(
        error.protocol().map(ProtocolError::code),
        Some("use_dpop_nonce")
    );
    assert_eq!(count(&provider, "/token"), 4);
    // The client's key is the one its proofs carry.
    let key = client.dpop_key().expect("the client's DPoP key");
    let proof = provider
        .last("/token")
        .header_value("dpop")
        .unwrap()
        .to_owned();
    let checked = oidc_core::dpop::DpopValidation::new("POST", &format!("{ISSUER}/token"))
        .nonce("n-3")
        .clock(oidc_core::validation::FixedClock(
            oidc_core::NumericDate::from_secs(crate::provider::NOW),
        ))
        .verify(&proof)
        .unwrap();
    assert_eq!(checked.jkt, key.jkt());
    assert!(provider.client().await.dpop_key().is_none());
}

#[tokio::test]
async fn a_provider_that_requires_par_gets_the_request_pushed() {
    let mut provider = Provider::new();
    provider.metadata.require_pushed_authorization_requests = true;
    provider.metadata.pushed_authorization_request_endpoint = Some(format!("{ISSUER}/par"));
    let client = provider.client().await;
    let (url, pending) = client.authorization_url(&["email"], |_| {}).await.unwrap();
    // The browser carries only client_id and request_uri.
    assert_eq!(
        url,
        format!(
            "{ISSUER}/authorize?client_id=rp&request_uri={}",
            REQUEST_URI.replace(':', "%3A")
        )
    );
    let pushed = provider.last("/par");
    assert!(pushed.header_value("authorization").is_some());
    let body = pushed.body.unwrap();
    assert!(
        body.contains(&format!("state={}", pending.state())),
        "{body}"
    );
    let login = client
        .callback(&provider.authorize(&url), &pending)
        .await
        .unwrap();
    assert_eq!(login.id_token.sub, SUB);
}

#[tokio::test]
async fn a_refused_push_is_a_protocol_error() {
    let mut provider = Provider::new();
    provider.metadata.pushed_authorization_request_endpoint = Some(format!("{ISSUER}/par"));
    // Pushed because the client asks for it, though the provider does not require it.
    let client = provider
        .builder()
        .pushed_authorization_requests(true)
        .discover(ISSUER)
        .await
        .unwrap();
    provider.answer("/par", json(400, r#"{"error":"invalid_request_uri"}"#));
    let error = client.authorization_url(&[], |_| {}).await.unwrap_err();
    assert_eq!(
        error.protocol().map(ProtocolError::code),
        Some("invalid_request_uri")
    );
    // Without a PAR endpoint, pushing is a configuration error.
    provider.metadata.pushed_authorization_request_endpoint = None;
    let client = provider
        .builder()
        .pushed_authorization_requests(true)
        .discover(ISSUER)
        .await
        .unwrap();
    let error = client.authorization_url(&[], |_| {}).await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Config);
}
