//! [`Error`]: one type for everything a client call can fail with, and its
//! [`ErrorKind`]. Transport failures (the request never got an answer), HTTP-level
//! refusals (a redirect, an oversized body, a status without an OAuth error) and the
//! provider's own error responses ([`ProtocolError`]) are distinct variants.

use std::fmt;
use std::time::Duration;

use oidc_core::client_auth::ClientAuthError;
use oidc_core::jwt::JwtError;
use oidc_core::messages::{
    AuthenticationErrorResponse, PushedAuthorizationErrorResponse, TokenErrorResponse,
    UserinfoErrorResponse,
};
use oidc_core::validation::{TokenError, ValidationError};
use oidc_core::{one_line, quoted, NumericDate};

/// Which of the provider's endpoints a call went to (or, for
/// [`Authorization`](Endpoint::Authorization), came back from), as errors name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Endpoint {
    /// `/.well-known/openid-configuration` (OIDC Discovery 1.0 §4).
    Discovery,
    /// `jwks_uri`.
    Jwks,
    /// The redirect back from `authorization_endpoint` (the callback).
    Authorization,
    /// `pushed_authorization_request_endpoint` (RFC 9126).
    PushedAuthorization,
    /// `token_endpoint`.
    Token,
    /// `userinfo_endpoint`.
    Userinfo,
    /// `introspection_endpoint` (RFC 7662).
    Introspection,
    /// `revocation_endpoint` (RFC 7009).
    Revocation,
    /// `device_authorization_endpoint` (RFC 8628).
    DeviceAuthorization,
    /// `end_session_endpoint` (RP-Initiated Logout 1.0).
    EndSession,
    /// A back-channel logout request the provider sent us (Back-Channel Logout 1.0).
    BackchannelLogout,
}

impl Endpoint {
    /// The name errors use (`"token endpoint"`).
    pub fn name(self) -> &'static str {
        match self {
            Endpoint::Discovery => "discovery",
            Endpoint::Jwks => "JWK Set",
            Endpoint::Authorization => "authorization response",
            Endpoint::PushedAuthorization => "PAR endpoint",
            Endpoint::Token => "token endpoint",
            Endpoint::Userinfo => "userinfo endpoint",
            Endpoint::Introspection => "introspection endpoint",
            Endpoint::Revocation => "revocation endpoint",
            Endpoint::DeviceAuthorization => "device authorization endpoint",
            Endpoint::EndSession => "end_session_endpoint",
            Endpoint::BackchannelLogout => "back-channel logout",
        }
    }

    /// The discovery member that names this endpoint, if any.
    pub(crate) fn metadata_member(self) -> &'static str {
        match self {
            Endpoint::Discovery => "issuer",
            Endpoint::Jwks => "jwks_uri",
            Endpoint::Authorization => "authorization_endpoint",
            Endpoint::PushedAuthorization => "pushed_authorization_request_endpoint",
            Endpoint::Token => "token_endpoint",
            Endpoint::Userinfo => "userinfo_endpoint",
            Endpoint::Introspection => "introspection_endpoint",
            Endpoint::Revocation => "revocation_endpoint",
            Endpoint::DeviceAuthorization => "device_authorization_endpoint",
            Endpoint::EndSession => "end_session_endpoint",
            Endpoint::BackchannelLogout => "backchannel_logout_supported",
        }
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Why a transport could not deliver a request or read its answer: connection refused,
/// TLS failure, reset, timeout. One line of at most 200 characters (control characters
/// escaped); a transport must keep credentials and URLs with tokens out of it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{reason}")]
pub struct TransportError {
    reason: String,
    timeout: bool,
}

impl TransportError {
    /// A failure described by `reason`.
    ///
    /// ```
    /// use oidc_client::TransportError;
    ///
    /// let e = TransportError::new("connection refused\r\nINFO forged");
    /// assert_eq!(e.to_string(), r"connection refused\r\nINFO forged");
    /// assert!(!e.is_timeout());
    /// ```
    pub fn new(reason: impl fmt::Display) -> Self {
        TransportError {
            reason: one_line(&reason.to_string()),
            timeout: false,
        }
    }

    /// The transport's own timeout fired.
    pub fn timeout() -> Self {
        TransportError {
            reason: "timed out".to_owned(),
            timeout: true,
        }
    }

    /// Whether this is a timeout (the client reports it as [`ErrorKind::Timeout`]).
    pub fn is_timeout(&self) -> bool {
        self.timeout
    }
}

