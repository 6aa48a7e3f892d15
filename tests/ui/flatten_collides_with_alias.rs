use oidc_core::messages::IdToken;
use oidc_core::OidcMessage;

#[derive(OidcMessage)]
struct Token {
    #[oidc(alias = "azp")]
    client: Option<String>,
    #[oidc(flatten)]
    standard: IdToken,
}

fn main() {}
