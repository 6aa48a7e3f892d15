//! The JWT targets' key set and the checks run on every token.
//!
//! The key set holds real keys from `tests/data` (the project's test keys, the OIDC
//! Core Appendix A.7 key, RFC 7520's cookbook keys, the providers whose tokens are
//! fixtures, and the test HMAC secret), so a seed whose signature the fuzzer keeps
//! verifies and its claims reach `validate_extern`.

use std::sync::OnceLock;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use oidc_core::jwt::{header_algorithm, verify_payload, JwkSet, JwtError, JwtOptions};
use oidc_core::messages::{BackChannelLogoutToken, IdToken, JwtAccessToken};
use oidc_core::validation::{
    AccessTokenValidation, FixedClock, IdTokenValidation, LogoutTokenValidation, Nonce,
    DEFAULT_LEEWAY_SECS,
};
use oidc_core::{Audience, NumericDate, OidcMessage};

use crate::check::{debug, error_text, fail_unless_tolerated};
use crate::messages::{name, Message};

/// The shared secret of `tests/data/keys/hmac-secret.txt` (HS256 keys of `jwt_claims`).
pub const HMAC_SECRET: &[u8] = include_bytes!("../../tests/data/keys/hmac-secret.txt");

const KEY_SETS: &[&str] = &[
    include_str!("../../tests/data/keys/public-jwks.json"),
    include_str!("../../tests/data/jwks/apple-aspnet-contrib-fixture.json"),
    include_str!("../../tests/data/jwks/superoffice.json"),
    include_str!("../../tests/data/jwks/xero.json"),
];

const SINGLE_KEYS: &[&str] = &[
    include_str!("../../tests/data/jws/oidc-core-A.7-example-rsa-key-public.json"),
    include_str!("../../tests/data/jws/oidc-core-6.1-rp-key-k2bdc-public.json"),
    include_str!("../../tests/data/jws/rfc7520-jwk-3_3.rsa_public_key.json"),
    include_str!("../../tests/data/jws/rfc7520-jwk-3_5.symmetric_key_mac_computation.json"),
];

/// Every key above, and the HMAC secrets as `oct` keys without `kid` (the test secret,
/// and `ahoj`, the secret of the OpenID-Connect-PHP logout token fixture).
pub fn keys() -> &'static JwkSet {
    static KEYS: OnceLock<JwkSet> = OnceLock::new();
    KEYS.get_or_init(|| {
        let mut all: Vec<serde_json::Value> = Vec::new();
        for set in KEY_SETS {
            let set = set.strip_prefix('\u{feff}').unwrap_or(set);
            let doc: serde_json::Value = serde_json::from_str(set).expect("a key set fixture");
            all.extend(doc["keys"].as_array().expect("keys").iter().cloned());
        }
        for key in SINGLE_KEYS {
            all.push(serde_json::from_str(key).expect("a key fixture"));
        }
        for secret in [HMAC_SECRET, b"ahoj"] {
            all.push(serde_json::json!({"kty": "oct", "k": URL_SAFE_NO_PAD.encode(secret)}));
        }
        let doc = serde_json::json!({ "keys": all }).to_string();
        JwkSet::from_json(&doc).expect("the fuzz key set")
    })
}

/// Every algorithm this library verifies, HMAC included.
pub fn options() -> JwtOptions {
    JwtOptions::default().allow_hmac()
}

/// The issuer, client and nonce of the OIDC Core examples (Appendix A), and a time at
/// which their tokens are valid.
const SPEC_ISSUER: &str = "https://server.example.com";
const SPEC_CLIENT: &str = "s6BhdRkqt3";
const SPEC_NONCE: &str = "n-0S6_WzA2Mj";
const SPEC_NOW: i64 = 1_311_281_000;

