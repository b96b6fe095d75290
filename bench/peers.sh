#!/usr/bin/env bash
# Dyad and its peer tools side by side, in one run, on the same generated articles:
#   tokenize + tag + entities   vs  wink-nlp (+ English lite model): tokens, sentences, POS, entities
#   tokenize + time             vs  chrono-node: date expressions resolved against the publication date
#   HTML extraction             vs  Mozilla Readability + jsdom, on the articles laid out as news pages
# Both sides run on one thread and time the processing only (after loading), so the figure that means something
# is the ratio: Dyad words/s ÷ peer words/s (pages/s for extraction), measured within the same minute.
#
#   bench/peers.sh [ARTICLES] [OUT_DIR]      # default 300 articles, OUT_DIR ${TMPDIR:-/tmp}/dyad-peers-bench
# Needs dotnet, node, python3; the peers install once with ../shared/bench/peers/peers.sh install (npm packages
# pinned by its lock file, under ~/.cache/dyad-peers). Extraction quality is bench/extraction/compare_readability.sh.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED="${DYAD_SHARED:-$REPO/../shared}"
PEERS="$SHARED/bench/peers/peers.sh"
ARTIFACTS="${DYAD_ARTIFACTS:-$REPO/artifacts/bench}"
N="${1:-300}"
OUT="${2:-${TMPDIR:-/tmp}/dyad-peers-bench}"
export PEERS_HOME="${PEERS_HOME:-$HOME/.cache/dyad-peers}"
[[ -x "$PEERS" ]] || { echo "error: $PEERS not found (set DYAD_SHARED)" >&2; exit 1; }
mkdir -p "$OUT"

dotnet build "$REPO/src/Dyad.Cli" -c Release --artifacts-path "$ARTIFACTS" -nologo -v q 2>&1 | grep -E " error " && exit 1
dyad() { dotnet "$ARTIFACTS/bin/Dyad.Cli/release/Dyad.Cli.dll" "$@"; }

# (a) the corpus: .txt per article, corpus.jsonl with publication dates, html/ news pages
rm -rf "$OUT/corpus"
dyad bench --write-corpus "$OUT/corpus" --articles "$N"
# (b) the peers, once
[[ -d "$PEERS_HOME/node/node_modules" ]] || "$PEERS" install

throughput() { grep '^THROUGHPUT ' "$1" | tail -1 | sed 's/^THROUGHPUT //'; }
# (c) each pair back to back
echo "wink ..." >&2
"$PEERS" wink "$OUT/corpus" >/dev/null 2>"$OUT/wink.err"; throughput "$OUT/wink.err" >"$OUT/wink.json"
dyad bench --articles "$N" --stages tokenize,tag,entities --json >"$OUT/dyad-nlp.json"
echo "chrono ..." >&2
"$PEERS" chrono "$OUT/corpus/corpus.jsonl" >/dev/null 2>"$OUT/chrono.err"; throughput "$OUT/chrono.err" >"$OUT/chrono.json"
dyad bench --articles "$N" --stages tokenize,time --json >"$OUT/dyad-time.json"
echo "readability ..." >&2
"$PEERS" readability "$OUT/corpus/html" >/dev/null 2>"$OUT/readability.err"; throughput "$OUT/readability.err" >"$OUT/readability.json"
dyad bench --articles "$N" --stages extract --json >"$OUT/dyad-extract.json"

python3 - "$OUT" "$N" <<'PY'
import json, sys, os, subprocess
out, n = sys.argv[1], sys.argv[2]
load = lambda name: json.load(open(os.path.join(out, name)))
wink, chrono, read = load("wink.json"), load("chrono.json"), load("readability.json")
nlp, time, ext = load("dyad-nlp.json"), load("dyad-time.json"), load("dyad-extract.json")
node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
def stage(fig, name): return next(r["words_per_s"] for r in fig["per_stage"] if r["stage"] == name)
rows = [
    ("tokenize+tag+NER", f"wink-nlp {wink['version']}", wink["words_per_s"], nlp["words_per_s"], "words/s"),
    ("dates", f"chrono-node {chrono['version']}", chrono["words_per_s"], time["words_per_s"], "words/s"),
    ("  (Dyad time stage alone)", "", chrono["words_per_s"], stage(time, "time"), "words/s"),
    ("HTML extraction", read["version"], read["pages_per_s"], ext["pages_per_s"], "pages/s"),
]
print(f"{n} generated articles, {nlp['words']} words, one thread each side; node {node}")
print(f"{'task':<26} {'peer (version)':<44} {'peer':>12} {'Dyad':>12} {'Dyad/peer':>10}  unit")
for task, peer, p, d, unit in rows:
    print(f"{task:<26} {peer:<44} {p:>12,.0f} {d:>12,.0f} {d / p:>10.2f}  {unit}")
print(f"Dyad stages: {', '.join(r['stage'] + ' ' + format(r['words_per_s'], ',.0f') + ' w/s' for r in nlp['per_stage'] + time['per_stage'])}")
print(f"ready: wink {wink['ready_ms']:.0f} ms, chrono {chrono['ready_ms']:.0f} ms, readability {read['ready_ms']:.0f} ms (node start + import)")
PY
