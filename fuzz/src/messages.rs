//! The core messages, chosen by the input's first byte.
//!
//! Byte `b'a' + i` chooses `MESSAGES[i]`; any other byte chooses
//! `MESSAGES[(byte - b'a') mod MESSAGES.len()]`, so every input chooses one.
//! `scripts/fuzz-corpus.py` writes seeds with these letters: keep the order.

use std::fmt::Debug;

use oidc_core::messages::*;
use oidc_core::OidcMessage;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// What the targets need of a message: every codec, equality, `Debug`, serde.
pub trait Message:
    OidcMessage + Clone + PartialEq + Debug + Serialize + DeserializeOwned + 'static
{
}

impl<T> Message for T where
    T: OidcMessage + Clone + PartialEq + Debug + Serialize + DeserializeOwned + 'static
{
}

/// A check that runs on one message type.
pub trait Visit {
    /// Runs the check for `M`.
    fn visit<M: Message>(self);
}

/// The names of the messages, in selector order (`a`, `b`, ...).
pub const MESSAGES: [&str; 42] = [
    "AuthenticationRequest",
    "AuthenticationSuccessResponse",
    "AuthenticationErrorResponse",
    "TokenRequest",
    "TokenSuccessResponse",
    "TokenErrorResponse",
    "UserinfoRequest",
    "UserinfoSuccessResponse",
    "UserinfoErrorResponse",
    "TokenIntrospectionRequest",
    "TokenIntrospectionSuccessResponse",
    "RpInitiatedLogoutRequest",
    "FrontChannelLogoutNotification",
    "BackChannelLogoutNotification",
    "BackChannelLogoutToken",
    "IdToken",
    "JwtAccessToken",
    "ProviderMetadata",
    "StandardClaims",
    "Address",
    "ClientMetadata",
    "ClientRegistrationRequest",
    "ClientInformationResponse",
    "ClientUpdateRequest",
    "ClientRegistrationErrorResponse",
    "DeviceAuthorizationRequest",
    "DeviceAuthorizationSuccessResponse",
    "TokenRevocationRequest",
    "TokenExchangeSuccessResponse",
    "BackchannelAuthenticationRequest",
    "BackchannelAuthenticationSuccessResponse",
    "BackchannelAuthenticationErrorResponse",
    "CibaPingNotification",
    "CibaPushSuccess",
    "CibaPushError",
    "JarmResponse",
    "JarmClaims",
    "JwtIntrospectionResponse",
    "TokenIntrospectionErrorResponse",
    "ClaimsRequest",
    "Claim",
    "AuthorizationDetail",
];

/// Index into [`MESSAGES`] for a selector byte.
pub fn index(selector: u8) -> usize {
    usize::from(selector.wrapping_sub(b'a')) % MESSAGES.len()
}

/// Runs `check` for the message `selector` chooses.
pub fn with_message(selector: u8, check: impl Visit) {
    match index(selector) {
        0 => check.visit::<AuthenticationRequest>(),
        1 => check.visit::<AuthenticationSuccessResponse>(),
        2 => check.visit::<AuthenticationErrorResponse>(),
        3 => check.visit::<TokenRequest>(),
        4 => check.visit::<TokenSuccessResponse>(),
        5 => check.visit::<TokenErrorResponse>(),
        6 => check.visit::<UserinfoRequest>(),
        7 => check.visit::<UserinfoSuccessResponse>(),
        8 => check.visit::<UserinfoErrorResponse>(),
        9 => check.visit::<TokenIntrospectionRequest>(),
        10 => check.visit::<TokenIntrospectionSuccessResponse>(),
        11 => check.visit::<RpInitiatedLogoutRequest>(),
        12 => check.visit::<FrontChannelLogoutNotification>(),
        13 => check.visit::<BackChannelLogoutNotification>(),
        14 => check.visit::<BackChannelLogoutToken>(),
        15 => check.visit::<IdToken>(),
        16 => check.visit::<JwtAccessToken>(),
        17 => check.visit::<ProviderMetadata>(),
        18 => check.visit::<StandardClaims>(),
        19 => check.visit::<Address>(),
        20 => check.visit::<ClientMetadata>(),
        21 => check.visit::<ClientRegistrationRequest>(),
        22 => check.visit::<ClientInformationResponse>(),
        23 => check.visit::<ClientUpdateRequest>(),
        24 => check.visit::<ClientRegistrationErrorResponse>(),
        25 => check.visit::<DeviceAuthorizationRequest>(),
        26 => check.visit::<DeviceAuthorizationSuccessResponse>(),
        27 => check.visit::<TokenRevocationRequest>(),
        28 => check.visit::<TokenExchangeSuccessResponse>(),
        29 => check.visit::<BackchannelAuthenticationRequest>(),
        30 => check.visit::<BackchannelAuthenticationSuccessResponse>(),
        31 => check.visit::<BackchannelAuthenticationErrorResponse>(),
        32 => check.visit::<CibaPingNotification>(),
        33 => check.visit::<CibaPushSuccess>(),
        34 => check.visit::<CibaPushError>(),
        35 => check.visit::<JarmResponse>(),
        36 => check.visit::<JarmClaims>(),
        37 => check.visit::<JwtIntrospectionResponse>(),
        38 => check.visit::<TokenIntrospectionErrorResponse>(),
        39 => check.visit::<ClaimsRequest>(),
        40 => check.visit::<Claim>(),
        _ => check.visit::<AuthorizationDetail>(),
    }
}

/// The short type name of `M` (for panic messages).
pub fn name<M>() -> &'static str {
    let full = std::any::type_name::<M>();
    full.rsplit("::").next().unwrap_or(full)
}
