//! `at_hash` / `c_hash` as part of ID Token validation (OIDC Core §3.1.3.8, §3.2.2.9,
//! §3.2.2.10, §3.3.2.10, §3.3.2.11): REQUIRED by the response type, checked against the
//! access token and code handed over, with the hash of the verified header's `alg`.
//!
//! Vectors: the access token and code of OIDC Core Appendix A.3-A.6; their SHA-256
//! halves are the spec's (`77QmUPtjPfzWtF2AnpK9RQ`, `LDktKdoQak3Pk0cnXxCltA`), the
//! SHA-384 and SHA-512 halves were computed with OpenSSL 3.0
//! (`printf %s "$v" | openssl dgst -sha384 -binary | head -c 24 | base64`, URL-safe,
//! unpadded; `-sha512`, 32 bytes).

use oidc_core::jwt::{token_hash, Algorithm, JwkSet};
use oidc_core::messages::IdToken;
use oidc_core::validation::{
    FixedClock, IdTokenValidation, TokenError, TokenValidation, ValidationError,
};
use oidc_core::{NumericDate, OidcMessage};
use serde_json::json;

use crate::keys::{claims, data, hmac_secret, public_keys, sign, ALL};

const ACCESS_TOKEN: &str = "jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y";
const CODE: &str = "Qcb0Orv1zh30vL1MPRsbm-diHiMwcLyZvn1arpZv-Jxf_11jnpEX3Tgfvk";

/// (at_hash, c_hash) of the vectors for each hash size.
const SHA256: (&str, &str) = ("77QmUPtjPfzWtF2AnpK9RQ", "LDktKdoQak3Pk0cnXxCltA");
const SHA384: (&str, &str) = (
    "jtAeDp945y1dDqU3nkIVGNZP1HjH_MFs",
    "Mq-knyaEMtWGfnBi2POEZb1kiLx10_DF",
);
const SHA512: (&str, &str) = (
    "q7nS86GgvvFaZkzALLWqJYaJIKw2wCDAVfCAsm5CrBM",
    "E9z1C-c0Az4eTEzE0Nm3OQ3BS2BhMgxuP7x5JAQj1_4",
);

/// The hashes OIDC Core §3.1.3.6 assigns `alg`: the hash of the signature algorithm,
/// SHA-512 for EdDSA with Ed25519.
fn vectors(alg: Algorithm) -> (&'static str, &'static str) {
    match alg {
        Algorithm::RS256 | Algorithm::PS256 | Algorithm::ES256 | Algorithm::HS256 => SHA256,
        Algorithm::RS384 | Algorithm::PS384 | Algorithm::ES384 | Algorithm::HS384 => SHA384,
        _ => SHA512,
    }
}

const NOW: i64 = 1_800_000_000;

fn checks() -> IdTokenValidation<'static> {
    IdTokenValidation::new("https://op.example", "client-1")
        .nonce("n-0S6_WzA2Mj")
        .algorithms(&ALL)
        .clock(FixedClock(NumericDate::from_secs(NOW)))
}

fn keys(alg: Algorithm) -> JwkSet {
    match alg {
        Algorithm::HS256 => JwkSet::from_secret(&hmac_secret()),
        Algorithm::HS384 | Algorithm::HS512 => JwkSet::from_legacy_secret(&hmac_secret()),
        _ => public_keys(),
    }
}

fn token(alg: Algorithm, at_hash: Option<&str>, c_hash: Option<&str>) -> String {
    let mut c = claims();
    if let Some(h) = at_hash {
        c["at_hash"] = json!(h);
    }
    if let Some(h) = c_hash {
        c["c_hash"] = json!(h);
    }
    sign(alg, &c)
}

fn verify(
    jwt: &str,
    alg: Algorithm,
    checks: &IdTokenValidation<'_>,
) -> Result<IdToken, TokenError> {
    checks.verify(jwt, &keys(alg))
}

fn claim_error(result: Result<IdToken, TokenError>) -> ValidationError {
    match result {
        Err(TokenError::Claims(e)) => e,
        other => panic!("{other:?}"),
    }
}

