//! The `claims` request parameter (OpenID Connect Core 1.0 §5.5): which claims a
//! relying party asks for, in the ID Token and from the UserInfo endpoint.

use std::fmt;

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::quoted;
use crate::{ExtraParams, OidcMessage};

/// The `claims` request parameter (OIDC Core 1.0 §5.5): a JSON object whose members
/// `userinfo` and `id_token` list the [individual claims](IndividualClaims) requested
/// for each place. In an authentication request it travels as one parameter holding its
/// JSON text; in a Request Object, nested.
///
/// Other members "not understood MUST be ignored" (§5.5): they are kept in `extra`,
/// and written back out.
///
/// ```
/// use oidc_core::messages::{Claim, ClaimsRequest};
/// use oidc_core::OidcMessage;
///
/// // OIDC Core §5.5's example, in part.
/// let claims = ClaimsRequest::new()
///     .userinfo("given_name", Claim::essential())
///     .userinfo("email", None)
///     .id_token("auth_time", Claim::essential())
///     .id_token("acr", Claim::values(["urn:mace:incommon:iap:silver"]));
/// assert_eq!(
///     claims.to_json(),
///     r#"{"userinfo":{"given_name":{"essential":true},"email":null},"id_token":{"auth_time":{"essential":true},"acr":{"values":["urn:mace:incommon:iap:silver"]}}}"#
/// );
/// assert!(claims.id_token.as_ref().unwrap().get("auth_time").unwrap().unwrap().is_essential());
/// # Ok::<(), oidc_core::Error>(())
/// ```
#[derive(OidcMessage, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct ClaimsRequest {
    /// `userinfo` — OPTIONAL (§5.5): the claims to return from the UserInfo endpoint.
    #[oidc(json)]
    pub userinfo: Option<IndividualClaims>,
    /// `id_token` — OPTIONAL (§5.5): the claims to return in the ID Token.
    #[oidc(json)]
    pub id_token: Option<IndividualClaims>,
    /// Any other member (§5.5: not understood, so ignored; e.g. OpenID Connect for
    /// Identity Assurance's `verified_claims` requests sit inside the two above).
    #[oidc(extra)]
    pub extra: ExtraParams,
}

impl ClaimsRequest {
    /// The empty request, to chain [`id_token`](Self::id_token) /
    /// [`userinfo`](Self::userinfo) calls on (the same as `Default`).
    pub fn new() -> Self {
        Self::default()
    }

    /// Asks for the claim `name` in the ID Token: `Claim::essential()`, a
    /// [`Claim`] with `value` / `values`, or `None` for "in the default manner"
    /// (`null`, §5.5.1). Asking again for the same claim replaces the earlier request.
    pub fn id_token(mut self, name: impl Into<String>, claim: impl Into<Option<Claim>>) -> Self {
        self.id_token
            .get_or_insert_with(IndividualClaims::default)
            .insert(name, claim);
        self
    }

    /// Asks for the claim `name` from the UserInfo endpoint; see
    /// [`id_token`](Self::id_token).
    pub fn userinfo(mut self, name: impl Into<String>, claim: impl Into<Option<Claim>>) -> Self {
        self.userinfo
            .get_or_insert_with(IndividualClaims::default)
            .insert(name, claim);
        self
    }
}

/// One requested claim (OIDC Core 1.0 §5.5.1): `null` (a [`None`] in
/// [`IndividualClaims`]) asks for it "in the default manner", an object says more.
/// Members "not understood MUST be ignored": they are kept in `extra`.
#[derive(OidcMessage, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct Claim {
    /// `essential` — OPTIONAL (§5.5.1): whether the claim is an Essential Claim
    /// (default false). §5.5.1.1: an essential `acr` makes the OP use one of the
    /// requested values or fail.
    pub essential: Option<bool>,
    /// `value` — OPTIONAL (§5.5.1): the claim should have this value (`sub` MUST,
    /// §5.5.1: "If the sub (subject) Claim is requested with a specific value for the
    /// ID Token, the OP MUST only send a positive response if that End-User is logged
    /// in").
    pub value: Option<serde_json::Value>,
    /// `values` — OPTIONAL (§5.5.1): the claim should have one of these values, in
    /// order of preference.
    #[oidc(json)]
    pub values: Option<Vec<serde_json::Value>>,
    /// Any other member (§5.5.1: not understood, so ignored).
    #[oidc(extra)]
    pub extra: ExtraParams,
}

