//! JWTs: token kinds (RFC 8725 §3.11), verifying compact JWS tokens (RFC 7515 §7.1)
//! against a JWK Set (RFC 7517) and decoding their claims with a message's JSON rules;
//! `at_hash` / `c_hash` (OIDC Core §3.1.3.6, §3.3.2.11); a cache of a provider's keys
//! that follows its rotations ([`KeyCache`]).
//!
//! To go from a token to trusted claims in one call, use the `verify` of the token
//! kind's validation options ([`crate::validation`]), which runs the steps below and
//! then validates the claims.
//!
//! Token kinds ([`TokenKind`]) are always compiled; everything else needs the feature
//! `jwt` (on by default). One concern per file:
//!
//! | file | concern |
//! |---|---|
//! | `kind.rs` | [`TokenKind`], [`TypRule`]: what each kind of token must look like |
//! | `header.rs` | the compact form and the JOSE header, read strictly |
//! | `keys.rs` | [`JwkSet`], [`Jwk`]: reading keys, weak and malformed keys |
//! | `verify.rs` | [`JwtOptions`], header checks, key selection, the signature; [`from_jwt_with_header`] |
//! | `hash.rs` | [`token_hash`], [`verify_token_hash`] |
//! | `error.rs` | [`JwtError`] |
//! | `key_cache/` | [`KeyCache`]: fetching a provider's JWK Set through the caller's transport, refetching on rotation, at most once per interval |
//! | `signing_key.rs` | [`SigningKey`]: private keys from JWK or PEM, secrets, the public half |
//! | `backend.rs` | the signature backend (aws-lc-rs or RustCrypto, by feature): every signature and verification goes through it |
//! | `der.rs` | private JWK members written as PKCS#1 / PKCS#8 documents |
//! | `generate.rs` | [`SigningKey::generate`]: fresh keys |
//! | `public_key.rs` | [`PublicJwk`]: export, strict reading (DPoP's embedded key) |
//! | `thumbprint.rs` | RFC 7638 thumbprints |
//! | `sign.rs` | [`sign_payload`], [`JwsHeader`], `OidcMessage::to_jwt` |
//!
//! # Signing
//!
//! `OidcMessage::to_jwt(&key)` writes a message as a JWT: its JSON as the claims, the
//! `typ` of its token kind ([`TypRule::written`]: `at+jwt`, `logout+jwt`, `JWT` for ID
//! Tokens, ...), the key's `alg` and `kid`. What we sign, we verify: every token kind
//! round-trips through `from_jwt` for every algorithm (RS*, PS*, ES256, ES384, EdDSA,
//! HS* with keys as long as the hash). Keys are checked when they are made (see
//! [`SigningKey`]).
//!
//! # What is checked, in order
//!
//! 1. The compact form: three base64url segments (a five-segment JWE is refused: not
//!    supported); the header is one JSON object with unique member names and string
//!    `alg` / `kid` / `typ` / `cty`.
//! 2. `alg`: `none` is refused in any case; algorithms this library cannot verify
//!    (ES512, ...) and algorithms the caller's [`JwtOptions`] do not allow are refused.
//!    HMAC must be allowed explicitly.
//! 3. `crit`: any is refused (no extension is understood, RFC 7515 §4.1.11).
//! 4. `typ`: the rule of the message's [`TokenKind`] (ID Tokens: absent or `JWT`;
//!    JWT access tokens: `at+jwt`; Logout Tokens: absent, `logout+jwt` or `JWT`; JARM
//!    responses and signed UserInfo responses: absent or `JWT`; JWT introspection
//!    responses: `token-introspection+jwt`), unless [`JwtOptions::typ`] sets another.
//! 5. The key: by `kid` when the header has one; without `kid`, every key that fits is
//!    tried (OpenID RP certification `rp-id_token-kid-absent-single-jwks` and
//!    `-multiple-jwks`). Keys whose `use`, `key_ops`, `alg`, `kty` or curve do not fit
//!    the algorithm are skipped; HS* naming an asymmetric key is algorithm confusion
//!    (RFC 8725 §2.1); weak or malformed keys have a [`Jwk::problem`] and never verify
//!    (RSA below 2048 bits, HMAC keys shorter than the hash: see [`JwkSet`]).
//!    Embedded keys (`jwk`, `jku`, `x5u`, `x5c` headers) are never used.
//! 6. The signature (`jsonwebtoken`'s pure-Rust backend).
//! 7. The claims: the message's `from_json` (duplicate members refused, REQUIRED
//!    claims present, types checked, the message's own rules: an `IdToken` carrying
//!    the back-channel logout event is refused).
//!
//! Time claims (`exp`, `nbf`, `iat`), issuer, audience and nonce are checked by the
//! validation options ([`crate::validation`]: the one-call `verify`, or
//! `validate_extern`), not here.
//!
//! Limits: ECDSA signatures are malleable (for a valid ES256 / ES384 signature
//! `(r, s)`, `(r, n - s)` verifies too: JWS does not require low-S), so never use a
//! token's signature as its identity; use `jti`. JWE (encrypted tokens), ES512 and the
//! JSON serialisations are not supported.
//!
// The example verifies a token, which needs the `jwt` feature (the module itself is
// always there, for the token kinds).
#![cfg_attr(feature = "jwt", doc = "```")]
#![cfg_attr(not(feature = "jwt"), doc = "```ignore")]
//! use oidc_core::jwt::{JwkSet, JwtOptions};
//! use oidc_core::messages::BackChannelLogoutToken;
//! use oidc_core::OidcMessage;
//!
//! // A logout token signed with HS256 and the client secret "ahoj" (OpenID-Connect-PHP's
//! // test): four bytes, far below RFC 7518 §3.2's 32, so only a legacy opt-in reads it.
//! let token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL3NlcnZlci5leGFtcGxlLmNvbSIsInN1YiI6IjI0ODI4OTc2MTAwMSIsImF1ZCI6InM2QmhkUmtxdDMiLCJpYXQiOjE0NzE1NjYxNTQsImp0aSI6ImJXSnEiLCJzaWQiOiIwOGE1MDE5Yy0xN2UxLTQ5NzctOGY0Mi02NWExMjg0M2VhMDIiLCJldmVudHMiOnsiaHR0cDovL3NjaGVtYXMub3BlbmlkLm5ldC9ldmVudC9iYWNrY2hhbm5lbC1sb2dvdXQiOnt9fX0.McD4YIsDHb8Ug5B4MRfpisQaxCCXi6EUPerx3AH3v0Q";
//! let options = JwtOptions::default().allow_hmac();
//! assert!(BackChannelLogoutToken::from_jwt(token, &JwkSet::from_secret(b"ahoj"), &options).is_err());
//! let keys = JwkSet::from_legacy_secret(b"ahoj");
//! // Its header says `typ: JWT`, which a logout token may (`logout+jwt` is RECOMMENDED).
//! let claims = BackChannelLogoutToken::from_jwt(token, &keys, &options)?;
//! assert_eq!(claims.jti, "bWJq");
//! assert!(BackChannelLogoutToken::from_jwt(token, &JwkSet::from_legacy_secret(b"wrong"), &options).is_err());
//! # Ok::<(), oidc_core::jwt::JwtError>(())
//! ```

