//! OpenID Connect Client-Initiated Backchannel Authentication Flow - Core 1.0 (CIBA):
//! the backchannel authentication request (§7.1) and its response (§7.3, errors
//! §13), and the notifications the provider sends the client's notification endpoint
//! in ping mode (§10.2) and push mode (§10.3.1, errors §12). The token request is a
//! [`TokenRequest`](super::TokenRequest) built with
//! [`for_ciba`](super::TokenRequest::for_ciba); its errors are token errors (§11), and
//! poll mode waits as [`DevicePolling`](super::DevicePolling) says.
//!
//! Both notifications are POSTed as JSON with the request's `client_notification_token`
//! as a bearer token (`Authorization: Bearer ...`): check it before reading the body.

use crate::error::ErrorKind;
use crate::{ExtraParams, OidcMessage};

use super::device::DEFAULT_POLLING_INTERVAL;
use super::token::{TokenErrorCode, TokenSuccessResponse};

fn default_interval() -> u64 {
    DEFAULT_POLLING_INTERVAL
}

/// A Backchannel Authentication Request (CIBA Core §7.1), POSTed form-encoded to the
/// backchannel authentication endpoint with the client's authentication.
///
/// Exactly one of `login_hint_token`, `id_token_hint` and `login_hint` identifies the
/// user, so there is one constructor per hint; decoding refuses none or several, and
/// a `scope` without `openid`. A signed request (§7.1.1) carries its parameters in
/// `request`: decoding then checks nothing else (decode the request object's claims
/// as this message to apply the rules to them).
///
/// ```
/// use oidc_core::messages::BackchannelAuthenticationRequest;
/// use oidc_core::OidcMessage;
///
/// let mut request = BackchannelAuthenticationRequest::with_login_hint(["openid", "email"], "alice");
/// request.binding_message = Some("W4SCT".into());
/// assert_eq!(request.to_form(), "scope=openid+email&login_hint=alice&binding_message=W4SCT");
/// let err = BackchannelAuthenticationRequest::from_form("scope=openid").unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "BackchannelAuthenticationRequest: exactly one of login_hint_token, id_token_hint \
///      and login_hint is required, got none (CIBA Core §7.1)"
/// );
/// ```
#[derive(OidcMessage, Clone, PartialEq)]
#[non_exhaustive]
#[oidc(validate = BackchannelAuthenticationRequest::check)]
pub struct BackchannelAuthenticationRequest {
    /// `scope` — REQUIRED, and MUST contain `openid`. Space-delimited.
    #[oidc(space_delimited)]
    pub scope: Option<Vec<String>>,
    /// `client_notification_token` — REQUIRED in ping and push modes: the bearer token
    /// the provider sends with its notification.
    #[oidc(secret)]
    pub client_notification_token: Option<String>,
    /// `acr_values` — OPTIONAL. Space-delimited, in order of preference.
    #[oidc(space_delimited)]
    pub acr_values: Option<Vec<String>>,
    /// `login_hint_token` — OPTIONAL (one of the three hints): a token identifying the
    /// user, in a deployment-specific format.
    #[oidc(secret)]
    pub login_hint_token: Option<String>,
    /// `id_token_hint` — OPTIONAL (one of the three hints): an ID Token the provider
    /// issued to this client.
    #[oidc(secret)]
    pub id_token_hint: Option<String>,
    /// `login_hint` — OPTIONAL (one of the three hints): an e-mail address, phone
    /// number, user name, ...
    pub login_hint: Option<String>,
    /// `binding_message` — OPTIONAL. A short text shown on both devices to tie them
    /// together.
    pub binding_message: Option<String>,
    /// `user_code` — OPTIONAL. A secret known to the user that authorizes sending the
    /// request to their device (when the client registered
    /// `backchannel_user_code_parameter`).
    #[oidc(secret)]
    pub user_code: Option<String>,
    /// `requested_expiry` — OPTIONAL. The `expires_in` the client would like, in
    /// seconds.
    pub requested_expiry: Option<u64>,
    /// `request` — a signed authentication request (§7.1.1) carrying the parameters
    /// above as claims.
    #[oidc(secret)]
    pub request: Option<String>,
    /// Any other parameter (`client_id`, client assertions, `request_context`, ...).
    #[oidc(extra)]
    pub extra: ExtraParams,
}

impl BackchannelAuthenticationRequest {
    fn with_scope<S: Into<String>>(scope: impl IntoIterator<Item = S>) -> Self {
        let mut request = Self::empty();
        request.scope = Some(scope.into_iter().map(Into::into).collect());
        request
    }

    fn empty() -> Self {
        BackchannelAuthenticationRequest {
            scope: None,
            client_notification_token: None,
            acr_values: None,
            login_hint_token: None,
            id_token_hint: None,
            login_hint: None,
            binding_message: None,
            user_code: None,
            requested_expiry: None,
            request: None,
            extra: ExtraParams::new(),
        }
    }

