//! JWT access tokens (RFC 9068).

use crate::{Audience, ExtraParams, NumericDate, OidcMessage};

/// The claims of a JWT access token (RFC 9068 §2.2).
///
/// `client_id` also reads `azp` when `client_id` is absent (Keycloak and others put the
/// client there). Real tokens that omit a REQUIRED claim fail to decode with an error
/// naming it; `scope` also accepts a JSON array (Xero). Time claims are JSON numbers
/// (RFC 7519 §2): no real access token sends them as strings.
///
/// Its token kind is [`TokenKind::JWT_ACCESS_TOKEN`](crate::jwt::TokenKind::JWT_ACCESS_TOKEN):
/// `from_jwt` requires the `typ` header `at+jwt` (RFC 9068 §4) on every path, generic
/// code included, unless `JwtOptions::typ` says otherwise.
#[derive(OidcMessage, Clone, PartialEq)]
#[oidc(token_kind = crate::jwt::TokenKind::JWT_ACCESS_TOKEN)]
#[non_exhaustive]
pub struct JwtAccessToken {
    /// `iss` — REQUIRED (§2.2).
    #[oidc(required)]
    pub iss: String,
    /// `exp` — REQUIRED (§2.2).
    #[oidc(required)]
    pub exp: NumericDate,
    /// `aud` — REQUIRED (§2.2): the resource server(s).
    #[oidc(required)]
    pub aud: Audience,
    /// `sub` — REQUIRED (§2.2): the resource owner, or the client for client credentials.
    #[oidc(required)]
    pub sub: String,
    /// `client_id` — REQUIRED (§2.2): the client that requested the token.
    #[oidc(required, alias = "azp")]
    pub client_id: String,
    /// `iat` — REQUIRED (§2.2).
    #[oidc(required)]
    pub iat: NumericDate,
    /// `nbf` — OPTIONAL (RFC 7519 §4.1.5): not valid before this time.
    pub nbf: Option<NumericDate>,
    /// `jti` — REQUIRED (§2.2): unique identifier.
    #[oidc(required)]
    pub jti: String,
    /// `auth_time` — OPTIONAL (§2.2.1).
    pub auth_time: Option<NumericDate>,
    /// `acr` — OPTIONAL (§2.2.1).
    pub acr: Option<String>,
    /// `amr` — OPTIONAL (§2.2.1).
    #[oidc(json)]
    pub amr: Option<Vec<String>>,
    /// `scope` — OPTIONAL (§2.2.3): space-delimited.
    #[oidc(space_delimited, accept(array))]
    pub scope: Option<Vec<String>>,
    /// `groups` — OPTIONAL (§2.2.3.1, RFC 7643 attribute).
    #[oidc(json)]
    pub groups: Option<Vec<String>>,
    /// `roles` — OPTIONAL (§2.2.3.1).
    #[oidc(json)]
    pub roles: Option<Vec<String>>,
    /// `entitlements` — OPTIONAL (§2.2.3.1).
    #[oidc(json)]
    pub entitlements: Option<Vec<String>>,
    /// `cnf` — the key the token is bound to (RFC 7800 §3.1): a DPoP key's thumbprint
    /// in `jkt` (RFC 9449 §6.1). A resource server that finds one MUST NOT accept the
    /// token without the matching proof (`dpop::DpopValidation::with_access_token`).
    #[oidc(json)]
    pub cnf: Option<super::Confirmation>,
    /// `authorization_details` — RECOMMENDED when the token has any (RFC 9396 §9.1):
    /// its authorization details, filtered to the token's audience.
    #[oidc(json)]
    pub authorization_details: Option<Vec<super::AuthorizationDetail>>,
    /// Any other claim.
    #[oidc(extra)]
    pub extra: ExtraParams,
}

impl JwtAccessToken {
    /// An access token with its REQUIRED claims (RFC 9068 §2.2) and no other.
    pub fn new(
        iss: impl Into<String>,
        exp: NumericDate,
        aud: impl Into<Audience>,
        sub: impl Into<String>,
        client_id: impl Into<String>,
        iat: NumericDate,
        jti: impl Into<String>,
    ) -> Self {
        JwtAccessToken {
            iss: iss.into(),
            exp,
            aud: aud.into(),
            sub: sub.into(),
            client_id: client_id.into(),
            iat,
            jti: jti.into(),
            nbf: None,
            auth_time: None,
            acr: None,
            amr: None,
            scope: None,
            groups: None,
            roles: None,
            entitlements: None,
            cnf: None,
            authorization_details: None,
            extra: ExtraParams::new(),
        }
    }
}
