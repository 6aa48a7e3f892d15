//! What must be refused, each with its own error.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use jsonwebtoken::Header;
use oidc_core::jwt::{header_algorithm, Algorithm, JwkSet, JwtError, JwtOptions};
use oidc_core::messages::IdToken;
use oidc_core::{ErrorKind, OidcMessage};
use serde_json::json;

use crate::keys::{claims, data, public_keys, raw, sign, sign_raw_header, sign_with};

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

fn claims_text() -> String {
    claims().to_string()
}

#[test]
fn duplicate_header_members_are_malformed() {
    // Last-wins would read `alg: RS256` (and verify) or pick the second kid.
    for header in [
        r#"{"alg":"none","alg":"RS256","kid":"rsa-1"}"#,
        r#"{"alg":"RS256","kid":"rsa-2","kid":"rsa-1"}"#,
        r#"{"alg":"RS256","kid":"rsa-1","typ":"at+jwt","typ":"JWT"}"#,
        r#"{"alg":"RS256","kid":"rsa-1","x5t":"a","x5t":"b"}"#,
        r#"{"alg":"RS256","kid":"rsa-1","al\u0067":"RS256"}"#,
    ] {
        let token = sign_raw_header(header, &claims_text(), Algorithm::RS256);
        match decode(&token) {
            Err(JwtError::Malformed(reason)) => {
                assert!(
                    reason.contains("appears more than once"),
                    "{header}: {reason}"
                )
            }
            other => panic!("{header}: {other:?}"),
        }
    }
    // The same headers without the duplicate verify.
    let token = sign_raw_header(
        r#"{"alg":"RS256","kid":"rsa-1"}"#,
        &claims_text(),
        Algorithm::RS256,
    );
    assert!(decode(&token).is_ok());
}

#[test]
fn non_string_header_members_are_malformed() {
    for (member, value) in [
        ("kid", "7"),
        ("kid", "null"),
        ("typ", "[\"at+jwt\"]"),
        ("typ", "1"),
        ("cty", "{}"),
        ("cty", "false"),
    ] {
        let header = format!(
            r#"{{"alg":"RS256",{}"{member}":{value}}}"#,
            if member == "kid" {
                ""
            } else {
                r#""kid":"rsa-1","#
            }
        );
        let token = sign_raw_header(&header, &claims_text(), Algorithm::RS256);
        assert_eq!(
            decode(&token).unwrap_err(),
            JwtError::Malformed(format!("header member \"{member}\" is not a string")),
            "{header}"
        );
    }
    let token = sign_raw_header(
        r#"{"alg":["RS256"],"kid":"rsa-1"}"#,
        &claims_text(),
        Algorithm::RS256,
    );
    assert_eq!(
        decode(&token).unwrap_err(),
        JwtError::Malformed("header member \"alg\" is not a string".into())
    );
    // header_algorithm reads the header as strictly.
    let token = sign_raw_header(
        r#"{"alg":"RS256","kid":1}"#,
        &claims_text(),
        Algorithm::RS256,
    );
    assert!(matches!(
        header_algorithm(&token),
        Err(JwtError::Malformed(_))
    ));
    let token = sign_raw_header(
        r#"{"alg":"none","alg":"RS256"}"#,
        &claims_text(),
        Algorithm::RS256,
    );
    assert!(matches!(
        header_algorithm(&token),
        Err(JwtError::Malformed(_))
    ));
}

