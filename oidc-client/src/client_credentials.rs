//! The client credentials grant (RFC 6749 §4.4): tokens for the client itself.

use oidc_core::messages::{TokenRequest, TokenSuccessResponse};
use oidc_core::OidcMessage;

use crate::client::Client;
use crate::error::Error;

impl Client {
    /// Asks the token endpoint for an access token for the client itself (RFC 6749
    /// §4.4.2) with `scopes` (none: the provider's default), the client's
    /// authentication (a confidential client's: §4.4) and a DPoP proof when the client
    /// has a key. `edit` sets the rest (`resource`, RFC 8707; `authorization_details`,
    /// RFC 9396). No user is involved: no ID Token is checked, and a refresh token
    /// SHOULD NOT come with the answer (§4.4.3).
    ///
    /// # Errors
    ///
    /// [`Error::Protocol`] with the token endpoint's error (`invalid_client`,
    /// `unauthorized_client` for a client not registered for this grant,
    /// `invalid_scope`).
    pub async fn client_credentials(
        &self,
        scopes: &[&str],
        edit: impl FnOnce(&mut TokenRequest),
    ) -> Result<TokenSuccessResponse, Error> {
        let mut request = TokenRequest::for_client_credentials();
        if !scopes.is_empty() {
            request.scope = Some(scopes.iter().map(|s| (*s).to_owned()).collect());
        }
        edit(&mut request);
        self.token_request(&request.to_form()).await
    }
}
