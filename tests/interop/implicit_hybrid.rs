//! Implicit (`id_token`) and hybrid (`code id_token`) responses from the fragment; the
//! hybrid ID Token's `c_hash` REQUIRED and checked in the one call.

use oidc_core::messages::*;
use oidc_core::validation::{
    AuthenticationResponseValidation, IdTokenValidation, Nonce, TokenError, ValidationError,
};
use oidc_core::{Location, OidcMessage};

use crate::harness::{setup, verify_id_token, Browser, REDIRECT_URI};

#[test]
#[ignore = "needs Node.js and `npm ci` in tests/interop: run tests/interop/run.sh"]
fn implicit_and_hybrid_responses() {
    let ctx = setup();
    let browser = Browser::new(&ctx.provider.issuer);

    // Step 5: implicit (id_token) and hybrid (code id_token) from the fragment.
    let mut implicit = AuthenticationRequest::new("rp-native", REDIRECT_URI, ["openid"]);
    implicit.response_type = "id_token".into();
    implicit.state = Some("s-implicit".into());
    implicit.nonce = Some("n-implicit".into());
    let redirect = browser.authorize(
        &implicit
            .to_url(&ctx.metadata.authorization_endpoint)
            .unwrap(),
        "alice",
    );
    assert!(redirect.contains('#'), "fragment response: {redirect}");
    let response = AuthenticationResponse::from_url(&redirect, Location::Auto).unwrap();
    response
        .validate_extern(&AuthenticationResponseValidation::from_metadata(
            Some("s-implicit"),
            &ctx.metadata,
        ))
        .unwrap();
    let success = response.into_result().unwrap();
    // response_type id_token: no access token, so no at_hash required.
    let implicit = verify_id_token(
        &ctx,
        success.id_token.as_deref().unwrap(),
        "rp-native",
        Nonce::Expected("n-implicit"),
    );
    assert!(implicit.at_hash.is_none());

    let mut hybrid = AuthenticationRequest::new("rp-native", REDIRECT_URI, ["openid"]);
    hybrid.response_type = "code id_token".into();
    hybrid.state = Some("s-hybrid".into());
    hybrid.nonce = Some("n-hybrid".into());
    hybrid.code_challenge = Some(oidc_core::pkce::s256_challenge(
        "hybrid-verifier-0123456789-0123456789-0123456789",
    ));
    hybrid.code_challenge_method = Some("S256".into());
    let redirect = browser.authorize(
        &hybrid.to_url(&ctx.metadata.authorization_endpoint).unwrap(),
        "alice",
    );
    let success = AuthenticationResponse::from_url(&redirect, Location::Fragment)
        .unwrap()
        .into_result()
        .unwrap();
    let jwt = success.id_token.as_deref().unwrap();
    let code = success.code.as_deref().unwrap();
    // OIDC Core §3.3.2.11: from the authorization endpoint with a code, c_hash is
    // REQUIRED; §3.3.2.10: it is the hash of the code under the header's alg.
    let hybrid_checks = || {
        IdTokenValidation::from_metadata(&ctx.metadata, "rp-native")
            .nonce("n-hybrid")
            .response_type("code id_token")
    };
    let claims: IdToken = hybrid_checks()
        .code(code)
        .verify(jwt, &ctx.keys)
        .unwrap_or_else(|e| panic!("hybrid ID Token refused ({:?}): {e}", e.kind()));
    assert!(claims.c_hash.is_some(), "c_hash in a hybrid ID Token");
    assert_eq!(
        hybrid_checks()
            .code("another-code")
            .verify::<IdToken>(jwt, &ctx.keys)
            .unwrap_err(),
        TokenError::Claims(ValidationError::CHashMismatch { token: "ID Token" })
    );
    eprintln!("implicit and hybrid: ok (c_hash checked)");
}
