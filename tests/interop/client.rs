//! The relying-party client crate (`oidc-client`) against the real provider, through
//! its default transport (reqwest): discovery, login with PKCE / state / nonce / RFC
//! 9207 `iss`, the code exchange with client_secret_basic, the ID Token, userinfo,
//! refresh; and the refusals a real provider produces (a code used twice, a callback
//! of another login, an unknown refresh token).

use oidc_client::{Client, Endpoint, Error, ErrorKind, ProtocolError};
use oidc_core::client_auth::ClientAuth;
use oidc_core::validation::ValidationError;

use crate::harness::{setup, Browser, REDIRECT_URI, TIMEOUT};

#[test]
#[ignore = "needs Node.js and `npm ci` in tests/interop: run tests/interop/run.sh"]
fn the_client_crate_logs_in_then_userinfo_and_refresh() {
    let ctx = setup();
    let browser = Browser::new(&ctx.provider.issuer);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let client = Client::builder(ClientAuth::client_secret_basic(
            "rp-basic",
            "rp-basic-secret",
        ))
        .redirect_uri(REDIRECT_URI)
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
