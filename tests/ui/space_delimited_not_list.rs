use oidc_core::OidcMessage;

#[derive(OidcMessage)]
struct M {
    #[oidc(required, space_delimited)]
    scope: String,
}

fn main() {}
