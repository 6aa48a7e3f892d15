//! Telling a success response from an error response in one pass.

use std::fmt;

use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};

use super::seeds::TextSeed;
use crate::codec::form::parse_pairs;
use crate::error::{Error, ErrorKind};
use crate::types::ExtraParams;

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
