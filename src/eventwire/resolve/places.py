"""Place mentions in a sentence, resolved against the offline gazetteer, and an event's location."""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from eventwire.actors.lexicon import get_lexicon
from eventwire.places import Place, common_words, get_gazetteer, normalise
from eventwire.records import Location
from eventwire.resolve.dates import date_words
from eventwire.tokens import words_of

_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_PRECISION = {"country": "country", "admin1": "region", "region": "region"}
PRECISION_RANK = {"place": 0, "region": 1, "country": 2}
_MAX_WORDS = 4
_MODIFIER = {"compound", "amod", "nmod:poss", "poss"}
_BEFORE_MODIFIER = {"nmod"}  # English "U.S. negotiators"; French "ville de X" is an nmod after


@dataclass
class PlaceMention:
    start: int
    end: int
    text: str
    place: Place
    candidates: int
    reason: str
    options: tuple[Place, ...] = ()  # every gazetteer candidate, for re-ranking in context
    entity: bool = False  # the parser's entity recogniser also saw a place there
    locality: bool = False  # framed as a part of a town ("the Escalon neighborhood")
    dateline: bool = False  # the place of the story's dateline ("SANTIAGO, 15 MAY 90 --")
    # A noun standing for a place ("this capital"): where the story names it, else its name.
    named_at: tuple[int, int] | None = None
    written: str | None = None
    anchored: bool = False  # the text says what it lies in ("Houla, dans le sud du Liban")

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


_ENTS_KEY = "eventwire.ents"


def sentence_ents(sent: Span) -> list[Span]:
    """The entities of a sentence. ``Span.ents`` rebuilds every entity of the whole document
    on each call, which made a long text's coding quadratic; the document's are listed once,
    in order, and cut by the sentence's bounds."""
    doc = sent.doc
    cached = doc.user_data.get(_ENTS_KEY)
    if cached is None:
        ents = list(doc.ents)
        cached = ([e.start for e in ents], ents)
        doc.user_data[_ENTS_KEY] = cached
    starts, ents = cached
    lo = bisect.bisect_left(starts, sent.start)
    hi = bisect.bisect_left(starts, sent.end)
    return [e for e in ents[lo:hi] if e.end <= sent.end]


def dateline_span(sent: Span, lang: str) -> Span | None:
    """The place of a dateline ("SANTIAGO, 15 MAY 90 (EFE) --", "Niamey, 8 nov (AFP)"): the
    words before the sentence's first comma when a day or a month follows it."""
    calendar = date_words(lang)
    for tok in sent[: _MAX_WORDS + 1]:
        if tok.text != ",":
            continue
        after = [t.lower_.rstrip(".") for t in sent.doc[tok.i + 1 : tok.i + 3]]
        dated = any(w.isdigit() or w in calendar.months for w in after)
        return sent.doc[sent.start : tok.i] if dated and tok.i > sent.start else None
    return None


def _strong_name(word: str) -> bool:
    found = get_gazetteer().lookup(word)
    return bool(found) and found[0].feature in _STRONG


_IN = frozenset(("in", "at", "near", "outside", "à", "dans", "près"))


def _located_in(tok: Token) -> bool:
    """ "In Samarra, gunmen ...": the object of a place preposition is a place whatever the
    recogniser called it (the small English model reads some towns as nationalities)."""
    if tok.ent_type_ != "NORP":
        return False
    if tok.dep_ == "pobj":
        return tok.head.lower_ in _IN
    return tok.dep_ in ("obl", "obl:mod") and any(
        c.dep_ == "case" and c.lower_ in _IN for c in tok.children
    )


