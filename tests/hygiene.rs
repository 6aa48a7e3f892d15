//! Generated code must not depend on what the user's scope calls `Result`, `Option`,
//! `Ok`, `String`, ... and must be warning-free.
#![deny(warnings)]
#![allow(dead_code, non_camel_case_types)]

mod shadowed {
    type Result = ();
    type Option = ();
    type String = ();
    type Vec = ();
    type Box = ();
    type Cow = ();
    struct Ok;
    struct Err;
    struct Some;
    struct None;
    trait Default {}
    trait Deserialize {}
    trait Serialize {}
    trait Fields {}
    mod serde {}
    mod core {}
    mod std {}

    #[derive(::oidc_core::OidcMessage, Clone, PartialEq)]
    pub struct Shadowed {
        #[oidc(required, space_delimited)]
        pub scope: ::std::vec::Vec<::std::string::String>,
        #[oidc(required, alias = "azp", secret)]
        pub client_id: ::std::string::String,
        pub state: ::std::option::Option<::std::string::String>,
        #[oidc(json)]
        pub claims: ::std::option::Option<::serde_json::Value>,
        #[oidc(default)]
        pub flag: bool,
        #[oidc(accept(string_number))]
        pub max_age: ::std::option::Option<u64>,
        #[oidc(extra)]
        pub extra: ::oidc_core::ExtraParams,
    }

    #[derive(::oidc_core::OidcMessage, Clone, PartialEq)]
    pub struct Outer {
        #[oidc(flatten)]
        pub inner: Shadowed,
    }
}

#[no_implicit_prelude]
mod without_prelude {
    #[derive(::oidc_core::OidcMessage, ::std::clone::Clone, ::std::cmp::PartialEq)]
    pub struct Bare {
        #[oidc(required)]
        pub a: ::std::string::String,
        pub b: ::std::option::Option<u32>,
        #[oidc(extra)]
        pub extra: ::oidc_core::ExtraParams,
    }
}

/// A message with no fields at all is legal and empty on the wire.
#[derive(oidc_core::OidcMessage, Clone, PartialEq)]
struct Empty {}

#[test]
fn shadowed_names_do_not_break_generated_code() {
    use oidc_core::OidcMessage;
    let m = shadowed::Shadowed::from_form("scope=openid&azp=c&max_age=5&x=1").unwrap();
    assert_eq!(m.client_id, "c");
    assert_eq!(shadowed::Shadowed::from_json(&m.to_json()).unwrap(), m);
    let o = shadowed::Outer::from_form(&m.to_form()).unwrap();
    assert_eq!(o.inner, m);
    let b = without_prelude::Bare::from_form("a=1&b=2&c=3").unwrap();
    assert_eq!(b.to_form(), "a=1&b=2&c=3");
    let e = Empty::from_form("a=1").unwrap();
    assert_eq!(e.to_form(), "");
    assert_eq!(e.to_json(), "{}");
}
