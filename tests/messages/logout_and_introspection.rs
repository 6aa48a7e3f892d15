use oidc_core::messages::*;
use oidc_core::{Location, OidcMessage};

#[test]
fn logout_token_event_member_must_be_an_object() {
    let base = r#""iss":"https://op","aud":"rp","iat":1,"jti":"j","sub":"s""#;
    let ok = BackChannelLogoutToken::from_json(&format!(
        r#"{{{base},"events":{{"{BACKCHANNEL_LOGOUT_EVENT}":{{}}}}}}"#
    ))
    .unwrap();
    assert!(ok.has_logout_event());
    let not_object = BackChannelLogoutToken::from_json(&format!(
        r#"{{{base},"events":{{"{BACKCHANNEL_LOGOUT_EVENT}":true}}}}"#
    ))
    .unwrap();
    assert!(!not_object.has_logout_event());
    let other_event =
        BackChannelLogoutToken::from_json(&format!(r#"{{{base},"events":{{"x":{{}}}}}}"#)).unwrap();
    assert!(!other_event.has_logout_event());
    let err = BackChannelLogoutToken::from_json(&format!(r#"{{{base},"events":[]}}"#)).unwrap_err();
    assert_eq!(err.parameter(), Some("events"));
    let err = BackChannelLogoutToken::from_json(&format!("{{{base}}}")).unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"BackChannelLogoutToken: missing required parameter "events""#
    );
}

#[test]
fn back_channel_notification_is_a_form_body() {
    let n = BackChannelLogoutNotification::from_form("logout_token=eyJ.eyJ.sig").unwrap();
    assert_eq!(n.logout_token, "eyJ.eyJ.sig");
    assert!(!format!("{n:?}").contains("eyJ.eyJ"));
    assert!(BackChannelLogoutNotification::from_form("").is_err());
}

#[test]
fn rp_initiated_logout_url() {
    let mut r = RpInitiatedLogoutRequest::default();
    r.id_token_hint = Some("eyJ.eyJ.sig".into());
    r.post_logout_redirect_uri = Some("https://rp.example/bye".into());
    r.state = Some("s1".into());
    r.ui_locales = Some(vec!["fr-CA".into(), "fr".into()]);
    let url = r.to_url("https://op.example/logout").unwrap();
    assert_eq!(
        url,
        "https://op.example/logout?id_token_hint=eyJ.eyJ.sig&post_logout_redirect_uri=https%3A%2F%2Frp.example%2Fbye&state=s1&ui_locales=fr-CA+fr"
    );
    assert_eq!(
        RpInitiatedLogoutRequest::from_url(&url, Location::Query).unwrap(),
        r
    );
}

#[test]
fn introspection_request_and_responses() {
    let r =
        TokenIntrospectionRequest::from_form("token=mF_9.B5f-4.1JqM&token_type_hint=access_token")
            .unwrap();
    assert!(!format!("{r:?}").contains("mF_9"), "the token is secret");
    let inactive = TokenIntrospectionResponse::from_json(r#"{"active":false}"#)
        .unwrap()
        .into_result()
        .unwrap();
    assert!(!inactive.active);
    assert_eq!(inactive.to_json(), r#"{"active":false}"#);
    let err = TokenIntrospectionResponse::from_json(r#"{"error":"invalid_client"}"#).unwrap();
    assert_eq!(
        err.into_result().unwrap_err().error,
        TokenIntrospectionErrorCode::InvalidClient
    );
    // RFC 7662 §2.3: a caller that authorizes with a bearer token gets RFC 6750's codes.
    for (code, expected) in [
        (
            "invalid_request",
            TokenIntrospectionErrorCode::InvalidRequest,
        ),
        ("invalid_token", TokenIntrospectionErrorCode::InvalidToken),
        (
            "insufficient_scope",
            TokenIntrospectionErrorCode::InsufficientScope,
        ),
        (
            "invalid_grant",
            TokenIntrospectionErrorCode::Other("invalid_grant".into()),
        ),
    ] {
        let err = TokenIntrospectionResponse::from_json(&format!(r#"{{"error":"{code}"}}"#))
            .unwrap()
            .into_result()
            .unwrap_err();
        assert_eq!(err.error, expected);
        assert_eq!(err.to_string(), code, "Display is the code");
    }
    let err = TokenIntrospectionSuccessResponse::from_json(r#"{"active":"yes"}"#).unwrap_err();
    assert_eq!(err.parameter(), Some("active"));
}