#[test]
fn malformed_crit_is_malformed_and_any_crit_is_refused() {
    for crit in ["[]", "\"exp\"", "[1]"] {
        let header = format!(r#"{{"alg":"RS256","kid":"rsa-1","crit":{crit}}}"#);
        let token = sign_raw_header(&header, &claims_text(), Algorithm::RS256);
        assert!(
            matches!(decode(&token), Err(JwtError::Malformed(_))),
            "{crit}"
        );
    }
    let token = sign_raw_header(
        r#"{"alg":"RS256","kid":"rsa-1","b64":false,"crit":["b64"]}"#,
        &claims_text(),
        Algorithm::RS256,
    );
    assert_eq!(
        decode(&token).unwrap_err(),
        JwtError::UnknownCritical(vec!["b64".into()])
    );
}

#[test]
fn duplicate_claims_are_refused_by_the_claims_decoder() {
    let header = r#"{"alg":"RS256","kid":"rsa-1"}"#;
    for (payload, name) in [
        (
            r#"{"iss":"https://op.example","sub":"a","sub":"b","aud":"client-1","exp":2000000000,"iat":1700000000}"#,
            "sub",
        ),
        (
            r#"{"iss":"https://op.example","sub":"a","aud":"client-1","exp":2000000000,"iat":1700000000,"x":1,"x":2}"#,
            "x",
        ),
    ] {
        let token = sign_raw_header(header, payload, Algorithm::RS256);
        match decode(&token) {
            Err(JwtError::Claims(e)) => {
                assert_eq!(e.parameter(), Some(name), "{e}");
                assert!(matches!(e.kind(), ErrorKind::Duplicate(_)), "{e}");
            }
            other => panic!("{payload}: {other:?}"),
        }
    }
}

#[test]
fn error_texts_from_hostile_headers_are_one_bounded_line() {
    let huge = format!("evil\r\nSet-Cookie: x{}", "k".repeat(1 << 20));
    let as_json = serde_json::to_string(&huge).unwrap();
    let cases: Vec<(String, &str)> = vec![
        (
            format!(r#"{{"alg":"RS256","kid":{as_json}}}"#),
            "no key with kid",
        ),
        (
            format!(r#"{{"alg":{as_json}}}"#),
            "unsupported JWS algorithm",
        ),
        (
            format!(r#"{{"alg":"RS256","kid":"rsa-1","typ":{as_json}}}"#),
            "header typ",
        ),
        (
            format!(
                r#"{{"alg":"RS256","kid":"rsa-1","crit":[{as_json},{as_json},{as_json},{as_json}]}}"#
            ),
            "and 1 more",
        ),
        (
            format!(r#"{{"alg":"RS256",{as_json}:1,{as_json}:2}}"#),
            "appears more than once",
        ),
    ];
    for (header, expected) in cases {
        let token = sign_raw_header(&header, &claims_text(), Algorithm::RS256);
        let text = decode(&token)
            .map(|_| ())
            .map_err(|e| e.to_string())
            .unwrap_err();
        assert!(
            text.contains(expected),
            "{expected}: {}",
            &text[..text.len().min(200)]
        );
        assert!(!text.contains(['\r', '\n']), "{text}");
        assert!(text.contains(r"evil\r\nSet-Cookie"), "{text}");
        assert!(text.len() < 300, "{expected}: {} bytes", text.len());
    }
}

/// The order of the P-256 group (SEC 2), big-endian.
const P256_N: [u8; 32] = [
    0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0xbc, 0xe6, 0xfa, 0xad, 0xa7, 0x17, 0x9e, 0x84, 0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63, 0x25, 0x51,
];

/// `n - s` for 32-byte big-endian numbers with `s < n`.
fn negate(s: &[u8]) -> Vec<u8> {
    let mut out = vec![0u8; 32];
    let mut borrow = 0i16;
    for i in (0..32).rev() {
        let mut d = P256_N[i] as i16 - s[i] as i16 - borrow;
        borrow = i16::from(d < 0);
        if d < 0 {
            d += 256;
        }
        out[i] = d as u8;
    }
    out
}

#[test]
fn ecdsa_signatures_are_malleable_a_documented_limit() {
    // JWS (RFC 7518 §3.4) does not require low-S signatures, and the verifier accepts
    // both (r, s) and (r, n - s): a second valid signature of the same token that anyone
    // can compute. Never use a token's signature as its identity (use `jti`).
    let token = sign(Algorithm::ES256, &claims());
    let (input, signature) = token.rsplit_once('.').unwrap();
    let rs = URL_SAFE_NO_PAD.decode(signature).unwrap();
    let mut flipped = rs[..32].to_vec();
    flipped.extend(negate(&rs[32..]));
    assert_ne!(flipped, rs);
    let other = format!("{input}.{}", URL_SAFE_NO_PAD.encode(&flipped));
    assert_ne!(other, token);
    assert_eq!(decode(&other).unwrap(), decode(&token).unwrap());
}
