use crate::messages::{ProviderMetadata, UserinfoSuccessResponse};

use super::{Claims, Issuer, ValidationError};

const TOKEN: &str = "UserInfo response";

/// What a UserInfo response is checked against (OIDC Core 1.0 §5.3.2): the ID Token's
/// `sub`, and, for a signed response, the issuer and our client id.
///
/// - A JSON response: `validate_extern` checks that `sub` is the ID Token's (the
///   response "MUST NOT be used" otherwise), and `iss` / `aud` when present.
/// - A signed response (`Content-Type: application/jwt`): the one-call
///   [`verify`](Self::verify) checks the JWS (the allowed algorithms, the `typ` of
///   [`TokenKind::USERINFO_RESPONSE`](crate::jwt::TokenKind::USERINFO_RESPONSE)), then
///   that `iss` is the issuer and `aud` contains the client id — both REQUIRED there —
///   then `sub`.
///
/// An encrypted response (a JWE) is not supported: it is refused as malformed.
/// Claims in a UserInfo response are not bounded in time (§5.3.2 defines none), so
/// `exp` / `iat` are not read.
#[must_use]
pub struct UserinfoValidation<'a> {
    issuer: Issuer<'a>,
    client_id: &'a str,
    sub: &'a str,
    #[cfg(feature = "jwt")]
    jwt: crate::jwt::JwtOptions,
}

impl<'a> UserinfoValidation<'a> {
    /// Checks against the provider's `issuer`, our `client_id` and the `sub` of the ID
    /// Token of this login; for [`verify`](Self::verify), RS256 only (the algorithm
    /// every provider supports, OIDC Discovery §3). Prefer
    /// [`from_metadata`](Self::from_metadata).
    pub fn new(issuer: impl Into<Issuer<'a>>, client_id: &'a str, id_token_sub: &'a str) -> Self {
        UserinfoValidation {
            issuer: issuer.into(),
            client_id,
            sub: id_token_sub,
            #[cfg(feature = "jwt")]
            jwt: crate::jwt::JwtOptions::default().algorithms(&[crate::jwt::Algorithm::RS256]),
        }
    }

    /// As [`new`](Self::new), with the provider's `issuer`; [`verify`](Self::verify)
    /// accepts the algorithms of its `userinfo_signing_alg_values_supported` without
    /// `none` and HMAC, RS256 when the list is omitted.
    pub fn from_metadata(
        metadata: &'a ProviderMetadata,
        client_id: &'a str,
        id_token_sub: &'a str,
    ) -> Self {
        let checks = Self::new(metadata.issuer.as_str(), client_id, id_token_sub);
        #[cfg(feature = "jwt")]
        let checks = checks.algorithms(&super::algorithms::metadata_algorithms(
            metadata.userinfo_signing_alg_values_supported.as_ref(),
        ));
        checks
    }

    #[cfg(feature = "jwt")]
    super::jws_options!();
}

impl UserinfoSuccessResponse {
    /// Validates a JSON UserInfo response (OIDC Core 1.0 §5.3.2): `iss` and `aud`
    /// when present, then `sub` is the ID Token's. A signed response goes through
    /// [`UserinfoValidation::verify`], where `iss` and `aud` are REQUIRED.
    pub fn validate_extern(&self, checks: &UserinfoValidation<'_>) -> Result<(), ValidationError> {
        validate_userinfo(self, self, checks, false)
    }
}

/// The checks of §5.3.2 on `response` (with `claims`, the whole message, in view of the
/// issuer matcher); `signed`: `iss` and `aud` are REQUIRED.
pub(super) fn validate_userinfo(
    response: &UserinfoSuccessResponse,
    claims: &dyn Claims,
    checks: &UserinfoValidation<'_>,
    signed: bool,
) -> Result<(), ValidationError> {
    // §5.3.2: "If signed, the UserInfo Response MUST contain the Claims iss (issuer) and
    // aud (audience) as members. The iss value MUST be the OP's Issuer Identifier URL.
    // The aud value MUST be or include the RP's Client ID value."
    match &response.iss {
        Some(iss) if !checks.issuer.matches(iss, claims) => {
            return Err(ValidationError::Issuer {
                token: TOKEN,
                got: iss.clone(),
            })
        }
        None if signed => {
            return Err(ValidationError::ClaimMissing {
                token: TOKEN,
                claim: "iss",
            })
        }
        _ => {}
    }
    match &response.aud {
        Some(aud) if !aud.contains(checks.client_id) => {
            return Err(ValidationError::Audience {
                token: TOKEN,
                expected: checks.client_id.to_owned(),
            })
        }
        None if signed => {
            return Err(ValidationError::ClaimMissing {
                token: TOKEN,
                claim: "aud",
            })
        }
        _ => {}
    }
    // "The sub Claim in the UserInfo Response MUST be verified to exactly match the sub
    // Claim in the ID Token; if they do not match, the UserInfo Response values MUST NOT
    // be used."
    if response.sub != checks.sub {
        return Err(ValidationError::SubMismatch {
            token: TOKEN,
            got: response.sub.clone(),
        });
    }
    Ok(())
}
