//! `KeyCache`: rotation, unknown-kid storms, fetch failures, `Cache-Control: max-age`,
//! concurrent callers (threads and tasks), a cancelled fetch — all on an injected clock,
//! never a sleep.

use std::sync::atomic::{AtomicBool, AtomicI64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use jsonwebtoken::{EncodingKey, Header};
use oidc_core::jwt::{
    Algorithm, FetchKeys, JwksResponse, KeyCache, KeyFetchError, DEFAULT_MAX_AGE_LIMIT_SECS,
};
use oidc_core::messages::IdToken;
use oidc_core::validation::{FixedClock, IdTokenValidation, TokenError, TokenErrorKind};
use oidc_core::NumericDate;
use serde_json::json;

use crate::keys::{claims, data};

const T0: i64 = 1_800_000_000;

/// A clock the test moves.
#[derive(Clone)]
struct TestClock(Arc<AtomicI64>);

impl TestClock {
    fn new() -> Self {
        TestClock(Arc::new(AtomicI64::new(T0)))
    }
    fn set(&self, secs: i64) {
        self.0.store(secs, Ordering::SeqCst);
    }
    fn at(&self) -> impl Fn() -> NumericDate + Send + Sync + 'static {
        let now = Arc::clone(&self.0);
        move || NumericDate::from_secs(now.load(Ordering::SeqCst))
    }
}

