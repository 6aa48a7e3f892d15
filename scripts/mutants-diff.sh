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
# shellcheck source=scripts/mutants-options.sh
source scripts/mutants-options.sh

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
