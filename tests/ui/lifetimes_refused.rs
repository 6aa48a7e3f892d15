use oidc_core::OidcMessage;

// Type parameters are supported; borrowed values are not (a message owns its values).
#[derive(OidcMessage)]
struct M<'a, const N: usize> {
    a: Option<&'a str>,
}

fn main() {}
