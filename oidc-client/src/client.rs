//! [`Client`] and [`ClientBuilder`]: one provider, one client registration, the
//! transport, the key cache, the clock; and what every call shares (authenticated
//! POSTs with the DPoP nonce round, reading responses, the ID Token checks).

use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use oidc_core::client_auth::ClientAuth;
use oidc_core::dpop::{nonce_challenge, DpopKey};
use oidc_core::jwt::{Algorithm, KeyCache};
use oidc_core::messages::{
    IdToken, ProviderMetadata, TokenErrorResponse, TokenResponse, TokenSuccessResponse,
};
use oidc_core::validation::{
    id_token_algorithms, Clock, IdTokenValidation, Issuer, Nonce, SystemClock, TokenError,
};
use oidc_core::{NumericDate, OidcMessage};

use crate::discovery::{fetch_metadata, issuer_match, IssuerMatch, JwksFetch};
use crate::error::{Endpoint, Error, ProtocolError};
use crate::transport::{send, HttpRequest, HttpResponse, Limits, Method, Transport};

/// A relying party's client of one OpenID Provider: its metadata, this client's
/// registration (id, authentication, redirect URI, DPoP key), the provider's keys (a
/// [`KeyCache`] that follows rotation), and the transport. Build it with
/// [`Client::builder`]; share it (`Arc<Client>`): every method takes `&self`.
///
/// See the [crate documentation](crate) for a login.
pub struct Client {
    pub(crate) metadata: ProviderMetadata,
    pub(crate) issuer_match: IssuerMatch,
    pub(crate) auth: ClientAuth,
    pub(crate) redirect_uri: Option<String>,
    pub(crate) post_logout_redirect_uri: Option<String>,
    pub(crate) dpop: Option<DpopKey>,
    pub(crate) par: bool,
    pub(crate) id_token_algorithms: Option<Vec<Algorithm>>,
    pub(crate) transport: Arc<dyn Transport>,
    pub(crate) keys: KeyCache<JwksFetch>,
    pub(crate) clock: Arc<dyn Clock + Send + Sync>,
    pub(crate) limits: Limits,
    /// The authorization server's last DPoP nonce (RFC 9449 §8).
    pub(crate) as_nonce: Mutex<Option<String>>,
    /// The UserInfo endpoint's last DPoP nonce (RFC 9449 §9).
    pub(crate) rs_nonce: Mutex<Option<String>>,
}

/// Sets up a [`Client`]: [`Client::builder`], the options, then
/// [`discover`](Self::discover) (or [`metadata`](Self::metadata) for a document you
/// already have).
#[must_use]
pub struct ClientBuilder {
    auth: ClientAuth,
    redirect_uri: Option<String>,
    post_logout_redirect_uri: Option<String>,
    dpop: Option<DpopKey>,
    par: bool,
    id_token_algorithms: Option<Vec<Algorithm>>,
    transport: Option<Arc<dyn Transport>>,
    clock: Arc<dyn Clock + Send + Sync>,
    limits: Limits,
}

impl Client {
    /// A client authenticating with `auth` (its method and client id: OIDC Core §9).
    ///
    /// ```
    /// use oidc_client::Client;
    /// use oidc_core::client_auth::ClientAuth;
    ///
    /// let builder = Client::builder(ClientAuth::client_secret_basic("rp", "secret"))
    ///     .redirect_uri("https://rp.example/callback");
    /// ```
    pub fn builder(auth: ClientAuth) -> ClientBuilder {
        ClientBuilder {
            auth,
            redirect_uri: None,
            post_logout_redirect_uri: None,
            dpop: None,
            par: false,
            id_token_algorithms: None,
            transport: None,
            clock: Arc::new(SystemClock),
            limits: Limits::default(),
        }
    }

    /// The provider's metadata.
    pub fn metadata(&self) -> &ProviderMetadata {
        &self.metadata
    }

    /// The client id.
    pub fn client_id(&self) -> &str {
        self.auth.client_id()
    }

    /// The key cache over the provider's `jwks_uri` (its [`status`](KeyCache::status):
    /// what it holds, how the last fetch went).
    pub fn keys(&self) -> &KeyCache<impl Sized> {
        &self.keys
    }

    /// The DPoP key, when the client proves possession (RFC 9449).
    pub fn dpop_key(&self) -> Option<&DpopKey> {
        self.dpop.as_ref()
    }

    /// The clock's time.
    pub(crate) fn now(&self) -> NumericDate {
        self.clock.now()
    }

