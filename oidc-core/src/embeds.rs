//! [`Embeds`]: a message that carries another one, itself or through
//! `#[oidc(flatten)]`.

/// A message that carries the message `M`: itself, or a field flattened with
/// `#[oidc(flatten)]`. The derive implements it (`Embeds<Self>`, and `Embeds<T>` for
/// every flattened type `T` that does not involve the message's type parameters), so
/// code written for `M` (validation, for example) also takes the vendor messages that
/// embed it, and sees all their parameters.
///
/// ```
/// use oidc_core::messages::IdToken;
/// use oidc_core::{Embeds, ExtraParams, OidcMessage};
///
/// #[derive(OidcMessage, Clone, PartialEq)]
/// struct VendorIdToken {
///     #[oidc(flatten)]
///     standard: IdToken,
///     tid: Option<String>,
///     #[oidc(extra)]
///     extra: ExtraParams,
/// }
///
/// fn issuer<T: Embeds<IdToken>>(token: &T) -> &str {
///     &token.embedded().iss
/// }
///
/// let t = VendorIdToken::from_json(r#"{"iss":"https://op","sub":"u","aud":"c","exp":2,"iat":1,"tid":"t"}"#)?;
/// assert_eq!(issuer(&t), "https://op");
/// assert_eq!(issuer(&t.standard), "https://op");
/// # Ok::<(), oidc_core::Error>(())
/// ```
pub trait Embeds<M> {
    /// The embedded message.
    fn embedded(&self) -> &M;
}
