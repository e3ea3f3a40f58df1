#!/usr/bin/env bash
# The write benchmarks' treaty: `Benchmarks/bench-200.sh PACTA CORPUS` writes bench-200.yaml into the corpus
# folder CORPUS with the pacta binary PACTA: a multilateral treaty with 200 participants, 200 signatures and 200
# ratifications, in force after 40. Used by write-benchmark.sh and pg-benchmark.sh.
set -euo pipefail
"$1" new bench-200 --kind multilateral --title "Benchmark convention" --parties FRA,DEU --adopted 2000-01-01 \
  --entry-into-force consents:40 --delay 30d --corpus "$2" >/dev/null
python3 - "$2/bench-200.yaml" <<'PY'
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