    /// The URL of `endpoint` from the metadata, or the error saying it has none.
    pub(crate) fn endpoint_url(&self, endpoint: Endpoint) -> Result<&str, Error> {
        let m = &self.metadata;
        let url = match endpoint {
            Endpoint::Authorization => Some(m.authorization_endpoint.as_str()),
            Endpoint::Jwks => Some(m.jwks_uri.as_str()),
            Endpoint::PushedAuthorization => m.pushed_authorization_request_endpoint.as_deref(),
            Endpoint::Token => m.token_endpoint.as_deref(),
            Endpoint::Userinfo => m.userinfo_endpoint.as_deref(),
            Endpoint::Introspection => m.introspection_endpoint.as_deref(),
            Endpoint::Revocation => m.revocation_endpoint.as_deref(),
            Endpoint::DeviceAuthorization => m.device_authorization_endpoint.as_deref(),
            Endpoint::EndSession => m.end_session_endpoint.as_deref(),
            Endpoint::Discovery | Endpoint::BackchannelLogout => None,
        };
        url.ok_or_else(|| Error::no_endpoint(endpoint))
    }

    /// POSTs `form` to `endpoint` with the client's authentication (a fresh assertion
    /// per attempt for the JWT methods) and, when `dpop` and the client has a key, a
    /// DPoP proof with the authorization server's nonce — sent once more when the
    /// answer is the `use_dpop_nonce` challenge with a new nonce (RFC 9449 §8).
    pub(crate) async fn post_authenticated(
        &self,
        endpoint: Endpoint,
        form: &str,
        dpop: bool,
    ) -> Result<HttpResponse, Error> {
        let url = self.endpoint_url(endpoint)?;
        let key = self.dpop.as_ref().filter(|_| dpop);
        let mut retried = false;
        loop {
            let now = self.now();
            let sent = self.auth.apply_at(form, now).map_err(Error::ClientAuth)?;
            let mut request = HttpRequest::new(Method::Post, url, &self.limits).form(sent.body);
            if let Some(authorization) = sent.authorization {
                request = request.header("authorization", authorization);
            }
            let nonce = lock(&self.as_nonce).clone();
            if let Some(key) = key {
                let proof = key
                    .proof_at("POST", url, None, nonce.as_deref(), now)
                    .map_err(Error::proof)?;
                request = request.header("dpop", proof);
            }
            let response = send(&*self.transport, endpoint, request).await?;
            if key.is_none() {
                return Ok(response);
            }
            let fresh = response
                .header("dpop-nonce")
                .map(str::trim)
                .map(str::to_owned);
            let challenged = challenge(&response).filter(|asked| Some(asked) != nonce.as_ref());
            if let Some(fresh) = fresh.filter(|n| !n.is_empty()) {
                *lock(&self.as_nonce) = Some(fresh);
            }
            match challenged {
                Some(_) if !retried => retried = true,
                _ => return Ok(response),
            }
        }
    }

    /// A token endpoint request: the successful response, or the provider's error.
    pub(crate) async fn token_request(&self, form: &str) -> Result<TokenSuccessResponse, Error> {
        let endpoint = Endpoint::Token;
        let response = self.post_authenticated(endpoint, form, true).await?;
        let parsed = decode(endpoint, &response, TokenResponse::from_json)?;
        outcome(endpoint, &response, parsed.into_result(), |e| {
            ProtocolError::Token(Box::new(e))
        })
    }

