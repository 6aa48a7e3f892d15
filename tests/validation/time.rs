//! Time claims for every token kind, both sides of every boundary, with the injected
//! clock: `exp` valid while `now < exp + L`, `nbf` from `now >= nbf - L` (RFC 7519
//! §4.1.5), `iat` at most `now + L` (a future `iat` is refused, as oauth4webapi does);
//! `max_age` while `now <= auth_time + max_age + L`; the caller's `min_iat` and
//! `min_auth_time` exactly, without `L`.

use oidc_core::messages::*;
use oidc_core::validation::*;
use oidc_core::{NumericDate, OidcMessage};
use serde_json::json;

use crate::NOW;

const KINDS: [&str; 3] = ["ID Token", "access token", "Logout Token"];

/// Validates a token of `kind` whose claims are the minimal valid ones plus `changes`,
/// with the clock at `now` and leeway `leeway` (None: the default).
fn validate(
    kind: &str,
    changes: serde_json::Value,
    now: i64,
    leeway: Option<i64>,
) -> Result<(), ValidationError> {
    let mut claims = match kind {
        "ID Token" => {
            json!({"iss": "https://op.example", "sub": "u1", "aud": "client", "exp": NOW + 300, "iat": NOW - 10})
        }
        "access token" => json!({"iss": "https://op.example", "exp": NOW + 300, "aud": "client",
            "sub": "u", "client_id": "c", "iat": NOW - 10, "jti": "j"}),
        _ => {
            json!({"iss": "https://op.example", "aud": "client", "iat": NOW - 10, "exp": NOW + 300,
            "jti": "j1", "sid": "s1", "events": {BACKCHANNEL_LOGOUT_EVENT: {}}})
        }
    };
    for (k, v) in changes.as_object().unwrap() {
        claims[k] = v.clone();
    }
    let json = claims.to_string();
    let clock = FixedClock(NumericDate::from_secs(now));
    macro_rules! run {
        ($token:ty, $checks:expr) => {{
            let checks = $checks.clock(clock);
            let checks = match leeway {
                Some(l) => checks.leeway(l),
                None => checks,
            };
            <$token>::from_json(&json).unwrap().validate_extern(&checks)
        }};
    }
    match kind {
        "ID Token" => run!(
            IdToken,
            IdTokenValidation::new("https://op.example", "client")
        ),
        "access token" => run!(
            JwtAccessToken,
            AccessTokenValidation::new("https://op.example", "client")
        ),
        _ => run!(
            BackChannelLogoutToken,
            LogoutTokenValidation::new("https://op.example", "client")
        ),
    }
}

#[test]
fn nbf_boundaries_for_every_kind() {
    for kind in KINDS {
        for leeway in [0, 5, 30] {
            let l = Some(leeway);
            // Valid from nbf - L on: now == nbf - L passes, one second earlier fails.
            let nbf = NOW + 100;
            assert_eq!(
                validate(kind, json!({"nbf": nbf}), nbf - leeway, l),
                Ok(()),
                "{kind}, L={leeway}: now == nbf - L"
            );
            assert_eq!(
                validate(kind, json!({"nbf": nbf}), nbf - leeway - 1, l),
                Err(ValidationError::NotYetValid {
                    token: kind_name(kind),
                    nbf: NumericDate::from_secs(nbf),
                    now: NumericDate::from_secs(nbf - leeway - 1),
                }),
                "{kind}, L={leeway}: now == nbf - L - 1"
            );
        }
        // The case: a token valid only a year from now.
        let err = validate(kind, json!({"nbf": NOW + 365 * 86_400}), NOW, None).unwrap_err();
        assert!(matches!(err, ValidationError::NotYetValid { .. }), "{kind}");
        // Absent nbf means no constraint.
        assert_eq!(validate(kind, json!({"nbf": NOW + 30}), NOW, None), Ok(()));
        assert_eq!(validate(kind, json!({}), NOW, None), Ok(()));
    }
}

