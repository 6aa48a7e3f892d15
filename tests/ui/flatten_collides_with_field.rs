use oidc_core::messages::AuthenticationRequest;
use oidc_core::OidcMessage;

// `prompt` is a parameter of AuthenticationRequest: decoding would fill one of the two
// and encoding would write it twice.
#[derive(OidcMessage)]
struct Login {
    #[oidc(flatten)]
    request: AuthenticationRequest,
    prompt: Option<String>,
}

fn main() {}
