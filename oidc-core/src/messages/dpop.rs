//! DPoP proof JWTs (RFC 9449 §4.2).

use crate::{ExtraParams, NumericDate, OidcMessage};

/// The claims of a DPoP proof (RFC 9449 §4.2), sent in the `DPoP` header of a request
/// to the token endpoint or to a resource.
///
/// Its token kind is [`TokenKind::DPOP_PROOF`](crate::jwt::TokenKind::DPOP_PROOF) (`typ`
/// `dpop+jwt`). A client makes proofs with `dpop::DpopKey::proof`; a provider or
/// resource server verifies them with `dpop::DpopValidation::verify`, which takes the key from
/// the proof's own `jwk` header.
#[derive(OidcMessage, Clone, PartialEq)]
#[oidc(token_kind = crate::jwt::TokenKind::DPOP_PROOF)]
#[non_exhaustive]
pub struct DpopProof {
    /// `jti` — REQUIRED: unique per proof (replay detection, §11.1).
    #[oidc(required)]
    pub jti: String,
    /// `htm` — REQUIRED: the HTTP method of the request (`POST`, `GET`).
    #[oidc(required)]
    pub htm: String,
    /// `htu` — REQUIRED: the HTTP target URI, without query and fragment.
    #[oidc(required)]
    pub htu: String,
    /// `iat` — REQUIRED: when the proof was made.
    #[oidc(required)]
    pub iat: NumericDate,
    /// `ath` — REQUIRED with an access token: base64url(SHA-256(access token)) (§4.2).
    pub ath: Option<String>,
    /// `nonce` — REQUIRED when the server provided one (§8, §9).
    pub nonce: Option<String>,
    /// Any other claim.
    #[oidc(extra)]
    pub extra: ExtraParams,
}

impl DpopProof {
    /// A proof for `htm` `htu`, made at `iat`, identified by `jti`; no `ath`, no `nonce`.
    pub fn new(
        htm: impl Into<String>,
        htu: impl Into<String>,
        iat: NumericDate,
        jti: impl Into<String>,
    ) -> Self {
        DpopProof {
            jti: jti.into(),
            htm: htm.into(),
            htu: htu.into(),
            iat,
            ath: None,
            nonce: None,
            extra: ExtraParams::new(),
        }
    }
}
