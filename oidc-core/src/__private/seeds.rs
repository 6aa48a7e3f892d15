//! `DeserializeSeed`s for member values: text, nullable, plain, lenient scalars,
//! space-delimited lists, `with` modules; the string enums' `Deserialize`.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, SeqAccess, Visitor};

use super::kinds::WithModule;
use super::lenient::{Leniency, LenientValue};
use crate::codec::value::{split_space_delimited, ParamValue};

/// The `Deserialize` of a `string_enum!` type: a JSON string, borrowed from the input
/// when possible.
pub fn deserialize_string_value<'de, T, D>(deserializer: D) -> Result<T, D::Error>
where
    T: for<'a> From<&'a str> + From<String>,
    D: Deserializer<'de>,
{
    struct StringValue<T>(PhantomData<T>);
    impl<'de, T: for<'a> From<&'a str> + From<String>> Visitor<'de> for StringValue<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
            Ok(T::from(v))
        }
        fn visit_string<E: de::Error>(self, v: String) -> Result<T, E> {
            Ok(T::from(v))
        }
    }
    deserializer.deserialize_str(StringValue(PhantomData))
}

// ---------------------------------------------------------------------------
// Seeds

/// Map keys and form values as text, borrowed when the input allows.
pub(super) struct TextSeed;

impl<'de> DeserializeSeed<'de> for TextSeed {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(TextSeed)
    }
}

impl<'de> Visitor<'de> for TextSeed {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v))
    }
}

/// `null` as `None`, anything else through the inner seed.
pub(super) struct Nullable<S>(pub(super) S);

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Nullable<S> {
    type Value = Option<S::Value>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_option(self)
    }
}

impl<'de, S: DeserializeSeed<'de>> Visitor<'de> for Nullable<S> {
    type Value = Option<S::Value>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a value or null")
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        self.0.deserialize(deserializer).map(Some)
    }
}

/// A value through its own `Deserialize` impl (strict).
pub struct PlainSeed<T>(PhantomData<T>);

impl<T> PlainSeed<T> {
    pub fn new() -> Self {
        PlainSeed(PhantomData)
    }
}

impl<T> Default for PlainSeed<T> {
    fn default() -> Self {
        PlainSeed::new()
    }
}

impl<'de, T: de::Deserialize<'de>> DeserializeSeed<'de> for PlainSeed<T> {
    type Value = T;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        T::deserialize(deserializer)
    }
}

/// A scalar with the leniencies of `#[oidc(accept(..))]`.
pub struct LenientSeed<T> {
    leniency: Leniency,
    _t: PhantomData<T>,
}

impl<T> LenientSeed<T> {
    pub fn new(leniency: Leniency) -> Self {
        LenientSeed {
            leniency,
            _t: PhantomData,
        }
    }
}

impl<'de, T: LenientValue> DeserializeSeed<'de> for LenientSeed<T> {
    type Value = T;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, T: LenientValue> Visitor<'de> for LenientSeed<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(T::EXPECTING)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
        T::from_u64(v).ok_or_else(|| E::invalid_value(de::Unexpected::Unsigned(v), &self))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
        T::from_i64(v).ok_or_else(|| E::invalid_value(de::Unexpected::Signed(v), &self))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<T, E> {
        T::from_f64(v).ok_or_else(|| E::invalid_value(de::Unexpected::Float(v), &self))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<T, E> {
        T::from_bool(v).ok_or_else(|| E::invalid_type(de::Unexpected::Bool(v), &self))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        T::from_lenient_str(v, self.leniency)
            .ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
    }
}

/// A space-delimited list in JSON: one string, or (with `accept(array)`) an array.
pub struct SpaceListSeed<T> {
    accept_array: bool,
    _t: PhantomData<T>,
}

impl<T> SpaceListSeed<T> {
    pub fn new(accept_array: bool) -> Self {
        SpaceListSeed {
            accept_array,
            _t: PhantomData,
        }
    }
}

impl<'de, T: ParamValue> DeserializeSeed<'de> for SpaceListSeed<T> {
    type Value = Vec<T>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Vec<T>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, T: ParamValue> Visitor<'de> for SpaceListSeed<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        if self.accept_array {
            f.write_str("a space-delimited string or an array of strings")
        } else {
            f.write_str("a space-delimited string")
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Vec<T>, E> {
        split_space_delimited(v).map_err(E::custom)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        if !self.accept_array {
            return Err(de::Error::invalid_type(de::Unexpected::Seq, &self));
        }
        // Each element is read like the string form (split on spaces, empty pieces
        // dropped), so `["openid profile", ""]` is the list `openid profile` and decodes
        // to what it re-encodes as; `[]` and `[""]` are empty, i.e. absent.
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(4).min(64));
        while let Some(text) = seq.next_element_seed(TextSeed)? {
            for item in text.split(' ').filter(|item| !item.is_empty()) {
                items.push(T::from_param(Cow::Borrowed(item)).map_err(de::Error::custom)?);
            }
        }
        Ok(items)
    }
}

/// A `with = "module"` value: through the module's `deserialize`.
pub struct WithSeed<T, M>(PhantomData<(T, M)>);

impl<T, M> WithSeed<T, M> {
    pub fn new() -> Self {
        WithSeed(PhantomData)
    }
}

impl<T, M> Default for WithSeed<T, M> {
    fn default() -> Self {
        WithSeed::new()
    }
}

impl<'de, T, M: WithModule<T>> DeserializeSeed<'de> for WithSeed<T, M> {
    type Value = T;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        M::deserialize(deserializer)
    }
}

/// A JSON array into a `Vec` allocated once at its final length. JSON does not announce
/// an array's length, so `Vec`'s own `Deserialize` grows the vector (a block per
/// doubling); short arrays of small elements are gathered on the stack first instead.
/// The error texts are `Vec`'s ("expected a sequence").
pub struct ListSeed<T>(PhantomData<T>);

