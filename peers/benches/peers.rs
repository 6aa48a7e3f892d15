//! oidc-core (`derived`) against openidconnect-rs 4 (`peer`) and the hand-written serde
//! baselines of `benches/codec.rs` (`baseline`), on the same input bytes, in one run.
//!
//! Inputs are the repository's `benches/inputs/` files and `tests/data/keys/rsa-1.pem`,
//! read by path. Each operation is one criterion group `peers_<op>` with the functions
//! `derived`, `peer` and (where codec.rs has one) `baseline`. Before the timings, the
//! binary checks that the three sides produce the same parameters / accept the same
//! documents, so a column never measures a failure path.
//!
//! Run: `cd peers && cargo bench`, then `python3 benches/report.py record` (and `render`)
//! from the repository's root.

use std::hint::black_box;

use criterion::{criterion_group, Criterion};

use oidc_core::jwt::{Algorithm, JwkSet, SigningKey};
use oidc_core::messages::{
    AuthenticationRequest, IdToken, ProviderMetadata, TokenRequest, TokenSuccessResponse,
};
use oidc_core::validation::{FixedClock, IdTokenValidation};
use oidc_core::{issue, NumericDate, OidcMessage};

use openidconnect::core::{
    CoreAuthenticationFlow, CoreClient, CoreIdToken, CoreIdTokenVerifier, CoreJsonWebKeySet,
    CoreProviderMetadata, CoreTokenResponse,
};
use openidconnect::{
    AuthUrl, AuthorizationCode, ClientId, CsrfToken, HttpRequest, HttpResponse, IssuerUrl, Nonce,
    PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, RequestTokenError, Scope, TokenUrl,
};

// ---------------------------------------------------------------------------
// Inputs

