//! `to_url` refuses bases that run script, are documents of their own or name local
//! resources, and bases with control characters; native-app schemes and loopback
//! `http` stay usable.

use oidc_core::messages::{AuthenticationRequest, RpInitiatedLogoutRequest};
use oidc_core::{ErrorKind, OidcMessage};

fn request() -> AuthenticationRequest {
    AuthenticationRequest::new("client", "https://rp.example/cb", ["openid"])
}

#[test]
fn script_document_and_local_bases_are_refused() {
    for base in [
        "javascript:alert(document.cookie)//",
        "JAVASCRIPT:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "about:blank",
        "file:///tmp/x",
        "blob:https://rp.example/0d9f",
    ] {
        let err = request().to_url(base).unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::Url(_)), "{base}: {err}");
        let logout = RpInitiatedLogoutRequest::from_form("client_id=c").unwrap();
        assert!(logout.to_url(base).is_err(), "{base}");
    }
}

#[test]
fn bases_with_control_characters_are_refused() {
    for base in [
        "https://op.example/authorize\n",
        "https://op.example/author\rize",
        "https://op.example/\u{0}",
        "https://op.example/\u{85}",
        "https://op.example/\u{202e}",
    ] {
        let err = request().to_url(base).unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::Url(_)), "{base:?}: {err}");
    }
}

#[test]
fn native_app_and_loopback_bases_stay_usable() {
    for base in [
        "com.example.app:/oauth2redirect",
        "http://127.0.0.1:51004/cb",
        "http://[::1]:8080/cb",
        "https://op.example/authorize?tenant=x",
    ] {
        let url = request().to_url(base).unwrap();
        assert!(url.starts_with(base), "{url}");
    }
}
