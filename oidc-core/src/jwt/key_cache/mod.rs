//! [`KeyCache`]: a provider's JWK Set, fetched by the caller's transport, kept while
//! fresh, fetched again when a token names a key it does not have — at most once per
//! interval, whatever the tokens say.
//!
//! | file | concern |
//! |---|---|
//! | `mod.rs` | the cache: when to fetch, who waits, what is served |
//! | `fetch.rs` | [`FetchKeys`], [`FetchKeysAsync`], [`JwksResponse`], [`KeyFetchError`] |
//! | `cache_control.rs` | `Cache-Control` → freshness lifetime (RFC 9111 §5.2.2) |

mod cache_control;
mod fetch;

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::task::{Context, Poll, Waker};

pub use fetch::{FetchKeys, FetchKeysAsync, JwksResponse, KeyFetchError};

use super::header::{algorithm, peek_header};
use super::{Algorithm, JwkSet};
use crate::validation::{Clock, SystemClock};
use crate::NumericDate;

/// Default [`KeyCache::refetch_interval`]: 30 s (panva/jose's `cooldownDuration`).
pub const DEFAULT_REFETCH_INTERVAL_SECS: u64 = 30;
/// Default [`KeyCache::default_max_age`]: 10 minutes (panva/jose's `cacheMaxAge`).
pub const DEFAULT_MAX_AGE_SECS: u64 = 600;
/// Default [`KeyCache::max_age_limit`]: one day.
pub const DEFAULT_MAX_AGE_LIMIT_SECS: u64 = 86_400;

/// A provider's JWK Set (its `jwks_uri`), cached. The caller supplies the fetch — a
/// closure or a [`FetchKeys`] / [`FetchKeysAsync`] type over any HTTP client — and the
/// cache decides when to call it:
///
/// - **First use, or keys past their freshness lifetime**: fetch. The lifetime is the
///   response's `Cache-Control: max-age` ([`JwksResponse::cache_control`]), else
///   [`default_max_age`](Self::default_max_age) (10 min), bounded below by the
///   [`refetch_interval`](Self::refetch_interval) and above by
///   [`max_age_limit`](Self::max_age_limit) (1 day).
/// - **A token the keys cannot verify**: its header names a `kid` the set does not
///   have, or has no `kid` and no key fits its `alg` (the provider rotated its key):
///   fetch.
/// - **At most one fetch per [`refetch_interval`](Self::refetch_interval)** (30 s),
///   whatever triggers it: an attacker can send tokens with any `kid`, and N of them
///   cost at most one fetch per interval. Within the interval such a token is verified
///   with the keys at hand (and fails with an unknown `kid`).
/// - **A failed fetch** (the caller's error, or a document that is not a JWK Set) keeps
///   the keys the cache has: they are served as before, and the failure is visible in
///   [`status`](Self::status) until a fetch succeeds. Without any keys,
///   [`keys_for`](Self::keys_for) returns the failure.
/// - **One fetch at a time**: callers that need a fetch while one is under way wait
///   for it (threads block on a condition variable, tasks are woken) and use its
///   result. No lock is held while fetching, and none across an `.await`.
///
/// Time comes from an injectable [`Clock`] (whole seconds), so tests need no sleeps.
/// `KeyCache<F>` is `Send + Sync` when `F` is: share it in an `Arc`.
///
/// ```
/// use std::sync::atomic::{AtomicUsize, Ordering};
/// use oidc_core::jwt::{JwksResponse, KeyCache};
///
/// // OIDC Core Appendix A.7's public key.
/// const JWKS: &str = r#"{"keys":[{"kty":"RSA","kid":"1e9gdk7","n":"w7Zdfmece8iaB0kiTY8pCtiBtzbptJmP28nSWwtdjRu0f2GFpajvWE4VhfJAjEsOcwYzay7XGN0b-X84BfC8hmCTOj2b2eHT7NsZegFPKRUQzJ9wW8ipn_aDJWMGDuB1XyqT1E7DYqjUCEOD1b4FLpy_xPn6oV_TYOfQ9fZdbE5HGxJUzekuGcOKqOQ8M7wfYHhHHLxGpQVgL0apWuP2gDDOdTtpuld4D2LK1MZK99s9gaSjRHE8JDb1Z4IGhEcEyzkxswVdPndUWzfvWBBWXWxtSUvQGBRkuy1BHOa4sP6FKjWEeeF7gm7UMs2Nm2QUgNZw6xvEDGaLk4KASdIxRQ","e":"AQAB"}]}"#;
/// let fetches = AtomicUsize::new(0);
/// let cache = KeyCache::from_fn(|| {
///     fetches.fetch_add(1, Ordering::Relaxed);
///     // An HTTP GET of the provider's jwks_uri goes here.
///     Ok(JwksResponse::new(JWKS).cache_control(Some("max-age=3600")))
/// });
/// // A token whose header is {"alg":"RS256","kid":"1e9gdk7"}.
/// let jwt = "eyJhbGciOiJSUzI1NiIsImtpZCI6IjFlOWdkazcifQ.e30.c2ln";
/// let keys = cache.keys_for(jwt)?;
/// assert!(keys.find("1e9gdk7").is_some());
/// cache.keys_for(jwt)?;
/// assert_eq!(fetches.load(Ordering::Relaxed), 1, "fresh for an hour: fetched once");
/// # Ok::<(), oidc_core::jwt::KeyFetchError>(())
/// ```
pub struct KeyCache<F> {
    fetcher: F,
    clock: Box<dyn Clock + Send + Sync>,
    refetch_interval: u64,
    default_max_age: u64,
    max_age_limit: u64,
    state: Mutex<State>,
    fetched: Condvar,
}

