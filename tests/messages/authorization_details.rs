//! `authorization_details` (RFC 9396): typed objects with `type` REQUIRED and the common
//! members of §2.2, every other member kept; in requests as JSON text, in responses
//! nested; read as a caller's own type.

use oidc_core::messages::*;
use oidc_core::{ExtraParams, Location, OidcMessage};
use serde_json::json;

#[test]
fn type_is_required_and_the_common_members_are_typed() {
    let err = AuthorizationDetail::from_json(r#"{"actions":["read"]}"#).unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"AuthorizationDetail: missing required parameter "type""#
    );
    let err = AuthorizationDetail::from_json(r#"{"type":""}"#).unwrap_err();
    assert_eq!(err.parameter(), Some("type"), "an empty type is no type");
    for (text, member) in [
        (r#"{"type":"t","locations":"https://a"}"#, "locations"),
        (r#"{"type":"t","actions":[1]}"#, "actions"),
        (r#"{"type":"t","datatypes":{}}"#, "datatypes"),
        (r#"{"type":"t","identifier":["x"]}"#, "identifier"),
        (r#"{"type":"t","privileges":[null]}"#, "privileges"),
        (r#"{"type":1}"#, "type"),
    ] {
        let err = AuthorizationDetail::from_json(text).unwrap_err();
        assert_eq!(err.parameter(), Some(member), "{text}: {err}");
    }
    let d = AuthorizationDetail::from_json(
        r#"{"type":"example_api","privileges":["admin"],"identifier":"x","z":{"a":[1]}}"#,
    )
    .unwrap();
    assert_eq!(d.privileges, ["admin"]);
    assert_eq!(d.identifier.as_deref(), Some("x"));
    assert_eq!(
        d.to_json(),
        r#"{"type":"example_api","identifier":"x","privileges":["admin"],"z":{"a":[1]}}"#
    );
    let built = AuthorizationDetail::new("example_api");
    assert_eq!(built.to_json(), r#"{"type":"example_api"}"#);
}

#[test]
fn the_parameter_is_a_json_array_of_objects() {
    let mut r = TokenRequest::for_client_credentials();
    let mut detail = AuthorizationDetail::new("payment_initiation");
    detail.locations = vec!["https://example.com/payments".into()];
    detail
        .extra
        .insert_json(
            "instructedAmount",
            &json!({"currency": "EUR", "amount": "123.50"}),
        )
        .unwrap();
    r.authorization_details = Some(vec![detail]);
    let form = r.to_form();
    assert_eq!(
        form,
        "grant_type=client_credentials&authorization_details=%5B%7B%22type%22%3A%22payment_initiation%22%2C%22locations%22%3A%5B%22https%3A%2F%2Fexample.com%2Fpayments%22%5D%2C%22instructedAmount%22%3A%7B%22amount%22%3A%22123.50%22%2C%22currency%22%3A%22EUR%22%7D%7D%5D"
    );
    assert_eq!(TokenRequest::from_form(&form).unwrap(), r);
    assert_eq!(TokenRequest::from_json(&r.to_json()).unwrap(), r);
    // Not an array of objects with a type: refused, naming the parameter.
    for bad in [r#"{"type":"a"}"#, r#"["a"]"#, r#"[{}]"#, "not json"] {
        let mut body = "grant_type=client_credentials".to_owned();
        oidc_core::codec::form::append_pair(&mut body, "authorization_details", bad);
        let err = TokenRequest::from_form(&body).unwrap_err();
        assert_eq!(
            err.parameter(),
            Some("authorization_details"),
            "{bad}: {err}"
        );
    }
    // In responses it is nested JSON.
    let tokens = TokenSuccessResponse::from_json(
        r#"{"access_token":"a","token_type":"Bearer","authorization_details":[{"type":"t","actions":["read"]}]}"#,
    )
    .unwrap();
    assert_eq!(
        tokens.authorization_details.as_ref().unwrap()[0].actions,
        ["read"]
    );
    let mut request = AuthenticationRequest::new("c", "https://rp/cb", ["openid"]);
    request.authorization_details = tokens.authorization_details.clone();
    let url = request.to_url("https://op/authorize").unwrap();
    assert_eq!(
        AuthenticationRequest::from_url(&url, Location::Query).unwrap(),
        request
    );
}

/// A caller's own detail type, flattening the common members.
#[derive(OidcMessage, Clone, PartialEq)]
struct AccountInformation {
    #[oidc(flatten)]
    common: AuthorizationDetail,
    #[oidc(json)]
    access: Option<serde_json::Value>,
    #[oidc(rename = "recurringIndicator")]
    recurring_indicator: Option<bool>,
    #[oidc(extra)]
    extra: ExtraParams,
}

#[test]
fn details_read_as_the_callers_types() {
    // RFC 9396 §7.1's enriched example (abridged).
    let d = AuthorizationDetail::from_json(
        r#"{"type":"account_information","access":{"accounts":[{"iban":"DE2310010010123456789"}]},"recurringIndicator":true}"#,
    )
    .unwrap();
    let typed: AccountInformation = d.to_typed().unwrap();
    assert_eq!(typed.common.r#type, "account_information");
    assert_eq!(typed.recurring_indicator, Some(true));
    assert!(
        typed.common.extra.is_empty(),
        "the outer message's extra collects"
    );
    assert_eq!(AuthorizationDetail::from_typed(&typed).unwrap(), d);
    // A member of the wrong type for the caller's type is the caller's error.
    let wrong = AuthorizationDetail::from_json(
        r#"{"type":"account_information","recurringIndicator":"yes"}"#,
    )
    .unwrap();
    let err = wrong.to_typed::<AccountInformation>().unwrap_err();
    assert_eq!(err.parameter(), Some("recurringIndicator"));
    // And a caller's own message can carry its own detail type directly.
    #[derive(OidcMessage, Clone, PartialEq)]
    struct Grant {
        #[oidc(json)]
        authorization_details: Option<Vec<AccountInformation>>,
    }
    let g = Grant::from_json(&format!(r#"{{"authorization_details":[{}]}}"#, d.to_json())).unwrap();
    assert_eq!(g.authorization_details.unwrap()[0], typed);
}
