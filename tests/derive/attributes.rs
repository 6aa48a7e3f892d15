//! The field vocabulary, one test per attribute.

use oidc_core::{ErrorKind, OidcMessage};

use crate::messages::{default_modes, Metadata, TokenRequest};

const META: &str = r#"{"issuer":"https://op","client_id":"c"}"#;

#[test]
fn required_fails_when_absent() {
    let err = Metadata::from_json(r#"{"client_id":"c"}"#).unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Missing("issuer".into()));
    assert_eq!(
        err.to_string(),
        r#"Metadata: missing required parameter "issuer""#
    );
}

#[test]
fn default_fills_absent_values_and_is_not_written() {
    let m = Metadata::from_json(META).unwrap();
    assert_eq!(m.response_modes_supported, default_modes());
    assert!(!m.claims_parameter_supported);
    assert_eq!(m.to_json(), META);
    let mut changed = m.clone();
    changed.claims_parameter_supported = true;
    changed.response_modes_supported = vec!["form_post".into()];
    assert_eq!(
        changed.to_json(),
        r#"{"issuer":"https://op","response_modes_supported":["form_post"],"claims_parameter_supported":true,"client_id":"c"}"#
    );
    assert_eq!(Metadata::from_json(&changed.to_json()).unwrap(), changed);
}

#[test]
fn rename_sets_the_wire_name_and_raw_identifiers_lose_their_prefix() {
    let m = Metadata::from_json(
        r#"{"issuer":"i","client_id":"c","token_endpoint":"https://op/token","type":"t"}"#,
    )
    .unwrap();
    assert_eq!(m.token_url.as_deref(), Some("https://op/token"));
    assert_eq!(m.r#type.as_deref(), Some("t"));
    let form = m.to_form();
    assert!(
        form.contains("token_endpoint=https%3A%2F%2Fop%2Ftoken&"),
        "{form}"
    );
    assert!(form.ends_with("&type=t"), "{form}");
    // The Rust name is not a wire name.
    let m = Metadata::from_json(r#"{"issuer":"i","client_id":"c","token_url":"x"}"#).unwrap();
    assert_eq!(m.token_url, None);
    assert!(m.extra.contains("token_url"));
}

#[test]
fn alias_is_used_when_the_main_name_is_absent() {
    let m = Metadata::from_json(r#"{"issuer":"i","azp":"from-azp"}"#).unwrap();
    assert_eq!(m.client_id, "from-azp");
    let m = Metadata::from_form("issuer=i&azp=from-azp").unwrap();
    assert_eq!(m.client_id, "from-azp");
    // Encoding uses the main name.
    assert_eq!(m.to_form(), "issuer=i&client_id=from-azp");
}

#[test]
fn alias_next_to_the_main_name_is_kept_as_unknown() {
    let m = Metadata::from_json(r#"{"issuer":"i","azp":"other","client_id":"c"}"#).unwrap();
    assert_eq!(m.client_id, "c");
    assert_eq!(m.extra.get_str("azp").as_deref(), Some("other"));
    let m = Metadata::from_form("issuer=i&client_id=c&azp=other").unwrap();
    assert_eq!(m.extra.get_str("azp").as_deref(), Some("other"));
    let err = Metadata::from_form("issuer=i&azp=a&azp=b").unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Duplicate("azp".into()));
}

#[test]
fn secret_fields_are_redacted_in_debug() {
    let req = TokenRequest::from_form(
        "grant_type=authorization_code&code=SplxlOBeZQQYbYS6WxSbIA&client_secret=7Fjfp0ZBr1KtDRbnfVdmIw&code_verifier=dBjftJeZ4CVP",
    )
    .unwrap();
    let debug = format!("{req:?}");
    for secret in [
        "SplxlOBeZQQYbYS6WxSbIA",
        "7Fjfp0ZBr1KtDRbnfVdmIw",
        "dBjftJeZ4CVP",
    ] {
        assert!(!debug.contains(secret), "{debug}");
    }
    assert_eq!(
        debug,
        r#"TokenRequest { grant_type: "authorization_code", code: Some(<redacted>), redirect_uri: None, client_id: None, client_secret: Some(<redacted>), code_verifier: Some(<redacted>), extra: {} }"#
    );
    // The values themselves are intact.
    assert_eq!(req.code.as_deref(), Some("SplxlOBeZQQYbYS6WxSbIA"));
}

#[test]
fn no_debug_leaves_debug_to_the_user() {
    #[derive(OidcMessage, Clone, PartialEq)]
    #[oidc(no_debug)]
    struct Custom {
        a: Option<String>,
    }
    impl std::fmt::Debug for Custom {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("custom")
        }
    }
    assert_eq!(format!("{:?}", Custom { a: None }), "custom");
}

#[test]
fn messages_without_extra_ignore_unknown_parameters() {
    #[derive(OidcMessage, Clone, PartialEq)]
    struct Small {
        a: Option<String>,
    }
    let s = Small::from_form("b=1&a=x&c=2").unwrap();
    assert_eq!(s.a.as_deref(), Some("x"));
    assert_eq!(s.to_form(), "a=x");
    let s = Small::from_json(r#"{"b":{"deep":[1,2]},"a":"x"}"#).unwrap();
    assert_eq!(s.to_json(), r#"{"a":"x"}"#);
}

#[test]
fn a_message_name_can_be_set() {
    let err = Metadata::from_form("client_id=c").unwrap_err();
    assert_eq!(err.message(), "Metadata");
}
