//! Logout: RP-Initiated Logout 1.0, Front-Channel Logout 1.0, Back-Channel Logout 1.0.

use crate::{Audience, ExtraParams, NumericDate, OidcMessage};

/// The `events` member that makes a JWT a Logout Token (Back-Channel Logout 1.0 §2.4).
pub const BACKCHANNEL_LOGOUT_EVENT: &str = "http://schemas.openid.net/event/backchannel-logout";

/// A request to log the End-User out at the OP (RP-Initiated Logout 1.0 §2), sent to
/// the provider's `end_session_endpoint` as a query (`to_url`) or a form POST.
#[derive(OidcMessage, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct RpInitiatedLogoutRequest {
    /// `id_token_hint` — RECOMMENDED. An ID Token the OP issued to this RP.
    #[oidc(secret)]
    pub id_token_hint: Option<String>,
    /// `logout_hint` — OPTIONAL.
    pub logout_hint: Option<String>,
    /// `client_id` — OPTIONAL; needed when `post_logout_redirect_uri` is sent without `id_token_hint`.
    pub client_id: Option<String>,
    /// `post_logout_redirect_uri` — OPTIONAL. Must be pre-registered.
    pub post_logout_redirect_uri: Option<String>,
    /// `state` — OPTIONAL. Passed back on the post-logout redirect.
    pub state: Option<String>,
    /// `ui_locales` — OPTIONAL. Space-delimited BCP47 tags.
    #[oidc(space_delimited)]
    pub ui_locales: Option<Vec<String>>,
    /// Any other parameter.
    #[oidc(extra)]
    pub extra: ExtraParams,
}

/// The query the OP puts on the RP's `frontchannel_logout_uri` (Front-Channel Logout
/// 1.0 §2). `iss` and `sid` are sent when `frontchannel_logout_session_required`.
#[derive(OidcMessage, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct FrontChannelLogoutNotification {
    /// `iss` — the Issuer Identifier of the OP.
    pub iss: Option<String>,
    /// `sid` — the session being logged out.
    pub sid: Option<String>,
    /// Any other parameter.
    #[oidc(extra)]
    pub extra: ExtraParams,
}

/// The form body the OP POSTs to the RP's `backchannel_logout_uri` (Back-Channel
/// Logout 1.0 §2.5).
#[derive(OidcMessage, Clone, PartialEq)]
#[non_exhaustive]
pub struct BackChannelLogoutNotification {
    /// `logout_token` — REQUIRED. A signed JWT holding a [`BackChannelLogoutToken`].
    #[oidc(required, secret)]
    pub logout_token: String,
    /// Any other parameter.
    #[oidc(extra)]
    pub extra: ExtraParams,
}

impl BackChannelLogoutNotification {
    /// The notification carrying `logout_token`.
    pub fn new(logout_token: impl Into<String>) -> Self {
        BackChannelLogoutNotification {
            logout_token: logout_token.into(),
            extra: ExtraParams::new(),
        }
    }
}

/// The claims of a Logout Token (Back-Channel Logout 1.0 §2.4).
///
/// `exp` became REQUIRED with errata set 1 (2022); earlier providers omit it (the
/// Keycloak Logout Tokens of 2021 and 2023 in `tests/data/jws`, the spec's pre-errata
/// example), so decoding accepts its absence and validation refuses it unless told
/// otherwise (`LogoutTokenValidation::allow_missing_exp`).
/// `nonce` MUST NOT be present (§2.4); it is declared so that validation can reject a
/// token that has one. Time claims are JSON numbers (RFC 7519 §2): no real Logout
/// Token sends them as strings. `events` keeps every member (Keycloak adds
/// `revoke_offline_access`).
///
/// Its token kind is [`TokenKind::LOGOUT_TOKEN`](crate::jwt::TokenKind::LOGOUT_TOKEN):
/// `from_jwt` accepts a `typ` header that is absent, `logout+jwt` or `JWT`.
#[derive(OidcMessage, Clone, PartialEq)]
#[oidc(token_kind = crate::jwt::TokenKind::LOGOUT_TOKEN)]
#[non_exhaustive]
pub struct BackChannelLogoutToken {
    /// `iss` — REQUIRED.
    #[oidc(required)]
    pub iss: String,
    /// `sub` — OPTIONAL; a Logout Token has `sub`, `sid` or both.
    pub sub: Option<String>,
    /// `aud` — REQUIRED.
    #[oidc(required)]
    pub aud: Audience,
    /// `iat` — REQUIRED.
    #[oidc(required)]
    pub iat: NumericDate,
    /// `exp` — REQUIRED since errata set 1; see the type's documentation.
    pub exp: Option<NumericDate>,
    /// `nbf` — OPTIONAL (RFC 7519 §4.1.5): not valid before this time.
    pub nbf: Option<NumericDate>,
    /// `jti` — REQUIRED. Unique identifier (replay detection).
    #[oidc(required)]
    pub jti: String,
    /// `events` — REQUIRED. A JSON object with the member [`BACKCHANNEL_LOGOUT_EVENT`]
    /// whose value is a JSON object (usually `{}`).
    #[oidc(required, json)]
    pub events: serde_json::Map<String, serde_json::Value>,
    /// `sid` — OPTIONAL. The session being logged out.
    pub sid: Option<String>,
    /// `nonce` — MUST NOT be present (§2.4).
    pub nonce: Option<String>,
    /// Any other claim (`typ`, Auth0's `trace_id`, ...).
    #[oidc(extra)]
    pub extra: ExtraParams,
}

impl BackChannelLogoutToken {
    /// A Logout Token with its REQUIRED claims, in §2.4's order (`exp` included: errata
    /// set 1 made it REQUIRED, and validation refuses a token without it): `events`
    /// holds the [`BACKCHANNEL_LOGOUT_EVENT`] member with an empty object. Set `sub`,
    /// `sid` or both (§2.4 requires one).
    pub fn new(
        iss: impl Into<String>,
        aud: impl Into<Audience>,
        iat: NumericDate,
        exp: NumericDate,
        jti: impl Into<String>,
    ) -> Self {
        let mut events = serde_json::Map::new();
        events.insert(
            BACKCHANNEL_LOGOUT_EVENT.to_owned(),
            serde_json::Value::Object(serde_json::Map::new()),
        );
        BackChannelLogoutToken {
            iss: iss.into(),
            sub: None,
            aud: aud.into(),
            iat,
            exp: Some(exp),
            nbf: None,
            jti: jti.into(),
            events,
            sid: None,
            nonce: None,
            extra: ExtraParams::new(),
        }
    }

    /// Whether `events` has the [`BACKCHANNEL_LOGOUT_EVENT`] member with an object value.
    pub fn has_logout_event(&self) -> bool {
        self.events
            .get(BACKCHANNEL_LOGOUT_EVENT)
            .is_some_and(serde_json::Value::is_object)
    }
}
