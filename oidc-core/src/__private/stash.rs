//! Alias values kept until the end of decoding: an alias is used only when the main
//! name is absent (`FieldKind::from_stash` decodes it then), else it is kept as an
//! unknown parameter.

use std::borrow::Cow;

use serde::de::MapAccess;

use super::json::DeCtx;
use crate::error::Error;
use crate::types::ExtraParams;

/// The value of an alias parameter, as received.
pub enum Stash {
    /// From a form.
    Text(String),
    /// From JSON.
    Json(serde_json::Value),
}

impl Stash {
    /// A form parameter named like an alias; a second one is an error.
    pub fn form(
        slot: &mut Option<Stash>,
        msg: &'static str,
        alias: &str,
        value: Cow<'_, str>,
    ) -> Result<(), Error> {
        if slot.is_some() {
            return Err(Error::duplicate(msg, alias));
        }
        *slot = Some(Stash::Text(value.into_owned()));
        Ok(())
    }

    /// A JSON member named like an alias; `null` is absent, a second one is an error.
    pub fn json<'de, A: MapAccess<'de>>(
        slot: &mut Option<Stash>,
        cx: &mut DeCtx,
        map: &mut A,
        alias: &str,
    ) -> Result<(), A::Error> {
        if slot.is_some() {
            let e = Error::duplicate(cx.msg, alias);
            return Err(cx.fail(e));
        }
        match map.next_value::<serde_json::Value>() {
            Ok(serde_json::Value::Null) => {}
            Ok(value) => *slot = Some(Stash::Json(value)),
            Err(e) => {
                let e = Error::invalid(cx.msg, alias, e.to_string());
                return Err(cx.fail(e));
            }
        }
        Ok(())
    }

    /// Keeps an unused alias value as an unknown parameter.
    pub fn keep(self, extra: &mut ExtraParams, msg: &'static str, name: &str) -> Result<(), Error> {
        match self {
            Stash::Text(text) => extra.push_new(msg, name, &text, false),
            Stash::Json(value) => extra.push_new(msg, name, &value.to_string(), true),
        }
    }
}
