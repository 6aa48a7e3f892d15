//! The one call from a compact JWT to a trusted token: [`TokenValidation`], implemented
//! by each validation options type for its token kind and any message that embeds it
//! (a vendor ID Token that flattens [`IdToken`]: the derive implements
//! [`Embeds<IdToken>`](crate::Embeds) for it), with every claim of the message in view.

use crate::jwt::{
    from_jwt_with_header, verify_token_hash, JwkSet, JwtError, JwtOptions, VerifiedHeader,
};
use crate::messages::{
    AuthenticationResponse, BackChannelLogoutToken, ClientAssertion, IdToken, JarmClaims,
    JwtAccessToken, JwtIntrospectionResponse, RequestObject, UserinfoSuccessResponse,
};
use crate::{Embeds, OidcMessage};

use super::id_token::validate_id_token;
use super::userinfo::validate_userinfo;
use super::Validates;
use super::{
    AccessTokenValidation, ClientAssertionValidation, IdTokenValidation,
    IntrospectionResponseValidation, JarmValidation, LogoutTokenValidation,
    RequestObjectValidation, TokenError, UserinfoValidation, ValidationError,
};

/// Options that verify a JWT and validate the claims of a token of type `T` in one
/// call ([`verify`](Self::verify)): what [`IdTokenValidation`],
/// [`LogoutTokenValidation`] and [`AccessTokenValidation`] implement for their kind.
/// Implement it for options of your own token kind to give it the same one call.
///
/// The two steps stay available: [`from_jwt_with_header`] (or `T::from_jwt`) verifies
/// and decodes, [`validate`](Self::validate) (or the message's `validate_extern`)
/// checks the claims.
pub trait TokenValidation<T: OidcMessage> {
    /// The JWS rules: the algorithms allowed, the `typ` rule if not the kind's.
    fn jwt_options(&self) -> &JwtOptions;

    /// Checks the claims of `token`, whose signature verified with `header`.
    fn validate(&self, token: &T, header: &VerifiedHeader) -> Result<(), ValidationError>;

    /// Verifies `jwt` with `keys` — the compact form, the header (`alg` allowed, no
    /// `crit`, `T`'s `typ` rule), the key, the signature, the claims decoding as `T`
    /// (see [`crate::jwt`]) — then validates the claims
    /// ([`validate`](Self::validate)), and returns the trusted token.
    fn verify(&self, jwt: &str, keys: &JwkSet) -> Result<T, TokenError> {
        let (token, header) = from_jwt_with_header::<T>(jwt, keys, self.jwt_options())?;
        self.validate(&token, &header)?;
        Ok(token)
    }
}

impl<T: OidcMessage + Embeds<IdToken>> TokenValidation<T> for IdTokenValidation<'_> {
    fn jwt_options(&self) -> &JwtOptions {
        IdTokenValidation::jwt_options(self)
    }

    /// OIDC Core §3.1.3.7 steps 2-5, 9-13, then `at_hash` / `c_hash` with the hash of
    /// `header.alg`.
    fn validate(&self, token: &T, header: &VerifiedHeader) -> Result<(), ValidationError> {
        let alg = header.alg;
        let verify = move |value: &str, claimed: &str| verify_token_hash(alg, value, claimed);
        validate_id_token(token.embedded(), token, self, Some(&verify))
    }
}

impl<T: OidcMessage + Embeds<BackChannelLogoutToken>> TokenValidation<T>
    for LogoutTokenValidation<'_>
{
    fn jwt_options(&self) -> &JwtOptions {
        LogoutTokenValidation::jwt_options(self)
    }

    /// Back-Channel Logout 1.0 §2.6 steps 4-11.
    fn validate(&self, token: &T, _: &VerifiedHeader) -> Result<(), ValidationError> {
        token.embedded().validate_with_claims(token, self)
    }
}

impl<T: OidcMessage + Embeds<JwtAccessToken>> TokenValidation<T> for AccessTokenValidation<'_> {
    fn jwt_options(&self) -> &JwtOptions {
        AccessTokenValidation::jwt_options(self)
    }

    /// RFC 9068 §4 steps 3, 4 and 6.
    fn validate(&self, token: &T, _: &VerifiedHeader) -> Result<(), ValidationError> {
        token.embedded().validate_with_claims(token, self)
    }
}

impl<T: OidcMessage + Embeds<ClientAssertion>> TokenValidation<T>
    for ClientAssertionValidation<'_>
{
    fn jwt_options(&self) -> &JwtOptions {
        ClientAssertionValidation::jwt_options(self)
    }

    /// RFC 7523 §3, OIDC Core §9, draft-ietf-oauth-rfc7523bis §3.
    fn validate(&self, token: &T, _: &VerifiedHeader) -> Result<(), ValidationError> {
        Validates::validate(self, token)
    }
}