/// What the cache holds, behind its lock.
#[derive(Default)]
struct State {
    keys: Option<Arc<JwkSet>>,
    fetched_at: Option<NumericDate>,
    expires_at: Option<NumericDate>,
    /// When the last fetch started (for the rate limit).
    last_attempt: Option<i64>,
    last_error: Option<KeyFetchError>,
    fetching: bool,
    /// Counts finished fetches: a waiter is done when it changes.
    generation: u64,
    fetches: u64,
    wakers: Vec<Waker>,
}

/// What [`KeyCache::status`] reports.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct KeyCacheStatus {
    /// The keys served, if a fetch ever succeeded.
    pub keys: Option<Arc<JwkSet>>,
    /// When the keys were fetched (the clock's time).
    pub fetched_at: Option<NumericDate>,
    /// When they stop being fresh (a use after this fetches again).
    pub expires_at: Option<NumericDate>,
    /// The failure of the last fetch, when it failed (cleared by a success).
    pub last_error: Option<KeyFetchError>,
    /// How many fetches were started.
    pub fetches: u64,
}

/// What a token's header asks of the key set.
struct Need {
    kid: Option<String>,
    alg: Option<Algorithm>,
}

impl Need {
    /// The `kid` and `alg` of `jwt`'s header; nothing for an unreadable header or an
    /// algorithm that cannot be verified (no fetch can help those).
    fn of(jwt: &str) -> Need {
        match peek_header(jwt) {
            Ok(header) => match algorithm(&header.alg) {
                Ok(alg) => Need {
                    kid: header.kid,
                    alg: Some(alg),
                },
                Err(_) => Need {
                    kid: None,
                    alg: None,
                },
            },
            Err(_) => Need {
                kid: None,
                alg: None,
            },
        }
    }

    /// Whether `keys` cannot serve this token: its `kid` is not there, or, without a
    /// `kid`, no key fits its `alg`.
    fn unmet_by(&self, keys: &JwkSet) -> bool {
        match (&self.kid, self.alg) {
            (Some(kid), Some(_)) => keys.find(kid).is_none(),
            (None, Some(alg)) => !keys.keys().iter().any(|k| k.fits(alg)),
            (_, None) => false,
        }
    }
}

/// The decision taken under the lock.
enum Plan {
    /// Serve the keys at hand.
    Use,
    /// This caller fetches (the state says a fetch is under way).
    Fetch,
    /// Another caller is fetching: wait until `generation` changes.
    Wait(u64),
}

impl<F> KeyCache<F> {
    /// A cache over `fetcher` (a [`FetchKeys`] or [`FetchKeysAsync`] type; for a
    /// closure, [`from_fn`](KeyCache::from_fn) / [`from_async_fn`](KeyCache::from_async_fn)
    /// let the compiler infer its types), with the system clock and the default
    /// intervals (30 s between fetches, 10 min freshness without `max-age`, at most one
    /// day with it).
    pub fn new(fetcher: F) -> Self {
        KeyCache {
            fetcher,
            clock: Box::new(SystemClock),
            refetch_interval: DEFAULT_REFETCH_INTERVAL_SECS,
            default_max_age: DEFAULT_MAX_AGE_SECS,
            max_age_limit: DEFAULT_MAX_AGE_LIMIT_SECS,
            state: Mutex::new(State::default()),
            fetched: Condvar::new(),
        }
    }

