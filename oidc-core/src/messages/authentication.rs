//! Authentication with the Authorization Code, Implicit and Hybrid flows
//! (OpenID Connect Core 1.0 §3.1.2, §3.2.2, §3.3.2; RFC 6749 §4.1.1-§4.1.2.1;
//! PKCE RFC 7636 §4.3; RFC 9207).

use crate::error::ErrorKind;
use crate::{ExtraParams, OidcMessage};

use super::{AuthorizationDetail, ClaimsRequest};

/// An Authentication Request (OIDC Core 1.0 §3.1.2.1), sent to the authorization
/// endpoint as a URL query (`to_url`) or a form POST (`to_form`).
///
/// ```
/// use oidc_core::messages::AuthenticationRequest;
/// use oidc_core::OidcMessage;
///
/// let mut request = AuthenticationRequest::new("s6BhdRkqt3", "https://client.example.org/cb", ["openid", "profile"]);
/// request.state = Some("af0ifjsldkj".into());
/// let url = request.to_url("https://server.example.com/authorize")?;
/// assert_eq!(
///     url,
///     "https://server.example.com/authorize?scope=openid+profile&response_type=code\
///      &client_id=s6BhdRkqt3&redirect_uri=https%3A%2F%2Fclient.example.org%2Fcb&state=af0ifjsldkj"
/// );
/// # Ok::<(), oidc_core::Error>(())
/// ```
#[derive(OidcMessage, Clone, PartialEq)]
#[non_exhaustive]
pub struct AuthenticationRequest {
    /// `scope` — REQUIRED. Space-delimited; OpenID Connect requests MUST contain `openid`.
    #[oidc(required, space_delimited)]
    pub scope: Vec<String>,
    /// `response_type` — REQUIRED. `code` for the Authorization Code Flow; `id_token`,
    /// `id_token token`, `code id_token`, ... for the Implicit and Hybrid flows.
    #[oidc(required)]
    pub response_type: String,
    /// `client_id` — REQUIRED.
    #[oidc(required)]
    pub client_id: String,
    /// `redirect_uri` — REQUIRED. Must exactly match a pre-registered redirection URI.
    #[oidc(required)]
    pub redirect_uri: String,
    /// `state` — RECOMMENDED. Opaque value binding the request to the callback (CSRF).
    pub state: Option<String>,
    /// `response_mode` — OPTIONAL (`query`, `fragment`, `form_post`, ...).
    pub response_mode: Option<String>,
    /// `nonce` — OPTIONAL (REQUIRED for the Implicit Flow, §3.2.2.1). Carried into the ID Token.
    pub nonce: Option<String>,
    /// `display` — OPTIONAL. `page`, `popup`, `touch`, `wap`.
    #[oidc(space_delimited)]
    pub display: Option<Vec<String>>,
    /// `prompt` — OPTIONAL. Space-delimited: `none`, `login`, `consent`, `select_account`.
    #[oidc(space_delimited)]
    pub prompt: Option<Vec<String>>,
    /// `max_age` — OPTIONAL. Seconds; the ID Token then MUST contain `auth_time`.
    pub max_age: Option<u64>,
    /// `ui_locales` — OPTIONAL. Space-delimited BCP47 tags, by preference.
    #[oidc(space_delimited)]
    pub ui_locales: Option<Vec<String>>,
    /// `claims_locales` — OPTIONAL (§5.2). Space-delimited BCP47 tags.
    #[oidc(space_delimited)]
    pub claims_locales: Option<Vec<String>>,
    /// `id_token_hint` — OPTIONAL. A previously issued ID Token.
    #[oidc(secret)]
    pub id_token_hint: Option<String>,
    /// `login_hint` — OPTIONAL.
    pub login_hint: Option<String>,
    /// `acr_values` — OPTIONAL. Space-delimited, by preference.
    #[oidc(space_delimited)]
    pub acr_values: Option<Vec<String>>,
    /// `claims` — OPTIONAL (§5.5): the claims requested for the ID Token and the
    /// UserInfo endpoint; its JSON text in URLs and forms.
    #[oidc(json)]
    pub claims: Option<ClaimsRequest>,
    /// `request` — OPTIONAL (§6.1). A Request Object (JWT). Redacted in `Debug`: it
    /// can carry `id_token_hint` and personal data (see [`ExtraParams::CREDENTIALS`]).
    #[oidc(secret)]
    pub request: Option<String>,
    /// `request_uri` — OPTIONAL (§6.2).
    pub request_uri: Option<String>,
    /// `code_challenge` — OPTIONAL (RFC 7636 §4.3, PKCE).
    pub code_challenge: Option<String>,
    /// `code_challenge_method` — OPTIONAL (RFC 7636 §4.3): `S256` or `plain`.
    pub code_challenge_method: Option<String>,
    /// `resource` — OPTIONAL (RFC 8707 §2, §2.1): the protected resources the access
    /// token is for, each an absolute URI without a fragment; the parameter is repeated
    /// once per resource ("Multiple resource parameters MAY be used").
    #[oidc(repeated)]
    pub resource: Vec<String>,
    /// `authorization_details` — OPTIONAL (RFC 9396 §3): the fine-grained authorization the client asks for; JSON text in
    /// forms and URLs.
    #[oidc(json)]
    pub authorization_details: Option<Vec<AuthorizationDetail>>,
    /// Any other parameter, in order (e.g. `audience`, `hd`).
    #[oidc(extra)]
    pub extra: ExtraParams,
}

