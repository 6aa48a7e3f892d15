//! Client authentication at the token, PAR, introspection and revocation endpoints
//! (RFC 6749 §2.3, OpenID Connect Core 1.0 §9, RFC 7523): one value, [`ClientAuth`],
//! that applies itself to any form request — the `Authorization` header and the form
//! parameters its method needs — and, for providers, [`ClientCredentials`]: what a
//! request presents, read back.
//!
//! | method (`token_endpoint_auth_method`) | what is sent |
//! |---|---|
//! | `client_secret_basic` | `Authorization: Basic base64(urlencode(id) ":" urlencode(secret))` (RFC 6749 §2.3.1: form-encoded *before* base64, so `:` and non-ASCII survive) |
//! | `client_secret_post` | `client_id` and `client_secret` form parameters |
//! | `client_secret_jwt` | `client_id`, `client_assertion_type`, `client_assertion` = a JWT MACed with the secret (HS256 by default) |
//! | `private_key_jwt` | the same, signed with the client's private key |
//! | `none` | `client_id` only (public clients) |
//!
//! The assertion of the JWT methods follows RFC 7523 §3 and OIDC Core §9: `iss` =
//! `sub` = the client id, a random `jti`, `iat` = now, `exp` = now + 60 s, `typ`
//! `client-authentication+jwt`, and `aud` the value given — the provider's **issuer
//! identifier** is the one to give: draft-ietf-oauth-rfc7523bis §3 (and FAPI 2.0)
//! make it the sole audience, replacing OIDC Core §9's token endpoint URL, which let a
//! malicious provider replay an assertion meant for another (the "audience injection"
//! attack). panva's oidc-provider accepts the issuer, the token endpoint and the
//! endpoint the assertion is sent to.
//!
//! ```
//! use oidc_core::client_auth::ClientAuth;
//! use oidc_core::messages::TokenRequest;
//! use oidc_core::OidcMessage;
//!
//! let auth = ClientAuth::client_secret_basic("s6BhdRkqt3", "7Fjfp0ZBr1KtDRbnfVdmIw");
//! let request = TokenRequest::for_refresh_token("8xLOxBtZp8");
//! let sent = auth.apply(&request.to_form())?;
//! assert_eq!(sent.body, "grant_type=refresh_token&refresh_token=8xLOxBtZp8");
//! // RFC 6749 §2.3.1's example credentials.
//! assert_eq!(sent.authorization.as_deref(), Some("Basic czZCaGRSa3F0Mzo3RmpmcDBaQnIxS3REUmJuZlZkbUl3"));
//! # Ok::<(), oidc_core::client_auth::ClientAuthError>(())
//! ```

mod incoming;

pub use incoming::ClientCredentials;

use std::fmt;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use zeroize::Zeroizing;

use crate::codec::form;
use crate::error::{Error, ErrorKind};
use crate::jwt::{JwtError, SigningKey};
use crate::messages::{ClientAssertion, JWT_BEARER_ASSERTION_TYPE};
use crate::validation::{Clock, SystemClock};
use crate::{Audience, NumericDate, OidcMessage};

/// The default lifetime of a client assertion, in seconds: short, as it is used once.
pub const DEFAULT_ASSERTION_LIFETIME_SECS: i64 = 60;

/// Why client authentication could not be applied or read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ClientAuthError {
    /// The request body or header cannot carry (or does not carry) the credentials:
    /// malformed, already holding credentials, using more than one method (RFC 6749
    /// §2.3), or a `client_id` that differs from the authenticated one.
    #[error(transparent)]
    Request(#[from] Error),
    /// The assertion could not be signed (client), or is not a JWT of client assertion
    /// claims (provider, before verification).
    #[error("client assertion: {0}")]
    Assertion(#[from] JwtError),
}

/// How a client authenticates, and as whom. See the [module documentation](self).
///
/// `Debug` shows the method and the client id, never the secret or key.
#[derive(Clone)]
pub struct ClientAuth {
    client_id: String,
    method: Method,
    lifetime: i64,
}

/// The client secret is zeroized when the value is dropped.
#[derive(Clone)]
enum Method {
    None,
    Basic(Zeroizing<String>),
    Post(Zeroizing<String>),
    Jwt { key: SigningKey, audience: String },
}

/// What a request carries once authenticated: its form body and, for
/// `client_secret_basic`, the `Authorization` header value.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct AuthenticatedRequest {
    /// The `application/x-www-form-urlencoded` body to POST.
    pub body: String,
    /// The `Authorization` header's value, when the method uses it.
    pub authorization: Option<String>,
}