#[test]
fn iat_in_the_future_for_every_kind() {
    for kind in KINDS {
        for leeway in [0, 5, 30] {
            let l = Some(leeway);
            assert_eq!(
                validate(kind, json!({"iat": NOW + leeway}), NOW, l),
                Ok(()),
                "{kind}, L={leeway}: iat == now + L"
            );
            assert_eq!(
                validate(kind, json!({"iat": NOW + leeway + 1}), NOW, l),
                Err(ValidationError::IssuedInFuture {
                    token: kind_name(kind),
                    iat: NumericDate::from_secs(NOW + leeway + 1),
                    now: NumericDate::from_secs(NOW),
                }),
                "{kind}, L={leeway}: iat == now + L + 1"
            );
        }
        // The default leeway is 30 s.
        assert_eq!(validate(kind, json!({"iat": NOW + 30}), NOW, None), Ok(()));
        assert!(validate(kind, json!({"iat": NOW + 31}), NOW, None).is_err());
    }
}

#[test]
fn exp_boundaries_for_every_kind() {
    for kind in KINDS {
        for leeway in [0, 5, 30] {
            let l = Some(leeway);
            // Valid while now < exp + L.
            let exp = NOW + 10;
            let at = |now: i64| validate(kind, json!({"exp": exp, "iat": exp - 100}), now, l);
            assert_eq!(at(exp + leeway - 1), Ok(()), "{kind}, L={leeway}");
            assert_eq!(
                at(exp + leeway),
                Err(ValidationError::Expired {
                    token: kind_name(kind),
                    exp: NumericDate::from_secs(exp),
                    now: NumericDate::from_secs(exp + leeway),
                }),
                "{kind}, L={leeway}"
            );
        }
    }
}

#[test]
fn a_negative_leeway_counts_as_zero() {
    for kind in KINDS {
        // exp one second ahead: valid with L = 0; a raw -100 would refuse it.
        assert_eq!(
            validate(kind, json!({"exp": NOW + 1, "iat": NOW}), NOW, Some(-100)),
            Ok(()),
            "{kind}"
        );
        assert!(validate(kind, json!({"exp": NOW, "iat": NOW}), NOW, Some(-100)).is_err());
        assert_eq!(validate(kind, json!({"nbf": NOW}), NOW, Some(-100)), Ok(()));
    }
}

#[test]
fn min_iat_boundary_is_exact() {
    // min_iat is the caller's bound: iat >= min, the leeway does not widen it.
    let token = IdToken::from_json(
        &json!({"iss": "https://op.example", "sub": "u1", "aud": "client", "exp": NOW + 300, "iat": NOW - 100})
            .to_string(),
    )
    .unwrap();
    for leeway in [0, 5, 30] {
        let checks = |min: i64| {
            IdTokenValidation::new("https://op.example", "client")
                .clock(FixedClock(NumericDate::from_secs(NOW)))
                .leeway(leeway)
                .min_iat(NumericDate::from_secs(min))
        };
        assert_eq!(
            token.validate_extern(&checks(NOW - 100)),
            Ok(()),
            "L={leeway}"
        );
        assert_eq!(
            token.validate_extern(&checks(NOW - 99)),
            Err(ValidationError::IssuedTooEarly {
                token: "ID Token",
                iat: NumericDate::from_secs(NOW - 100),
                min: NumericDate::from_secs(NOW - 99),
            }),
            "L={leeway}"
        );
    }
    // The same for Logout Tokens.
    let logout = BackChannelLogoutToken::from_json(
        &json!({"iss": "https://op.example", "aud": "client", "iat": NOW - 100, "exp": NOW + 300,
                "jti": "j1", "sid": "s1", "events": {BACKCHANNEL_LOGOUT_EVENT: {}}})
        .to_string(),
    )
    .unwrap();
    let checks = |min: i64| {
        LogoutTokenValidation::new("https://op.example", "client")
            .clock(FixedClock(NumericDate::from_secs(NOW)))
            .min_iat(NumericDate::from_secs(min))
    };
    assert_eq!(logout.validate_extern(&checks(NOW - 100)), Ok(()));
    assert!(matches!(
        logout.validate_extern(&checks(NOW - 99)),
        Err(ValidationError::IssuedTooEarly { .. })
    ));
}

#[test]
fn texts() {
    assert_eq!(
        validate("ID Token", json!({"nbf": NOW + 100}), NOW, None)
            .unwrap_err()
            .to_string(),
        format!("ID Token is not valid yet (nbf {}, now {NOW})", NOW + 100)
    );
    assert_eq!(
        validate("Logout Token", json!({"iat": NOW + 100}), NOW, None)
            .unwrap_err()
            .to_string(),
        format!(
            "Logout Token was issued in the future (iat {}, now {NOW})",
            NOW + 100
        )
    );
}

