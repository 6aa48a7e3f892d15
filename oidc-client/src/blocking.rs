//! A blocking facade (feature `blocking`): the same [`Client`](crate::Client), each call
//! run to completion on a runtime of its own, for programs without async (a CLI, a
//! test, a synchronous web framework).
//!
//! ```no_run
//! use oidc_client::blocking;
//! use oidc_client::Client;
//! use oidc_core::client_auth::ClientAuth;
//!
//! # fn app(redirect: &str) -> Result<(), oidc_client::Error> {
//! let builder = Client::builder(ClientAuth::client_secret_basic("rp", "secret"))
//!     .redirect_uri("https://rp.example/callback");
//! let client = blocking::Client::discover(builder, "https://op.example")?;
//! let (url, pending) = client.authorization_url(&["email"], |_| {})?;
//! // ... the browser goes to `url` and comes back to `redirect` ...
//! let login = client.callback(redirect, &pending)?;
//! println!("{}", login.id_token.sub);
//! # Ok(()) }
//! ```
//!
//! Each call blocks the thread until the exchange is done. Never call it from async
//! code (inside a tokio runtime it panics, as tokio does for any nested runtime): use
//! the async [`Client`](crate::Client) there.

use std::ops::Deref;

use oidc_core::messages::{
    AuthenticationRequest, BackChannelLogoutToken, DeviceAuthorizationRequest, IdToken,
    TokenIntrospectionSuccessResponse, TokenRequest, TokenSuccessResponse, TokenTypeHint,
    UserinfoSuccessResponse,
};

use crate::device::{DeviceCodes, DeviceLogin};
use crate::error::{Endpoint, Error, TransportError};
use crate::login::{Login, PendingLogin};
use crate::refresh::Refreshed;
use crate::ClientBuilder;

/// The blocking [`Client`](crate::Client): the same calls, with the same arguments and
/// results, that return when done. Its synchronous methods (`metadata`,
/// [`logout_url`](crate::Client::logout_url), ...) are the async client's, through
/// `Deref`.
#[derive(Debug)]
pub struct Client {
    inner: crate::Client,
    runtime: tokio::runtime::Runtime,
}

impl Client {
    /// [`ClientBuilder::discover`], blocking.
    ///
    /// # Errors
    ///
    /// As [`ClientBuilder::discover`]; [`Error::Transport`] when the runtime cannot
    /// start.
    pub fn discover(builder: ClientBuilder, issuer: &str) -> Result<Self, Error> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| Error::Transport {
                endpoint: Endpoint::Discovery,
                source: TransportError::new(format!("the runtime did not start: {e}")),
            })?;
        let inner = runtime.block_on(builder.discover(issuer))?;
        Ok(Client { inner, runtime })
    }

    /// The async client inside.
    pub fn inner(&self) -> &crate::Client {
        &self.inner
    }

    /// [`crate::Client::authorization_url`], blocking.
    ///
    /// # Errors
    ///
    /// As [`crate::Client::authorization_url`].
    pub fn authorization_url(
        &self,
        scopes: &[&str],
        edit: impl FnOnce(&mut AuthenticationRequest),
    ) -> Result<(String, PendingLogin), Error> {
        self.runtime
            .block_on(self.inner.authorization_url(scopes, edit))
    }

    /// [`crate::Client::callback`], blocking.
    ///
    /// # Errors
    ///
    /// As [`crate::Client::callback`].
    pub fn callback(&self, redirect: &str, pending: &PendingLogin) -> Result<Login, Error> {
        self.runtime
            .block_on(self.inner.callback(redirect, pending))
    }

    /// [`crate::Client::userinfo`], blocking.
    ///
    /// # Errors
    ///
    /// As [`crate::Client::userinfo`].
    pub fn userinfo(
        &self,
        tokens: &TokenSuccessResponse,
        id_token: &IdToken,
    ) -> Result<UserinfoSuccessResponse, Error> {
        self.runtime.block_on(self.inner.userinfo(tokens, id_token))
    }

    /// [`crate::Client::refresh`], blocking.
    ///
    /// # Errors
    ///
    /// As [`crate::Client::refresh`].
    pub fn refresh(&self, refresh_token: &str, original: &IdToken) -> Result<Refreshed, Error> {
        self.runtime
            .block_on(self.inner.refresh(refresh_token, original))
    }

    /// [`crate::Client::introspect`], blocking.
    ///
    /// # Errors
    ///
    /// As [`crate::Client::introspect`].
    pub fn introspect(
        &self,
        token: &str,
        hint: Option<TokenTypeHint>,
    ) -> Result<TokenIntrospectionSuccessResponse, Error> {
        self.runtime.block_on(self.inner.introspect(token, hint))
    }

    /// [`crate::Client::revoke`], blocking.
    ///
    /// # Errors
    ///
    /// As [`crate::Client::revoke`].
    pub fn revoke(&self, token: &str, hint: Option<TokenTypeHint>) -> Result<(), Error> {
        self.runtime.block_on(self.inner.revoke(token, hint))
    }

    /// [`crate::Client::client_credentials`], blocking.
    ///
    /// # Errors
    ///
    /// As [`crate::Client::client_credentials`].
    pub fn client_credentials(
        &self,
        scopes: &[&str],
        edit: impl FnOnce(&mut TokenRequest),
    ) -> Result<TokenSuccessResponse, Error> {
        self.runtime
            .block_on(self.inner.client_credentials(scopes, edit))
    }

    /// [`crate::Client::device_authorization`], blocking.
    ///
    /// # Errors
    ///
    /// As [`crate::Client::device_authorization`].
    pub fn device_authorization(
        &self,
        scopes: &[&str],
        edit: impl FnOnce(&mut DeviceAuthorizationRequest),
    ) -> Result<DeviceCodes, Error> {
        self.runtime
            .block_on(self.inner.device_authorization(scopes, edit))
    }

    /// [`crate::Client::device_tokens`], blocking (for as long as the user takes, up
    /// to the codes' expiry).
    ///
    /// # Errors
    ///
    /// As [`crate::Client::device_tokens`].
    pub fn device_tokens(&self, codes: &DeviceCodes) -> Result<DeviceLogin, Error> {
        self.runtime.block_on(self.inner.device_tokens(codes))
    }

    /// [`crate::Client::backchannel_logout`], blocking.
    ///
    /// # Errors
    ///
    /// As [`crate::Client::backchannel_logout`].
    pub fn backchannel_logout(
        &self,
        body: &str,
        jti_is_new: impl Fn(&str) -> Result<(), String>,
    ) -> Result<BackChannelLogoutToken, Error> {
        self.runtime
            .block_on(self.inner.backchannel_logout(body, jti_is_new))
    }
}

impl Deref for Client {
    type Target = crate::Client;

    fn deref(&self) -> &crate::Client {
        &self.inner
    }
}
