//! What every interop flow shares: the provider process, a user agent, the back-channel
//! listener, discovery, and the code flow up to the token response.

mod backchannel;
mod browser;
mod provider;

use std::sync::mpsc;
use std::time::Duration;

use oidc_core::client_auth::ClientAuth;
use oidc_core::dpop::{nonce_challenge, send_with_nonce, DpopKey};
use oidc_core::jwt::JwkSet;
use oidc_core::messages::*;
use oidc_core::validation::{AuthenticationResponseValidation, IdTokenValidation, Nonce};
use oidc_core::{Location, OidcMessage};

pub use backchannel::backchannel_listener;
pub use browser::{Browser, Reply};
pub use provider::{free_port, start_provider, start_provider_on, Provider};

/// The redirect URI the provider's clients are registered with; never contacted (the
/// browser stops at the redirect and the test reads its Location).
pub const REDIRECT_URI: &str = "http://127.0.0.1:9/cb";
/// What every redirect back to the RP starts with.
pub const REDIRECT_URI_PREFIX: &str = "http://127.0.0.1:9/";
/// The bound on every wait.
pub const TIMEOUT: Duration = Duration::from_secs(20);

/// A running provider, its discovery document and keys, and the back-channel inbox.
pub struct Context {
    pub provider: Provider,
    pub metadata: ProviderMetadata,
    pub keys: JwkSet,
    pub backchannel: mpsc::Receiver<String>,
}

pub fn setup() -> Context {
    let (backchannel_port, backchannel) = backchannel_listener();
    context(start_provider(backchannel_port), backchannel)
}

/// A provider signing with the test keys `signing_keys` (see [`start_provider_on`]).
pub fn setup_with_keys(signing_keys: &str) -> Context {
    let (backchannel_port, backchannel) = backchannel_listener();
    let provider = start_provider_on(free_port(), backchannel_port, Some(signing_keys));
    context(provider, backchannel)
}

impl Context {
    /// Stops the provider and starts it again on the same port (same issuer) with
    /// other signing keys; its sessions and grants are gone, its discovery document is
    /// the same.
    pub fn restart(&mut self, signing_keys: &str) {
        let (port, backchannel_port) = (self.provider.port, self.provider.backchannel_port);
        // Kill the old process (and free its port) before the new one binds.
        self.provider.stop();
        self.provider = start_provider_on(port, backchannel_port, Some(signing_keys));
        assert_eq!(self.provider.issuer, self.metadata.issuer);
    }
}

fn context(provider: Provider, backchannel: mpsc::Receiver<String>) -> Context {
    let browser = Browser::new(&provider.issuer);
    let discovery = browser.get("/.well-known/openid-configuration", None);
    assert_eq!(discovery.status, 200);
    let metadata = ProviderMetadata::from_json(&discovery.body).expect("discovery document");
    assert_eq!(metadata.issuer, provider.issuer);
    let keys = JwkSet::from_json(&browser.get(&metadata.jwks_uri, None).body).expect("JWK Set");
    Context {
        provider,
        metadata,
        keys,
        backchannel,
    }
}

/// Code flow with PKCE, nonce, state and the `claims` parameter, up to the token
/// response; returns (tokens, nonce).
pub fn code_flow(
    ctx: &Context,
    browser: &Browser,
    auth: &ClientAuth,
) -> (TokenSuccessResponse, String) {
    let client_id = auth.client_id();
    let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk-interop-0123456789";
    let (state, nonce) = (format!("state-{client_id}"), format!("nonce-{client_id}"));
    let mut request = AuthenticationRequest::new(
        client_id,
        REDIRECT_URI,
        ["openid", "email", "profile", "offline_access"],
    );
    request.state = Some(state.clone());
    request.nonce = Some(nonce.clone());
    request.prompt = Some(vec!["consent".into()]);
    request.code_challenge = Some(oidc_core::pkce::s256_challenge(verifier));
    request.code_challenge_method = Some("S256".into());
    request.claims = Some(ClaimsRequest::new().id_token("email", Claim::essential()));
    let redirect = browser.authorize(
        &request
            .to_url(&ctx.metadata.authorization_endpoint)
            .unwrap(),
        "alice",
    );

    let response = AuthenticationResponse::from_url(&redirect, Location::Auto).unwrap();
    response
        .validate_extern(&AuthenticationResponseValidation::from_metadata(
            Some(&state),
            &ctx.metadata,
        ))
        .expect("state and RFC 9207 iss");
    assert!(ctx.metadata.authorization_response_iss_parameter_supported);
    let code = response.into_result().unwrap().code.expect("a code");

    let mut token_request = TokenRequest::for_authorization_code(code, REDIRECT_URI);
    token_request.code_verifier = Some(verifier.to_owned());
    let token_endpoint = ctx.metadata.token_endpoint.as_deref().unwrap();
    let reply = browser.post_authenticated(token_endpoint, auth, &token_request.to_form(), &[]);
    assert_eq!(reply.status, 200, "{}", reply.body);
    let tokens = TokenResponse::from_json(&reply.body)
        .unwrap()
        .into_result()
        .unwrap();
    assert!(tokens.is_bearer());
    (tokens, nonce)
}

/// The ID Token in one call: the provider's algorithms and keys, its issuer, our
/// client id and the nonce rule.
pub fn verify_id_token(ctx: &Context, token: &str, client_id: &str, nonce: Nonce<'_>) -> IdToken {
    IdTokenValidation::from_metadata(&ctx.metadata, client_id)
        .nonce_rule(nonce)
        .verify(token, &ctx.keys)
        .unwrap_or_else(|e| panic!("ID Token refused ({:?}): {e}", e.kind()))
}

/// POSTs `form` to an authorization server endpoint (token, PAR) with `auth` and a DPoP
/// proof from `key`, going through the provider's `use_dpop_nonce` round when it asks
/// (RFC 9449 §8). Returns the final reply and how many requests were sent.
pub fn post_with_dpop(
    browser: &Browser,
    url: &str,
    auth: &ClientAuth,
    form: &str,
    key: &DpopKey,
    nonce: &mut Option<String>,
) -> (Reply, usize) {
    let mut attempts = 0;
    let reply = send_with_nonce(
        nonce,
        |nonce| {
            attempts += 1;
            let proof = key.proof("POST", url, None, nonce).unwrap();
            browser.post_authenticated(url, auth, form, &[("DPoP", &proof)])
        },
        |reply| {
            let error = TokenResponse::from_json(&reply.body)
                .ok()?
                .into_result()
                .err()?;
            nonce_challenge(error.error.as_ref(), reply.header("dpop-nonce")).map(str::to_owned)
        },
    );
    (reply, attempts)
}

/// The test key `name` (tests/data/keys/`name`.pem, kid `name`), for the algorithm its
/// clients are registered with.
pub fn test_key(name: &str) -> oidc_core::jwt::SigningKey {
    use oidc_core::jwt::{Algorithm, SigningKey};
    let pem = std::fs::read_to_string(format!(
        "{}/tests/data/keys/{name}.pem",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let alg = match name {
        "ec-p256" => Algorithm::ES256,
        "ec-p384" => Algorithm::ES384,
        "ed25519" => Algorithm::EdDSA,
        _ => Algorithm::RS256,
    };
    SigningKey::from_pem(&pem, alg).unwrap().with_kid(name)
}
