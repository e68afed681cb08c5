"""The records that flow between stages and into the store.

An :class:`Article` is what one input document becomes; its :class:`Event` list is a
superset of the gold event shape in ``shared/eval/FORMAT.md``.  Every record is a plain
dataclass so that it pickles across worker processes and turns into JSON with
:func:`to_dict` (``None`` fields kept, so every row of an export has the same keys).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import unicodedata
from dataclasses import dataclass, field
from typing import Any

# PLOVER's 16 event types (the ontology eventwire codes into).
EVENT_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip

# Types whose parties may all be actors with no recipient (FORMAT.md, PLOVER manual 2.5).
RECIPROCAL_TYPES: frozenset[str] = frozenset({"AGREE", "CONSULT", "COOPERATE"})


@dataclass
class Span:
    """A character span into ``Article.text`` (end exclusive)."""

    start: int
    end: int


@dataclass
class Actor:
    """A party to an event: as written, normalised and coded."""

    text: str
    name: str | None = None  # normalised name or identifier, stable across stories
    country: str | None = None  # ISO 3166-1 alpha-3 or IGO/UNO/EUR/NGO/IMG/ISM/MNC
    sector: str | None = None  # GOV MIL COP REB OPP CVL JRN ...
    start: int | None = None
    end: int | None = None
    reason: str | None = None  # how country and sector were resolved


@dataclass
class Location:
    """Where an event happened."""

    name: str  # as written in the text
    canonical: str | None = None  # gazetteer name
    country: str | None = None  # ISO alpha-3
    admin1: str | None = None  # first-level region
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    precision: str | None = None  # "place", "region" or "country"
    start: int | None = None
    end: int | None = None
    reason: str | None = None


@dataclass
class Trigger:
    """A word or phrase that signalled the event."""

    text: str
    start: int
    end: int


@dataclass
class Evidence:
    """One sentence that reports the event, with its span and trigger words."""

    sentence: str
    start: int
    end: int
    triggers: list[Trigger] = field(default_factory=list)


@dataclass
class Attribution:
    """Who reports or claims the event ("selon un communiqué du Kremlin")."""

    text: str
    start: int | None = None
    end: int | None = None
    source: Actor | None = None


@dataclass
class Flags:
    negated: bool = False
    hypothetical: bool = False  # hypothetical, future or intended
    accidental: bool = False
    background: bool = False  # a past event the story recalls ("in 2019", pluperfect), not news


@dataclass
class Event:
    """One coded event."""

    type: str
    id: str = ""
    article_id: str = ""
    mode: str | None = None
    contexts: list[str] = field(default_factory=list)
    cameo: str | None = None
    actor: list[Actor] = field(default_factory=list)
    recipient: list[Actor] = field(default_factory=list)
    location: Location | None = None
    date: str | None = None  # YYYY-MM-DD, YYYY-MM or YYYY
    date_precision: str | None = None  # "day", "week", "month", "year" or "report"
    date_end: str | None = None
    dead: int | None = None
    injured: int | None = None
    arrested: int | None = None
    qualifiers: dict[str, str] = field(default_factory=dict)  # {"dead": "at least"}
    flags: Flags = field(default_factory=Flags)
    reported_by: Attribution | None = None
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float = 0.0
    reasons: dict[str, str] = field(default_factory=dict)  # field -> how it was resolved
    versions: dict[str, str] = field(default_factory=dict)  # coder, data, spacy, gazetteer
    incident_id: str | None = None  # the incident it belongs to, once stored and grouped

    @property
    def is_prediction(self) -> bool:
        """Negated events are kept with their flag but are not predictions (FORMAT.md)."""
        return not self.flags.negated

    def to_gold(self) -> dict[str, Any]:
        """The event in the gold shape of FORMAT.md (extra keys are ignored by scorers)."""
        loc = None
        if self.location is not None:
            loc = {
                "name": self.location.name,
                "country": self.location.country,
                "lat": self.location.lat,
                "lon": self.location.lon,
            }
        return {
            "type": self.type,
            "mode": self.mode,
            "cameo": self.cameo,
            "actor": [_party(a) for a in self.actor],
            "recipient": [_party(a) for a in self.recipient],
            "location": loc,
            "date": self.date,
            "dead": self.dead,
            "injured": self.injured,
        }


def _party(actor: Actor) -> dict[str, Any]:
    return {"country": actor.country, "sector": actor.sector, "text": actor.text}


@dataclass
class Article:
    """A cleaned document with its metadata and events.

    ``text`` is the headline, a blank line, then the body (or the body alone when there is
    no headline); every character offset in the article's events points into it.
    """

    id: str
    text: str
    title: str | None = None
    body_start: int = 0  # offset of the body in ``text``
    publisher: str | None = None
    published: str | None = None  # ISO 8601 date-time as known
    section: str | None = None
    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    url: str | None = None
    source: str | None = None  # where it was read: a path, "path:line", "-" or "<text>"
    source_id: str | None = None  # the id a JSONL record or gold file gave, if any
    lang: str | None = None
    lang_score: float | None = None
    events: list[Event] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def normalise_text(text: str) -> str:
    """The form of an article's text that its id is a hash of (NFC, whitespace folded)."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def article_id(text: str) -> str:
    """A stable id for an article: the same text (up to whitespace) gives the same id."""
    digest = hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()
    return "a" + digest[:23]


