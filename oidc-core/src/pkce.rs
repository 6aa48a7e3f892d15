//! Proof Key for Code Exchange (RFC 7636).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sha2::{Digest, Sha256};

/// The `S256` code challenge of a code verifier (RFC 7636 §4.2):
/// `BASE64URL(SHA256(ASCII(code_verifier)))`.
///
/// ```
/// // RFC 7636 Appendix B.
/// assert_eq!(
///     oidc_core::pkce::s256_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
///     "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
/// );
/// ```
pub fn s256_challenge(code_verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(code_verifier.as_bytes()))
}

/// Whether `code_verifier` is well-formed (RFC 7636 §4.1): 43-128 characters of
/// `[A-Z] / [a-z] / [0-9] / "-" / "." / "_" / "~"`.
pub fn is_valid_verifier(code_verifier: &str) -> bool {
    (43..=128).contains(&code_verifier.len())
        && code_verifier
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~'))
}

/// Whether `code_verifier` matches the `code_challenge` sent with `method` (RFC 7636
/// §4.6; what a provider's token endpoint checks). `plain` compares directly; unknown
/// methods never match.
pub fn verify(code_verifier: &str, code_challenge: &str, method: &str) -> bool {
    is_valid_verifier(code_verifier)
        && match method {
            "S256" => s256_challenge(code_verifier) == code_challenge,
            "plain" => code_verifier == code_challenge,
            _ => false,
        }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verifier_rules() {
        let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        assert!(verify(
            verifier,
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
            "S256"
        ));
        assert!(verify(verifier, verifier, "plain"));
        assert!(!verify(verifier, verifier, "S256"));
        assert!(!verify(verifier, "x", "RS256"));
        assert!(!is_valid_verifier("short"));
        assert!(!is_valid_verifier(&"a".repeat(129)));
        assert!(!is_valid_verifier(&format!("{}+", "a".repeat(43))));
    }
}
