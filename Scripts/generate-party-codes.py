#!/usr/bin/env python3
"""Generate Sources/PactaCore/Parties/PartyCodeTable+Rows.swift from Debian iso-codes.

Reads the ISO 3166-1 (current countries) and ISO 3166-3 (former countries)
JSON data shipped by the Debian `iso-codes` package, plus its gettext
translation catalogues, and emits a Swift extension holding one
tab-separated row per country code.

Usage:
    python3 Scripts/generate-party-codes.py            # write to stdout
    python3 Scripts/generate-party-codes.py OUT.swift  # write to OUT.swift

Standard library only.
"""

import gettext
import json
import os
import subprocess
import sys

ISO_CODES_JSON_DIR = "/usr/share/iso-codes/json"
LOCALE_DIR = "/usr/share/locale"

# (language tag used in the Swift table, gettext locale name)
TRANSLATIONS = [
    ("ru", "ru"),
    ("ko", "ko"),
    ("zh-Hans", "zh_CN"),
    ("zh-Hant", "zh_TW"),
    ("fr", "fr"),
    ("ja", "ja"),
    ("de", "de"),
]
LANGUAGES = ["en"] + [tag for tag, _ in TRANSLATIONS]


def warn(message):
    print("warning: " + message, file=sys.stderr)


def iso_codes_version():
    try:
        result = subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", "iso-codes"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            check=False,
            text=True,
        )
    except OSError:
        return "unknown"
    version = result.stdout.strip()
    if result.returncode != 0 or not version:
        return "unknown"
    return version


def load_json(name, key):
    path = os.path.join(ISO_CODES_JSON_DIR, name)
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)[key]


class Catalogue:
    """Looks up translations in one gettext domain for one locale.

    A missing translation yields "" (not the English msgid), so the Swift
    side can tell "no translation" apart from "translation equals English".
    """

    def __init__(self, domain, locale):
        self.domain = domain
        self.locale = locale
        try:
            self.translation = gettext.translation(
                domain, LOCALE_DIR, languages=[locale]
            )
        except OSError:
            warn("no %s catalogue for locale %s" % (domain, locale))
            self.translation = None

    def lookup(self, msgid):
        if self.translation is None or not msgid:
            return ""
        translated = self.translation.gettext(msgid)
        if translated != msgid:
            return translated
        # gettext returns the msgid both when the entry is missing and when
        # the translation is identical to it (e.g. German "Afghanistan").
        # The catalogue dictionary distinguishes the two.
        catalog = getattr(self.translation, "_catalog", None)
        if isinstance(catalog, dict) and catalog.get(msgid):
            return translated
        return ""


def clean(text, what):
    """Make a field safe for a tab-separated row inside a #\"\"\"...\"\"\"# literal."""
    text = " ".join(str(text).replace("\u2028", " ").replace("\u2029", " ").split())
    # Inside a raw string with one '#', `"""#` would end the literal and
    # `\#` would start an escape / interpolation. Neither occurs in the data;
    # refuse rather than emit a broken file if that ever changes.
    if '"""#' in text or "\\#" in text:
        sys.exit("error: %s contains a sequence that cannot appear in the raw "
                 "string literal: %r" % (what, text))
    return text


def main(argv):
    version = iso_codes_version()

    current = load_json("iso_3166-1.json", "3166-1")
    former = load_json("iso_3166-3.json", "3166-3")

    catalogues = {
        domain: [Catalogue(domain, locale) for _, locale in TRANSLATIONS]
        for domain in ("iso_3166-1", "iso_3166-3")
    }

    rows = {}

    for entry in current:
        alpha3 = entry["alpha_3"]
        if alpha3 in rows:
            warn("duplicate ISO 3166-1 alpha-3 code %s skipped" % alpha3)
            continue
        name = entry["name"]
        english = entry.get("common_name") or name
        names = [english] + [c.lookup(name) for c in catalogues["iso_3166-1"]]
        rows[alpha3] = [
            alpha3,
            entry.get("alpha_2", ""),
            entry.get("numeric", ""),
            "0",
            "",
        ] + names

    current_codes = set(rows)
    for entry in former:
        alpha3 = entry.get("alpha_3", "")
        alpha4 = entry.get("alpha_4", "?")
        if len(alpha3) != 3:
            warn("ISO 3166-3 %s (%s) has no 3-letter former alpha-3 code; skipped"
                 % (alpha4, entry.get("name", "")))
            continue
        if alpha3 in current_codes:
            warn("ISO 3166-3 %s (%s): former alpha-3 %s is a current ISO 3166-1 "
                 "code; skipped" % (alpha4, entry.get("name", ""), alpha3))
            continue
        if alpha3 in rows:
            warn("ISO 3166-3 %s (%s): duplicate former alpha-3 %s; skipped"
                 % (alpha4, entry.get("name", ""), alpha3))
            continue
        name = entry["name"]
        names = [name] + [c.lookup(name) for c in catalogues["iso_3166-3"]]
        rows[alpha3] = [
            alpha3,
            entry.get("alpha_2", ""),
            entry.get("numeric", ""),
            "1",
            entry.get("withdrawal_date", ""),
        ] + names

    lines = []
    for alpha3 in sorted(rows):
        fields = [clean(f, "%s field" % alpha3) for f in rows[alpha3]]
        lines.append("\t".join(fields))

    languages = ", ".join('"%s"' % tag for tag in LANGUAGES)
    out = []
    out.append("// swift-format-ignore-file")
    out.append("// Generated by Scripts/generate-party-codes.py from Debian "
               "iso-codes %s. Do not edit by hand." % version)
    out.append("// Regenerate: python3 Scripts/generate-party-codes.py > "
               "Sources/PactaCore/Parties/PartyCodeTable+Rows.swift")
    out.append("")
    out.append("extension PartyCodeTable {")
    out.append("    /// Tab-separated rows: alpha3, alpha2, numeric, former (0 or 1), "
               "withdrawal date (ISO or empty), then names in `languages` order.")
    out.append("    static let languages = [%s]" % languages)
    out.append('    static let rows = #"""')
    out.extend(lines)
    out.append('"""#')
    out.append("}")
    text = "\n".join(out) + "\n"

    if len(argv) > 1:
        path = argv[1]
        directory = os.path.dirname(path)
        if directory:
            os.makedirs(directory, exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    else:
        sys.stdout.reconfigure(encoding="utf-8", newline="\n")
        sys.stdout.write(text)

    print("%d rows (%d current, %d former)"
          % (len(rows), len(current_codes), len(rows) - len(current_codes)),
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
