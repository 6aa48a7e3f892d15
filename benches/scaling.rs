//! Scaling benchmark: the cost of decoding a message with N unknown parameters, for N =
//! 10, 100, 1,000, 10,000 and 100,000, as a form and as JSON, beside a hand-written
//! serde baseline in the same run. The per-parameter cost must stay flat (decoding is
//! linear in the input); `python3 benches/report.py` (record, then render) puts it and
//! the fitted exponent (the log-log slope of total time against N) in BENCHMARKS.md.
//!
//! Run (short sampling, so it does not hog a shared machine):
//! `cargo bench --bench scaling -- --warm-up-time 1 --measurement-time 2`

use std::collections::HashMap;
use std::hint::black_box;

use criterion::{
    criterion_group, criterion_main, BenchmarkId, Criterion, SamplingMode, Throughput,
};
use oidc_core::messages::AuthenticationSuccessResponse;
use oidc_core::OidcMessage;
use serde::Deserialize;

const SIZES: [usize; 5] = [10, 100, 1_000, 10_000, 100_000];

/// The baseline: the same two known fields, unknown parameters kept the way serde
/// users keep them (`#[serde(flatten)]` into a map). It does not reject a repeated
/// parameter (the map keeps the last), so it does less than the derived message.
#[derive(Deserialize)]
#[allow(dead_code)]
struct Baseline<V> {
    code: Option<String>,
    state: Option<String>,
    #[serde(flatten)]
    extra: HashMap<String, V>,
}

fn form(n: usize) -> String {
    let mut body = String::from("code=SplxlOBeZQQYbYS6WxSbIA&state=af0ifjsldkj");
    for i in 0..n {
        body.push_str(&format!("&param_{i}=value_{i}"));
    }
    body
}

fn json(n: usize) -> String {
    let mut body = String::from(r#"{"code":"SplxlOBeZQQYbYS6WxSbIA","state":"af0ifjsldkj""#);
    for i in 0..n {
        body.push_str(&format!(r#","param_{i}":"value_{i}""#));
    }
    body.push('}');
    body
}

fn scaling(c: &mut Criterion) {
    let mut group = c.benchmark_group("scaling_form");
    group.sample_size(10).sampling_mode(SamplingMode::Flat);
    for n in SIZES {
        let body = form(n);
        assert_eq!(
            AuthenticationSuccessResponse::from_form(&body)
                .unwrap()
                .extra
                .len(),
            n
        );
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::new("derived", n), &body, |b, body| {
            b.iter(|| AuthenticationSuccessResponse::from_form(black_box(body)).unwrap())
        });
        group.bench_with_input(BenchmarkId::new("baseline", n), &body, |b, body| {
            b.iter(|| serde_urlencoded::from_str::<Baseline<String>>(black_box(body)).unwrap())
        });
    }
    group.finish();

    let mut group = c.benchmark_group("scaling_json");
    group.sample_size(10).sampling_mode(SamplingMode::Flat);
    for n in SIZES {
        let body = json(n);
        assert_eq!(
            AuthenticationSuccessResponse::from_json(&body)
                .unwrap()
                .extra
                .len(),
            n
        );
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::new("derived", n), &body, |b, body| {
            b.iter(|| AuthenticationSuccessResponse::from_json(black_box(body)).unwrap())
        });
        group.bench_with_input(BenchmarkId::new("baseline", n), &body, |b, body| {
            b.iter(|| serde_json::from_str::<Baseline<serde_json::Value>>(black_box(body)).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, scaling);
criterion_main!(benches);
