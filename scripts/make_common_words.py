"""Write src/eventwire/data/places/common_words.tsv: one-word gazetteer names that are also
frequent ordinary words in English or French ("Downtown", an alternate name of Diego Garcia;
"Area", one of Mundelein, Illinois; "Capital", Venezuela's federal district).

Run by hand when the gazetteer's sources change; it needs the frequency lists of `wordfreq`
(`pip install wordfreq`), which eventwire itself does not install:

    .venv/bin/python scripts/make_common_words.py
"""

from __future__ import annotations

from pathlib import Path

from wordfreq import zipf_frequency

from eventwire.places.gazetteer import MATCH_ALTERNATE, build_index

# Zipf 4 is about once in every 10,000 words of running text ("allah", "salvador" and
# "rodriguez" stay under it; "area", "aim", "angle", "downtown" are over it).
THRESHOLD = 4.0
OUT = Path(__file__).parent.parent / "src/eventwire/data/places/common_words.tsv"
HEADER = """\
# One-word place names that are also frequent ordinary words of English or French (wordfreq
# Zipf frequency >= 4.0, about once in 10,000 words), made by scripts/make_common_words.py from
# the gazetteer at 1,000 people and over.  The gazetteer does not index such a word when it is
# only an alternate name of a place ("Downtown" for Diego Garcia, "Area" for Mundelein), and the
# truecaser never capitalises one on its own in all-capitals copy ("CAPITAL", "UNION").
# Columns (tab-separated):
#   word     the folded name (lower case, no accents)
#   zipf     the higher of its English and French Zipf frequencies
#   primary  "yes" when the word is the main name of some place (kept in the index), else "no"
word\tzipf\tprimary
"""


def main() -> None:
    index = build_index(1000, version="common-words")
    rows = []
    for key, codes in index["aliases"].items():
        if " " in key or not key.isalpha():
            continue
        zipf = max(zipf_frequency(key, "en"), zipf_frequency(key, "fr"))
        if zipf < THRESHOLD:
            continue
        entries = codes if isinstance(codes, tuple) else (codes,)
        primary = any((code >> 3) & 3 != MATCH_ALTERNATE for code in entries)
        rows.append(f"{key}\t{zipf:.2f}\t{'yes' if primary else 'no'}")
    OUT.write_text(HEADER + "\n".join(sorted(rows)) + "\n", encoding="utf-8")
    print(f"{len(rows)} words written to {OUT}")


if __name__ == "__main__":
    main()
