//! JWT-secured responses through the one call: JARM authorization responses (JARM
//! §4.4), signed UserInfo responses (OIDC Core §5.3.2) and JWT introspection responses
//! (RFC 9701 §5). Each check on both sides of its boundary, each token kind's `typ`
//! rule, the algorithms from the provider metadata, and what is not supported (JWE).

use jsonwebtoken::Header;
use oidc_core::jwt::{from_jwt_with_header, Algorithm, JwtError, JwtOptions};
use oidc_core::messages::{
    AuthenticationErrorCode, AuthenticationResponse, JarmClaims, JarmResponse,
    JwtIntrospectionResponse, ProviderMetadata, UserinfoSuccessResponse,
};
use oidc_core::validation::{
    AuthenticationResponseValidation, FixedClock, IntrospectionResponseValidation, JarmValidation,
    TokenError, TokenErrorKind, UserinfoValidation, ValidationError,
};
use oidc_core::{ExtraParams, Location, NumericDate, OidcMessage};
use serde_json::json;

use crate::keys::{public_keys, raw, sign, sign_with};

const NOW: i64 = 1_800_000_000;
const ISSUER: &str = "https://op.example";

fn clock() -> FixedClock {
    FixedClock(NumericDate::from_secs(NOW))
}

/// `base` with `changes` applied (a `null` removes the member).
fn with(base: serde_json::Value, changes: serde_json::Value) -> serde_json::Value {
    let mut c = base;
    for (k, v) in changes.as_object().unwrap() {
        if v.is_null() {
            c.as_object_mut().unwrap().remove(k);
        } else {
            c[k] = v.clone();
        }
    }
    c
}

fn signed_with_typ(typ: Option<&str>, claims: &serde_json::Value) -> String {
    let mut header = Header::new(Algorithm::RS256);
    header.kid = Some("rsa-1".into());
    header.typ = typ.map(str::to_owned);
    sign_with(&header, claims)
}

fn metadata(extra: serde_json::Value) -> ProviderMetadata {
    let doc = with(
        json!({"issuer": ISSUER, "authorization_endpoint": "https://op.example/a",
            "jwks_uri": "https://op.example/jwks", "response_types_supported": ["code"],
            "subject_types_supported": ["public"], "id_token_signing_alg_values_supported": ["RS256"]}),
        extra,
    );
    ProviderMetadata::from_json(&doc.to_string()).unwrap()
}

// ---------------------------------------------------------------- JARM

fn jarm_claims() -> serde_json::Value {
    json!({"iss": ISSUER, "aud": "client-1", "exp": NOW + 120,
        "code": "PyyFaux2o7Q0YfXBU32jhw", "state": "S8NJ7uqk5fY4"})
}

fn jarm() -> JarmValidation<'static> {
    JarmValidation::new(ISSUER, "client-1").clock(clock())
}

fn jarm_verify(claims: &serde_json::Value) -> Result<AuthenticationResponse, TokenError> {
    jarm().verify(&sign(Algorithm::RS256, claims), &public_keys())
}

fn claims_error(result: Result<AuthenticationResponse, TokenError>) -> ValidationError {
    match result {
        Err(TokenError::Claims(e)) => e,
        other => panic!("expected a claims check to fail, got {other:?}"),
    }
}

