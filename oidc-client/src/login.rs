//! The Authorization Code Flow (OIDC Core §3.1) with PKCE (RFC 7636): the
//! authorization URL and the [`PendingLogin`] it leaves for the session store, then
//! [`Client::callback`], which checks the redirect back, exchanges the code and
//! verifies the ID Token.

use std::fmt;

use oidc_core::messages::{
    AuthenticationRequest, AuthenticationResponse, IdToken, JarRequest,
    PushedAuthorizationResponse, TokenRequest, TokenSuccessResponse,
};
use oidc_core::validation::{AuthenticationResponseValidation, Nonce};
use oidc_core::{pkce, random, ErrorKind, Location, OidcMessage};
use serde::{Deserialize, Serialize};

use crate::client::{decode, outcome, Client};
use crate::error::{Endpoint, Error, ProtocolError};

/// What a login started with [`Client::authorization_url`] must remember until the
/// browser comes back: the `state`, `nonce` and PKCE verifier it sent, the redirect URI
/// and the `max_age` asked for. Keep it in the user's session (it is `Serialize` /
/// `Deserialize`), server-side or encrypted: the verifier is a secret, so `Debug`
/// hides it. Use it for one callback only.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingLogin {
    state: String,
    nonce: String,
    code_verifier: String,
    redirect_uri: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    max_age: Option<u64>,
}

impl PendingLogin {
    /// The `state` sent (RFC 6749 §10.12): the callback's must be identical.
    pub fn state(&self) -> &str {
        &self.state
    }

    /// The `nonce` sent (OIDC Core §3.1.2.1): the ID Token's must be identical.
    pub fn nonce(&self) -> &str {
        &self.nonce
    }

    /// The redirect URI the request named (sent again with the code, RFC 6749 §4.1.3).
    pub fn redirect_uri(&self) -> &str {
        &self.redirect_uri
    }

    /// The `max_age` asked for, if any (the ID Token must then carry a recent enough
    /// `auth_time`, OIDC Core §3.1.2.1).
    pub fn max_age(&self) -> Option<u64> {
        self.max_age
    }
}

impl fmt::Debug for PendingLogin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PendingLogin")
            .field("state", &self.state)
            .field("nonce", &self.nonce)
            .field("code_verifier", &"<redacted>")
            .field("redirect_uri", &self.redirect_uri)
            .field("max_age", &self.max_age)
            .finish()
    }
}

/// A completed login: the token response and the ID Token, verified and validated.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Login {
    /// The token endpoint's answer (access token, refresh token, ...; secrets hidden
    /// from `Debug`).
    pub tokens: TokenSuccessResponse,
    /// The ID Token's claims, trusted: signature, issuer, audience, times, nonce,
    /// `max_age`, `at_hash` checked (OIDC Core §3.1.3.7).
    pub id_token: IdToken,
}

impl Client {
    /// Starts a login: the URL to send the browser to, and the [`PendingLogin`] to keep
    /// for [`callback`](Self::callback).
    ///
    /// The request asks for `scope` (`openid` is added when missing) with
    /// `response_type=code`, fresh `state` and `nonce`, a PKCE `S256` challenge (RFC
    /// 7636 §4.2), the client's redirect URI, and `dpop_jkt` when the client has a DPoP
    /// key (RFC 9449 §10). `customize` sets anything else on the request (`max_age`,
    /// `prompt`, `claims`, `login_hint`, ...); `state`, `nonce` and the PKCE parameters
    /// are set after it, from the CSPRNG. When the provider requires pushed
    /// authorization requests (`require_pushed_authorization_requests`, RFC 9126 §5),
    /// or the client was built to push them, the request is POSTed, authenticated, to
    /// the PAR endpoint and the URL carries only `client_id` and `request_uri`.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] without a redirect URI; a URL that cannot be built
    /// ([`Error::InvalidResponse`] from the `authorization_endpoint`); the PAR
    /// endpoint's errors.
    pub async fn authorization_url(
        &self,
        scope: &[&str],
        customize: impl FnOnce(&mut AuthenticationRequest),
    ) -> Result<(String, PendingLogin), Error> {
        let redirect_uri = self.redirect_uri.as_deref().ok_or_else(|| {
            Error::Config("no redirect URI: set one with ClientBuilder::redirect_uri".to_owned())
        })?;
        let mut scopes: Vec<&str> = scope.to_vec();
        if !scopes.contains(&"openid") {
            scopes.insert(0, "openid");
        }
        let mut request = AuthenticationRequest::new(self.client_id(), redirect_uri, scopes);
        customize(&mut request);
        let pending = PendingLogin {
            state: random::state(),
            nonce: random::nonce(),
            code_verifier: random::pkce_verifier(),
            redirect_uri: request.redirect_uri.clone(),
            max_age: request.max_age,
        };
        request.state = Some(pending.state.clone());
        request.nonce = Some(pending.nonce.clone());
        request.code_challenge = Some(pkce::s256_challenge(&pending.code_verifier));
        request.code_challenge_method = Some("S256".to_owned());
        if let Some(key) = &self.dpop {
            request.extra.insert("dpop_jkt", key.jkt());
        }
        let authorization_endpoint = &self.metadata.authorization_endpoint;
        let build = |result: Result<String, oidc_core::Error>| {
            result.map_err(|source| Error::InvalidResponse {
                endpoint: Endpoint::Discovery,
                source,
            })
        };
        let url = if self.par || self.metadata.require_pushed_authorization_requests {
            let request_uri = self.push(&request).await?;
            build(
                JarRequest::by_reference(self.client_id(), request_uri)
                    .to_url(authorization_endpoint),
            )?
        } else {
            build(request.to_url(authorization_endpoint))?
        };
        Ok((url, pending))
    }

