//! A relying party web app on `oidc-client`: log in, see who you are, log out at the
//! provider, and end sessions when the provider says so (back-channel logout).
//!
//! Point it at the project's local provider:
//!
//! ```sh
//! (cd tests/interop && npm ci && node provider.js 3000 8080) &   # panva/oidc-provider
//! cargo run --example axum_relying_party                          # http://127.0.0.1:8080
//! ```
//!
//! then open http://127.0.0.1:8080/ (log in as anyone, any password). Settings come
//! from `OIDC_ISSUER`, `OIDC_CLIENT_ID`, `OIDC_CLIENT_SECRET` (defaults: the local
//! provider's `rp-basic` client, registered with this app's redirect URIs; the second
//! port given to `provider.js` is where it POSTs back-channel logouts, here this app's
//! `/backchannel`).
//!
//! Sessions live in memory behind an `HttpOnly; SameSite=Lax` cookie holding a random
//! id; a login in progress keeps its [`PendingLogin`] there (state, nonce, PKCE
//! verifier), a finished one the ID Token. The interop test serves [`router`] and
//! drives it through the provider (`tests/interop/example_app.rs`).

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

use axum::extract::State;
use axum::http::header::{COOKIE, SET_COOKIE};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use oidc_client::{Client, PendingLogin};
use oidc_core::client_auth::ClientAuth;
use oidc_core::messages::IdToken;

/// Where this app listens, and the URIs registered with the provider for it.
pub const BASE_URL: &str = "http://127.0.0.1:8080";
pub const REDIRECT_URI: &str = "http://127.0.0.1:8080/callback";
pub const POST_LOGOUT_REDIRECT_URI: &str = "http://127.0.0.1:8080/";
const COOKIE_NAME: &str = "rp_session";

/// One browser's session.
#[derive(Default)]
struct Session {
    /// A login in progress.
    pending: Option<PendingLogin>,
    /// The logged-in user: the verified ID Token and its compact form (the logout
    /// hint).
    user: Option<(IdToken, String)>,
}

/// The app: the client, the sessions, the Logout Token `jti`s seen.
pub struct App {
    client: Client,
    sessions: Mutex<HashMap<String, Session>>,
    logout_jtis: Mutex<HashSet<String>>,
}

/// The routes: `/`, `/login`, `/callback`, `/logout`, and `POST /backchannel`.
pub fn router(client: Client) -> Router {
    let app = Arc::new(App {
        client,
        sessions: Mutex::new(HashMap::new()),
        logout_jtis: Mutex::new(HashSet::new()),
    });
    Router::new()
        .route("/", get(home))
        .route("/login", get(login))
        .route("/callback", get(callback))
        .route("/logout", get(logout))
        .route("/backchannel", post(backchannel_logout))
        .with_state(app)
}

/// The session id in the request's cookie, if any.
fn session_id(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .find_map(|pair| pair.trim().strip_prefix("rp_session="))
        .map(str::to_owned)
}

