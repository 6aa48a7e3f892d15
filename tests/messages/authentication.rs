use oidc_core::messages::*;
use oidc_core::{ErrorKind, Location, OidcMessage};

fn request() -> AuthenticationRequest {
    let mut r = AuthenticationRequest::new(
        "s6BhdRkqt3",
        "https://client.example.org/cb",
        ["openid", "email"],
    );
    r.state = Some("af0ifjsldkj".into());
    r.nonce = Some("n-0S6_WzA2Mj".into());
    r.prompt = Some(vec!["login".into(), "consent".into()]);
    r.max_age = Some(600);
    r.code_challenge = Some("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM".into());
    r.code_challenge_method = Some("S256".into());
    r.claims = Some(ClaimsRequest::new().id_token("acr", Claim::essential()));
    r
}

#[test]
fn request_round_trips_through_url_form_json_and_serde() {
    let r = request();
    let url = r.to_url("https://server.example.com/authorize").unwrap();
    assert!(url.contains("&prompt=login+consent&max_age=600&"), "{url}");
    assert_eq!(
        AuthenticationRequest::from_url(&url, Location::Query).unwrap(),
        r
    );
    assert_eq!(AuthenticationRequest::from_form(&r.to_form()).unwrap(), r);
    assert_eq!(AuthenticationRequest::from_json(&r.to_json()).unwrap(), r);
    assert_eq!(serde_urlencoded::to_string(&r).unwrap(), r.to_form());
    assert_eq!(
        serde_urlencoded::from_str::<AuthenticationRequest>(&r.to_form()).unwrap(),
        r
    );
}

#[test]
fn id_token_hint_is_secret_in_debug() {
    let mut r = request();
    r.id_token_hint = Some("eyJhbGciOiJSUzI1NiJ9.e30.sig".into());
    assert!(!format!("{r:?}").contains("eyJhbGci"));
}

#[test]
fn a_success_response_needs_a_code_or_a_token() {
    let err = AuthenticationResponse::from_url("https://rp.example/cb?state=xyz", Location::Auto)
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"AuthenticationSuccessResponse: missing required parameter "code" (read from the URL query)"#
    );
    assert!(AuthenticationResponse::from_url(
        "https://rp.example/cb#id_token=x.y.z&state=s",
        Location::Auto
    )
    .is_ok());
}

#[test]
fn an_empty_error_parameter_is_no_error() {
    // RFC 6749 §3.1: empty means omitted, so this is a success response.
    let r =
        AuthenticationResponse::from_url("https://rp.example/cb?error=&code=abc", Location::Auto)
            .unwrap();
    assert!(r.is_success());
}

#[test]
fn every_registered_error_code_and_others() {
    let codes = [
        ("invalid_request", AuthenticationErrorCode::InvalidRequest),
        (
            "unauthorized_client",
            AuthenticationErrorCode::UnauthorizedClient,
        ),
        ("access_denied", AuthenticationErrorCode::AccessDenied),
        (
            "unsupported_response_type",
            AuthenticationErrorCode::UnsupportedResponseType,
        ),
        ("invalid_scope", AuthenticationErrorCode::InvalidScope),
        ("server_error", AuthenticationErrorCode::ServerError),
        (
            "temporarily_unavailable",
            AuthenticationErrorCode::TemporarilyUnavailable,
        ),
        (
            "interaction_required",
            AuthenticationErrorCode::InteractionRequired,
        ),
        ("login_required", AuthenticationErrorCode::LoginRequired),
        (
            "account_selection_required",
            AuthenticationErrorCode::AccountSelectionRequired,
        ),
        ("consent_required", AuthenticationErrorCode::ConsentRequired),
        (
            "invalid_request_uri",
            AuthenticationErrorCode::InvalidRequestUri,
        ),
        (
            "invalid_request_object",
            AuthenticationErrorCode::InvalidRequestObject,
        ),
        (
            "request_not_supported",
            AuthenticationErrorCode::RequestNotSupported,
        ),
        (
            "request_uri_not_supported",
            AuthenticationErrorCode::RequestUriNotSupported,
        ),
        (
            "registration_not_supported",
            AuthenticationErrorCode::RegistrationNotSupported,
        ),
    ];
    for (wire, code) in codes {
        let e = AuthenticationResponse::from_url(
            &format!("https://rp/cb?error={wire}&state=s"),
            Location::Auto,
        )
        .unwrap()
        .into_result()
        .unwrap_err();
        assert_eq!(e.error, code);
        assert_eq!(e.error.as_str(), wire);
        assert_eq!(e.to_form(), format!("error={wire}&state=s"));
    }
    let other = AuthenticationErrorCode::from("Invalid_Request");
    assert_eq!(
        other,
        AuthenticationErrorCode::Other("Invalid_Request".into()),
        "codes are case-sensitive"
    );
}

#[test]
fn error_responses_need_an_error_code() {
    let err = AuthenticationErrorResponse::from_form("state=s").unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Missing("error".into()));
}

#[test]
fn lenient_decoding_reports_every_absent_required_parameter() {
    let (r, missing) = AuthenticationRequest::from_form_lenient("response_type=code").unwrap();
    assert_eq!(missing, ["scope", "client_id", "redirect_uri"]);
    assert!(r.scope.is_empty() && r.client_id.is_empty());
    // Other rules still apply.
    assert!(AuthenticationRequest::from_form_lenient("max_age=x").is_err());
    // A required parameter whose type has no default still fails.
    let err = AuthenticationErrorResponse::from_form_lenient("state=s").unwrap_err();
    assert_eq!(err.parameter(), Some("error"));
}

#[test]
fn a_value_keeps_every_equals_sign_after_the_first() {
    // The first `=` ends the name (WHATWG form parsing); base64 padding in a code or
    // state stays in the value, from a form and from a redirect URL alike.
    let response = AuthenticationSuccessResponse::from_form("code=xyz==&state=c3RhdGU=").unwrap();
    assert_eq!(response.code.as_deref(), Some("xyz=="));
    assert_eq!(response.state.as_deref(), Some("c3RhdGU="));
    let url = "https://client.example.org/cb?code=xyz==&state=c3RhdGU=";
    assert_eq!(
        AuthenticationSuccessResponse::from_url(url, Location::Auto).unwrap(),
        response
    );
}
