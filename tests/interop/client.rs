//! The relying-party client crate (`oidc-client`) against the real provider, through
//! its default transport (reqwest): discovery, login with PKCE / state / nonce / RFC
//! 9207 `iss`, the code exchange with client_secret_basic, the ID Token, userinfo,
//! refresh; and the refusals a real provider produces (a code used twice, a callback
//! of another login, an unknown refresh token). Then introspection, revocation, the
//! RP-initiated logout URL and the back-channel logout it triggers; the device flow
//! as a public client; the client credentials grant with client_secret_jwt.

use oidc_client::{Client, Endpoint, Error, ErrorKind, ProtocolError};
use oidc_core::client_auth::ClientAuth;
use oidc_core::dpop::DpopKey;
use oidc_core::jwt::{Algorithm, SigningKey};
use oidc_core::messages::TokenTypeHint;
use oidc_core::validation::ValidationError;

use crate::harness::{setup, test_key, Browser, REDIRECT_URI, TIMEOUT};

/// Runs `work` on a runtime of its own (the harness's user agent blocks).
fn block_on<F: std::future::Future>(work: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(work)
}

/// The provider's `rp-basic` client: client_secret_basic, the harness's redirect URI.
fn rp_basic() -> oidc_client::ClientBuilder {
    Client::builder(ClientAuth::client_secret_basic(
        "rp-basic",
        "rp-basic-secret",
    ))
    .redirect_uri(REDIRECT_URI)
}

#[test]
#[ignore = "needs Node.js and `npm ci` in tests/interop: run tests/interop/run.sh"]
fn the_client_crate_logs_in_then_userinfo_and_refresh() {
    let ctx = setup();
    let browser = Browser::new(&ctx.provider.issuer);
    block_on(async {
        let client = rp_basic()
            .timeout(TIMEOUT)
            .discover(&ctx.provider.issuer)
            .await
            .expect("discovery");
        assert_eq!(client.metadata().issuer, ctx.metadata.issuer);

        // The login: the URL, the user at the provider (the harness's user agent), the
        // callback.
        let (url, pending) = client
            .authorization_url(&["email", "profile", "offline_access"], |request| {
                request.prompt = Some(vec!["consent".into()]);
            })
            .await
            .unwrap();
        let redirect = browser.authorize(&url, "alice");
        let login = client
            .callback(&redirect, &pending)
            .await
            .unwrap_or_else(|e| panic!("callback ({:?}): {e}", e.kind()));
        assert_eq!(login.id_token.sub, "alice");
        assert_eq!(login.id_token.nonce.as_deref(), Some(pending.nonce()));
        assert!(client.keys().status().fetched_at.is_some());
        eprintln!("client crate: login ok");

        let claims = client
            .userinfo(&login.tokens, &login.id_token)
            .await
            .expect("userinfo");
        assert_eq!(claims.sub, "alice");
        assert_eq!(claims.claims.email.as_deref(), Some("alice@example.test"));

        let refresh_token = login
            .tokens
            .refresh_token
            .as_deref()
            .expect("offline_access");
        let refreshed = client
            .refresh(refresh_token, &login.id_token)
            .await
            .unwrap_or_else(|e| panic!("refresh ({:?}): {e}", e.kind()));
        assert_ne!(refreshed.tokens.access_token, login.tokens.access_token);
        if let Some(id_token) = &refreshed.id_token {
            assert_eq!(id_token.sub, "alice");
        }
        eprintln!("client crate: userinfo, refresh ok");

        // The same redirect again: the code was used (RFC 6749 §4.1.2), the provider's
        // typed refusal.
        let error = client.callback(&redirect, &pending).await.unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Protocol, "{error}");
        match &error {
            Error::Protocol {
                endpoint: Endpoint::Token,
                error: ProtocolError::Token(e),
            } => assert_eq!(e.error.as_ref(), "invalid_grant"),
            e => panic!("{e:?}"),
        }

        // A callback checked against another login's pending value: refused before any
        // exchange.
        let (_, other) = client.authorization_url(&[], |_| {}).await.unwrap();
        let error = client.callback(&redirect, &other).await.unwrap_err();
        assert!(
            matches!(error, Error::Callback(ValidationError::State { .. })),
            "{error:?}"
        );

        // A refresh token the provider never issued.
        let error = client
            .refresh("not-a-refresh-token", &login.id_token)
            .await
            .unwrap_err();
        assert_eq!(
            error.protocol().map(ProtocolError::code),
            Some("invalid_grant"),
            "{error}"
        );
        eprintln!("client crate: refusals ok");
    });
}

