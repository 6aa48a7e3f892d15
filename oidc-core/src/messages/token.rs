//! The token endpoint (RFC 6749 §3.2, §4.1.3-§4.1.4, §4.3.2, §4.4.2, §5.1-§5.2, §6;
//! OpenID Connect Core 1.0 §3.1.3; PKCE RFC 7636 §4.5), with the extension grants
//! whose parameters this crate declares: the device code (RFC 8628 §3.4), token
//! exchange (RFC 8693 §2.1) and CIBA (OpenID CIBA Core 1.0 §10.1).

use crate::error::ErrorKind;
use crate::{ExtraParams, OidcMessage};

use super::token_exchange::TokenType;
use super::AuthorizationDetail;

crate::string_enum! {
    /// The `grant_type` of a token request (RFC 6749). Extension grants are URNs; the
    /// ones whose parameters [`TokenRequest`] declares are variants, any other
    /// (`urn:ietf:params:oauth:grant-type:jwt-bearer`, ...) arrives as `Other`.
    pub enum GrantType {
        /// RFC 6749 §4.1.3.
        AuthorizationCode = "authorization_code",
        /// RFC 6749 §6.
        RefreshToken = "refresh_token",
        /// RFC 6749 §4.3.2 (Resource Owner Password Credentials).
        Password = "password",
        /// RFC 6749 §4.4.2.
        ClientCredentials = "client_credentials",
        /// RFC 8628 §3.4: the device authorization grant.
        DeviceCode = "urn:ietf:params:oauth:grant-type:device_code",
        /// RFC 8693 §2.1: token exchange.
        TokenExchange = "urn:ietf:params:oauth:grant-type:token-exchange",
        /// OpenID CIBA Core 1.0 §10.1: client-initiated backchannel authentication.
        Ciba = "urn:openid:params:grant-type:ciba",
    }
}

/// A Token Request (RFC 6749 §4.1.3, §4.3.2, §4.4.2, §6; OIDC Core 1.0 §3.1.3.1),
/// POSTed form-encoded to the token endpoint.
///
/// Which parameters are required depends on `grant_type`, so there is one constructor
/// per grant, taking that grant's required parameters (authorization_code: `code` and
/// `redirect_uri`; refresh_token: `refresh_token`; password: `username`, `password` and
/// `scope`; device code: `device_code`; token exchange: `subject_token` and
/// `subject_token_type`; CIBA: `auth_req_id`); set the optional ones on the public
/// fields. Decoding checks the same per-grant rules, so a request that misses one is
/// refused on the way in. Other extension grants put their parameters in `extra`.
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
    /// `device_code` — REQUIRED for the device code grant (RFC 8628 §3.4): the code
    /// of the device authorization response.
    #[oidc(secret)]
    pub device_code: Option<String>,
    /// `subject_token` — REQUIRED for token exchange (RFC 8693 §2.1): the token that
    /// represents the party on whose behalf the request is made.
    #[oidc(secret)]
    pub subject_token: Option<String>,
    /// `subject_token_type` — REQUIRED for token exchange (RFC 8693 §2.1, §3).
    pub subject_token_type: Option<TokenType>,
    /// `actor_token` — OPTIONAL for token exchange (RFC 8693 §2.1): the acting party.
    #[oidc(secret)]
    pub actor_token: Option<String>,
    /// `actor_token_type` — REQUIRED for token exchange when `actor_token` is present,
    /// and MUST NOT be sent otherwise (RFC 8693 §2.1).
    pub actor_token_type: Option<TokenType>,
    /// `requested_token_type` — OPTIONAL for token exchange (RFC 8693 §2.1, §3).
    pub requested_token_type: Option<TokenType>,
    /// `audience` — OPTIONAL for token exchange (RFC 8693 §2.1): the logical names of
    /// the target services; the parameter is repeated once per audience.
    #[oidc(repeated)]
    pub audience: Vec<String>,
    /// `auth_req_id` — REQUIRED for the CIBA grant (OpenID CIBA Core 1.0 §10.1): the
    /// identifier of the backchannel authentication response.
    #[oidc(secret)]
    pub auth_req_id: Option<String>,
    /// `authorization_details` — OPTIONAL (RFC 9396 §6): the authorization details to
    /// assign to the access token, within what the grant or the client's policy allows;
    /// JSON text in forms and URLs.
    #[oidc(json)]
    pub authorization_details: Option<Vec<AuthorizationDetail>>,
    /// Any other parameter (`assertion`, `client_assertion`, ...).
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
            device_code: None,
            subject_token: None,
            subject_token_type: None,
            actor_token: None,
            actor_token_type: None,
            requested_token_type: None,
            audience: Vec::new(),
            auth_req_id: None,
            authorization_details: None,
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

    /// Polls for the tokens of a device authorization (RFC 8628 §3.4); see
    /// [`DevicePolling`](super::DevicePolling) for how long to wait between polls.
    pub fn for_device_code(device_code: impl Into<String>) -> Self {
        let mut request = Self::with_grant(GrantType::DeviceCode);
        request.device_code = Some(device_code.into());
        request
    }

    /// Exchanges `subject_token`, of type `subject_token_type`, for another token
    /// (RFC 8693 §2.1). An actor token is set with both `actor_token` and
    /// `actor_token_type`.
    pub fn for_token_exchange(
        subject_token: impl Into<String>,
        subject_token_type: impl Into<TokenType>,
    ) -> Self {
        let mut request = Self::with_grant(GrantType::TokenExchange);
        request.subject_token = Some(subject_token.into());
        request.subject_token_type = Some(subject_token_type.into());
        request
    }

    /// Fetches the tokens of a backchannel authentication (OpenID CIBA Core 1.0
    /// §10.1), in poll or ping mode.
    pub fn for_ciba(auth_req_id: impl Into<String>) -> Self {
        let mut request = Self::with_grant(GrantType::Ciba);
        request.auth_req_id = Some(auth_req_id.into());
        request
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

    /// The parameters each registered grant requires (RFC 6749 §4.1.3, §4.3.2, §6;
    /// RFC 8628 §3.4; RFC 8693 §2.1; CIBA Core §10.1), and RFC 8693's rule that
    /// `actor_token_type` comes with `actor_token` and only with it.
    fn check_grant_parameters(&self) -> Result<(), ErrorKind> {
        match (&self.actor_token, &self.actor_token_type) {
            (Some(_), None) => return Err(ErrorKind::Missing("actor_token_type".to_owned())),
            (None, Some(_)) => {
                return Err(ErrorKind::Invalid(
                    "actor_token_type without actor_token (RFC 8693 §2.1)".to_owned(),
                ))
            }
            _ => {}
        }
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
            GrantType::DeviceCode => &[("device_code", self.device_code.is_some())],
            GrantType::TokenExchange => &[
                ("subject_token", self.subject_token.is_some()),
                ("subject_token_type", self.subject_token_type.is_some()),
            ],
            GrantType::Ciba => &[("auth_req_id", self.auth_req_id.is_some())],
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
    /// `authorization_details` — the authorization details granted and assigned to
    /// the access token; the authorization server MUST return them when the token has
    /// any (RFC 9396 §7), and MAY enrich them (§7.1).
    #[oidc(json)]
    pub authorization_details: Option<Vec<AuthorizationDetail>>,
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
            authorization_details: None,
            extra: ExtraParams::new(),
        }
    }

    /// Whether `token_type` is `Bearer`, compared case-insensitively (RFC 6749 §5.1).
    pub fn is_bearer(&self) -> bool {
        self.token_type.eq_ignore_ascii_case("bearer")
    }

    /// Whether `token_type` is `DPoP` (RFC 9449 §5: a DPoP-bound access token, sent as
    /// `Authorization: DPoP <token>` with a proof), compared case-insensitively.
    pub fn is_dpop(&self) -> bool {
        self.token_type.eq_ignore_ascii_case("dpop")
    }
}

