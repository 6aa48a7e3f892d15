//! Issuing: what our issuer signs, our validators accept, for every algorithm.

use oidc_core::issue;
use oidc_core::jwt::{
    header_algorithm, verify_token_hash, Algorithm, JwtError, JwtOptions, TokenKind,
};
use oidc_core::messages::{
    BackChannelLogoutToken, Confirmation, IdToken, JwtAccessToken, BACKCHANNEL_LOGOUT_EVENT,
};
use oidc_core::validation::{AccessTokenValidation, IdTokenValidation, LogoutTokenValidation};
use oidc_core::OidcMessage;

use crate::{clock_at, header, key, payload, EVERY_ALGORITHM, ISSUER, NOW};

fn id_token_claims() -> IdToken {
    IdToken::from_json(&format!(
        r#"{{"iss":"{ISSUER}","sub":"248289761001","aud":"s6BhdRkqt3","exp":{},"iat":{NOW},"nonce":"n-0S6_WzA2Mj","email":"j@example.com"}}"#,
        NOW + 600
    ))
    .unwrap()
}

#[test]
fn id_tokens_with_hashes_for_every_algorithm() {
    for alg in EVERY_ALGORITHM {
        let signing = key(alg);
        let jwt = issue::id_token(
            &id_token_claims(),
            &signing,
            Some("jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y"),
            Some("Qcb0Orv1zh30vL1MPRsbm-diHiMwcLyZvn1arpZv-Jxf_11jnpEX3Tgfvk"),
        )
        .unwrap();
        assert_eq!(header(&jwt)["typ"], "JWT", "{alg:?}");
        let options = JwtOptions::default().allow_hmac().algorithms(&[alg]);
        let token = IdToken::from_jwt(&jwt, &signing.verifying_keys(), &options).unwrap();
        token
            .validate_extern(
                &IdTokenValidation::new(ISSUER, "s6BhdRkqt3")
                    .nonce("n-0S6_WzA2Mj")
                    .clock(clock_at(0)),
            )
            .unwrap();
        let signed_with = header_algorithm(&jwt).unwrap();
        assert_eq!(signed_with, alg);
        assert!(
            verify_token_hash(
                signed_with,
                "jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y",
                token.at_hash.as_deref().unwrap()
            ),
            "{alg:?}"
        );
        assert!(
            verify_token_hash(
                signed_with,
                "Qcb0Orv1zh30vL1MPRsbm-diHiMwcLyZvn1arpZv-Jxf_11jnpEX3Tgfvk",
                token.c_hash.as_deref().unwrap()
            ),
            "{alg:?}"
        );
        assert_eq!(token.claims.email.as_deref(), Some("j@example.com"));
    }
    // RS256 gives OIDC Core A.3 / A.4's hashes for their token and code.
    let jwt = issue::id_token(
        &id_token_claims(),
        &key(Algorithm::RS256),
        Some("jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y"),
        Some("Qcb0Orv1zh30vL1MPRsbm-diHiMwcLyZvn1arpZv-Jxf_11jnpEX3Tgfvk"),
    )
    .unwrap();
    assert_eq!(payload(&jwt)["at_hash"], "77QmUPtjPfzWtF2AnpK9RQ");
    assert_eq!(payload(&jwt)["c_hash"], "LDktKdoQak3Pk0cnXxCltA");
    // Without a token or code, no hash (and any given one is kept).
    let mut claims = id_token_claims();
    claims.at_hash = Some("kept".into());
    let jwt = issue::id_token(&claims, &key(Algorithm::ES256), None, None).unwrap();
    assert_eq!(payload(&jwt)["at_hash"], "kept");
    assert!(payload(&jwt).get("c_hash").is_none());
    // An ID Token carrying the logout event is not issued.
    let mut confused = id_token_claims();
    confused.events = Some(serde_json::json!({BACKCHANNEL_LOGOUT_EVENT: {}}));
    assert!(matches!(
        issue::id_token(&confused, &key(Algorithm::ES256), None, None),
        Err(JwtError::Claims(_))
    ));
}

