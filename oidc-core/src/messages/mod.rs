//! Every OpenID Connect / OAuth 2.0 message, declared with the derive. One file per
//! spec area; each type's documentation gives its spec section, each field its wire
//! name and whether the spec makes it REQUIRED, RECOMMENDED or OPTIONAL.
//!
//! Field lists, names and defaults follow the Python library `simple_openid_connect`
//! (module `data`), plus the parameters its users and real providers need (PKCE, RFC
//! 9207 `iss`, RFC 9068 claims, discovery fields providers publish).

mod access_token;
mod authentication;
mod claims;
mod discovery;
mod id_token;
mod introspection;
mod logout;
mod token;
mod userinfo;

pub use access_token::JwtAccessToken;
pub use authentication::{
    AuthenticationErrorCode, AuthenticationErrorResponse, AuthenticationRequest,
    AuthenticationResponse, AuthenticationSuccessResponse,
};
pub use claims::{Address, StandardClaims};
pub use discovery::ProviderMetadata;
pub use id_token::IdToken;
pub use introspection::{
    TokenIntrospectionErrorResponse, TokenIntrospectionRequest, TokenIntrospectionResponse,
    TokenIntrospectionSuccessResponse,
};
pub use logout::{
    BackChannelLogoutNotification, BackChannelLogoutToken, FrontChannelLogoutNotification,
    RpInitiatedLogoutRequest, BACKCHANNEL_LOGOUT_EVENT,
};
pub use token::{
    GrantType, TokenErrorCode, TokenErrorResponse, TokenRequest, TokenResponse,
    TokenSuccessResponse,
};
pub use userinfo::{
    UserinfoErrorResponse, UserinfoRequest, UserinfoResponse, UserinfoSuccessResponse,
};

/// A response that is either a success or an error message, told apart by the presence
/// of the `error` parameter (RFC 6749 §4.1.2.1, §5.2).
macro_rules! response_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident { success: $success:ty, error: $error:ty $(,)? }
    ) => {
        $(#[$meta])*
        // Both variants are plain messages; boxing one would add an allocation per
        // response for no gain.
        #[allow(clippy::large_enum_variant)]
        #[derive(Debug, Clone, PartialEq)]
        pub enum $name {
            /// The success response.
            Success($success),
            /// The error response (it has an `error` parameter).
            Error($error),
        }

        impl $name {
            /// Decodes a JSON response body.
            ///
            /// The success message is tried first, so a success response is read in one
            /// pass; otherwise the error message is read in one more pass, which also
            /// tells whether the document has an `error` member at all (see
            /// `__private::response`).
            pub fn from_json(json: &str) -> ::core::result::Result<Self, $crate::Error> {
                $crate::__private::response_from_json::<$success, $error>(stringify!($name), json, |success| &success.extra)
                    .map(Self::from_decoded)
            }

            /// Decodes a form-encoded response (e.g. a `form_post` body, or GitHub's
            /// form-encoded token responses). Success first, as for JSON.
            pub fn from_form(body: &str) -> ::core::result::Result<Self, $crate::Error> {
                $crate::__private::response_from_form::<$success, $error>(stringify!($name), body, |success| &success.extra)
                    .map(Self::from_decoded)
            }

            fn from_decoded(decoded: ::core::result::Result<$success, $error>) -> Self {
                match decoded {
                    Ok(success) => $name::Success(success),
                    Err(error) => $name::Error(error),
                }
            }

            /// Decodes the parameters at `location` of a redirect URL. `Location::Auto`
            /// reads the fragment when it carries either message (or `error`).
            pub fn from_url(url: &str, location: $crate::Location) -> ::core::result::Result<Self, $crate::Error> {
                $crate::codec::url::decode_url(
                    url,
                    location,
                    |name| {
                        <$success as $crate::__private::Fields>::declares(name)
                            || <$error as $crate::__private::Fields>::declares(name)
                    },
                    Self::from_form,
                )
            }

            /// True for `Success`.
            pub fn is_success(&self) -> bool {
                matches!(self, $name::Success(_))
            }

            /// `Ok(success)` or `Err(error response)`.
            #[allow(clippy::result_large_err)]
            pub fn into_result(self) -> ::core::result::Result<$success, $error> {
                match self {
                    $name::Success(success) => Ok(success),
                    $name::Error(error) => Err(error),
                }
            }

            /// The message as JSON.
            pub fn to_json(&self) -> String {
                match self {
                    $name::Success(m) => $crate::OidcMessage::to_json(m),
                    $name::Error(m) => $crate::OidcMessage::to_json(m),
                }
            }

            /// The message as a form body.
            pub fn to_form(&self) -> String {
                match self {
                    $name::Success(m) => $crate::OidcMessage::to_form(m),
                    $name::Error(m) => $crate::OidcMessage::to_form(m),
                }
            }
        }

        impl ::core::convert::From<$success> for $name {
            fn from(success: $success) -> Self {
                $name::Success(success)
            }
        }

        impl ::core::convert::From<$error> for $name {
            fn from(error: $error) -> Self {
                $name::Error(error)
            }
        }
    };
}

pub(crate) use response_enum;

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
    TokenErrorResponse,
    UserinfoErrorResponse
);
