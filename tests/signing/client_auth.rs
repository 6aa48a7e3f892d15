//! Client authentication: what each method sends (RFC 6749 §2.3.1, OIDC Core §9,
//! RFC 7523), what a provider reads back, and the provider's assertion checks.

use std::cell::RefCell;

use oidc_core::client_auth::{basic_authorization, ClientAuth, ClientAuthError, ClientCredentials};
use oidc_core::jwt::{sign_payload, Algorithm, JwkSet, JwsHeader, JwtError, SigningKey};
use oidc_core::messages::{ClientAssertion, TokenRequest, JWT_BEARER_ASSERTION_TYPE};
use oidc_core::validation::{
    ClientAssertionValidation, TokenError, TokenErrorKind, ValidationError,
};
use oidc_core::{NumericDate, OidcMessage};

use crate::{clock_at, header, key, now, payload, ISSUER, NOW};

const CLIENT: &str = "s6BhdRkqt3";

fn pairs(body: &str) -> Vec<(String, String)> {
    serde_urlencoded::from_str(body).unwrap()
}

fn assertion_of(body: &str) -> String {
    pairs(body)
        .into_iter()
        .find(|(name, _)| name == "client_assertion")
        .map(|(_, value)| value)
        .expect("a client_assertion")
}

#[test]
fn client_secret_basic_encodes_before_base64() {
    // RFC 6749 §2.3.1's example.
    assert_eq!(
        basic_authorization("s6BhdRkqt3", "gX1fBat3bV"),
        "Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW"
    );
    // ':' in the id and non-ASCII, '+', '%', space in the secret: form-encoded first.
    let header = basic_authorization("client:1", "sé cr+t%");
    use base64::Engine;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(header.strip_prefix("Basic ").unwrap())
        .unwrap();
    assert_eq!(
        String::from_utf8(decoded).unwrap(),
        "client%3A1:s%C3%A9+cr%2Bt%25"
    );
    let sent = ClientAuth::client_secret_basic("client:1", "sé cr+t%")
        .apply("grant_type=client_credentials")
        .unwrap();
    assert_eq!(sent.body, "grant_type=client_credentials");
    let read = ClientCredentials::from_request(sent.authorization.as_deref(), &sent.body).unwrap();
    assert_eq!(read.method(), "client_secret_basic");
    assert_eq!(read.client_id().unwrap(), "client:1");
    assert!(read.secret_matches("sé cr+t%"));
    assert!(!read.secret_matches("sé cr t%"));
    assert!(!format!("{read:?}").contains("cr+t") && !format!("{sent:?}").contains("Basic"));
}

