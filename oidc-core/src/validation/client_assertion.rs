//! Verifying a client authentication JWT at the provider (RFC 7523 §3, OIDC Core §9,
//! draft-ietf-oauth-rfc7523bis §3).

use crate::jwt::JwtOptions;
use crate::messages::ClientAssertion;
use crate::{Embeds, NumericDate, OidcMessage};

use super::{
    check_exp, check_iat_not_future, check_nbf, Clock, SystemClock, Validates, ValidationError,
    DEFAULT_LEEWAY_SECS,
};

const TOKEN: &str = "client assertion";

/// A replay check: `(jti, exp) -> Ok` when this `jti` was not seen before for the
/// client; the store keeps it until `exp`.
type JtiCheck<'a> = Box<dyn Fn(&str, NumericDate) -> Result<(), String> + 'a>;

/// What a client assertion is checked against: the claims
/// (`validate_extern`) — the provider's issuer identifier (the
/// audience), the client it authenticates, a `jti` replay hook — and, for the one-call
/// [`verify`](Self::verify), the JWS (the client's algorithms, the `typ` rule of client
/// assertions).
///
/// ```
/// use oidc_core::client_auth::{ClientAuth, ClientCredentials};
/// use oidc_core::jwt::{Algorithm, SigningKey};
/// use oidc_core::messages::ClientAssertion;
/// use oidc_core::validation::ClientAssertionValidation;
///
/// let key = SigningKey::generate(Algorithm::ES256)?;
/// let client_keys = key.verifying_keys(); // what the client registered
/// let auth = ClientAuth::private_key_jwt("s6BhdRkqt3", key, "https://op.example")?;
/// let sent = auth.apply("grant_type=client_credentials")?;
///
/// // The provider's side.
/// let ClientCredentials::Assertion { assertion, .. } = ClientCredentials::from_request(None, &sent.body)? else { panic!() };
/// let seen = std::cell::RefCell::new(Vec::new());
/// let checks = ClientAssertionValidation::new("https://op.example", "s6BhdRkqt3")
///     .algorithms(&[Algorithm::ES256]) // the client's token_endpoint_auth_signing_alg
///     .unique_jti(|jti, _exp| {
///         if seen.borrow().iter().any(|s| s == jti) { return Err("replayed".into()) }
///         seen.borrow_mut().push(jti.to_owned());
///         Ok(())
///     });
/// let claims: ClientAssertion = checks.verify(&assertion, &client_keys)?;
/// assert_eq!(claims.sub, "s6BhdRkqt3");
/// assert!(checks.verify::<ClientAssertion>(&assertion, &client_keys).is_err()); // replayed
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub struct ClientAssertionValidation<'a> {
    issuer: &'a str,
    client_id: &'a str,
    legacy_audiences: Vec<&'a str>,
    max_lifetime: Option<i64>,
    unique_jti: Option<JtiCheck<'a>>,
    clock: Box<dyn Clock + 'a>,
    leeway: i64,
    jwt: JwtOptions,
}

impl<'a> ClientAssertionValidation<'a> {
    /// Checks for `client_id` at the provider whose issuer identifier is `issuer`;
    /// system clock, 30 s leeway, no replay check (add one: [`unique_jti`](Self::unique_jti));
    /// for [`verify`](Self::verify), every asymmetric algorithm (`private_key_jwt`):
    /// narrow it to the client's registered `token_endpoint_auth_signing_alg`, or say
    /// `algorithms(&[Algorithm::HS256])` for `client_secret_jwt` and verify with
    /// `JwkSet::from_secret(client_secret)`.
    pub fn new(issuer: &'a str, client_id: &'a str) -> Self {
        ClientAssertionValidation {
            issuer,
            client_id,
            legacy_audiences: Vec::new(),
            max_lifetime: None,
            unique_jti: None,
            clock: Box::new(SystemClock),
            leeway: DEFAULT_LEEWAY_SECS,
            jwt: JwtOptions::default(),
        }
    }

