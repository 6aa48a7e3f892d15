//! The workspace's root package. It publishes nothing: it exists so that the
//! integration tests in `tests/`, the programs in `examples/` and the benchmarks in
//! `benches/` sit at the top of the repository. Use the `oidc-core` crate.
