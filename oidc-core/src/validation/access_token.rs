use crate::messages::JwtAccessToken;

use super::{check_times, Clock, Issuer, SystemClock, Times, ValidationError, DEFAULT_LEEWAY_SECS};

const TOKEN: &str = "access token";

/// What a JWT access token is checked against ([`JwtAccessToken::validate_extern`]).
pub struct AccessTokenValidation<'a> {
    issuer: Issuer<'a>,
    audience: &'a str,
    clock: Box<dyn Clock + 'a>,
    leeway: i64,
}

impl<'a> AccessTokenValidation<'a> {
    /// Checks against `issuer` and the `audience` this resource server identifies as
    /// (its resource indicator, or a client id: the caller's choice, RFC 9068 §4);
    /// system clock, 30 s leeway.
    pub fn new(issuer: impl Into<Issuer<'a>>, audience: &'a str) -> Self {
        AccessTokenValidation {
            issuer: issuer.into(),
            audience,
            clock: Box::new(SystemClock),
            leeway: DEFAULT_LEEWAY_SECS,
        }
    }

    super::time_options!();
}

impl JwtAccessToken {
    /// Validates the claims of this (already signature-checked, `typ at+jwt`) access
    /// token, following RFC 9068 §4: issuer, time claims (`exp`, `nbf`, `iat`; see the
    /// [module documentation](crate::validation)), audience.
    pub fn validate_extern(
        &self,
        checks: &AccessTokenValidation<'_>,
    ) -> Result<(), ValidationError> {
        // RFC 9068 §4: the issuer is the expected authorization server.
        if !checks.issuer.matches(&self.iss, &self.extra) {
            return Err(ValidationError::Issuer {
                token: TOKEN,
                got: self.iss.clone(),
            });
        }
        // RFC 9068 §4 / RFC 7519 §4.1.4: not expired; §4.1.5: not before nbf; iat not
        // in the future.
        let times = Times {
            exp: Some(self.exp),
            nbf: self.nbf,
            iat: self.iat,
        };
        check_times(TOKEN, times, checks.clock.now(), checks.leeway, None)?;
        // RFC 9068 §4: aud contains the resource server's identifier.
        if !self.aud.contains(checks.audience) {
            return Err(ValidationError::Audience {
                token: TOKEN,
                expected: checks.audience.to_owned(),
            });
        }
        Ok(())
    }
}