// `pub(crate)`: the hidden runtime module re-exports `first_token_kind` for the
// generated code, which is its only user.
pub(crate) mod kind;

pub use kind::{TokenKind, TypRule};

#[cfg(feature = "jwt")]
mod backend;
#[cfg(feature = "jwt")]
mod der;
#[cfg(feature = "jwt")]
mod error;
#[cfg(feature = "jwt")]
mod generate;
#[cfg(feature = "jwt")]
mod hash;
#[cfg(feature = "jwt")]
mod header;
#[cfg(feature = "jwt")]
mod key_cache;
#[cfg(feature = "jwt")]
mod keys;
#[cfg(feature = "jwt")]
mod object;
#[cfg(feature = "jwt")]
mod public_key;
#[cfg(feature = "jwt")]
mod sign;
#[cfg(feature = "jwt")]
mod signing_key;
#[cfg(feature = "jwt")]
mod thumbprint;
#[cfg(feature = "jwt")]
mod verify;

#[cfg(feature = "jwt")]
#[cfg_attr(docsrs, doc(cfg(feature = "jwt")))]
pub use backend::name as backend_name;
#[cfg(feature = "jwt")]
#[cfg_attr(docsrs, doc(cfg(feature = "jwt")))]
pub use error::JwtError;
#[cfg(feature = "jwt")]
#[cfg_attr(docsrs, doc(cfg(feature = "jwt")))]
pub use hash::{token_hash, verify_token_hash};
#[cfg(feature = "jwt")]
#[cfg_attr(docsrs, doc(cfg(feature = "jwt")))]
pub use header::{header_algorithm, VerifiedHeader};
#[cfg(feature = "jwt")]
#[cfg_attr(docsrs, doc(cfg(feature = "jwt")))]
pub use jsonwebtoken::Algorithm;
#[cfg(feature = "jwt")]
#[cfg_attr(docsrs, doc(cfg(feature = "jwt")))]
pub use key_cache::{
    FetchKeys, FetchKeysAsync, JwksResponse, KeyCache, KeyCacheStatus, KeyFetchError,
    DEFAULT_MAX_AGE_LIMIT_SECS, DEFAULT_MAX_AGE_SECS, DEFAULT_REFETCH_INTERVAL_SECS,
};
#[cfg(feature = "jwt")]
#[cfg_attr(docsrs, doc(cfg(feature = "jwt")))]
pub use keys::{Jwk, JwkSet};
#[cfg(feature = "jwt")]
#[cfg_attr(docsrs, doc(cfg(feature = "jwt")))]
pub use public_key::PublicJwk;
#[cfg(feature = "jwt")]
pub(crate) use sign::encode;
#[cfg(feature = "jwt")]
#[cfg_attr(docsrs, doc(cfg(feature = "jwt")))]
pub use sign::{sign_payload, JwsHeader};
#[cfg(feature = "jwt")]
#[cfg_attr(docsrs, doc(cfg(feature = "jwt")))]
pub use signing_key::SigningKey;
#[cfg(feature = "jwt")]
pub(crate) use thumbprint::same_thumbprint;
#[cfg(feature = "jwt")]
pub(crate) use verify::{decode, decode_unverified, decode_with_embedded_key};
#[cfg(feature = "jwt")]
#[cfg_attr(docsrs, doc(cfg(feature = "jwt")))]
pub use verify::{from_jwt_with_header, verify_payload, JwtOptions};

