//! The token endpoint (RFC 6749 §3.2, §4.1.3-§4.1.4, §4.3.2, §4.4.2, §5.1-§5.2, §6;
//! OpenID Connect Core 1.0 §3.1.3; PKCE RFC 7636 §4.5).

use crate::error::ErrorKind;
use crate::{ExtraParams, OidcMessage};

crate::string_enum! {
    /// The `grant_type` of a token request (RFC 6749). Extension grants are URNs
    /// (`urn:ietf:params:oauth:grant-type:device_code`, `...:token-exchange`,
    /// `...:jwt-bearer`) and arrive as `Other`.
    pub enum GrantType {
        /// RFC 6749 §4.1.3.
        AuthorizationCode = "authorization_code",
        /// RFC 6749 §6.
        RefreshToken = "refresh_token",
        /// RFC 6749 §4.3.2 (Resource Owner Password Credentials).
        Password = "password",
        /// RFC 6749 §4.4.2.
        ClientCredentials = "client_credentials",
    }
}

/// A Token Request (RFC 6749 §4.1.3, §4.3.2, §4.4.2, §6; OIDC Core 1.0 §3.1.3.1),
/// POSTed form-encoded to the token endpoint.
///
/// Which parameters are required depends on `grant_type`, so there is one constructor
/// per grant, taking that grant's required parameters (authorization_code: `code` and
/// `redirect_uri`; refresh_token: `refresh_token`; password: `username`, `password` and
/// `scope`); set the optional ones on the public fields. Decoding checks the same
/// per-grant rules, so a request that misses one is refused on the way in. Extension
/// grants (device code, token exchange) put their parameters in `extra`.
///
/// ```
/// use oidc_core::messages::TokenRequest;
/// use oidc_core::OidcMessage;
///
/// let mut request = TokenRequest::for_authorization_code("SplxlOBeZQQYbYS6WxSbIA", "https://client.example.com/cb");
/// request.code_verifier = Some("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk".into());
/// assert_eq!(
///     request.to_form(),
///     "grant_type=authorization_code&code=SplxlOBeZQQYbYS6WxSbIA\
///      &redirect_uri=https%3A%2F%2Fclient.example.com%2Fcb&code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
/// );
/// let err = TokenRequest::from_form("grant_type=authorization_code&code=x").unwrap_err();
/// assert_eq!(err.to_string(), r#"TokenRequest: missing required parameter "redirect_uri""#);
/// # Ok::<(), oidc_core::Error>(())
/// ```
#[derive(OidcMessage, Clone, PartialEq)]
#[non_exhaustive]
#[oidc(validate = TokenRequest::check_grant_parameters)]
pub struct TokenRequest {
    /// `grant_type` — REQUIRED.
    #[oidc(required)]
    pub grant_type: GrantType,
    /// `code` — REQUIRED for `authorization_code`.
    #[oidc(secret)]
    pub code: Option<String>,
    /// `redirect_uri` — REQUIRED for `authorization_code` when the authorization request
    /// had one (always in OpenID Connect); identical to that value.
    pub redirect_uri: Option<String>,
    /// `client_id` — REQUIRED if the client is not authenticating otherwise (§3.2.1).
    pub client_id: Option<String>,
    /// `client_secret` — client authentication in the body (§2.3.1), NOT RECOMMENDED.
    #[oidc(secret)]
    pub client_secret: Option<String>,
    /// `refresh_token` — REQUIRED for `refresh_token`.
    #[oidc(secret)]
    pub refresh_token: Option<String>,
    /// `username` — REQUIRED for `password`.
    pub username: Option<String>,
    /// `password` — REQUIRED for `password`.
    #[oidc(secret)]
    pub password: Option<String>,
    /// `scope` — REQUIRED for `password` by the Python library (OPTIONAL in RFC 6749
    /// §4.3.2); OPTIONAL otherwise. Space-delimited.
    #[oidc(space_delimited)]
    pub scope: Option<Vec<String>>,
    /// `code_verifier` — PKCE (RFC 7636 §4.5).
    #[oidc(secret)]
    pub code_verifier: Option<String>,
    /// `resource` — OPTIONAL (RFC 8707 §2, §2.2; also RFC 8693 §2.1): the protected
    /// resources the token is for, each an absolute URI without a fragment; the
    /// parameter is repeated once per resource.
    #[oidc(repeated)]
    pub resource: Vec<String>,
    /// Any other parameter (`device_code`, `subject_token`, `audience`, ...).
    #[oidc(extra)]
    pub extra: ExtraParams,
}

