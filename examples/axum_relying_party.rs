//! A minimal relying party web server: axum for the routes, reqwest for the token
//! exchange, oidc-core for every message.
//!
//! Point it at the project's local provider:
//!
//! ```sh
//! (cd tests/interop && npm ci && node provider.js 3000 3001) &   # panva/oidc-provider
//! cargo run --example axum_relying_party                          # http://127.0.0.1:8080
//! ```
//!
//! then open http://127.0.0.1:8080/login (log in as anyone, any password). Settings come
//! from `OIDC_ISSUER`, `OIDC_CLIENT_ID`, `OIDC_CLIENT_SECRET` (defaults: the local
//! provider's `rp-basic` client). For https providers enable reqwest's `rustls` feature.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::extract::State;
use axum::response::{Html, IntoResponse, Redirect};
use axum::routing::get;
use axum::Router;
use oidc_core::axum::OidcQuery;
use oidc_core::jwt::{FetchKeysAsync, JwksResponse, KeyCache, KeyFetchError};
use oidc_core::messages::{
    AuthenticationRequest, AuthenticationResponse, IdToken, ProviderMetadata, TokenRequest,
    TokenResponse,
};
use oidc_core::validation::{AuthenticationResponseValidation, IdTokenValidation};
use oidc_core::OidcMessage;

const REDIRECT_URI: &str = "http://127.0.0.1:8080/callback";

struct App {
    metadata: ProviderMetadata,
    /// The provider's keys: fetched with reqwest, fetched again when it rotates them.
    keys: KeyCache<JwksUri>,
    client_id: String,
    client_secret: String,
    http: reqwest::Client,
    /// state -> (nonce, PKCE verifier), for logins in progress.
    pending: Mutex<HashMap<String, (String, String)>>,
}

fn random_token() -> String {
    use std::hash::{BuildHasher, Hasher};
    // Demo-grade randomness from the std hasher's random keys; use a CSPRNG (`rand`,
    // `getrandom`) in a real application.
    let mut out = String::new();
    for _ in 0..4 {
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        hasher.write_usize(out.len());
        out.push_str(&format!("{:016x}", hasher.finish()));
    }
    out
}

async fn login(State(app): State<Arc<App>>) -> Result<Redirect, String> {
    let (state, nonce, verifier) = (random_token(), random_token(), random_token());
    let mut request =
        AuthenticationRequest::new(&app.client_id, REDIRECT_URI, ["openid", "email", "profile"]);
    request.state = Some(state.clone());
    request.nonce = Some(nonce.clone());
    request.code_challenge = Some(oidc_core::pkce::s256_challenge(&verifier));
    request.code_challenge_method = Some("S256".into());
    let url = request
        .to_url(&app.metadata.authorization_endpoint)
        .map_err(|e| e.to_string())?;
    app.pending.lock().unwrap().insert(state, (nonce, verifier));
    Ok(Redirect::to(&url))
}

