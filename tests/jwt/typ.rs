//! Explicit typing: JWT access tokens must say `at+jwt` (RFC 9068 §4); Logout Tokens,
//! when typed, `logout+jwt` (or the generic `JWT`).

use jsonwebtoken::Header;
use oidc_core::jwt::{Algorithm, JwtError, JwtOptions, TypRule};
use oidc_core::messages::{BackChannelLogoutToken, JwtAccessToken, BACKCHANNEL_LOGOUT_EVENT};
use oidc_core::OidcMessage;
use serde_json::json;

use crate::keys::{public_keys, sign_with};

fn access_claims() -> serde_json::Value {
    json!({"iss": "https://as.example", "exp": 2_000_000_000, "aud": "https://rs.example", "sub": "u",
           "client_id": "c", "iat": 1_700_000_000, "jti": "j1", "scope": "read"})
}

fn logout_claims() -> serde_json::Value {
    json!({"iss": "https://op.example", "aud": "client-1", "iat": 1_700_000_000, "jti": "j", "sid": "s",
           "events": {BACKCHANNEL_LOGOUT_EVENT: {}}})
}

fn header(typ: Option<&str>) -> Header {
    let mut header = Header::new(Algorithm::RS256);
    header.kid = Some("rsa-1".into());
    header.typ = typ.map(str::to_owned);
    header
}

#[test]
fn access_tokens_require_at_jwt() {
    for typ in [
        "at+jwt",
        "application/at+jwt",
        "at+JWT",
        "Application/AT+JWT",
    ] {
        let token = sign_with(&header(Some(typ)), &access_claims());
        assert!(
            JwtAccessToken::from_jwt(&token, &public_keys(), &JwtOptions::default()).is_ok(),
            "{typ}"
        );
    }
    for typ in [Some("JWT"), None, Some("logout+jwt")] {
        let token = sign_with(&header(typ), &access_claims());
        let err =
            JwtAccessToken::from_jwt(&token, &public_keys(), &JwtOptions::default()).unwrap_err();
        assert_eq!(
            err,
            JwtError::WrongType {
                expected: vec!["at+jwt".into()],
                got: typ.map(str::to_owned)
            },
            "{typ:?}"
        );
    }
    // A caller can accept a vendor's `JWT`-typed access token deliberately.
    let vendor = sign_with(&header(Some("JWT")), &access_claims());
    assert!(JwtAccessToken::from_jwt(
        &vendor,
        &public_keys(),
        &JwtOptions::default().typ(TypRule::Any)
    )
    .is_ok());
}

#[test]
fn logout_tokens_when_typed_say_logout_jwt() {
    for typ in [
        Some("logout+jwt"),
        Some("application/logout+jwt"),
        Some("JWT"),
        None,
    ] {
        let token = sign_with(&header(typ), &logout_claims());
        assert!(
            BackChannelLogoutToken::from_jwt(&token, &public_keys(), &JwtOptions::default())
                .is_ok(),
            "{typ:?}"
        );
    }
    // An ID Token or access token must not pass as a Logout Token.
    for typ in ["at+jwt", "id_token+jwt"] {
        let token = sign_with(&header(Some(typ)), &logout_claims());
        let err = BackChannelLogoutToken::from_jwt(&token, &public_keys(), &JwtOptions::default())
            .unwrap_err();
        assert!(matches!(err, JwtError::WrongType { .. }), "{typ}");
    }
}

#[test]
fn other_messages_accept_any_typ_unless_told() {
    let token = sign_with(&header(Some("anything")), &access_claims());
    assert!(<JwtAccessToken as OidcMessage>::from_jwt(
        &token,
        &public_keys(),
        &JwtOptions::default()
    )
    .is_ok());
    let strict = JwtOptions::default().typ(TypRule::Required(vec!["JWT".into()]));
    assert!(<JwtAccessToken as OidcMessage>::from_jwt(&token, &public_keys(), &strict).is_err());
}
