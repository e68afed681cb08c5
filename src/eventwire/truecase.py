"""Case restoration for all-capitals wire copy ("SAN SALVADOR, 4 JAN 90 -- ...").

spaCy's taggers, parsers and entity recognisers are trained on ordinary case; on text in
capitals they see every word as a proper noun.  The text is lower-cased character by
character (so every offset still points at the same character of the original), then
sentence starts and the words our lexicons know as names (countries, demonyms, armed
groups, people, gazetteer places) get their capital back.
"""

from __future__ import annotations

import importlib
import re
from functools import lru_cache
from itertools import pairwise

from eventwire.actors.lexicon import get_lexicon
from eventwire.places import common_words, get_gazetteer

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_SENTENCE_END = re.compile(r"([.!?]|\n\s*\n|--)\s*$")


def needs_truecasing(text: str, threshold: float = 0.6) -> bool:
    letters = [c for c in text[:4000] if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) > threshold * len(letters)


def _lower(text: str) -> str:
    # Character by character, keeping the length: "İ".lower() is two characters.
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


@lru_cache(maxsize=4)
def _stop_words(lang: str) -> frozenset[str]:
    module = importlib.import_module(f"spacy.lang.{lang}.stop_words")
    return frozenset(module.STOP_WORDS)


@lru_cache(maxsize=200_000)
def _is_name(word: str, lang: str) -> bool:
    if word in _stop_words(lang):
        return False  # "all of us" is no country
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
    if not places or (word in common_words() and places[0].feature != "country"):
        return False  # "capital", "union", "south": ordinary words first
    return places[0].feature in ("country", "capital", "admin1", "region")


@lru_cache(maxsize=200_000)
def _multiword_name(phrase: str, lang: str) -> bool:
    entry = get_lexicon(lang).phrase(phrase)
    if entry is not None and entry.kind not in ("sector", "demonym"):
        return True
    places = get_gazetteer().lookup(phrase)
    return bool(places) and (places[0].population >= 20000 or places[0].feature != "city")


# Words that neither start nor end a multiword name, and words that never join one.
_FUNCTION = {
    "of", "the", "and", "in", "on", "at", "to", "for", "a", "an", "by", "with", "de", "du",
    "des", "et", "à", "au", "aux", "en", "dans", "sur", "par", "pour", "avec", "un", "une",
}  # fmt: skip
_JOINERS = {"of", "the", "and", "in", "on", "at", "to", "for", "a", "an", "by", "with", "et"}
_ACRONYM = re.compile(r"\(([^\W\d_]{2,6}(?:-[^\W\d_]{2,6})?)\)")
# "u.s.", "u.n.": single letters with full stops are an acronym, and no sentence ends there.
_DOTTED = re.compile(r"\b(?:[^\W\d_]\.){2,}")
_AFTER_DOTTED = re.compile(r"\b(?:[^\W\d_]\.){2,}\s*$")


def truecase(text: str, lang: str = "en") -> str:
    """The text in ordinary case, same length, names and sentence starts capitalised."""
    lowered = _lower(text)
    out = list(lowered)
    words = list(_WORD.finditer(lowered))
    # Multiword names first ("guatemala city", "el salvador", "national revolutionary movement").
    for size in (4, 3, 2):
        for i in range(len(words) - size + 1):
            group = words[i : i + size]
            if any(lowered[a.end() : b.start()].strip() for a, b in pairwise(group)):
                continue  # a comma or a full stop between two words ends a name
            texts = [w.group(0) for w in group]
            if texts[0] in _FUNCTION or texts[-1] in _FUNCTION or any(t in _JOINERS for t in texts):
                continue  # "of the salvadoran" is no name ("Of" is a town in Turkey)
            if _multiword_name(" ".join(texts), lang):
                for w in group:
                    if len(w.group(0)) > 2 or w is group[0]:
                        out[w.start()] = out[w.start()].upper()
    # "(fmln)", "(acan-efe)": short words in brackets are acronyms.
    for m in _ACRONYM.finditer(lowered):
        out[m.start(1) : m.end(1)] = list(m.group(1).upper())
    for m in _DOTTED.finditer(lowered):
        out[m.start() : m.end()] = list(m.group(0).upper())
    for m in words:
        word = m.group(0)
        start = m.start()
        before = lowered[max(0, start - 40) : start]
        sentence_start = start == 0 or (
            bool(_SENTENCE_END.search(before)) and not _AFTER_DOTTED.search(before)
        )
        name = len(word) > 1 and _is_name(word, lang)
        if sentence_start or name or (lang == "en" and word == "i"):
            out[start] = out[start].upper()
    return "".join(out)
