//! Compile-fail tests: every misuse of `#[derive(OidcMessage)]` is an error on the
//! offending token (the expected output is in `tests/ui/*.stderr`).
//!
//! Regenerate the expected output after a deliberate change with
//! `TRYBUILD=overwrite cargo test --test ui`.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
