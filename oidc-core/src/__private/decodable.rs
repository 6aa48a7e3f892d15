//! [`Decodable`]: what can be decoded from a form body or a JSON document, messages and
//! derived success-or-error response enums alike (code generic over both, such as the
//! axum extractors, takes it).

use super::fields::Fields;
use super::form_decode::decode_form;
use super::json::from_json;
use crate::error::Error;

/// A message, or a derived response enum (whose derive implements it).
pub trait Decodable: Sized {
    /// `from_form`.
    fn decode_form(form: &str) -> Result<Self, Error>;
    /// `from_json`.
    fn decode_json(json: &str) -> Result<Self, Error>;
}

impl<T: Fields> Decodable for T {
    fn decode_form(form: &str) -> Result<Self, Error> {
        decode_form(form, None)
    }

    fn decode_json(json: &str) -> Result<Self, Error> {
        from_json(json, false).map(|(message, _)| message)
    }
}
