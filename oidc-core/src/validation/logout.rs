use crate::messages::{BackChannelLogoutToken, ProviderMetadata};
use crate::NumericDate;

use super::id_token::{check_audiences, check_issuer};
use super::{
    callback, check_times, Check, Claims, Clock, Issuer, SystemClock, Times, ValidationError,
    DEFAULT_LEEWAY_SECS,
};

const TOKEN: &str = "Logout Token";

/// What a Logout Token is checked against: the claims
/// ([`BackChannelLogoutToken::validate_extern`], Back-Channel Logout 1.0 §2.6) and, for
/// the one-call [`verify`](Self::verify), the JWS (allowed algorithms, `typ`). The
/// [module documentation](crate::validation) lists every check in order.
///
/// `exp` is REQUIRED (Back-Channel Logout 1.0 §2.4 and §2.6 step 4, errata set 1);
/// [`allow_missing_exp`](Self::allow_missing_exp) accepts tokens from providers that
/// omit it.
#[must_use]
pub struct LogoutTokenValidation<'a> {
    issuer: Issuer<'a>,
    client_id: &'a str,
    extra_trusted_audiences: Vec<&'a str>,
    min_iat: Option<NumericDate>,
    unique_jti: Option<Check<'a>>,
    iss_has_sessions: Option<Check<'a>>,
    sub_has_sessions: Option<Check<'a>>,
    sid_exists: Option<Check<'a>>,
    exp_optional: bool,
    clock: Box<dyn Clock + 'a>,
    leeway: i64,
    #[cfg(feature = "jwt")]
    jwt: crate::jwt::JwtOptions,
}

impl<'a> LogoutTokenValidation<'a> {
    /// Checks against `issuer` and our `client_id`; `exp` required; no callbacks; system
    /// clock, 30 s leeway; for [`verify`](Self::verify), RS256 only (§2.6 step 3: "the
    /// default of RS256"). Prefer [`from_metadata`](Self::from_metadata).
    pub fn new(issuer: impl Into<Issuer<'a>>, client_id: &'a str) -> Self {
        LogoutTokenValidation {
            issuer: issuer.into(),
            client_id,
            extra_trusted_audiences: Vec::new(),
            min_iat: None,
            unique_jti: None,
            iss_has_sessions: None,
            sub_has_sessions: None,
            sid_exists: None,
            exp_optional: false,
            clock: Box::new(SystemClock),
            leeway: DEFAULT_LEEWAY_SECS,
            #[cfg(feature = "jwt")]
            jwt: crate::jwt::JwtOptions::default().algorithms(&[crate::jwt::Algorithm::RS256]),
        }
    }

    /// Checks against the provider's `issuer` and our `client_id`, as
    /// [`new`](Self::new); [`verify`](Self::verify) accepts the ID Token algorithms of
    /// the metadata (§2.6 step 3: "in the same way it is validated for ID Tokens"; see
    /// [`id_token_algorithms`](crate::validation::id_token_algorithms)).
    pub fn from_metadata(metadata: &'a ProviderMetadata, client_id: &'a str) -> Self {
        let checks = Self::new(metadata.issuer.as_str(), client_id);
        #[cfg(feature = "jwt")]
        let checks = checks.algorithms(&super::algorithms::id_token_algorithms(metadata));
        checks
    }

    /// Accepts a Logout Token without `exp` (one with `exp` is still checked). The
    /// 2022 errata set made `exp` REQUIRED; earlier providers omit it: the Keycloak
    /// Logout Tokens of 2021 and 2023 in the test corpus
    /// (`tests/data/jws/keycloak-logout-token-*`), the OpenID-Connect-PHP test token
    /// and panva/jose's README example (both the spec's pre-errata example). Such a
    /// token stays valid for as long as the replay checks you add
    /// ([`validate_unique_jti`](Self::validate_unique_jti), a maximum age with
    /// [`min_iat`](Self::min_iat)) allow.
    pub fn allow_missing_exp(mut self) -> Self {
        self.exp_optional = true;
        self
    }

