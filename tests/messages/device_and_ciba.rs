//! The device authorization messages, the polling rule (RFC 8628 §3.2, §3.5) and the
//! CIBA messages (CIBA Core §7.1, §7.3, §10, §12, §13).

use std::time::Duration;

use oidc_core::messages::*;
use oidc_core::OidcMessage;

const SECS: fn(u64) -> Duration = Duration::from_secs;

#[test]
fn polling_keeps_the_interval_while_pending() {
    let mut polling = DevicePolling::new(SECS(5));
    for _ in 0..3 {
        assert_eq!(
            polling.on_error(&TokenErrorCode::AuthorizationPending),
            Some(SECS(5))
        );
    }
    assert_eq!(polling.interval(), SECS(5));
}

#[test]
fn slow_down_adds_five_seconds_for_this_and_every_later_poll() {
    let mut polling = DevicePolling::new(SECS(5));
    assert_eq!(polling.on_error(&TokenErrorCode::SlowDown), Some(SECS(10)));
    assert_eq!(polling.on_error(&TokenErrorCode::SlowDown), Some(SECS(15)));
    assert_eq!(
        polling.on_error(&TokenErrorCode::AuthorizationPending),
        Some(SECS(15))
    );
    assert_eq!(DevicePolling::SLOW_DOWN_STEP, SECS(5));
    let mut huge = DevicePolling::new(Duration::MAX);
    assert_eq!(
        huge.on_error(&TokenErrorCode::SlowDown),
        Some(Duration::MAX)
    );
}

#[test]
fn every_other_error_stops_polling() {
    for code in [
        TokenErrorCode::AccessDenied,
        TokenErrorCode::ExpiredToken,
        TokenErrorCode::InvalidGrant,
        TokenErrorCode::InvalidClient,
        TokenErrorCode::TransactionFailed,
        TokenErrorCode::Other("authorization_pending ".into()),
    ] {
        let mut polling = DevicePolling::new(SECS(5));
        assert_eq!(polling.on_error(&code), None, "{code}");
        assert_eq!(polling.interval(), SECS(5), "{code}");
    }
}

#[test]
fn a_connection_timeout_doubles_the_interval() {
    let mut polling = DevicePolling::new(SECS(5));
    assert_eq!(polling.on_timeout(), SECS(10));
    assert_eq!(polling.on_timeout(), SECS(20));
    assert_eq!(
        polling.on_error(&TokenErrorCode::AuthorizationPending),
        Some(SECS(20))
    );
    assert_eq!(
        DevicePolling::new(Duration::MAX).on_timeout(),
        Duration::MAX
    );
}