#[test]
#[ignore = "needs Node.js and `npm ci` in tests/interop: run tests/interop/run.sh"]
fn the_client_crate_introspects_revokes_and_logs_out() {
    let ctx = setup();
    let browser = Browser::new(&ctx.provider.issuer);
    block_on(async {
        let client = rp_basic()
            .post_logout_redirect_uri("http://127.0.0.1:9/bye")
            .timeout(TIMEOUT)
            .discover(&ctx.provider.issuer)
            .await
            .expect("discovery");
        let (url, pending) = client
            .authorization_url(&["offline_access"], |request| {
                request.prompt = Some(vec!["consent".into()]);
            })
            .await
            .unwrap();
        let login = client
            .callback(&browser.authorize(&url, "alice"), &pending)
            .await
            .unwrap();

        // Introspection (RFC 7662): the access token is active and alice's.
        let access_token = &login.tokens.access_token;
        let about = client
            .introspect(access_token, Some(TokenTypeHint::AccessToken))
            .await
            .expect("introspection");
        assert!(about.active);
        assert_eq!(about.sub.as_deref(), Some("alice"));
        assert_eq!(about.client_id.as_deref(), Some("rp-basic"));

        // Revocation (RFC 7009): the refresh token is revoked, then refused; an
        // unknown token is still a success.
        let refresh_token = login.tokens.refresh_token.clone().expect("offline_access");
        client
            .revoke(&refresh_token, Some(TokenTypeHint::RefreshToken))
            .await
            .expect("revocation");
        let after = client
            .introspect(&refresh_token, Some(TokenTypeHint::RefreshToken))
            .await
            .unwrap();
        assert!(!after.active);
        let refused = client
            .refresh(&refresh_token, &login.id_token)
            .await
            .unwrap_err();
        assert_eq!(
            refused.protocol().map(ProtocolError::code),
            Some("invalid_grant")
        );
        client
            .revoke("never-issued", None)
            .await
            .expect("unknown token");
        eprintln!("client crate: introspection, revocation ok");

        // RP-initiated logout (id_token_hint, client_id, post_logout_redirect_uri,
        // state), then the back-channel logout POST, read by the client.
        let id_token_jwt = login.tokens.id_token.as_deref().unwrap();
        let logout_url = client
            .logout_url(Some(id_token_jwt), |request| {
                request.state = Some("s-logout".into());
            })
            .unwrap();
        let done = browser.confirm_logout(&logout_url);
        let location = done.location.expect("a redirect after logout");
        assert!(location.starts_with("http://127.0.0.1:9/bye"), "{location}");
        assert!(location.contains("state=s-logout"), "{location}");

        let body = ctx
            .backchannel
            .recv_timeout(TIMEOUT)
            .expect("the back-channel logout POST");
        let seen = std::cell::RefCell::new(Vec::<String>::new());
        let jti_is_new = |jti: &str| {
            if seen.borrow().iter().any(|s| s == jti) {
                return Err("replayed".to_owned());
            }
            seen.borrow_mut().push(jti.to_owned());
            Ok(())
        };
        let logout = client
            .backchannel_logout(&body, jti_is_new)
            .await
            .unwrap_or_else(|e| panic!("Logout Token ({:?}): {e}", e.kind()));
        assert_eq!(logout.sub.as_deref(), Some("alice"));
        assert_eq!(logout.sid, login.id_token.sid);
        // The same POST again: a replay.
        let replay = client
            .backchannel_logout(&body, jti_is_new)
            .await
            .unwrap_err();
        assert_eq!(replay.kind(), ErrorKind::Token, "{replay}");
        eprintln!("client crate: RP-initiated and back-channel logout ok");
    });
}

