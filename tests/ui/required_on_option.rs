use oidc_core::OidcMessage;

#[derive(OidcMessage)]
struct M {
    #[oidc(required)]
    state: Option<String>,
}

fn main() {}
