//! CIBA (OpenID CIBA Core 1.0) in poll mode: the backchannel authentication request,
//! `authorization_pending`, polling by the rule until the tokens come; a request
//! without a hint refused with a CIBA error code. (Ping and push: the provider
//! requires an https notification endpoint, and this test speaks plain http to
//! 127.0.0.1 only; their bodies are covered by the spec examples.)

use std::time::{Duration, Instant};

use oidc_core::messages::*;
use oidc_core::validation::Nonce;
use oidc_core::OidcMessage;

use crate::harness::{setup, verify_id_token, Browser, TIMEOUT};

const BASIC: Option<(&str, &str)> = Some(("rp-ciba", "rp-ciba-secret"));

#[test]
#[ignore = "needs Node.js and `npm ci` in tests/interop: run tests/interop/run.sh"]
fn ciba_poll_mode() {
    let ctx = setup();
    let browser = Browser::new(&ctx.provider.issuer);
    let endpoint = ctx
        .metadata
        .backchannel_authentication_endpoint
        .clone()
        .expect("CIBA");
    let token_endpoint = ctx.metadata.token_endpoint.clone().unwrap();

    let mut request =
        BackchannelAuthenticationRequest::with_login_hint(["openid", "email"], "alice");
    request.binding_message = Some("W4SCT".into());
    let reply = browser.post_form(&endpoint, &request.to_form(), BASIC);
    assert_eq!(reply.status, 200, "{}", reply.body);
    let ack = BackchannelAuthenticationResponse::from_json(&reply.body)
        .unwrap()
        .into_result()
        .unwrap();
    assert!(ack.expires_in > 0);

    // Poll mode waits as the device grant does (CIBA Core §7.3, §11).
    let mut polling = DevicePolling::new(Duration::from_secs(ack.interval));
    let poll = TokenRequest::for_ciba(&ack.auth_req_id);
    let send = || {
        let reply = browser.post_form(&token_endpoint, &poll.to_form(), BASIC);
        TokenResponse::from_json(&reply.body).unwrap()
    };
    let pending = send().into_result().unwrap_err();
    assert_eq!(pending.error, TokenErrorCode::AuthorizationPending);
    let mut wait = polling.on_error(&pending.error).expect("keep polling");
    let started = Instant::now();
    let tokens = loop {
        assert!(started.elapsed() < TIMEOUT, "no tokens within {TIMEOUT:?}");
        std::thread::sleep(wait);
        match send().into_result() {
            Ok(tokens) => break tokens,
            Err(error) => {
                wait = polling
                    .on_error(&error.error)
                    .unwrap_or_else(|| panic!("polling stopped: {error}"));
            }
        }
    };
    let id_token = verify_id_token(
        &ctx,
        tokens.id_token.as_deref().expect("an ID Token"),
        "rp-ciba",
        Nonce::NoneSent,
    );
    assert_eq!(id_token.sub, "alice");
    eprintln!("CIBA poll: ok");

    // No hint: the provider refuses with a CIBA error (our decoder would too).
    let raw = "scope=openid";
    assert!(BackchannelAuthenticationRequest::from_form(raw).is_err());
    let reply = browser.post_form(&endpoint, raw, BASIC);
    assert_eq!(reply.status, 400, "{}", reply.body);
    let error = BackchannelAuthenticationResponse::from_json(&reply.body)
        .unwrap()
        .into_result()
        .unwrap_err();
    assert_eq!(
        error.error,
        BackchannelAuthenticationErrorCode::InvalidRequest
    );
    eprintln!("CIBA error: ok ({error})");
}
