//! The signature backend: jsonwebtoken's aws-lc-rs provider (feature `aws_lc_rs`, on by
//! default: RS256 verification about 7× faster) or its pure-Rust RustCrypto one
//! (feature `rust_crypto`: no C compiler needed). With both features on, aws-lc-rs is
//! used.
//!
//! jsonwebtoken picks its provider per process: the one installed with
//! `CryptoProvider::install_default`, else the one its features name (and none, a
//! panic, when both are on). [`ensure`] installs ours once, before the first signature;
//! an application that installed a provider of its own first keeps it.

use std::sync::Once;

use jsonwebtoken::crypto::CryptoProvider;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey};

#[cfg(not(any(feature = "aws_lc_rs", feature = "rust_crypto")))]
compile_error!(
    "oidc-core's `jwt` feature needs a signature backend: enable `aws_lc_rs` (the default) or `rust_crypto`"
);

/// The provider this build uses.
pub(crate) fn provider() -> &'static CryptoProvider {
    #[cfg(feature = "aws_lc_rs")]
    {
        &jsonwebtoken::crypto::aws_lc::DEFAULT_PROVIDER
    }
    #[cfg(all(feature = "rust_crypto", not(feature = "aws_lc_rs")))]
    {
        &jsonwebtoken::crypto::rust_crypto::DEFAULT_PROVIDER
    }
}

/// The signature backend this build uses: `"aws-lc-rs"` (feature `aws_lc_rs`, the
/// default) or `"RustCrypto"` (feature `rust_crypto` alone).
///
/// ```
/// assert!(["aws-lc-rs", "RustCrypto"].contains(&oidc_core::jwt::backend_name()));
/// ```
pub fn name() -> &'static str {
    if cfg!(feature = "aws_lc_rs") {
        "aws-lc-rs"
    } else {
        "RustCrypto"
    }
}

/// Whether `signature` (base64url) is `key`'s signature of `message` with `alg`.
pub(super) fn verify(signature: &str, message: &[u8], key: &DecodingKey, alg: Algorithm) -> bool {
    ensure();
    jsonwebtoken::crypto::verify(signature, message, key, alg).unwrap_or(false)
}

/// `key`'s signature of `message` with `alg`, base64url.
pub(super) fn sign(
    message: &[u8],
    key: &EncodingKey,
    alg: Algorithm,
) -> jsonwebtoken::errors::Result<String> {
    ensure();
    jsonwebtoken::crypto::sign(message, key, alg)
}

/// The public JWK of a private `key` for `alg`, as the backend derives it.
pub(super) fn public_jwk(
    key: &EncodingKey,
    alg: Algorithm,
) -> jsonwebtoken::errors::Result<jsonwebtoken::jwk::Jwk> {
    ensure();
    jsonwebtoken::jwk::Jwk::from_encoding_key(key, alg)
}

/// Installs [`provider`] as jsonwebtoken's process default, once; a no-op when the
/// application installed one first.
fn ensure() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        // Err: another provider was installed first; it stays.
        let _ = provider().install_default();
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_features_choose_the_provider() {
        #[cfg(feature = "aws_lc_rs")]
        let expected = &jsonwebtoken::crypto::aws_lc::DEFAULT_PROVIDER;
        #[cfg(not(feature = "aws_lc_rs"))]
        let expected = &jsonwebtoken::crypto::rust_crypto::DEFAULT_PROVIDER;
        assert!(std::ptr::eq(provider(), expected));
        assert_eq!(name() == "aws-lc-rs", cfg!(feature = "aws_lc_rs"));
    }

    #[test]
    fn the_first_signature_installs_the_provider_for_the_process() {
        let key = EncodingKey::from_secret(b"0123456789abcdef0123456789abcdef");
        sign(b"a.b", &key, Algorithm::HS256).unwrap();
        // jsonwebtoken's default is set (by us): installing one now is refused, and
        // jsonwebtoken's own calls (decode, encode) use ours whatever its features.
        assert!(provider().install_default().is_err());
    }

    #[test]
    fn a_signature_verifies_with_the_provider_installed() {
        let key = EncodingKey::from_secret(b"0123456789abcdef0123456789abcdef");
        let signature = sign(b"a.b", &key, Algorithm::HS256).unwrap();
        let public = DecodingKey::from_secret(b"0123456789abcdef0123456789abcdef");
        assert!(verify(&signature, b"a.b", &public, Algorithm::HS256));
        assert!(!verify(&signature, b"a.c", &public, Algorithm::HS256));
        assert!(!verify("!!", b"a.b", &public, Algorithm::HS256));
    }
}
