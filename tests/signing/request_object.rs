//! Request Objects: what we sign, the OIDC Core §6.1 example, and RFC 9101 §6.3 at the
//! provider.

use std::cell::RefCell;

use oidc_core::jwt::{sign_payload, Algorithm, JwkSet, JwsHeader, JwtError};
use oidc_core::messages::{AuthenticationRequest, Claim, ClaimsRequest, JarRequest, RequestObject};
use oidc_core::request_object::{sign_request_object, sign_request_object_at};
use oidc_core::validation::{RequestObjectValidation, TokenError, ValidationError};
use oidc_core::{Location, OidcMessage};

use crate::{clock_at, data, header, key, now, payload, ISSUER, NOW};

const CLIENT: &str = "s6BhdRkqt3";

fn request() -> AuthenticationRequest {
    let mut request =
        AuthenticationRequest::new(CLIENT, "https://client.example.org/cb", ["openid", "email"]);
    request.state = Some("af0ifjsldkj".into());
    request.nonce = Some("n-0S6_WzA2Mj".into());
    request.max_age = Some(86400);
    request.claims =
        Some(ClaimsRequest::new().id_token("acr", Claim::values(["urn:mace:incommon:iap:silver"])));
    request.code_challenge = Some("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM".into());
    request.code_challenge_method = Some("S256".into());
    request.resource = vec!["https://rs.example".into()];
    request
        .extra
        .insert("dpop_jkt", "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I");
    request
}

fn checks() -> RequestObjectValidation<'static> {
    RequestObjectValidation::new(ISSUER, CLIENT).clock(clock_at(0))
}

#[test]
fn what_we_sign_every_algorithm_verifies() {
    for alg in crate::EVERY_ALGORITHM {
        let signing = key(alg);
        let jwt = sign_request_object_at(&request(), &signing, ISSUER, now(), 300).unwrap();
        let checks = checks().algorithms(&[alg]);
        let verified = checks
            .verify::<RequestObject>(&jwt, &signing.verifying_keys())
            .map(|o| o.request)
            .unwrap_or_else(|e| panic!("{alg:?}: {e}"));
        assert_eq!(verified, request(), "{alg:?}");
    }
    let jwt =
        sign_request_object_at(&request(), &key(Algorithm::ES256), ISSUER, now(), 300).unwrap();
    assert_eq!(header(&jwt)["typ"], "oauth-authz-req+jwt");
    let claims = payload(&jwt);
    assert_eq!(claims["iss"], CLIENT);
    assert_eq!(claims["aud"], ISSUER);
    assert_eq!(
        (
            claims["iat"].as_i64(),
            claims["nbf"].as_i64(),
            claims["exp"].as_i64()
        ),
        (Some(NOW), Some(NOW), Some(NOW + 300))
    );
    assert_eq!(claims["jti"].as_str().unwrap().len(), 43);
    // Parameters are JSON claims with their JSON types (RFC 9101 §4).
    assert_eq!(claims["max_age"], 86400);
    assert_eq!(
        claims["claims"]["id_token"]["acr"]["values"][0],
        "urn:mace:incommon:iap:silver"
    );
    assert_eq!(claims["scope"], "openid email");
    assert_eq!(
        claims["resource"],
        serde_json::json!(["https://rs.example"])
    );
    assert_eq!(
        claims["dpop_jkt"],
        "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I"
    );
    // The system clock variant signs a fresh object.
    let fresh = sign_request_object(&request(), &key(Algorithm::ES256), ISSUER).unwrap();
    assert!(payload(&fresh)["exp"].as_i64().unwrap() > NOW);
    // A request holding request / request_uri cannot become a Request Object.
    let mut nested = request();
    nested.request_uri = Some("https://x".into());
    assert!(matches!(
        sign_request_object_at(&nested, &key(Algorithm::ES256), ISSUER, now(), 300),
        Err(JwtError::Signing(_))
    ));
}

