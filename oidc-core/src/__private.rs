//! Helpers the generated code calls. Not a public API: names and signatures change
//! without notice.
//!
//! The derive implements [`Fields`] (field dispatch, builder, encoders); everything
//! generic over messages — the form loop, the serde visitor, error bookkeeping, value
//! seeds — lives here, where it is compiled once and unit-tested.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess,
    Visitor,
};
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use serde_json::value::RawValue;

use crate::codec::form::{encode_into, parse_pairs};
use crate::codec::value::{split_space_delimited, Leniency, LenientValue, ParamValue};
use crate::error::{Error, ErrorKind};
use crate::types::ExtraParams;

pub use serde;

/// What the derive generates for each message.
pub trait Fields: Sized {
    /// The message name used in errors.
    const NAME: &'static str;
    /// One `Option` slot per field, filled while decoding.
    type Builder: Default;

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

// ---------------------------------------------------------------------------
// Forms

/// Decodes a form body into `T`; see [`Fields::finish`] for `missing`.
pub fn decode_form<T: Fields>(
    body: &str,
    missing: Option<&mut Vec<&'static str>>,
) -> Result<T, Error> {
    let mut b = T::Builder::default();
    parse_pairs(T::NAME, body, |key, value| {
        form_pair::<T>(&mut b, T::NAME, &key, value)
    })?;
    T::finish(b, T::NAME, missing)
}

/// A required field's value: present, or (lenient decoding) its type's default, or an error.
#[inline]
pub fn required<T>(
    slot: Option<T>,
    msg: &'static str,
    param: &'static str,
    missing: Option<&mut Vec<&'static str>>,
    default: impl FnOnce() -> Option<T>,
) -> Result<T, Error> {
    match (slot, missing) {
        (Some(value), _) => Ok(value),
        (None, Some(list)) => match default() {
            Some(value) => {
                list.push(param);
                Ok(value)
            }
            None => Err(Error::missing(msg, param)),
        },
        (None, None) => Err(Error::missing(msg, param)),
    }
}

/// Picks `T::default()` when `T: Default` (autoref specialization: the generated code
/// calls `(&&Probe::<T>::new()).lenient_default()` with both traits in scope, on a
/// concrete type).
pub struct Probe<T>(PhantomData<T>);

impl<T> Probe<T> {
    pub fn new() -> Self {
        Probe(PhantomData)
    }
}

impl<T> Default for Probe<T> {
    fn default() -> Self {
        Probe::new()
    }
}

pub trait ViaDefault<T> {
    fn lenient_default(&self) -> Option<T>;
}

impl<T: Default> ViaDefault<T> for &Probe<T> {
    fn lenient_default(&self) -> Option<T> {
        Some(T::default())
    }
}

pub trait WithoutDefault<T> {
    fn lenient_default(&self) -> Option<T>;
}

impl<T> WithoutDefault<T> for Probe<T> {
    fn lenient_default(&self) -> Option<T> {
        None
    }
}

fn form_pair<T: Fields>(
    b: &mut T::Builder,
    msg: &'static str,
    key: &str,
    value: Cow<'_, str>,
) -> Result<(), Error> {
    // RFC 6749 §3.1: parameters sent without a value are treated as omitted.
    if value.is_empty() {
        return Ok(());
    }
    if let Some(value) = T::form_field(b, msg, key, value)? {
        // Unknown parameters without an `extra` field are ignored (RFC 6749 §3.1).
        T::form_extra(b, msg, key, &value)?;
    }
    Ok(())
}

/// Writes form pairs after `start` (so a URL prefix before it is left alone).
pub struct FormWriter<'a> {
    out: &'a mut String,
    start: usize,
}

impl<'a> FormWriter<'a> {
    pub fn new(out: &'a mut String) -> Self {
        let start = out.len();
        FormWriter { out, start }
    }

    pub fn new_at(out: &'a mut String, start: usize) -> Self {
        FormWriter { out, start }
    }

