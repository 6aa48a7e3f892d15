use oidc_core::OidcMessage;

#[derive(OidcMessage)]
struct M {
    #[oidc(accept(string_bool))]
    a: Option<u64>,
    #[oidc(accept(string_number))]
    b: Option<String>,
    #[oidc(accept(array))]
    c: Option<Vec<String>>,
    #[oidc(accept(rfc3339))]
    d: Option<u64>,
    #[oidc(accept(maybe))]
    e: Option<u64>,
}

fn main() {}
