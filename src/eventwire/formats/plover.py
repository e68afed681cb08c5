"""PLOVER JSON Lines: one event per line with the field names of the PLOVER manual.

The manual requires ``id``, ``date``, ``actor`` and ``event``; eventwire fills every other
field it knows (``enddate``, ``recipient``, ``mode``, ``context``, ``event_loc``,
``event_text``, ``text_info``, ``cite_info``, ``quad_code``, ``event_scale``, ``dead``,
``injured``, ``arrested``, ``link``, ``coder``, ``coded_date``) and adds a few of its own
(``cameo``, ``confidence``, ``article_id``, ``date_precision``), as the manual allows.
An event with no date, neither its own nor its article's publication day, cannot be a PLOVER
record: it is left out and counted.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from typing import IO, Any

from eventwire import __version__
from eventwire.formats.codebooks import plover_quad, plover_score
from eventwire.formats.dates import date_span, publication_day
from eventwire.formats.extras import ArticleExtras, Extras, Pair, write_lines
from eventwire.formats.parties import proper_name
from eventwire.records import Actor, Event, Location

# The fields the manual marks as required.
REQUIRED: tuple[str, ...] = ("id", "date", "actor", "event")
CODER = f"eventwire {__version__}"
CODEBOOK = "PLOVER draft 2.0"  # the manual's version eventwire codes to
NO_DATE = "no date (PLOVER requires one)"

# Location precision -> the manual's resolution code (1 country ... 4 city, 5 sub-city).
_RESOLUTION = {"country": 1, "region": 2, "place": 4}

# eventwire's flags -> the manual's auxiliary modes, which it puts in the context list.
_AUXILIARY = (
    ("background", "historical"),
    ("hypothetical", "hypothetical"),
    ("negated", "negation"),
)


def plover_record(
    event: Event, article: dict[str, Any], extras: ArticleExtras | None = None
) -> dict[str, Any] | None:
    """The PLOVER record of one event, or None when it has no date at all."""
    extras = extras or ArticleExtras()
    first, last = date_span(event.date, event.date_end)
    precision = event.date_precision
    if first is None:
        first = last = publication_day(article.get("published"))
        precision = "report"
    if first is None or last is None:
        return None
    coverage = extras.coverage_of(event.id)
    auxiliary = [name for flag, name in _AUXILIARY if getattr(event.flags, flag)]
    evidence = event.evidence[0] if event.evidence else None
    return {
        "id": event.id,
        "date": first.isoformat(),
        "enddate": last.isoformat() if last != first else None,
        "date_precision": precision,
        "actor": [_entity(a) for a in event.actor],
        "recipient": [_entity(a) for a in event.recipient],
        "event": [event.type],
        "mode": [event.mode] if event.mode else [],
        "context": [*event.contexts, *auxiliary],
        "quad_code": plover_quad(event.type),
        "event_scale": plover_score(event.type, event.mode),
        "event_loc": _location(event.location),
        "event_text": [e.sentence for e in event.evidence],
        "text_info": {"start": evidence.start, "end": evidence.end} if evidence else None,
        "dead": event.dead,
        "injured": event.injured,
        "arrested": event.arrested,
        "link": coverage.incident,
        "cite_info": {
            "citation": article.get("source"),
            "url": article.get("url"),
            "title": article.get("title"),
            "language": article.get("lang"),
            "publication": article.get("publisher"),
            "coder": CODER,
            "codebook": CODEBOOK,
        },
        "coder": _coder(event),
        "coded_date": extras.stored_at.date().isoformat() if extras.stored_at else None,
        "cameo": event.cameo,
        "confidence": event.confidence,
        "article_id": event.article_id or article.get("id"),
    }


def _entity(actor: Actor) -> dict[str, Any]:
    return {
        "code": actor.country,
        "sector": actor.sector,
        "entity_text": actor.text,
        "identifier_text": proper_name(actor),
    }


def _location(loc: Location | None) -> dict[str, Any] | None:
    if loc is None:
        return None
    return {
        "extracted_place": loc.name,
        "resolved_place": loc.canonical,
        "geonameid": loc.geonames_id,
        "lat": loc.lat,
        "lon": loc.lon,
        "country_code": loc.country,
        "resolution": _RESOLUTION.get(loc.precision or ""),
    }


def _coder(event: Event) -> str:
    version = event.versions.get("coder")
    return f"{CODER} (coder {version})" if version else CODER


def write_plover(
    pairs: Iterable[Pair], handle: IO[str], extras: Extras, skipped: Counter[str]
) -> int:
    """Write one PLOVER record per line; events without any date are counted in ``skipped``."""

    def line(event: Event, article: dict[str, Any], more: ArticleExtras) -> str | None:
        record = plover_record(event, article, more)
        return None if record is None else json.dumps(record, ensure_ascii=False)

    return write_lines(pairs, handle, extras, skipped, line, NO_DATE)