/// Runs one token through every token kind and checks:
///
/// - `from_jwt` accepts only what `verify_payload` accepts, and gives what `from_json`
///   gives for the verified payload (the claims follow the JSON rules);
/// - every error text is one bounded line;
/// - `validate_extern`, with the spec's values and with the token's own values at its
///   own `iat`; when the latter passes, a later clock (`exp` + leeway), another
///   issuer, another audience, another nonce each fail, and `exp` + leeway - 1 passes;
///   `nbf` and an `iat` in the future are enforced (issue 8 item 5);
/// - `aud` survives a form round trip (issue 8 item 11);
/// - one token never passes as two kinds, and the trait's `from_jwt` applies the
///   kind's `typ` rule (issue 8 item 2).
pub fn check_token(token: &str) {
    let keys = keys();
    let options = options();
    if let Err(e) = header_algorithm(token) {
        error_text("header_algorithm", &e);
    }
    let payload = verify_payload(token, keys, &options);
    if let Err(e) = &payload {
        error_text("verify_payload", e);
    }
    let id = IdToken::from_jwt(token, keys, &options);
    let access = JwtAccessToken::from_jwt(token, keys, &options);
    let logout = BackChannelLogoutToken::from_jwt(token, keys, &options);
    agrees_with_json(&id, &payload);
    agrees_with_json(&access, &payload);
    agrees_with_json(&logout, &payload);

    // The trait's from_jwt (what generic code calls) is no more lenient than the
    // type's own.
    let generic_access = <JwtAccessToken as OidcMessage>::from_jwt(token, keys, &options);
    if generic_access.is_ok() && access.is_err() {
        fail_unless_tolerated(
            "2",
            format_args!("<JwtAccessToken as OidcMessage>::from_jwt accepts what JwtAccessToken::from_jwt refuses: {token:?}"),
        );
    }
    let generic_logout = <BackChannelLogoutToken as OidcMessage>::from_jwt(token, keys, &options);
    if generic_logout.is_ok() && logout.is_err() {
        fail_unless_tolerated(
            "2",
            format_args!("<BackChannelLogoutToken as OidcMessage>::from_jwt accepts what BackChannelLogoutToken::from_jwt refuses: {token:?}"),
        );
    }

    if let Ok(t) = &id {
        audience_survives_form(
            "ID Token",
            &t.aud,
            IdToken::from_form(&t.to_form()).map(|t| t.aud),
        );
        validate_id_token(t);
    }
    if let Ok(t) = &access {
        audience_survives_form(
            "access token",
            &t.aud,
            JwtAccessToken::from_form(&t.to_form()).map(|t| t.aud),
        );
        validate_access_token(t);
        if id.is_ok() {
            fail_unless_tolerated(
                "2",
                format_args!("a JWT access token also passes as an ID Token: {token:?}"),
            );
        }
    }
    if let Ok(t) = &logout {
        audience_survives_form(
            "Logout Token",
            &t.aud,
            BackChannelLogoutToken::from_form(&t.to_form()).map(|t| t.aud),
        );
        if validate_logout_token(t) && id.is_ok() {
            fail_unless_tolerated(
                "2",
                format_args!("a valid Logout Token also passes as an ID Token: {token:?}"),
            );
        }
    }
}

fn agrees_with_json<M: Message>(
    decoded: &Result<M, JwtError>,
    payload: &Result<Vec<u8>, JwtError>,
) {
    match decoded {
        Ok(message) => {
            debug(message);
            let payload = payload.as_ref().unwrap_or_else(|e| {
                panic!(
                    "{}::from_jwt accepts a token verify_payload refuses ({e})",
                    name::<M>()
                )
            });
            let json = std::str::from_utf8(payload).unwrap_or_else(|_| {
                panic!(
                    "{}::from_jwt accepts a payload that is not UTF-8",
                    name::<M>()
                )
            });
            assert_eq!(
                M::from_json(json).as_ref(),
                Ok(message),
                "{}::from_jwt and from_json disagree on {json:?}",
                name::<M>()
            );
        }
        Err(e) => error_text(name::<M>(), e),
    }
}

/// The `aud` of claims read from JSON is the same after a form round trip (issue 8
/// item 11: a single audience whose text looks like a JSON array stays single).
fn audience_survives_form(token: &str, aud: &Audience, again: Result<Audience, oidc_core::Error>) {
    if let Ok(again) = again {
        if &again != aud {
            fail_unless_tolerated(
                "11",
                format_args!("{token} aud {aud:?} becomes {again:?} after a form round trip"),
            );
        }
    }
}

