"""The incident record: the best-supported fields of its members, their range, and why.

- type and mode: the type, and the mode most members give;
- place: the most precise place members agree on (a town beats its region or country);
- date span: the days the day-precise members give (else the narrowest span);
- dead, injured, arrested: the figure most reports give, or a higher one from the latest
  report that gives any (a toll rises as it is counted), with the range reported:
  ``"3 (reports: 3-4)"``;
- parties: each (role, country, sector) with how many members give it;
- num_articles, num_sources (distinct publishers), first and last seen;
- members (event, article, publisher, url, evidence sentence, facts) and the reasons each
  member after the first was merged.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

from eventwire.incidents.facts import Facts, parse_time
from eventwire.incidents.group import Incident

COUNT_FIELDS: tuple[str, ...] = ("dead", "injured", "arrested")
_PRECISION_RANK = {"place": 0, "region": 1, "country": 2, None: 3}


def build(incident: Incident) -> dict[str, Any]:
    """The JSON record of an incident (the ``incidents.record`` column)."""
    members = incident.members
    place = _place(members)
    start, end = _date_span(members)
    record: dict[str, Any] = {
        "id": incident.id,
        "type": members[0].type,
        "mode": _most_common(m.mode for m in members),
        "date_start": start.isoformat() if start else None,
        "date_end": end.isoformat() if end else None,
        "location": place,
        "parties": _parties(members),
    }
    for name in COUNT_FIELDS:
        best, low, high = figure(members, name)
        record[name] = best
        text = None if best is None else str(best)
        record[f"{name}_text"] = f"{text} (reports: {low}-{high})" if low != high else text
    seen = [t for t in (m.published_at for m in members) if t is not None]
    record.update(
        num_events=len(members),
        num_articles=len({m.article_id for m in members}),
        num_sources=len({source_name(m) for m in members}),
        first_seen=min(seen).isoformat() if seen else None,
        last_seen=max(seen).isoformat() if seen else None,
        block_country=members[0].block_country,
        members=[
            {
                "event_id": m.event_id,
                "article_id": m.article_id,
                "publisher": m.publisher,
                "published": m.published,
                "url": m.url,
                "lang": m.lang,
                "evidence": m.evidence,
                "facts": m.to_json(),
            }
            for m in members
        ],
        merge_reasons=incident.joins,
    )
    return record


def row(record: dict[str, Any]) -> dict[str, Any]:
    """The typed columns of the ``incidents`` table for a record."""
    place = record["location"] or {}
    return {
        "id": record["id"],
        "type": record["type"],
        "mode": record["mode"],
        "date_start": _day(record["date_start"]),
        "date_end": _day(record["date_end"]),
        "location_country": place.get("country"),
        "location_name": place.get("name"),
        "lat": place.get("lat"),
        "lon": place.get("lon"),
        "dead": record["dead"],
        "injured": record["injured"],
        "arrested": record["arrested"],
        "num_events": record["num_events"],
        "num_articles": record["num_articles"],
        "num_sources": record["num_sources"],
        "first_seen": _time(record["first_seen"]),
        "last_seen": _time(record["last_seen"]),
        "block_country": record["block_country"],
    }


def figure(members: list[Facts], name: str) -> tuple[int | None, int | None, int | None]:
    """The best-supported count, and the lowest and highest reported."""
    reports = [(m.published_at, getattr(m, name)) for m in members]
    values = [v for _, v in reports if v is not None]
    if not values:
        return None, None, None
    tally = Counter(values)
    top = max(tally.values())
    # Among equally supported figures, the higher: a toll is revised up, rarely down.
    best = max(v for v, n in tally.items() if n == top)
    dated = [(t, v) for t, v in reports if v is not None and t is not None]
    if dated:
        latest = max(dated, key=lambda tv: tv[0])[1]
        if latest > best:
            best = latest
    return best, min(values), max(values)


def source_name(member: Facts) -> str:
    """Who published a member: its publisher, else its URL's host, else its article."""
    if member.publisher:
        return member.publisher.casefold()
    if member.url and "//" in member.url:
        host = urlsplit(member.url).hostname or ""
        return host.removeprefix("www.")
    return member.article_id


def _most_common(values: Any) -> Any:
    tally = Counter(v for v in values if v is not None)
    if not tally:
        return None
    top = max(tally.values())
    return min(v for v, n in tally.items() if n == top)


def _place(members: list[Facts]) -> dict[str, Any] | None:
    located = [m for m in members if m.place or m.country]
    if not located:
        return None
    rank = min(_PRECISION_RANK.get(m.place_precision, 3) for m in located)
    precise = [m for m in located if _PRECISION_RANK.get(m.place_precision, 3) == rank]
    tally = Counter((m.geonames_id, m.place) for m in precise)
    top = max(tally.values())
    key = min((k for k, n in tally.items() if n == top), key=lambda k: (k[0] or 0, k[1] or ""))
    chosen = next(m for m in precise if (m.geonames_id, m.place) == key)
    return {
        "name": chosen.place,
        "country": chosen.country or _most_common(m.country for m in located),
        "admin1": chosen.admin1,
        "geonames_id": chosen.geonames_id,
        "lat": chosen.lat,
        "lon": chosen.lon,
        "precision": chosen.place_precision,
        "support": top,
    }


def _date_span(members: list[Facts]) -> tuple[date | None, date | None]:
    spans = [m.span for m in members if m.span is not None]
    if not spans:
        return None, None
    days = [lo for lo, hi in spans if lo == hi]
    if days:
        return min(days), max(days)
    lo, hi = min(spans, key=lambda s: (s[1] - s[0], s[0]))
    return lo, hi


def _parties(members: list[Facts]) -> list[dict[str, Any]]:
    tally: Counter[tuple[str, str | None, str | None]] = Counter()
    for m in members:
        for role, countries, sectors in (
            ("actor", m.actor_countries, m.actor_sectors),
            ("recipient", m.recipient_countries, m.recipient_sectors),
        ):
            for country in countries or (None,):
                for sector in sectors or (None,):
                    if country or sector:
                        tally[(role, country, sector)] += 1
    return [
        {"role": role, "country": country, "sector": sector, "support": n}
        for (role, country, sector), n in sorted(
            tally.items(), key=lambda kv: (kv[0][0], -kv[1], kv[0][1] or "", kv[0][2] or "")
        )
    ]


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _time(value: str | None) -> datetime | None:
    return parse_time(value)


def incident_from_record(record: dict[str, Any]) -> Incident:
    """An incident read back from its stored record (to be matched against new events)."""
    members = [Facts.from_json(m["facts"]) for m in record.get("members") or []]
    return Incident(record["id"], members, list(record.get("merge_reasons") or []), False)