/// What the fake provider serves at its jwks_uri.
#[derive(Clone)]
enum Serve {
    Keys(&'static [&'static str], Option<&'static str>),
    Fail(&'static str),
    Body(&'static str),
}

/// The fake provider: serves `Serve`, counts fetches.
#[derive(Clone)]
struct Provider {
    serve: Arc<Mutex<Serve>>,
    fetches: Arc<AtomicUsize>,
}

impl Provider {
    fn new(serve: Serve) -> Self {
        Provider {
            serve: Arc::new(Mutex::new(serve)),
            fetches: Arc::new(AtomicUsize::new(0)),
        }
    }
    fn serve(&self, serve: Serve) {
        *self.serve.lock().unwrap() = serve;
    }
    fn fetches(&self) -> usize {
        self.fetches.load(Ordering::SeqCst)
    }
    fn respond(&self) -> Result<JwksResponse, KeyFetchError> {
        self.fetches.fetch_add(1, Ordering::SeqCst);
        match self.serve.lock().unwrap().clone() {
            Serve::Keys(kids, cache_control) => {
                Ok(JwksResponse::new(jwks(kids)).cache_control(cache_control))
            }
            Serve::Fail(reason) => Err(KeyFetchError::new(reason)),
            Serve::Body(body) => Ok(JwksResponse::new(body)),
        }
    }
}

impl FetchKeys for Provider {
    fn fetch(&self) -> Result<JwksResponse, KeyFetchError> {
        self.respond()
    }
}

/// The test keys with these kids, as a JWK Set document.
fn jwks(kids: &[&str]) -> String {
    let all: serde_json::Value = serde_json::from_str(&data("keys/public-jwks.json")).unwrap();
    let keys: Vec<&serde_json::Value> = kids
        .iter()
        .map(|kid| {
            all["keys"]
                .as_array()
                .unwrap()
                .iter()
                .find(|k| k["kid"] == *kid)
                .unwrap()
        })
        .collect();
    json!({ "keys": keys }).to_string()
}

fn token_signed_by(kid: &str) -> String {
    let pem = data(&format!("keys/{kid}.pem"));
    let mut header = Header::new(Algorithm::RS256);
    header.kid = Some(kid.into());
    jsonwebtoken::encode(
        &header,
        &claims(),
        &EncodingKey::from_rsa_pem(pem.as_bytes()).unwrap(),
    )
    .unwrap()
}

/// A token whose header names `kid` (its signature is not a real one: the cache reads
/// only the header).
fn token_with_kid(kid: &str) -> String {
    crate::keys::raw(
        &json!({"alg": "RS256", "kid": kid}),
        &claims(),
        b"not a signature",
    )
}

fn cache(provider: &Provider, clock: &TestClock) -> KeyCache<Provider> {
    KeyCache::new(provider.clone()).clock(clock.at())
}

/// Verifies `jwt` with the cache's keys, in the two lines an application writes.
fn verify(cache: &KeyCache<Provider>, jwt: &str) -> Result<IdToken, TokenError> {
    let keys = cache.keys_for(jwt)?;
    IdTokenValidation::new("https://op.example", "client-1")
        .nonce("n-0S6_WzA2Mj")
        .clock(FixedClock(NumericDate::from_secs(T0)))
        .verify(jwt, &keys)
}

#[test]
fn a_rotated_key_is_fetched_once_the_interval_allows() {
    let clock = TestClock::new();
    let provider = Provider::new(Serve::Keys(&["rsa-1"], None));
    let cache = cache(&provider, &clock);
    let old = token_signed_by("rsa-1");
    let new = token_signed_by("rsa-2");

    assert!(verify(&cache, &old).is_ok());
    assert_eq!(provider.fetches(), 1, "the first use fetches");
    assert!(verify(&cache, &old).is_ok());
    assert_eq!(provider.fetches(), 1, "fresh keys are reused");

    // The provider rotates: the new key first, the old one still published.
    provider.serve(Serve::Keys(&["rsa-2", "rsa-1"], None));
    // Within the interval since the last fetch, an unknown kid is not fetched for.
    clock.set(T0 + 29);
    let err = verify(&cache, &new).unwrap_err();
    assert_eq!(err.kind(), TokenErrorKind::Key);
    assert_eq!(provider.fetches(), 1);
    // At the interval, it is.
    clock.set(T0 + 30);
    assert!(verify(&cache, &new).is_ok());
    assert_eq!(provider.fetches(), 2);
    // The old key is still published: old tokens keep verifying, with no fetch.
    assert!(verify(&cache, &old).is_ok());
    assert!(verify(&cache, &new).is_ok());
    assert_eq!(provider.fetches(), 2);

    // The provider withdraws the old key: picked up when the keys expire (10 min).
    provider.serve(Serve::Keys(&["rsa-2"], None));
    clock.set(T0 + 30 + 599);
    assert!(verify(&cache, &old).is_ok(), "still fresh");
    assert_eq!(provider.fetches(), 2);
    clock.set(T0 + 30 + 600);
    assert_eq!(
        verify(&cache, &old).unwrap_err(),
        TokenError::Jwt(oidc_core::jwt::JwtError::UnknownKid("rsa-1".into()))
    );
    assert_eq!(provider.fetches(), 3);
    assert!(verify(&cache, &new).is_ok());
    let status = cache.status();
    assert_eq!(status.fetches, 3);
    assert_eq!(status.fetched_at, Some(NumericDate::from_secs(T0 + 630)));
    assert_eq!(status.expires_at, Some(NumericDate::from_secs(T0 + 1230)));
    assert!(status.last_error.is_none());
}

#[test]
fn an_unknown_kid_storm_costs_one_fetch_per_interval() {
    let clock = TestClock::new();
    let provider = Provider::new(Serve::Keys(&["rsa-1"], None));
    let cache = cache(&provider, &clock);
    // 120 seconds of tokens naming kids nobody has, 50 a second (a pseudo-random
    // sequence, so no kid repeats a pattern the cache could learn).
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut fetch_times = Vec::new();
    for second in 0..120 {
        clock.set(T0 + second);
        for _ in 0..50 {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let before = provider.fetches();
            let keys = cache
                .keys_for(&token_with_kid(&format!("{seed:016x}")))
                .unwrap();
            assert!(keys.find("rsa-1").is_some());
            if provider.fetches() > before {
                fetch_times.push(second);
            }
        }
    }
    assert_eq!(fetch_times, [0, 30, 60, 90], "at most one fetch per 30 s");
    // A known kid never fetches in between.
    clock.set(T0 + 119);
    assert!(verify(&cache, &token_signed_by("rsa-1")).is_ok());
    assert_eq!(provider.fetches(), 4);
}

#[test]
fn a_token_without_kid_fetches_only_when_no_key_fits_its_alg() {
    let clock = TestClock::new();
    let provider = Provider::new(Serve::Keys(&["rsa-1"], None));
    let cache = cache(&provider, &clock);
    let no_kid = crate::keys::raw(&json!({"alg": "RS256"}), &claims(), b"s");
    cache.keys_for(&no_kid).unwrap();
    clock.set(T0 + 100);
    cache.keys_for(&no_kid).unwrap();
    assert_eq!(provider.fetches(), 1, "an RSA key fits RS256");
    // ES256 without kid: no EC key in the set, so fetch (the provider may have added one).
    let ec = crate::keys::raw(&json!({"alg": "ES256"}), &claims(), b"s");
    provider.serve(Serve::Keys(&["rsa-1", "ec-p256"], None));
    let keys = cache.keys_for(&ec).unwrap();
    assert_eq!(provider.fetches(), 2);
    assert!(keys.find("ec-p256").is_some());
}

#[test]
fn unreadable_tokens_never_fetch_beyond_freshness() {
    let clock = TestClock::new();
    let provider = Provider::new(Serve::Keys(&["rsa-1"], None));
    let cache = cache(&provider, &clock);
    cache.keys_for("").unwrap();
    assert_eq!(provider.fetches(), 1, "no keys yet: the first use fetches");
    let none = crate::keys::raw(&json!({"alg": "none", "kid": "x"}), &claims(), b"");
    let es512 = crate::keys::raw(&json!({"alg": "ES512", "kid": "x"}), &claims(), b"s");
    for (i, token) in ["garbage", "a.b.c", none.as_str(), es512.as_str()]
        .into_iter()
        .enumerate()
    {
        clock.set(T0 + 100 * (i as i64 + 1));
        cache.keys_for(token).unwrap();
    }
    assert_eq!(provider.fetches(), 1);
}

#[test]
fn a_failed_fetch_keeps_the_keys_and_shows_the_failure() {
    let clock = TestClock::new();
    let provider = Provider::new(Serve::Fail("connection refused"));
    let cache = cache(&provider, &clock);
    let token = token_signed_by("rsa-1");

    // No keys ever: the failure is the answer, and TokenError says Key.
    let err = verify(&cache, &token).unwrap_err();
    assert_eq!(err.kind(), TokenErrorKind::Key);
    assert_eq!(
        err.to_string(),
        "the JWK Set could not be fetched: connection refused"
    );
    // Not retried within the interval.
    clock.set(T0 + 29);
    assert!(cache.keys_for(&token).is_err());
    assert_eq!(provider.fetches(), 1);
    // Retried after it.
    provider.serve(Serve::Keys(&["rsa-1"], Some("max-age=60")));
    clock.set(T0 + 30);
    assert!(verify(&cache, &token).is_ok());
    assert_eq!(provider.fetches(), 2);

    // Stale keys, the provider down: the keys at hand keep serving.
    provider.serve(Serve::Fail("HTTP 503"));
    clock.set(T0 + 90);
    assert!(verify(&cache, &token).is_ok());
    assert_eq!(provider.fetches(), 3);
    let status = cache.status();
    assert_eq!(
        status.last_error.map(|e| e.reason().to_owned()),
        Some("HTTP 503".to_owned())
    );
    assert_eq!(status.fetched_at, Some(NumericDate::from_secs(T0 + 30)));
    // Retried once per interval while stale.
    clock.set(T0 + 119);
    assert!(verify(&cache, &token).is_ok());
    assert_eq!(provider.fetches(), 3);
    clock.set(T0 + 120);
    assert!(verify(&cache, &token).is_ok());
    assert_eq!(provider.fetches(), 4);

    // A document that is not a JWK Set is a failure too, and keeps the keys.
    provider.serve(Serve::Body("<html>maintenance</html>"));
    clock.set(T0 + 150);
    assert!(verify(&cache, &token).is_ok());
    let reason = cache.status().last_error.unwrap().reason().to_owned();
    assert!(reason.starts_with("invalid JWK Set: not JSON"), "{reason}");

    // A success clears the failure.
    provider.serve(Serve::Keys(&["rsa-1"], None));
    clock.set(T0 + 180);
    assert!(verify(&cache, &token).is_ok());
    assert!(cache.status().last_error.is_none());
    assert_eq!(
        cache.status().fetched_at,
        Some(NumericDate::from_secs(T0 + 180))
    );
}

#[test]
fn cache_control_max_age_is_honoured_within_bounds() {
    let token = token_signed_by("rsa-1");
    // (Cache-Control, the lifetime it gives with the default bounds: 30 s .. 1 day)
    for (header, lifetime) in [
        (Some("public, max-age=120"), 120),
        (Some("max-age=31"), 31),
        (Some("max-age=29"), 30),
        (Some("max-age=0"), 30),
        (Some("no-store"), 30),
        (Some("no-cache, max-age=3600"), 30),
        (None, 600),
        (Some("public"), 600),
        (Some("max-age=86400"), 86_400),
        (Some("max-age=86401"), DEFAULT_MAX_AGE_LIMIT_SECS as i64),
        (Some("max-age=99999999999"), 86_400),
    ] {
        let clock = TestClock::new();
        let provider = Provider::new(Serve::Keys(&["rsa-1"], header));
        let cache = cache(&provider, &clock);
        cache.keys_for(&token).unwrap();
        assert_eq!(
            cache.status().expires_at,
            Some(NumericDate::from_secs(T0 + lifetime)),
            "{header:?}"
        );
        clock.set(T0 + lifetime - 1);
        cache.keys_for(&token).unwrap();
        assert_eq!(provider.fetches(), 1, "{header:?}: fresh one second before");
        clock.set(T0 + lifetime);
        cache.keys_for(&token).unwrap();
        assert_eq!(provider.fetches(), 2, "{header:?}: stale at the lifetime");
    }
}

#[test]
fn the_bounds_are_the_callers() {
    let clock = TestClock::new();
    let provider = Provider::new(Serve::Keys(&["rsa-1"], Some("max-age=7200")));
    let cache = KeyCache::new(provider.clone())
        .clock(clock.at())
        .refetch_interval(5)
        .default_max_age(60)
        .max_age_limit(3600);
    let token = token_signed_by("rsa-1");
    cache.keys_for(&token).unwrap();
    assert_eq!(
        cache.status().expires_at,
        Some(NumericDate::from_secs(T0 + 3600))
    );
    provider.serve(Serve::Keys(&["rsa-1"], None));
    clock.set(T0 + 3600);
    cache.keys_for(&token).unwrap();
    assert_eq!(
        cache.status().expires_at,
        Some(NumericDate::from_secs(T0 + 3660))
    );
    // The 5 s interval for unknown kids.
    clock.set(T0 + 3604);
    cache.keys_for(&token_with_kid("new")).unwrap();
    assert_eq!(provider.fetches(), 2);
    clock.set(T0 + 3605);
    cache.keys_for(&token_with_kid("new")).unwrap();
    assert_eq!(provider.fetches(), 3);
}

#[test]
fn a_clock_that_went_back_does_not_block_fetches() {
    let clock = TestClock::new();
    let provider = Provider::new(Serve::Fail("down"));
    let cache = cache(&provider, &clock);
    assert!(cache.keys_for("x").is_err());
    clock.set(T0 - 3600);
    provider.serve(Serve::Keys(&["rsa-1"], None));
    assert!(cache.keys_for("x").is_ok());
    assert_eq!(provider.fetches(), 2);
}

#[test]
fn threads_share_one_fetch() {
    let clock = TestClock::new();
    let released = Arc::new(AtomicBool::new(false));
    let (started_tx, started_rx) = std::sync::mpsc::channel::<()>();
    let (release_tx, release_rx) = std::sync::mpsc::channel::<()>();
    let release_rx = Mutex::new(release_rx);
    let fetches = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&fetches);
    let flag = Arc::clone(&released);
    let cache = Arc::new(
        KeyCache::from_fn(move || {
            counted.fetch_add(1, Ordering::SeqCst);
            started_tx.send(()).unwrap();
            // Held until the test releases it: every other thread arrives meanwhile.
            release_rx.lock().unwrap().recv().unwrap();
            flag.store(true, Ordering::SeqCst);
            Ok(JwksResponse::new(jwks(&["rsa-1"])))
        })
        .clock(clock.at()),
    );
    let token = token_signed_by("rsa-1");
    let first = {
        let (cache, token) = (Arc::clone(&cache), token.clone());
        std::thread::spawn(move || cache.keys_for(&token).map(|k| k.keys().len()))
    };
    started_rx.recv().unwrap();
    // The fetch is under way: these threads must wait for it, not fetch again.
    let others: Vec<_> = (0..8)
        .map(|_| {
            let (cache, token, released) =
                (Arc::clone(&cache), token.clone(), Arc::clone(&released));
            std::thread::spawn(move || {
                let keys = cache.keys_for(&token).map(|k| k.keys().len());
                // They return only once the fetch finished.
                (keys, released.load(Ordering::SeqCst))
            })
        })
        .collect();
    release_tx.send(()).unwrap();
    assert_eq!(first.join().unwrap(), Ok(1));
    for other in others {
        assert_eq!(other.join().unwrap(), (Ok(1), true));
    }
    assert_eq!(fetches.load(Ordering::SeqCst), 1);
}

/// A fetch that completes only once `released` is set, yielding meanwhile.
fn gated_fetch(
    released: Arc<AtomicBool>,
    fetches: Arc<AtomicUsize>,
) -> impl Fn() -> std::pin::Pin<
    Box<dyn std::future::Future<Output = Result<JwksResponse, KeyFetchError>> + Send>,
> + Send
       + Sync {
    move || {
        let (released, fetches) = (Arc::clone(&released), Arc::clone(&fetches));
        Box::pin(async move {
            fetches.fetch_add(1, Ordering::SeqCst);
            while !released.load(Ordering::SeqCst) {
                tokio::task::yield_now().await;
            }
            Ok(JwksResponse::new(jwks(&["rsa-1"])))
        })
    }
}

#[test]
fn tasks_share_one_fetch() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .build()
        .unwrap();
    runtime.block_on(async {
        let clock = TestClock::new();
        let released = Arc::new(AtomicBool::new(false));
        let fetches = Arc::new(AtomicUsize::new(0));
        let cache = Arc::new(
            KeyCache::new(gated_fetch(Arc::clone(&released), Arc::clone(&fetches)))
                .clock(clock.at()),
        );
        let token = token_signed_by("rsa-1");
        let tasks: Vec<_> = (0..16)
            .map(|_| {
                let (cache, token) = (Arc::clone(&cache), token.clone());
                tokio::spawn(
                    async move { cache.keys_for_async(&token).await.map(|k| k.keys().len()) },
                )
            })
            .collect();
        while fetches.load(Ordering::SeqCst) == 0 {
            tokio::task::yield_now().await;
        }
        released.store(true, Ordering::SeqCst);
        for task in tasks {
            assert_eq!(task.await.unwrap(), Ok(1));
        }
        assert_eq!(fetches.load(Ordering::SeqCst), 1);
        // The async one call, as in an axum handler.
        let keys = cache.keys_for_async(&token).await.unwrap();
        let id_token: IdToken = IdTokenValidation::new("https://op.example", "client-1")
            .nonce("n-0S6_WzA2Mj")
            .clock(FixedClock(NumericDate::from_secs(T0)))
            .verify(&token, &keys)
            .unwrap();
        assert_eq!(id_token.sub, "248289761001");
    });
}

