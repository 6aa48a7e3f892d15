//! Pushed Authorization Requests (RFC 9126): the request a client pushes, the responses,
//! the authorization URL that follows.

use oidc_core::client_auth::{ClientAuth, ClientCredentials};
use oidc_core::jwt::Algorithm;
use oidc_core::messages::{
    AuthenticationRequest, JarRequest, PushedAuthorizationErrorCode,
    PushedAuthorizationErrorResponse, PushedAuthorizationResponse,
    PushedAuthorizationSuccessResponse,
};
use oidc_core::request_object::sign_request_object_at;
use oidc_core::{Location, OidcMessage};

use crate::{key, now, ISSUER};

const CLIENT: &str = "s6BhdRkqt3";

#[test]
fn pushing_parameters_then_redirecting_with_the_reference() {
    // RFC 9126 §2.1: the authorization request's parameters plus client authentication.
    let mut request = AuthenticationRequest::new(CLIENT, "https://client.example.org/cb", ["ais"]);
    request.state = Some("af0ifjsldkj".into());
    request.code_challenge = Some("K2-ltc83acc4h0c9w6ESC_rEMTJ3bww-uCHaoeK1t8U".into());
    request.code_challenge_method = Some("S256".into());
    let auth = ClientAuth::private_key_jwt(CLIENT, key(Algorithm::ES256), ISSUER).unwrap();
    let pushed = auth.apply_at(&request.to_form(), now()).unwrap();
    assert!(pushed
        .body
        .starts_with("scope=ais&response_type=code&client_id=s6BhdRkqt3&redirect_uri="));
    assert!(pushed.body.contains("&client_assertion_type="));
    // The provider's side: the credentials and the parameters, from one body.
    let credentials = ClientCredentials::from_request(None, &pushed.body).unwrap();
    assert_eq!(credentials.method(), "private_key_jwt");
    let received = AuthenticationRequest::from_form(&pushed.body).unwrap();
    assert_eq!(received.state.as_deref(), Some("af0ifjsldkj"));
    assert!(received.extra.contains("client_assertion"));

    // RFC 9126 §2.2.
    let response = PushedAuthorizationResponse::from_json(
        r#"{"request_uri":"urn:ietf:params:oauth:request_uri:6esc_11ACC5bwc014ltc14eY22c","expires_in":60}"#,
    )
    .unwrap()
    .into_result()
    .unwrap();
    assert_eq!(
        response,
        PushedAuthorizationSuccessResponse::new(
            "urn:ietf:params:oauth:request_uri:6esc_11ACC5bwc014ltc14eY22c",
            60
        )
    );
    // RFC 9126 §4.
    let url = JarRequest::by_reference(CLIENT, &response.request_uri)
        .to_url("https://as.example.com/authorize")
        .unwrap();
    assert_eq!(
        url,
        "https://as.example.com/authorize?client_id=s6BhdRkqt3&request_uri=urn%3Aietf%3Aparams%3Aoauth%3Arequest_uri%3A6esc_11ACC5bwc014ltc14eY22c"
    );
    let back = JarRequest::from_url(&url, Location::Query).unwrap();
    assert_eq!(
        back.request_uri.as_deref(),
        Some(response.request_uri.as_str())
    );

    // A signed Request Object can be pushed too (RFC 9126 §3).
    let jwt = sign_request_object_at(&request, &key(Algorithm::EdDSA), ISSUER, now(), 60).unwrap();
    let pushed = auth
        .apply_at(&JarRequest::by_value(CLIENT, jwt).to_form(), now())
        .unwrap();
    assert!(pushed.body.starts_with("client_id=s6BhdRkqt3&request=ey"));
    assert_eq!(
        pushed.body.matches("client_id=").count(),
        1,
        "the body's client_id is not repeated"
    );
}

#[test]
fn error_responses() {
    let err = PushedAuthorizationResponse::from_json(
        r#"{"error":"invalid_request","error_description":"The redirect_uri is not valid for the given client"}"#,
    )
    .unwrap()
    .into_result()
    .unwrap_err();
    assert_eq!(err.error, PushedAuthorizationErrorCode::InvalidRequest);
    assert_eq!(
        err.to_string(),
        "invalid_request: The redirect_uri is not valid for the given client"
    );
    for (code, typed) in [
        (
            "invalid_client",
            PushedAuthorizationErrorCode::InvalidClient,
        ),
        (
            "invalid_request_object",
            PushedAuthorizationErrorCode::InvalidRequestObject,
        ),
        ("use_dpop_nonce", PushedAuthorizationErrorCode::UseDpopNonce),
        (
            "invalid_dpop_proof",
            PushedAuthorizationErrorCode::InvalidDpopProof,
        ),
        (
            "unauthorized_client",
            PushedAuthorizationErrorCode::UnauthorizedClient,
        ),
        ("access_denied", PushedAuthorizationErrorCode::AccessDenied),
    ] {
        let json = format!(r#"{{"error":"{code}"}}"#);
        let parsed = PushedAuthorizationResponse::from_json(&json)
            .unwrap()
            .into_result()
            .unwrap_err();
        assert_eq!(parsed, PushedAuthorizationErrorResponse::new(typed));
        assert_eq!(parsed.to_json(), json);
    }
    // A hostile description stays one bounded line.
    let hostile = format!(
        r#"{{"error":"invalid_request","error_description":"a\r\nb{}"}}"#,
        "x".repeat(10_000)
    );
    let text = PushedAuthorizationResponse::from_json(&hostile)
        .unwrap()
        .into_result()
        .unwrap_err()
        .to_string();
    assert!(text.len() < 300 && !text.contains('\n'), "{text}");
    // A success response missing a member is not a success.
    assert!(PushedAuthorizationResponse::from_json(r#"{"request_uri":"urn:x"}"#).is_err());
}
