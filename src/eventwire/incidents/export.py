"""Incidents out of a store: one record per incident, as JSON Lines, CSV or Parquet.

- ``jsonl``: the whole record (members with their evidence, merge reasons, figure ranges);
- ``csv`` and ``parquet``: the typed columns of the ``incidents`` table, the figures as
  reported ("3 (reports: 3-4)"), the member event and article ids joined by ``;``, and (in
  Parquet) the record as JSON text.

As with events, a file is written beside its destination and renamed once complete.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from eventwire.export import write_output
from eventwire.store import Store

FORMATS: tuple[str, ...] = ("jsonl", "csv", "parquet")
COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "str"), ("type", "str"), ("mode", "str"), ("date_start", "str"), ("date_end", "str"),
    ("location_country", "str"), ("location_name", "str"), ("lat", "float"), ("lon", "float"),
    ("dead", "int"), ("injured", "int"), ("arrested", "int"),
    ("dead_text", "str"), ("injured_text", "str"), ("arrested_text", "str"),
    ("num_events", "int"), ("num_articles", "int"), ("num_sources", "int"),
    ("first_seen", "str"), ("last_seen", "str"), ("event_ids", "str"), ("article_ids", "str"),
)  # fmt: skip
_PAGE = 2000


def iter_incidents(store: Store) -> Iterator[dict[str, Any]]:
    """Every incident record, oldest first (by first date, then id)."""
    offset = 0
    while True:
        rows = store.execute(
            "SELECT record FROM incidents ORDER BY date_start NULLS LAST, id LIMIT ? OFFSET ?",
            [_PAGE, offset],
        )
        for (record,) in rows:
            yield json.loads(record)
        if len(rows) < _PAGE:
            return
        offset += _PAGE


def flat(record: dict[str, Any]) -> dict[str, Any]:
    place = record.get("location") or {}
    members = record.get("members") or []
    return {
        **{name: record.get(name) for name, _ in COLUMNS},
        "location_country": place.get("country"),
        "location_name": place.get("name"),
        "lat": place.get("lat"),
        "lon": place.get("lon"),
        "event_ids": ";".join(m["event_id"] for m in members),
        "article_ids": ";".join(dict.fromkeys(m["article_id"] for m in members)),
    }


def export_incidents(store: Store, out: str | Path | None, fmt: str) -> int:
    """Write every incident to ``out`` (None or "-": stdout); return how many."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown incident format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return write_output(
        out,
        fmt,
        lambda handle: _write_text(fmt, handle, store),
        lambda path: _write_parquet(path, store),
    )


def _write_text(fmt: str, handle: IO[str], store: Store) -> int:
    count = 0
    writer = None
    if fmt == "csv":
        writer = csv.writer(handle)
        writer.writerow([name for name, _ in COLUMNS])
    for record in iter_incidents(store):
        if writer is None:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            row = flat(record)
            writer.writerow(["" if row[n] is None else row[n] for n, _ in COLUMNS])
        count += 1
    return count


def _write_parquet(path: Path, store: Store) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    kinds = {"str": pa.string(), "int": pa.int64(), "float": pa.float64()}
    schema = pa.schema(
        [pa.field(n, kinds[k]) for n, k in COLUMNS] + [pa.field("record_json", pa.string())]
    )
    count = 0
    with pq.ParquetWriter(path, schema) as writer:
        batch: list[dict[str, Any]] = []
        for record in iter_incidents(store):
            batch.append({**flat(record), "record_json": json.dumps(record, ensure_ascii=False)})
            if len(batch) >= _PAGE:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                count += len(batch)
                batch.clear()
        if batch or count == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    return count
