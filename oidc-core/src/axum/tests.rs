//! The extractors inside a real axum router, driven in-process with
//! `tower::ServiceExt::oneshot` (no network).

use ::axum::body::{to_bytes, Body};
use ::axum::extract::{DefaultBodyLimit, Query};
use ::axum::routing::{get, post};
use ::axum::Router;
use http::{header, Request, StatusCode};
use tower::ServiceExt;

use super::{OidcForm, OidcJson, OidcQuery, OidcRejection};
use crate::messages::{
    AuthenticationRequest, AuthenticationResponse, AuthenticationSuccessResponse, TokenRequest,
    TokenResponse,
};
use crate::ErrorKind;

async fn callback(OidcQuery(response): OidcQuery<AuthenticationResponse>) -> String {
    match response.into_result() {
        Ok(success) => format!(
            "code {} state {}",
            success.code.unwrap_or_default(),
            success.state.unwrap_or_default()
        ),
        Err(error) => format!("error {}", error.error),
    }
}

async fn authorize(OidcQuery(request): OidcQuery<AuthenticationRequest>) -> String {
    request.client_id
}

async fn token(OidcForm(request): OidcForm<TokenRequest>) -> String {
    request.grant_type.to_string()
}

async fn token_response(OidcJson(response): OidcJson<TokenResponse>) -> String {
    match response.into_result() {
        Ok(success) => format!("token_type {}", success.token_type),
        Err(error) => format!("error {}", error.error),
    }
}

/// axum's own extractor with the derived `Deserialize`, for the documented difference.
async fn axum_query(Query(success): Query<AuthenticationSuccessResponse>) -> String {
    success.code.unwrap_or_default()
}

fn app() -> Router {
    Router::new()
        .route("/cb", get(callback))
        .route("/authorize", get(authorize))
        .route("/token", post(token))
        .route("/token-response", post(token_response))
        .route("/axum-query", get(axum_query))
}

struct Answer {
    status: StatusCode,
    content_type: Option<String>,
    body: String,
}

async fn send(app: Router, request: Request<Body>) -> Answer {
    let response = app.oneshot(request).await.unwrap();
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_owned());
    let body = to_bytes(response.into_body(), 1 << 20).await.unwrap();
    Answer {
        status,
        content_type,
        body: String::from_utf8(body.to_vec()).unwrap(),
    }
}

async fn get_uri(uri: &str) -> Answer {
    send(app(), Request::get(uri).body(Body::empty()).unwrap()).await
}

async fn post_body(uri: &str, content_type: Option<&str>, body: impl Into<Body>) -> Answer {
    let mut request = Request::post(uri);
    if let Some(content_type) = content_type {
        request = request.header(header::CONTENT_TYPE, content_type);
    }
    send(app(), request.body(body.into()).unwrap()).await
}

/// A 400 whose body is exactly `line`, as text.
fn assert_refused(answer: &Answer, line: &str) {
    assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{}", answer.body);
    assert_eq!(answer.body, line);
    assert_eq!(
        answer.content_type.as_deref(),
        Some("text/plain; charset=utf-8")
    );
}

const FORM: &str = "application/x-www-form-urlencoded";

#[tokio::test]
async fn query_reads_success_and_error_redirects() {
    let ok = get_uri("/cb?code=Splx%2FlOB&state=af0ifjsldkj").await;
    assert_eq!(ok.status, StatusCode::OK);
    assert_eq!(ok.body, "code Splx/lOB state af0ifjsldkj");
    let denied = get_uri("/cb?error=access_denied&state=af0ifjsldkj").await;
    assert_eq!(denied.status, StatusCode::OK);
    assert_eq!(denied.body, "error access_denied");
}

#[tokio::test]
async fn query_refuses_what_from_form_refuses() {
    assert_refused(
        &get_uri("/cb?code=x%2&state=s").await,
        r#"AuthenticationResponse: parameter "code": invalid percent-encoding"#,
    );
    assert_refused(
        &get_uri("/cb?code=%FF&state=s").await,
        r#"AuthenticationResponse: parameter "code": percent-decoded value is not valid UTF-8"#,
    );
    // The code is a secret: the error names the parameter, never its values.
    let twice = get_uri("/cb?code=s3cr3t-1&code=s3cr3t-2").await;
    assert_refused(
        &twice,
        r#"AuthenticationSuccessResponse: parameter "code" appears more than once"#,
    );
    assert!(!twice.body.contains("s3cr3t"));
    // No query at all is an empty one.
    assert_refused(
        &get_uri("/cb").await,
        r#"AuthenticationSuccessResponse: missing required parameter "code""#,
    );
}

#[tokio::test]
async fn a_rejection_is_one_bounded_line() {
    let huge = "x".repeat(10_000);
    let answer = get_uri(&format!(
        "/authorize?scope=openid&response_type=code&client_id=c&redirect_uri=r&max_age={huge}"
    ))
    .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert!(answer.body.starts_with(
        r#"AuthenticationRequest: parameter "max_age": expected a non-negative integer, got "xxx"#
    ));
    assert!(answer.body.len() < 200, "{}", answer.body.len());
    assert!(!answer.body.contains('\n'));
    let ok = get_uri("/authorize?scope=openid&response_type=code&client_id=c&redirect_uri=r").await;
    assert_eq!((ok.status, ok.body.as_str()), (StatusCode::OK, "c"));
}

/// The difference the module documents: through axum's `Query` (serde_urlencoded) the
/// same malformed redirects are accepted, altered.
#[tokio::test]
async fn axums_query_decodes_before_the_message_sees_the_text() {
    let truncated = get_uri("/axum-query?code=x%2&state=s").await;
    assert_eq!(
        (truncated.status, truncated.body.as_str()),
        (StatusCode::OK, "x%2")
    );
    let not_utf8 = get_uri("/axum-query?code=%FF&state=s").await;
    assert_eq!(
        (not_utf8.status, not_utf8.body.as_str()),
        (StatusCode::OK, "\u{FFFD}")
    );
}

