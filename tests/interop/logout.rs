//! RP-initiated logout with `id_token_hint`, and the back-channel logout POST that
//! follows it.

use oidc_core::messages::*;
use oidc_core::validation::{LogoutTokenValidation, Nonce};
use oidc_core::OidcMessage;

use oidc_core::client_auth::ClientAuth;

use crate::harness::{code_flow, setup, verify_id_token, Browser, TIMEOUT};

#[test]
#[ignore = "needs Node.js and `npm ci` in tests/interop: run tests/interop/run.sh"]
fn rp_initiated_and_back_channel_logout() {
    let ctx = setup();
    let browser = Browser::new(&ctx.provider.issuer);

    let (tokens, nonce) = code_flow(
        &ctx,
        &browser,
        &ClientAuth::client_secret_basic("rp-basic", "rp-basic-secret"),
    );
    let id_token_jwt = tokens.id_token.clone().expect("an ID Token");
    let id_token = verify_id_token(&ctx, &id_token_jwt, "rp-basic", Nonce::Expected(&nonce));

    // Step 6: RP-initiated logout with id_token_hint; the back-channel logout POST.
    let mut logout = RpInitiatedLogoutRequest::default();
    logout.id_token_hint = Some(id_token_jwt.clone());
    logout.post_logout_redirect_uri = Some("http://127.0.0.1:9/bye".into());
    logout.state = Some("s-logout".into());
    let end_session = ctx.metadata.end_session_endpoint.clone().unwrap();
    let done = browser.confirm_logout(&logout.to_url(&end_session).unwrap());
    let location = done.location.expect("a redirect after logout");
    assert!(location.starts_with("http://127.0.0.1:9/bye"), "{location}");
    assert!(location.contains("state=s-logout"));

    let body = ctx
        .backchannel
        .recv_timeout(TIMEOUT)
        .expect("the back-channel logout POST");
    let notification = BackChannelLogoutNotification::from_form(&body).unwrap();
    // The Logout Token in one call (oidc-provider sends exp and typ logout+jwt).
    let logout_token: BackChannelLogoutToken =
        LogoutTokenValidation::from_metadata(&ctx.metadata, "rp-basic")
            .validate_sid_exists(|sid| {
                if Some(sid) == id_token.sid.as_deref() {
                    Ok(())
                } else {
                    Err(format!("unknown session {sid}"))
                }
            })
            .verify(&notification.logout_token, &ctx.keys)
            .unwrap_or_else(|e| panic!("Logout Token refused ({:?}): {e}", e.kind()));
    assert!(logout_token.exp.is_some());
    assert_eq!(logout_token.sub.as_deref(), Some("alice"));
    eprintln!("RP-initiated and back-channel logout: ok");
}
