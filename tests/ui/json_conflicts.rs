use oidc_core::OidcMessage;

#[derive(OidcMessage)]
struct M {
    #[oidc(json, space_delimited)]
    a: Option<Vec<String>>,
}

fn main() {}
