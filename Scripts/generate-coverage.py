#!/usr/bin/env python3
"""Generate docs/coverage.md: what the shipped corpus holds, by region and decade, what it still lacks, and
every disagreement between its dyad-year export and the ATOP/COW reference sample, with the reason.

Reads corpus/*.yaml (PyYAML), runs the built pacta binary for statuses and dyad-years, and the reference sample
in Tests/PactaFormatsTests/Fixtures/reference/atop-cow-sample.csv. ReferenceDataTests fails when the
disagreements listed here and those the export gives differ: run this script again after a corpus change.

Usage: swift build && python3 Scripts/generate-coverage.py > docs/coverage.md
"""

import collections
import csv
import glob
import json
import os
import subprocess

PACTA = os.environ.get("PACTA", ".build/debug/pacta")
ON = "2026-11-30"

# Regions of the States that appear in the corpus (UN geoscheme, with the former USSR and Europe apart).
REGIONS = {
    "Europe": "ALB AND AUT BEL BGR BIH CHE CSK CYP CZE DDR DEU DNK ESP EST FIN FRA GBR GRC HRV HUN IRL ISL ITA LIE LTU LUX LVA MCO MKD MLT MNE NLD NOR POL PRT ROU SMR SRB SVK SVN SWE TUR VAT YUG",
    "Former USSR": "SUN RUS ARM AZE BLR BYS GEO KAZ KGZ MDA TJK TKM UKR UZB",
    "Americas": "ARG ATG BHS BLZ BOL BRA BRB CAN CHL COL CRI CUB DMA DOM ECU GRD GTM GUY HND HTI JAM KNA LCA MEX NIC PAN PER PRY SLV SUR TTO URY USA VCT VEN",
    "Asia and the Pacific": "AFG AUS BGD BRN BTN CHN FJI FSM IDN IND JPN KHM KIR KOR LAO LKA MDV MHL MMR MNG MYS NPL NRU NZL PAK PHL PLW PNG PRK SGP SLB THA TLS TON TUV TWN VNM VUT WSM",
    "Middle East and North Africa": "ARE BHR DZA EGY IRN IRQ ISR JOR KWT LBN LBY MAR OMN PSE QAT SAU SDN SYR TUN YEM YMD",
    "Sub-Saharan Africa": "AGO BDI BEN BFA BWA CAF CIV CMR COD COG COM CPV DJI ERI ETH GAB GHA GIN GMB GNB GNQ KEN LBR LSO MDG MLI MOZ MRT MUS MWI NAM NER NGA RWA SEN SLE SOM SSD STP SWZ SYC TCD TGO TZA UGA ZAF ZMB ZWE",
}
REGION_OF = {code: region for region, codes in REGIONS.items() for code in codes.split()}
ALLIANCE = {"defense", "offense", "neutrality", "non-aggression", "consultation"}


def pacta(*args):
    out = subprocess.run([PACTA, *args], capture_output=True, text=True, check=True, env={**os.environ, "COLUMNS": "1000"})
    return json.loads(out.stdout)


def parties(treaty):
    codes = set(treaty.get("negotiating-states") or [])
    for event in treaty.get("events") or []:
        for key in ("party", "predecessor", "successor"):
            if isinstance(event.get(key), str):
                codes.add(event[key])
        codes.update(p for p in event.get("parties") or [] if isinstance(p, str))
    return {c for c in codes if not c.startswith("org:")}


# A treaty of a great power with others is filed under the others' region (the USSR's treaty with Poland under
# Europe, the US treaty with the Philippines under Asia and the Pacific).
GREAT = {"USA", "SUN", "RUS", "GBR", "FRA"}


def region(treaty):
    codes = parties(treaty)
    others = {c for c in codes if c not in GREAT} or codes
    found = collections.Counter(REGION_OF.get(c, "other") for c in others)
    found.pop("other", None)
    if not found:
        return "No parties recorded"
    top, count = found.most_common(1)[0]
    return top if count >= 0.6 * sum(found.values()) else "Across regions"


