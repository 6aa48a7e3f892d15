//! Rich Authorization Requests (RFC 9396): `authorization_details`, typed objects
//! carried by authentication, pushed and token requests, token and introspection
//! responses and JWT access tokens.

use crate::{Error, ExtraParams, OidcMessage};

/// One object of an `authorization_details` array (RFC 9396 §2): its `type`
/// (REQUIRED) and the common data fields of §2.2, every other member of the type in
/// `extra`, kept in order and written back unchanged.
///
/// The members a `type` defines beyond the common ones are the API's (§2.1): read one
/// with `detail.extra.get::<T>("name")`, or the whole object as a message of your own
/// that flattens this one ([`to_typed`](Self::to_typed), [`from_typed`](Self::from_typed)):
///
/// ```
/// use oidc_core::messages::AuthorizationDetail;
/// use oidc_core::{ExtraParams, OidcMessage};
///
/// #[derive(OidcMessage, Clone, PartialEq)]
/// struct PaymentInitiation {
///     #[oidc(flatten)]
///     common: AuthorizationDetail,
///     #[oidc(rename = "creditorName")]
///     creditor_name: Option<String>,
///     #[oidc(json, rename = "instructedAmount")]
///     instructed_amount: Option<serde_json::Value>,
///     #[oidc(extra)]
///     extra: ExtraParams,
/// }
///
/// // RFC 9396 §2's example (abridged).
/// let detail = AuthorizationDetail::from_json(r#"{"type":"payment_initiation","actions":["initiate","status","cancel"],
///     "locations":["https://example.com/payments"],"instructedAmount":{"currency":"EUR","amount":"123.50"},
///     "creditorName":"Merchant A"}"#)?;
/// assert_eq!((detail.r#type.as_str(), detail.actions.len()), ("payment_initiation", 3));
/// assert_eq!(detail.extra.get_str("creditorName").as_deref(), Some("Merchant A"));
///
/// let payment: PaymentInitiation = detail.to_typed()?;
/// assert_eq!(payment.creditor_name.as_deref(), Some("Merchant A"));
/// // Back again: the same members (in the typed message's order).
/// let again = AuthorizationDetail::from_typed(&payment)?;
/// let json = |d: &AuthorizationDetail| serde_json::from_str::<serde_json::Value>(&d.to_json()).unwrap();
/// assert_eq!(json(&again), json(&detail));
/// # Ok::<(), oidc_core::Error>(())
/// ```
#[derive(OidcMessage, Clone, PartialEq)]
#[non_exhaustive]
pub struct AuthorizationDetail {
    /// `type` — REQUIRED (§2): the authorization details type, compared byte for byte
    /// (§12). It decides which other members the object may have.
    #[oidc(required)]
    pub r#type: String,
    /// `locations` — OPTIONAL (§2.2): where the resource or resource server is,
    /// typically URIs.
    #[oidc(repeated)]
    pub locations: Vec<String>,
    /// `actions` — OPTIONAL (§2.2): the kinds of actions to be taken at the resource.
    #[oidc(repeated)]
    pub actions: Vec<String>,
    /// `datatypes` — OPTIONAL (§2.2): the kinds of data requested from the resource.
    #[oidc(repeated)]
    pub datatypes: Vec<String>,
    /// `identifier` — OPTIONAL (§2.2): a specific resource available at the API.
    pub identifier: Option<String>,
    /// `privileges` — OPTIONAL (§2.2): the types or levels of privilege requested.
    #[oidc(repeated)]
    pub privileges: Vec<String>,
    /// Every other member of the type (§2.1), with its JSON value.
    #[oidc(extra)]
    pub extra: ExtraParams,
}

impl AuthorizationDetail {
    /// A detail of `type` (REQUIRED, §2) with no other member.
    pub fn new(r#type: impl Into<String>) -> Self {
        AuthorizationDetail {
            r#type: r#type.into(),
            locations: Vec::new(),
            actions: Vec::new(),
            datatypes: Vec::new(),
            identifier: None,
            privileges: Vec::new(),
            extra: ExtraParams::new(),
        }
    }

    /// This object read as `T`, a message of your own for its `type` (which may
    /// flatten `AuthorizationDetail`): `T::from_json` of the object, with `T`'s rules.
    pub fn to_typed<T: OidcMessage>(&self) -> Result<T, Error> {
        T::from_json(&self.to_json())
    }

    /// `detail`, a message of your own for one `type`, as an `AuthorizationDetail`; it
    /// must have a non-empty `type` member.
    pub fn from_typed<T: OidcMessage>(detail: &T) -> Result<Self, Error> {
        Self::from_json(&detail.to_json())
    }
}
