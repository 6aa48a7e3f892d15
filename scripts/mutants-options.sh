# shellcheck shell=bash
# The options scripts/mutants.sh and scripts/mutants-diff.sh share, from the
# environment (see scripts/mutants.sh): sets `jobs`, `extra` and `tests` (arrays of
# cargo-mutants arguments). Sourced from the repository's root.

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
    root)
        tests=(--test-package=oidc-rs --baseline=skip --timeout=30)
        for t in tests/*.rs tests/*/main.rs; do
            name="${t#tests/}"
            name="${name%/main.rs}"
            name="${name%.rs}"
            case "$name" in
                ui | interop) ;;
                *) tests+=("--cargo-arg=--test=$name") ;;
            esac
        done
        ;;
    lib) tests=(--test-package=oidc-core --cargo-test-arg=--lib) ;;
    *)
        echo "MUTANTS_TESTS must be workspace, root or lib" >&2
        exit 2
        ;;
esac
