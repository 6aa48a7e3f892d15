//! How one Rust value travels as one form / URL parameter.

use std::borrow::Cow;
use std::fmt;

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::quoted;

/// A type that can be the value of one form / URL parameter.
///
/// Implemented for `String`, the integer types, `bool`, [`NumericDate`](crate::NumericDate),
/// [`Audience`](crate::Audience), `serde_json::Value` and (feature `url`) `url::Url`.
/// Implement it for your own string-valued types (error codes, grant types) to use them
/// as message fields. A parameter value is also a JSON member and appears in the
/// message's `Debug`, hence the supertraits `Debug`, `Serialize` and `Deserialize`.
/// (For a foreign type, `#[oidc(with = "module")]` uses a serde `with` module instead.)
///
/// ```
/// use std::borrow::Cow;
/// use oidc_core::codec::value::ParamValue;
///
/// #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
/// #[serde(rename_all = "lowercase")]
/// enum Colour { Red, Blue }
///
/// impl ParamValue for Colour {
///     fn from_param(text: Cow<'_, str>) -> Result<Self, String> {
///         match &*text {
///             "red" => Ok(Colour::Red),
///             "blue" => Ok(Colour::Blue),
///             other => Err(format!("expected red or blue, got {other:?}")),
///         }
///     }
///     fn with_param<R>(&self, f: impl FnOnce(&str) -> R) -> R {
///         f(match self { Colour::Red => "red", Colour::Blue => "blue" })
///     }
/// }
/// ```
///
/// A field whose type is not a `ParamValue` (and has no `space_delimited`, `repeated`,
/// `json` or `with`) is one compile error on the type, with a note saying what to add:
///
/// ```compile_fail
/// #[derive(oidc_core::OidcMessage)]
/// struct M {
///     groups: Option<Vec<String>>, // needs #[oidc(repeated)], #[oidc(space_delimited)] or #[oidc(json)]
/// }
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be carried as one form/URL parameter",
    label = "this field's type does not implement `ParamValue`",
    note = "lists need #[oidc(space_delimited)], #[oidc(repeated)] or #[oidc(json)]; nested objects need #[oidc(json)]; a foreign type needs #[oidc(with = \"module\")] (a serde `with` module) or a newtype implementing `ParamValue`"
)]
pub trait ParamValue: Sized + fmt::Debug + Serialize + DeserializeOwned {
    /// Parses the (already percent-decoded, non-empty) parameter text. The error is the
    /// reason only; the caller adds the message and parameter names.
    fn from_param(text: Cow<'_, str>) -> Result<Self, String>;

    /// Calls `f` with the parameter text (not yet percent-encoded).
    fn with_param<R>(&self, f: impl FnOnce(&str) -> R) -> R;

    /// Whether the parameter text is empty (then the value is not written, and in JSON
    /// it reads as absent: RFC 6749 §3.1). Types whose text is never empty may answer
    /// `false` without formatting.
    fn is_empty_param(&self) -> bool {
        self.with_param(str::is_empty)
    }
}

impl ParamValue for String {
    fn from_param(text: Cow<'_, str>) -> Result<Self, String> {
        Ok(text.into_owned())
    }

    fn with_param<R>(&self, f: impl FnOnce(&str) -> R) -> R {
        f(self)
    }

    fn is_empty_param(&self) -> bool {
        self.is_empty()
    }
}

macro_rules! integer_param {
    ($expect:literal: $($t:ty)*) => {$(
        impl ParamValue for $t {
            fn from_param(text: Cow<'_, str>) -> Result<Self, String> {
                text.parse().map_err(|_| format!(concat!("expected ", $expect, ", got {}"), quoted(&text)))
            }

            fn with_param<R>(&self, f: impl FnOnce(&str) -> R) -> R {
                f(itoa::Buffer::new().format(*self))
            }

            fn is_empty_param(&self) -> bool {
                false
            }
        }

    )*};
}

integer_param!("a non-negative integer": u8 u16 u32 u64 u128 usize);
integer_param!("an integer": i8 i16 i32 i64 i128 isize);

impl ParamValue for bool {
    fn from_param(text: Cow<'_, str>) -> Result<Self, String> {
        match &*text {
            "true" => Ok(true),
            "false" => Ok(false),
            other => Err(format!("expected true or false, got {}", quoted(other))),
        }
    }

    fn with_param<R>(&self, f: impl FnOnce(&str) -> R) -> R {
        f(if *self { "true" } else { "false" })
    }

    fn is_empty_param(&self) -> bool {
        false
    }
}

/// A JSON value in a form parameter is its JSON text.
impl ParamValue for serde_json::Value {
    fn from_param(text: Cow<'_, str>) -> Result<Self, String> {
        serde_json::from_str(&text).map_err(|e| format!("expected a JSON document: {e}"))
    }

