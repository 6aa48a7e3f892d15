//! Messages with type parameters: the derive adds, per field that uses a parameter,
//! the bound its kind needs (as serde does).

use std::fmt::Debug;

use oidc_core::codec::value::ParamValue;
use oidc_core::messages::{IdToken, StandardClaims, UserinfoSuccessResponse};
use oidc_core::{ExtraParams, OidcMessage};

/// A vendor token over any claims message.
#[derive(OidcMessage, Clone, PartialEq)]
struct VendorToken<C> {
    #[oidc(flatten)]
    claims: C,
    tid: Option<String>,
    #[oidc(extra)]
    extra: ExtraParams,
}

/// One type parameter per kind, plus the user's own bounds and where clause.
#[derive(OidcMessage, Clone, PartialEq)]
struct Mixed<T: Clone, L, J, D>
where
    J: Clone,
{
    #[oidc(required)]
    value: T,
    #[oidc(space_delimited)]
    list: Option<Vec<L>>,
    #[oidc(repeated)]
    each: Vec<L>,
    #[oidc(json)]
    doc: Option<J>,
    #[oidc(default)]
    count: D,
}

/// Requires what a plain field of type `T` requires, and nothing more.
fn round_trip<T: ParamValue + Clone + PartialEq + Debug + Default>(
    value: T,
    form: &str,
) -> Mixed<T, String, Vec<u8>, T> {
    let m = Mixed::<T, String, Vec<u8>, T>::from_form(form).unwrap();
    assert_eq!(m.value, value);
    assert_eq!(Mixed::from_form(&m.to_form()).unwrap(), m);
    assert_eq!(Mixed::from_json(&m.to_json()).unwrap(), m);
    m
}

#[test]
fn every_kind_works_with_a_type_parameter() {
    let m = round_trip(
        7u32,
        "value=7&list=a+b&each=x&each=y&doc=%5B1%2C2%5D&count=3",
    );
    assert_eq!(
        m.list.as_deref(),
        Some(&["a".to_owned(), "b".to_owned()][..])
    );
    assert_eq!(m.each, ["x", "y"]);
    assert_eq!(m.doc, Some(vec![1, 2]));
    assert_eq!(m.count, 3);
    // The default (0) is not written.
    let zero = round_trip(true, "value=true&count=false");
    assert_eq!(zero.to_form(), "value=true");
    assert_eq!(
        format!("{zero:?}"),
        r#"Mixed { value: true, list: None, each: [], doc: None, count: false }"#
    );
}

#[test]
fn a_generic_vendor_token_flattens_any_message() {
    let claims =
        r#"{"iss":"https://op","sub":"u","aud":"c","exp":2,"iat":1,"tid":"t","email":"u@x","x":1}"#;
    let id = VendorToken::<IdToken>::from_json(claims).unwrap();
    assert_eq!(id.claims.iss, "https://op");
    assert_eq!(id.claims.claims.email.as_deref(), Some("u@x"));
    assert_eq!(id.tid.as_deref(), Some("t"));
    assert_eq!(id.extra.get_str("x").as_deref(), Some("1"));
    assert_eq!(
        VendorToken::<IdToken>::from_json(&id.to_json()).unwrap(),
        id
    );

    let info = VendorToken::<UserinfoSuccessResponse>::from_json(claims).unwrap();
    assert_eq!(info.claims.sub, "u");
    // `iss` is a UserInfo claim (of a signed response, OIDC Core §5.3.2); `exp` is not:
    // it stays unknown, in the outer `extra`.
    assert_eq!(info.claims.iss.as_deref(), Some("https://op"));
    assert_eq!(info.extra.get_str("exp").as_deref(), Some("2"));
    assert!(info.claims.extra.is_empty());
}

/// A generic message has the token kind of what it flattens, decided per type.
#[test]
fn a_generic_message_takes_its_token_kind_from_the_type_argument() {
    use oidc_core::jwt::TokenKind;
    use oidc_core::Fields;
    let kind = |k: Option<&'static TokenKind>| k.map(TokenKind::name);
    assert_eq!(
        kind(<VendorToken<IdToken> as Fields>::TOKEN_KIND),
        Some("ID Token")
    );
    assert_eq!(
        kind(<VendorToken<UserinfoSuccessResponse> as Fields>::TOKEN_KIND),
        Some("signed UserInfo response")
    );
    assert_eq!(
        kind(<VendorToken<StandardClaims> as Fields>::TOKEN_KIND),
        None
    );
}
