//! Fresh signing keys ([`SigningKey::generate`]), for ephemeral keys such as a DPoP
//! key pair (RFC 9449 §2) or a test issuer.
//!
//! The only file that names a crypto crate besides `jsonwebtoken`: EC private scalars
//! are drawn by the `p256` / `p384` crates (uniformly in `[1, n-1]`, from the
//! operating system's CSPRNG through `rand_core`'s `OsRng`), which `jsonwebtoken`'s
//! pure-Rust backend signs with anyway. An Ed25519 private key is 32 random octets
//! (RFC 8032 §5.1.5) and an HMAC key as many random octets as the hash (RFC 7518 §3.2),
//! both straight from the CSPRNG.

use jsonwebtoken::EncodingKey;
use p256::elliptic_curve::sec1::ToEncodedPoint;
use rand_core::OsRng;
use zeroize::Zeroizing;

use super::der::{self, Curve};
use super::signing_key::public_half;
use super::{algorithm_name, Algorithm, JwtError, SigningKey};

impl SigningKey {
    /// A new random key for `alg`: ES256 (P-256), ES384 (P-384), EdDSA (Ed25519), or
    /// HS256 / HS384 / HS512 (a secret of the hash's length). RSA keys are not generated
    /// here (slow, and long-lived keys belong in a key store): read one with
    /// [`from_pem`](Self::from_pem).
    ///
    /// ```
    /// use oidc_core::jwt::{Algorithm, SigningKey};
    ///
    /// let key = SigningKey::generate(Algorithm::ES256)?;
    /// let other = SigningKey::generate(Algorithm::ES256)?;
    /// assert_ne!(key.public_jwk().unwrap().thumbprint(), other.public_jwk().unwrap().thumbprint());
    /// assert!(SigningKey::generate(Algorithm::RS256).is_err());
    /// # Ok::<(), oidc_core::jwt::JwtError>(())
    /// ```
    pub fn generate(alg: Algorithm) -> Result<Self, JwtError> {
        let (key, public) = match alg {
            Algorithm::ES256 => {
                let secret = p256::SecretKey::random(&mut OsRng);
                let point = secret.public_key().to_encoded_point(false);
                let d = Zeroizing::new(secret.to_bytes());
                ec_key(Curve::P256, &d, point.x(), point.y())?
            }
            Algorithm::ES384 => {
                let secret = p384::SecretKey::random(&mut OsRng);
                let point = secret.public_key().to_encoded_point(false);
                let d = Zeroizing::new(secret.to_bytes());
                ec_key(Curve::P384, &d, point.x(), point.y())?
            }
            Algorithm::EdDSA => {
                let mut seed = Zeroizing::new([0u8; 32]);
                crate::random::fill(&mut seed[..]);
                let der = der::ed25519_pkcs8(&seed[..]).map_err(JwtError::InvalidKey)?;
                with_public(EncodingKey::from_ed_der(&der), alg)?
            }
            Algorithm::HS256 | Algorithm::HS384 | Algorithm::HS512 => {
                let len = match alg {
                    Algorithm::HS256 => 32,
                    Algorithm::HS384 => 48,
                    _ => 64,
                };
                let mut secret = Zeroizing::new(vec![0u8; len]);
                crate::random::fill(&mut secret);
                return SigningKey::from_secret(&secret, alg);
            }
            other => {
                return Err(JwtError::InvalidKey(format!(
                    "generating {} keys is not supported: read one with SigningKey::from_pem",
                    algorithm_name(other)
                )))
            }
        };
        SigningKey::asymmetric(alg, None, key, public).map_err(JwtError::InvalidKey)
    }
}

/// An EC key from its scalar and public point.
fn ec_key(
    curve: Curve,
    d: &[u8],
    x: Option<&impl AsRef<[u8]>>,
    y: Option<&impl AsRef<[u8]>>,
) -> Result<(EncodingKey, super::PublicJwk), JwtError> {
    let (Some(x), Some(y)) = (x, y) else {
        return Err(JwtError::InvalidKey(
            "the public point is the identity".into(),
        ));
    };
    let der = der::ec_pkcs8(curve, d, x.as_ref(), y.as_ref()).map_err(JwtError::InvalidKey)?;
    let alg = match curve {
        Curve::P256 => Algorithm::ES256,
        Curve::P384 => Algorithm::ES384,
    };
    with_public(EncodingKey::from_ec_der(&der), alg)
}

/// `key` with its public half, as the signing backend derives it.
fn with_public(
    key: EncodingKey,
    alg: Algorithm,
) -> Result<(EncodingKey, super::PublicJwk), JwtError> {
    match public_half(&key, alg) {
        Ok(public) => Ok((key, public)),
        Err(_) => Err(JwtError::InvalidKey(
            "the generated key has no public half".into(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_supported_algorithm() {
        for alg in [
            Algorithm::ES256,
            Algorithm::ES384,
            Algorithm::EdDSA,
            Algorithm::HS256,
            Algorithm::HS384,
            Algorithm::HS512,
        ] {
            let key = SigningKey::generate(alg).unwrap();
            assert_eq!(key.alg(), alg);
            let signature = key.sign(b"a.b").unwrap();
            let keys = key.verifying_keys();
            let jwk = &keys.keys()[0];
            assert!(jwk.problem().is_none(), "{alg:?}");
            assert!(crate::jwt::backend::verify(
                &signature,
                b"a.b",
                jwk.key().unwrap(),
                alg
            ));
        }
        for alg in [Algorithm::RS256, Algorithm::PS256] {
            assert!(SigningKey::generate(alg).is_err());
        }
    }

    /// RFC 7518 §3.2: an HMAC key as long as the hash's output. A generated secret is
    /// exactly that long: long enough for its own algorithm and the shorter hashes, too
    /// short for a longer one.
    #[test]
    fn hmac_secrets_are_as_long_as_the_hash() {
        let fits = |generated, other| {
            SigningKey::generate(generated)
                .unwrap()
                .with_algorithm(other)
                .is_ok()
        };
        assert!(!fits(Algorithm::HS256, Algorithm::HS384));
        assert!(fits(Algorithm::HS384, Algorithm::HS256));
        assert!(!fits(Algorithm::HS384, Algorithm::HS512));
        assert!(fits(Algorithm::HS512, Algorithm::HS384));
    }
}