#[test]
fn jarm_verify_returns_the_authentication_response() {
    // query.jwt: the redirect carries one `response` parameter.
    let jwt = sign(Algorithm::RS256, &jarm_claims());
    let redirect = format!("https://client.example.com/cb?response={jwt}");
    let carried = JarmResponse::from_url(&redirect, Location::Auto).unwrap();
    assert!(!format!("{carried:?}").contains(&jwt), "the JWT is secret");
    let response = jarm().verify(&carried.response, &public_keys()).unwrap();
    // Then the usual checks on the authorization response: state, and `iss` (the JWT's).
    response
        .validate_extern(
            &AuthenticationResponseValidation::new(Some("S8NJ7uqk5fY4"), ISSUER).require_iss(),
        )
        .unwrap();
    let success = response.into_result().unwrap();
    assert_eq!(success.code.as_deref(), Some("PyyFaux2o7Q0YfXBU32jhw"));
    assert_eq!(success.iss.as_deref(), Some(ISSUER));
    assert!(
        success.extra.is_empty(),
        "aud and exp are the JWT's, not the response's"
    );

    // fragment.jwt and form_post.jwt carry the same parameter.
    let fragment = format!("https://client.example.com/cb#response={jwt}");
    assert_eq!(
        JarmResponse::from_url(&fragment, Location::Auto).unwrap(),
        carried
    );
    assert_eq!(
        JarmResponse::from_form(&format!("response={jwt}")).unwrap(),
        carried
    );
    assert_eq!(
        JarmResponse::from_url("https://client.example.com/cb?state=x", Location::Auto)
            .unwrap_err()
            .to_string(),
        r#"JarmResponse: missing required parameter "response" (read from the URL query)"#
    );
}

#[test]
fn jarm_error_responses_are_in_the_jwt_too() {
    let claims = json!({"iss": ISSUER, "aud": "client-1", "exp": NOW + 120,
        "error": "access_denied", "error_description": "no", "state": "s"});
    let error = jarm_verify(&claims).unwrap().into_result().unwrap_err();
    assert_eq!(error.error, AuthenticationErrorCode::AccessDenied);
    assert_eq!(error.iss.as_deref(), Some(ISSUER));
    assert_eq!(error.state.as_deref(), Some("s"));
}

