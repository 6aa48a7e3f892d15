use oidc_core::OidcMessage;

#[derive(OidcMessage)]
#[oidc(token_kind = oidc_core::jwt::TokenKind::ID_TOKEN)]
#[oidc(token_kind = oidc_core::jwt::TokenKind::LOGOUT_TOKEN)]
struct M {
    a: Option<String>,
}

fn main() {}
