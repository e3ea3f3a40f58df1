#!/usr/bin/env bash
# Write benchmark (issue: the depositary's desk): recording one event into a 200-participant treaty through the
# API, each acknowledged after the file is replaced and flushed to disk (and the index refreshed), with 10
# concurrent clients (wrk, POST with a new domestic step each time). Reports wrk's latency distribution.
# Needs Debian's wrk. Traffic goes to 127.0.0.1 only; the run is bounded (DURATION seconds, default 10).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
work=$(mktemp -d)
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
port=${PORT:-18090}
build=${BUILD_PATH:-.build-release}

swift build -c release --build-path "$build" --product pacta >/dev/null
bin=$(swift build -c release --build-path "$build" --show-bin-path)
mkdir -p "$work/corpus"
cp corpus/entities.yaml "$work/corpus/"
# A multilateral treaty with 200 participants: 200 signatures and 200 ratifications, in force after 40.
"$bin/pacta" new bench-200 --kind multilateral --title "Benchmark convention" --parties FRA,DEU --adopted 2000-01-01 \
  --entry-into-force consents:40 --delay 30d --corpus "$work/corpus" >/dev/null
python3 - "$work/corpus/bench-200.yaml" <<'PY'
import sys
# 200 ISO 3166-1 alpha-3 codes of existing States (a fixed list, not a computed fact).
codes = """AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA BRN BGR BFA BDI
CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI CIV HRV CUB CYP CZE PRK COD DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ
ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ
KEN KIR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MCO MNG MNE MAR MOZ MMR
NAM NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT KOR MDA ROU RUS RWA KNA LCA VCT WSM
SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK THA TLS TGO TON TTO TUN TUR TKM
TUV UGA UKR ARE GBR TZA USA URY UZB VUT VEN VNM YEM ZMB ZWE""".split()[:200]
lines = []
for i, c in enumerate(codes):
    day = 1 + i % 28
    lines.append(f"  - {{id: b-sig-{c.lower()}, date: 2000-01-{1 + i % 28:02d}, type: signature, party: {c}}}")
    lines.append(f"  - {{id: b-rat-{c.lower()}, date: 2001-{1 + i % 12:02d}-{day:02d}, type: consent, form: ratification, party: {c}}}")
open(sys.argv[1], "a").write("\n".join(lines) + "\n")
PY
"$bin/pacta" check "$work/corpus" | tail -1
token=$("$bin/pacta" user add bench --role clerk --corpus "$work/corpus" | sed -n 2p)
"$bin/pacta" index --corpus "$work/corpus" >/dev/null
"$bin/pacta" serve --corpus "$work/corpus" --port "$port" >/dev/null 2>&1 &
server=$!
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/api/v1/openapi.json" >/dev/null && break; sleep 0.2; done
cat > "$work/post.lua" <<LUA
-- Each thread numbers its own requests; the step text is unique across threads.
local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("id", threads)
end
counter = 0
request = function()
  counter = counter + 1
  local body = string.format('{"type": "domestic-step", "party": "FRA", "date": "2002-01-01", "step": "benchmark %d-%d"}', id, counter)
  return wrk.format("POST", "/api/v1/treaties/bench-200/events", {["Authorization"] = "Bearer $token", ["Content-Type"] = "application/json"}, body)
end
responses = {}
response = function(status, headers, body)
  responses[status] = (responses[status] or 0) + 1
end
done = function(summary, latency, requests)
  io.write(string.format("     95%%   %.2fms\n", latency:percentile(95) / 1000))
  io.write(string.format("     99%%   %.2fms\n", latency:percentile(99) / 1000))
end
LUA
echo "--- POST /api/v1/treaties/bench-200/events: 10 connections, ${DURATION:-10} s"
[ -n "${PROFILE:-}" ] && (perf record -F 499 -g -p "$server" -o "$PROFILE" -- sleep 4 >/dev/null 2>&1 &)
wrk -t2 -c10 -d"${DURATION:-10}"s --latency -s "$work/post.lua" "http://127.0.0.1:$port" | grep -E "Requests/sec|requests in|Non-2xx|Latency|50%|90%|95%|99%"
kill "$server"; wait "$server" 2>/dev/null || true
echo "events in the file after the run: $(grep -c 'type: domestic-step' "$work/corpus/bench-200.yaml")"
"$bin/pacta" check "$work/corpus" | tail -1
