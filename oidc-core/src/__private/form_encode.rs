//! Writing form pairs: the `FormWriter` and the writers the field kinds
//! (`kinds.rs`) and the generated `write_form` call.

use serde::Serialize;

use crate::codec::form::encode_into;
use crate::codec::value::ParamValue;
use crate::types::ExtraParams;

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

/// One pair; an empty text is not written (RFC 6749 §3.1: empty means omitted).
#[inline]
pub fn write_text(w: &mut FormWriter<'_>, encoded_name: &str, text: &str) {
    if !text.is_empty() {
        encode_into(w.key(encoded_name), text);
    }
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

/// The unknown parameters, in order, except those a declared field of the message
/// writes (`written`): a message never writes a parameter twice.
pub fn write_extra(w: &mut FormWriter<'_>, extra: &ExtraParams, written: impl Fn(&str) -> bool) {
    for (name, value) in extra.iter() {
        let text = value.to_text();
        if !text.is_empty() && !written(name) {
            w.pair(name, &text);
        }
    }
}