    /// A request for the user named by `login_hint`.
    pub fn with_login_hint<S: Into<String>>(
        scope: impl IntoIterator<Item = S>,
        login_hint: impl Into<String>,
    ) -> Self {
        let mut request = Self::with_scope(scope);
        request.login_hint = Some(login_hint.into());
        request
    }

    /// A request for the user of a previously issued ID Token.
    pub fn with_id_token_hint<S: Into<String>>(
        scope: impl IntoIterator<Item = S>,
        id_token_hint: impl Into<String>,
    ) -> Self {
        let mut request = Self::with_scope(scope);
        request.id_token_hint = Some(id_token_hint.into());
        request
    }

    /// A request for the user identified by a login hint token.
    pub fn with_login_hint_token<S: Into<String>>(
        scope: impl IntoIterator<Item = S>,
        login_hint_token: impl Into<String>,
    ) -> Self {
        let mut request = Self::with_scope(scope);
        request.login_hint_token = Some(login_hint_token.into());
        request
    }

    /// A signed authentication request (§7.1.1): its parameters are in `request`.
    pub fn signed(request: impl Into<String>) -> Self {
        let mut message = Self::empty();
        message.request = Some(request.into());
        message
    }

    /// §7.1: `scope` with `openid`, exactly one hint; nothing for a signed request.
    fn check(&self) -> Result<(), ErrorKind> {
        if self.request.is_some() {
            return Ok(());
        }
        match &self.scope {
            None => return Err(ErrorKind::Missing("scope".to_owned())),
            Some(scope) if !scope.iter().any(|s| s == "openid") => {
                return Err(ErrorKind::InvalidValue {
                    parameter: "scope".to_owned(),
                    reason: "must contain openid (CIBA Core §7.1)".to_owned(),
                })
            }
            Some(_) => {}
        }
        let hints = [
            self.login_hint_token.is_some(),
            self.id_token_hint.is_some(),
            self.login_hint.is_some(),
        ];
        match hints.iter().filter(|present| **present).count() {
            1 => Ok(()),
            n => Err(ErrorKind::Invalid(format!(
                "exactly one of login_hint_token, id_token_hint and login_hint is required, \
                 got {} (CIBA Core §7.1)",
                if n == 0 { "none" } else { "several" }
            ))),
        }
    }
}

/// A successful Authentication Request Acknowledgement (CIBA Core §7.3).
#[derive(OidcMessage, Clone, PartialEq)]
#[non_exhaustive]
pub struct BackchannelAuthenticationSuccessResponse {
    /// `auth_req_id` — REQUIRED. The identifier of this authentication request, for
    /// the token request and the notifications.
    #[oidc(required, secret)]
    pub auth_req_id: String,
    /// `expires_in` — REQUIRED. Lifetime of `auth_req_id` in seconds.
    #[oidc(required)]
    pub expires_in: u64,
    /// `interval` — OPTIONAL. The minimum number of seconds between polls (poll mode);
    /// 5 when absent (and not written when 5).
    #[oidc(default = default_interval)]
    pub interval: u64,
    /// Any other member.
    #[oidc(extra)]
    pub extra: ExtraParams,
}

impl BackchannelAuthenticationSuccessResponse {
    /// A response with its REQUIRED members and the default interval.
    pub fn new(auth_req_id: impl Into<String>, expires_in: u64) -> Self {
        BackchannelAuthenticationSuccessResponse {
            auth_req_id: auth_req_id.into(),
            expires_in,
            interval: DEFAULT_POLLING_INTERVAL,
            extra: ExtraParams::new(),
        }
    }
}

crate::string_enum! {
    /// The `error` codes of a backchannel authentication error response (CIBA Core
    /// §13).
    pub enum BackchannelAuthenticationErrorCode {
        /// Missing, invalid or repeated parameter, or several hints.
        InvalidRequest = "invalid_request",
        /// The scope is invalid, unknown or malformed.
        InvalidScope = "invalid_scope",
        /// The `login_hint_token` has expired.
        ExpiredLoginHintToken = "expired_login_hint_token",
        /// The hint does not identify a known user.
        UnknownUserId = "unknown_user_id",
        /// The client may not use CIBA, or not with this delivery mode.
        UnauthorizedClient = "unauthorized_client",
        /// The `user_code` is required and missing.
        MissingUserCode = "missing_user_code",
        /// The `user_code` is wrong.
        InvalidUserCode = "invalid_user_code",
        /// The `binding_message` is invalid or unacceptable.
        InvalidBindingMessage = "invalid_binding_message",
        /// Client authentication failed.
        InvalidClient = "invalid_client",
        /// The provider denied the request.
        AccessDenied = "access_denied",
    }
}