impl fmt::Debug for AuthenticatedRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Both may hold a secret (client_secret, an assertion, a Basic password).
        f.debug_struct("AuthenticatedRequest")
            .field("body", &"<redacted>")
            .field(
                "authorization",
                &self.authorization.as_ref().map(|_| "<redacted>"),
            )
            .finish()
    }
}

impl ClientAuth {
    /// `none`: a public client sends its `client_id` only (OIDC Core §9).
    pub fn none(client_id: impl Into<String>) -> Self {
        Self::with(client_id, Method::None)
    }

    /// `client_secret_basic` (RFC 6749 §2.3.1): HTTP Basic with the form-encoded client
    /// id and secret. The default method of OIDC Core §9.
    pub fn client_secret_basic(client_id: impl Into<String>, secret: impl Into<String>) -> Self {
        Self::with(client_id, Method::Basic(Zeroizing::new(secret.into())))
    }

    /// `client_secret_post` (RFC 6749 §2.3.1): `client_id` and `client_secret` in the body.
    pub fn client_secret_post(client_id: impl Into<String>, secret: impl Into<String>) -> Self {
        Self::with(client_id, Method::Post(Zeroizing::new(secret.into())))
    }

    /// `client_secret_jwt` (OIDC Core §9): an assertion MACed with `key`, a secret made
    /// from the client secret's UTF-8 bytes (`SigningKey::from_secret(secret.as_bytes(),
    /// Algorithm::HS256)`; RFC 7518 §3.2 wants at least 32 bytes for HS256, and
    /// `from_legacy_secret` takes a shorter registered one). `audience`: the provider's
    /// issuer identifier (see the [module documentation](self)).
    pub fn client_secret_jwt(
        client_id: impl Into<String>,
        key: SigningKey,
        audience: impl Into<String>,
    ) -> Result<Self, JwtError> {
        if key.public_jwk().is_some() {
            return Err(JwtError::InvalidKey(
                "client_secret_jwt signs with the client secret (an HMAC key); use \
                 private_key_jwt for a private key"
                    .to_owned(),
            ));
        }
        Ok(Self::jwt(client_id, key, audience))
    }

    /// `private_key_jwt` (OIDC Core §9, RFC 7523 §2.2): an assertion signed with the
    /// client's private `key`, whose public half the provider knows (registered `jwks`
    /// or `jwks_uri`; `SigningKey::public_jwk_set_json` writes it). `audience`: the
    /// provider's issuer identifier.
    pub fn private_key_jwt(
        client_id: impl Into<String>,
        key: SigningKey,
        audience: impl Into<String>,
    ) -> Result<Self, JwtError> {
        if key.public_jwk().is_none() {
            return Err(JwtError::InvalidKey(
                "private_key_jwt signs with a private key; use client_secret_jwt for a \
                 shared secret"
                    .to_owned(),
            ));
        }
        Ok(Self::jwt(client_id, key, audience))
    }

    fn jwt(client_id: impl Into<String>, key: SigningKey, audience: impl Into<String>) -> Self {
        Self::with(
            client_id,
            Method::Jwt {
                key,
                audience: audience.into(),
            },
        )
    }

    fn with(client_id: impl Into<String>, method: Method) -> Self {
        ClientAuth {
            client_id: client_id.into(),
            method,
            lifetime: DEFAULT_ASSERTION_LIFETIME_SECS,
        }
    }

    /// The assertion lifetime in seconds (default 60; at least 1).
    pub fn assertion_lifetime(mut self, seconds: i64) -> Self {
        self.lifetime = seconds.max(1);
        self
    }

    /// The client id.
    pub fn client_id(&self) -> &str {
        &self.client_id
    }