#[test]
fn the_oidc_core_6_1_example_verifies() {
    let jwt = data("jws/oidc-core-6.1-request-object.jwt");
    let keys = JwkSet::from_json(&format!(
        r#"{{"keys":[{}]}}"#,
        data("jws/oidc-core-6.1-rp-key-k2bdc-public.json")
    ))
    .unwrap();
    let checks =
        RequestObjectValidation::new("https://server.example.com", CLIENT).clock(clock_at(0));
    let verified = checks
        .verify::<RequestObject>(jwt.trim(), &keys)
        .map(|o| o.request)
        .unwrap();
    assert_eq!(verified.response_type, "code id_token");
    assert_eq!(verified.state.as_deref(), Some("af0ifjsldkj"));
    assert_eq!(verified.max_age, Some(86400));
    assert!(verified
        .claims
        .unwrap()
        .userinfo
        .unwrap()
        .get("email")
        .unwrap()
        .unwrap()
        .is_essential());
    // Another provider is not its audience.
    assert!(matches!(
        (checks_for("https://other.example"))
            .verify::<RequestObject>(jwt.trim(), &keys)
            .map(|o| o.request),
        Err(TokenError::Claims(ValidationError::Audience { .. }))
    ));
}

fn checks_for(issuer: &'static str) -> RequestObjectValidation<'static> {
    RequestObjectValidation::new(issuer, CLIENT).clock(clock_at(0))
}

#[test]
fn rfc9101_6_3_only_the_request_objects_parameters_count() {
    let signing = key(Algorithm::ES256);
    let jwt = sign_request_object_at(&request(), &signing, ISSUER, now(), 300).unwrap();
    // The query also says state=evil and another redirect_uri: they are not used.
    let mut outer = JarRequest::by_value(CLIENT, &jwt);
    outer.extra.insert("state", "evil");
    outer
        .extra
        .insert("redirect_uri", "https://attacker.example/cb");
    let url = outer.to_url("https://op.example/authorize").unwrap();
    let received = JarRequest::from_url(&url, Location::Query).unwrap();
    let checks = RequestObjectValidation::new(ISSUER, &received.client_id).clock(clock_at(0));
    let verified = checks
        .verify::<RequestObject>(
            received.request.as_deref().unwrap(),
            &signing.verifying_keys(),
        )
        .map(|o| o.request)
        .unwrap();
    assert_eq!(verified.state.as_deref(), Some("af0ifjsldkj"));
    assert_eq!(verified.redirect_uri, "https://client.example.org/cb");
    // The request's client_id and the object's MUST be identical.
    let other = RequestObjectValidation::new(ISSUER, "another-client").clock(clock_at(0));
    assert!(matches!(
        other.verify::<RequestObject>(&jwt, &signing.verifying_keys()).map(|o| o.request),
        Err(TokenError::Claims(ValidationError::ClientId { got, .. })) if got == CLIENT
    ));
}

fn object_with(claims: serde_json::Value) -> String {
    let mut base = serde_json::json!({"response_type": "code", "client_id": CLIENT, "redirect_uri": "https://client.example.org/cb",
        "scope": "openid", "iss": CLIENT, "aud": ISSUER, "iat": NOW, "nbf": NOW, "exp": NOW + 300, "jti": "r1"});
    for (name, value) in claims.as_object().unwrap() {
        if value.is_null() {
            base.as_object_mut().unwrap().remove(name);
        } else {
            base[name] = value.clone();
        }
    }
    sign_payload(
        base.to_string().as_bytes(),
        &key(Algorithm::ES256),
        &JwsHeader::typed("oauth-authz-req+jwt"),
    )
    .unwrap()
}

fn verify(
    jwt: &str,
    checks: &RequestObjectValidation<'_>,
) -> Result<AuthenticationRequest, TokenError> {
    (checks)
        .verify::<RequestObject>(jwt, &key(Algorithm::ES256).verifying_keys())
        .map(|o| o.request)
}

fn claim_error(claims: serde_json::Value, checks: &RequestObjectValidation<'_>) -> ValidationError {
    match verify(&object_with(claims), checks) {
        Err(TokenError::Claims(e)) => e,
        other => panic!("{other:?}"),
    }
}

#[test]
fn provider_checks_on_request_objects() {
    assert!(verify(&object_with(serde_json::json!({})), &checks()).is_ok());
    assert!(matches!(
        claim_error(serde_json::json!({"iss": "x"}), &checks()),
        ValidationError::Issuer { .. }
    ));
    assert!(matches!(
        claim_error(
            serde_json::json!({"aud": "https://op.example/token"}),
            &checks()
        ),
        ValidationError::Audience { .. }
    ));
    assert!(verify(
        &object_with(serde_json::json!({"aud": ["x", ISSUER]})),
        &checks()
    )
    .is_ok());
    // iss / aud / times are checked when present (OIDC Core §6.1 objects have none).
    assert!(verify(
        &object_with(
            serde_json::json!({"iss": null, "aud": null, "exp": null, "nbf": null, "iat": null})
        ),
        &checks()
    )
    .is_ok());
    for (claim, value) in [("request", "eyJ.x.y"), ("request_uri", "https://x")] {
        assert!(matches!(
            claim_error(serde_json::json!({claim: value}), &checks()),
            ValidationError::ClaimMismatch { claim: c, .. } if c == claim
        ));
    }
    // Time: exp (now < exp + 30), nbf (now >= nbf - 30), iat (<= now + 30).
    let at = |offset| RequestObjectValidation::new(ISSUER, CLIENT).clock(clock_at(offset));
    let jwt = object_with(serde_json::json!({}));
    assert!(verify(&jwt, &at(329)).is_ok());
    assert!(matches!(
        verify(&jwt, &at(330)),
        Err(TokenError::Claims(ValidationError::Expired { .. }))
    ));
    assert!(verify(&jwt, &at(-30)).is_ok());
    assert!(matches!(
        verify(&jwt, &at(-31)),
        Err(TokenError::Claims(ValidationError::NotYetValid { .. }))
    ));
    assert!(matches!(
        claim_error(serde_json::json!({"nbf": null, "iat": NOW + 31}), &checks()),
        ValidationError::IssuedInFuture { .. }
    ));
    // FAPI 2.0: exp and nbf required, at most the maximum apart.
    let fapi = |max| {
        RequestObjectValidation::new(ISSUER, CLIENT)
            .clock(clock_at(0))
            .max_lifetime(max)
    };
    assert!(verify(&jwt, &fapi(300)).is_ok());
    assert!(matches!(
        verify(&jwt, &fapi(299)),
        Err(TokenError::Claims(ValidationError::LifetimeTooLong { .. }))
    ));
    for missing in ["exp", "nbf"] {
        assert!(matches!(
            claim_error(serde_json::json!({missing: null}), &fapi(3600)),
            ValidationError::ClaimMissing { claim, .. } if claim == missing
        ));
    }
    // The jti hook: required, once.
    let seen = RefCell::new(Vec::<String>::new());
    let once = RequestObjectValidation::new(ISSUER, CLIENT)
        .clock(clock_at(0))
        .unique_jti(|jti| {
            if seen.borrow().iter().any(|s| s == jti) {
                return Err("used".into());
            }
            seen.borrow_mut().push(jti.to_owned());
            Ok(())
        });
    assert!(verify(&jwt, &once).is_ok());
    assert!(matches!(
        verify(&jwt, &once),
        Err(TokenError::Claims(ValidationError::Callback {
            check: "jti",
            ..
        }))
    ));
    assert!(matches!(
        claim_error(serde_json::json!({"jti": null}), &once),
        ValidationError::ClaimMissing { claim: "jti", .. }
    ));
    // Typed as another kind of token: refused before any claim is read.
    let typed = sign_payload(
        payload(&jwt).to_string().as_bytes(),
        &key(Algorithm::ES256),
        &JwsHeader::typed("dpop+jwt"),
    )
    .unwrap();
    assert!(matches!(
        verify(&typed, &checks()),
        Err(TokenError::Jwt(JwtError::WrongType { .. }))
    ));
    // A Request Object's authorization parameters follow AuthenticationRequest's rules.
    let err = verify(
        &object_with(serde_json::json!({"redirect_uri": null})),
        &checks(),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"RequestObject: missing required parameter "redirect_uri""#
    );
    let unsigned = RequestObject::new(request());
    assert!(unsigned.iss.is_none() && unsigned.exp.is_none() && unsigned.request == request());
}

#[test]
fn jar_requests_carry_exactly_one_reference() {
    let by_value = JarRequest::by_value(CLIENT, "a.b.c");
    assert_eq!(by_value.to_form(), "client_id=s6BhdRkqt3&request=a.b.c");
    assert!(!format!("{by_value:?}").contains("a.b.c"));
    let err = JarRequest::from_form("client_id=c&request=a&request_uri=b").unwrap_err();
    assert!(
        err.to_string().contains("must not both be present"),
        "{err}"
    );
    let err = JarRequest::from_form("client_id=c").unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"JarRequest: missing required parameter "request""#
    );
    let err = JarRequest::from_form("request_uri=urn:x").unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"JarRequest: missing required parameter "client_id""#
    );
    assert_eq!(
        JarRequest::from_form("client_id=c&request_uri=urn%3Ax").unwrap(),
        JarRequest::by_reference("c", "urn:x")
    );
}
