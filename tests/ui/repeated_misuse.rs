use oidc_core::OidcMessage;

#[derive(OidcMessage)]
struct M {
    #[oidc(repeated)]
    optional: Option<Vec<String>>,
    #[oidc(repeated)]
    scalar: String,
    #[oidc(repeated, required, space_delimited)]
    both: Vec<String>,
    #[oidc(repeated, alias = "aud")]
    audience: Vec<String>,
}

fn main() {}
