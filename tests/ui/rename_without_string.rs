use oidc_core::OidcMessage;

#[derive(OidcMessage)]
struct M {
    #[oidc(rename)]
    a: Option<String>,
    #[oidc(rename = 5)]
    b: Option<String>,
    #[oidc(rename = "")]
    c: Option<String>,
}

fn main() {}