    /// The clock (default: the system clock).
    pub fn clock(mut self, clock: impl Clock + Send + Sync + 'static) -> Self {
        self.clock = Box::new(clock);
        self
    }

    /// The least time between two fetches, in seconds (default 30): the bound on what
    /// tokens naming unknown keys can cost, and the least freshness lifetime.
    pub fn refetch_interval(mut self, seconds: u64) -> Self {
        self.refetch_interval = seconds;
        self
    }

    /// The freshness lifetime of a response without `max-age`, in seconds (default
    /// 600).
    pub fn default_max_age(mut self, seconds: u64) -> Self {
        self.default_max_age = seconds;
        self
    }

    /// The longest freshness lifetime a response's `max-age` can give, in seconds
    /// (default 86 400): a key the provider withdrew is dropped at the latest this
    /// long after the fetch that last saw it.
    pub fn max_age_limit(mut self, seconds: u64) -> Self {
        self.max_age_limit = seconds;
        self
    }

    /// What the cache holds and how its last fetch went.
    pub fn status(&self) -> KeyCacheStatus {
        let state = self.lock();
        KeyCacheStatus {
            keys: state.keys.clone(),
            fetched_at: state.fetched_at,
            expires_at: state.expires_at,
            last_error: state.last_error.clone(),
            fetches: state.fetches,
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic elsewhere never leaves the state half-written (every update is a
        // few assignments), so a poisoned lock is still usable.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Decides, under the lock, whether `need` can be served, must be fetched for (and
    /// if so marks the fetch as started), or waits for a fetch under way.
    fn plan(&self, need: &Need) -> Plan {
        let now = self.clock.now().as_secs();
        let mut state = self.lock();
        if state.fetching {
            return Plan::Wait(state.generation);
        }
        let wanted = match (&state.keys, state.expires_at) {
            (Some(keys), Some(expires_at)) => now >= expires_at.as_secs() || need.unmet_by(keys),
            _ => true,
        };
        if !wanted {
            return Plan::Use;
        }
        if let Some(last) = state.last_attempt {
            // A clock that went back does not hold fetches off.
            let interval = i64::try_from(self.refetch_interval).unwrap_or(i64::MAX);
            if (last..last.saturating_add(interval)).contains(&now) {
                return Plan::Use;
            }
        }
        state.fetching = true;
        state.last_attempt = Some(now);
        state.fetches += 1;
        Plan::Fetch
    }

    /// The keys to serve, or why there are none.
    fn current(&self) -> Result<Arc<JwkSet>, KeyFetchError> {
        let state = self.lock();
        match (&state.keys, &state.last_error) {
            (Some(keys), _) => Ok(Arc::clone(keys)),
            (None, Some(error)) => Err(error.clone()),
            (None, None) => Err(KeyFetchError::new("no JWK Set was fetched yet")),
        }
    }

    /// The freshness lifetime for a response's `max_age`, bounded.
    fn lifetime(&self, max_age: Option<u64>) -> u64 {
        let upper = self.max_age_limit.max(self.refetch_interval);
        max_age
            .unwrap_or(self.default_max_age)
            .max(self.refetch_interval)
            .min(upper)
    }

    /// Stores a fetch's outcome and wakes whoever waits for it.
    fn finish(&self, outcome: Result<JwksResponse, KeyFetchError>) {
        let read = outcome.and_then(|response| {
            JwkSet::from_json(&response.body)
                .map(|keys| (keys, response.max_age))
                .map_err(KeyFetchError::new)
        });
        let now = self.clock.now();
        let wakers = {
            let mut state = self.lock();
            match read {
                Ok((keys, max_age)) => {
                    let lifetime = i64::try_from(self.lifetime(max_age)).unwrap_or(i64::MAX);
                    state.keys = Some(Arc::new(keys));
                    state.fetched_at = Some(now);
                    state.expires_at = Some(NumericDate::from_secs(
                        now.as_secs().saturating_add(lifetime),
                    ));
                    state.last_error = None;
                }
                Err(error) => state.last_error = Some(error),
            }
            state.fetching = false;
            state.generation = state.generation.wrapping_add(1);
            std::mem::take(&mut state.wakers)
        };
        self.fetched.notify_all();
        for waker in wakers {
            waker.wake();
        }
    }
}

impl<F> KeyCache<F>
where
    F: Fn() -> Result<JwksResponse, KeyFetchError>,
{
    /// A cache over a blocking fetch closure ([`new`](Self::new), with the closure's
    /// types inferred).
    pub fn from_fn(fetch: F) -> Self {
        Self::new(fetch)
    }
}

impl<F, Fut> KeyCache<F>
where
    F: Fn() -> Fut,
    Fut: Future<Output = Result<JwksResponse, KeyFetchError>> + Send,
{
    /// A cache over an asynchronous fetch closure, `|| async move { .. }` ([`new`](Self::new),
    /// with the closure's types inferred).
    pub fn from_async_fn(fetch: F) -> Self {
        Self::new(fetch)
    }
}

impl<F: FetchKeys> KeyCache<F> {
    /// The keys to verify `jwt` with, fetching first when the cache has none, they are
    /// stale, or they cannot serve the token's `kid` / `alg` — at most once per
    /// [`refetch_interval`](Self::refetch_interval). Blocks while a fetch (this
    /// caller's or another thread's) is under way. Fails only when the cache has never
    /// had keys: then with the last fetch failure.
    pub fn keys_for(&self, jwt: &str) -> Result<Arc<JwkSet>, KeyFetchError> {
        let need = Need::of(jwt);
        loop {
            match self.plan(&need) {
                Plan::Use => return self.current(),
                Plan::Wait(generation) => {
                    let state = self.lock();
                    let _done = self
                        .fetched
                        .wait_while(state, |s| s.fetching && s.generation == generation)
                        .unwrap_or_else(PoisonError::into_inner);
                }
                Plan::Fetch => {
                    let fetching = Fetching::new(self);
                    let outcome = FetchKeys::fetch(&self.fetcher);
                    fetching.finish(outcome);
                    return self.current();
                }
            }
        }
    }
}

impl<F: FetchKeysAsync> KeyCache<F> {
    /// [`keys_for`](Self::keys_for) for an asynchronous fetch: a task that needs a
    /// fetch under way awaits it. No lock is held across an `.await`; the future is
    /// `Send`. Dropping it while it fetches counts the fetch as failed.
    pub async fn keys_for_async(&self, jwt: &str) -> Result<Arc<JwkSet>, KeyFetchError> {
        let need = Need::of(jwt);
        loop {
            match self.plan(&need) {
                Plan::Use => return self.current(),
                Plan::Wait(generation) => {
                    FetchDone {
                        state: &self.state,
                        generation,
                    }
                    .await
                }
                Plan::Fetch => {
                    let fetching = Fetching::new(self);
                    let outcome = FetchKeysAsync::fetch(&self.fetcher).await;
                    fetching.finish(outcome);
                    return self.current();
                }
            }
        }
    }
}

impl<F> fmt::Debug for KeyCache<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeyCache")
            .field("refetch_interval", &self.refetch_interval)
            .field("default_max_age", &self.default_max_age)
            .field("max_age_limit", &self.max_age_limit)
            .field("status", &self.status())
            .finish_non_exhaustive()
    }
}

/// A fetch under way: finishing it stores the outcome; dropping it unfinished (a
/// cancelled task, a panicking fetch) records a failure, so waiters never hang.
struct Fetching<'c, F> {
    cache: &'c KeyCache<F>,
    finished: bool,
}

