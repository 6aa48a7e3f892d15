//! The client's side: a DPoP key and the proofs it signs (RFC 9449 §4.2).

use std::fmt;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sha2::{Digest, Sha256};

use super::normalize_htu;
use crate::jwt::{sign_payload, Algorithm, JwsHeader, JwtError, SigningKey};
use crate::messages::DpopProof;
use crate::validation::{Clock, SystemClock};
use crate::{NumericDate, OidcMessage};

/// A client's DPoP key pair (RFC 9449 §2): signs proofs that carry its public half, and
/// names it by its thumbprint (`jkt`, for `dpop_jkt` in an authorization or PAR request,
/// §10). Usually ephemeral: [`generate`](Self::generate) one per session.
///
/// ```
/// use oidc_core::dpop::DpopKey;
/// use oidc_core::jwt::Algorithm;
///
/// let key = DpopKey::generate(Algorithm::ES256)?;
/// let proof = key.proof("POST", "https://server.example.com/token?ignored", None, None)?;
/// assert_eq!(proof.split('.').count(), 3);
/// assert_eq!(key.jkt().len(), 43);
/// # Ok::<(), oidc_core::jwt::JwtError>(())
/// ```
#[derive(Clone)]
pub struct DpopKey {
    key: SigningKey,
    jkt: String,
}

impl DpopKey {
    /// A fresh key for `alg` (ES256 is what every DPoP server supports, RFC 9449 §5.1;
    /// EdDSA and ES384 too).
    pub fn generate(alg: Algorithm) -> Result<Self, JwtError> {
        Self::from_key(SigningKey::generate(alg)?)
    }

    /// Uses an existing asymmetric key (an HMAC secret cannot prove possession to
    /// anyone else: refused).
    pub fn from_key(key: SigningKey) -> Result<Self, JwtError> {
        let jkt = key
            .public_jwk()
            .ok_or_else(|| {
                JwtError::InvalidKey("a DPoP key must be asymmetric (RFC 9449 §4.2)".to_owned())
            })?
            .thumbprint();
        Ok(DpopKey { key, jkt })
    }

    /// The key's RFC 7638 thumbprint: `dpop_jkt` (RFC 9449 §10) and the access token's
    /// `cnf.jkt` (§6).
    pub fn jkt(&self) -> &str {
        &self.jkt
    }

    /// The signing key.
    pub fn signing_key(&self) -> &SigningKey {
        &self.key
    }

    /// A proof for a request `htm` `htu` (its query and fragment are dropped, §4.2),
    /// with `ath` for `access_token` (requests to a resource, §7.1) and the server's
    /// `nonce` when it gave one (§8, §9); `iat` now (system clock), a random `jti`.
    pub fn proof(
        &self,
        htm: &str,
        htu: &str,
        access_token: Option<&str>,
        nonce: Option<&str>,
    ) -> Result<String, JwtError> {
        self.proof_at(htm, htu, access_token, nonce, SystemClock.now())
    }

    /// [`proof`](Self::proof) made at `now`.
    pub fn proof_at(
        &self,
        htm: &str,
        htu: &str,
        access_token: Option<&str>,
        nonce: Option<&str>,
        now: NumericDate,
    ) -> Result<String, JwtError> {
        let htu = normalize_htu(htu).ok_or_else(|| {
            JwtError::Signing("htu must be an absolute http(s) URI (RFC 9449 §4.2)".to_owned())
        })?;
        let mut claims = DpopProof::new(htm, htu, now, crate::random::jti());
        claims.ath = access_token.map(access_token_hash);
        claims.nonce = nonce.map(str::to_owned);
        let mut header = JwsHeader::typed("dpop+jwt");
        header.embed_public_key = true;
        sign_payload(claims.to_json().as_bytes(), &self.key, &header)
    }
}

impl fmt::Debug for DpopKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DpopKey")
            .field("alg", &self.key.alg())
            .field("jkt", &self.jkt)
            .finish_non_exhaustive()
    }
}

/// `ath`: base64url(SHA-256(ASCII(access token))) (RFC 9449 §4.2).
///
/// ```
/// // RFC 9449 §7.1.
/// assert_eq!(oidc_core::dpop::access_token_hash("Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU"),
///            "fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo");
/// ```
pub fn access_token_hash(access_token: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(access_token.as_bytes()))
}

/// The `Authorization` header value for a DPoP-bound access token (RFC 9449 §7.1):
/// `DPoP <token>`.
pub fn authorization_header(access_token: &str) -> String {
    format!("DPoP {access_token}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_shows_the_algorithm_and_thumbprint_and_no_key_material() {
        let key = DpopKey::generate(Algorithm::ES256).unwrap();
        let debug = format!("{key:?}");
        assert_eq!(
            debug,
            format!("DpopKey {{ alg: ES256, jkt: {:?}, .. }}", key.jkt())
        );
    }
}