/// An HTML page; a text error is escaped before it is shown.
fn page(status: StatusCode, body: String) -> Response {
    (status, Html(body)).into_response()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

async fn home(State(app): State<Arc<App>>, headers: HeaderMap) -> Response {
    let sessions = app.sessions.lock().unwrap();
    let user = session_id(&headers)
        .and_then(|id| sessions.get(&id))
        .and_then(|session| session.user.as_ref());
    match user {
        Some((id_token, _)) => page(
            StatusCode::OK,
            format!(
                r#"<h1>Hello {}</h1><p>email: {}</p><a href="/logout">Log out</a>"#,
                escape(&id_token.sub),
                escape(id_token.claims.email.as_deref().unwrap_or("-")),
            ),
        ),
        None => page(StatusCode::OK, r#"<a href="/login">Log in</a>"#.to_owned()),
    }
}

/// A fresh session holding the login's pending value, and the browser sent to the
/// provider.
async fn login(State(app): State<Arc<App>>) -> Response {
    let (url, pending) = match app.client.authorization_url(&["email"], |_| {}).await {
        Ok(login) => login,
        Err(e) => return page(StatusCode::BAD_GATEWAY, escape(&e.to_string())),
    };
    let id = oidc_core::random::token(32);
    let session = Session {
        pending: Some(pending),
        user: None,
    };
    app.sessions.lock().unwrap().insert(id.clone(), session);
    let cookie = format!("{COOKIE_NAME}={id}; HttpOnly; SameSite=Lax; Path=/");
    ([(SET_COOKIE, cookie)], Redirect::to(&url)).into_response()
}

/// The redirect back: the client checks `state` and `iss`, exchanges the code and
/// verifies the ID Token; the session then holds the user.
async fn callback(State(app): State<Arc<App>>, headers: HeaderMap, uri: Uri) -> Response {
    let Some(id) = session_id(&headers) else {
        return page(StatusCode::BAD_REQUEST, "no session".to_owned());
    };
    let pending = app
        .sessions
        .lock()
        .unwrap()
        .get_mut(&id)
        .and_then(|session| session.pending.take());
    let Some(pending) = pending else {
        return page(StatusCode::BAD_REQUEST, "no login in progress".to_owned());
    };
    let redirect = format!("{BASE_URL}{uri}");
    match app.client.callback(&redirect, &pending).await {
        Ok(login) => {
            let jwt = login.tokens.id_token.clone().unwrap_or_default();
            if let Some(session) = app.sessions.lock().unwrap().get_mut(&id) {
                session.user = Some((login.id_token, jwt));
            }
            Redirect::to("/").into_response()
        }
        // One line naming what failed (the provider's error, a check, the transport).
        Err(e) => page(
            StatusCode::BAD_REQUEST,
            format!("<p>login failed: {}</p>", escape(&e.to_string())),
        ),
    }
}

/// The session ends here, then at the provider (RP-Initiated Logout 1.0), which sends
/// the browser back to `/`.
async fn logout(State(app): State<Arc<App>>, headers: HeaderMap) -> Response {
    let session = session_id(&headers).and_then(|id| app.sessions.lock().unwrap().remove(&id));
    let hint = session.and_then(|session| session.user).map(|(_, jwt)| jwt);
    match app.client.logout_url(hint.as_deref(), |_| {}) {
        Ok(url) => Redirect::to(&url).into_response(),
        Err(e) => page(StatusCode::BAD_GATEWAY, escape(&e.to_string())),
    }
}

/// The provider ends a session (Back-Channel Logout 1.0 §2.5): the Logout Token is
/// verified and validated, its `jti` not seen before; every session of its `sid` (or,
/// without one, of its `sub`) ends. `200` when done, `400` otherwise (§2.8).
async fn backchannel_logout(State(app): State<Arc<App>>, body: String) -> Response {
    let jti_is_new = |jti: &str| {
        if app.logout_jtis.lock().unwrap().insert(jti.to_owned()) {
            Ok(())
        } else {
            Err("this Logout Token was used before".to_owned())
        }
    };
    let token = match app.client.backchannel_logout(&body, jti_is_new).await {
        Ok(token) => token,
        Err(e) => {
            eprintln!("back-channel logout refused: {e}");
            let error = r#"{"error":"invalid_request"}"#;
            return (StatusCode::BAD_REQUEST, error).into_response();
        }
    };
    app.sessions.lock().unwrap().retain(|_, session| {
        let Some((user, _)) = &session.user else {
            return true;
        };
        let same_sid = token.sid.is_some() && token.sid == user.sid;
        let same_sub = token.sid.is_none() && token.sub.as_deref() == Some(user.sub.as_str());
        !(same_sid || same_sub)
    });
    StatusCode::OK.into_response()
}

/// The client of `issuer`, registered as `client_id` with `client_secret`.
pub async fn client(
    issuer: &str,
    client_id: &str,
    client_secret: &str,
) -> Result<Client, oidc_client::Error> {
    Client::builder(ClientAuth::client_secret_basic(client_id, client_secret))
        .redirect_uri(REDIRECT_URI)
        .post_logout_redirect_uri(POST_LOGOUT_REDIRECT_URI)
        .discover(issuer)
        .await
}

#[allow(dead_code)] // The interop test includes this file for `router`, not `main`.
#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let setting = |name: &str, default: &str| std::env::var(name).unwrap_or(default.to_owned());
    let issuer = setting("OIDC_ISSUER", "http://127.0.0.1:3000");
    let client = client(
        &issuer,
        &setting("OIDC_CLIENT_ID", "rp-basic"),
        &setting("OIDC_CLIENT_SECRET", "rp-basic-secret"),
    )
    .await?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
    println!("relying party on {BASE_URL} (provider {issuer})");
    axum::serve(listener, router(client)).await?;
    Ok(())
}
