//! A space-delimited list that holds only separators is absent, on every path: a
//! `required` one fails with "missing", an optional one is `None`, and so every decoded
//! message re-encodes to something that decodes to it again.

use oidc_core::messages::{AuthenticationRequest, TokenSuccessResponse};
use oidc_core::{ErrorKind, Location, OidcMessage};

const REST: &str = "response_type=code&client_id=c&redirect_uri=https%3A%2F%2Frp%2Fcb";

fn missing_scope(err: oidc_core::Error) {
    assert_eq!(err.kind(), &ErrorKind::Missing("scope".to_owned()), "{err}");
}

#[test]
fn a_required_list_of_separators_is_missing() {
    for scope in ["+++", "%20", "+%20+"] {
        let body = format!("scope={scope}&{REST}");
        missing_scope(AuthenticationRequest::from_form(&body).unwrap_err());
        missing_scope(
            AuthenticationRequest::from_url(
                &format!("https://op/authorize?{body}"),
                Location::Auto,
            )
            .unwrap_err(),
        );
        let err = serde_urlencoded::from_str::<AuthenticationRequest>(&body).unwrap_err();
        assert!(
            err.to_string()
                .contains(r#"missing required parameter "scope""#),
            "{err}"
        );
    }
    let json = r#"{"scope":"   ","response_type":"code","client_id":"c","redirect_uri":"r"}"#;
    missing_scope(AuthenticationRequest::from_json(json).unwrap_err());
    assert!(serde_json::from_str::<AuthenticationRequest>(json).is_err());
}

#[test]
fn an_optional_list_of_separators_is_none_and_round_trips() {
    let request =
        AuthenticationRequest::from_form(&format!("scope=openid&prompt=++&ui_locales=%20&{REST}"))
            .unwrap();
    assert_eq!(request.prompt, None);
    assert_eq!(request.ui_locales, None);
    assert_eq!(
        AuthenticationRequest::from_form(&request.to_form()).unwrap(),
        request
    );
    assert_eq!(
        AuthenticationRequest::from_json(&request.to_json()).unwrap(),
        request
    );
    // Absent, then present: as with an empty value, this is not a repeat.
    let request =
        AuthenticationRequest::from_form(&format!("scope=+&scope=openid&{REST}")).unwrap();
    assert_eq!(request.scope, ["openid"]);
}

#[test]
fn json_strings_and_arrays_of_nothing_are_absent() {
    for scope in [r#"" ""#, "[]", r#"[""]"#, r#"["", "  "]"#] {
        let json = format!(r#"{{"access_token":"a","token_type":"b","scope":{scope}}}"#);
        let tokens = TokenSuccessResponse::from_json(&json).unwrap();
        assert_eq!(tokens.scope, None, "{scope}");
        let via_serde: TokenSuccessResponse = serde_json::from_str(&json).unwrap();
        assert_eq!(via_serde.scope, None, "{scope}");
        assert_eq!(
            TokenSuccessResponse::from_json(&tokens.to_json()).unwrap(),
            tokens
        );
    }
    // An element holding several scopes is read like the string form.
    let tokens = TokenSuccessResponse::from_json(
        r#"{"access_token":"a","token_type":"b","scope":["openid profile","","email"]}"#,
    )
    .unwrap();
    assert_eq!(
        tokens.scope.as_deref().unwrap(),
        ["openid", "profile", "email"]
    );
    assert_eq!(
        TokenSuccessResponse::from_json(&tokens.to_json()).unwrap(),
        tokens
    );
}
