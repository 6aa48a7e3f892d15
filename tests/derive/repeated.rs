//! `repeated`: a `Vec<_>` sent as the same parameter once per item (RFC 8707 §2
//! `resource`, RFC 8693 §2.1 `audience`), an array in JSON, empty when absent.

use oidc_core::messages::{AuthenticationRequest, TokenRequest};
use oidc_core::{ErrorKind, ExtraParams, Location, OidcMessage};

#[derive(OidcMessage, Clone, PartialEq)]
struct Exchange {
    #[oidc(required)]
    grant_type: String,
    #[oidc(repeated)]
    audience: Vec<String>,
    #[oidc(repeated, rename = "port")]
    ports: Vec<u16>,
    scope: Option<String>,
    #[oidc(extra)]
    extra: ExtraParams,
}

const FORM: &str = "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange\
                    &audience=a&port=443&audience=b+c&port=8443";

#[test]
fn every_occurrence_is_an_item_in_order() {
    let m = Exchange::from_form(FORM).unwrap();
    assert_eq!(m.audience, ["a", "b c"]);
    assert_eq!(m.ports, [443, 8443]);
    // Encoding writes each item as its own pair (fields in declaration order).
    assert_eq!(
        m.to_form(),
        "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange\
         &audience=a&audience=b+c&port=443&port=8443"
    );
    assert_eq!(Exchange::from_form(&m.to_form()).unwrap(), m);
}

#[test]
fn absent_is_empty_and_empty_is_not_written() {
    let m = Exchange::from_form("grant_type=x&audience=&port=").unwrap();
    assert!(m.audience.is_empty() && m.ports.is_empty());
    assert_eq!(m.to_form(), "grant_type=x");
    assert_eq!(m.to_json(), r#"{"grant_type":"x"}"#);
    assert_eq!(
        Exchange::from_json(r#"{"grant_type":"x","audience":[]}"#).unwrap(),
        m
    );
    assert_eq!(
        Exchange::from_json(r#"{"grant_type":"x","audience":null}"#).unwrap(),
        m
    );
}

#[test]
fn json_carries_an_array() {
    let m = Exchange::from_form(FORM).unwrap();
    let json = m.to_json();
    assert_eq!(
        json,
        r#"{"grant_type":"urn:ietf:params:oauth:grant-type:token-exchange","audience":["a","b c"],"port":[443,8443]}"#
    );
    assert_eq!(Exchange::from_json(&json).unwrap(), m);
    let single = Exchange::from_json(r#"{"grant_type":"x","audience":"a"}"#).unwrap_err();
    assert_eq!(single.parameter(), Some("audience"));
    // In JSON a member is an array, so a second member is still a duplicate.
    let twice =
        Exchange::from_json(r#"{"grant_type":"x","audience":["a"],"audience":["b"]}"#).unwrap_err();
    assert_eq!(twice.kind(), &ErrorKind::Duplicate("audience".into()));
}

#[test]
fn items_are_checked_one_by_one() {
    let err = Exchange::from_form("grant_type=x&port=443&port=http").unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"Exchange: parameter "port": expected a non-negative integer, got "http""#
    );
    let err = Exchange::from_json(r#"{"grant_type":"x","port":[443,"http"]}"#).unwrap_err();
    assert_eq!(err.parameter(), Some("port"));
}

#[test]
fn every_other_parameter_keeps_duplicate_rejection() {
    for body in [
        "grant_type=x&scope=a&scope=b",
        "grant_type=x&grant_type=y",
        "grant_type=x&unknown=1&unknown=2",
    ] {
        let err = Exchange::from_form(body).unwrap_err();
        assert!(
            matches!(err.kind(), ErrorKind::Duplicate(_)),
            "{body}: {err}"
        );
    }
}

#[test]
fn urls_and_serde_forms_repeat_the_parameter_too() {
    let m = Exchange::from_form(FORM).unwrap();
    let url = m.to_url("https://as.example/token?x=1").unwrap();
    assert!(
        url.contains("&audience=a&audience=b+c&port=443&port=8443"),
        "{url}"
    );
    let back = Exchange::from_url(&url, Location::Query).unwrap();
    assert_eq!(back.audience, m.audience);
    assert_eq!(serde_urlencoded::to_string(&m).unwrap(), m.to_form());
    assert_eq!(serde_urlencoded::from_str::<Exchange>(FORM).unwrap(), m);
    assert_eq!(serde_json::to_string(&m).unwrap(), m.to_json());
}

/// RFC 8707 §2.1: several resources in an authorization request.
#[test]
fn authentication_requests_carry_resources() {
    let mut request =
        AuthenticationRequest::new("s6BhdRkqt3", "https://client.example.org/cb", ["openid"]);
    request.resource = vec![
        "https://rs.example.com/".into(),
        "https://other.example.com/api".into(),
    ];
    let url = request.to_url("https://as.example/authorize").unwrap();
    assert!(
        url.ends_with("&resource=https%3A%2F%2Frs.example.com%2F&resource=https%3A%2F%2Fother.example.com%2Fapi"),
        "{url}"
    );
    let back = AuthenticationRequest::from_url(&url, Location::Query).unwrap();
    assert_eq!(back, request);
    assert!(back.extra.is_empty());
}

/// RFC 8707 §2.2: several resources in a token request.
#[test]
fn token_requests_carry_resources() {
    let body = "grant_type=client_credentials&resource=https%3A%2F%2Fa.example%2F\
                &resource=https%3A%2F%2Fb.example%2F";
    let request = TokenRequest::from_form(body).unwrap();
    assert_eq!(
        request.resource,
        ["https://a.example/", "https://b.example/"]
    );
    assert_eq!(request.to_form(), body);
    assert!(TokenRequest::for_client_credentials().resource.is_empty());
}
