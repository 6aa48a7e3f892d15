use oidc_core::OidcMessage;

#[derive(OidcMessage)]
struct M {
    #[oidc(required)]
    a: Option<String>,
    b: String,
    #[oidc(bogus)]
    c: Option<String>,
}

fn main() {}
