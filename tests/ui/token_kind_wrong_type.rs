use oidc_core::OidcMessage;

/// Not a `TokenKind`: the kind's name alone.
const ID_TOKEN: &str = "ID Token";

#[derive(OidcMessage)]
#[oidc(token_kind = ID_TOKEN)]
struct M {
    a: Option<String>,
}

fn main() {}
