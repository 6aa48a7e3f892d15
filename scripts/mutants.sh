#!/usr/bin/env bash
# Mutation testing of the security-critical code: cargo-mutants over oidc-core's
# validation, JWT, codec and type modules, one area after the other (one build at a
# time), with the workspace's tests as the oracle and the trybuild UI test skipped.
#
#   scripts/mutants.sh [AREA...]     # default: validation jwt codec types
#
# AREA is a directory or file under oidc-core/src (`validation`, `jwt`, `codec`,
# `types`, `jwt/hash.rs`). Each area's results go to mutants.out/<area>/ (caught.txt,
# missed.txt, timeout.txt, unviable.txt); the script prints the counts per area and
# exits non-zero when any mutant was missed or timed out. Mutants that cannot change
# behaviour are excluded in .cargo/mutants.toml, each with its reason.
#
# Needs cargo-mutants (`cargo install --locked cargo-mutants`; written for 27.1).
# Environment:
#   MUTANTS_JOBS      parallel jobs (default 1: each job is a full build directory)
#   MUTANTS_TESTS     what `cargo test` runs per mutant: `workspace` (default, every
#                     test but the UI test), `root` (the root package's tests, where
#                     most of oidc-core's integration tests live: one oidc-core build per
#                     mutant, about 10 s on two cores) or `lib` (oidc-core's unit tests
#                     only). `root` and `lib` are quick first passes: run what they miss
#                     again with the other (or `workspace`) before writing a test.
#   MUTANTS_ARGS      extra arguments for cargo mutants (`--in-place`, `--shard 0/4`)
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$#" -gt 0 ]; then
    areas=("$@")
else
    areas=(validation jwt codec types)
fi
# shellcheck source=scripts/mutants-options.sh
source scripts/mutants-options.sh

status=0
for area in "${areas[@]}"; do
    path="oidc-core/src/$area"
    if [ -d "$path" ]; then
        glob="$path/**"
    elif [ -f "$path" ]; then
        glob="$path"
    else
        echo "no such area: $path" >&2
        exit 2
    fi
    out="mutants.out/${area//\//-}"
    mkdir -p "$out"
    echo "==> $area ($glob)"
    start=$SECONDS
    # -p oidc-core: the workspace's default member is the root package, which would
    # select no file of oidc-core. `--skip ui --exact` goes to the test harnesses: the
    # trybuild UI test takes minutes and checks diagnostics no mutant here changes.
    rc=0
    cargo mutants -p oidc-core -f "$glob" "${jobs[@]}" --output "$out" \
        "${tests[@]}" "${extra[@]}" -- -- --skip ui --exact || rc=$?
    # cargo-mutants exits 2 when mutants were missed, 3 on timeouts, 4 when the
    # unmutated tree fails its tests.
    [ "$rc" -eq 0 ] || status=1
    m="$out/mutants.out"
    count() { if [ -s "$m/$1.txt" ]; then grep -c . "$m/$1.txt"; else echo 0; fi; }
    printf '%s: caught %s, missed %s, timeout %s, unviable %s, %s s\n' "$area" \
        "$(count caught)" "$(count missed)" "$(count timeout)" "$(count unviable)" \
        "$((SECONDS - start))"
done
exit "$status"
