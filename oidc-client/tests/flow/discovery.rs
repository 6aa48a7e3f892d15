//! `discover`: OIDC Discovery 1.0 §4.

use oidc_client::{Error, ErrorKind};
use oidc_core::OidcMessage;

use crate::provider::{json, Provider, ISSUER};

#[tokio::test]
async fn discover_reads_the_issuers_document() {
    let provider = Provider::new();
    let client = provider.client().await;
    assert_eq!(client.metadata().issuer, ISSUER);
    assert_eq!(
        client.metadata().token_endpoint.as_deref(),
        Some("https://op.example/token")
    );
    assert_eq!(client.client_id(), "rp");
    assert_eq!(provider.paths(), ["/.well-known/openid-configuration"]);
    // The keys are fetched when a token needs them, not before.
    assert!(client.keys().status().fetched_at.is_none());
}

#[tokio::test]
async fn discover_refuses_a_document_of_another_issuer() {
    for other in [
        "https://evil.example",
        "https://op.example/",
        "https://OP.example",
    ] {
        let provider = Provider::new();
        let mut metadata = provider.metadata.clone();
        metadata.issuer = other.to_owned();
        provider.answer(
            "/.well-known/openid-configuration",
            json(200, metadata.to_json()),
        );
        let error = provider.builder().discover(ISSUER).await.unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Discovery, "{other}");
        match &error {
            Error::IssuerMismatch { expected, got } => {
                assert_eq!(expected, ISSUER);
                assert_eq!(got, other);
            }
            e => panic!("{e:?}"),
        }
    }
}

#[tokio::test]
async fn discover_accepts_the_entra_template_only_for_one_segment() {
    let template = "https://login.microsoftonline.com/{tenantid}/v2.0";
    let asked = "https://login.microsoftonline.com/common/v2.0";
    let provider = Provider::new();
    let mut metadata = provider.metadata.clone();
    metadata.issuer = template.to_owned();
    let client = provider
        .builder()
        .metadata(asked, metadata.clone())
        .unwrap();
    assert_eq!(client.metadata().issuer, template);
    let error = provider
        .builder()
        .metadata("https://login.microsoftonline.com/a/b/v2.0", metadata)
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Discovery);
}

#[tokio::test]
async fn discover_without_a_document_is_a_status_error() {
    let provider = Provider::new();
    provider.answer("/.well-known/openid-configuration", json(404, "not found"));
    let error = provider.builder().discover(ISSUER).await.unwrap_err();
    assert!(
        matches!(error, Error::Status { status: 404, .. }),
        "{error:?}"
    );

    let provider = Provider::new();
    provider.answer(
        "/.well-known/openid-configuration",
        json(200, r#"{"issuer":"https://op.example"}"#),
    );
    let error = provider.builder().discover(ISSUER).await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidResponse);
    assert!(error.to_string().starts_with("discovery: "), "{error}");
}
