//! Token revocation (RFC 7009).

use oidc_core::messages::{TokenRevocationRequest, TokenTypeHint};
use oidc_core::OidcMessage;

use crate::client::Client;
use crate::error::{Endpoint, Error};

impl Client {
    /// Revokes `token` at the provider's `revocation_endpoint` (RFC 7009 §2.1), with the
    /// client's authentication. A refresh token's revocation may also revoke the access
    /// tokens of its grant, and an access token's its refresh token (§2.1: the server's
    /// choice). `Ok` also for a token the provider did not know (§2.2: "invalid tokens
    /// do not cause an error response"); the body of a success is not read.
    ///
    /// # Errors
    ///
    /// [`Error::Protocol`] with the endpoint's error (`unsupported_token_type`, §2.2.1;
    /// `invalid_client`); [`Error::Status`] for another non-2xx status (a 503 when the
    /// server asks to retry later, §2.2.1); [`Error::Config`] when the provider names
    /// no `revocation_endpoint`.
    pub async fn revoke(&self, token: &str, hint: Option<TokenTypeHint>) -> Result<(), Error> {
        let mut request = TokenRevocationRequest::new(token);
        request.token_type_hint = hint;
        self.form_post(Endpoint::Revocation, &request.to_form(), |_| Ok(()))
            .await
    }
}
