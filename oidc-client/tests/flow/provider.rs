//! An OpenID Provider in memory, behind the client's `Transport`: discovery, JWKS, an
//! authorization step the test drives (`authorize`), a token endpoint that checks the
//! client's authentication, the code and PKCE, a UserInfo endpoint that checks the
//! Bearer token. Any endpoint's answer can be replaced (`answer`), and every request
//! is recorded (`requests`).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use oidc_client::{
    BoxFuture, Client, HttpRequest, HttpResponse, Method, PendingLogin, Transport, TransportError,
};
use oidc_core::client_auth::{basic_authorization, ClientAuth};
use oidc_core::dpop::{is_nonce_error, DpopValidation};
use oidc_core::jwt::{Algorithm, SigningKey};
use oidc_core::messages::{
    AuthenticationRequest, IdToken, JarRequest, ProviderMetadata, TokenRequest,
    TokenSuccessResponse,
};
use oidc_core::validation::FixedClock;
use oidc_core::{issue, pkce, Location, NumericDate, OidcMessage};

pub const ISSUER: &str = "https://op.example";
pub const CLIENT_ID: &str = "rp";
pub const SECRET: &str = "rp-secret-that-is-long-enough";
pub const REDIRECT_URI: &str = "https://rp.example/cb";
pub const NOW: i64 = 1_800_000_000;
pub const SUB: &str = "alice";
pub const ACCESS_TOKEN: &str = "at-1";
pub const REFRESH_TOKEN: &str = "rt-1";
pub const CODE: &str = "the-code";
/// The nonces the provider's DPoP checks require (RFC 9449 §8, §9).
pub const AS_NONCE: &str = "as-nonce-1";
pub const RS_NONCE: &str = "rs-nonce-1";
pub const REQUEST_URI: &str = "urn:ietf:params:oauth:request_uri:1";

/// A change to the claims of the ID Tokens the token endpoint issues.
pub type Edit = Box<dyn Fn(&mut IdToken) + Send>;

/// What the provider remembers between the steps, and what a test may change.
#[derive(Default)]
pub struct State {
    /// The authorization request's nonce, PKCE challenge and `dpop_jkt`.
    pub nonce: Option<String>,
    pub challenge: Option<String>,
    pub dpop_jkt: Option<String>,
    /// Tokens are DPoP-bound: proofs with the provider's nonces are required at the
    /// token and UserInfo endpoints; the key they proved.
    pub dpop: bool,
    pub bound_jkt: Option<String>,
    /// The pushed authorization request (RFC 9126).
    pub pushed: Option<AuthenticationRequest>,
    /// Replaced answers, by path.
    pub answers: HashMap<String, HttpResponse>,
    /// Changes to the ID Tokens the token endpoint issues.
    pub id_token_edit: Option<Edit>,
    /// The `sub` the UserInfo endpoint answers with.
    pub userinfo_sub: Option<String>,
    /// Every request, in order.
    pub requests: Vec<HttpRequest>,
    /// `send` never answers; `sleep` returns at once (a provider that hangs).
    pub hang: bool,
    /// `send` fails as a transport would.
    pub unreachable: bool,
}

/// The provider; clones share it.
#[derive(Clone)]
pub struct Provider {
    pub key: Arc<SigningKey>,
    pub metadata: ProviderMetadata,
    pub state: Arc<Mutex<State>>,
}

pub fn json(status: u16, body: impl Into<String>) -> HttpResponse {
    HttpResponse::new(
        status,
        vec![("Content-Type".into(), "application/json".into())],
        body.into(),
    )
}

impl Provider {
    pub fn new() -> Self {
        let key = SigningKey::generate(Algorithm::ES256)
            .unwrap()
            .with_kid("k1");
        let mut metadata = ProviderMetadata::new(
            ISSUER,
            format!("{ISSUER}/authorize"),
            format!("{ISSUER}/jwks"),
            ["code"],
            ["public"],
            ["ES256"],
        );
        metadata.token_endpoint = Some(format!("{ISSUER}/token"));
        metadata.userinfo_endpoint = Some(format!("{ISSUER}/userinfo"));
        metadata.authorization_response_iss_parameter_supported = true;
        Provider {
            key: Arc::new(key),
            metadata,
            state: Arc::new(Mutex::new(State::default())),
        }
    }

