//! The UserInfo endpoint (OpenID Connect Core 1.0 §5.3; RFC 6750 §3).

use crate::error::{Error, ErrorKind};
use crate::{Audience, ExtraParams, OidcMessage};

use super::claims::StandardClaims;

/// A UserInfo Request (OIDC Core 1.0 §5.3.1). It has no parameters of its own: the
/// access token travels in the `Authorization: Bearer` header (RFC 6750 §2.1). Form-body
/// transport (RFC 6750 §2.2) puts `access_token` in the body.
#[derive(OidcMessage, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct UserinfoRequest {
    /// `access_token` — only for form-body transport (RFC 6750 §2.2), NOT RECOMMENDED.
    #[oidc(secret)]
    pub access_token: Option<String>,
    /// Any other parameter.
    #[oidc(extra)]
    pub extra: ExtraParams,
}

/// A successful UserInfo Response (OIDC Core 1.0 §5.3.2): `sub` plus the Standard
/// Claims the access token allows, plus any other claims (kept in `extra`).
///
/// A JSON body decodes with `from_json`; a signed one (`Content-Type:
/// application/jwt`) is verified and validated with
/// [`UserinfoValidation::verify`](crate::validation::UserinfoValidation::verify), whose
/// token kind is [`TokenKind::USERINFO_RESPONSE`](crate::jwt::TokenKind::USERINFO_RESPONSE).
/// Either way, `sub` MUST equal the ID Token's before any claim is used (§5.3.2); the
/// validation checks it. An encrypted response (JWE) is not supported.
#[derive(OidcMessage, Clone, PartialEq)]
#[oidc(token_kind = crate::jwt::TokenKind::USERINFO_RESPONSE)]
#[non_exhaustive]
pub struct UserinfoSuccessResponse {
    /// `sub` — REQUIRED. Must equal the ID Token's `sub` (§5.3.2).
    #[oidc(required)]
    pub sub: String,
    /// `iss` — REQUIRED in a signed response (§5.3.2): the OP's issuer identifier.
    pub iss: Option<String>,
    /// `aud` — REQUIRED in a signed response (§5.3.2): the RP's client id, or
    /// audiences that include it.
    pub aud: Option<Audience>,
    /// The Standard Claims (§5.1).
    #[oidc(flatten)]
    pub claims: StandardClaims,
    /// Any other claim, with its JSON type.
    #[oidc(extra)]
    pub extra: ExtraParams,
}

impl UserinfoSuccessResponse {
    /// A response with the REQUIRED `sub` and no other claim.
    pub fn new(sub: impl Into<String>) -> Self {
        UserinfoSuccessResponse {
            sub: sub.into(),
            iss: None,
            aud: None,
            claims: StandardClaims::default(),
            extra: ExtraParams::new(),
        }
    }
}

crate::string_enum! {
    /// The `error` codes of a resource access error (RFC 6750 §3.1), as the UserInfo
    /// endpoint (OIDC Core 1.0 §5.3.3) and other protected resources answer them: every
    /// code the IANA "OAuth Extensions Error Registry" lists for the "resource access
    /// error response" (as of its 2025-08-04 update), in the registry's order. Any
    /// other code is `Other`.
    pub enum ResourceAccessErrorCode {
        /// The request is missing a parameter, has an unsupported or repeated one, uses
        /// more than one way to send the token, or is malformed (RFC 6750 §3.1).
        InvalidRequest = "invalid_request",
        /// The access token is expired, revoked, malformed or invalid (RFC 6750 §3.1).
        InvalidToken = "invalid_token",
        /// The request needs more privileges than the access token has (RFC 6750 §3.1).
        InsufficientScope = "insufficient_scope",
        /// The DPoP proof is invalid (RFC 9449 §7.1).
        InvalidDpopProof = "invalid_dpop_proof",
        /// The resource server wants a DPoP proof with the nonce of its `DPoP-Nonce`
        /// header (RFC 9449 §9).
        UseDpopNonce = "use_dpop_nonce",
        /// The authentication behind the access token does not meet the resource's
        /// requirements: ask for a new one with the `acr_values` / `max_age` of the
        /// challenge (RFC 9470 §3).
        InsufficientUserAuthentication = "insufficient_user_authentication",
    }
}

