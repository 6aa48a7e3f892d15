//! End-to-end interop against a real, certified OpenID Provider: panva's `oidc-provider`
//! (pinned in `tests/interop/package.json` / `package-lock.json`), started on 127.0.0.1
//! by `tests/interop/provider.js`. This test plays relying party, resource server and
//! user agent with a real HTTP client and uses only the library's public API for the
//! messages.
//!
//! It needs Node.js and `npm ci` in `tests/interop/`, so it is `#[ignore]`d in
//! `cargo test --workspace`; `tests/interop/run.sh` (called by `.ci/run`) runs it, and
//! then it fails, not skips, when the provider cannot start. Every wait is bounded and
//! only 127.0.0.1 is contacted; the provider is killed when the test ends, pass or fail.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use base64::Engine;
use oidc_core::jwt::{header_algorithm, verify_token_hash, JwkSet, JwtOptions};
use oidc_core::messages::*;
use oidc_core::validation::{
    AuthenticationResponseValidation, IdTokenValidation, LogoutTokenValidation, Nonce,
};
use oidc_core::{ExtraParams, Location, OidcMessage};

const REDIRECT_URI: &str = "http://127.0.0.1:9/cb";
const TIMEOUT: Duration = Duration::from_secs(20);

/// The provider process; killed on drop.
struct Provider {
    child: Child,
    issuer: String,
}

impl Drop for Provider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn start_provider(backchannel_port: u16) -> Provider {
    let port = free_port();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/interop");
    let mut child = Command::new("node")
        .arg("provider.js")
        .arg(port.to_string())
        .arg(backchannel_port.to_string())
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("cannot run node: the interop test needs Node.js (see tests/interop/run.sh)");
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(issuer) = line.strip_prefix("READY ") {
                let _ = tx.send(issuer.to_owned());
            }
        }
    });
    let mut provider = Provider {
        child,
        issuer: String::new(),
    };
    match rx.recv_timeout(TIMEOUT) {
        Ok(issuer) => provider.issuer = issuer,
        Err(_) => panic!(
            "the provider did not start within {TIMEOUT:?} (did `npm ci` run in tests/interop?)"
        ),
    }
    provider
}

/// A user agent: keeps cookies, does not follow redirects.
struct Browser {
    agent: ureq::Agent,
    base: String,
}

struct Reply {
    status: u16,
    location: Option<String>,
    body: String,
}

impl Browser {
    fn new(base: &str) -> Self {
        Browser {
            agent: ureq::AgentBuilder::new()
                .redirects(0)
                .timeout(TIMEOUT)
                .build(),
            base: base.to_owned(),
        }
    }

    fn absolute(&self, url: &str) -> String {
        if url.starts_with("http://") || url.starts_with("https://") {
            url.to_owned()
        } else {
            format!("{}{url}", self.base)
        }
    }

    fn reply(result: Result<ureq::Response, ureq::Error>) -> Reply {
        let response = match result {
            Ok(r) => r,
            Err(ureq::Error::Status(_, r)) => r,
            Err(e) => panic!("HTTP failed: {e}"),
        };
        Reply {
            status: response.status(),
            location: response.header("location").map(str::to_owned),
            body: response.into_string().unwrap_or_default(),
        }
    }

    fn get(&self, url: &str, bearer: Option<&str>) -> Reply {
        let mut request = self.agent.get(&self.absolute(url));
        if let Some(token) = bearer {
            request = request.set("Authorization", &format!("Bearer {token}"));
        }
        Self::reply(request.call())
    }

    fn post_form(&self, url: &str, body: &str, basic: Option<(&str, &str)>) -> Reply {
        let mut request = self
            .agent
            .post(&self.absolute(url))
            .set("Content-Type", "application/x-www-form-urlencoded");
        if let Some((id, secret)) = basic {
            request = request.set("Authorization", &basic_auth(id, secret));
        }
        Self::reply(request.send_string(body))
    }

