//! Telling a success response from an error response (RFC 6749 §4.1.2.1, §5.2: an
//! error response is the one with an `error` parameter), reading the document at most
//! twice.
//!
//! 1. The success message is decoded (one pass). If that works and it did not catch a
//!    non-empty `error` as an unknown parameter, it is the answer: a success response
//!    is read once.
//! 2. Otherwise the error message is decoded in a *tolerant* pass that reads the whole
//!    document even when a member does not fit (the first problem is kept), and notes
//!    whether a non-empty `error` member is there. With one, the document is an error
//!    response and the answer is that pass's result; without one, it was meant as a
//!    success response and the answer is the success message's error.
//!
//! So the error path re-reads the document exactly once, whatever it holds (an earlier
//! version probed for `error` and then decoded the error message: three passes).
//!
//! These are the codecs of a derived `enum R { Success(S), Error(E) }`. serde's
//! `Deserialize` cannot read its input twice, so it first captures the input (the raw
//! JSON text from serde_json, the pairs from a form deserializer), then decides the
//! same way; and a const check makes sure `error` can tell the variants apart.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

use super::fields::JsonOffer;
use super::form_decode::{decode_form, form_pair};
use super::form_encode::FormWriter;
use super::format::is_form_format;
use super::json::{from_json, json_extra, without_position, DeCtx};
use super::seeds::TextSeed;
use super::wire_names::{Text, WireNames};
use super::Fields;
use crate::codec::form::parse_pairs;
use crate::codec::url::decode_url;
use crate::cost::{count, Cost};
use crate::error::{Error, ErrorKind};
use crate::message::Location;
use crate::types::ExtraParams;

/// The member that makes a document an error response.
const ERROR: &str = "error";

/// A response's form body (a `form_post` body, GitHub's form-encoded token
/// responses): `Ok(Err(..))` is an error response. `name` is the response's name in
/// errors about the document itself.
pub fn response_from_form<S: Fields, E: Fields>(
    name: &'static str,
    body: &str,
) -> Result<Result<S, E>, Error> {
    decide(decode_form::<S>(body, None), || {
        tolerant_form::<E>(name, body)
    })
}

/// A response's JSON body: `Ok(Err(..))` is an error response.
pub fn response_from_json<S: Fields, E: Fields>(
    name: &'static str,
    json: &str,
) -> Result<Result<S, E>, Error> {
    let success = from_json::<S>(json, false).map(|(message, _)| message);
    decide(success, || tolerant_json::<E>(name, json))
}

/// The parameters at `location` of a redirect URL; `Location::Auto` reads the fragment
/// when it carries either message (or `error`).
pub fn response_from_url<S: Fields, E: Fields>(
    name: &'static str,
    url: &str,
    location: Location,
) -> Result<Result<S, E>, Error> {
    decode_url(
        url,
        location,
        |param| S::declares(param) || E::declares(param),
        |params| response_from_form::<S, E>(name, params),
    )
}

/// What the tolerant pass over an error message found.
struct ErrorPass<E> {
    /// A non-empty, non-null `error` member is present.
    present: bool,
    /// The document itself cannot be read (not JSON, not a form): `result` says why,
    /// naming the response enum.
    unreadable: bool,
    /// The error message, or the first problem met while reading it.
    result: Result<E, Error>,
}

fn decide<S: Fields, E>(
    success: Result<S, Error>,
    error_pass: impl FnOnce() -> ErrorPass<E>,
) -> Result<Result<S, E>, Error> {
    if let Ok(message) = &success {
        if !message.extra().is_some_and(extra_has_error) {
            return success.map(Ok);
        }
    }
    let pass = error_pass();
    if pass.present || pass.unreadable {
        return pass.result.map(Err);
    }
    success.map(Ok)
}

/// Whether a decoded success message caught a non-empty, non-null `error` member as an
/// unknown one (then the document is an error response after all).
fn extra_has_error(extra: &ExtraParams) -> bool {
    match extra.value(ERROR) {
        None => false,
        Some(crate::ExtraValue::Text(text)) => !text.is_empty(),
        Some(crate::ExtraValue::Json(json)) => json != "null" && json != "\"\"",
    }
}

/// The error message from a form body, reading every pair even after a problem. A
/// malformed pair (bad percent-encoding) still stops it: then the body is not a form,
/// and the error names the response enum (`name`).
fn tolerant_form<E: Fields>(name: &'static str, body: &str) -> ErrorPass<E> {
    let mut b = E::Builder::default();
    let mut present = false;
    let mut first: Option<Error> = None;
    let read = parse_pairs(name, body, |key, value| {
        present |= key == ERROR && !value.is_empty();
        if let Err(e) = form_pair::<E>(&mut b, E::NAME, &key, value) {
            first.get_or_insert(e);
        }
        Ok(())
    });
    let unreadable = read.is_err();
    let result = match (read, first) {
        (Err(e), _) | (Ok(()), Some(e)) => Err(e),
        (Ok(()), None) => E::finish(b, E::NAME, None, None),
    };
    ErrorPass {
        present,
        unreadable,
        result,
    }
}

/// The error message from a JSON document, reading every member even after a problem:
/// each value is first delimited as raw JSON (borrowed, so a value that does not fit
/// its field cannot leave the parser mid-value), then decoded from that text. A syntax
/// error still stops it (then the error names the response enum, `name`).
fn tolerant_json<E: Fields>(name: &'static str, json: &str) -> ErrorPass<E> {
    count(Cost::DocumentRead);
    let json = json.strip_prefix('\u{feff}').unwrap_or(json);
    let mut cx = DeCtx::native(E::NAME);
    let mut present = false;
    let mut de = serde_json::Deserializer::from_str(json);
    let visitor = TolerantVisitor::<E> {
        cx: &mut cx,
        present: &mut present,
        _message: PhantomData,
    };
    let read = de
        .deserialize_map(visitor)
        .and_then(|v| de.end().map(|()| v));
    let unreadable = read.is_err();
    let result = match read {
        Ok(result) => result,
        Err(e) => Err(Error::new(name, ErrorKind::Json(e.to_string()))),
    };
    ErrorPass {
        present,
        unreadable,
        result,
    }
}

