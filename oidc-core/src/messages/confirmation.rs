//! The `cnf` (confirmation) claim: the key a token is bound to (RFC 7800 §3.1).

use crate::{ExtraParams, OidcMessage};

/// The `cnf` claim of a JWT access token or an introspection response (RFC 7800 §3.1):
/// which key the presenter must prove it holds. DPoP puts the key's thumbprint in
/// `jkt` (RFC 9449 §6.1, §6.2); mutual-TLS-bound tokens the certificate's in
/// `x5t#S256` (RFC 8705 §3.1). Other members (`jwk`, `kid`, ...) are kept in `extra`.
///
/// ```
/// use oidc_core::messages::{Confirmation, JwtAccessToken};
/// use oidc_core::OidcMessage;
///
/// // RFC 9449 §6.1.
/// let token = JwtAccessToken::from_json(r#"{"sub":"someone@example.com","iss":"https://server.example.com",
///     "aud":"https://resource.example.org","nbf":1562262611,"exp":1562266216,"iat":1562262611,
///     "jti":"4b3f1e0a","client_id":"s6BhdRkqt3","cnf":{"jkt":"0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I"}}"#)?;
/// assert_eq!(token.cnf.unwrap().jkt.as_deref(), Some("0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I"));
/// # Ok::<(), oidc_core::Error>(())
/// ```
#[derive(OidcMessage, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct Confirmation {
    /// `jkt` — the JWK SHA-256 thumbprint (RFC 7638) of the DPoP key (RFC 9449 §6.1).
    pub jkt: Option<String>,
    /// `x5t#S256` — the SHA-256 thumbprint of the client's certificate (RFC 8705 §3.1).
    #[oidc(rename = "x5t#S256")]
    pub x5t_s256: Option<String>,
    /// Any other confirmation method (`jwk`, `jwe`, `kid`, `jku`: RFC 7800 §3.2-§3.5).
    #[oidc(extra)]
    pub extra: ExtraParams,
}

impl Confirmation {
    /// A DPoP confirmation: `{"jkt": thumbprint}` (RFC 9449 §6.1).
    pub fn dpop(jkt: impl Into<String>) -> Self {
        Confirmation {
            jkt: Some(jkt.into()),
            ..Confirmation::default()
        }
    }
}