#[test]
fn logout_tokens() {
    let claims = BackChannelLogoutToken::from_json(&format!(
        r#"{{"iss":"{ISSUER}","aud":"s6BhdRkqt3","iat":{NOW},"exp":{},"jti":"bWJq","sid":"08a5019c","events":{{}}}}"#,
        NOW + 120
    ))
    .unwrap();
    for alg in EVERY_ALGORITHM {
        let signing = key(alg);
        let jwt = issue::logout_token(&claims, &signing).unwrap();
        assert_eq!(header(&jwt)["typ"], "logout+jwt");
        let options = JwtOptions::default().allow_hmac().algorithms(&[alg]);
        let token =
            BackChannelLogoutToken::from_jwt(&jwt, &signing.verifying_keys(), &options).unwrap();
        assert!(token.has_logout_event(), "the event is added");
        token
            .validate_extern(&LogoutTokenValidation::new(ISSUER, "s6BhdRkqt3").clock(clock_at(0)))
            .unwrap();
        // A Logout Token is never an ID Token, whatever the algorithm.
        assert!(
            IdToken::from_jwt(&jwt, &signing.verifying_keys(), &options).is_err(),
            "{alg:?}"
        );
    }
    let signing = key(Algorithm::ES256);
    let mut anonymous = claims.clone();
    anonymous.sid = None;
    assert!(issue::logout_token(&anonymous, &signing)
        .unwrap_err()
        .to_string()
        .contains("a sub, a sid or both"));
    let mut with_nonce = claims.clone();
    with_nonce.nonce = Some("n".into());
    assert!(issue::logout_token(&with_nonce, &signing)
        .unwrap_err()
        .to_string()
        .contains("must not have a nonce"));
}

#[test]
fn access_tokens_bound_to_a_dpop_key() {
    let mut claims = JwtAccessToken::from_json(&format!(
        r#"{{"iss":"{ISSUER}","exp":{},"aud":"https://rs.example","sub":"u1","client_id":"s6BhdRkqt3","iat":{NOW},"jti":"at-1","scope":"openid email"}}"#,
        NOW + 600
    ))
    .unwrap();
    claims.cnf = Some(Confirmation::dpop(
        "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I",
    ));
    for alg in EVERY_ALGORITHM {
        let signing = key(alg);
        let jwt = issue::access_token(&claims, &signing).unwrap();
        assert_eq!(header(&jwt)["typ"], "at+jwt");
        assert_eq!(
            payload(&jwt)["cnf"],
            serde_json::json!({"jkt": "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I"})
        );
        let options = JwtOptions::default().allow_hmac().algorithms(&[alg]);
        let token = JwtAccessToken::from_jwt(&jwt, &signing.verifying_keys(), &options).unwrap();
        token
            .validate_extern(
                &AccessTokenValidation::new(ISSUER, "https://rs.example").clock(clock_at(0)),
            )
            .unwrap();
        assert_eq!(token, claims);
        assert!(IdToken::from_jwt(&jwt, &signing.verifying_keys(), &options).is_err());
    }
    assert_eq!(TokenKind::JWT_ACCESS_TOKEN.typ().written(), Some("at+jwt"));
    // Confirmation members other than jkt are kept.
    let cnf = Confirmation::from_json(
        r##"{"x5t#S256":"bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2","kid":"k"}"##,
    )
    .unwrap();
    assert_eq!(
        cnf.x5t_s256.as_deref(),
        Some("bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2")
    );
    assert_eq!(cnf.extra.get_str("kid").as_deref(), Some("k"));
    assert_eq!(Confirmation::from_json(&cnf.to_json()).unwrap(), cnf);
}

#[test]
fn introspection_carries_the_binding() {
    use oidc_core::messages::TokenIntrospectionResponse;
    // RFC 9449 §6.2.
    let response = TokenIntrospectionResponse::from_json(
        r#"{"active":true,"sub":"someone@example.com","iss":"https://server.example.com","nbf":1562262611,
            "exp":1562266216,"cnf":{"jkt":"0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I"},"token_type":"DPoP"}"#,
    )
    .unwrap()
    .into_result()
    .unwrap();
    assert_eq!(
        response.cnf.unwrap().jkt.as_deref(),
        Some("0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I")
    );
    assert_eq!(response.token_type.as_deref(), Some("DPoP"));
    // A cnf that is not an object is an error naming it.
    let err = TokenIntrospectionResponse::from_json(r#"{"active":true,"cnf":"x"}"#).unwrap_err();
    assert!(err.to_string().contains("\"cnf\""), "{err}");
}
