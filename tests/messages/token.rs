use oidc_core::messages::*;
use oidc_core::{ExtraParams, OidcMessage};

#[test]
fn constructors_build_valid_requests_for_each_grant() {
    let mut code = TokenRequest::for_authorization_code("c0de", "https://rp.example/cb");
    code.client_id = Some("rp".into());
    assert_eq!(code.to_form(), "grant_type=authorization_code&code=c0de&redirect_uri=https%3A%2F%2Frp.example%2Fcb&client_id=rp");
    let mut refresh = TokenRequest::for_refresh_token("r1");
    refresh.scope = Some(vec!["openid".into()]);
    assert_eq!(
        refresh.to_form(),
        "grant_type=refresh_token&refresh_token=r1&scope=openid"
    );
    let password = TokenRequest::for_password("alice", "s3cret pw", ["openid", "profile"]);
    assert_eq!(
        password.to_form(),
        "grant_type=password&username=alice&password=s3cret+pw&scope=openid+profile"
    );
    let mut client = TokenRequest::for_client_credentials();
    client.client_secret = Some("x".into());
    client.resource = vec!["https://api".into(), "https://other.example/".into()];
    client.audience = vec!["urn:example:cooperation-context".into()];
    assert_eq!(
        client.to_form(),
        "grant_type=client_credentials&client_secret=x&resource=https%3A%2F%2Fapi\
         &resource=https%3A%2F%2Fother.example%2F&audience=urn%3Aexample%3Acooperation-context"
    );
    let device = TokenRequest::for_device_code("GmRhmhcx");
    assert_eq!(
        device.to_form(),
        "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code&device_code=GmRhmhcx"
    );
    let mut exchange = TokenRequest::for_token_exchange("subj", TokenType::AccessToken);
    exchange.actor_token = Some("act".into());
    exchange.actor_token_type = Some(TokenType::Jwt);
    exchange.requested_token_type = Some(TokenType::Other("urn:example:custom".into()));
    exchange.audience = vec!["urn:a".into(), "urn:b".into()];
    assert_eq!(
        exchange.to_form(),
        "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange\
         &subject_token=subj&subject_token_type=urn%3Aietf%3Aparams%3Aoauth%3Atoken-type%3Aaccess_token\
         &actor_token=act&actor_token_type=urn%3Aietf%3Aparams%3Aoauth%3Atoken-type%3Ajwt\
         &requested_token_type=urn%3Aexample%3Acustom&audience=urn%3Aa&audience=urn%3Ab"
    );
    let ciba = TokenRequest::for_ciba("1c266114");
    assert_eq!(
        ciba.to_form(),
        "grant_type=urn%3Aopenid%3Aparams%3Agrant-type%3Aciba&auth_req_id=1c266114"
    );
    for request in [code, refresh, password, client, device, exchange, ciba] {
        assert_eq!(
            TokenRequest::from_form(&request.to_form()).unwrap(),
            request
        );
        assert_eq!(
            TokenRequest::from_json(&request.to_json()).unwrap(),
            request
        );
    }
}

#[test]
fn each_grant_requires_its_parameters_on_decode() {
    for (body, missing) in [
        ("grant_type=authorization_code&redirect_uri=x", "code"),
        ("grant_type=authorization_code&code=x", "redirect_uri"),
        ("grant_type=refresh_token", "refresh_token"),
        ("grant_type=password&password=p&scope=openid", "username"),
        ("grant_type=password&username=u&scope=openid", "password"),
        ("grant_type=password&username=u&password=p", "scope"),
        ("grant_type=password&username=u&password=p&scope=+", "scope"),
        (
            "grant_type=urn:ietf:params:oauth:grant-type:device_code",
            "device_code",
        ),
        (
            "grant_type=urn:ietf:params:oauth:grant-type:token-exchange\
             &subject_token_type=urn:ietf:params:oauth:token-type:jwt",
            "subject_token",
        ),
        (
            "grant_type=urn:ietf:params:oauth:grant-type:token-exchange&subject_token=t",
            "subject_token_type",
        ),
        (
            "grant_type=urn:ietf:params:oauth:grant-type:token-exchange&subject_token=t\
             &subject_token_type=urn:ietf:params:oauth:token-type:jwt&actor_token=a",
            "actor_token_type",
        ),
        (
            "grant_type=urn:openid:params:grant-type:ciba",
            "auth_req_id",
        ),
        ("code=x", "grant_type"),
    ] {
        let err = TokenRequest::from_form(body).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(r#"TokenRequest: missing required parameter "{missing}""#),
            "{body}"
        );
    }
    assert!(TokenRequest::from_form("grant_type=client_credentials").is_ok());
    // Each grant's parameters are enough: the boundary of each rule above.
    for body in [
        "grant_type=urn:ietf:params:oauth:grant-type:device_code&device_code=d",
        "grant_type=urn:ietf:params:oauth:grant-type:token-exchange&subject_token=t\
         &subject_token_type=urn:ietf:params:oauth:token-type:jwt",
        "grant_type=urn:ietf:params:oauth:grant-type:token-exchange&subject_token=t\
         &subject_token_type=urn:ietf:params:oauth:token-type:jwt&actor_token=a\
         &actor_token_type=urn:ietf:params:oauth:token-type:jwt",
        "grant_type=urn:openid:params:grant-type:ciba&auth_req_id=r",
    ] {
        assert!(TokenRequest::from_form(body).is_ok(), "{body}");
    }
}

