use oidc_core::{ExtraParams, OidcMessage};

#[derive(OidcMessage)]
struct M {
    #[oidc(extra, secret)]
    rest: ExtraParams,
}

fn main() {}
