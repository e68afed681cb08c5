"""Place mentions in a sentence, resolved against the offline gazetteer, and an event's location."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from eventwire.places import Place, get_gazetteer
from eventwire.records import Location
from eventwire.resolve.dates import date_words

_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_PRECISION = {"country": "country", "admin1": "region", "region": "region"}
PRECISION_RANK = {"place": 0, "region": 1, "country": 2}
_MAX_WORDS = 4


@dataclass
class PlaceMention:
    start: int
    end: int
    text: str
    place: Place
    candidates: int
    reason: str
    options: tuple[Place, ...] = ()  # every gazetteer candidate, for re-ranking in context

    @property
    def precision(self) -> str:
        return _PRECISION.get(self.place.feature, "place")


# Places do not speak: the subject of these verbs is a person or a body even when a town
# bears the name ("Morales said").
_SPEECH = {
    "say", "tell", "announce", "state", "declare", "add", "claim", "deny", "stress", "report",
    "dire", "déclarer", "annoncer", "affirmer", "ajouter", "indiquer", "préciser", "souligner",
}  # fmt: skip
# Entities that are not places even when a town bears their name ("March", "Police").
_NOT_PLACE_LABELS = {"DATE", "TIME", "PERSON", "PER", "ORG", "NORP", "MONEY", "CARDINAL", "ORDINAL"}


def _candidates_spans(sent: Span, lang: str) -> list[Span]:
    spans = [e for e in sent.ents if e.label_ in _PLACE_LABELS]
    seen = {(e.start, e.end) for e in spans}
    toks = list(sent)
    calendar = date_words(lang)
    for i, tok in enumerate(toks):
        if not (tok.pos_ == "PROPN" or tok.is_title) or i == 0 or tok.is_sent_start:
            continue  # a capitalised first word is no evidence of a name
        if (
            tok.ent_type_ in _NOT_PLACE_LABELS
            or tok.lower_ in calendar.months
            or f"{tok.lower_}." in calendar.months  # "13 avr (AFP)"
            or tok.lower_ in calendar.weekdays
        ):
            continue
        for size in range(_MAX_WORDS, 0, -1):
            if i + size > len(toks):
                continue
            span = sent.doc[tok.i : tok.i + size]
            # A name runs over words, hyphens and apostrophes ("al-Bab", "Côte d'Ivoire"),
            # not over commas, and ends on a capitalised word.
            if any(t.is_punct and t.text not in ("-", "'", "’") for t in span):
                continue
            if (
                not (span[-1].pos_ == "PROPN" or span[-1].is_title)
                or (span.start, span.end) in seen
            ):
                continue
            spans.append(span)
            seen.add((span.start, span.end))
    return spans


def find_places(sent: Span, context: Collection[str] = (), lang: str = "en") -> list[PlaceMention]:
    """Gazetteer places named in a sentence, longest name first, never overlapping."""
    gaz = get_gazetteer()
    found: list[PlaceMention] = []
    taken: set[int] = set()
    spans = _candidates_spans(sent, lang)
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        while len(span) > 1 and (span[-1].is_punct or span[-1].is_space):
            span = span[:-1]
        if (
            span[0].is_punct
            or span[0].is_space
            or any(i in taken for i in range(span.start, span.end))
        ):
            continue
        candidates = gaz.lookup(span.text)
        if not candidates:
            continue
        if span.root.dep_ in ("nsubj", "nsubjpass") and span.root.head.lemma_ in _SPEECH:
            continue  # "Morales said": whoever speaks is a person or a body, not a place
        is_ent = any(e.start == span.start and e.end == span.end for e in sent.ents)
        if (
            not is_ent
            and candidates[0].feature not in ("country", "capital", "region")
            and span[0].pos_ != "PROPN"
        ):
            continue
        best = gaz.rank(candidates, context_countries=context)[0]
        taken.update(range(span.start, span.end))
        why = f"{span.text!r} → {best.name} ({best.feature}, {best.country or 'several countries'})"
        if len(candidates) > 1:
            why += f", best of {len(candidates)} candidates"
            if context:
                why += " given the countries named in the story"
        found.append(
            PlaceMention(
                span.start, span.end, span.text, best, len(candidates), why, tuple(candidates)
            )
        )
    return sorted(found, key=lambda p: p.start)


def rerank(mentions: list[PlaceMention], context: Collection[str]) -> list[PlaceMention]:
    """The same mentions with their best candidate chosen again given the story's countries
    (so that a story's places are looked up once, not once per pass)."""
    if not context:
        return mentions
    gaz = get_gazetteer()
    out = []
    for m in mentions:
        if len(m.options) < 2:
            out.append(m)
            continue
        best = gaz.rank(list(m.options), context_countries=context)[0]
        why = (
            f"{m.text!r} → {best.name} ({best.feature}, {best.country or 'several countries'}),"
            f" best of {len(m.options)} candidates given the countries named in the story"
        )
        out.append(PlaceMention(m.start, m.end, m.text, best, m.candidates, why, m.options))
    return out


def to_location(mention: PlaceMention, doc: Doc, how: str, text: str | None = None) -> Location:
    place = mention.place
    span = doc[mention.start : mention.end]
    written = (text or doc.text)[span.start_char : span.end_char]
    return Location(
        name=written,
        canonical=place.name,
        country=place.country or None,
        admin1=place.admin1,
        lat=place.lat,
        lon=place.lon,
        geonames_id=place.geonames_id,
        precision=mention.precision,
        start=span.start_char,
        end=span.end_char,
        reason=f"{mention.reason}; {how}",
    )


def event_place(trigger: Token, places: list[PlaceMention]) -> tuple[PlaceMention, str] | None:
    """The place of an event: the most specific place in its clause, else in its sentence."""
    if not places:
        return None
    clause = {t.i for t in trigger.subtree}
    gov = trigger.head
    if gov.i != trigger.i:
        for child in gov.children:
            if child.dep_.startswith("obl") or child.dep_ in ("prep", "nmod", "advmod"):
                clause |= {t.i for t in child.subtree}
    inside = [p for p in places if any(i in clause for i in range(p.start, p.end))]
    pool, how = (
        (inside, "named in the event's clause")
        if inside
        else (places, "named in the same sentence")
    )
    best = min(pool, key=lambda p: (PRECISION_RANK[p.precision], abs(p.start - trigger.i)))
    return best, f"{how}, most specific ({best.precision})"
