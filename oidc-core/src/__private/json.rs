//! The serde visitor shared by `from_json` and the generated `Deserialize` impl, and
//! the JSON member readers the field kinds (`kinds.rs`) and the visitor call.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use serde_json::value::RawValue;

use super::fields::{Captured, Fields, JsonOffer};
use super::form_decode::form_pair;
use super::format::{is_form_format, is_serde_json_format, SerializerKind};
use super::scalar::RawScalar;
use super::secret_reason;
use super::seeds::{Nullable, TextSeed};
use crate::cost::{count, Cost};
use crate::error::{Error, ErrorKind};
use crate::types::ExtraParams;

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
    /// The generated `Deserialize` driven by serde_json (`from_str`, `from_slice`,
    /// `from_reader`: axum's `Json`; `from_value`, from what the `Value` already
    /// holds): unknown members and tolerant
    /// values are read as owned raw JSON text, so they are kept exactly as `from_json`
    /// keeps them (a number beyond `f64` or `u64` verbatim, a nested object's repeated
    /// members seen, a lone surrogate escape kept as written).
    SerdeJson,
    /// Some other self-describing deserializer: values go through `serde_json::Value`.
    Json,
    /// A form deserializer (serde_urlencoded): every value is text, decoded like `from_form`.
    Form,
}

impl DeCtx {
    /// For a decode of a `&str` by serde_json (unknown members are borrowed raw).
    pub(super) fn native(msg: &'static str) -> Self {
        DeCtx {
            msg,
            mode: DeMode::NativeJson,
            error: None,
            missing: None,
        }
    }

    /// The first structured error, if one was kept.
    pub(super) fn take_error(&mut self) -> Option<Error> {
        self.error.take()
    }

    /// A tolerant reader goes on after `e`: keeps it unless an earlier one is kept.
    pub(super) fn keep_going<E: de::Error>(&mut self, e: E) {
        if self.error.is_none() {
            self.error = Some(Error::new(self.msg, ErrorKind::Json(e.to_string())));
        }
    }

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
            let err = Error::invalid(cx.msg, param, secret_reason(secret, e.to_string()));
            Err(cx.fail(err))
        }
    }
}

/// Reads an unknown member into `extra`, raw when decoding from a `&str`.
pub(super) fn json_extra<'de, A: MapAccess<'de>>(
    cx: &mut DeCtx,
    map: &mut A,
    extra: &mut ExtraParams,
    key: &str,
) -> Result<(), A::Error> {
    let pushed = match next_raw(cx.mode, map)? {
        Some(raw) => extra.push_new(cx.msg, key, &raw, true),
        None => match map.next_value::<serde_json::Value>()? {
            serde_json::Value::String(s) => extra.push_new(cx.msg, key, &s, false),
            other => extra.push_new(cx.msg, key, &other.to_string(), true),
        },
    };
    pushed.map_err(|e| cx.fail(e))
}

/// The next member value as raw JSON text, where the deserializer can give it: borrowed
/// from `from_json`'s input, owned from serde_json's other entry points; `None` for
/// other deserializers (the caller reads a `serde_json::Value`).
fn next_raw<'de, A: MapAccess<'de>>(
    mode: DeMode,
    map: &mut A,
) -> Result<Option<Cow<'de, str>>, A::Error> {
    Ok(match mode {
        DeMode::NativeJson => Some(Cow::Borrowed(map.next_value::<&'de RawValue>()?.get())),
        DeMode::SerdeJson => {
            let raw: Box<RawValue> = map.next_value()?;
            Some(Cow::Owned(Box::<str>::from(raw).into()))
        }
        DeMode::Json | DeMode::Form => None,
    })
}

/// A member read for a `tolerant` field.
pub(super) enum Fit<'de, T> {
    /// `null`.
    Absent,
    /// The value fits.
    Value(T),
    /// The value does not fit: kept as received, with the problem.
    Misfit(Captured<'de>, Error),
}

/// Reads one member value for a `tolerant` field: first as received (raw JSON text
/// when serde_json decodes, else a `serde_json::Value`), then through `seed`, so a
/// value that does not fit can be kept unchanged.
pub(super) fn json_fit<'de, A, S, V>(
    cx: &mut DeCtx,
    map: &mut A,
    param: &str,
    seed: S,
    secret: bool,
) -> Result<Fit<'de, V>, A::Error>
where
    A: MapAccess<'de>,
    S: for<'a> DeserializeSeed<'a, Value = V>,
{
    let problem = |reason: String| Error::invalid(cx.msg, param, secret_reason(secret, reason));
    if let Some(text) = next_raw(cx.mode, map)? {
        if text == "null" {
            return Ok(Fit::Absent);
        }
        let fitted = seed.deserialize(RawScalar::new(&text));
        Ok(match fitted {
            Ok(value) => Fit::Value(value),
            Err(e) => Fit::Misfit(Captured::json(text), problem(without_position(&e))),
        })
    } else {
        let value: serde_json::Value = map.next_value()?;
        if value.is_null() {
            return Ok(Fit::Absent);
        }
        Ok(match seed.deserialize(value.clone()) {
            Ok(fit) => Fit::Value(fit),
            Err(e) => Fit::Misfit(Captured::from_value(&value), problem(without_position(&e))),
        })
    }
}

/// serde_json's message without " at line L column C" (which would point into the
/// member value, not the document).
pub(super) fn without_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    if e.line() == 0 {
        return text;
    }
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    match text.strip_suffix(&suffix) {
        Some(message) => message.to_owned(),
        None => text,
    }
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
                continue;
            }
            match T::json_field(&mut b, cx, &key, &mut map)? {
                JsonOffer::Taken => {}
                JsonOffer::Unknown => match T::extra_slot(&mut b) {
                    Some(extra) => json_extra(cx, &mut map, extra, &key)?,
                    // Unknown members without an `extra` field are ignored.
                    None => {
                        map.next_value::<IgnoredAny>()?;
                    }
                },
                JsonOffer::Misfit(value, problem) => {
                    if let Some(extra) = T::extra_slot(&mut b) {
                        extra
                            .push_tolerated(cx.msg, &key, &value.text, value.json, *problem)
                            .map_err(|e| cx.fail(e))?;
                    }
                }
            }
        }
        let missing = cx.missing.as_mut();
        T::finish(b, cx.msg, missing, None).map_err(|e| cx.fail(e))
    }
}

/// `OidcMessage::from_json`; with `lenient`, also the absent required members that
/// were given their default.
pub fn from_json<T: Fields>(json: &str, lenient: bool) -> Result<(T, Vec<&'static str>), Error> {
    count(Cost::DocumentRead);
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
    let name = std::any::type_name::<D>();
    let mode = if is_form_format(name) {
        DeMode::Form
    } else if is_serde_json_format(name) {
        DeMode::SerdeJson
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
