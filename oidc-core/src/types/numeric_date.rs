use std::borrow::Cow;
use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

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

/// A time that a [`NumericDate`] or a [`SystemTime`] cannot represent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("time out of range")]
pub struct TimeOutOfRange;

/// The whole seconds of `time` (rounded down, as a NumericDate's fraction is).
///
/// ```
/// use std::time::{Duration, SystemTime, UNIX_EPOCH};
/// use oidc_core::NumericDate;
///
/// let t = UNIX_EPOCH + Duration::from_millis(1_311_281_970_900);
/// assert_eq!(NumericDate::try_from(t)?, NumericDate::from_secs(1311281970));
/// assert_eq!(SystemTime::try_from(NumericDate::from_secs(1311281970))?, UNIX_EPOCH + Duration::from_secs(1311281970));
/// # Ok::<(), oidc_core::TimeOutOfRange>(())
/// ```
impl TryFrom<SystemTime> for NumericDate {
    type Error = TimeOutOfRange;

    fn try_from(time: SystemTime) -> Result<Self, TimeOutOfRange> {
        match time.duration_since(UNIX_EPOCH) {
            Ok(after) => i64::try_from(after.as_secs())
                .map(NumericDate)
                .map_err(|_| TimeOutOfRange),
            Err(before) => {
                let before = before.duration();
                let whole = before.as_secs() + u64::from(before.subsec_nanos() > 0);
                // -2^63 is the last representable second.
                0i64.checked_sub_unsigned(whole)
                    .map(NumericDate)
                    .ok_or(TimeOutOfRange)
            }
        }
    }
}

impl TryFrom<NumericDate> for SystemTime {
    type Error = TimeOutOfRange;

    fn try_from(date: NumericDate) -> Result<Self, TimeOutOfRange> {
        let secs = Duration::from_secs(date.0.unsigned_abs());
        if date.0 >= 0 {
            UNIX_EPOCH.checked_add(secs)
        } else {
            UNIX_EPOCH.checked_sub(secs)
        }
        .ok_or(TimeOutOfRange)
    }
}

/// The whole seconds of `time` (rounded down).
///
/// ```
/// use oidc_core::NumericDate;
/// use time::OffsetDateTime;
///
/// let t = OffsetDateTime::from_unix_timestamp(1311281970)?;
/// assert_eq!(NumericDate::from(t), NumericDate::from_secs(1311281970));
/// assert_eq!(OffsetDateTime::try_from(NumericDate::from_secs(1311281970))?, t);
/// # Ok::<(), time::error::ComponentRange>(())
/// ```
impl From<time::OffsetDateTime> for NumericDate {
    fn from(time: time::OffsetDateTime) -> Self {
        NumericDate(time.unix_timestamp())
    }
}

/// The date in UTC; out of `time`'s range (years ±9999) is an error.
impl TryFrom<NumericDate> for time::OffsetDateTime {
    type Error = time::error::ComponentRange;

    fn try_from(date: NumericDate) -> Result<Self, Self::Error> {
        time::OffsetDateTime::from_unix_timestamp(date.0)
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
        // A string is not a NumericDate; the error says what was expected.
        let err = serde_json::from_str::<NumericDate>("\"1\"").unwrap_err();
        assert!(
            err.to_string()
                .contains("expected a NumericDate (seconds since the epoch)"),
            "{err}"
        );
    }

    /// A fraction is accepted while its whole seconds fit an `i64`: -2^63 does, 2^63
    /// (the first float past `i64::MAX`) does not, rather than being clamped to it.
    #[test]
    fn fractions_at_the_ends_of_the_range() {
        let read = |json: &str| serde_json::from_str::<NumericDate>(json).ok();
        assert_eq!(
            read("-9.223372036854775808e18"),
            Some(NumericDate(i64::MIN))
        );
        assert_eq!(read("9.223372036854775808e18"), None);
        assert_eq!(
            read("9.2233720368547748e18"),
            Some(NumericDate(9_223_372_036_854_774_784))
        );
        assert_eq!(
            NumericDate::from_param("9223372036854775808.0".into()).ok(),
            None
        );
    }