def _candidates_spans(
    sent: Span, lang: str, dateline: Span | None, restored: bool = False
) -> list[Span]:
    spans = [e for e in sentence_ents(sent) if e.label_ in _PLACE_LABELS]
    if dateline is not None:  # whatever the entity recogniser made of it ("Santiago" PERSON)
        spans.append(dateline)
    seen = {(e.start, e.end) for e in spans}
    toks = words_of(sent).tokens
    calendar = date_words(lang)
    for i, tok in enumerate(toks):
        if not (tok.pos_ == "PROPN" or tok.is_title):
            continue  # (a capitalised first word is weak evidence: see find_places)
        # (on case-restored text the recogniser calls many places persons: a word the truecaser
        # capitalised as a known name is taken whatever label it got)
        trusted = (restored and tok.is_title and _strong_name(tok.text)) or _located_in(tok)
        if (
            tok.ent_type_ in (_NOT_NAME_LABELS if trusted else _NOT_PLACE_LABELS)
            or tok.lower_ in calendar.months
            or f"{tok.lower_}." in calendar.months  # "13 avr (AFP)"
            or tok.lower_ in calendar.weekdays
        ):
            continue
        for size in range(_MAX_WORDS, 0, -1):
            if i + size > len(toks):
                continue
            words = toks[i : i + size]
            # A name runs over words, hyphens and apostrophes ("al-Bab", "Côte d'Ivoire"),
            # not over commas, and ends on a capitalised word.
            if any(t.is_punct and t.text not in ("-", "'", "’") for t in words):
                continue
            if (
                not (words[-1].pos_ == "PROPN" or words[-1].is_title)
                or (tok.i, tok.i + size) in seen
            ):
                continue
            span = sent.doc[tok.i : tok.i + size]
            spans.append(span)
            seen.add((span.start, span.end))
    return spans


_PLACES_KEY = "eventwire.places"


def find_places(
    sent: Span, context: Collection[str] = (), lang: str = "en", restored: bool = False
) -> list[PlaceMention]:
    """Gazetteer places named in a sentence, longest name first, never overlapping.
    ``restored``: the text was all capitals and its case was restored (names may be lower
    case)."""
    if context:
        return _find_places(sent, context, lang, restored)
    # Without context, the answer is kept on the Doc: the coder's place finding and the
    # story's dominant country both read every sentence.
    cache = sent.doc.user_data.setdefault(_PLACES_KEY, {})
    key = (sent.start, sent.end, lang, restored)
    if key not in cache:
        cache[key] = _find_places(sent, context, lang, restored)
    return list(cache[key])


def _find_places(
    sent: Span, context: Collection[str], lang: str, restored: bool
) -> list[PlaceMention]:
    gaz = get_gazetteer()
    found: list[PlaceMention] = []
    taken: set[int] = set()
    dateline = dateline_span(sent, lang)
    spans = _candidates_spans(sent, lang, dateline, restored)
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        while len(span) > 1 and (span[-1].is_punct or span[-1].is_space):
            span = span[:-1]
        if (
            span[0].is_punct
            or span[0].is_space
            or any(i in taken for i in range(span.start, span.end))
        ):
            continue
        if (
            span.start > sent.start
            and place_nouns(lang).get(sent.doc[span.start - 1].lower_) == "outlet"
        ):
            continue  # "Radio Venceremos", "la radio Okapi": the outlet's name
        if len(span) == 1 and place_nouns(lang).get(span[0].lower_) == "direction":
            continue  # "Western Cambodia", "east Bosnia": a part of the next place, not a place
        if span[0].is_lower and not restored:
            continue  # ordinary text capitalises its place names
        candidates = gaz.lookup(span.text)
        if not candidates:
            continue
        if (
            len(span) == 1
            and candidates[0].feature == "city"
            and any(
                c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < span.start
                for c in span.root.children
            )
        ):
            continue  # "Estrada Velez", "Roberto Navas": a surname after a name, not a town
        if span.root.dep_ in ("nsubj", "nsubjpass") and span.root.head.lemma_ in _SPEECH:
            continue  # "Morales said": whoever speaks is a person or a body, not a place
        is_ent = any(e.start == span.start and e.end == span.end for e in sentence_ents(sent)) or (
            dateline is not None and (span.start, span.end) == (dateline.start, dateline.end)
        )
        if restored and normalise(span.text) in common_words():
            continue  # "UNION", "DOWNTOWN (LA PAZ)": case cannot tell the name from the word
        if span.start == sent.start and not is_ent and candidates[0].feature not in _STRONG:
            continue  # a capitalised first word is a name only if a strong one (or a dateline)
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
                span.start,
                span.end,
                span.text,
                best,
                len(candidates),
                why,
                tuple(candidates),
                entity=is_ent,
                dateline=dateline is not None
                and (span.start, span.end) == (dateline.start, dateline.end)
                and sent.start == 0,
            )
        )
    return _contained(sorted(found, key=lambda p: p.start), sent.doc)