def load():
    treaties = []
    for path in sorted(glob.glob("corpus/*.yaml")):
        if os.path.basename(path) in ("entities.yaml", "regions.yaml", "corpus.yaml", "successions.yaml"):
            continue
        with open(path, encoding="utf-8") as handle:
            treaties.append(yaml_load(handle.read()))
    return treaties


def yaml_load(text):
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    # Dates stay text: the table prints them as written.
    Loader.yaml_implicit_resolvers = {k: [r for r in v if r[0] != "tag:yaml.org,2002:timestamp"] for k, v in Loader.yaml_implicit_resolvers.items()}
    return yaml.load(text, Loader=Loader)


# Known defence pacts the corpus does not hold yet, and why (the list the next corpus work starts from).
LACKING = [
    ("Inter-American and Commonwealth", "US Compacts of Free Association with the Marshall Islands, Micronesia and Palau (1986, 1994): defence authority and obligations", "not yet researched: signature days and the defence clause not found in the stored sources"),
    ("Europe", "Treaty of Guarantee (Cyprus, 1960); the 1953 Ankara treaty of friendship (Greece, Turkey, Yugoslavia)", "not yet researched (the Bled alliance of 1954 is in the corpus, without its entry into force)"),
    ("Europe", "UK–Poland (2025) and UK–Germany (Kensington, 2025) treaties with mutual-assistance clauses", "entry into force not established"),
    ("Former USSR", "Russia–Abkhazia and Russia–South Ossetia treaties of 2008, Russia–Tajikistan 1999, Russia–Kyrgyzstan 2000", "not yet researched; the two 2008 treaties bind entities without ISO 3166 codes"),
    ("Asia and the Pacific", "Sino-Mongolian treaty of 1960, USSR–Vietnam 1978, USSR–Afghanistan 1978, India–USSR 1971 (consultation), Australia–Indonesia 1995 and 2024, Australia–Papua New Guinea 2025 (Pukpuk Treaty), Five Power Defence Arrangements (not a treaty)", "not yet researched"),
    ("Middle East and North Africa", "Egypt–Syria 1955, Egypt–Jordan 1967, USSR–Egypt 1971, USSR–Iraq 1972, USSR–Syria 1980, Iran–Syria agreements", "not yet researched"),
    ("Sub-Saharan Africa", "France's defence agreements of the 1960s with Senegal, Gabon, Togo, the Central African Republic and the 1961 Côte d'Ivoire–Dahomey–Niger agreement; USSR–Angola 1976, USSR–Mozambique 1977, USSR–Ethiopia 1978", "the 1960s texts and their ends not found; the 2009–2012 French partnership treaties have no assistance clause (French Senate reports)"),
]

