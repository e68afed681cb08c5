"""The HTTP API: events with filters, one event, counts, one article, health.

A bad parameter is a 422 whose ``detail`` starts with the parameter's name; a store that a
writer holds for longer than the lock timeout is a 503 (retry); a missing store file is an
empty store.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Annotated, Any

import duckdb
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response

from eventwire.export import FLAT_COLUMNS, csv_value, flat_row
from eventwire.query import EventQuery, QueryError
from eventwire.serve import queries
from eventwire.serve.reader import Reader, StoreMissing

MAX_LIMIT = 1000  # events per page; exports of everything go through `eventwire export`
FORMATS = ("json", "csv", "geojson")
EMPTY_MESSAGE = "the store holds no events yet: run `eventwire ingest PATH --db {db}`"

router = APIRouter(prefix="/api")


class NotFound(Exception):
    """An id that is not in the store (404)."""


def _reader(request: Request) -> Reader:
    return request.app.state.reader


@contextmanager
def _connection(reader: Reader) -> Iterator[duckdb.DuckDBPyConnection | None]:
    """A read-only connection, or None for a store that does not exist (yet) or is not one."""
    try:
        with reader.connect() as conn:
            yield conn if queries.has_events_table(conn) else None
    except StoreMissing:
        yield None


# -- the filters, shared by /api/events and /api/stats --------------------------------------

_FILTERS = (
    "type", "mode", "country", "actor_country", "recipient_country", "sector", "date_from",
    "date_to", "bbox", "q", "min_dead", "lang", "incident", "include_negated", "min_confidence",
)  # fmt: skip


def event_query(
    request: Request,
    type: Annotated[str | None, Query(description="PLOVER types, comma-separated")] = None,
    mode: Annotated[str | None, Query(description="modes, comma-separated")] = None,
    country: Annotated[
        str | None, Query(description="ISO alpha-3 of an actor, a recipient or the place")
    ] = None,
    actor_country: Annotated[str | None, Query(description="an actor's country")] = None,
    recipient_country: Annotated[str | None, Query(description="a recipient's country")] = None,
    sector: Annotated[str | None, Query(description="an actor's or recipient's sector")] = None,
    date_from: Annotated[str | None, Query(description="YYYY, YYYY-MM or YYYY-MM-DD")] = None,
    date_to: Annotated[str | None, Query(description="YYYY, YYYY-MM or YYYY-MM-DD")] = None,
    bbox: Annotated[str | None, Query(description="minlon,minlat,maxlon,maxlat")] = None,
    q: Annotated[str | None, Query(description="words that must all be in the evidence")] = None,
    min_dead: Annotated[str | None, Query(description="at least this many dead")] = None,
    lang: Annotated[str | None, Query(description="article language: fr, en")] = None,
    incident: Annotated[str | None, Query(description="incident id")] = None,
    include_negated: Annotated[str | None, Query(description="true: keep negated events")] = None,
    min_confidence: Annotated[str | None, Query(description="0 to 1")] = None,
) -> EventQuery:
    values = dict(locals())
    values.pop("request")
    return EventQuery.from_params(values)


def _check_names(request: Request, allowed: tuple[str, ...]) -> None:
    """A misspelt parameter is an error, not a silently ignored filter."""
    for name in request.query_params:
        if name not in allowed:
            raise QueryError(name, f"unknown parameter; known ones: {', '.join(allowed)}")


def _int(name: str, value: str | None, default: int, low: int, high: int | None) -> int:
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise QueryError(name, f"{value!r} is not a whole number") from None
    if number < low or (high is not None and number > high):
        bound = f"between {low} and {high}" if high is not None else f"at least {low}"
        raise QueryError(name, f"{number} must be {bound}")
    return number


Filters = Annotated[EventQuery, Depends(event_query)]


@router.get("/events", summary="Events matching the filters, one page at a time")
def events(
    request: Request,
    query: Filters,
    limit: Annotated[str | None, Query(description=f"events per page, at most {MAX_LIMIT}")] = None,
    offset: Annotated[str | None, Query(description="events to skip")] = None,
    sort: Annotated[str | None, Query(description=", ".join(queries.SORTS))] = None,
    order: Annotated[str | None, Query(description="asc or desc")] = None,
    format: Annotated[str | None, Query(description="json, csv or geojson")] = None,
) -> Response:
    _check_names(request, (*_FILTERS, "limit", "offset", "sort", "order", "format"))
    size = _int("limit", limit, 100, 0, MAX_LIMIT)
    skip = _int("offset", offset, 0, 0, None)
    fmt = format or "json"
    if fmt not in FORMATS:
        raise QueryError("format", f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    with _connection(_reader(request)) as conn:
        total, page = (
            (0, [])
            if conn is None
            else queries.list_events(
                conn, query, limit=size, offset=skip, sort=sort or "stored", order=order or "asc"
            )
        )
    if fmt == "csv":
        return Response(
            _csv(page), media_type="text/csv; charset=utf-8", headers={"X-Total-Count": str(total)}
        )
    if fmt == "geojson":
        return JSONResponse(_geojson(total, page), media_type="application/geo+json")
    following = skip + len(page)
    body: dict[str, Any] = {
        "total": total,
        "offset": skip,
        "limit": size,
        "next_offset": following if following < total else None,
        "events": [item.record() for item in page],
    }
    if conn is None:
        body["message"] = EMPTY_MESSAGE.format(db=request.app.state.reader.path)
    return JSONResponse(body)


def _csv(page: list[queries.Row]) -> str:
    names = [name for name, _ in FLAT_COLUMNS]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(names)
    for item in page:
        row = flat_row(item.event, item.article)
        writer.writerow([csv_value(row[name]) for name in names])
    return out.getvalue()


def _geojson(total: int, page: list[queries.Row]) -> dict[str, Any]:
    """One Feature per event (a null geometry where the place has no coordinates)."""
    features = []
    for item in page:
        row = flat_row(item.event, item.article)
        point = None
        if row["lat"] is not None and row["lon"] is not None:
            point = {"type": "Point", "coordinates": [row["lon"], row["lat"]]}
        features.append({"type": "Feature", "id": row["id"], "geometry": point, "properties": row})
    return {"type": "FeatureCollection", "total": total, "features": features}


@router.get("/events/{event_id}", summary="One event: the whole record and its context")
def event(request: Request, event_id: str) -> dict[str, Any]:
    return _one(request, "event", event_id, queries.get_event)


@router.get("/stats", summary="Counts by type, country, period and place for the filters")
def stats(
    request: Request,
    query: Filters,
    interval: Annotated[str | None, Query(description="day, week, month or year")] = None,
) -> dict[str, Any]:
    _check_names(request, (*_FILTERS, "interval"))
    with _connection(_reader(request)) as conn:
        if conn is None:
            if interval is not None and interval not in queries.INTERVALS:
                raise QueryError("interval", f"unknown interval {interval!r}")
            return {
                "total": 0,
                "first_day": None,
                "last_day": None,
                "by_type": {},
                "by_country": [],
                "by_actor_country": [],
                "interval": interval or "month",
                "by_period": [],
                "places": [],
                "message": EMPTY_MESSAGE.format(db=request.app.state.reader.path),
            }
        return queries.stats(conn, query, interval)


@router.get("/articles/{article_id}", summary="One article: metadata, text, its events' spans")
def article(request: Request, article_id: str) -> dict[str, Any]:
    return _one(request, "article", article_id, queries.get_article)


def _one(
    request: Request, what: str, ident: str, get: Callable[[Any, str], dict[str, Any] | None]
) -> dict[str, Any]:
    """One record by its id, or a 404 naming it."""
    _check_names(request, ())
    with _connection(_reader(request)) as conn:
        found = None if conn is None else get(conn, ident)
    if found is None:
        raise NotFound(f"no {what} {ident!r} in the store")
    return found


@router.get("/health", summary="Whether the store can be read, and what it holds")
def health(request: Request) -> dict[str, Any]:
    reader = _reader(request)
    with _connection(reader) as conn:
        if conn is None:
            return {
                "status": "ok",
                "db": str(reader.path),
                "articles": 0,
                "events": 0,
                "message": EMPTY_MESSAGE.format(db=reader.path),
            }
        counts = queries.health(conn)
    body = {"status": "ok", "db": str(reader.path), **counts}
    if counts["events"] == 0:
        body["message"] = EMPTY_MESSAGE.format(db=reader.path)
    return body