    pub fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap()
    }

    /// Replaces the answer of `path` (`/token`, `/.well-known/openid-configuration`).
    pub fn answer(&self, path: &str, response: HttpResponse) {
        self.state().answers.insert(path.to_owned(), response);
    }

    /// The paths requested, in order.
    pub fn paths(&self) -> Vec<String> {
        self.state()
            .requests
            .iter()
            .map(|r| r.url.strip_prefix(ISSUER).unwrap_or(&r.url).to_owned())
            .collect()
    }

    /// The last request to `path`.
    pub fn last(&self, path: &str) -> HttpRequest {
        let url = format!("{ISSUER}{path}");
        self.state()
            .requests
            .iter()
            .rev()
            .find(|r| r.url == url)
            .cloned()
            .expect("no such request")
    }

    /// A client of this provider: client_secret_basic, the fixed clock.
    pub fn builder(&self) -> oidc_client::ClientBuilder {
        Client::builder(ClientAuth::client_secret_basic(CLIENT_ID, SECRET))
            .redirect_uri(REDIRECT_URI)
            .transport(self.clone())
            .clock(FixedClock(NumericDate::from_secs(NOW)))
    }

    pub async fn client(&self) -> Client {
        self.builder().discover(ISSUER).await.unwrap()
    }

    /// The user logs in: reads the authorization URL as the provider would and
    /// answers the redirect with `code`, the request's `state` and `iss`.
    pub fn authorize(&self, url: &str) -> String {
        let request = match JarRequest::from_url(url, Location::Query) {
            Ok(JarRequest {
                request_uri: Some(uri),
                ..
            }) => {
                assert_eq!(uri, REQUEST_URI);
                self.state().pushed.take().expect("nothing pushed")
            }
            _ => AuthenticationRequest::from_url(url, Location::Query).unwrap(),
        };
        assert_eq!(request.client_id, CLIENT_ID);
        assert_eq!(request.redirect_uri, REDIRECT_URI);
        assert_eq!(request.code_challenge_method.as_deref(), Some("S256"));
        let mut state = self.state();
        state.nonce = request.nonce.clone();
        state.challenge = request.code_challenge.clone();
        state.dpop_jkt = request.extra.get::<String>("dpop_jkt").ok().flatten();
        format!(
            "{REDIRECT_URI}?code={CODE}&state={}&iss={}",
            request.state.unwrap(),
            "https%3A%2F%2Fop.example"
        )
    }

    /// An ID Token as the token endpoint issues it (before `id_token_edit`).
    pub fn id_token_claims(&self) -> IdToken {
        let mut claims = IdToken::new(
            ISSUER,
            SUB,
            CLIENT_ID,
            NumericDate::from_secs(NOW + 600),
            NumericDate::from_secs(NOW),
        );
        claims.nonce = self.state().nonce.clone();
        claims.auth_time = Some(NumericDate::from_secs(NOW - 60));
        claims
    }

    fn id_token(&self) -> String {
        let mut claims = self.id_token_claims();
        if let Some(edit) = &self.state().id_token_edit {
            edit(&mut claims);
        }
        issue::id_token(&claims, &self.key, Some(ACCESS_TOKEN), None).unwrap()
    }

    fn token(&self, request: &HttpRequest) -> HttpResponse {
        let refused = |code: &str| json(400, format!(r#"{{"error":"{code}"}}"#));
        if request.header_value("authorization") != Some(&basic_authorization(CLIENT_ID, SECRET)) {
            return json(401, r#"{"error":"invalid_client"}"#);
        }
        let Ok(form) = TokenRequest::from_form(request.body.as_deref().unwrap_or("")) else {
            return refused("invalid_request");
        };
        let dpop = self.state().dpop;
        if dpop {
            let url = format!("{ISSUER}/token");
            let checks = DpopValidation::new("POST", &url)
                .nonce(AS_NONCE)
                .clock(FixedClock(NumericDate::from_secs(NOW)));
            match checks.verify(request.header_value("dpop").unwrap_or("")) {
                Ok(proof) => {
                    let mut state = self.state();
                    let bound = state.dpop_jkt.clone().unwrap_or(proof.jkt.clone());
                    if bound != proof.jkt {
                        return refused("invalid_dpop_proof");
                    }
                    state.bound_jkt = Some(proof.jkt);
                }
                Err(e) if is_nonce_error(&e) => {
                    let mut answer = refused("use_dpop_nonce");
                    answer.headers.push(("DPoP-Nonce".into(), AS_NONCE.into()));
                    return answer;
                }
                Err(_) => return refused("invalid_dpop_proof"),
            }
        }
        match form.grant_type.as_ref() {
            "authorization_code" => {
                let challenge = self.state().challenge.clone().unwrap_or_default();
                let verifier = form.code_verifier.unwrap_or_default();
                if form.code.as_deref() != Some(CODE)
                    || form.redirect_uri.as_deref() != Some(REDIRECT_URI)
                    || !pkce::verify(&verifier, &challenge, "S256")
                {
                    return refused("invalid_grant");
                }
            }
            "refresh_token" if form.refresh_token.as_deref() == Some(REFRESH_TOKEN) => {}
            _ => return refused("invalid_grant"),
        }
        let mut tokens =
            TokenSuccessResponse::new(ACCESS_TOKEN, if dpop { "DPoP" } else { "Bearer" });
        tokens.refresh_token = Some(REFRESH_TOKEN.to_owned());
        tokens.expires_in = Some(600);
        tokens.id_token = Some(self.id_token());
        json(200, tokens.to_json())
    }

    /// RFC 9126 §2: the client authenticates; the request is kept for `authorize`.
    fn par(&self, request: &HttpRequest) -> HttpResponse {
        if request.header_value("authorization") != Some(&basic_authorization(CLIENT_ID, SECRET)) {
            return json(401, r#"{"error":"invalid_client"}"#);
        }
        match AuthenticationRequest::from_form(request.body.as_deref().unwrap_or("")) {
            Ok(pushed) => {
                self.state().pushed = Some(pushed);
                json(
                    201,
                    format!(r#"{{"request_uri":"{REQUEST_URI}","expires_in":60}}"#),
                )
            }
            Err(_) => json(400, r#"{"error":"invalid_request"}"#),
        }
    }

    fn userinfo(&self, request: &HttpRequest) -> HttpResponse {
        let challenge = |value: &str| {
            HttpResponse::new(401, vec![("WWW-Authenticate".into(), value.into())], "")
        };
        if self.state().dpop {
            if request.header_value("authorization") != Some(&format!("DPoP {ACCESS_TOKEN}")) {
                return challenge(r#"DPoP error="invalid_token""#);
            }
            let jkt = self.state().bound_jkt.clone().unwrap();
            let url = format!("{ISSUER}/userinfo");
            let checks = DpopValidation::new("GET", &url)
                .with_access_token(ACCESS_TOKEN, &jkt)
                .nonce(RS_NONCE)
                .clock(FixedClock(NumericDate::from_secs(NOW)));
            match checks.verify(request.header_value("dpop").unwrap_or("")) {
                Ok(_) => {}
                Err(e) if is_nonce_error(&e) => {
                    let mut answer = challenge(r#"DPoP error="use_dpop_nonce""#);
                    answer.headers.push(("DPoP-Nonce".into(), RS_NONCE.into()));
                    return answer;
                }
                Err(_) => return challenge(r#"DPoP error="invalid_dpop_proof""#),
            }
        } else if request.header_value("authorization") != Some(&format!("Bearer {ACCESS_TOKEN}")) {
            return challenge(r#"Bearer error="invalid_token""#);
        }
        let sub = self.state().userinfo_sub.clone().unwrap_or(SUB.to_owned());
        json(
            200,
            format!(r#"{{"sub":"{sub}","email":"alice@example.com"}}"#),
        )
    }

    fn route(&self, request: &HttpRequest) -> HttpResponse {
        let path = request.url.strip_prefix(ISSUER).unwrap_or("");
        if let Some(answer) = self.state().answers.get(path) {
            return answer.clone();
        }
        match (request.method, path) {
            (Method::Get, "/.well-known/openid-configuration") => {
                json(200, self.metadata.to_json())
            }
            (Method::Get, "/jwks") => json(200, self.key.public_jwk_set_json().unwrap()),
            (Method::Post, "/token") => self.token(request),
            (Method::Post, "/par") => self.par(request),
            (Method::Get, "/userinfo") => self.userinfo(request),
            _ => json(404, "{}"),
        }
    }
}

impl Transport for Provider {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        let (hang, unreachable) = {
            let mut state = self.state();
            state.requests.push(request.clone());
            (state.hang, state.unreachable)
        };
        if hang {
            return Box::pin(std::future::pending());
        }
        if unreachable {
            return Box::pin(std::future::ready(Err(TransportError::new(
                "connection refused",
            ))));
        }
        let response = self.route(&request);
        Box::pin(std::future::ready(Ok(response)))
    }

    fn sleep(&self, _: Duration) -> BoxFuture<'_, ()> {
        if self.state().hang {
            Box::pin(std::future::ready(()))
        } else {
            Box::pin(std::future::pending())
        }
    }
}

/// A whole login through the client: the URL, the provider's redirect, the callback.
pub async fn login(provider: &Provider, client: &Client) -> oidc_client::Login {
    let (url, pending) = client.authorization_url(&[], |_| {}).await.unwrap();
    let redirect = provider.authorize(&url);
    client.callback(&redirect, &pending).await.unwrap()
}

/// The redirect with the pending login's own `state`, and `extra` parameters.
pub fn redirect_with(pending: &PendingLogin, extra: &str) -> String {
    format!("{REDIRECT_URI}?state={}&{extra}", pending.state())
}
