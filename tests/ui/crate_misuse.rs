use oidc_core::OidcMessage;

#[derive(OidcMessage)]
#[oidc(crate = 5)]
struct M {
    a: Option<String>,
}

#[derive(OidcMessage)]
#[oidc(crate)]
struct N {
    a: Option<String>,
}

fn main() {}
