//! Pushed Authorization Requests (RFC 9126).

use crate::{ExtraParams, OidcMessage};

/// The PAR endpoint's success response (RFC 9126 §2.2, HTTP 201): a reference to the
/// pushed request, to send to the authorization endpoint with the `client_id` (see
/// [`JarRequest::by_reference`](super::JarRequest::by_reference)).
///
/// The request itself is the authorization request's parameters (an
/// [`AuthenticationRequest`](super::AuthenticationRequest)'s `to_form`, or a
/// [`JarRequest::by_value`](super::JarRequest::by_value) for a signed Request Object)
/// with the client's authentication applied (`client_auth::ClientAuth::apply`), POSTed
/// form-encoded to `pushed_authorization_request_endpoint`.
#[derive(OidcMessage, Clone, PartialEq)]
#[non_exhaustive]
pub struct PushedAuthorizationSuccessResponse {
    /// `request_uri` — REQUIRED: the reference, used once (`urn:ietf:params:oauth:request_uri:..`).
    #[oidc(required)]
    pub request_uri: String,
    /// `expires_in` — REQUIRED: its lifetime in seconds.
    #[oidc(required)]
    pub expires_in: u64,
    /// Any other member.
    #[oidc(extra)]
    pub extra: ExtraParams,
}

impl PushedAuthorizationSuccessResponse {
    /// A response naming `request_uri`, valid `expires_in` seconds.
    pub fn new(request_uri: impl Into<String>, expires_in: u64) -> Self {
        PushedAuthorizationSuccessResponse {
            request_uri: request_uri.into(),
            expires_in,
            extra: ExtraParams::new(),
        }
    }
}

crate::string_enum! {
    /// The `error` codes of a PAR error response (RFC 9126 §2.3): the token endpoint's
    /// (RFC 6749 §5.2) and the authorization endpoint's (§4.1.2.1), plus those of RFC
    /// 9101 and RFC 9449 that apply to a pushed request.
    pub enum PushedAuthorizationErrorCode {
        /// Missing, repeated or malformed parameter (also: a request that must be pushed was not).
        InvalidRequest = "invalid_request",
        /// Client authentication failed.
        InvalidClient = "invalid_client",
        /// The client may not push requests, or not this one.
        UnauthorizedClient = "unauthorized_client",
        /// The requested scope is invalid, unknown or malformed.
        InvalidScope = "invalid_scope",
        /// The resource owner or authorization server denied the request.
        AccessDenied = "access_denied",
        /// The response type is not supported.
        UnsupportedResponseType = "unsupported_response_type",
        /// The `request` parameter holds an invalid Request Object (RFC 9101 §6.2).
        InvalidRequestObject = "invalid_request_object",
        /// The DPoP proof is invalid (RFC 9449 §10).
        InvalidDpopProof = "invalid_dpop_proof",
        /// The server wants a DPoP proof with its nonce (RFC 9449 §8).
        UseDpopNonce = "use_dpop_nonce",
        /// An unexpected condition.
        ServerError = "server_error",
        /// Temporary overload or maintenance.
        TemporarilyUnavailable = "temporarily_unavailable",
    }
}

/// A PAR error response (RFC 9126 §2.3), in the token endpoint's format.
#[derive(OidcMessage, Clone, PartialEq)]
#[non_exhaustive]
pub struct PushedAuthorizationErrorResponse {
    /// `error` — REQUIRED.
    #[oidc(required)]
    pub error: PushedAuthorizationErrorCode,
    /// `error_description` — OPTIONAL.
    pub error_description: Option<String>,
    /// `error_uri` — OPTIONAL.
    pub error_uri: Option<String>,
    /// Any other member.
    #[oidc(extra)]
    pub extra: ExtraParams,
}

impl PushedAuthorizationErrorResponse {
    /// An error response with `error` and nothing else.
    pub fn new(error: PushedAuthorizationErrorCode) -> Self {
        PushedAuthorizationErrorResponse {
            error,
            error_description: None,
            error_uri: None,
            extra: ExtraParams::new(),
        }
    }
}

/// What the PAR endpoint answers (RFC 9126 §2.2, §2.3).
///
/// ```
/// use oidc_core::messages::{PushedAuthorizationErrorCode, PushedAuthorizationResponse};
///
/// // RFC 9126 §2.2.
/// let ok = PushedAuthorizationResponse::from_json(r#"{"request_uri":"urn:ietf:params:oauth:request_uri:6esc_11ACC5bwc014ltc14eY22c","expires_in":60}"#)?;
/// assert_eq!(ok.into_result().unwrap().expires_in, 60);
/// let err = PushedAuthorizationResponse::from_json(r#"{"error":"invalid_request","error_description":"The redirect_uri is not valid for the given client"}"#)?;
/// assert_eq!(err.into_result().unwrap_err().error, PushedAuthorizationErrorCode::InvalidRequest);
/// # Ok::<(), oidc_core::Error>(())
/// ```
#[derive(OidcMessage, Clone, PartialEq)]
pub enum PushedAuthorizationResponse {
    /// The success response.
    Success(PushedAuthorizationSuccessResponse),
    /// The error response (it has an `error` parameter).
    Error(PushedAuthorizationErrorResponse),
}
