//! The OpenID RP certification ID Token cases (rp-id_token-*), reproduced with the
//! test keys: through the one call (`IdTokenValidation::verify`), and the JWS cases
//! through `IdToken::from_jwt` alone.

use jsonwebtoken::Header;
use oidc_core::jwt::{Algorithm, JwkSet, JwtError, JwtOptions};
use oidc_core::messages::IdToken;
use oidc_core::validation::{FixedClock, IdTokenValidation, ValidationError};
use oidc_core::{NumericDate, OidcMessage};
use serde_json::json;

use crate::keys::{claims, data, public_keys, raw, sign, sign_with};

const NOW: i64 = 1_800_000_000;

/// A provider announcing RS256 and ES256 (the certification's signing algorithms).
fn checks() -> IdTokenValidation<'static> {
    IdTokenValidation::new("https://op.example", "client-1")
        .algorithms(&[Algorithm::RS256, Algorithm::ES256])
        .nonce("n-0S6_WzA2Mj")
        .clock(FixedClock(NumericDate::from_secs(NOW)))
}

/// The one call; its error text is the failed step's.
fn verify_and_validate(
    token: &str,
    keys: &JwkSet,
    checks: &IdTokenValidation<'_>,
) -> Result<IdToken, String> {
    checks.verify(token, keys).map_err(|e| e.to_string())
}

#[test]
fn rp_id_token_sig_rs256_and_es256_accepted() {
    for alg in [Algorithm::RS256, Algorithm::ES256] {
        assert!(
            verify_and_validate(&sign(alg, &claims()), &public_keys(), &checks()).is_ok(),
            "{alg:?}"
        );
    }
}

#[test]
fn rp_id_token_bad_sig_rs256_and_es256() {
    for alg in [Algorithm::RS256, Algorithm::ES256] {
        let token = sign(alg, &claims());
        let (head, _) = token.rsplit_once('.').unwrap();
        let other = sign(alg, &json!({"sub": "x"}));
        let forged = format!("{head}.{}", other.rsplit_once('.').unwrap().1);
        assert_eq!(
            IdToken::from_jwt(&forged, &public_keys(), &JwtOptions::default()).unwrap_err(),
            JwtError::BadSignature,
            "{alg:?}"
        );
    }
}

#[test]
fn rp_id_token_issuer_mismatch() {
    let mut c = claims();
    c["iss"] = json!("https://evil.example");
    let err =
        verify_and_validate(&sign(Algorithm::RS256, &c), &public_keys(), &checks()).unwrap_err();
    assert_eq!(
        err,
        r#"ID Token was issued by an unexpected issuer: "https://evil.example""#
    );
}

#[test]
fn rp_id_token_aud() {
    let mut c = claims();
    c["aud"] = json!("someone-else");
    let err =
        verify_and_validate(&sign(Algorithm::RS256, &c), &public_keys(), &checks()).unwrap_err();
    assert_eq!(err, r#"ID Token's audience does not contain "client-1""#);
}

#[test]
fn rp_id_token_sub_missing() {
    let mut c = claims();
    c.as_object_mut().unwrap().remove("sub");
    let err =
        verify_and_validate(&sign(Algorithm::RS256, &c), &public_keys(), &checks()).unwrap_err();
    assert_eq!(err, r#"IdToken: missing required parameter "sub""#);
}

#[test]
fn rp_id_token_iat_far_in_the_past() {
    let mut c = claims();
    c["iat"] = json!(1_000_000_000);
    let token = sign(Algorithm::RS256, &c);
    assert!(
        verify_and_validate(&token, &public_keys(), &checks()).is_ok(),
        "no minimum: accepted"
    );
    let err = verify_and_validate(
        &token,
        &public_keys(),
        &checks().min_iat(NumericDate::from_secs(NOW - 3600)),
    )
    .unwrap_err();
    assert!(
        err.starts_with("ID Token was issued too far in the past"),
        "{err}"
    );
}

#[test]
fn rp_id_token_expired() {
    let mut c = claims();
    c["exp"] = json!(NOW - 60);
    let err =
        verify_and_validate(&sign(Algorithm::RS256, &c), &public_keys(), &checks()).unwrap_err();
    assert_eq!(
        err,
        format!("ID Token is expired (exp {}, now {NOW})", NOW - 60)
    );
}

#[test]
fn rp_nonce_invalid() {
    let mut c = claims();
    c["nonce"] = json!("other");
    let err =
        verify_and_validate(&sign(Algorithm::RS256, &c), &public_keys(), &checks()).unwrap_err();
    assert_eq!(err, "ID Token's nonce does not match its expected value");
}

#[test]
fn rp_id_token_sig_none() {
    let token = raw(&json!({"alg": "none"}), &claims(), b"");
    let token = token.trim_end_matches('.').to_owned() + ".";
    assert_eq!(
        IdToken::from_jwt(&token, &public_keys(), &JwtOptions::default()).unwrap_err(),
        JwtError::AlgNone
    );
}

#[test]
fn rp_id_token_kid_absent_single_jwks() {
    let mut header = Header::new(Algorithm::RS256);
    header.kid = None;
    let token = sign_with(&header, &claims());
    let single = JwkSet::from_json(&json!({"keys": [public_key("rsa-1")]}).to_string()).unwrap();
    assert!(verify_and_validate(&token, &single, &checks()).is_ok());
}

#[test]
fn rp_id_token_kid_absent_multiple_jwks() {
    // Several RSA keys and no kid: each candidate is tried; the right one verifies.
    let mut header = Header::new(Algorithm::RS256);
    header.kid = None;
    let token = sign_with(&header, &claims());
    let several = JwkSet::from_json(
        &json!({"keys": [public_key("rsa-2"), public_key("ec-p256"), public_key("rsa-1")]})
            .to_string(),
    )
    .unwrap();
    assert!(verify_and_validate(&token, &several, &checks()).is_ok());
    let wrong_only =
        JwkSet::from_json(&json!({"keys": [public_key("rsa-2")]}).to_string()).unwrap();
    assert_eq!(
        IdToken::from_jwt(&token, &wrong_only, &JwtOptions::default()).unwrap_err(),
        JwtError::BadSignature
    );
}

#[test]
fn rp_key_rotation_unknown_kid() {
    let mut header = Header::new(Algorithm::RS256);
    header.kid = Some("rotated-away".into());
    let token = sign_with(&header, &claims());
    assert_eq!(
        IdToken::from_jwt(&token, &public_keys(), &JwtOptions::default()).unwrap_err(),
        JwtError::UnknownKid("rotated-away".into())
    );
}

fn public_key(kid: &str) -> serde_json::Value {
    let set: serde_json::Value = serde_json::from_str(&data("keys/public-jwks.json")).unwrap();
    set["keys"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["kid"] == kid)
        .unwrap()
        .clone()
}

#[test]
fn validation_errors_are_typed() {
    let mut c = claims();
    c["exp"] = json!(NOW - 60);
    let t = IdToken::from_jwt(
        &sign(Algorithm::RS256, &c),
        &public_keys(),
        &JwtOptions::default(),
    )
    .unwrap();
    assert!(matches!(
        t.validate_extern(&checks()),
        Err(ValidationError::Expired { .. })
    ));
}
