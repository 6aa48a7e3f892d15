//! Token introspection (RFC 7662): is this token active, and what does the
//! authorization server say about it.

use oidc_core::messages::{
    TokenIntrospectionRequest, TokenIntrospectionSuccessResponse, TokenTypeHint,
};
use oidc_core::OidcMessage;

use crate::client::Client;
use crate::error::{Endpoint, Error};

impl Client {
    /// Asks the provider's `introspection_endpoint` about `token` (RFC 7662 §2.1), with
    /// the client's authentication (§2.1: the endpoint MUST require some). An inactive,
    /// expired, revoked or unknown token is a success with `active: false` (§2.2): look
    /// at [`active`](TokenIntrospectionSuccessResponse::active) before any other member.
    ///
    /// The answer is the JSON response; a JWT response (RFC 9701) is not asked for.
    ///
    /// # Errors
    ///
    /// [`Error::Protocol`] with the endpoint's error (`invalid_client` for a client
    /// it does not accept; RFC 7662 §2.3); [`Error::InvalidResponse`] for a body
    /// without `active`; [`Error::Config`] when the provider names no
    /// `introspection_endpoint`.
    pub async fn introspect(
        &self,
        token: &str,
        hint: Option<TokenTypeHint>,
    ) -> Result<TokenIntrospectionSuccessResponse, Error> {
        let mut request = TokenIntrospectionRequest::new(token);
        request.token_type_hint = hint.map(|hint| hint.as_str().to_owned());
        self.form_post(
            Endpoint::Introspection,
            &request.to_form(),
            TokenIntrospectionSuccessResponse::from_json,
        )
        .await
    }
}