# Words that may stand between a place and the region or country it lies in: "Houla, dans le
# sud-est du Liban", "Kidal, in northern Mali", "Paris, Texas" (directions come from place_nouns).
_CONTAINER_GAP = frozenset(
    [
        ",",
        "in",
        "dans",
        "en",
        "au",
        "aux",
        "à",
        "the",
        "le",
        "la",
        "l'",
        "l’",
        "of",
        "de",
        "du",
        "des",
        "d'",
        "d’",
        "-",
        "part",
        "partie",
        "region",
        "région",
    ]
)


def _container_gap(doc: Doc, place: PlaceMention, container: PlaceMention, lang: str) -> bool:
    gap = doc[place.end : container.start]
    if not len(gap) or len(gap) > 6 or gap[0].lower_ not in (",", "in", "dans", "en", "au", "aux"):
        return False
    nouns = place_nouns(lang)
    return all(t.lower_ in _CONTAINER_GAP or nouns.get(t.lower_) == "direction" for t in gap)


def _contained(mentions: list[PlaceMention], doc: Doc) -> list[PlaceMention]:
    """ "Paris, Texas", "San Miguel, El Salvador", "Houla, dans le sud-est du Liban": a place
    followed by the region or country it lies in is the candidate inside that region or
    country; a town the gazetteer knows only elsewhere is taken for one of that country that
    it does not know."""
    lang = doc.lang_ if doc.lang_ in ("fr", "en") else "en"
    out = list(mentions)
    for i, (place, container) in enumerate(itertools.pairwise(mentions)):
        outer = container.place
        if outer.feature not in ("country", "admin1") or place.place.feature != "city":
            continue
        if not _container_gap(doc, place, container, lang):
            continue
        inside = tuple(
            o
            for o in place.options
            if o.country == outer.country
            and (outer.feature == "country" or o.admin1 == outer.admin1)
        )
        if inside:
            best = inside[0]
            why = f"{place.text!r} → {best.name} ({best.feature}, {best.country}), in {outer.name}"
            out[i] = replace(place, place=best, reason=why, options=inside, anchored=True)
        elif outer.feature == "country" and outer.country:
            why = (
                f"{place.text!r}: said to be in {outer.name}, where the gazetteer knows no such "
                "place: taken for a place of it the gazetteer does not know"
            )
            unknown = unknown_place(place.text, outer.country)
            out[i] = replace(place, place=unknown, reason=why, options=(), anchored=True)
    return out


def _same_place_throughout(
    by_sentence: dict[int, list[PlaceMention]],
) -> dict[int, list[PlaceMention]]:
    """A name the story placed once ("Houla, in southern Lebanon") is that place wherever
    the story repeats it (one sense per story)."""
    anchored = {m.text.lower(): m for ms in by_sentence.values() for m in ms if m.anchored}
    if not anchored:
        return by_sentence

    def placed(m: PlaceMention) -> PlaceMention:
        first = anchored.get(m.text.lower())
        if first is None or m.anchored:
            return m
        why = f"{m.text!r}: as the story placed it before ({first.reason})"
        return replace(m, place=first.place, options=first.options, reason=why, anchored=True)

    return {start: [placed(m) for m in ms] for start, ms in by_sentence.items()}


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
        out.append(replace(m, place=best, reason=why))
    return out


