//! Alias values kept until the end of decoding.

use std::borrow::Cow;

use serde::de::{DeserializeSeed, MapAccess};

use super::json::DeCtx;
use super::secret_reason;
use crate::error::Error;
use crate::types::ExtraParams;

/// The value of an alias parameter, kept until the end of decoding: it is used only
/// when the canonical parameter is absent, else it is kept as an unknown parameter.
pub enum Stash {
    Text(String),
    Json(serde_json::Value),
}

impl Stash {
    /// The alias value as the field's type; a secret field's value is not echoed in
    /// the error.
    pub fn decode<T, S: DeserializeSeed<'static, Value = T>>(
        self,
        msg: &'static str,
        param: &str,
        secret: bool,
        form: impl FnOnce(Cow<'_, str>) -> Result<T, Error>,
        seed: S,
    ) -> Result<T, Error> {
        match self {
            Stash::Text(text) => form(Cow::Owned(text)),
            Stash::Json(value) => seed
                .deserialize(value)
                .map_err(|e| Error::invalid(msg, param, secret_reason(secret, e.to_string()))),
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
