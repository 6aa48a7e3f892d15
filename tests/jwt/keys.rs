//! Signing helpers over the test keys in `tests/data/keys/` (see its README), and
//! round trips for every supported algorithm.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use jsonwebtoken::{EncodingKey, Header};
use oidc_core::jwt::{Algorithm, JwkSet, JwtError, JwtOptions};
use oidc_core::messages::IdToken;
use oidc_core::OidcMessage;
use serde_json::json;

pub fn data(relative: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/data/{relative}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

pub fn public_keys() -> JwkSet {
    JwkSet::from_json(&data("keys/public-jwks.json")).unwrap()
}

pub fn hmac_secret() -> Vec<u8> {
    data("keys/hmac-secret.txt").into_bytes()
}

/// The private key (and kid) that signs with `alg`.
pub fn signing_key(alg: Algorithm) -> (EncodingKey, Option<&'static str>) {
    let pem = |name: &str| data(&format!("keys/{name}.pem"));
    match alg {
        Algorithm::HS256 | Algorithm::HS384 | Algorithm::HS512 => {
            (EncodingKey::from_secret(&hmac_secret()), None)
        }
        Algorithm::ES256 => (
            EncodingKey::from_ec_pem(pem("ec-p256").as_bytes()).unwrap(),
            Some("ec-p256"),
        ),
        Algorithm::ES384 => (
            EncodingKey::from_ec_pem(pem("ec-p384").as_bytes()).unwrap(),
            Some("ec-p384"),
        ),
        Algorithm::EdDSA => (
            EncodingKey::from_ed_pem(pem("ed25519").as_bytes()).unwrap(),
            Some("ed25519"),
        ),
        _ => (
            EncodingKey::from_rsa_pem(pem("rsa-1").as_bytes()).unwrap(),
            Some("rsa-1"),
        ),
    }
}

/// A JWT with these claims, signed with the test key for `alg`.
pub fn sign(alg: Algorithm, claims: &serde_json::Value) -> String {
    let (key, kid) = signing_key(alg);
    let mut header = Header::new(alg);
    header.kid = kid.map(str::to_owned);
    jsonwebtoken::encode(&header, claims, &key).unwrap()
}

/// Like [`sign`], with the header built by the caller.
pub fn sign_with(header: &Header, claims: &serde_json::Value) -> String {
    let (key, _) = signing_key(header.alg);
    jsonwebtoken::encode(header, claims, &key).unwrap()
}

/// A compact JWS with an arbitrary header and signature bytes (for malformed cases).
pub fn raw(header: &serde_json::Value, claims: &serde_json::Value, signature: &[u8]) -> String {
    format!(
        "{}.{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string()),
        URL_SAFE_NO_PAD.encode(signature)
    )
}

pub fn claims() -> serde_json::Value {
    json!({
        "iss": "https://op.example", "sub": "248289761001", "aud": "client-1",
        "nonce": "n-0S6_WzA2Mj", "exp": 2_000_000_000, "iat": 1_700_000_000
    })
}

pub const ALL: [Algorithm; 12] = [
    Algorithm::RS256,
    Algorithm::RS384,
    Algorithm::RS512,
    Algorithm::PS256,
    Algorithm::PS384,
    Algorithm::PS512,
    Algorithm::ES256,
    Algorithm::ES384,
    Algorithm::EdDSA,
    Algorithm::HS256,
    Algorithm::HS384,
    Algorithm::HS512,
];

#[test]
fn every_algorithm_verifies_with_its_key() {
    let asymmetric = public_keys();
    let symmetric = JwkSet::from_secret(&hmac_secret());
    for alg in ALL {
        let token = sign(alg, &claims());
        let hmac = matches!(alg, Algorithm::HS256 | Algorithm::HS384 | Algorithm::HS512);
        let (keys, options) = if hmac {
            (&symmetric, JwtOptions::default().allow_hmac())
        } else {
            (&asymmetric, JwtOptions::default())
        };
        let t =
            IdToken::from_jwt(&token, keys, &options).unwrap_or_else(|e| panic!("{alg:?}: {e}"));
        assert_eq!(t.sub, "248289761001", "{alg:?}");
    }
}

#[test]
fn hmac_must_be_allowed_explicitly() {
    let token = sign(Algorithm::HS256, &claims());
    let err = IdToken::from_jwt(
        &token,
        &JwkSet::from_secret(&hmac_secret()),
        &JwtOptions::default(),
    )
    .unwrap_err();
    assert_eq!(err, JwtError::AlgorithmNotAllowed(Algorithm::HS256));
}

#[test]
fn the_allowed_algorithm_list_is_enforced() {
    let token = sign(Algorithm::PS256, &claims());
    let only_rs256 = JwtOptions::default().algorithms(&[Algorithm::RS256]);
    assert_eq!(
        IdToken::from_jwt(&token, &public_keys(), &only_rs256).unwrap_err(),
        JwtError::AlgorithmNotAllowed(Algorithm::PS256)
    );
}

#[test]
fn kid_selects_the_key() {
    // Signed by rsa-1 but the header names rsa-2: rsa-2 is tried and fails.
    let mut header = Header::new(Algorithm::RS256);
    header.kid = Some("rsa-2".into());
    let token = sign_with(&header, &claims());
    assert_eq!(
        IdToken::from_jwt(&token, &public_keys(), &JwtOptions::default()).unwrap_err(),
        JwtError::BadSignature
    );
}

#[test]
fn keys_whose_use_or_alg_do_not_fit_are_skipped() {
    let (mut keys_json, token) = (
        serde_json::from_str::<serde_json::Value>(&data("keys/public-jwks.json")).unwrap(),
        sign(Algorithm::RS256, &claims()),
    );
    keys_json["keys"][0]["use"] = json!("enc");
    let keys = JwkSet::from_json(&keys_json.to_string()).unwrap();
    assert_eq!(
        IdToken::from_jwt(&token, &keys, &JwtOptions::default()).unwrap_err(),
        JwtError::NoMatchingKey(Algorithm::RS256)
    );
    keys_json["keys"][0]["use"] = json!("sig");
    keys_json["keys"][0]["alg"] = json!("PS256");
    let keys = JwkSet::from_json(&keys_json.to_string()).unwrap();
    assert_eq!(
        IdToken::from_jwt(&token, &keys, &JwtOptions::default()).unwrap_err(),
        JwtError::NoMatchingKey(Algorithm::RS256)
    );
    keys_json["keys"][0]["alg"] = json!("RS256");
    let keys = JwkSet::from_json(&keys_json.to_string()).unwrap();
    assert!(IdToken::from_jwt(&token, &keys, &JwtOptions::default()).is_ok());
}

#[test]
fn ec_keys_must_be_on_the_algorithms_curve() {
    // An ES384 token whose header names the P-256 key.
    let mut header = Header::new(Algorithm::ES384);
    header.kid = Some("ec-p256".into());
    let token = sign_with(&header, &claims());
    assert_eq!(
        IdToken::from_jwt(&token, &public_keys(), &JwtOptions::default()).unwrap_err(),
        JwtError::NoMatchingKey(Algorithm::ES384)
    );
}

#[test]
fn claims_are_decoded_with_the_messages_rules() {
    let mut c = claims();
    c["iat"] = json!("1700000000");
    c["email_verified"] = json!("true");
    let t = IdToken::from_jwt(
        &sign(Algorithm::RS256, &c),
        &public_keys(),
        &JwtOptions::default(),
    )
    .unwrap();
    assert_eq!(t.claims.email_verified, Some(true));
    c.as_object_mut().unwrap().remove("sub");
    let err = IdToken::from_jwt(
        &sign(Algorithm::RS256, &c),
        &public_keys(),
        &JwtOptions::default(),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"IdToken: missing required parameter "sub""#
    );
}
