//! OAuth 2.0 Token Exchange (RFC 8693): the token-type identifiers (§3) and the
//! response (§2.2). The request is a [`TokenRequest`](super::TokenRequest) built with
//! [`for_token_exchange`](super::TokenRequest::for_token_exchange); its errors are
//! token errors (§2.2.2: `invalid_request`, `invalid_target`).

use crate::{ExtraParams, OidcMessage};

use super::token::TokenErrorResponse;

crate::string_enum! {
    /// A token type identifier (RFC 8693 §3): what `subject_token_type`,
    /// `actor_token_type`, `requested_token_type` and `issued_token_type` name.
    /// Other URIs (a deployment's own types) arrive as `Other`.
    ///
    /// ```
    /// use oidc_core::messages::TokenType;
    ///
    /// assert_eq!(TokenType::from("urn:ietf:params:oauth:token-type:jwt"), TokenType::Jwt);
    /// assert_eq!(TokenType::AccessToken.as_str(), "urn:ietf:params:oauth:token-type:access_token");
    /// ```
    pub enum TokenType {
        /// RFC 8693 §3: an OAuth 2.0 access token.
        AccessToken = "urn:ietf:params:oauth:token-type:access_token",
        /// RFC 8693 §3: an OAuth 2.0 refresh token.
        RefreshToken = "urn:ietf:params:oauth:token-type:refresh_token",
        /// RFC 8693 §3: an OpenID Connect ID Token.
        IdToken = "urn:ietf:params:oauth:token-type:id_token",
        /// RFC 8693 §3: a base64url-encoded SAML 1.1 assertion.
        Saml1 = "urn:ietf:params:oauth:token-type:saml1",
        /// RFC 8693 §3: a base64url-encoded SAML 2.0 assertion.
        Saml2 = "urn:ietf:params:oauth:token-type:saml2",
        /// RFC 8693 §3 (registered by RFC 7519 §9): a JWT.
        Jwt = "urn:ietf:params:oauth:token-type:jwt",
    }
}

/// A successful token exchange response (RFC 8693 §2.2.1), the JSON body of a `200`
/// from the token endpoint.
///
/// `access_token` carries the issued token whatever its type (the name is kept for
/// compatibility with RFC 6749 §5.1, §2.2.1 says); `issued_token_type` says what it
/// is, and `token_type` how to use it (`N_A` when it is not an access token).
///
/// ```
/// use oidc_core::messages::{TokenExchangeResponse, TokenType};
///
/// let response = TokenExchangeResponse::from_json(r#"{"access_token":"eyJ..","issued_token_type":
///     "urn:ietf:params:oauth:token-type:jwt","token_type":"N_A","expires_in":3600}"#)?;
/// let issued = response.into_result().unwrap();
/// assert_eq!(issued.issued_token_type, TokenType::Jwt);
/// # Ok::<(), oidc_core::Error>(())
/// ```
#[derive(OidcMessage, Clone, PartialEq)]
#[non_exhaustive]
pub struct TokenExchangeSuccessResponse {
    /// `access_token` — REQUIRED. The issued security token.
    #[oidc(required, secret)]
    pub access_token: String,
    /// `issued_token_type` — REQUIRED. The type of the issued token (§3).
    #[oidc(required)]
    pub issued_token_type: TokenType,
    /// `token_type` — REQUIRED. How the token is used (`Bearer`, or `N_A` when it is
    /// not an access token); case-insensitive (RFC 6749 §7.1).
    #[oidc(required)]
    pub token_type: String,
    /// `expires_in` — RECOMMENDED. Lifetime of the issued token in seconds.
    pub expires_in: Option<u64>,
    /// `scope` — OPTIONAL if identical to the requested scope, else REQUIRED.
    #[oidc(space_delimited)]
    pub scope: Option<Vec<String>>,
    /// `refresh_token` — OPTIONAL.
    #[oidc(secret)]
    pub refresh_token: Option<String>,
    /// Any other member.
    #[oidc(extra)]
    pub extra: ExtraParams,
}

impl TokenExchangeSuccessResponse {
    /// A response with its three REQUIRED members and nothing else.
    pub fn new(
        access_token: impl Into<String>,
        issued_token_type: impl Into<TokenType>,
        token_type: impl Into<String>,
    ) -> Self {
        TokenExchangeSuccessResponse {
            access_token: access_token.into(),
            issued_token_type: issued_token_type.into(),
            token_type: token_type.into(),
            expires_in: None,
            scope: None,
            refresh_token: None,
            extra: ExtraParams::new(),
        }
    }
}

/// What the token endpoint answers a token exchange: the issued token or a token
/// error (RFC 8693 §2.2.2, which adds `invalid_target`).
// Both variants are plain messages; boxing one would add an allocation per response
// for no gain.
#[allow(clippy::large_enum_variant)]
#[derive(OidcMessage, Clone, PartialEq)]
pub enum TokenExchangeResponse {
    /// The success response.
    Success(TokenExchangeSuccessResponse),
    /// The error response (it has an `error` parameter).
    Error(TokenErrorResponse),
}
