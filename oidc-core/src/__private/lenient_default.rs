//! Required fields, and the default a lenient decode gives an absent one.

use std::marker::PhantomData;

use crate::error::Error;

/// A required field's value: present, or (lenient decoding) its type's default, or an error.
#[inline]
pub fn required<T>(
    slot: Option<T>,
    msg: &'static str,
    param: &'static str,
    missing: Option<&mut Vec<&'static str>>,
    default: impl FnOnce() -> Option<T>,
) -> Result<T, Error> {
    match (slot, missing) {
        (Some(value), _) => Ok(value),
        (None, Some(list)) => match default() {
            Some(value) => {
                list.push(param);
                Ok(value)
            }
            None => Err(Error::missing(msg, param)),
        },
        (None, None) => Err(Error::missing(msg, param)),
    }
}

/// Picks `T::default()` when `T: Default` (autoref specialization: the generated code
/// calls `(&&Probe::<T>::new()).lenient_default()` with both traits in scope, on a
/// concrete type).
pub struct Probe<T>(PhantomData<T>);

impl<T> Probe<T> {
    pub fn new() -> Self {
        Probe(PhantomData)
    }
}

impl<T> Default for Probe<T> {
    fn default() -> Self {
        Probe::new()
    }
}

pub trait ViaDefault<T> {
    fn lenient_default(&self) -> Option<T>;
}

impl<T: Default> ViaDefault<T> for &Probe<T> {
    fn lenient_default(&self) -> Option<T> {
        Some(T::default())
    }
}

pub trait WithoutDefault<T> {
    fn lenient_default(&self) -> Option<T>;
}

impl<T> WithoutDefault<T> for Probe<T> {
    fn lenient_default(&self) -> Option<T> {
        None
    }
}
