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
    AuthenticationRequest, BackChannelLogoutToken, DeviceAuthorizationRequest, IdToken, JarRequest,
    ProviderMetadata, TokenIntrospectionRequest, TokenRequest, TokenRevocationRequest,
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
pub const DEVICE_CODE: &str = "dc-1";
pub const USER_CODE: &str = "WDJB-MJHT";
/// The device codes' lifetime (RFC 8628 §3.2 `expires_in`) and polling interval.
pub const DEVICE_EXPIRES_IN: u64 = 60;
pub const DEVICE_INTERVAL: u64 = 5;

const DEVICE_GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";

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
    /// `send` fails with the transport's own timeout.
    pub transport_timeout: bool,
    /// Seconds the clients' clock has moved: every `sleep` that runs adds its duration.
    pub elapsed: u64,
    /// Every `sleep` that ran, in order (device polling's waits).
    pub sleeps: Vec<Duration>,
    /// The token endpoint's answers to device-code polls, in order (`error` codes, or
    /// `"timeout"` for a poll that never answers); once empty, the tokens.
    pub device_script: std::collections::VecDeque<&'static str>,
    /// The tokens revoked.
    pub revoked: Vec<String>,
    /// The token endpoint asks for a new DPoP nonce on every request (a provider that
    /// would keep a naive client retrying forever); it panics past ten requests.
    pub new_nonce_every_time: bool,
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
        metadata.introspection_endpoint = Some(format!("{ISSUER}/introspect"));
        metadata.revocation_endpoint = Some(format!("{ISSUER}/revoke"));
        metadata.device_authorization_endpoint = Some(format!("{ISSUER}/device"));
        metadata.end_session_endpoint = Some(format!("{ISSUER}/logout?ui=1"));
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

    /// A client of this provider: client_secret_basic, a clock at `NOW` that moves
    /// only when the client sleeps through the transport.
    pub fn builder(&self) -> oidc_client::ClientBuilder {
        let state = Arc::clone(&self.state);
        Client::builder(ClientAuth::client_secret_basic(CLIENT_ID, SECRET))
            .redirect_uri(REDIRECT_URI)
            .transport(self.clone())
            .clock(move || {
                let elapsed = state.lock().unwrap().elapsed;
                NumericDate::from_secs(NOW + i64::try_from(elapsed).unwrap())
            })
    }

    /// A Logout Token for `SUB` as the provider would POST it, after `edit`.
    pub fn logout_token(&self, edit: impl Fn(&mut BackChannelLogoutToken)) -> String {
        let mut claims = BackChannelLogoutToken::new(
            ISSUER,
            CLIENT_ID,
            NumericDate::from_secs(NOW),
            NumericDate::from_secs(NOW + 120),
            "jti-1",
        );
        claims.sub = Some(SUB.to_owned());
        claims.sid = Some("sid-1".to_owned());
        edit(&mut claims);
        // Signed as is (issue::logout_token would mend or refuse a token that breaks
        // §2.4: the tests need both).
        let header = oidc_core::jwt::JwsHeader::typed("logout+jwt");
        oidc_core::jwt::sign_payload(claims.to_json().as_bytes(), &self.key, &header).unwrap()
    }

    /// Whether the request carries this client's Basic credentials.
    fn authenticated(request: &HttpRequest) -> bool {
        request.header_value("authorization") == Some(&basic_authorization(CLIENT_ID, SECRET))
    }

    /// RFC 7662 §2: the access token is active until revoked; anything else is not.
    fn introspect(&self, request: &HttpRequest) -> HttpResponse {
        if !Self::authenticated(request) {
            return json(401, r#"{"error":"invalid_client"}"#);
        }
        let Ok(form) = TokenIntrospectionRequest::from_form(request.body.as_deref().unwrap_or(""))
        else {
            return json(400, r#"{"error":"invalid_request"}"#);
        };
        if form.token == ACCESS_TOKEN && !self.state().revoked.contains(&form.token) {
            json(
                200,
                format!(
                    r#"{{"active":true,"sub":"{SUB}","client_id":"{CLIENT_ID}","scope":"openid email"}}"#
                ),
            )
        } else {
            json(200, r#"{"active":false}"#)
        }
    }

    /// RFC 7009 §2: revoked, known or not; 200 with no body.
    fn revoke(&self, request: &HttpRequest) -> HttpResponse {
        if !Self::authenticated(request) {
            return json(401, r#"{"error":"invalid_client"}"#);
        }
        match TokenRevocationRequest::from_form(request.body.as_deref().unwrap_or("")) {
            Ok(form) => {
                self.state().revoked.push(form.token);
                HttpResponse::new(200, vec![], "")
            }
            Err(_) => json(400, r#"{"error":"invalid_request"}"#),
        }
    }

    /// RFC 8628 §3.2.
    fn device(&self, request: &HttpRequest) -> HttpResponse {
        if !Self::authenticated(request) {
            return json(401, r#"{"error":"invalid_client"}"#);
        }
        if DeviceAuthorizationRequest::from_form(request.body.as_deref().unwrap_or("")).is_err() {
            return json(400, r#"{"error":"invalid_request"}"#);
        }
        json(
            200,
            format!(
                r#"{{"device_code":"{DEVICE_CODE}","user_code":"{USER_CODE}","verification_uri":"{ISSUER}/device","expires_in":{DEVICE_EXPIRES_IN},"interval":{DEVICE_INTERVAL}}}"#
            ),
        )
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

    /// An ID Token as the token endpoint would issue it now.
    pub fn id_token_jwt(&self) -> String {
        self.id_token()
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
        if self.state().new_nonce_every_time {
            let url = format!("{ISSUER}/token");
            let sent = self
                .state()
                .requests
                .iter()
                .filter(|r| r.url == url)
                .count();
            assert!(sent <= 10, "the client retries forever");
            let mut answer = refused("use_dpop_nonce");
            answer
                .headers
                .push(("DPoP-Nonce".into(), format!("n-{sent}")));
            return answer;
        }
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
            "client_credentials" => {
                let tokens = TokenSuccessResponse::new(ACCESS_TOKEN, "Bearer");
                return json(200, tokens.to_json());
            }
            DEVICE_GRANT if form.device_code.as_deref() == Some(DEVICE_CODE) => {
                if let Some(code) = self.state().device_script.pop_front() {
                    return refused(code);
                }
            }
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
            (Method::Post, "/introspect") => self.introspect(request),
            (Method::Post, "/revoke") => self.revoke(request),
            (Method::Post, "/device") => self.device(request),
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
        let poll_hangs = {
            let mut state = self.state();
            let device_poll = request
                .body
                .as_deref()
                .is_some_and(|b| b.contains("device_code="));
            let next_is_timeout = state.device_script.front() == Some(&"timeout");
            if device_poll && next_is_timeout {
                state.device_script.pop_front();
            }
            device_poll && next_is_timeout
        };
        if hang || poll_hangs {
            return Box::pin(std::future::pending());
        }
        if unreachable {
            return Box::pin(std::future::ready(Err(TransportError::new(
                "connection refused",
            ))));
        }
        if self.state().transport_timeout {
            return Box::pin(std::future::ready(Err(TransportError::timeout())));
        }
        let response = self.route(&request);
        Box::pin(std::future::ready(Ok(response)))
    }

    /// Returns at once; when it runs, the clients' clock moves by `duration`. (A
    /// timeout's sleep runs only when `send` is not ready: the provider hangs.)
    fn sleep(&self, duration: Duration) -> BoxFuture<'_, ()> {
        Box::pin(async move {
            let mut state = self.state();
            state.sleeps.push(duration);
            state.elapsed += duration.as_secs();
        })
    }
}

/// A whole login through the client: the URL, the provider's redirect, the callback.
pub async fn login(provider: &Provider, client: &Client) -> oidc_client::Login {
    let (url, pending) = client.authorization_url(&[], |_| {}).await.unwrap();
    let redirect = provider.authorize(&url);
    client.callback(&redirect, &pending).await.unwrap()
}

/// A whole login through the client that must fail: its error.
pub async fn failed_login(provider: &Provider, client: &Client) -> oidc_client::Error {
    let (url, pending) = client.authorization_url(&[], |_| {}).await.unwrap();
    client
        .callback(&provider.authorize(&url), &pending)
        .await
        .unwrap_err()
}

/// The redirect with the pending login's own `state`, and `extra` parameters.
pub fn redirect_with(pending: &PendingLogin, extra: &str) -> String {
    format!("{REDIRECT_URI}?state={}&{extra}", pending.state())
}
