//! The code flow (PKCE, nonce, state, `claims`) with client_secret_basic and
//! client_secret_post; then userinfo, introspection, refresh and revocation.

use oidc_core::messages::*;
use oidc_core::validation::Nonce;
use oidc_core::OidcMessage;

use oidc_core::client_auth::ClientAuth;

use crate::harness::{code_flow, setup, verify_id_token, Browser};

#[test]
#[ignore = "needs Node.js and `npm ci` in tests/interop: run tests/interop/run.sh"]
fn code_flow_then_userinfo_introspection_refresh_revocation() {
    let ctx = setup();
    let browser = Browser::new(&ctx.provider.issuer);

    // Steps 2-3: code flow with PKCE, nonce, state and the claims parameter;
    // client_secret_basic, then client_secret_post.
    let (tokens, nonce) = code_flow(
        &ctx,
        &browser,
        &ClientAuth::client_secret_basic("rp-basic", "rp-basic-secret"),
    );
    let id_token_jwt = tokens.id_token.clone().expect("an ID Token");
    let id_token = verify_id_token(&ctx, &id_token_jwt, "rp-basic", Nonce::Expected(&nonce));
    assert_eq!(id_token.sub, "alice");
    assert_eq!(
        id_token.claims.email.as_deref(),
        Some("alice@example.test"),
        "essential claim via the claims parameter"
    );
    let (post_tokens, post_nonce) = code_flow(
        &ctx,
        &browser,
        &ClientAuth::client_secret_post("rp-post", "rp-post-secret"),
    );
    verify_id_token(
        &ctx,
        post_tokens.id_token.as_deref().unwrap(),
        "rp-post",
        Nonce::Expected(&post_nonce),
    );
    eprintln!("code flow: ok (basic and post)");

    // Step 4: userinfo, introspection (active), refresh, revocation, introspection (inactive).
    let userinfo_endpoint = ctx.metadata.userinfo_endpoint.clone().unwrap();
    let info = browser.get(&userinfo_endpoint, Some(&tokens.access_token));
    let info = UserinfoResponse::from_json(&info.body)
        .unwrap()
        .into_result()
        .unwrap();
    assert_eq!(info.sub, "alice");
    assert_eq!(info.claims.email_verified, Some(true));
    assert_eq!(info.claims.name.as_deref(), Some("User alice"));

    let introspection_endpoint = ctx.metadata.introspection_endpoint.clone().unwrap();
    let introspect = |token: &str| {
        let request = TokenIntrospectionRequest::new(token);
        let reply = browser.post_form(
            &introspection_endpoint,
            &request.to_form(),
            Some(("rp-basic", "rp-basic-secret")),
        );
        TokenIntrospectionResponse::from_json(&reply.body)
            .unwrap()
            .into_result()
            .unwrap()
    };
    let active = introspect(&tokens.access_token);
    assert!(active.active);
    assert_eq!(active.client_id.as_deref(), Some("rp-basic"));
    assert_eq!(active.sub.as_deref(), Some("alice"));

    let refresh_token = tokens
        .refresh_token
        .clone()
        .expect("a refresh token (offline_access)");
    let refresh = TokenRequest::for_refresh_token(&refresh_token);
    let reply = browser.post_form(
        ctx.metadata.token_endpoint.as_deref().unwrap(),
        &refresh.to_form(),
        Some(("rp-basic", "rp-basic-secret")),
    );
    let refreshed = TokenResponse::from_json(&reply.body)
        .unwrap()
        .into_result()
        .expect("refresh");
    if let Some(id_token) = &refreshed.id_token {
        verify_id_token(&ctx, id_token, "rp-basic", Nonce::Refresh(&nonce));
    }

    let revocation_endpoint = ctx.metadata.revocation_endpoint.clone().unwrap();
    let revoke = browser.post_form(
        &revocation_endpoint,
        &format!("token={}", refreshed.access_token),
        Some(("rp-basic", "rp-basic-secret")),
    );
    assert_eq!(revoke.status, 200, "{}", revoke.body);
    assert!(!introspect(&refreshed.access_token).active, "revoked");
    eprintln!("userinfo, introspection, refresh, revocation: ok");
}
