#!/usr/bin/env bash
# Runs the interop test (tests/interop/main.rs) against panva/oidc-provider on 127.0.0.1.
# Needs Node.js and npm (the machine's); installs the pinned provider from the lockfile.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund
cd ../..
cargo test --test interop -- --ignored --nocapture
