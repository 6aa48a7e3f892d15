//! Numeric strings for time claims (issue 10 item 7): accepted exactly where a real
//! provider's token needs it — the ID Token's `iat` (Apple, SuperOffice) and
//! `auth_time` (Apple) in `tests/data/jws` — and refused everywhere else (`exp`, `nbf`,
//! every claim of Logout Tokens and JWT access tokens).

use oidc_core::messages::*;
use oidc_core::{Error, OidcMessage};
use serde_json::json;

use crate::NOW;

fn id_token(claim: &str, value: serde_json::Value) -> Result<IdToken, Error> {
    let mut c = json!({"iss": "https://op.example", "sub": "u1", "aud": "client", "exp": NOW + 300, "iat": NOW - 10});
    c[claim] = value;
    IdToken::from_json(&c.to_string())
}

fn logout_token(claim: &str, value: serde_json::Value) -> Result<BackChannelLogoutToken, Error> {
    let mut c = json!({"iss": "https://op.example", "aud": "client", "iat": NOW - 10, "exp": NOW + 300,
        "jti": "j1", "sid": "s1", "events": {BACKCHANNEL_LOGOUT_EVENT: {}}});
    c[claim] = value;
    BackChannelLogoutToken::from_json(&c.to_string())
}

fn access_token(claim: &str, value: serde_json::Value) -> Result<JwtAccessToken, Error> {
    let mut c = json!({"iss": "https://as.example", "exp": NOW + 300, "aud": "rs", "sub": "u",
        "client_id": "c", "iat": NOW - 10, "jti": "j"});
    c[claim] = value;
    JwtAccessToken::from_json(&c.to_string())
}

fn refused_claim(result: Result<impl Sized, Error>) -> Option<String> {
    result.err().and_then(|e| e.parameter().map(str::to_owned))
}

#[test]
fn id_tokens_read_iat_and_auth_time_from_strings_only() {
    let t = id_token("iat", json!((NOW - 10).to_string())).unwrap();
    assert_eq!(t.iat.as_secs(), NOW - 10);
    let t = id_token("auth_time", json!((NOW - 20).to_string())).unwrap();
    assert_eq!(t.auth_time.map(|d| d.as_secs()), Some(NOW - 20));
    for claim in ["exp", "nbf"] {
        assert_eq!(
            refused_claim(id_token(claim, json!((NOW + 60).to_string()))),
            Some(claim.to_owned()),
            "{claim}"
        );
        // As a number it is fine.
        assert!(id_token(claim, json!(NOW + 60)).is_ok(), "{claim}");
    }
}

#[test]
fn logout_and_access_tokens_take_numbers_only() {
    for claim in ["iat", "exp", "nbf"] {
        assert_eq!(
            refused_claim(logout_token(claim, json!((NOW - 1).to_string()))),
            Some(claim.to_owned()),
            "Logout Token {claim}"
        );
        assert!(logout_token(claim, json!(NOW - 1)).is_ok());
    }
    for claim in ["iat", "exp", "nbf", "auth_time"] {
        assert_eq!(
            refused_claim(access_token(claim, json!((NOW - 1).to_string()))),
            Some(claim.to_owned()),
            "access token {claim}"
        );
        assert!(access_token(claim, json!(NOW - 1)).is_ok());
    }
}

#[test]
fn the_fixtures_that_need_it_still_decode() {
    let payload = |name: &str| {
        use base64::Engine;
        let jwt = std::fs::read_to_string(format!(
            "{}/tests/data/jws/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        let part = jwt.trim().split('.').nth(1).unwrap().to_owned();
        String::from_utf8(
            base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(part)
                .unwrap(),
        )
        .unwrap()
    };
    // Apple: "iat":"1587211559", "auth_time":"1587211556", exp a number.
    let apple = IdToken::from_json(&payload("apple-id-token-aspnet-contrib.jwt")).unwrap();
    assert_eq!(apple.iat.as_secs(), 1_587_211_559);
    assert_eq!(apple.auth_time.map(|d| d.as_secs()), Some(1_587_211_556));
    // SuperOffice: "iat":"1924390800", exp and nbf numbers.
    let superoffice = IdToken::from_json(&payload("superoffice-id-token.jwt")).unwrap();
    assert_eq!(superoffice.iat.as_secs(), 1_924_390_800);
}
