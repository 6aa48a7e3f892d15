//! Codec benchmarks: the core messages (derived) against hand-written serde baselines
//! with the same fields, in one run.
//!
//! Inputs are `benches/inputs/` (copied unchanged from the project's shared bench
//! inputs). Each operation has a `derived` and a `baseline` function in one criterion
//! group; `python3 benches/report.py` (record, then render) puts the derived/baseline
//! ratios in BENCHMARKS.md.
//! Before the timings, the binary prints heap allocations per decode (counting
//! allocator) next to the number of present values.
//!
//! Run: `cargo bench --bench codec && python3 benches/report.py record`

use std::hint::black_box;

use criterion::{criterion_group, Criterion};
use oidc_core::{Location, OidcMessage};

mod counting;
use counting::{blocks, present_values};

#[global_allocator]
static GLOBAL: counting::Counting = counting::Counting;

// The derived messages are the core ones (oidc_core::messages).
use oidc_core::messages::{
    AuthenticationRequest, AuthenticationSuccessResponse, IdToken, ProviderMetadata, TokenRequest,
    TokenSuccessResponse,
};

mod baselines;
use baselines::*;
// ---------------------------------------------------------------------------

const AUTH_REQUEST_URL: &str = include_str!("inputs/auth_request.url");
const AUTH_SUCCESS_QUERY: &str = include_str!("inputs/auth_success_query.url");
const AUTH_SUCCESS_FRAGMENT: &str = include_str!("inputs/auth_success_fragment.url");
const TOKEN_REQUEST_FORM: &str = include_str!("inputs/token_request.form");
const TOKEN_RESPONSE_JSON: &str = include_str!("inputs/token_response.json");
const DISCOVERY_LARGE: &str = include_str!("inputs/discovery_large.json");
const DISCOVERY_SMALL: &str = include_str!("inputs/discovery_small.json");
const ID_TOKEN_CLAIMS: &str = include_str!("inputs/id_token_claims.json");
const AUTHORIZE: &str = "https://op.example.com/authorize";

fn codec(c: &mut Criterion) {
    let mut g = c.benchmark_group("auth_request_url_decode");
    g.bench_function("derived", |b| {
        b.iter(|| {
            AuthenticationRequest::from_url(black_box(AUTH_REQUEST_URL), Location::Query).unwrap()
        })
    });
    g.bench_function("baseline", |b| {
        b.iter(|| baseline_from_url::<BaselineAuthRequest>(black_box(AUTH_REQUEST_URL)))
    });
    g.finish();

    let derived_req = AuthenticationRequest::from_url(AUTH_REQUEST_URL, Location::Query).unwrap();
    let baseline_req: BaselineAuthRequest = baseline_from_url(AUTH_REQUEST_URL);
    let mut g = c.benchmark_group("auth_request_url_encode");
    g.bench_function("derived", |b| {
        b.iter(|| {
            black_box(&derived_req)
                .to_url(black_box(AUTHORIZE))
                .unwrap()
        })
    });
    g.bench_function("baseline", |b| {
        b.iter(|| baseline_to_url(black_box(AUTHORIZE), black_box(&baseline_req)))
    });
    g.finish();

    for (name, input, location) in [
        (
            "auth_redirect_query_decode",
            AUTH_SUCCESS_QUERY,
            Location::Query,
        ),
        (
            "auth_redirect_fragment_decode",
            AUTH_SUCCESS_FRAGMENT,
            Location::Fragment,
        ),
    ] {
        let mut g = c.benchmark_group(name);
        g.bench_function("derived", |b| {
            b.iter(|| AuthenticationSuccessResponse::from_url(black_box(input), location).unwrap())
        });
        g.bench_function("baseline", |b| {
            b.iter(|| {
                let url = url::Url::parse(black_box(input)).unwrap();
                let params = match location {
                    Location::Fragment => url.fragment(),
                    _ => url.query(),
                };
                serde_urlencoded::from_str::<BaselineAuthResponse>(params.unwrap_or("")).unwrap()
            })
        });
        g.finish();
    }

    let mut g = c.benchmark_group("token_request_form_decode");
    g.bench_function("derived", |b| {
        b.iter(|| TokenRequest::from_form(black_box(TOKEN_REQUEST_FORM)).unwrap())
    });
    g.bench_function("baseline", |b| {
        b.iter(|| {
            serde_urlencoded::from_str::<BaselineTokenRequest>(black_box(TOKEN_REQUEST_FORM))
                .unwrap()
        })
    });
    g.finish();

    let derived_token_req = TokenRequest::from_form(TOKEN_REQUEST_FORM).unwrap();
    let baseline_token_req: BaselineTokenRequest =
        serde_urlencoded::from_str(TOKEN_REQUEST_FORM).unwrap();
    let mut g = c.benchmark_group("token_request_form_encode");
    g.bench_function("derived", |b| {
        b.iter(|| black_box(&derived_token_req).to_form())
    });
    g.bench_function("baseline", |b| {
        b.iter(|| serde_urlencoded::to_string(black_box(&baseline_token_req)).unwrap())
    });
    g.finish();

    let mut g = c.benchmark_group("token_response_json_decode");
    g.bench_function("derived", |b| {
        b.iter(|| TokenSuccessResponse::from_json(black_box(TOKEN_RESPONSE_JSON)).unwrap())
    });
    g.bench_function("baseline", |b| {
        b.iter(|| {
            serde_json::from_str::<BaselineTokenResponse>(black_box(TOKEN_RESPONSE_JSON)).unwrap()
        })
    });
    g.finish();

    let mut g = c.benchmark_group("id_token_claims_json_decode");
    g.bench_function("derived", |b| {
        b.iter(|| IdToken::from_json(black_box(ID_TOKEN_CLAIMS)).unwrap())
    });
    g.bench_function("baseline", |b| {
        b.iter(|| serde_json::from_str::<BaselineIdToken>(black_box(ID_TOKEN_CLAIMS)).unwrap())
    });
    g.finish();

    for (name, input) in [
        ("discovery_large_json_decode", DISCOVERY_LARGE),
        ("discovery_small_json_decode", DISCOVERY_SMALL),
    ] {
        let mut g = c.benchmark_group(name);
        g.bench_function("derived", |b| {
            b.iter(|| ProviderMetadata::from_json(black_box(input)).unwrap())
        });
        g.bench_function("baseline", |b| {
            b.iter(|| serde_json::from_str::<BaselineProviderMetadata>(black_box(input)).unwrap())
        });
        g.finish();
    }
}