_STRONG = ("country", "capital", "admin1", "region")


def story_countries(mentions: Iterable[PlaceMention]) -> set[str]:
    """The countries a story names outright: by a country, a capital, a region or a
    first-level division.  A town's country is weaker evidence ("Rodriguez" is a town in the
    Philippines and a surname in El Salvador), used only when nothing stronger is named."""
    mentions = list(mentions)
    strong = {m.place.country for m in mentions if m.place.feature in _STRONG and m.place.country}
    return strong or {m.place.country for m in mentions if m.place.country}


def weak(mention: PlaceMention, context: Collection[str], restored: bool) -> bool:
    """A town in a country the story never names, which the entity recogniser did not take
    for a place (or could not: the text was all capitals)."""
    return (
        mention.place.feature == "city"
        and mention.place.country not in context
        and (restored or not mention.entity)
    )


def unknown_place(name: str, country: str, feature: str = "city") -> Place:
    """A place the gazetteer does not know: a name and a country, no point."""
    return Place(None, name, country, None, math.nan, math.nan, 0, feature)


def home_country(mentions: Iterable[PlaceMention], context: Collection[str]) -> str | None:
    """The country a story is about: the only one it names outright, else the first of them
    it names (the dateline's, in wire copy)."""
    if len(context) == 1:
        return next(iter(context))
    return next((m.place.country for m in mentions if m.place.country in context), None)


def settle(
    by_sentence: dict[int, list[PlaceMention]],
    restored: bool = False,
    doc: Doc | None = None,
    nationalities: Collection[str] = (),
) -> tuple[dict[int, list[PlaceMention]], set[str], str | None]:
    """A story's place mentions chosen again given the countries it names; the story's
    countries; its home country.

    A country that only qualifies a noun ("U.S. negotiators") is a party's nationality, not a
    setting: it does not count, and ``nationalities`` (the countries of the story's nationality
    adjectives, "the north Lebanese port") only help choose between namesakes.  A weak
    one-word town is dropped: more likely a surname or a word ("Navas", "Medina") than a place.
    A weak longer name ("San Ramon" in a Salvadoran story, whose only San Ramon in the
    gazetteer is in California) is taken for a place of the story's home country that the
    gazetteer does not know."""
    by_sentence = _same_place_throughout(by_sentence)
    mentions = [
        m
        for ms in by_sentence.values()
        for m in ms
        if doc is None or not qualifies_a_noun(m, doc[m.start : m.end])
    ]
    context = story_countries(mentions)
    home = home_country(mentions, context)
    # A name does not vouch for itself: "Tripoli" is chosen by the other places and the
    # nationalities of the story ("the north Lebanese port"), not by the Libyan capital it
    # would be on its own.
    names_by_country: dict[str, set[str]] = {}
    for m in mentions:
        if m.place.country and m.place.feature in _STRONG:
            names_by_country.setdefault(m.place.country, set()).add(m.text.lower())
    settled: dict[int, list[PlaceMention]] = {}
    for start, ms in by_sentence.items():
        kept = []
        for m in ms:
            others = {c for c, names in names_by_country.items() if names - {m.text.lower()}}
            m = rerank([m], others | set(nationalities))[0]
            if not weak(m, context, restored):
                kept.append(m)
            elif m.end - m.start > 1 and home:
                why = (
                    f"{m.text!r}: the gazetteer knows it only outside the countries the story"
                    f" names ({m.place.country}): taken for a place of {home} it does not know"
                )
                kept.append(replace(m, place=unknown_place(m.text, home), reason=why, options=()))
        settled[start] = kept
    return settled, context, home


@lru_cache(maxsize=4)
def place_frames(lang: str) -> dict[tuple[str, str], str]:
    """(noun, "of" | "after") -> precision, from data/<lang>/place_frames.tsv."""
    return {(r[0], r[1]): r[2] for r in _rows(lang, "place_frames.tsv") if len(r) > 2}