/// A UserInfo Error Response (OIDC Core 1.0 §5.3.3, RFC 6750 §3.1).
///
/// Providers send it as a JSON body or in the `WWW-Authenticate` header
/// ([`Self::from_www_authenticate`]).
#[derive(OidcMessage, Clone, PartialEq)]
#[non_exhaustive]
pub struct UserinfoErrorResponse {
    /// `error` — REQUIRED (RFC 6750 §3.1 and its extensions: [`ResourceAccessErrorCode`]).
    #[oidc(required)]
    pub error: ResourceAccessErrorCode,
    /// `error_description` — OPTIONAL.
    pub error_description: Option<String>,
    /// `error_uri` — OPTIONAL.
    pub error_uri: Option<String>,
    /// Any other parameter (`realm`, `scope` from the challenge, ...).
    #[oidc(extra)]
    pub extra: ExtraParams,
}

impl UserinfoErrorResponse {
    /// An error response with its REQUIRED `error` code and nothing else.
    pub fn new(error: impl Into<ResourceAccessErrorCode>) -> Self {
        UserinfoErrorResponse {
            error: error.into(),
            error_description: None,
            error_uri: None,
            extra: ExtraParams::new(),
        }
    }

    /// Reads the error from a `WWW-Authenticate: Bearer ...` header value (RFC 6750 §3),
    /// or a `DPoP ...` one (RFC 9449 §7.1: the same parameters plus `algs`, kept in
    /// `extra`); auth-params as in RFC 9110 §11.2: `name=token` or `name="quoted
    /// string"` with `\` escapes, separated by commas.
    ///
    /// ```
    /// use oidc_core::messages::UserinfoErrorResponse;
    ///
    /// let e = UserinfoErrorResponse::from_www_authenticate(
    ///     r#"Bearer realm="example", error="invalid_token", error_description="The access token expired""#,
    /// )?;
    /// assert_eq!(e.error, "invalid_token");
    /// assert_eq!(e.error_description.as_deref(), Some("The access token expired"));
    /// assert_eq!(e.extra.get_str("realm").as_deref(), Some("example"));
    /// # Ok::<(), oidc_core::Error>(())
    /// ```
    pub fn from_www_authenticate(header: &str) -> Result<Self, Error> {
        let fail = |why: &str| {
            Error::new(
                "UserinfoErrorResponse",
                ErrorKind::Invalid(format!("WWW-Authenticate: {why}")),
            )
        };
        let rest = header.trim_start();
        let scheme_end = rest
            .find(|c: char| c.is_ascii_whitespace())
            .unwrap_or(rest.len());
        let scheme = &rest[..scheme_end];
        if !scheme.eq_ignore_ascii_case("bearer") && !scheme.eq_ignore_ascii_case("dpop") {
            return Err(fail("not a Bearer or DPoP challenge"));
        }
        // The auth-params become a form body, so from_form applies every rule (repeated
        // parameter, empty = omitted, required `error`).
        let mut body = String::new();
        let mut writer = crate::__private::FormWriter::new(&mut body);
        let mut input = rest[scheme_end..].trim_start();
        while !input.is_empty() {
            let eq = input.find('=').ok_or_else(|| fail("expected name=value"))?;
            let name = input[..eq].trim();
            if name.is_empty()
                || name.contains(|c: char| c.is_ascii_whitespace() || c == ',' || c == '"')
            {
                return Err(fail("bad parameter name"));
            }
            input = input[eq + 1..].trim_start();
            let value;
            if let Some(quoted) = input.strip_prefix('"') {
                let mut text = String::new();
                let mut chars = quoted.char_indices();
                let mut end = None;
                while let Some((i, c)) = chars.next() {
                    match c {
                        '\\' => match chars.next() {
                            Some((_, escaped)) => text.push(escaped),
                            None => break,
                        },
                        '"' => {
                            end = Some(i);
                            break;
                        }
                        c => text.push(c),
                    }
                }
                let end = end.ok_or_else(|| fail("unterminated quoted string"))?;
                value = text;
                input = &quoted[end + 1..];
            } else {
                let end = input.find(',').unwrap_or(input.len());
                value = input[..end].trim().to_owned();
                input = &input[end..];
            }
            writer.pair(name, &value);
            input = input.trim_start();
            match input.strip_prefix(',') {
                Some(after) => input = after.trim_start(),
                None if input.is_empty() => {}
                None => return Err(fail("expected a comma between parameters")),
            }
        }
        Self::from_form(&body)
    }
}

/// What the UserInfo endpoint answers in its body: claims or an error.
// Both variants are plain messages; boxing one would add an allocation per response
// for no gain.
#[allow(clippy::large_enum_variant)]
#[derive(OidcMessage, Clone, PartialEq)]
pub enum UserinfoResponse {
    /// The success response.
    Success(UserinfoSuccessResponse),
    /// The error response (it has an `error` parameter).
    Error(UserinfoErrorResponse),
}
