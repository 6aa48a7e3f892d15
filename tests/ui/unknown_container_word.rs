use oidc_core::OidcMessage;

#[derive(OidcMessage)]
#[oidc(rename_all = "camelCase")]
struct M {
    a: Option<String>,
}

fn main() {}
