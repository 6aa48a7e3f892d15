use oidc_core::OidcMessage;

struct Claims {
    name: Option<String>,
}

#[derive(OidcMessage)]
struct Token {
    #[oidc(required)]
    sub: String,
    #[oidc(flatten)]
    claims: Claims,
}

fn main() {}
