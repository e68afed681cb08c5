"""Parties a careful coder supplies when the story leaves them unsaid (data/implicit.tsv).

Only a side with no party at all is filled, and only with a country the story gives: the
event's place, else the country the story is about (coder/story.py). The party has no span:
nothing in the text names it, and its reason says so. And a state's armed act named by its act
or its weapon ("a Russian drone attack", "des frappes israéliennes") is its military's.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from spacy.tokens import Doc

from eventwire.actors.lexicon import COUNTRY_SPECIAL, valid_country
from eventwire.coder import story
from eventwire.coder.lexicon import CoderLexicon
from eventwire.records import Actor, Event

# How coder/document.py's _place_as_recipient explains a place standing in for a target.
_PLACE_STAND_IN = "no one named as its target"
# Acts whose state doer, named through the act or the weapon, is its armed forces.
_ARMED_TYPES = frozenset({"ASSAULT"})


@cache
def rules() -> dict[tuple[str, str], list[tuple[str, str]]]:
    """(type, mode or "*") -> [(side, sector)], from data/implicit.tsv."""
    text = (resources.files("eventwire") / "data" / "implicit.tsv").read_text(encoding="utf-8")
    table: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = [c.strip() for c in line.split("\t")]
        if len(cols) < 4 or cols[2] not in ("actor", "recipient"):
            raise ValueError(f"implicit.tsv:{number}: expected 'type mode actor|recipient sector'")
        table.setdefault((cols[0], cols[1]), []).append((cols[2], cols[3]))
    return table


def _country(event: Event, doc: Doc) -> tuple[str | None, str]:
    where = event.location
    if where is not None and where.country and where.precision != "region":
        return where.country, f"of {where.country}, where it happens"
    country, _why = story.story_country(doc)
    return country, f"of {country}, the country the story is about"


def _armed_owner(event: Event, doc: Doc, lex: CoderLexicon) -> None:
    """ "An overnight Russian drone attack killed one": the actor is the attack, owned by a
    state; a state's attack is made by its armed forces (MIL)."""
    if event.type not in _ARMED_TYPES:
        return
    weapons = {cue.lemmas[-1] for cue in lex.modes if cue.type == event.type}
    for party in event.actor:
        state = party.country and valid_country(party.country)
        if party.sector or not state or party.country in COUNTRY_SPECIAL:
            continue
        span = doc.char_span(party.start, party.end) if party.start is not None else None
        if span is None or party.end is None:
            continue
        head = span.root.lemma_.lower()
        if head in lex.event_nouns or head in weapons:
            party.sector = "MIL"
            party.reason = (party.reason or "") + f"; a state's {head!r}: its armed forces"


def supply_parties(event: Event, doc: Doc, lex: CoderLexicon) -> None:
    """Fill an empty actor or recipient side as data/implicit.tsv says, with a reason, and
    give a state's armed act named by its act or weapon to the state's military."""
    if event.flags.negated:
        return
    _armed_owner(event, doc, lex)
    table = rules()
    # the rows for the event's mode first, then those for any mode; one party a side at most
    wanted = table.get((event.type, event.mode or ""), []) + table.get((event.type, "*"), [])
    for side, sector in wanted:
        parties: list[Actor] = getattr(event, side)
        for party in parties:
            # "demonstrated in Serbia": the place stood in for the target; it is the state's
            # body the row names
            if party.sector is None and (party.reason or "").startswith(_PLACE_STAND_IN):
                party.sector = sector
                party.reason = f"{party.reason}; its {sector}, as data/implicit.tsv says"
        if parties:
            continue
        country, how = _country(event, doc)
        if country is None:
            continue
        parties.append(
            Actor(
                text="",
                name=f"{country} {sector}",
                country=country,
                sector=sector,
                reason=f"not named: a {event.type.lower()} ({event.mode or 'any mode'}) is the "
                f"{sector} {how}",
            )
        )
        event.reasons[side] = parties[0].reason or ""
