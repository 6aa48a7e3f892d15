//! JWT-secured authorization responses (JWT Secured Authorization Response Mode for
//! OAuth 2.0, JARM, final): the `response` parameter of the redirect or the
//! `form_post` body (§4.3), and the claims of its JWT (§4.1).

use crate::error::Error;
use crate::{Audience, ExtraParams, NumericDate, OidcMessage};

use super::AuthenticationResponse;

/// What arrives on the redirect URI with `response_mode` `query.jwt`, `fragment.jwt`,
/// `form_post.jwt` or `jwt` (JARM §4.3): one parameter, `response`, holding the JWT.
///
/// Read it with `from_url(redirect, Location::Auto)` (query or fragment: `jwt` means
/// query for `response_type=code` and fragment for the types with a token, §4.3.4) or
/// `from_form(body)` (`form_post.jwt`), then verify the JWT and read the authorization
/// response in it with [`JarmValidation::verify`](crate::validation::JarmValidation::verify).
///
/// ```
/// use oidc_core::messages::JarmResponse;
/// use oidc_core::{Location, OidcMessage};
///
/// let r = JarmResponse::from_url("https://client.example.com/cb?response=eyJhbGciOiJSUzI1NiJ9.e30.c2ln", Location::Auto)?;
/// assert_eq!(r.response, "eyJhbGciOiJSUzI1NiJ9.e30.c2ln");
/// let r = JarmResponse::from_url("https://client.example.com/cb#response=eyJhbGciOiJSUzI1NiJ9.e30.c2ln", Location::Auto)?;
/// assert_eq!(r.response, "eyJhbGciOiJSUzI1NiJ9.e30.c2ln");
/// # Ok::<(), oidc_core::Error>(())
/// ```
#[derive(OidcMessage, Clone, PartialEq)]
#[non_exhaustive]
pub struct JarmResponse {
    /// `response` — REQUIRED (JARM §4.3): the JWT (§4.1). Redacted in `Debug`: it
    /// carries the authorization code or tokens.
    #[oidc(required, secret)]
    pub response: String,
    /// Any other parameter (none is defined: the response's parameters are in the JWT).
    #[oidc(extra)]
    pub extra: ExtraParams,
}

impl JarmResponse {
    /// The message carrying `response`.
    pub fn new(response: impl Into<String>) -> Self {
        JarmResponse {
            response: response.into(),
            extra: ExtraParams::new(),
        }
    }
}

/// The claims of a JWT-secured authorization response (JARM §4.1): `iss`, `aud` and
/// `exp`, which secure it, and the authorization response's own parameters ("even in
/// case of an error response"), kept in `params` until read as the usual
/// [`AuthenticationResponse`] ([`authentication_response`](Self::authentication_response)).
///
/// Its token kind is [`TokenKind::JARM_RESPONSE`](crate::jwt::TokenKind::JARM_RESPONSE).
/// [`JarmValidation`](crate::validation::JarmValidation) verifies and validates it
/// (§4.4) and returns the authentication response in one call.
#[derive(OidcMessage, Clone, PartialEq)]
#[oidc(token_kind = crate::jwt::TokenKind::JARM_RESPONSE)]
#[non_exhaustive]
pub struct JarmClaims {
    /// `iss` — REQUIRED (§4.1): the issuer of the authorization server that created
    /// the response. It is the response's RFC 9207 `iss` too.
    #[oidc(required)]
    pub iss: String,
    /// `aud` — REQUIRED (§4.1): the `client_id` the response is for.
    #[oidc(required)]
    pub aud: Audience,
    /// `exp` — REQUIRED (§4.1): when the JWT expires (at most 10 minutes RECOMMENDED).
    #[oidc(required)]
    pub exp: NumericDate,
    /// `iat` — OPTIONAL (§4.1 allows RFC 7519's claims; checked as RFC 7519 §4.1.6 says).
    pub iat: Option<NumericDate>,
    /// `nbf` — OPTIONAL (RFC 7519 §4.1.5).
    pub nbf: Option<NumericDate>,
    /// The authorization response's parameters (`code`, `state`, `error`, ...; §4.1:
    /// strings as JSON strings, numbers such as `expires_in` as JSON numbers), in order.
    #[oidc(extra)]
    pub params: ExtraParams,
}

/// The response parameters with the response's `iss`, as the authentication response
/// reads them.
#[derive(OidcMessage, Clone, PartialEq)]
struct ResponseParams {
    iss: Option<String>,
    #[oidc(extra)]
    params: ExtraParams,
}

impl JarmClaims {
    /// Claims with the three REQUIRED members and no response parameter.
    pub fn new(iss: impl Into<String>, aud: impl Into<Audience>, exp: NumericDate) -> Self {
        JarmClaims {
            iss: iss.into(),
            aud: aud.into(),
            exp,
            iat: None,
            nbf: None,
            params: ExtraParams::new(),
        }
    }

    /// The authorization response the JWT carries, success or error (JARM §4.1), with
    /// `iss` as its issuer (RFC 9207 §2); `aud`, `exp`, `iat` and `nbf` are the JWT's
    /// and stay out of it. Only read it once the JWT is verified and validated (§4.4:
    /// "The client MUST NOT process the grant type specific authorization response
    /// parameters before all checks succeed"), which
    /// [`JarmValidation::verify`](crate::validation::JarmValidation::verify) does.
    pub fn authentication_response(&self) -> Result<AuthenticationResponse, Error> {
        let params = ResponseParams {
            iss: Some(self.iss.clone()),
            params: self.params.clone(),
        };
        AuthenticationResponse::from_json(&params.to_json())
    }
}
