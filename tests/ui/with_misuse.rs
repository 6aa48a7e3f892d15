use oidc_core::OidcMessage;

mod seconds {}

#[derive(OidcMessage)]
struct M<T> {
    #[oidc(with)]
    missing_module: Option<u32>,
    #[oidc(with = 5)]
    not_a_path: Option<u32>,
    #[oidc(with = "seconds", json)]
    with_json: Option<u32>,
    #[oidc(with = "seconds")]
    generic: Option<T>,
}

fn main() {}
