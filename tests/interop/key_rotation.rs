//! The provider rotates its signing key between two logins: the RP's `KeyCache` fetches
//! the JWK Set again for the new `kid` (once the refetch interval allows), the second
//! login's ID Token verifies, the first login's keeps verifying while the provider
//! still publishes the old key, and stops once the provider withdrew it and the
//! cached set (fresh for the provider's `Cache-Control: max-age`) expired.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use oidc_core::jwt::{JwksResponse, JwtError, KeyCache, KeyFetchError};
use oidc_core::messages::IdToken;
use oidc_core::validation::{
    Clock, IdTokenValidation, Nonce, SystemClock, TokenError, TokenErrorKind,
};
use oidc_core::NumericDate;

use oidc_core::client_auth::ClientAuth;

use crate::harness::{code_flow, setup_with_keys, Browser, Context, TIMEOUT};

/// The kid of a compact JWS's header (the test's own look, not the library's).
fn kid(jwt: &str) -> String {
    use base64::Engine;
    let header = jwt.split('.').next().unwrap();
    let header = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(header)
        .unwrap();
    let header: serde_json::Value = serde_json::from_slice(&header).unwrap();
    header["kid"].as_str().unwrap().to_owned()
}

/// One login with a fresh user agent; the ID Token and its nonce.
fn login(ctx: &Context) -> (String, String) {
    let browser = Browser::new(&ctx.provider.issuer);
    let (tokens, nonce) = code_flow(
        ctx,
        &browser,
        &ClientAuth::client_secret_basic("rp-basic", "rp-basic-secret"),
    );
    (tokens.id_token.expect("an ID Token"), nonce)
}

#[test]
#[ignore = "needs Node.js and `npm ci` in tests/interop: run tests/interop/run.sh"]
fn signing_key_rotation_between_two_logins() {
    let mut ctx = setup_with_keys("rsa-1");

    // The RP's key cache: a blocking GET of jwks_uri over ureq, passing Cache-Control;
    // its clock is the test's (real time, moved forward where the test says so).
    let agent = ureq::AgentBuilder::new().timeout(TIMEOUT).build();
    let jwks_uri = ctx.metadata.jwks_uri.clone();
    let cache_clock = Arc::new(AtomicI64::new(SystemClock.now().as_secs()));
    let clock = Arc::clone(&cache_clock);
    let cache = KeyCache::from_fn(move || {
        let response = agent.get(&jwks_uri).call().map_err(KeyFetchError::new)?;
        let cache_control = response.header("cache-control").map(str::to_owned);
        let body = response.into_string().map_err(KeyFetchError::new)?;
        Ok(JwksResponse::new(body).cache_control(cache_control.as_deref()))
    })
    .clock(move || NumericDate::from_secs(clock.load(Ordering::SeqCst)));
    let advance = |seconds: i64| {
        cache_clock.fetch_add(seconds, Ordering::SeqCst);
    };
    // The one call, with the cache's keys (the metadata is the same across restarts).
    let metadata = ctx.metadata.clone();
    let verify = |jwt: &str, nonce: &str| -> Result<IdToken, TokenError> {
        let keys = cache.keys_for(jwt)?;
        IdTokenValidation::from_metadata(&metadata, "rp-basic")
            .nonce_rule(Nonce::Expected(nonce))
            .verify(jwt, &keys)
    };

    // Login 1, signed with rsa-1: the first use fetches the set.
    let (first, first_nonce) = login(&ctx);
    assert_eq!(kid(&first), "rsa-1");
    assert_eq!(verify(&first, &first_nonce).unwrap().sub, "alice");
    let status = cache.status();
    assert_eq!(status.fetches, 1);
    // The provider's Cache-Control: max-age=300 set the lifetime.
    assert_eq!(
        status.expires_at.unwrap().as_secs() - status.fetched_at.unwrap().as_secs(),
        300
    );

    // The provider rotates: rsa-2 signs, rsa-1 is still published.
    ctx.restart("rsa-2,rsa-1");
    let (second, second_nonce) = login(&ctx);
    assert_eq!(kid(&second), "rsa-2");
    // Within the refetch interval, the unknown kid costs no fetch (and fails).
    let err = verify(&second, &second_nonce).unwrap_err();
    assert_eq!(err.kind(), TokenErrorKind::Key);
    assert_eq!(err, TokenError::Jwt(JwtError::UnknownKid("rsa-2".into())));
    assert_eq!(cache.status().fetches, 1);
    // Once the interval has passed, the unknown kid makes the cache fetch again.
    advance(30);
    assert_eq!(verify(&second, &second_nonce).unwrap().sub, "alice");
    assert_eq!(cache.status().fetches, 2);
    // The old key is still published: the first login's token still verifies, no fetch.
    assert_eq!(verify(&first, &first_nonce).unwrap().sub, "alice");
    assert_eq!(cache.status().fetches, 2);

    // The provider withdraws rsa-1: once the cached set is stale (max-age 300), the
    // next use fetches, and the old token no longer verifies; the new one does.
    ctx.restart("rsa-2");
    advance(299);
    assert!(verify(&first, &first_nonce).is_ok(), "still fresh");
    assert_eq!(cache.status().fetches, 2);
    advance(1);
    assert_eq!(
        verify(&first, &first_nonce).unwrap_err(),
        TokenError::Jwt(JwtError::UnknownKid("rsa-1".into()))
    );
    assert_eq!(cache.status().fetches, 3);
    assert_eq!(verify(&second, &second_nonce).unwrap().sub, "alice");
    assert_eq!(cache.status().fetches, 3);
    eprintln!("key rotation: ok (3 fetches: first use, new kid, max-age expiry)");
}