# Why the export and the reference data disagree, by dyad (first match wins).
REASONS = [
    (lambda d, y, c, t, m: c == "nonagg", "ATOP and COW code a non-aggression pledge where the parties renounce force against one another (often the treaty's first article, or the UN Charter language it repeats); the corpus codes the assistance and consultation articles of these treaties, not that pledge."),
    (lambda d, y, c, t, m: d == "200-220" and c == "offense", "ATOP codes the pledge of joint action in the Treaty of Dunkirk (1947) against a renewed German policy of aggression as an offensive pledge; the corpus codes it as defence, the duty arising on an attack."),
    (lambda d, y, c, t, m: c == "consul" and m == 1, "The corpus codes the treaty's consultation article (consult when a party is threatened) as an ATOP consultation pledge; the data set codes no consultation obligation for this dyad-year."),
    (lambda d, y, c, t, m: c == "neutrality" and m == 1, "The corpus codes the treaty's promise not to join alliances or actions aimed at the other party as neutrality; the data set does not code a neutrality pledge for this dyad-year."),
    (lambda d, y, c, t, m: d == "2-70", "Rio Treaty: Mexico's deposit of ratification is not in the corpus's file (record: partial), so Mexico is not shown as a party, and its withdrawal notice of 2002 has nothing to act on."),
    (lambda d, y, c, t, m: d == "2-713" and y == 1980, "US–ROC 1954: the treaty ended on 1980-01-01. Pacta counts a year only where the treaty binds both on a day of it, and the last such day is 1979-12-31; ATOP and COW count the year of termination."),
    (lambda d, y, c, t, m: d in ("365-370", "365-371"), "Collective Security Treaty: the data sets code this column for the dyad; the corpus's provisions of the treaty (arts. 2 and 4) do not give it."),
    (lambda d, y, c, t, m: d == "365-712", "USSR–Mongolia: the corpus holds the 1946 and 1966 treaties but no source for their entry into force was found (record: partial), so the export has no row; ATOP and COW date the alliance from signature."),
    (lambda d, y, c, t, m: d == "651-652", "Arab League Joint Defence Treaty: Egypt's and Syria's deposits are not in the corpus's file (record: partial), so they appear only as signatories."),
    (lambda d, y, c, t, m: d == "900-920", "ANZUS: the United States suspended its obligations to New Zealand in 1986, and ATOP ends New Zealand's membership then; the treaty itself stays in force between Australia and New Zealand (art. IV), which Pacta follows."),
    (lambda d, y, c, t, m: d == "2-800", "Manila Pact: COW codes SEATO as an entente; its art. IV(1) obliges each party to act to meet the common danger, coded as defence here as in ATOP."),
    (lambda d, y, c, t, m: d == "290-365" and y >= 1992, "Poland–Russia after the Warsaw Pact: the data sets code a later Polish–Russian pledge (the two States' treaty of 1992 is not in the corpus)."),
    (lambda d, y, c, t, m: True, "The treaty behind this pledge is not in the corpus, or its record lacks the acts that would put it in force that year (see the corpus listing above)."),
]


