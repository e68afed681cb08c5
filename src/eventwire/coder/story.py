"""The country a story is about, for the generic parties that name none of their own.

"The army", "les policiers", "the government", "rebels" are the army, police, government and
rebels of the country the story is about, when one country clearly dominates it: counted over
its places (as the story settles them) and its nationality words. A story shared between two
countries (a war, a border clash, a summit) has no such country, and its generic parties stay
without one rather than take the wrong side.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc

from eventwire.actors.lexicon import COUNTRY_SPECIAL, get_lexicon
from eventwire.resolve.places import find_places, settle
from eventwire.tokens import doc_words, sentences_of

_KEY = "eventwire.story_country"
# A country dominates a story when it has this many mentions and at least twice as many as
# the next one.
MIN_MENTIONS = 3
RATIO = 2.0

# Sectors whose unnamed parties belong to the story's country. Unidentified attackers (UAF)
# and refugees (REF, from elsewhere by definition) do not; rebels do only when their head
# noun is not one of the transnational labels below.
GENERIC_SECTORS = frozenset(
    {"GOV", "MIL", "COP", "JUD", "LEG", "CVL", "OPP", "REB", "CRM", "PTY", "LAB", "EDU", "REL",
     "BUS", "AGR", "JRN", "MED", "SPY", "ELI"}
)  # fmt: skip
# Labels of armed men that often cross borders: "jihadists" of a Malian story are as often
# of a transnational group as Malian (PLOVER codes them IMG when named).
TRANSNATIONAL = frozenset(
    {"jihadist", "jihadiste", "djihadiste", "islamist", "islamiste", "terrorist", "terroriste",
     "militant", "mercenary", "mercenaire", "extremist", "extrémiste", "combattant", "fighter",
     "kamikaze", "bomber"}
)  # fmt: skip


def story_country(doc: Doc) -> tuple[str | None, str]:
    """The dominant country of a story and why (None and "" when there is none); computed
    once per parsed document."""
    cached = doc.user_data.get(_KEY)
    if cached is None:
        cached = _dominant(doc)
        doc.user_data[_KEY] = cached
    return cached


def _dominant(doc: Doc) -> tuple[str | None, str]:
    lang = doc.lang_
    try:
        lex = get_lexicon(lang)
    except ValueError:
        return None, ""
    votes: Counter[str | None] = Counter()
    for tok in doc_words(doc).tokens:
        if tok.pos_ in ("ADJ", "NOUN", "PROPN") and (code := lex.demonym(tok.text)):
            votes[code] += 1
    by_sentence = {sent.start: find_places(sent, (), lang) for sent in sentences_of(doc)}
    settled, _context, _home = settle(by_sentence, False, doc, set(votes))
    for places in settled.values():
        # a country's own name counts for it even when the gazetteer prefers a namesake
        # region ("Niger", the Nigerian state)
        votes.update(lex.country_name(p.text) or p.place.country for p in places)
    votes.pop(None, None)
    for code in COUNTRY_SPECIAL:
        if code != "KOS":
            votes.pop(code, None)  # the EU or the UN is no country a police force is of
    ranked = votes.most_common(2)
    if not ranked:
        return None, ""
    top, count = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0
    if count < MIN_MENTIONS or count < RATIO * second:
        return None, ""
    return top, f"{count} mentions of its places and nationality against {second} for any other"


def generic(sector: str | None, head_lemma: str) -> bool:
    """Whether an unnamed party of this sector and head noun takes the story's country."""
    return sector in GENERIC_SECTORS and head_lemma not in TRANSNATIONAL
