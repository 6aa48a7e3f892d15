//! JWT-Secured Authorization Requests (RFC 9101; OpenID Connect Core 1.0 §6): the
//! Request Object, and the authorization request that carries it by value or by
//! reference (also PAR's, RFC 9126 §4).

use crate::error::ErrorKind;
use crate::{Audience, ExtraParams, NumericDate, OidcMessage};

use super::AuthenticationRequest;

/// The claims of a Request Object (RFC 9101 §4): the authorization request's
/// parameters as JWT claims, plus `iss` (the client id) and `aud` (the provider's issuer
/// identifier) that a signed Request Object SHOULD have, and the lifetime claims.
///
/// Its token kind is [`TokenKind::REQUEST_OBJECT`](crate::jwt::TokenKind::REQUEST_OBJECT)
/// (`typ` `oauth-authz-req+jwt`, absent or `JWT`). The parameters are an
/// [`AuthenticationRequest`], flattened: unknown claims land in its `extra`, so they
/// stay authorization parameters. A client makes one with
/// `request_object::sign_request_object`; a provider verifies it and applies RFC 9101
/// §6.3 with `validation::RequestObjectValidation::verify`.
#[derive(OidcMessage, Clone, PartialEq)]
#[oidc(token_kind = crate::jwt::TokenKind::REQUEST_OBJECT)]
#[non_exhaustive]
pub struct RequestObject {
    /// The authorization request parameters.
    #[oidc(flatten)]
    pub request: AuthenticationRequest,
    /// `iss` — SHOULD be present when signed (RFC 9101 §4): the client id.
    pub iss: Option<String>,
    /// `aud` — SHOULD be present when signed (RFC 9101 §4): the issuer identifier of the
    /// authorization server.
    pub aud: Option<Audience>,
    /// `exp` — when the Request Object expires (FAPI 2.0 requires it).
    pub exp: Option<NumericDate>,
    /// `nbf` — not valid before (FAPI 2.0 requires it).
    pub nbf: Option<NumericDate>,
    /// `iat` — when it was made.
    pub iat: Option<NumericDate>,
    /// `jti` — a unique identifier.
    pub jti: Option<String>,
}

impl RequestObject {
    /// The Request Object for `request`, with no JWT claims set.
    pub fn new(request: AuthenticationRequest) -> Self {
        RequestObject {
            request,
            iss: None,
            aud: None,
            exp: None,
            nbf: None,
            iat: None,
            jti: None,
        }
    }
}

/// An authorization request whose parameters are in a Request Object (RFC 9101 §5):
/// `client_id` plus the Request Object by value (`request`, §5.1) or by reference
/// (`request_uri`, §5.2) — which is also how the authorization request reads after a
/// pushed authorization request (RFC 9126 §4: `client_id` + the `request_uri` the
/// provider returned).
///
/// Exactly one of `request` and `request_uri` is present (RFC 9101 §5: a request with
/// both is refused when decoding). The provider uses only the Request Object's
/// parameters (RFC 9101 §6.3); anything else in the query lands in `extra` and is not
/// authoritative.
///
/// ```
/// use oidc_core::messages::JarRequest;
/// use oidc_core::OidcMessage;
///
/// // RFC 9126 §4.
/// let request = JarRequest::by_reference("s6BhdRkqt3", "urn:ietf:params:oauth:request_uri:6esc_11ACC5bwc014ltc14eY22c");
/// assert_eq!(
///     request.to_url("https://server.example.com/authorize")?,
///     "https://server.example.com/authorize?client_id=s6BhdRkqt3\
///      &request_uri=urn%3Aietf%3Aparams%3Aoauth%3Arequest_uri%3A6esc_11ACC5bwc014ltc14eY22c"
/// );
/// assert!(JarRequest::from_form("client_id=c").is_err());
/// # Ok::<(), oidc_core::Error>(())
/// ```
#[derive(OidcMessage, Clone, PartialEq)]
#[oidc(validate = JarRequest::check_one_request)]
#[non_exhaustive]
pub struct JarRequest {
    /// `client_id` — REQUIRED (RFC 9101 §5); must equal the Request Object's.
    #[oidc(required)]
    pub client_id: String,
    /// `request` — the Request Object, by value (RFC 9101 §5.1). Redacted in `Debug`.
    #[oidc(secret)]
    pub request: Option<String>,
    /// `request_uri` — where the Request Object is (RFC 9101 §5.2), or the reference a
    /// PAR endpoint returned (RFC 9126 §2.2).
    pub request_uri: Option<String>,
    /// Any other parameter (ignored by the provider, RFC 9101 §6.3).
    #[oidc(extra)]
    pub extra: ExtraParams,
}

impl JarRequest {
    /// `client_id` and the Request Object by value.
    pub fn by_value(client_id: impl Into<String>, request: impl Into<String>) -> Self {
        JarRequest {
            client_id: client_id.into(),
            request: Some(request.into()),
            request_uri: None,
            extra: ExtraParams::new(),
        }
    }

    /// `client_id` and a reference to the Request Object (or to a pushed request).
    pub fn by_reference(client_id: impl Into<String>, request_uri: impl Into<String>) -> Self {
        JarRequest {
            client_id: client_id.into(),
            request: None,
            request_uri: Some(request_uri.into()),
            extra: ExtraParams::new(),
        }
    }

    /// RFC 9101 §5: `request` or `request_uri`, not both, not neither.
    fn check_one_request(&self) -> Result<(), ErrorKind> {
        match (&self.request, &self.request_uri) {
            (Some(_), Some(_)) => Err(ErrorKind::Invalid(
                "request and request_uri must not both be present (RFC 9101 §5)".to_owned(),
            )),
            (None, None) => Err(ErrorKind::Missing("request".to_owned())),
            _ => Ok(()),
        }
    }
}
