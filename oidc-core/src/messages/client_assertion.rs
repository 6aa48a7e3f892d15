//! Client authentication JWTs (RFC 7523 §2.2, §3; OpenID Connect Core 1.0 §9):
//! `client_secret_jwt` and `private_key_jwt`.

use crate::{Audience, ExtraParams, NumericDate, OidcMessage};

/// The `client_assertion_type` of a JWT client assertion (RFC 7523 §2.2).
pub const JWT_BEARER_ASSERTION_TYPE: &str =
    "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/// The claims of a client authentication JWT (RFC 7523 §3, OIDC Core §9), sent as
/// `client_assertion` with `client_assertion_type` [`JWT_BEARER_ASSERTION_TYPE`].
///
/// Its token kind is [`TokenKind::CLIENT_ASSERTION`](crate::jwt::TokenKind::CLIENT_ASSERTION).
/// Build one with [`new`](Self::new) (`iss` = `sub` = the client id); clients usually
/// let `client_auth::ClientAuth` make and sign it. A provider verifies one with
/// `validation::ClientAssertionValidation::verify`.
#[derive(OidcMessage, Clone, PartialEq)]
#[oidc(token_kind = crate::jwt::TokenKind::CLIENT_ASSERTION)]
#[non_exhaustive]
pub struct ClientAssertion {
    /// `iss` — REQUIRED: the client id (OIDC Core §9).
    #[oidc(required)]
    pub iss: String,
    /// `sub` — REQUIRED: the client id (OIDC Core §9, RFC 7523 §3 item 2).
    #[oidc(required)]
    pub sub: String,
    /// `aud` — REQUIRED: the authorization server's issuer identifier, as its sole value
    /// (draft-ietf-oauth-rfc7523bis §3; OIDC Core §9 named the token endpoint URL).
    #[oidc(required)]
    pub aud: Audience,
    /// `exp` — REQUIRED.
    #[oidc(required)]
    pub exp: NumericDate,
    /// `jti` — REQUIRED by OIDC Core §9 (replay detection).
    #[oidc(required)]
    pub jti: String,
    /// `iat` — OPTIONAL.
    pub iat: Option<NumericDate>,
    /// `nbf` — OPTIONAL.
    pub nbf: Option<NumericDate>,
    /// Any other claim.
    #[oidc(extra)]
    pub extra: ExtraParams,
}

impl ClientAssertion {
    /// An assertion for `client_id` (as `iss` and `sub`) to `audience`, valid until
    /// `exp`, identified by `jti`.
    pub fn new(
        client_id: impl Into<String>,
        audience: impl Into<Audience>,
        exp: NumericDate,
        jti: impl Into<String>,
    ) -> Self {
        let client_id = client_id.into();
        ClientAssertion {
            iss: client_id.clone(),
            sub: client_id,
            aud: audience.into(),
            exp,
            jti: jti.into(),
            iat: None,
            nbf: None,
            extra: ExtraParams::new(),
        }
    }
}
