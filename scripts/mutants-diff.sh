#!/usr/bin/env bash
# Mutation testing of a change only: cargo-mutants on the lines of oidc-core's
# validation, JWT, codec and type modules that differ from BASE (`--in-diff`), with the
# workspace's tests as the oracle and the trybuild UI test skipped. Run it before
# sending a change to those modules; a missed mutant is a rule the change's tests do
# not pin (or an equivalent mutant to record in .cargo/mutants.toml, with its reason).
#
#   scripts/mutants-diff.sh [BASE]     # default: main
#
# Results go to mutants.out/diff/; exits non-zero when a mutant was missed or timed
# out. Needs cargo-mutants (written for 27.1). MUTANTS_JOBS, MUTANTS_TESTS and
# MUTANTS_ARGS as in scripts/mutants.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

base="${1:-main}"
# `--jobs` only when asked for: cargo-mutants refuses it beside `--in-place`.
jobs=()
if [ "${MUTANTS_JOBS:-1}" != 1 ]; then
    jobs=(--jobs "$MUTANTS_JOBS")
fi
# shellcheck disable=SC2206 # word splitting of the caller's extra arguments is wanted
extra=(${MUTANTS_ARGS:-})
case "${MUTANTS_TESTS:-workspace}" in
    workspace) tests=(--test-workspace=true) ;;
    # The root package's test targets but the UI and interop tests, for the build
    # too (a trailing `--skip` would still build them, and the examples). The target
    # names go to every cargo call, and the unmutated baseline builds oidc-core, which
    # has no such targets: the baseline is skipped (run `cargo test` first), so the
    # timeout is explicit (the tests take about 3 s; a mutant that loops is stopped).
    root) tests=(--test-package=oidc-rs --baseline=skip --timeout=30)
          for t in tests/*.rs tests/*/main.rs; do
              name="${t#tests/}"; name="${name%/main.rs}"; name="${name%.rs}"
              case "$name" in ui | interop) ;; *) tests+=("--cargo-arg=--test=$name") ;; esac
          done ;;
    lib) tests=(--test-package=oidc-core --cargo-test-arg=--lib) ;;
    *) echo "MUTANTS_TESTS must be workspace, root or lib" >&2; exit 2 ;;
esac

diff_file="$(mktemp)"
trap 'rm -f "$diff_file"' EXIT
git diff "$base" -- oidc-core/src/validation oidc-core/src/jwt oidc-core/src/codec \
    oidc-core/src/types >"$diff_file"
if [ ! -s "$diff_file" ]; then
    echo "no change to the mutation-tested modules since $base"
    exit 0
fi
mkdir -p mutants.out/diff
cargo mutants -p oidc-core --in-diff "$diff_file" "${jobs[@]}" \
    --output mutants.out/diff "${tests[@]}" "${extra[@]}" -- -- --skip ui --exact
