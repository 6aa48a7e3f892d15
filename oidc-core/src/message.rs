//! The [`OidcMessage`] trait: the codecs every derived message gets.

use crate::__private::{self, Fields, FormWriter};
use crate::codec;
use crate::error::Error;

/// Where the parameters of a redirect are (OAuth 2.0 Multiple Response Type Encoding
/// Practices §2.1: `response_mode` `query` or `fragment`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Location {
    /// The query component (`?code=..`), the default for the code flow.
    Query,
    /// The fragment component (`#id_token=..`), the default for implicit and hybrid flows.
    Fragment,
    /// The fragment when it carries the message (one of its parameter names, or
    /// `error`), else the query; an error then says which component was read. So
    /// fragments that apps and providers add for themselves (`#_=_`, `#/callback`,
    /// `#section`) do not hide a query response. See [`codec::url::parameters`].
    #[default]
    Auto,
}

/// A message with form, URL and JSON codecs; implement it with
/// [`#[derive(OidcMessage)]`](macro@crate::OidcMessage), whose documentation lists the
/// attributes. ([`Fields`](crate::Fields) is the code the derive generates.)
///
/// The codecs follow the same wire rules: WHATWG form encoding, a repeated parameter
/// is an error (except a `repeated` field's), an empty value means "omitted" (RFC 6749
/// §3.1), unknown parameters go to the `#[oidc(extra)]` field and come back out on
/// encode, `None` and default-valued fields are not written.
///
/// ```
/// use oidc_core::{Location, OidcMessage};
///
/// #[derive(OidcMessage, Clone, PartialEq)]
/// struct Callback {
///     #[oidc(required, secret)]
///     code: String,
///     state: Option<String>,
/// }
///
/// let cb = Callback::from_url("https://rp.example/cb?code=Splx%2FlOB&state=af0ifjsldkj", Location::Auto)?;
/// assert_eq!(cb.code, "Splx/lOB");
/// assert_eq!(cb.to_form(), "code=Splx%2FlOB&state=af0ifjsldkj");
/// assert_eq!(cb.to_json(), r#"{"code":"Splx/lOB","state":"af0ifjsldkj"}"#);
/// assert_eq!(Callback::from_json(&cb.to_json())?, cb);
/// assert_eq!(format!("{cb:?}"), r#"Callback { code: <redacted>, state: Some("af0ifjsldkj") }"#);
/// # Ok::<(), oidc_core::Error>(())
/// ```
pub trait OidcMessage: Fields {
    /// The `application/x-www-form-urlencoded` body (WHATWG encoding, space as `+`).
    fn to_form(&self) -> String {
        let mut out = String::with_capacity(128);
        self.write_form(&mut FormWriter::new(&mut out));
        out
    }

    /// Decodes a form body (`+` and `%20` are spaces).
    fn from_form(body: &str) -> Result<Self, Error> {
        __private::decode_form(body, None)
    }

    /// `base` with this message's parameters added to its query. The base's path and
    /// existing query parameters are kept (RFC 6749 §3.1); a base that is not an
    /// absolute URL, that has a fragment, control or invisible characters, or one of
    /// the [`codec::url::REFUSED_SCHEMES`] (`javascript:`, `data:`, `file:`, ...) is an
    /// error (see [`codec::url::check_base`]).
    fn to_url(&self, base: &str) -> Result<String, Error> {
        codec::url::build(Self::NAME, base, 256, |out, start| {
            self.write_form(&mut FormWriter::new_at(out, start))
        })
    }

    /// Decodes the parameters found at `location` in a redirect URL (absolute, origin
    /// form `/cb?..`, or a bare query / fragment; ASCII tabs and newlines are ignored as
    /// browsers do; see [`codec::url::parameters`]).
    fn from_url(url: &str, location: Location) -> Result<Self, Error> {
        codec::url::decode_url(url, location, Self::declares, |params| {
            __private::decode_form(params, None)
        })
    }

    /// The JSON object: lists and nested values as JSON, unknown members as received.
    fn to_json(&self) -> String {
        __private::to_json(self)
    }

    /// Decodes a JSON object. A leading UTF-8 byte-order mark is skipped (.NET-hosted
    /// providers send one); anything else that is not a JSON object is an error.
    fn from_json(json: &str) -> Result<Self, Error> {
        __private::from_json(json, false).map(|(message, _)| message)
    }

    /// Like [`from_json`](Self::from_json), but a REQUIRED member that is absent does
    /// not fail the decode when its type has a `Default`: the field gets that default
    /// and its wire name is returned, so the caller decides what the gap means. For real
    /// documents that omit REQUIRED members (a discovery document without
    /// `jwks_uri`, a vendor JWT access token without `jti`). Every other rule still
    /// applies.
    ///
    /// ```
    /// use oidc_core::OidcMessage;
    ///
    /// #[derive(OidcMessage, Clone, PartialEq)]
    /// struct Doc {
    ///     #[oidc(required)]
    ///     issuer: String,
    ///     #[oidc(required)]
    ///     jwks_uri: String,
    /// }
    ///
    /// let (doc, missing) = Doc::from_json_lenient(r#"{"issuer":"https://op"}"#)?;
    /// assert_eq!(missing, ["jwks_uri"]);
    /// assert_eq!(doc.jwks_uri, "");
    /// assert!(Doc::from_json(r#"{"issuer":"https://op"}"#).is_err());
    /// # Ok::<(), oidc_core::Error>(())
    /// ```
    fn from_json_lenient(json: &str) -> Result<(Self, Vec<&'static str>), Error> {
        __private::from_json(json, true)
    }

