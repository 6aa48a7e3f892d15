//! The provider's side: which credentials a request presents ([`ClientCredentials`]).

use std::borrow::Cow;
use std::fmt;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;

use super::ClientAuthError;
use crate::codec::form;
use crate::error::{quoted, Error, ErrorKind};
use crate::messages::{ClientAssertion, JWT_BEARER_ASSERTION_TYPE};

const MESSAGE: &str = "client authentication";

/// The client credentials a request presents (RFC 6749 §2.3, OIDC Core §9), read from
/// its `Authorization` header and form body by [`from_request`](Self::from_request).
///
/// A request that uses more than one method (a Basic header and a `client_secret`, a
/// secret and an assertion) is refused, as RFC 6749 §2.3 requires; so is a
/// `client_id` that contradicts the authenticated one. The provider then checks what was
/// presented against the client's registration: [`secret_matches`](Self::secret_matches)
/// for secrets, `validation::ClientAssertionValidation::verify` for assertions (with the keys of
/// the client [`client_id`](Self::client_id) names), and that the method is the one the
/// client registered.
///
/// `Debug` never shows a secret or an assertion.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ClientCredentials {
    /// `client_secret_basic`: the HTTP Basic credentials, form-decoded (RFC 6749 §2.3.1).
    ClientSecretBasic {
        /// The client id.
        client_id: String,
        /// The client secret.
        client_secret: String,
    },
    /// `client_secret_post`: `client_id` and `client_secret` in the body.
    ClientSecretPost {
        /// The client id.
        client_id: String,
        /// The client secret.
        client_secret: String,
    },
    /// `client_secret_jwt` or `private_key_jwt` (which one depends on the assertion's
    /// algorithm and the client's registration): a JWT bearer assertion (RFC 7523 §2.2).
    Assertion {
        /// The body's `client_id`, when it has one (RFC 7521 §4.2: OPTIONAL).
        client_id: Option<String>,
        /// The `client_assertion`, not yet verified.
        assertion: String,
    },
    /// `none`: a `client_id` and no credentials (a public client).
    None {
        /// The client id.
        client_id: String,
    },
}

impl ClientCredentials {
    /// Reads the credentials of a request from its `Authorization` header value (if
    /// any) and its form body.
    ///
    /// ```
    /// use oidc_core::client_auth::{ClientAuth, ClientCredentials};
    ///
    /// let sent = ClientAuth::client_secret_basic("a:b", "pä ss").apply("grant_type=client_credentials")?;
    /// let read = ClientCredentials::from_request(sent.authorization.as_deref(), &sent.body)?;
    /// assert_eq!(read.client_id()?, "a:b");
    /// assert!(read.secret_matches("pä ss"));
    /// assert!(!read.secret_matches("pä s"));
    /// # Ok::<(), oidc_core::client_auth::ClientAuthError>(())
    /// ```
    pub fn from_request(authorization: Option<&str>, body: &str) -> Result<Self, ClientAuthError> {
        let mut client_id = None;
        let mut secret = None;
        let mut assertion = None;
        let mut assertion_type = None;
        form::parse_pairs(MESSAGE, body, |name, value| {
            let slot = match &*name {
                "client_id" => &mut client_id,
                "client_secret" => &mut secret,
                "client_assertion" => &mut assertion,
                "client_assertion_type" => &mut assertion_type,
                _ => return Ok(()),
            };
            if slot.is_some() {
                return Err(Error::duplicate(MESSAGE, &name));
            }
            // RFC 6749 §3.1: an empty value is an absent parameter.
            if !value.is_empty() {
                *slot = Some(value.into_owned());
            }
            Ok(())
        })?;
        let basic = match authorization {
            Some(header) => Some(read_basic(header)?),
            None => None,
        };
        let methods = [basic.is_some(), secret.is_some(), assertion.is_some()];
        if methods.iter().filter(|used| **used).count() > 1 {
            return Err(invalid(
                "more than one client authentication method in one request (RFC 6749 §2.3)",
            ));
        }
        if assertion_type.is_some() && assertion.is_none() {
            return Err(Error::missing(MESSAGE, "client_assertion").into());
        }
        if let Some((basic_id, client_secret)) = basic {
            if client_id.as_ref().is_some_and(|id| *id != basic_id) {
                return Err(mismatch(client_id.as_deref().unwrap_or_default()));
            }
            return Ok(ClientCredentials::ClientSecretBasic {
                client_id: basic_id,
                client_secret,
            });
        }
        if let Some(assertion) = assertion {
            match assertion_type.as_deref() {
                Some(JWT_BEARER_ASSERTION_TYPE) => {}
                Some(other) => {
                    return Err(Error::new(
                        MESSAGE,
                        ErrorKind::InvalidValue {
                            parameter: "client_assertion_type".to_owned(),
                            reason: format!(
                                "{} is not {JWT_BEARER_ASSERTION_TYPE} (RFC 7523 §2.2)",
                                quoted(other)
                            ),
                        },
                    )
                    .into())
                }
                None => return Err(Error::missing(MESSAGE, "client_assertion_type").into()),
            }
            return Ok(ClientCredentials::Assertion {
                client_id,
                assertion,
            });
        }
        let Some(client_id) = client_id else {
            return Err(Error::missing(MESSAGE, "client_id").into());
        };
        Ok(match secret {
            Some(client_secret) => ClientCredentials::ClientSecretPost {
                client_id,
                client_secret,
            },
            None => ClientCredentials::None { client_id },
        })
    }

