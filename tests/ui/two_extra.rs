use oidc_core::{ExtraParams, OidcMessage};

#[derive(OidcMessage)]
struct M {
    #[oidc(extra)]
    first: ExtraParams,
    #[oidc(extra)]
    second: ExtraParams,
}

fn main() {}
