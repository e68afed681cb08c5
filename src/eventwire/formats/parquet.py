"""Typed Parquet: the flat columns of the CSV export with the types a data tool reads as data.

- parties and contexts are lists (``LIST<VARCHAR>``), one entry per party in party order and
  a null entry where a party has no code, not strings joined with ";";
- the coded date stays as written (``date``: '2024', '2024-03' or '2024-03-04') and two DATE
  columns give the days it covers: ``date_first`` and ``date_last`` (March 1 and 31 for
  '2024-03'; the span's end when ``date_end`` is given);
- counts are integers, coordinates and confidence doubles, flags booleans;
- the nested parts of the event (actor, location, evidence, reasons ...) as JSON text in
  ``*_json`` columns, so that nothing is lost.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from eventwire.formats.dates import date_span
from eventwire.formats.extras import Pair
from eventwire.records import Actor, Event, to_dict

# Flat columns that hold one entry per party (or per context) in the typed export.
PARTY_FIELDS: tuple[str, ...] = ("text", "name", "country", "sector")
LIST_COLUMNS: frozenset[str] = frozenset(
    {"contexts"} | {f"{role}_{name}" for role in ("actor", "recipient") for name in PARTY_FIELDS}
)
DATE_COLUMNS: tuple[str, ...] = ("date_first", "date_last")  # written after date_end

_KINDS = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}
_BATCH = 5000  # rows per row group write

FlatRow = Callable[[Event, dict[str, Any]], dict[str, Any]]


def typed_schema(columns: Sequence[tuple[str, str]], json_columns: Sequence[str]) -> pa.Schema:
    """The Parquet schema for the flat ``columns`` (name, kind) plus the JSON text columns."""
    fields = []
    for name, kind in columns:
        fields.append(
            pa.field(name, pa.list_(pa.string()) if name in LIST_COLUMNS else _KINDS[kind])
        )
        if name == "date_end":
            fields.extend(pa.field(date, pa.date32()) for date in DATE_COLUMNS)
    fields.extend(pa.field(f"{name}_json", pa.string()) for name in json_columns)
    return pa.schema(fields)


def typed_row(row: dict[str, Any], event: Event, json_columns: Sequence[str]) -> dict[str, Any]:
    """The flat ``row`` with lists for parties and contexts, the covered days, and JSON parts."""
    out = dict(row)
    out["contexts"] = list(event.contexts)
    for role, parties in (("actor", event.actor), ("recipient", event.recipient)):
        for name in PARTY_FIELDS:
            out[f"{role}_{name}"] = _party_values(parties, name)
    out["date_first"], out["date_last"] = date_span(event.date, event.date_end)
    for name in json_columns:
        value = getattr(event, name)
        out[f"{name}_json"] = (
            None if value is None else json.dumps(to_dict(value), ensure_ascii=False)
        )
    return out


def _party_values(parties: list[Actor], name: str) -> list[str | None]:
    return [getattr(p, name) or None for p in parties]


def write_parquet(
    pairs: Iterable[Pair],
    path: Path,
    *,
    columns: Sequence[tuple[str, str]],
    flat_row: FlatRow,
    json_columns: Sequence[str],
) -> int:
    """Write the typed Parquet file at ``path`` in row groups; return the number of events."""
    schema = typed_schema(columns, json_columns)
    count = 0
    with pq.ParquetWriter(path, schema) as writer:
        batch: list[dict[str, Any]] = []
        for event, article in pairs:
            batch.append(typed_row(flat_row(event, article), event, json_columns))
            if len(batch) >= _BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                count += len(batch)
                batch.clear()
        if batch:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    return count