#[test]
fn the_interval_defaults_to_five_seconds() {
    let base =
        r#"{"device_code":"d","user_code":"u","verification_uri":"https://e/d","expires_in":600"#;
    let absent = DeviceAuthorizationSuccessResponse::from_json(&format!("{base}}}")).unwrap();
    assert_eq!(absent.interval, DEFAULT_POLLING_INTERVAL);
    assert_eq!(absent.polling().interval(), SECS(5));
    let five = DeviceAuthorizationSuccessResponse::from_json(&format!(r#"{base},"interval":5}}"#))
        .unwrap();
    assert_eq!(five, absent);
    assert!(
        !five.to_json().contains("interval"),
        "the default is not written"
    );
    let six = DeviceAuthorizationSuccessResponse::from_json(&format!(r#"{base},"interval":6}}"#))
        .unwrap();
    assert_eq!(six.polling().interval(), SECS(6));
    assert!(six.to_json().ends_with(r#""expires_in":600,"interval":6}"#));
    assert_eq!(
        DeviceAuthorizationSuccessResponse::new("d", "u", "https://e/d", 600),
        absent
    );
}

#[test]
fn device_authorization_response_requires_its_members() {
    for missing in ["device_code", "user_code", "verification_uri", "expires_in"] {
        let mut members = serde_json::json!({"device_code":"d","user_code":"u",
            "verification_uri":"https://e/d","expires_in":600});
        members.as_object_mut().unwrap().remove(missing);
        let err = DeviceAuthorizationResponse::from_json(&members.to_string()).unwrap_err();
        assert!(err.to_string().contains(missing), "{err}");
    }
    let err = DeviceAuthorizationResponse::from_json(r#"{"error":"invalid_client"}"#)
        .unwrap()
        .into_result()
        .unwrap_err();
    assert_eq!(err.error, TokenErrorCode::InvalidClient);
}

#[test]
fn device_codes_never_show_in_debug() {
    let mut codes =
        DeviceAuthorizationSuccessResponse::new("dc-secret", "UC-SECRET", "https://e/d", 1);
    codes.verification_uri_complete = Some("https://e/d?user_code=UC-SECRET".into());
    let debug = format!("{codes:?}");
    assert!(
        !debug.contains("dc-secret") && !debug.contains("UC-SECRET"),
        "{debug}"
    );
    assert!(debug.contains("https://e/d"));
}

#[test]
fn ciba_requests_have_exactly_one_hint() {
    for (body, got) in [
        ("scope=openid", "none"),
        ("scope=openid&login_hint=a&id_token_hint=b", "several"),
        ("scope=openid&login_hint=a&login_hint_token=b", "several"),
        ("scope=openid&id_token_hint=a&login_hint_token=b", "several"),
        (
            "scope=openid&login_hint=a&id_token_hint=b&login_hint_token=c",
            "several",
        ),
    ] {
        let err = BackchannelAuthenticationRequest::from_form(body).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "BackchannelAuthenticationRequest: exactly one of login_hint_token, \
                 id_token_hint and login_hint is required, got {got} (CIBA Core §7.1)"
            ),
            "{body}"
        );
    }
    for request in [
        BackchannelAuthenticationRequest::with_login_hint(["openid"], "alice"),
        BackchannelAuthenticationRequest::with_id_token_hint(["openid"], "eyJ.eyJ.sig"),
        BackchannelAuthenticationRequest::with_login_hint_token(["openid"], "eyJ.eyJ.lht"),
    ] {
        let form = request.to_form();
        assert_eq!(
            BackchannelAuthenticationRequest::from_form(&form).unwrap(),
            request
        );
        assert_eq!(
            BackchannelAuthenticationRequest::from_json(&request.to_json()).unwrap(),
            request
        );
    }
}

#[test]
fn ciba_requests_need_the_openid_scope() {
    let err = BackchannelAuthenticationRequest::from_form("login_hint=a").unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"BackchannelAuthenticationRequest: missing required parameter "scope""#
    );
    let err = BackchannelAuthenticationRequest::from_form("scope=email+openidx&login_hint=a")
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"BackchannelAuthenticationRequest: parameter "scope": must contain openid (CIBA Core §7.1)"#
    );
    assert!(BackchannelAuthenticationRequest::from_form("scope=email+openid&login_hint=a").is_ok());
}

#[test]
fn a_signed_ciba_request_carries_its_parameters_in_request() {
    let signed = BackchannelAuthenticationRequest::signed("eyJ.eyJ.sig");
    assert_eq!(signed.to_form(), "request=eyJ.eyJ.sig");
    assert_eq!(
        BackchannelAuthenticationRequest::from_form("request=eyJ.eyJ.sig").unwrap(),
        signed
    );
    assert!(!format!("{signed:?}").contains("eyJ"));
}

#[test]
fn ciba_secrets_never_show_in_debug() {
    let mut r = BackchannelAuthenticationRequest::with_login_hint_token(["openid"], "lht-secret");
    r.client_notification_token = Some("cnt-secret".into());
    r.user_code = Some("uc-secret".into());
    let debug = format!("{r:?}");
    for secret in ["lht-secret", "cnt-secret", "uc-secret"] {
        assert!(!debug.contains(secret), "{debug}");
    }
    let ack = BackchannelAuthenticationSuccessResponse::new("arid-secret", 120);
    assert!(!format!("{ack:?}").contains("arid-secret"));
    assert!(!format!("{:?}", CibaPingNotification::new("arid-secret")).contains("arid-secret"));
}

#[test]
fn ciba_acknowledgement_defaults_its_interval() {
    let ack =
        BackchannelAuthenticationResponse::from_json(r#"{"auth_req_id":"r","expires_in":120}"#)
            .unwrap()
            .into_result()
            .unwrap();
    assert_eq!(ack, BackchannelAuthenticationSuccessResponse::new("r", 120));
    assert_eq!(ack.interval, 5);
    let err = BackchannelAuthenticationResponse::from_json(
        r#"{"error":"expired_login_hint_token","error_description":"too old"}"#,
    )
    .unwrap()
    .into_result()
    .unwrap_err();
    assert_eq!(
        err.error,
        BackchannelAuthenticationErrorCode::ExpiredLoginHintToken
    );
    assert_eq!(err.to_string(), "expired_login_hint_token: too old");
    assert_eq!(
        BackchannelAuthenticationErrorResponse::new(
            BackchannelAuthenticationErrorCode::UnknownUserId
        )
        .to_json(),
        r#"{"error":"unknown_user_id"}"#
    );
}

#[test]
fn ciba_push_is_tokens_or_an_error() {
    let tokens = TokenSuccessResponse::new("at", "Bearer");
    let push = CibaPushSuccess::new("r", tokens);
    assert_eq!(
        push.to_json(),
        r#"{"auth_req_id":"r","access_token":"at","token_type":"Bearer"}"#
    );
    assert_eq!(
        CibaPushNotification::from_json(&push.to_json()).unwrap(),
        CibaPushNotification::Success(push)
    );
    let error = CibaPushNotification::from_json(
        r#"{"auth_req_id":"r","error":"transaction_failed","error_description":"device lost"}"#,
    )
    .unwrap()
    .into_result()
    .unwrap_err();
    assert_eq!(error.error, TokenErrorCode::TransactionFailed);
    assert_eq!(error.to_string(), "transaction_failed: device lost");
    assert_eq!(
        CibaPushError::new("r", TokenErrorCode::AccessDenied).to_json(),
        r#"{"auth_req_id":"r","error":"access_denied"}"#
    );
    // A push without auth_req_id is not a push.
    assert!(
        CibaPushNotification::from_json(r#"{"access_token":"at","token_type":"Bearer"}"#).is_err()
    );
}
