//! A vendor token declared the documented way (`#[oidc(flatten)] standard: IdToken` +
//! its own fields + `#[oidc(extra)]`) validates exactly as `IdToken` does on the same
//! claims. The case that used to fail: Microsoft Entra multi-tenant applications,
//! whose discovery issuer is the template `https://login.microsoftonline.com/{tenantid}/v2.0`
//! (`tests/data/provider-metadata/entra-common.json`), filled from the `tid` claim.

use super::*;
use oidc_core::ExtraParams;

/// Entra's ID token: `tid`, `oid` and `ver` are claims Entra documents (and lists in
/// `claims_supported`); here `tid` is a declared field.
#[derive(OidcMessage, Clone, PartialEq)]
struct EntraIdToken {
    #[oidc(flatten)]
    standard: IdToken,
    tid: Option<String>,
    oid: Option<String>,
    ver: Option<String>,
    #[oidc(extra)]
    extra: ExtraParams,
}

/// The same vendor token with its claims left unknown.
#[derive(OidcMessage, Clone, PartialEq)]
struct ThinIdToken {
    #[oidc(flatten)]
    standard: IdToken,
    #[oidc(extra)]
    extra: ExtraParams,
}

/// A nested vendor token (flattening the one above) declares `Embeds` by hand.
#[derive(OidcMessage, Clone, PartialEq)]
struct BrandedIdToken {
    #[oidc(flatten)]
    entra: EntraIdToken,
    brand: Option<String>,
}

impl oidc_core::Embeds<IdToken> for BrandedIdToken {
    fn embedded(&self) -> &IdToken {
        &self.entra.standard
    }
}

const TENANT: &str = "9188040d-6c67-4c5b-b112-36a304b66dad";

fn entra_issuer_template() -> String {
    let doc = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/provider-metadata/entra-common.json"
    ))
    .unwrap();
    ProviderMetadata::from_json(&doc).unwrap().issuer
}

fn claims(changes: serde_json::Value) -> String {
    let claims = json!({
        "aud": "6cb04018-a3f5-46a7-b995-940c78f5aef3",
        "iss": format!("https://login.microsoftonline.com/{TENANT}/v2.0"),
        "iat": NOW - 10, "nbf": NOW - 10, "exp": NOW + 3600,
        "name": "Abe Lincoln", "preferred_username": "AbeLi@microsoft.com",
        "oid": "00000000-0000-0000-66f3-3332eca7ea81",
        "sub": "AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ",
        "tid": TENANT, "nonce": "123523", "ver": "2.0",
        "uti": "AbeLi-uti"
    });
    changed(&claims, changes)
}

#[test]
fn an_entra_multi_tenant_token_validates_as_id_token_does() {
    let template = entra_issuer_template();
    assert_eq!(
        template,
        "https://login.microsoftonline.com/{tenantid}/v2.0"
    );
    let checks = IdTokenValidation::new(
        Issuer::tenant_template(&template),
        "6cb04018-a3f5-46a7-b995-940c78f5aef3",
    )
    .nonce("123523")
    .clock(clock());
    let cases = [
        (json!({}), Ok(())),
        (
            json!({"iss": "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0"}),
            Err("Issuer"),
        ),
        (json!({"tid": null}), Err("Issuer")),
        (json!({"tid": ""}), Err("Issuer")),
        (json!({"exp": NOW - 60}), Err("Expired")),
        (json!({"nonce": "other"}), Err("Nonce")),
        (json!({"aud": "someone-else"}), Err("Audience")),
    ];
    for (changes, expected) in cases {
        let json = claims(changes.clone());
        let plain = IdToken::from_json(&json).unwrap().validate_extern(&checks);
        let entra = EntraIdToken::from_json(&json).unwrap();
        let thin = ThinIdToken::from_json(&json).unwrap();
        let branded = BrandedIdToken::from_json(&json).unwrap();
        // `tid` is a field of the vendor token, not in the standard token's `extra`:
        // validation reads it from the whole message.
        assert!(!entra.standard.extra.contains("tid"));
        for (name, result) in [
            ("EntraIdToken", entra.validate_extern(&checks)),
            ("ThinIdToken", thin.validate_extern(&checks)),
            ("BrandedIdToken", branded.validate_extern(&checks)),
        ] {
            assert_eq!(result, plain, "{name}, {changes}");
        }
        match expected {
            Ok(()) => assert_eq!(plain, Ok(()), "{changes}"),
            Err(variant) => {
                let err = format!("{:?}", plain.unwrap_err());
                assert!(err.starts_with(variant), "{changes}: {err}");
            }
        }
    }
}

