//! Unguessable values from the operating system's CSPRNG (`getrandom`): `state`,
//! `nonce`, PKCE code verifiers, `jti`s.
//!
//! Every value is `n` random bytes in base64url without padding, so it is URL-, form-
//! and header-safe as is. The defaults follow the specs' guidance: 32 bytes (256 bits)
//! for a PKCE verifier, as RFC 7636 §4.1 RECOMMENDS (43 characters, the shortest
//! verifier §4.1 allows), and the same for `state`, `nonce` and `jti`, well above the
//! 128 bits RFC 6749 §10.10 asks of guessing resistance.
//!
//! ```
//! use oidc_core::random;
//!
//! let state = random::state();
//! assert_eq!(state.len(), 43);
//! assert_ne!(state, random::state());
//! assert!(oidc_core::pkce::is_valid_verifier(&random::pkce_verifier()));
//! ```

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

/// How many random bytes the named values carry (256 bits).
pub const DEFAULT_BYTES: usize = 32;

/// `bytes` random bytes from the operating system, base64url-encoded (no padding).
///
/// # Panics
///
/// When the operating system has no randomness to give (`getrandom` fails: no
/// `/dev/urandom`, a sandbox forbidding `getrandom(2)`). There is no safe fallback: a
/// `state` or key made without randomness protects nothing.
pub fn token(bytes: usize) -> String {
    let mut buffer = vec![0u8; bytes];
    fill(&mut buffer);
    URL_SAFE_NO_PAD.encode(&buffer)
}

/// Fills `buffer` from the operating system's CSPRNG. Panics as [`token`] does.
pub(crate) fn fill(buffer: &mut [u8]) {
    if let Err(e) = getrandom::getrandom(buffer) {
        panic!("the operating system's random number generator failed: {e}");
    }
}

/// A `state` value (RFC 6749 §10.12: binds the redirect to the user agent's session).
pub fn state() -> String {
    token(DEFAULT_BYTES)
}

/// A `nonce` value (OIDC Core §3.1.2.1, §15.5.2: binds the ID Token to the session).
pub fn nonce() -> String {
    token(DEFAULT_BYTES)
}

/// A PKCE `code_verifier` (RFC 7636 §4.1): 32 random octets, base64url-encoded, as the
/// RFC RECOMMENDS — 43 characters of the unreserved set.
pub fn pkce_verifier() -> String {
    token(DEFAULT_BYTES)
}

/// A JWT ID (`jti`, RFC 7519 §4.1.7): unique with negligible probability of collision.
pub fn jti() -> String {
    token(DEFAULT_BYTES)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_and_alphabet() {
        assert_eq!(token(0), "");
        assert_eq!(token(1).len(), 2);
        assert_eq!(token(3).len(), 4);
        for value in [state(), nonce(), pkce_verifier(), jti()] {
            assert_eq!(value.len(), 43);
            assert!(value
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        }
        assert!(crate::pkce::is_valid_verifier(&pkce_verifier()));
    }

    #[test]
    fn values_differ() {
        // 256 bits each: a repeat among these would mean no randomness at all.
        let values: std::collections::HashSet<String> = (0..64).map(|_| state()).collect();
        assert_eq!(values.len(), 64);
        // Every byte value turns up across many draws (a stuck bit would not).
        let mut seen = [false; 256];
        let mut buffer = [0u8; 4096];
        fill(&mut buffer);
        for b in buffer {
            seen[b as usize] = true;
        }
        assert!(seen.iter().filter(|s| **s).count() > 200);
    }
}