    /// Starts a pair: `&` if needed, then the already-encoded name and `=`.
    #[inline]
    pub fn key(&mut self, encoded_name: &str) -> &mut String {
        if self.out.len() > self.start {
            self.out.push('&');
        }
        self.out.push_str(encoded_name);
        self.out.push('=');
        self.out
    }

    /// A pair with a name that still needs encoding.
    pub fn pair(&mut self, name: &str, value: &str) {
        if self.out.len() > self.start {
            self.out.push('&');
        }
        encode_into(self.out, name);
        self.out.push('=');
        encode_into(self.out, value);
    }
}

fn reason(secret: bool, reason: String) -> String {
    if secret {
        "invalid value (not shown: the parameter is secret)".to_owned()
    } else {
        reason
    }
}

pub fn form_value<T: ParamValue>(
    msg: &'static str,
    param: &str,
    value: Cow<'_, str>,
    secret: bool,
) -> Result<T, Error> {
    T::from_param(value).map_err(|r| Error::invalid(msg, param, reason(secret, r)))
}

pub fn form_lenient<T: ParamValue + LenientValue>(
    msg: &'static str,
    param: &str,
    value: Cow<'_, str>,
    leniency: Leniency,
    secret: bool,
) -> Result<T, Error> {
    if let Some(v) = T::from_lenient_str(&value, leniency) {
        return Ok(v);
    }
    form_value(msg, param, value, secret)
}

pub fn form_space_list<T: ParamValue>(
    msg: &'static str,
    param: &str,
    value: Cow<'_, str>,
    secret: bool,
) -> Result<Vec<T>, Error> {
    split_space_delimited(&value).map_err(|r| Error::invalid(msg, param, reason(secret, r)))
}

pub fn form_json<T: DeserializeOwned>(
    msg: &'static str,
    param: &str,
    value: Cow<'_, str>,
    secret: bool,
) -> Result<T, Error> {
    serde_json::from_str(&value).map_err(|e| {
        Error::invalid(
            msg,
            param,
            reason(secret, format!("expected a JSON document: {e}")),
        )
    })
}

pub fn form_extra(
    extra: &mut ExtraParams,
    msg: &'static str,
    key: &str,
    value: &str,
) -> Result<(), Error> {
    extra.push_new(msg, key, value, false)
}

pub fn duplicate(msg: &'static str, param: &str) -> Error {
    Error::duplicate(msg, param)
}

#[inline]
pub fn write_value<T: ParamValue>(w: &mut FormWriter<'_>, encoded_name: &str, value: &T) {
    value.with_param(|text| {
        if !text.is_empty() {
            encode_into(w.key(encoded_name), text);
        }
    })
}

pub fn write_space_list<T: ParamValue>(w: &mut FormWriter<'_>, encoded_name: &str, items: &[T]) {
    if items.is_empty() {
        return;
    }
    let out = w.key(encoded_name);
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push('+');
        }
        item.with_param(|text| encode_into(out, text));
    }
}

pub fn write_json<T: Serialize + ?Sized>(w: &mut FormWriter<'_>, encoded_name: &str, value: &T) {
    if let Ok(json) = serde_json::to_string(value) {
        encode_into(w.key(encoded_name), &json);
    }
}

pub fn write_extra(w: &mut FormWriter<'_>, extra: &ExtraParams) {
    for (name, value) in extra.iter() {
        let text = value.to_text();
        if !text.is_empty() {
            w.pair(name, &text);
        }
    }
}

/// A success-or-error response: `success` is the document decoded as the success
/// message (tried first, so a success response is read in one pass). It stands unless it
/// caught a non-empty `error` member as unknown; when it failed, `has_error` probes the
/// document and, if there is an `error`, the error message is decoded, else the success
/// message's error is the answer. `Ok(Err(..))` is an error response.
pub fn decode_response<S, E>(
    success: Result<S, Error>,
    extra_of: impl FnOnce(&S) -> &ExtraParams,
    has_error: impl FnOnce() -> Result<bool, Error>,
    error: impl FnOnce() -> Result<E, Error>,
) -> Result<Result<S, E>, Error> {
    match success {
        Ok(success) if !extra_has_error(extra_of(&success)) => Ok(Ok(success)),
        Ok(_) => error().map(Err),
        Err(_) if has_error()? => error().map(Err),
        Err(success_error) => Err(success_error),
    }
}

