"""Folding of place names into look-up keys.

The folding is the one ``shared/eval/FORMAT.md`` scores ``location.name`` with (Unicode NFKD,
accents dropped, lower case, hyphens and apostrophes turned into spaces, the words al, el, l,
le, la, les, the dropped), made a little coarser so that typography does not split keys:
typographic apostrophes and dashes count as apostrophes and hyphens, letters that NFKD does not
decompose (œ, ø, ł, ß...) are spelt out, abbreviation dots vanish ("U.S." and "US" meet) and
other punctuation separates words.  Two names that FORMAT.md folds to the same string always get
the same key here.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# The words FORMAT.md drops (Arabic, French and English articles).
ARTICLES: frozenset[str] = frozenset({"al", "el", "l", "le", "la", "les", "the"})
# Those that French and English grammar puts before a country or region name ("la Syrie",
# "the Sahel"), as opposed to an article that is part of a name ("El Salvador", "Al Bab").
GRAMMATICAL_ARTICLES: frozenset[str] = frozenset({"l", "le", "la", "les", "the"})

# Apostrophe-like and hyphen-like characters, including the Arabic transliteration marks ʿ and ʾ
# that GeoNames names carry ("Ṣanʿāʾ"), so that they fold like the ASCII apostrophe.
_APOSTROPHES = "'’‘‛`´ʹʻʼʽʾʿ′"
_HYPHENS = "-‐‑‒–—―−﹣－"

# Letters that NFKD leaves alone but that readers of French and English write without the mark.
_LETTERS = {
    "œ": "oe",
    "æ": "ae",
    "ø": "o",
    "ł": "l",
    "đ": "d",
    "ð": "d",
    "þ": "th",
    "ß": "ss",
    "ı": "i",
    "ħ": "h",
    "ŧ": "t",
}

_SEPARATORS = str.maketrans({c: " " for c in _APOSTROPHES + _HYPHENS})
_LETTER_TABLE = str.maketrans(_LETTERS)
# Combining marks (the accents NFKD splits off) of the Basic Multilingual Plane, deleted by
# str.translate, which is much faster than testing each character.
_MARKS = dict.fromkeys(c for c in range(0x10000) if unicodedata.combining(chr(c)))
# A dot inside or after an abbreviation ("U.S.", "St.") goes away; other punctuation separates.
_DOTS = re.compile(r"\.")
_PUNCTUATION = re.compile(r"[^\w\s]|_")
_ASCII_PUNCTUATION = str.maketrans(
    {c: ("" if c == "." else " ") for c in map(chr, range(128)) if _PUNCTUATION.match(c)}
)
_NONE: frozenset[str] = frozenset()


@lru_cache(maxsize=1 << 16)
def _fold(name: str) -> tuple[tuple[str, ...], frozenset[str]]:
    text = name.translate(_SEPARATORS)
    if text.isascii():
        text = text.lower()
    else:
        text = unicodedata.normalize("NFKD", text).translate(_MARKS).casefold()
        if not text.isascii():
            text = text.translate(_LETTER_TABLE)
    if text.isascii():
        text = text.translate(_ASCII_PUNCTUATION)
    else:
        text = _PUNCTUATION.sub(" ", _DOTS.sub("", text))
    words = tuple(text.split())
    kept = tuple(w for w in words if w not in ARTICLES)
    if len(kept) == len(words):
        return words, _NONE
    return kept, frozenset(w for w in words if w in ARTICLES)


def normalise(name: str) -> str:
    """The look-up key of a place name: "al-Bab", "Al Bāb", "AL BAB", "el Bab" -> "bab"."""
    return " ".join(_fold(name)[0])


def normalise_with_article(name: str) -> tuple[str, frozenset[str]]:
    """The key of ``name`` and the articles dropped to get it.

    They let the gazetteer tell "Salvador" (a city in Brazil) from "El Salvador" (the
    country), which fold to the same key.
    """
    words, dropped = _fold(name)
    return " ".join(words), dropped
