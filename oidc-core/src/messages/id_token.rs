//! The ID Token (OpenID Connect Core 1.0 §2).

use crate::{Audience, ErrorKind, ExtraParams, NumericDate, OidcMessage};

use super::claims::StandardClaims;
use super::logout::BACKCHANNEL_LOGOUT_EVENT;

/// The claims of an ID Token (OIDC Core 1.0 §2), plus the Standard Claims (§5.1) a
/// provider may add, plus anything else in `extra`.
///
/// Leniencies, each as narrow as the real tokens that need it (`tests/data/jws`,
/// provenance in `tests/data/SOURCES.md`): `iat` also accepts a numeric string (Apple's
/// and SuperOffice's ID Tokens), `auth_time` too (Apple's); `email_verified` accepts
/// `"true"` (Apple, Cognito). `exp` and `nbf` must be JSON numbers (RFC 7519 §2
/// NumericDate): no real token sends them as strings, and a lenient `exp` would
/// only widen what an expiry check has to trust.
///
/// Vendor tokens embed it with `#[oidc(flatten)]`:
///
/// ```
/// use oidc_core::messages::IdToken;
/// use oidc_core::{ExtraParams, OidcMessage};
///
/// #[derive(OidcMessage, Clone, PartialEq)]
/// struct KeycloakIdToken {
///     #[oidc(flatten)]
///     id_token: IdToken,
///     #[oidc(json)]
///     groups: Option<Vec<String>>,
///     #[oidc(extra)]
///     extra: ExtraParams,
/// }
///
/// let t = KeycloakIdToken::from_json(r#"{"iss":"https://kc/realms/r","sub":"u","aud":"app",
///     "exp":1311281970,"iat":1311280970,"groups":["/staff"],"email":"u@example.com"}"#)?;
/// assert_eq!(t.groups.as_deref(), Some(&["/staff".to_string()][..]));
/// assert_eq!(t.id_token.claims.email.as_deref(), Some("u@example.com"));
/// # Ok::<(), oidc_core::Error>(())
/// ```
///
/// Its token kind is [`TokenKind::ID_TOKEN`](crate::jwt::TokenKind::ID_TOKEN): `from_jwt`
/// accepts a `typ` header that is absent or `JWT` only. Every decoder refuses an
/// `events` claim holding the back-channel logout event (that token is a Logout Token,
/// Back-Channel Logout 1.0 §4.1). A message that flattens `IdToken` (as above) is an ID
/// Token too: its `typ` rule is the same, and `events` always reaches the flattened
/// `IdToken` (declaring `events`, or any other `IdToken` claim, next to it is a compile
/// error: a wire name belongs to one field).
#[derive(OidcMessage, Clone, PartialEq)]
#[oidc(token_kind = crate::jwt::TokenKind::ID_TOKEN, validate = not_a_logout_token)]
#[non_exhaustive]
pub struct IdToken {
    /// `iss` — REQUIRED. Issuer Identifier: https URL, no query or fragment.
    #[oidc(required)]
    pub iss: String,
    /// `sub` — REQUIRED. Subject Identifier, at most 255 ASCII characters.
    #[oidc(required)]
    pub sub: String,
    /// `aud` — REQUIRED. Contains the RP's client_id; a string or an array.
    #[oidc(required)]
    pub aud: Audience,
    /// `exp` — REQUIRED. Expiration time (a JSON number).
    #[oidc(required)]
    pub exp: NumericDate,
    /// `iat` — REQUIRED. Issue time (a numeric string too: Apple, SuperOffice).
    #[oidc(required, accept(string_number))]
    pub iat: NumericDate,
    /// `nbf` — OPTIONAL (RFC 7519 §4.1.5): the token is not valid before this time (a
    /// JSON number).
    pub nbf: Option<NumericDate>,
    /// `auth_time` — REQUIRED when `max_age` was requested or it is an Essential Claim
    /// (a numeric string too: Apple).
    #[oidc(accept(string_number))]
    pub auth_time: Option<NumericDate>,
    /// `nonce` — REQUIRED when the request had one; must equal it.
    pub nonce: Option<String>,
    /// `acr` — OPTIONAL. Authentication Context Class Reference.
    pub acr: Option<String>,
    /// `amr` — OPTIONAL. Authentication Methods References (JSON array).
    #[oidc(json)]
    pub amr: Option<Vec<String>>,
    /// `azp` — OPTIONAL. Authorized party: the client_id the token was issued to.
    pub azp: Option<String>,
    /// `at_hash` — Access Token hash (§3.1.3.6, §3.2.2.10); REQUIRED in some implicit/hybrid responses.
    pub at_hash: Option<String>,
    /// `c_hash` — Code hash (§3.3.2.11); REQUIRED in some hybrid responses.
    pub c_hash: Option<String>,
    /// `sid` — Session ID (Front-Channel Logout 1.0 §3, Back-Channel Logout 1.0 §2.1).
    pub sid: Option<String>,
    /// `events` — not an ID Token claim: the Security Event Token claim (RFC 8417 §2.2)
    /// whose back-channel logout member makes a JWT a Logout Token. Declared so that
    /// every decoder refuses an ID Token holding that member; any other value is kept.
    #[oidc(json)]
    pub events: Option<serde_json::Value>,
    /// The Standard Claims (§5.1).
    #[oidc(flatten)]
    pub claims: StandardClaims,
    /// Any other claim, with its JSON type.
    #[oidc(extra)]
    pub extra: ExtraParams,
}

/// Back-Channel Logout 1.0 §4.1 (cross-JWT confusion): a JWT whose `events` claim holds
/// the back-channel logout event is a Logout Token, never an ID Token.
fn not_a_logout_token(token: &IdToken) -> Result<(), ErrorKind> {
    match &token.events {
        Some(events) if events.get(BACKCHANNEL_LOGOUT_EVENT).is_some() => {
            Err(ErrorKind::InvalidValue {
                parameter: "events".to_owned(),
                reason: "holds the back-channel logout event: this is a Logout Token, not an \
                         ID Token (Back-Channel Logout 1.0 §4.1)"
                    .to_owned(),
            })
        }
        _ => Ok(()),
    }
}

impl IdToken {
    /// An ID Token with its REQUIRED claims and no other.
    pub fn new(
        iss: impl Into<String>,
        sub: impl Into<String>,
        aud: impl Into<Audience>,
        exp: NumericDate,
        iat: NumericDate,
    ) -> Self {
        IdToken {
            iss: iss.into(),
            sub: sub.into(),
            aud: aud.into(),
            exp,
            iat,
            auth_time: None,
            nonce: None,
            acr: None,
            amr: None,
            azp: None,
            at_hash: None,
            c_hash: None,
            sid: None,
            nbf: None,
            events: None,
            claims: StandardClaims::default(),
            extra: ExtraParams::new(),
        }
    }
}
