//! JSON rules: nested values, NumericDate fractions, BOM, types, leniency.

use oidc_core::{Audience, ErrorKind, NumericDate, OidcMessage};

use crate::messages::{AuthRequest, Claims};

const CLAIMS: &str =
    r#"{"iss":"https://op","sub":"u1","aud":["c1","c2"],"exp":1311281970,"iat":1311280970}"#;

#[test]
fn numeric_dates_accept_fractions() {
    let c = Claims::from_json(
        r#"{"iss":"https://op","sub":"u1","aud":"c1","exp":1311281970.75,"iat":1311280970.0}"#,
    )
    .unwrap();
    assert_eq!(c.exp, NumericDate::from_secs(1311281970));
    assert_eq!(c.iat.as_secs(), 1311280970);
    assert_eq!(c.aud, Audience::Single("c1".into()));
}

#[test]
fn floats_are_rejected_where_integers_are_expected() {
    let err = AuthRequest::from_json(
        r#"{"scope":"openid","response_type":"code","client_id":"c","redirect_uri":"x","max_age":1.5}"#,
    )
    .unwrap_err();
    assert_eq!(err.parameter(), Some("max_age"));
    assert!(
        err.to_string()
            .starts_with(r#"AuthRequest: parameter "max_age": invalid type: floating point"#),
        "{err}"
    );
}

#[test]
fn wrong_json_types_name_the_member() {
    let err = Claims::from_json(r#"{"iss":5,"sub":"u","aud":"c","exp":1,"iat":1}"#).unwrap_err();
    assert_eq!(err.parameter(), Some("iss"));
    assert!(err.to_string().contains("expected a string"), "{err}");
    let err =
        Claims::from_json(r#"{"iss":"i","sub":"u","aud":{"x":1},"exp":1,"iat":1}"#).unwrap_err();
    assert_eq!(err.parameter(), Some("aud"));
}

#[test]
fn a_leading_bom_is_skipped_but_other_garbage_is_not() {
    let with_bom = format!("\u{feff}{CLAIMS}");
    assert!(Claims::from_json(&with_bom).is_ok());
    let err = Claims::from_json(&format!("{CLAIMS} x")).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Json(_)), "{err}");
    let err = Claims::from_json("[1,2]").unwrap_err();
    assert!(
        err.to_string()
            .contains("expected a JSON object with the members of Claims"),
        "{err}"
    );
    assert!(Claims::from_json("").is_err());
}

#[test]
fn null_means_absent() {
    let c = Claims::from_json(
        r#"{"iss":"i","sub":"u","aud":"c","exp":1,"iat":1,"auth_time":null,"email_verified":null}"#,
    )
    .unwrap();
    assert_eq!(c.auth_time, None);
    assert_eq!(c.email_verified, None);
    let err = Claims::from_json(r#"{"iss":null,"sub":"u","aud":"c","exp":1,"iat":1}"#).unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"Claims: missing required parameter "iss""#
    );
}

#[test]
fn duplicate_members_are_rejected() {
    let err = Claims::from_json(r#"{"iss":"a","iss":"b","sub":"u","aud":"c","exp":1,"iat":1}"#)
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"Claims: parameter "iss" appears more than once"#
    );
    let err = Claims::from_json(r#"{"iss":"a","x":1,"x":2,"sub":"u","aud":"c","exp":1,"iat":1}"#)
        .unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Duplicate("x".into()));
}

#[test]
fn unknown_members_keep_their_json_type_and_order() {
    let json = r#"{"iss":"i","sub":"u","aud":"c","exp":1,"iat":1,"realm_access":{"roles":["a"]},"n":1.50,"s":"t\u00e9"}"#;
    let c = Claims::from_json(json).unwrap();
    assert_eq!(
        c.extra
            .get::<serde_json::Value>("realm_access")
            .unwrap()
            .unwrap(),
        serde_json::json!({"roles": ["a"]})
    );
    assert_eq!(c.extra.get_str("s").as_deref(), Some("té"));
    // Re-encoded verbatim: the number keeps its spelling.
    assert!(
        c.to_json()
            .ends_with(r#""realm_access":{"roles":["a"]},"n":1.50,"s":"t\u00e9"}"#),
        "{}",
        c.to_json()
    );
}

#[test]
fn leniency_applies_only_where_declared() {
    // Apple: string iat / auth_time and "true"; Auth0: RFC 3339 updated_at; Xero: scope array.
    let c = Claims::from_json(
        r#"{"iss":"i","sub":"u","aud":"c","exp":"1311281970","iat":" 1311280970 ","auth_time":"1311280000",
            "email_verified":"true","updated_at":"2011-07-21T20:59:30Z","scope":["openid","email"]}"#,
    )
    .unwrap();
    assert_eq!(c.exp.as_secs(), 1311281970);
    assert_eq!(c.iat.as_secs(), 1311280970);
    assert_eq!(c.auth_time, Some(NumericDate::from_secs(1311280000)));
    assert_eq!(c.email_verified, Some(true));
    assert_eq!(c.updated_at, Some(NumericDate::from_secs(1311281970)));
    assert_eq!(
        c.scope.as_deref(),
        Some(&["openid".to_string(), "email".to_string()][..])
    );
    // Strict fields stay strict.
    let err = AuthRequest::from_json(
        r#"{"scope":"openid","response_type":"code","client_id":"c","redirect_uri":"x","max_age":"300"}"#,
    )
    .unwrap_err();
    assert_eq!(err.parameter(), Some("max_age"));
    let err = AuthRequest::from_json(
        r#"{"scope":["openid"],"response_type":"code","client_id":"c","redirect_uri":"x"}"#,
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .contains("expected a space-delimited string"),
        "{err}"
    );
    let err = Claims::from_json(
        r#"{"iss":"i","sub":"u","aud":"c","exp":1,"iat":1,"email_verified":"yes"}"#,
    )
    .unwrap_err();
    assert_eq!(err.parameter(), Some("email_verified"));
}

#[test]
fn lenient_values_encode_strictly() {
    let c = Claims::from_json(
        r#"{"iss":"i","sub":"u","aud":"c","exp":"5","iat":"4","email_verified":"true"}"#,
    )
    .unwrap();
    assert_eq!(
        c.to_json(),
        r#"{"iss":"i","sub":"u","aud":"c","exp":5,"iat":4,"email_verified":true}"#
    );
}

#[test]
fn json_fields_nest_in_json_and_are_text_in_forms() {
    let mut req = AuthRequest::example();
    req.claims = Some(serde_json::json!({"userinfo": {"email": null}}));
    assert!(req
        .to_json()
        .contains(r#""claims":{"userinfo":{"email":null}}"#));
    assert!(req
        .to_form()
        .contains("claims=%7B%22userinfo%22%3A%7B%22email%22%3Anull%7D%7D"));
    assert_eq!(AuthRequest::from_json(&req.to_json()).unwrap(), req);
    assert_eq!(AuthRequest::from_form(&req.to_form()).unwrap(), req);
}

#[test]
fn deep_nesting_is_an_error_or_kept_raw_never_a_stack_overflow() {
    let (open, close) = ("[".repeat(100_000), "]".repeat(100_000));
    // A typed value is parsed with serde_json's recursion limit.
    let typed = format!(
        r#"{{"scope":"openid","response_type":"code","client_id":"c","redirect_uri":"x","claims":{open}{close}}}"#
    );
    let err = AuthRequest::from_json(&typed).unwrap_err();
    assert!(err.to_string().contains("recursion limit"), "{err}");
    // An unknown member is only scanned (iteratively) and kept as text.
    let unknown = format!(r#"{{"iss":"i","sub":"u","aud":"c","exp":1,"iat":1,"x":{open}{close}}}"#);
    let c = Claims::from_json(&unknown).unwrap();
    assert_eq!(c.extra.len(), 1);
}
