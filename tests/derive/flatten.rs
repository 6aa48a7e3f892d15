//! `flatten`: a vendor message embedding another derived message.

use oidc_core::{ExtraParams, OidcMessage};

use crate::messages::Claims;

/// A Keycloak-style token: the standard claims plus vendor ones.
#[derive(OidcMessage, Clone, PartialEq)]
struct VendorClaims {
    #[oidc(flatten)]
    standard: Claims,
    #[oidc(json)]
    realm_access: Option<serde_json::Value>,
    #[oidc(json)]
    groups: Option<Vec<String>>,
    #[oidc(extra)]
    extra: ExtraParams,
}

const TOKEN: &str = r#"{"iss":"https://kc/realms/r","sub":"u1","aud":"app","exp":2,"iat":1,
    "realm_access":{"roles":["admin"]},"groups":["/staff"],"sid":"s-1","email_verified":true,"typ":"ID"}"#;

#[test]
fn embedded_fields_and_own_fields_decode_together() {
    let t = VendorClaims::from_json(TOKEN).unwrap();
    assert_eq!(t.standard.iss, "https://kc/realms/r");
    assert_eq!(t.standard.email_verified, Some(true));
    assert_eq!(t.groups.as_deref(), Some(&["/staff".to_string()][..]));
    assert_eq!(t.realm_access.as_ref().unwrap()["roles"][0], "admin");
}

#[test]
fn unknown_keys_land_in_the_outer_extra_only() {
    let t = VendorClaims::from_json(TOKEN).unwrap();
    assert_eq!(
        t.extra.iter().map(|(k, _)| k).collect::<Vec<_>>(),
        ["sid", "typ"]
    );
    assert!(t.standard.extra.is_empty());
}

#[test]
fn required_fields_of_the_embedded_message_are_enforced() {
    let err = VendorClaims::from_json(r#"{"iss":"i","aud":"a","exp":2,"iat":1}"#).unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"VendorClaims: missing required parameter "sub""#
    );
}

#[test]
fn round_trips_through_every_codec() {
    let t = VendorClaims::from_json(TOKEN).unwrap();
    assert_eq!(VendorClaims::from_json(&t.to_json()).unwrap(), t);
    let form = t.to_form();
    assert!(form.starts_with("iss=https%3A%2F%2Fkc%2Frealms%2Fr&sub=u1&aud=app&exp=2&iat=1&email_verified=true&realm_access="), "{form}");
    let back = VendorClaims::from_form(&form).unwrap();
    assert_eq!(back, t);
}

#[test]
fn without_an_outer_extra_the_embedded_extra_collects_unknowns() {
    #[derive(OidcMessage, Clone, PartialEq)]
    struct Thin {
        #[oidc(flatten)]
        standard: Claims,
        groups_count: Option<u32>,
    }
    let t = Thin::from_json(
        r#"{"iss":"i","sub":"u","aud":"a","exp":2,"iat":1,"groups_count":3,"x":"y"}"#,
    )
    .unwrap();
    assert_eq!(t.groups_count, Some(3));
    assert_eq!(t.standard.extra.get_str("x").as_deref(), Some("y"));
    let dup = Thin::from_json(r#"{"iss":"i","sub":"u","aud":"a","exp":2,"iat":1,"sub":"v"}"#)
        .unwrap_err();
    assert_eq!(
        dup.to_string(),
        r#"Thin: parameter "sub" appears more than once"#
    );
}
