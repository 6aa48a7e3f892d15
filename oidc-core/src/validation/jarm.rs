use crate::messages::{JarmClaims, ProviderMetadata};

use super::id_token::check_issuer;
use super::{
    check_exp, check_iat_not_future, check_nbf, Claims, Clock, Issuer, SystemClock,
    ValidationError, DEFAULT_LEEWAY_SECS,
};

const TOKEN: &str = "JWT authorization response";

/// What a JWT-secured authorization response (JARM) is checked against: its claims
/// ([`JarmClaims::validate_extern`], JARM §4.4 steps 2-4) and, for the one-call
/// [`verify`](Self::verify), the JWS (step 5: the allowed algorithms, never `none`;
/// the `typ` of [`TokenKind::JARM_RESPONSE`](crate::jwt::TokenKind::JARM_RESPONSE)).
/// The [module documentation](crate::validation) lists every check in order.
///
/// An encrypted response (JARM §4.4 step 1, a JWE) is not supported: it is refused
/// as malformed. `state` and the rest of the response are the
/// [`AuthenticationResponseValidation`](super::AuthenticationResponseValidation)'s,
/// on the response [`verify`](Self::verify) returns.
#[must_use]
pub struct JarmValidation<'a> {
    issuer: Issuer<'a>,
    client_id: &'a str,
    clock: Box<dyn Clock + 'a>,
    leeway: i64,
    #[cfg(feature = "jwt")]
    jwt: crate::jwt::JwtOptions,
}

impl<'a> JarmValidation<'a> {
    /// Checks against the `issuer` the request was sent to and our `client_id`;
    /// system clock, 30 s leeway; for [`verify`](Self::verify), RS256 only (JARM §5:
    /// the default `authorization_signed_response_alg`). Prefer
    /// [`from_metadata`](Self::from_metadata).
    pub fn new(issuer: impl Into<Issuer<'a>>, client_id: &'a str) -> Self {
        JarmValidation {
            issuer: issuer.into(),
            client_id,
            clock: Box::new(SystemClock),
            leeway: DEFAULT_LEEWAY_SECS,
            #[cfg(feature = "jwt")]
            jwt: crate::jwt::JwtOptions::default().algorithms(&[crate::jwt::Algorithm::RS256]),
        }
    }

    /// Checks against the provider's `issuer` and our `client_id`;
    /// [`verify`](Self::verify) accepts the algorithms of its
    /// `authorization_signing_alg_values_supported` (JARM §6) without `none` and HMAC,
    /// RS256 when the list is omitted. A client that registered an HMAC
    /// `authorization_signed_response_alg` says so with `algorithms`.
    pub fn from_metadata(metadata: &'a ProviderMetadata, client_id: &'a str) -> Self {
        let checks = Self::new(metadata.issuer.as_str(), client_id);
        #[cfg(feature = "jwt")]
        let checks = checks.algorithms(&super::algorithms::metadata_algorithms(
            metadata.authorization_signing_alg_values_supported.as_ref(),
        ));
        checks
    }

    super::time_options!();

    #[cfg(feature = "jwt")]
    super::jws_options!();
}

impl JarmClaims {
    /// Validates the claims of this (already signature-checked) response, in JARM
    /// §4.4's order: `iss` (step 2), `aud` (step 3), `exp` (step 4; RFC 7519: `nbf`,
    /// and a present `iat` not in the future; see the
    /// [module documentation](crate::validation)).
    pub fn validate_extern(&self, checks: &JarmValidation<'_>) -> Result<(), ValidationError> {
        self.validate_with_claims(self, checks)
    }

    /// [`validate_extern`](Self::validate_extern), with `claims` (the whole message
    /// this one is part of) in view of the issuer matcher.
    pub(super) fn validate_with_claims(
        &self,
        claims: &dyn Claims,
        checks: &JarmValidation<'_>,
    ) -> Result<(), ValidationError> {
        // §4.4 step 2: the expected issuer of the authorization process (mix-up).
        check_issuer(TOKEN, &checks.issuer, &self.iss, claims)?;
        // Step 3: aud is the client id used in the authorization request.
        if !self.aud.contains(checks.client_id) {
            return Err(ValidationError::Audience {
                token: TOKEN,
                expected: checks.client_id.to_owned(),
            });
        }
        // Step 4: still valid; RFC 7519 §4.1.5 / §4.1.6 for the optional claims.
        let now = checks.clock.now();
        check_exp(TOKEN, self.exp, now, checks.leeway)?;
        check_nbf(TOKEN, self.nbf, now, checks.leeway)?;
        match self.iat {
            Some(iat) => check_iat_not_future(TOKEN, iat, now, checks.leeway),
            None => Ok(()),
        }
    }
}