    #[test]
    fn shown_and_built_as_its_seconds() {
        assert_eq!(NumericDate::from_secs(-5).to_string(), "-5");
        assert_eq!(NumericDate(1_311_281_970).to_string(), "1311281970");
        assert_eq!(
            NumericDate::from(1_311_281_970),
            NumericDate::from_secs(1_311_281_970)
        );
        assert_eq!(NumericDate::from(-1).as_secs(), -1);
    }

    #[test]
    fn system_time_conversions_round_down_and_round_trip() {
        let before = UNIX_EPOCH - Duration::from_millis(1500);
        assert_eq!(NumericDate::try_from(before), Ok(NumericDate(-2)));
        let exactly = UNIX_EPOCH - Duration::from_secs(2);
        assert_eq!(NumericDate::try_from(exactly), Ok(NumericDate(-2)));
        assert_eq!(NumericDate::try_from(UNIX_EPOCH), Ok(NumericDate(0)));
        for secs in [-2, -1, 0, 1, 1311281970] {
            let date = NumericDate(secs);
            assert_eq!(
                NumericDate::try_from(SystemTime::try_from(date).unwrap()),
                Ok(date)
            );
        }
        // Where the platform's SystemTime reaches past a NumericDate (Linux: it does
        // not, but one second before -2^63 with a fraction would).
        let min = Duration::from_secs(i64::MIN.unsigned_abs());
        if let Some(t) = UNIX_EPOCH.checked_sub(min) {
            assert_eq!(NumericDate::try_from(t), Ok(NumericDate(i64::MIN)));
            if let Some(t) = t.checked_sub(Duration::from_nanos(1)) {
                assert_eq!(NumericDate::try_from(t), Err(TimeOutOfRange));
            }
        }
        if let Some(t) = UNIX_EPOCH.checked_add(Duration::from_secs(i64::MAX as u64 + 1)) {
            assert_eq!(NumericDate::try_from(t), Err(TimeOutOfRange));
        }
    }

    #[test]
    fn offset_date_time_conversions() {
        let t = time::OffsetDateTime::from_unix_timestamp(-1).unwrap()
            + time::Duration::milliseconds(500);
        assert_eq!(NumericDate::from(t), NumericDate(-1));
        assert!(time::OffsetDateTime::try_from(NumericDate(i64::MAX)).is_err());
        assert_eq!(
            time::OffsetDateTime::try_from(NumericDate(0)).unwrap(),
            time::OffsetDateTime::UNIX_EPOCH
        );
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

    #[test]
    fn integers_deserialize_to_their_value_on_both_serde_paths() {
        use serde::de::value::{Error, I64Deserializer, U64Deserializer};
        use serde::de::IntoDeserializer;
        // serde_json visits a non-negative integer as u64, a negative one as i64.
        assert_eq!(
            serde_json::from_str::<NumericDate>("1311281970").unwrap(),
            NumericDate(1311281970)
        );
        assert_eq!(
            serde_json::from_str::<NumericDate>("-1311281970").unwrap(),
            NumericDate(-1311281970)
        );
        let u: U64Deserializer<Error> = 1311281970u64.into_deserializer();
        assert_eq!(
            NumericDate::deserialize(u).unwrap(),
            NumericDate(1311281970)
        );
        let i: I64Deserializer<Error> = (-7i64).into_deserializer();
        assert_eq!(NumericDate::deserialize(i).unwrap(), NumericDate(-7));
        let i: I64Deserializer<Error> = i64::MAX.into_deserializer();
        assert_eq!(NumericDate::deserialize(i).unwrap(), NumericDate(i64::MAX));
        // The largest u64 that is an i64, and the first that is not.
        let max: U64Deserializer<Error> = (i64::MAX as u64).into_deserializer();
        assert_eq!(
            NumericDate::deserialize(max).unwrap(),
            NumericDate(i64::MAX)
        );
        let over: U64Deserializer<Error> = (i64::MAX as u64 + 1).into_deserializer();
        assert_eq!(
            NumericDate::deserialize(over).unwrap_err().to_string(),
            "NumericDate 9223372036854775808 is out of range"
        );
        // And back: serialized as the integer.
        assert_eq!(serde_json::to_string(&NumericDate(-7)).unwrap(), "-7");
    }
}
