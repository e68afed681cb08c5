"""Events out of a store: JSON Lines, CSV, Parquet, and the formats of eventwire.formats.

- ``jsonl``: one event per line, the whole event (:func:`records.to_dict`) plus its article's
  metadata under ``article``; nothing is lost.
- ``csv``: one row per event with flat columns (parties joined by ``;`` in party order, an
  empty slot where a party has no code), UTF-8 with a header row.
- ``parquet``: the CSV columns typed (lists for parties and contexts, DATE columns for the
  days an event covers), plus the nested parts as JSON text columns (``formats.parquet``).
- ``plover``, ``gdelt``, ``geojson``: PLOVER JSON Lines, GDELT 2.0 event rows and a GeoJSON
  FeatureCollection (``eventwire.formats``); events a format cannot hold (no date, no
  coordinates) are left out and counted.

An :class:`~eventwire.query.EventQuery` chooses the events, as the query side does.

A file is written beside its destination and renamed at the end, so a failed export never
leaves half a file under the asked name.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, Any

from eventwire.formats.extras import TextWriter, no_extras, store_extras, stored_event_columns
from eventwire.formats.gdelt import write_gdelt
from eventwire.formats.geojson import geojson_writer
from eventwire.formats.plover import write_plover
from eventwire.query import EventQuery, where_clause
from eventwire.records import Actor, Event, to_dict
from eventwire.store import ARTICLE_META, EVIDENCE_JOINER, Store

FORMATS: tuple[str, ...] = ("jsonl", "csv", "parquet", "plover", "gdelt", "geojson")

PARTY_JOINER = ";"  # between the parties of one event, and between contexts

# The flat columns of CSV and Parquet, with their Parquet kinds.
FLAT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "str"), ("article_id", "str"), ("incident_id", "str"), ("type", "str"),
    ("mode", "str"), ("cameo", "str"), ("contexts", "str"),
    ("actor_text", "str"), ("actor_name", "str"), ("actor_country", "str"),
    ("actor_sector", "str"),
    ("recipient_text", "str"), ("recipient_name", "str"), ("recipient_country", "str"),
    ("recipient_sector", "str"),
    ("location_name", "str"), ("location_canonical", "str"), ("location_country", "str"),
    ("location_admin1", "str"), ("lat", "float"), ("lon", "float"), ("geonames_id", "int"),
    ("location_precision", "str"),
    ("date", "str"), ("date_precision", "str"), ("date_end", "str"),
    ("dead", "int"), ("injured", "int"), ("arrested", "int"),
    ("negated", "bool"), ("hypothetical", "bool"), ("accidental", "bool"),
    ("reported_by", "str"), ("evidence_text", "str"), ("confidence", "float"),
    ("coder_version", "str"), ("data_version", "str"), ("spacy_version", "str"),
    ("gazetteer_version", "str"),
    *((f"article_{name}", "str") for name in ARTICLE_META if name != "id"),
)  # fmt: skip

# The nested parts of an event, as JSON text, in Parquet only.
JSON_COLUMNS: tuple[str, ...] = (
    "actor", "recipient", "location", "qualifiers", "reported_by", "evidence", "reasons",
    "versions",
)  # fmt: skip

Pair = tuple[Event, dict[str, Any]]


def export_events(
    store: Store,
    out: str | Path | None,
    fmt: str,
    *,
    include_negated: bool = True,
    query: EventQuery | None = None,
    skipped: Counter[str] | None = None,
) -> int:
    """Write the store's events to ``out`` (None or "-": stdout) and return how many.

    Negated events are kept by default with ``negated`` set; ``include_negated=False``
    leaves them out.  ``query`` chooses the events instead (its ``include_negated`` then
    decides).  Events a format leaves out are counted by reason in ``skipped``.  Parquet is
    binary and needs a file.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if query is None:
        pairs = store.iter_events_with_article(include_negated=include_negated)
    else:
        pairs = store.iter_events_with_article(where=_where(store, query))
    counted: Counter[str] = Counter() if skipped is None else skipped
    return write_output(
        out,
        fmt,
        lambda handle: _write_text(fmt, pairs, handle, store, counted),
        lambda path: _write_parquet(pairs, path),
    )


def write_output(
    out: str | Path | None,
    fmt: str,
    text: Callable[[IO[str]], int],
    parquet: Callable[[Path], int],
) -> int:
    """Write with ``text`` (to a handle) or ``parquet`` (to a path) to ``out``: None or "-"
    is stdout; a file is written beside ``out`` and renamed over it once complete, so an
    interrupted export never leaves half a file under the name asked for."""
    if out is None or str(out) == "-":
        if fmt == "parquet":
            raise ValueError("parquet is a binary format: give an output file, not stdout")
        return text(sys.stdout)
    path = Path(out)
    partial = path.with_name(path.name + ".part")
    try:
        if fmt == "parquet":
            count = parquet(partial)
        else:
            with partial.open("w", encoding="utf-8", newline="") as handle:
                count = text(handle)
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return count


