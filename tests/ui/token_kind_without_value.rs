use oidc_core::OidcMessage;

#[derive(OidcMessage)]
#[oidc(token_kind)]
struct M {
    a: Option<String>,
}

fn main() {}