#[test]
fn a_tid_that_is_not_text_never_matches() {
    let checks = IdTokenValidation::new(
        Issuer::tenant_template("https://login.microsoftonline.com/{tenantid}/v2.0"),
        "6cb04018-a3f5-46a7-b995-940c78f5aef3",
    )
    .nonce("123523")
    .clock(clock());
    let json = claims(json!({"tid": 7, "iss": "https://login.microsoftonline.com/7/v2.0"}));
    for result in [
        IdToken::from_json(&json).unwrap().validate_extern(&checks),
        ThinIdToken::from_json(&json)
            .unwrap()
            .validate_extern(&checks),
    ] {
        assert!(
            matches!(result, Err(ValidationError::Issuer { .. })),
            "{result:?}"
        );
    }
    // A declared `tid` is typed: the token does not even decode.
    let err = EntraIdToken::from_json(&json).unwrap_err();
    assert_eq!(err.parameter(), Some("tid"));
}

#[test]
fn a_custom_matcher_sees_declared_vendor_claims() {
    let token = EntraIdToken::from_json(&claims(json!({}))).unwrap();
    let seen = RefCell::new(None);
    let checks = IdTokenValidation::new(
        Issuer::Matcher(Box::new(|_, claims| {
            *seen.borrow_mut() = claims.claim("ver");
            true
        })),
        "6cb04018-a3f5-46a7-b995-940c78f5aef3",
    )
    .nonce("123523")
    .clock(clock());
    assert_eq!(token.validate_extern(&checks), Ok(()));
    assert_eq!(*seen.borrow(), Some(json!("2.0")));
}

/// Access and logout tokens embed the same way.
#[derive(OidcMessage, Clone, PartialEq)]
struct EntraAccessToken {
    #[oidc(flatten)]
    standard: JwtAccessToken,
    tid: Option<String>,
}

#[derive(OidcMessage, Clone, PartialEq)]
struct VendorLogoutToken {
    #[oidc(flatten)]
    standard: BackChannelLogoutToken,
    tid: Option<String>,
}

#[test]
fn access_and_logout_tokens_too() {
    let template = entra_issuer_template();
    let iss = format!("https://login.microsoftonline.com/{TENANT}/v2.0");
    let access = json!({"iss": iss, "exp": NOW + 60, "aud": "api://rs", "sub": "u",
        "client_id": "c", "iat": NOW, "jti": "j", "tid": TENANT})
    .to_string();
    let checks =
        AccessTokenValidation::new(Issuer::tenant_template(&template), "api://rs").clock(clock());
    assert_eq!(
        EntraAccessToken::from_json(&access)
            .unwrap()
            .validate_extern(&checks),
        Ok(())
    );
    assert_eq!(
        JwtAccessToken::from_json(&access)
            .unwrap()
            .validate_extern(&checks),
        Ok(())
    );
    let logout = json!({"iss": iss, "aud": "client", "iat": NOW - 5, "exp": NOW + 120, "jti": "j1", "sub": "u1",
        "events": {BACKCHANNEL_LOGOUT_EVENT: {}}, "tid": TENANT})
    .to_string();
    let checks =
        LogoutTokenValidation::new(Issuer::tenant_template(&template), "client").clock(clock());
    assert_eq!(
        VendorLogoutToken::from_json(&logout)
            .unwrap()
            .validate_extern(&checks),
        Ok(())
    );
    // Multi-tenant: any tenant whose `iss` agrees with its `tid`.
    let other_tenant = logout.replace(TENANT, "evil");
    assert!(matches!(
        VendorLogoutToken::from_json(&other_tenant)
            .unwrap()
            .validate_extern(&checks),
        Ok(())
    ));
    let wrong_iss = logout.replacen(&iss, "https://login.microsoftonline.com/evil/v2.0", 1);
    assert!(matches!(
        VendorLogoutToken::from_json(&wrong_iss)
            .unwrap()
            .validate_extern(&checks),
        Err(ValidationError::Issuer { .. })
    ));
}

