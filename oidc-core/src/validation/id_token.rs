use crate::messages::IdToken;
use crate::{Audience, NumericDate};

use super::{
    check_times, Check, Clock, Issuer, SystemClock, Times, ValidationError, DEFAULT_LEEWAY_SECS,
};

const TOKEN: &str = "ID Token";

/// What the ID Token's `nonce` must be (OIDC Core §3.1.3.7 step 11, §12.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nonce<'a> {
    /// The authentication request sent this nonce (`Some`) or none (`None`): the
    /// token's nonce must be the same, present on both sides or on neither.
    Sent(Option<&'a str>),
    /// The token comes from a refresh (OIDC Core §12.2): it may omit the nonce (Keycloak
    /// 25+ does); when present it must equal the original one, if known.
    Refresh(Option<&'a str>),
}

/// What an ID Token is checked against ([`IdToken::validate_extern`]).
///
/// ```
/// use oidc_core::messages::IdToken;
/// use oidc_core::validation::{FixedClock, IdTokenValidation};
/// use oidc_core::{NumericDate, OidcMessage};
///
/// let token = IdToken::from_json(r#"{"iss":"https://server.example.com","sub":"248289761001",
///     "aud":"s6BhdRkqt3","nonce":"n-0S6_WzA2Mj","exp":1311281970,"iat":1311280970}"#)?;
/// let checks = IdTokenValidation::new("https://server.example.com", "s6BhdRkqt3")
///     .nonce("n-0S6_WzA2Mj")
///     .clock(FixedClock(NumericDate::from_secs(1311281000)));
/// assert!(token.validate_extern(&checks).is_ok());
///
/// let later = checks.clock(FixedClock(NumericDate::from_secs(1311282000)));
/// assert_eq!(
///     token.validate_extern(&later).unwrap_err().to_string(),
///     "ID Token is expired (exp 1311281970, now 1311282000)"
/// );
/// # Ok::<(), oidc_core::Error>(())
/// ```
pub struct IdTokenValidation<'a> {
    issuer: Issuer<'a>,
    client_id: &'a str,
    nonce: Nonce<'a>,
    extra_trusted_audiences: Vec<&'a str>,
    min_iat: Option<NumericDate>,
    acr: Option<Check<'a>>,
    min_auth_time: Option<NumericDate>,
    max_age_requested: bool,
    expect_self_azp: bool,
    clock: Box<dyn Clock + 'a>,
    leeway: i64,
}

impl<'a> IdTokenValidation<'a> {
    /// Checks against `issuer` (usually `ProviderMetadata::issuer`) and our `client_id`;
    /// no nonce sent, no other trusted audience, no minimum `iat` / `auth_time`, `azp`
    /// must be us when present, system clock, 30 s leeway.
    pub fn new(issuer: impl Into<Issuer<'a>>, client_id: &'a str) -> Self {
        IdTokenValidation {
            issuer: issuer.into(),
            client_id,
            nonce: Nonce::Sent(None),
            extra_trusted_audiences: Vec::new(),
            min_iat: None,
            acr: None,
            min_auth_time: None,
            max_age_requested: false,
            expect_self_azp: true,
            clock: Box::new(SystemClock),
            leeway: DEFAULT_LEEWAY_SECS,
        }
    }

    /// The nonce the authentication request sent.
    pub fn nonce(mut self, nonce: &'a str) -> Self {
        self.nonce = Nonce::Sent(Some(nonce));
        self
    }

    /// The nonce rule in full (e.g. [`Nonce::Refresh`] for a token from a refresh).
    pub fn nonce_rule(mut self, rule: Nonce<'a>) -> Self {
        self.nonce = rule;
        self
    }

