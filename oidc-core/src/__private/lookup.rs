//! A parameter's value by wire name, wherever the message keeps it: its own field, a
//! flattened message's field, or `extra` (`OidcMessage::param`, and what validation
//! reads claims such as `tid` with).
//!
//! The message is walked with its own `serialize_fields` (JSON shape), so the value is
//! exactly what `to_json` writes for that member, and the walk stops at the match.

use std::fmt;

use serde::ser::{self, Impossible, Serialize, SerializeMap, Serializer};

use super::fields::Fields;
use super::format::SerializerKind;

/// The JSON value of the parameter `name` in `message`, if present.
pub fn find_param<T: Fields>(message: &T, name: &str) -> Option<serde_json::Value> {
    let mut finder = Finder { name, found: None };
    // `Err(Stop)` ends the walk at the match; a value that cannot be serialized as JSON
    // counts as absent.
    let _ = message.serialize_fields(&mut finder, SerializerKind::Json);
    finder.found
}

struct Finder<'n> {
    name: &'n str,
    found: Option<serde_json::Value>,
}

/// Ends the walk (found, or a member that cannot be represented).
#[derive(Debug)]
struct Stop;

impl fmt::Display for Stop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("stop")
    }
}

impl std::error::Error for Stop {}

impl ser::Error for Stop {
    fn custom<T: fmt::Display>(_msg: T) -> Self {
        Stop
    }
}

impl SerializeMap for Finder<'_> {
    type Ok = ();
    type Error = Stop;

    fn serialize_key<K: Serialize + ?Sized>(&mut self, _key: &K) -> Result<(), Stop> {
        // The message writers always use `serialize_entry`.
        Err(Stop)
    }

    fn serialize_value<V: Serialize + ?Sized>(&mut self, _value: &V) -> Result<(), Stop> {
        Err(Stop)
    }

    fn serialize_entry<K: Serialize + ?Sized, V: Serialize + ?Sized>(
        &mut self,
        key: &K,
        value: &V,
    ) -> Result<(), Stop> {
        if key.serialize(KeyIs(self.name))? {
            self.found = serde_json::to_value(value).ok();
            return Err(Stop);
        }
        Ok(())
    }

    fn end(self) -> Result<(), Stop> {
        Ok(())
    }
}

/// Whether a map key is the string `self.0` (without building it).
struct KeyIs<'n>(&'n str);

macro_rules! not_a_string {
    ($($method:ident: $t:ty,)*) => {$(
        fn $method(self, _v: $t) -> Result<bool, Stop> {
            Ok(false)
        }
    )*};
}

impl Serializer for KeyIs<'_> {
    type Ok = bool;
    type Error = Stop;
    type SerializeSeq = Impossible<bool, Stop>;
    type SerializeTuple = Impossible<bool, Stop>;
    type SerializeTupleStruct = Impossible<bool, Stop>;
    type SerializeTupleVariant = Impossible<bool, Stop>;
    type SerializeMap = Impossible<bool, Stop>;
    type SerializeStruct = Impossible<bool, Stop>;
    type SerializeStructVariant = Impossible<bool, Stop>;

    fn serialize_str(self, v: &str) -> Result<bool, Stop> {
        Ok(v == self.0)
    }

    not_a_string! {
        serialize_bool: bool,
        serialize_i8: i8,
        serialize_i16: i16,
        serialize_i32: i32,
        serialize_i64: i64,
        serialize_u8: u8,
        serialize_u16: u16,
        serialize_u32: u32,
        serialize_u64: u64,
        serialize_f32: f32,
        serialize_f64: f64,
        serialize_char: char,
        serialize_bytes: &[u8],
    }

    fn serialize_none(self) -> Result<bool, Stop> {
        Ok(false)
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<bool, Stop> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<bool, Stop> {
        Ok(false)
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<bool, Stop> {
        Ok(false)
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<bool, Stop> {
        Ok(variant == self.0)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<bool, Stop> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<bool, Stop> {
        Ok(false)
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, Stop> {
        Err(Stop)
    }

    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, Stop> {
        Err(Stop)
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, Stop> {
        Err(Stop)
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Stop> {
        Err(Stop)
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Stop> {
        Err(Stop)
    }

    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, Stop> {
        Err(Stop)
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Stop> {
        Err(Stop)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::IdToken;
    use crate::OidcMessage;
    use serde_json::json;

    #[test]
    fn finds_own_flattened_and_unknown_members_as_written() {
        let token = IdToken::from_json(
            r#"{"iss":"i","sub":"u","aud":["a","b"],"exp":2,"iat":"1","amr":["pwd"],
                "email":"e","tid":"t","n":{"deep":[1]}}"#,
        )
        .unwrap();
        assert_eq!(find_param(&token, "iss"), Some(json!("i")));
        assert_eq!(find_param(&token, "aud"), Some(json!(["a", "b"])));
        assert_eq!(find_param(&token, "iat"), Some(json!(1)));
        assert_eq!(find_param(&token, "amr"), Some(json!(["pwd"])));
        assert_eq!(find_param(&token, "email"), Some(json!("e")));
        assert_eq!(find_param(&token, "tid"), Some(json!("t")));
        assert_eq!(find_param(&token, "n"), Some(json!({"deep": [1]})));
        assert_eq!(find_param(&token, "nonce"), None);
        assert_eq!(find_param(&token, "claims"), None);
        assert_eq!(find_param(&token, ""), None);
    }
}