/// Whether a decoded success message caught a non-empty, non-null `error` member as an
/// unknown one (then the document is an error response after all).
fn extra_has_error(extra: &ExtraParams) -> bool {
    match extra.value("error") {
        None => false,
        Some(crate::ExtraValue::Text(text)) => !text.is_empty(),
        Some(crate::ExtraValue::Json(json)) => json != "null" && json != "\"\"",
    }
}

/// Whether a form body has a non-empty parameter `name` (how response enums tell an
/// error response from a success response).
pub fn form_has_param(message: &'static str, body: &str, name: &str) -> Result<bool, Error> {
    let mut found = false;
    parse_pairs(message, body, |key, value| {
        found |= key == name && !value.is_empty();
        Ok(())
    })?;
    Ok(found)
}

/// Whether a JSON object has a non-null, non-empty member `name`. Values are skipped
/// without being built.
pub fn json_has_member(message: &'static str, json: &str, name: &str) -> Result<bool, Error> {
    struct Probe<'n>(&'n str);
    impl<'de> Visitor<'de> for Probe<'_> {
        type Value = bool;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a JSON object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
            let mut found = false;
            while let Some(key) = map.next_key_seed(TextSeed)? {
                if key == self.0 {
                    let value: Option<serde_json::Value> = map.next_value()?;
                    found |= match value {
                        None => false,
                        Some(serde_json::Value::String(s)) => !s.is_empty(),
                        Some(_) => true,
                    };
                } else {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            Ok(found)
        }
    }
    let json = json.strip_prefix('\u{feff}').unwrap_or(json);
    serde_json::Deserializer::from_str(json)
        .deserialize_map(Probe(name))
        .map_err(|e| Error::new(message, ErrorKind::Json(e.to_string())))
}

// ---------------------------------------------------------------------------
// JSON and serde

/// How a decode is running, and where a structured error is kept while serde unwinds.
pub struct DeCtx {
    pub msg: &'static str,
    mode: DeMode,
    error: Option<Error>,
    missing: Option<Vec<&'static str>>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum DeMode {
    /// `from_json`: serde_json over a `&str`, so unknown members can be borrowed raw.
    NativeJson,
    /// Some other self-describing deserializer (serde_json via axum, ...).
    Json,
    /// A form deserializer (serde_urlencoded): every value is text, decoded like `from_form`.
    Form,
}

impl DeCtx {
    /// Keeps `err` for the caller and turns it into the deserializer's error type.
    pub fn fail<E: de::Error>(&mut self, err: Error) -> E {
        let e = E::custom(&err);
        if self.error.is_none() {
            self.error = Some(err);
        }
        e
    }
}

/// Reads one member value with `seed`; `null` counts as absent.
#[inline]
pub fn json_value<'de, A: MapAccess<'de>, S: DeserializeSeed<'de>>(
    cx: &mut DeCtx,
    map: &mut A,
    param: &str,
    seed: S,
    secret: bool,
) -> Result<Option<S::Value>, A::Error> {
    match map.next_value_seed(Nullable(seed)) {
        Ok(v) => Ok(v),
        Err(e) => {
            let err = Error::invalid(cx.msg, param, reason(secret, e.to_string()));
            Err(cx.fail(err))
        }
    }
}