fn kind_name(kind: &str) -> &'static str {
    match kind {
        "ID Token" => "ID Token",
        "access token" => "access token",
        _ => "Logout Token",
    }
}

/// An ID Token issued at `auth_time`, valid for a day.
fn with_auth_time(auth_time: i64) -> IdToken {
    let iat = auth_time.clamp(NOW - 10_000, NOW);
    IdToken::from_json(
        &json!({"iss": "https://op.example", "sub": "u1", "aud": "client", "exp": iat + 86_400,
                "iat": iat, "auth_time": auth_time})
        .to_string(),
    )
    .unwrap()
}

#[test]
fn max_age_boundaries_on_the_validation_clock() {
    // Accepted while now <= auth_time + max_age + L (OIDC Core §3.1.2.1: an elapsed time
    // greater than max_age requires re-authentication; L absorbs the clock skew).
    for max_age in [0, 60, 3600] {
        for leeway in [0, 5, 30] {
            let checks = |now: i64| {
                IdTokenValidation::new("https://op.example", "client")
                    .clock(FixedClock(NumericDate::from_secs(now)))
                    .leeway(leeway)
                    .max_age(max_age)
            };
            let auth_time = NOW - 1000;
            let last = auth_time + max_age as i64 + leeway;
            let token = with_auth_time(auth_time);
            assert_eq!(
                token.validate_extern(&checks(last)),
                Ok(()),
                "max_age={max_age} L={leeway}: now == auth_time + max_age + L"
            );
            assert_eq!(
                token.validate_extern(&checks(last + 1)),
                Err(ValidationError::MaxAgeExceeded {
                    token: "ID Token",
                    auth_time: NumericDate::from_secs(auth_time),
                    max_age,
                    now: NumericDate::from_secs(last + 1),
                }),
                "max_age={max_age} L={leeway}: one second later"
            );
        }
    }
    // The clock is the validation clock: the same token, a later clock.
    let token = with_auth_time(NOW - 100);
    let at = |now: i64| {
        IdTokenValidation::new("https://op.example", "client")
            .clock(FixedClock(NumericDate::from_secs(now)))
            .max_age(100)
    };
    assert_eq!(token.validate_extern(&at(NOW + 30)), Ok(()));
    assert!(token.validate_extern(&at(NOW + 31)).is_err());
    assert_eq!(
        ValidationError::MaxAgeExceeded {
            token: "ID Token",
            auth_time: NumericDate::from_secs(10),
            max_age: 5,
            now: NumericDate::from_secs(100),
        }
        .to_string(),
        "the session of this ID Token is older than max_age (auth_time 10, max_age 5, now 100)"
    );
    // Huge values saturate instead of overflowing (or panicking).
    assert_eq!(
        with_auth_time(i64::MAX - 1).validate_extern(&at(NOW).max_age(u64::MAX)),
        Ok(())
    );
    assert!(matches!(
        with_auth_time(i64::MIN).validate_extern(&at(NOW).max_age(u64::MAX)),
        Err(ValidationError::MaxAgeExceeded { .. })
    ));
}

#[test]
fn max_age_requires_auth_time() {
    let token = IdToken::from_json(
        &json!({"iss": "https://op.example", "sub": "u1", "aud": "client", "exp": NOW + 300, "iat": NOW - 10})
            .to_string(),
    )
    .unwrap();
    let checks = IdTokenValidation::new("https://op.example", "client")
        .clock(FixedClock(NumericDate::from_secs(NOW)))
        .max_age(3600);
    assert_eq!(
        token.validate_extern(&checks),
        Err(ValidationError::AuthTimeMissing { token: "ID Token" })
    );
}

#[test]
fn min_auth_time_boundary_is_exact() {
    let token = with_auth_time(NOW - 100);
    for leeway in [0, 30] {
        let checks = |min: i64| {
            IdTokenValidation::new("https://op.example", "client")
                .clock(FixedClock(NumericDate::from_secs(NOW)))
                .leeway(leeway)
                .min_auth_time(NumericDate::from_secs(min))
        };
        assert_eq!(
            token.validate_extern(&checks(NOW - 100)),
            Ok(()),
            "L={leeway}"
        );
        assert_eq!(
            token.validate_extern(&checks(NOW - 99)),
            Err(ValidationError::AuthTimeTooOld {
                token: "ID Token",
                auth_time: NumericDate::from_secs(NOW - 100),
                min: NumericDate::from_secs(NOW - 99),
            }),
            "L={leeway}"
        );
    }
}
