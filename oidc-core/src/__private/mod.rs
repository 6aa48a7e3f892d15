//! Helpers the generated code calls. Not a public API and not covered by semver: names
//! and signatures change without notice.
//!
//! The derive implements [`Fields`] (field dispatch, builder, encoders); everything
//! generic over messages lives here, where it is compiled once and unit-tested, one
//! concern per file:
//!
//! | file | concern |
//! |---|---|
//! | `form_decode.rs` | the form decode loop and per-field form decoders |
//! | `form_encode.rs` | `FormWriter` and per-field form writers |
//! | `json.rs` | the serde visitor shared by `from_json` and `Deserialize`, JSON member readers |
//! | `seeds.rs` | `DeserializeSeed`s for member values |
//! | `serialize.rs` | the `Serialize` impl and per-field map writers |
//! | `format.rs` | which wire a serde (de)serializer drives |
//! | `lenient.rs` | `#[oidc(accept(..))]`: `Leniency` and how each scalar reads it |
//! | `lenient_default.rs` | required fields and the lenient decoders' defaults |
//! | `stash.rs` | alias values kept until the end of decoding |
//! | `response.rs` | success-or-error responses |
//! | `redact.rs` | secrets in `Debug` |

use std::borrow::Cow;

use serde::de::MapAccess;
use serde::ser::SerializeMap;

use crate::error::Error;

mod form_decode;
mod form_encode;
mod format;
mod json;
mod lenient;
mod lenient_default;
mod redact;
mod response;
mod seeds;
mod serialize;
mod stash;

pub use form_decode::{
    decode_form, duplicate, form_extra, form_json, form_lenient, form_space_list, form_value,
};
pub use form_encode::{write_extra, write_json, write_space_list, write_value, FormWriter};
pub use format::{serializer_kind, SerializerKind};
pub use json::{deserialize, from_json, json_extra, json_value, to_json, DeCtx};
pub use lenient::{Leniency, LenientValue};
pub use lenient_default::{required, Probe, ViaDefault, WithoutDefault};
pub use redact::{Redacted, RedactedOption};
pub use response::{response_from_form, response_from_json};
pub use seeds::{deserialize_string_value, Lenient, Plain, SpaceList};
pub use serialize::{
    serialize, serialize_extra, serialize_json_field, serialize_value, SpaceJoined,
};
pub use stash::{json_stash, Stash};

pub use crate::jwt::kind::first_token_kind;
pub use crate::jwt::TokenKind;

pub use serde;

/// What the derive generates for each message.
pub trait Fields: Sized {
    /// The message name used in errors.
    const NAME: &'static str;
    /// The kind of token this message is the claims of (`#[oidc(token_kind = ..)]`,
    /// else the first flattened field's kind), or `None` for a message that is no token.
    const TOKEN_KIND: Option<&'static TokenKind> = None;
    /// One `Option` slot per field, filled while decoding.
    type Builder: Default;

    /// Whether `name` is one of this message's parameters (aliases and flattened
    /// messages included): how `Location::Auto` tells a fragment that carries the
    /// message from one that does not (`#_=_`, `#/route`).
    fn declares(name: &str) -> bool {
        let _ = name;
        false
    }

    /// Decodes `key` if it is one of this message's (or a flattened message's) fields;
    /// gives the value back otherwise.
    fn form_field<'v>(
        b: &mut Self::Builder,
        msg: &'static str,
        key: &str,
        value: Cow<'v, str>,
    ) -> Result<Option<Cow<'v, str>>, Error>;

    /// Stores an unknown parameter in the `extra` field (own or flattened); false if
    /// there is none.
    fn form_extra(
        b: &mut Self::Builder,
        msg: &'static str,
        key: &str,
        value: &str,
    ) -> Result<bool, Error>;

    /// Reads the value of `key` from `map` if it is one of this message's fields.
    fn json_field<'de, A: MapAccess<'de>>(
        b: &mut Self::Builder,
        cx: &mut DeCtx,
        key: &str,
        map: &mut A,
    ) -> Result<bool, A::Error>;

    /// Reads an unknown member into the `extra` field (own or flattened); false if none.
    fn json_extra<'de, A: MapAccess<'de>>(
        b: &mut Self::Builder,
        cx: &mut DeCtx,
        key: &str,
        map: &mut A,
    ) -> Result<bool, A::Error>;

    /// Required-field checks and defaults. With `missing`, an absent required field
    /// whose type has a `Default` gets it and its name is pushed instead of failing
    /// (the lenient decoders).
    fn finish(
        b: Self::Builder,
        msg: &'static str,
        missing: Option<&mut Vec<&'static str>>,
    ) -> Result<Self, Error>;

    /// Appends every present parameter to a form body.
    fn write_form(&self, w: &mut FormWriter<'_>);

    /// Writes every present member into a serde map.
    fn serialize_fields<M: SerializeMap>(
        &self,
        map: &mut M,
        kind: SerializerKind,
    ) -> Result<(), M::Error>;
}

/// The reason given for a value that does not fit: hidden for secret parameters, so a
/// decode error never echoes a secret.
pub(crate) fn secret_reason(secret: bool, reason: String) -> String {
    if secret {
        "invalid value (not shown: the parameter is secret)".to_owned()
    } else {
        reason
    }
}