    /// The issuer tokens must name: the metadata's, exactly or as the Entra template.
    pub(crate) fn issuer(&self) -> Issuer<'_> {
        match self.issuer_match {
            IssuerMatch::Exact => Issuer::Exact(&self.metadata.issuer),
            IssuerMatch::TenantTemplate => Issuer::tenant_template(&self.metadata.issuer),
        }
    }

    /// The algorithms ID Tokens (and Logout Tokens, signed UserInfo) may use: the
    /// client's, else the provider's without `none` and HMAC.
    pub(crate) fn token_algorithms(&self) -> Vec<Algorithm> {
        match &self.id_token_algorithms {
            Some(algorithms) => algorithms.clone(),
            None => id_token_algorithms(&self.metadata),
        }
    }

    /// POSTs `form` with the client's authentication to an endpoint that answers like
    /// the token endpoint does (introspection, revocation, device authorization): a
    /// 2xx body read with `read`, or an RFC 6749 §5.2 error response.
    pub(crate) async fn form_post<S>(
        &self,
        endpoint: Endpoint,
        form: &str,
        read: impl FnOnce(&str) -> Result<S, oidc_core::Error>,
    ) -> Result<S, Error> {
        let response = self.post_authenticated(endpoint, form, false).await?;
        if response.is_success() {
            return decode(endpoint, &response, read);
        }
        let error = decode(endpoint, &response, TokenErrorResponse::from_json)?;
        Err(Error::Protocol {
            endpoint,
            error: ProtocolError::Token(Box::new(error)),
        })
    }

    /// Verifies `jwt` as an ID Token with the provider's keys (fetched first when the
    /// cache has none or they cannot serve its `kid`), then validates it (OIDC Core
    /// §3.1.3.7): the issuer (exact, or the Entra template), our client id, the
    /// algorithms (the client's, else the provider's), the client's clock, `nonce`,
    /// `at_hash` against `access_token`, and `max_age` when asked.
    ///
    /// The checks are built after the keys are in hand: a validation holds boxed
    /// callbacks that are not `Send`, and nothing held across an `.await` may be, so
    /// that the client's futures run on multi-threaded runtimes (axum, tokio).
    pub(crate) async fn verify_id_token(
        &self,
        jwt: &str,
        nonce: Nonce<'_>,
        access_token: &str,
        max_age: Option<u64>,
    ) -> Result<IdToken, Error> {
        let keys = self
            .keys
            .keys_for_async(jwt)
            .await
            .map_err(|e| Error::IdToken(TokenError::Keys(e)))?;
        let clock = &self.clock;
        let mut checks = IdTokenValidation::new(self.issuer(), self.auth.client_id())
            .algorithms(&self.token_algorithms())
            .clock(move || clock.now())
            .nonce_rule(nonce)
            .access_token(access_token);
        if let Some(max_age) = max_age {
            checks = checks.max_age(max_age);
        }
        checks.verify(jwt, &keys).map_err(Error::IdToken)
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("issuer", &self.metadata.issuer)
            .field("auth", &self.auth)
            .field("redirect_uri", &self.redirect_uri)
            .field("dpop", &self.dpop)
            .field("limits", &self.limits)
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    /// The redirect URI logins come back to (registered with the provider; OIDC Core
    /// §3.1.2.1). Needed for [`Client::authorization_url`].
    pub fn redirect_uri(mut self, uri: impl Into<String>) -> Self {
        self.redirect_uri = Some(uri.into());
        self
    }

    /// The URI the provider sends the browser back to after an RP-initiated logout
    /// (registered with the provider; RP-Initiated Logout 1.0 §2, §3). Used by
    /// [`Client::logout_url`].
    pub fn post_logout_redirect_uri(mut self, uri: impl Into<String>) -> Self {
        self.post_logout_redirect_uri = Some(uri.into());
        self
    }

    /// Proves possession of `key` (RFC 9449): a DPoP proof on every token request,
    /// `dpop_jkt` in authorization requests (§10), and `DPoP` access tokens used with
    /// proofs at the UserInfo endpoint. The provider's nonce rounds (§8, §9) are
    /// handled.
    pub fn dpop(mut self, key: DpopKey) -> Self {
        self.dpop = Some(key);
        self
    }

    /// Pushes every authorization request (RFC 9126) even when the provider does not
    /// require it (`require_pushed_authorization_requests`, which is always honoured).
    pub fn pushed_authorization_requests(mut self, always: bool) -> Self {
        self.par = always;
        self
    }

    /// The ID Token signing algorithms to accept: the client's registered
    /// `id_token_signed_response_alg` (OIDC Core §3.1.3.7 step 7). Default: the
    /// provider's `id_token_signing_alg_values_supported` without `none` and HMAC.
    pub fn id_token_algorithms(mut self, algorithms: &[Algorithm]) -> Self {
        self.id_token_algorithms = Some(algorithms.to_vec());
        self
    }

    /// The transport (default: [`ReqwestTransport`](crate::ReqwestTransport) with
    /// feature `reqwest`).
    pub fn transport(mut self, transport: impl Transport + 'static) -> Self {
        self.transport = Some(Arc::new(transport));
        self
    }

    /// The clock for token validation, assertions, proofs, the key cache and the
    /// device flow's deadline (default: the system clock).
    pub fn clock(mut self, clock: impl Clock + Send + Sync + 'static) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// How long one exchange with the provider may take (default 10 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.limits.timeout = timeout;
        self
    }

    /// The largest response body accepted, in bytes (default 512 KiB).
    pub fn max_response_bytes(mut self, bytes: usize) -> Self {
        self.limits.max_response_bytes = bytes;
        self
    }

    /// Fetches `issuer`'s discovery document (OIDC Discovery 1.0 §4), checks that its
    /// `issuer` is `issuer` (§4.3; exactly, except Microsoft Entra's `{tenantid}`
    /// template: see the crate documentation), and builds the client. The provider's
    /// keys are fetched when the first token needs them.
    pub async fn discover(self, issuer: &str) -> Result<Client, Error> {
        let transport = self.transport_or_default()?;
        let (metadata, matched) = fetch_metadata(&*transport, issuer, &self.limits).await?;
        Ok(self.finish(transport, metadata, matched))
    }

    /// Builds the client from metadata you fetched and checked yourself (a pinned
    /// document, a provider without discovery). `issuer` is the issuer you expect: the
    /// document's must be it, as in [`discover`](Self::discover).
    pub fn metadata(self, issuer: &str, metadata: ProviderMetadata) -> Result<Client, Error> {
        let transport = self.transport_or_default()?;
        let matched =
            issuer_match(issuer, &metadata.issuer).ok_or_else(|| Error::IssuerMismatch {
                expected: issuer.to_owned(),
                got: metadata.issuer.clone(),
            })?;
        Ok(self.finish(transport, metadata, matched))
    }

    fn transport_or_default(&self) -> Result<Arc<dyn Transport>, Error> {
        if let Some(transport) = &self.transport {
            return Ok(Arc::clone(transport));
        }
        default_transport()
    }

    fn finish(
        self,
        transport: Arc<dyn Transport>,
        metadata: ProviderMetadata,
        issuer_match: IssuerMatch,
    ) -> Client {
        let fetch = JwksFetch {
            transport: Arc::clone(&transport),
            uri: metadata.jwks_uri.clone(),
            limits: self.limits,
        };
        let clock = Arc::clone(&self.clock);
        let keys = KeyCache::new(fetch).clock(move || clock.now());
        Client {
            metadata,
            issuer_match,
            auth: self.auth,
            redirect_uri: self.redirect_uri,
            post_logout_redirect_uri: self.post_logout_redirect_uri,
            dpop: self.dpop,
            par: self.par,
            id_token_algorithms: self.id_token_algorithms,
            transport,
            keys,
            clock: self.clock,
            limits: self.limits,
            as_nonce: Mutex::new(None),
            rs_nonce: Mutex::new(None),
        }
    }
}