/// Reads an unknown member into `extra`, raw when decoding from a `&str`.
pub fn json_extra<'de, A: MapAccess<'de>>(
    cx: &mut DeCtx,
    map: &mut A,
    extra: &mut ExtraParams,
    key: &str,
) -> Result<(), A::Error> {
    let pushed = if cx.mode == DeMode::NativeJson {
        let raw: &'de RawValue = map.next_value()?;
        extra.push_new(cx.msg, key, raw.get(), true)
    } else {
        match map.next_value::<serde_json::Value>()? {
            serde_json::Value::String(s) => extra.push_new(cx.msg, key, &s, false),
            other => extra.push_new(cx.msg, key, &other.to_string(), true),
        }
    };
    pushed.map_err(|e| cx.fail(e))
}

/// The serde visitor shared by every message.
struct MessageVisitor<'c, T> {
    cx: &'c mut DeCtx,
    _message: PhantomData<T>,
}

impl<'de, T: Fields> Visitor<'de> for MessageVisitor<'_, T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a JSON object with the members of {}", T::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let cx = self.cx;
        let mut b = T::Builder::default();
        while let Some(key) = map.next_key_seed(TextSeed)? {
            if cx.mode == DeMode::Form {
                let value = map.next_value_seed(TextSeed)?;
                form_pair::<T>(&mut b, cx.msg, &key, value).map_err(|e| cx.fail(e))?;
            } else if !T::json_field(&mut b, cx, &key, &mut map)?
                && !T::json_extra(&mut b, cx, &key, &mut map)?
            {
                map.next_value::<IgnoredAny>()?;
            }
        }
        let missing = cx.missing.as_mut();
        T::finish(b, cx.msg, missing).map_err(|e| cx.fail(e))
    }
}

/// `OidcMessage::from_json`; with `lenient`, also the absent required members that
/// were given their default.
pub fn from_json<T: Fields>(json: &str, lenient: bool) -> Result<(T, Vec<&'static str>), Error> {
    let json = json.strip_prefix('\u{feff}').unwrap_or(json);
    let mut cx = DeCtx {
        msg: T::NAME,
        mode: DeMode::NativeJson,
        error: None,
        missing: lenient.then(Vec::new),
    };
    let mut de = serde_json::Deserializer::from_str(json);
    let visitor = MessageVisitor::<T> {
        cx: &mut cx,
        _message: PhantomData,
    };
    let result = de
        .deserialize_map(visitor)
        .and_then(|v| de.end().map(|()| v));
    match result {
        Ok(message) => Ok((message, cx.missing.unwrap_or_default())),
        Err(e) => Err(cx
            .error
            .take()
            .unwrap_or_else(|| Error::new(T::NAME, ErrorKind::Json(e.to_string())))),
    }
}

/// `OidcMessage::to_json`.
pub fn to_json<T: Fields>(message: &T) -> String {
    struct AsJson<'a, T>(&'a T);
    impl<T: Fields> Serialize for AsJson<'_, T> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut map = serializer.serialize_map(None)?;
            self.0.serialize_fields(&mut map, SerializerKind::Json)?;
            map.end()
        }
    }
    // Our own field types cannot fail to serialize; a user type whose Serialize impl
    // fails leaves its member out rather than panicking.
    serde_json::to_string(&AsJson(message)).unwrap_or_else(|_| String::from("{}"))
}

/// The generated `Deserialize` impl: JSON shape for self-describing formats, `from_form`
/// rules for form deserializers (axum `Form`/`Query`, serde_urlencoded).
pub fn deserialize<'de, T: Fields, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    let mode = if is_form_format(std::any::type_name::<D>()) {
        DeMode::Form
    } else {
        DeMode::Json
    };
    let mut cx = DeCtx {
        msg: T::NAME,
        mode,
        error: None,
        missing: None,
    };
    deserializer.deserialize_map(MessageVisitor::<T> {
        cx: &mut cx,
        _message: PhantomData,
    })
}

/// The generated `Serialize` impl.
pub fn serialize<T: Fields, S: Serializer>(message: &T, serializer: S) -> Result<S::Ok, S::Error> {
    let kind = serializer_kind::<S>();
    let mut map = serializer.serialize_map(None)?;
    message.serialize_fields(&mut map, kind)?;
    map.end()
}

