//! Writing a compact JWS (RFC 7515 §7.1): the JOSE header (`alg`, `typ`, `kid`, and
//! for DPoP the public `jwk`), the payload, the signature. `OidcMessage::to_jwt` is
//! this with the message's JSON and its token kind's `typ`.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::Value;

use super::{algorithm_name, JwtError, SigningKey};
use crate::OidcMessage;

/// The JOSE header members [`sign_payload`] writes besides `alg` and `kid` (which come
/// from the key).
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct JwsHeader {
    /// `typ` (RFC 7515 §4.1.9): the kind of token (`at+jwt`, `dpop+jwt`, ...).
    pub typ: Option<String>,
    /// Whether to embed the key's public half as `jwk` (RFC 7515 §4.1.3): only DPoP
    /// proofs do (RFC 9449 §4.2); a verifier never takes a key from a token otherwise.
    pub embed_public_key: bool,
}

impl JwsHeader {
    /// A header with `typ` (and `alg`, `kid` from the key).
    pub fn typed(typ: impl Into<String>) -> Self {
        JwsHeader {
            typ: Some(typ.into()),
            embed_public_key: false,
        }
    }
}

/// Signs `payload` with `key` as a compact JWS. The header is `{"alg":..,"typ":..,
/// "kid":..,"jwk":..}` in that order, with `typ` / `kid` / `jwk` only when there is one.
///
/// ```
/// use oidc_core::jwt::{sign_payload, verify_payload, Algorithm, JwsHeader, JwtOptions, SigningKey};
///
/// let key = SigningKey::generate(Algorithm::EdDSA)?.with_kid("k1");
/// let jws = sign_payload(b"hello", &key, &JwsHeader::typed("example+jwt"))?;
/// assert_eq!(verify_payload(&jws, &key.verifying_keys(), &JwtOptions::default())?, b"hello");
/// # Ok::<(), oidc_core::jwt::JwtError>(())
/// ```
pub fn sign_payload(
    payload: &[u8],
    key: &SigningKey,
    header: &JwsHeader,
) -> Result<String, JwtError> {
    // Written by hand to keep the member order; every value is a JSON string (escaped
    // by serde_json) or the canonical public JWK.
    let mut header_json = String::with_capacity(64);
    header_json.push_str("{\"alg\":\"");
    header_json.push_str(algorithm_name(key.alg()));
    header_json.push('"');
    if let Some(typ) = &header.typ {
        header_json.push_str(",\"typ\":");
        header_json.push_str(&Value::from(typ.as_str()).to_string());
    }
    if let Some(kid) = key.kid() {
        header_json.push_str(",\"kid\":");
        header_json.push_str(&Value::from(kid).to_string());
    }
    if header.embed_public_key {
        let public = key.public_jwk().ok_or_else(|| {
            JwtError::Signing("an HMAC key has no public half to embed".to_owned())
        })?;
        header_json.push_str(",\"jwk\":");
        header_json.push_str(&public.to_json());
    }
    header_json.push('}');
    let mut jws = String::with_capacity((header_json.len() + payload.len()) * 4 / 3 + 100);
    URL_SAFE_NO_PAD.encode_string(header_json.as_bytes(), &mut jws);
    jws.push('.');
    URL_SAFE_NO_PAD.encode_string(payload, &mut jws);
    let signature = key.sign(jws.as_bytes())?;
    jws.push('.');
    jws.push_str(&signature);
    Ok(jws)
}

/// `message` signed as a JWT of its token kind: its JSON as the claims, the kind's
/// written `typ` (see `TypRule::written`), the key's `alg` and `kid`.
pub(crate) fn encode<T: OidcMessage>(message: &T, key: &SigningKey) -> Result<String, JwtError> {
    let header = JwsHeader {
        typ: T::TOKEN_KIND
            .and_then(|kind| kind.typ().written())
            .map(str::to_owned),
        embed_public_key: false,
    };
    sign_payload(message.to_json().as_bytes(), key, &header)
}