/// An error response of the provider, typed by the endpoint that sent it: its `error`
/// code, `error_description`, `error_uri` and other members. `Display` is
/// `code: description` on one line (the messages' own `Display`). The responses are
/// boxed so that [`Error`] stays small.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ProtocolError {
    /// The authorization endpoint's, in the redirect (RFC 6749 §4.1.2.1, OIDC Core
    /// §3.1.2.6).
    Authorization(Box<AuthenticationErrorResponse>),
    /// The PAR endpoint's (RFC 9126 §2.3).
    PushedAuthorization(Box<PushedAuthorizationErrorResponse>),
    /// The token, introspection, revocation and device authorization endpoints' (RFC
    /// 6749 §5.2; RFC 7662 §2.3, RFC 7009 §2.2.1, RFC 8628 §3.5 answer alike).
    Token(Box<TokenErrorResponse>),
    /// The UserInfo endpoint's, from the `WWW-Authenticate` header or the body (RFC 6750
    /// §3, OIDC Core §5.3.3).
    Userinfo(Box<UserinfoErrorResponse>),
}

impl ProtocolError {
    /// The `error` code, as sent.
    pub fn code(&self) -> &str {
        match self {
            ProtocolError::Authorization(e) => e.error.as_ref(),
            ProtocolError::PushedAuthorization(e) => e.error.as_ref(),
            ProtocolError::Token(e) => e.error.as_ref(),
            ProtocolError::Userinfo(e) => e.error.as_ref(),
        }
    }

    /// The `error_description`, as sent (print it with [`oidc_core::one_line`]: it is
    /// the provider's text).
    pub fn description(&self) -> Option<&str> {
        match self {
            ProtocolError::Authorization(e) => e.error_description.as_deref(),
            ProtocolError::PushedAuthorization(e) => e.error_description.as_deref(),
            ProtocolError::Token(e) => e.error_description.as_deref(),
            ProtocolError::Userinfo(e) => e.error_description.as_deref(),
        }
    }
}

impl fmt::Display for ProtocolError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProtocolError::Authorization(e) => e.fmt(f),
            ProtocolError::PushedAuthorization(e) => e.fmt(f),
            ProtocolError::Token(e) => e.fmt(f),
            ProtocolError::Userinfo(e) => e.fmt(f),
        }
    }
}

/// Why a client call failed. `Display` is one bounded line naming the endpoint and the
/// reason; values the provider sent are quoted and escaped; no secret (client secret,
/// token, code, PKCE verifier) ever reaches `Display` or `Debug`.
/// [`kind`](Self::kind) tells the families apart.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The transport could not send the request or read the answer.
    #[error("{endpoint}: {source}")]
    Transport {
        /// Where the request went.
        endpoint: Endpoint,
        /// The transport's error.
        source: TransportError,
    },
    /// No complete answer within the timeout.
    #[error("{endpoint}: no answer within {timeout:?}")]
    Timeout {
        /// Where the request went.
        endpoint: Endpoint,
        /// The timeout.
        timeout: Duration,
    },
    /// The provider answered with a redirect, which the client never follows (a
    /// redirected token request would carry the credentials elsewhere).
    #[error("{endpoint}: HTTP {status} redirect refused (redirects are never followed)")]
    Redirect {
        /// Where the request went.
        endpoint: Endpoint,
        /// The 3xx status.
        status: u16,
    },
    /// The answer's body is larger than the client's limit.
    #[error("{endpoint}: the response body exceeds {limit} bytes")]
    BodyTooLarge {
        /// Where the request went.
        endpoint: Endpoint,
        /// The limit ([`ClientBuilder::max_response_bytes`](crate::ClientBuilder::max_response_bytes)).
        limit: usize,
    },
    /// An HTTP status that is neither success nor an OAuth error response (a 404, a
    /// proxy's 502 page).
    #[error("{endpoint}: HTTP {status} without an OAuth error response")]
    Status {
        /// Where the request went.
        endpoint: Endpoint,
        /// The status.
        status: u16,
    },
    /// The answer is not the message the endpoint must send (not UTF-8, not JSON, a
    /// REQUIRED member missing, ...): the decoder's error.
    #[error("{endpoint}: {source}")]
    InvalidResponse {
        /// Where the answer came from.
        endpoint: Endpoint,
        /// The decoder's error (one line, naming the message and parameter).
        source: oidc_core::Error,
    },
    /// The provider answered with an OAuth error response.
    #[error("{endpoint}: the provider refused: {error}")]
    Protocol {
        /// Where the answer came from.
        endpoint: Endpoint,
        /// The error response.
        error: ProtocolError,
    },
    /// The discovery document's `issuer` is not the issuer asked for (OIDC Discovery 1.0
    /// §4.3: an attacker's document cannot name another issuer).
    #[error("discovery: the document's issuer {} is not the one asked for, {}", quoted(.got), quoted(.expected))]
    IssuerMismatch {
        /// The issuer asked for.
        expected: String,
        /// The document's `issuer`.
        got: String,
    },
    /// The redirect back does not belong to the login it was checked against: `state`
    /// differs (RFC 6749 §10.12), or `iss` is another issuer's or missing (RFC 9207
    /// §2.4: a mix-up attack).
    #[error("authorization response: {0}")]
    Callback(ValidationError),
    /// An ID Token was refused (its JWS, keys or claims; OIDC Core §3.1.3.7).
    #[error("ID Token refused: {0}")]
    IdToken(TokenError),
    /// A Logout Token was refused (Back-Channel Logout 1.0 §2.6).
    #[error("Logout Token refused: {0}")]
    LogoutToken(TokenError),
    /// The UserInfo response was refused (OIDC Core §5.3.2): its `sub` is not the ID
    /// Token's (the response MUST NOT be used), or, for a signed response, its JWS,
    /// `iss` or `aud`.
    #[error("userinfo endpoint: response refused: {0}")]
    Userinfo(TokenError),
    /// A refreshed ID Token breaks OIDC Core §12.2: `claim` differs from the original
    /// ID Token's.
    #[error("refreshed ID Token: {claim} differs from the original ID Token's (OIDC Core §12.2)")]
    Refresh {
        /// The claim (`iss`, `sub`, `aud`, `auth_time`, `azp`).
        claim: &'static str,
    },
    /// A device flow's codes expired before the user approved (RFC 8628 §3.5: polling
    /// stops at `expires_in`); start again with
    /// [`Client::device_authorization`](crate::Client::device_authorization).
    #[error("device authorization: the device code expired (at {}) before the user approved", .expires_at.as_secs())]
    DeviceCodeExpired {
        /// When the codes expired, by the client's clock.
        expires_at: NumericDate,
    },
    /// The provider lacks what the call needs (an endpoint its metadata does not
    /// name), or the client is not set up for it (no redirect URI, no DPoP key).
    #[error("{0}")]
    Config(String),
    /// Client authentication or a DPoP proof could not be made.
    #[error("client authentication: {0}")]
    ClientAuth(ClientAuthError),
}

