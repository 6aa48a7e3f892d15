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

#[cfg(test)]
mod tests {
    use super::*;

    const VALUE: &str = "jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y";

    /// OIDC Core §3.1.3.6 / §3.3.2.11 from first principles: the left-most half of the
    /// digest, base64url without padding.
    fn left_half(digest: &[u8]) -> String {
        URL_SAFE_NO_PAD.encode(&digest[..digest.len() / 2])
    }

    /// Every algorithm jsonwebtoken verifies, with the hash its `at_hash` / `c_hash`
    /// uses: the signature algorithm's hash (JWA, RFC 7518 §3.1), SHA-512 for EdDSA
    /// (Ed25519 signs with SHA-512, RFC 8032 §5.1; the OpenID Foundation's rule for
    /// `at_hash` with EdDSA).
    fn expected(alg: Algorithm, value: &str) -> String {
        match alg {
            Algorithm::HS256 | Algorithm::RS256 | Algorithm::PS256 | Algorithm::ES256 => {
                left_half(&sha2::Sha256::digest(value))
            }
            Algorithm::HS384 | Algorithm::RS384 | Algorithm::PS384 | Algorithm::ES384 => {
                left_half(&sha2::Sha384::digest(value))
            }
            Algorithm::HS512 | Algorithm::RS512 | Algorithm::PS512 | Algorithm::EdDSA => {
                left_half(&sha2::Sha512::digest(value))
            }
            other => panic!("no hash rule for {other:?}: add it here and in token_hash"),
        }
    }

    const ALGORITHMS: [Algorithm; 12] = [
        Algorithm::HS256,
        Algorithm::HS384,
        Algorithm::HS512,
        Algorithm::RS256,
        Algorithm::RS384,
        Algorithm::RS512,
        Algorithm::PS256,
        Algorithm::PS384,
        Algorithm::PS512,
        Algorithm::ES256,
        Algorithm::ES384,
        Algorithm::EdDSA,
    ];

    #[test]
    fn each_algorithm_hashes_with_its_own_hash_and_keeps_the_left_half() {
        for alg in ALGORITHMS {
            let hash = token_hash(alg, VALUE);
            assert_eq!(hash, expected(alg, VALUE), "{alg:?}");
            // Half of 32, 48, 64 bytes: 16, 24, 32 bytes in base64url without padding.
            let bytes = match alg {
                Algorithm::HS256 | Algorithm::RS256 | Algorithm::PS256 | Algorithm::ES256 => 16,
                Algorithm::HS384 | Algorithm::RS384 | Algorithm::PS384 | Algorithm::ES384 => 24,
                _ => 32,
            };
            assert_eq!(
                URL_SAFE_NO_PAD.decode(&hash).unwrap().len(),
                bytes,
                "{alg:?}"
            );
        }
        // OIDC Core Appendix A.3's at_hash, independent of sha2.
        assert_eq!(
            token_hash(Algorithm::RS256, VALUE),
            "77QmUPtjPfzWtF2AnpK9RQ"
        );
    }

    #[test]
    fn the_right_hash_is_accepted_and_another_algorithms_is_refused() {
        for alg in ALGORITHMS {
            assert!(
                verify_token_hash(alg, VALUE, &expected(alg, VALUE)),
                "{alg:?}"
            );
            for other in ALGORITHMS {
                if expected(other, VALUE) != expected(alg, VALUE) {
                    assert!(
                        !verify_token_hash(alg, VALUE, &expected(other, VALUE)),
                        "{alg:?} with {other:?}'s hash"
                    );
                }
            }
            // The hash of another value, a prefix, an extension, nothing.
            let right = expected(alg, VALUE);
            assert!(!verify_token_hash(alg, VALUE, &expected(alg, "other")));
            assert!(!verify_token_hash(alg, VALUE, &right[..right.len() - 1]));
            assert!(!verify_token_hash(alg, VALUE, &format!("{right}A")));
            assert!(!verify_token_hash(alg, VALUE, ""));
        }
    }

    #[test]
    fn every_byte_counts_in_the_constant_time_compare() {
        for alg in ALGORITHMS {
            let right = expected(alg, VALUE);
            let bytes = right.as_bytes();
            // One character changed, at each position.
            for i in 0..bytes.len() {
                let mut wrong = bytes.to_vec();
                wrong[i] = if wrong[i] == b'A' { b'B' } else { b'A' };
                let wrong = String::from_utf8(wrong).unwrap();
                assert!(!verify_token_hash(alg, VALUE, &wrong), "{alg:?} {wrong}");
            }
            // Two different characters swapped: the differences cancel out in an XOR
            // fold, so the compare must OR them.
            let i = (1..bytes.len()).find(|&i| bytes[i] != bytes[0]).unwrap();
            let mut swapped = bytes.to_vec();
            swapped.swap(0, i);
            let swapped = String::from_utf8(swapped).unwrap();
            assert_ne!(swapped, right);
            assert!(
                !verify_token_hash(alg, VALUE, &swapped),
                "{alg:?} {swapped}"
            );
        }
    }
}