# Words inside a multiword place name ("San Luis de la Reina", "Villa el Salvador").
_NAME_INNER = {"de", "del", "la", "las", "los", "el", "san", "santa", "d'", "du", "des", "le"}


# What a framed name cannot be, whatever the frame ("the town of Samarra" is a place even when
# the entity recogniser calls "Samarra" a nationality).
_NOT_NAME_LABELS = {"DATE", "TIME", "MONEY", "CARDINAL", "ORDINAL", "PERCENT", "QUANTITY"}


@lru_cache(maxsize=4)
def _dictionary_words(lang: str) -> frozenset[str]:
    """Adjectives, adverbs and verbs of the language's dictionary (the English pipeline's
    WordNet lemma index), so that "the residential neighborhood" names no place while "the
    Modelo neighborhood" or "the port of Acajutla", names a tagger reads as an adjective or an
    adverb in lower case, do."""
    if lang != "en":
        return frozenset()
    from eventwire.nlp import BUILTINS, load_pipeline

    if lang not in BUILTINS:
        return frozenset()
    nlp = load_pipeline(lang, f"builtin:{lang}").nlp
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = nlp.get_pipe("lemmatizer").lookups
    if not lookups.has_table("lemma_index"):
        return frozenset()
    index = lookups.get_table("lemma_index")
    return frozenset(w for pos in ("adj", "adv", "verb") for w in index.get(pos, ()))


def _name_word(tok: Token, restored: bool) -> bool:
    lang = tok.doc.lang_
    if not tok.is_alpha or tok.ent_type_ in _NOT_NAME_LABELS:
        return False
    if restored:  # everything is lower case: take what is not a function word nor a known
        # adjective (a tagger calls many lower-case foreign names adjectives)
        if tok.is_stop or place_nouns(lang).get(tok.lower_) == "direction":
            return False
        if tok.pos_ in ("ADJ", "ADV", "VERB"):
            return tok.lower_ not in _dictionary_words(
                lang
            ) and tok.lemma_ not in _dictionary_words(lang)
        return tok.pos_ in ("PROPN", "NOUN", "X")
    return tok.is_title or (tok.pos_ == "PROPN" and not tok.is_lower)


def _name_after(sent: Span, i: int, restored: bool) -> tuple[int, int] | None:
    end = i
    frames = place_frames(sent.doc.lang_)
    while end < sent.end and end - i < 5:
        tok = sent.doc[end]
        if (tok.lower_, "after") in frames and end > i:
            break  # "the area of Tierra Alta municipality"
        if _name_word(tok, restored):
            end += 1
        elif tok.lower_ in _NAME_INNER and end + 1 < sent.end and end > i:
            if not _name_word(sent.doc[end + 1], restored):
                break
            end += 1
        else:
            break
    return (i, end) if end > i else None


def _name_before(sent: Span, i: int, restored: bool) -> tuple[int, int] | None:
    start = i
    while start > sent.start and i - start < 4 and _name_word(sent.doc[start - 1], restored):
        start -= 1
    return (start, i) if start < i else None


