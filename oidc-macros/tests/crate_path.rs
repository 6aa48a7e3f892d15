//! `#[oidc(crate = "..")]`: here oidc-core is a dependency renamed `renamed_oidc`, so
//! no crate called `oidc_core` exists and generated code that named it would not
//! compile.

use renamed_oidc::messages::IdToken;
use renamed_oidc::{ExtraParams, OidcMessage};

#[derive(OidcMessage, Clone, PartialEq)]
#[oidc(crate = "renamed_oidc")]
struct Callback {
    #[oidc(required, secret)]
    code: String,
    #[oidc(repeated)]
    resource: Vec<String>,
    #[oidc(tolerant)]
    max_age: Option<u32>,
    #[oidc(extra)]
    extra: ExtraParams,
}

/// A re-export works the same way (the path is written as in serde's `crate`).
mod reexport {
    pub use renamed_oidc as oidc;
}

#[derive(OidcMessage, Clone, PartialEq)]
#[oidc(crate = "crate::reexport::oidc")]
struct Vendor<C> {
    #[oidc(flatten)]
    standard: C,
    tid: Option<String>,
}

/// `token_kind` goes through the same path.
#[derive(OidcMessage, Clone, PartialEq)]
#[oidc(crate = "renamed_oidc", token_kind = renamed_oidc::jwt::TokenKind::ID_TOKEN)]
struct Kinded {
    #[oidc(required)]
    iss: String,
}

#[test]
fn a_renamed_dependency_is_found_through_crate() {
    use renamed_oidc::jwt::TokenKind;
    use renamed_oidc::Fields;
    assert_eq!(
        <Kinded as Fields>::TOKEN_KIND.map(TokenKind::name),
        Some("ID Token")
    );
    assert_eq!(
        <Vendor<IdToken> as Fields>::TOKEN_KIND.map(TokenKind::name),
        Some("ID Token")
    );
    let cb = Callback::from_form("code=x&resource=a&resource=b&max_age=soon&other=1").unwrap();
    assert_eq!(cb.resource, ["a", "b"]);
    assert_eq!(cb.max_age, None);
    assert_eq!(
        cb.to_form(),
        "code=x&resource=a&resource=b&max_age=soon&other=1"
    );
    assert!(format!("{cb:?}").contains("code: <redacted>"));

    let token = Vendor::<IdToken>::from_json(
        r#"{"iss":"https://op","sub":"u","aud":"c","exp":2,"iat":1,"tid":"t"}"#,
    )
    .unwrap();
    assert_eq!(token.standard.iss, "https://op");
    assert_eq!(token.tid.as_deref(), Some("t"));
}