/// The nonce rule the token's own nonce satisfies.
fn own_nonce(t: &IdToken) -> Nonce<'_> {
    match t.nonce.as_deref() {
        Some(nonce) => Nonce::Expected(nonce),
        None => Nonce::NoneSent,
    }
}

/// The time `secs` seconds after `date`, if it does not overflow.
fn after(date: NumericDate, secs: i64) -> Option<NumericDate> {
    date.as_secs().checked_add(secs).map(NumericDate::from_secs)
}

/// Something `value` is not (for "another issuer / audience / nonce").
fn other(value: &str) -> String {
    format!("{value}#other")
}

fn validate_id_token(t: &IdToken) {
    let spec = IdTokenValidation::new(SPEC_ISSUER, SPEC_CLIENT)
        .nonce(SPEC_NONCE)
        .clock(FixedClock(NumericDate::from_secs(SPEC_NOW)));
    if let Err(e) = t.validate_extern(&spec) {
        error_text("IdToken::validate_extern", &e);
    }

    let audiences: Vec<&str> = t.aud.iter().collect();
    let Some(client) = t.azp.as_deref().or(audiences.first().copied()) else {
        return;
    };
    let own = |clock: NumericDate| {
        IdTokenValidation::new(t.iss.as_str(), client)
            .extra_trusted_audiences(&audiences)
            .nonce_rule(own_nonce(t))
            .clock(FixedClock(clock))
    };
    if let Err(e) = t.validate_extern(&own(t.iat)) {
        error_text("IdToken::validate_extern", &e);
        return;
    }
    let wrong_issuer = other(&t.iss);
    let wrong_nonce = other(t.nonce.as_deref().unwrap_or_default());
    let wrong_client = other(client);
    let mutants = [
        (
            "another issuer",
            IdTokenValidation::new(wrong_issuer.as_str(), client)
                .extra_trusted_audiences(&audiences)
                .nonce_rule(own_nonce(t))
                .clock(FixedClock(t.iat)),
        ),
        ("another nonce", own(t.iat).nonce(&wrong_nonce)),
    ];
    for (what, checks) in mutants {
        assert!(
            t.validate_extern(&checks).is_err(),
            "ID Token valid with {what}: {t:?}"
        );
    }
    if !t.aud.contains(&wrong_client) {
        let checks = IdTokenValidation::new(t.iss.as_str(), &wrong_client)
            .extra_trusted_audiences(&audiences)
            .expect_self_azp(false)
            .nonce_rule(own_nonce(t))
            .clock(FixedClock(t.iat));
        assert!(
            t.validate_extern(&checks).is_err(),
            "ID Token valid for another client: {t:?}"
        );
    }
    expiry_is_enforced("ID Token", t.exp, |now| {
        t.validate_extern(&own(now)).is_ok()
    });
    time_claims_are_enforced("ID Token", &t.to_json(), t.iat, |now| {
        t.validate_extern(&own(now)).is_ok()
    });
}

fn validate_access_token(t: &JwtAccessToken) {
    let spec = AccessTokenValidation::new(SPEC_ISSUER, SPEC_CLIENT)
        .clock(FixedClock(NumericDate::from_secs(SPEC_NOW)));
    if let Err(e) = t.validate_extern(&spec) {
        error_text("JwtAccessToken::validate_extern", &e);
    }
    let Some(audience) = t.aud.iter().next() else {
        return;
    };
    let own = |clock: NumericDate| {
        AccessTokenValidation::new(t.iss.as_str(), audience).clock(FixedClock(clock))
    };
    if let Err(e) = t.validate_extern(&own(t.iat)) {
        error_text("JwtAccessToken::validate_extern", &e);
        return;
    }
    let wrong_issuer = other(&t.iss);
    let checks =
        AccessTokenValidation::new(wrong_issuer.as_str(), audience).clock(FixedClock(t.iat));
    assert!(
        t.validate_extern(&checks).is_err(),
        "access token valid with another issuer: {t:?}"
    );
    let wrong_audience = other(audience);
    if !t.aud.contains(&wrong_audience) {
        let checks =
            AccessTokenValidation::new(t.iss.as_str(), &wrong_audience).clock(FixedClock(t.iat));
        assert!(
            t.validate_extern(&checks).is_err(),
            "access token valid for another audience: {t:?}"
        );
    }
    expiry_is_enforced("access token", t.exp, |now| {
        t.validate_extern(&own(now)).is_ok()
    });
    time_claims_are_enforced("access token", &t.to_json(), t.iat, |now| {
        t.validate_extern(&own(now)).is_ok()
    });
}