def framed_places(
    sent: Span,
    lang: str,
    known: list[PlaceMention],
    fallback_country: str | None,
    restored: bool = False,
    context: Collection[str] = (),
) -> list[PlaceMention]:
    """Names framed as places: "the town of Samarra", "the Zacamil neighborhood", "la localité
    de Tassiga".  The frame is evidence enough to look the name up even where the entity
    recogniser saw something else; a name the gazetteer does not know is kept as written,
    without coordinates, in the country of the nearest known place of the sentence, else the
    story's."""
    frames = place_frames(lang)
    gaz = get_gazetteer()
    taken = {i for m in known for i in range(m.start, m.end)}
    out: list[PlaceMention] = []
    words = words_of(sent)
    for k, tok in enumerate(words.tokens):
        word = words.lowers[k]
        span = None
        link = words.lowers[k + 1] if tok.i + 2 < sent.end else ""
        if (word, "of") in frames and link in ("of", "de", "d'", "d’"):
            span, precision = _name_after(sent, tok.i + 2, restored), frames[(word, "of")]
        if span is None and (word, "after") in frames:  # "the Escalon neighborhood of ..."
            span, precision = _name_before(sent, tok.i, restored), frames[(word, "after")]
        if span is None:
            continue
        covering = next((m for m in known + out if m.start <= span[0] < m.end), None)
        if covering is not None and covering.start == span[0] and covering.end < span[1]:
            # "San Juan de Lurigancho" framed as a district is more than the "San Juan" found
            taken -= set(range(covering.start, covering.end))
            covering = None
        if (
            covering is not None
            and precision == "locality"
            and (covering.start, covering.end) == span
            and covering.place.feature == "city"
        ):
            # "the San Francisco neighborhood": a part of a town here, whatever town the
            # gazetteer knows by that name
            country = fallback_country or covering.place.country
            why = f"{covering.text!r}, framed by {tok.text!r}: a part of a town of {country}"
            place = unknown_place(covering.text, country)
            out.append(PlaceMention(*span, covering.text, place, 0, why, locality=True))
            continue
        if (
            covering is not None
            and precision == "region"
            and (covering.start, covering.end) == span
            and covering.place.feature in ("city", "capital")
            and covering.place.country
        ):
            # "la région de Moscou", "the Kyiv region": the land around a town, named with its
            # frame, in the town's country
            whole = (
                (tok.i, span[1])
                if (word, "of") in frames and tok.i < span[0]
                else (
                    span[0],
                    tok.i + 1,
                )
            )
            phrase = sent.doc[whole[0] : whole[1]].text
            why = f"{phrase!r}: the region around {covering.place.name} ({covering.place.country})"
            place = unknown_place(phrase, covering.place.country, "admin1")
            known = [m for m in known if m is not covering]
            out.append(PlaceMention(*whole, phrase, place, 0, why))
            taken.update(range(*whole))
            continue
        if covering is not None or any(i in taken for i in range(*span)):
            # "in Mulalo, Yumbo municipality": the name before the comma lies in the framed one
            if covering is not None and (word, "after") in frames:
                inner = _inside_before(sent, span[0], covering.place, taken, restored, context)
                if inner is not None:
                    out.append(inner)
                    taken.update(range(inner.start, inner.end))
            continue
        name = sent.doc[span[0] : span[1]].text
        found = [p for p in gaz.lookup(name) if p.feature != "country"]
        if found:
            place = gaz.rank(found, context_countries=context)[0]
            why = f"{name!r}, framed by {tok.text!r} → {place.name} ({place.feature}"
            why += f", {place.country})"
            if len(found) > 1:
                why += f", best of {len(found)} candidates"
            mention = PlaceMention(*span, name, place, len(found), why, tuple(found), entity=True)
        else:
            near = min(known, key=lambda m: abs(m.start - span[0]), default=None)
            if near is not None and not near.place.country:
                near = None  # a region over several countries ("the Caribbean") names none
            country = near.place.country if near is not None else fallback_country
            if not country:
                continue
            feature = "admin1" if precision == "region" else "city"
            place = unknown_place(name, country, feature)
            how = f"the {near.text!r} named near it" if near is not None else "the story"
            why = f"{name!r}, framed by {tok.text!r}, is not in the gazetteer: country from {how}"
            mention = PlaceMention(span[0], span[1], name, place, 0, why)
        if precision == "locality":
            mention = replace(mention, locality=True)
        out.append(mention)
        taken.update(range(*span))
        if (word, "after") in frames:
            inner = _inside_before(sent, span[0], place, taken, restored, context)
            if inner is not None:
                out.append(inner)
                taken.update(range(inner.start, inner.end))
    return out


