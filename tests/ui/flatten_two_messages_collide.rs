use oidc_core::messages::{AuthenticationRequest, RpInitiatedLogoutRequest};
use oidc_core::OidcMessage;

// Both declare `id_token_hint`, `state`, `client_id` and `ui_locales`.
#[derive(OidcMessage)]
struct Both {
    #[oidc(flatten)]
    login: AuthenticationRequest,
    #[oidc(flatten)]
    logout: RpInitiatedLogoutRequest,
}

fn main() {}
