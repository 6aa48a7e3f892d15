use oidc_core::messages::*;
use oidc_core::{NumericDate, OidcMessage};

#[test]
fn standard_claims_with_provider_leniencies() {
    let r = UserinfoSuccessResponse::from_json(
        r#"{"sub":"u1","email_verified":"false","phone_number_verified":true,"updated_at":"2024-05-01T10:00:00Z",
            "address":{"locality":"Paris","country":"FR","unit":"4B"},"groups":["a"]}"#,
    )
    .unwrap();
    assert_eq!(r.claims.email_verified, Some(false));
    assert_eq!(r.claims.phone_number_verified, Some(true));
    assert_eq!(
        r.claims.updated_at,
        Some(NumericDate::from_secs(1714557600))
    );
    let address = r.claims.address.as_ref().unwrap();
    assert_eq!(address.locality.as_deref(), Some("Paris"));
    assert_eq!(address.extra.get_str("unit").as_deref(), Some("4B"));
    assert_eq!(
        r.extra.get::<Vec<String>>("groups").unwrap().unwrap(),
        ["a"]
    );
    assert_eq!(UserinfoSuccessResponse::from_json(&r.to_json()).unwrap(), r);
}

#[test]
fn www_authenticate_parsing_rejects_what_is_not_a_bearer_challenge() {
    for (header, why) in [
        (r#"Basic realm="x""#, "not a Bearer or DPoP challenge"),
        (
            r#"Bearer error="invalid_token"#,
            "unterminated quoted string",
        ),
        (r#"Bearer error"#, "expected name=value"),
        (
            r#"Bearer error="a" error_description="b""#,
            "expected a comma",
        ),
        // An auth-param name is a token (RFC 9110 §11.2): not empty, no space, comma
        // or quote inside.
        (r#"Bearer ="a""#, "bad parameter name"),
        (r#"Bearer err or="a""#, "bad parameter name"),
        (r#"Bearer err,or="a""#, "bad parameter name"),
        (r#"Bearer err"or="a""#, "bad parameter name"),
    ] {
        let err = UserinfoErrorResponse::from_www_authenticate(header).unwrap_err();
        assert!(err.to_string().contains(why), "{header}: {err}");
    }
    let err =
        UserinfoErrorResponse::from_www_authenticate(r#"Bearer error="a", error="b""#).unwrap_err();
    assert_eq!(err.parameter(), Some("error"));
    let err =
        UserinfoErrorResponse::from_www_authenticate(r#"Bearer realm="example""#).unwrap_err();
    assert_eq!(
        err.parameter(),
        Some("error"),
        "a challenge without an error is not an error response"
    );
}

#[test]
fn www_authenticate_tokens_escapes_and_case() {
    let e = UserinfoErrorResponse::from_www_authenticate(
        r#"bearer error=invalid_request,  error_description="say \"hi\"""#,
    )
    .unwrap();
    assert_eq!(e.error, "invalid_request");
    assert_eq!(e.error_description.as_deref(), Some(r#"say "hi""#));
}

#[test]
fn userinfo_response_enum() {
    let r =
        UserinfoResponse::from_json(r#"{"error":"invalid_token","error_description":"expired"}"#)
            .unwrap();
    assert_eq!(r.into_result().unwrap_err().error, "invalid_token");
    assert!(UserinfoResponse::from_json(r#"{"sub":"x"}"#)
        .unwrap()
        .is_success());
}