def _inside_before(
    sent: Span,
    start: int,
    container: Place,
    taken: set[int],
    restored: bool,
    context: Collection[str],
) -> PlaceMention | None:
    """ "Mulalo, Yumbo municipality", "El Congo, Santa Ana department": the name written just
    before a framed place and a comma is a place inside it."""
    if start - 2 < sent.start or sent.doc[start - 1].text != "," or not container.country:
        return None
    span = _name_before(sent, start - 1, restored)
    if span is None or all(i in taken for i in range(*span)) or span[1] - 1 in taken:
        return None  # (a longer name over a shorter one found, "San Francisco Javier", is kept)
    name = sent.doc[span[0] : span[1]].text
    gaz = get_gazetteer()
    found = [p for p in gaz.lookup(name) if p.country == container.country]
    if found:
        place = gaz.rank(found, context_countries=context)[0]
        why = f"{name!r} → {place.name} ({place.feature}, {place.country}), in {container.name}"
        return PlaceMention(*span, name, place, len(found), why, tuple(found), entity=True)
    place = unknown_place(name, container.country)
    why = f"{name!r}, written as a place in {container.name}, is not in the gazetteer"
    return PlaceMention(span[0], span[1], name, place, 0, why, entity=True)


def _rows(lang: str, name: str) -> list[list[str]]:
    """A data/<lang> table's rows after its header, comment lines left out."""
    path = resources.files("eventwire") / "data" / lang / name
    if not path.is_file():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]
    return [[c.strip() for c in r] for r in rows[1:]]


@lru_cache(maxsize=4)
def place_nouns(lang: str) -> dict[str, str]:
    """Nouns that stand for a place named elsewhere: word -> kind (data/<lang>/place_nouns.tsv)."""
    return {r[0]: r[1] for r in _rows(lang, "place_nouns.tsv") if len(r) > 1}


def capital_mentions(
    sent: Span, lang: str, story: list[PlaceMention], context: Collection[str]
) -> list[PlaceMention]:
    """ "this capital", "the Salvadoran capital", "la capitale syrienne": the capital the noun
    stands for, from its nationality adjective, else the first capital the story names (the
    dateline's, in wire copy), else the capital of the country the story names."""
    nouns = place_nouns(lang)
    lexicon = get_lexicon(lang)
    gaz = get_gazetteer()
    out: list[PlaceMention] = []
    for tok in words_of(sent).tokens:
        if nouns.get(tok.lower_) != "capital" or tok.pos_ != "NOUN" or tok.dep_ in _MODIFIER:
            continue
        if not any(c.dep_ == "det" for c in tok.children):
            continue  # "capital punishment", "du capital": not a city
        if tok.i + 1 < sent.end and sent.doc[tok.i + 1].lower_ in ("of", "de", "d'", "d’"):
            continue  # "the capital of Antioquia" names its place (see framed_places)
        country = next(
            (
                c
                for c in (lexicon.demonym(ch.text) for ch in tok.children if ch.dep_ == "amod")
                if c
            ),
            None,
        )
        antecedent = None
        if country is None:
            antecedent = next(
                (m for m in story if m.place.feature == "capital" and m.start < tok.i), None
            )
            if antecedent is None and len(context) == 1:
                country = next(iter(context))
        place = antecedent.place if antecedent else gaz.capital(country) if country else None
        if place is None:
            continue
        source = (
            f"the capital named before ({antecedent.text!r})"
            if antecedent
            else (f"the capital of {country}")
        )
        out.append(
            PlaceMention(
                tok.i, tok.i + 1, tok.text, place, 1,
                f"{tok.text!r} → {place.name} (capital, {place.country}): {source}",
                named_at=(antecedent.start, antecedent.end) if antecedent else None,
                written=None if antecedent else place.name,
            )
        )  # fmt: skip
    return out


