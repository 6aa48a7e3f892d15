//! Vendor claims on top of the standard ID Token: a Keycloak-style token with
//! `realm_access`, `resource_access` and `groups`, declared with the derive.
//!
//! Run with `cargo run --example vendor_claims`.

use std::collections::BTreeMap;

use oidc_core::messages::IdToken;
use oidc_core::{ExtraParams, OidcMessage};

/// `{"roles": [...]}` as Keycloak nests it.
#[derive(OidcMessage, Clone, PartialEq, Default)]
struct Roles {
    #[oidc(json, default)]
    roles: Vec<String>,
    #[oidc(extra)]
    extra: ExtraParams,
}

/// A Keycloak ID Token: the standard claims plus Keycloak's.
#[derive(OidcMessage, Clone, PartialEq)]
struct KeycloakIdToken {
    /// Every claim of OIDC Core §2 and §5.1, with their rules.
    #[oidc(flatten)]
    standard: IdToken,
    /// Realm roles.
    #[oidc(json)]
    realm_access: Option<Roles>,
    /// Client roles, by client id.
    #[oidc(json)]
    resource_access: Option<BTreeMap<String, Roles>>,
    /// Group paths (with the "groups" mapper).
    #[oidc(json)]
    groups: Option<Vec<String>>,
    /// Keycloak's own token type claim.
    typ: Option<String>,
    /// Anything else (tenant_id, ...), still in one place.
    #[oidc(extra)]
    extra: ExtraParams,
}

const CLAIMS: &str = include_str!("../benches/inputs/id_token_claims.json");

fn main() -> Result<(), oidc_core::Error> {
    let token = KeycloakIdToken::from_json(CLAIMS)?;
    println!("subject:        {}", token.standard.sub);
    println!("issuer:         {}", token.standard.iss);
    println!(
        "audience:       {:?}",
        token.standard.aud.iter().collect::<Vec<_>>()
    );
    println!("name:           {:?}", token.standard.claims.name);
    println!(
        "realm roles:    {:?}",
        token.realm_access.as_ref().map(|r| &r.roles)
    );
    for (client, roles) in token.resource_access.iter().flatten() {
        println!("client roles:   {client}: {:?}", roles.roles);
    }
    println!("groups:         {:?}", token.groups);
    println!("typ:            {:?}", token.typ);
    println!("other claims:   {:?}", token.extra);

    // Encoding gives back the same claims.
    assert_eq!(KeycloakIdToken::from_json(&token.to_json())?, token);
    println!("\nround trip through JSON: ok");
    Ok(())
}