def event_id(article: str, event: Event, taken: set[str] | None = None) -> str:
    """A deterministic id from the article id, the type, the evidence spans and the parties.

    ``taken`` holds the ids already given in the same article: a rare collision (two events
    from one trigger with the same parties) gets a numbered suffix, in event order.
    """
    spans = ",".join(f"{e.start}-{e.end}" for e in event.evidence)
    triggers = ",".join(f"{t.start}" for e in event.evidence for t in e.triggers)
    parties = ",".join(f"{a.start}:{a.country}" for a in [*event.actor, *event.recipient])
    key = f"{article}|{event.type}|{event.mode}|{spans}|{triggers}|{parties}"
    base = "e" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:23]
    ident, n = base, 1
    while taken is not None and ident in taken:
        n += 1
        ident = f"{base}-{n}"
    if taken is not None:
        taken.add(ident)
    return ident


def to_dict(record: Any) -> Any:
    """A dataclass record (and anything inside it) as plain JSON-ready data."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return {f.name: to_dict(getattr(record, f.name)) for f in dataclasses.fields(record)}
    if isinstance(record, dict):
        return {k: to_dict(v) for k, v in record.items()}
    if isinstance(record, (list, tuple)):
        return [to_dict(v) for v in record]
    return record


def to_json(record: Any) -> str:
    return json.dumps(to_dict(record), ensure_ascii=False, sort_keys=False)


def _build(cls: type, data: Any) -> Any:
    if data is None:
        return None
    return cls(**data)


def event_from_dict(data: dict[str, Any]) -> Event:
    """Rebuild an :class:`Event` from :func:`to_dict` output (the store keeps JSON)."""
    d = dict(data)
    d["actor"] = [Actor(**a) for a in d.get("actor") or []]
    d["recipient"] = [Actor(**a) for a in d.get("recipient") or []]
    d["location"] = _build(Location, d.get("location"))
    d["flags"] = Flags(**(d.get("flags") or {}))
    rb = d.get("reported_by")
    if rb is not None:
        rb = dict(rb)
        rb["source"] = _build(Actor, rb.get("source"))
        d["reported_by"] = Attribution(**rb)
    d["evidence"] = [
        Evidence(**{**e, "triggers": [Trigger(**t) for t in e.get("triggers") or []]})
        for e in d.get("evidence") or []
    ]
    return Event(**d)


def article_from_dict(data: dict[str, Any]) -> Article:
    d = dict(data)
    d["events"] = [event_from_dict(e) for e in d.get("events") or []]
    return Article(**d)
