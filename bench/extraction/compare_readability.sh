#!/usr/bin/env bash
# Article extraction side by side: Dyad (`dyad clean`) and Mozilla Readability (jsdom) on the benchmark pages in
# ../shared/data/article-extraction-benchmark, scored with ../shared/eval/score_extraction.py.
# Run both in the same minute on the same machine and quote ratios, not absolute speeds.
#
#   bench/extraction/compare_readability.sh [OUT_DIR]
# Needs: dotnet, python3, and the peer tools installed by ../shared/bench/peers/peers.sh install.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SHARED="${DYAD_SHARED:-$REPO/../shared}"
BENCH="$SHARED/data/article-extraction-benchmark"
OUT="${1:-${TMPDIR:-/tmp}/dyad-extraction-bench}"
mkdir -p "$OUT"
[[ -d "$BENCH/html" ]] || { echo "error: $BENCH/html not found (set DYAD_SHARED)" >&2; exit 1; }

dotnet build "$REPO/src/Dyad.Cli" -c Release -o "$OUT/dyad" >/dev/null
start=$(date +%s.%N)
dotnet "$OUT/dyad/Dyad.Cli.dll" clean "$BENCH/html" >"$OUT/dyad.jsonl" 2>"$OUT/dyad.err" || true
dyad_s=$(echo "$(date +%s.%N) - $start" | bc)
tail -1 "$OUT/dyad.err"

"$SHARED/bench/peers/peers.sh" readability "$BENCH/html" >"$OUT/readability.jsonl" 2>"$OUT/readability.err"
grep THROUGHPUT "$OUT/readability.err" || true

pages=$(ls "$BENCH/html" | wc -l)
echo "dyad wall time ${dyad_s}s for $pages pages (includes start-up, reading and gunzip)"
for tool in dyad readability; do
  echo "== $tool"
  python3 "$SHARED/eval/score_extraction.py" "$BENCH/ground-truth.json" "$OUT/$tool.jsonl"
done