#[tokio::test]
async fn form_reads_a_form_body() {
    let body = "grant_type=authorization_code&code=SplxlOBeZQQYbYS6WxSbIA\
                &redirect_uri=https%3A%2F%2Fclient.example.com%2Fcb";
    for content_type in [
        FORM,
        "application/x-www-form-urlencoded; charset=UTF-8",
        "Application/X-WWW-Form-Urlencoded",
    ] {
        let answer = post_body("/token", Some(content_type), body).await;
        assert_eq!(answer.status, StatusCode::OK, "{content_type}");
        assert_eq!(answer.body, "authorization_code");
    }
}

#[tokio::test]
async fn form_refuses_what_from_form_refuses() {
    let twice = post_body(
        "/token",
        Some(FORM),
        "grant_type=refresh_token&refresh_token=s3cr3t-1&refresh_token=s3cr3t-2",
    )
    .await;
    assert_refused(
        &twice,
        r#"TokenRequest: parameter "refresh_token" appears more than once"#,
    );
    assert!(!twice.body.contains("s3cr3t"));
    assert_refused(
        &post_body(
            "/token",
            Some(FORM),
            "grant_type=authorization_code&code=x%2&redirect_uri=r",
        )
        .await,
        r#"TokenRequest: parameter "code": invalid percent-encoding"#,
    );
    assert_refused(
        &post_body("/token", Some(FORM), "grant_type=authorization_code&code=c").await,
        r#"TokenRequest: missing required parameter "redirect_uri""#,
    );
}

#[tokio::test]
async fn form_needs_the_form_content_type() {
    for content_type in [
        None,
        Some("application/json"),
        Some("text/plain"),
        Some("application/x-www-form-urlencodedx"),
    ] {
        let answer = post_body("/token", content_type, "grant_type=client_credentials").await;
        assert_eq!(
            answer.status,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "{content_type:?}"
        );
        assert_eq!(
            answer.body,
            "expected Content-Type application/x-www-form-urlencoded"
        );
    }
    // Two Content-Type headers are not one media type.
    let request = Request::post("/token")
        .header(header::CONTENT_TYPE, FORM)
        .header(header::CONTENT_TYPE, FORM)
        .body(Body::from("grant_type=client_credentials"))
        .unwrap();
    assert_eq!(
        send(app(), request).await.status,
        StatusCode::UNSUPPORTED_MEDIA_TYPE
    );
}

#[tokio::test]
async fn form_body_must_be_utf8_and_within_the_body_limit() {
    let answer = post_body("/token", Some(FORM), &b"grant_type=\xff"[..]).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert!(answer.body.contains("UTF-8"), "{}", answer.body);

    let limited = app().layer(DefaultBodyLimit::max(32));
    let request = |body: &str| {
        Request::post("/token")
            .header(header::CONTENT_TYPE, FORM)
            .body(Body::from(body.to_owned()))
            .unwrap()
    };
    let within = "grant_type=client_credentials";
    assert_eq!(
        send(limited.clone(), request(within)).await.status,
        StatusCode::OK
    );
    let over = format!("{within}&scope={}", "a".repeat(64));
    assert_eq!(
        send(limited, request(&over)).await.status,
        StatusCode::PAYLOAD_TOO_LARGE
    );
}

#[tokio::test]
async fn json_reads_a_json_body() {
    for content_type in [
        "application/json",
        "application/json; charset=utf-8",
        "application/vnd.example+json",
        "APPLICATION/VND.EXAMPLE+JSON",
    ] {
        let answer = post_body(
            "/token-response",
            Some(content_type),
            r#"{"access_token":"SlAV32hkKG","token_type":"Bearer"}"#,
        )
        .await;
        assert_eq!(
            (answer.status, answer.body.as_str()),
            (StatusCode::OK, "token_type Bearer"),
            "{content_type}"
        );
    }
    let error = post_body(
        "/token-response",
        Some("application/json"),
        r#"{"error":"invalid_grant"}"#,
    )
    .await;
    assert_eq!(error.body, "error invalid_grant");
}

#[tokio::test]
async fn json_refuses_other_media_types_and_bad_documents() {
    for content_type in [
        None,
        Some("text/json"),
        Some("application/jsonx"),
        Some("application/json+x"),
        Some(FORM),
    ] {
        let answer = post_body("/token-response", content_type, "{}").await;
        assert_eq!(
            answer.status,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "{content_type:?}"
        );
        assert_eq!(answer.body, "expected Content-Type application/json");
    }
    assert_refused(
        &post_body(
            "/token-response",
            Some("application/json"),
            r#"{"access_token":"SlAV32hkKG","token_type":"Bearer","expires_in":"soon"}"#,
        )
        .await,
        r#"TokenSuccessResponse: parameter "expires_in": invalid value: string "soon", expected a non-negative integer at line 1 column 70"#,
    );
}

#[test]
fn rejections_display_their_response_text() {
    let message = OidcRejection::from(crate::Error::new(
        "TokenRequest",
        ErrorKind::Missing("code".into()),
    ));
    assert_eq!(
        message.to_string(),
        r#"TokenRequest: missing required parameter "code""#
    );
    assert!(std::error::Error::source(&message).is_some());
    let content_type = OidcRejection::ContentType {
        expected: super::JSON,
    };
    assert_eq!(
        content_type.to_string(),
        "expected Content-Type application/json"
    );
    assert!(std::error::Error::source(&content_type).is_none());
}
