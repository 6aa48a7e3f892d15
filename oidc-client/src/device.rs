//! The device authorization grant (RFC 8628): codes for a device without a browser,
//! then polling the token endpoint by the rule of §3.5 until the user has approved.

use std::time::Duration;

use oidc_core::messages::{
    DeviceAuthorizationRequest, DeviceAuthorizationSuccessResponse, IdToken, TokenRequest,
    TokenSuccessResponse,
};
use oidc_core::validation::Nonce;
use oidc_core::{NumericDate, OidcMessage};

use crate::client::Client;
use crate::error::{Endpoint, Error, ProtocolError};

/// What the device authorization endpoint answered (RFC 8628 §3.2), and when its
/// codes expire by the client's clock. Show the user
/// [`user_code`](DeviceAuthorizationSuccessResponse::user_code) and
/// [`verification_uri`](DeviceAuthorizationSuccessResponse::verification_uri) (or
/// `verification_uri_complete`), then [`Client::device_tokens`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct DeviceCodes {
    /// The response: the codes, the URI, `expires_in`, `interval`.
    pub response: DeviceAuthorizationSuccessResponse,
    /// The moment the codes expire: received at + `expires_in`.
    pub expires_at: NumericDate,
}

/// The tokens a device flow ended with.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct DeviceLogin {
    /// The token endpoint's answer.
    pub tokens: TokenSuccessResponse,
    /// The ID Token, verified and validated (OIDC Core §3.1.3.7, no nonce: the device
    /// request has none), when the provider sent one (it does for the `openid` scope).
    pub id_token: Option<IdToken>,
}

impl Client {
    /// Starts a device flow (RFC 8628 §3.1): the client's authentication, `scopes`
    /// after `openid`, and whatever `edit` sets (`resource`, ...).
    ///
    /// # Errors
    ///
    /// [`Error::Protocol`] with the endpoint's error (`invalid_client`,
    /// `invalid_scope`); [`Error::Config`] when the provider names no
    /// `device_authorization_endpoint`.
    pub async fn device_authorization(
        &self,
        scopes: &[&str],
        edit: impl FnOnce(&mut DeviceAuthorizationRequest),
    ) -> Result<DeviceCodes, Error> {
        let mut request = DeviceAuthorizationRequest::default();
        let mut scope = vec!["openid".to_owned()];
        scope.extend(
            scopes
                .iter()
                .filter(|s| **s != "openid")
                .map(|s| (*s).to_owned()),
        );
        request.scope = Some(scope);
        edit(&mut request);
        let response = self
            .form_post(Endpoint::DeviceAuthorization, &request.to_form(), |text| {
                DeviceAuthorizationSuccessResponse::from_json(text)
            })
            .await?;
        let lifetime = i64::try_from(response.expires_in).unwrap_or(i64::MAX);
        let expires_at = NumericDate::from_secs(self.now().as_secs().saturating_add(lifetime));
        Ok(DeviceCodes {
            response,
            expires_at,
        })
    }

    /// Polls the token endpoint with `codes`' device code until the user approves or
    /// denies, by the rule of RFC 8628 §3.5: wait `interval` (default 5 s) before each
    /// request; on `authorization_pending` poll again; on `slow_down` add 5 s to the
    /// interval for good; after a timed-out request double it; stop on any other error
    /// and when the codes expire. Waits go through the transport's
    /// [`sleep`](crate::Transport::sleep); time through the client's clock.
    ///
    /// # Errors
    ///
    /// [`Error::DeviceCodeExpired`] when the next poll would come after
    /// [`expires_at`](DeviceCodes::expires_at); [`Error::Protocol`] with the token
    /// endpoint's final error (`access_denied`, `expired_token`); [`Error::IdToken`]
    /// for an ID Token that does not verify or validate.
    pub async fn device_tokens(&self, codes: &DeviceCodes) -> Result<DeviceLogin, Error> {
        let mut polling = codes.response.polling();
        // A public client's client_id goes in the body with its (absent) credentials
        // (RFC 8628 §3.4), as for every token request.
        let form = TokenRequest::for_device_code(&codes.response.device_code).to_form();
        loop {
            let wait = polling.interval();
            if !in_time(self.now(), wait, codes.expires_at) {
                return Err(Error::DeviceCodeExpired {
                    expires_at: codes.expires_at,
                });
            }
            self.transport.sleep(wait).await;
            match self.token_request(&form).await {
                Ok(tokens) => return self.device_login(tokens).await,
                Err(Error::Timeout { .. }) => {
                    polling.on_timeout();
                }
                Err(error) => {
                    let code = match &error {
                        Error::Protocol {
                            error: ProtocolError::Token(e),
                            ..
                        } => &e.error,
                        _ => return Err(error),
                    };
                    if polling.on_error(code).is_none() {
                        return Err(error);
                    }
                }
            }
        }
    }

    async fn device_login(&self, tokens: TokenSuccessResponse) -> Result<DeviceLogin, Error> {
        let id_token = match tokens.id_token.as_deref() {
            Some(jwt) => Some(
                self.verify_id_token(jwt, Nonce::NoneSent, &tokens.access_token, None)
                    .await?,
            ),
            None => None,
        };
        Ok(DeviceLogin { tokens, id_token })
    }
}

/// Whether a poll after waiting `wait` from `now` still comes before `expires_at`.
fn in_time(now: NumericDate, wait: Duration, expires_at: NumericDate) -> bool {
    let wait = i64::try_from(wait.as_secs()).unwrap_or(i64::MAX);
    now.as_secs().saturating_add(wait) < expires_at.as_secs()
}

#[cfg(test)]
mod tests {
    use super::*;
    use oidc_core::messages::TokenErrorCode;

    #[test]
    fn a_poll_must_come_before_the_expiry() {
        let at = NumericDate::from_secs;
        let five = Duration::from_secs(5);
        assert!(in_time(at(100), five, at(106)));
        assert!(!in_time(at(100), five, at(105)));
        assert!(!in_time(at(100), five, at(104)));
        assert!(!in_time(at(100), Duration::MAX, at(i64::MAX)));
    }

    #[test]
    fn an_error_code_is_matched_as_the_rule_says() {
        // The codes that keep polling are the core's rule; the client stops on the rest.
        let mut polling = oidc_core::messages::DevicePolling::new(Duration::from_secs(5));
        assert!(polling
            .on_error(&TokenErrorCode::AuthorizationPending)
            .is_some());
        assert!(polling.on_error(&TokenErrorCode::AccessDenied).is_none());
    }
}
