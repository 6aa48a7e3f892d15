//! Signing: private keys from JWK and PEM reproduce the specs' signatures byte for
//! byte where the algorithm is deterministic, every token kind signed by us is accepted
//! by our verifier for every algorithm, and bad keys are refused when they are made.

use oidc_core::jwt::{
    sign_payload, verify_payload, Algorithm, JwkSet, JwsHeader, JwtError, JwtOptions, PublicJwk,
    SigningKey, TokenKind,
};
use oidc_core::messages::{BackChannelLogoutToken, IdToken, JwtAccessToken};
use oidc_core::OidcMessage;
use serde_json::Value;

use crate::keys::{data, public_keys};

fn jws_fixture(name: &str) -> String {
    data(&format!("jws/{name}")).trim().to_owned()
}

fn pem(name: &str) -> String {
    data(&format!("keys/{name}.pem"))
}

fn invalid_key(result: Result<SigningKey, JwtError>) -> String {
    match result {
        Err(JwtError::InvalidKey(reason)) => reason,
        Err(other) => panic!("expected InvalidKey, got {other:?}"),
        Ok(key) => panic!("accepted {key:?}"),
    }
}

#[test]
fn oidc_core_a7_private_jwk_reproduces_the_a2_signature() {
    // RS256 (PKCS#1 v1.5) is deterministic: the spec's key signs the spec's signing
    // input into the spec's signature, so the JWK -> PKCS#1 conversion is exact.
    let key =
        SigningKey::from_jwk(&data("jws/oidc-core-A.7-example-rsa-key-private.json")).unwrap();
    assert_eq!(key.alg(), Algorithm::RS256);
    assert_eq!(key.kid(), Some("1e9gdk7"));
    for name in [
        "oidc-core-A.2-id_token.jwt",
        "oidc-core-A.3-id_token.jwt",
        "oidc-core-A.4-id_token.jwt",
        "oidc-core-A.6-id_token.jwt",
    ] {
        let token = jws_fixture(name);
        let (input, signature) = token.rsplit_once('.').unwrap();
        assert_eq!(key.sign(input.as_bytes()).unwrap(), signature, "{name}");
    }
    // Its public half is the A.7 public key.
    let public: Value =
        serde_json::from_str(&data("jws/oidc-core-A.7-example-rsa-key-public.json")).unwrap();
    let exported: Value = serde_json::from_str(&key.public_jwk_set_json().unwrap()).unwrap();
    assert_eq!(exported["keys"][0]["n"], public["n"]);
    assert_eq!(exported["keys"][0]["e"], public["e"]);
    assert_eq!(exported["keys"][0]["kid"], "1e9gdk7");
    assert_eq!(exported["keys"][0]["alg"], "RS256");
    assert_eq!(exported["keys"][0]["use"], "sig");
}

