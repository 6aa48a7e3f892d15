//! A signed Request Object by value at the authorization endpoint (RFC 9101 §5.1):
//! the provider uses the object's parameters only (§6.3), and refuses objects it cannot
//! trust with typed errors.

use oidc_core::client_auth::ClientAuth;
use oidc_core::jwt::{Algorithm, SigningKey};
use oidc_core::messages::*;
use oidc_core::request_object::sign_request_object;
use oidc_core::validation::Nonce;
use oidc_core::{Location, OidcMessage};

use crate::harness::{setup, test_key, verify_id_token, Browser, REDIRECT_URI};

const CLIENT: &str = "rp-jar";

#[test]
#[ignore = "needs Node.js and `npm ci` in tests/interop: run tests/interop/run.sh"]
fn signed_request_object_by_value() {
    let ctx = setup();
    let browser = Browser::new(&ctx.provider.issuer);
    let issuer = ctx.metadata.issuer.clone();
    let key = test_key("rsa-1");
    assert!(ctx.metadata.request_parameter_supported);

    let verifier = oidc_core::random::pkce_verifier();
    let (state, nonce) = (oidc_core::random::state(), oidc_core::random::nonce());
    let mut request = AuthenticationRequest::new(CLIENT, REDIRECT_URI, ["openid", "email"]);
    request.state = Some(state.clone());
    request.nonce = Some(nonce.clone());
    request.code_challenge = Some(oidc_core::pkce::s256_challenge(&verifier));
    request.code_challenge_method = Some("S256".into());
    let jwt = sign_request_object(&request, &key, &issuer).unwrap();
    // The query also carries a state of its own: RFC 9101 §6.3 says it is not used.
    let mut outer = JarRequest::by_value(CLIENT, &jwt);
    outer.extra.insert("state", "from-the-query");
    let redirect = browser.authorize(
        &outer.to_url(&ctx.metadata.authorization_endpoint).unwrap(),
        "alice",
    );
    let response = AuthenticationResponse::from_url(&redirect, Location::Auto)
        .unwrap()
        .into_result()
        .unwrap();
    assert_eq!(response.state.as_deref(), Some(state.as_str()));
    let mut exchange = TokenRequest::for_authorization_code(response.code.unwrap(), REDIRECT_URI);
    exchange.code_verifier = Some(verifier.clone());
    let auth = ClientAuth::client_secret_basic(CLIENT, "rp-jar-secret");
    let reply = browser.post_authenticated(
        ctx.metadata.token_endpoint.as_deref().unwrap(),
        &auth,
        &exchange.to_form(),
        &[],
    );
    let tokens = TokenResponse::from_json(&reply.body)
        .unwrap()
        .into_result()
        .expect("tokens");
    verify_id_token(
        &ctx,
        tokens.id_token.as_deref().unwrap(),
        CLIENT,
        Nonce::Expected(&nonce),
    );
    eprintln!("request object by value: ok (the query's state was ignored)");

    // Signed by a key the client did not register: invalid_request_object.
    let stranger = SigningKey::generate(Algorithm::ES256).unwrap();
    let mut es256 = request.clone();
    es256.state = Some("s2".into());
    let forged = sign_request_object(&es256, &test_key("rsa-2"), &issuer).unwrap();
    let error = authorization_error(&browser, &ctx.metadata.authorization_endpoint, &forged);
    assert_eq!(
        error.error,
        AuthenticationErrorCode::InvalidRequestObject,
        "{error}"
    );
    eprintln!("request object signed with another key: {error}");
    // Another algorithm than the registered request_object_signing_alg.
    let other_alg = sign_request_object(&es256, &stranger, &issuer).unwrap();
    let error = authorization_error(&browser, &ctx.metadata.authorization_endpoint, &other_alg);
    assert_eq!(
        error.error,
        AuthenticationErrorCode::InvalidRequestObject,
        "{error}"
    );
    eprintln!("request object with another alg: {error}");
    // Meant for another provider.
    let elsewhere = sign_request_object(&es256, &key, "https://other.example").unwrap();
    let error = authorization_error(&browser, &ctx.metadata.authorization_endpoint, &elsewhere);
    assert_eq!(
        error.error,
        AuthenticationErrorCode::InvalidRequestObject,
        "{error}"
    );
    eprintln!("request object for another audience: {error}");
}

/// The error the provider redirects with for a Request Object it refuses.
fn authorization_error(
    browser: &Browser,
    endpoint: &str,
    request_object: &str,
) -> AuthenticationErrorResponse {
    let url = JarRequest::by_value(CLIENT, request_object)
        .to_url(endpoint)
        .unwrap();
    let reply = browser.get(&url, None);
    let location = reply
        .location
        .unwrap_or_else(|| panic!("no redirect: {} {}", reply.status, reply.body));
    AuthenticationResponse::from_url(&location, Location::Auto)
        .unwrap()
        .into_result()
        .unwrap_err()
}