impl<T: OidcMessage + Embeds<RequestObject>> TokenValidation<T> for RequestObjectValidation<'_> {
    fn jwt_options(&self) -> &JwtOptions {
        RequestObjectValidation::jwt_options(self)
    }

    /// RFC 9101 §4, §6.3; OIDC Core §6.1.
    fn validate(&self, token: &T, _: &VerifiedHeader) -> Result<(), ValidationError> {
        Validates::validate(self, token)
    }
}

impl<T: OidcMessage + Embeds<JarmClaims>> TokenValidation<T> for JarmValidation<'_> {
    fn jwt_options(&self) -> &JwtOptions {
        JarmValidation::jwt_options(self)
    }

    /// JARM §4.4 steps 2-4.
    fn validate(&self, token: &T, _: &VerifiedHeader) -> Result<(), ValidationError> {
        token.embedded().validate_with_claims(token, self)
    }
}

impl JarmValidation<'_> {
    /// Verifies the `response` JWT with `keys`, validates its claims (JARM §4.4), and
    /// only then reads the authorization response it carries (success or error, with
    /// `iss` as its RFC 9207 issuer); or the first failed check as a [`TokenError`]
    /// (a response that does not decode is a [`TokenErrorKind::Claims`](super::TokenErrorKind::Claims)
    /// error). Check its `state` next, with
    /// [`AuthenticationResponseValidation`](super::AuthenticationResponseValidation).
    /// ([`TokenValidation::verify`] returns the [`JarmClaims`] instead.)
    ///
    /// An encrypted response (a JWE) is refused as malformed: not supported.
    #[cfg_attr(docsrs, doc(cfg(feature = "jwt")))]
    pub fn verify(&self, jwt: &str, keys: &JwkSet) -> Result<AuthenticationResponse, TokenError> {
        let claims: JarmClaims = TokenValidation::verify(self, jwt, keys)?;
        claims
            .authentication_response()
            .map_err(|e| TokenError::Jwt(JwtError::Claims(e)))
    }
}

impl<T: OidcMessage + Embeds<UserinfoSuccessResponse>> TokenValidation<T>
    for UserinfoValidation<'_>
{
    fn jwt_options(&self) -> &JwtOptions {
        UserinfoValidation::jwt_options(self)
    }

    /// OIDC Core §5.3.2, signed: `iss` and `aud` REQUIRED and checked, then `sub`.
    fn validate(&self, token: &T, _: &VerifiedHeader) -> Result<(), ValidationError> {
        validate_userinfo(token.embedded(), token, self, true)
    }
}

impl<T: OidcMessage + Embeds<JwtIntrospectionResponse>> TokenValidation<T>
    for IntrospectionResponseValidation<'_>
{
    fn jwt_options(&self) -> &JwtOptions {
        IntrospectionResponseValidation::jwt_options(self)
    }

    /// RFC 9701 §5: `iss`, `aud`, `iat`.
    fn validate(&self, token: &T, _: &VerifiedHeader) -> Result<(), ValidationError> {
        token.embedded().validate_with_claims(token, self)
    }
}

/// The inherent `verify` of each options type, so that the one call needs no trait
/// import.
macro_rules! inherent_verify {
    ($options:ident, $message:ident, $what:literal) => {
        impl $options<'_> {
            #[doc = concat!("Verifies `jwt` with `keys` and validates its claims: the trusted ", $what, " ")]
            #[doc = concat!("(`", stringify!($message), "`, or a vendor type that embeds it with `#[oidc(flatten)]`: ")]
            #[doc = concat!("`Embeds<", stringify!($message), ">`), or the first failed check as a [`TokenError`] ")]
            /// whose [`kind`](TokenError::kind) says which step failed. The
            /// [module documentation](crate::validation) lists the checks in order.
            /// ([`TokenValidation::verify`]; with a [`KeyCache`](crate::jwt::KeyCache),
            /// pass the keys its `keys_for` returns.)
            #[cfg_attr(docsrs, doc(cfg(feature = "jwt")))]
            pub fn verify<T: OidcMessage + Embeds<$message>>(
                &self,
                jwt: &str,
                keys: &JwkSet,
            ) -> Result<T, TokenError> {
                TokenValidation::<T>::verify(self, jwt, keys)
            }
        }
    };
}

inherent_verify!(IdTokenValidation, IdToken, "ID Token");
inherent_verify!(
    LogoutTokenValidation,
    BackChannelLogoutToken,
    "Logout Token"
);
inherent_verify!(AccessTokenValidation, JwtAccessToken, "JWT access token");
inherent_verify!(
    ClientAssertionValidation,
    ClientAssertion,
    "client assertion"
);
inherent_verify!(RequestObjectValidation, RequestObject, "Request Object");
inherent_verify!(
    UserinfoValidation,
    UserinfoSuccessResponse,
    "signed UserInfo response"
);
inherent_verify!(
    IntrospectionResponseValidation,
    JwtIntrospectionResponse,
    "JWT introspection response"
);
