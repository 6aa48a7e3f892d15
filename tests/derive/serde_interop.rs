//! The generated serde impls follow the native codecs' rules, so serde_json and
//! serde_urlencoded (and with them axum and reqwest) see the same messages.

use oidc_core::OidcMessage;

use crate::messages::{AuthRequest, Claims, TokenRequest};

#[test]
fn serde_json_agrees_with_to_json_and_from_json() {
    let json = r#"{"iss":"i","sub":"u","aud":["a","b"],"exp":2,"iat":1,"scope":"openid email","x":{"y":[1,2]}}"#;
    let native = Claims::from_json(json).unwrap();
    let via_serde: Claims = serde_json::from_str(json).unwrap();
    assert_eq!(native, via_serde);
    assert_eq!(serde_json::to_string(&native).unwrap(), native.to_json());
    assert_eq!(
        serde_json::to_value(&native).unwrap(),
        serde_json::from_str::<serde_json::Value>(json).unwrap()
    );
    let from_value: Claims = serde_json::from_value(serde_json::from_str(json).unwrap()).unwrap();
    assert_eq!(from_value, native);
}

#[test]
fn serde_urlencoded_agrees_with_to_form_and_from_form() {
    let mut req = AuthRequest::example();
    req.claims = Some(serde_json::json!({"id_token": {"acr": {"essential": true}}}));
    req.extra.insert("ui_locales", "de en");
    let form = req.to_form();
    assert_eq!(serde_urlencoded::to_string(&req).unwrap(), form);
    let back: AuthRequest = serde_urlencoded::from_str(&form).unwrap();
    assert_eq!(back, req);
}

#[test]
fn serde_errors_carry_the_same_text() {
    let err = serde_urlencoded::from_str::<TokenRequest>("grant_type=a&code=1&code=2").unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"TokenRequest: parameter "code" appears more than once"#
    );
    let err = serde_json::from_str::<Claims>(r#"{"sub":"u"}"#).unwrap_err();
    assert!(
        err.to_string()
            .starts_with(r#"Claims: missing required parameter "iss""#),
        "{err}"
    );
}

#[test]
fn serde_json_value_keeps_unknown_member_types() {
    let c = Claims::from_json(r#"{"iss":"i","sub":"u","aud":"a","exp":2,"iat":1,"n":7,"s":"t"}"#)
        .unwrap();
    let v = serde_json::to_value(&c).unwrap();
    assert_eq!(v["n"], 7);
    assert_eq!(v["s"], "t");
}

/// Inside a caller's serde struct with `#[serde(flatten)]`, serde buffers the members
/// (there is no raw text to keep): unknown members still reach `extra`, through a
/// `serde_json::Value`, and the declared ones are decoded as usual.
#[test]
fn a_message_flattened_by_serde_keeps_unknown_members() {
    #[derive(serde::Deserialize, Debug)]
    struct Envelope {
        version: u32,
        #[serde(flatten)]
        claims: Claims,
    }
    let json = r#"{"version":1,"iss":"i","sub":"u","aud":"a","exp":2,"iat":1,"x":{"y":[1,2]}}"#;
    let envelope: Envelope = serde_json::from_str(json).unwrap();
    assert_eq!(envelope.version, 1);
    assert_eq!(envelope.claims.sub, "u");
    assert_eq!(
        envelope.claims.extra.get::<serde_json::Value>("x").unwrap(),
        Some(serde_json::json!({"y": [1, 2]}))
    );
}

#[test]
fn json_sourced_extras_reach_form_serializers_as_to_form_writes_them() {
    // Unknown members read from JSON go to a form serializer as their parameter text
    // (a string unquoted, other JSON as its JSON text), exactly as to_form writes them;
    // an empty string is absent, as in every form (RFC 6749 §3.1).
    let json = r#"{"iss":"i","sub":"u","aud":"a","exp":2,"iat":1,"x":{"y":[1,2]},"n":42,"s":"a b","e":""}"#;
    let claims = Claims::from_json(json).unwrap();
    let form = claims.to_form();
    assert!(
        form.ends_with("&x=%7B%22y%22%3A%5B1%2C2%5D%7D&n=42&s=a+b"),
        "{form}"
    );
    assert_eq!(serde_urlencoded::to_string(&claims).unwrap(), form);
}
