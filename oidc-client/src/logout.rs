//! Logout: the RP-initiated logout URL (RP-Initiated Logout 1.0) and the receiver of
//! the provider's back-channel logout requests (Back-Channel Logout 1.0).

use oidc_core::messages::{
    BackChannelLogoutNotification, BackChannelLogoutToken, RpInitiatedLogoutRequest,
};
use oidc_core::validation::{LogoutTokenValidation, TokenError};
use oidc_core::OidcMessage;

use crate::client::Client;
use crate::error::{Endpoint, Error};

impl Client {
    /// The URL of the provider's `end_session_endpoint` that logs the user out (RP-
    /// Initiated Logout 1.0 §2): `id_token_hint` (RECOMMENDED: the ID Token of the
    /// session, as received), `client_id` (so the provider can check the
    /// `post_logout_redirect_uri` even without the hint, §2), the
    /// [`post_logout_redirect_uri`](crate::ClientBuilder::post_logout_redirect_uri)
    /// when set; `edit` sets the rest (`state`, `logout_hint`, `ui_locales`). Send the
    /// browser there with a GET.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] when the provider names no `end_session_endpoint`.
    pub fn logout_url(
        &self,
        id_token_hint: Option<&str>,
        edit: impl FnOnce(&mut RpInitiatedLogoutRequest),
    ) -> Result<String, Error> {
        let endpoint = self.endpoint_url(Endpoint::EndSession)?;
        let mut request = RpInitiatedLogoutRequest::default();
        request.id_token_hint = id_token_hint.map(str::to_owned);
        request.client_id = Some(self.client_id().to_owned());
        request
            .post_logout_redirect_uri
            .clone_from(&self.post_logout_redirect_uri);
        edit(&mut request);
        request.to_url(endpoint).map_err(|e| {
            Error::Config(format!(
                "end_session_endpoint: {e} (the provider's metadata names it)"
            ))
        })
    }

    /// Reads a back-channel logout request (Back-Channel Logout 1.0 §2.5): `body` is the
    /// form the provider POSTed to the client's `backchannel_logout_uri`. The Logout
    /// Token is verified with the provider's keys (fetched again on an unknown `kid`)
    /// and the algorithms ID Tokens may use, then validated by §2.6: issuer, audience
    /// (this client), `iat`, `exp`, `nbf`, `sub` and / or `sid`, the back-channel event,
    /// no `nonce`, and `typ` (`logout+jwt` or none). `jti_is_new` is the replay check of
    /// §2.6 step 10: return `Err(reason)` when this `jti` was seen before (remember
    /// each one until its `exp`).
    ///
    /// On `Ok`, end the sessions of the token's `sid` (or all of its `sub`'s) and
    /// answer `200`; on `Err`, answer `400` (§2.8) with `error` `invalid_request`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidResponse`] for a body without a `logout_token`;
    /// [`Error::LogoutToken`] for a token that does not verify or validate, or that
    /// `jti_is_new` refused.
    pub async fn backchannel_logout(
        &self,
        body: &str,
        jti_is_new: impl Fn(&str) -> Result<(), String>,
    ) -> Result<BackChannelLogoutToken, Error> {
        let notification = BackChannelLogoutNotification::from_form(body).map_err(|source| {
            Error::InvalidResponse {
                endpoint: Endpoint::BackchannelLogout,
                source,
            }
        })?;
        let jwt = notification.logout_token.as_str();
        let keys = self
            .keys
            .keys_for_async(jwt)
            .await
            .map_err(|e| Error::LogoutToken(TokenError::Keys(e)))?;
        let clock = &self.clock;
        LogoutTokenValidation::new(self.issuer(), self.client_id())
            .algorithms(&self.token_algorithms())
            .clock(move || clock.now())
            .validate_unique_jti(jti_is_new)
            .verify(jwt, &keys)
            .map_err(Error::LogoutToken)
    }
}