crate::string_enum! {
    /// The `error` codes of a Token Error Response (RFC 6749 §5.2), with those the
    /// extension grants and the endpoints that answer like the token endpoint add
    /// (revocation, RFC 7009 §2.2.1; device authorization, RFC 8628 §3.2), and every
    /// other code the IANA "OAuth Extensions Error Registry" lists for the token endpoint
    /// (as of its 2025-08-04 update). Any other code is `Other`.
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
        /// RFC 8628 §3.5, CIBA Core §11: the user has not completed the authorization
        /// yet; poll again after the interval.
        AuthorizationPending = "authorization_pending",
        /// RFC 8628 §3.5, CIBA Core §11: still pending, and the interval MUST grow by
        /// 5 seconds for this and every later poll.
        SlowDown = "slow_down",
        /// RFC 8628 §3.5, CIBA Core §11: the authorization was denied.
        AccessDenied = "access_denied",
        /// RFC 8628 §3.5 (the `device_code`), CIBA Core §11 (the `auth_req_id`): it
        /// has expired; stop polling.
        ExpiredToken = "expired_token",
        /// CIBA Core §12: the provider could not complete the authentication
        /// (a push-mode error).
        TransactionFailed = "transaction_failed",
        /// RFC 8693 §2.2.2, RFC 8707 §2: the requested `resource` or `audience` is
        /// unknown or not acceptable.
        InvalidTarget = "invalid_target",
        /// RFC 7009 §2.2.1: the revocation endpoint does not revoke this type of token.
        UnsupportedTokenType = "unsupported_token_type",
        /// The DPoP proof is invalid (RFC 9449 §5, §12.2).
        InvalidDpopProof = "invalid_dpop_proof",
        /// The server wants a DPoP proof with the nonce it sends in the `DPoP-Nonce`
        /// header (RFC 9449 §8; see `dpop::nonce_challenge`).
        UseDpopNonce = "use_dpop_nonce",
        /// UMA 2.0 Grant for OAuth 2.0 §3.3.6: the authorization server needs more
        /// information (claims) to decide.
        NeedInfo = "need_info",
        /// UMA 2.0 Grant for OAuth 2.0 §3.3.6: the request was denied.
        RequestDenied = "request_denied",
        /// UMA 2.0 Grant for OAuth 2.0 §3.3.6: the request was submitted for approval.
        RequestSubmitted = "request_submitted",
        /// The proof-of-possession key in the request cannot be used (RFC 9200 §5.8.3).
        UnsupportedPopKey = "unsupported_pop_key",
        /// The client and the resource server share no ACE profile (RFC 9200 §5.8.3).
        IncompatibleAceProfiles = "incompatible_ace_profiles",
        /// `authorization_details` asks for more than the grant allows, or is invalid
        /// (RFC 9396 §6, §8 by way of §5).
        InvalidAuthorizationDetails = "invalid_authorization_details",
        /// OpenID for Verifiable Presentations 1.0 §8.5: the wallet supports none of the
        /// requested credential formats.
        VpFormatsNotSupported = "vp_formats_not_supported",
        /// OpenID for Verifiable Presentations 1.0 §8.5: the wallet is not available.
        WalletUnavailable = "wallet_unavailable",
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
