//! The most expensive thing a relying party does per login: an ID Token, verified and
//! validated in one call (`IdTokenValidation::verify`: the compact form, the header
//! rules, the key by `kid`, the signature, the claims decoded with the message's rules,
//! iss / aud / exp / iat / nonce), against a bare `jsonwebtoken::decode` of the same
//! token with the same backend and the same registered checks (iss, aud, exp) into a
//! `serde_json::Value`.
//!
//! ```sh
//! cargo bench -p oidc-core --bench verify                                   # aws-lc-rs
//! cargo bench -p oidc-core --bench verify --no-default-features --features rust_crypto
//! python3 benches/report.py record && python3 benches/report.py render
//! ```
//!
//! The group names carry the backend, so both runs' results sit side by side in
//! `target/criterion`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use oidc_core::jwt::{backend_name, Algorithm, JwkSet, SigningKey};
use oidc_core::messages::IdToken;
use oidc_core::validation::{FixedClock, IdTokenValidation};
use oidc_core::{issue, NumericDate};

const ISSUER: &str = "https://op.example";
const CLIENT: &str = "rp";
const NOW: i64 = 1_800_000_000;

fn key(name: &str, alg: Algorithm) -> SigningKey {
    let path = format!(
        "{}/../tests/data/keys/{name}.pem",
        env!("CARGO_MANIFEST_DIR")
    );
    let pem = std::fs::read_to_string(path).unwrap();
    SigningKey::from_pem(&pem, alg).unwrap().with_kid("k1")
}

/// A realistic ID Token: the registered claims, a nonce, auth_time, a few profile
/// claims.
fn token(key: &SigningKey) -> String {
    let mut claims = IdToken::new(
        ISSUER,
        "248289761001",
        CLIENT,
        // Far ahead: jsonwebtoken checks exp against the system clock.
        NumericDate::from_secs(4_000_000_000),
        NumericDate::from_secs(NOW),
    );
    claims.nonce = Some("n-0S6_WzA2Mj".into());
    claims.auth_time = Some(NumericDate::from_secs(NOW - 30));
    claims.claims.email = Some("janedoe@example.com".into());
    claims.claims.name = Some("Jane Doe".into());
    issue::id_token(&claims, key, None, None).unwrap()
}

fn verify(c: &mut Criterion) {
    for (name, alg) in [("rsa-1", Algorithm::RS256), ("ec-p256", Algorithm::ES256)] {
        let key = key(name, alg);
        let jwt = token(&key);
        let keys: JwkSet = key.verifying_keys();
        let public: jsonwebtoken::jwk::JwkSet =
            serde_json::from_str(&key.public_jwk_set_json().unwrap()).unwrap();
        let decoding = jsonwebtoken::DecodingKey::from_jwk(&public.keys[0]).unwrap();
        let mut bare = jsonwebtoken::Validation::new(alg);
        bare.set_issuer(&[ISSUER]);
        bare.set_audience(&[CLIENT]);
        bare.leeway = 30;

        let group = format!("id_token_verify_{alg:?}_{}", backend_name());
        let mut g = c.benchmark_group(group);
        g.bench_function("derived", |b| {
            b.iter(|| {
                let checks = IdTokenValidation::new(ISSUER, CLIENT)
                    .algorithms(&[alg])
                    .nonce("n-0S6_WzA2Mj")
                    .clock(FixedClock(NumericDate::from_secs(NOW)));
                let token: IdToken = checks.verify(black_box(&jwt), &keys).unwrap();
                token
            })
        });
        g.bench_function("baseline", |b| {
            b.iter(|| {
                jsonwebtoken::decode::<serde_json::Value>(black_box(&jwt), &decoding, &bare)
                    .unwrap()
            })
        });
        // The signature alone, through the same backend: the floor of both.
        let (signing_input, signature) = jwt.rsplit_once('.').unwrap();
        g.bench_function("signature_only", |b| {
            b.iter(|| {
                jsonwebtoken::crypto::verify(
                    black_box(signature),
                    signing_input.as_bytes(),
                    &decoding,
                    alg,
                )
                .unwrap()
            })
        });
        g.finish();
    }
}

criterion_group!(benches, verify);
criterion_main!(benches);