    /// The registered name of the method (`client_secret_basic`, `client_secret_post`,
    /// `none`); for an assertion, `client_secret_jwt` when it is MACed (HS*), else
    /// `private_key_jwt` (the header's `alg` decides; it is not verified here).
    pub fn method(&self) -> &'static str {
        match self {
            ClientCredentials::ClientSecretBasic { .. } => "client_secret_basic",
            ClientCredentials::ClientSecretPost { .. } => "client_secret_post",
            ClientCredentials::None { .. } => "none",
            ClientCredentials::Assertion { assertion, .. } => {
                match crate::jwt::header_algorithm(assertion) {
                    Ok(crate::jwt::Algorithm::HS256)
                    | Ok(crate::jwt::Algorithm::HS384)
                    | Ok(crate::jwt::Algorithm::HS512) => "client_secret_jwt",
                    _ => "private_key_jwt",
                }
            }
        }
    }

    /// The client the request claims to be, to look up its registration and keys.
    /// For an assertion without a body `client_id`, the assertion's `sub`, read
    /// **without verifying it** (as RFC 7523 §3 lets the server find the client);
    /// verification then requires `iss` = `sub` = this id.
    pub fn client_id(&self) -> Result<Cow<'_, str>, ClientAuthError> {
        match self {
            ClientCredentials::ClientSecretBasic { client_id, .. }
            | ClientCredentials::ClientSecretPost { client_id, .. }
            | ClientCredentials::None { client_id }
            | ClientCredentials::Assertion {
                client_id: Some(client_id),
                ..
            } => Ok(Cow::Borrowed(client_id)),
            ClientCredentials::Assertion {
                client_id: None,
                assertion,
            } => {
                let claims: ClientAssertion = crate::jwt::decode_unverified(assertion)?;
                Ok(Cow::Owned(claims.sub))
            }
        }
    }

    /// Whether the presented client secret is `registered`, compared in constant time
    /// (for the length of the shorter). False for the methods without a secret.
    pub fn secret_matches(&self, registered: &str) -> bool {
        match self {
            ClientCredentials::ClientSecretBasic { client_secret, .. }
            | ClientCredentials::ClientSecretPost { client_secret, .. } => {
                client_secret.len() == registered.len()
                    && client_secret
                        .bytes()
                        .zip(registered.bytes())
                        .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                        == 0
            }
            _ => false,
        }
    }
}

impl fmt::Debug for ClientCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = f.debug_struct("ClientCredentials");
        s.field("method", &self.method());
        match self {
            ClientCredentials::ClientSecretBasic { client_id, .. }
            | ClientCredentials::ClientSecretPost { client_id, .. }
            | ClientCredentials::None { client_id } => s.field("client_id", client_id),
            ClientCredentials::Assertion { client_id, .. } => s.field("client_id", client_id),
        };
        s.finish_non_exhaustive()
    }
}

/// `Basic base64(urlencode(id) ":" urlencode(secret))`, decoded (RFC 6749 §2.3.1, RFC
/// 7617 §2: the scheme is case-insensitive; the id ends at the first `:`).
fn read_basic(header: &str) -> Result<(String, String), ClientAuthError> {
    let header = header.trim();
    let (scheme, token) = header.split_once(' ').unwrap_or((header, ""));
    if !scheme.eq_ignore_ascii_case("basic") {
        return Err(invalid("the Authorization header is not a Basic one"));
    }
    let decoded = STANDARD
        .decode(token.trim())
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .ok_or_else(|| invalid("the Basic credentials are not base64 of UTF-8 text"))?;
    let (id, secret) = decoded
        .split_once(':')
        .ok_or_else(|| invalid("the Basic credentials have no ':'"))?;
    let decode = |what: &str, text: &str| -> Result<String, ClientAuthError> {
        let mut out = None;
        form::parse_pairs(MESSAGE, &format!("v={text}"), |_, value| {
            out = Some(value.into_owned());
            Ok(())
        })
        .map_err(|_| {
            invalid(&format!(
                "the Basic {what} is not form-encoded (RFC 6749 §2.3.1)"
            ))
        })?;
        Ok(out.unwrap_or_default())
    };
    if id.contains('&') || secret.contains('&') {
        return Err(invalid(
            "the Basic credentials are not form-encoded (RFC 6749 §2.3.1)",
        ));
    }
    let id = decode("client id", id)?;
    if id.is_empty() {
        return Err(invalid("the Basic credentials have an empty client id"));
    }
    Ok((id, decode("client secret", secret)?))
}

fn invalid(reason: &str) -> ClientAuthError {
    Error::new(MESSAGE, ErrorKind::Invalid(reason.to_owned())).into()
}

fn mismatch(client_id: &str) -> ClientAuthError {
    Error::new(
        MESSAGE,
        ErrorKind::InvalidValue {
            parameter: "client_id".to_owned(),
            reason: format!("{} is not the authenticated client", quoted(client_id)),
        },
    )
    .into()
}
