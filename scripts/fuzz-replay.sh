#!/usr/bin/env bash
# Replays every fuzz target over its seed corpus once: the targets' properties
# (fuzz/src/check.rs) asserted on the fixtures of tests/data and the seeds of
# fuzz/seeds, with the stable toolchain and no coverage instrumentation (libFuzzer only
# runs the given inputs; `-runs=0` generates none). A regression check for CI, not
# fuzzing: scripts/fuzz.sh fuzzes (nightly, cargo-fuzz).
#
#   scripts/fuzz-replay.sh [TARGET...]     # default: every target
#
# Exits non-zero when an input breaks a property; OIDC_FUZZ_TOLERATE names the open
# defects to tolerate, as for scripts/fuzz.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$#" -gt 0 ]; then
    targets=("$@")
else
    mapfile -t targets < <(sed -n 's/^name = "\(.*\)"$/\1/p' fuzz/Cargo.toml | tail -n +2)
fi

python3 scripts/fuzz-corpus.py >/dev/null
cargo build --quiet --locked --manifest-path fuzz/Cargo.toml --bins
bin_dir="${CARGO_TARGET_DIR:-fuzz/target}/debug"

artifacts=$(mktemp -d)
trap 'rm -rf "$artifacts"' EXIT
failed=()
for target in "${targets[@]}"; do
    log=$(mktemp)
    if "$bin_dir/$target" -runs=0 -artifact_prefix="$artifacts/" "fuzz/corpus/$target" >"$log" 2>&1; then
        printf '%-18s %6s inputs  ok\n' "$target" "$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$log")"
    else
        printf '%-18s FAILED\n' "$target"
        tail -n 30 "$log" >&2
        failed+=("$target")
    fi
    rm -f "$log"
done
if [ "${#failed[@]}" -gt 0 ]; then
    echo "properties broken in: ${failed[*]}" >&2
    exit 1
fi
