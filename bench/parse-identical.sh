#!/usr/bin/env bash
# Checks that parsing gives byte-identical output to an earlier commit (for exact-output speed work):
# tags, lemmas and parses the EWT test set on its gold tokens, and the sample articles from raw text, with the
# current tree and with BASE (default: main), and compares the CoNLL-U. Usage: bench/parse-identical.sh [BASE] [DATA]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
base="${1:-main}"
data="${2:-$here/../shared/data}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
git -C "$here" archive "$base" | tar -x -C "$work" --exclude=models
dotnet build "$work/src/Dyad.Cli/Dyad.Cli.csproj" -c Release -nologo -v q >/dev/null
export DYAD_MODELS="$here/models"
zcat "$data/ud-english-ewt/en_ewt-ud-test.conllu.gz" > "$work/ewt-test.conllu"
cat "$here"/samples/txt/*.txt > "$work/samples.txt"
status=0
for input in "ewt-test.conllu --tokenized" "samples.txt"; do
  set -- $input
  dotnet "$work/src/Dyad.Cli/bin/Release/net10.0/Dyad.Cli.dll" nlp parse "$work/$1" ${2:-} > "$work/before.conllu"
  "$here/dyad" nlp parse "$work/$1" ${2:-} > "$work/after.conllu"
  if cmp -s "$work/before.conllu" "$work/after.conllu"; then echo "$1: identical ($(wc -l < "$work/after.conllu") lines)"
  else echo "$1: DIFFERENT"; diff "$work/before.conllu" "$work/after.conllu" | head -20; status=1; fi
done
exit $status
