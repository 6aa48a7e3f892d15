//! Every real JWS / JWK fixture verifies (or fails) as its source says
//! (tests/data/SOURCES.md), and every JWK Set parses.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use oidc_core::jwt::{
    header_algorithm, verify_payload, verify_token_hash, Algorithm, JwkSet, JwtError, JwtOptions,
};
use oidc_core::messages::{AuthenticationRequest, BackChannelLogoutToken, IdToken, JwtAccessToken};
use oidc_core::validation::{FixedClock, LogoutTokenValidation, TokenError, ValidationError};
use oidc_core::{NumericDate, OidcMessage};

use crate::keys::data;

fn jws(name: &str) -> String {
    data(&format!("jws/{name}")).trim().to_owned()
}

fn jwks(name: &str) -> JwkSet {
    JwkSet::from_json(&data(&format!("jwks/{name}"))).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// A set holding the single JWK document `name` in jws/.
fn single_key(name: &str) -> JwkSet {
    JwkSet::from_json(&format!(r#"{{"keys":[{}]}}"#, data(&format!("jws/{name}")))).unwrap()
}

#[test]
fn spec_id_tokens_verify_with_the_appendix_a7_key() {
    let key = single_key("oidc-core-A.7-example-rsa-key-public.json");
    for name in [
        "oidc-core-3.1.3.3-token-response-id_token.jwt",
        "oidc-core-A.2-id_token.jwt",
        "oidc-core-A.3-id_token.jwt",
        "oidc-core-A.4-id_token.jwt",
        "oidc-core-A.6-id_token.jwt",
    ] {
        let t = IdToken::from_jwt(&jws(name), &key, &JwtOptions::default())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(t.sub, "248289761001");
    }
    // The private key document holds the same public key.
    assert!(IdToken::from_jwt(
        &jws("oidc-core-A.2-id_token.jwt"),
        &single_key("oidc-core-A.7-example-rsa-key-private.json"),
        &JwtOptions::default()
    )
    .is_ok());
}

#[test]
fn spec_at_hash_and_c_hash() {
    // Appendix A.3, A.4, A.6: the hashes of the example access token and code.
    let (access_token, code) = (
        "jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y",
        "Qcb0Orv1zh30vL1MPRsbm-diHiMwcLyZvn1arpZv-Jxf_11jnpEX3Tgfvk",
    );
    let key = single_key("oidc-core-A.7-example-rsa-key-public.json");
    let a6 = jws("oidc-core-A.6-id_token.jwt");
    let t = IdToken::from_jwt(&a6, &key, &JwtOptions::default()).unwrap();
    let alg = header_algorithm(&a6).unwrap();
    assert_eq!(alg, Algorithm::RS256);
    assert!(verify_token_hash(
        alg,
        access_token,
        t.at_hash.as_deref().unwrap()
    ));
    assert!(verify_token_hash(alg, code, t.c_hash.as_deref().unwrap()));
    assert!(!verify_token_hash(
        alg,
        "another-code",
        t.c_hash.as_deref().unwrap()
    ));
}

#[test]
fn spec_request_object_verifies_with_the_rps_key() {
    let object = AuthenticationRequest::from_jwt(
        &jws("oidc-core-6.1-request-object.jwt"),
        &single_key("oidc-core-6.1-rp-key-k2bdc-public.json"),
        &JwtOptions::default(),
    )
    .unwrap();
    assert_eq!(object.client_id, "s6BhdRkqt3");
}

#[test]
fn apple_id_token_without_kid_verifies() {
    let keys = jwks("apple-aspnet-contrib-fixture.json");
    let t = IdToken::from_jwt(
        &jws("apple-id-token-aspnet-contrib.jwt"),
        &keys,
        &JwtOptions::default(),
    )
    .unwrap();
    assert_eq!(t.iss, "https://appleid.apple.com");
}

#[test]
fn superoffice_and_xero_tokens_verify() {
    let t = IdToken::from_jwt(
        &jws("superoffice-id-token.jwt"),
        &jwks("superoffice.json"),
        &JwtOptions::default(),
    )
    .unwrap();
    assert_eq!(t.iss, "https://sod.superoffice.com");
    let xero = jwks("xero.json");
    assert!(IdToken::from_jwt(&jws("xero-id-token.jwt"), &xero, &JwtOptions::default()).is_ok());
    // Xero's access token: the signature verifies, but it is typed `JWT`, not `at+jwt`.
    let access = jws("xero-jwt-access-token.jwt");
    assert!(matches!(
        JwtAccessToken::from_jwt(&access, &xero, &JwtOptions::default()),
        Err(JwtError::WrongType { .. })
    ));
    let payload = verify_payload(&access, &xero, &JwtOptions::default()).unwrap();
    let (claims, missing) =
        JwtAccessToken::from_json_lenient(std::str::from_utf8(&payload).unwrap()).unwrap();
    assert_eq!(missing, ["iat"]);
    assert_eq!(claims.client_id, "76645D17ED29411487E0D9E5DE2B493B");
}

#[test]
fn php_logout_token_verifies_with_the_shared_secret_as_a_legacy_secret() {
    let token = jws("openid-connect-php-logout-token-hs256-secret-ahoj.jwt");
    let options = JwtOptions::default().allow_hmac();
    // Four bytes: RFC 7518 §3.2 wants 32 for HS256, so only the explicit opt-in reads it.
    assert!(matches!(
        BackChannelLogoutToken::from_jwt(&token, &JwkSet::from_secret(b"ahoj"), &options),
        Err(JwtError::UnusableKey { .. })
    ));
    let t =
        BackChannelLogoutToken::from_jwt(&token, &JwkSet::from_legacy_secret(b"ahoj"), &options)
            .unwrap();
    assert_eq!(
        t.sid.as_deref(),
        Some("08a5019c-17e1-4977-8f42-65a12843ea02")
    );
    assert_eq!(
        BackChannelLogoutToken::from_jwt(&token, &JwkSet::from_legacy_secret(b"hoj"), &options)
            .unwrap_err(),
        JwtError::BadSignature
    );
}

/// The payload of a fixture token, unverified (for tokens whose key was never published).
fn payload(name: &str) -> String {
    use base64::Engine;
    let token = jws(name);
    let part = token.split('.').nth(1).unwrap();
    String::from_utf8(URL_SAFE_NO_PAD.decode(part).unwrap()).unwrap()
}

#[test]
fn logout_tokens_without_exp_need_the_explicit_opt_out() {
    // Back-Channel Logout 1.0 errata set 1 made exp REQUIRED; these real tokens predate
    // it (Keycloak 2021 and 2023, OpenID-Connect-PHP's token of the spec's pre-errata
    // example, panva/jose's README example).
    let php = jws("openid-connect-php-logout-token-hs256-secret-ahoj.jwt");
    let checks = || {
        LogoutTokenValidation::new("https://server.example.com", "s6BhdRkqt3")
            .algorithms(&[Algorithm::HS256])
            .clock(FixedClock(NumericDate::from_secs(1_471_566_154)))
    };
    let secret = JwkSet::from_legacy_secret(b"ahoj");
    assert_eq!(
        checks()
            .verify::<BackChannelLogoutToken>(&php, &secret)
            .unwrap_err(),
        TokenError::Claims(ValidationError::ExpMissing {
            token: "Logout Token"
        })
    );
    let token: BackChannelLogoutToken = checks().allow_missing_exp().verify(&php, &secret).unwrap();
    assert_eq!(token.jti, "bWJq");

    for (name, issuer, audience) in [
        (
            "keycloak-logout-token-2021-revoke_offline_access-in-events.jwt",
            "http://localhost:8080/auth/realms/ssorealm",
            "dotnetwebform",
        ),
        (
            "keycloak-logout-token-2023-typ-Logout.jwt",
            "http://localhost:9000/auth/realms/master",
            "jaeho-client",
        ),
        (
            "panva-jose-readme-logout-token-ps256.jwt",
            "https://op.example.com",
            "urn:example:client_id",
        ),
    ] {
        let token = BackChannelLogoutToken::from_json(&payload(name)).unwrap();
        assert!(token.exp.is_none(), "{name}");
        let checks = LogoutTokenValidation::new(issuer, audience)
            .clock(FixedClock(NumericDate::from_secs(token.iat.as_secs() + 5)));
        assert_eq!(
            token.validate_extern(&checks),
            Err(ValidationError::ExpMissing {
                token: "Logout Token"
            }),
            "{name}"
        );
        assert_eq!(
            token.validate_extern(&checks.allow_missing_exp()),
            Ok(()),
            "{name}"
        );
    }
    // Auth0's has exp (120 s): no opt-out needed.
    let auth0 = BackChannelLogoutToken::from_json(&payload("auth0-logout-token-2024-trace_id.jwt"))
        .unwrap();
    let checks = LogoutTokenValidation::new(
        "https://dev-yrkqc7w5rn711i7g.us.auth0.com/",
        "MUMdaZHH9lvGHuPWPUGUJLUhUB5hP4WM",
    )
    .clock(FixedClock(NumericDate::from_secs(auth0.iat.as_secs() + 5)));
    assert_eq!(auth0.validate_extern(&checks), Ok(()));
}

#[test]
fn tokens_whose_keys_were_never_published_cannot_verify() {
    // Parse-only fixtures (SOURCES.md): checked against an unrelated set (Google's,
    // whose keys are all `alg: RS256`) they fail with the error their header leads to.
    let unrelated = jwks("google.json");
    for (name, expected) in [
        ("auth0-logout-token-2024-trace_id.jwt", "UnknownKid"),
        (
            "keycloak-logout-token-2021-revoke_offline_access-in-events.jwt",
            "UnknownKid",
        ),
        ("keycloak-logout-token-2023-typ-Logout.jwt", "UnknownKid"),
        ("panva-jose-readme-logout-token-ps256.jwt", "NoMatchingKey"),
        (
            "identitymodel-userinfo-response-hs256.jwt",
            "AlgorithmNotAllowed",
        ),
    ] {
        let err = verify_payload(&jws(name), &unrelated, &JwtOptions::default()).unwrap_err();
        assert!(format!("{err:?}").starts_with(expected), "{name}: {err:?}");
    }
}

fn cookbook(name: &str) -> serde_json::Value {
    serde_json::from_str(&data(&format!("jws/{name}"))).unwrap()
}

#[test]
fn rfc7520_cookbook_vectors() {
    for (name, key_file, outcome) in [
        (
            "rfc7520-jws-4_1.rsa_v15_signature.json",
            "rfc7520-jwk-3_3.rsa_public_key.json",
            "verifies",
        ),
        (
            "rfc7520-jws-4_2.rsa-pss_signature.json",
            "rfc7520-jwk-3_3.rsa_public_key.json",
            "verifies",
        ),
        (
            "rfc7520-jws-4_3.ecdsa_signature.json",
            "rfc7520-jwk-3_1.ec_public_key.json",
            "ES512 unsupported",
        ),
        (
            "rfc7520-jws-4_4.hmac-sha2_integrity_protection.json",
            "rfc7520-jwk-3_5.symmetric_key_mac_computation.json",
            "verifies",
        ),
        (
            "rfc7520-jws-4_5.signature_with_detached_content.json",
            "rfc7520-jwk-3_5.symmetric_key_mac_computation.json",
            "detached",
        ),
    ] {
        let vector = cookbook(name);
        let compact = vector["output"]["compact"].as_str().unwrap();
        let keys = single_key(key_file);
        let options = JwtOptions::default().allow_hmac();
        match outcome {
            "verifies" => {
                let payload = verify_payload(compact, &keys, &options)
                    .unwrap_or_else(|e| panic!("{name}: {e}"));
                assert_eq!(
                    std::str::from_utf8(&payload).unwrap(),
                    vector["input"]["payload"].as_str().unwrap(),
                    "{name}"
                );
            }
            "ES512 unsupported" => {
                assert_eq!(
                    verify_payload(compact, &keys, &options).unwrap_err(),
                    JwtError::UnsupportedAlgorithm("ES512".into())
                );
                assert!(
                    keys.keys()[0].problem().unwrap().contains("P-521"),
                    "{:?}",
                    keys.keys()[0]
                );
            }
            _ => {
                // Detached content (RFC 7515 Appendix F): the compact form has an empty
                // payload, so the signature cannot verify without the content.
                assert!(compact.contains(".."));
                assert_eq!(
                    verify_payload(compact, &keys, &options).unwrap_err(),
                    JwtError::BadSignature
                );
            }
        }
    }
    // The encryption key is an oct key like any other; 4.6-4.8 have no compact form.
    let encryption = single_key("rfc7520-jwk-3_6.symmetric_key_encryption.json");
    assert_eq!(encryption.keys()[0].kty(), "oct");
    assert_eq!(encryption.keys()[0].key_use(), Some("enc"));
    assert!(
        !encryption.keys()[0].fits(Algorithm::HS256),
        "use=enc keys do not verify signatures"
    );
    let private = single_key("rfc7520-jwk-3_4.rsa_private_key.json");
    assert!(verify_payload(
        cookbook("rfc7520-jws-4_1.rsa_v15_signature.json")["output"]["compact"]
            .as_str()
            .unwrap(),
        &private,
        &JwtOptions::default()
    )
    .is_ok());
    assert!(
        single_key("rfc7520-jwk-3_2.ec_private_key.json").keys()[0]
            .problem()
            .is_some(),
        "P-521"
    );
    for name in [
        "rfc7520-jws-4_6.protecting_specific_header_fields.json",
        "rfc7520-jws-4_7.protecting_content_only.json",
        "rfc7520-jws-4_8.multiple_signatures.json",
    ] {
        assert!(
            cookbook(name)["output"].get("compact").is_none(),
            "{name}: JSON serialisation only"
        );
    }
}

#[test]
fn every_jwk_set_parses() {
    let names: Vec<String> =
        std::fs::read_dir(format!("{}/tests/data/jwks", env!("CARGO_MANIFEST_DIR")))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
    assert_eq!(names.len(), 26);
    for name in &names {
        let set = jwks(name);
        assert!(!set.keys().is_empty(), "{name}");
        let usable = set.keys().iter().filter(|k| k.problem().is_none()).count();
        assert!(usable > 0, "{name}: {:?}", set.keys());
    }
    // Battle.net publishes `n` in standard base64 with a leading zero octet and padding.
    assert!(jwks("battle-net.json")
        .keys()
        .iter()
        .all(|k| k.problem().is_none()));
    // Keycloak mixes an RSA-OAEP encryption key into the set: kept, never used to verify.
    let keycloak = jwks("keycloak-kagent-dev-realm.json");
    assert!(keycloak.keys().iter().any(|k| k.key_use() == Some("enc")));
    // PayPal's OKP X25519 key is not a signature key: kept with the reason.
    let paypal = jwks("paypal.json");
    assert!(
        paypal
            .keys()
            .iter()
            .any(|k| k.problem().is_some_and(|p| p.contains("X25519"))),
        "{:?}",
        paypal.keys()
    );
    // Yahoo still publishes three 1024-bit RSA keys (RFC 7518 §3.3 forbids them): kept
    // with their problem; its P-256 key is the usable one. No other set has a weak key.
    for name in &names {
        let set = jwks(name);
        let weak: Vec<&str> = set
            .keys()
            .iter()
            .filter(|k| {
                k.problem()
                    .is_some_and(|p| p.contains("below the 2048 bits"))
            })
            .map(|k| k.kty())
            .collect();
        let expected: &[&str] = if name == "yahoo.json" {
            &["RSA"; 3]
        } else {
            &[]
        };
        assert_eq!(weak, expected, "{name}");
    }
    let yahoo = jwks("yahoo.json");
    assert!(yahoo
        .keys()
        .iter()
        .any(|k| k.kty() == "EC" && k.problem().is_none()));
    // A BOM (IdentityServer) is skipped.
    assert!(data("jwks/identityserver-demo.json").starts_with('\u{feff}'));
}
