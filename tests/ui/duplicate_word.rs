use oidc_core::OidcMessage;

#[derive(OidcMessage)]
struct M {
    #[oidc(required, required)]
    a: String,
    #[oidc(secret)]
    #[oidc(secret)]
    b: Option<String>,
}

fn main() {}
