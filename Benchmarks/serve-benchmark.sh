#!/usr/bin/env bash
# Server benchmark (issue: index, search and `pacta serve`): on a generated 10,000-treaty corpus,
#   - the time to build the index, and to refresh it after one file changed;
#   - GET /api/v1/treaties/{id}/status under 100 concurrent connections (wrk): throughput and p99;
#   - GET /api/v1/search latency (p95 from wrk's distribution).
#   - POST /api/v1/treaties/{id}/events into a 200-participant treaty (write-benchmark.sh), 10 connections.
# Needs Debian's wrk (apt-get install wrk). Traffic goes to 127.0.0.1 only; every loop is bounded in time.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
work=$(mktemp -d)
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
port=${PORT:-18080}

# BUILD_PATH: the release build's folder (default .build, as `swift build -c release` makes it).
build=${BUILD_PATH:-.build}
swift build -c release --build-path "$build" --product pacta >/dev/null
swift build -c release --build-path "$build" --product PactaBenchmarks >/dev/null
bin=$(swift build -c release --build-path "$build" --show-bin-path)
"$bin/PactaBenchmarks" 10000 --write-corpus "$work/corpus" | tail -1
db="$work/index.sqlite"

start=$(date +%s.%N); "$bin/pacta" index --corpus "$work/corpus" --db "$db" | cut -c1-120; end=$(date +%s.%N)
echo "index build: $(echo "$end - $start" | bc) s"
echo "# changed" >> "$work/corpus/gen-42.yaml"
start=$(date +%s.%N); "$bin/pacta" index --corpus "$work/corpus" --db "$db" | cut -c1-120; end=$(date +%s.%N)
echo "incremental refresh (one file changed): $(echo "$end - $start" | bc) s"

"$bin/pacta" serve --corpus "$work/corpus" --db "$db" --port "$port" >/dev/null 2>&1 &
server=$!
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/api/v1/openapi.json" >/dev/null && break; sleep 0.2; done

# wrk prints 50/75/90/99%; a done() hook adds the 95th percentile the goals name.
cat > "$work/p95.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("     95%%   %.2fms\n", latency:percentile(95) / 1000))
end
LUA
echo "--- status: 100 connections, 10 s"
wrk -t2 -c100 -d10s --latency -s "$work/p95.lua" "http://127.0.0.1:$port/api/v1/treaties/gen-1/status?on=2025-01-01" | grep -E "Requests/sec|Latency|99%|95%|50%"
echo "--- search: 10 connections, 10 s"
wrk -t2 -c10 -d10s --latency -s "$work/p95.lua" "http://127.0.0.1:$port/api/v1/search?q=generated%20treaty%2042" | grep -E "Requests/sec|Latency|90%|95%|99%|50%"

# The desk's writes, reported with the reads (issue: the depositary's desk): recording one event into a
# 200-participant treaty through the API, each acknowledged once durable, 10 connections.
kill "$server" 2>/dev/null || true
echo "--- writes: POST events into a 200-participant treaty, 10 connections (Benchmarks/write-benchmark.sh)"
PACTA="$bin/pacta" Benchmarks/write-benchmark.sh | grep -E "Requests/sec|Latency|99%|90%|50%"