impl Claim {
    /// `{"essential": true}`.
    pub fn essential() -> Self {
        Self::default().and_essential()
    }

    /// `{"value": value}`.
    pub fn value(value: impl Into<serde_json::Value>) -> Self {
        Claim {
            value: Some(value.into()),
            ..Self::default()
        }
    }

    /// `{"values": [values..]}`, by preference.
    pub fn values<V: Into<serde_json::Value>>(values: impl IntoIterator<Item = V>) -> Self {
        Claim {
            values: Some(values.into_iter().map(Into::into).collect()),
            ..Self::default()
        }
    }

    /// The same request, essential: `Claim::values([..]).and_essential()`.
    pub fn and_essential(mut self) -> Self {
        self.essential = Some(true);
        self
    }

    /// Whether `essential` is `true` (absent is false, §5.5.1).
    pub fn is_essential(&self) -> bool {
        self.essential == Some(true)
    }
}

/// The individual claim requests of one member of a [`ClaimsRequest`]
/// (OIDC Core 1.0 §5.5.1): claim names, in order, each with `null` ([`None`]: "in the
/// default manner") or a [`Claim`]. A claim named twice is refused, as a parameter
/// named twice is (the JSON object would be ambiguous); a value that is neither
/// `null` nor an object is refused.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct IndividualClaims {
    entries: Vec<(String, Option<Claim>)>,
}

impl IndividualClaims {
    /// Asks for `name` (`None`: in the default manner); replaces an earlier request
    /// for the same name, keeping its place.
    pub fn insert(&mut self, name: impl Into<String>, claim: impl Into<Option<Claim>>) {
        let (name, claim) = (name.into(), claim.into());
        match self.entries.iter_mut().find(|(n, _)| *n == name) {
            Some(entry) => entry.1 = claim,
            None => self.entries.push((name, claim)),
        }
    }

    /// The request for `name`: `None` if it is not requested, `Some(None)` if it is
    /// requested in the default manner (`null`), `Some(Some(claim))` otherwise.
    pub fn get(&self, name: &str) -> Option<Option<&Claim>> {
        self.entries
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, claim)| claim.as_ref())
    }

    /// Whether `name` is requested (in any manner).
    pub fn contains(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// The requests, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, Option<&Claim>)> {
        self.entries.iter().map(|(n, c)| (n.as_str(), c.as_ref()))
    }

    /// The names of the Essential Claims, in order.
    pub fn essential(&self) -> impl Iterator<Item = &str> {
        self.iter()
            .filter(|(_, claim)| claim.is_some_and(Claim::is_essential))
            .map(|(name, _)| name)
    }

    /// How many claims are requested.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no claim is requested.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl Serialize for IndividualClaims {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.entries.len()))?;
        for (name, claim) in &self.entries {
            map.serialize_entry(name, claim)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for IndividualClaims {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Entries;

        impl<'de> Visitor<'de> for Entries {
            type Value = IndividualClaims;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of claim requests (OIDC Core §5.5.1)")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries: Vec<(String, Option<Claim>)> = Vec::new();
                // Names seen so far: a hash set keeps a long list linear.
                let mut seen = std::collections::HashSet::new();
                while let Some(name) = map.next_key::<String>()? {
                    if !seen.insert(name.clone()) {
                        return Err(serde::de::Error::custom(format_args!(
                            "claim {} requested twice",
                            quoted(&name)
                        )));
                    }
                    let claim = map.next_value::<Option<Claim>>()?;
                    entries.push((name, claim));
                }
                Ok(IndividualClaims { entries })
            }
        }

        deserializer.deserialize_map(Entries)
    }
}
