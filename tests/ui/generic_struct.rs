use oidc_core::OidcMessage;

#[derive(OidcMessage)]
struct M<T> {
    a: Option<T>,
}

fn main() {}
