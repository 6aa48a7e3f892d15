//! Derived success-or-error responses: `#[derive(OidcMessage)] enum R { Success(S),
//! Error(E) }`, told apart by `error` (RFC 6749 §4.1.2.1, §5.2), with the codecs, serde
//! impls (one decision, whatever the input), `Debug` and `From`. The built-in
//! response enums are derived the same way.

use axum::extract::Query;
use oidc_core::messages::{
    AuthenticationResponse, TokenErrorCode, TokenErrorResponse, TokenResponse, UserinfoResponse,
};
use oidc_core::{ExtraParams, Location, OidcMessage};

/// A vendor token endpoint's success body.
#[derive(OidcMessage, Clone, PartialEq)]
struct VendorTokens {
    #[oidc(required, secret)]
    access_token: String,
    #[oidc(required)]
    token_type: String,
    /// Vendor: the tenant the token is for.
    tenant: Option<String>,
    #[oidc(extra)]
    extra: ExtraParams,
}

#[derive(OidcMessage, Clone, PartialEq)]
#[oidc(name = "VendorTokenResponse")]
enum VendorResponse {
    Success(VendorTokens),
    Error(TokenErrorResponse),
}

const OK: &str = r#"{"access_token":"SlAV32hkKG","token_type":"Bearer","tenant":"t1","x":1}"#;
const ERR: &str = r#"{"error":"invalid_grant","error_description":"expired"}"#;

#[test]
fn a_vendor_response_tells_success_from_error() {
    let ok = VendorResponse::from_json(OK).unwrap();
    assert!(ok.is_success());
    let tokens = ok.clone().into_result().unwrap();
    assert_eq!(tokens.tenant.as_deref(), Some("t1"));
    assert_eq!(ok.to_json(), OK);
    let form = ok.to_form();
    assert_eq!(
        form,
        "access_token=SlAV32hkKG&token_type=Bearer&tenant=t1&x=1"
    );
    assert_eq!(VendorResponse::from_form(&form).unwrap().to_form(), form);

    let err = VendorResponse::from_json(ERR).unwrap();
    assert!(!err.is_success());
    let error = err.clone().into_result().unwrap_err();
    assert_eq!(error.error, TokenErrorCode::InvalidGrant);
    assert_eq!(error.to_string(), "invalid_grant: expired");
    assert_eq!(err.to_json(), ERR);
    assert_eq!(
        VendorResponse::from_url(
            "https://rp/cb#error=invalid_grant&error_description=expired",
            Location::Auto
        )
        .unwrap(),
        err.clone().into_result().unwrap_err().into()
    );
    assert_eq!(VendorResponse::from(tokens), ok);
}

