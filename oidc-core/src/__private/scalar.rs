//! A member value already delimited as raw JSON text (a `tolerant` field's first read),
//! read again through its seed: a string without escapes, `true` / `false` or an
//! unsigned integer that fits `u64` is handed to the visitor directly, exactly as
//! serde_json would hand it; anything else (escapes, negative or fractional numbers,
//! arrays, objects, text that is not JSON) and every request that would fail or needs
//! serde_json's own protocol goes to serde_json over the text. So a tolerant field's
//! usual value is not parsed twice, and whatever the text, the answer is serde_json's.

use serde::de::{Deserializer, Visitor};

use crate::cost::{count, Cost};

type JsonDeserializer<'a> = serde_json::Deserializer<serde_json::de::StrRead<'a>>;

/// The raw text of one JSON value, with what it holds when that is simple.
pub(super) struct RawScalar<'a> {
    text: &'a str,
    simple: Simple<'a>,
}

#[derive(Clone, Copy)]
enum Simple<'a> {
    /// A string without escapes: the text between the quotes.
    Str(&'a str),
    Bool(bool),
    U64(u64),
    /// Anything else: serde_json reads the text.
    Other,
}

impl<'a> RawScalar<'a> {
    /// `text` is one member value as serde_json delimited it (any text reads as
    /// `serde_json::from_str` reads it).
    pub(super) fn new(text: &'a str) -> Self {
        RawScalar {
            text,
            simple: simple(text),
        }
    }

    /// serde_json over the text, for what is not simple; the whole text, as
    /// `serde_json::from_str` reads it (`i128` would otherwise take `1` of `1.5`).
    fn json<V>(
        &self,
        read: impl FnOnce(&mut JsonDeserializer<'a>) -> Result<V, serde_json::Error>,
    ) -> Result<V, serde_json::Error> {
        count(Cost::ValueReparse);
        let mut de = serde_json::Deserializer::from_str(self.text);
        let value = read(&mut de)?;
        de.end()?;
        Ok(value)
    }
}

/// What `text` holds when it is a string without escapes, a boolean or an unsigned
/// integer that fits `u64` (serde_json hands such a number to `visit_u64`), written as
/// serde_json accepts it.
fn simple(text: &str) -> Simple<'_> {
    match text {
        "true" => return Simple::Bool(true),
        "false" => return Simple::Bool(false),
        "0" => return Simple::U64(0),
        _ => {}
    }
    match text.as_bytes().first() {
        Some(b'"') => match text[1..].strip_suffix('"') {
            // A backslash starts an escape; a quote or a control character inside is
            // not JSON: serde_json decides.
            Some(inner) if !inner.bytes().any(|b| matches!(b, b'"' | b'\\' | 0..=0x1f)) => {
                Simple::Str(inner)
            }
            _ => Simple::Other,
        },
        // No leading zero (`01` is not JSON); `parse` refuses anything but digits here.
        Some(b'1'..=b'9') => text.parse().map_or(Simple::Other, Simple::U64),
        _ => Simple::Other,
    }
}

/// Requests answered from the simple value when it is the `$variant` one (else serde_json
/// over the text). serde_json hands a non-negative integer that fits `u64` to
/// `visit_u64` whatever the type asked (but for `i128` / `u128`, which it reads itself,
/// so those are delegated), and borrows a string without escapes.
macro_rules! simple_or_json {
    ($variant:ident => $visit:ident: $($method:ident)*) => {$(
        fn $method<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Self::Error> {
            match self.simple {
                Simple::$variant(value) => visitor.$visit(value),
                _ => self.json(|de| de.$method(visitor)),
            }
        }
    )*};
}

/// Everything else: serde_json over the text.
macro_rules! delegate {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Self::Error> {
            self.json(|de| de.$method(visitor))
        }
    )*};
}