def _where(store: Store, query: EventQuery) -> tuple[str, list[Any]]:
    return where_clause(query, columns=stored_event_columns(store), alias="e")


def _write_text(
    fmt: str, pairs: Iterable[Pair], handle: IO[str], store: Store, skipped: Counter[str]
) -> int:
    if fmt in _TEXT_WRITERS:
        return _TEXT_WRITERS[fmt](pairs, handle)
    extras = store_extras(store) if fmt in ("plover", "gdelt") else no_extras
    return _FORMAT_WRITERS[fmt](pairs, handle, extras, skipped)


def event_json(event: Event, article: dict[str, Any]) -> dict[str, Any]:
    """One JSON Lines record: the whole event plus its article's metadata."""
    return {**to_dict(event), "article": article}


def flat_row(event: Event, article: dict[str, Any]) -> dict[str, Any]:
    """The flat columns of one event (values typed; None where unknown)."""
    loc = event.location
    versions = event.versions
    row: dict[str, Any] = {
        "id": event.id,
        "article_id": event.article_id or article.get("id"),
        "incident_id": event.incident_id,
        "type": event.type,
        "mode": event.mode,
        "cameo": event.cameo,
        "contexts": PARTY_JOINER.join(event.contexts) or None,
        **_parties("actor", event.actor),
        **_parties("recipient", event.recipient),
        "location_name": loc.name if loc else None,
        "location_canonical": loc.canonical if loc else None,
        "location_country": loc.country if loc else None,
        "location_admin1": loc.admin1 if loc else None,
        "lat": _float(loc.lat) if loc else None,
        "lon": _float(loc.lon) if loc else None,
        "geonames_id": loc.geonames_id if loc else None,
        "location_precision": loc.precision if loc else None,
        "date": event.date,
        "date_precision": event.date_precision,
        "date_end": event.date_end,
        "dead": event.dead,
        "injured": event.injured,
        "arrested": event.arrested,
        "negated": event.flags.negated,
        "hypothetical": event.flags.hypothetical,
        "accidental": event.flags.accidental,
        "reported_by": event.reported_by.text if event.reported_by else None,
        "evidence_text": EVIDENCE_JOINER.join(e.sentence for e in event.evidence) or None,
        "confidence": _float(event.confidence),
        "coder_version": versions.get("coder"),
        "data_version": versions.get("data"),
        "spacy_version": versions.get("spacy"),
        "gazetteer_version": versions.get("gazetteer"),
    }
    for name in ARTICLE_META:
        if name != "id":
            row[f"article_{name}"] = article.get(name)
    return row


def _parties(role: str, parties: list[Actor]) -> dict[str, str | None]:
    """Party fields joined in party order; None when there is no party at all."""
    out: dict[str, str | None] = {}
    for name in ("text", "name", "country", "sector"):
        values = [getattr(p, name) or "" for p in parties]
        out[f"{role}_{name}"] = PARTY_JOINER.join(values) if any(values) else None
    return out


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def _write_jsonl(pairs: Iterable[Pair], handle: IO[str]) -> int:
    count = 0
    for event, article in pairs:
        handle.write(json.dumps(event_json(event, article), ensure_ascii=False) + "\n")
        count += 1
    return count


def csv_value(value: Any) -> Any:
    """A flat value as the CSV export writes it: empty for None, true/false for booleans."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _write_csv(pairs: Iterable[Pair], handle: IO[str]) -> int:
    names = [name for name, _ in FLAT_COLUMNS]
    writer = csv.writer(handle)
    writer.writerow(names)
    count = 0
    for event, article in pairs:
        row = flat_row(event, article)
        writer.writerow([csv_value(row[name]) for name in names])
        count += 1
    return count


def _write_parquet(pairs: Iterable[Pair], path: Path) -> int:
    from eventwire.formats.parquet import write_parquet  # pyarrow: only parquet needs it

    return write_parquet(
        pairs, path, columns=FLAT_COLUMNS, flat_row=flat_row, json_columns=JSON_COLUMNS
    )


_TEXT_WRITERS: dict[str, Callable[[Iterable[Pair], IO[str]], int]] = {
    "jsonl": _write_jsonl,
    "csv": _write_csv,
}
_FORMAT_WRITERS: dict[str, TextWriter] = {
    "plover": write_plover,
    "gdelt": write_gdelt,
    "geojson": geojson_writer(flat_row),
}
