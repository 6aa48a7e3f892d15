use oidc_core::OidcMessage;

#[derive(OidcMessage)]
struct M {
    #[oidc(default)]
    a: Option<bool>,
    #[oidc(required, default)]
    b: bool,
}

fn main() {}