/// Which wire a serializer writes. serde gives no way to ask, and a `json` field is a
/// nested value in JSON but one text parameter in a form, so the serializer's type name
/// decides; unknown serializers get the JSON shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SerializerKind {
    /// serde_json writing text: JSON shape, raw unknown members verbatim.
    Json,
    /// serde_urlencoded and friends: `json` fields and JSON extras as text.
    Form,
    /// Anything else (serde_json::Value, other formats): JSON shape.
    Other,
}

pub fn serializer_kind<S>() -> SerializerKind {
    let name = std::any::type_name::<S>();
    if name.contains("serde_json::ser::Serializer") {
        SerializerKind::Json
    } else if is_form_format(name) {
        SerializerKind::Form
    } else {
        SerializerKind::Other
    }
}

fn is_form_format(type_name: &str) -> bool {
    type_name.contains("serde_urlencoded")
        || type_name.contains("serde_html_form")
        || type_name.contains("serde_qs")
}

pub fn serialize_extra<M: SerializeMap>(
    map: &mut M,
    extra: &ExtraParams,
    kind: SerializerKind,
) -> Result<(), M::Error> {
    extra.serialize_entries(map, kind)
}

/// A plain field: its own `Serialize` in JSON, its parameter text in a form (so
/// serde_urlencoded writes exactly what `to_form` writes).
#[inline]
pub fn serialize_value<M: SerializeMap, T: Serialize + ParamValue>(
    map: &mut M,
    name: &'static str,
    value: &T,
    kind: SerializerKind,
) -> Result<(), M::Error> {
    if kind == SerializerKind::Form {
        value.with_param(|text| {
            if text.is_empty() {
                Ok(())
            } else {
                map.serialize_entry(name, text)
            }
        })
    } else {
        map.serialize_entry(name, value)
    }
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

/// Deserializes a string-valued type (see `string_enum!`) without allocating for
/// borrowed input.
pub fn deserialize_string_value<'de, T, D>(deserializer: D) -> Result<T, D::Error>
where
    T: for<'a> From<&'a str> + From<String>,
    D: Deserializer<'de>,
{
    struct StringValue<T>(PhantomData<T>);
    impl<'de, T: for<'a> From<&'a str> + From<String>> Visitor<'de> for StringValue<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
            Ok(T::from(v))
        }
        fn visit_string<E: de::Error>(self, v: String) -> Result<T, E> {
            Ok(T::from(v))
        }
    }
    deserializer.deserialize_str(StringValue(PhantomData))
}

// ---------------------------------------------------------------------------
// Seeds

/// Map keys and form values as text, borrowed when the input allows.
struct TextSeed;

impl<'de> DeserializeSeed<'de> for TextSeed {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(TextSeed)
    }
}

impl<'de> Visitor<'de> for TextSeed {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v))
    }
}

/// `null` as `None`, anything else through the inner seed.
struct Nullable<S>(S);

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Nullable<S> {
    type Value = Option<S::Value>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_option(self)
    }
}

impl<'de, S: DeserializeSeed<'de>> Visitor<'de> for Nullable<S> {
    type Value = Option<S::Value>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a value or null")
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        self.0.deserialize(deserializer).map(Some)
    }
}

/// A value through its own `Deserialize` impl (strict).
pub struct Plain<T>(PhantomData<T>);

impl<T> Plain<T> {
    pub fn new() -> Self {
        Plain(PhantomData)
    }
}

impl<T> Default for Plain<T> {
    fn default() -> Self {
        Plain::new()
    }
}

impl<'de, T: de::Deserialize<'de>> DeserializeSeed<'de> for Plain<T> {
    type Value = T;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        T::deserialize(deserializer)
    }
}

/// A scalar with the leniencies of `#[oidc(accept(..))]`.
pub struct Lenient<T> {
    leniency: Leniency,
    _t: PhantomData<T>,
}

impl<T> Lenient<T> {
    pub fn new(leniency: Leniency) -> Self {
        Lenient {
            leniency,
            _t: PhantomData,
        }
    }
}

