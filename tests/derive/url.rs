//! `to_url` / `from_url` (RFC 6749 §3.1, OAuth 2.0 Multiple Response Type
//! Encoding Practices §2.1).

use oidc_core::{ErrorKind, Location, OidcMessage};

use crate::messages::AuthRequest;

#[test]
fn to_url_keeps_the_base_path_and_query() {
    let req = AuthRequest::example();
    let url = req
        .to_url("https://op.example/tenant/authorize?p=B2C_1_signin")
        .unwrap();
    assert!(
        url.starts_with("https://op.example/tenant/authorize?p=B2C_1_signin&scope=openid+profile&"),
        "{url}"
    );
    let plain = req.to_url("https://op.example/authorize").unwrap();
    assert!(plain.starts_with("https://op.example/authorize?scope="));
    let back = AuthRequest::from_url(&url, Location::Query).unwrap();
    assert_eq!(back.extra.get_str("p").as_deref(), Some("B2C_1_signin"));
}

#[test]
fn to_url_rejects_a_non_absolute_base() {
    let req = AuthRequest::example();
    for base in ["/authorize", "op.example/authorize", "", "://x"] {
        let err = req.to_url(base).unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::Url(_)), "{base:?}: {err}");
        assert!(
            err.to_string().starts_with("AuthRequest: invalid URL"),
            "{err}"
        );
    }
    let err = req.to_url("https://op.example/authorize#frag").unwrap_err();
    assert!(err.to_string().contains("fragment"));
}

#[test]
fn auto_reads_the_fragment_first_then_the_query() {
    let both = "https://rp/cb?scope=q&response_type=code&client_id=q&redirect_uri=q\
                #scope=f&response_type=code&client_id=f&redirect_uri=f";
    assert_eq!(
        AuthRequest::from_url(both, Location::Auto)
            .unwrap()
            .client_id,
        "f"
    );
    assert_eq!(
        AuthRequest::from_url(both, Location::Query)
            .unwrap()
            .client_id,
        "q"
    );
    assert_eq!(
        AuthRequest::from_url(both, Location::Fragment)
            .unwrap()
            .client_id,
        "f"
    );
    let trailing_hash = "https://rp/cb?scope=q&response_type=code&client_id=q&redirect_uri=q#";
    assert_eq!(
        AuthRequest::from_url(trailing_hash, Location::Auto)
            .unwrap()
            .client_id,
        "q"
    );
}

#[test]
fn from_url_names_missing_parameters_when_the_location_is_empty() {
    let err = AuthRequest::from_url("https://rp/cb?scope=openid", Location::Fragment).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Missing(_)));
}

#[test]
fn from_url_accepts_custom_schemes_and_bare_components() {
    let q = "scope=openid&response_type=code&client_id=c&redirect_uri=x";
    for url in [
        format!("com.example.app:/oauth2redirect?{q}"),
        format!("/callback?{q}"),
        format!("?{q}"),
        q.to_string(),
        format!("#{q}"),
    ] {
        let req = AuthRequest::from_url(&url, Location::Auto).unwrap();
        assert_eq!(req.client_id, "c", "{url}");
    }
}