#[test]
fn actor_token_type_without_actor_token_is_refused() {
    // RFC 8693 §2.1: actor_token_type "MUST NOT be included otherwise".
    let err = TokenRequest::from_form(
        "grant_type=urn:ietf:params:oauth:grant-type:token-exchange&subject_token=t\
         &subject_token_type=urn:ietf:params:oauth:token-type:jwt\
         &actor_token_type=urn:ietf:params:oauth:token-type:jwt",
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "TokenRequest: actor_token_type without actor_token (RFC 8693 §2.1)"
    );
}

#[test]
fn extension_grant_secrets_never_show_in_debug() {
    let mut r = TokenRequest::for_token_exchange("subj-secret", TokenType::AccessToken);
    r.actor_token = Some("actor-secret".into());
    r.actor_token_type = Some(TokenType::Jwt);
    r.device_code = Some("device-secret".into());
    r.auth_req_id = Some("auth-req-secret".into());
    let debug = format!("{r:?}");
    for secret in [
        "subj-secret",
        "actor-secret",
        "device-secret",
        "auth-req-secret",
    ] {
        assert!(!debug.contains(secret), "{debug}");
    }
    let err =
        TokenRequest::from_form("grant_type=x&device_code=dc-1&device_code=dc-2%ZZ").unwrap_err();
    assert!(!err.to_string().contains("dc-"), "{err}");
}

#[test]
fn extension_grants_carry_their_parameters_in_extra() {
    let mut params = ExtraParams::new();
    params.insert("assertion", "eyJhbGciOiJFUzI1NiJ9.eyJpc3Mi.sig");
    params.insert("client_id", "1406020730");
    let r =
        TokenRequest::for_extension("urn:ietf:params:oauth:grant-type:jwt-bearer", params).unwrap();
    assert_eq!(
        r.grant_type,
        GrantType::Other("urn:ietf:params:oauth:grant-type:jwt-bearer".into())
    );
    assert_eq!(
        r.client_id.as_deref(),
        Some("1406020730"),
        "declared parameters land in their fields"
    );
    assert_eq!(
        r.extra.get_str("assertion").as_deref(),
        Some("eyJhbGciOiJFUzI1NiJ9.eyJpc3Mi.sig")
    );
    // A registered grant through `for_extension` still gets its checks...
    assert!(TokenRequest::for_extension("refresh_token", ExtraParams::new()).is_err());
    assert!(TokenRequest::for_extension(
        "urn:ietf:params:oauth:grant-type:device_code",
        ExtraParams::new()
    )
    .is_err());
    // ...and its parameters land in their fields.
    let mut params = ExtraParams::new();
    params.insert("device_code", "GmRhmhcx");
    let r = TokenRequest::for_extension("urn:ietf:params:oauth:grant-type:device_code", params)
        .unwrap();
    assert_eq!(r.grant_type, GrantType::DeviceCode);
    assert_eq!(r.device_code.as_deref(), Some("GmRhmhcx"));
}

#[test]
fn secrets_never_show_in_debug() {
    let mut r = TokenRequest::for_password("alice", "hunter2", ["openid"]);
    r.client_secret = Some("cs-42".into());
    r.code_verifier = Some("v-99".into());
    let debug = format!("{r:?}");
    for secret in ["hunter2", "cs-42", "v-99"] {
        assert!(!debug.contains(secret), "{debug}");
    }
    assert!(debug.contains("alice"));
    let response = TokenSuccessResponse::from_json(
        r#"{"access_token":"at-1","token_type":"Bearer","refresh_token":"rt-1"}"#,
    )
    .unwrap();
    let debug = format!("{response:?}");
    assert!(
        !debug.contains("at-1") && !debug.contains("rt-1"),
        "{debug}"
    );
}

