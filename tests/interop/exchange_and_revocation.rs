//! Token exchange (RFC 8693) through the grant provider.js registers, and token
//! revocation (RFC 7009): a revoked refresh token fails at the token endpoint.

use oidc_core::messages::*;
use oidc_core::OidcMessage;

use oidc_core::client_auth::ClientAuth;

use crate::harness::{code_flow, setup, Browser};

const BASIC: Option<(&str, &str)> = Some(("rp-basic", "rp-basic-secret"));

#[test]
#[ignore = "needs Node.js and `npm ci` in tests/interop: run tests/interop/run.sh"]
fn token_exchange_then_refresh_token_revocation() {
    let ctx = setup();
    let browser = Browser::new(&ctx.provider.issuer);
    let token_endpoint = ctx.metadata.token_endpoint.clone().unwrap();
    let (tokens, _) = code_flow(
        &ctx,
        &browser,
        &ClientAuth::client_secret_basic("rp-basic", "rp-basic-secret"),
    );

    // Token exchange: the access token for one for the cooperation context.
    let mut exchange =
        TokenRequest::for_token_exchange(&tokens.access_token, TokenType::AccessToken);
    exchange.audience = vec!["urn:example:cooperation-context".into()];
    let reply = browser.post_form(&token_endpoint, &exchange.to_form(), BASIC);
    let issued = TokenExchangeResponse::from_json(&reply.body)
        .unwrap()
        .into_result()
        .unwrap_or_else(|e| panic!("exchange refused: {e}"));
    assert_eq!(issued.issued_token_type, TokenType::AccessToken);
    assert_ne!(issued.access_token, tokens.access_token);
    let introspection = ctx.metadata.introspection_endpoint.clone().unwrap();
    let reply = browser.post_form(
        &introspection,
        &TokenIntrospectionRequest::new(&issued.access_token).to_form(),
        BASIC,
    );
    let active = TokenIntrospectionResponse::from_json(&reply.body)
        .unwrap()
        .into_result()
        .unwrap();
    assert!(active.active);
    assert_eq!(active.sub.as_deref(), Some("alice"));

    // An audience the provider does not serve: invalid_target (RFC 8693 §2.2.2).
    exchange.audience = vec!["urn:example:elsewhere".into()];
    let reply = browser.post_form(&token_endpoint, &exchange.to_form(), BASIC);
    let error = TokenExchangeResponse::from_json(&reply.body)
        .unwrap()
        .into_result()
        .unwrap_err();
    assert_eq!(error.error, TokenErrorCode::InvalidTarget);
    eprintln!("token exchange: ok ({error})");

    // Revoke the refresh token; refreshing with it then fails.
    let refresh_token = tokens.refresh_token.clone().expect("a refresh token");
    let mut revoke = TokenRevocationRequest::new(&refresh_token);
    revoke.token_type_hint = Some(TokenTypeHint::RefreshToken);
    let revocation = ctx.metadata.revocation_endpoint.clone().unwrap();
    let reply = browser.post_form(&revocation, &revoke.to_form(), BASIC);
    assert_eq!(reply.status, 200, "{}", reply.body);
    let reply = browser.post_form(
        &token_endpoint,
        &TokenRequest::for_refresh_token(&refresh_token).to_form(),
        BASIC,
    );
    let error = TokenResponse::from_json(&reply.body)
        .unwrap()
        .into_result()
        .unwrap_err();
    assert_eq!(error.error, TokenErrorCode::InvalidGrant);
    eprintln!("revocation: ok ({error})");
}
