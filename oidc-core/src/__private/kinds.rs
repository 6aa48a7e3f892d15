//! How each kind of field declaration is decoded and encoded: one [`FieldKind`] per
//! kind (plain, `accept(..)`, `space_delimited`, `json`, `repeated`, `with`).
//!
//! The generated code names the kind of every field and calls only its trait methods
//! (`<Plain<u64> as FieldKind>::form_into(..)`), so (1) every decoding rule is here,
//! compiled once, and (2) a field type that does not fit its kind is a single
//! compile error on the field's type (`Vec<String>: ParamValue` is the one unmet
//! bound of `Plain<Vec<String>>: FieldKind`, the same at every use).

use std::borrow::Cow;
use std::fmt::Debug;
use std::marker::PhantomData;

use serde::de::{DeserializeOwned, DeserializeSeed, Deserializer, MapAccess};
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use super::fields::{FormOffer, JsonOffer};
use super::form_encode::{write_json, write_space_list, write_text, FormWriter};
use super::format::SerializerKind;
use super::json::{json_fit, json_value, DeCtx, Fit};
use super::lenient::{Leniency, LenientValue};
use super::secret_reason;
use super::seeds::{LenientSeed, ListSeed, PlainSeed, SpaceListSeed, WithSeed};
use super::serialize::{serialize_json_field, SpaceJoined};
use super::stash::Stash;
use super::text::{TextDeserializer, TextSerializer};
use crate::codec::value::{split_space_delimited, ParamValue};
use crate::error::Error;

/// How the values of one kind of field travel. `Value` is the field's value type (`T`
/// of `Option<T>`); the provided methods are the steps the generated code calls.
pub trait FieldKind {
    /// The decoded value.
    type Value: Debug;
    /// Reads the value from a JSON member.
    type Seed: for<'de> DeserializeSeed<'de, Value = Self::Value>;

    /// The JSON seed.
    fn seed() -> Self::Seed;

    /// Parses one parameter's text (percent-decoded, non-empty); the error is the reason.
    fn parse(text: Cow<'_, str>) -> Result<Self::Value, String>;

    /// Appends the parameter (or, for `repeated`, the parameters) to a form.
    fn write(w: &mut FormWriter<'_>, encoded_name: &str, value: &Self::Value);

    /// Writes the member (or, into a form serializer, the parameters) into a serde map.
    fn serialize<M: SerializeMap>(
        map: &mut M,
        name: &'static str,
        value: &Self::Value,
        kind: SerializerKind,
    ) -> Result<(), M::Error>;

    /// Whether encoding writes anything for `value` (an empty text or list is not
    /// written: RFC 6749 §3.1, empty means omitted).
    fn is_written(_value: &Self::Value) -> bool {
        true
    }

    /// Whether a decoded value counts as absent (RFC 6749 §3.1 says so of an empty
    /// value): an empty string, a list that held only separators (`scope=+++`,
    /// `"scope": " "`, `"scope": []`).
    fn is_absent(_value: &Self::Value) -> bool {
        false
    }

    /// A form parameter for the field's builder slot; a second one is an error.
    #[inline]
    fn form_into(
        slot: &mut Option<Self::Value>,
        msg: &'static str,
        param: &str,
        value: Cow<'_, str>,
        secret: bool,
    ) -> Result<(), Error> {
        if slot.is_some() {
            return Err(Error::duplicate(msg, param));
        }
        let value =
            Self::parse(value).map_err(|r| Error::invalid(msg, param, secret_reason(secret, r)))?;
        if !Self::is_absent(&value) {
            *slot = Some(value);
        }
        Ok(())
    }

    /// A JSON member for the field's builder slot; `null` is absent, a second member
    /// is an error.
    #[inline]
    fn json_into<'de, A: MapAccess<'de>>(
        slot: &mut Option<Self::Value>,
        cx: &mut DeCtx,
        map: &mut A,
        param: &str,
        secret: bool,
    ) -> Result<(), A::Error> {
        if slot.is_some() {
            let e = Error::duplicate(cx.msg, param);
            return Err(cx.fail(e));
        }
        *slot = json_value(cx, map, param, Self::seed(), secret)?.filter(|v| !Self::is_absent(v));
        Ok(())
    }

    /// `tolerant`: like [`form_into`](Self::form_into), but a value that does not fit
    /// leaves the field `None` (slot `Some(None)`, so a repeat is still caught) and is
    /// handed back with the problem, to be kept in `extra`.
    fn form_tolerant<'v>(
        slot: &mut Option<Option<Self::Value>>,
        msg: &'static str,
        param: &str,
        value: Cow<'v, str>,
        secret: bool,
    ) -> Result<FormOffer<'v>, Error> {
        if slot.is_some() {
            return Err(Error::duplicate(msg, param));
        }
        match Self::parse(Cow::Borrowed(&value)) {
            Ok(v) => {
                if !Self::is_absent(&v) {
                    *slot = Some(Some(v));
                }
                Ok(FormOffer::Taken)
            }
            Err(reason) => {
                *slot = Some(None);
                let problem = Error::invalid(msg, param, secret_reason(secret, reason));
                Ok(FormOffer::Misfit(value, Box::new(problem)))
            }
        }
    }

