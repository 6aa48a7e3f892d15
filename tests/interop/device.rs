//! The device authorization grant (RFC 8628) end to end: codes, the user code entered
//! on the provider's device page, polling by the rule until the tokens come.

use std::time::Instant;

use oidc_core::messages::*;
use oidc_core::validation::Nonce;
use oidc_core::OidcMessage;

use crate::harness::{setup, verify_id_token, Browser, TIMEOUT};

#[test]
#[ignore = "needs Node.js and `npm ci` in tests/interop: run tests/interop/run.sh"]
fn device_flow_with_polling() {
    let ctx = setup();
    let browser = Browser::new(&ctx.provider.issuer);
    let endpoint = ctx
        .metadata
        .device_authorization_endpoint
        .clone()
        .expect("RFC 8628");
    let token_endpoint = ctx.metadata.token_endpoint.clone().unwrap();

    let mut request = DeviceAuthorizationRequest::default();
    request.client_id = Some("rp-device".into());
    request.scope = Some(vec!["openid".into(), "email".into()]);
    let reply = browser.post_form(&endpoint, &request.to_form(), None);
    assert_eq!(reply.status, 200, "{}", reply.body);
    let codes = DeviceAuthorizationResponse::from_json(&reply.body)
        .unwrap()
        .into_result()
        .unwrap();
    assert!(codes.expires_in > 0);
    let mut polling = codes.polling();

    let mut poll = TokenRequest::for_device_code(&codes.device_code);
    poll.client_id = Some("rp-device".into());
    let send = || {
        let reply = browser.post_form(&token_endpoint, &poll.to_form(), None);
        TokenResponse::from_json(&reply.body).unwrap()
    };
    // Before the user acts: authorization_pending, poll again after the interval.
    let pending = send().into_result().unwrap_err();
    assert_eq!(pending.error, TokenErrorCode::AuthorizationPending);
    let mut wait = polling.on_error(&pending.error).expect("keep polling");
    eprintln!("device: authorization_pending, next poll in {wait:?}");

    // The user enters the code on the device page (another browser), logs in, consents.
    let user = Browser::new(&ctx.provider.issuer);
    let done = user.complete_interaction(
        &codes.verification_uri,
        "alice",
        &format!("user_code={}", codes.user_code),
    );
    assert_eq!(done.status, 200, "{}", done.body);

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
        "rp-device",
        Nonce::NoneSent,
    );
    assert_eq!(id_token.sub, "alice");

    // The device code is spent.
    let spent = send().into_result().unwrap_err();
    assert!(polling.on_error(&spent.error).is_none(), "{spent}");
    eprintln!("device flow: ok ({spent} after use)");
}
