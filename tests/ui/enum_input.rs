use oidc_core::OidcMessage;

#[derive(OidcMessage)]
enum Response {
    Success,
    Error,
}

fn main() {}