impl TokenRequest {
    /// A request of `grant_type` with every other parameter unset; the public
    /// constructors add what their grant requires.
    fn with_grant(grant_type: GrantType) -> Self {
        TokenRequest {
            grant_type,
            code: None,
            redirect_uri: None,
            client_id: None,
            client_secret: None,
            refresh_token: None,
            username: None,
            password: None,
            scope: None,
            code_verifier: None,
            resource: Vec::new(),
            extra: ExtraParams::new(),
        }
    }

    /// Exchanges an authorization code (RFC 6749 §4.1.3).
    pub fn for_authorization_code(
        code: impl Into<String>,
        redirect_uri: impl Into<String>,
    ) -> Self {
        let mut request = Self::with_grant(GrantType::AuthorizationCode);
        request.code = Some(code.into());
        request.redirect_uri = Some(redirect_uri.into());
        request
    }

    /// Refreshes an access token (RFC 6749 §6).
    pub fn for_refresh_token(refresh_token: impl Into<String>) -> Self {
        let mut request = Self::with_grant(GrantType::RefreshToken);
        request.refresh_token = Some(refresh_token.into());
        request
    }

    /// Resource Owner Password Credentials (RFC 6749 §4.3.2).
    pub fn for_password<S: Into<String>>(
        username: impl Into<String>,
        password: impl Into<String>,
        scope: impl IntoIterator<Item = S>,
    ) -> Self {
        let mut request = Self::with_grant(GrantType::Password);
        request.username = Some(username.into());
        request.password = Some(password.into());
        request.scope = Some(scope.into_iter().map(Into::into).collect());
        request
    }

    /// Client Credentials (RFC 6749 §4.4.2).
    pub fn for_client_credentials() -> Self {
        Self::with_grant(GrantType::ClientCredentials)
    }

    /// An extension grant (RFC 6749 §4.5), e.g.
    /// `urn:ietf:params:oauth:grant-type:device_code`; its parameters go in `extra`.
    /// A registered grant type given here gets that grant's required parameters from
    /// `extra`.
    pub fn for_extension(
        grant_type: impl Into<String>,
        parameters: ExtraParams,
    ) -> Result<Self, crate::Error> {
        let mut body = String::new();
        body.push_str("grant_type=");
        crate::codec::form::encode_into(&mut body, &grant_type.into());
        for (name, value) in parameters.iter() {
            body.push('&');
            crate::codec::form::encode_into(&mut body, name);
            body.push('=');
            crate::codec::form::encode_into(&mut body, &value.to_text());
        }
        Self::from_form(&body)
    }

    /// The parameters each registered grant requires (RFC 6749 §4.1.3, §4.3.2, §6).
    fn check_grant_parameters(&self) -> Result<(), ErrorKind> {
        let required: &[(&str, bool)] = match self.grant_type {
            GrantType::AuthorizationCode => &[
                ("code", self.code.is_some()),
                ("redirect_uri", self.redirect_uri.is_some()),
            ],
            GrantType::RefreshToken => &[("refresh_token", self.refresh_token.is_some())],
            GrantType::Password => &[
                ("username", self.username.is_some()),
                ("password", self.password.is_some()),
                ("scope", self.scope.as_ref().is_some_and(|s| !s.is_empty())),
            ],
            _ => &[],
        };
        match required.iter().find(|(_, present)| !present) {
            Some((name, _)) => Err(ErrorKind::Missing((*name).to_owned())),
            None => Ok(()),
        }
    }
}