impl<T> ListSeed<T> {
    pub fn new() -> Self {
        ListSeed(PhantomData)
    }
}

impl<T> Default for ListSeed<T> {
    fn default() -> Self {
        ListSeed::new()
    }
}

impl<'de, T: de::Deserialize<'de>> DeserializeSeed<'de> for ListSeed<T> {
    type Value = Vec<T>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Vec<T>, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de, T: de::Deserialize<'de>> Visitor<'de> for ListSeed<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a sequence")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Vec<T>, A::Error> {
        collect_seq(seq)
    }
}

/// The elements of a JSON array as a vector allocated once at its final length when
/// it has at most [`GATHERED`] elements (JSON does not announce the length).
pub(crate) fn collect_seq<'de, T: de::Deserialize<'de>, A: SeqAccess<'de>>(
    seq: A,
) -> Result<Vec<T>, A::Error> {
    // Elements up to 32 bytes (a `String` is 24) are gathered on the stack, 16 at
    // most: 512 bytes of stack per nesting level, which serde_json bounds at 128.
    if std::mem::size_of::<T>() <= 32 {
        gather::<T, A>(seq)
    } else {
        grow::<T, A>(seq)
    }
}

/// Elements gathered on the stack before one allocation of the final length.
const GATHERED: usize = 16;

/// Up to [`GATHERED`] elements on the stack; a longer array moves them into a vector
/// with room for twice as many and goes on there.
#[inline(never)]
fn gather<'de, T: de::Deserialize<'de>, A: SeqAccess<'de>>(mut seq: A) -> Result<Vec<T>, A::Error> {
    let mut stack: [Option<T>; GATHERED] = std::array::from_fn(|_| None);
    let mut len = 0;
    loop {
        match seq.next_element()? {
            None => {
                let mut items = Vec::with_capacity(len);
                items.extend(stack.into_iter().take(len).flatten());
                return Ok(items);
            }
            Some(item) if len < GATHERED => {
                stack[len] = Some(item);
                len += 1;
            }
            Some(item) => {
                let mut items = Vec::with_capacity(2 * GATHERED);
                items.extend(stack.into_iter().flatten());
                items.push(item);
                return rest(seq, items);
            }
        }
    }
}

/// Larger elements: a growing vector (no stack buffer of them).
#[inline(never)]
fn grow<'de, T: de::Deserialize<'de>, A: SeqAccess<'de>>(seq: A) -> Result<Vec<T>, A::Error> {
    let items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
    rest(seq, items)
}

/// The remaining elements, pushed onto `items`.
fn rest<'de, T: de::Deserialize<'de>, A: SeqAccess<'de>>(
    mut seq: A,
    mut items: Vec<T>,
) -> Result<Vec<T>, A::Error> {
    while let Some(item) = seq.next_element()? {
        items.push(item);
    }
    Ok(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list<T: de::DeserializeOwned>(json: &str) -> Result<Vec<T>, serde_json::Error> {
        ListSeed::<T>::new().deserialize(&mut serde_json::Deserializer::from_str(json))
    }

    fn array(n: usize) -> String {
        let items: Vec<String> = (0..n).map(|i| format!("\"v{i}\"")).collect();
        format!("[{}]", items.join(","))
    }

    #[test]
    fn a_short_array_is_allocated_once_at_its_length() {
        for n in [0, 1, 2, 15, GATHERED] {
            let items: Vec<String> = list(&array(n)).unwrap();
            let expected: Vec<String> = (0..n).map(|i| format!("v{i}")).collect();
            assert_eq!(items, expected, "n={n}");
            assert_eq!(items.capacity(), n, "n={n}: one block of the final length");
        }
    }

    #[test]
    fn a_longer_array_keeps_every_element_in_order() {
        for n in [GATHERED + 1, 2 * GATHERED, 2 * GATHERED + 1, 100] {
            let items: Vec<String> = list(&array(n)).unwrap();
            let expected: Vec<String> = (0..n).map(|i| format!("v{i}")).collect();
            assert_eq!(items, expected, "n={n}");
        }
        // Past the stack, the vector starts with room for twice as many.
        let items: Vec<String> = list(&array(GATHERED + 1)).unwrap();
        assert_eq!(items.capacity(), 2 * GATHERED);
    }

    #[test]
    fn large_elements_are_read_into_a_growing_vector() {
        type Big = (u64, u64, u64, u64, u64);
        assert!(std::mem::size_of::<Big>() > 32);
        let items: Vec<Big> = list("[[1,2,3,4,5],[6,7,8,9,10]]").unwrap();
        assert_eq!(items, [(1, 2, 3, 4, 5), (6, 7, 8, 9, 10)]);
        assert_eq!(list::<Big>("[]").unwrap(), []);
    }

    #[test]
    fn errors_are_those_of_a_vec() {
        let ours = list::<String>(r#""openid""#).unwrap_err().to_string();
        let vec = serde_json::from_str::<Vec<String>>(r#""openid""#)
            .unwrap_err()
            .to_string();
        assert_eq!(ours, vec);
        assert!(ours.contains("expected a sequence"), "{ours}");
        let ours = list::<String>(r#"["a", 1]"#).unwrap_err().to_string();
        let vec = serde_json::from_str::<Vec<String>>(r#"["a", 1]"#)
            .unwrap_err()
            .to_string();
        assert_eq!(ours, vec);
        // An element error after the stack is full, too.
        let json = format!(
            "{},1]",
            &array(GATHERED + 2)[..array(GATHERED + 2).len() - 1]
        );
        assert!(list::<String>(&json).is_err());
    }
}
