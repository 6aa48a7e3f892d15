//! Values received in claims (issuer, audience, azp) and callback reasons reach
//! `ValidationError`'s text as one bounded line, control characters escaped.

use oidc_core::messages::*;
use oidc_core::validation::*;
use oidc_core::{NumericDate, OidcMessage};
use serde_json::json;

use crate::NOW;

fn hostile() -> String {
    format!("evil\r\nX-Injected: 1{}", "x".repeat(1 << 20))
}

fn assert_one_bounded_line(err: &ValidationError, expected_start: &str) {
    let text = err.to_string();
    assert!(
        text.starts_with(expected_start),
        "{}",
        &text[..text.len().min(200)]
    );
    assert!(!text.contains(['\r', '\n']), "{text}");
    assert!(text.contains(r"evil\r\nX-Injected"), "{text}");
    assert!(text.len() < 200, "{} bytes", text.len());
}

fn id_token(changes: serde_json::Value) -> IdToken {
    let mut claims = json!({"iss": "https://op.example", "sub": "u1", "aud": "client", "exp": NOW + 300, "iat": NOW - 10});
    for (k, v) in changes.as_object().unwrap() {
        claims[k] = v.clone();
    }
    IdToken::from_json(&claims.to_string()).unwrap()
}

fn checks() -> IdTokenValidation<'static> {
    IdTokenValidation::new("https://op.example", "client")
        .clock(FixedClock(NumericDate::from_secs(NOW)))
}

#[test]
fn claim_values_are_quoted_and_cut() {
    let h = hostile();
    let err = id_token(json!({"iss": h}))
        .validate_extern(&checks())
        .unwrap_err();
    assert_one_bounded_line(&err, "ID Token was issued by an unexpected issuer: \"evil");
    let err = id_token(json!({"aud": ["client", h], "azp": "client"}))
        .validate_extern(&checks())
        .unwrap_err();
    assert_one_bounded_line(&err, "ID Token's audience \"evil");
    let err = id_token(json!({"azp": h}))
        .validate_extern(&checks())
        .unwrap_err();
    assert_one_bounded_line(&err, "ID Token was not issued to this client (azp \"evil");
    // The caller's own expected audience is quoted the same way.
    let err = id_token(json!({}))
        .validate_extern(
            &IdTokenValidation::new("https://op.example", &h)
                .clock(FixedClock(NumericDate::from_secs(NOW))),
        )
        .unwrap_err();
    assert_one_bounded_line(&err, "ID Token's audience does not contain \"evil");
    // Authentication responses: the received iss.
    let response = AuthenticationResponse::from_form(&format!(
        "code=c&state=s&iss={}",
        url::form_urlencoded::byte_serialize(h.as_bytes()).collect::<String>()
    ))
    .unwrap();
    let err = response
        .validate_extern(&AuthenticationResponseValidation::new(
            Some("s"),
            "https://op.example",
        ))
        .unwrap_err();
    assert_one_bounded_line(
        &err,
        "Authentication response was issued by an unexpected issuer",
    );
}

#[test]
fn callback_reasons_are_quoted_and_cut() {
    let h = hostile();
    let err = id_token(json!({"acr": "1"}))
        .validate_extern(&checks().validate_acr(|acr| Err(format!("{}{acr}", hostile()))))
        .unwrap_err();
    assert_one_bounded_line(&err, "ID Token's acr was rejected: \"evil");
    let token = BackChannelLogoutToken::from_json(
        &json!({"iss": "https://op.example", "aud": "client", "iat": NOW, "exp": NOW + 60, "jti": h, "sid": "s",
                "events": {BACKCHANNEL_LOGOUT_EVENT: {}}})
        .to_string(),
    )
    .unwrap();
    let err = token
        .validate_extern(
            &LogoutTokenValidation::new("https://op.example", "client")
                .clock(FixedClock(NumericDate::from_secs(NOW)))
                .validate_unique_jti(|jti| Err(jti.to_owned())),
        )
        .unwrap_err();
    assert_one_bounded_line(&err, "Logout Token: jti check failed: \"evil");
}
