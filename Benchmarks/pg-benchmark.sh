#!/usr/bin/env bash
# PostgreSQL beside SQLite (issue: a shared Pacta on PostgreSQL), in one run, on the same corpus:
#   - GET /api/v1/treaties/{id}/status under 100 connections (wrk): throughput and p99, from a server on the
#     corpus folder and its SQLite index, then from a server on a PostgreSQL record loaded from the same folder;
#   - POST /api/v1/treaties/{id}/events into a 200-participant treaty under 20 connections (each answered after
#     the file is flushed, or after the commit): writes per second and p99.
# Needs Debian's wrk and postgresql (Scripts/pg-throwaway.sh starts a cluster of its own and deletes it at the end).
# Traffic goes to 127.0.0.1 only; every load is bounded in time (DURATION seconds, default 10).
# TREATIES sets the size of the generated corpus (default 1,000). BACKENDS="postgres" runs only the PostgreSQL
# server's loads (default "sqlite postgres"); PROFILE=FILE records `perf` of the PostgreSQL-backed server for 4 s
# of its write load (PROFILE_AFTER seconds in, default 3).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
work=$(mktemp -d)
build=${BUILD_PATH:-.build-release}
duration=${DURATION:-10}
servers=()
cleanup() {
  for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -n "${PACTA_PG_DIR:-}" ] && Scripts/pg-throwaway.sh stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

swift build -c release --build-path "$build" --product pacta >/dev/null
swift build -c release --build-path "$build" --product PactaBenchmarks >/dev/null
bin=$(swift build -c release --build-path "$build" --show-bin-path)
"$bin/PactaBenchmarks" "${TREATIES:-1000}" --write-corpus "$work/corpus" | tail -1
Benchmarks/bench-200.sh "$bin/pacta" "$work/corpus"
"$bin/pacta" check "$work/corpus" | tail -1
"$bin/pacta" index --corpus "$work/corpus" >/dev/null
file_token=$("$bin/pacta" user add bench --role clerk --corpus "$work/corpus" | sed -n 2p)

eval "$(Scripts/pg-throwaway.sh start)"
start=$(date +%s.%N)
"$bin/pacta" db import "$work/corpus" --database "$PACTA_PG_ADMIN_URL" | tail -1 | cut -c1-160
end=$(date +%s.%N)
echo "db import of the corpus: $(echo "$end - $start" | bc) s"
pg_token=$("$bin/pacta" db user add bench --role clerk --database "$PACTA_PG_ADMIN_URL" | sed -n 2p)

"$bin/pacta" serve --corpus "$work/corpus" --port 18301 >/dev/null 2>&1 &
servers+=($!)
"$bin/pacta" serve --database "$PACTA_PG_SERVER_URL" --port 18302 >/dev/null 2>&1 &
servers+=($!)
for port in 18301 18302; do
  for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$port/api/v1/openapi.json" >/dev/null && break; sleep 0.2; done
done


for backend in ${BACKENDS:-sqlite postgres}; do
  port=$([ "$backend" = sqlite ] && echo 18301 || echo 18302)
  token=$([ "$backend" = sqlite ] && echo "$file_token" || echo "$pg_token")
  echo "--- $backend: GET status, 100 connections, $duration s"
  wrk -t2 -c100 -d"${duration}s" --latency "http://127.0.0.1:$port/api/v1/treaties/gen-1/status?on=2025-01-01" \
    | grep -E "Requests/sec|Non-2xx|99%"
  echo "--- $backend: POST events into bench-200, 20 connections, $duration s"
  if [ -n "${PROFILE:-}" ] && [ "$backend" = postgres ]; then
    (sleep "${PROFILE_AFTER:-3}"; perf record -F 499 -g -p "${servers[1]}" -o "$PROFILE" -- sleep 4 >/dev/null 2>&1) &
  fi
  RUN=$backend TOKEN=$token wrk -t2 -c20 -d"${duration}s" --latency -s Benchmarks/post-events.lua "http://127.0.0.1:$port" \
    | grep -E "Requests/sec|Non-2xx|50%|90%|99%"
done
