//! Signing helpers over the test keys in `tests/data/keys/` (see its README), and
//! round trips for every supported algorithm.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use jsonwebtoken::{EncodingKey, Header};
use oidc_core::jwt::Jwk;
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
    // The test secret has 36 bytes: enough for HS256 only (RFC 7518 §3.2), so HS384 and
    // HS512 read it as a legacy secret (see `hmac_keys_are_at_least_as_long_as_the_hash`).
    let symmetric = JwkSet::from_secret(&hmac_secret());
    let legacy = JwkSet::from_legacy_secret(&hmac_secret());
    for alg in ALL {
        let token = sign(alg, &claims());
        let (keys, options) = match alg {
            Algorithm::HS256 => (&symmetric, JwtOptions::default().allow_hmac()),
            Algorithm::HS384 | Algorithm::HS512 => (&legacy, JwtOptions::default().allow_hmac()),
            _ => (&asymmetric, JwtOptions::default()),
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

/// A token over `claims()` MACed with `secret`.
fn mac(alg: Algorithm, secret: &[u8]) -> String {
    jsonwebtoken::encode(
        &Header::new(alg),
        &claims(),
        &EncodingKey::from_secret(secret),
    )
    .unwrap()
}

fn hmac_verify(token: &str, keys: &JwkSet) -> Result<IdToken, JwtError> {
    IdToken::from_jwt(token, keys, &JwtOptions::default().allow_hmac())
}

#[test]
fn empty_hmac_keys_never_verify() {
    let token = mac(Algorithm::HS256, b"");
    for keys in [
        JwkSet::from_secret(b""),
        JwkSet::from_legacy_secret(b""),
        JwkSet::from_json(r#"{"keys":[{"kty":"oct","k":""}]}"#).unwrap(),
    ] {
        assert_eq!(keys.keys()[0].problem(), Some("empty HMAC key"));
        assert_eq!(
            hmac_verify(&token, &keys).unwrap_err(),
            JwtError::UnusableKey {
                alg: Algorithm::HS256,
                kid: None,
                problem: "empty HMAC key".into()
            }
        );
    }
}

#[test]
fn hmac_keys_are_at_least_as_long_as_the_hash() {
    // RFC 7518 §3.2: 32 bytes for HS256, 48 for HS384, 64 for HS512; both sides of each.
    for (alg, bytes) in [
        (Algorithm::HS256, 32),
        (Algorithm::HS384, 48),
        (Algorithm::HS512, 64),
    ] {
        let enough = vec![7u8; bytes];
        assert!(
            hmac_verify(&mac(alg, &enough), &JwkSet::from_secret(&enough)).is_ok(),
            "{alg:?}"
        );
        let short = vec![7u8; bytes - 1];
        let err = hmac_verify(&mac(alg, &short), &JwkSet::from_secret(&short)).unwrap_err();
        let JwtError::UnusableKey {
            alg: a, problem, ..
        } = err
        else {
            panic!("{alg:?}: {err:?}")
        };
        assert_eq!(a, alg);
        assert!(
            problem.contains(&format!("{} bits", (bytes - 1) * 8)),
            "{problem}"
        );
        // The same key in a JWK Set, with a kid.
        let jwk = format!(
            r#"{{"keys":[{{"kty":"oct","kid":"s","k":"{}"}}]}}"#,
            URL_SAFE_NO_PAD.encode(&short)
        );
        let mut header = Header::new(alg);
        header.kid = Some("s".into());
        let token =
            jsonwebtoken::encode(&header, &claims(), &EncodingKey::from_secret(&short)).unwrap();
        assert!(matches!(
            hmac_verify(&token, &JwkSet::from_json(&jwk).unwrap()),
            Err(JwtError::UnusableKey { kid: Some(k), .. }) if k == "s"
        ));
        // A legacy client secret verifies, by the caller's explicit choice.
        assert!(hmac_verify(&mac(alg, &short), &JwkSet::from_legacy_secret(&short)).is_ok());
    }
    // Below 32 bytes no HMAC algorithm can use the key: a problem on the Jwk itself.
    let set = JwkSet::from_secret(&[7u8; 31]);
    assert!(set.keys()[0].problem().unwrap().contains("248 bits"));
    assert!(JwkSet::from_secret(&[7u8; 32]).keys()[0]
        .problem()
        .is_none());
    // 48 bytes: HS256 and HS384, not HS512.
    let set48 = JwkSet::from_secret(&[7u8; 48]);
    let key: &Jwk = &set48.keys()[0];
    assert!(
        key.fits(Algorithm::HS256) && key.fits(Algorithm::HS384) && !key.fits(Algorithm::HS512)
    );
    assert!(JwkSet::from_legacy_secret(&[7u8; 1]).keys()[0].fits(Algorithm::HS512));
}

#[test]
fn rsa_keys_below_2048_bits_never_verify() {
    // A real 1024-bit key (tests/data/keys/rsa-1024.pem) signed valid tokens (with
    // OpenSSL: the default aws-lc-rs backend refuses to sign with a key this small).
    let signed = data("keys/rsa-1024-signed.jwt");
    let mut tokens = signed.lines();
    let (token, token_without_kid) = (tokens.next().unwrap(), tokens.next().unwrap());
    let keys = JwkSet::from_json(&data("keys/rsa-1024-public-jwks.json")).unwrap();
    let problem = "RSA key of 1024 bits is below the 2048 bits RFC 7518 §3.3 requires";
    assert_eq!(keys.keys()[0].problem(), Some(problem));
    assert!(!keys.keys()[0].fits(Algorithm::RS256));
    assert_eq!(
        IdToken::from_jwt(token, &keys, &JwtOptions::default()).unwrap_err(),
        JwtError::UnusableKey {
            alg: Algorithm::RS256,
            kid: Some("rsa-1024".into()),
            problem: problem.into()
        }
    );
    // Without a kid, the weak key is not tried either.
    assert!(matches!(
        IdToken::from_jwt(token_without_kid, &keys, &JwtOptions::default()),
        Err(JwtError::UnusableKey { .. })
    ));
}

#[test]
fn rsa_modulus_size_boundaries() {
    let set = |n: &[u8]| {
        JwkSet::from_json(&format!(
            r#"{{"keys":[{{"kty":"RSA","n":"{}","e":"AQAB"}}]}}"#,
            URL_SAFE_NO_PAD.encode(n)
        ))
        .unwrap()
    };
    let modulus = |bytes: usize, top: u8| {
        let mut n = vec![0xffu8; bytes];
        n[0] = top;
        n
    };
    // 2047 bits: refused; 2048 (also behind a leading zero octet): kept.
    assert!(set(&modulus(256, 0x7f)).keys()[0]
        .problem()
        .unwrap()
        .contains("2047 bits"));
    assert!(set(&modulus(256, 0x80)).keys()[0].problem().is_none());
    let mut padded = vec![0u8];
    padded.extend(modulus(256, 0x80));
    assert!(set(&padded).keys()[0].problem().is_none());
    // 4096 bits: kept; 4097: above what the verifier supports.
    assert!(set(&modulus(512, 0x80)).keys()[0].problem().is_none());
    assert!(set(&modulus(513, 0x01)).keys()[0]
        .problem()
        .unwrap()
        .contains("4097 bits"));
}

#[test]
fn malformed_jwk_members_make_the_key_unusable() {
    let rsa_1 = || {
        let set: serde_json::Value = serde_json::from_str(&data("keys/public-jwks.json")).unwrap();
        set["keys"][0].clone()
    };
    let token = sign(Algorithm::RS256, &claims());
    let mut no_kid = Header::new(Algorithm::RS256);
    no_kid.kid = None;
    let token_without_kid = sign_with(&no_kid, &claims());
    for (member, value) in [
        ("use", json!(1)),
        ("use", json!(["sig"])),
        ("alg", json!(["RS256"])),
        ("alg", json!(null)),
        ("kid", json!(7)),
        ("kty", json!({"RSA": 1})),
        ("crv", json!(false)),
    ] {
        let mut jwk = rsa_1();
        jwk[member] = value.clone();
        let keys = JwkSet::from_json(&json!({"keys": [jwk]}).to_string()).unwrap();
        let problem = keys.keys()[0].problem().map(str::to_owned);
        assert_eq!(
            problem.as_deref(),
            Some(format!("member \"{member}\" is not a string").as_str()),
            "{member}: {value}"
        );
        for t in [&token, &token_without_kid] {
            assert!(
                IdToken::from_jwt(t, &keys, &JwtOptions::default()).is_err(),
                "{member}: {value}"
            );
        }
    }
    // key_ops (RFC 7517 §4.3): a key whose operations exclude "verify" is skipped.
    let mut jwk = rsa_1();
    jwk["key_ops"] = json!(["encrypt"]);
    let keys = JwkSet::from_json(&json!({"keys": [jwk.clone()]}).to_string()).unwrap();
    assert!(keys.keys()[0].problem().is_none());
    assert_eq!(
        IdToken::from_jwt(&token, &keys, &JwtOptions::default()).unwrap_err(),
        JwtError::NoMatchingKey(Algorithm::RS256)
    );
    jwk["key_ops"] = json!(["verify"]);
    let keys = JwkSet::from_json(&json!({"keys": [jwk.clone()]}).to_string()).unwrap();
    assert!(IdToken::from_jwt(&token, &keys, &JwtOptions::default()).is_ok());
    // Not an array of strings, even when "verify" is among its elements.
    for ops in [json!("verify"), json!(["verify", 1]), json!([null])] {
        jwk["key_ops"] = ops;
        let keys = JwkSet::from_json(&json!({"keys": [jwk.clone()]}).to_string()).unwrap();
        assert_eq!(
            keys.keys()[0].problem(),
            Some("member \"key_ops\" is not an array of strings"),
            "{}",
            jwk["key_ops"]
        );
    }
}

#[test]
fn duplicate_jwk_members_make_the_key_unusable() {
    // Last-wins would read `use: sig`; RFC 7517 §4 lets a parser reject instead.
    let rsa_1 = serde_json::from_str::<serde_json::Value>(&data("keys/public-jwks.json")).unwrap()
        ["keys"][0]
        .clone();
    let text = rsa_1.to_string();
    let duplicated = text.replacen(r#""kty":"RSA""#, r#""kty":"RSA","use":"enc""#, 1);
    assert_ne!(duplicated, text);
    let keys = JwkSet::from_json(&format!(r#"{{"keys":[{duplicated}]}}"#)).unwrap();
    assert_eq!(
        keys.keys()[0].problem(),
        Some("member \"use\" appears more than once (RFC 7517 §4)")
    );
    // The first `use` (enc) is what the Jwk shows; either way the key never verifies.
    assert_eq!(keys.keys()[0].key_use(), Some("enc"));
    assert!(IdToken::from_jwt(
        &sign(Algorithm::RS256, &claims()),
        &keys,
        &JwtOptions::default()
    )
    .is_err());
    // A duplicate that does not disqualify the key by itself is reported as the problem.
    let duplicated = text
        .replacen(r#""kty":"RSA""#, r#""kty":"RSA","x5t":"a""#, 1)
        .replacen('}', r#","x5t":"b"}"#, 1);
    let keys = JwkSet::from_json(&format!(r#"{{"keys":[{duplicated}]}}"#)).unwrap();
    assert_eq!(
        IdToken::from_jwt(
            &sign(Algorithm::RS256, &claims()),
            &keys,
            &JwtOptions::default()
        )
        .unwrap_err(),
        JwtError::UnusableKey {
            alg: Algorithm::RS256,
            kid: Some("rsa-1".into()),
            problem: "member \"x5t\" appears more than once (RFC 7517 §4)".into()
        }
    );
}

/// A JWS whose header is exactly `header_json` (duplicates, odd types and all), signed
/// with the test key for `alg`.
pub fn sign_raw_header(header_json: &str, claims_json: &str, alg: Algorithm) -> String {
    let (key, _) = signing_key(alg);
    let input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header_json),
        URL_SAFE_NO_PAD.encode(claims_json)
    );
    let signature = jsonwebtoken::crypto::sign(input.as_bytes(), &key, alg).unwrap();
    format!("{input}.{signature}")
}
