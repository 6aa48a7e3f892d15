use oidc_core::OidcMessage;

#[derive(OidcMessage)]
struct M {
    client_id: String,
    resource: Vec<String>,
}

fn main() {}
