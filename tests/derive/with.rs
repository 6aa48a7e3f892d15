//! Foreign field types: `with = "module"` (a serde `with` module), `url::Url`
//! (feature `url`), and `NumericDate` conversions.

use std::time::Duration;

use oidc_core::{ExtraParams, NumericDate, OidcMessage};
use time::OffsetDateTime;

/// Seconds as a `Duration`, the way a serde `with` module is written.
mod seconds {
    use std::time::Duration;

    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(value: &Duration, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u64(value.as_secs())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Duration, D::Error> {
        u64::deserialize(deserializer).map(Duration::from_secs)
    }
}

/// A module that writes a structure: fine in JSON, not a form parameter.
mod pair {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(value: &(u8, u8), serializer: S) -> Result<S::Ok, S::Error> {
        [value.0, value.1].serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<(u8, u8), D::Error> {
        let [a, b] = <[u8; 2]>::deserialize(deserializer)?;
        Ok((a, b))
    }
}

#[derive(OidcMessage, Clone, PartialEq)]
struct Grant {
    #[oidc(required)]
    redirect_uri: url::Url,
    #[oidc(with = "time::serde::rfc3339")]
    not_before: Option<OffsetDateTime>,
    #[oidc(with = "seconds", default)]
    lifetime: Duration,
    #[oidc(with = "seconds", alias = "ttl")]
    grace: Option<Duration>,
    #[oidc(with = "pair")]
    pair: Option<(u8, u8)>,
    #[oidc(extra)]
    extra: ExtraParams,
}

const FORM: &str = "redirect_uri=https%3A%2F%2Frp.example%2Fcb%3Fa%3D1\
                    &not_before=2011-07-21T20%3A59%3A30Z&lifetime=3600&ttl=5";

#[test]
fn module_values_travel_as_parameter_text() {
    let g = Grant::from_form(FORM).unwrap();
    assert_eq!(g.redirect_uri.as_str(), "https://rp.example/cb?a=1");
    assert_eq!(
        g.not_before.map(NumericDate::from),
        Some(NumericDate::from_secs(1311281970))
    );
    assert_eq!(g.lifetime, Duration::from_secs(3600));
    // An alias goes through the module too.
    assert_eq!(g.grace, Some(Duration::from_secs(5)));
    assert_eq!(
        g.to_form(),
        "redirect_uri=https%3A%2F%2Frp.example%2Fcb%3Fa%3D1\
         &not_before=2011-07-21T20%3A59%3A30Z&lifetime=3600&grace=5"
    );
    assert_eq!(Grant::from_form(&g.to_form()).unwrap(), g);
    assert_eq!(serde_urlencoded::to_string(&g).unwrap(), g.to_form());
}

#[test]
fn module_values_are_json_values_in_json() {
    let g = Grant::from_form(FORM).unwrap();
    let json = g.to_json();
    assert_eq!(
        json,
        r#"{"redirect_uri":"https://rp.example/cb?a=1","not_before":"2011-07-21T20:59:30Z","lifetime":3600,"grace":5}"#
    );
    assert_eq!(Grant::from_json(&json).unwrap(), g);
    let with_pair =
        Grant::from_json(r#"{"redirect_uri":"https://rp.example/","pair":[1,2]}"#).unwrap();
    assert_eq!(with_pair.pair, Some((1, 2)));
    assert_eq!(with_pair.lifetime, Duration::ZERO);
    assert!(with_pair.to_json().ends_with(r#""pair":[1,2]}"#));
    // A structure is not one parameter: it is left out of forms.
    assert_eq!(
        with_pair.to_form(),
        "redirect_uri=https%3A%2F%2Frp.example%2F"
    );
}

#[test]
fn a_value_the_module_refuses_names_the_parameter() {
    let err = Grant::from_form("redirect_uri=https%3A%2F%2Frp&not_before=yesterday").unwrap_err();
    assert_eq!(err.parameter(), Some("not_before"));
    let err = Grant::from_form("redirect_uri=https%3A%2F%2Frp&lifetime=-1").unwrap_err();
    assert_eq!(err.parameter(), Some("lifetime"));
    let err = Grant::from_json(r#"{"redirect_uri":"https://rp","lifetime":"1"}"#).unwrap_err();
    assert_eq!(err.parameter(), Some("lifetime"));
}

#[test]
fn urls_must_be_absolute() {
    let err = Grant::from_form("redirect_uri=%2Fcb").unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"Grant: parameter "redirect_uri": expected an absolute URL (relative URL without a base), got "/cb""#
    );
    let err = Grant::from_json(r#"{"redirect_uri":"cb"}"#).unwrap_err();
    assert_eq!(err.parameter(), Some("redirect_uri"));
}

#[test]
fn numeric_dates_convert_to_and_from_system_and_offset_times() {
    let t = OffsetDateTime::from_unix_timestamp(1311281970).unwrap();
    let date = NumericDate::from(t);
    assert_eq!(OffsetDateTime::try_from(date).unwrap(), t);
    let system = std::time::SystemTime::try_from(date).unwrap();
    assert_eq!(NumericDate::try_from(system).unwrap(), date);
}
