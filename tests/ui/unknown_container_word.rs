use oidc_core::OidcMessage;

#[derive(OidcMessage)]
#[oidc(rename_all = "camelCase", no_dbg)]
struct M {
    a: Option<String>,
}

fn main() {}