#[test]
fn a_cancelled_fetch_fails_and_frees_its_waiters() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    runtime.block_on(async {
        let clock = TestClock::new();
        let released = Arc::new(AtomicBool::new(false));
        let fetches = Arc::new(AtomicUsize::new(0));
        let cache = Arc::new(
            KeyCache::new(gated_fetch(Arc::clone(&released), Arc::clone(&fetches)))
                .clock(clock.at()),
        );
        let token = token_signed_by("rsa-1");
        let fetching = {
            let (cache, token) = (Arc::clone(&cache), token.clone());
            tokio::spawn(async move { cache.keys_for_async(&token).await.map(|_| ()) })
        };
        while fetches.load(Ordering::SeqCst) == 0 {
            tokio::task::yield_now().await;
        }
        let waiting = {
            let (cache, token) = (Arc::clone(&cache), token.clone());
            tokio::spawn(async move { cache.keys_for_async(&token).await.map(|_| ()) })
        };
        tokio::task::yield_now().await;
        fetching.abort();
        assert!(fetching.await.unwrap_err().is_cancelled());
        // The waiter is released with the failure (the interval forbids another fetch).
        let err = waiting.await.unwrap().unwrap_err();
        assert_eq!(
            err.reason(),
            "the fetch did not complete (cancelled or panicked)"
        );
        assert_eq!(fetches.load(Ordering::SeqCst), 1);
        // After the interval, a fetch runs again.
        released.store(true, Ordering::SeqCst);
        clock.set(T0 + 30);
        assert!(cache.keys_for_async(&token).await.is_ok());
        assert_eq!(fetches.load(Ordering::SeqCst), 2);
    });
}

#[test]
fn a_panicking_fetch_fails_without_poisoning_the_cache() {
    let clock = TestClock::new();
    let calls = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&calls);
    let cache = KeyCache::from_fn(move || {
        if counted.fetch_add(1, Ordering::SeqCst) == 0 {
            panic!("the transport panicked");
        }
        Ok(JwksResponse::new(jwks(&["rsa-1"])))
    })
    .clock(clock.at());
    let token = token_signed_by("rsa-1");
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| cache.keys_for(&token)));
    assert!(caught.is_err());
    assert_eq!(
        cache.status().last_error.map(|e| e.reason().to_owned()),
        Some("the fetch did not complete (cancelled or panicked)".to_owned())
    );
    clock.set(T0 + 30);
    assert!(cache.keys_for(&token).is_ok());
}