#[test]
fn jarm_checks_iss_aud_exp_in_order() {
    // §4.4 step 2: iss.
    assert!(matches!(
        claims_error(jarm_verify(&with(
            jarm_claims(),
            json!({"iss": "https://attacker.example", "aud": "other"})
        ))),
        ValidationError::Issuer { .. }
    ));
    // Step 3: aud (a list holding the client id is fine).
    assert!(matches!(
        claims_error(jarm_verify(&with(
            jarm_claims(),
            json!({"aud": "other", "exp": 1})
        ))),
        ValidationError::Audience { .. }
    ));
    assert!(jarm_verify(&with(jarm_claims(), json!({"aud": ["other", "client-1"]}))).is_ok());
    // Step 4: exp, with the 30 s leeway: valid while now < exp + 30.
    assert!(jarm_verify(&with(jarm_claims(), json!({"exp": NOW - 29}))).is_ok());
    assert!(matches!(
        claims_error(jarm_verify(&with(jarm_claims(), json!({"exp": NOW - 30})))),
        ValidationError::Expired { .. }
    ));
    // RFC 7519: nbf and a present iat.
    assert!(jarm_verify(&with(
        jarm_claims(),
        json!({"nbf": NOW + 30, "iat": NOW + 30})
    ))
    .is_ok());
    assert!(matches!(
        claims_error(jarm_verify(&with(jarm_claims(), json!({"nbf": NOW + 31})))),
        ValidationError::NotYetValid { .. }
    ));
    assert!(matches!(
        claims_error(jarm_verify(&with(jarm_claims(), json!({"iat": NOW + 31})))),
        ValidationError::IssuedInFuture { .. }
    ));
    // Without exp it is not a JARM response at all.
    let err = jarm_verify(&with(jarm_claims(), json!({"exp": null}))).unwrap_err();
    assert_eq!(err.kind(), TokenErrorKind::Claims);
    assert!(err.to_string().contains(r#""exp""#), "{err}");
}

#[test]
fn jarm_refuses_other_tokens_and_what_it_does_not_support() {
    let keys = public_keys();
    // A signed JWT with valid iss / aud / exp that is no authorization response (an ID
    // Token): the response does not decode, nothing is returned.
    let id_token = json!({"iss": ISSUER, "aud": "client-1", "exp": NOW + 60, "iat": NOW, "sub": "u", "nonce": "n"});
    let err = jarm_verify(&id_token).unwrap_err();
    assert_eq!(err.kind(), TokenErrorKind::Claims);
    assert!(err.to_string().contains("code"), "{err}");
    // typ: absent or JWT; any explicit type of another kind is refused.
    assert!(jarm()
        .verify(&signed_with_typ(None, &jarm_claims()), &keys)
        .is_ok());
    for typ in ["at+jwt", "logout+jwt", "token-introspection+jwt"] {
        let err = jarm()
            .verify(&signed_with_typ(Some(typ), &jarm_claims()), &keys)
            .unwrap_err();
        assert_eq!(err.kind(), TokenErrorKind::Header, "{typ}");
    }
    // JWE (five segments) is not supported: refused as malformed, before any key.
    let err = jarm()
        .verify("eyJhbGciOiJSU0EtT0FFUCJ9.a.b.c.d", &keys)
        .unwrap_err();
    assert_eq!(err.kind(), TokenErrorKind::Decode);
    // new(): RS256 only (JARM §5's default); alg none never.
    assert_eq!(
        jarm()
            .verify(&sign(Algorithm::ES256, &jarm_claims()), &keys)
            .unwrap_err(),
        TokenError::Jwt(JwtError::AlgorithmNotAllowed(Algorithm::ES256))
    );
    let none = raw(&json!({"alg": "none"}), &jarm_claims(), b"");
    assert_eq!(
        jarm().verify(&none, &keys).unwrap_err().kind(),
        TokenErrorKind::Header
    );
    // A bad signature.
    let mut forged = sign(Algorithm::RS256, &jarm_claims());
    forged.push('A');
    assert!(jarm().verify(&forged, &keys).is_err());
}

#[test]
fn jarm_algorithms_come_from_the_metadata() {
    let meta =
        metadata(json!({"authorization_signing_alg_values_supported": ["ES256", "HS256", "none"]}));
    let checks = JarmValidation::from_metadata(&meta, "client-1").clock(clock());
    let keys = public_keys();
    assert!(checks
        .verify(&sign(Algorithm::ES256, &jarm_claims()), &keys)
        .is_ok());
    assert_eq!(
        checks
            .verify(&sign(Algorithm::RS256, &jarm_claims()), &keys)
            .unwrap_err(),
        TokenError::Jwt(JwtError::AlgorithmNotAllowed(Algorithm::RS256))
    );
    // Omitted: RS256.
    let meta = metadata(json!({}));
    let checks = JarmValidation::from_metadata(&meta, "client-1").clock(clock());
    assert!(checks
        .verify(&sign(Algorithm::RS256, &jarm_claims()), &keys)
        .is_ok());
    // The issuer is the metadata's.
    assert!(matches!(
        checks
            .verify(
                &sign(
                    Algorithm::RS256,
                    &with(jarm_claims(), json!({"iss": "https://x"}))
                ),
                &keys
            )
            .unwrap_err(),
        TokenError::Claims(ValidationError::Issuer { .. })
    ));
}

#[test]
fn jarm_two_steps_agree_with_the_one_call() {
    let jwt = sign(Algorithm::RS256, &jarm_claims());
    let (claims, header) =
        from_jwt_with_header::<JarmClaims>(&jwt, &public_keys(), jarm().jwt_options()).unwrap();
    assert_eq!(header.alg, Algorithm::RS256);
    assert_eq!(claims.validate_extern(&jarm()), Ok(()));
    assert_eq!(
        claims.authentication_response().unwrap(),
        jarm_verify(&jarm_claims()).unwrap()
    );
    assert_eq!(
        claims.params.get_str("state").as_deref(),
        Some("S8NJ7uqk5fY4")
    );
    // The code is a credential: `Debug` hides it, in the claims as in the response.
    assert!(
        !format!("{claims:?}").contains("PyyFaux2o7Q0YfXBU32jhw"),
        "{claims:?}"
    );
    let response = claims.authentication_response().unwrap();
    assert!(!format!("{response:?}").contains("PyyFaux2o7Q0YfXBU32jhw"));
    // The claims re-encode as a JARM document.
    assert_eq!(JarmClaims::from_json(&claims.to_json()).unwrap(), claims);
    let mut built = JarmClaims::new(ISSUER, "client-1", NumericDate::from_secs(NOW + 120));
    built.params.insert("code", "PyyFaux2o7Q0YfXBU32jhw");
    built.params.insert("state", "S8NJ7uqk5fY4");
    assert_eq!(built, claims);
}

// ---------------------------------------------------------------- signed UserInfo

fn userinfo_claims() -> serde_json::Value {
    json!({"iss": ISSUER, "aud": "client-1", "sub": "248289761001", "name": "Jane Doe",
        "email": "janedoe@example.com", "iat": NOW})
}

fn userinfo() -> UserinfoValidation<'static> {
    UserinfoValidation::new(ISSUER, "client-1", "248289761001")
}

fn userinfo_verify(claims: &serde_json::Value) -> Result<UserinfoSuccessResponse, TokenError> {
    userinfo().verify(&sign(Algorithm::RS256, claims), &public_keys())
}

#[test]
fn signed_userinfo_verifies_and_is_bound_to_the_id_token_sub() {
    let info = userinfo_verify(&userinfo_claims()).unwrap();
    assert_eq!(info.claims.name.as_deref(), Some("Jane Doe"));
    assert_eq!(info.iss.as_deref(), Some(ISSUER));
    // §5.3.2: another user's response is refused, with its own error.
    let other = UserinfoValidation::new(ISSUER, "client-1", "someone-else");
    let err = other
        .verify::<UserinfoSuccessResponse>(
            &sign(Algorithm::RS256, &userinfo_claims()),
            &public_keys(),
        )
        .unwrap_err();
    assert_eq!(
        err,
        TokenError::Claims(ValidationError::SubMismatch {
            token: "UserInfo response",
            got: "248289761001".into()
        })
    );
    assert_eq!(
        err.to_string(),
        r#"UserInfo response's sub is not the ID Token's sub: "248289761001""#
    );
}

#[test]
fn signed_userinfo_requires_iss_and_aud() {
    let check =
        |changes: serde_json::Value| match userinfo_verify(&with(userinfo_claims(), changes)) {
            Err(TokenError::Claims(e)) => Some(e),
            Ok(_) => None,
            Err(e) => panic!("{e}"),
        };
    assert_eq!(
        check(json!({"iss": null})),
        Some(ValidationError::ClaimMissing {
            token: "UserInfo response",
            claim: "iss"
        })
    );
    assert_eq!(
        check(json!({"aud": null})),
        Some(ValidationError::ClaimMissing {
            token: "UserInfo response",
            claim: "aud"
        })
    );
    assert!(matches!(
        check(json!({"iss": "https://x"})),
        Some(ValidationError::Issuer { .. })
    ));
    assert!(matches!(
        check(json!({"aud": ["a", "b"]})),
        Some(ValidationError::Audience { .. })
    ));
    assert_eq!(
        check(json!({"aud": ["a", "client-1"]})),
        None,
        "aud may include the client id"
    );
    // iss before aud before sub.
    assert!(matches!(
        check(json!({"iss": "https://x", "aud": "a", "sub": "x"})),
        Some(ValidationError::Issuer { .. })
    ));
    assert!(matches!(
        check(json!({"aud": "a", "sub": "x"})),
        Some(ValidationError::Audience { .. })
    ));
}

#[test]
fn plain_userinfo_checks_sub_and_what_is_present() {
    let plain =
        UserinfoSuccessResponse::from_json(r#"{"sub":"248289761001","name":"Jane"}"#).unwrap();
    assert_eq!(
        plain.validate_extern(&userinfo()),
        Ok(()),
        "iss and aud are not required in JSON"
    );
    let wrong_sub = UserinfoSuccessResponse::from_json(r#"{"sub":"x"}"#).unwrap();
    assert!(matches!(
        wrong_sub.validate_extern(&userinfo()),
        Err(ValidationError::SubMismatch { .. })
    ));
    let wrong_iss =
        UserinfoSuccessResponse::from_json(r#"{"sub":"248289761001","iss":"https://x"}"#).unwrap();
    assert!(matches!(
        wrong_iss.validate_extern(&userinfo()),
        Err(ValidationError::Issuer { .. })
    ));
    let wrong_aud =
        UserinfoSuccessResponse::from_json(r#"{"sub":"248289761001","aud":"x"}"#).unwrap();
    assert!(matches!(
        wrong_aud.validate_extern(&userinfo()),
        Err(ValidationError::Audience { .. })
    ));
    // The trait path (`OidcMessage::validate_extern`) is the same check.
    assert!(OidcMessage::validate_extern(&wrong_sub, &userinfo()).is_err());
}

#[test]
fn signed_userinfo_kind_and_algorithms() {
    let keys = public_keys();
    assert!(userinfo()
        .verify::<UserinfoSuccessResponse>(&signed_with_typ(None, &userinfo_claims()), &keys)
        .is_ok());
    for typ in ["at+jwt", "logout+jwt"] {
        let err = userinfo()
            .verify::<UserinfoSuccessResponse>(
                &signed_with_typ(Some(typ), &userinfo_claims()),
                &keys,
            )
            .unwrap_err();
        assert_eq!(err.kind(), TokenErrorKind::Header, "{typ}");
    }
    let meta = metadata(json!({"userinfo_signing_alg_values_supported": ["PS256"]}));
    let checks = UserinfoValidation::from_metadata(&meta, "client-1", "248289761001");
    assert!(checks
        .verify::<UserinfoSuccessResponse>(&sign(Algorithm::PS256, &userinfo_claims()), &keys)
        .is_ok());
    assert!(checks
        .verify::<UserinfoSuccessResponse>(&sign(Algorithm::RS256, &userinfo_claims()), &keys)
        .is_err());
    let err = userinfo()
        .verify::<UserinfoSuccessResponse>("eyJhbGciOiJSU0EtT0FFUCJ9.a.b.c.d", &keys)
        .unwrap_err();
    assert_eq!(err.kind(), TokenErrorKind::Decode, "JWE is not supported");
}

/// A vendor UserInfo response that embeds the standard one verifies the same way.
#[derive(OidcMessage, Clone, PartialEq)]
struct VendorUserinfo {
    #[oidc(flatten)]
    standard: UserinfoSuccessResponse,
    tenant: Option<String>,
    #[oidc(extra)]
    extra: ExtraParams,
}

#[test]
fn vendor_userinfo_verifies_through_the_same_call() {
    let claims = with(userinfo_claims(), json!({"tenant": "t1"}));
    let info: VendorUserinfo = userinfo()
        .verify(&sign(Algorithm::RS256, &claims), &public_keys())
        .unwrap();
    assert_eq!(info.tenant.as_deref(), Some("t1"));
    assert_eq!(info.standard.sub, "248289761001");
}

// ---------------------------------------------------------------- RFC 9701

fn introspection_claims() -> serde_json::Value {
    json!({"iss": ISSUER, "aud": "rs-1", "iat": NOW,
        "token_introspection": {"active": true, "client_id": "client-1", "sub": "248289761001",
            "scope": "read write", "exp": NOW + 600}})
}

fn introspection() -> IntrospectionResponseValidation<'static> {
    IntrospectionResponseValidation::new(ISSUER, "rs-1").clock(clock())
}

fn introspect(claims: &serde_json::Value) -> Result<JwtIntrospectionResponse, TokenError> {
    introspection().verify(
        &signed_with_typ(Some("token-introspection+jwt"), claims),
        &public_keys(),
    )
}

#[test]
fn jwt_introspection_response_verifies() {
    let r = introspect(&introspection_claims()).unwrap();
    assert!(r.token_introspection.active);
    assert_eq!(r.token_introspection.sub.as_deref(), Some("248289761001"));
    assert_eq!(
        r.token_introspection.scope.as_deref(),
        Some(&["read".to_owned(), "write".to_owned()][..])
    );
    let inactive = introspect(&with(
        introspection_claims(),
        json!({"token_introspection": {"active": false}}),
    ))
    .unwrap();
    assert!(!inactive.token_introspection.active);
    // The media type may carry its `application/` prefix (RFC 7515 §4.1.9).
    let jwt = signed_with_typ(
        Some("application/token-introspection+jwt"),
        &introspection_claims(),
    );
    assert!(introspection()
        .verify::<JwtIntrospectionResponse>(&jwt, &public_keys())
        .is_ok());
}

#[test]
fn jwt_introspection_response_needs_its_typ() {
    let keys = public_keys();
    for typ in [None, Some("JWT"), Some("at+jwt")] {
        let jwt = signed_with_typ(typ, &introspection_claims());
        let err = introspection()
            .verify::<JwtIntrospectionResponse>(&jwt, &keys)
            .unwrap_err();
        assert_eq!(err.kind(), TokenErrorKind::Header, "{typ:?}");
    }
}

#[test]
fn jwt_introspection_response_claims() {
    let check =
        |changes: serde_json::Value| match introspect(&with(introspection_claims(), changes)) {
            Err(TokenError::Claims(e)) => Some(e),
            Ok(_) => None,
            Err(e) => panic!("{e}"),
        };
    assert!(matches!(
        check(json!({"iss": "https://x"})),
        Some(ValidationError::Issuer { .. })
    ));
    assert!(matches!(
        check(json!({"aud": "client-1"})),
        Some(ValidationError::Audience { .. })
    ));
    assert_eq!(check(json!({"aud": ["rs-2", "rs-1"]})), None);
    assert_eq!(check(json!({"iat": NOW + 30})), None, "within the leeway");
    assert!(matches!(
        check(json!({"iat": NOW + 31})),
        Some(ValidationError::IssuedInFuture { .. })
    ));
    // The caller's bound on its age, exactly.
    let fresh = introspection().min_iat(NumericDate::from_secs(NOW - 60));
    let jwt = |iat: i64| {
        signed_with_typ(
            Some("token-introspection+jwt"),
            &with(introspection_claims(), json!({"iat": iat})),
        )
    };
    assert!(fresh
        .verify::<JwtIntrospectionResponse>(&jwt(NOW - 60), &public_keys())
        .is_ok());
    assert!(matches!(
        fresh
            .verify::<JwtIntrospectionResponse>(&jwt(NOW - 61), &public_keys())
            .unwrap_err(),
        TokenError::Claims(ValidationError::IssuedTooEarly { .. })
    ));
    // REQUIRED claims.
    for missing in ["iss", "aud", "iat", "token_introspection"] {
        let err = introspect(&with(introspection_claims(), json!({ missing: null }))).unwrap_err();
        assert_eq!(err.kind(), TokenErrorKind::Claims, "{missing}");
        assert!(err.to_string().contains(missing), "{err}");
    }
    // The introspected token's claims are its own: `active` is REQUIRED in there.
    let err = introspect(&with(
        introspection_claims(),
        json!({"token_introspection": {"sub": "x"}}),
    ))
    .unwrap_err();
    assert!(err.to_string().contains("active"), "{err}");
}

#[test]
fn jwt_introspection_algorithms_come_from_the_metadata() {
    let meta = metadata(json!({"introspection_signing_alg_values_supported": ["EdDSA"]}));
    let checks = IntrospectionResponseValidation::from_metadata(&meta, "rs-1").clock(clock());
    let mut header = Header::new(Algorithm::EdDSA);
    header.kid = Some("ed25519".into());
    header.typ = Some("token-introspection+jwt".into());
    let jwt = sign_with(&header, &introspection_claims());
    assert!(checks
        .verify::<JwtIntrospectionResponse>(&jwt, &public_keys())
        .is_ok());
    let rs = signed_with_typ(Some("token-introspection+jwt"), &introspection_claims());
    assert_eq!(
        checks
            .verify::<JwtIntrospectionResponse>(&rs, &public_keys())
            .unwrap_err(),
        TokenError::Jwt(JwtError::AlgorithmNotAllowed(Algorithm::RS256))
    );
    // The two steps.
    let (r, _) = from_jwt_with_header::<JwtIntrospectionResponse>(
        &rs,
        &public_keys(),
        &JwtOptions::default(),
    )
    .unwrap();
    assert_eq!(r.validate_extern(&introspection()), Ok(()));
}
