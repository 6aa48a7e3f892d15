use oidc_core::OidcMessage;

#[derive(OidcMessage)]
struct M {
    client_id: Option<String>,
    #[oidc(alias = "client_id")]
    azp: Option<String>,
    #[oidc(rename = "azp")]
    other: Option<String>,
}

fn main() {}
