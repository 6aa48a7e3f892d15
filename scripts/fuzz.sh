#!/usr/bin/env bash
# Runs every fuzz target in fuzz/ for SECONDS seconds each, one after the other (one
# libFuzzer job), and prints the executions and time per target.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]     # default: 60 s, every target
#
# Exits non-zero when a target crashes (a panic: a failed property); the crashing input
# is in fuzz/artifacts/<target>/ (`cargo fuzz fmt` / `tmin` take it). The other targets
# still run. Needs cargo-fuzz and a nightly toolchain (FUZZ_TOOLCHAIN=+nightly by
# default). Environment:
#   FUZZ_TOOLCHAIN      the `+toolchain` argument for cargo (default +nightly)
#   FUZZ_SANITIZER      cargo fuzz's --sanitizer (default none: oidc-rs has no unsafe
#                       code, so AddressSanitizer would only slow the targets down)
#   OIDC_FUZZ_TOLERATE  issue-8 items whose properties are off (fuzz/src/check.rs)
#   FUZZ_LOG_DIR        where each target's libFuzzer log goes (default fuzz/logs)
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
shift || true
toolchain="${FUZZ_TOOLCHAIN:-+nightly}"
sanitizer="${FUZZ_SANITIZER:-none}"
log_dir="${FUZZ_LOG_DIR:-fuzz/logs}"
mkdir -p "$log_dir"

if [ "$#" -gt 0 ]; then
    targets=("$@")
else
    mapfile -t targets < <(cargo "$toolchain" fuzz list)
fi
if [ "${#targets[@]}" -eq 0 ]; then
    echo "no fuzz targets (is cargo-fuzz installed? cargo install cargo-fuzz --locked)" >&2
    exit 2
fi

# The dictionary of each target's input family.
dict_for() {
    case "$1" in
        form | url) echo form ;;
        json | jwt_claims) echo json ;;
        *) echo "$1" ;;
    esac
}

python3 scripts/fuzz-corpus.py >/dev/null
# Build first, so that the time per target is fuzzing time (every target in one
# cargo invocation when all run).
if [ "$#" -gt 0 ]; then
    for target in "${targets[@]}"; do
        cargo "$toolchain" fuzz build --sanitizer "$sanitizer" "$target"
    done
else
    cargo "$toolchain" fuzz build --sanitizer "$sanitizer"
fi

failed=()
printf '%-18s %12s %8s %10s %8s  %s\n' target executions seconds exec/s corpus result
for target in "${targets[@]}"; do
    log="$log_dir/$target.log"
    start=$(date +%s)
    status=0
    cargo "$toolchain" fuzz run --sanitizer "$sanitizer" "$target" "fuzz/corpus/$target" -- \
        -dict="fuzz/dict/$(dict_for "$target").dict" \
        -max_total_time="$seconds" -timeout=10 -print_final_stats=1 >"$log" 2>&1 || status=$?
    wall=$(($(date +%s) - start))
    # libFuzzer's last words: `stat::number_of_executed_units: N` (with
    # -print_final_stats), or the `#N DONE` / `Done N runs in T second(s)` lines.
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    [ -n "$execs" ] || execs=$(sed -n 's/^#\([0-9]*\).*DONE.*/\1/p' "$log" | tail -n 1)
    [ -n "$execs" ] || execs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$log" | tail -n 1)
    [ -n "$execs" ] || execs=$(sed -n 's/^#\([0-9]*\).*/\1/p' "$log" | tail -n 1)
    execs="${execs:-0}"
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
    corpus=$(sed -n 's/^#[0-9]*.*corp: \([0-9]*\).*/\1/p' "$log" | tail -n 1)
    if [ "$status" -eq 0 ]; then
        result=ok
    else
        result="CRASH (exit $status): $(ls -t "fuzz/artifacts/$target" 2>/dev/null | head -n 1 | sed "s|^|fuzz/artifacts/$target/|")"
        failed+=("$target")
    fi
    printf '%-18s %12s %8s %10s %8s  %s\n' "$target" "$execs" "$wall" "${rate:--}" "${corpus:--}" "$result"
done

if [ "${#failed[@]}" -gt 0 ]; then
    echo
    for target in "${failed[@]}"; do
        echo "==> $target crashed; the panic (from $log_dir/$target.log):"
        grep -m 1 -A 3 "panicked at" "$log_dir/$target.log" || tail -n 30 "$log_dir/$target.log"
    done
    exit 1
fi
