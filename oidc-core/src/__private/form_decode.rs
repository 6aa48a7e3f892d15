//! The form decode loop: every pair is offered to the message (`Fields::form_field`,
//! which hands it to the field's kind in `kinds.rs`); what no field takes goes to
//! `extra`.

use std::borrow::Cow;

use super::fields::{Fields, FormOffer};
use crate::codec::form::parse_pairs;
use crate::error::Error;

/// Decodes a form body into `T`; see [`Fields::finish`] for `missing`.
pub fn decode_form<T: Fields>(
    body: &str,
    missing: Option<&mut Vec<&'static str>>,
) -> Result<T, Error> {
    let mut b = T::Builder::default();
    parse_pairs(T::NAME, body, |key, value| {
        form_pair::<T>(&mut b, T::NAME, &key, value)
    })?;
    T::finish(b, T::NAME, missing, None)
}

/// One `name=value` pair of a form (or of a form deserializer's map).
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
    match T::form_field(b, msg, key, value)? {
        FormOffer::Taken => Ok(()),
        // Unknown parameters without an `extra` field are ignored (RFC 6749 §3.1).
        FormOffer::Unknown(value) => match T::extra_slot(b) {
            Some(extra) => extra.push_new(msg, key, &value, false),
            None => Ok(()),
        },
        FormOffer::Misfit(value, problem) => match T::extra_slot(b) {
            Some(extra) => extra.push_tolerated(msg, key, &value, false, *problem),
            None => Ok(()),
        },
    }
}
