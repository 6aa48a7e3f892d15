//! JWT-secured responses: a JARM authorization response (`response_mode` `query.jwt`,
//! then `jwt`), a signed UserInfo response bound to the ID Token's `sub`, and a JWT
//! introspection response (RFC 9701), each through its one-call `verify`.

use oidc_core::messages::*;
use oidc_core::validation::{
    AuthenticationResponseValidation, IntrospectionResponseValidation, JarmValidation, Nonce,
    TokenError, UserinfoValidation, ValidationError,
};
use oidc_core::{Location, OidcMessage};

use crate::harness::{setup, verify_id_token, Browser, Context, REDIRECT_URI};

const CLIENT: &str = "rp-jwt";
const SECRET: &str = "rp-jwt-secret";
const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk-interop-jarm-012345";

/// An authorization request answered in `response_mode`, verified as JARM; returns the
/// code.
fn jarm_login(ctx: &Context, browser: &Browser, response_mode: &str, state: &str) -> String {
    let mut request =
        AuthenticationRequest::new(CLIENT, REDIRECT_URI, ["openid", "email", "profile"]);
    request.state = Some(state.to_owned());
    request.nonce = Some(format!("nonce-{state}"));
    request.prompt = Some(vec!["consent".into()]);
    request.response_mode = Some(response_mode.to_owned());
    request.code_challenge = Some(oidc_core::pkce::s256_challenge(VERIFIER));
    request.code_challenge_method = Some("S256".into());
    let redirect = browser.authorize(
        &request
            .to_url(&ctx.metadata.authorization_endpoint)
            .unwrap(),
        "alice",
    );
    // A code response: `query.jwt` and `jwt` both put the JWT in the query (JARM §4.3.4).
    assert!(
        redirect.starts_with(&format!("{REDIRECT_URI}?response=")),
        "{redirect}"
    );
    let jarm = JarmResponse::from_url(&redirect, Location::Auto).unwrap();
    let response = JarmValidation::from_metadata(&ctx.metadata, CLIENT)
        .verify(&jarm.response, &ctx.keys)
        .unwrap_or_else(|e| panic!("JARM response refused ({:?}): {e}", e.kind()));
    // The response inside the JWT: `state`, and the JWT's `iss` as RFC 9207's.
    response
        .validate_extern(&AuthenticationResponseValidation::from_metadata(
            Some(state),
            &ctx.metadata,
        ))
        .expect("state and iss");
    let success = response.into_result().expect("a success response");
    assert_eq!(success.iss.as_deref(), Some(ctx.metadata.issuer.as_str()));
    // Another client's JARM checks refuse it (aud is rp-jwt).
    let err = JarmValidation::from_metadata(&ctx.metadata, "rp-basic")
        .verify(&jarm.response, &ctx.keys)
        .unwrap_err();
    assert!(
        matches!(err, TokenError::Claims(ValidationError::Audience { .. })),
        "{err}"
    );
    success.code.expect("a code")
}

#[test]
#[ignore = "needs Node.js and `npm ci` in tests/interop: run tests/interop/run.sh"]
fn jarm_signed_userinfo_and_jwt_introspection() {
    let ctx = setup();
    let browser = Browser::new(&ctx.provider.issuer);
    for mode in ["query.jwt", "fragment.jwt", "form_post.jwt", "jwt"] {
        assert!(
            ctx.metadata
                .response_modes_supported
                .iter()
                .any(|m| m == mode),
            "{mode}"
        );
    }
    assert!(ctx
        .metadata
        .authorization_signing_alg_values_supported
        .is_some());

    // JARM: query.jwt, then jwt (the default encoding for a code response).
    jarm_login(&ctx, &browser, "jwt", "state-jwt");
    let code = jarm_login(&ctx, &browser, "query.jwt", "state-query-jwt");
    eprintln!("JARM (query.jwt, jwt): ok");

    let mut token_request = TokenRequest::for_authorization_code(code, REDIRECT_URI);
    token_request.code_verifier = Some(VERIFIER.to_owned());
    let reply = browser.post_form(
        ctx.metadata.token_endpoint.as_deref().unwrap(),
        &token_request.to_form(),
        Some((CLIENT, SECRET)),
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    let tokens = TokenResponse::from_json(&reply.body)
        .unwrap()
        .into_result()
        .unwrap();
    let id_token = verify_id_token(
        &ctx,
        tokens.id_token.as_deref().unwrap(),
        CLIENT,
        Nonce::Expected("nonce-state-query-jwt"),
    );

    // Signed UserInfo (OIDC Core §5.3.2): application/jwt, iss, aud, and the ID Token's sub.
    let userinfo_endpoint = ctx.metadata.userinfo_endpoint.clone().unwrap();
    let reply = browser.get(&userinfo_endpoint, Some(&tokens.access_token));
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert!(
        reply
            .header("content-type")
            .unwrap_or("")
            .starts_with("application/jwt"),
        "{:?}",
        reply.header("content-type")
    );
    let info: UserinfoSuccessResponse =
        UserinfoValidation::from_metadata(&ctx.metadata, CLIENT, &id_token.sub)
            .verify(&reply.body, &ctx.keys)
            .unwrap_or_else(|e| panic!("signed UserInfo refused ({:?}): {e}", e.kind()));
    assert_eq!(info.sub, "alice");
    assert_eq!(info.aud.as_ref().map(|a| a.contains(CLIENT)), Some(true));
    assert_eq!(info.claims.email.as_deref(), Some("alice@example.test"));
    let err = UserinfoValidation::from_metadata(&ctx.metadata, CLIENT, "bob")
        .verify::<UserinfoSuccessResponse>(&reply.body, &ctx.keys)
        .unwrap_err();
    assert!(
        matches!(err, TokenError::Claims(ValidationError::SubMismatch { .. })),
        "{err}"
    );
    eprintln!("signed UserInfo: ok");

    // RFC 9701: asked for with Accept, answered as a typed JWT.
    let introspection_endpoint = ctx.metadata.introspection_endpoint.clone().unwrap();
    let body = TokenIntrospectionRequest::new(&tokens.access_token).to_form();
    let reply = browser.post_form_accepting(
        &introspection_endpoint,
        &body,
        Some((CLIENT, SECRET)),
        "application/token-introspection+jwt",
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert!(
        reply
            .header("content-type")
            .unwrap_or("")
            .starts_with("application/token-introspection+jwt"),
        "{:?}",
        reply.header("content-type")
    );
    let response: JwtIntrospectionResponse =
        IntrospectionResponseValidation::from_metadata(&ctx.metadata, CLIENT)
            .verify(&reply.body, &ctx.keys)
            .unwrap_or_else(|e| panic!("JWT introspection response refused ({:?}): {e}", e.kind()));
    let introspected = &response.token_introspection;
    assert!(introspected.active);
    assert_eq!(introspected.sub.as_deref(), Some("alice"));
    assert_eq!(introspected.client_id.as_deref(), Some(CLIENT));
    // The JWT is no token: the introspected claims are inside, not beside it.
    assert!(response.extra.get_str("sub").is_none());
    // An access token is not a JWT introspection response (and the reverse): the plain
    // JSON answer, for a caller that asks for JSON, decodes as RFC 7662's.
    let reply = browser.post_form(&introspection_endpoint, &body, Some((CLIENT, SECRET)));
    let plain = TokenIntrospectionResponse::from_json(&reply.body)
        .unwrap()
        .into_result()
        .unwrap();
    assert_eq!(plain.sub, introspected.sub);
    eprintln!("JWT introspection response: ok");
}
