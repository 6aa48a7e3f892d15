use crate::messages::JwtAccessToken;

use super::id_token::check_issuer;
use super::{
    check_times, Claims, Clock, Issuer, SystemClock, Times, ValidationError, DEFAULT_LEEWAY_SECS,
};

const TOKEN: &str = "access token";

/// What a JWT access token is checked against: the claims
/// ([`JwtAccessToken::validate_extern`], RFC 9068 §4) and, for the one-call
/// [`verify`](Self::verify), the JWS (allowed algorithms, `typ` `at+jwt`). The
/// [module documentation](crate::validation) lists every check in order.
#[must_use]
pub struct AccessTokenValidation<'a> {
    issuer: Issuer<'a>,
    audience: &'a str,
    clock: Box<dyn Clock + 'a>,
    leeway: i64,
    #[cfg(feature = "jwt")]
    jwt: crate::jwt::JwtOptions,
}

impl<'a> AccessTokenValidation<'a> {
    /// Checks against `issuer` and the `audience` this resource server identifies as
    /// (its resource indicator, or a client id: the caller's choice, RFC 9068 §4);
    /// system clock, 30 s leeway; for [`verify`](Self::verify), RS256 only (the one
    /// algorithm RFC 9068 §2.1 makes every authorization server and resource server
    /// support): widen it with [`algorithms`](Self::algorithms) to what your
    /// authorization server signs with.
    pub fn new(issuer: impl Into<Issuer<'a>>, audience: &'a str) -> Self {
        AccessTokenValidation {
            issuer: issuer.into(),
            audience,
            clock: Box::new(SystemClock),
            leeway: DEFAULT_LEEWAY_SECS,
            #[cfg(feature = "jwt")]
            jwt: crate::jwt::JwtOptions::default().algorithms(&[crate::jwt::Algorithm::RS256]),
        }
    }

    super::time_options!();

    #[cfg(feature = "jwt")]
    super::jws_options!();
}

impl JwtAccessToken {
    /// Validates the claims of this (already signature-checked, `typ at+jwt`) access
    /// token, in RFC 9068 §4's order: issuer (step 3), audience (step 4), time claims
    /// (step 6: `exp`; RFC 7519: `nbf`, a future `iat`; see the
    /// [module documentation](crate::validation)).
    pub fn validate_extern(
        &self,
        checks: &AccessTokenValidation<'_>,
    ) -> Result<(), ValidationError> {
        self.validate_with_claims(self, checks)
    }

    /// [`validate_extern`](Self::validate_extern), with `claims` (the whole message
    /// this token is part of) in view of the issuer matcher.
    pub(super) fn validate_with_claims(
        &self,
        claims: &dyn Claims,
        checks: &AccessTokenValidation<'_>,
    ) -> Result<(), ValidationError> {
        // RFC 9068 §4 step 3: the issuer is the expected authorization server.
        check_issuer(TOKEN, &checks.issuer, &self.iss, claims)?;
        // Step 4: aud contains the resource server's identifier.
        if !self.aud.contains(checks.audience) {
            return Err(ValidationError::Audience {
                token: TOKEN,
                expected: checks.audience.to_owned(),
            });
        }
        // Step 6 / RFC 7519 §4.1.4: not expired; §4.1.5: not before nbf; iat not in the
        // future.
        let times = Times {
            exp: Some(self.exp),
            nbf: self.nbf,
            iat: self.iat,
        };
        check_times(TOKEN, times, checks.clock.now(), checks.leeway, None)
    }
}