#[cfg(feature = "reqwest")]
fn default_transport() -> Result<Arc<dyn Transport>, Error> {
    crate::ReqwestTransport::new()
        .map(|t| Arc::new(t) as Arc<dyn Transport>)
        .map_err(|source| Error::Transport {
            endpoint: Endpoint::Discovery,
            source,
        })
}

#[cfg(not(feature = "reqwest"))]
fn default_transport() -> Result<Arc<dyn Transport>, Error> {
    Err(Error::Config(
        "no transport: set one with ClientBuilder::transport (or enable the `reqwest` feature)"
            .to_owned(),
    ))
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("auth", &self.auth)
            .field("redirect_uri", &self.redirect_uri)
            .finish_non_exhaustive()
    }
}

pub(crate) fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The nonce a `use_dpop_nonce` challenge from an authorization server asks for.
fn challenge(response: &HttpResponse) -> Option<String> {
    if response.status != 400 {
        return None;
    }
    let text = std::str::from_utf8(&response.body).ok()?;
    let error = TokenResponse::from_json(text).ok()?.into_result().err()?;
    nonce_challenge(error.error.as_ref(), response.header("dpop-nonce")).map(str::to_owned)
}

/// Decodes `response`'s body with `read`; a body that does not decode is an
/// [`Error::Status`] when the status is not 2xx (a proxy's error page), else an
/// [`Error::InvalidResponse`].
pub(crate) fn decode<R>(
    endpoint: Endpoint,
    response: &HttpResponse,
    read: impl FnOnce(&str) -> Result<R, oidc_core::Error>,
) -> Result<R, Error> {
    let status_error = || Error::Status {
        endpoint,
        status: response.status,
    };
    let text = match response.text(endpoint) {
        Ok(text) => text,
        Err(_) if !response.is_success() => return Err(status_error()),
        Err(e) => return Err(e),
    };
    read(text).map_err(|source| {
        if response.is_success() {
            Error::InvalidResponse { endpoint, source }
        } else {
            status_error()
        }
    })
}

/// A decoded success-or-error response: the success when the status is 2xx, the
/// provider's error as an [`Error::Protocol`]; a success body with an error status is an
/// [`Error::Status`].
pub(crate) fn outcome<S, E>(
    endpoint: Endpoint,
    response: &HttpResponse,
    result: Result<S, E>,
    wrap: impl FnOnce(E) -> ProtocolError,
) -> Result<S, Error> {
    match result {
        Ok(success) if response.is_success() => Ok(success),
        Ok(_) => Err(Error::Status {
            endpoint,
            status: response.status,
        }),
        Err(error) => Err(Error::Protocol {
            endpoint,
            error: wrap(error),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_default_transport_is_reqwest_or_a_config_error() {
        // Nothing listens on port 1 of 127.0.0.1: with reqwest the request fails to
        // connect; without it there is no transport to try.
        let builder = Client::builder(ClientAuth::none("rp"));
        let error = builder.discover("http://127.0.0.1:1").await.unwrap_err();
        if cfg!(feature = "reqwest") {
            assert_eq!(error.kind(), crate::ErrorKind::Transport, "{error}");
        } else {
            assert_eq!(
                error.to_string(),
                "no transport: set one with ClientBuilder::transport (or enable the `reqwest` feature)"
            );
        }
    }
}