    /// The method's registered name (`token_endpoint_auth_method`, OIDC Registration
    /// §2): `none`, `client_secret_basic`, `client_secret_post`, `client_secret_jwt`,
    /// `private_key_jwt`.
    pub fn method(&self) -> &'static str {
        match &self.method {
            Method::None => "none",
            Method::Basic(_) => "client_secret_basic",
            Method::Post(_) => "client_secret_post",
            Method::Jwt { key, .. } if key.public_jwk().is_none() => "client_secret_jwt",
            Method::Jwt { .. } => "private_key_jwt",
        }
    }

    /// Authenticates the form `body` (a token, PAR, introspection or revocation
    /// request's `to_form()`), with a fresh assertion for the JWT methods (system clock).
    /// The body must not already carry credentials; a `client_id` it has must be this
    /// client's (it is then not repeated).
    pub fn apply(&self, body: &str) -> Result<AuthenticatedRequest, ClientAuthError> {
        self.apply_at(body, SystemClock.now())
    }

    /// [`apply`](Self::apply) with `now` as the assertion's `iat` (tests, or a caller's
    /// clock).
    pub fn apply_at(
        &self,
        body: &str,
        now: NumericDate,
    ) -> Result<AuthenticatedRequest, ClientAuthError> {
        let has_client_id = self.check_body(body)?;
        let mut out = String::with_capacity(body.len() + 64);
        out.push_str(body);
        let mut authorization = None;
        let client_id = |out: &mut String| {
            if !has_client_id {
                form::append_pair(out, "client_id", &self.client_id);
            }
        };
        match &self.method {
            Method::None => client_id(&mut out),
            Method::Basic(secret) => {
                authorization = Some(basic_authorization(&self.client_id, secret));
            }
            Method::Post(secret) => {
                client_id(&mut out);
                form::append_pair(&mut out, "client_secret", secret);
            }
            Method::Jwt { key, audience } => {
                let assertion = self.assertion(key, audience, now)?;
                client_id(&mut out);
                form::append_pair(&mut out, "client_assertion_type", JWT_BEARER_ASSERTION_TYPE);
                form::append_pair(&mut out, "client_assertion", &assertion);
            }
        }
        Ok(AuthenticatedRequest {
            body: out,
            authorization,
        })
    }

    /// The signed assertion (RFC 7523 §3).
    fn assertion(
        &self,
        key: &SigningKey,
        audience: &str,
        now: NumericDate,
    ) -> Result<String, JwtError> {
        let exp = NumericDate::from_secs(now.as_secs().saturating_add(self.lifetime));
        let mut claims = ClientAssertion::new(
            &self.client_id,
            Audience::Single(audience.to_owned()),
            exp,
            crate::random::jti(),
        );
        claims.iat = Some(now);
        claims.to_jwt(key)
    }

    /// Refuses a body that is malformed or already carries credentials; says whether it
    /// has this client's `client_id`.
    fn check_body(&self, body: &str) -> Result<bool, Error> {
        const MESSAGE: &str = "client authentication";
        let mut has_client_id = false;
        form::parse_pairs(MESSAGE, body, |name, value| {
            match &*name {
                "client_secret" | "client_assertion" | "client_assertion_type" => {
                    return Err(Error::new(
                        MESSAGE,
                        ErrorKind::Invalid(format!(
                            "the body already has {}: it must carry one client authentication only (RFC 6749 §2.3)",
                            crate::error::quoted(&name)
                        )),
                    ))
                }
                "client_id" if *value == *self.client_id => has_client_id = true,
                "client_id" => {
                    return Err(Error::new(
                        MESSAGE,
                        ErrorKind::InvalidValue {
                            parameter: "client_id".to_owned(),
                            reason: format!(
                                "{} is not the authenticating client",
                                crate::error::quoted(&value)
                            ),
                        },
                    ))
                }
                _ => {}
            }
            Ok(())
        })?;
        Ok(has_client_id)
    }
}

impl fmt::Debug for ClientAuth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientAuth")
            .field("method", &self.method())
            .field("client_id", &self.client_id)
            .finish_non_exhaustive()
    }
}

/// `Basic base64(urlencode(client_id) ":" urlencode(secret))` (RFC 6749 §2.3.1 with
/// Appendix B's encoding, RFC 7617 §2).
///
/// ```
/// use oidc_core::client_auth::basic_authorization;
///
/// // ':' in the id and non-ASCII in the secret are form-encoded first.
/// assert_eq!(basic_authorization("a:b", "pä ss"), "Basic YSUzQWI6cCVDMyVBNCtzcw==");
/// ```
pub fn basic_authorization(client_id: &str, secret: &str) -> String {
    let mut pair = String::with_capacity(client_id.len() + secret.len() + 8);
    form::encode_into(&mut pair, client_id);
    pair.push(':');
    form::encode_into(&mut pair, secret);
    let mut header = String::from("Basic ");
    STANDARD.encode_string(pair.as_bytes(), &mut header);
    header
}
