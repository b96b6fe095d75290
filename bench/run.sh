#!/usr/bin/env bash
# The BenchmarkDotNet suite (bench/Dyad.Benchmarks): one class per stage, store writes, clustering, extraction,
# each on 1 and 100 articles generated from samples/, with allocations. Short job (1 warm-up, 5 iterations,
# in-process): about ten minutes on two cores.
#
#   bench/run.sh                      # everything
#   bench/run.sh '*Parsing*'          # a filter (BenchmarkDotNet glob on class or method names)
#   bench/run.sh '*' --list flat      # any further BenchmarkDotNet arguments pass through
# Env: DYAD_BENCH_ITERATIONS (default 5), DYAD_ARTIFACTS (build output, default artifacts/bench, git-ignored).
# Results: the tables print at the end; markdown/CSV under $DYAD_ARTIFACTS/results.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ARTIFACTS="${DYAD_ARTIFACTS:-$REPO/artifacts/bench}"
filter="${1:-*}"; shift || true
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build "$REPO/bench/Dyad.Benchmarks" -c Release --artifacts-path "$ARTIFACTS" -nologo -v q 2>&1 | grep -E " error |rror\(s\)" | grep -v " 0 Error" || true
cd "$REPO"
exec dotnet "$ARTIFACTS/bin/Dyad.Benchmarks/release/Dyad.Benchmarks.dll" --filter "$filter" --artifacts "$ARTIFACTS/results" "$@"
