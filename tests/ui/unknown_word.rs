use oidc_core::OidcMessage;

// The typo is the one error: the field's absence rule is not also reported.
#[derive(OidcMessage)]
struct M {
    #[oidc(requird)]
    a: String,
    #[oidc(flaten)]
    b: Option<String>,
    #[oidc(accept(string_numbr))]
    c: Option<u64>,
    #[oidc(skip_serializing)]
    d: Option<String>,
}

fn main() {}
