//! Form rules: WHATWG encoding, duplicates, empty values, UTF-8, errors.

use oidc_core::{ErrorKind, OidcMessage};

use crate::messages::{AuthRequest, TokenRequest};

const BASE: &str = "scope=openid&response_type=code&client_id=c&redirect_uri=https%3A%2F%2Frp%2Fcb";

#[test]
fn spaces_encode_as_plus_and_decode_from_plus_and_percent_20() {
    let mut req = AuthRequest::example();
    req.state = Some("a b".into());
    assert!(req.to_form().contains("state=a+b"));
    let plus = AuthRequest::from_form(&format!("{BASE}&state=a+b")).unwrap();
    let pct = AuthRequest::from_form(&format!("{BASE}&state=a%20b")).unwrap();
    assert_eq!(plus.state.as_deref(), Some("a b"));
    assert_eq!(pct.state.as_deref(), Some("a b"));
}

#[test]
fn reserved_characters_are_percent_encoded() {
    let mut req = AuthRequest::example();
    req.state = Some("&=+%#?/é".into());
    let form = req.to_form();
    assert!(form.contains("state=%26%3D%2B%25%23%3F%2F%C3%A9"), "{form}");
    assert_eq!(AuthRequest::from_form(&form).unwrap(), req);
}

#[test]
fn percent_encoded_keys_match_fields() {
    let req = AuthRequest::from_form(&format!("{BASE}&%73tate=x")).unwrap();
    assert_eq!(req.state.as_deref(), Some("x"));
}

#[test]
fn invalid_utf8_is_an_error_naming_the_parameter() {
    let err = AuthRequest::from_form(&format!("{BASE}&state=%C3%28")).unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Utf8("state".into()));
    assert_eq!(
        err.to_string(),
        r#"AuthRequest: parameter "state": percent-decoded value is not valid UTF-8"#
    );
}

#[test]
fn bad_percent_encoding_is_an_error() {
    let err = AuthRequest::from_form(&format!("{BASE}&state=50%")).unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::PercentEncoding("state".into()));
}

#[test]
fn a_repeated_parameter_is_rejected_naming_it() {
    let err = TokenRequest::from_form("grant_type=authorization_code&code=a&code=b").unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"TokenRequest: parameter "code" appears more than once"#
    );
    let err = AuthRequest::from_form(&format!("{BASE}&foo=1&foo=2")).unwrap_err();
    assert_eq!(
        err.kind(),
        &ErrorKind::Duplicate("foo".into()),
        "unknown parameters too"
    );
}

#[test]
fn an_empty_value_is_treated_as_omitted() {
    let req = AuthRequest::from_form(&format!("{BASE}&state=&nonce&foo=")).unwrap();
    assert_eq!(req.state, None);
    assert_eq!(req.nonce, None);
    assert!(req.extra.is_empty());
    // ... which also means an empty value then a real one is not a repetition.
    let req = AuthRequest::from_form(&format!("{BASE}&state=&state=x")).unwrap();
    assert_eq!(req.state.as_deref(), Some("x"));
    let err = AuthRequest::from_form("scope=openid&response_type=code&client_id=&redirect_uri=x")
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"AuthRequest: missing required parameter "client_id""#
    );
}

#[test]
fn errors_name_message_parameter_and_reason() {
    let err = AuthRequest::from_form(&format!("{BASE}&max_age=abc")).unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"AuthRequest: parameter "max_age": expected a non-negative integer, got "abc""#
    );
    assert_eq!(err.message(), "AuthRequest");
    assert_eq!(err.parameter(), Some("max_age"));
    let err = AuthRequest::from_form(&format!("{BASE}&max_age=1.5")).unwrap_err();
    assert!(err.to_string().contains("expected a non-negative integer"));
    let err = AuthRequest::from_form(&format!("{BASE}&claims=%7Bnope")).unwrap_err();
    assert!(
        err.to_string()
            .starts_with(r#"AuthRequest: parameter "claims": expected a JSON document"#),
        "{err}"
    );
}

#[test]
fn secret_values_are_not_echoed_in_errors() {
    #[derive(oidc_core::OidcMessage, Clone, PartialEq)]
    struct Pin {
        #[oidc(required, secret)]
        pin: u32,
    }
    let err = Pin::from_form("pin=hunter2").unwrap_err();
    assert!(!err.to_string().contains("hunter2"), "{err}");
    assert_eq!(err.parameter(), Some("pin"));
}

#[test]
fn unknown_parameters_are_kept_in_order_and_reencoded() {
    let body = format!("{BASE}&zeta=1&alpha=two+words&mid=%26");
    let req = AuthRequest::from_form(&body).unwrap();
    let names: Vec<&str> = req.extra.iter().map(|(k, _)| k).collect();
    assert_eq!(names, ["zeta", "alpha", "mid"]);
    assert_eq!(req.extra.get_str("alpha").as_deref(), Some("two words"));
    assert!(req.to_form().ends_with("&zeta=1&alpha=two+words&mid=%26"));
}

#[test]
fn space_delimited_lists_split_on_runs_and_join_with_single_spaces() {
    let req = AuthRequest::from_form(
        "scope=openid++profile%20%20email+&response_type=code&client_id=c&redirect_uri=x&prompt=login+consent",
    )
    .unwrap();
    assert_eq!(req.scope, ["openid", "profile", "email"]);
    assert_eq!(
        req.prompt.as_deref(),
        Some(&["login".to_string(), "consent".to_string()][..])
    );
    assert!(req.to_form().starts_with("scope=openid+profile+email&"));
    assert!(req
        .to_json()
        .starts_with(r#"{"scope":"openid profile email""#));
}

#[test]
fn none_fields_are_omitted() {
    let req = AuthRequest::example();
    assert_eq!(
        req.to_form(),
        "scope=openid+profile&response_type=code&client_id=s6BhdRkqt3&redirect_uri=https%3A%2F%2Fclient.example.org%2Fcb&state=af0ifjsldkj"
    );
}

#[test]
fn huge_inputs_are_handled_without_blowing_up() {
    let big = "x".repeat(1 << 20);
    let req = AuthRequest::from_form(&format!("{BASE}&state={big}")).unwrap();
    assert_eq!(req.state.map(|s| s.len()), Some(1 << 20));
    let err = AuthRequest::from_form(&format!("{BASE}&max_age={big}")).unwrap_err();
    assert!(err.to_string().len() < 200, "errors quote values cut short");
}