    /// RFC 9126 §2: POSTs `request` to the PAR endpoint with the client's
    /// authentication; the `request_uri` of the answer.
    async fn push(&self, request: &AuthenticationRequest) -> Result<String, Error> {
        let endpoint = Endpoint::PushedAuthorization;
        let response = self
            .post_authenticated(endpoint, &request.to_form(), true)
            .await?;
        let parsed = decode(endpoint, &response, PushedAuthorizationResponse::from_json)?;
        let pushed = outcome(endpoint, &response, parsed.into_result(), |e| {
            ProtocolError::PushedAuthorization(Box::new(e))
        })?;
        Ok(pushed.request_uri)
    }

    /// The redirect's `state` and `iss` (RFC 6749 §10.12, RFC 9207 §2.4).
    fn check_redirect(
        &self,
        response: &AuthenticationResponse,
        pending: &PendingLogin,
    ) -> Result<(), Error> {
        let checks = AuthenticationResponseValidation::new(Some(&pending.state), self.issuer());
        let checks = if self.metadata.authorization_response_iss_parameter_supported {
            checks.require_iss()
        } else {
            checks
        };
        response.validate_extern(&checks).map_err(Error::Callback)
    }

    /// Finishes the login `pending` started, from `redirect`, the URL the browser came
    /// back to (absolute, or the request target `/callback?code=..`).
    ///
    /// In order: the response is read from the query, or from the fragment when that
    /// carries it (`Location::Auto`); its `state` must be the pending one (RFC 6749
    /// §10.12) and its `iss`, when present, the provider's (required when the provider
    /// advertises `authorization_response_iss_parameter_supported`; RFC 9207 §2.4) —
    /// checked on error responses too, before the provider's error is believed; the
    /// code is exchanged at the token endpoint with the client's authentication, the
    /// PKCE verifier and, with a DPoP key, a proof; the ID Token is verified with the
    /// provider's keys and validated (OIDC Core §3.1.3.7: issuer, audience, `azp`,
    /// times, the pending `nonce` and `max_age`, `at_hash` when present).
    ///
    /// # Errors
    ///
    /// [`Error::Callback`] for a `state` or `iss` that does not match;
    /// [`Error::Protocol`] for the provider's error, in the redirect or from the token
    /// endpoint; [`Error::IdToken`] for an ID Token refused; [`Error::InvalidResponse`]
    /// for a redirect or answer that does not decode (or lacks the `code` /
    /// `id_token`); the transport's errors.
    pub async fn callback(&self, redirect: &str, pending: &PendingLogin) -> Result<Login, Error> {
        let endpoint = Endpoint::Authorization;
        let response = AuthenticationResponse::from_url(redirect, Location::Auto)
            .map_err(|source| Error::InvalidResponse { endpoint, source })?;
        // Checked before any `.await`: the validation is not `Send` (see
        // `Client::verify_id_token`).
        self.check_redirect(&response, pending)?;
        let success = response.into_result().map_err(|error| Error::Protocol {
            endpoint,
            error: ProtocolError::Authorization(Box::new(error)),
        })?;
        let code = success.code.ok_or_else(|| Error::InvalidResponse {
            endpoint,
            source: oidc_core::Error::new(
                "AuthenticationSuccessResponse",
                ErrorKind::Missing("code".to_owned()),
            ),
        })?;

        let mut request = TokenRequest::for_authorization_code(code, pending.redirect_uri.clone());
        request.code_verifier = Some(pending.code_verifier.clone());
        let tokens = self.token_request(&request.to_form()).await?;
        // OIDC Core §3.1.3.3: the code flow's token response carries an ID Token.
        let jwt = tokens
            .id_token
            .as_deref()
            .ok_or_else(|| Error::InvalidResponse {
                endpoint: Endpoint::Token,
                source: oidc_core::Error::new(
                    "TokenSuccessResponse",
                    ErrorKind::Missing("id_token".to_owned()),
                ),
            })?;
        let id_token = self
            .verify_id_token(
                jwt,
                Nonce::Expected(&pending.nonce),
                &tokens.access_token,
                pending.max_age,
            )
            .await?;
        Ok(Login { tokens, id_token })
    }
}