impl AuthenticationRequest {
    /// An Authorization Code Flow request (`response_type=code`) with the other fields
    /// unset; for another flow, set `response_type`.
    pub fn new<S: Into<String>>(
        client_id: impl Into<String>,
        redirect_uri: impl Into<String>,
        scope: impl IntoIterator<Item = S>,
    ) -> Self {
        AuthenticationRequest {
            scope: scope.into_iter().map(Into::into).collect(),
            response_type: "code".to_owned(),
            client_id: client_id.into(),
            redirect_uri: redirect_uri.into(),
            state: None,
            response_mode: None,
            nonce: None,
            display: None,
            prompt: None,
            max_age: None,
            ui_locales: None,
            claims_locales: None,
            id_token_hint: None,
            login_hint: None,
            acr_values: None,
            claims: None,
            request: None,
            request_uri: None,
            code_challenge: None,
            code_challenge_method: None,
            resource: Vec::new(),
            authorization_details: None,
            extra: ExtraParams::new(),
        }
    }
}

/// A successful Authentication Response (OIDC Core 1.0 §3.1.2.5 code flow, §3.2.2.5
/// implicit, §3.3.2.5 hybrid; RFC 6749 §4.1.2), received on the redirect URI.
///
/// Which members are present depends on the `response_type` that was requested, so
/// `code`, `id_token` and `access_token` are all optional here; at least one of them
/// must be present: the constructors take one ([`Self::for_code`], [`Self::for_id_token`],
/// [`Self::for_access_token`]; set the others of a hybrid response on the fields), and
/// decoding refuses a response without one. Unknown parameters (Keycloak's and Google's `session_state`,
/// Google's `authuser`, Apple's `user`) are kept in `extra`.
#[derive(OidcMessage, Clone, PartialEq)]
#[non_exhaustive]
#[oidc(validate = AuthenticationSuccessResponse::check_grant_present)]
pub struct AuthenticationSuccessResponse {
    /// `code` — REQUIRED for response types containing `code`. The authorization code.
    #[oidc(secret)]
    pub code: Option<String>,
    /// `state` — REQUIRED if the request had `state`; the exact value sent.
    pub state: Option<String>,
    /// `iss` — the issuer identifier (RFC 9207 §2), sent by providers that advertise
    /// `authorization_response_iss_parameter_supported`.
    pub iss: Option<String>,
    /// `id_token` — REQUIRED for response types containing `id_token` (§3.2.2.5).
    /// Redacted in `Debug`.
    #[oidc(secret)]
    pub id_token: Option<String>,
    /// `access_token` — REQUIRED for response types containing `token` (§3.2.2.5).
    #[oidc(secret)]
    pub access_token: Option<String>,
    /// `token_type` — REQUIRED with `access_token` (RFC 6749 §4.2.2); case-insensitive.
    pub token_type: Option<String>,
    /// `expires_in` — RECOMMENDED with `access_token`. Seconds.
    pub expires_in: Option<u64>,
    /// `scope` — OPTIONAL (RFC 6749 §4.2.2), space-delimited.
    #[oidc(space_delimited)]
    pub scope: Option<Vec<String>>,
    /// Any other parameter, in order.
    #[oidc(extra)]
    pub extra: ExtraParams,
}

