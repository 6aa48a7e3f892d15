//! Issuing tokens (the provider's side): ID Tokens with `at_hash` / `c_hash` for the
//! signing algorithm, Logout Tokens, JWT access tokens — each signed with its kind's
//! `typ`, and each checked against the rules our own decoders apply, so that what we
//! issue, our verifiers (and the specs) accept.
//!
//! ```
//! use oidc_core::issue;
//! use oidc_core::jwt::{verify_token_hash, Algorithm, JwtOptions, SigningKey};
//! use oidc_core::messages::IdToken;
//! use oidc_core::OidcMessage;
//!
//! let key = SigningKey::generate(Algorithm::ES384)?.with_kid("op-2024");
//! let claims = IdToken::from_json(r#"{"iss":"https://op.example","sub":"u1","aud":"rp",
//!     "exp":1700000600,"iat":1700000000,"nonce":"n-0S6_WzA2Mj"}"#)?;
//! let jwt = issue::id_token(&claims, &key, Some("access-token"), Some("the-code"))?;
//! let read = IdToken::from_jwt(&jwt, &key.verifying_keys(), &JwtOptions::default())?;
//! // ES384: the left half of SHA-384 (OIDC Core §3.1.3.6).
//! assert!(verify_token_hash(Algorithm::ES384, "access-token", read.at_hash.as_deref().unwrap()));
//! assert!(verify_token_hash(Algorithm::ES384, "the-code", read.c_hash.as_deref().unwrap()));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::error::{Error, ErrorKind};
use crate::jwt::{token_hash, JwtError, SigningKey};
use crate::messages::{BackChannelLogoutToken, IdToken, JwtAccessToken, BACKCHANNEL_LOGOUT_EVENT};
use crate::OidcMessage;

/// Signs an ID Token (OIDC Core §2), typed `JWT`. With `access_token` / `code` (the
/// implicit and hybrid flows, §3.2.2.10, §3.3.2.11), `at_hash` / `c_hash` are set from
/// them for `key`'s algorithm (the left half of its hash: SHA-256 for *256, SHA-384,
/// SHA-512, and SHA-512 for EdDSA with Ed25519), replacing values the claims had.
/// Claims that `IdToken` would refuse to decode (the back-channel logout event) are
/// refused here too.
pub fn id_token(
    claims: &IdToken,
    key: &SigningKey,
    access_token: Option<&str>,
    code: Option<&str>,
) -> Result<String, JwtError> {
    let mut claims = claims.clone();
    if let Some(access_token) = access_token {
        claims.at_hash = Some(token_hash(key.alg(), access_token));
    }
    if let Some(code) = code {
        claims.c_hash = Some(token_hash(key.alg(), code));
    }
    sign_checked(&claims, key)
}

/// Signs a Logout Token (Back-Channel Logout 1.0 §2.4), typed `logout+jwt`. The
/// `events` claim gets the back-channel logout member (`{}`) when it lacks it; a token
/// with neither `sub` nor `sid`, or with a `nonce`, is refused (§2.4: MUST / MUST NOT).
pub fn logout_token(claims: &BackChannelLogoutToken, key: &SigningKey) -> Result<String, JwtError> {
    let mut claims = claims.clone();
    if claims.sub.is_none() && claims.sid.is_none() {
        return Err(refused(
            "BackChannelLogoutToken",
            "a Logout Token has a sub, a sid or both (Back-Channel Logout 1.0 §2.4)",
        ));
    }
    if claims.nonce.is_some() {
        return Err(refused(
            "BackChannelLogoutToken",
            "a Logout Token must not have a nonce (Back-Channel Logout 1.0 §2.4)",
        ));
    }
    if !claims.has_logout_event() {
        claims
            .events
            .insert(BACKCHANNEL_LOGOUT_EVENT.to_owned(), serde_json::json!({}));
    }
    sign_checked(&claims, key)
}

/// Signs a JWT access token (RFC 9068 §2), typed `at+jwt` (§2.1). To bind it to a DPoP
/// key, set `cnf` to `Confirmation::dpop(jkt)` first (RFC 9449 §6.1).
pub fn access_token(claims: &JwtAccessToken, key: &SigningKey) -> Result<String, JwtError> {
    sign_checked(claims, key)
}

/// Signs `claims` once their JSON decodes as the same message (required claims, the
/// message's own rules): what we sign, we would accept.
fn sign_checked<T: OidcMessage + PartialEq>(
    claims: &T,
    key: &SigningKey,
) -> Result<String, JwtError> {
    let decoded = T::from_json(&claims.to_json())?;
    if decoded != *claims {
        return Err(refused(
            T::NAME,
            "the claims do not survive their own encoding",
        ));
    }
    claims.to_jwt(key)
}

fn refused(message: &'static str, reason: &str) -> JwtError {
    JwtError::Claims(Error::new(message, ErrorKind::Invalid(reason.to_owned())))
}
