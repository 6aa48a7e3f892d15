//! The provider's errors, each parsed as the typed error: login_required,
//! access_denied, invalid_scope, invalid_client, invalid_grant.

use oidc_core::messages::*;
use oidc_core::{Location, OidcMessage};

use oidc_core::client_auth::ClientAuth;

use crate::harness::{code_flow, setup, Browser, REDIRECT_URI};

#[test]
#[ignore = "needs Node.js and `npm ci` in tests/interop: run tests/interop/run.sh"]
fn typed_errors() {
    let ctx = setup();
    let browser = Browser::new(&ctx.provider.issuer);

    // Step 7: errors, each parsed as the typed error.
    let fresh = Browser::new(&ctx.provider.issuer);
    let mut silent = AuthenticationRequest::new("rp-basic", REDIRECT_URI, ["openid"]);
    silent.prompt = Some(vec!["none".into()]);
    silent.state = Some("s-none".into());
    let reply = fresh.get(
        &silent.to_url(&ctx.metadata.authorization_endpoint).unwrap(),
        None,
    );
    let error = AuthenticationResponse::from_url(&reply.location.unwrap(), Location::Auto)
        .unwrap()
        .into_result()
        .unwrap_err();
    assert_eq!(error.error, AuthenticationErrorCode::LoginRequired);
    assert_eq!(error.state.as_deref(), Some("s-none"));
    assert_eq!(error.iss.as_deref(), Some(ctx.metadata.issuer.as_str()));

    let mut aborted = AuthenticationRequest::new("rp-basic", REDIRECT_URI, ["openid"]);
    aborted.state = Some("s-abort".into());
    let first = fresh.get(
        &aborted
            .to_url(&ctx.metadata.authorization_endpoint)
            .unwrap(),
        None,
    );
    let interaction = first.location.unwrap();
    let abort = fresh.get(&format!("{interaction}/abort"), None);
    let resumed = fresh.get(&abort.location.clone().unwrap(), None);
    let error_location = resumed.location.unwrap();
    let error = AuthenticationResponse::from_url(&error_location, Location::Auto)
        .unwrap()
        .into_result()
        .unwrap_err();
    assert_eq!(error.error, AuthenticationErrorCode::AccessDenied);

    // invalid_scope: a refresh asking for more than was granted (RFC 6749 §6).
    let (scoped, _) = code_flow(
        &ctx,
        &browser,
        &ClientAuth::client_secret_basic("rp-basic", "rp-basic-secret"),
    );
    let mut wider = TokenRequest::for_refresh_token(scoped.refresh_token.as_deref().unwrap());
    wider.scope = Some(vec!["openid".into(), "email".into(), "bogus".into()]);
    let reply = browser.post_form(
        ctx.metadata.token_endpoint.as_deref().unwrap(),
        &wider.to_form(),
        Some(("rp-basic", "rp-basic-secret")),
    );
    let error = TokenResponse::from_json(&reply.body)
        .unwrap()
        .into_result()
        .unwrap_err();
    assert_eq!(error.error, TokenErrorCode::InvalidScope, "{error:?}");

    // Reusing a code, and a wrong client secret.
    let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk-interop-0123456789";
    let mut request = AuthenticationRequest::new("rp-basic", REDIRECT_URI, ["openid"]);
    request.state = Some("s-reuse".into());
    request.code_challenge = Some(oidc_core::pkce::s256_challenge(verifier));
    request.code_challenge_method = Some("S256".into());
    let redirect = browser.authorize(
        &request
            .to_url(&ctx.metadata.authorization_endpoint)
            .unwrap(),
        "alice",
    );
    let code = AuthenticationResponse::from_url(&redirect, Location::Auto)
        .unwrap()
        .into_result()
        .unwrap()
        .code
        .unwrap();
    let mut exchange = TokenRequest::for_authorization_code(code, REDIRECT_URI);
    exchange.code_verifier = Some(verifier.to_owned());
    let exchange = exchange.to_form();
    let token_endpoint = ctx.metadata.token_endpoint.clone().unwrap();
    let wrong_secret = browser.post_form(
        &token_endpoint,
        &exchange,
        Some(("rp-basic", "not-the-secret")),
    );
    let error = TokenResponse::from_json(&wrong_secret.body)
        .unwrap()
        .into_result()
        .unwrap_err();
    assert_eq!(error.error, TokenErrorCode::InvalidClient);
    let first_use = browser.post_form(
        &token_endpoint,
        &exchange,
        Some(("rp-basic", "rp-basic-secret")),
    );
    assert_eq!(first_use.status, 200, "{}", first_use.body);
    let reuse = browser.post_form(
        &token_endpoint,
        &exchange,
        Some(("rp-basic", "rp-basic-secret")),
    );
    let error = TokenResponse::from_json(&reuse.body)
        .unwrap()
        .into_result()
        .unwrap_err();
    assert_eq!(error.error, TokenErrorCode::InvalidGrant);
    eprintln!(
        "errors: ok (login_required, access_denied, invalid_scope, invalid_client, invalid_grant)"
    );
}