/// A backchannel authentication error response (CIBA Core §13).
#[derive(OidcMessage, Clone, PartialEq)]
#[non_exhaustive]
pub struct BackchannelAuthenticationErrorResponse {
    /// `error` — REQUIRED.
    #[oidc(required)]
    pub error: BackchannelAuthenticationErrorCode,
    /// `error_description` — OPTIONAL.
    pub error_description: Option<String>,
    /// `error_uri` — OPTIONAL.
    pub error_uri: Option<String>,
    /// Any other member.
    #[oidc(extra)]
    pub extra: ExtraParams,
}

impl BackchannelAuthenticationErrorResponse {
    /// An error response with its REQUIRED `error` code and nothing else.
    pub fn new(error: impl Into<BackchannelAuthenticationErrorCode>) -> Self {
        BackchannelAuthenticationErrorResponse {
            error: error.into(),
            error_description: None,
            error_uri: None,
            extra: ExtraParams::new(),
        }
    }
}

/// What the backchannel authentication endpoint answers: the acknowledgement or an
/// error.
#[derive(OidcMessage, Clone, PartialEq)]
pub enum BackchannelAuthenticationResponse {
    /// The success response.
    Success(BackchannelAuthenticationSuccessResponse),
    /// The error response (it has an `error` parameter).
    Error(BackchannelAuthenticationErrorResponse),
}

/// A ping callback (CIBA Core §10.2): the authentication has ended (either way); fetch
/// the result with [`TokenRequest::for_ciba`](super::TokenRequest::for_ciba).
#[derive(OidcMessage, Clone, PartialEq)]
#[non_exhaustive]
pub struct CibaPingNotification {
    /// `auth_req_id` — REQUIRED.
    #[oidc(required, secret)]
    pub auth_req_id: String,
    /// Any other member (ignored by clients, §10.2).
    #[oidc(extra)]
    pub extra: ExtraParams,
}

impl CibaPingNotification {
    /// A ping for `auth_req_id`.
    pub fn new(auth_req_id: impl Into<String>) -> Self {
        CibaPingNotification {
            auth_req_id: auth_req_id.into(),
            extra: ExtraParams::new(),
        }
    }
}

/// A successful token push (CIBA Core §10.3.1): a token response (RFC 6749 §4.1.4,
/// OIDC Core §3.1.3.3) plus `auth_req_id`. The ID Token then carries the
/// `urn:openid:params:jwt:claim:auth_req_id`, `...:at_hash` and `...:rt_hash` claims
/// to check against this body (§10.3.1).
#[derive(OidcMessage, Clone, PartialEq)]
#[non_exhaustive]
pub struct CibaPushSuccess {
    /// `auth_req_id` — REQUIRED.
    #[oidc(required, secret)]
    pub auth_req_id: String,
    /// The token response members (`access_token`, `token_type`, `id_token`, ...);
    /// unknown members land in its `extra`.
    #[oidc(flatten)]
    pub tokens: TokenSuccessResponse,
}

impl CibaPushSuccess {
    /// A push of `tokens` for `auth_req_id`.
    pub fn new(auth_req_id: impl Into<String>, tokens: TokenSuccessResponse) -> Self {
        CibaPushSuccess {
            auth_req_id: auth_req_id.into(),
            tokens,
        }
    }
}

/// A push error (CIBA Core §12): `access_denied`, `expired_token` or
/// `transaction_failed`, with the `auth_req_id`.
#[derive(OidcMessage, Clone, PartialEq)]
#[non_exhaustive]
pub struct CibaPushError {
    /// `auth_req_id` — REQUIRED.
    #[oidc(required, secret)]
    pub auth_req_id: String,
    /// `error` — REQUIRED.
    #[oidc(required)]
    pub error: TokenErrorCode,
    /// `error_description` — OPTIONAL.
    pub error_description: Option<String>,
    /// Any other member.
    #[oidc(extra)]
    pub extra: ExtraParams,
}

impl CibaPushError {
    /// A push error for `auth_req_id`.
    pub fn new(auth_req_id: impl Into<String>, error: impl Into<TokenErrorCode>) -> Self {
        CibaPushError {
            auth_req_id: auth_req_id.into(),
            error: error.into(),
            error_description: None,
            extra: ExtraParams::new(),
        }
    }
}

/// What a push-mode provider POSTs to the client notification endpoint: the tokens or
/// an error (CIBA Core §10.3.1, §12).
// Both variants are plain messages; boxing one would add an allocation per
// notification for no gain.
#[allow(clippy::large_enum_variant)]
#[derive(OidcMessage, Clone, PartialEq)]
pub enum CibaPushNotification {
    /// The tokens.
    Success(CibaPushSuccess),
    /// The error (it has an `error` member).
    Error(CibaPushError),
}