    /// Also accept these audiences (the token endpoint URL, the endpoint the assertion
    /// is sent to), and `aud` arrays holding one of them or the issuer: what OIDC Core
    /// §9 and RFC 7523 allowed before draft-ietf-oauth-rfc7523bis required the issuer as
    /// the sole audience. For clients that cannot be updated yet.
    pub fn legacy_audiences(mut self, audiences: &[&'a str]) -> Self {
        self.legacy_audiences = audiences.to_vec();
        self
    }

    /// Refuses an assertion whose `exp` is more than `seconds` (plus the leeway) ahead
    /// of now (RFC 7523 §3 item 4: "unreasonably far in the future"), so the replay store
    /// keeps each `jti` for a bounded time.
    pub fn max_lifetime(mut self, seconds: i64) -> Self {
        self.max_lifetime = Some(seconds.max(0));
        self
    }

    /// The replay check (RFC 7523 §3 item 7, OIDC Core §9: `jti` "MUST only be used
    /// once"): `check(jti, exp)` fails when the client used this `jti` before; keep it
    /// until `exp` (plus the leeway).
    pub fn unique_jti(
        mut self,
        check: impl Fn(&str, NumericDate) -> Result<(), String> + 'a,
    ) -> Self {
        self.unique_jti = Some(Box::new(check));
        self
    }

    super::time_options!();

    super::jws_options!();
}

/// `assertion.validate_extern(&checks)` (and the one call) validates the claims of an
/// (already signature-checked) client assertion, in order: `iss` and `sub` are the
/// client id (RFC 7523 §3 items 1-2, OIDC Core §9); `aud` is the issuer identifier as
/// its sole value (draft-ietf-oauth-rfc7523bis §3, or a legacy audience when allowed);
/// `exp`, `nbf`, `iat` (see the [module documentation](crate::validation)) and the
/// maximum lifetime; then the `jti` replay check, last, so that only otherwise valid
/// assertions are recorded.
impl<T: Embeds<ClientAssertion> + OidcMessage> Validates<T> for ClientAssertionValidation<'_> {
    fn validate(&self, message: &T) -> Result<(), ValidationError> {
        message.embedded().check(self)
    }
}

impl ClientAssertion {
    fn check(&self, checks: &ClientAssertionValidation<'_>) -> Result<(), ValidationError> {
        if self.iss != checks.client_id {
            return Err(ValidationError::Issuer {
                token: TOKEN,
                got: self.iss.clone(),
            });
        }
        if self.sub != checks.client_id {
            return Err(ValidationError::Subject {
                token: TOKEN,
                got: self.sub.clone(),
            });
        }
        self.check_audience(checks)?;
        let now = checks.clock.now();
        check_exp(TOKEN, self.exp, now, checks.leeway)?;
        check_nbf(TOKEN, self.nbf, now, checks.leeway)?;
        if let Some(iat) = self.iat {
            check_iat_not_future(TOKEN, iat, now, checks.leeway)?;
        }
        if let Some(max) = checks.max_lifetime {
            let latest = now
                .as_secs()
                .saturating_add(max)
                .saturating_add(checks.leeway);
            if self.exp.as_secs() > latest {
                return Err(ValidationError::LifetimeTooLong {
                    token: TOKEN,
                    exp: self.exp,
                    max,
                });
            }
        }
        if let Some(check) = &checks.unique_jti {
            super::callback(TOKEN, "jti", check(&self.jti, self.exp))?;
        }
        Ok(())
    }

    fn check_audience(
        &self,
        checks: &ClientAssertionValidation<'_>,
    ) -> Result<(), ValidationError> {
        let wrong = || ValidationError::Audience {
            token: TOKEN,
            expected: checks.issuer.to_owned(),
        };
        if checks.legacy_audiences.is_empty() {
            // draft-ietf-oauth-rfc7523bis §3: the issuer identifier as the sole value.
            if !self.aud.contains(checks.issuer) {
                return Err(wrong());
            }
            if let Some(other) = self.aud.iter().find(|aud| *aud != checks.issuer) {
                return Err(ValidationError::UntrustedAudience {
                    token: TOKEN,
                    audience: other.to_owned(),
                });
            }
            return Ok(());
        }
        let accepted = |aud: &str| aud == checks.issuer || checks.legacy_audiences.contains(&aud);
        if self.aud.iter().any(accepted) {
            Ok(())
        } else {
            Err(wrong())
        }
    }
}
