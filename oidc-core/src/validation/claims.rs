//! What validation reads a token through: [`Claims`], every claim of the message
//! wherever it is declared, and [`Validates`], which lets the options of a token kind
//! validate every message that embeds that token (a vendor token declared with
//! `#[oidc(flatten)]`) exactly as they validate the token itself.

use crate::messages::{
    BackChannelLogoutToken, IdToken, JarmClaims, JwtAccessToken, JwtIntrospectionResponse,
    UserinfoSuccessResponse,
};
use crate::{Embeds, ExtraParams, OidcMessage};

use super::id_token::validate_id_token;
use super::userinfo::validate_userinfo;
use super::{
    AccessTokenValidation, IdTokenValidation, IntrospectionResponseValidation, JarmValidation,
    LogoutTokenValidation, UserinfoValidation, ValidationError,
};

/// The claims of a token by name, wherever the message keeps them: a declared field,
/// a flattened message's field, or `extra`. An issuer matcher reads `tid` through it,
/// so a vendor token that declares `tid` as a field is matched like a plain token
/// that keeps it in `extra`.
pub trait Claims {
    /// The claim `name` as JSON, if present.
    fn claim(&self, name: &str) -> Option<serde_json::Value>;
}

impl<T: OidcMessage> Claims for T {
    fn claim(&self, name: &str) -> Option<serde_json::Value> {
        self.param(name)
    }
}

/// The unknown claims alone.
impl Claims for ExtraParams {
    fn claim(&self, name: &str) -> Option<serde_json::Value> {
        self.value(name).map(|value| value.to_json_value())
    }
}

/// Validation options that validate the message `T`: implemented by
/// [`IdTokenValidation`](super::IdTokenValidation) for every message that embeds an
/// [`IdToken`](crate::messages::IdToken) (itself included), and likewise for access
/// and logout tokens. [`OidcMessage::validate_extern`] calls it.
pub trait Validates<T: ?Sized> {
    /// Checks `message`.
    fn validate(&self, message: &T) -> Result<(), ValidationError>;
}

/// The embedded ID Token is validated with every claim of the message in view (as
/// `IdToken::validate_extern`: without the signing algorithm, a hash claim that must
/// be checked fails).
impl<T: Embeds<IdToken> + OidcMessage> Validates<T> for IdTokenValidation<'_> {
    fn validate(&self, message: &T) -> Result<(), ValidationError> {
        validate_id_token(message.embedded(), message, self, None)
    }
}

impl<T: Embeds<JwtAccessToken> + OidcMessage> Validates<T> for AccessTokenValidation<'_> {
    fn validate(&self, message: &T) -> Result<(), ValidationError> {
        message.embedded().validate_with_claims(message, self)
    }
}

impl<T: Embeds<BackChannelLogoutToken> + OidcMessage> Validates<T> for LogoutTokenValidation<'_> {
    fn validate(&self, message: &T) -> Result<(), ValidationError> {
        message.embedded().validate_with_claims(message, self)
    }
}

impl<T: Embeds<JarmClaims> + OidcMessage> Validates<T> for JarmValidation<'_> {
    fn validate(&self, message: &T) -> Result<(), ValidationError> {
        message.embedded().validate_with_claims(message, self)
    }
}

/// A UserInfo response validated this way is a JSON one: `iss` and `aud` are checked
/// when present (a signed response goes through `verify`, where they are REQUIRED).
impl<T: Embeds<UserinfoSuccessResponse> + OidcMessage> Validates<T> for UserinfoValidation<'_> {
    fn validate(&self, message: &T) -> Result<(), ValidationError> {
        validate_userinfo(message.embedded(), message, self, false)
    }
}

impl<T: Embeds<JwtIntrospectionResponse> + OidcMessage> Validates<T>
    for IntrospectionResponseValidation<'_>
{
    fn validate(&self, message: &T) -> Result<(), ValidationError> {
        message.embedded().validate_with_claims(message, self)
    }
}