    /// Verifies a compact JWS (RFC 7515) with `keys` under `options`, then decodes its
    /// claims with this message's JSON rules. The message's token kind
    /// ([`crate::jwt::TokenKind`], from `#[oidc(token_kind = ..)]` or its first
    /// flattened message) sets the `typ` header rule unless `options` set one. See
    /// [`crate::jwt`] for key selection and what is rejected.
    /// (Feature `jwt`.)
    #[cfg(feature = "jwt")]
    #[cfg_attr(docsrs, doc(cfg(feature = "jwt")))]
    fn from_jwt(
        token: &str,
        keys: &crate::jwt::JwkSet,
        options: &crate::jwt::JwtOptions,
    ) -> Result<Self, crate::jwt::JwtError>
    where
        Self: OidcMessage,
    {
        crate::jwt::decode::<Self>(token, keys, options)
    }

    /// The value of the parameter (claim) `name` as JSON, wherever the message keeps
    /// it: a field, a flattened message's field, or `extra`; `None` when absent. It is
    /// what [`to_json`](Self::to_json) writes for that member.
    ///
    /// ```
    /// use oidc_core::messages::IdToken;
    /// use oidc_core::{ExtraParams, OidcMessage};
    ///
    /// #[derive(OidcMessage, Clone, PartialEq)]
    /// struct EntraIdToken {
    ///     #[oidc(flatten)]
    ///     standard: IdToken,
    ///     tid: Option<String>,
    ///     #[oidc(extra)]
    ///     extra: ExtraParams,
    /// }
    ///
    /// let t = EntraIdToken::from_json(r#"{"iss":"i","sub":"s","aud":"a","exp":2,"iat":1,"tid":"t","ver":"2.0"}"#)?;
    /// assert_eq!(t.param("tid"), Some(serde_json::json!("t")));
    /// assert_eq!(t.param("iss"), Some(serde_json::json!("i")));
    /// assert_eq!(t.param("ver"), Some(serde_json::json!("2.0")));
    /// assert_eq!(t.param("nonce"), None);
    /// # Ok::<(), oidc_core::Error>(())
    /// ```
    fn param(&self, name: &str) -> Option<serde_json::Value> {
        __private::find_param(self, name)
    }

    /// Validates this (already signature-checked) message against `checks`: an
    /// [`IdToken`](crate::messages::IdToken) with
    /// [`IdTokenValidation`](crate::validation::IdTokenValidation), and likewise for
    /// access and logout tokens, or any message that embeds one with
    /// `#[oidc(flatten)]` (a vendor token). The checks see every claim of the message,
    /// so an issuer template filled from `tid` works whether `tid` is a declared field
    /// of the vendor token or an unknown claim.
    fn validate_extern<C>(&self, checks: &C) -> Result<(), crate::validation::ValidationError>
    where
        C: crate::validation::Validates<Self>,
    {
        checks.validate(self)
    }

    /// Signs this message as a JWT with `key` (RFC 7519; compact JWS, RFC 7515 §7.1):
    /// its JSON is the claims; the header has the key's `alg` and `kid` and the `typ`
    /// of the message's token kind ([`crate::jwt::TypRule::written`]: `at+jwt` for
    /// access tokens, `logout+jwt`, `JWT` for ID Tokens, ...; none for a message
    /// without a kind). `from_jwt` with the key's
    /// [`verifying_keys`](crate::jwt::SigningKey::verifying_keys) reads it back.
    /// (Feature `jwt`.)
    ///
    /// ```
    /// use oidc_core::jwt::{Algorithm, JwtOptions, SigningKey};
    /// use oidc_core::messages::BackChannelLogoutToken;
    /// use oidc_core::OidcMessage;
    ///
    /// let key = SigningKey::generate(Algorithm::ES256)?.with_kid("op-1");
    /// let token = BackChannelLogoutToken::from_json(r#"{"iss":"https://op.example","aud":"rp","iat":1700000000,
    ///     "jti":"j1","sid":"s1","events":{"http://schemas.openid.net/event/backchannel-logout":{}}}"#)?;
    /// let jwt = token.to_jwt(&key)?;
    /// assert_eq!(BackChannelLogoutToken::from_jwt(&jwt, &key.verifying_keys(), &JwtOptions::default())?, token);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[cfg(feature = "jwt")]
    #[cfg_attr(docsrs, doc(cfg(feature = "jwt")))]
    fn to_jwt(&self, key: &crate::jwt::SigningKey) -> Result<String, crate::jwt::JwtError> {
        crate::jwt::encode(self, key)
    }

    /// The form counterpart of [`from_json_lenient`](Self::from_json_lenient).
    fn from_form_lenient(body: &str) -> Result<(Self, Vec<&'static str>), Error> {
        let mut missing = Vec::new();
        let message = __private::decode_form(body, Some(&mut missing))?;
        Ok((message, missing))
    }
}