impl<'c, F> Fetching<'c, F> {
    fn new(cache: &'c KeyCache<F>) -> Self {
        Fetching {
            cache,
            finished: false,
        }
    }

    fn finish(mut self, outcome: Result<JwksResponse, KeyFetchError>) {
        self.finished = true;
        self.cache.finish(outcome);
    }
}

impl<F> Drop for Fetching<'_, F> {
    fn drop(&mut self) {
        if !self.finished {
            self.cache.finish(Err(KeyFetchError::new(
                "the fetch did not complete (cancelled or panicked)",
            )));
        }
    }
}

/// Resolves when the fetch under way at `generation` has finished.
struct FetchDone<'s> {
    state: &'s Mutex<State>,
    generation: u64,
}

impl Future for FetchDone<'_> {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        if !state.fetching || state.generation != self.generation {
            return Poll::Ready(());
        }
        if !state.wakers.iter().any(|w| w.will_wake(cx.waker())) {
            state.wakers.push(cx.waker().clone());
        }
        Poll::Pending
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>(_: &T) {}

    #[test]
    fn send_and_sync() {
        let sync = KeyCache::from_fn(|| Ok(JwksResponse::new("{\"keys\":[]}")));
        assert_send_sync(&sync);
        let asynchronous =
            KeyCache::from_async_fn(|| async { Ok(JwksResponse::new("{\"keys\":[]}")) });
        assert_send_sync(&asynchronous);
        fn send<T: Send>(_: T) {}
        send(asynchronous.keys_for_async("x"));
    }

    #[test]
    fn lifetimes_are_bounded() {
        let cache = KeyCache::from_fn(|| Err(KeyFetchError::new("unused")))
            .refetch_interval(30)
            .default_max_age(600)
            .max_age_limit(3600);
        assert_eq!(cache.lifetime(None), 600);
        assert_eq!(cache.lifetime(Some(0)), 30);
        assert_eq!(cache.lifetime(Some(29)), 30);
        assert_eq!(cache.lifetime(Some(31)), 31);
        assert_eq!(cache.lifetime(Some(3600)), 3600);
        assert_eq!(cache.lifetime(Some(3601)), 3600);
        assert_eq!(cache.lifetime(Some(u64::MAX)), 3600);
        // A limit below the interval gives way to the interval.
        let odd = KeyCache::from_fn(|| Err(KeyFetchError::new("unused")))
            .refetch_interval(60)
            .max_age_limit(10);
        assert_eq!(odd.lifetime(Some(5)), 60);
        assert_eq!(odd.lifetime(None), 60);
    }

    /// A caller that finds a fetch under way blocks until it ends: it does not poll
    /// the state (each poll would read the clock again). The pause below only gives a
    /// polling waiter time to show itself; a blocking one passes whatever it lasts.
    #[test]
    fn a_waiter_blocks_until_the_fetch_ends() {
        use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
        use std::sync::mpsc;

        let reads = Arc::new(AtomicUsize::new(0));
        let clock_reads = Arc::clone(&reads);
        let (started, fetch_started) = mpsc::channel::<()>();
        let (release, released) = mpsc::channel::<()>();
        let (started, released) = (Mutex::new(started), Mutex::new(released));
        let cache = KeyCache::from_fn(move || {
            started.lock().unwrap().send(()).unwrap();
            released.lock().unwrap().recv().unwrap();
            Ok(JwksResponse::new("{\"keys\":[]}"))
        })
        .clock(move || {
            clock_reads.fetch_add(1, SeqCst);
            NumericDate::from_secs(1_800_000_000)
        });
        std::thread::scope(|s| {
            let fetcher = s.spawn(|| cache.keys_for("x"));
            fetch_started.recv().unwrap();
            assert_eq!(reads.load(SeqCst), 1, "the fetching caller planned once");
            let waiter = s.spawn(|| cache.keys_for("x"));
            while reads.load(SeqCst) < 2 {
                std::thread::yield_now();
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
            // Released before asserting, so a polling waiter fails the test, not hangs it.
            let while_fetching = reads.load(SeqCst);
            release.send(()).unwrap();
            assert!(fetcher.join().unwrap().unwrap().keys().is_empty());
            assert!(waiter.join().unwrap().unwrap().keys().is_empty());
            assert_eq!(while_fetching, 2, "the waiter polled instead of blocking");
        });
        assert_eq!(cache.status().fetches, 1);
    }

    #[test]
    fn debug_shows_the_settings_and_the_status() {
        let cache = KeyCache::from_fn(|| Err(KeyFetchError::new("unused")))
            .refetch_interval(31)
            .default_max_age(601)
            .max_age_limit(3601);
        let shown = format!("{cache:?}");
        assert!(shown.starts_with("KeyCache { refetch_interval: 31, default_max_age: 601, max_age_limit: 3601, status: KeyCacheStatus {"), "{shown}");
        assert!(shown.contains("fetches: 0"), "{shown}");
    }
}
