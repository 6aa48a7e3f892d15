//! The `claims` request parameter (OIDC Core §5.5) as a typed value: members not
//! understood are kept (and so ignored), a claim is `null` or an object, a claim asked
//! for twice or a member of the wrong shape is refused with an error naming `claims`.

use oidc_core::messages::*;
use oidc_core::{Location, OidcMessage};
use serde_json::json;

#[test]
fn unknown_members_are_kept_at_every_level() {
    let text = r#"{"userinfo":{"verified_claims":{"claims":{"given_name":null}},"email":{"essential":true,"purpose":"contact"}},"x-vendor":[1,2]}"#;
    let c = ClaimsRequest::from_json(text).unwrap();
    assert_eq!(
        c.extra.get::<serde_json::Value>("x-vendor").unwrap(),
        Some(json!([1, 2]))
    );
    let userinfo = c.userinfo.as_ref().unwrap();
    // An object-valued claim request this library does not know (OIDC4IDA's
    // `verified_claims`): a Claim whose members are all in `extra`.
    let verified = userinfo.get("verified_claims").unwrap().unwrap();
    assert_eq!(verified.essential, None);
    assert!(verified.extra.contains("claims"));
    let email = userinfo.get("email").unwrap().unwrap();
    assert!(email.is_essential());
    assert_eq!(email.extra.get_str("purpose").as_deref(), Some("contact"));
    assert!(c.id_token.is_none());
    // Written back unchanged.
    assert_eq!(c.to_json(), text);
}

#[test]
fn malformed_requests_are_refused() {
    for (text, why) in [
        (
            r#"{"id_token":{"email":true}}"#,
            "a claim is null or an object",
        ),
        (
            r#"{"id_token":{"email":null,"email":null}}"#,
            "requested twice",
        ),
        (r#"{"id_token":["email"]}"#, "a member is an object"),
        (
            r#"{"id_token":{"email":{"essential":"yes"}}}"#,
            "essential is a boolean",
        ),
        (
            r#"{"id_token":{"acr":{"values":"a"}}}"#,
            "values is an array",
        ),
        (r#"{"id_token":{},"id_token":{}}"#, "a member twice"),
    ] {
        let err = ClaimsRequest::from_json(text).unwrap_err();
        assert_eq!(err.message(), "ClaimsRequest", "{why}");
        assert!(err.parameter().is_some(), "{why}: {err}");
        // Inside an authentication request, the error names `claims`.
        let mut form =
            "scope=openid&response_type=code&client_id=c&redirect_uri=https%3A%2F%2Frp".to_owned();
        oidc_core::codec::form::append_pair(&mut form, "claims", text);
        let err = AuthenticationRequest::from_form(&form).unwrap_err();
        assert_eq!(err.parameter(), Some("claims"), "{why}: {err}");
    }
    let err = ClaimsRequest::from_json(r#"{"id_token":{"email":null,"email":null}}"#).unwrap_err();
    assert!(
        err.to_string().contains(r#"claim "email" requested twice"#),
        "{err}"
    );
    // What a member that is not an object should have been.
    let err = ClaimsRequest::from_json(r#"{"id_token":["email"]}"#).unwrap_err();
    assert!(
        err.to_string()
            .contains("expected an object of claim requests (OIDC Core §5.5.1)"),
        "{err}"
    );
}

#[test]
fn building_replaces_a_claim_in_place() {
    let c = ClaimsRequest::new()
        .id_token("email", None)
        .id_token("acr", Claim::values(["a", "b"]))
        .id_token("email", Claim::essential());
    let id_token = c.id_token.as_ref().unwrap();
    assert_eq!(
        id_token.iter().map(|(n, _)| n).collect::<Vec<_>>(),
        ["email", "acr"]
    );
    assert_eq!(id_token.len(), 2);
    assert!(!id_token.is_empty());
    assert!(id_token.contains("acr"));
    assert!(!id_token.contains("sub"));
    assert_eq!(id_token.get("sub"), None);
    assert_eq!(id_token.essential().collect::<Vec<_>>(), ["email"]);
    assert_eq!(
        c.to_json(),
        r#"{"id_token":{"email":{"essential":true},"acr":{"values":["a","b"]}}}"#
    );
    assert_eq!(
        Claim::value("248289761001").to_json(),
        r#"{"value":"248289761001"}"#
    );
    assert!(!Claim::value("x").is_essential());
    assert!(Claim::value("x").and_essential().is_essential());
    let mut not_essential = Claim::default();
    not_essential.essential = Some(false);
    assert!(!not_essential.is_essential());
    assert_eq!(ClaimsRequest::new(), ClaimsRequest::default());
    assert_eq!(ClaimsRequest::new().to_json(), "{}");
    assert!(IndividualClaims::default().is_empty());
}

#[test]
fn the_parameter_round_trips_in_every_encoding() {
    let mut r = AuthenticationRequest::new("c", "https://rp.example/cb", ["openid"]);
    r.claims = Some(
        ClaimsRequest::new()
            .userinfo("name", None)
            .id_token("auth_time", Claim::essential()),
    );
    let url = r.to_url("https://op.example/authorize").unwrap();
    assert_eq!(
        AuthenticationRequest::from_url(&url, Location::Query).unwrap(),
        r
    );
    assert_eq!(AuthenticationRequest::from_form(&r.to_form()).unwrap(), r);
    assert_eq!(AuthenticationRequest::from_json(&r.to_json()).unwrap(), r);
    assert_eq!(
        serde_urlencoded::from_str::<AuthenticationRequest>(&r.to_form()).unwrap(),
        r
    );
    let json: serde_json::Value = serde_json::from_str(&r.to_json()).unwrap();
    assert_eq!(
        json["claims"]["id_token"]["auth_time"],
        json!({"essential": true})
    );
    assert_eq!(json["claims"]["userinfo"]["name"], json!(null));
}
