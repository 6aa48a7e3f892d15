//! The per-field leniencies of `#[oidc(accept(..))]` for real providers' JSON: which
//! deviations a field accepts, and how each scalar type reads them.

use crate::codec::value::ParamValue;

/// Which real-provider deviations one field accepts in JSON (`#[oidc(accept(..))]`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Leniency {
    /// `"3600"` for a number (Azure/Apple `expires_in`, Apple `iat`).
    pub string_number: bool,
    /// `"true"` / `"false"` for a bool (Apple / Cognito `email_verified`).
    pub string_bool: bool,
    /// A JSON array of strings for a space-delimited list (Xero / Twitch `scope`).
    pub array: bool,
    /// RFC 3339 text for a NumericDate (Auth0 `updated_at`).
    pub rfc3339: bool,
}

impl Leniency {
    /// The leniencies as bits (string_number 1, string_bool 2, array 4, rfc3339 8), so
    /// a field's set can be a const generic argument (`Lenient<T, BITS>`).
    pub const fn to_bits(self) -> u8 {
        (self.string_number as u8)
            | (self.string_bool as u8) << 1
            | (self.array as u8) << 2
            | (self.rfc3339 as u8) << 3
    }

    /// The inverse of [`to_bits`](Self::to_bits).
    pub const fn from_bits(bits: u8) -> Self {
        Leniency {
            string_number: bits & 1 != 0,
            string_bool: bits & 2 != 0,
            array: bits & 4 != 0,
            rfc3339: bits & 8 != 0,
        }
    }
}

/// A scalar type with documented leniencies in JSON; see [`Leniency`]. Implemented for
/// the integers, `bool` and `NumericDate` (the types `accept(..)` applies to).
pub trait LenientValue: ParamValue {
    /// What a strict value looks like, for error texts.
    const EXPECTING: &'static str;

    /// From a JSON unsigned integer, if it fits.
    fn from_u64(_v: u64) -> Option<Self> {
        None
    }
    /// From a JSON negative integer, if it fits.
    fn from_i64(_v: i64) -> Option<Self> {
        None
    }
    /// From a JSON number with a fraction or exponent, if this type takes one.
    fn from_f64(_v: f64) -> Option<Self> {
        None
    }
    /// From a JSON boolean, if this type is one.
    fn from_bool(_v: bool) -> Option<Self> {
        None
    }
    /// The string form, when `leniency` allows one.
    fn from_lenient_str(text: &str, leniency: Leniency) -> Option<Self>;
}

macro_rules! lenient_integer {
    ($expect:literal: $($t:ty)*) => {$(
        impl LenientValue for $t {
            const EXPECTING: &'static str = $expect;

            fn from_u64(v: u64) -> Option<Self> {
                <$t>::try_from(v).ok()
            }

            fn from_i64(v: i64) -> Option<Self> {
                <$t>::try_from(v).ok()
            }

            fn from_lenient_str(text: &str, leniency: Leniency) -> Option<Self> {
                if leniency.string_number { text.trim().parse().ok() } else { None }
            }
        }
    )*};
}

lenient_integer!("a non-negative integer": u8 u16 u32 u64 u128 usize);
lenient_integer!("an integer": i8 i16 i32 i64 i128 isize);

impl LenientValue for bool {
    const EXPECTING: &'static str = "true or false";

    fn from_bool(v: bool) -> Option<Self> {
        Some(v)
    }

    fn from_lenient_str(text: &str, leniency: Leniency) -> Option<Self> {
        match (leniency.string_bool, text) {
            (true, "true") => Some(true),
            (true, "false") => Some(false),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STRING_NUMBER: Leniency = Leniency {
        string_number: true,
        string_bool: false,
        array: false,
        rfc3339: false,
    };
    const STRING_BOOL: Leniency = Leniency {
        string_number: false,
        string_bool: true,
        array: false,
        rfc3339: false,
    };

    #[test]
    fn leniency_bits_round_trip() {
        for bits in 0..16u8 {
            assert_eq!(Leniency::from_bits(bits).to_bits(), bits);
        }
        assert_eq!(STRING_BOOL.to_bits(), 2);
        assert_eq!(Leniency::from_bits(1), STRING_NUMBER);
    }

    #[test]
    fn numeric_strings_only_when_allowed() {
        assert_eq!(u64::from_lenient_str(" 3600 ", STRING_NUMBER), Some(3600));
        assert_eq!(u64::from_lenient_str("3600", Leniency::default()), None);
        assert_eq!(u64::from_lenient_str("-1", STRING_NUMBER), None);
        assert_eq!(i32::from_lenient_str("-1", STRING_NUMBER), Some(-1));
        assert_eq!(u8::from_u64(256), None);
        assert_eq!(u8::from_u64(255), Some(255));
        assert_eq!(u64::from_i64(-1), None);
    }

    #[test]
    fn boolean_strings_only_when_allowed() {
        assert_eq!(bool::from_lenient_str("true", STRING_BOOL), Some(true));
        assert_eq!(bool::from_lenient_str("false", STRING_BOOL), Some(false));
        assert_eq!(bool::from_lenient_str("yes", STRING_BOOL), None);
        assert_eq!(bool::from_lenient_str("true", Leniency::default()), None);
        assert_eq!(bool::from_bool(false), Some(false));
    }
}
