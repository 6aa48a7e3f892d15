//! One parameter's text as a serde data format: [`TextDeserializer`] reads it as
//! whatever type asks (numbers and booleans are parsed, everything else sees a string)
//! and [`TextSerializer`] writes a scalar as text. Used by `with = "module"` fields in
//! forms and by `ExtraParams::get` on form values.

use std::fmt;

use serde::de::{self, IntoDeserializer};
use serde::ser::{self, Impossible, Serialize};

/// Why a text could not be read or written.
#[derive(Debug)]
pub struct TextError(String);

impl fmt::Display for TextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for TextError {}

impl de::Error for TextError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        TextError(msg.to_string())
    }
}

impl ser::Error for TextError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        TextError(msg.to_string())
    }
}

/// Reads a parameter's text as whatever type asks for it.
pub struct TextDeserializer<'a>(&'a str);

impl<'a> TextDeserializer<'a> {
    /// Over `text`.
    pub fn new(text: &'a str) -> Self {
        TextDeserializer(text)
    }
}

macro_rules! parse_text {
    ($($method:ident => $visit:ident: $t:ty,)*) => {$(
        fn $method<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, TextError> {
            match self.0.parse::<$t>() {
                Ok(v) => visitor.$visit(v),
                Err(_) => self.deserialize_any(visitor),
            }
        }
    )*};
}

impl<'de> de::Deserializer<'de> for TextDeserializer<'_> {
    type Error = TextError;

    fn deserialize_any<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, TextError> {
        visitor.visit_str(self.0)
    }

    fn deserialize_option<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, TextError> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: de::Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, TextError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: de::Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, TextError> {
        visitor.visit_enum(self.0.into_deserializer())
    }

    parse_text! {
        deserialize_bool => visit_bool: bool,
        deserialize_i8 => visit_i8: i8,
        deserialize_i16 => visit_i16: i16,
        deserialize_i32 => visit_i32: i32,
        deserialize_i64 => visit_i64: i64,
        deserialize_u8 => visit_u8: u8,
        deserialize_u16 => visit_u16: u16,
        deserialize_u32 => visit_u32: u32,
        deserialize_u64 => visit_u64: u64,
        deserialize_f32 => visit_f32: f32,
        deserialize_f64 => visit_f64: f64,
    }

    serde::forward_to_deserialize_any! {
        i128 u128 char str string bytes byte_buf unit unit_struct seq tuple
        tuple_struct map struct identifier ignored_any
    }
}

/// Writes a scalar (string, number, bool, char, unit enum variant; newtypes and
/// `Some` unwrapped) as its parameter text; anything else is an error.
pub struct TextSerializer;

fn not_scalar<T>() -> Result<T, TextError> {
    Err(TextError(
        "a form parameter is one string, number or boolean".to_owned(),
    ))
}

macro_rules! display_text {
    ($($method:ident: $t:ty,)*) => {$(
        fn $method(self, v: $t) -> Result<String, TextError> {
            Ok(v.to_string())
        }
    )*};
}

impl ser::Serializer for TextSerializer {
    type Ok = String;
    type Error = TextError;
    type SerializeSeq = Impossible<String, TextError>;
    type SerializeTuple = Impossible<String, TextError>;
    type SerializeTupleStruct = Impossible<String, TextError>;
    type SerializeTupleVariant = Impossible<String, TextError>;
    type SerializeMap = Impossible<String, TextError>;
    type SerializeStruct = Impossible<String, TextError>;
    type SerializeStructVariant = Impossible<String, TextError>;

    display_text! {
        serialize_bool: bool,
        serialize_i8: i8,
        serialize_i16: i16,
        serialize_i32: i32,
        serialize_i64: i64,
        serialize_i128: i128,
        serialize_u8: u8,
        serialize_u16: u16,
        serialize_u32: u32,
        serialize_u64: u64,
        serialize_u128: u128,
        serialize_f32: f32,
        serialize_f64: f64,
        serialize_char: char,
        serialize_str: &str,
    }

    fn serialize_bytes(self, _v: &[u8]) -> Result<String, TextError> {
        not_scalar()
    }

    fn serialize_none(self) -> Result<String, TextError> {
        Ok(String::new())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<String, TextError> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<String, TextError> {
        Ok(String::new())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<String, TextError> {
        Ok(String::new())
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<String, TextError> {
        Ok(variant.to_owned())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<String, TextError> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<String, TextError> {
        not_scalar()
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, TextError> {
        not_scalar()
    }

    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, TextError> {
        not_scalar()
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, TextError> {
        not_scalar()
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, TextError> {
        not_scalar()
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, TextError> {
        not_scalar()
    }

    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, TextError> {
        not_scalar()
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, TextError> {
        not_scalar()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[test]
    fn text_reads_as_what_the_type_asks() {
        assert_eq!(u32::deserialize(TextDeserializer::new("42")).unwrap(), 42);
        assert!(bool::deserialize(TextDeserializer::new("true")).unwrap());
        assert_eq!(
            String::deserialize(TextDeserializer::new("42")).unwrap(),
            "42"
        );
        let err = u32::deserialize(TextDeserializer::new("x")).unwrap_err();
        assert!(err.to_string().contains("invalid type"), "{err}");
    }

    #[test]
    fn scalars_write_as_text_and_structures_are_refused() {
        assert_eq!(42u8.serialize(TextSerializer).unwrap(), "42");
        assert_eq!((-1i64).serialize(TextSerializer).unwrap(), "-1");
        assert_eq!(true.serialize(TextSerializer).unwrap(), "true");
        assert_eq!("a b".serialize(TextSerializer).unwrap(), "a b");
        assert_eq!(Some('x').serialize(TextSerializer).unwrap(), "x");
        assert_eq!(None::<u8>.serialize(TextSerializer).unwrap(), "");
        assert!(vec![1, 2].serialize(TextSerializer).is_err());
        assert!(serde_json::json!({"a": 1})
            .serialize(TextSerializer)
            .is_err());
    }
}
