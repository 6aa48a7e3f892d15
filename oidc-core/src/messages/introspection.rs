//! Token introspection (RFC 7662).

use crate::{Audience, ExtraParams, NumericDate, OidcMessage};

use super::token::TokenErrorResponse;

/// An Introspection Request (RFC 7662 §2.1), POSTed form-encoded by a protected resource.
#[derive(OidcMessage, Clone, PartialEq)]
#[non_exhaustive]
pub struct TokenIntrospectionRequest {
    /// `token` — REQUIRED. The token to introspect.
    #[oidc(required, secret)]
    pub token: String,
    /// `token_type_hint` — OPTIONAL (`access_token`, `refresh_token`; RFC 7009 §4.1.2).
    pub token_type_hint: Option<String>,
    /// Any other parameter.
    #[oidc(extra)]
    pub extra: ExtraParams,
}

impl TokenIntrospectionRequest {
    /// A request for `token`, without a `token_type_hint`.
    pub fn new(token: impl Into<String>) -> Self {
        TokenIntrospectionRequest {
            token: token.into(),
            token_type_hint: None,
            extra: ExtraParams::new(),
        }
    }
}

/// An Introspection Response (RFC 7662 §2.2). An inactive token is `{"active": false}`.
///
/// Leniencies: `scope` also as a JSON array (IdentityServer's legacy format);
/// timestamps as numeric strings.
#[derive(OidcMessage, Clone, PartialEq)]
#[non_exhaustive]
pub struct TokenIntrospectionSuccessResponse {
    /// `active` — REQUIRED.
    #[oidc(required)]
    pub active: bool,
    /// `scope` — OPTIONAL, space-delimited.
    #[oidc(space_delimited, accept(array))]
    pub scope: Option<Vec<String>>,
    /// `client_id` — OPTIONAL.
    pub client_id: Option<String>,
    /// `username` — OPTIONAL.
    pub username: Option<String>,
    /// `token_type` — OPTIONAL (RFC 6749 §5.1).
    pub token_type: Option<String>,
    /// `exp` — OPTIONAL.
    #[oidc(accept(string_number))]
    pub exp: Option<NumericDate>,
    /// `iat` — OPTIONAL.
    #[oidc(accept(string_number))]
    pub iat: Option<NumericDate>,
    /// `nbf` — OPTIONAL.
    #[oidc(accept(string_number))]
    pub nbf: Option<NumericDate>,
    /// `sub` — OPTIONAL.
    pub sub: Option<String>,
    /// `aud` — OPTIONAL: a string or an array.
    pub aud: Option<Audience>,
    /// `iss` — OPTIONAL.
    pub iss: Option<String>,
    /// `jti` — OPTIONAL.
    pub jti: Option<String>,
    /// `cnf` — the key the token is bound to (RFC 7800 §3.1; RFC 9449 §6.2: a DPoP-bound
    /// token's introspection carries `{"jkt": ..}`, and `token_type` is `DPoP`).
    #[oidc(json)]
    pub cnf: Option<super::Confirmation>,
    /// Any other member (service-specific, e.g. userinfo claims).
    #[oidc(extra)]
    pub extra: ExtraParams,
}

impl TokenIntrospectionSuccessResponse {
    /// A response with only `active`. `new(false)` is the whole answer for a token that
    /// is not active (RFC 7662 §2.2: no other member SHOULD be sent).
    pub fn new(active: bool) -> Self {
        TokenIntrospectionSuccessResponse {
            active,
            scope: None,
            client_id: None,
            username: None,
            token_type: None,
            exp: None,
            iat: None,
            nbf: None,
            sub: None,
            aud: None,
            iss: None,
            jti: None,
            cnf: None,
            extra: ExtraParams::new(),
        }
    }
}

/// An introspection error: RFC 7662 §2.3 answers errors as RFC 6749 §5.2 does.
pub type TokenIntrospectionErrorResponse = TokenErrorResponse;

/// What the introspection endpoint answers: a response (active or not) or an error.
// Both variants are plain messages; boxing one would add an allocation per response
// for no gain.
#[allow(clippy::large_enum_variant)]
#[derive(OidcMessage, Clone, PartialEq)]
pub enum TokenIntrospectionResponse {
    /// The success response.
    Success(TokenIntrospectionSuccessResponse),
    /// The error response (it has an `error` parameter).
    Error(TokenIntrospectionErrorResponse),
}