    /// `tolerant`: like [`json_into`](Self::json_into), but a value that does not fit
    /// is handed back as received (see [`form_tolerant`](Self::form_tolerant)).
    fn json_tolerant<'de, A: MapAccess<'de>>(
        slot: &mut Option<Option<Self::Value>>,
        cx: &mut DeCtx,
        map: &mut A,
        param: &str,
        secret: bool,
    ) -> Result<JsonOffer<'de>, A::Error> {
        if slot.is_some() {
            let e = Error::duplicate(cx.msg, param);
            return Err(cx.fail(e));
        }
        match json_fit(cx, map, param, Self::seed(), secret)? {
            Fit::Absent => {}
            Fit::Value(v) if Self::is_absent(&v) => {}
            Fit::Value(v) => *slot = Some(Some(v)),
            Fit::Misfit(captured, problem) => {
                *slot = Some(None);
                return Ok(JsonOffer::Misfit(captured, Box::new(problem)));
            }
        }
        Ok(JsonOffer::Taken)
    }

    /// The value of an alias parameter kept until the end of decoding (`None` when it
    /// counts as absent).
    fn from_stash(
        stash: Stash,
        msg: &'static str,
        param: &str,
        secret: bool,
    ) -> Result<Option<Self::Value>, Error> {
        let value = match stash {
            Stash::Text(text) => Self::parse(Cow::Owned(text))
                .map_err(|r| Error::invalid(msg, param, secret_reason(secret, r))),
            Stash::Json(value) => Self::seed()
                .deserialize(value)
                .map_err(|e| Error::invalid(msg, param, secret_reason(secret, e.to_string()))),
        }?;
        Ok(Some(value).filter(|v| !Self::is_absent(v)))
    }

    /// Writes a present, non-empty value.
    #[inline]
    fn write_value(w: &mut FormWriter<'_>, encoded_name: &str, value: &Self::Value) {
        if Self::is_written(value) {
            Self::write(w, encoded_name, value);
        }
    }

    /// Writes an `Option` field's value, if any.
    #[inline]
    fn write_option(w: &mut FormWriter<'_>, encoded_name: &str, value: &Option<Self::Value>) {
        if let Some(value) = value {
            Self::write_value(w, encoded_name, value);
        }
    }

    /// Serializes a present, non-empty value.
    #[inline]
    fn serialize_value<M: SerializeMap>(
        map: &mut M,
        name: &'static str,
        value: &Self::Value,
        kind: SerializerKind,
    ) -> Result<(), M::Error> {
        if Self::is_written(value) {
            Self::serialize(map, name, value, kind)?;
        }
        Ok(())
    }

    /// Serializes an `Option` field's value, if any.
    #[inline]
    fn serialize_option<M: SerializeMap>(
        map: &mut M,
        name: &'static str,
        value: &Option<Self::Value>,
        kind: SerializerKind,
    ) -> Result<(), M::Error> {
        match value {
            Some(value) => Self::serialize_value(map, name, value, kind),
            None => Ok(()),
        }
    }

    /// Whether an `Option` field writes anything.
    #[inline]
    fn option_written(value: &Option<Self::Value>) -> bool {
        value.as_ref().is_some_and(Self::is_written)
    }

    /// The field for `Debug`.
    fn debug_value(value: &Self::Value) -> &dyn Debug {
        value
    }

    /// An `Option` field for `Debug`.
    fn debug_option(value: &Option<Self::Value>) -> &dyn Debug {
        value
    }
}

/// A value through [`ParamValue`] in forms and its own serde impls in JSON.
pub struct Plain<T>(PhantomData<T>);

impl<T: ParamValue> FieldKind for Plain<T> {
    type Value = T;
    type Seed = PlainSeed<T>;

    fn seed() -> PlainSeed<T> {
        PlainSeed::new()
    }

    #[inline]
    fn parse(text: Cow<'_, str>) -> Result<T, String> {
        T::from_param(text)
    }

