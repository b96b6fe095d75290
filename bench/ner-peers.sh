#!/usr/bin/env bash
# Entity recognition accuracy, Dyad and compromise on the same sentences: each writes the UNER layout for a gold
# IOB2 file (gold words kept) and `dyad nlp eval --gold --system` scores both the same way (exact words and type).
#
#   bench/ner-peers.sh [GOLD.iob2 ...]     # default: UNER EWT dev and test
# Needs dotnet and node; compromise installs once with ../shared/bench/peers/peers.sh install (under ~/.cache/dyad-peers).
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED="${DYAD_SHARED:-$REPO/../shared}"
export PEERS_HOME="${PEERS_HOME:-$HOME/.cache/dyad-peers}"
OUT="${TMPDIR:-/tmp}/dyad-ner-peers"
mkdir -p "$OUT"
(( $# > 0 )) || set -- "$SHARED/data/uner-english/en_ewt-ud-dev.iob2" "$SHARED/data/uner-english/en_ewt-ud-test.iob2"
[[ -d "$PEERS_HOME/node/node_modules/compromise" ]] || "$SHARED/bench/peers/peers.sh" install
for gold in "$@"; do
  [[ -f "$gold" ]] || { echo "error: no such file: $gold" >&2; exit 1; }
  name=$(basename "$gold" .iob2)
  "$REPO/dyad" nlp ner "$gold" --tokenized > "$OUT/$name.dyad.iob2"
  node "$REPO/bench/ner-peers/compromise_iob2.mjs" "$gold" > "$OUT/$name.compromise.iob2"
  for tool in dyad compromise; do
    echo "== $name, $tool"
    "$REPO/dyad" nlp eval --gold "$gold" --system "$OUT/$name.$tool.iob2"
  done
done
