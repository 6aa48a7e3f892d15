//! Helpers the generated code calls. Not a public API and not covered by semver: names
//! and signatures change without notice.
//!
//! The derive implements [`Fields`] (field dispatch, builder, encoders) and names each
//! field's [`FieldKind`]; everything generic over messages lives here, where it is
//! compiled once and unit-tested, one concern per file:
//!
//! | file | concern |
//! |---|---|
//! | `decodable.rs` | what decodes from a form or JSON: messages and response enums |
//! | `fields.rs` | the `Fields` trait (what the derive generates) and what a message does with an offered parameter |
//! | `kinds.rs` | each kind of field (plain, `accept`, `space_delimited`, `json`, `repeated`, `with`, `tolerant`): decode, encode, `Debug` |
//! | `wire_names.rs` | the compile-time table of wire names and the flatten collision check |
//! | `form_decode.rs` | the form decode loop: parameters to fields or `extra` |
//! | `form_encode.rs` | `FormWriter` and form writers |
//! | `json.rs` | the serde visitor shared by `from_json` and `Deserialize`, JSON member readers |
//! | `scalar.rs` | a tolerant member's raw text read again: simple values without a second parse |
//! | `seeds.rs` | `DeserializeSeed`s for member values |
//! | `serialize.rs` | the `Serialize` impl and map writers |
//! | `text.rs` | one parameter's text as a serde format (`with` fields in forms) |
//! | `format.rs` | which wire a serde (de)serializer drives |
//! | `lenient.rs` | `#[oidc(accept(..))]`: `Leniency` and how each scalar reads it |
//! | `lenient_default.rs` | required fields and the lenient decoders' defaults |
//! | `stash.rs` | alias values kept until the end of decoding |
//! | `lookup.rs` | a parameter's value by wire name, wherever the message keeps it |
//! | `response.rs` | success-or-error responses |
//! | `redact.rs` | secrets in `Debug` |

mod decodable;
mod fields;
mod form_decode;
mod form_encode;
mod format;
mod json;
mod kinds;
mod lenient;
mod lenient_default;
mod lookup;
mod redact;
mod response;
mod scalar;
mod seeds;
mod serialize;
mod stash;
mod text;
mod wire_names;

pub use decodable::Decodable;
pub use fields::{Captured, Fields, FormOffer, JsonOffer};
pub use form_decode::decode_form;
pub use form_encode::{write_extra, FormWriter};
pub use format::{serializer_kind, SerializerKind};
pub use json::{deserialize, from_json, json_value, to_json, DeCtx};
pub use kinds::{FieldKind, Json, JsonList, Lenient, Plain, Repeated, SpaceList, With, WithModule};
pub use lenient::{Leniency, LenientValue};
pub use lenient_default::{required, Probe, ViaDefault, WithoutDefault};
pub use lookup::find_param;
pub use redact::{Redacted, RedactedOption};
pub use response::{
    check_response, deserialize_response, response_from_form, response_from_json, response_from_url,
};
pub(crate) use seeds::collect_seq;
pub use seeds::deserialize_string_value;
pub use serialize::{serialize, serialize_extra};
pub use stash::Stash;
pub use text::{TextDeserializer, TextError, TextSerializer};
pub use wire_names::{check_flattened, str_eq, Flattened, Param, WireNames};

pub use crate::jwt::kind::first_token_kind;
pub use crate::jwt::TokenKind;

pub use serde;

/// The reason given for a value that does not fit: hidden for secret parameters, so a
/// decode error never echoes a secret.
pub(crate) fn secret_reason(secret: bool, reason: String) -> String {
    if secret {
        "invalid value (not shown: the parameter is secret)".to_owned()
    } else {
        reason
    }
}
