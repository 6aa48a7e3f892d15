//! OAuth 2.0 Device Authorization Grant (RFC 8628): the device authorization request
//! and response (§3.1, §3.2) and the polling rule (§3.5). The token request is a
//! [`TokenRequest`](super::TokenRequest) built with
//! [`for_device_code`](super::TokenRequest::for_device_code); its polling errors are
//! [`TokenErrorCode`] variants.

use std::time::Duration;

use crate::{ExtraParams, OidcMessage};

use super::token::{TokenErrorCode, TokenErrorResponse};

/// The polling interval when the response gives none: 5 seconds (RFC 8628 §3.2).
pub const DEFAULT_POLLING_INTERVAL: u64 = 5;

fn default_interval() -> u64 {
    DEFAULT_POLLING_INTERVAL
}

/// A Device Authorization Request (RFC 8628 §3.1), POSTed form-encoded to the device
/// authorization endpoint. Every parameter is optional (`client_id` is REQUIRED when
/// the client does not authenticate, RFC 6749 §3.2.1), so it is built with `Default`.
///
/// ```
/// use oidc_core::messages::DeviceAuthorizationRequest;
/// use oidc_core::OidcMessage;
///
/// let mut request = DeviceAuthorizationRequest::default();
/// request.client_id = Some("1406020730".into());
/// request.scope = Some(vec!["example_scope".into()]);
/// assert_eq!(request.to_form(), "client_id=1406020730&scope=example_scope");
/// ```
#[derive(OidcMessage, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct DeviceAuthorizationRequest {
    /// `client_id` — REQUIRED if the client is not authenticating with the
    /// authorization server (RFC 6749 §3.2.1).
    pub client_id: Option<String>,
    /// `scope` — OPTIONAL. Space-delimited (RFC 6749 §3.3).
    #[oidc(space_delimited)]
    pub scope: Option<Vec<String>>,
    /// Any other parameter (`resource`, `authorization_details`, ...).
    #[oidc(extra)]
    pub extra: ExtraParams,
}

/// A Device Authorization Response (RFC 8628 §3.2).
///
/// `device_code` is the device's credential for polling; `user_code` (and
/// `verification_uri_complete`, which embeds it) binds a user's approval to this
/// device, so all three are redacted in `Debug`: show them to the user, never log them.
///
/// ```
/// use oidc_core::messages::DeviceAuthorizationResponse;
///
/// let response = DeviceAuthorizationResponse::from_json(r#"{"device_code":"GmRhmhcx",
///     "user_code":"WDJB-MJHT","verification_uri":"https://example.com/device","expires_in":1800}"#)?;
/// let codes = response.into_result().unwrap();
/// assert_eq!(codes.interval, 5); // absent: RFC 8628 §3.2's default
/// # Ok::<(), oidc_core::Error>(())
/// ```
#[derive(OidcMessage, Clone, PartialEq)]
#[non_exhaustive]
pub struct DeviceAuthorizationSuccessResponse {
    /// `device_code` — REQUIRED. The device verification code.
    #[oidc(required, secret)]
    pub device_code: String,
    /// `user_code` — REQUIRED. The end-user verification code.
    #[oidc(required, secret)]
    pub user_code: String,
    /// `verification_uri` — REQUIRED. Where the user enters `user_code`.
    #[oidc(required)]
    pub verification_uri: String,
    /// `verification_uri_complete` — OPTIONAL. A verification URI that includes the
    /// `user_code`, for non-textual transmission (a QR code).
    #[oidc(secret)]
    pub verification_uri_complete: Option<String>,
    /// `expires_in` — REQUIRED. Lifetime in seconds of `device_code` and `user_code`.
    #[oidc(required)]
    pub expires_in: u64,
    /// `interval` — OPTIONAL. The minimum number of seconds between polls; 5 when
    /// absent (and not written when 5).
    #[oidc(default = default_interval)]
    pub interval: u64,
    /// Any other member.
    #[oidc(extra)]
    pub extra: ExtraParams,
}