fn input(name: &str) -> String {
    let path = format!("{}/../benches/inputs/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

const AUTHORIZE: &str = "https://op.example.com/authorize";
const TOKEN_ENDPOINT: &str = "https://op.example.com/token";
const OP: &str = "https://op.example.com";
// The values of benches/inputs/auth_request.url and token_request.form.
const CLIENT_ID: &str = "s6BhdRkqt3";
const REDIRECT_URI: &str = "https://client.example.org/cb";
const STATE: &str = "af0ifjsldkj";
const NONCE: &str = "n-0S6_WzA2Mj";
const CODE: &str = "SplxlOBeZQQYbYS6WxSbIA";
// RFC 7636 Appendix B: the verifier and its S256 challenge.
const CODE_VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const CODE_CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

// The hand-written serde baselines of benches/codec.rs, shared.
#[path = "../../benches/baselines/mod.rs"]
mod baselines;
use baselines::*;

// ---------------------------------------------------------------------------
// The three sides of each operation, as the loops run them.

/// Builds the authorization request from the fixed values and encodes it.
fn derived_auth_url() -> String {
    let mut request = AuthenticationRequest::new(
        black_box(CLIENT_ID),
        black_box(REDIRECT_URI),
        ["openid", "email", "profile"],
    );
    request.state = Some(black_box(STATE).to_owned());
    request.nonce = Some(black_box(NONCE).to_owned());
    request.code_challenge = Some(black_box(CODE_CHALLENGE).to_owned());
    request.code_challenge_method = Some("S256".to_owned());
    request.to_url(black_box(AUTHORIZE)).unwrap()
}

/// The same with the serde baseline struct and `serde_urlencoded` + `url`.
fn baseline_auth_url() -> String {
    let request = BaselineAuthRequest {
        scope: vec!["openid".into(), "email".into(), "profile".into()],
        response_type: "code".into(),
        client_id: black_box(CLIENT_ID).into(),
        redirect_uri: black_box(REDIRECT_URI).into(),
        state: Some(black_box(STATE).into()),
        nonce: Some(black_box(NONCE).into()),
        code_challenge: Some(black_box(CODE_CHALLENGE).into()),
        code_challenge_method: Some("S256".into()),
        ..BaselineAuthRequest::default()
    };
    baseline_to_url(black_box(AUTHORIZE), &request)
}

/// The peer's client (built once: client id, issuer, empty key set, authorization,
/// token and redirect URLs, all parsed here).
type PeerClient = CoreClient<
    openidconnect::EndpointSet,
    openidconnect::EndpointNotSet,
    openidconnect::EndpointNotSet,
    openidconnect::EndpointNotSet,
    openidconnect::EndpointSet,
>;

fn peer_client() -> PeerClient {
    CoreClient::new(
        ClientId::new(CLIENT_ID.into()),
        IssuerUrl::new(OP.into()).unwrap(),
        CoreJsonWebKeySet::new(vec![]),
    )
    .set_auth_uri(AuthUrl::new(AUTHORIZE.into()).unwrap())
    .set_token_uri(TokenUrl::new(TOKEN_ENDPOINT.into()).unwrap())
    .set_redirect_uri(RedirectUrl::new(REDIRECT_URI.into()).unwrap())
}

/// `authorize_url` (the `openid` scope is added by the client) with the fixed state and
/// nonce (each a `String` built in the closure), two more scopes, and a clone of the
/// PKCE challenge built once outside the loop (oauth2 has no constructor from a given
/// challenge string; `set_pkce_challenge` takes it by value); `url()` encodes.
fn peer_auth_url(client: &PeerClient, challenge: &PkceCodeChallenge) -> openidconnect::url::Url {
    let (url, _state, _nonce) = client
        .authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            || CsrfToken::new(black_box(STATE).to_owned()),
            || Nonce::new(black_box(NONCE).to_owned()),
        )
        .add_scope(Scope::new("email".to_owned()))
        .add_scope(Scope::new("profile".to_owned()))
        .set_pkce_challenge(challenge.clone())
        .url();
    url
}

/// The token request: built from the fixed values, then form-encoded.
fn derived_token_form() -> String {
    let mut request =
        TokenRequest::for_authorization_code(black_box(CODE), black_box(REDIRECT_URI));
    request.client_id = Some(black_box(CLIENT_ID).to_owned());
    request.code_verifier = Some(black_box(CODE_VERIFIER).to_owned());
    request.to_form()
}

fn baseline_token_form() -> String {
    let request = BaselineTokenRequest {
        grant_type: "authorization_code".into(),
        code: Some(black_box(CODE).into()),
        redirect_uri: Some(black_box(REDIRECT_URI).into()),
        client_id: Some(black_box(CLIENT_ID).into()),
        code_verifier: Some(black_box(CODE_VERIFIER).into()),
        ..BaselineTokenRequest::default()
    };
    serde_urlencoded::to_string(&request).unwrap()
}

/// The "HTTP client" the peer's token request is handed to: it sends nothing, keeps the
/// request body and fails, so the peer's `request()` returns right after building the
/// request. oauth2 5 builds the request in a private `prepare_request`: handing it to
/// a client is the only public way to get the body.
#[derive(Debug)]
struct NotSent;

impl std::fmt::Display for NotSent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not sent")
    }
}

impl std::error::Error for NotSent {}

/// `exchange_code` + `set_pkce_verifier` (the code and verifier are owned `String`s,
/// built here), then `request` with a client that takes the `http::Request` (URI,
/// method, Accept and Content-Type headers, the form body with `client_id`, no secret)
/// and returns its body without sending.
fn peer_token_form(client: &PeerClient) -> Vec<u8> {
    let body = std::cell::Cell::new(Vec::new());
    let capture = |request: HttpRequest| -> Result<HttpResponse, NotSent> {
        body.set(request.into_body());
        Err(NotSent)
    };
    let result = client
        .exchange_code(AuthorizationCode::new(black_box(CODE).to_owned()))
        .set_pkce_verifier(PkceCodeVerifier::new(black_box(CODE_VERIFIER).to_owned()))
        .request(&capture);
    assert!(matches!(result, Err(RequestTokenError::Request(NotSent))));
    body.take()
}

// ID Token (the token setup of oidc-core/benches/verify.rs).

const ISSUER: &str = "https://op.example";
const CLIENT: &str = "rp";
const NOW: i64 = 1_800_000_000;