def to_location(mention: PlaceMention, doc: Doc, how: str, text: str | None = None) -> Location:
    place = mention.place
    span = doc[mention.start : mention.end]
    named = doc[mention.named_at[0] : mention.named_at[1]] if mention.named_at else span
    written = mention.written or (text or doc.text)[named.start_char : named.end_char]
    if written.endswith(".") and not place.name.endswith("."):
        written = written[:-1]  # "VINA DEL MAR." where the tokenizer took "MAR." for March
    last = written.rsplit(" ", 1)
    if (
        len(last) == 2
        and (last[1].lower(), "after") in place_frames(doc.lang_)
        and not normalise(place.name).endswith(normalise(last[1]))
        and last[1] != "City"  # "Zamboanga City", "Gaza City": written so, part of the name
    ):
        written = last[0]  # "El Penon Municipality" is El Peñón; "Guatemala City" stays
    known = not math.isnan(place.lat)  # a framed name the gazetteer does not know: no point
    return Location(
        name=written,
        canonical=place.name if known else None,
        country=place.country or None,
        admin1=place.admin1,
        lat=place.lat if known else None,
        lon=place.lon if known else None,
        geonames_id=place.geonames_id,
        precision=mention.precision,
        start=span.start_char,
        end=span.end_char,
        reason=f"{mention.reason}; {how}",
    )


def qualifies_a_noun(mention: PlaceMention, span: Span) -> bool:
    """A country named as an attribute of a noun ("the U.S. embassy", "Peruvian police") says
    whose the thing is, not where the event happened."""
    root = span.root
    return (
        (root.dep_ in _MODIFIER or (root.dep_ in _BEFORE_MODIFIER and root.i < root.head.i))
        and root.head.i not in range(span.start, span.end)
        and root.head.ent_type_ not in _PLACE_LABELS
        and mention.place.feature == "country"
    )


def _reference_point(mention: PlaceMention, doc: Doc) -> bool:
    """A place named to say where another lies ("370 km from Bogota", "north of Lima", "au nord
    de Gao", "near the border with Somalia") is a landmark, not the setting."""
    if mention.start < 2:
        return False
    link, before = doc[mention.start - 1].lower_, doc[mention.start - 2].lower_
    if link in ("the", "la", "le", "l'", "l’") and mention.start >= 3:
        link, before = before, doc[mention.start - 3].lower_
    kind = place_nouns(doc.lang_).get(before)
    return link in ("from", "of", "de", "du", "d'", "d’") and kind in ("distance", "direction")


def across_a_border(mention: PlaceMention, doc: Doc) -> bool:
    """ "près de la frontière avec le Burkina", "near the border with Somalia": the country
    named is across the border; the event is on this side of it, never there."""
    i = mention.start - 1
    if i >= 0 and doc[i].lower_ in ("the", "la", "le", "l'", "l’"):
        i -= 1
    return (
        i >= 1
        and doc[i].lower_ in ("with", "avec")
        and place_nouns(doc.lang_).get(doc[i - 1].lower_) == "border"
    )


def names_a_party(mention: PlaceMention, span: Span) -> bool:
    """A country that qualifies a noun, or that acts as the subject of a verb ("how does the
    United States see it"), names a party, not the setting of an event."""
    if mention.place.feature != "country":
        return False
    return qualifies_a_noun(mention, span) or span.root.dep_ in ("nsubj", "expl")


def event_place(trigger: Token, places: list[PlaceMention]) -> tuple[PlaceMention, str] | None:
    """The place of an event: the most specific place in its clause, else in its sentence."""
    doc = trigger.doc
    places = [
        p
        for p in places
        if not names_a_party(p, doc[p.start : p.end]) and not across_a_border(p, doc)
    ]
    settings = [p for p in places if not _reference_point(p, doc)]
    places = settings or places
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
    best = min(
        pool,
        key=lambda p: (PRECISION_RANK[p.precision], not p.locality, abs(p.start - trigger.i)),
    )
    return best, f"{how}, most specific ({best.precision})"