#[test]
fn token_responses_from_json_and_form() {
    let r = TokenResponse::from_json(
        r#"{"access_token":"a","token_type":"DPoP","scope":["x","y"],"refresh_expires_in":"1800"}"#,
    )
    .unwrap()
    .into_result()
    .unwrap();
    assert!(!r.is_bearer());
    assert_eq!(
        r.scope.as_deref(),
        Some(&["x".to_string(), "y".to_string()][..])
    );
    assert_eq!(r.refresh_expires_in, Some(1800));
    assert_eq!(
        r.to_json(),
        r#"{"access_token":"a","token_type":"DPoP","refresh_expires_in":1800,"scope":"x y"}"#
    );

    let e = TokenResponse::from_form("error=invalid_client&error_description=bad+secret").unwrap();
    let e = e.into_result().unwrap_err();
    assert_eq!(e.error, TokenErrorCode::InvalidClient);
    assert_eq!(e.error_description.as_deref(), Some("bad secret"));
}

#[test]
fn every_token_error_code() {
    for (wire, code) in [
        ("invalid_request", TokenErrorCode::InvalidRequest),
        ("invalid_client", TokenErrorCode::InvalidClient),
        ("invalid_grant", TokenErrorCode::InvalidGrant),
        ("unauthorized_client", TokenErrorCode::UnauthorizedClient),
        (
            "unsupported_grant_type",
            TokenErrorCode::UnsupportedGrantType,
        ),
        ("invalid_scope", TokenErrorCode::InvalidScope),
    ] {
        let e = TokenErrorResponse::from_json(&format!(r#"{{"error":"{wire}"}}"#)).unwrap();
        assert_eq!(e.error, code);
        assert_eq!(e.to_json(), format!(r#"{{"error":"{wire}"}}"#));
    }
}

#[test]
fn a_response_that_is_not_json_is_a_clear_error() {
    let err = TokenResponse::from_json("<html>Bad Gateway</html>").unwrap_err();
    assert!(
        err.to_string().starts_with("TokenResponse: invalid JSON"),
        "{err}"
    );
    let err = TokenResponse::from_json(r#"{"token_type":"Bearer"}"#).unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"TokenSuccessResponse: missing required parameter "access_token""#
    );
}

#[test]
fn the_error_member_decides_even_next_to_success_members() {
    // A success response is read in one pass; `error` still wins when present.
    let both = TokenResponse::from_json(
        r#"{"access_token":"a","token_type":"Bearer","error":"invalid_grant"}"#,
    )
    .unwrap();
    assert_eq!(
        both.into_result().unwrap_err().error,
        TokenErrorCode::InvalidGrant
    );
    for absent in [r#""error":null"#, r#""error":"""#] {
        let r = TokenResponse::from_json(&format!(
            r#"{{"access_token":"a","token_type":"Bearer",{absent}}}"#
        ))
        .unwrap();
        assert!(r.is_success(), "{absent}");
    }
    let form =
        TokenResponse::from_form("access_token=a&token_type=bearer&error=access_denied").unwrap();
    assert!(!form.is_success());
    // A document that is neither: the success message's error is reported.
    let err =
        TokenResponse::from_json(r#"{"token_type":"Bearer","expires_in":"soon"}"#).unwrap_err();
    assert_eq!(err.parameter(), Some("expires_in"));
}

#[test]
fn token_type_is_compared_without_case() {
    // RFC 6749 §5.1 (Bearer) and RFC 9449 §5 (DPoP): the token type is case-insensitive.
    for (token_type, bearer, dpop) in [
        ("Bearer", true, false),
        ("bearer", true, false),
        ("DPoP", false, true),
        ("dpop", false, true),
        ("N_A", false, false),
    ] {
        let json = format!(r#"{{"access_token":"a","token_type":"{token_type}"}}"#);
        let response = TokenSuccessResponse::from_json(&json).unwrap();
        assert_eq!(response.is_bearer(), bearer, "{token_type}");
        assert_eq!(response.is_dpop(), dpop, "{token_type}");
    }
}
