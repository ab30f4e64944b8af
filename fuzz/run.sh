#!/usr/bin/env bash
# Runs every fuzz target of tests/fuzz.rs for FUZZ_SECONDS each (default 60), one at a time,
# then replays the kept inputs. A failure prints the target and where its shrunk input was
# saved (target/fuzz-findings/<target>/). Usage: fuzz/run.sh [seconds] [target-filter]
set -euo pipefail
cd "$(dirname "$0")/.."
export FUZZ_SECONDS="${1:-${FUZZ_SECONDS:-60}}"
filter="${2:-fuzz_}"
echo "fuzzing each target for ${FUZZ_SECONDS} s (filter: ${filter})"
cargo test --test fuzz -- --test-threads=1 --nocapture "$filter" 2>&1 | grep -E '^(fuzz |test |test result)|panicked|failed'
cargo test --test fuzz regressions_replay 2>&1 | grep -E '^test result'