    #[inline]
    fn write(w: &mut FormWriter<'_>, encoded_name: &str, value: &T) {
        value.with_param(|text| write_text(w, encoded_name, text))
    }

    #[inline]
    fn serialize<M: SerializeMap>(
        map: &mut M,
        name: &'static str,
        value: &T,
        kind: SerializerKind,
    ) -> Result<(), M::Error> {
        // In a form serializer a value is its parameter text, so serde_urlencoded
        // writes exactly what `to_form` writes.
        if kind == SerializerKind::Form {
            value.with_param(|text| map.serialize_entry(name, text))
        } else {
            map.serialize_entry(name, value)
        }
    }

    #[inline]
    fn is_written(value: &T) -> bool {
        !value.is_empty_param()
    }

    #[inline]
    fn is_absent(value: &T) -> bool {
        value.is_empty_param()
    }
}

/// `accept(..)`: a scalar that also takes the declared real-provider deviations
/// (`FLAGS` is [`Leniency::to_bits`]).
pub struct Lenient<T, const FLAGS: u8>(PhantomData<T>);

impl<T: LenientValue, const FLAGS: u8> FieldKind for Lenient<T, FLAGS> {
    type Value = T;
    type Seed = LenientSeed<T>;

    fn seed() -> LenientSeed<T> {
        LenientSeed::new(Leniency::from_bits(FLAGS))
    }

    fn parse(text: Cow<'_, str>) -> Result<T, String> {
        match T::from_lenient_str(&text, Leniency::from_bits(FLAGS)) {
            Some(value) => Ok(value),
            None => T::from_param(text),
        }
    }

    fn write(w: &mut FormWriter<'_>, encoded_name: &str, value: &T) {
        Plain::<T>::write(w, encoded_name, value)
    }

    fn serialize<M: SerializeMap>(
        map: &mut M,
        name: &'static str,
        value: &T,
        kind: SerializerKind,
    ) -> Result<(), M::Error> {
        Plain::<T>::serialize(map, name, value, kind)
    }

    fn is_written(value: &T) -> bool {
        Plain::<T>::is_written(value)
    }

    fn is_absent(value: &T) -> bool {
        Plain::<T>::is_absent(value)
    }
}

/// `space_delimited`: a list carried as one space-separated string; with `ARRAY`
/// (`accept(array)`) a JSON array of strings is accepted too.
pub struct SpaceList<T, const ARRAY: bool>(PhantomData<T>);

impl<T: ParamValue, const ARRAY: bool> FieldKind for SpaceList<T, ARRAY> {
    type Value = Vec<T>;
    type Seed = SpaceListSeed<T>;

    fn seed() -> SpaceListSeed<T> {
        SpaceListSeed::new(ARRAY)
    }

    fn parse(text: Cow<'_, str>) -> Result<Vec<T>, String> {
        split_space_delimited(&text)
    }

    fn write(w: &mut FormWriter<'_>, encoded_name: &str, value: &Vec<T>) {
        write_space_list(w, encoded_name, value)
    }

    fn serialize<M: SerializeMap>(
        map: &mut M,
        name: &'static str,
        value: &Vec<T>,
        _kind: SerializerKind,
    ) -> Result<(), M::Error> {
        map.serialize_entry(name, &SpaceJoined(value))
    }

    fn is_written(value: &Vec<T>) -> bool {
        !value.is_empty()
    }

    fn is_absent(value: &Vec<T>) -> bool {
        value.is_empty()
    }
}

/// `json`: a JSON document, nested in JSON, its JSON text in one form parameter.
pub struct Json<T>(PhantomData<T>);

impl<T: Serialize + DeserializeOwned + Debug> FieldKind for Json<T> {
    type Value = T;
    type Seed = PlainSeed<T>;

    fn seed() -> PlainSeed<T> {
        PlainSeed::new()
    }

    fn parse(text: Cow<'_, str>) -> Result<T, String> {
        serde_json::from_str(&text).map_err(|e| format!("expected a JSON document: {e}"))
    }

    fn write(w: &mut FormWriter<'_>, encoded_name: &str, value: &T) {
        write_json(w, encoded_name, value)
    }

    fn serialize<M: SerializeMap>(
        map: &mut M,
        name: &'static str,
        value: &T,
        kind: SerializerKind,
    ) -> Result<(), M::Error> {
        serialize_json_field(map, name, value, kind)
    }
}

/// `json` on a `Vec<T>`: like [`Json`], a JSON array read into a vector allocated once
/// at its final length (the derive picks this kind for `json` fields typed `Vec<..>`).
pub struct JsonList<T>(PhantomData<T>);

