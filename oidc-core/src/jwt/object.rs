//! JSON objects read with their duplicate member names detected: a JOSE header (RFC 7515
//! §4: names MUST be unique; we reject rather than take the last) and a JWK (RFC 7517
//! §4, same rule). `serde_json::Map` alone keeps the last duplicate silently.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

/// A JSON object: its members, and the first member name that appeared twice.
pub(super) struct UniqueObject {
    pub members: Map<String, Value>,
    pub duplicate: Option<String>,
}

impl UniqueObject {
    /// The member `name` when it is a string; `Err` names the member when it is present
    /// with another type.
    pub fn text(&self, name: &'static str) -> Result<Option<&str>, &'static str> {
        match self.members.get(name) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(_) => Err(name),
        }
    }
}

impl<'de> Deserialize<'de> for UniqueObject {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ObjectVisitor)
    }
}

struct ObjectVisitor;

impl<'de> Visitor<'de> for ObjectVisitor {
    type Value = UniqueObject;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<UniqueObject, A::Error> {
        let mut object = UniqueObject {
            members: Map::new(),
            duplicate: None,
        };
        while let Some(name) = map.next_key::<String>()? {
            let value: Value = map.next_value()?;
            if object.members.contains_key(&name) {
                object.duplicate.get_or_insert(name);
            } else {
                object.members.insert(name, value);
            }
        }
        Ok(object)
    }
}

/// One member of a JWK Set's `keys` array: an object, or anything else (kept so that one
/// bad entry does not hide the other keys).
pub(super) enum Entry {
    Object(UniqueObject),
    NotAnObject,
}

impl<'de> Deserialize<'de> for Entry {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(EntryVisitor)
    }
}

struct EntryVisitor;

impl<'de> Visitor<'de> for EntryVisitor {
    type Value = Entry;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JWK")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Entry, A::Error> {
        ObjectVisitor.visit_map(map).map(Entry::Object)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Entry, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Entry::NotAnObject)
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Entry, E> {
        Ok(Entry::NotAnObject)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Entry, E> {
        Ok(Entry::NotAnObject)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Entry, E> {
        Ok(Entry::NotAnObject)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Entry, E> {
        Ok(Entry::NotAnObject)
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Entry, E> {
        Ok(Entry::NotAnObject)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Entry, E> {
        Ok(Entry::NotAnObject)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicates_are_found_not_resolved() {
        let o: UniqueObject =
            serde_json::from_str(r#"{"alg":"none","kid":"k","alg":"RS256","kid":"j"}"#).unwrap();
        assert_eq!(o.duplicate.as_deref(), Some("alg"));
        assert_eq!(
            o.members["alg"], "none",
            "the first value is kept, never the last"
        );
        let o: UniqueObject = serde_json::from_str(r#"{"a":1,"b":2}"#).unwrap();
        assert!(o.duplicate.is_none());
        // Escapes are decoded before comparing names.
        let o: UniqueObject = serde_json::from_str(r#"{"alg":"x","al\u0067":"y"}"#).unwrap();
        assert_eq!(o.duplicate.as_deref(), Some("alg"));
    }

    #[test]
    fn text_members() {
        let o: UniqueObject = serde_json::from_str(r#"{"kid":"k","typ":7}"#).unwrap();
        assert_eq!(o.text("kid"), Ok(Some("k")));
        assert_eq!(o.text("cty"), Ok(None));
        assert_eq!(o.text("typ"), Err("typ"));
    }

    #[test]
    fn entries() {
        let e: Vec<Entry> =
            serde_json::from_str(r#"[{"kty":"RSA"},1,"x",null,true,[1,[2]],2.5,-1]"#).unwrap();
        assert!(matches!(e[0], Entry::Object(_)));
        assert!(e[1..].iter().all(|e| matches!(e, Entry::NotAnObject)));
    }
}