    /// Other audiences this client trusts next to its own. (Unlike the Python library,
    /// an `aud` array containing only our client id needs nothing here.)
    pub fn extra_trusted_audiences(mut self, audiences: &[&'a str]) -> Self {
        self.extra_trusted_audiences = audiences.to_vec();
        self
    }

    /// The earliest acceptable `iat`, exactly: `iat >= min` (no leeway).
    pub fn min_iat(mut self, min: NumericDate) -> Self {
        self.min_iat = Some(min);
        self
    }

    /// Fails when this `jti` was seen before (§2.6 step 10, replay).
    pub fn validate_unique_jti(mut self, check: impl Fn(&str) -> Result<(), String> + 'a) -> Self {
        self.unique_jti = Some(Box::new(check));
        self
    }

    /// Fails when the issuer has no sessions here.
    pub fn validate_iss_has_sessions(
        mut self,
        check: impl Fn(&str) -> Result<(), String> + 'a,
    ) -> Self {
        self.iss_has_sessions = Some(Box::new(check));
        self
    }

    /// Fails when the subject has no sessions here (called when `sub` is present).
    pub fn validate_sub_has_sessions(
        mut self,
        check: impl Fn(&str) -> Result<(), String> + 'a,
    ) -> Self {
        self.sub_has_sessions = Some(Box::new(check));
        self
    }

    /// Fails when the session does not exist here (called when `sid` is present).
    pub fn validate_sid_exists(mut self, check: impl Fn(&str) -> Result<(), String> + 'a) -> Self {
        self.sid_exists = Some(Box::new(check));
        self
    }

    super::time_options!();

    #[cfg(feature = "jwt")]
    super::jws_options!();
}

impl BackChannelLogoutToken {
    /// Validates the claims of this (already signature-checked) Logout Token, following
    /// OpenID Connect Back-Channel Logout 1.0 §2.6.
    pub fn validate_extern(
        &self,
        checks: &LogoutTokenValidation<'_>,
    ) -> Result<(), ValidationError> {
        self.validate_with_claims(self, checks)
    }

    /// [`validate_extern`](Self::validate_extern), with `claims` (the whole message
    /// this token is part of) in view of the issuer matcher.
    pub(super) fn validate_with_claims(
        &self,
        claims: &dyn Claims,
        checks: &LogoutTokenValidation<'_>,
    ) -> Result<(), ValidationError> {
        // Step 4: iss, aud, iat and exp, as for ID Tokens (exp REQUIRED since errata
        // set 1, unless the caller allows its absence).
        check_issuer(TOKEN, &checks.issuer, &self.iss, claims)?;
        check_audiences(
            TOKEN,
            &self.aud,
            checks.client_id,
            &checks.extra_trusted_audiences,
        )?;
        if self.exp.is_none() && !checks.exp_optional {
            return Err(ValidationError::ExpMissing { token: TOKEN });
        }
        // RFC 7519 §4.1.5: not before nbf; iat not in the future.
        let times = Times {
            exp: self.exp,
            nbf: self.nbf,
            iat: self.iat,
        };
        check_times(
            TOKEN,
            times,
            checks.clock.now(),
            checks.leeway,
            checks.min_iat,
        )?;
        // Step 5: a sub, a sid, or both.
        if self.sub.is_none() && self.sid.is_none() {
            return Err(ValidationError::SubAndSidMissing);
        }
        // Step 6: the events claim with the back-channel-logout member, an object.
        if !self.has_logout_event() {
            return Err(ValidationError::LogoutEvent);
        }
        // Step 7: no nonce.
        if self.nonce.is_some() {
            return Err(ValidationError::NoncePresent);
        }
        // Steps 8-10 and the Python library's optional checks: the caller's state.
        if let Some(check) = &checks.unique_jti {
            callback(TOKEN, "jti", check(&self.jti))?;
        }
        if let Some(check) = &checks.iss_has_sessions {
            callback(TOKEN, "iss", check(&self.iss))?;
        }
        if let (Some(check), Some(sub)) = (&checks.sub_has_sessions, &self.sub) {
            callback(TOKEN, "sub", check(sub))?;
        }
        if let (Some(check), Some(sid)) = (&checks.sid_exists, &self.sid) {
            callback(TOKEN, "sid", check(sid))?;
        }
        Ok(())
    }
}
