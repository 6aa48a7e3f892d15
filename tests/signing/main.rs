//! Signing and its provider-side checks: client authentication (every method, and the
//! provider reading it back), Request Objects and RFC 9101 §6.3, PAR messages, DPoP
//! (proofs, nonces, binding), issuing ID / Logout / access tokens. Everything signed here
//! is verified by this library's own verifiers; the clock is always injected.

mod client_auth;
mod dpop;
mod issue;
mod par;
mod request_object;

use oidc_core::jwt::{Algorithm, SigningKey};
use oidc_core::validation::FixedClock;
use oidc_core::NumericDate;

pub const NOW: i64 = 1_700_000_000;
pub const ISSUER: &str = "https://op.example";

pub fn now() -> NumericDate {
    NumericDate::from_secs(NOW)
}

pub fn clock_at(offset: i64) -> FixedClock {
    FixedClock(NumericDate::from_secs(NOW + offset))
}

pub fn data(relative: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/data/{relative}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// The test key for `alg` (tests/data/keys), or a fresh HMAC secret of the hash's length.
pub fn key(alg: Algorithm) -> SigningKey {
    let pem = |name: &str| data(&format!("keys/{name}.pem"));
    match alg {
        Algorithm::HS256 | Algorithm::HS384 | Algorithm::HS512 => {
            SigningKey::generate(alg).unwrap()
        }
        Algorithm::ES256 => SigningKey::from_pem(&pem("ec-p256"), alg)
            .unwrap()
            .with_kid("ec-p256"),
        Algorithm::ES384 => SigningKey::from_pem(&pem("ec-p384"), alg)
            .unwrap()
            .with_kid("ec-p384"),
        Algorithm::EdDSA => SigningKey::from_pem(&pem("ed25519"), alg)
            .unwrap()
            .with_kid("ed25519"),
        _ => SigningKey::from_pem(&pem("rsa-1"), alg)
            .unwrap()
            .with_kid("rsa-1"),
    }
}

pub const EVERY_ALGORITHM: [Algorithm; 12] = [
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

/// The JOSE header of a compact JWS, as JSON.
pub fn header(jwt: &str) -> serde_json::Value {
    use base64::Engine;
    let part = jwt.split('.').next().unwrap();
    serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(part)
            .unwrap(),
    )
    .unwrap()
}

/// The claims of a compact JWS, as JSON (unverified).
pub fn payload(jwt: &str) -> serde_json::Value {
    use base64::Engine;
    let part = jwt.split('.').nth(1).unwrap();
    serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(part)
            .unwrap(),
    )
    .unwrap()
}