    /// Follows the provider's redirects and answers its login and consent pages until it
    /// redirects to the RP; returns that Location.
    fn authorize(&self, url: &str, user: &str) -> String {
        let mut next = url.to_owned();
        for _ in 0..12 {
            let reply = self.get(&next, None);
            let location = reply.location.unwrap_or_else(|| {
                panic!("no redirect from {next}: {} {}", reply.status, reply.body)
            });
            if location.starts_with("http://127.0.0.1:9/") {
                return location;
            }
            if !location.contains("/interaction/") {
                next = location;
                continue;
            }
            let page = self.get(&location, None);
            let action = form_action(&page.body);
            let body = if page.body.contains(r#"name="login""#) {
                format!("prompt=login&login={user}&password=anything")
            } else {
                "prompt=consent".to_owned()
            };
            let submitted = self.post_form(&action, &body, None);
            next = submitted
                .location
                .expect("the interaction redirects back to the authorization endpoint");
        }
        panic!("too many redirects starting at {url}");
    }
}

/// RFC 6749 §2.3.1: client_secret_basic (form-encoded id and secret).
fn basic_auth(id: &str, secret: &str) -> String {
    let mut pair = String::new();
    oidc_core::codec::form::encode_into(&mut pair, id);
    pair.push(':');
    oidc_core::codec::form::encode_into(&mut pair, secret);
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(pair)
    )
}

fn form_action(html: &str) -> String {
    let start = html.find("<form").expect("a form");
    let action = &html[start..];
    let action = &action[action.find("action=\"").expect("an action") + 8..];
    action[..action.find('"').unwrap()].replace("&amp;", "&")
}

fn hidden_input(html: &str, name: &str) -> String {
    let marker = format!(r#"name="{name}" value=""#);
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} input in {html}"))
        + marker.len();
    html[start..start + html[start..].find('"').unwrap()].to_owned()
}

/// A loopback listener for one back-channel logout POST; yields its body.
fn backchannel_listener() -> (u16, mpsc::Receiver<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            stream.set_read_timeout(Some(TIMEOUT)).ok();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut length = 0usize;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                if let Some((name, value)) = line.split_once(':') {
                    if name.eq_ignore_ascii_case("content-length") {
                        length = value.trim().parse().unwrap_or(0);
                    }
                }
            }
            let mut body = vec![0; length];
            let _ = reader.read_exact(&mut body);
            let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nCache-Control: no-store\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            let _ = tx.send(String::from_utf8_lossy(&body).into_owned());
        }
    });
    (port, rx)
}

struct Context {
    provider: Provider,
    metadata: ProviderMetadata,
    keys: JwkSet,
    backchannel: mpsc::Receiver<String>,
}