    /// Other audiences (client ids) this client trusts next to its own.
    pub fn extra_trusted_audiences(mut self, audiences: &[&'a str]) -> Self {
        self.extra_trusted_audiences = audiences.to_vec();
        self
    }

    /// The earliest acceptable `iat`.
    pub fn min_iat(mut self, min: NumericDate) -> Self {
        self.min_iat = Some(min);
        self
    }

    /// A check of `acr`, called when the token has one.
    pub fn validate_acr(mut self, check: impl Fn(&str) -> Result<(), String> + 'a) -> Self {
        self.acr = Some(Box::new(check));
        self
    }

    /// The earliest acceptable `auth_time`, checked when the token has one.
    pub fn min_auth_time(mut self, min: NumericDate) -> Self {
        self.min_auth_time = Some(min);
        self
    }

    /// The request used `max_age`, so `auth_time` is REQUIRED (OIDC Core §3.1.2.1).
    pub fn max_age_requested(mut self) -> Self {
        self.max_age_requested = true;
        self
    }

    /// Whether a present `azp` must be our client id (default true). Turn off only when
    /// you knowingly accept tokens issued to another client.
    pub fn expect_self_azp(mut self, expect: bool) -> Self {
        self.expect_self_azp = expect;
        self
    }

    super::time_options!();
}

impl IdToken {
    /// Validates the claims of this (already signature-checked) ID Token against
    /// `checks`, following OpenID Connect Core 1.0 §3.1.3.7 steps 2-13.
    pub fn validate_extern(&self, checks: &IdTokenValidation<'_>) -> Result<(), ValidationError> {
        // Step 2: the issuer is the one we expect.
        if !checks.issuer.matches(&self.iss, &self.extra) {
            return Err(ValidationError::Issuer {
                token: TOKEN,
                got: self.iss.clone(),
            });
        }
        // Step 3: aud contains our client_id; every other audience is trusted.
        check_audiences(
            TOKEN,
            &self.aud,
            checks.client_id,
            &checks.extra_trusted_audiences,
        )?;
        // Step 4: several audiences need azp.
        if distinct_audiences(&self.aud) > 1 && self.azp.is_none() {
            return Err(ValidationError::AzpMissing { token: TOKEN });
        }
        // Step 5: a present azp is our client_id.
        if let (Some(azp), true) = (&self.azp, checks.expect_self_azp) {
            if azp != checks.client_id {
                return Err(ValidationError::Azp {
                    token: TOKEN,
                    got: azp.clone(),
                });
            }
        }
        // Step 9: not expired; RFC 7519 §4.1.5: not before nbf; step 10: iat neither
        // in the future nor before the caller's minimum.
        let times = Times {
            exp: Some(self.exp),
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
        // Step 11: the nonce matches.
        let nonce_ok = match checks.nonce {
            Nonce::Sent(expected) => self.nonce.as_deref() == expected,
            Nonce::Refresh(expected) => match (self.nonce.as_deref(), expected) {
                (None, _) | (Some(_), None) => true,
                (Some(got), Some(expected)) => got == expected,
            },
        };
        if !nonce_ok {
            return Err(ValidationError::Nonce { token: TOKEN });
        }
        // Step 12: acr, by the caller's rules.
        if let (Some(acr), Some(check)) = (&self.acr, &checks.acr) {
            check(acr).map_err(|reason| ValidationError::Acr {
                token: TOKEN,
                reason,
            })?;
        }
        // Step 13 and §3.1.2.1: auth_time.
        match (self.auth_time, checks.min_auth_time) {
            (None, _) if checks.max_age_requested => {
                return Err(ValidationError::AuthTimeMissing { token: TOKEN })
            }
            (Some(auth_time), Some(min))
                if auth_time.as_secs().saturating_add(checks.leeway) < min.as_secs() =>
            {
                return Err(ValidationError::AuthTimeTooOld {
                    token: TOKEN,
                    auth_time,
                    min,
                });
            }
            _ => {}
        }
        Ok(())
    }
}

fn distinct_audiences(aud: &Audience) -> usize {
    let mut seen: Vec<&str> = Vec::new();
    for a in aud.iter() {
        if !seen.contains(&a) {
            seen.push(a);
        }
    }
    seen.len()
}

/// OIDC Core §3.1.3.7 step 3 (also Back-Channel Logout §2.6 step 4): `aud` contains
/// `client_id`, and every other member is in `trusted`.
pub(super) fn check_audiences(
    token: &'static str,
    aud: &Audience,
    client_id: &str,
    trusted: &[&str],
) -> Result<(), ValidationError> {
    if !aud.contains(client_id) {
        return Err(ValidationError::Audience {
            token,
            expected: client_id.to_owned(),
        });
    }
    if let Some(untrusted) = aud.iter().find(|a| *a != client_id && !trusted.contains(a)) {
        return Err(ValidationError::UntrustedAudience {
            token,
            audience: untrusted.to_owned(),
        });
    }
    Ok(())
}