def reference():
    rows = collections.OrderedDict()
    with open("Tests/PactaFormatsTests/Fixtures/reference/atop-cow-sample.csv", newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["dataset"] == "COW" and row["alliance_id"]:
                continue
            a, b = sorted((int(row["ccode1"]), int(row["ccode2"])))
            key = (row["dataset"], a, b, int(row["year"]))
            flags = rows.setdefault(key, {})
            for column in ("defense", "offense", "neutrality", "nonagg", "consul"):
                if row[column] != "":
                    flags[column] = max(flags.get(column, 0), int(row[column]))
    return rows


def disagreements():
    years = {}
    found = []
    for (dataset, a, b, year), flags in reference().items():
        if year not in years:
            years[year] = {(r["ccode1"], r["ccode2"]): r for r in pacta("export", "dyads", "--from", str(year), "--to", str(year), "--format", "json")["rows"]}
        ours = years[year].get((a, b), {})
        for column, theirs in flags.items():
            mine = ours.get("neutral" if column == "neutrality" else column, 0)
            if theirs != mine:
                found.append((dataset, f"{a}-{b}", year, column, theirs, mine))
    return found


def main():
    treaties = load()
    listing = {row["id"]: row for row in pacta("list", "--on", ON, "--format", "json")}
    # An amending treaty's provisions are versions of the amended treaty's (`amends`), not pledges of its own.
    amending = [t for t in treaties if t.get("amends")]
    own = [t for t in treaties if not t.get("amends")]
    defence = [t for t in own if any(p.get("category") == "defense" for p in t.get("provisions") or [])]
    alliance = [t for t in own if any(p.get("category") in ALLIANCE for p in t.get("provisions") or [])]
    out = []
    w = out.append
    w("# What the corpus holds, and what it lacks")
    w("")
    w("Generated by `Scripts/generate-coverage.py` from the files in `corpus/` and the built `pacta`; do not edit by hand.")
    w(f"Statuses as on {ON}, the date the corpus's record runs to (`corpus/corpus.yaml`).")
    w("")
    w(f"- {len(treaties)} treaties; {len(alliance)} with an alliance pledge of an ATOP category; **{len(defence)} with a defence provision**; {len(amending)} amending {'treaty' if len(amending) == 1 else 'treaties'} ({', '.join(t['id'] for t in amending)}), whose provisions count as the amended treaty's.")
    partial = [t for t in treaties if t.get("record") == "partial"]
    w(f"- {len(partial)} have a partial record (`record: partial`): some acts are missing, and every answer that uses or leaves out such a treaty says so.")
    never = [t["id"] for t in alliance if listing[t["id"]]["entry-into-force"] is None]
    w(f"- {len(never)} alliance treaties have no date of entry into force in the corpus yet (neither computed nor documented): {', '.join(never) or 'none'}. `allies` and `scenario` name them in their caveats.")
    w("")
    w("## By region and decade of signature")
    w("")
    decades = list(range(1930, 2030, 10))
    table = collections.defaultdict(collections.Counter)
    for t in alliance:
        table[region(t)][int(str(t["adopted"]["date"])[:4]) // 10 * 10] += 1
    w("| region | " + " | ".join(f"{d}s" for d in decades) + " | all |")
    w("|---|" + "---:|" * (len(decades) + 1))
    for name in sorted(table):
        w(f"| {name} | " + " | ".join(str(table[name][d] or "") for d in decades) + f" | {sum(table[name].values())} |")
    w("")
    w("## The treaties")
    w("")
    for name in sorted(table):
        w(f"### {name}")
        w("")
        w("| treaty | signed | in force | ended | pledges | record |")
        w("|---|---|---|---|---|---|")
        for t in sorted((t for t in alliance if region(t) == name), key=lambda t: str(t["adopted"]["date"])):
            row = listing[t["id"]]
            cats = sorted({p["category"] for p in t.get("provisions") or [] if p.get("category") in ALLIANCE})
            title = (t.get("short-title") or {}).get("en") or t["titles"].get("en") or t["id"]
            w(f"| {title} (`{t['id']}`) | {t['adopted']['date']} | {row['entry-into-force'] or '–'} | {row['termination'] or '–'} | {', '.join(cats)} | {t.get('record', 'complete')} |")
        w("")
    w("## Known defence pacts the corpus still lacks")
    w("")
    w("| region | treaties | why not yet |")
    w("|---|---|---|")
    for name, what, why in LACKING:
        w(f"| {name} | {what} | {why} |")
    w("")
    w("## The dyad export against ATOP and COW")
    w("")
    w("`Tests/PactaFormatsTests/Fixtures/reference/atop-cow-sample.csv` holds a sample of dyad-years as ATOP 5.1 (directed")
    w("dyad-year file, via the peacesciencer package's copy) and COW Formal Alliances 4.1 (dyad-year flags, via the same")
    w("package before it removed them) code them; its README in the same folder gives each row's repository, path and")
    w("commit. Both data sets code a dyad-year from all the alliances the pair shares; the comparison takes Pacta's row for")
    w("the pair (all its treaties) and, for each data set, the OR of the sample's rows for the pair. COW has no offense")
    w("column. `ReferenceDataTests` fails where a disagreement appears that is not listed below, or one listed here is gone.")
    w("")
    groups = collections.OrderedDict()
    for dataset, dyad, year, column, theirs, mine in disagreements():
        for test, reason in REASONS:
            if test(dyad, year, column, theirs, mine):
                groups.setdefault(reason, []).append(f"- `{dataset} {dyad} {year} {column}: {dataset} {theirs}, Pacta {mine}`")
                break
    total = sum(len(v) for v in groups.values())
    w(f"{total} disagreements, by reason:")
    w("")
    for reason, lines in groups.items():
        w(f"**{reason}**")
        w("")
        out.extend(lines)
        w("")
    print("\n".join(out))


if __name__ == "__main__":
    main()