impl<'a> Deserializer<'a> for RawScalar<'a> {
    type Error = serde_json::Error;

    fn deserialize_any<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self.simple {
            Simple::Str(s) => visitor.visit_borrowed_str(s),
            Simple::Bool(b) => visitor.visit_bool(b),
            Simple::U64(n) => visitor.visit_u64(n),
            Simple::Other => self.json(|de| de.deserialize_any(visitor)),
        }
    }

    fn deserialize_option<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self.simple {
            // Not `null`, so serde_json would call `visit_some` with itself.
            Simple::Other => self.json(|de| de.deserialize_option(visitor)),
            _ => visitor.visit_some(self),
        }
    }

    simple_or_json!(Bool => visit_bool: deserialize_bool);
    simple_or_json!(U64 => visit_u64:
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64
        deserialize_f32 deserialize_f64
    );
    simple_or_json!(Str => visit_borrowed_str:
        deserialize_str deserialize_string deserialize_identifier
    );
    delegate!(
        deserialize_i128 deserialize_u128 deserialize_char deserialize_bytes
        deserialize_byte_buf deserialize_unit deserialize_seq deserialize_map
        deserialize_ignored_any
    );

    fn deserialize_unit_struct<V: Visitor<'a>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.json(|de| de.deserialize_unit_struct(name, visitor))
    }

    fn deserialize_newtype_struct<V: Visitor<'a>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.json(|de| de.deserialize_newtype_struct(name, visitor))
    }

    fn deserialize_tuple<V: Visitor<'a>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.json(|de| de.deserialize_tuple(len, visitor))
    }

    fn deserialize_tuple_struct<V: Visitor<'a>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.json(|de| de.deserialize_tuple_struct(name, len, visitor))
    }

    fn deserialize_struct<V: Visitor<'a>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.json(|de| de.deserialize_struct(name, fields, visitor))
    }

    fn deserialize_enum<V: Visitor<'a>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.json(|de| de.deserialize_enum(name, variants, visitor))
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;
    use std::fmt::Debug;

    use proptest::prelude::*;
    use serde::de::DeserializeOwned;
    use serde::Deserialize;

    use super::super::json::without_position;
    use super::*;
    use crate::cost::counters::measure;
    use crate::types::NumericDate;

    /// What `T` reads from `text` through `RawScalar`, against serde_json over the same
    /// text: the same value, or the same message (positions left out, as `json_fit`
    /// leaves them out).
    fn same<T: DeserializeOwned + PartialEq + Debug>(text: &str) {
        let ours = T::deserialize(RawScalar::new(text)).map_err(|e| without_position(&e));
        let theirs = serde_json::from_str::<T>(text).map_err(|e| without_position(&e));
        assert_eq!(ours, theirs, "{} from {text}", std::any::type_name::<T>());
    }

    #[derive(Debug, PartialEq, Deserialize)]
    enum Unit {
        A,
        B(u8),
    }

    #[derive(Debug, PartialEq, Deserialize)]
    struct Wrapper(String);

    fn every_type(text: &str) {
        same::<String>(text);
        same::<bool>(text);
        same::<u64>(text);
        same::<u8>(text);
        same::<i64>(text);
        same::<i128>(text);
        same::<u128>(text);
        same::<f64>(text);
        same::<char>(text);
        same::<Option<String>>(text);
        same::<Option<u64>>(text);
        same::<Option<bool>>(text);
        same::<NumericDate>(text);
        same::<serde_json::Value>(text);
        same::<Vec<String>>(text);
        same::<Unit>(text);
        same::<Wrapper>(text);
        same::<()>(text);
        same::<Vec<u8>>(text);
        same::<(u8, u8)>(text);
        // Reads a string only from a human-readable format.
        same::<std::net::IpAddr>(text);
    }

    #[test]
    fn reads_what_serde_json_reads() {
        for text in [
            r#""plain""#,
            r#""""#,
            r#""x""#,
            r#""A""#,
            r#""B""#,
            r#""with \"escape\"""#,
            r#""\u00e9t\u00e9""#,
            r#""\ud800""#,
            r#""été""#,
            "true",
            "false",
            "null",
            "0",
            "7",
            "255",
            "256",
            "18446744073709551615",
            "18446744073709551616",
            "-1",
            "-0",
            "1.5",
            "1e3",
            "[]",
            "[1,2]",
            r#"["a","b"]"#,
            "{}",
            r#"{"B":1}"#,
            r#""127.0.0.1""#,
            // Not JSON: serde_json's answer all the same.
            "",
            "tru",
            "fals",
            "true ",
            " true",
            "truex",
            "01",
            "00",
            "1a",
            "+1",
            "1 ",
            r#"""#,
            r#""a"b""#,
            "\"tab\there\"",
            r#""open"#,
            r#"open""#,
        ] {
            every_type(text);
        }
    }

    /// How many times reading `text` as `T` parsed it again with serde_json.
    fn reparses<T: DeserializeOwned>(text: &str) -> u64 {
        measure(Cost::ValueReparse, || T::deserialize(RawScalar::new(text))).1
    }

    #[test]
    fn simple_values_are_not_parsed_again() {
        assert_eq!(reparses::<String>(r#""plain""#), 0);
        assert_eq!(reparses::<String>(r#""""#), 0);
        assert_eq!(reparses::<bool>("true"), 0);
        assert_eq!(reparses::<bool>("false"), 0);
        assert_eq!(reparses::<u64>("0"), 0);
        assert_eq!(reparses::<u64>("7"), 0);
        assert_eq!(reparses::<u64>("18446744073709551615"), 0);
        assert_eq!(reparses::<Option<String>>(r#""x""#), 0);
        assert_eq!(reparses::<Option<bool>>("true"), 0);
        assert_eq!(reparses::<NumericDate>("1767225600"), 0);
        assert_eq!(reparses::<serde_json::Value>(r#""x""#), 0);
        assert_eq!(reparses::<serde_json::Value>("false"), 0);
        assert_eq!(reparses::<serde_json::Value>("7"), 0);
        // The rest is serde_json's to read, once.
        for text in [
            r#""a\"b""#,
            "-1",
            "1.5",
            "01",
            "[]",
            "{}",
            "null",
            "tru",
            r#""a"b""#,
        ] {
            assert_eq!(reparses::<serde_json::Value>(text), 1, "{text}");
        }
        assert_eq!(reparses::<String>("7"), 1);
        assert_eq!(reparses::<u64>(r#""7""#), 1);
        assert_eq!(reparses::<bool>("1"), 1);
        assert_eq!(reparses::<i128>("7"), 1);
    }

    #[test]
    fn borrows_a_plain_string() {
        let text = r#""plain""#;
        let read: Cow<'_, str> = Deserialize::deserialize(RawScalar::new(text)).unwrap();
        assert_eq!(read, "plain");
        // A borrowing visitor sees the input itself.
        let borrowed: &str = Deserialize::deserialize(RawScalar::new(text)).unwrap();
        assert!(std::ptr::eq(borrowed.as_ptr(), text[1..].as_ptr()));
    }

    proptest! {
        #[test]
        fn any_text_reads_alike(text in r#"[\[\]{}",:0-9tuefalsn\\. +-]{0,12}"#) {
            every_type(&text);
        }

        #[test]
        fn any_string_reads_alike(s in any::<String>()) {
            every_type(&serde_json::to_string(&s).unwrap());
        }

        #[test]
        fn any_number_reads_alike(n in any::<u64>(), m in any::<i64>(), f in any::<f64>()) {
            every_type(&n.to_string());
            every_type(&m.to_string());
            every_type(&serde_json::to_string(&f).unwrap());
        }
    }
}
