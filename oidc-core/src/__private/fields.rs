//! The contract between the derive and the runtime: the [`Fields`] trait every derived
//! message implements, and what a message answers when it is offered a parameter.

use std::borrow::Cow;
use std::fmt;

use serde::de::MapAccess;
use serde::ser::SerializeMap;

use super::form_encode::FormWriter;
use super::format::SerializerKind;
use super::json::DeCtx;
use super::wire_names::WireNames;
use crate::error::Error;
use crate::jwt::TokenKind;
use crate::types::ExtraParams;

/// The code `#[derive(OidcMessage)]` generates for a message: field dispatch, the
/// builder that collects values while decoding, and the encoders. Every codec of
/// [`OidcMessage`](crate::OidcMessage) is written once, generically, on top of it.
///
/// Do not implement it by hand: its items are hidden and change without notice.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a message: `#[oidc(flatten)]` embeds a type that has `#[derive(OidcMessage)]`",
    label = "derive `OidcMessage` on `{Self}` to flatten it"
)]
pub trait Fields: Sized {
    /// The message name used in errors.
    #[doc(hidden)]
    const NAME: &'static str;
    /// Every wire name the message reads, including its flattened messages'.
    #[doc(hidden)]
    const WIRE: WireNames;
    /// The kind of token this message is the claims of (`#[oidc(token_kind = ..)]`,
    /// else the first flattened field's kind), or `None` for a message that is no token.
    #[doc(hidden)]
    const TOKEN_KIND: Option<&'static TokenKind> = None;
    /// Compile-time checks that need the flattened messages' tables (wire-name
    /// collisions across `flatten`); evaluated where the message is defined, or, for a
    /// generic message, where it is used.
    #[doc(hidden)]
    const CHECKED: () = ();
    /// One slot per field, filled while decoding.
    #[doc(hidden)]
    type Builder: Default;

    /// Whether `name` is one of this message's parameters (aliases and flattened
    /// messages included): how `Location::Auto` tells a fragment that carries the
    /// message from one that does not (`#_=_`, `#/route`). Read from [`Fields::WIRE`].
    #[doc(hidden)]
    fn declares(name: &str) -> bool {
        Self::WIRE.contains(name)
    }

    /// Offers a form parameter: taken by a field (own or flattened), or handed back.
    #[doc(hidden)]
    fn form_field<'v>(
        b: &mut Self::Builder,
        msg: &'static str,
        key: &str,
        value: Cow<'v, str>,
    ) -> Result<FormOffer<'v>, Error>;

    /// Offers a JSON member; an unknown member's value is left in `map`.
    #[doc(hidden)]
    fn json_field<'de, A: MapAccess<'de>>(
        b: &mut Self::Builder,
        cx: &mut DeCtx,
        key: &str,
        map: &mut A,
    ) -> Result<JsonOffer<'de>, A::Error>;

    /// Where unknown parameters go: the message's own `extra` field, else the first
    /// flattened message's (so in a nest, the outermost `extra` collects them); `None`
    /// when there is no `extra` anywhere (they are then ignored).
    #[doc(hidden)]
    fn extra_slot(b: &mut Self::Builder) -> Option<&mut ExtraParams>;

    /// Required-field checks, defaults and aliases. With `missing`, an absent required
    /// field whose type has a `Default` gets it and its name is pushed instead of
    /// failing (the lenient decoders). `sink` is the enclosing message's `extra_slot`
    /// (an alias next to its main name is kept there).
    #[doc(hidden)]
    fn finish(
        b: Self::Builder,
        msg: &'static str,
        missing: Option<&mut Vec<&'static str>>,
        sink: Option<&mut ExtraParams>,
    ) -> Result<Self, Error>;

    /// Appends every present parameter to a form body.
    #[doc(hidden)]
    fn write_form(&self, w: &mut FormWriter<'_>);

    /// Writes every present member into a serde map.
    #[doc(hidden)]
    fn serialize_fields<M: SerializeMap>(
        &self,
        map: &mut M,
        kind: SerializerKind,
    ) -> Result<(), M::Error>;

    /// Whether a declared field (own or flattened) writes the parameter `name`; an
    /// `extra` entry of that name is then not written again.
    #[doc(hidden)]
    fn writes(&self, name: &str) -> bool;

    /// The `extra` field that collected this message's unknown parameters (see
    /// [`Fields::extra_slot`]).
    #[doc(hidden)]
    fn extra(&self) -> Option<&ExtraParams>;

    /// The message for an enclosing message's `Debug` (a message has `Debug`: the
    /// derived one, or the user's with `no_debug`).
    #[doc(hidden)]
    fn as_debug(&self) -> &dyn fmt::Debug;
}

/// What a message did with a form parameter.
pub enum FormOffer<'v> {
    /// A field took it.
    Taken,
    /// No field has this name: the value goes to `extra`.
    Unknown(Cow<'v, str>),
    /// A `tolerant` field has this name but the value does not fit: the field stays
    /// `None`, the value goes to `extra` with the problem.
    Misfit(Cow<'v, str>, Box<Error>),
}

/// What a message did with a JSON member.
pub enum JsonOffer<'de> {
    /// A field read it.
    Taken,
    /// No field has this name; the value is still in the map.
    Unknown,
    /// A `tolerant` field read it but the value does not fit (see [`FormOffer::Misfit`]).
    Misfit(Captured<'de>, Box<Error>),
}

/// A member value kept as received: JSON text (verbatim from `from_json`), or plain
/// text.
pub struct Captured<'de> {
    pub(crate) text: Cow<'de, str>,
    pub(crate) json: bool,
}

impl<'de> Captured<'de> {
    pub(crate) fn json(text: Cow<'de, str>) -> Self {
        Captured { text, json: true }
    }

    /// A `serde_json::Value` read by a non-`from_json` deserializer: strings as text,
    /// the rest as JSON text (as unknown members are kept).
    pub(crate) fn from_value(value: &serde_json::Value) -> Self {
        match value {
            serde_json::Value::String(s) => Captured {
                text: Cow::Owned(s.clone()),
                json: false,
            },
            other => Captured {
                text: Cow::Owned(other.to_string()),
                json: true,
            },
        }
    }
}
