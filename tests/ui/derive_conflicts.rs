use oidc_core::OidcMessage;

#[derive(OidcMessage)]
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct M {
    a: Option<String>,
}

// With `no_debug`, the user's Debug is expected.
#[derive(OidcMessage)]
#[derive(Debug)]
#[oidc(no_debug)]
struct Fine {
    a: Option<String>,
}

fn main() {}