fn rsa_key() -> SigningKey {
    let path = format!(
        "{}/../tests/data/keys/rsa-1.pem",
        env!("CARGO_MANIFEST_DIR")
    );
    let pem = std::fs::read_to_string(path).unwrap();
    SigningKey::from_pem(&pem, Algorithm::RS256)
        .unwrap()
        .with_kid("k1")
}

/// A realistic ID Token: the registered claims, a nonce, auth_time, a few profile
/// claims.
fn id_token(key: &SigningKey) -> String {
    let mut claims = IdToken::new(
        ISSUER,
        "248289761001",
        CLIENT,
        NumericDate::from_secs(4_000_000_000),
        NumericDate::from_secs(NOW),
    );
    claims.nonce = Some(NONCE.into());
    claims.auth_time = Some(NumericDate::from_secs(NOW - 30));
    claims.claims.email = Some("janedoe@example.com".into());
    claims.claims.name = Some("Jane Doe".into());
    issue::id_token(&claims, key, None, None).unwrap()
}

/// oidc-core's one call: the options (issuer, client, RS256, nonce, fixed clock) and
/// `verify` (compact form, header rules incl. `typ`, key by `kid`, signature, claims
/// decoded as `IdToken`, iss / aud / azp / exp / iat / nonce).
fn derived_verify(jwt: &str, keys: &JwkSet) -> IdToken {
    let checks = IdTokenValidation::new(ISSUER, CLIENT)
        .algorithms(&[Algorithm::RS256])
        .nonce(NONCE)
        .clock(FixedClock(NumericDate::from_secs(NOW)));
    checks.verify(jwt, keys).unwrap()
}

/// openidconnect: `CoreIdToken::from_str` (the compact form, header and claims JSON
/// decoded) and `claims` (header `typ` / `alg` allowed, key by `kid`, signature, iss,
/// aud, azp, exp against the fixed time function, nonce; iat and auth_time are not
/// checked by default). The verifier and its key set are built once outside the loop.
fn peer_verify(jwt: &str, verifier: &CoreIdTokenVerifier<'_>, nonce: &Nonce) -> CoreIdToken {
    let token: CoreIdToken = jwt.parse().unwrap();
    token.claims(verifier, nonce).unwrap();
    token
}

// ---------------------------------------------------------------------------

/// The three sides agree on their output before anything is timed.
fn check_agreement(client: &PeerClient, challenge: &PkceCodeChallenge) {
    let pairs = |query: &str| -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes())
            .into_owned()
            .collect();
        v.sort();
        v
    };
    let derived = url::Url::parse(&derived_auth_url()).unwrap();
    let baseline = url::Url::parse(&baseline_auth_url()).unwrap();
    let peer = peer_auth_url(client, challenge);
    assert_eq!(
        pairs(derived.query().unwrap()),
        pairs(peer.query().unwrap())
    );
    assert_eq!(
        pairs(derived.query().unwrap()),
        pairs(baseline.query().unwrap())
    );
    println!("auth request URL (derived): {derived}");
    println!("auth request URL (peer):    {peer}");

    let derived = derived_token_form();
    let peer = String::from_utf8(peer_token_form(client)).unwrap();
    assert_eq!(pairs(&derived), pairs(&peer));
    assert_eq!(pairs(&derived), pairs(&baseline_token_form()));
    println!("token request form (derived): {derived}");
    println!("token request form (peer):    {peer}");
}

