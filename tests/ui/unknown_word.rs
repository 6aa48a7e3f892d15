use oidc_core::OidcMessage;

#[derive(OidcMessage)]
struct M {
    #[oidc(requird)]
    a: String,
}

fn main() {}