/// The redirect back from the provider, success or error. `OidcQuery` decodes the raw
/// query with `from_form`, so a malformed redirect (`code=x%2`, `%FF`, a repeated
/// parameter) is answered `400` with the error line before this handler runs; axum's
/// own `Query` would let serde_urlencoded percent-decode it first.
async fn callback(
    State(app): State<Arc<App>>,
    OidcQuery(response): OidcQuery<AuthenticationResponse>,
) -> Result<Html<String>, String> {
    let state = match &response {
        AuthenticationResponse::Success(success) => success.state.clone(),
        AuthenticationResponse::Error(error) => error.state.clone(),
    }
    .ok_or("no state")?;
    let (nonce, verifier) = app
        .pending
        .lock()
        .unwrap()
        .remove(&state)
        .ok_or("unknown state")?;
    // `state` and `iss` are checked on error responses too (RFC 9207 §2 puts `iss` in both).
    response
        .validate_extern(&AuthenticationResponseValidation::from_metadata(
            Some(&state),
            &app.metadata,
        ))
        .map_err(|e| e.to_string())?;
    let success = response
        .into_result()
        .map_err(|error| format!("the provider said: {error}"))?;
    let code = success.code.ok_or("no code")?;

    // The token request goes out through reqwest's `.form()`, i.e. serde_urlencoded with
    // the derived Serialize impl: the same body `to_form` writes.
    let mut token_request = TokenRequest::for_authorization_code(code, REDIRECT_URI);
    token_request.code_verifier = Some(verifier);
    let body = app
        .http
        .post(
            app.metadata
                .token_endpoint
                .as_deref()
                .ok_or("no token endpoint")?,
        )
        .basic_auth(&app.client_id, Some(&app.client_secret))
        .form(&token_request)
        .send()
        .await
        .map_err(|e| e.to_string())?
        .text()
        .await
        .map_err(|e| e.to_string())?;
    let tokens = TokenResponse::from_json(&body)
        .map_err(|e| e.to_string())?
        .into_result()
        .map_err(|e| e.to_string())?;
    // The ID Token, in one call: the signature with the cache's keys (fetched again if
    // it names a key the cache has not seen) and the claims.
    let jwt = tokens.id_token.as_deref().ok_or("no id_token")?;
    let keys = app
        .keys
        .keys_for_async(jwt)
        .await
        .map_err(|e| e.to_string())?;
    let id_token: IdToken = IdTokenValidation::from_metadata(&app.metadata, &app.client_id)
        .nonce(&nonce)
        .access_token(&tokens.access_token)
        .verify(jwt, &keys)
        .map_err(|e| format!("ID Token refused ({:?}): {e}", e.kind()))?;
    Ok(Html(format!(
        "<h1>Hello {}</h1><p>email: {:?}</p><pre>{}</pre>",
        id_token.sub,
        id_token.claims.email,
        id_token.to_json()
    )))
}

/// The key cache's fetch: a reqwest GET of the provider's `jwks_uri`, passing on its
/// `Cache-Control`. A failure (or a non-2xx status) leaves the cache its keys.
struct JwksUri {
    http: reqwest::Client,
    uri: String,
}

impl FetchKeysAsync for JwksUri {
    async fn fetch(&self) -> Result<JwksResponse, KeyFetchError> {
        let response = self
            .http
            .get(&self.uri)
            .send()
            .await
            .map_err(KeyFetchError::new)?;
        if !response.status().is_success() {
            return Err(KeyFetchError::new(format!("HTTP {}", response.status())));
        }
        let cache_control = response
            .headers()
            .get("cache-control")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let body = response.text().await.map_err(KeyFetchError::new)?;
        Ok(JwksResponse::new(body).cache_control(cache_control.as_deref()))
    }
}

async fn home() -> impl IntoResponse {
    Html(r#"<a href="/login">Log in</a>"#)
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let issuer = std::env::var("OIDC_ISSUER").unwrap_or_else(|_| "http://127.0.0.1:3000".into());
    let http = reqwest::Client::new();
    let discovery = http
        .get(format!("{issuer}/.well-known/openid-configuration"))
        .send()
        .await?
        .text()
        .await?;
    let metadata = ProviderMetadata::from_json(&discovery)?;
    let keys = KeyCache::new(JwksUri {
        http: http.clone(),
        uri: metadata.jwks_uri.clone(),
    });
    let app = Arc::new(App {
        metadata,
        keys,
        client_id: std::env::var("OIDC_CLIENT_ID").unwrap_or_else(|_| "rp-basic".into()),
        client_secret: std::env::var("OIDC_CLIENT_SECRET")
            .unwrap_or_else(|_| "rp-basic-secret".into()),
        http,
        pending: Mutex::new(HashMap::new()),
    });
    let router = Router::new()
        .route("/", get(home))
        .route("/login", get(login))
        .route("/callback", get(callback))
        .with_state(app);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
    println!("relying party on http://127.0.0.1:8080 (provider {issuer})");
    axum::serve(listener, router).await?;
    Ok(())
}
