"""Case restoration for all-capitals wire copy ("SAN SALVADOR, 4 JAN 90 -- ...").

spaCy's taggers, parsers and entity recognisers are trained on ordinary case; on text in
capitals they see every word as a proper noun.  The text is lower-cased character by
character (so every offset still points at the same character of the original), then
sentence starts and the words our lexicons know as names (countries, demonyms, armed
groups, people, gazetteer places) get their capital back.
"""

from __future__ import annotations

import re

from eventwire.actors.lexicon import get_lexicon
from eventwire.places import get_gazetteer

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_SENTENCE_END = re.compile(r"([.!?]|\n\s*\n|--)\s*$")


def needs_truecasing(text: str, threshold: float = 0.6) -> bool:
    letters = [c for c in text[:4000] if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) > threshold * len(letters)


def _lower(text: str) -> str:
    # Character by character, keeping the length: "İ".lower() is two characters.
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _is_name(word: str, lang: str) -> bool:
    lex = get_lexicon(lang)
    entry = lex.phrase(word)
    # French writes nationality adjectives in lower case ("les soldats turcs").
    if (
        entry is not None
        and entry.kind != "sector"
        and not (lang == "fr" and entry.kind == "demonym")
    ):
        return True
    if lang == "en" and lex.demonym(word):
        return True
    places = get_gazetteer().lookup(word)
    return bool(places) and places[0].feature in ("country", "capital", "admin1", "region")


def truecase(text: str, lang: str = "en") -> str:
    """The text in ordinary case, same length, names and sentence starts capitalised."""
    lowered = _lower(text)
    out = list(lowered)
    cache: dict[str, bool] = {}
    for m in _WORD.finditer(lowered):
        word = m.group(0)
        start = m.start()
        sentence_start = start == 0 or bool(
            _SENTENCE_END.search(lowered[max(0, start - 40) : start])
        )
        if word not in cache:
            cache[word] = len(word) > 1 and _is_name(word, lang)
        if sentence_start or cache[word] or (lang == "en" and word == "i"):
            out[start] = out[start].upper()
    return "".join(out)
