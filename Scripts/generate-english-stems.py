#!/usr/bin/env python3
"""Generate Tests/PactaCoreTests/Fixtures/english-stems.tsv: English words and their Snowball (Porter2) stems.

The stems come from the reference implementation of the Snowball algorithms (PyPI `snowballstemmer`, BSD
licence), so that the Swift EnglishStemmer is checked against it. The words are every English word of the shipped
corpus, plus the words below that exercise the algorithm's special cases.

Usage: pip install snowballstemmer && python3 Scripts/generate-english-stems.py > Tests/PactaCoreTests/Fixtures/english-stems.tsv
"""

import glob
import re
import sys

import snowballstemmer

EXTRA = """
assistance assisting assisted assists consign consigned consigning consignment generous generously generate
generation communism community arsenal caresses ponies ties cries gas gaps kiwis this feed agreed plastered
bled motoring sing luxuriate hopping hoping filing happy sky news dying lying early only singly gently idly
ugly inning outing canning proceed exceed succeed relational conditional rational valenci hesitanci digitizer
conformabli radicalli differentli vileli analogousli vietnamization predication operator feudalism
decisiveness hopefulness callousness formaliti sensitiviti sensibiliti triplicate formative formalize
electriciti electrical hopeful goodness revival allowance inference airliner gyroscopic adjustable defensible
irritant replacement adjustment dependent adoption homologou communism activate angulariti homologous
effective bowdlerize probate rate cease controll roll reply replied replying cried dye dyed eyed
""".split()


def words():
    found = set(EXTRA)
    for path in glob.glob("corpus/*.yaml"):
        text = open(path, encoding="utf-8").read().lower()
        found.update(w for w in re.findall(r"[a-z']+", text) if len(w) > 2 and not w.startswith("'"))
    return sorted(found)


def main():
    stemmer = snowballstemmer.stemmer("english")
    out = sys.stdout
    out.write("# word\tstem (Snowball english, PyPI snowballstemmer)\n")
    for word in words():
        out.write("%s\t%s\n" % (word, stemmer.stemWord(word)))


if __name__ == "__main__":
    main()
