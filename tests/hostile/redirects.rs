//! `Location::Auto` reads the fragment only when it carries the message (one of its
//! parameters, or `error`), and says which component it read; tabs and newlines in a
//! URL are ignored as browsers ignore them.

use oidc_core::messages::{AuthenticationResponse, AuthenticationSuccessResponse};
use oidc_core::{Location, OidcMessage};

fn code(url: &str) -> String {
    AuthenticationResponse::from_url(url, Location::Auto)
        .unwrap_or_else(|e| panic!("{url}: {e}"))
        .into_result()
        .unwrap_or_else(|e| panic!("{url}: {e}"))
        .code
        .unwrap()
}

#[test]
fn fragments_that_apps_add_do_not_hide_the_query() {
    for fragment in ["_=_", "section", "/callback", "!", "/cb?x=1", "utm=1"] {
        let url = format!("https://rp.example/cb?code=SplxlOBeZQQYbYS6WxSbIA&state=s#{fragment}");
        assert_eq!(code(&url), "SplxlOBeZQQYbYS6WxSbIA", "{url}");
        let plain = AuthenticationSuccessResponse::from_url(&url, Location::Auto).unwrap();
        assert_eq!(plain.state.as_deref(), Some("s"));
    }
}

#[test]
fn a_fragment_that_carries_the_message_is_read() {
    assert_eq!(
        code("https://rp.example/cb?code=old#code=new&state=s"),
        "new"
    );
    // An error in the fragment makes it the error response.
    let response = AuthenticationResponse::from_url(
        "https://rp.example/cb?code=x#error=access_denied",
        Location::Auto,
    )
    .unwrap();
    assert!(!response.is_success());
    // Percent-encoded names count as the names they decode to.
    assert_eq!(code("https://rp.example/cb#%63ode=enc"), "enc");
}

#[test]
fn errors_say_which_component_was_read() {
    let err = AuthenticationResponse::from_url("https://rp.example/cb?state=s#_=_", Location::Auto)
        .unwrap_err();
    assert_eq!(err.url_component(), Some(Location::Query));
    assert_eq!(
        err.to_string(),
        "AuthenticationSuccessResponse: missing required parameter \"code\" \
         (read from the URL query; its fragment holds none of the message's parameters)"
    );
    let err = AuthenticationSuccessResponse::from_url(
        "https://rp.example/cb?code=x#state=s",
        Location::Auto,
    )
    .unwrap_err();
    assert_eq!(err.url_component(), Some(Location::Fragment));
    assert!(
        err.to_string().ends_with("(read from the URL fragment)"),
        "{err}"
    );
    let err = AuthenticationSuccessResponse::from_url("https://rp.example/cb", Location::Auto)
        .unwrap_err();
    assert!(
        err.to_string().ends_with("(read from the URL query)"),
        "{err}"
    );
    // An explicit location is the caller's choice: nothing to add.
    let err = AuthenticationSuccessResponse::from_url("https://rp.example/cb", Location::Query)
        .unwrap_err();
    assert_eq!(err.url_component(), None);
}

#[test]
fn tabs_and_newlines_inside_a_url_are_ignored() {
    assert_eq!(
        code("https://rp.example/cb?co\nde=ab\tc&state=s\r\n"),
        "abc"
    );
    assert_eq!(code("\t https://rp.example/cb#co\r\nde=frag "), "frag");
    let plain =
        AuthenticationSuccessResponse::from_url("https://rp.example/cb?code=a\nb", Location::Query)
            .unwrap();
    assert_eq!(plain.code.as_deref(), Some("ab"));
}
