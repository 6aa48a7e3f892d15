//! What must be refused, each with its own error.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use jsonwebtoken::Header;
use oidc_core::jwt::{Algorithm, JwkSet, JwtError, JwtOptions};
use oidc_core::messages::IdToken;
use oidc_core::OidcMessage;
use serde_json::json;

use crate::keys::{claims, data, public_keys, raw, sign, sign_with};

fn decode(token: &str) -> Result<IdToken, JwtError> {
    IdToken::from_jwt(token, &public_keys(), &JwtOptions::default().allow_hmac())
}

#[test]
fn alg_none() {
    for alg in ["none", "None", "NONE"] {
        let token = format!(
            "{}.{}.",
            URL_SAFE_NO_PAD.encode(json!({"alg": alg}).to_string()),
            URL_SAFE_NO_PAD.encode(claims().to_string())
        );
        assert_eq!(decode(&token).unwrap_err(), JwtError::AlgNone, "{alg}");
        let signed = raw(&json!({"alg": alg}), &claims(), b"x");
        assert_eq!(decode(&signed).unwrap_err(), JwtError::AlgNone, "{alg}");
    }
}

#[test]
fn hmac_with_an_asymmetric_keys_bytes_is_algorithm_confusion() {
    // The attack: MAC the token with the RSA public key's text, name that key's kid.
    let public_text = data("keys/public-jwks.json");
    let mut header = Header::new(Algorithm::HS256);
    header.kid = Some("rsa-1".into());
    let token = jsonwebtoken::encode(
        &header,
        &claims(),
        &jsonwebtoken::EncodingKey::from_secret(public_text.as_bytes()),
    )
    .unwrap();
    assert_eq!(
        decode(&token).unwrap_err(),
        JwtError::AlgorithmConfusion(Algorithm::HS256)
    );
    // Without kid: the set has no symmetric key at all.
    header.kid = None;
    let token = jsonwebtoken::encode(
        &header,
        &claims(),
        &jsonwebtoken::EncodingKey::from_secret(public_text.as_bytes()),
    )
    .unwrap();
    assert_eq!(
        decode(&token).unwrap_err(),
        JwtError::AlgorithmConfusion(Algorithm::HS256)
    );
}

#[test]
fn tampered_payload_or_signature() {
    for alg in [
        Algorithm::RS256,
        Algorithm::ES256,
        Algorithm::EdDSA,
        Algorithm::PS256,
    ] {
        let token = sign(alg, &claims());
        let parts: Vec<&str> = token.split('.').collect();
        let mut forged = claims();
        forged["sub"] = json!("attacker");
        let tampered_payload = format!(
            "{}.{}.{}",
            parts[0],
            URL_SAFE_NO_PAD.encode(forged.to_string()),
            parts[2]
        );
        assert_eq!(
            decode(&tampered_payload).unwrap_err(),
            JwtError::BadSignature,
            "{alg:?}"
        );
        let mut signature = URL_SAFE_NO_PAD.decode(parts[2]).unwrap();
        signature[10] ^= 1;
        let tampered_signature = format!(
            "{}.{}.{}",
            parts[0],
            parts[1],
            URL_SAFE_NO_PAD.encode(signature)
        );
        assert_eq!(
            decode(&tampered_signature).unwrap_err(),
            JwtError::BadSignature,
            "{alg:?}"
        );
    }
}

#[test]
fn unknown_critical_header() {
    let mut header = Header::new(Algorithm::RS256);
    header.kid = Some("rsa-1".into());
    header.crit = Some(vec!["exp".into()]);
    let token = sign_with(&header, &claims());
    assert_eq!(
        decode(&token).unwrap_err(),
        JwtError::UnknownCritical(vec!["exp".into()])
    );
}

#[test]
fn malformed_compact_forms() {
    let good = sign(Algorithm::RS256, &claims());
    let parts: Vec<&str> = good.split('.').collect();
    for (token, why) in [
        (format!("{}.{}", parts[0], parts[1]), "segments"),
        (format!("{good}.x.y"), "JWE"),
        (
            format!("{}.{}.{}", "!!!", parts[1], parts[2]),
            "header is not base64url",
        ),
        (
            format!(
                "{}.{}.{}",
                URL_SAFE_NO_PAD.encode("not json"),
                parts[1],
                parts[2]
            ),
            "header is not a JSON object",
        ),
        (
            format!(
                "{}.{}.{}",
                URL_SAFE_NO_PAD.encode("[1]"),
                parts[1],
                parts[2]
            ),
            "header is not a JSON object",
        ),
        (
            format!("{}.{}.{}", parts[0], "%%%", parts[2]),
            "payload is not base64url",
        ),
        (format!("{}.{}.", parts[0], parts[1]), "empty signature"),
        (
            format!("{}.{}.{}", URL_SAFE_NO_PAD.encode("{}"), parts[1], parts[2]),
            "no alg",
        ),
        (String::new(), "segments"),
    ] {
        match decode(&token) {
            Err(JwtError::Malformed(reason)) => assert!(reason.contains(why), "{why}: {reason}"),
            other => panic!("{why}: {other:?}"),
        }
    }
}

#[test]
fn unsupported_algorithms() {
    let token = raw(&json!({"alg": "ES512"}), &claims(), b"sig");
    assert_eq!(
        decode(&token).unwrap_err(),
        JwtError::UnsupportedAlgorithm("ES512".into())
    );
}

#[test]
fn a_valid_signature_over_claims_that_are_not_json() {
    let (key, _) = crate::keys::signing_key(Algorithm::HS256);
    let header = URL_SAFE_NO_PAD.encode(json!({"alg": "HS256"}).to_string());
    let payload = URL_SAFE_NO_PAD.encode("not json");
    let input = format!("{header}.{payload}");
    let signature = jsonwebtoken::crypto::sign(input.as_bytes(), &key, Algorithm::HS256).unwrap();
    let token = format!("{input}.{signature}");
    let keys = JwkSet::from_secret(&crate::keys::hmac_secret());
    match IdToken::from_jwt(&token, &keys, &JwtOptions::default().allow_hmac()) {
        Err(JwtError::Claims(e)) => {
            assert!(e.to_string().starts_with("IdToken: invalid JSON"), "{e}")
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn no_random_token_panics() {
    let keys = public_keys();
    let options = JwtOptions::default().allow_hmac();
    let mut seed = 0x2545F4914F6CDD1Du64;
    for _ in 0..3000 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let len = (seed % 120) as usize;
        let bytes: Vec<u8> = (0..len)
            .map(|i| b"ab.-_=+/eyJ{}\"0"[(seed.rotate_left(i as u32) % 15) as usize])
            .collect();
        let _ = IdToken::from_jwt(&String::from_utf8_lossy(&bytes), &keys, &options);
    }
}