fn setup() -> Context {
    let (backchannel_port, backchannel) = backchannel_listener();
    let provider = start_provider(backchannel_port);
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

/// Code flow up to the token response; returns (tokens, nonce).
fn code_flow(
    ctx: &Context,
    browser: &Browser,
    client_id: &str,
    auth: ClientAuth,
) -> (TokenSuccessResponse, String) {
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
    request.claims = Some(serde_json::json!({"id_token": {"email": {"essential": true}}}));
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

    let token_request =
        TokenRequest::for_authorization_code(code, REDIRECT_URI).with_code_verifier(verifier);
    let token_endpoint = ctx.metadata.token_endpoint.as_deref().unwrap();
    let reply = match auth {
        ClientAuth::Basic(secret) => browser.post_form(
            token_endpoint,
            &token_request.to_form(),
            Some((client_id, secret)),
        ),
        ClientAuth::Post(secret) => {
            let request = token_request
                .with_client_id(client_id)
                .with_client_secret(secret);
            browser.post_form(token_endpoint, &request.to_form(), None)
        }
    };
    assert_eq!(reply.status, 200, "{}", reply.body);
    let tokens = TokenResponse::from_json(&reply.body)
        .unwrap()
        .into_result()
        .unwrap();
    assert!(tokens.is_bearer());
    (tokens, nonce)
}

#[derive(Clone, Copy)]
enum ClientAuth<'a> {
    Basic(&'a str),
    Post(&'a str),
}

fn verify_id_token(ctx: &Context, token: &str, client_id: &str, nonce: Nonce<'_>) -> IdToken {
    let id_token = IdToken::from_jwt(token, &ctx.keys, &JwtOptions::default()).expect("signature");
    id_token
        .validate_extern(&IdTokenValidation::new(&ctx.metadata.issuer, client_id).nonce_rule(nonce))
        .expect("ID Token claims");
    id_token
}

#[test]
#[ignore = "needs Node.js and `npm ci` in tests/interop: run tests/interop/run.sh"]
fn interop_with_oidc_provider() {
    let ctx = setup();
    let browser = Browser::new(&ctx.provider.issuer);

    // Steps 2-3: code flow with PKCE, nonce, state and the claims parameter;
    // client_secret_basic, then client_secret_post.
    let (tokens, nonce) = code_flow(
        &ctx,
        &browser,
        "rp-basic",
        ClientAuth::Basic("rp-basic-secret"),
    );
    let id_token_jwt = tokens.id_token.clone().expect("an ID Token");
    let id_token = verify_id_token(&ctx, &id_token_jwt, "rp-basic", Nonce::Sent(Some(&nonce)));
    assert_eq!(id_token.sub, "alice");
    assert_eq!(
        id_token.claims.email.as_deref(),
        Some("alice@example.test"),
        "essential claim via the claims parameter"
    );
    let (post_tokens, post_nonce) = code_flow(
        &ctx,
        &browser,
        "rp-post",
        ClientAuth::Post("rp-post-secret"),
    );
    verify_id_token(
        &ctx,
        post_tokens.id_token.as_deref().unwrap(),
        "rp-post",
        Nonce::Sent(Some(&post_nonce)),
    );
    eprintln!("code flow: ok (basic and post)");

    // Step 4: userinfo, introspection (active), refresh, revocation, introspection (inactive).
    let userinfo_endpoint = ctx.metadata.userinfo_endpoint.clone().unwrap();
    let info = browser.get(&userinfo_endpoint, Some(&tokens.access_token));
    let info = UserinfoResponse::from_json(&info.body)
        .unwrap()
        .into_result()
        .unwrap();
    assert_eq!(info.sub, "alice");
    assert_eq!(info.claims.email_verified, Some(true));
    assert_eq!(info.claims.name.as_deref(), Some("User alice"));

    let introspection_endpoint = ctx.metadata.introspection_endpoint.clone().unwrap();
    let introspect = |token: &str| {
        let request = TokenIntrospectionRequest {
            token: token.to_owned(),
            token_type_hint: None,
            extra: ExtraParams::new(),
        };
        let reply = browser.post_form(
            &introspection_endpoint,
            &request.to_form(),
            Some(("rp-basic", "rp-basic-secret")),
        );
        TokenIntrospectionResponse::from_json(&reply.body)
            .unwrap()
            .into_result()
            .unwrap()
    };
    let active = introspect(&tokens.access_token);
    assert!(active.active);
    assert_eq!(active.client_id.as_deref(), Some("rp-basic"));
    assert_eq!(active.sub.as_deref(), Some("alice"));

    let refresh_token = tokens
        .refresh_token
        .clone()
        .expect("a refresh token (offline_access)");
    let refresh = TokenRequest::for_refresh_token(&refresh_token);
    let reply = browser.post_form(
        ctx.metadata.token_endpoint.as_deref().unwrap(),
        &refresh.to_form(),
        Some(("rp-basic", "rp-basic-secret")),
    );
    let refreshed = TokenResponse::from_json(&reply.body)
        .unwrap()
        .into_result()
        .expect("refresh");
    if let Some(id_token) = &refreshed.id_token {
        verify_id_token(&ctx, id_token, "rp-basic", Nonce::Refresh(Some(&nonce)));
    }

    let revocation_endpoint = ctx.metadata.revocation_endpoint.clone().unwrap();
    let revoke = browser.post_form(
        &revocation_endpoint,
        &format!("token={}", refreshed.access_token),
        Some(("rp-basic", "rp-basic-secret")),
    );
    assert_eq!(revoke.status, 200, "{}", revoke.body);
    assert!(!introspect(&refreshed.access_token).active, "revoked");
    eprintln!("userinfo, introspection, refresh, revocation: ok");

    // Step 5: implicit (id_token) and hybrid (code id_token) from the fragment.
    let mut implicit = AuthenticationRequest::new("rp-native", REDIRECT_URI, ["openid"]);
    implicit.response_type = "id_token".into();
    implicit.state = Some("s-implicit".into());
    implicit.nonce = Some("n-implicit".into());
    let redirect = browser.authorize(
        &implicit
            .to_url(&ctx.metadata.authorization_endpoint)
            .unwrap(),
        "alice",
    );
    assert!(redirect.contains('#'), "fragment response: {redirect}");
    let response = AuthenticationResponse::from_url(&redirect, Location::Auto).unwrap();
    response
        .validate_extern(&AuthenticationResponseValidation::from_metadata(
            Some("s-implicit"),
            &ctx.metadata,
        ))
        .unwrap();
    let success = response.into_result().unwrap();
    verify_id_token(
        &ctx,
        success.id_token.as_deref().unwrap(),
        "rp-native",
        Nonce::Sent(Some("n-implicit")),
    );

    let mut hybrid = AuthenticationRequest::new("rp-native", REDIRECT_URI, ["openid"]);
    hybrid.response_type = "code id_token".into();
    hybrid.state = Some("s-hybrid".into());
    hybrid.nonce = Some("n-hybrid".into());
    hybrid.code_challenge = Some(oidc_core::pkce::s256_challenge(
        "hybrid-verifier-0123456789-0123456789-0123456789",
    ));
    hybrid.code_challenge_method = Some("S256".into());
    let redirect = browser.authorize(
        &hybrid.to_url(&ctx.metadata.authorization_endpoint).unwrap(),
        "alice",
    );
    let success = AuthenticationResponse::from_url(&redirect, Location::Fragment)
        .unwrap()
        .into_result()
        .unwrap();
    let jwt = success.id_token.as_deref().unwrap();
    let claims = verify_id_token(&ctx, jwt, "rp-native", Nonce::Sent(Some("n-hybrid")));
    let c_hash = claims
        .c_hash
        .as_deref()
        .expect("c_hash in a hybrid ID Token");
    assert!(verify_token_hash(
        header_algorithm(jwt).unwrap(),
        success.code.as_deref().unwrap(),
        c_hash
    ));
    eprintln!("implicit and hybrid: ok (c_hash checked)");

    // Step 7: errors, each parsed as the typed error.
    let fresh = Browser::new(&ctx.provider.issuer);
    let mut silent = AuthenticationRequest::new("rp-basic", REDIRECT_URI, ["openid"]);
    silent.prompt = Some(vec!["none".into()]);
    silent.state = Some("s-none".into());
    let reply = fresh.get(
        &silent.to_url(&ctx.metadata.authorization_endpoint).unwrap(),
        None,
    );
    let error = AuthenticationResponse::from_url(&reply.location.unwrap(), Location::Auto)
        .unwrap()
        .into_result()
        .unwrap_err();
    assert_eq!(error.error, AuthenticationErrorCode::LoginRequired);
    assert_eq!(error.state.as_deref(), Some("s-none"));
    assert_eq!(error.iss.as_deref(), Some(ctx.metadata.issuer.as_str()));

    let mut aborted = AuthenticationRequest::new("rp-basic", REDIRECT_URI, ["openid"]);
    aborted.state = Some("s-abort".into());
    let first = fresh.get(
        &aborted
            .to_url(&ctx.metadata.authorization_endpoint)
            .unwrap(),
        None,
    );
    let interaction = first.location.unwrap();
    let abort = fresh.get(&format!("{interaction}/abort"), None);
    let resumed = fresh.get(&abort.location.clone().unwrap(), None);
    let error_location = resumed.location.unwrap();
    let error = AuthenticationResponse::from_url(&error_location, Location::Auto)
        .unwrap()
        .into_result()
        .unwrap_err();
    assert_eq!(error.error, AuthenticationErrorCode::AccessDenied);

    // invalid_scope: a refresh asking for more than was granted (RFC 6749 §6).
    let (scoped, _) = code_flow(
        &ctx,
        &browser,
        "rp-basic",
        ClientAuth::Basic("rp-basic-secret"),
    );
    let wider = TokenRequest::for_refresh_token(scoped.refresh_token.as_deref().unwrap())
        .with_scope(["openid", "email", "bogus"]);
    let reply = browser.post_form(
        ctx.metadata.token_endpoint.as_deref().unwrap(),
        &wider.to_form(),
        Some(("rp-basic", "rp-basic-secret")),
    );
    let error = TokenResponse::from_json(&reply.body)
        .unwrap()
        .into_result()
        .unwrap_err();
    assert_eq!(error.error, TokenErrorCode::InvalidScope, "{error:?}");

    // Reusing a code, and a wrong client secret.
    let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk-interop-0123456789";
    let mut request = AuthenticationRequest::new("rp-basic", REDIRECT_URI, ["openid"]);
    request.state = Some("s-reuse".into());
    request.code_challenge = Some(oidc_core::pkce::s256_challenge(verifier));
    request.code_challenge_method = Some("S256".into());
    let redirect = browser.authorize(
        &request
            .to_url(&ctx.metadata.authorization_endpoint)
            .unwrap(),
        "alice",
    );
    let code = AuthenticationResponse::from_url(&redirect, Location::Auto)
        .unwrap()
        .into_result()
        .unwrap()
        .code
        .unwrap();
    let exchange = TokenRequest::for_authorization_code(code, REDIRECT_URI)
        .with_code_verifier(verifier)
        .to_form();
    let token_endpoint = ctx.metadata.token_endpoint.clone().unwrap();
    let wrong_secret = browser.post_form(
        &token_endpoint,
        &exchange,
        Some(("rp-basic", "not-the-secret")),
    );
    let error = TokenResponse::from_json(&wrong_secret.body)
        .unwrap()
        .into_result()
        .unwrap_err();
    assert_eq!(error.error, TokenErrorCode::InvalidClient);
    let first_use = browser.post_form(
        &token_endpoint,
        &exchange,
        Some(("rp-basic", "rp-basic-secret")),
    );
    assert_eq!(first_use.status, 200, "{}", first_use.body);
    let reuse = browser.post_form(
        &token_endpoint,
        &exchange,
        Some(("rp-basic", "rp-basic-secret")),
    );
    let error = TokenResponse::from_json(&reuse.body)
        .unwrap()
        .into_result()
        .unwrap_err();
    assert_eq!(error.error, TokenErrorCode::InvalidGrant);
    eprintln!(
        "errors: ok (login_required, access_denied, invalid_scope, invalid_client, invalid_grant)"
    );

    // Step 6: RP-initiated logout with id_token_hint; the back-channel logout POST.
    let logout = RpInitiatedLogoutRequest {
        id_token_hint: Some(id_token_jwt.clone()),
        post_logout_redirect_uri: Some("http://127.0.0.1:9/bye".into()),
        state: Some("s-logout".into()),
        ..Default::default()
    };
    let end_session = ctx.metadata.end_session_endpoint.clone().unwrap();
    let page = browser.get(&logout.to_url(&end_session).unwrap(), None);
    assert_eq!(
        page.status, 200,
        "a logout confirmation page: {}",
        page.body
    );
    let confirm = format!("xsrf={}&logout=yes", hidden_input(&page.body, "xsrf"));
    let done = browser.post_form(&form_action(&page.body), &confirm, None);
    let location = done.location.expect("a redirect after logout");
    assert!(location.starts_with("http://127.0.0.1:9/bye"), "{location}");
    assert!(location.contains("state=s-logout"));

    let body = ctx
        .backchannel
        .recv_timeout(TIMEOUT)
        .expect("the back-channel logout POST");
    let notification = BackChannelLogoutNotification::from_form(&body).unwrap();
    let logout_token = BackChannelLogoutToken::from_jwt(
        &notification.logout_token,
        &ctx.keys,
        &JwtOptions::default(),
    )
    .unwrap();
    logout_token
        .validate_extern(
            &LogoutTokenValidation::new(&ctx.metadata.issuer, "rp-basic").validate_sid_exists(
                |sid| {
                    if Some(sid) == id_token.sid.as_deref() {
                        Ok(())
                    } else {
                        Err(format!("unknown session {sid}"))
                    }
                },
            ),
        )
        .unwrap();
    assert_eq!(logout_token.sub.as_deref(), Some("alice"));
    eprintln!("RP-initiated and back-channel logout: ok");
}
