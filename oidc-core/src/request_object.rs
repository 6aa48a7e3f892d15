//! Request Objects (RFC 9101, OpenID Connect Core 1.0 §6): an authorization request's
//! parameters signed as a JWT, sent by value (`request`) or by reference
//! (`request_uri`; with PAR, the reference the provider returned).
//!
//! A client signs its [`AuthenticationRequest`] with [`sign_request_object`] and sends
//! a [`JarRequest`]: `client_id` plus the JWT ([`JarRequest::by_value`]), or pushes it
//! to the PAR endpoint and sends `client_id` plus the returned `request_uri`
//! ([`JarRequest::by_reference`]). A provider verifies it with
//! [`RequestObjectValidation::verify`](crate::validation::RequestObjectValidation::verify);
//! RFC 9101 §6.3 then says to use only the Request Object's parameters, and its
//! `client_id` must be the request's.
//!
//! [`JarRequest`]: crate::messages::JarRequest
//! [`JarRequest::by_value`]: crate::messages::JarRequest::by_value
//! [`JarRequest::by_reference`]: crate::messages::JarRequest::by_reference
//!
//! ```
//! use oidc_core::jwt::{Algorithm, SigningKey};
//! use oidc_core::messages::{AuthenticationRequest, JarRequest, RequestObject};
//! use oidc_core::request_object::sign_request_object;
//! use oidc_core::validation::RequestObjectValidation;
//! use oidc_core::{Location, OidcMessage};
//!
//! let client_key = SigningKey::generate(Algorithm::ES256)?;
//! let mut request = AuthenticationRequest::new("s6BhdRkqt3", "https://client.example.org/cb", ["openid"]);
//! request.state = Some("af0ifjsldkj".into());
//! let jwt = sign_request_object(&request, &client_key, "https://server.example.com")?;
//! let url = JarRequest::by_value("s6BhdRkqt3", jwt).to_url("https://server.example.com/authorize")?;
//!
//! // The provider's side.
//! let received = JarRequest::from_url(&url, Location::Query)?;
//! let checks = RequestObjectValidation::new("https://server.example.com", &received.client_id)
//!     .algorithms(&[Algorithm::ES256]); // the client's request_object_signing_alg
//! let verified: RequestObject = checks.verify(received.request.as_deref().unwrap(), &client_key.verifying_keys())?;
//! assert_eq!(verified.request, request); // RFC 9101 §6.3: only these parameters count
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::jwt::{JwtError, SigningKey};
use crate::messages::{AuthenticationRequest, RequestObject};
use crate::validation::{Clock, SystemClock};
use crate::{Audience, NumericDate, OidcMessage};

/// The default lifetime of a Request Object, in seconds (FAPI 2.0 allows up to 60
/// minutes between `nbf` and `exp`; a PAR request is used within seconds).
pub const DEFAULT_LIFETIME_SECS: i64 = 300;

/// Signs `request` as a Request Object (RFC 9101 §4) for the provider whose issuer
/// identifier is `audience`: its parameters as claims, plus `iss` (the client id),
/// `aud`, `iat` and `nbf` (now, system clock), `exp` (now + 300 s) and a random `jti`;
/// header `typ: oauth-authz-req+jwt` (RFC 9101 §4, §10.8), the key's `alg` and `kid`.
pub fn sign_request_object(
    request: &AuthenticationRequest,
    key: &SigningKey,
    audience: &str,
) -> Result<String, JwtError> {
    sign_request_object_at(
        request,
        key,
        audience,
        SystemClock.now(),
        DEFAULT_LIFETIME_SECS,
    )
}

/// [`sign_request_object`] at `now`, valid for `lifetime` seconds.
///
/// A request that already has `request` or `request_uri` is refused: a Request Object
/// must not contain them (OIDC Core §6.1).
pub fn sign_request_object_at(
    request: &AuthenticationRequest,
    key: &SigningKey,
    audience: &str,
    now: NumericDate,
    lifetime: i64,
) -> Result<String, JwtError> {
    if request.request.is_some() || request.request_uri.is_some() {
        return Err(JwtError::Signing(
            "a Request Object must not contain request or request_uri (OIDC Core §6.1)".to_owned(),
        ));
    }
    let mut object = RequestObject::new(request.clone());
    object.iss = Some(request.client_id.clone());
    object.aud = Some(Audience::Single(audience.to_owned()));
    object.iat = Some(now);
    object.nbf = Some(now);
    object.exp = Some(NumericDate::from_secs(
        now.as_secs().saturating_add(lifetime.max(1)),
    ));
    object.jti = Some(crate::random::jti());
    object.to_jwt(key)
}