fn peers(c: &mut Criterion) {
    let client = peer_client();
    let verifier = PkceCodeVerifier::new(CODE_VERIFIER.to_owned());
    let challenge = PkceCodeChallenge::from_code_verifier_sha256(&verifier);
    assert_eq!(challenge.as_str(), CODE_CHALLENGE);
    check_agreement(&client, &challenge);

    let mut g = c.benchmark_group("peers_auth_request_url_encode");
    g.bench_function("derived", |b| b.iter(derived_auth_url));
    g.bench_function("peer", |b| b.iter(|| peer_auth_url(&client, &challenge)));
    g.bench_function("baseline", |b| b.iter(baseline_auth_url));
    g.finish();

    let mut g = c.benchmark_group("peers_token_request_form_encode");
    g.bench_function("derived", |b| b.iter(derived_token_form));
    g.bench_function("peer", |b| b.iter(|| peer_token_form(&client)));
    g.bench_function("baseline", |b| b.iter(baseline_token_form));
    g.finish();

    // derived: TokenSuccessResponse (the id_token kept as a string, unknown members
    // kept). peer: CoreTokenResponse, whose id_token field is a CoreIdToken: its
    // deserializer splits the JWT, base64-decodes and JSON-decodes header and claims (no
    // signature check), so the peer does more work per decode than the other two.
    // baseline: the codec.rs struct, id_token a string, unknown members dropped.
    let json = input("token_response.json");
    let mut g = c.benchmark_group("peers_token_response_json_decode");
    g.bench_function("derived", |b| {
        b.iter(|| TokenSuccessResponse::from_json(black_box(&json)).unwrap())
    });
    g.bench_function("peer", |b| {
        b.iter(|| serde_json::from_str::<CoreTokenResponse>(black_box(&json)).unwrap())
    });
    g.bench_function("baseline", |b| {
        b.iter(|| serde_json::from_str::<BaselineTokenResponse>(black_box(&json)).unwrap())
    });
    g.finish();

    // derived: ProviderMetadata, unknown members kept raw. peer: CoreProviderMetadata
    // (EmptyAdditionalProviderMetadata: unknown members dropped; every endpoint parsed
    // into a url::Url, enumerated values into enums). baseline: the codec.rs struct,
    // unknown members kept as serde_json values (flatten). A document the peer refuses
    // is printed and its column left out.
    for (group, file) in [
        ("peers_discovery_large_json_decode", "discovery_large.json"),
        ("peers_discovery_small_json_decode", "discovery_small.json"),
    ] {
        let json = input(file);
        ProviderMetadata::from_json(&json).unwrap();
        serde_json::from_str::<BaselineProviderMetadata>(&json).unwrap();
        let peer_accepts = match serde_json::from_str::<CoreProviderMetadata>(&json) {
            Ok(_) => true,
            Err(e) => {
                println!("{file}: openidconnect refuses the document: {e}");
                false
            }
        };
        let mut g = c.benchmark_group(group);
        g.bench_function("derived", |b| {
            b.iter(|| ProviderMetadata::from_json(black_box(&json)).unwrap())
        });
        if peer_accepts {
            g.bench_function("peer", |b| {
                b.iter(|| serde_json::from_str::<CoreProviderMetadata>(black_box(&json)).unwrap())
            });
        }
        g.bench_function("baseline", |b| {
            b.iter(|| serde_json::from_str::<BaselineProviderMetadata>(black_box(&json)).unwrap())
        });
        g.finish();
    }

    let key = rsa_key();
    let jwt = id_token(&key);
    let keys: JwkSet = key.verifying_keys();
    let peer_keys: CoreJsonWebKeySet =
        serde_json::from_str(&key.public_jwk_set_json().unwrap()).unwrap();
    let time = chrono::DateTime::from_timestamp(NOW, 0).unwrap();
    let peer_verifier = CoreIdTokenVerifier::new_public_client(
        ClientId::new(CLIENT.into()),
        IssuerUrl::new(ISSUER.into()).unwrap(),
        peer_keys,
    )
    .set_time_fn(move || time);
    let nonce = Nonce::new(NONCE.into());
    derived_verify(&jwt, &keys);
    peer_verify(&jwt, &peer_verifier, &nonce);
    let mut g = c.benchmark_group("peers_id_token_verify_RS256");
    g.bench_function("derived", |b| {
        b.iter(|| derived_verify(black_box(&jwt), &keys))
    });
    g.bench_function("peer", |b| {
        b.iter(|| peer_verify(black_box(&jwt), &peer_verifier, &nonce))
    });
    g.finish();
}

criterion_group!(benches, peers);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
}