struct TolerantVisitor<'c, E> {
    cx: &'c mut DeCtx,
    present: &'c mut bool,
    _message: PhantomData<E>,
}

impl<'de, E: Fields> Visitor<'de> for TolerantVisitor<'_, E> {
    /// The outer `Result` is the parse (a syntax error stops it), the inner one the
    /// message.
    type Value = Result<E, Error>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a JSON object with the members of {}", E::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let cx = self.cx;
        let mut b = E::Builder::default();
        while let Some(key) = map.next_key_seed(TextSeed)? {
            let mut value = RawFirst {
                map: &mut map,
                raw: None,
                broken: false,
            };
            let outcome = match E::json_field(&mut b, cx, &key, &mut value) {
                Ok(JsonOffer::Taken) => Ok(()),
                // Unknown members without an `extra` field are skipped (read raw below).
                Ok(JsonOffer::Unknown) => match E::extra_slot(&mut b) {
                    Some(extra) => json_extra(cx, &mut value, extra, &key),
                    None => Ok(()),
                },
                Ok(JsonOffer::Misfit(kept, problem)) => match E::extra_slot(&mut b) {
                    Some(extra) => extra
                        .push_tolerated(cx.msg, &key, &kept.text, kept.json, *problem)
                        .map_err(|e| cx.fail(e)),
                    None => Ok(()),
                },
                Err(e) => Err(e),
            };
            let (raw, broken) = (value.raw, value.broken);
            if let Err(e) = outcome {
                if broken {
                    return Err(e);
                }
                // The problem is recorded in `cx`; a value refused before it was read
                // (a repeated name) is skipped.
                cx.keep_going(e);
            }
            let raw = match raw {
                Some(raw) => raw,
                None => map.next_value::<&RawValue>()?,
            };
            if key == ERROR {
                *self.present |= raw.get() != "null" && raw.get() != "\"\"";
            }
        }
        Ok(match cx.take_error() {
            Some(first) => Err(first),
            None => E::finish(b, cx.msg, None, None),
        })
    }
}

/// A `MapAccess` for one value: reads it as raw JSON from the real map first, then
/// runs the seed on that text. A seed that fails leaves the real map at the next key.
struct RawFirst<'m, 'de, A> {
    map: &'m mut A,
    raw: Option<&'de RawValue>,
    /// The raw read itself failed: the document is not JSON.
    broken: bool,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for RawFirst<'_, 'de, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        _seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        // Field readers only ever ask for the value.
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        let raw: &'de RawValue = match self.raw {
            Some(_) => return Err(de::Error::custom("a value can be read once")),
            None => self.map.next_value().inspect_err(|_| self.broken = true)?,
        };
        self.raw = Some(raw);
        let mut value = serde_json::Deserializer::from_str(raw.get());
        seed.deserialize(&mut value)
            .map_err(|e| de::Error::custom(without_position(&e)))
    }
}

/// The generated `Deserialize` of a response enum: the input is captured, then
/// decoded by `from_json` (raw JSON text: serde_json's own deserializers keep it
/// exactly; other formats go through `serde_json::Value`) or by `from_form` (a form
/// deserializer's pairs, written back as a form body, so `from_form`'s rules apply).
pub fn deserialize_response<'de, D: Deserializer<'de>, R>(
    deserializer: D,
    from_json: fn(&str) -> Result<R, Error>,
    from_form: fn(&str) -> Result<R, Error>,
) -> Result<R, D::Error> {
    let name = std::any::type_name::<D>();
    let decoded = if is_form_format(name) {
        let body = deserializer.deserialize_map(FormCapture)?;
        from_form(&body)
    } else if name.contains("serde_json::de::Deserializer") {
        let raw = Box::<RawValue>::deserialize(deserializer)?;
        from_json(raw.get())
    } else {
        let value = serde_json::Value::deserialize(deserializer)?;
        from_json(&value.to_string())
    };
    decoded.map_err(de::Error::custom)
}

/// A form deserializer's pairs, written back as one form body.
struct FormCapture;

impl<'de> Visitor<'de> for FormCapture {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("form parameters")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<String, A::Error> {
        let mut body = String::new();
        let mut writer = FormWriter::new(&mut body);
        while let Some(key) = map.next_key_seed(TextSeed)? {
            let value = map.next_value_seed(TextSeed)?;
            writer.pair(&key, &value);
        }
        Ok(body)
    }
}

/// Fails (at compile time, in const context) when the variants of a response enum
/// cannot be told apart by `error`: the error message must declare it, the success
/// message must not.
pub const fn check_response(response: &'static str, success: &WireNames, error: &WireNames) {
    const WHY: &str = ": a response is an error response when it has `error` \
                       (RFC 6749 §4.1.2.1, §5.2)";
    if !error.contains(ERROR) {
        let text = Text::new()
            .push("`")
            .push(response)
            .push("`: the `Error` variant's message `")
            .push(error.message)
            .push("` has no `error` parameter")
            .push(WHY);
        panic!("{}", text.as_str());
    }
    if success.contains(ERROR) {
        let text = Text::new()
            .push("`")
            .push(response)
            .push("`: the `Success` variant's message `")
            .push(success.message)
            .push("` declares an `error` parameter")
            .push(WHY);
        panic!("{}", text.as_str());
    }
}