/// The JOSE name of `alg` (`"RS256"`, `"EdDSA"`), as written in a header's `alg`.
#[cfg(feature = "jwt")]
#[cfg_attr(docsrs, doc(cfg(feature = "jwt")))]
pub fn algorithm_name(alg: Algorithm) -> &'static str {
    match alg {
        Algorithm::HS256 => "HS256",
        Algorithm::HS384 => "HS384",
        Algorithm::HS512 => "HS512",
        Algorithm::ES256 => "ES256",
        Algorithm::ES384 => "ES384",
        Algorithm::RS256 => "RS256",
        Algorithm::RS384 => "RS384",
        Algorithm::RS512 => "RS512",
        Algorithm::PS256 => "PS256",
        Algorithm::PS384 => "PS384",
        Algorithm::PS512 => "PS512",
        Algorithm::EdDSA => "EdDSA",
        // Algorithms a later jsonwebtoken adds; none of this crate's keys has one.
        _ => "unknown",
    }
}

#[cfg(all(test, feature = "jwt"))]
mod tests {
    use super::*;

    #[test]
    fn every_algorithm_has_its_jose_name() {
        // RFC 7518 §3.1 (and RFC 8037 §3.1 for EdDSA): the "alg" values.
        let names = [
            (Algorithm::HS256, "HS256"),
            (Algorithm::HS384, "HS384"),
            (Algorithm::HS512, "HS512"),
            (Algorithm::ES256, "ES256"),
            (Algorithm::ES384, "ES384"),
            (Algorithm::RS256, "RS256"),
            (Algorithm::RS384, "RS384"),
            (Algorithm::RS512, "RS512"),
            (Algorithm::PS256, "PS256"),
            (Algorithm::PS384, "PS384"),
            (Algorithm::PS512, "PS512"),
            (Algorithm::EdDSA, "EdDSA"),
        ];
        for (alg, name) in names {
            assert_eq!(algorithm_name(alg), name);
            // The name jsonwebtoken reads back as the same algorithm.
            assert_eq!(name.parse::<Algorithm>().unwrap(), alg, "{name}");
        }
    }
}