#[test]
fn known_vectors() {
    for alg in ALL {
        let (at, c) = vectors(alg);
        assert_eq!(token_hash(alg, ACCESS_TOKEN), at, "{alg:?}");
        assert_eq!(token_hash(alg, CODE), c, "{alg:?}");
    }
}

#[test]
fn every_algorithm_uses_its_hash_from_the_verified_header() {
    for alg in ALL {
        let (at, c) = vectors(alg);
        let jwt = token(alg, Some(at), Some(c));
        let hybrid = checks()
            .response_type("code id_token token")
            .access_token(ACCESS_TOKEN)
            .code(CODE);
        assert!(verify(&jwt, alg, &hybrid).is_ok(), "{alg:?}");
        // The hash of another size is a mismatch: the algorithm is the header's.
        let other = if vectors(alg) == SHA256 {
            SHA512
        } else {
            SHA256
        };
        let jwt = token(alg, Some(other.0), Some(c));
        assert_eq!(
            claim_error(verify(&jwt, alg, &hybrid)),
            ValidationError::AtHashMismatch { token: "ID Token" },
            "{alg:?}"
        );
        let jwt = token(alg, Some(at), Some(other.1));
        assert_eq!(
            claim_error(verify(&jwt, alg, &hybrid)),
            ValidationError::CHashMismatch { token: "ID Token" },
            "{alg:?}"
        );
    }
}

#[test]
fn the_spec_examples_in_one_call() {
    let key = JwkSet::from_json(&format!(
        r#"{{"keys":[{}]}}"#,
        data("jws/oidc-core-A.7-example-rsa-key-public.json")
    ))
    .unwrap();
    let spec = |name: &str| data(&format!("jws/{name}")).trim().to_owned();
    let checks = || {
        IdTokenValidation::new("https://server.example.com", "s6BhdRkqt3")
            .nonce("n-0S6_WzA2Mj")
            .clock(FixedClock(NumericDate::from_secs(1311281000)))
    };
    // A.3: id_token token (implicit) — at_hash REQUIRED.
    let a3 = checks()
        .response_type("id_token token")
        .access_token(ACCESS_TOKEN);
    assert!(a3
        .verify::<IdToken>(&spec("oidc-core-A.3-id_token.jwt"), &key)
        .is_ok());
    assert_eq!(
        a3.verify::<IdToken>(&spec("oidc-core-A.2-id_token.jwt"), &key)
            .unwrap_err(),
        TokenError::Claims(ValidationError::AtHashMissing { token: "ID Token" })
    );
    // A.4: code id_token (hybrid) — c_hash REQUIRED.
    let a4 = checks().response_type("code id_token").code(CODE);
    assert!(a4
        .verify::<IdToken>(&spec("oidc-core-A.4-id_token.jwt"), &key)
        .is_ok());
    assert_eq!(
        a4.verify::<IdToken>(&spec("oidc-core-A.3-id_token.jwt"), &key)
            .unwrap_err(),
        TokenError::Claims(ValidationError::CHashMissing { token: "ID Token" })
    );
    let wrong_code = checks().response_type("code id_token").code("another-code");
    assert_eq!(
        wrong_code
            .verify::<IdToken>(&spec("oidc-core-A.4-id_token.jwt"), &key)
            .unwrap_err(),
        TokenError::Claims(ValidationError::CHashMismatch { token: "ID Token" })
    );
    // A.6: code id_token token — both.
    let a6 = checks()
        .response_type("code id_token token")
        .access_token(ACCESS_TOKEN)
        .code(CODE);
    assert!(a6
        .verify::<IdToken>(&spec("oidc-core-A.6-id_token.jwt"), &key)
        .is_ok());
    for (name, missing) in [
        (
            "oidc-core-A.4-id_token.jwt",
            ValidationError::AtHashMissing { token: "ID Token" },
        ),
        (
            "oidc-core-A.3-id_token.jwt",
            ValidationError::CHashMissing { token: "ID Token" },
        ),
    ] {
        assert_eq!(
            a6.verify::<IdToken>(&spec(name), &key).unwrap_err(),
            TokenError::Claims(missing),
            "{name}"
        );
    }
}

