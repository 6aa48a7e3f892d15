use oidc_core::OidcMessage;
use std::collections::HashMap;

#[derive(OidcMessage)]
struct M {
    #[oidc(extra)]
    rest: HashMap<String, String>,
}

fn main() {}
