use oidc_core::{ExtraParams, OidcMessage};

#[derive(OidcMessage)]
struct Inner {
    a: Option<String>,
}

#[derive(OidcMessage)]
struct M {
    #[oidc(flatten, extra)]
    both: ExtraParams,
    #[oidc(flatten, rename = "x")]
    renamed: Inner,
    #[oidc(flatten)]
    optional: Option<Inner>,
}

fn main() {}
