#!/usr/bin/env bash
# Runs `dyad bench` for an earlier commit and for the current tree AT THE SAME TIME, PAIRS times, and prints the
# ratio of each pair. Two processes started together see the same machine weather (other jobs, the shared cache),
# which runs made one after the other do not: on these machines the speed drifts by ±10 % within minutes, more
# than most changes are worth. Keep each side on one worker thread (the default adds --threads 1) so that both
# get a core of their own on a 2-core machine.
#
#   bench/side-by-side.sh BASE [PAIRS] [-- BENCH_ARGS...]
#   bench/side-by-side.sh HEAD~1 4 -- --articles 1000 --stages parse
#   bench/side-by-side.sh main 3                      # end to end: --articles 1000 --threads 1
#
# Each side is built by its own ./dyad script, so as that commit ships it; both read the current tree's models.
# The figure compared is the last "…words_per_s" in the JSON (all cores' for an end-to-end run, the stages' own
# rate with --stages).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
base="${1:?usage: bench/side-by-side.sh BASE [PAIRS] [-- BENCH_ARGS...]}"
shift
pairs=3
if [[ $# -gt 0 && "$1" != "--" ]]; then pairs="$1"; shift; fi
[[ $# -gt 0 && "$1" == "--" ]] && shift
args=("$@")
[[ ${#args[@]} -eq 0 ]] && args=(--articles 1000 --threads 1)
[[ "$pairs" =~ ^[1-9][0-9]*$ ]] || { echo "error: PAIRS must be a positive whole number, not '$pairs'" >&2; exit 2; }
git -C "$here" rev-parse --verify -q "$base^{commit}" >/dev/null || { echo "error: '$base' is no commit here" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
build() {  # TREE: builds it with its own ./dyad and prints the folder of the CLI it runs
  "$1/dyad" --help >/dev/null
  local out="$1/src/Dyad.Cli/bin/Release/net10.0/ready-to-run"
  [[ -f "$out/Dyad.Cli.dll" ]] || { echo "error: $1/dyad left no CLI in $out" >&2; exit 1; }
  echo "$out"
}
echo "building $base and the current tree…" >&2
git -C "$here" archive "$base" | (mkdir -p "$work/base-src" && tar -x -C "$work/base-src" --exclude=models)
export DYAD_MODELS="$here/models"
base_cli="$(build "$work/base-src")"
new_cli="$(build "$here")"

echo "bench ${args[*]}, $pairs pair(s), both sides at once"
for i in $(seq "$pairs"); do
  dotnet "$base_cli/Dyad.Cli.dll" bench "${args[@]}" --json > "$work/base.json" 2>/dev/null &
  dotnet "$new_cli/Dyad.Cli.dll" bench "${args[@]}" --json > "$work/new.json" 2>/dev/null &
  wait
  python3 - "$work/base.json" "$work/new.json" <<'EOF'
import json, sys
base, new = (json.load(open(p)) for p in sys.argv[1:3])
key = [k for k in base if k.endswith("words_per_s")][-1]
print(f"{key}: {base[key]:,} (base) {new[key]:,} (current)  ratio {new[key] / base[key]:.3f}")
EOF
done