/// Heap blocks per decode against the number of present values (a list of n strings
/// counts n + 1; an unknown member counts 1): printed, and written to
/// `target/criterion/allocations.json` for `benches/report.py`.
fn report_allocations() {
    println!("allocations per decode (present values / derived / baseline):");
    let mut rows = Vec::new();
    let mut show = |name: &str, values: usize, derived: usize, baseline: usize| {
        println!("  {name:<30} values {values:>3}   derived {derived:>3}   baseline {baseline:>3}");
        rows.push(serde_json::json!({
            "input": name,
            "present_values": values,
            "derived": derived,
            "baseline": baseline,
        }));
    };
    let (_, d) =
        blocks(|| AuthenticationRequest::from_url(AUTH_REQUEST_URL, Location::Query).unwrap());
    let (_, b) = blocks(|| baseline_from_url::<BaselineAuthRequest>(AUTH_REQUEST_URL));
    // response_type, client_id, redirect_uri, scope (3 + 1), state, nonce, prompt (2 + 1), max_age (0: inline), ui_locales (3 + 1)
    show("auth_request.url", 3 + 4 + 2 + 3 + 4, d, b);
    let (_, d) = blocks(|| {
        AuthenticationSuccessResponse::from_url(AUTH_SUCCESS_QUERY, Location::Query).unwrap()
    });
    let (_, b) = blocks(|| baseline_from_url::<BaselineAuthResponse>(AUTH_SUCCESS_QUERY));
    show("auth_success_query.url", 2, d, b);
    let (_, d) = blocks(|| TokenRequest::from_form(TOKEN_REQUEST_FORM).unwrap());
    let (_, b) =
        blocks(|| serde_urlencoded::from_str::<BaselineTokenRequest>(TOKEN_REQUEST_FORM).unwrap());
    show("token_request.form", 5, d, b);
    let (_, d) = blocks(|| TokenSuccessResponse::from_json(TOKEN_RESPONSE_JSON).unwrap());
    let (_, b) =
        blocks(|| serde_json::from_str::<BaselineTokenResponse>(TOKEN_RESPONSE_JSON).unwrap());
    // access_token, token_type, refresh_token, scope (3 + 1), id_token; expires_in inline
    show("token_response.json", 4 + 4, d, b);
    let (t, d) = blocks(|| IdToken::from_json(ID_TOKEN_CLAIMS).unwrap());
    let (_, b) = blocks(|| serde_json::from_str::<BaselineIdToken>(ID_TOKEN_CLAIMS).unwrap());
    show(
        "id_token_claims.json",
        present_values(&t.to_json(), &t.extra),
        d,
        b,
    );
    let (m, d) = blocks(|| ProviderMetadata::from_json(DISCOVERY_LARGE).unwrap());
    let (_, b) =
        blocks(|| serde_json::from_str::<BaselineProviderMetadata>(DISCOVERY_LARGE).unwrap());
    show(
        "discovery_large.json",
        present_values(&m.to_json(), &m.extra),
        d,
        b,
    );
    let (m, d) = blocks(|| ProviderMetadata::from_json(DISCOVERY_SMALL).unwrap());
    let (_, b) =
        blocks(|| serde_json::from_str::<BaselineProviderMetadata>(DISCOVERY_SMALL).unwrap());
    show(
        "discovery_small.json",
        present_values(&m.to_json(), &m.extra),
        d,
        b,
    );
    println!();
    let dir = std::path::Path::new(
        &std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".into()),
    )
    .join("criterion");
    let written = std::fs::create_dir_all(&dir).and_then(|()| {
        std::fs::write(
            dir.join("allocations.json"),
            serde_json::to_string(&rows).unwrap(),
        )
    });
    if let Err(e) = written {
        eprintln!("allocations.json not written: {e}");
    }
}

criterion_group!(benches, codec);

fn main() {
    report_allocations();
    benches();
    Criterion::default().configure_from_args().final_summary();
}