impl AuthenticationSuccessResponse {
    fn empty() -> Self {
        AuthenticationSuccessResponse {
            code: None,
            state: None,
            iss: None,
            id_token: None,
            access_token: None,
            token_type: None,
            expires_in: None,
            scope: None,
            extra: ExtraParams::new(),
        }
    }

    /// The Authorization Code Flow's response (OIDC Core 1.0 §3.1.2.5): `code` only.
    pub fn for_code(code: impl Into<String>) -> Self {
        let mut response = Self::empty();
        response.code = Some(code.into());
        response
    }

    /// An Implicit Flow response for `response_type=id_token` (OIDC Core 1.0 §3.2.2.5):
    /// `id_token` only.
    pub fn for_id_token(id_token: impl Into<String>) -> Self {
        let mut response = Self::empty();
        response.id_token = Some(id_token.into());
        response
    }

    /// A response carrying an access token (`response_type` containing `token`, RFC
    /// 6749 §4.2.2): `access_token` with its REQUIRED `token_type`.
    pub fn for_access_token(
        access_token: impl Into<String>,
        token_type: impl Into<String>,
    ) -> Self {
        let mut response = Self::empty();
        response.access_token = Some(access_token.into());
        response.token_type = Some(token_type.into());
        response
    }

    /// A response carries a code, an ID Token or an access token; without one of them it
    /// is not an authentication response (and not an error response either).
    fn check_grant_present(&self) -> Result<(), ErrorKind> {
        if self.code.is_none() && self.id_token.is_none() && self.access_token.is_none() {
            return Err(ErrorKind::Missing("code".to_owned()));
        }
        Ok(())
    }
}

crate::string_enum! {
    /// The `error` codes of an Authentication Error Response: RFC 6749 §4.1.2.1, OpenID
    /// Connect Core 1.0 §3.1.2.6, and every code the IANA "OAuth Extensions Error
    /// Registry" lists for the authorization endpoint (as of its 2025-08-04 update), in
    /// the registry's order. Any other code is `Other`.
    pub enum AuthenticationErrorCode {
        /// The request is missing a parameter, has an invalid or repeated one, or is malformed.
        InvalidRequest = "invalid_request",
        /// The client may not request an authorization code this way.
        UnauthorizedClient = "unauthorized_client",
        /// The resource owner or authorization server denied the request.
        AccessDenied = "access_denied",
        /// The response type is not supported.
        UnsupportedResponseType = "unsupported_response_type",
        /// The requested scope is invalid, unknown or malformed.
        InvalidScope = "invalid_scope",
        /// An unexpected condition (a redirect cannot carry HTTP 500).
        ServerError = "server_error",
        /// Temporary overload or maintenance (a redirect cannot carry HTTP 503).
        TemporarilyUnavailable = "temporarily_unavailable",
        /// End-User interaction is required (`prompt=none`).
        InteractionRequired = "interaction_required",
        /// End-User authentication is required (`prompt=none`).
        LoginRequired = "login_required",
        /// The End-User must select a session (`prompt=none`).
        AccountSelectionRequired = "account_selection_required",
        /// End-User consent is required (`prompt=none`).
        ConsentRequired = "consent_required",
        /// The `request_uri` returns an error or invalid data.
        InvalidRequestUri = "invalid_request_uri",
        /// The `request` parameter holds an invalid Request Object.
        InvalidRequestObject = "invalid_request_object",
        /// The OP does not support the `request` parameter.
        RequestNotSupported = "request_not_supported",
        /// The OP does not support the `request_uri` parameter.
        RequestUriNotSupported = "request_uri_not_supported",
        /// The OP does not support the `registration` parameter.
        RegistrationNotSupported = "registration_not_supported",
        /// Client authentication failed (RFC 6749 §5.2; the registry lists it for the
        /// authorization endpoint too).
        InvalidClient = "invalid_client",
        /// A `resource` indicator is invalid, unknown or not allowed (RFC 8707 §2: the
        /// implicit grant's error response).
        InvalidTarget = "invalid_target",
        /// `authorization_details` has an unknown type, unknown or missing fields, or
        /// values of the wrong type (RFC 9396 §5).
        InvalidAuthorizationDetails = "invalid_authorization_details",
        /// OpenID Federation 1.0 §8.9: the issuer is not valid.
        InvalidIssuer = "invalid_issuer",
        /// OpenID Federation 1.0 §8.9: the subject is not valid.
        InvalidSubject = "invalid_subject",
        /// OpenID Federation 1.0 §8.9: the trust anchor is unknown or not valid.
        InvalidTrustAnchor = "invalid_trust_anchor",
        /// OpenID Federation 1.0 §8.9: the trust chain cannot be validated.
        InvalidTrustChain = "invalid_trust_chain",
        /// OpenID Federation 1.0 §8.9: the metadata is not valid.
        InvalidMetadata = "invalid_metadata",
        /// OpenID Federation 1.0 §8.9: the requested entity was not found.
        NotFound = "not_found",
        /// OpenID Federation 1.0 §8.9: a parameter is not supported.
        UnsupportedParameter = "unsupported_parameter",
        /// OpenID for Verifiable Presentations 1.0 §8.5: the wallet supports none of the
        /// requested credential formats.
        VpFormatsNotSupported = "vp_formats_not_supported",
        /// OpenID for Verifiable Presentations 1.0 §8.5: the `request_uri_method` value
        /// is not supported.
        InvalidRequestUriMethod = "invalid_request_uri_method",
        /// OpenID for Verifiable Presentations 1.0 §8.5: the wallet is not available.
        WalletUnavailable = "wallet_unavailable",
    }
}

