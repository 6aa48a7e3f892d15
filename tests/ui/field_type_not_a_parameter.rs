use oidc_core::OidcMessage;

// One error per field, on its type: a list needs a list attribute.
#[derive(OidcMessage)]
struct M {
    groups: Option<Vec<String>>,
    #[oidc(required)]
    ports: Vec<u16>,
}

fn main() {}