/// Whether the token passed validation with its own values.
fn validate_logout_token(t: &BackChannelLogoutToken) -> bool {
    let spec = LogoutTokenValidation::new(SPEC_ISSUER, SPEC_CLIENT)
        .clock(FixedClock(NumericDate::from_secs(SPEC_NOW)));
    if let Err(e) = t.validate_extern(&spec) {
        error_text("BackChannelLogoutToken::validate_extern", &e);
    }
    let audiences: Vec<&str> = t.aud.iter().collect();
    let Some(client) = audiences.first().copied() else {
        return false;
    };
    let own = |clock: NumericDate| {
        LogoutTokenValidation::new(t.iss.as_str(), client)
            .extra_trusted_audiences(&audiences)
            .allow_missing_exp()
            .clock(FixedClock(clock))
    };
    if let Err(e) = t.validate_extern(&own(t.iat)) {
        error_text("BackChannelLogoutToken::validate_extern", &e);
        return false;
    }
    let wrong_issuer = other(&t.iss);
    let checks = LogoutTokenValidation::new(wrong_issuer.as_str(), client)
        .extra_trusted_audiences(&audiences)
        .allow_missing_exp()
        .clock(FixedClock(t.iat));
    assert!(
        t.validate_extern(&checks).is_err(),
        "Logout Token valid with another issuer: {t:?}"
    );
    let wrong_client = other(client);
    if !t.aud.contains(&wrong_client) {
        let checks = LogoutTokenValidation::new(t.iss.as_str(), &wrong_client)
            .extra_trusted_audiences(&audiences)
            .allow_missing_exp()
            .clock(FixedClock(t.iat));
        assert!(
            t.validate_extern(&checks).is_err(),
            "Logout Token valid for another client: {t:?}"
        );
    }
    if let Some(exp) = t.exp {
        expiry_is_enforced("Logout Token", exp, |now| {
            t.validate_extern(&own(now)).is_ok()
        });
    }
    time_claims_are_enforced("Logout Token", &t.to_json(), t.iat, |now| {
        t.validate_extern(&own(now)).is_ok()
    });
    true
}

/// Issue 8 item 5: a token valid at its own `iat` has no `nbf` after `iat` + leeway,
/// and is not valid before `iat` - leeway (an `iat` in the future).
fn time_claims_are_enforced(
    token: &str,
    claims_json: &str,
    iat: NumericDate,
    valid_at: impl Fn(NumericDate) -> bool,
) {
    let claims: serde_json::Value = serde_json::from_str(claims_json).unwrap_or_default();
    let nbf = match &claims["nbf"] {
        serde_json::Value::Number(n) => n.as_f64(),
        serde_json::Value::String(s) => s.parse::<f64>().ok(),
        _ => None,
    };
    if let Some(nbf) = nbf {
        if nbf > (iat.as_secs() as f64) + DEFAULT_LEEWAY_SECS as f64 {
            fail_unless_tolerated(
                "5",
                format_args!("{token} with nbf {nbf} is valid at its iat {iat}"),
            );
        }
    }
    if let Some(before) = after(iat, -DEFAULT_LEEWAY_SECS - 1) {
        if valid_at(before) {
            fail_unless_tolerated(
                "5",
                format_args!("{token} issued at {iat} is valid at {before}"),
            );
        }
    }
}

/// A token valid at its `iat` is still valid one second before `exp` + leeway and
/// expired at `exp` + leeway (RFC 7519 §4.1.4, with the default leeway).
fn expiry_is_enforced(token: &str, exp: NumericDate, valid_at: impl Fn(NumericDate) -> bool) {
    if let Some(limit) = after(exp, DEFAULT_LEEWAY_SECS) {
        assert!(!valid_at(limit), "{token} valid at exp + leeway ({limit})");
        let last = NumericDate::from_secs(limit.as_secs() - 1);
        assert!(
            valid_at(last),
            "{token} valid at its iat but not at exp + leeway - 1 ({last})"
        );
    }
}
