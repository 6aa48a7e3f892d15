//! The generated `Serialize` impl and the map writers it and the field kinds call.

use std::fmt;

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use super::format::{serializer_kind, SerializerKind};
use super::Fields;
use crate::codec::value::ParamValue;
use crate::types::ExtraParams;

/// The generated `Serialize` impl.
pub fn serialize<T: Fields, S: Serializer>(message: &T, serializer: S) -> Result<S::Ok, S::Error> {
    let kind = serializer_kind::<S>();
    let mut map = serializer.serialize_map(None)?;
    message.serialize_fields(&mut map, kind)?;
    map.end()
}

/// The unknown members, except those a declared field writes (see `write_extra`).
pub fn serialize_extra<M: SerializeMap>(
    map: &mut M,
    extra: &ExtraParams,
    kind: SerializerKind,
    written: impl Fn(&str) -> bool,
) -> Result<(), M::Error> {
    extra.serialize_entries(map, kind, written)
}

/// A `json` field: nested in JSON, its JSON text in a form.
pub fn serialize_json_field<M: SerializeMap, T: Serialize>(
    map: &mut M,
    name: &'static str,
    value: &T,
    kind: SerializerKind,
) -> Result<(), M::Error> {
    if kind == SerializerKind::Form {
        let text = serde_json::to_string(value).map_err(serde::ser::Error::custom)?;
        map.serialize_entry(name, &text)
    } else {
        map.serialize_entry(name, value)
    }
}

/// A space-delimited list, serialized as one string.
pub struct SpaceJoined<'a, T>(pub &'a [T]);

impl<T: ParamValue> Serialize for SpaceJoined<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<T: ParamValue> fmt::Display for SpaceJoined<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, item) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            item.with_param(|text| f.write_str(text))?;
        }
        Ok(())
    }
}
