//! Token introspection (RFC 7662).

use crate::{Audience, ExtraParams, NumericDate, OidcMessage};

use super::AuthorizationDetail;

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
    /// `authorization_details` — the token's authorization details, as a top-level
    /// member, possibly filtered and extended for the resource server asking (RFC 9396
    /// §9.2).
    #[oidc(json)]
    pub authorization_details: Option<Vec<AuthorizationDetail>>,
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
            authorization_details: None,
            extra: ExtraParams::new(),
        }
    }
}

crate::string_enum! {
    /// The `error` codes of an introspection error (RFC 7662 §2.3): a client that fails
    /// to authenticate is answered as at the token endpoint (RFC 6749 §5.2), one that
    /// authorizes its call with a bearer token as a protected resource answers (RFC 6750
    /// §3.1). The IANA "OAuth Extensions Error Registry" lists no code for this endpoint
    /// (as of its 2025-08-04 update). Any other code is `Other`.
    pub enum TokenIntrospectionErrorCode {
        /// The request is missing `token`, repeats a parameter, or is malformed (RFC 6749
        /// §5.2, RFC 6750 §3.1).
        InvalidRequest = "invalid_request",
        /// Client authentication failed (RFC 7662 §2.3, RFC 6749 §5.2).
        InvalidClient = "invalid_client",
        /// The bearer token authorizing the call is not valid (RFC 7662 §2.3, RFC 6750
        /// §3.1).
        InvalidToken = "invalid_token",
        /// The bearer token authorizing the call lacks the privileges (RFC 7662 §2.3,
        /// RFC 6750 §3.1).
        InsufficientScope = "insufficient_scope",
    }
}

/// An introspection error (RFC 7662 §2.3): the members of RFC 6749 §5.2.
#[derive(OidcMessage, Clone, PartialEq)]
#[non_exhaustive]
pub struct TokenIntrospectionErrorResponse {
    /// `error` — REQUIRED.
    #[oidc(required)]
    pub error: TokenIntrospectionErrorCode,
    /// `error_description` — OPTIONAL.
    pub error_description: Option<String>,
    /// `error_uri` — OPTIONAL.
    pub error_uri: Option<String>,
    /// Any other member.
    #[oidc(extra)]
    pub extra: ExtraParams,
}

impl TokenIntrospectionErrorResponse {
    /// An error response with its REQUIRED `error` code and nothing else.
    pub fn new(error: impl Into<TokenIntrospectionErrorCode>) -> Self {
        TokenIntrospectionErrorResponse {
            error: error.into(),
            error_description: None,
            error_uri: None,
            extra: ExtraParams::new(),
        }
    }
}

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

/// The claims of a JWT introspection response (RFC 9701 §5), the body the
/// introspection endpoint answers with `Content-Type: application/token-introspection+jwt`
/// when asked with `Accept: application/token-introspection+jwt` (§4).
///
/// Its token kind is [`TokenKind::INTROSPECTION_RESPONSE`](crate::jwt::TokenKind::INTROSPECTION_RESPONSE)
/// (`typ` `token-introspection+jwt`). Verify and validate it with
/// [`IntrospectionResponseValidation`](crate::validation::IntrospectionResponseValidation).
/// The introspected token's own claims (`sub`, `exp`, `scope`, ...) are inside
/// `token_introspection`, not beside it: this JWT is an answer to the resource server,
/// not a token (§5, §8.1).
#[derive(OidcMessage, Clone, PartialEq)]
#[oidc(token_kind = crate::jwt::TokenKind::INTROSPECTION_RESPONSE)]
#[non_exhaustive]
pub struct JwtIntrospectionResponse {
    /// `iss` — REQUIRED (§5): the authorization server's issuer identifier.
    #[oidc(required)]
    pub iss: String,
    /// `aud` — REQUIRED (§5): the resource server that asked (its client id).
    #[oidc(required)]
    pub aud: Audience,
    /// `iat` — REQUIRED (§5): when the response was made.
    #[oidc(required)]
    pub iat: NumericDate,
    /// `token_introspection` — REQUIRED (§5): the introspection response (RFC 7662
    /// §2.2); `{"active": false}` for a token that is not active.
    #[oidc(required, json)]
    pub token_introspection: TokenIntrospectionSuccessResponse,
    /// Any other claim.
    #[oidc(extra)]
    pub extra: ExtraParams,
}

impl JwtIntrospectionResponse {
    /// A response with its REQUIRED claims and no other.
    pub fn new(
        iss: impl Into<String>,
        aud: impl Into<Audience>,
        iat: NumericDate,
        token_introspection: TokenIntrospectionSuccessResponse,
    ) -> Self {
        JwtIntrospectionResponse {
            iss: iss.into(),
            aud: aud.into(),
            iat,
            token_introspection,
            extra: ExtraParams::new(),
        }
    }
}