#[test]
fn rfc7520_cookbook_signatures() {
    for (key_file, example) in [
        (
            "rfc7520-jwk-3_4.rsa_private_key.json",
            "rfc7520-jws-4_1.rsa_v15_signature.json",
        ),
        (
            "rfc7520-jwk-3_5.symmetric_key_mac_computation.json",
            "rfc7520-jws-4_4.hmac-sha2_integrity_protection.json",
        ),
    ] {
        let example: Value = serde_json::from_str(&data(&format!("jws/{example}"))).unwrap();
        let alg: Algorithm = example["input"]["alg"].as_str().unwrap().parse().unwrap();
        let key = SigningKey::from_jwk(&data(&format!("jws/{key_file}")))
            .unwrap()
            .with_algorithm(alg)
            .unwrap();
        assert!(key.kid().is_some());
        let input = example["signing"]["sig-input"].as_str().unwrap();
        assert_eq!(
            key.sign(input.as_bytes()).unwrap(),
            example["signing"]["sig"].as_str().unwrap(),
            "{key_file}"
        );
    }
    // RFC 7520 §3.2 is a P-521 key: not supported, said so.
    let reason = invalid_key(SigningKey::from_jwk(&data(
        "jws/rfc7520-jwk-3_2.ec_private_key.json",
    )));
    assert_eq!(reason, r#"unsupported EC curve "P-521""#);
}

#[test]
fn pem_keys_match_their_published_public_halves() {
    let published = public_keys();
    for (file, alg) in [
        ("rsa-1", Algorithm::RS256),
        ("rsa-2", Algorithm::PS512),
        ("ec-p256", Algorithm::ES256),
        ("ec-p384", Algorithm::ES384),
        ("ed25519", Algorithm::EdDSA),
    ] {
        let key = SigningKey::from_pem(&pem(file), alg)
            .unwrap()
            .with_kid(file);
        let public = key.public_jwk().unwrap();
        // The published set holds the same key: a token we sign verifies with it.
        let jws = sign_payload(b"{}", &key, &JwsHeader::default()).unwrap();
        assert_eq!(
            verify_payload(&jws, &published, &JwtOptions::default()).unwrap(),
            b"{}"
        );
        let set: Value = serde_json::from_str(&data("keys/public-jwks.json")).unwrap();
        let entry = set["keys"]
            .as_array()
            .unwrap()
            .iter()
            .find(|k| k["kid"] == file)
            .unwrap();
        let expected = PublicJwk::from_json(&entry.to_string()).unwrap();
        assert_eq!(public.thumbprint(), expected.thumbprint(), "{file}");
    }
}

#[test]
fn keys_that_do_not_fit_are_refused() {
    assert_eq!(
        invalid_key(SigningKey::from_pem(&pem("ec-p384"), Algorithm::ES256)),
        "the PEM key does not fit ES256 (wrong type or curve)"
    );
    assert_eq!(
        invalid_key(SigningKey::from_pem(&pem("ec-p256"), Algorithm::RS256)),
        "not a PEM RSA private key"
    );
    assert_eq!(
        invalid_key(SigningKey::from_pem(&pem("rsa-1"), Algorithm::EdDSA)),
        "not a PEM Ed25519 private key"
    );
    assert!(
        invalid_key(SigningKey::from_pem(&pem("rsa-1"), Algorithm::HS256)).contains("from_secret")
    );
    assert!(
        invalid_key(SigningKey::from_pem("not pem", Algorithm::ES256)).contains("not a PEM EC")
    );
    // RFC 7518 §3.3: no RSA key below 2048 bits signs.
    assert_eq!(
        invalid_key(SigningKey::from_pem(&pem("rsa-1024"), Algorithm::RS256)),
        "RSA key of 1024 bits (from 2048 to 4096 are usable, RFC 7518 §3.3)"
    );
    let rsa = SigningKey::from_pem(&pem("rsa-1"), Algorithm::RS256).unwrap();
    for alg in [
        Algorithm::RS384,
        Algorithm::RS512,
        Algorithm::PS256,
        Algorithm::PS384,
        Algorithm::PS512,
    ] {
        assert_eq!(rsa.clone().with_algorithm(alg).unwrap().alg(), alg);
    }
    assert!(rsa.clone().with_algorithm(Algorithm::ES256).is_err());
    assert!(rsa.with_algorithm(Algorithm::HS256).is_err());
    let ec = SigningKey::from_pem(&pem("ec-p256"), Algorithm::ES256).unwrap();
    assert_eq!(
        ec.with_algorithm(Algorithm::ES384).unwrap_err().to_string(),
        "invalid key: this EC key cannot sign ES384"
    );
}

/// The RFC 9449 §4.1 example key's public members, with a private scalar that is not
/// its own.
const X: &str = "l8tFrhx-34tV3hRICRDY9zCkDlpBhF42UQUfWVAWBFs";
const Y: &str = "9VE4jf_Ok_o64zbTTlcuNJajHmt6v9TDVrU0CdvGRDA";

#[test]
fn private_jwks_are_read_strictly() {
    let d = "AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE"; // 32 bytes of 0x01
                                                           // A d that is not the private half of x / y: caught when the key is made.
    let mismatched = format!(r#"{{"kty":"EC","crv":"P-256","x":"{X}","y":"{Y}","d":"{d}"}}"#);
    assert_eq!(
        invalid_key(SigningKey::from_jwk(&mismatched)),
        "the private key does not match its public members (or is malformed)"
    );
    for (json, reason) in [
        ("[]", "the JWK is not a JSON object"),
        (
            r#"{"kty":"EC","kty":"EC"}"#,
            r#"member "kty" appears more than once (RFC 7517 §4)"#,
        ),
        (r#"{"crv":"P-256"}"#, r#"member "kty" is missing"#),
        (r#"{"kty":7}"#, r#"member "kty" is not a string"#),
        (r#"{"kty":"XYZ"}"#, r#"unsupported key type "XYZ""#),
        (
            r#"{"kty":"oct","k":"AAAA"}"#,
            "HMAC key of 24 bits is shorter than HS256 allows (256 bits, RFC 7518 §3.2)",
        ),
        (
            r#"{"kty":"oct","k":"A+A"}"#,
            r#"member "k" is not base64url (RFC 7515 §2)"#,
        ),
        (
            r#"{"kty":"oct","use":"enc","k":"AAAA"}"#,
            r#"the key's "use" is not "sig""#,
        ),
        (
            r#"{"kty":"oct","key_ops":["verify"],"k":"AAAA"}"#,
            r#"the key's "key_ops" do not include "sign""#,
        ),
        (
            r#"{"kty":"oct","alg":"XS1","k":"AAAA"}"#,
            r#"unsupported algorithm "XS1""#,
        ),
        (
            r#"{"kty":"RSA","oth":[],"n":"AQAB","e":"AQAB"}"#,
            r#"multi-prime RSA keys ("oth") are not supported"#,
        ),
        (
            r#"{"kty":"RSA","n":"AQAB","e":"AQAB"}"#,
            r#"member "d" is missing"#,
        ),
        (
            r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","d":"AAAA"}"#,
            "member \"d\" must be 32 bytes for Ed25519 (RFC 8037 §2)",
        ),
        (
            r#"{"kty":"OKP","crv":"X25519","x":"AAAA","d":"AAAA"}"#,
            r#"unsupported OKP curve "X25519""#,
        ),
    ] {
        assert_eq!(invalid_key(SigningKey::from_jwk(json)), reason, "{json}");
    }
    let short_d = format!(r#"{{"kty":"EC","crv":"P-256","x":"{X}","y":"{Y}","d":"AQ"}}"#);
    assert_eq!(
        invalid_key(SigningKey::from_jwk(&short_d)),
        "member \"d\" must be 32 bytes for this curve (RFC 7518 §6.2.2.1)"
    );
    let wrong_alg =
        format!(r#"{{"kty":"EC","crv":"P-256","alg":"ES384","x":"{X}","y":"{Y}","d":"{d}"}}"#);
    assert_eq!(
        invalid_key(SigningKey::from_jwk(&wrong_alg)),
        "this EC key cannot sign ES384"
    );
    // The secret `k`, `d`, never appears in an error or in Debug.
    let secret_text = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA";
    let key =
        SigningKey::from_jwk(&format!(r#"{{"kty":"oct","kid":"h","k":"{secret_text}"}}"#)).unwrap();
    assert!(!format!("{key:?}").contains(secret_text));
    assert_eq!(key.kid(), Some("h"));
    let rsa = data("jws/oidc-core-A.7-example-rsa-key-private.json");
    let broken = rsa.replace("\"p\":\"80AB", "\"p\":\"90AB");
    let err = SigningKey::from_jwk(&broken).unwrap_err().to_string();
    assert!(!err.contains("90AB") && !err.contains("N49U"), "{err}");
}

/// Every algorithm's key: RSA from PEM, EC / Ed25519 from PEM, HMAC secrets of the
/// hash's length.
fn every_key() -> Vec<SigningKey> {
    let rsa = SigningKey::from_pem(&pem("rsa-1"), Algorithm::RS256)
        .unwrap()
        .with_kid("rsa-1");
    let mut keys: Vec<SigningKey> = [
        Algorithm::RS256,
        Algorithm::RS384,
        Algorithm::RS512,
        Algorithm::PS256,
        Algorithm::PS384,
        Algorithm::PS512,
    ]
    .into_iter()
    .map(|alg| rsa.clone().with_algorithm(alg).unwrap())
    .collect();
    keys.push(
        SigningKey::from_pem(&pem("ec-p256"), Algorithm::ES256)
            .unwrap()
            .with_kid("ec-p256"),
    );
    keys.push(
        SigningKey::from_pem(&pem("ec-p384"), Algorithm::ES384)
            .unwrap()
            .with_kid("ec-p384"),
    );
    keys.push(
        SigningKey::from_pem(&pem("ed25519"), Algorithm::EdDSA)
            .unwrap()
            .with_kid("ed25519"),
    );
    for (alg, len) in [
        (Algorithm::HS256, 32),
        (Algorithm::HS384, 48),
        (Algorithm::HS512, 64),
    ] {
        keys.push(SigningKey::from_secret(&vec![0x5a; len], alg).unwrap());
    }
    keys
}

#[test]
fn what_we_sign_our_verifier_accepts_for_every_algorithm_and_kind() {
    let id_token = IdToken::from_json(
        r#"{"iss":"https://op.example","sub":"u1","aud":"rp","exp":1700000600,"iat":1700000000,"nonce":"n"}"#,
    )
    .unwrap();
    let access = JwtAccessToken::from_json(
        r#"{"iss":"https://op.example","exp":1700000600,"aud":"https://rs.example","sub":"u1","client_id":"rp","iat":1700000000,"jti":"a1","cnf":{"jkt":"0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I"}}"#,
    )
    .unwrap();
    let logout = BackChannelLogoutToken::from_json(
        r#"{"iss":"https://op.example","aud":"rp","iat":1700000000,"exp":1700000120,"jti":"l1","sid":"s1","events":{"http://schemas.openid.net/event/backchannel-logout":{}}}"#,
    )
    .unwrap();
    for key in every_key() {
        let alg = key.alg();
        let options = JwtOptions::default().allow_hmac().algorithms(&[alg]);
        let keys = key.verifying_keys();
        let jwt = id_token.to_jwt(&key).unwrap();
        assert_eq!(
            IdToken::from_jwt(&jwt, &keys, &options).unwrap(),
            id_token,
            "{alg:?}"
        );
        let jwt = access.to_jwt(&key).unwrap();
        assert_eq!(
            JwtAccessToken::from_jwt(&jwt, &keys, &options).unwrap(),
            access,
            "{alg:?}"
        );
        let jwt = logout.to_jwt(&key).unwrap();
        assert_eq!(
            BackChannelLogoutToken::from_jwt(&jwt, &keys, &options).unwrap(),
            logout,
            "{alg:?}"
        );
        // A token of one kind never passes as another: the written typ decides.
        let jwt = access.to_jwt(&key).unwrap();
        assert!(matches!(
            IdToken::from_jwt(&jwt, &keys, &options),
            Err(JwtError::WrongType { .. })
        ));
        let jwt = logout.to_jwt(&key).unwrap();
        assert!(IdToken::from_jwt(&jwt, &keys, &options).is_err(), "{alg:?}");
        // Another key of the same algorithm does not verify it.
        let other = match alg {
            Algorithm::HS256 | Algorithm::HS384 | Algorithm::HS512 => {
                SigningKey::generate(alg).unwrap()
            }
            Algorithm::ES256 | Algorithm::ES384 | Algorithm::EdDSA => {
                SigningKey::generate(alg).unwrap()
            }
            _ => SigningKey::from_pem(&pem("rsa-2"), alg).unwrap(),
        };
        assert_eq!(
            IdToken::from_jwt(
                &id_token.to_jwt(&key).unwrap(),
                &other.verifying_keys(),
                &options
            )
            .unwrap_err(),
            if key.kid().is_some() {
                JwtError::UnknownKid(key.kid().unwrap().to_owned())
            } else {
                JwtError::BadSignature
            },
            "{alg:?}"
        );
    }
}

#[test]
fn headers_we_write() {
    let key = SigningKey::from_pem(&pem("ec-p256"), Algorithm::ES256)
        .unwrap()
        .with_kid("k\"1");
    let header = |jwt: &str| -> String {
        use base64::Engine;
        let part = jwt.split('.').next().unwrap();
        String::from_utf8(
            base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(part)
                .unwrap(),
        )
        .unwrap()
    };
    let access = JwtAccessToken::from_json(
        r#"{"iss":"i","exp":2,"aud":"a","sub":"s","client_id":"c","iat":1,"jti":"j"}"#,
    )
    .unwrap();
    assert_eq!(
        header(&access.to_jwt(&key).unwrap()),
        r#"{"alg":"ES256","typ":"at+jwt","kid":"k\"1"}"#
    );
    let mut embedding = JwsHeader::default();
    embedding.embed_public_key = true;
    let jws = sign_payload(b"x", &key, &embedding).unwrap();
    let public = key.public_jwk().unwrap().to_json();
    assert_eq!(
        header(&jws),
        format!(r#"{{"alg":"ES256","kid":"k\"1","jwk":{public}}}"#)
    );
    // A message without a kind is signed untyped.
    let request = oidc_core::messages::AuthenticationRequest::new("c", "https://rp/cb", ["openid"]);
    let unkeyed = SigningKey::generate(Algorithm::EdDSA).unwrap();
    assert_eq!(
        header(&request.to_jwt(&unkeyed).unwrap()),
        r#"{"alg":"EdDSA"}"#
    );
    // An HMAC key has no public half to embed.
    let hmac = SigningKey::generate(Algorithm::HS256).unwrap();
    let err = sign_payload(b"x", &hmac, &embedding).unwrap_err();
    assert_eq!(
        err.to_string(),
        "signing failed: an HMAC key has no public half to embed"
    );
    let _: JwkSet = hmac.verifying_keys();
    assert_eq!(TokenKind::ID_TOKEN.typ().written(), Some("JWT"));
}

/// An RSA private JWK's `alg` may name any RSA algorithm (RFC 7518 §3.3, §3.5): the
/// key signs with it. A non-RSA algorithm is refused.
#[test]
fn an_rsa_jwk_signs_with_the_rsa_algorithm_it_names() {
    let mut jwk: Value =
        serde_json::from_str(&data("jws/oidc-core-A.7-example-rsa-key-private.json")).unwrap();
    for alg in ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512"] {
        jwk["alg"] = Value::from(alg);
        let key = SigningKey::from_jwk(&jwk.to_string()).unwrap();
        assert_eq!(key.alg(), alg.parse::<Algorithm>().unwrap(), "{alg}");
    }
    jwk["alg"] = Value::from("ES256");
    assert_eq!(
        invalid_key(SigningKey::from_jwk(&jwk.to_string())),
        "this RSA key cannot sign ES256"
    );
}