/// A JARM response's claims (JARM §4.1) embed the same way.
#[derive(OidcMessage, Clone, PartialEq)]
struct VendorJarm {
    #[oidc(flatten)]
    standard: JarmClaims,
    tid: Option<String>,
}

/// A JWT introspection response (RFC 9701 §5) embeds the same way.
#[derive(OidcMessage, Clone, PartialEq)]
struct VendorIntrospection {
    #[oidc(flatten)]
    standard: JwtIntrospectionResponse,
    tid: Option<String>,
}

/// `changes` applied to `base` (a `null` removes the member).
fn changed(base: &serde_json::Value, changes: serde_json::Value) -> String {
    let mut claims = base.clone();
    for (k, v) in changes.as_object().unwrap() {
        if v.is_null() {
            claims.as_object_mut().unwrap().remove(k);
        } else {
            claims[k] = v.clone();
        }
    }
    claims.to_string()
}

/// Each change in `bad` makes `base` invalid: the embedding message (`vendor`) is
/// refused with the same error as the token alone (`plain`).
fn refused_alike(
    base: &serde_json::Value,
    bad: &[serde_json::Value],
    vendor: impl Fn(&str) -> Result<(), ValidationError>,
    plain: impl Fn(&str) -> Result<(), ValidationError>,
) {
    for change in bad {
        let json = changed(base, change.clone());
        let refused = vendor(&json);
        assert!(refused.is_err(), "{change}");
        assert_eq!(refused, plain(&json), "{change}");
    }
}

/// What the token's own options refuse in the token, they refuse in a message that
/// embeds it, with the same error: the embedding is no way around a check.
#[test]
fn embedded_tokens_are_refused_as_the_tokens_themselves_are() {
    let template = entra_issuer_template();
    let iss = format!("https://login.microsoftonline.com/{TENANT}/v2.0");
    let access = json!({"iss": iss, "exp": NOW + 60, "aud": "api://rs", "sub": "u",
        "client_id": "c", "iat": NOW, "jti": "j", "tid": TENANT});
    let checks =
        AccessTokenValidation::new(Issuer::tenant_template(&template), "api://rs").clock(clock());
    refused_alike(
        &access,
        &[
            json!({"exp": NOW - 3600}),
            json!({"aud": "api://other"}),
            json!({"tid": "another-tenant"}),
        ],
        |json| {
            EntraAccessToken::from_json(json)
                .unwrap()
                .validate_extern(&checks)
        },
        |json| {
            JwtAccessToken::from_json(json)
                .unwrap()
                .validate_extern(&checks)
        },
    );

    let jarm = json!({"iss": "https://op.example", "aud": "client", "exp": NOW + 60,
        "code": "c", "state": "s", "tid": TENANT});
    let checks = JarmValidation::new("https://op.example", "client").clock(clock());
    let vendor = |json: &str| {
        VendorJarm::from_json(json)
            .unwrap()
            .validate_extern(&checks)
    };
    assert_eq!(vendor(&jarm.to_string()), Ok(()));
    refused_alike(
        &jarm,
        &[
            json!({"exp": NOW - 3600}),
            json!({"aud": "other"}),
            json!({"iss": "https://evil.example"}),
        ],
        vendor,
        |json| {
            JarmClaims::from_json(json)
                .unwrap()
                .validate_extern(&checks)
        },
    );

    let introspection = json!({"iss": "https://op.example", "aud": "client", "iat": NOW,
        "token_introspection": {"active": true}, "tid": TENANT});
    let checks =
        IntrospectionResponseValidation::new("https://op.example", "client").clock(clock());
    let vendor = |json: &str| {
        VendorIntrospection::from_json(json)
            .unwrap()
            .validate_extern(&checks)
    };
    assert_eq!(vendor(&introspection.to_string()), Ok(()));
    refused_alike(
        &introspection,
        &[
            json!({"iat": NOW + 3600}),
            json!({"aud": "other"}),
            json!({"iss": "https://evil.example"}),
        ],
        vendor,
        |json| {
            JwtIntrospectionResponse::from_json(json)
                .unwrap()
                .validate_extern(&checks)
        },
    );
}