/// An Authentication Error Response (OIDC Core 1.0 §3.1.2.6, RFC 6749 §4.1.2.1, RFC
/// 9207 §2).
#[derive(OidcMessage, Clone, PartialEq)]
#[non_exhaustive]
pub struct AuthenticationErrorResponse {
    /// `error` — REQUIRED. The error code.
    #[oidc(required)]
    pub error: AuthenticationErrorCode,
    /// `error_description` — OPTIONAL. Human-readable ASCII text.
    pub error_description: Option<String>,
    /// `error_uri` — OPTIONAL. A page about the error.
    pub error_uri: Option<String>,
    /// `state` — REQUIRED if the request had `state`.
    pub state: Option<String>,
    /// `iss` — the issuer identifier (RFC 9207 §2).
    pub iss: Option<String>,
    /// Any other parameter, in order.
    #[oidc(extra)]
    pub extra: ExtraParams,
}

impl AuthenticationErrorResponse {
    /// An error response with its REQUIRED `error` code and nothing else.
    pub fn new(error: impl Into<AuthenticationErrorCode>) -> Self {
        AuthenticationErrorResponse {
            error: error.into(),
            error_description: None,
            error_uri: None,
            state: None,
            iss: None,
            extra: ExtraParams::new(),
        }
    }
}

/// What comes back on the redirect URI: a success or an error response, told apart
/// by the `error` parameter (RFC 6749 §4.1.2.1).
///
/// ```
/// use oidc_core::messages::{AuthenticationErrorCode, AuthenticationResponse};
/// use oidc_core::Location;
///
/// let ok = AuthenticationResponse::from_url("https://client.example.org/cb?code=SplxlOBeZQQYbYS6WxSbIA&state=xyz", Location::Auto)?;
/// assert_eq!(ok.into_result().unwrap().code.as_deref(), Some("SplxlOBeZQQYbYS6WxSbIA"));
///
/// let err = AuthenticationResponse::from_url("https://client.example.org/cb#error=login_required&state=xyz", Location::Auto)?;
/// assert_eq!(err.into_result().unwrap_err().error, AuthenticationErrorCode::LoginRequired);
/// # Ok::<(), oidc_core::Error>(())
/// ```
// Both variants are plain messages; boxing one would add an allocation per response
// for no gain.
#[allow(clippy::large_enum_variant)]
#[derive(OidcMessage, Clone, PartialEq)]
pub enum AuthenticationResponse {
    /// The success response.
    Success(AuthenticationSuccessResponse),
    /// The error response (it has an `error` parameter).
    Error(AuthenticationErrorResponse),
}
