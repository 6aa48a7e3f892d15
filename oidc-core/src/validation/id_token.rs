use crate::messages::{IdToken, ProviderMetadata};
use crate::{Audience, NumericDate};

use super::hashes::{check_hashes, HashInputs, HashVerifier};
use super::{
    check_times, Check, Claims, Clock, Issuer, Nonce, SystemClock, Times, ValidationError,
    DEFAULT_LEEWAY_SECS,
};

const TOKEN: &str = "ID Token";

/// What an ID Token is checked against: the claims ([`IdToken::validate_extern`], OIDC
/// Core §3.1.3.7) and, for the one-call [`verify`](Self::verify), the JWS (allowed
/// algorithms, `typ`). The [module documentation](crate::validation) lists every check
/// in order.
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
#[must_use]
pub struct IdTokenValidation<'a> {
    issuer: Issuer<'a>,
    client_id: &'a str,
    nonce: Nonce<'a>,
    extra_trusted_audiences: Vec<&'a str>,
    min_iat: Option<NumericDate>,
    acr: Option<Check<'a>>,
    min_auth_time: Option<NumericDate>,
    max_age: Option<u64>,
    require_auth_time: bool,
    expect_self_azp: bool,
    hashes: HashInputs<'a>,
    clock: Box<dyn Clock + 'a>,
    leeway: i64,
    #[cfg(feature = "jwt")]
    jwt: crate::jwt::JwtOptions,
}

impl<'a> IdTokenValidation<'a> {
    /// Checks against `issuer` and our `client_id`: no nonce sent
    /// ([`Nonce::NoneSent`]), no other trusted audience, no `max_age`, no minimum `iat`
    /// / `auth_time`, `azp` must be us when present, system clock, 30 s leeway; for
    /// [`verify`](Self::verify), RS256 only (the default of `id_token_signed_response_alg`,
    /// OIDC Registration §2). Prefer [`from_metadata`](Self::from_metadata), which takes
    /// the algorithms the provider announces.
    pub fn new(issuer: impl Into<Issuer<'a>>, client_id: &'a str) -> Self {
        IdTokenValidation {
            issuer: issuer.into(),
            client_id,
            nonce: Nonce::NoneSent,
            extra_trusted_audiences: Vec::new(),
            min_iat: None,
            acr: None,
            min_auth_time: None,
            max_age: None,
            require_auth_time: false,
            expect_self_azp: true,
            hashes: HashInputs::default(),
            clock: Box::new(SystemClock),
            leeway: DEFAULT_LEEWAY_SECS,
            #[cfg(feature = "jwt")]
            jwt: crate::jwt::JwtOptions::default().algorithms(&[crate::jwt::Algorithm::RS256]),
        }
    }

    /// Checks against the provider's `issuer` (exactly) and our `client_id`, as
    /// [`new`](Self::new); [`verify`](Self::verify) accepts the algorithms of
    /// `id_token_signing_alg_values_supported` (see
    /// [`id_token_algorithms`](crate::validation::id_token_algorithms): `none` and HMAC
    /// removed, RS256 when the list is empty). When the client registered an
    /// `id_token_signed_response_alg`, say so with
    /// [`algorithms`](Self::algorithms)`(&[alg])`: only that one is then accepted
    /// (OIDC Core §3.1.3.7 step 7), HMAC included.
    ///
    /// For a provider whose discovery `issuer` is a template (Microsoft Entra
    /// multi-tenant), use `new(Issuer::tenant_template(..), client_id)` with
    /// `.algorithms(&id_token_algorithms(&metadata))`.
    pub fn from_metadata(metadata: &'a ProviderMetadata, client_id: &'a str) -> Self {
        let checks = Self::new(metadata.issuer.as_str(), client_id);
        #[cfg(feature = "jwt")]
        let checks = checks.algorithms(&super::algorithms::id_token_algorithms(metadata));
        checks
    }

    /// The nonce the authentication request sent: the token must carry it
    /// ([`Nonce::Expected`]).
    pub fn nonce(mut self, nonce: &'a str) -> Self {
        self.nonce = Nonce::Expected(nonce);
        self
    }