#[test]
#[ignore = "needs Node.js and `npm ci` in tests/interop: run tests/interop/run.sh"]
fn the_client_crate_device_flow_and_client_credentials() {
    let ctx = setup();
    block_on(async {
        // The device flow (RFC 8628) as a public client: the codes, the user approves
        // on the provider's page, the client polls.
        let device = Client::builder(ClientAuth::none("rp-device"))
            .timeout(TIMEOUT)
            .discover(&ctx.provider.issuer)
            .await
            .expect("discovery");
        let codes = device
            .device_authorization(&["email"], |_| {})
            .await
            .expect("device authorization");
        // Polling before the user acts: authorization_pending, so the client keeps
        // polling; the user approves on another thread meanwhile.
        let issuer = ctx.provider.issuer.clone();
        let verification_uri = codes.response.verification_uri.clone();
        let user_code = codes.response.user_code.clone();
        let user = std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_secs(1));
            let browser = Browser::new(&issuer);
            let done = browser.complete_interaction(
                &verification_uri,
                "alice",
                &format!("user_code={user_code}"),
            );
            assert_eq!(done.status, 200, "{}", done.body);
        });
        let login = device
            .device_tokens(&codes)
            .await
            .unwrap_or_else(|e| panic!("device tokens ({:?}): {e}", e.kind()));
        user.join().expect("the user's approval");
        assert_eq!(login.id_token.expect("an ID Token").sub, "alice");
        eprintln!("client crate: device flow ok");

        // The client credentials grant with client_secret_jwt.
        let issuer = ctx.metadata.issuer.clone();
        let hmac =
            SigningKey::from_secret(b"rp-secret-jwt-secret-of-forty-bytes!!!!", Algorithm::HS256)
                .unwrap();
        let service =
            Client::builder(ClientAuth::client_secret_jwt("rp-secret-jwt", hmac, &issuer).unwrap())
                .timeout(TIMEOUT)
                .discover(&ctx.provider.issuer)
                .await
                .expect("discovery");
        let tokens = service
            .client_credentials(&[], |_| {})
            .await
            .unwrap_or_else(|e| panic!("client credentials ({:?}): {e}", e.kind()));
        assert!(!tokens.access_token.is_empty());
        assert_eq!(tokens.refresh_token, None);
        // A grant this client is not registered for: oidc-provider answers
        // invalid_request ("requested grant type is not allowed for this client"), not
        // RFC 6749 §5.2's unauthorized_client (the client is public, not authenticated).
        let error = device.client_credentials(&[], |_| {}).await.unwrap_err();
        assert_eq!(
            error.protocol().map(ProtocolError::code),
            Some("invalid_request"),
            "{error}"
        );
        eprintln!("client crate: client credentials ok ({error})");
    });
}

#[test]
#[ignore = "needs Node.js and `npm ci` in tests/interop: run tests/interop/run.sh"]
fn the_client_crate_with_par_private_key_jwt_and_dpop() {
    let ctx = setup();
    let browser = Browser::new(&ctx.provider.issuer);
    block_on(async {
        // The FAPI 2.0-shaped client: PAR required for it (a client registration
        // setting, not in the discovery document, so the client is told to push),
        // private_key_jwt, DPoP-bound tokens with the provider's nonce rounds.
        let issuer = ctx.metadata.issuer.clone();
        let auth = ClientAuth::private_key_jwt("rp-fapi", test_key("ec-p256"), &issuer).unwrap();
        let dpop = DpopKey::generate(Algorithm::ES256).unwrap();
        let jkt = dpop.jkt().to_owned();
        let client = Client::builder(auth)
            .redirect_uri(REDIRECT_URI)
            .pushed_authorization_requests(true)
            .dpop(dpop)
            .timeout(TIMEOUT)
            .discover(&ctx.provider.issuer)
            .await
            .expect("discovery");
        let (url, pending) = client
            .authorization_url(&["email", "offline_access"], |request| {
                request.prompt = Some(vec!["consent".into()]);
            })
            .await
            .unwrap_or_else(|e| panic!("PAR ({:?}): {e}", e.kind()));
        // Only the client_id and the request_uri travel through the browser.
        assert!(url.contains("request_uri=urn"), "{url}");
        assert!(!url.contains("code_challenge"), "{url}");
        let login = client
            .callback(&browser.authorize(&url, "alice"), &pending)
            .await
            .unwrap_or_else(|e| panic!("callback ({:?}): {e}", e.kind()));
        assert!(login.tokens.is_dpop(), "{:?}", login.tokens.token_type);
        assert_eq!(login.id_token.sub, "alice");
        // The access token is bound to the client's key (RFC 9449 §6).
        let about = ClientAuth::private_key_jwt("rp-fapi", test_key("ec-p256"), &issuer).unwrap();
        let introspection = Client::builder(about)
            .timeout(TIMEOUT)
            .discover(&ctx.provider.issuer)
            .await
            .unwrap()
            .introspect(&login.tokens.access_token, None)
            .await
            .expect("introspection");
        let cnf = introspection.cnf.expect("a cnf member");
        assert_eq!(cnf.jkt.as_deref(), Some(jkt.as_str()));

        let claims = client
            .userinfo(&login.tokens, &login.id_token)
            .await
            .unwrap_or_else(|e| panic!("DPoP userinfo ({:?}): {e}", e.kind()));
        assert_eq!(claims.sub, "alice");
        let refresh_token = login
            .tokens
            .refresh_token
            .as_deref()
            .expect("offline_access");
        let refreshed = client
            .refresh(refresh_token, &login.id_token)
            .await
            .unwrap_or_else(|e| panic!("DPoP refresh ({:?}): {e}", e.kind()));
        assert!(refreshed.tokens.is_dpop());
        eprintln!("client crate: PAR, private_key_jwt, DPoP login, userinfo, refresh ok");
    });
}