impl DeviceAuthorizationSuccessResponse {
    /// A response with its REQUIRED members and the default interval.
    pub fn new(
        device_code: impl Into<String>,
        user_code: impl Into<String>,
        verification_uri: impl Into<String>,
        expires_in: u64,
    ) -> Self {
        DeviceAuthorizationSuccessResponse {
            device_code: device_code.into(),
            user_code: user_code.into(),
            verification_uri: verification_uri.into(),
            verification_uri_complete: None,
            expires_in,
            interval: DEFAULT_POLLING_INTERVAL,
            extra: ExtraParams::new(),
        }
    }

    /// The polling rule for this authorization, starting at its `interval`.
    pub fn polling(&self) -> DevicePolling {
        DevicePolling::new(Duration::from_secs(self.interval))
    }
}

/// A device authorization error: RFC 8628 §3.2 answers errors as RFC 6749 §5.2 does.
pub type DeviceAuthorizationErrorResponse = TokenErrorResponse;

/// What the device authorization endpoint answers: the codes or an error.
// Both variants are plain messages; boxing one would add an allocation per response
// for no gain.
#[allow(clippy::large_enum_variant)]
#[derive(OidcMessage, Clone, PartialEq)]
pub enum DeviceAuthorizationResponse {
    /// The success response.
    Success(DeviceAuthorizationSuccessResponse),
    /// The error response (it has an `error` parameter).
    Error(DeviceAuthorizationErrorResponse),
}

/// The polling rule of RFC 8628 §3.5 (CIBA Core §7.3 and §11 poll the same way): wait
/// `interval` before each token request; on `authorization_pending` poll again after
/// the same interval; on `slow_down` add 5 seconds, for that poll and all later ones;
/// on any other error stop. On a connection timeout, §3.5 RECOMMENDS backing off
/// exponentially: [`on_timeout`](Self::on_timeout) doubles the interval.
///
/// Pure arithmetic: the caller sleeps, sends, and stops at `expires_in`.
///
/// ```
/// use std::time::Duration;
/// use oidc_core::messages::{DevicePolling, TokenErrorCode};
///
/// let mut polling = DevicePolling::new(Duration::from_secs(5));
/// assert_eq!(polling.on_error(&TokenErrorCode::AuthorizationPending), Some(Duration::from_secs(5)));
/// assert_eq!(polling.on_error(&TokenErrorCode::SlowDown), Some(Duration::from_secs(10)));
/// assert_eq!(polling.on_error(&TokenErrorCode::AuthorizationPending), Some(Duration::from_secs(10)));
/// assert_eq!(polling.on_error(&TokenErrorCode::ExpiredToken), None); // stop
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DevicePolling {
    interval: Duration,
}

impl DevicePolling {
    /// What `slow_down` adds to the interval (RFC 8628 §3.5).
    pub const SLOW_DOWN_STEP: Duration = Duration::from_secs(5);

    /// Polling every `interval` (the response's `interval`, or
    /// [`DEFAULT_POLLING_INTERVAL`] seconds).
    pub fn new(interval: Duration) -> Self {
        DevicePolling { interval }
    }

    /// The wait before the next token request.
    pub fn interval(&self) -> Duration {
        self.interval
    }

    /// The wait before the next poll after the token endpoint answered `error`, or
    /// `None` when polling must stop (every code but `authorization_pending` and
    /// `slow_down`: RFC 8628 §3.5 "MUST stop polling").
    pub fn on_error(&mut self, error: &TokenErrorCode) -> Option<Duration> {
        match error {
            TokenErrorCode::AuthorizationPending => Some(self.interval),
            TokenErrorCode::SlowDown => {
                self.interval = self.interval.saturating_add(Self::SLOW_DOWN_STEP);
                Some(self.interval)
            }
            _ => None,
        }
    }

    /// The wait after a connection timeout: the interval doubled, for this and later
    /// polls (§3.5's RECOMMENDED exponential backoff).
    pub fn on_timeout(&mut self) -> Duration {
        self.interval = self.interval.saturating_mul(2);
        self.interval
    }
}
