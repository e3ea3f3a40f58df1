#!/usr/bin/env bash
# The unchanged re-index with and without the folder's watcher (`pacta watch`):
#   Benchmarks/watch-benchmark.sh PACTA CORPUS [INDEX] [RUNS]
# PACTA: a release pacta binary; CORPUS: an indexed corpus folder (e.g. from `PactaBenchmarks 250000
# --write-corpus DIR` then `pacta index DIR`); INDEX: its index file (default: the folder's own); RUNS: 5.
# Prints, per case, each run's wall time (s) and peak memory (MB), as /usr/bin/time measures them. The corpus's
# files are not changed, except one treaty file that is touched and put back in the last case.
set -euo pipefail
pacta=$1
corpus=$2
db=${3:-$corpus/.pacta-index.sqlite}
runs=${4:-5}

tmp=$(mktemp)
timed() { # command...: one run's "WALL s, PEAK MB"
  /usr/bin/time -o "$tmp" -f "%e %M" "$@" >/dev/null 2>&1
  awk '{printf "%s s, %d MB", $1, $2 / 1024}' "$tmp"
}

measure() { # label, command...: RUNS runs
  local label=$1
  shift
  local line=""
  for _ in $(seq "$runs"); do line+=" $(timed "$@");"; done
  echo "$label:${line%;}"
}

"$pacta" index "$corpus" --db "$db" >/dev/null
measure "unchanged index, no watcher" "$pacta" index "$corpus" --db "$db"
measure "list --format json, no watcher" "$pacta" list --corpus "$corpus" --db "$db" --format json
measure "allies RUS, no watcher" "$pacta" allies RUS --on 2020-01-01 --corpus "$corpus" --db "$db"

"$pacta" watch "$corpus" 2>/dev/null &
watcher=$!
trap 'kill -INT $watcher 2>/dev/null || true; rm -f "$tmp"' EXIT
sleep 2
echo "first index after the watcher started (looks at each file, keeps the position): $(timed "$pacta" index "$corpus" --db "$db")"
out=$("$pacta" index "$corpus" --db "$db")
case $out in *"no file looked at"*) ;; *) echo "the watcher did not vouch: $out" >&2; exit 1 ;; esac
measure "unchanged index, watcher running" "$pacta" index "$corpus" --db "$db"
measure "list --format json, watcher running" "$pacta" list --corpus "$corpus" --db "$db" --format json
measure "allies RUS, watcher running" "$pacta" allies RUS --on 2020-01-01 --corpus "$corpus" --db "$db"

# One file touched (its stamp changes, not its bytes): the watcher names it, and the index hashes it.
file=$(find "$corpus" -maxdepth 1 -name '*.yaml' ! -name entities.yaml ! -name regions.yaml -print -quit)
touch "$file"
echo "index after one file touched, watcher running: $(timed "$pacta" index "$corpus" --db "$db")"
echo "next unchanged index: $(timed "$pacta" index "$corpus" --db "$db")"