/// A successful Token Response (RFC 6749 §5.1, OIDC Core 1.0 §3.1.3.3).
///
/// `id_token` is REQUIRED by OIDC Core §3.1.3.3 for the authorization code flow (and
/// by the Python library), but client-credentials and many refresh responses carry none,
/// so it is optional here: check it where your flow needs it.
///
/// Real-provider leniencies: `expires_in` / `refresh_expires_in` as strings (Apple,
/// SuperOffice, Azure AD v1), `scope` as a JSON array; a lower-case `bearer`
/// `token_type` is fine (it is case-insensitive, see [`Self::is_bearer`]); an
/// empty `id_token` (Apple) reads as absent.
#[derive(OidcMessage, Clone, PartialEq)]
#[non_exhaustive]
pub struct TokenSuccessResponse {
    /// `access_token` — REQUIRED.
    #[oidc(required, secret)]
    pub access_token: String,
    /// `token_type` — REQUIRED. Case-insensitive (`Bearer`, `bearer`, `DPoP`, `N_A`).
    #[oidc(required)]
    pub token_type: String,
    /// `expires_in` — RECOMMENDED. Lifetime of the access token in seconds.
    #[oidc(accept(string_number))]
    pub expires_in: Option<u64>,
    /// `refresh_token` — OPTIONAL.
    #[oidc(secret)]
    pub refresh_token: Option<String>,
    /// `refresh_expires_in` — lifetime of the refresh token in seconds (Keycloak).
    #[oidc(accept(string_number))]
    pub refresh_expires_in: Option<u64>,
    /// `scope` — OPTIONAL if identical to the requested scope, else REQUIRED.
    #[oidc(space_delimited, accept(array))]
    pub scope: Option<Vec<String>>,
    /// `id_token` — the ID Token (OIDC Core §3.1.3.3); see the type's documentation.
    /// Redacted in `Debug`.
    #[oidc(secret)]
    pub id_token: Option<String>,
    /// Any other member (`ext_expires_in`, `instance_url`, `custom`, ...).
    #[oidc(extra)]
    pub extra: ExtraParams,
}

impl TokenSuccessResponse {
    /// A response with the two REQUIRED members (RFC 6749 §5.1) and nothing else.
    pub fn new(access_token: impl Into<String>, token_type: impl Into<String>) -> Self {
        TokenSuccessResponse {
            access_token: access_token.into(),
            token_type: token_type.into(),
            expires_in: None,
            refresh_token: None,
            refresh_expires_in: None,
            scope: None,
            id_token: None,
            extra: ExtraParams::new(),
        }
    }

    /// Whether `token_type` is `Bearer`, compared case-insensitively (RFC 6749 §5.1).
    pub fn is_bearer(&self) -> bool {
        self.token_type.eq_ignore_ascii_case("bearer")
    }
}

crate::string_enum! {
    /// The `error` codes of a Token Error Response (RFC 6749 §5.2).
    pub enum TokenErrorCode {
        /// Missing, repeated or unsupported parameter, several credentials, malformed.
        InvalidRequest = "invalid_request",
        /// Client authentication failed.
        InvalidClient = "invalid_client",
        /// The grant or refresh token is invalid, expired, revoked or mismatched.
        InvalidGrant = "invalid_grant",
        /// The client may not use this grant type.
        UnauthorizedClient = "unauthorized_client",
        /// The grant type is not supported.
        UnsupportedGrantType = "unsupported_grant_type",
        /// The scope is invalid, unknown, malformed or too broad.
        InvalidScope = "invalid_scope",
    }
}

/// A Token Error Response (RFC 6749 §5.2, OIDC Core 1.0 §3.1.3.4).
#[derive(OidcMessage, Clone, PartialEq)]
#[non_exhaustive]
pub struct TokenErrorResponse {
    /// `error` — REQUIRED.
    #[oidc(required)]
    pub error: TokenErrorCode,
    /// `error_description` — OPTIONAL.
    pub error_description: Option<String>,
    /// `error_uri` — OPTIONAL.
    pub error_uri: Option<String>,
    /// Any other member.
    #[oidc(extra)]
    pub extra: ExtraParams,
}

impl TokenErrorResponse {
    /// An error response with its REQUIRED `error` code and nothing else.
    pub fn new(error: impl Into<TokenErrorCode>) -> Self {
        TokenErrorResponse {
            error: error.into(),
            error_description: None,
            error_uri: None,
            extra: ExtraParams::new(),
        }
    }
}

/// What the token endpoint answers: success or error, told apart by `error`
/// (RFC 6749 §5.2).
///
/// ```
/// use oidc_core::messages::{TokenErrorCode, TokenResponse};
///
/// let ok = TokenResponse::from_json(r#"{"access_token":"SlAV32hkKG","token_type":"Bearer","expires_in":3600}"#)?;
/// assert!(ok.is_success());
/// let err = TokenResponse::from_json(r#"{"error":"invalid_grant"}"#)?;
/// assert_eq!(err.into_result().unwrap_err().error, TokenErrorCode::InvalidGrant);
/// # Ok::<(), oidc_core::Error>(())
/// ```
// Both variants are plain messages; boxing one would add an allocation per response
// for no gain.
#[allow(clippy::large_enum_variant)]
#[derive(OidcMessage, Clone, PartialEq)]
pub enum TokenResponse {
    /// The success response.
    Success(TokenSuccessResponse),
    /// The error response (it has an `error` parameter).
    Error(TokenErrorResponse),
}
