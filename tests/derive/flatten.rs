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

/// Everything a nest of messages does not declare lands in one place, the outermost
/// `extra`: unknown parameters, values a tolerant claim could not take, and an alias
/// next to its main name.
#[test]
fn the_outermost_extra_collects_for_the_whole_nest() {
    use oidc_core::messages::{IdToken, JwtAccessToken};

    #[derive(OidcMessage, Clone, PartialEq)]
    struct VendorIdToken {
        #[oidc(flatten)]
        standard: IdToken,
        #[oidc(extra)]
        extra: ExtraParams,
    }
    let t = VendorIdToken::from_json(
        r#"{"iss":"i","sub":"u","aud":"a","exp":2,"iat":1,"email_verified":"yes","x":1}"#,
    )
    .unwrap();
    assert_eq!(
        t.extra.iter().map(|(k, _)| k).collect::<Vec<_>>(),
        ["email_verified", "x"]
    );
    assert_eq!(t.extra.tolerated().count(), 1);
    assert!(t.standard.extra.is_empty());
    assert_eq!(VendorIdToken::from_json(&t.to_json()).unwrap(), t);

    #[derive(OidcMessage, Clone, PartialEq)]
    struct VendorAccessToken {
        #[oidc(flatten)]
        standard: JwtAccessToken,
        #[oidc(extra)]
        extra: ExtraParams,
    }
    let claims = r#"{"iss":"i","exp":2,"aud":"a","sub":"u","client_id":"c","azp":"other","iat":1,"jti":"j"}"#;
    let t = VendorAccessToken::from_json(claims).unwrap();
    assert_eq!(t.standard.client_id, "c");
    assert_eq!(t.extra.get_str("azp").as_deref(), Some("other"));
    assert!(t.standard.extra.is_empty());
    let form = VendorAccessToken::from_form(&t.to_form()).unwrap();
    assert_eq!(form.extra.get_str("azp").as_deref(), Some("other"));
    // Alone, the access token keeps it in its own `extra`.
    let alone = JwtAccessToken::from_json(claims).unwrap();
    assert_eq!(alone.extra.get_str("azp").as_deref(), Some("other"));
}

#[test]
fn a_vendor_message_embeds_what_it_flattens() {
    use oidc_core::messages::IdToken;
    use oidc_core::Embeds;

    fn issuer<T: Embeds<IdToken>>(token: &T) -> &str {
        &token.embedded().iss
    }

    #[derive(OidcMessage, Clone, PartialEq)]
    struct VendorIdToken {
        #[oidc(flatten)]
        standard: IdToken,
        tid: Option<String>,
    }
    let t = VendorIdToken::from_json(r#"{"iss":"https://op","sub":"u","aud":"a","exp":2,"iat":1}"#)
        .unwrap();
    assert_eq!(issuer(&t), "https://op");
    assert_eq!(issuer(&t.standard), "https://op");
    assert_eq!(Embeds::<VendorIdToken>::embedded(&t), &t);
    assert_eq!(t.param("iss"), Some(serde_json::json!("https://op")));
    assert_eq!(t.param("tid"), None);
}
