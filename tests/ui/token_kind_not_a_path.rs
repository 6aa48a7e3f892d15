use oidc_core::OidcMessage;

#[derive(OidcMessage)]
#[oidc(token_kind = "oidc_core::jwt::TokenKind::ID_TOKEN")]
struct M {
    a: Option<String>,
}

#[derive(OidcMessage)]
#[oidc(token_kind = oidc_core::jwt::TokenKind::new("x", oidc_core::jwt::TypRule::Any))]
struct N {
    a: Option<String>,
}

fn main() {}