#[test]
fn required_only_where_the_response_type_says() {
    let alg = Algorithm::RS256;
    let bare = token(alg, None, None);
    // Required: missing is an error.
    for (rt, missing) in [
        (
            "id_token token",
            ValidationError::AtHashMissing { token: "ID Token" },
        ),
        (
            "code id_token",
            ValidationError::CHashMissing { token: "ID Token" },
        ),
        (
            "code id_token token",
            ValidationError::AtHashMissing { token: "ID Token" },
        ),
    ] {
        let checks = checks()
            .response_type(rt)
            .access_token(ACCESS_TOKEN)
            .code(CODE);
        assert_eq!(claim_error(verify(&bare, alg, &checks)), missing, "{rt}");
    }
    // Not required (the ID Token is not from the authorization endpoint with the
    // value, or from the token endpoint): absence is fine.
    for rt in [None, Some("code"), Some("id_token"), Some("code token")] {
        let mut checks = checks().access_token(ACCESS_TOKEN).code(CODE);
        if let Some(rt) = rt {
            checks = checks.response_type(rt);
        }
        assert!(verify(&bare, alg, &checks).is_ok(), "{rt:?}");
    }
}

#[test]
fn optional_hashes_are_checked_when_present() {
    // §3.1.3.8: from the token endpoint, at_hash is OPTIONAL but checked when present.
    let alg = Algorithm::RS256;
    let token_endpoint = checks().access_token(ACCESS_TOKEN);
    assert!(verify(&token(alg, Some(SHA256.0), None), alg, &token_endpoint).is_ok());
    assert_eq!(
        claim_error(verify(
            &token(alg, Some(SHA256.1), None),
            alg,
            &token_endpoint
        )),
        ValidationError::AtHashMismatch { token: "ID Token" }
    );
    // Nothing handed over: an optional hash is not checked.
    assert!(verify(
        &token(alg, Some("garbage"), Some("garbage")),
        alg,
        &checks()
    )
    .is_ok());
}

#[test]
fn a_required_hash_needs_its_value() {
    let alg = Algorithm::RS256;
    let jwt = token(alg, Some(SHA256.0), Some(SHA256.1));
    let err = claim_error(verify(
        &jwt,
        alg,
        &checks().response_type("code id_token token"),
    ));
    assert_eq!(
        err,
        ValidationError::HashUncheckable {
            token: "ID Token",
            claim: "at_hash",
            reason: "the access token was not handed over"
        }
    );
    assert_eq!(
        err.to_string(),
        "ID Token's at_hash cannot be checked: the access token was not handed over"
    );
    let err = claim_error(verify(
        &jwt,
        alg,
        &checks()
            .response_type("code id_token")
            .access_token(ACCESS_TOKEN),
    ));
    assert!(
        matches!(
            err,
            ValidationError::HashUncheckable {
                claim: "c_hash",
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn validate_extern_cannot_check_hashes_and_says_so() {
    let jwt = token(Algorithm::RS256, Some(SHA256.0), None);
    let checks = checks().access_token(ACCESS_TOKEN);
    let (id_token, header) =
        oidc_core::jwt::from_jwt_with_header::<IdToken>(&jwt, &public_keys(), checks.jwt_options())
            .unwrap();
    assert!(matches!(
        id_token.validate_extern(&checks),
        Err(ValidationError::HashUncheckable {
            claim: "at_hash",
            ..
        })
    ));
    // With the verified header (the two-step path), it can.
    assert_eq!(
        TokenValidation::<IdToken>::validate(&checks, &id_token, &header),
        Ok(())
    );
    // Nothing to check: validate_extern is enough.
    let plain = IdToken::from_json(&claims().to_string()).unwrap();
    assert_eq!(plain.validate_extern(&self::checks()), Ok(()));
}

#[test]
fn texts() {
    for (error, text) in [
        (
            ValidationError::AtHashMissing { token: "ID Token" },
            "ID Token has no at_hash although the response type requires it",
        ),
        (
            ValidationError::AtHashMismatch { token: "ID Token" },
            "ID Token's at_hash does not match the access token",
        ),
        (
            ValidationError::CHashMissing { token: "ID Token" },
            "ID Token has no c_hash although the response type requires it",
        ),
        (
            ValidationError::CHashMismatch { token: "ID Token" },
            "ID Token's c_hash does not match the authorization code",
        ),
    ] {
        assert_eq!(error.to_string(), text);
    }
}