impl<T: Serialize + DeserializeOwned + Debug> FieldKind for JsonList<T> {
    type Value = Vec<T>;
    type Seed = ListSeed<T>;

    fn seed() -> ListSeed<T> {
        ListSeed::new()
    }

    fn parse(text: Cow<'_, str>) -> Result<Vec<T>, String> {
        Json::<Vec<T>>::parse(text)
    }

    fn write(w: &mut FormWriter<'_>, encoded_name: &str, value: &Vec<T>) {
        Json::<Vec<T>>::write(w, encoded_name, value)
    }

    fn serialize<M: SerializeMap>(
        map: &mut M,
        name: &'static str,
        value: &Vec<T>,
        kind: SerializerKind,
    ) -> Result<(), M::Error> {
        Json::<Vec<T>>::serialize(map, name, value, kind)
    }
}

/// `repeated`: a list carried as the same parameter once per item in forms and URLs
/// (RFC 8707 §2 `resource`), as an array in JSON; absent means empty. Only this kind
/// accepts a repeated form parameter.
pub struct Repeated<T>(PhantomData<T>);

impl<T: ParamValue> FieldKind for Repeated<T> {
    type Value = Vec<T>;
    type Seed = ListSeed<T>;

    fn seed() -> ListSeed<T> {
        ListSeed::new()
    }

    fn parse(text: Cow<'_, str>) -> Result<Vec<T>, String> {
        T::from_param(text).map(|item| vec![item])
    }

    /// Each occurrence adds an item.
    #[inline]
    fn form_into(
        slot: &mut Option<Vec<T>>,
        msg: &'static str,
        param: &str,
        value: Cow<'_, str>,
        secret: bool,
    ) -> Result<(), Error> {
        let item = T::from_param(value)
            .map_err(|r| Error::invalid(msg, param, secret_reason(secret, r)))?;
        slot.get_or_insert_with(Vec::new).push(item);
        Ok(())
    }

    fn write(w: &mut FormWriter<'_>, encoded_name: &str, value: &Vec<T>) {
        for item in value {
            Plain::<T>::write_value(w, encoded_name, item);
        }
    }

    fn serialize<M: SerializeMap>(
        map: &mut M,
        name: &'static str,
        value: &Vec<T>,
        kind: SerializerKind,
    ) -> Result<(), M::Error> {
        if kind == SerializerKind::Form {
            for item in value {
                Plain::<T>::serialize_value(map, name, item, kind)?;
            }
            Ok(())
        } else {
            map.serialize_entry(name, value)
        }
    }

    fn is_written(value: &Vec<T>) -> bool {
        !value.is_empty()
    }
}

/// The functions of a `#[oidc(with = "module")]` module, as serde's `with` expects
/// them: `serialize(&T, S)` and `deserialize(D) -> T`. The derive implements it for a
/// private type per field by calling the module.
pub trait WithModule<T> {
    /// `module::serialize`.
    fn serialize<S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error>;
    /// `module::deserialize`.
    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error>;
}

/// `with = "module"`: a foreign type through a serde `with` module. In forms the
/// module reads and writes the parameter text (a string, number or bool); a value it
/// serializes as anything else is not written to a form.
pub struct With<T, M>(PhantomData<(T, M)>);

impl<T: Debug, M: WithModule<T>> FieldKind for With<T, M> {
    type Value = T;
    type Seed = WithSeed<T, M>;

    fn seed() -> WithSeed<T, M> {
        WithSeed::new()
    }

    fn parse(text: Cow<'_, str>) -> Result<T, String> {
        M::deserialize(TextDeserializer::new(&text)).map_err(|e| e.to_string())
    }

    fn write(w: &mut FormWriter<'_>, encoded_name: &str, value: &T) {
        if let Ok(text) = M::serialize(value, TextSerializer) {
            write_text(w, encoded_name, &text);
        }
    }

    fn serialize<M2: SerializeMap>(
        map: &mut M2,
        name: &'static str,
        value: &T,
        kind: SerializerKind,
    ) -> Result<(), M2::Error> {
        if kind == SerializerKind::Form {
            match M::serialize(value, TextSerializer) {
                Ok(text) if !text.is_empty() => map.serialize_entry(name, &text),
                _ => Ok(()),
            }
        } else {
            map.serialize_entry(name, &WithSer::<T, M>(value, PhantomData))
        }
    }
}

/// A `with` value serialized through its module.
struct WithSer<'a, T, M>(&'a T, PhantomData<M>);

impl<T, M: WithModule<T>> Serialize for WithSer<'_, T, M> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        M::serialize(self.0, serializer)
    }
}
