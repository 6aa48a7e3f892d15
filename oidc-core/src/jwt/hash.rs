//! `at_hash` / `c_hash` (OIDC Core §3.1.3.6, §3.3.2.11).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sha2::Digest;

use super::Algorithm;

/// The `at_hash` / `c_hash` of `value` for an ID Token signed with `alg` (OIDC Core
/// §3.1.3.6, §3.3.2.11): the left half of the hash the signature algorithm uses
/// (SHA-512 for EdDSA with Ed25519), base64url-encoded.
///
/// ```
/// use oidc_core::jwt::{token_hash, Algorithm};
///
/// // OIDC Core Appendix A.3/A.4.
/// assert_eq!(token_hash(Algorithm::RS256, "jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y"), "77QmUPtjPfzWtF2AnpK9RQ");
/// assert_eq!(token_hash(Algorithm::RS256, "Qcb0Orv1zh30vL1MPRsbm-diHiMwcLyZvn1arpZv-Jxf_11jnpEX3Tgfvk"), "LDktKdoQak3Pk0cnXxCltA");
/// ```
pub fn token_hash(alg: Algorithm, value: &str) -> String {
    let digest: Vec<u8> = match alg {
        Algorithm::HS384 | Algorithm::RS384 | Algorithm::PS384 | Algorithm::ES384 => {
            sha2::Sha384::digest(value).to_vec()
        }
        Algorithm::HS512 | Algorithm::RS512 | Algorithm::PS512 | Algorithm::EdDSA => {
            sha2::Sha512::digest(value).to_vec()
        }
        _ => sha2::Sha256::digest(value).to_vec(),
    };
    URL_SAFE_NO_PAD.encode(&digest[..digest.len() / 2])
}

/// Whether `expected_hash` (an ID Token's `at_hash` or `c_hash`) matches `value` (the
/// access token or code) for an ID Token signed with `alg`. Compared in constant time.
pub fn verify_token_hash(alg: Algorithm, value: &str, expected_hash: &str) -> bool {
    let actual = token_hash(alg, value);
    actual.len() == expected_hash.len()
        && actual
            .bytes()
            .zip(expected_hash.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}
