use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use crate::__private::{Leniency, LenientValue};
use crate::codec::value::ParamValue;
use crate::error::quoted;

/// A JSON NumericDate: seconds since 1970-01-01T00:00:00Z, UTC (RFC 7519 §2).
///
/// RFC 7519 allows non-integer values; a fraction is accepted and dropped (rounded
/// toward negative infinity), since every check in OpenID Connect works in whole
/// seconds. Encodes as an integer.
///
/// ```
/// use oidc_core::NumericDate;
///
/// let d: NumericDate = serde_json::from_str("1311281970.5").unwrap();
/// assert_eq!(d, NumericDate::from_secs(1311281970));
/// assert_eq!(serde_json::to_string(&d).unwrap(), "1311281970");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct NumericDate(i64);

impl NumericDate {
    /// The date `secs` seconds after the epoch.
    pub const fn from_secs(secs: i64) -> Self {
        NumericDate(secs)
    }

    /// Seconds since the epoch.
    pub const fn as_secs(self) -> i64 {
        self.0
    }

    /// Parses RFC 3339 date-time text (`2024-05-01T10:00:00.123Z`), as some providers
    /// send for `updated_at`.
    pub fn parse_rfc3339(text: &str) -> Option<Self> {
        let dt = time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339)
            .ok()?;
        Some(NumericDate(dt.unix_timestamp()))
    }

    fn from_float(v: f64) -> Option<Self> {
        // i64::MAX as f64 rounds up to 2^63, so compare with `<`.
        (v.is_finite() && v >= i64::MIN as f64 && v < i64::MAX as f64)
            .then(|| NumericDate(v.floor() as i64))
    }
}

impl fmt::Display for NumericDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl From<i64> for NumericDate {
    fn from(secs: i64) -> Self {
        NumericDate(secs)
    }
}

impl Serialize for NumericDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i64(self.0)
    }
}

struct NumericDateVisitor;

impl Visitor<'_> for NumericDateVisitor {
    type Value = NumericDate;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a NumericDate (seconds since the epoch)")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<NumericDate, E> {
        i64::try_from(v)
            .map(NumericDate)
            .map_err(|_| E::custom(format!("NumericDate {v} is out of range")))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<NumericDate, E> {
        Ok(NumericDate(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<NumericDate, E> {
        NumericDate::from_float(v)
            .ok_or_else(|| E::custom(format!("NumericDate {v} is out of range")))
    }
}

impl<'de> Deserialize<'de> for NumericDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // serde_json's deserialize_i64 visits whichever number kind it parsed (so
        // fractions arrive as f64); form deserializers parse the text as an integer.
        deserializer.deserialize_i64(NumericDateVisitor)
    }
}

impl ParamValue for NumericDate {
    fn from_param(text: Cow<'_, str>) -> Result<Self, String> {
        if let Ok(secs) = text.parse::<i64>() {
            return Ok(NumericDate(secs));
        }
        text.parse::<f64>()
            .ok()
            .and_then(NumericDate::from_float)
            .ok_or_else(|| {
                format!(
                    "expected a NumericDate (seconds since the epoch), got {}",
                    quoted(&text)
                )
            })
    }

    fn with_param<R>(&self, f: impl FnOnce(&str) -> R) -> R {
        f(itoa::Buffer::new().format(self.0))
    }

    fn is_empty_param(&self) -> bool {
        false
    }
}

impl LenientValue for NumericDate {
    const EXPECTING: &'static str = "a NumericDate (seconds since the epoch)";

    fn from_u64(v: u64) -> Option<Self> {
        i64::try_from(v).ok().map(NumericDate)
    }

    fn from_i64(v: i64) -> Option<Self> {
        Some(NumericDate(v))
    }

    fn from_f64(v: f64) -> Option<Self> {
        NumericDate::from_float(v)
    }

    fn from_lenient_str(text: &str, leniency: Leniency) -> Option<Self> {
        if leniency.string_number {
            if let Ok(date) = NumericDate::from_param(Cow::Borrowed(text.trim())) {
                return Some(date);
            }
        }
        if leniency.rfc3339 {
            return NumericDate::parse_rfc3339(text);
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fractions_are_accepted_and_floored() {
        let d: NumericDate = serde_json::from_str("-1.5").unwrap();
        assert_eq!(d.as_secs(), -2);
        assert!(serde_json::from_str::<NumericDate>("1e300").is_err());
        assert!(serde_json::from_str::<NumericDate>("\"1\"").is_err());
    }

    #[test]
    fn rfc3339_text() {
        assert_eq!(
            NumericDate::parse_rfc3339("2011-07-21T20:59:30Z"),
            Some(NumericDate::from_secs(1311281970))
        );
        assert_eq!(
            NumericDate::parse_rfc3339("2011-07-21T22:59:30.25+02:00"),
            Some(NumericDate::from_secs(1311281970))
        );
        assert_eq!(NumericDate::parse_rfc3339("yesterday"), None);
    }
}
