//! The Standard Claims (OpenID Connect Core 1.0 §5.1), shared by `IdToken` and
//! `UserinfoSuccessResponse` through `#[oidc(flatten)]`.

use crate::{ExtraParams, NumericDate, OidcMessage};

/// The Standard Claims of OIDC Core 1.0 §5.1 other than `sub` (which each message
/// declares itself, since it is REQUIRED there). All are OPTIONAL.
///
/// `email_verified` and `phone_number_verified` also accept the strings `"true"` /
/// `"false"` (Apple and Amazon Cognito send them so); `updated_at` also accepts a
/// numeric string or RFC 3339 text (Auth0). `birthdate` is kept as text: the spec's
/// own example is `0000-10-31` (year withheld) and real providers send free text.
///
/// Every claim here is `tolerant`: profile data a provider got wrong
/// (`"email_verified":"yes"`, `"address":"Main St"`, `"name":["a","b"]`) leaves that
/// claim `None` and is kept, as received, in the enclosing message's `extra`, where
/// [`ExtraParams::tolerated`] says what was wrong; the rest of the token or response
/// still decodes. The claims that identify and bound a token (`iss`, `sub`, `aud`,
/// `exp`, `iat`, `nonce`, ...) are declared by `IdToken` and stay strict.
#[derive(OidcMessage, Clone, PartialEq, Default)]
#[non_exhaustive]
#[oidc(tolerant)]
pub struct StandardClaims {
    /// `name` — full name.
    pub name: Option<String>,
    /// `given_name`.
    pub given_name: Option<String>,
    /// `family_name`.
    pub family_name: Option<String>,
    /// `middle_name`.
    pub middle_name: Option<String>,
    /// `nickname`.
    pub nickname: Option<String>,
    /// `preferred_username` — not unique, not stable (§5.7).
    pub preferred_username: Option<String>,
    /// `profile` — profile page URL.
    pub profile: Option<String>,
    /// `picture` — profile picture URL.
    pub picture: Option<String>,
    /// `website`.
    pub website: Option<String>,
    /// `email` — not unique, not stable (§5.7).
    pub email: Option<String>,
    /// `email_verified`.
    #[oidc(accept(string_bool))]
    pub email_verified: Option<bool>,
    /// `gender`.
    pub gender: Option<String>,
    /// `birthdate` — `YYYY-MM-DD`, `0000-MM-DD` or `YYYY` by the spec; kept as text.
    pub birthdate: Option<String>,
    /// `zoneinfo` — a tz database zone, e.g. `Europe/Paris`.
    pub zoneinfo: Option<String>,
    /// `locale` — BCP47, e.g. `fr-CA`.
    pub locale: Option<String>,
    /// `phone_number` — E.164 recommended.
    pub phone_number: Option<String>,
    /// `phone_number_verified`.
    #[oidc(accept(string_bool))]
    pub phone_number_verified: Option<bool>,
    /// `address` — a JSON object (§5.1.1).
    #[oidc(json)]
    pub address: Option<Address>,
    /// `updated_at` — time the information was last updated.
    #[oidc(accept(string_number, rfc3339))]
    pub updated_at: Option<NumericDate>,
}

/// The `address` claim (OIDC Core 1.0 §5.1.1). All members OPTIONAL, and `tolerant`
/// (see [`StandardClaims`]): a member that does not fit is kept in `extra`.
#[derive(OidcMessage, Clone, PartialEq, Default)]
#[non_exhaustive]
#[oidc(tolerant)]
pub struct Address {
    /// `formatted` — the full address, lines separated by `\n`.
    pub formatted: Option<String>,
    /// `street_address`.
    pub street_address: Option<String>,
    /// `locality` — city.
    pub locality: Option<String>,
    /// `region` — state, province, prefecture.
    pub region: Option<String>,
    /// `postal_code`.
    pub postal_code: Option<String>,
    /// `country`.
    pub country: Option<String>,
    /// Any other member.
    #[oidc(extra)]
    pub extra: ExtraParams,
}
