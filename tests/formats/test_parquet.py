"""Typed Parquet read back with pyarrow and DuckDB: lists, dates and numbers, not strings."""

from __future__ import annotations

import datetime
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from eventwire.export import export_events
from eventwire.store import Store


def test_schema_types(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.parquet"
    assert export_events(store, out, "parquet") == 5
    schema = pq.read_schema(out)
    for name in ("actor_country", "actor_sector", "actor_text", "recipient_country", "contexts"):
        assert schema.field(name).type == pa.list_(pa.string()), name
    for name in ("date_first", "date_last"):
        assert schema.field(name).type == pa.date32(), name
    assert schema.field("date").type == pa.string()  # as coded, with its precision
    assert schema.field("dead").type == pa.int64()
    assert schema.field("lat").type == pa.float64()
    assert schema.field("confidence").type == pa.float64()
    assert schema.field("negated").type == pa.bool_()
    names = schema.names
    assert names.index("date_first") == names.index("date_end") + 1


def test_values(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.parquet"
    export_events(store, out, "parquet")
    rows = {r["cameo"]: r for r in pq.read_table(out).to_pylist()}
    meeting = rows["040"]
    assert meeting["actor_country"] == ["POL", "UKR"] and meeting["recipient_country"] == []
    assert meeting["contexts"] == ["diplomatic"]
    protest = rows["141"]
    assert (protest["date"], protest["date_first"], protest["date_last"]) == (
        "2024-03",
        datetime.date(2024, 3, 1),
        datetime.date(2024, 3, 31),
    )
    strike = rows["143"]  # a party without a country keeps its slot, empty
    assert strike["actor_country"] == [None, None] and strike["actor_sector"] == ["LAB", "LAB"]
    assert strike["date_first"] is None
    assert rows["194"]["dead"] == 3 and rows["194"]["lat"] == 49.98081


def test_duckdb_reads_lists_and_dates(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.parquet"
    export_events(store, out, "parquet")
    got = duckdb.sql(
        f"SELECT cameo FROM read_parquet('{out}') "
        "WHERE list_contains(actor_country, 'UKR') AND date_first >= DATE '2024-03-15' "
        "ORDER BY cameo"
    ).fetchall()
    assert got == [("040",)]
    kind = duckdb.sql(f"SELECT typeof(date_last), typeof(actor_country) FROM '{out}' LIMIT 1")
    assert kind.fetchall() == [("DATE", "VARCHAR[]")]
