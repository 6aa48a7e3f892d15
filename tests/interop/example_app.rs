//! `examples/axum_relying_party.rs`, the login / logout web app on `oidc-client`,
//! served on 127.0.0.1 and used through the provider as a browser would: log in, the
//! user's page, a back-channel logout ending the app's session, the app's own logout
//! (RP-initiated, back to the app).

use crate::harness::{setup, Browser, TIMEOUT};

#[allow(dead_code)] // `main` and the constants the test does not use.
#[path = "../../examples/axum_relying_party.rs"]
mod app;

#[test]
#[ignore = "needs Node.js and `npm ci` in tests/interop: run tests/interop/run.sh"]
fn the_example_app_logs_in_and_out() {
    let ctx = setup();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let base = runtime.block_on(async {
        let client = app::client(&ctx.provider.issuer, "rp-basic", "rp-basic-secret")
            .await
            .expect("discovery");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app::router(client)).await });
        base
    });
    // The app's redirect URIs name port 8080; the test serves it elsewhere.
    let here = |url: &str| url.replacen(app::BASE_URL, &base, 1);
    let browser = Browser::new(&ctx.provider.issuer);
    let log_in = || {
        let home = browser.get(&format!("{base}/"), None);
        assert!(home.body.contains("Log in"), "{}", home.body);
        let to_provider = browser.get(&format!("{base}/login"), None);
        let url = to_provider.location.expect("a redirect to the provider");
        let back = browser.authorize_to(&url, "alice", app::BASE_URL);
        let done = browser.get(&here(&back), None);
        assert_eq!(done.location.as_deref(), Some("/"), "{}", done.body);
        let home = browser.get(&format!("{base}/"), None);
        assert!(home.body.contains("Hello alice"), "{}", home.body);
    };

    // Log in; the provider ends the session (its own logout page, no hint): the
    // back-channel POST reaches the app, which ends its session.
    log_in();
    let end_session = ctx.metadata.end_session_endpoint.clone().unwrap();
    browser.confirm_logout(&end_session);
    let body = ctx
        .backchannel
        .recv_timeout(TIMEOUT)
        .expect("the back-channel logout POST");
    let post = |body: &str| {
        browser
            .post_form(&format!("{base}/backchannel"), body, None)
            .status
    };
    assert_eq!(post(&body), 200);
    let home = browser.get(&format!("{base}/"), None);
    assert!(
        home.body.contains("Log in"),
        "the session ended: {}",
        home.body
    );
    // The same Logout Token again, and a forged body: 400 (Back-Channel Logout §2.8).
    assert_eq!(post(&body), 400);
    assert_eq!(post("logout_token=not.a.jwt"), 400);

    // Log in again; the app's logout: RP-initiated with the ID Token as hint, back to
    // the app's page.
    log_in();
    let to_provider = browser.get(&format!("{base}/logout"), None);
    let url = to_provider
        .location
        .expect("a redirect to end_session_endpoint");
    assert!(url.starts_with(&end_session), "{url}");
    let done = browser.confirm_logout(&url);
    let back = done.location.expect("a redirect back to the app");
    assert!(back.starts_with(app::POST_LOGOUT_REDIRECT_URI), "{back}");
    let home = browser.get(&here(&back), None);
    assert!(home.body.contains("Log in"), "{}", home.body);
    // The provider's back-channel POST for this session too.
    assert!(ctx.backchannel.recv_timeout(TIMEOUT).is_ok());
    eprintln!("example app: login, back-channel logout, RP-initiated logout ok");
}