impl<'de, T: LenientValue> DeserializeSeed<'de> for Lenient<T> {
    type Value = T;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, T: LenientValue> Visitor<'de> for Lenient<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(T::EXPECTING)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
        T::from_u64(v).ok_or_else(|| E::invalid_value(de::Unexpected::Unsigned(v), &self))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
        T::from_i64(v).ok_or_else(|| E::invalid_value(de::Unexpected::Signed(v), &self))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<T, E> {
        T::from_f64(v).ok_or_else(|| E::invalid_value(de::Unexpected::Float(v), &self))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<T, E> {
        T::from_bool(v).ok_or_else(|| E::invalid_type(de::Unexpected::Bool(v), &self))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        T::from_lenient_str(v, self.leniency)
            .ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
    }
}

/// A space-delimited list in JSON: one string, or (with `accept(array)`) an array.
pub struct SpaceList<T> {
    accept_array: bool,
    _t: PhantomData<T>,
}

impl<T> SpaceList<T> {
    pub fn new(accept_array: bool) -> Self {
        SpaceList {
            accept_array,
            _t: PhantomData,
        }
    }
}

impl<'de, T: ParamValue> DeserializeSeed<'de> for SpaceList<T> {
    type Value = Vec<T>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Vec<T>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, T: ParamValue> Visitor<'de> for SpaceList<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        if self.accept_array {
            f.write_str("a space-delimited string or an array of strings")
        } else {
            f.write_str("a space-delimited string")
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Vec<T>, E> {
        split_space_delimited(v).map_err(E::custom)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        if !self.accept_array {
            return Err(de::Error::invalid_type(de::Unexpected::Seq, &self));
        }
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(4).min(64));
        while let Some(text) = seq.next_element_seed(TextSeed)? {
            items.push(T::from_param(text).map_err(de::Error::custom)?);
        }
        Ok(items)
    }
}

// ---------------------------------------------------------------------------
// Alias stash

/// The value of an alias parameter, kept until the end of decoding: it is used only
/// when the canonical parameter is absent, else it is kept as an unknown parameter.
pub enum Stash {
    Text(String),
    Json(serde_json::Value),
}

impl Stash {
    pub fn decode<T, S: DeserializeSeed<'static, Value = T>>(
        self,
        msg: &'static str,
        param: &str,
        form: impl FnOnce(Cow<'_, str>) -> Result<T, Error>,
        seed: S,
    ) -> Result<T, Error> {
        match self {
            Stash::Text(text) => form(Cow::Owned(text)),
            Stash::Json(value) => seed
                .deserialize(value)
                .map_err(|e| Error::invalid(msg, param, e.to_string())),
        }
    }

    pub fn keep(self, extra: &mut ExtraParams, msg: &'static str, name: &str) -> Result<(), Error> {
        match self {
            Stash::Text(text) => extra.push_new(msg, name, &text, false),
            Stash::Json(value) => extra.push_new(msg, name, &value.to_string(), true),
        }
    }
}

/// Reads an alias member into a stash.
pub fn json_stash<'de, A: MapAccess<'de>>(
    cx: &mut DeCtx,
    map: &mut A,
    param: &str,
) -> Result<Option<Stash>, A::Error> {
    match map.next_value::<serde_json::Value>() {
        Ok(serde_json::Value::Null) => Ok(None),
        Ok(value) => Ok(Some(Stash::Json(value))),
        Err(e) => Err(cx.fail(Error::invalid(cx.msg, param, e.to_string()))),
    }
}

// ---------------------------------------------------------------------------
// Debug

/// Printed in place of a `#[oidc(secret)]` value.
pub struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// A `#[oidc(secret)]` `Option`: shows whether it is set, not what it is.
pub struct RedactedOption(pub bool);

impl fmt::Debug for RedactedOption {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 {
            f.write_str("Some(<redacted>)")
        } else {
            f.write_str("None")
        }
    }
}
