use std::borrow::Cow;

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use crate::codec::value::ParamValue;

/// The `aud` claim: one string or an array of strings (RFC 7519 §4.1.3).
///
/// The form a provider used is kept, so re-encoding gives back what was received.
///
/// ```
/// use oidc_core::Audience;
///
/// let one: Audience = serde_json::from_str(r#""client-1""#).unwrap();
/// let many: Audience = serde_json::from_str(r#"["client-1","api"]"#).unwrap();
/// assert!(one.contains("client-1") && many.contains("api"));
/// assert_eq!(many.iter().collect::<Vec<_>>(), ["client-1", "api"]);
/// assert_eq!(serde_json::to_string(&one).unwrap(), r#""client-1""#);
/// assert_eq!(serde_json::to_string(&many).unwrap(), r#"["client-1","api"]"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Audience {
    /// `"aud": "client-1"`
    Single(String),
    /// `"aud": ["client-1", "api"]` (possibly with one element, possibly with duplicates)
    Multiple(Vec<String>),
}

impl Audience {
    /// Whether `audience` is one of the values.
    pub fn contains(&self, audience: &str) -> bool {
        self.iter().any(|a| a == audience)
    }

    /// The values, in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        let slice: &[String] = match self {
            Audience::Single(one) => std::slice::from_ref(one),
            Audience::Multiple(many) => many,
        };
        slice.iter().map(String::as_str)
    }

    /// How many values (duplicates counted).
    pub fn len(&self) -> usize {
        match self {
            Audience::Single(_) => 1,
            Audience::Multiple(many) => many.len(),
        }
    }

    /// True for an empty array.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl From<String> for Audience {
    fn from(one: String) -> Self {
        Audience::Single(one)
    }
}

impl From<&str> for Audience {
    fn from(one: &str) -> Self {
        Audience::Single(one.to_owned())
    }
}

impl From<Vec<String>> for Audience {
    fn from(many: Vec<String>) -> Self {
        Audience::Multiple(many)
    }
}

impl Serialize for Audience {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Audience::Single(one) => serializer.serialize_str(one),
            Audience::Multiple(many) => many.serialize(serializer),
        }
    }
}

struct AudienceVisitor;

impl<'de> Visitor<'de> for AudienceVisitor {
    type Value = Audience;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a string or an array of strings")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Audience, E> {
        Ok(Audience::Single(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Audience, E> {
        Ok(Audience::Single(v))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Audience, A::Error> {
        crate::__private::collect_seq(seq).map(Audience::Multiple)
    }
}

impl<'de> Deserialize<'de> for Audience {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(AudienceVisitor)
    }
}

/// In a form (and a URL), a single audience is its text and an array is its JSON text.
///
/// The two must not be confused: a single audience whose text is itself a JSON array
/// (`["client"]`) or a JSON string (`"client"`) is written as a JSON string literal
/// (`"[\"client\"]"`), so that every value comes back exactly as it was:
///
/// | value | parameter text |
/// |---|---|
/// | `Single("client")` | `client` |
/// | `Multiple(["a", "b"])` | `["a","b"]` |
/// | `Single("[\"a\"]")` | `"[\"a\"]"` |
/// | `Single("\"a\"")` | `"\"a\""` |
/// | `Single("")` | `""` (an empty parameter would mean "absent") |
///
/// Decoding reverses it: text that is a JSON array of strings is `Multiple`, text that
/// is a JSON string is `Single` of that string, anything else is `Single` as it is.
impl ParamValue for Audience {
    fn from_param(text: Cow<'_, str>) -> Result<Self, String> {
        match json_form(&text) {
            Some(audience) => Ok(audience),
            None => Ok(Audience::Single(text.into_owned())),
        }
    }

    fn with_param<R>(&self, f: impl FnOnce(&str) -> R) -> R {
        match self {
            Audience::Single(one) if one.is_empty() || json_form(one).is_some() => {
                f(&serde_json::to_string(one).unwrap_or_default())
            }
            Audience::Single(one) => f(one),
            Audience::Multiple(many) => f(&serde_json::to_string(many).unwrap_or_default()),
        }
    }

    /// Never: an empty single audience is written `""`, so it keeps its shape.
    fn is_empty_param(&self) -> bool {
        false
    }
}

/// The audience `text` denotes as JSON (an array of strings, or a string), if it is
/// one. Only text starting (after JSON whitespace) with `[` or `"` is parsed.
fn json_form(text: &str) -> Option<Audience> {
    match text
        .trim_start_matches([' ', '\t', '\n', '\r'])
        .as_bytes()
        .first()
    {
        Some(b'[') => serde_json::from_str::<Vec<String>>(text)
            .ok()
            .map(Audience::Multiple),
        Some(b'"') => serde_json::from_str::<String>(text)
            .ok()
            .map(Audience::Single),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(audience: &Audience) -> Audience {
        let text = audience.with_param(str::to_owned);
        assert!(!text.is_empty(), "{audience:?}");
        Audience::from_param(Cow::Owned(text)).unwrap()
    }

    #[test]
    fn another_json_type_is_refused_naming_the_two_shapes() {
        // RFC 7519 §4.1.3: "aud" is a string or an array of strings.
        for json in ["5", "true", "{}", "null"] {
            let err = serde_json::from_str::<Audience>(json)
                .unwrap_err()
                .to_string();
            assert!(
                err.contains("expected a string or an array of strings"),
                "{json}: {err}"
            );
        }
    }

    #[test]
    fn parameter_text_is_exact_for_every_shape() {
        for audience in [
            Audience::Single("client".into()),
            Audience::Single("[\"client\"]".into()),
            Audience::Single(" [\"client\"]".into()),
            Audience::Single("\"client\"".into()),
            Audience::Single("\"".into()),
            Audience::Single("[".into()),
            Audience::Single("[1]".into()),
            Audience::Single(String::new()),
            Audience::Multiple(vec![]),
            Audience::Multiple(vec!["client".into()]),
            Audience::Multiple(vec!["a".into(), "[\"b\"]".into(), String::new()]),
        ] {
            assert_eq!(round_trip(&audience), audience);
        }
        assert_eq!(
            Audience::Single("[\"client\"]".into()).with_param(str::to_owned),
            r#""[\"client\"]""#
        );
        assert_eq!(
            Audience::Single("client".into()).with_param(str::to_owned),
            "client"
        );
    }

    #[test]
    fn only_an_empty_array_is_empty() {
        // RFC 7519 §4.1.3: one string is one audience, even an empty one.
        assert!(Audience::Multiple(vec![]).is_empty());
        assert_eq!(Audience::Multiple(vec![]).len(), 0);
        for audience in [
            Audience::Single(String::new()),
            Audience::Single("client".into()),
            Audience::Multiple(vec!["client".into()]),
            Audience::Multiple(vec!["a".into(), "a".into()]),
        ] {
            assert!(!audience.is_empty(), "{audience:?}");
            assert_eq!(audience.len(), audience.iter().count(), "{audience:?}");
        }
    }
}
