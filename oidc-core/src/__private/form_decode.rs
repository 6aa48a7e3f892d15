//! The form decode loop and the per-field form decoders the generated `form_field` calls.

use std::borrow::Cow;

use serde::de::DeserializeOwned;

use super::lenient::{Leniency, LenientValue};
use super::{secret_reason, Fields};
use crate::codec::form::parse_pairs;
use crate::codec::value::{split_space_delimited, ParamValue};
use crate::error::Error;
use crate::types::ExtraParams;

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

pub(crate) fn form_pair<T: Fields>(
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

pub fn form_value<T: ParamValue>(
    msg: &'static str,
    param: &str,
    value: Cow<'_, str>,
    secret: bool,
) -> Result<T, Error> {
    T::from_param(value).map_err(|r| Error::invalid(msg, param, secret_reason(secret, r)))
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
    split_space_delimited(&value).map_err(|r| Error::invalid(msg, param, secret_reason(secret, r)))
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
            secret_reason(secret, format!("expected a JSON document: {e}")),
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
