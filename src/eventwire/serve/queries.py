"""The server's reads: a page of events, one event with its context, counts, an article.

Every function takes an open DuckDB connection (see :mod:`eventwire.serve.reader`) and an
:class:`~eventwire.query.EventQuery`; filters reach SQL only as ``?`` parameters, and sort
keys only through the fixed table :data:`SORTS`.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from typing import Any

import duckdb

from eventwire.query import EventQuery, QueryError, event_columns, where_clause
from eventwire.records import Event, event_from_dict
from eventwire.store import ARTICLE_META

# Sort name -> SQL expression (asc/desc and the insertion-order tie-break are added).
SORTS: dict[str, str] = {
    "stored": "e.article_seq",
    "date": "e.date",
    "type": "e.type",
    "mode": "e.mode",
    "country": "e.location_country",
    "place": "coalesce(e.location_canonical, e.location_name)",
    "dead": "e.dead",
    "injured": "e.injured",
    "confidence": "e.confidence",
}
INTERVALS: tuple[str, ...] = ("day", "week", "month", "year")
MAX_PLACES = 3000  # map points returned by stats (the busiest places first)
MAX_COUNTRIES = 250
MAX_PERIODS = 2000  # timeline bars filled in between the first and last period
CONTEXT_CHARS = 700  # article text kept on each side of an evidence sentence

_META = ", ".join(f"a.{name}" for name in ARTICLE_META)
# An event's first day as a DATE whatever its precision ('2023', '2023-05', '2023-05-02').
_DAY = (
    "TRY_CAST(CASE length(e.date) WHEN 4 THEN e.date || '-01-01' WHEN 7 THEN e.date || '-01' "
    "ELSE e.date END AS DATE)"
)


def has_events_table(conn: duckdb.DuckDBPyConnection) -> bool:
    row = conn.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() "
        "AND table_name IN ('events', 'articles')"
    ).fetchone()
    return bool(row and row[0] == 2)


def _where(conn: duckdb.DuckDBPyConnection, query: EventQuery) -> tuple[str, list[Any]]:
    return where_clause(query, columns=event_columns(conn), alias="e")


@dataclass(frozen=True)
class Row:
    """One event read back: its stored record (``records.to_dict`` form), its article's
    metadata and its incident (if any)."""

    data: dict[str, Any]
    article: dict[str, Any]
    incident: str | None = None

    @property
    def event(self) -> Event:
        return event_from_dict(self.data)

    def record(self) -> dict[str, Any]:
        """As ``export --format jsonl`` writes it (plus ``incident_id`` where known).

        The stored record is already ``to_dict(event)``, so it is used as it is: rebuilding
        the dataclasses cost more than the query itself on a page of events."""
        data = {**self.data, "article": self.article}
        if self.incident is not None:
            data["incident_id"] = self.incident
        return data


def _rows(rows: list[tuple[Any, ...]]) -> list[Row]:
    return [
        Row(json.loads(record), dict(zip(ARTICLE_META, meta, strict=True)), inc)
        for record, inc, *meta in rows
    ]


def _incident_column(conn: duckdb.DuckDBPyConnection) -> str:
    return "e.incident_id" if "incident_id" in event_columns(conn) else "NULL"


def list_events(
    conn: duckdb.DuckDBPyConnection,
    query: EventQuery,
    *,
    limit: int,
    offset: int = 0,
    sort: str = "stored",
    order: str = "asc",
) -> tuple[int, list[Row]]:
    """``(total, page)``: how many events match, and ``limit`` of them from ``offset``."""
    if sort not in SORTS:
        raise QueryError("sort", f"unknown sort {sort!r}; known ones: {', '.join(SORTS)}")
    if order not in ("asc", "desc"):
        raise QueryError("order", f"{order!r} is not asc or desc")
    where, params = _where(conn, query)
    total_row = conn.execute(f"SELECT count(*) FROM events e WHERE {where}", params).fetchone()
    total = int(total_row[0]) if total_row else 0
    if limit == 0 or offset >= total:
        return total, []
    direction = order.upper()
    page = conn.execute(
        f"SELECT e.record, {_incident_column(conn)}, e.article_id FROM events e WHERE {where} "
        f"ORDER BY {SORTS[sort]} {direction} NULLS LAST, e.article_seq {direction}, "
        f"e.seq {direction} LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    # The page's articles by key afterwards: joining before the LIMIT hashed every article.
    ids = sorted({row[2] for row in page})
    meta = {
        row[0]: row
        for row in conn.execute(
            f"SELECT {_META} FROM articles a WHERE a.id IN ({', '.join('?' * len(ids))})", ids
        ).fetchall()
    }
    empty = (None,) * len(ARTICLE_META)
    return total, _rows([(rec, inc, *meta.get(aid, empty)) for rec, inc, aid in page])


def get_event(conn: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    """The whole record, its article's metadata, and the text around each evidence sentence
    (``context``: ``before``, ``sentence``, ``after``; empty when the store keeps no text)."""
    rows = conn.execute(
        f"SELECT e.record, {_incident_column(conn)}, {_META}, a.text FROM events e "
        "LEFT JOIN articles a ON a.id = e.article_id WHERE e.id = ?",
        [event_id],
    ).fetchall()
    if not rows:
        return None
    *row, text = rows[0]
    data = _rows([tuple(row)])[0].record()
    data["context"] = [_context(text, ev) for ev in data["evidence"]] if text else []
    return data


def _context(text: str, evidence: dict[str, Any]) -> dict[str, str]:
    """The paragraph around an evidence sentence (at most CONTEXT_CHARS each side)."""
    start, end = evidence.get("start"), evidence.get("end")
    sentence = evidence.get("sentence") or ""
    if not (isinstance(start, int) and isinstance(end, int) and text[start:end] == sentence):
        found = text.find(sentence) if sentence else -1  # offsets from an older text
        if found < 0:
            return {"before": "", "sentence": sentence, "after": ""}
        start, end = found, found + len(sentence)
    lo = text.rfind("\n\n", max(0, start - CONTEXT_CHARS), start)
    lo = max(0, start - CONTEXT_CHARS) if lo < 0 else lo + 2
    hi = text.find("\n\n", end, end + CONTEXT_CHARS)
    hi = min(len(text), end + CONTEXT_CHARS) if hi < 0 else hi
    return {"before": text[lo:start], "sentence": text[start:end], "after": text[end:hi]}


def get_article(conn: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, Any] | None:
    """An article's metadata, text (None in an evidence-only store) and its events' spans."""
    rows = conn.execute(
        "SELECT id, title, publisher, published, section, authors, url, source, lang, text, "
        "body_start FROM articles WHERE id = ?",
        [article_id],
    ).fetchall()
    if not rows:
        return None
    names = ("id", "title", "publisher", "published", "section", "authors", "url", "source",
             "lang", "text", "body_start")  # fmt: skip
    article = dict(zip(names, rows[0], strict=True))
    article["authors"] = list(article["authors"] or [])
    events = conn.execute(
        "SELECT id, type, mode, negated, evidence FROM events WHERE article_id = ? ORDER BY seq",
        [article_id],
    ).fetchall()
    article["events"] = [
        {
            "id": eid,
            "type": etype,
            "mode": mode,
            "negated": negated,
            "evidence": [
                {"start": ev["start"], "end": ev["end"], "sentence": ev["sentence"]}
                for ev in json.loads(evidence or "[]")
            ],
        }
        for eid, etype, mode, negated, evidence in events
    ]
    return article


def stats(
    conn: duckdb.DuckDBPyConnection, query: EventQuery, interval: str | None = None
) -> dict[str, Any]:
    """Counts for the same filters: by type, by country, by period, by place (for the map)."""
    if interval is not None and interval not in INTERVALS:
        raise QueryError(
            "interval", f"unknown interval {interval!r}; one of {', '.join(INTERVALS)}"
        )
    where, params = _where(conn, query)
    base = f"FROM events e WHERE {where}"
    total_row = conn.execute(f"SELECT count(*), min({_DAY}), max({_DAY}) {base}", params)
    total, first, last = total_row.fetchone() or (0, None, None)
    by_type = dict(
        conn.execute(f"SELECT e.type, count(*) {base} GROUP BY 1 ORDER BY 1", params).fetchall()
    )
    by_country = conn.execute(
        f"SELECT e.location_country, count(*) {base} AND e.location_country IS NOT NULL "
        f"GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT {MAX_COUNTRIES}",
        params,
    ).fetchall()
    by_actor = conn.execute(
        "SELECT c, count(*) FROM (SELECT unnest(list_distinct(list_filter(e.actor_country, "
        f"lambda x: x IS NOT NULL))) AS c {base}) "
        f"GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT {MAX_COUNTRIES}",
        params,
    ).fetchall()
    chosen = interval or _auto_interval(first, last)
    by_period = conn.execute(
        f"SELECT date_trunc('{chosen}', {_DAY}) AS p, count(*) {base} AND {_DAY} IS NOT NULL "
        "GROUP BY 1 ORDER BY 1",
        params,
    ).fetchall()
    # Places by cell of 0.1 degree (about 11 km) and type; merged per cell below.  Cheaper
    # than mode()/histogram() per cell, and finer than any cluster the map draws.
    cells = conn.execute(
        "SELECT round(e.lat, 1), round(e.lon, 1), e.type, count(*), avg(e.lat), avg(e.lon), "
        "any_value(coalesce(e.location_canonical, e.location_name)), "
        f"any_value(e.location_country) {base} AND e.lat IS NOT NULL AND e.lon IS NOT NULL "
        "GROUP BY 1, 2, 3",
        params,
    ).fetchall()
    return {
        "total": int(total),
        "first_day": _iso(first),
        "last_day": _iso(last),
        "by_type": by_type,
        "by_country": [{"country": c, "count": n} for c, n in by_country],
        "by_actor_country": [{"country": c, "count": n} for c, n in by_actor],
        "interval": chosen,
        "by_period": _continuous(by_period, chosen),
        "places": _places(cells),
    }


def _places(cells: list[tuple[Any, ...]]) -> list[dict[str, Any]]:
    """One point per cell: mean position, a name found there, counts by type; busiest first."""
    merged: dict[tuple[float, float], dict[str, Any]] = {}
    for cell_lat, cell_lon, etype, n, lat, lon, name, country in cells:
        place = merged.setdefault(
            (cell_lat, cell_lon),
            {"lat": 0.0, "lon": 0.0, "name": name, "country": country, "count": 0, "types": {}},
        )
        place["lat"] += lat * n
        place["lon"] += lon * n
        place["count"] += n
        place["types"][etype] = n
    out = sorted(merged.values(), key=lambda p: (-p["count"], p["name"] or ""))[:MAX_PLACES]
    for place in out:
        place["lat"] = round(place["lat"] / place["count"], 3)
        place["lon"] = round(place["lon"] / place["count"], 3)
    return out


def _auto_interval(first: datetime.date | None, last: datetime.date | None) -> str:
    """Days for a few months of events, weeks up to two years, months beyond."""
    if first is None or last is None:
        return "month"
    span = (last - first).days
    return "day" if span <= 120 else "week" if span <= 730 else "month"


def _continuous(counts: list[tuple[Any, int]], interval: str) -> list[dict[str, Any]]:
    """Every period from the first to the last, empty ones at 0, so the timeline is to scale
    (up to MAX_PERIODS; a longer run keeps only the periods that have events)."""
    found = {_day(p): n for p, n in counts}
    if not found:
        return []
    first, last = min(found), max(found)
    periods = [first]
    while periods[-1] < last and len(periods) <= MAX_PERIODS:
        periods.append(_next_period(periods[-1], interval))
    if len(periods) > MAX_PERIODS:
        periods = sorted(found)
    return [{"period": p.isoformat(), "count": found.get(p, 0)} for p in periods]


def _next_period(day: datetime.date, interval: str) -> datetime.date:
    if interval == "day":
        return day + datetime.timedelta(days=1)
    if interval == "week":
        return day + datetime.timedelta(days=7)
    if interval == "month":
        return datetime.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return datetime.date(day.year + 1, 1, 1)


def _day(value: Any) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        value = value.date()
    return value.isoformat()


def health(conn: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Counts that say the store is readable, and its schema version."""
    articles = conn.execute("SELECT count(*) FROM articles").fetchone()
    events = conn.execute("SELECT count(*) FROM events WHERE NOT negated").fetchone()
    version = conn.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()
    keep = conn.execute("SELECT value FROM meta WHERE key = 'keep_text'").fetchone()
    return {
        "articles": int(articles[0]) if articles else 0,
        "events": int(events[0]) if events else 0,
        "schema_version": int(version[0]) if version else 0,
        "keep_text": (keep[0] == "true") if keep else True,
    }
