use oidc_core::OidcMessage;

#[derive(OidcMessage)]
struct M(String);

fn main() {}
