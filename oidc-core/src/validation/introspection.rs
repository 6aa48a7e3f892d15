use crate::messages::{JwtIntrospectionResponse, ProviderMetadata};
use crate::NumericDate;

use super::id_token::check_issuer;
use super::{
    check_times, Claims, Clock, Issuer, SystemClock, Times, ValidationError, DEFAULT_LEEWAY_SECS,
};

const TOKEN: &str = "JWT introspection response";

/// What a JWT introspection response (RFC 9701) is checked against: its claims
/// ([`JwtIntrospectionResponse::validate_extern`]) and, for the one-call
/// [`verify`](Self::verify), the JWS (the allowed algorithms; `typ`
/// `token-introspection+jwt`, [`TokenKind::INTROSPECTION_RESPONSE`](crate::jwt::TokenKind::INTROSPECTION_RESPONSE)).
/// The [module documentation](crate::validation) lists every check in order.
///
/// An encrypted response (a JWE, RFC 9701 §5) is not supported: it is refused as
/// malformed.
#[must_use]
pub struct IntrospectionResponseValidation<'a> {
    issuer: Issuer<'a>,
    client_id: &'a str,
    min_iat: Option<NumericDate>,
    clock: Box<dyn Clock + 'a>,
    leeway: i64,
    #[cfg(feature = "jwt")]
    jwt: crate::jwt::JwtOptions,
}

impl<'a> IntrospectionResponseValidation<'a> {
    /// Checks against the authorization server's `issuer` and the `client_id` this
    /// resource server authenticated to the introspection endpoint with; system clock,
    /// 30 s leeway; for [`verify`](Self::verify), RS256 only (RFC 9701 §6: the default
    /// `introspection_signed_response_alg`). Prefer [`from_metadata`](Self::from_metadata).
    pub fn new(issuer: impl Into<Issuer<'a>>, client_id: &'a str) -> Self {
        IntrospectionResponseValidation {
            issuer: issuer.into(),
            client_id,
            min_iat: None,
            clock: Box::new(SystemClock),
            leeway: DEFAULT_LEEWAY_SECS,
            #[cfg(feature = "jwt")]
            jwt: crate::jwt::JwtOptions::default().algorithms(&[crate::jwt::Algorithm::RS256]),
        }
    }

    /// As [`new`](Self::new), with the server's `issuer`; [`verify`](Self::verify)
    /// accepts the algorithms of its `introspection_signing_alg_values_supported`
    /// (RFC 9701 §7) without `none` and HMAC, RS256 when the list is omitted.
    pub fn from_metadata(metadata: &'a ProviderMetadata, client_id: &'a str) -> Self {
        let checks = Self::new(metadata.issuer.as_str(), client_id);
        #[cfg(feature = "jwt")]
        let checks = checks.algorithms(&super::algorithms::metadata_algorithms(
            metadata.introspection_signing_alg_values_supported.as_ref(),
        ));
        checks
    }

    /// The earliest acceptable `iat`, exactly (`iat >= min`, no leeway): how old an
    /// answer may be, e.g. `now - 60 s` for a response to a request just sent.
    pub fn min_iat(mut self, min: NumericDate) -> Self {
        self.min_iat = Some(min);
        self
    }

    super::time_options!();

    #[cfg(feature = "jwt")]
    super::jws_options!();
}

impl JwtIntrospectionResponse {
    /// Validates the claims of this (already signature-checked, `typ`
    /// `token-introspection+jwt`) response (RFC 9701 §5): `iss` is the authorization
    /// server, `aud` contains our client id, `iat` not in the future nor before the
    /// caller's minimum. Whether the token is active is `token_introspection.active`:
    /// the response is valid either way.
    pub fn validate_extern(
        &self,
        checks: &IntrospectionResponseValidation<'_>,
    ) -> Result<(), ValidationError> {
        self.validate_with_claims(self, checks)
    }

    /// [`validate_extern`](Self::validate_extern), with `claims` (the whole message
    /// this one is part of) in view of the issuer matcher.
    pub(super) fn validate_with_claims(
        &self,
        claims: &dyn Claims,
        checks: &IntrospectionResponseValidation<'_>,
    ) -> Result<(), ValidationError> {
        check_issuer(TOKEN, &checks.issuer, &self.iss, claims)?;
        if !self.aud.contains(checks.client_id) {
            return Err(ValidationError::Audience {
                token: TOKEN,
                expected: checks.client_id.to_owned(),
            });
        }
        let times = Times {
            exp: None,
            nbf: None,
            iat: self.iat,
        };
        check_times(
            TOKEN,
            times,
            checks.clock.now(),
            checks.leeway,
            checks.min_iat,
        )
    }
}
