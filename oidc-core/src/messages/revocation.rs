//! OAuth 2.0 Token Revocation (RFC 7009).
//!
//! The request is POSTed form-encoded to the revocation endpoint with the client's
//! authentication (§2.1). The answer is `200` with an empty body, also for a token
//! the server does not know (§2.2); an error is a token error (§2.2.1), where
//! [`TokenErrorCode::UnsupportedTokenType`](super::TokenErrorCode::UnsupportedTokenType)
//! is the code this specification adds.

use crate::{ExtraParams, OidcMessage};

use super::token::TokenErrorResponse;

crate::string_enum! {
    /// A `token_type_hint` (RFC 7009 §2.1, registry of §4.1.2; RFC 7662 §2.1 uses the
    /// same values).
    pub enum TokenTypeHint {
        /// RFC 7009 §2.1: an access token.
        AccessToken = "access_token",
        /// RFC 7009 §2.1: a refresh token.
        RefreshToken = "refresh_token",
    }
}

/// A Revocation Request (RFC 7009 §2.1).
///
/// ```
/// use oidc_core::messages::{TokenRevocationRequest, TokenTypeHint};
/// use oidc_core::OidcMessage;
///
/// let mut request = TokenRevocationRequest::new("45ghiukldjahdnhzdauz");
/// request.token_type_hint = Some(TokenTypeHint::RefreshToken);
/// assert_eq!(request.to_form(), "token=45ghiukldjahdnhzdauz&token_type_hint=refresh_token");
/// assert!(!format!("{request:?}").contains("45ghiukldjahdnhzdauz"));
/// ```
#[derive(OidcMessage, Clone, PartialEq)]
#[non_exhaustive]
pub struct TokenRevocationRequest {
    /// `token` — REQUIRED. The token the client wants revoked.
    #[oidc(required, secret)]
    pub token: String,
    /// `token_type_hint` — OPTIONAL. A hint about the type of `token`; the server may
    /// ignore it and search every type (§2.1).
    pub token_type_hint: Option<TokenTypeHint>,
    /// Any other parameter (`client_id` of a public client, client assertions, ...).
    #[oidc(extra)]
    pub extra: ExtraParams,
}

impl TokenRevocationRequest {
    /// A request to revoke `token`, without a hint.
    pub fn new(token: impl Into<String>) -> Self {
        TokenRevocationRequest {
            token: token.into(),
            token_type_hint: None,
            extra: ExtraParams::new(),
        }
    }
}

/// A revocation error (RFC 7009 §2.2.1): an RFC 6749 §5.2 error response, with
/// `unsupported_token_type` added.
pub type TokenRevocationErrorResponse = TokenErrorResponse;