#[test]
fn client_secret_post_and_none() {
    let request = TokenRequest::for_authorization_code(
        "SplxlOBeZQQYbYS6WxSbIA",
        "https://client.example.org/cb",
    );
    let sent = ClientAuth::client_secret_post(CLIENT, "a secret")
        .apply(&request.to_form())
        .unwrap();
    assert!(sent.authorization.is_none());
    assert!(
        sent.body
            .ends_with("&client_id=s6BhdRkqt3&client_secret=a+secret"),
        "{}",
        sent.body
    );
    let read = ClientCredentials::from_request(None, &sent.body).unwrap();
    assert_eq!(read.method(), "client_secret_post");
    assert!(read.secret_matches("a secret"));

    let sent = ClientAuth::none(CLIENT)
        .apply("grant_type=refresh_token&refresh_token=r")
        .unwrap();
    assert_eq!(
        sent.body,
        "grant_type=refresh_token&refresh_token=r&client_id=s6BhdRkqt3"
    );
    let read = ClientCredentials::from_request(None, &sent.body).unwrap();
    assert_eq!(
        read,
        ClientCredentials::from_request(None, "client_id=s6BhdRkqt3").unwrap()
    );
    assert_eq!(read.method(), "none");
    assert!(!read.secret_matches(""));

    // A body that already names this client is not given a second client_id.
    let sent = ClientAuth::none(CLIENT)
        .apply("client_id=s6BhdRkqt3&x=1")
        .unwrap();
    assert_eq!(sent.body, "client_id=s6BhdRkqt3&x=1");
    // Another client's id, or credentials already there, are refused.
    for (body, why) in [
        (
            "client_id=other",
            r#"parameter "client_id": "other" is not the authenticating client"#,
        ),
        ("client_secret=x", r#"the body already has "client_secret""#),
        (
            "client_assertion=x",
            r#"the body already has "client_assertion""#,
        ),
        (
            "client_assertion_type=x",
            r#"the body already has "client_assertion_type""#,
        ),
        ("a=%zz", "invalid percent-encoding"),
    ] {
        let err = ClientAuth::client_secret_post(CLIENT, "s")
            .apply(body)
            .unwrap_err();
        assert!(matches!(err, ClientAuthError::Request(_)));
        assert!(err.to_string().contains(why), "{body}: {err}");
    }
}

#[test]
fn jwt_methods_send_an_rfc7523_assertion() {
    let secret = "a-client-secret-that-is-32-bytes!";
    let hmac = SigningKey::from_secret(secret.as_bytes(), Algorithm::HS256).unwrap();
    let auth = ClientAuth::client_secret_jwt(CLIENT, hmac, ISSUER).unwrap();
    assert_eq!(auth.method(), "client_secret_jwt");
    let sent = auth
        .apply_at("grant_type=client_credentials", now())
        .unwrap();
    let fields = pairs(&sent.body);
    assert_eq!(fields[1], ("client_id".to_owned(), CLIENT.to_owned()));
    assert_eq!(
        fields[2],
        (
            "client_assertion_type".to_owned(),
            JWT_BEARER_ASSERTION_TYPE.to_owned()
        )
    );
    let assertion = assertion_of(&sent.body);
    assert_eq!(
        header(&assertion),
        serde_json::json!({"alg": "HS256", "typ": "client-authentication+jwt"})
    );
    let claims = payload(&assertion);
    assert_eq!(claims["iss"], CLIENT);
    assert_eq!(claims["sub"], CLIENT);
    assert_eq!(
        claims["aud"], ISSUER,
        "a single string, the issuer (rfc7523bis)"
    );
    assert_eq!(claims["iat"], NOW);
    assert_eq!(claims["exp"], NOW + 60);
    assert_eq!(claims["jti"].as_str().unwrap().len(), 43);
    // Each assertion has its own jti.
    let again = assertion_of(
        &auth
            .apply_at("grant_type=client_credentials", now())
            .unwrap()
            .body,
    );
    assert_ne!(payload(&again)["jti"], claims["jti"]);
    // The provider verifies it with the client secret.
    let checks = ClientAssertionValidation::new(ISSUER, CLIENT).clock(clock_at(0));
    let keys = JwkSet::from_secret(secret.as_bytes());
    let hmac_checks = ClientAssertionValidation::new(ISSUER, CLIENT)
        .clock(clock_at(0))
        .algorithms(&[Algorithm::HS256]);
    let verified: ClientAssertion = hmac_checks.verify(&assertion, &keys).unwrap();
    assert_eq!(verified.sub, CLIENT);
    // HMAC must be allowed explicitly.
    assert!(matches!(
        checks.verify::<ClientAssertion>(&assertion, &keys),
        Err(TokenError::Jwt(JwtError::AlgorithmNotAllowed(
            Algorithm::HS256
        )))
    ));
    let lifetime = ClientAuth::client_secret_jwt(
        CLIENT,
        SigningKey::from_secret(secret.as_bytes(), Algorithm::HS256).unwrap(),
        ISSUER,
    )
    .unwrap()
    .assertion_lifetime(0)
    .apply_at("", now())
    .unwrap();
    assert_eq!(payload(&assertion_of(&lifetime.body))["exp"], NOW + 1);

    for alg in [
        Algorithm::RS256,
        Algorithm::PS384,
        Algorithm::ES256,
        Algorithm::ES384,
        Algorithm::EdDSA,
    ] {
        let signing = key(alg);
        let client_keys = signing.verifying_keys();
        let auth = ClientAuth::private_key_jwt(CLIENT, signing, ISSUER).unwrap();
        assert_eq!(auth.method(), "private_key_jwt");
        let sent = auth
            .apply_at("grant_type=client_credentials", now())
            .unwrap();
        let read =
            ClientCredentials::from_request(sent.authorization.as_deref(), &sent.body).unwrap();
        assert_eq!(read.method(), "private_key_jwt");
        let ClientCredentials::Assertion {
            assertion,
            client_id,
        } = read
        else {
            panic!()
        };
        assert_eq!(client_id.as_deref(), Some(CLIENT));
        assert!(header(&assertion)["kid"].is_string());
        checks
            .verify::<ClientAssertion>(&assertion, &client_keys)
            .unwrap_or_else(|e| panic!("{alg:?}: {e}"));
    }
    // Keys of the wrong kind for the method.
    assert!(ClientAuth::client_secret_jwt(CLIENT, key(Algorithm::ES256), ISSUER).is_err());
    assert!(ClientAuth::private_key_jwt(CLIENT, key(Algorithm::HS256), ISSUER).is_err());
    assert!(!format!(
        "{auth:?}",
        auth = ClientAuth::client_secret_post(CLIENT, "hunter2")
    )
    .contains("hunter2"));
}

#[test]
fn providers_read_one_method_per_request() {
    let assertion = ClientAssertion::new(CLIENT, ISSUER, NumericDate::from_secs(NOW + 60), "j")
        .to_jwt(&key(Algorithm::ES256))
        .unwrap();
    let urn = "urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer";
    let with_assertion = format!("client_assertion_type={urn}&client_assertion={assertion}");
    // Without a body client_id, the (unverified) sub names the client.
    let read = ClientCredentials::from_request(None, &with_assertion).unwrap();
    assert_eq!(read.client_id().unwrap(), CLIENT);
    let basic = basic_authorization(CLIENT, "s");
    for (authorization, body, why) in [
        (
            Some(basic.as_str()),
            "client_secret=s",
            "more than one client authentication method",
        ),
        (
            None,
            &*format!("client_secret=s&{with_assertion}"),
            "more than one client authentication method",
        ),
        (
            Some(basic.as_str()),
            with_assertion.as_str(),
            "more than one client authentication method",
        ),
        (
            Some(basic.as_str()),
            "client_id=other",
            r#""other" is not the authenticated client"#,
        ),
        (
            None,
            "client_secret=s&client_secret=t&client_id=c",
            r#"parameter "client_secret" appears more than once"#,
        ),
        (
            None,
            &*format!("client_assertion={assertion}"),
            r#"missing required parameter "client_assertion_type""#,
        ),
        (
            None,
            &*format!("client_assertion_type=x&client_assertion={assertion}"),
            "is not urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        ),
        (
            None,
            &*format!("client_assertion_type={urn}"),
            r#"missing required parameter "client_assertion""#,
        ),
        (
            None,
            "grant_type=client_credentials",
            r#"missing required parameter "client_id""#,
        ),
        (
            None,
            "client_secret=s",
            r#"missing required parameter "client_id""#,
        ),
        (Some("Bearer abc"), "", "not a Basic one"),
        (Some("Basic !!!"), "", "not base64 of UTF-8 text"),
        (Some("Basic YWJj"), "", "have no ':'"),
        (Some("Basic OnNlY3JldA=="), "", "empty client id"),
        (Some("Basic YSUyOmI="), "", "not form-encoded"),
        (Some("Basic YSZiOmM="), "", "not form-encoded"),
    ] {
        let err = ClientCredentials::from_request(authorization, body)
            .unwrap_err()
            .to_string();
        assert!(err.contains(why), "{authorization:?} {body}: {err}");
        assert!(!err.contains('\n'));
    }
    // The scheme is case-insensitive; an empty secret is a secret of length 0.
    let read = ClientCredentials::from_request(Some("bAsIc YTo="), "").unwrap();
    assert_eq!(
        (
            read.client_id().unwrap().into_owned(),
            read.secret_matches("")
        ),
        ("a".to_owned(), true)
    );
    // An unreadable assertion has no client id.
    let read = ClientCredentials::from_request(
        None,
        &format!("client_assertion_type={urn}&client_assertion=abc"),
    )
    .unwrap();
    assert!(matches!(
        read.client_id(),
        Err(ClientAuthError::Assertion(JwtError::Malformed(_)))
    ));
    // Empty values are absent (RFC 6749 §3.1).
    let read = ClientCredentials::from_request(None, "client_id=c&client_secret=").unwrap();
    assert_eq!(read.method(), "none");
}

fn assertion_with(claims: serde_json::Value) -> (String, JwkSet) {
    let signing = key(Algorithm::ES256);
    let mut base = serde_json::json!({"iss": CLIENT, "sub": CLIENT, "aud": ISSUER, "exp": NOW + 60, "iat": NOW, "jti": "j1"});
    for (name, value) in claims.as_object().unwrap() {
        if value.is_null() {
            base.as_object_mut().unwrap().remove(name);
        } else {
            base[name] = value.clone();
        }
    }
    let jwt = sign_payload(
        base.to_string().as_bytes(),
        &signing,
        &JwsHeader::typed("client-authentication+jwt"),
    )
    .unwrap();
    (jwt, signing.verifying_keys())
}

fn refusal(claims: serde_json::Value, checks: &ClientAssertionValidation<'_>) -> TokenError {
    let (jwt, keys) = assertion_with(claims);
    (checks).verify::<ClientAssertion>(&jwt, &keys).unwrap_err()
}

#[test]
fn provider_checks_on_assertions() {
    let checks = ClientAssertionValidation::new(ISSUER, CLIENT).clock(clock_at(0));
    let claims_error = |claims| match refusal(claims, &checks) {
        TokenError::Claims(e) => e,
        other => panic!("{other:?}"),
    };
    assert!(matches!(
        claims_error(serde_json::json!({"iss": "x"})),
        ValidationError::Issuer { .. }
    ));
    assert!(matches!(
        claims_error(serde_json::json!({"sub": "x"})),
        ValidationError::Subject { .. }
    ));
    // rfc7523bis: the issuer as the sole audience; the token endpoint is refused.
    let token_endpoint = "https://op.example/token";
    assert!(matches!(
        claims_error(serde_json::json!({"aud": token_endpoint})),
        ValidationError::Audience { .. }
    ));
    assert!(matches!(
        claims_error(serde_json::json!({"aud": [ISSUER, token_endpoint]})),
        ValidationError::UntrustedAudience { audience, .. } if audience == token_endpoint
    ));
    let (jwt, keys) = assertion_with(serde_json::json!({"aud": [ISSUER]}));
    assert!(checks.verify::<ClientAssertion>(&jwt, &keys).is_ok());
    // Legacy clients: the token endpoint, alone or in an array.
    let legacy = ClientAssertionValidation::new(ISSUER, CLIENT)
        .clock(clock_at(0))
        .legacy_audiences(&[token_endpoint]);
    for aud in [
        serde_json::json!(token_endpoint),
        serde_json::json!(["x", token_endpoint]),
        serde_json::json!(ISSUER),
    ] {
        let (jwt, keys) = assertion_with(serde_json::json!({"aud": aud}));
        assert!(
            legacy.verify::<ClientAssertion>(&jwt, &keys).is_ok(),
            "{aud}"
        );
    }
    assert!(matches!(
        refusal(serde_json::json!({"aud": "x"}), &legacy),
        TokenError::Claims(ValidationError::Audience { .. })
    ));

    // exp: valid while now < exp + 30.
    let at = |offset| ClientAssertionValidation::new(ISSUER, CLIENT).clock(clock_at(offset));
    let (jwt, keys) = assertion_with(serde_json::json!({}));
    assert!((at(89)).verify::<ClientAssertion>(&jwt, &keys).is_ok());
    assert!(matches!(
        (at(90)).verify::<ClientAssertion>(&jwt, &keys),
        Err(TokenError::Claims(ValidationError::Expired { .. }))
    ));
    // iat not ahead by more than the leeway; nbf reached.
    assert!((at(-30)).verify::<ClientAssertion>(&jwt, &keys).is_ok());
    assert!(matches!(
        (at(-31)).verify::<ClientAssertion>(&jwt, &keys),
        Err(TokenError::Claims(ValidationError::IssuedInFuture { .. }))
    ));
    assert!(matches!(
        claims_error(serde_json::json!({"nbf": NOW + 31, "iat": null})),
        ValidationError::NotYetValid { .. }
    ));
    // A maximum lifetime: exp at most now + max + leeway.
    let bounded = |max| {
        ClientAssertionValidation::new(ISSUER, CLIENT)
            .clock(clock_at(0))
            .max_lifetime(max)
    };
    assert!((bounded(30)).verify::<ClientAssertion>(&jwt, &keys).is_ok());
    assert!(matches!(
        (bounded(29)).verify::<ClientAssertion>(&jwt, &keys),
        Err(TokenError::Claims(ValidationError::LifetimeTooLong {
            max: 29,
            ..
        }))
    ));
    // The replay hook sees the jti and exp, and runs last.
    let seen = RefCell::new(Vec::new());
    let replay = ClientAssertionValidation::new(ISSUER, CLIENT)
        .clock(clock_at(0))
        .unique_jti(|jti, exp| {
            if seen.borrow().iter().any(|(j, _)| j == jti) {
                return Err(format!("{jti} replayed"));
            }
            seen.borrow_mut().push((jti.to_owned(), exp));
            Ok(())
        });
    assert!(replay.verify::<ClientAssertion>(&jwt, &keys).is_ok());
    assert_eq!(
        seen.borrow()[0],
        ("j1".to_owned(), NumericDate::from_secs(NOW + 60))
    );
    let err = replay.verify::<ClientAssertion>(&jwt, &keys).unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"client assertion: jti check failed: "j1 replayed""#
    );
    assert_eq!(err.kind(), TokenErrorKind::Claims);
    let (bad_iss, keys2) = assertion_with(serde_json::json!({"iss": "x", "jti": "j2"}));
    assert!(replay.verify::<ClientAssertion>(&bad_iss, &keys2).is_err());
    assert_eq!(
        seen.borrow().len(),
        1,
        "a refused assertion is not recorded"
    );

    // Missing REQUIRED claims, a wrong typ, another key.
    for missing in ["jti", "exp", "aud", "sub", "iss"] {
        let err = refusal(serde_json::json!({missing: null}), &checks);
        assert!(
            matches!(err, TokenError::Jwt(JwtError::Claims(_))),
            "{missing}: {err}"
        );
    }
    let signing = key(Algorithm::ES256);
    let body = serde_json::json!({"iss": CLIENT, "sub": CLIENT, "aud": ISSUER, "exp": NOW + 60, "jti": "j"}).to_string();
    let typed = sign_payload(body.as_bytes(), &signing, &JwsHeader::typed("at+jwt")).unwrap();
    assert!(matches!(
        checks.verify::<ClientAssertion>(&typed, &signing.verifying_keys()),
        Err(TokenError::Jwt(JwtError::WrongType { .. }))
    ));
    // RFC 7523's untyped assertions are accepted (rfc7523bis: servers should not refuse them).
    let untyped = sign_payload(body.as_bytes(), &signing, &JwsHeader::default()).unwrap();
    assert!(checks
        .verify::<ClientAssertion>(&untyped, &signing.verifying_keys())
        .is_ok());
    let other = SigningKey::generate(Algorithm::ES256)
        .unwrap()
        .with_kid("ec-p256");
    assert_eq!(
        checks
            .verify::<ClientAssertion>(&untyped, &other.verifying_keys())
            .unwrap_err(),
        TokenError::Jwt(JwtError::BadSignature)
    );
}
