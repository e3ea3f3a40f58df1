#!/usr/bin/env bash
# Write benchmark (issue: the depositary's desk): recording one event into a 200-participant treaty through the
# API, each acknowledged after the file is replaced and flushed to disk (and the index refreshed), with 10
# concurrent clients (wrk, POST with a new domestic step each time). Reports wrk's latency distribution.
# CORPUS=DIR adds a folder of treaties to the server's corpus; PACTA=BINARY runs that binary instead of the
# release build; SERVER_LOG=FILE keeps the server's standard error. Needs Debian's wrk. Traffic goes to
# 127.0.0.1 only; the run is bounded (DURATION seconds, default 10).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
work=$(mktemp -d)
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
port=${PORT:-18090}
build=${BUILD_PATH:-.build-release}

# PACTA=BINARY runs a pacta binary built before (two builds measured alternately); else the release build.
if [ -n "${PACTA:-}" ]; then
  bin="$work/bin"; mkdir -p "$bin"; ln -s "$(realpath "$PACTA")" "$bin/pacta"
else
  swift build -c release --build-path "$build" --product pacta >/dev/null
  bin=$(swift build -c release --build-path "$build" --show-bin-path)
fi
mkdir -p "$work/corpus"
# CORPUS (optional): a folder of treaties the server holds beside the benchmark's treaty (a generated corpus,
# `PactaBenchmarks N --write-corpus DIR`), so that the cost of a write can be seen not to grow with the corpus.
[ -n "${CORPUS:-}" ] && cp -r "$CORPUS/." "$work/corpus/"
cp corpus/entities.yaml "$work/corpus/"
Benchmarks/bench-200.sh "$bin/pacta" "$work/corpus"
"$bin/pacta" check "$work/corpus" | tail -1
token=$("$bin/pacta" user add bench --role clerk --corpus "$work/corpus" | sed -n 2p)
"$bin/pacta" index --corpus "$work/corpus" >/dev/null
"$bin/pacta" serve --corpus "$work/corpus" --port "$port" >/dev/null 2>"${SERVER_LOG:-/dev/null}" &
server=$!
for _ in $(seq 1 900); do curl -sf "http://127.0.0.1:$port/api/v1/openapi.json" >/dev/null && break; sleep 0.2; done
echo "--- POST /api/v1/treaties/bench-200/events: ${CONNECTIONS:-10} connections, ${DURATION:-10} s"
[ -n "${PROFILE:-}" ] && (sleep "${PROFILE_AFTER:-0}"; perf record -F 499 -g -p "$server" -o "$PROFILE" -- sleep 4 >/dev/null 2>&1) &
TOKEN=$token wrk -t2 -c"${CONNECTIONS:-10}" -d"${DURATION:-10}"s --latency -s Benchmarks/post-events.lua "http://127.0.0.1:$port" | grep -E "Requests/sec|requests in|Non-2xx|Latency|50%|90%|95%|99%"
kill "$server"; wait "$server" 2>/dev/null || true
echo "events in the file after the run: $(grep -c 'type: domestic-step' "$work/corpus/bench-200.yaml")"
"$bin/pacta" check "$work/corpus" | tail -1
