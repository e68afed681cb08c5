"""Which events: one validated set of filters, and the SQL WHERE clause that applies it.

The HTTP API, ``export`` and the other writers all filter the store's ``events`` table the
same way, so the filters live here once.  :class:`EventQuery` checks every value when it is
built (a bad one raises :class:`QueryError`, naming the parameter) and :func:`where_clause`
turns it into SQL with ``?`` placeholders: a value never becomes SQL text.

Semantics, filter by filter (every filter given must hold; a list means any of its values):

- ``type``, ``mode``: PLOVER types (``EVENT_TYPES``) and the modes the coder knows.
- ``country``: an actor's, a recipient's or the place's country; ``actor_country`` and
  ``recipient_country`` one side only; ``sector``: an actor's or a recipient's sector.
- ``date_from``, ``date_to``: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; an event is kept when
  its dates (``date`` to ``date_end``, a month-precision date covering its whole month)
  overlap the range.  Undated events are left out once either bound is given.
- ``bbox``: ``(minlon, minlat, maxlon, maxlat)``; ``minlon > maxlon`` crosses the
  antimeridian.  Events without coordinates are left out.
- ``q``: every word must appear in the evidence sentences (case-insensitive).
- ``min_dead``, ``min_confidence``: lower bounds; ``lang``: the article's language.
- ``incident``: the incident id (only in stores that have incidents, migration 002).
- ``include_negated``: negated events are left out unless this is true (they are kept in the
  store but are not predictions).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, fields
from functools import cache
from importlib import resources
from typing import Any

from eventwire.config import SUPPORTED_LANGUAGES
from eventwire.records import EVENT_TYPES

_CODE = re.compile(r"^[A-Z]{3}$")  # ISO alpha-3 countries, IGO/UNO/..., sectors
_INCIDENT = re.compile(r"^[A-Za-z0-9_.:-]{1,128}$")
_DATE_FORMATS = {4: "%Y", 7: "%Y-%m", 10: "%Y-%m-%d"}
_MAX_WORDS = 20  # words in q: enough for any search, few enough to keep the query cheap


class QueryError(ValueError):
    """A filter value that cannot be used; ``param`` names the filter."""

    def __init__(self, param: str, message: str) -> None:
        super().__init__(f"{param}: {message}")
        self.param = param


@cache
def known_modes() -> frozenset[str]:
    """The modes the coder can give: column ``mode`` of the packaged triggers and mode cues."""
    modes: set[str] = set()
    data = resources.files("eventwire") / "data"
    for lang in sorted(SUPPORTED_LANGUAGES):
        for name, column in (("triggers.tsv", 3), ("modes.tsv", 2)):
            for line in (data / lang / name).read_text(encoding="utf-8").splitlines():
                cols = line.split("\t")
                if line.startswith("#") or len(cols) <= column:
                    continue
                if cols[column] not in ("", "-", "mode"):
                    modes.add(cols[column])
    return frozenset(modes)


@dataclass(frozen=True)
class EventQuery:
    """Filters over stored events; every field is optional.

    List filters take a sequence or one comma-separated string (``"ASSAULT,PROTEST"``);
    strings from a URL or a command line are accepted for every field (``"2023-05"``,
    ``"10"``, ``"true"``, ``"2.1,41.3,2.3,41.5"``).  Values are normalised: codes to upper
    case, modes and languages to lower case.
    """

    type: tuple[str, ...] = ()
    mode: tuple[str, ...] = ()
    country: tuple[str, ...] = ()
    actor_country: tuple[str, ...] = ()
    recipient_country: tuple[str, ...] = ()
    sector: tuple[str, ...] = ()
    date_from: str | None = None
    date_to: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    q: str | None = None
    min_dead: int | None = None
    lang: tuple[str, ...] = ()
    incident: str | None = None
    include_negated: bool = False
    min_confidence: float | None = None

    def __post_init__(self) -> None:
        put = object.__setattr__  # frozen: normalised values are set once, here
        types = _values("type", self.type, str.upper)
        _allowed("type", types, EVENT_TYPES)
        put(self, "type", types)
        modes = _values("mode", self.mode, str.lower)
        _allowed("mode", modes, known_modes())
        put(self, "mode", modes)
        for name in ("country", "actor_country", "recipient_country", "sector"):
            codes = _values(name, getattr(self, name), str.upper)
            for code in codes:
                if not _CODE.match(code):
                    raise QueryError(name, f"{code!r} is not a three-letter code (e.g. FRA, GOV)")
            put(self, name, codes)
        langs = _values("lang", self.lang, str.lower)
        _allowed("lang", langs, sorted(SUPPORTED_LANGUAGES))
        put(self, "lang", langs)
        put(self, "date_from", _date("date_from", self.date_from))
        put(self, "date_to", _date("date_to", self.date_to))
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise QueryError("date_to", f"{self.date_to} is before date_from {self.date_from}")
        put(self, "bbox", _bbox(self.bbox))
        put(self, "q", _words(self.q))
        put(self, "min_dead", _number("min_dead", self.min_dead, int, 0, None))
        put(self, "min_confidence", _number("min_confidence", self.min_confidence, float, 0, 1))
        if self.incident is not None:
            incident = str(self.incident).strip()
            if not _INCIDENT.match(incident):
                raise QueryError("incident", f"{self.incident!r} is not an incident id")
            put(self, "incident", incident)
        put(self, "include_negated", _boolean("include_negated", self.include_negated))

    @classmethod
    def from_params(cls, params: Mapping[str, Any]) -> EventQuery:
        """A query from named values (URL parameters, CLI options); None and "" are unset.

        An unknown name raises :class:`QueryError` naming it, so that a misspelt filter is
        never silently ignored.
        """
        names = {f.name for f in fields(cls)}
        chosen: dict[str, Any] = {}
        for name, value in params.items():
            if name not in names:
                raise QueryError(name, f"unknown filter; known ones: {', '.join(sorted(names))}")
            if value is not None and value != "":
                chosen[name] = value
        return cls(**chosen)

    def to_params(self) -> dict[str, str]:
        """The filters that are set, as strings :meth:`from_params` reads back."""
        out: dict[str, str] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value in (None, (), False):
                continue
            if isinstance(value, tuple):
                out[f.name] = ",".join(str(v) for v in value)
            elif isinstance(value, bool):
                out[f.name] = "true"
            else:
                out[f.name] = str(value)
        return out


def where_clause(
    query: EventQuery, *, columns: Collection[str] | None = None, alias: str = ""
) -> tuple[str, list[Any]]:
    """``(sql, params)``: a condition over the ``events`` table (``"TRUE"`` when nothing is
    filtered) and the values for its ``?`` placeholders, in order.

    ``alias`` prefixes the columns (``"e"`` for ``FROM events e``).  ``columns`` are the
    events table's columns (:func:`event_columns`); a filter the store cannot answer (an
    incident in a store without incidents) raises :class:`QueryError` instead of failing in
    SQL.  Left as None, every column is assumed present.
    """
    col = f"{alias}." if alias else ""
    parts: list[str] = []
    params: list[Any] = []

    def add(sql: str, *values: Any) -> None:
        parts.append(sql)
        params.extend(values)

    def one_of(column: str, values: tuple[str, ...]) -> None:
        add(f"{col}{column} IN ({', '.join('?' * len(values))})", *values)

    if query.type:
        one_of("type", query.type)
    if query.mode:
        one_of("mode", query.mode)
    if query.country:
        codes = list(query.country)
        add(
            f"(list_has_any({col}actor_country, ?::VARCHAR[]) "
            f"OR list_has_any({col}recipient_country, ?::VARCHAR[]) "
            f"OR {col}location_country IN ({', '.join('?' * len(codes))}))",
            codes,
            codes,
            *codes,
        )
    for side in ("actor_country", "recipient_country"):
        if getattr(query, side):
            add(f"list_has_any({col}{side}, ?::VARCHAR[])", list(getattr(query, side)))
    if query.sector:
        codes = list(query.sector)
        add(
            f"(list_has_any({col}actor_sector, ?::VARCHAR[]) "
            f"OR list_has_any({col}recipient_sector, ?::VARCHAR[]))",
            codes,
            codes,
        )
    # Dates are strings of 4, 7 or 10 characters; '~' sorts after every digit and '-', so
    # "2023-05~" is the end of May 2023 and string order gives span overlap.
    if query.date_from:
        add(f"coalesce({col}date_end, {col}date) || '~' >= ?", query.date_from)
    if query.date_to:
        add(f"{col}date <= ?", query.date_to + "~")
    if query.bbox:
        minlon, minlat, maxlon, maxlat = query.bbox
        add(f"{col}lat BETWEEN ? AND ?", minlat, maxlat)
        if minlon <= maxlon:
            add(f"{col}lon BETWEEN ? AND ?", minlon, maxlon)
        else:
            add(f"({col}lon >= ? OR {col}lon <= ?)", minlon, maxlon)
    if query.q:
        for word in query.q.split():
            add(f"contains(lower({col}evidence_text), ?)", word)
    if query.min_dead is not None:
        add(f"{col}dead >= ?", query.min_dead)
    if query.min_confidence is not None:
        add(f"{col}confidence >= ?", query.min_confidence)
    if query.lang:
        add(
            f"{col}article_id IN (SELECT id FROM articles WHERE lang IN "
            f"({', '.join('?' * len(query.lang))}))",
            *query.lang,
        )
    if query.incident is not None:
        if columns is not None and "incident_id" not in columns:
            raise QueryError("incident", "this store has no incidents (an older schema)")
        add(f"{col}incident_id = ?", query.incident)
    if not query.include_negated:
        add(f"NOT {col}negated")
    return (" AND ".join(parts) or "TRUE"), params


def event_columns(conn: Any) -> frozenset[str]:
    """The column names of the ``events`` table on a DuckDB connection."""
    rows = conn.execute(
        "SELECT column_name FROM duckdb_columns() "
        "WHERE table_name = 'events' AND database_name = current_database()"
    ).fetchall()
    return frozenset(row[0] for row in rows)


# -- validation helpers ------------------------------------------------------------------


def _values(param: str, value: Any, normalise: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    items: Iterable[Any] = value.split(",") if isinstance(value, str) else value
    out: list[str] = []
    for item in items:
        if not isinstance(item, str):
            raise QueryError(param, f"{item!r} is not text")
        item = normalise(item.strip())
        if item and item not in out:
            out.append(item)
    return tuple(out)


def _allowed(param: str, values: tuple[str, ...], allowed: Collection[str]) -> None:
    for value in values:
        if value not in allowed:
            raise QueryError(
                param, f"unknown value {value!r}; known ones: {', '.join(sorted(allowed))}"
            )


def _date(param: str, value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime.date):
        return value.isoformat()[:10]
    text = str(value).strip()
    form = _DATE_FORMATS.get(len(text))
    try:
        if form is None:
            raise ValueError
        datetime.datetime.strptime(text, form)
    except ValueError:
        raise QueryError(param, f"{value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)") from None
    return text


def _bbox(value: Any) -> tuple[float, float, float, float] | None:
    if value is None:
        return None
    parts = value.split(",") if isinstance(value, str) else list(value)
    try:
        if len(parts) != 4:
            raise ValueError
        minlon, minlat, maxlon, maxlat = (float(p) for p in parts)
    except (TypeError, ValueError):
        raise QueryError(
            "bbox", f"{value!r} is not four numbers minlon,minlat,maxlon,maxlat"
        ) from None
    for name, lon in (("minlon", minlon), ("maxlon", maxlon)):
        if not -180 <= lon <= 180:
            raise QueryError("bbox", f"{name} {lon} is outside -180..180")
    for name, lat in (("minlat", minlat), ("maxlat", maxlat)):
        if not -90 <= lat <= 90:
            raise QueryError("bbox", f"{name} {lat} is outside -90..90")
    if minlat > maxlat:
        raise QueryError("bbox", f"minlat {minlat} is above maxlat {maxlat}")
    return minlon, minlat, maxlon, maxlat


def _words(value: Any) -> str | None:
    if value is None:
        return None
    words = str(value).lower().split()
    if len(words) > _MAX_WORDS:
        raise QueryError("q", f"{len(words)} words; at most {_MAX_WORDS}")
    return " ".join(words) or None


def _number(param: str, value: Any, kind: type, low: float, high: float | None) -> Any:
    if value is None:
        return None
    if isinstance(value, bool):
        raise QueryError(param, f"{value!r} is not a number")
    try:
        number = kind(value)
        if kind is int and isinstance(value, float) and not value.is_integer():
            raise ValueError
    except (TypeError, ValueError):
        raise QueryError(
            param, f"{value!r} is not {'a whole' if kind is int else 'a'} number"
        ) from None
    if number != number or number < low or (high is not None and number > high):
        bound = f"between {low} and {high}" if high is not None else f"at least {low}"
        raise QueryError(param, f"{value!r} must be {bound}")
    return number


def _boolean(param: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off"):
        return False
    raise QueryError(param, f"{value!r} is not true or false")