    fn with_param<R>(&self, f: impl FnOnce(&str) -> R) -> R {
        f(&self.to_string())
    }

    fn is_empty_param(&self) -> bool {
        false
    }
}

/// An absolute URL (WHATWG URL parsing, as the `url` crate does); written as
/// [`Url::as_str`](url::Url::as_str). (Feature `url`.)
#[cfg(feature = "url")]
#[cfg_attr(docsrs, doc(cfg(feature = "url")))]
impl ParamValue for url::Url {
    fn from_param(text: Cow<'_, str>) -> Result<Self, String> {
        url::Url::parse(&text)
            .map_err(|e| format!("expected an absolute URL ({e}), got {}", quoted(&text)))
    }

    fn with_param<R>(&self, f: impl FnOnce(&str) -> R) -> R {
        f(self.as_str())
    }

    fn is_empty_param(&self) -> bool {
        false
    }
}

/// Splits a space-delimited list (runs of ASCII spaces separate items; RFC 6749 §3.3).
pub fn split_space_delimited<T: ParamValue>(text: &str) -> Result<Vec<T>, String> {
    let bytes = text.as_bytes();
    // Spaces + 1 bounds the item count, so the list is allocated once.
    let mut items = Vec::with_capacity(bytes.iter().filter(|&&b| b == b' ').count() + 1);
    // Lists are short: a byte loop finds the spaces faster than `split`'s searcher.
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b' ' {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i] != b' ' {
            i += 1;
        }
        // A space is ASCII, so `start` and `i` fall on char boundaries.
        items.push(T::from_param(Cow::Borrowed(&text[start..i]))?);
    }
    Ok(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_name_what_they_expected() {
        assert_eq!(
            u64::from_param("abc".into()).unwrap_err(),
            r#"expected a non-negative integer, got "abc""#
        );
        assert_eq!(
            u64::from_param("-1".into()).unwrap_err(),
            r#"expected a non-negative integer, got "-1""#
        );
        assert_eq!(i32::from_param("-1".into()).unwrap(), -1);
        assert!(u8::from_param("256".into()).is_err());
    }

    #[test]
    fn space_delimited_lists_split_on_runs_of_spaces() {
        let items: Vec<String> = split_space_delimited("  openid   profile email ").unwrap();
        assert_eq!(items, ["openid", "profile", "email"]);
        let none: Vec<String> = split_space_delimited("   ").unwrap();
        assert!(none.is_empty());
        let one: Vec<String> = split_space_delimited("openid").unwrap();
        assert_eq!(one, ["openid"]);
        let wide: Vec<String> = split_space_delimited("é\u{a0}ü ß").unwrap();
        assert_eq!(wide, ["é\u{a0}ü", "ß"]); // only U+0020 separates
        let numbers: Vec<u64> = split_space_delimited("1 22 333").unwrap();
        assert_eq!(numbers, [1, 22, 333]);
        assert!(split_space_delimited::<u64>("1 x 3").is_err());
    }

    #[test]
    fn empty_text_is_known_without_formatting_numbers() {
        assert!(String::new().is_empty_param());
        assert!(!"x".to_owned().is_empty_param());
        assert!(!0u64.is_empty_param());
        assert!(!false.is_empty_param());
    }

    #[test]
    fn the_default_emptiness_is_that_of_the_parameter_text() {
        // A type that does not answer `is_empty_param` itself: its text is asked.
        #[derive(Debug, serde::Serialize, serde::Deserialize)]
        struct Code(String);
        impl ParamValue for Code {
            fn from_param(text: Cow<'_, str>) -> Result<Self, String> {
                Ok(Code(text.into_owned()))
            }
            fn with_param<R>(&self, f: impl FnOnce(&str) -> R) -> R {
                f(&self.0)
            }
        }
        assert!(Code(String::new()).is_empty_param());
        assert!(!Code("x".to_owned()).is_empty_param());
    }

    #[test]
    fn a_json_value_parameter_is_its_json_text() {
        let value = serde_json::Value::from_param(r#"{"a":[1,"b"]}"#.into()).unwrap();
        assert_eq!(value, serde_json::json!({"a": [1, "b"]}));
        assert_eq!(value.with_param(str::to_owned), r#"{"a":[1,"b"]}"#);
        assert!(!value.is_empty_param());
        let err = serde_json::Value::from_param("{".into()).unwrap_err();
        assert!(err.starts_with("expected a JSON document"), "{err}");
    }

    #[test]
    fn bools_are_strict_in_forms() {
        assert!(bool::from_param("true".into()).unwrap());
        assert!(bool::from_param("1".into()).is_err());
    }
}
