//! Every OpenID Connect / OAuth 2.0 message, declared with the derive. One file per
//! spec area; each type's documentation gives its spec section, each field its wire
//! name and whether the spec makes it REQUIRED, RECOMMENDED or OPTIONAL.
//!
//! Field lists, names and defaults follow the Python library `simple_openid_connect`
//! (module `data`), plus the parameters its users and real providers need (PKCE, RFC
//! 9207 `iss`, RFC 9068 claims, discovery fields providers publish).

mod access_token;
mod authentication;
mod authorization_details;
mod ciba;
mod claims;
mod claims_request;
mod client_assertion;
mod confirmation;
mod device;
mod discovery;
mod dpop;
mod id_token;
mod introspection;
mod jarm;
mod logout;
mod par;
mod registration;
mod request_object;
mod revocation;
mod token;
mod token_exchange;
mod userinfo;

pub use access_token::JwtAccessToken;
pub use authentication::{
    AuthenticationErrorCode, AuthenticationErrorResponse, AuthenticationRequest,
    AuthenticationResponse, AuthenticationSuccessResponse,
};
pub use authorization_details::AuthorizationDetail;
pub use ciba::{
    BackchannelAuthenticationErrorCode, BackchannelAuthenticationErrorResponse,
    BackchannelAuthenticationRequest, BackchannelAuthenticationResponse,
    BackchannelAuthenticationSuccessResponse, CibaPingNotification, CibaPushError,
    CibaPushNotification, CibaPushSuccess,
};
pub use claims::{Address, StandardClaims};
pub use claims_request::{Claim, ClaimsRequest, IndividualClaims};
pub use client_assertion::{ClientAssertion, JWT_BEARER_ASSERTION_TYPE};
pub use confirmation::Confirmation;
pub use device::{
    DeviceAuthorizationErrorResponse, DeviceAuthorizationRequest, DeviceAuthorizationResponse,
    DeviceAuthorizationSuccessResponse, DevicePolling, DEFAULT_POLLING_INTERVAL,
};
pub use discovery::ProviderMetadata;
pub use dpop::DpopProof;
pub use id_token::IdToken;
pub use introspection::{
    JwtIntrospectionResponse, TokenIntrospectionErrorCode, TokenIntrospectionErrorResponse,
    TokenIntrospectionRequest, TokenIntrospectionResponse, TokenIntrospectionSuccessResponse,
};
pub use jarm::{JarmClaims, JarmResponse};
pub use logout::{
    BackChannelLogoutNotification, BackChannelLogoutToken, FrontChannelLogoutNotification,
    RpInitiatedLogoutRequest, BACKCHANNEL_LOGOUT_EVENT,
};
pub use par::{
    PushedAuthorizationErrorCode, PushedAuthorizationErrorResponse, PushedAuthorizationResponse,
    PushedAuthorizationSuccessResponse,
};
pub use registration::{
    ApplicationType, ClientConfigurationRequest, ClientInformationResponse, ClientMetadata,
    ClientRegistrationErrorCode, ClientRegistrationErrorResponse, ClientRegistrationRequest,
    ClientRegistrationResponse, ClientUpdateRequest, ConfigurationMethod, SubjectType,
    TokenEndpointAuthMethod,
};
pub use request_object::{JarRequest, RequestObject};
pub use revocation::{TokenRevocationErrorResponse, TokenRevocationRequest, TokenTypeHint};
pub use token::{
    GrantType, TokenErrorCode, TokenErrorResponse, TokenRequest, TokenResponse,
    TokenSuccessResponse,
};
pub use token_exchange::{TokenExchangeResponse, TokenExchangeSuccessResponse, TokenType};
pub use userinfo::{
    ResourceAccessErrorCode, UserinfoErrorResponse, UserinfoRequest, UserinfoResponse,
    UserinfoSuccessResponse,
};

/// Error responses are errors: `Display` gives `code: description`, so `?` works.
///
/// Both come from the sender (a forged redirect can carry any text), so they are
/// written as one short line: control, line-separator and bidirectional characters
/// escaped, the code cut after 64 characters and the description after 200 (see
/// `crate::error`). `error_uri` is not printed: a link chosen by the sender has no
/// place in a log line.
macro_rules! error_response {
    ($($name:ident),*) => {$(
        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                let code: &str = self.error.as_ref();
                write!(f, "{}", $crate::error::OneLine::at_most(code, 64))?;
                if let Some(description) = &self.error_description {
                    write!(f, ": {}", $crate::error::OneLine::new(description))?;
                }
                Ok(())
            }
        }

        impl ::std::error::Error for $name {}
    )*};
}

error_response!(
    AuthenticationErrorResponse,
    BackchannelAuthenticationErrorResponse,
    CibaPushError,
    ClientRegistrationErrorResponse,
    PushedAuthorizationErrorResponse,
    TokenErrorResponse,
    TokenIntrospectionErrorResponse,
    UserinfoErrorResponse
);
