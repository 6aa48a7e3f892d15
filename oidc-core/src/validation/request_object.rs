//! Verifying a Request Object at the provider (RFC 9101 §6, OIDC Core §6.3).

use crate::jwt::JwtOptions;
use crate::messages::RequestObject;
use crate::{Embeds, OidcMessage};

use super::{
    callback, check_exp, check_iat_not_future, check_nbf, Check, Clock, SystemClock, Validates,
    ValidationError, DEFAULT_LEEWAY_SECS,
};

const TOKEN: &str = "Request Object";

/// What a Request Object is checked against: the claims
/// (`validate_extern`) and, for the one-call [`verify`](Self::verify),
/// the JWS (the client's algorithms, the `typ` rule of Request Objects; `alg: none` is
/// never accepted).
///
/// The one call returns the [`RequestObject`]; RFC 9101 §6.3 then says to use **only
/// its parameters** (its `request` field): whatever else the query held is not used,
/// even a parameter that is in both.
#[must_use]
pub struct RequestObjectValidation<'a> {
    issuer: &'a str,
    client_id: &'a str,
    max_lifetime: Option<i64>,
    unique_jti: Option<Check<'a>>,
    clock: Box<dyn Clock + 'a>,
    leeway: i64,
    jwt: JwtOptions,
}

impl<'a> RequestObjectValidation<'a> {
    /// Checks against this provider's `issuer` identifier and the `client_id` of the
    /// authorization request that carried the object; system clock, 30 s leeway; for
    /// [`verify`](Self::verify), every asymmetric algorithm: narrow it to the client's
    /// registered `request_object_signing_alg`.
    pub fn new(issuer: &'a str, client_id: &'a str) -> Self {
        RequestObjectValidation {
            issuer,
            client_id,
            max_lifetime: None,
            unique_jti: None,
            clock: Box::new(SystemClock),
            leeway: DEFAULT_LEEWAY_SECS,
            jwt: JwtOptions::default(),
        }
    }

    /// Requires `exp` and `nbf`, at most `seconds` apart (FAPI 2.0 Message Signing
    /// §5.3.1: 60 minutes; what panva's oidc-provider enforces for FAPI profiles).
    pub fn max_lifetime(mut self, seconds: i64) -> Self {
        self.max_lifetime = Some(seconds.max(0));
        self
    }

    /// Requires a `jti` and fails when `check(jti)` does (a Request Object used twice).
    pub fn unique_jti(mut self, check: impl Fn(&str) -> Result<(), String> + 'a) -> Self {
        self.unique_jti = Some(Box::new(check));
        self
    }

    super::time_options!();

    super::jws_options!();
}

/// `object.validate_extern(&checks)` (and the one call) validates the claims of an
/// (already signature-checked) Request Object, in order: its `client_id` is the
/// request's (RFC 9101 §6.3: "MUST be identical"); `iss`, when present, is the client id
/// and `aud`, when present, holds the issuer (RFC 9101 §4); no `request` /
/// `request_uri` inside (OIDC Core §6.1); `exp`, `nbf`, `iat` when present, and, when a
/// maximum lifetime is set, both `exp` and `nbf` within it; the `jti` check last.
impl<T: Embeds<RequestObject> + OidcMessage> Validates<T> for RequestObjectValidation<'_> {
    fn validate(&self, message: &T) -> Result<(), ValidationError> {
        message.embedded().check(self)
    }
}

impl RequestObject {
    fn check(&self, checks: &RequestObjectValidation<'_>) -> Result<(), ValidationError> {
        if self.request.client_id != checks.client_id {
            return Err(ValidationError::ClientId {
                token: TOKEN,
                got: self.request.client_id.clone(),
            });
        }
        if let Some(iss) = self.iss.as_deref().filter(|iss| *iss != checks.client_id) {
            return Err(ValidationError::Issuer {
                token: TOKEN,
                got: iss.to_owned(),
            });
        }
        if self
            .aud
            .as_ref()
            .is_some_and(|aud| !aud.contains(checks.issuer))
        {
            return Err(ValidationError::Audience {
                token: TOKEN,
                expected: checks.issuer.to_owned(),
            });
        }
        for (claim, present) in [
            ("request", self.request.request.is_some()),
            ("request_uri", self.request.request_uri.is_some()),
        ] {
            if present {
                return Err(ValidationError::ClaimMismatch {
                    token: TOKEN,
                    claim,
                    reason: "a Request Object must not contain it (OIDC Core §6.1)".to_owned(),
                });
            }
        }
        let now = checks.clock.now();
        if let Some(exp) = self.exp {
            check_exp(TOKEN, exp, now, checks.leeway)?;
        }
        check_nbf(TOKEN, self.nbf, now, checks.leeway)?;
        if let Some(iat) = self.iat {
            check_iat_not_future(TOKEN, iat, now, checks.leeway)?;
        }
        if let Some(max) = checks.max_lifetime {
            let missing = |claim| ValidationError::ClaimMissing {
                token: TOKEN,
                claim,
            };
            let exp = self.exp.ok_or_else(|| missing("exp"))?;
            let nbf = self.nbf.ok_or_else(|| missing("nbf"))?;
            if exp.as_secs().saturating_sub(nbf.as_secs()) > max {
                return Err(ValidationError::LifetimeTooLong {
                    token: TOKEN,
                    exp,
                    max,
                });
            }
        }
        if let Some(check) = &checks.unique_jti {
            let jti = self.jti.as_deref().ok_or(ValidationError::ClaimMissing {
                token: TOKEN,
                claim: "jti",
            })?;
            callback(TOKEN, "jti", check(jti))?;
        }
        Ok(())
    }
}
