#!/usr/bin/env python3
"""Generate Tests/PactaCoreTests/Fixtures/russian-stems.tsv: Russian words and their Snowball stems.

The stems come from the reference implementation of the Snowball algorithms (PyPI `snowballstemmer`,
BSD licence), so that the Swift RussianStemmer is checked against it. The words are every Russian word of
the shipped corpus, plus the inflected forms below of a few words the corpus uses.

Usage: pip install snowballstemmer && python3 Scripts/generate-russian-stems.py > Tests/PactaCoreTests/Fixtures/russian-stems.tsv
"""

import glob
import re
import sys

import snowballstemmer

EXTRA = """
военная военной военную военные военных военным военными военном военное
помощь помощи помощью помощам помощей
договор договора договору договором договоре договоры договоров договорам договорами договорах
государство государства государству государством государстве государств государствам государствами
нападение нападения нападению нападением нападении нападений
оказывать оказывает оказывают оказал оказала оказали окажет окажут оказывая оказавшись
обязательство обязательства обязательств обязательствами
ратифицировать ратифицировала ратифицировал ратифицирован ратифицированный ратификация ратификации
союзный союзная союзного союзному союзником союзники союзников
безопасность безопасности коллективной коллективная коллективный
сторона стороны сторон сторонам сторонами стороне
вступает вступил вступила вступление вступления вступлении силу
наибольший наибольшая красивейший красивейшая
""".split()


def words():
    found = set(EXTRA)
    for path in glob.glob("corpus/*.yaml"):
        text = open(path, encoding="utf-8").read().lower().replace("ё", "е")
        found.update(w for w in re.findall(r"[а-я]+", text) if len(w) > 3)
    return sorted(found)


def main():
    stemmer = snowballstemmer.stemmer("russian")
    out = sys.stdout
    out.write("# word\tstem (Snowball russian, PyPI snowballstemmer %s)\n" % getattr(snowballstemmer, "__version__", "?"))
    for word in words():
        out.write("%s\t%s\n" % (word, stemmer.stemWord(word)))


if __name__ == "__main__":
    main()
