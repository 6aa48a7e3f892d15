use crate::messages::{AuthenticationResponse, ProviderMetadata};
use crate::ExtraParams;

use super::{Issuer, ValidationError};

/// What an authentication response is checked against
/// ([`AuthenticationResponse::validate_extern`]).
pub struct AuthenticationResponseValidation<'a> {
    state: Option<&'a str>,
    issuer: Issuer<'a>,
    iss_required: bool,
}

impl<'a> AuthenticationResponseValidation<'a> {
    /// The `state` we sent (or `None`) and the provider's issuer; `iss` is checked when
    /// present and not required.
    pub fn new(state: Option<&'a str>, issuer: impl Into<Issuer<'a>>) -> Self {
        AuthenticationResponseValidation {
            state,
            issuer: issuer.into(),
            iss_required: false,
        }
    }

    /// From the provider's metadata: `iss` is required when it sets
    /// `authorization_response_iss_parameter_supported` (RFC 9207 §3).
    pub fn from_metadata(state: Option<&'a str>, metadata: &'a ProviderMetadata) -> Self {
        AuthenticationResponseValidation {
            state,
            issuer: Issuer::Exact(&metadata.issuer),
            iss_required: metadata.authorization_response_iss_parameter_supported,
        }
    }

    /// Require `iss` (RFC 9207 §2.4).
    pub fn require_iss(mut self) -> Self {
        self.iss_required = true;
        self
    }
}

impl AuthenticationResponse {
    /// Checks `state` (RFC 6749 §4.1.2, §10.12: exactly the value sent) and `iss`
    /// (RFC 9207 §2.4: equal to the issuer when present; required when the provider
    /// advertises it, unless the response carries an ID Token, whose `iss` then counts)
    /// — on success and error responses alike, since an attacker can forge either.
    ///
    /// ```
    /// use oidc_core::messages::AuthenticationResponse;
    /// use oidc_core::validation::AuthenticationResponseValidation;
    /// use oidc_core::Location;
    ///
    /// let r = AuthenticationResponse::from_url(
    ///     "https://client.example/cb?code=x&state=s1&iss=https%3A%2F%2Fhonest.as.example",
    ///     Location::Auto,
    /// )?;
    /// let ok = AuthenticationResponseValidation::new(Some("s1"), "https://honest.as.example").require_iss();
    /// assert!(r.validate_extern(&ok).is_ok());
    /// let mix_up = AuthenticationResponseValidation::new(Some("s1"), "https://attacker.example");
    /// assert!(r.validate_extern(&mix_up).is_err());
    /// # Ok::<(), oidc_core::Error>(())
    /// ```
    pub fn validate_extern(
        &self,
        checks: &AuthenticationResponseValidation<'_>,
    ) -> Result<(), ValidationError> {
        let (token, state, iss, extra, has_id_token): (&'static str, _, _, &ExtraParams, bool) =
            match self {
                AuthenticationResponse::Success(r) => (
                    "Authentication response",
                    &r.state,
                    &r.iss,
                    &r.extra,
                    r.id_token.is_some(),
                ),
                AuthenticationResponse::Error(r) => (
                    "Authentication error response",
                    &r.state,
                    &r.iss,
                    &r.extra,
                    false,
                ),
            };
        if state.as_deref() != checks.state {
            return Err(ValidationError::State { token });
        }
        match iss {
            Some(iss) if !checks.issuer.matches(iss, extra) => Err(ValidationError::Issuer {
                token,
                got: iss.clone(),
            }),
            // RFC 9207 §2.4: a response that carries an ID Token identifies its issuer
            // by the token's `iss` (validated with the ID Token), so `iss` may be absent
            // (oidc-provider omits it there).
            None if checks.iss_required && !has_id_token => {
                Err(ValidationError::IssMissing { token })
            }
            _ => Ok(()),
        }
    }
}