#[test]
fn a_document_that_is_neither_reports_the_success_message_s_problem() {
    let err = VendorResponse::from_json(r#"{"token_type":"Bearer"}"#).unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"VendorTokens: missing required parameter "access_token""#
    );
    // With `error`, the error message's own problem.
    let err = VendorResponse::from_json(r#"{"error":"x","error_uri":5}"#).unwrap_err();
    assert_eq!(err.message(), "TokenErrorResponse");
    // A document that is not a JSON object is named by the response.
    let err = VendorResponse::from_json("[1]").unwrap_err();
    assert_eq!(err.message(), "VendorTokenResponse");
}

#[test]
fn debug_keeps_secrets_out() {
    let ok = VendorResponse::from_json(OK).unwrap();
    let debug = format!("{ok:?}");
    assert!(
        debug.starts_with("Success(VendorTokens { access_token: <redacted>"),
        "{debug}"
    );
    assert!(!debug.contains("SlAV32hkKG"));
}

#[test]
fn serde_reads_json_once_and_decides_the_same_way() {
    // reqwest's `.json::<T>()` is serde_json over the body bytes.
    let ok: VendorResponse = serde_json::from_slice(OK.as_bytes()).unwrap();
    assert_eq!(ok, VendorResponse::from_json(OK).unwrap());
    let err: VendorResponse = serde_json::from_str(ERR).unwrap();
    assert!(!err.is_success());
    // Through a `serde_json::Value` too.
    let value: serde_json::Value = serde_json::from_str(ERR).unwrap();
    assert_eq!(
        serde_json::from_value::<VendorResponse>(value).unwrap(),
        err
    );
    // The wire rules hold: a repeated member is still refused.
    let twice = serde_json::from_str::<VendorResponse>(
        r#"{"access_token":"a","token_type":"b","token_type":"c"}"#,
    )
    .unwrap_err();
    assert!(
        twice.to_string().contains("appears more than once"),
        "{twice}"
    );
    assert_eq!(serde_json::to_string(&ok).unwrap(), OK);
    assert_eq!(serde_json::to_string(&err).unwrap(), ERR);
}

#[test]
fn serde_forms_follow_from_form() {
    let body = "access_token=SlAV32hkKG&token_type=Bearer&tenant=t1";
    let ok: VendorResponse = serde_urlencoded::from_str(body).unwrap();
    assert_eq!(ok, VendorResponse::from_form(body).unwrap());
    assert_eq!(serde_urlencoded::to_string(&ok).unwrap(), body);
    let err: VendorResponse = serde_urlencoded::from_str("error=invalid_grant").unwrap();
    assert!(!err.is_success());
}

/// The built-in enums are derived: axum's `Query` and reqwest's `.json()` take them.
#[test]
fn built_in_responses_work_with_axum_and_reqwest() {
    let uri: axum::http::Uri =
        "https://client.example.org/cb?code=SplxlOBeZQQYbYS6WxSbIA&state=xyz"
            .parse()
            .unwrap();
    let Query(response) = Query::<AuthenticationResponse>::try_from_uri(&uri).unwrap();
    assert_eq!(
        response.into_result().unwrap().code.as_deref(),
        Some("SplxlOBeZQQYbYS6WxSbIA")
    );
    let uri: axum::http::Uri = "https://client.example.org/cb?error=access_denied&state=xyz"
        .parse()
        .unwrap();
    let Query(response) = Query::<AuthenticationResponse>::try_from_uri(&uri).unwrap();
    assert!(!response.is_success());

    let tokens: TokenResponse = serde_json::from_slice(
        br#"{"access_token":"SlAV32hkKG","token_type":"Bearer","expires_in":"3600"}"#,
    )
    .unwrap();
    assert_eq!(tokens.into_result().unwrap().expires_in, Some(3600));
    let info: UserinfoResponse =
        serde_json::from_str(r#"{"error":"invalid_token","error_description":"expired"}"#).unwrap();
    assert!(!info.is_success());
}

/// The axum extractors (`OidcQuery`, `OidcForm`, `OidcJson`) take a derived response
/// enum as they take a message.
#[test]
fn derived_responses_work_with_the_axum_extractors() {
    use oidc_core::axum::Decode;
    let ok = <VendorResponse as Decode>::decode_json(OK).unwrap();
    assert!(ok.is_success());
    let err = <VendorResponse as Decode>::decode_form("error=invalid_grant").unwrap();
    assert!(!err.is_success());
    // A malformed escape is refused, as `from_form` refuses it.
    assert!(<VendorResponse as Decode>::decode_form("error=x%2").is_err());
}

/// A generic response over any success message.
#[derive(OidcMessage, Clone, PartialEq)]
enum Either<S> {
    Success(S),
    Error(TokenErrorResponse),
}

#[test]
fn response_enums_can_be_generic() {
    let ok = Either::<VendorTokens>::from_json(OK).unwrap();
    assert!(ok.is_success());
    let err: Either<VendorTokens> = serde_json::from_str(ERR).unwrap();
    assert_eq!(
        err.into_result().unwrap_err().error,
        TokenErrorCode::InvalidGrant
    );
}
