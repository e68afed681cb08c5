"""What the incident matcher compares: the language-free coded fields of one event.

Words are never compared (a French and an English report of one incident share none); the
type, mode, date span, place, parties and counts the coder gave are.  A fact sheet is built
from a stored event row or from an incident member, and turns back into a member entry, so
an incident read back from the store can be matched against new events without its events.
"""

from __future__ import annotations

import calendar
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from eventwire.resolve.dates import parse_published

# A party code that is not a country: it says nothing about where an incident happened.
NON_STATE = frozenset({"IGO", "UNO", "EUR", "NGO", "IMG", "ISM", "MNC"})

# How far before the publication day a "report"-dated event may have happened.
REPORT_LAG_DAYS = 2

_PARTY_FIELDS = ("actor_countries", "actor_sectors", "recipient_countries", "recipient_sectors")


@dataclass(frozen=True)
class Facts:
    """One event as the matcher sees it (every field JSON-ready, dates as ISO days)."""

    event_id: str
    article_id: str
    type: str
    mode: str | None
    date_lo: str | None  # first day the event may have happened
    date_hi: str | None  # last day
    date_precision: str | None
    country: str | None  # location country
    admin1: str | None
    geonames_id: int | None
    lat: float | None
    lon: float | None
    place: str | None  # canonical name, else as written
    place_precision: str | None
    actor_countries: tuple[str, ...]
    actor_sectors: tuple[str, ...]
    recipient_countries: tuple[str, ...]
    recipient_sectors: tuple[str, ...]
    dead: int | None
    injured: int | None
    arrested: int | None
    mergeable: bool  # negated, hypothetical or undated events stay alone
    publisher: str | None
    published: str | None
    url: str | None
    evidence: str | None
    lang: str | None = None

    @property
    def span(self) -> tuple[date, date] | None:
        if self.date_lo is None or self.date_hi is None:
            return None
        return date.fromisoformat(self.date_lo), date.fromisoformat(self.date_hi)

    @property
    def block_country(self) -> str | None:
        """Where the incident is: the place's country, else a state party's (recipient first)."""
        if self.country:
            return self.country
        for code in (*self.recipient_countries, *self.actor_countries):
            if code not in NON_STATE:
                return code
        return None

    @property
    def published_at(self) -> datetime | None:
        return parse_time(self.published)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        for name in _PARTY_FIELDS:
            data[name] = list(data[name])
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Facts:
        known = {name: data.get(name) for name in cls.__dataclass_fields__}
        for name in _PARTY_FIELDS:
            known[name] = tuple(known[name] or ())
        return cls(**known)


def facts_from_record(
    record: dict[str, Any], article: dict[str, Any], *, url: str | None = None
) -> Facts:
    """The facts of a stored event (its ``records.to_dict`` form) and its article's metadata."""
    location = record.get("location") or {}
    flags = record.get("flags") or {}
    actors = record.get("actor") or []
    recipients = record.get("recipient") or []
    span = date_span(
        record.get("date"),
        record.get("date_precision"),
        record.get("date_end"),
        article.get("published"),
    )
    evidence = record.get("evidence") or []
    return Facts(
        event_id=record["id"],
        article_id=record.get("article_id") or article.get("id") or "",
        type=record["type"],
        mode=record.get("mode"),
        date_lo=span[0].isoformat() if span else None,
        date_hi=span[1].isoformat() if span else None,
        date_precision=record.get("date_precision") if record.get("date") else "report",
        country=location.get("country"),
        admin1=location.get("admin1"),
        geonames_id=location.get("geonames_id"),
        lat=location.get("lat"),
        lon=location.get("lon"),
        place=location.get("canonical") or location.get("name"),
        place_precision=location.get("precision"),
        actor_countries=_codes(actors, "country"),
        actor_sectors=_codes(actors, "sector"),
        recipient_countries=_codes(recipients, "country"),
        recipient_sectors=_codes(recipients, "sector"),
        dead=record.get("dead"),
        injured=record.get("injured"),
        arrested=record.get("arrested"),
        mergeable=bool(span)
        and not flags.get("negated")
        and not flags.get("hypothetical")
        and (span[1] - span[0]).days <= 31,
        publisher=article.get("publisher"),
        published=article.get("published"),
        url=url or article.get("url") or article.get("source"),
        evidence=evidence[0]["sentence"] if evidence else None,
        lang=article.get("lang"),
    )


def _codes(parties: list[dict[str, Any]], key: str) -> tuple[str, ...]:
    return tuple(sorted({p[key] for p in parties if p.get(key)}))


def date_span(
    value: str | None, precision: str | None, end: str | None, published: str | None
) -> tuple[date, date] | None:
    """The days an event may have happened on, from its date and that date's precision.

    An undated event is dated by its report: up to two days before publication.
    """
    if not value:
        day = parse_published(published)
        if day is None:
            return None
        return day - timedelta(days=REPORT_LAG_DAYS), day
    try:
        parts = [int(p) for p in value.split("-")]
        if len(parts) == 3:
            lo = date(*parts)
        elif len(parts) == 2:
            lo = date(parts[0], parts[1], 1)
        else:
            lo = date(parts[0], 1, 1)
    except ValueError:
        return None
    if len(parts) == 1 or precision == "year":
        hi = date(lo.year, 12, 31)
    elif len(parts) == 2 or precision == "month":
        hi = date(lo.year, lo.month, calendar.monthrange(lo.year, lo.month)[1])
    elif precision == "week":
        hi = lo + timedelta(days=6)
    elif precision == "report":
        lo, hi = lo - timedelta(days=REPORT_LAG_DAYS), lo
    else:
        hi = lo
    last = parse_published(end)
    if last is not None and last > hi:
        hi = last
    return lo, hi


def parse_time(value: str | None) -> datetime | None:
    """An ISO date-time (a date alone is its midnight), naive, or None."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        day = parse_published(value)
        return datetime(day.year, day.month, day.day) if day else None
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment
