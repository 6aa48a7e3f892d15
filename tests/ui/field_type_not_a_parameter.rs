use oidc_core::OidcMessage;

#[derive(OidcMessage)]
struct M {
    groups: Option<Vec<String>>,
}

fn main() {}
