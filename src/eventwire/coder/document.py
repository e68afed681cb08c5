"""One article's events: the coder's document-level orchestration.

For each sentence: actor mentions (lexicon names and coded noun phrases), trigger words,
their parties from the parse, casualty counts, modality, attribution, date and place;
then across the story: counterparts and "the two leaders" resolved to parties named
before, restatements merged into one record, and missing dates tied to the story.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Span

from eventwire import __version__
from eventwire.actors.lexicon import COUNTRY_SPECIAL, ActorLexicon, country_display_name
from eventwire.coder import implicit, story
from eventwire.coder.candidates import Candidate, background_reason, sentence_candidates
from eventwire.coder.casualties import Count, story_counts
from eventwire.coder.confidence import StoryView, rate
from eventwire.coder.lexicon import CoderLexicon
from eventwire.coder.mentions import Mention
from eventwire.coder.merge import (
    Group,
    attach_loose,
    best_parties,
    best_place,
    group_candidates,
    loose_counts,
)
from eventwire.records import (
    RECIPROCAL_TYPES,
    Actor,
    Attribution,
    Event,
    Evidence,
    Flags,
    Location,
    Trigger,
)
from eventwire.resolve.dates import (
    DateMention,
    find_dates,
    parse_published,
    story_day,
    tells_future,
)
from eventwire.resolve.places import (
    PRECISION_RANK,
    PlaceMention,
    across_a_border,
    capital_mentions,
    find_places,
    framed_places,
    names_a_party,
    settle,
    to_location,
)
from eventwire.tokens import doc_words, sentences_of

CODER_VERSION = f"rules-{__version__}"
_GROUP_WORDS = {"deux", "two", "both", "mm.", "mm", "leurs"}


@dataclass
class CoderContext:
    lang: str
    lexicon: CoderLexicon
    actors: ActorLexicon
    versions: dict[str, str]


def code_doc(
    doc: Doc,
    ctx: CoderContext,
    published: str | None,
    body_start: int = 0,
    original: str | None = None,
) -> list[Event]:
    """All events of one parsed article.

    ``original`` is the article's text when the parse ran on a case-restored copy of the same
    length: evidence and actor texts are cut from it, at the same offsets.
    """
    text = original if original is not None else doc.text
    anchor = parse_published(published) or story_day(doc, ctx.lang)
    if published is None and anchor is not None:
        published = anchor.isoformat()  # the events it does not date are of that day
    restored = text != doc.text  # parsed from a case-restored copy of all-capitals text
    sentences = sentences_of(doc)
    by_sentence = {sent.start: find_places(sent, (), ctx.lang, restored) for sent in sentences}
    nationalities = {
        c
        for t in doc_words(doc).tokens
        if t.pos_ == "ADJ" and (c := ctx.actors.demonym(t.text)) is not None
    }
    by_sentence, context, home = settle(by_sentence, restored, doc, nationalities)
    named = [p for ps in by_sentence.values() for p in ps]
    for sent in sentences:
        known = by_sentence[sent.start]
        more = capital_mentions(sent, ctx.lang, named, context)
        more += framed_places(sent, ctx.lang, known + more, home, restored, context)
        if more:
            # a framed name drops the shorter one found inside it ("San Juan" of "San Juan de
            # Lurigancho")
            known = [
                k
                for k in known
                if not any(_inside(k, m) or (k.start, k.end) == (m.start, m.end) for m in more)
            ]
            by_sentence[sent.start] = sorted(known + more, key=lambda p: p.start)
    story_places = [p for ps in by_sentence.values() for p in ps]
    cands: list[Candidate] = []
    loose: list[Count] = []  # counts no event of their sentence took
    recent: list[Mention] = []  # the last parties from two countries ("les deux dirigeants")
    last_agents: list[Mention] = []  # the last actors named before this sentence ("elle")
    for sent in sentences:
        if not text[sent.start_char : sent.end_char].strip():
            continue
        found, sent_counts, _mentions = sentence_candidates(
            sent, ctx.lexicon, ctx.actors, anchor, context, by_sentence.get(sent.start)
        )
        for cand in found:
            _resolve_counterparts(cand)
            _resolve_groups(cand, recent)
            for m in cand.parties:
                if m.possessive and last_agents and last_agents[0].country:
                    m.country, m.possessive = last_agents[0].country, False
                    m.reason += f"; possessive: {last_agents[0].text!r}'s (named before)"
            if cand.roles.pronoun and not cand.roles.agents and last_agents:
                cand.roles.agents = list(last_agents)
                cand.reasons["roles"] = (
                    cand.reasons.get("roles", "") + "; pronoun subject: the actor named before"
                )
            distinct = {m.country for m in cand.parties if m.country}
            if len(distinct) >= 2:
                recent = [m for m in cand.parties if m.country]
        agents = [m for c in found for m in c.roles.agents if m.coded and not c.roles.guessed]
        if agents:
            last_agents = agents[:1]
        cands += found
        loose += loose_counts(found, sent_counts)
    attach_loose(cands, loose)
    groups = group_candidates(cands)
    story_date = _lead_date(doc, ctx.lang, anchor, body_start)
    events = []
    for g in groups:
        event = _event(g, ctx, doc, text, published, story_date)
        if event.location is None:
            _story_place(event, g, doc, text, story_places)
            if event.location is None:
                _this_side_of_the_border(event, g, doc, story_places)
        elif event.location.precision == "country":
            _refine_country(event, g, doc, text, story_places)
        if home and event.location and event.location.country not in (home, None):
            _prefer_home(event, g, doc, text, story_places, home)
        events.append(event)
    # Confidence reads the finished record (parties, place) and the whole story's events.
    view = StoryView(doc, body_start, groups)
    for g, event in zip(groups, events, strict=True):
        recalled = [background_reason(c, anchor) for c in g.members]
        if all(recalled):
            event.flags.background = True
            event.reasons["background"] = str(recalled[0])
        event.confidence = rate(g, event, view)
    return events


def _this_side_of_the_border(
    event: Event, group: Group, doc: Doc, places: list[PlaceMention]
) -> None:
    """ "près de la frontière avec le Burkina", with no other place: the event is in the
    country the story is about, on this side of the border, when that is another country."""
    sents = {c.sent.start for c in group.members}
    across = [p for p in places if doc[p.start].sent.start in sents and across_a_border(p, doc)]
    country, _why = story.story_country(doc)
    if not across or country is None or any(p.place.country == country for p in across):
        return
    how = (
        f"{across[0].text!r} is across the border; the event is on this side, in {country}, "
        "the country the story is about"
    )
    event.location = Location(
        name=country_display_name(country), country=country, precision="country", reason=how
    )
    event.reasons["location"] = how


def _inside(inner: PlaceMention, outer: PlaceMention) -> bool:
    return (
        outer.start <= inner.start
        and inner.end <= outer.end
        and outer.end - outer.start > inner.end - inner.start
    )


def _story_place(
    event: Event, group: Group, doc: Doc, text: str, places: list[PlaceMention]
) -> None:
    """No place in the event's own clauses: the nearest place the story names before it (in
    its sentence, then going back), else the first one after it in its paragraph."""
    first = group.members[0].sent
    parties = [(m.start, m.end) for c in group.members for m in c.parties]
    usable = [
        p
        for p in places
        if not any(p.start < e and p.end > s for s, e in parties)
        and not names_a_party(p, doc[p.start : p.end])
        and not across_a_border(p, doc)
    ]
    if not usable:
        return
    before = [p for p in usable if p.start < first.end]
    in_sentence = [p for p in before if p.start >= first.start]
    dateline = next((p for p in usable if p.dateline), None)
    if in_sentence:
        pool = in_sentence
        how = "no place in its clauses; a place of its sentence"
    elif dateline is not None:
        pool = [dateline]
        how = "no place in its sentence; the dateline's place"
    elif before:
        last_sent = doc[before[-1].start].sent.start
        pool = [p for p in before if doc[p.start].sent.start == last_sent]
        how = "no place in its clauses; the nearest place the story names before it"
    else:
        pool = [p for p in usable if p.start >= first.end][:1]
        how = "no place in its clauses; the next place the story names"
    best = min(pool, key=lambda p: PRECISION_RANK[p.precision])
    event.location = to_location(best, doc, how, text)
    event.reasons["location"] = event.location.reason or how


def _nearest_before(
    group: Group, doc: Doc, places: list[PlaceMention], keep: Callable[[PlaceMention], bool]
) -> PlaceMention | None:
    """The last place named before the end of the event's first sentence that ``keep`` accepts
    and that is a setting (not a party's country)."""
    end = group.members[0].sent.end
    found = [
        p
        for p in places
        if p.start < end
        and keep(p)
        and not names_a_party(p, doc[p.start : p.end])
        and not across_a_border(p, doc)
    ]
    return found[-1] if found else None


def _relocate(event: Event, best: PlaceMention, doc: Doc, text: str, how: str) -> None:
    event.location = to_location(best, doc, how, text)
    event.reasons["location"] = event.location.reason or how


def _prefer_home(
    event: Event, group: Group, doc: Doc, text: str, places: list[PlaceMention], home: str
) -> None:
    """A foreign place that is only in the event's sentence, not its clause ("..., the U.S.
    embassy said"), is weaker evidence than the story's own country: take the nearest place of
    the story's home country named before, when there is one."""
    picked = best_place(group)
    if picked is None or not picked.place_how.startswith("named in the same sentence"):
        return
    best = _nearest_before(group, doc, places, lambda p: p.place.country == home)
    if best is not None and event.location is not None:
        how = f"{event.location.name!r} is only in the event's sentence; the story is of {home}"
        _relocate(event, best, doc, text, how)


def _refine_country(
    event: Event, group: Group, doc: Doc, text: str, places: list[PlaceMention]
) -> None:
    """An event placed only in a country ("an attack in Peru") is placed at the town of that
    country the story names nearest before it, in its sentence or earlier (the dateline's
    "LIMA" in wire copy), when there is one."""
    assert event.location is not None
    country = event.location.country
    best = _nearest_before(
        group, doc, places, lambda p: p.place.country == country and p.precision == "place"
    )
    if best is not None:
        how = (
            f"the event's clause names only {event.location.name!r}: the nearest town of it before"
        )
        _relocate(event, best, doc, text, how)


def _resolve_counterparts(cand: Candidate) -> None:
    """ "son homologue turc": a counterpart has the sector of the party it is counterpart to."""
    sectors = [m.sector for m in cand.parties if m.sector and m.kind != "counterpart"]
    for m in cand.parties:
        if m.kind == "counterpart" and m.sector is None and sectors:
            m.sector = sectors[0]
            m.reason += f"; counterpart of a {sectors[0]} party"


def _resolve_groups(cand: Candidate, recent: list[Mention]) -> None:
    """ "les deux dirigeants", "both sides": the parties of the last event with two countries."""
    if not recent:
        return
    for side in ("agents", "patients", "others"):
        parties = getattr(cand.roles, side)
        out: list[Mention] = []
        for m in parties:
            words = set(m.text.lower().split())
            if m.country is None and words & _GROUP_WORDS:
                out.extend(r for r in recent if r not in out)
                cand.reasons["roles"] = (
                    cand.reasons.get("roles", "") + f"; {m.text!r} = the parties named before"
                )
            else:
                out.append(m)
        setattr(cand.roles, side, out)


# Sectors whose parties act at home: a president, police or protesters with no country named
# are taken to be of the country where the event happens (never armed forces, which fight abroad).
_DOMESTIC_SECTORS = {"GOV", "COP", "OPP", "CVL", "JUD", "LEG", "PTY", "LAB", "EDU", "REL", "BUS"}


# A state's own authorities act on their own opposition, rebels, press and people: "the
# Mozambique government accepted demands from Shona rebels" (armed forces fight abroad).
_AUTHORITIES = {"GOV", "COP", "JUD"}
_SUBJECTS = {"REB", "OPP", "CVL", "JRN", "LAB", "EDU", "PTY", "REL", "MED", "BUS", "REF"}


def _domestic_parties(event: Event) -> None:
    states = {a.country for a in event.actor}
    # (the UN or the EU has no people of its own: "UNO civilians" are no one's)
    if (
        len(states) == 1
        and None not in states
        and states.isdisjoint(set(COUNTRY_SPECIAL) - {"KOS"})
        and any(a.sector in _AUTHORITIES for a in event.actor)
    ):
        (state,) = states
        for party in event.recipient:
            if party.country is None and party.sector in _SUBJECTS:
                party.country = state
                party.reason = (party.reason or "") + f"; of {state}, whose authorities act on it"
    where = event.location
    if where is None or not where.country or where.precision == "region":
        return
    for party in [*event.actor, *event.recipient]:
        if party.country is None and party.sector in _DOMESTIC_SECTORS:
            party.country = where.country
            party.reason = (party.reason or "") + f"; of {where.country}, where the event happens"


def _place_as_recipient(
    event: Event, group: Group, place_cand: Candidate | None, doc: Doc, text: str
) -> bool:
    """ "imposed a curfew in Algiers", "demonstrated in Serbia", "fired at targets in Jericho":
    a one-way act that names no one it is done to is done to the place it happens in (its
    country), as PLOVER's coders code it. Only a place of the event's own clause counts."""
    if event.recipient or group.members[0].roles_kind == "recip" or place_cand is None:
        return False
    place = place_cand.place
    where = event.location
    if place is None or where is None or not where.country or place.dateline:
        return False
    if not place_cand.place_how.startswith("named in the event's clause"):
        return False
    span = doc[place.start : place.end]
    if any(a.start == span.start_char for a in event.actor):
        return False  # the place is the actor itself ("Moscow ordered ...")
    event.recipient.append(
        Actor(
            text=text[span.start_char : span.end_char],
            name=where.country,
            country=where.country,
            sector=None,
            start=span.start_char,
            end=span.end_char,
            reason=f"no one named as its target: {place.text!r}, where it happens",
        )
    )
    return True


@lru_cache(maxsize=1)
def cameo_contexts() -> dict[str, list[str]]:
    """CAMEO code -> PLOVER contexts (data/cameo_contexts.tsv, from the crosswalk)."""
    text = (resources.files("eventwire") / "data" / "cameo_contexts.tsv").read_text(
        encoding="utf-8"
    )
    table = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            code, contexts = line.split("\t")[:2]
            table[code.strip()] = [c for c in contexts.strip().split(";") if c]
    return table


def _lead_date(doc: Doc, lang: str, anchor: date | None, body_start: int) -> DateMention | None:
    """The date the lead paragraph gives: the story's default for events it does not date.

    The lead is the body's first sentence with a verb (a dateline or a label alone is none);
    its date is its first day told as past, not the dateline's (the day the wire filed the
    story) nor one in brackets or quotes (a name: "[19 April Movement]").
    """
    for sent in sentences_of(doc):
        if sent.start_char < body_start or not any(t.pos_ in ("VERB", "AUX") for t in sent):
            continue
        found = find_dates(sent, lang, anchor)
        return next(
            (
                d
                for d in found
                if d.precision == "day"
                and not d.dateline
                and not d.ahead
                and not _aside(doc[sent.start : d.start])
            ),
            None,
        )
    return None


_OPENING, _CLOSING, _QUOTES = frozenset("([«“"), frozenset(")]»”"), frozenset('"')


def _aside(before: Span) -> bool:
    """Whether what follows these words is inside brackets or quotes they open."""
    depth = sum((t.text in _OPENING) - (t.text in _CLOSING) for t in before)
    return depth > 0 or sum(t.text in _QUOTES for t in before) % 2 == 1


def _actor(m: Mention, doc: Doc, text: str) -> Actor:
    span = doc[m.start : m.end]
    name = m.name or (f"{m.country or '?'} {m.sector or '?'}" if m.coded else m.text)
    return Actor(
        text=text[span.start_char : span.end_char],
        name=name,
        country=m.country,
        sector=m.sector,
        start=span.start_char,
        end=span.end_char,
        reason=m.reason,
    )


def _dedupe(mentions: Sequence[Mention]) -> list[Mention]:
    out: list[Mention] = []
    seen: set[tuple[str | None, str | None, str]] = set()
    for m in mentions:
        key = (m.country, m.sector, m.name or m.text.lower())
        if key in seen or (m.country is None and m.sector is None):
            continue
        # The same party twice ("le président russe" and "Vladimir Poutine") stays once.
        if any(o.country == m.country and o.country and (o.name and o.name == m.name) for o in out):
            continue
        seen.add(key)
        out.append(m)
    return out


def _parties(group: Group) -> tuple[list[Mention], list[Mention]]:
    actors, recipients = _sides(group)
    # A party the parse made the target of one mention ("two Hezbollah members were killed in
    # an Israeli strike") is no actor because word order guessed it so in another.
    parsed = [c for c in group.members if not c.roles.guessed_sides]
    patients = {id(m) for c in parsed for m in c.roles.patients}
    agents = {id(m) for c in parsed for m in c.roles.agents}
    moved = [m for m in actors if id(m) in patients and id(m) not in agents]
    if moved and len(moved) < len(actors):
        actors = [m for m in actors if m not in moved]
        recipients += [m for m in moved if m not in recipients]
    if group.members[0].roles_kind not in ("recip", "inverse"):
        actors, recipients = _parsed_over_guessed(group, actors, recipients)
    if group.members[0].roles_kind == "recip":
        # "agreed to share information on missing people": an owner or bystander is no party
        # to a meeting or an agreement, even when an act inside it names them.
        actors = [m for m in actors if m.kind != "owner"]
    _story_parties(group, [*actors, *recipients])
    _story_people([*actors, *recipients], group.members[0].sent.doc)
    if group.members[0].roles_kind == "inverse":
        # "Putin hosted Erdogan": the guest is the actor, so the act is the guest's visit
        # (CAMEO 042), not the host's (043).
        for cand in group.members:
            cand.cameo = _GUEST_CAMEO.get(cand.cameo or "", cand.cameo)
    # A state parsed as the doer of an act acts through its government: "Niger expelled ..."
    # (not one guessed from word order, nor the country of a protest: "Venezuela opposition")
    guessed = {
        id(m) for c in group.members if "agents" in c.roles.guessed_sides for m in c.roles.agents
    }
    if group.type != "PROTEST":
        actors = [
            replace(m, sector="GOV", reason=m.reason + "; a state that acts: its government")
            if m.entry_kind == "country" and m.sector is None and id(m) not in guessed
            else m
            for m in actors
        ]
    if group.type == "ASSAULT":
        # A capital struck ("drones hit Kyiv") is a city, not its government.
        recipients = [
            replace(m, sector=None, reason=m.reason + "; a city under attack, not its government")
            if m.entry_kind == "metonym" and m.sector == "GOV"
            else m
            for m in recipients
        ]
        recipients = _merge_same_country(recipients)
    return actors, recipients


def _parsed_over_guessed(
    group: Group, actors: list[Mention], recipients: list[Mention]
) -> tuple[list[Mention], list[Mention]]:
    """A side taken from a mention where word order guessed it ("... alors que les Nations
    unies ont publié un rapport") yields to one the parse gave in a restatement."""
    out = []
    for side, found in (("agents", actors), ("patients", recipients)):
        parsed = [
            m
            for c in group.members
            if side not in c.roles.guessed_sides
            for m in getattr(c.roles, side)
            if m.coded
        ]
        keep = {id(m) for m in parsed}
        if parsed and found and not any(id(m) in keep for m in found):
            first = next(
                c for c in group.members if any(id(m) in keep for m in getattr(c.roles, side))
            )
            found = _merge_same_country(_dedupe(getattr(first.roles, side)))
        out.append(found)
    actors, recipients = out
    return actors, [m for m in recipients if m not in actors]


def _story_people(parties: list[Mention], doc: Doc) -> None:
    """ "five people were killed": unnamed people are of the country the story is about, as
    its other unnamed civilians are."""
    people = [m for m in parties if m.kind == "owner" and m.sector == "CVL" and not m.country]
    country, why = story.story_country(doc) if people else (None, "")
    for m in people if country else []:
        m.country = country
        m.reason += f"; of {country}, the country the story is about ({why})"


# The CAMEO code of an act seen from the party that is coded as its actor.
_GUEST_CAMEO = {"043": "042"}


def _story_parties(group: Group, parties: list[Mention]) -> None:
    """ "The army", "les policiers", "rebels": an unnamed party of no country is of the
    country the story is about, when one dominates it (coder/story.py)."""
    doc = group.members[0].sent.doc
    unnamed = [
        m
        for m in parties
        if m.country is None
        and m.kind == "noun"
        and not m.possessive
        and story.generic(m.sector, doc[m.head].lemma_.lower())
    ]
    if not unnamed:
        return
    country, why = story.story_country(doc)
    if country is None:
        return
    for m in unnamed:
        m.country = country
        m.reason += f"; of {country}, the country the story is about ({why})"


def _sides(group: Group) -> tuple[list[Mention], list[Mention]]:
    kind = group.members[0].roles_kind
    if kind == "recip":
        best = max(
            group.members,
            key=lambda c: (
                len({m.country for m in c.parties if m.country}),
                sum(1 for m in c.parties if m.sector),
                -c.sent.start,
            ),
        )
        facing = [m for m in [*best.roles.patients, *best.roles.others] if m.coded]
        one_way = group.type not in RECIPROCAL_TYPES and best.roles.agents and facing
        if not one_way or best.roles.guessed_sides:
            return _merge_same_country(_dedupe(best.parties)), []
        # "Syrian rebels engaged Filipino peacekeepers in a firefight", "Ukraine ratified an
        # agreement with the EU": a fight or a signature is not a meeting; its subject acts on
        # the other party (only coordinated subjects are all actors).
        actors = _merge_same_country(_dedupe(best.roles.agents))
        return actors, [m for m in _merge_same_country(_dedupe(facing)) if m not in actors]
    agents, patients = best_parties(group, "agents"), best_parties(group, "patients")
    if kind == "inverse":
        agents, patients = patients, agents
    if not patients:
        patients = best_parties(group, "others")
    actors = _merge_same_country(_dedupe(agents))
    # The same party on both sides is named twice, not done to itself; but "Iraqi Kurds" and
    # "Iraq" are two parties of one country.
    recipients = [
        m
        for m in _merge_same_country(_dedupe(patients))
        if not any(_same_party(m, a) for a in actors)
    ]
    return actors, recipients


def _same_party(a: Mention, b: Mention) -> bool:
    if (a.country, a.sector) != (b.country, b.sector):
        return False
    return a.sector is not None or a.kind == b.kind


def _merge_same_country(mentions: list[Mention]) -> list[Mention]:
    """Two mentions of one party in one phrase (title and name) count once, the richer kept."""
    out: list[Mention] = []
    for m in mentions:
        twin = next(
            (
                o
                for o in out
                if o.country and o.country == m.country and o.sector in (None, m.sector)
            ),
            None,
        )
        if twin is None:
            out.append(m)
        elif twin.sector is None and m.sector is not None:
            out[out.index(twin)] = m
    # "Des drones et des avions de guerre israéliens": a countryless party of the same sector
    # as one with a country on the same side is the same force.
    return [
        m
        for m in out
        if m.country or not any(o.country and o.sector == m.sector and m.sector for o in out)
    ]


def _counts(group: Group) -> tuple[dict[str, int], dict[str, str], list[str]]:
    """The group's counts (casualties.story_counts), their qualifiers and reasons."""
    qualifiers: dict[str, str] = {}
    reasons: list[str] = []
    for cand in group.members:
        for c in cand.counts:
            if c.qualifier:
                qualifiers[c.kind] = c.qualifier
            reasons.append(f"{c.kind} {c.value}: {c.reason}")
    return story_counts([cand.counts for cand in group.members]), qualifiers, reasons


def _event(
    group: Group,
    ctx: CoderContext,
    doc: Doc,
    text: str,
    published: str | None,
    story_date: DateMention | None,
) -> Event:
    first = group.members[0]
    actors, recipients = _parties(group)
    counts, qualifiers, count_reasons = _counts(group)
    with_mode = next((c for c in group.members if c.mode), None)
    place_cand = best_place(group)
    # A day ahead ("se reverront mardi prochain") dates no act told as done ("se sont
    # rencontrés") that was merged with the one to come: that act keeps the story's day.
    done = any(
        c.head.pos_ == "VERB" and not c.modality.hypothetical and not tells_future(c.head, ctx.lang)
        for c in group.members
    )
    dated = next(
        (c for c in group.members if c.date is not None and not (done and c.date.ahead)), None
    )
    reasons = dict(first.reasons)
    if with_mode is not None and "mode" in with_mode.reasons:
        reasons["mode"] = with_mode.reasons["mode"]
    event = Event(
        type=group.type,
        mode=with_mode.mode if with_mode else None,
        cameo=(with_mode.cameo if with_mode else None) or first.cameo,
        actor=[_actor(m, doc, text) for m in actors],
        recipient=[_actor(m, doc, text) for m in recipients],
        dead=counts.get("dead"),
        injured=counts.get("injured"),
        arrested=counts.get("arrested"),
        qualifiers=qualifiers,
        flags=Flags(
            negated=all(c.modality.negated for c in group.members),
            hypothetical=all(c.modality.hypothetical for c in group.members),
            accidental=any(c.modality.accidental for c in group.members),
        ),
        versions=dict(ctx.versions),
    )
    if actors:
        reasons["actor"] = "; ".join(f"{m.text!r}: {m.reason}" for m in actors)
    if recipients:
        reasons["recipient"] = "; ".join(f"{m.text!r}: {m.reason}" for m in recipients)
    if count_reasons:
        reasons["casualties"] = "; ".join(count_reasons)
    modal = [r for c in group.members for r in (c.modality.reasons or [])]
    if modal:
        reasons["modality"] = "; ".join(dict.fromkeys(modal))
    if place_cand is not None and place_cand.place is not None:
        event.location = to_location(place_cand.place, doc, place_cand.place_how, text)
        reasons["location"] = event.location.reason or place_cand.place_how
    if dated is not None and dated.date is not None:
        event.date, event.date_precision = dated.date.value, dated.date.precision
        event.date_end = dated.date.end_value
        reasons["date"] = dated.date.reason
    elif story_date is not None:
        event.date, event.date_precision = story_date.value, story_date.precision
        event.date_end = story_date.end_value
        reasons["date"] = f"no date in its clause; the lead's date ({story_date.reason})"
    elif published:
        event.date, event.date_precision = published[:10], "report"
        reasons["date"] = "no date in the story for it; the publication date"
    source = next((c.source for c in group.members if c.source is not None), None)
    if source is not None:
        span = doc[source.start : source.end]
        event.reported_by = Attribution(
            text=text[span.start_char : span.end_char], start=span.start_char, end=span.end_char
        )
        reasons["reported_by"] = source.how
    for cand in group.members:
        triggers = [
            Trigger(
                text[doc[t.start].idx : doc[t.end - 1].idx + len(doc[t.end - 1])],
                doc[t.start].idx,
                doc[t.end - 1].idx + len(doc[t.end - 1]),
            )
            for t in cand.triggers
        ]
        # spaCy's sentence spans keep the line breaks after them: the evidence does not.
        sentence = text[cand.sent.start_char : cand.sent.end_char].rstrip()
        event.evidence.append(
            Evidence(
                sentence=sentence,
                start=cand.sent.start_char,
                end=cand.sent.start_char + len(sentence),
                triggers=triggers,
            )
        )
    if event.cameo:
        event.contexts = list(cameo_contexts().get(event.cameo, []))
    if _place_as_recipient(event, group, place_cand, doc, text):
        reasons["recipient"] = event.recipient[0].reason or ""
    _domestic_parties(event)
    event.reasons = reasons
    implicit.supply_parties(event, doc, ctx.lexicon)
    return event