    /// The nonce rule in full ([`Nonce`]: expected, none sent, after a refresh, not
    /// checked).
    pub fn nonce_rule(mut self, rule: Nonce<'a>) -> Self {
        self.nonce = rule;
        self
    }

    /// Other audiences (client ids) this client trusts next to its own.
    pub fn extra_trusted_audiences(mut self, audiences: &[&'a str]) -> Self {
        self.extra_trusted_audiences = audiences.to_vec();
        self
    }

    /// The earliest acceptable `iat`, exactly: `iat >= min` (the leeway does not apply
    /// to a bound the caller sets; see the [module documentation](crate::validation)).
    pub fn min_iat(mut self, min: NumericDate) -> Self {
        self.min_iat = Some(min);
        self
    }

    /// A check of `acr`, called when the token has one.
    pub fn validate_acr(mut self, check: impl Fn(&str) -> Result<(), String> + 'a) -> Self {
        self.acr = Some(Box::new(check));
        self
    }

    /// The earliest acceptable `auth_time`, exactly: `auth_time >= min` (no leeway),
    /// checked when the token has one.
    pub fn min_auth_time(mut self, min: NumericDate) -> Self {
        self.min_auth_time = Some(min);
        self
    }

    /// The authentication request sent `max_age=seconds` (OIDC Core §3.1.2.1):
    /// `auth_time` is REQUIRED and, with the validation clock and leeway `L`, accepted
    /// while `now <= auth_time + max_age + L`.
    pub fn max_age(mut self, seconds: u64) -> Self {
        self.max_age = Some(seconds);
        self
    }

    /// `auth_time` is REQUIRED without `max_age` (it was requested as an Essential
    /// Claim, OIDC Core §5.5.1.1).
    pub fn require_auth_time(mut self) -> Self {
        self.require_auth_time = true;
        self
    }

    /// Whether a present `azp` must be our client id (default true). Turn off only when
    /// you knowingly accept tokens issued to another client.
    pub fn expect_self_azp(mut self, expect: bool) -> Self {
        self.expect_self_azp = expect;
        self
    }

    /// The ID Token came from the authorization endpoint in reply to this
    /// `response_type` (implicit or hybrid flow): `at_hash` is then REQUIRED when it
    /// contains `token` (OIDC Core §3.2.2.10, §3.3.2.11), `c_hash` when it contains
    /// `code` (§3.3.2.11), and each is checked against the value handed over with
    /// [`access_token`](Self::access_token) / [`code`](Self::code). Not needed for
    /// an ID Token from the token endpoint, whose hashes are OPTIONAL.
    pub fn response_type(mut self, response_type: &'a str) -> Self {
        self.hashes.response_type = Some(response_type);
        self
    }

    /// The access token returned with the ID Token: a present `at_hash` must be its
    /// hash (OIDC Core §3.1.3.8, §3.2.2.9), with the hash of the verified header's
    /// `alg`.
    pub fn access_token(mut self, access_token: &'a str) -> Self {
        self.hashes.access_token = Some(access_token);
        self
    }

    /// The authorization code returned with the ID Token: a present `c_hash` must be
    /// its hash (OIDC Core §3.3.2.10), with the hash of the verified header's `alg`.
    pub fn code(mut self, code: &'a str) -> Self {
        self.hashes.code = Some(code);
        self
    }

    super::time_options!();

    #[cfg(feature = "jwt")]
    super::jws_options!();
}

impl IdToken {
    /// Validates the claims of this (already signature-checked) ID Token against
    /// `checks`, following OpenID Connect Core 1.0 §3.1.3.7 steps 2-5 and 9-13, then
    /// `at_hash` / `c_hash` (see the [module documentation](crate::validation)).
    ///
    /// A hash claim can only be checked with the signing algorithm, which this method
    /// does not have: when one must be checked it fails with
    /// [`ValidationError::HashUncheckable`]. The one-call
    /// [`IdTokenValidation::verify`] (or [`TokenValidation::validate`](super::TokenValidation::validate)
    /// with the verified header) checks them. A vendor token that embeds an `IdToken`
    /// is validated the same way by
    /// [`OidcMessage::validate_extern`](crate::OidcMessage::validate_extern).
    pub fn validate_extern(&self, checks: &IdTokenValidation<'_>) -> Result<(), ValidationError> {
        validate_id_token(self, self, checks, None)
    }
}

/// The ID Token checks, in order; `claims` is the whole message the token is part of
/// (a vendor token's own fields included), as the issuer matcher sees it; `hash`
/// verifies `at_hash` / `c_hash` under the signing algorithm when known.
pub(super) fn validate_id_token(
    token: &IdToken,
    claims: &dyn Claims,
    checks: &IdTokenValidation<'_>,
    hash: Option<HashVerifier<'_>>,
) -> Result<(), ValidationError> {
    // Step 2: the issuer is the one we expect.
    check_issuer(TOKEN, &checks.issuer, &token.iss, claims)?;
    // Step 3: aud contains our client_id; every other audience is trusted.
    check_audiences(
        TOKEN,
        &token.aud,
        checks.client_id,
        &checks.extra_trusted_audiences,
    )?;
    // Step 4: several audiences need azp.
    if distinct_audiences(&token.aud) > 1 && token.azp.is_none() {
        return Err(ValidationError::AzpMissing { token: TOKEN });
    }
    // Step 5: a present azp is our client_id.
    if let (Some(azp), true) = (&token.azp, checks.expect_self_azp) {
        if azp != checks.client_id {
            return Err(ValidationError::Azp {
                token: TOKEN,
                got: azp.clone(),
            });
        }
    }
    // Step 9: not expired; RFC 7519 §4.1.5: not before nbf; step 10: iat neither in
    // the future nor before the caller's minimum.
    let now = checks.clock.now();
    let times = Times {
        exp: Some(token.exp),
        nbf: token.nbf,
        iat: token.iat,
    };
    check_times(TOKEN, times, now, checks.leeway, checks.min_iat)?;
    // Step 11: the nonce.
    checks.nonce.check(TOKEN, token.nonce.as_deref())?;
    // Step 12: acr, by the caller's rules.
    if let (Some(acr), Some(check)) = (&token.acr, &checks.acr) {
        check(acr).map_err(|reason| ValidationError::Acr {
            token: TOKEN,
            reason,
        })?;
    }
    // Step 13 and §3.1.2.1: auth_time.
    check_auth_time(token, checks, now)?;
    // §3.1.3.8, §3.2.2.9, §3.3.2.10 (§3.2.2.10, §3.3.2.11: when REQUIRED).
    check_hashes(TOKEN, token, &checks.hashes, hash)
}

/// OIDC Core §3.1.3.7 step 13 and §3.1.2.1: `auth_time` present when `max_age` was sent
/// or it is required; not older than `max_age` (plus the leeway) by the validation
/// clock; not before the caller's minimum.
fn check_auth_time(
    token: &IdToken,
    checks: &IdTokenValidation<'_>,
    now: NumericDate,
) -> Result<(), ValidationError> {
    let Some(auth_time) = token.auth_time else {
        if checks.max_age.is_some() || checks.require_auth_time {
            return Err(ValidationError::AuthTimeMissing { token: TOKEN });
        }
        return Ok(());
    };
    if let Some(max_age) = checks.max_age {
        let latest = auth_time
            .as_secs()
            .saturating_add(i64::try_from(max_age).unwrap_or(i64::MAX))
            .saturating_add(checks.leeway);
        if now.as_secs() > latest {
            return Err(ValidationError::MaxAgeExceeded {
                token: TOKEN,
                auth_time,
                max_age,
                now,
            });
        }
    }
    match checks.min_auth_time {
        Some(min) if auth_time < min => Err(ValidationError::AuthTimeTooOld {
            token: TOKEN,
            auth_time,
            min,
        }),
        _ => Ok(()),
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

/// OIDC Core §3.1.3.7 step 2 (and the same step of every signed token and response
/// validated here): `iss` is the expected issuer, with `claims` in view of a matcher.
pub(super) fn check_issuer(
    token: &'static str,
    issuer: &Issuer<'_>,
    iss: &str,
    claims: &dyn Claims,
) -> Result<(), ValidationError> {
    if issuer.matches(iss, claims) {
        Ok(())
    } else {
        Err(ValidationError::Issuer {
            token,
            got: iss.to_owned(),
        })
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validation::FixedClock;
    use crate::OidcMessage;

    const NOW: i64 = 1_800_000_000;

    fn with_auth_time(auth_time: i64) -> IdToken {
        IdToken::from_json(&format!(
            r#"{{"iss":"https://op.example","sub":"u","aud":"c","exp":{},"iat":{},"auth_time":{auth_time}}}"#,
            NOW + 300,
            NOW - 10
        ))
        .unwrap()
    }

    fn checks() -> IdTokenValidation<'static> {
        IdTokenValidation::new("https://op.example", "c")
            .clock(FixedClock(NumericDate::from_secs(NOW)))
    }

    #[test]
    fn max_age_accepts_up_to_auth_time_plus_max_age_plus_leeway() {
        // OIDC Core §3.1.2.1: an elapsed time greater than max_age is refused.
        for l in [0, 7] {
            for max_age in [0u64, 60] {
                let last = NOW - max_age as i64 - l;
                let checks = checks().leeway(l).max_age(max_age);
                let now = NumericDate::from_secs(NOW);
                assert_eq!(
                    check_auth_time(&with_auth_time(last), &checks, now),
                    Ok(()),
                    "L={l} max_age={max_age}: now == auth_time + max_age + L"
                );
                assert_eq!(
                    check_auth_time(&with_auth_time(last - 1), &checks, now),
                    Err(ValidationError::MaxAgeExceeded {
                        token: TOKEN,
                        auth_time: NumericDate::from_secs(last - 1),
                        max_age,
                        now,
                    }),
                    "L={l} max_age={max_age}: one second older"
                );
            }
        }
    }

    #[test]
    fn min_auth_time_accepts_auth_time_equal_to_it_and_refuses_one_second_less() {
        // The caller's bound, exactly: the leeway does not widen it.
        for l in [0, 7] {
            let min = NumericDate::from_secs(NOW - 100);
            let checks = checks().leeway(l).min_auth_time(min);
            let now = NumericDate::from_secs(NOW);
            assert_eq!(
                check_auth_time(&with_auth_time(NOW - 100), &checks, now),
                Ok(())
            );
            assert_eq!(
                check_auth_time(&with_auth_time(NOW - 5), &checks, now),
                Ok(())
            );
            assert_eq!(
                check_auth_time(&with_auth_time(NOW - 101), &checks, now),
                Err(ValidationError::AuthTimeTooOld {
                    token: TOKEN,
                    auth_time: NumericDate::from_secs(NOW - 101),
                    min,
                }),
                "L={l}"
            );
            // The whole token, accepted when the minimum is met.
            assert_eq!(
                with_auth_time(NOW - 100).validate_extern(&checks),
                Ok(()),
                "L={l}"
            );
        }
    }

    #[test]
    fn auth_time_is_required_by_max_age_or_by_the_caller() {
        let token = IdToken::from_json(&format!(
            r#"{{"iss":"https://op.example","sub":"u","aud":"c","exp":{},"iat":{}}}"#,
            NOW + 300,
            NOW - 10
        ))
        .unwrap();
        let now = NumericDate::from_secs(NOW);
        let missing = Err(ValidationError::AuthTimeMissing { token: TOKEN });
        assert_eq!(check_auth_time(&token, &checks(), now), Ok(()));
        assert_eq!(check_auth_time(&token, &checks().max_age(60), now), missing);
        assert_eq!(
            check_auth_time(&token, &checks().require_auth_time(), now),
            missing
        );
    }
}
