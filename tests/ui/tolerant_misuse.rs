use oidc_core::{ExtraParams, OidcMessage};

#[derive(OidcMessage)]
struct M {
    #[oidc(required, tolerant)]
    sub: String,
    #[oidc(tolerant, secret)]
    code: Option<String>,
    #[oidc(tolerant, alias = "azp")]
    client_id: Option<String>,
    #[oidc(extra)]
    extra: ExtraParams,
}

fn main() {}