/// The family of an [`Error`] ([`Error::kind`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// [`Error::Transport`].
    Transport,
    /// [`Error::Timeout`].
    Timeout,
    /// [`Error::Redirect`].
    Redirect,
    /// [`Error::BodyTooLarge`].
    BodyTooLarge,
    /// [`Error::Status`].
    HttpStatus,
    /// [`Error::InvalidResponse`].
    InvalidResponse,
    /// [`Error::Protocol`]: the provider's error response.
    Protocol,
    /// [`Error::IssuerMismatch`].
    Discovery,
    /// [`Error::Callback`].
    Callback,
    /// [`Error::IdToken`], [`Error::LogoutToken`].
    Token,
    /// [`Error::Userinfo`].
    Userinfo,
    /// [`Error::Refresh`].
    Refresh,
    /// [`Error::DeviceCodeExpired`].
    Expired,
    /// [`Error::Config`], [`Error::ClientAuth`].
    Config,
}

impl Error {
    /// The family of this error.
    ///
    /// ```
    /// use oidc_client::{Endpoint, Error, ErrorKind};
    ///
    /// let e = Error::Redirect { endpoint: Endpoint::Token, status: 302 };
    /// assert_eq!(e.kind(), ErrorKind::Redirect);
    /// assert_eq!(e.to_string(), "token endpoint: HTTP 302 redirect refused (redirects are never followed)");
    /// ```
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Transport { .. } => ErrorKind::Transport,
            Error::Timeout { .. } => ErrorKind::Timeout,
            Error::Redirect { .. } => ErrorKind::Redirect,
            Error::BodyTooLarge { .. } => ErrorKind::BodyTooLarge,
            Error::Status { .. } => ErrorKind::HttpStatus,
            Error::InvalidResponse { .. } => ErrorKind::InvalidResponse,
            Error::Protocol { .. } => ErrorKind::Protocol,
            Error::IssuerMismatch { .. } => ErrorKind::Discovery,
            Error::Callback(_) => ErrorKind::Callback,
            Error::IdToken(_) | Error::LogoutToken(_) => ErrorKind::Token,
            Error::Userinfo(_) => ErrorKind::Userinfo,
            Error::Refresh { .. } => ErrorKind::Refresh,
            Error::DeviceCodeExpired { .. } => ErrorKind::Expired,
            Error::Config(_) | Error::ClientAuth(_) => ErrorKind::Config,
        }
    }

    /// The provider's error response, when that is what failed.
    pub fn protocol(&self) -> Option<&ProtocolError> {
        match self {
            Error::Protocol { error, .. } => Some(error),
            _ => None,
        }
    }

    /// The token error (JWS, keys or claims), when an ID Token, a Logout Token or a
    /// UserInfo response was refused.
    pub fn token(&self) -> Option<&TokenError> {
        match self {
            Error::IdToken(e) | Error::LogoutToken(e) | Error::Userinfo(e) => Some(e),
            _ => None,
        }
    }

    /// The endpoint a provider lacks, as a [`Config`](Error::Config) error.
    pub(crate) fn no_endpoint(endpoint: Endpoint) -> Self {
        Error::Config(format!(
            "the provider's metadata has no {} (needed for this call)",
            endpoint.metadata_member()
        ))
    }

    /// A DPoP proof that could not be made.
    pub(crate) fn proof(error: JwtError) -> Self {
        Error::ClientAuth(ClientAuthError::Assertion(error))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oidc_core::messages::TokenErrorCode;

    #[test]
    fn every_variant_has_its_kind_and_one_line() {
        let mut refused = TokenErrorResponse::new(TokenErrorCode::InvalidGrant);
        refused.error_description = Some("grant\r\nINFO forged".into());
        let cases = [
            (
                Error::Transport {
                    endpoint: Endpoint::Token,
                    source: TransportError::new("reset"),
                },
                ErrorKind::Transport,
            ),
            (
                Error::Timeout {
                    endpoint: Endpoint::Jwks,
                    timeout: Duration::from_secs(3),
                },
                ErrorKind::Timeout,
            ),
            (
                Error::BodyTooLarge {
                    endpoint: Endpoint::Discovery,
                    limit: 10,
                },
                ErrorKind::BodyTooLarge,
            ),
            (
                Error::Status {
                    endpoint: Endpoint::Userinfo,
                    status: 502,
                },
                ErrorKind::HttpStatus,
            ),
            (
                Error::Protocol {
                    endpoint: Endpoint::Token,
                    error: ProtocolError::Token(Box::new(refused)),
                },
                ErrorKind::Protocol,
            ),
            (
                Error::IssuerMismatch {
                    expected: "https://op.example".into(),
                    got: "https://evil.example\n".into(),
                },
                ErrorKind::Discovery,
            ),
            (
                Error::Callback(ValidationError::State { token: "x" }),
                ErrorKind::Callback,
            ),
            (
                Error::Userinfo(TokenError::Claims(ValidationError::Subject {
                    token: "UserInfo response",
                    got: "b\n".into(),
                })),
                ErrorKind::Userinfo,
            ),
            (Error::Refresh { claim: "sub" }, ErrorKind::Refresh),
            (
                Error::DeviceCodeExpired {
                    expires_at: NumericDate::from_secs(5),
                },
                ErrorKind::Expired,
            ),
            (Error::Config("no".into()), ErrorKind::Config),
        ];
        for (error, kind) in cases {
            assert_eq!(error.kind(), kind, "{error:?}");
            let text = error.to_string();
            assert!(!text.contains('\n') && !text.contains('\r'), "{text}");
        }
        let e = Error::Protocol {
            endpoint: Endpoint::Token,
            error: ProtocolError::Token(Box::new(TokenErrorResponse::new(
                TokenErrorCode::InvalidGrant,
            ))),
        };
        assert_eq!(e.protocol().map(ProtocolError::code), Some("invalid_grant"));
        assert_eq!(
            e.to_string(),
            "token endpoint: the provider refused: invalid_grant"
        );
        assert!(Error::Config("x".into()).protocol().is_none());
        assert!(Error::Config("x".into()).token().is_none());
    }

    #[test]
    fn the_parts_of_an_error_are_reachable() {
        // The provider's description, as sent.
        let mut refused = TokenErrorResponse::new(TokenErrorCode::InvalidGrant);
        refused.error_description = Some("the code was used".into());
        let error = ProtocolError::Token(Box::new(refused));
        assert_eq!(error.description(), Some("the code was used"));
        let bare = ProtocolError::Token(Box::new(TokenErrorResponse::new(
            TokenErrorCode::InvalidGrant,
        )));
        assert_eq!(bare.description(), None);
        // The token error of each token family, and only of those.
        let claims = || TokenError::Claims(ValidationError::State { token: "x" });
        for error in [
            Error::IdToken(claims()),
            Error::LogoutToken(claims()),
            Error::Userinfo(claims()),
        ] {
            assert_eq!(error.token(), Some(&claims()), "{error:?}");
        }
        assert!(Error::Refresh { claim: "sub" }.token().is_none());
    }

    #[test]
    fn timeouts_are_told_apart() {
        assert!(TransportError::timeout().is_timeout());
        assert!(!TransportError::new("x").is_timeout());
        let long = TransportError::new("y".repeat(1000));
        assert!(long.to_string().chars().count() <= 201);
    }
}
