"""Tests for eventwire.export: JSON Lines, CSV and Parquet round trips."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from eventwire import export as export_module
from eventwire.export import FLAT_COLUMNS, FORMATS, JSON_COLUMNS, export_events
from eventwire.query import EventQuery
from eventwire.records import (
    Actor,
    Article,
    Attribution,
    Event,
    Evidence,
    Flags,
    Location,
    Trigger,
    article_id,
    event_from_dict,
    event_id,
)
from eventwire.store import Store

TEXT = (
    'Réunion à Genève\n\nLe ministre français et son homologue algérien se sont rencontrés "en '
    "tête-à-tête\" lundi à Genève, a indiqué l'Élysée. La police a dispersé à Tunis une "
    "manifestation d'étudiants, blessant deux personnes. Paris n'a pas sanctionné Alger."
)
VERSIONS = {"coder": "rules-0.1", "data": "d1", "spacy": "fr-3.8.0", "gazetteer": "g1"}


def _evidence(sentence: str, trigger: str) -> Evidence:
    start = TEXT.index(sentence)
    at = TEXT.index(trigger, start)
    return Evidence(
        sentence, start, start + len(sentence), [Trigger(trigger, at, at + len(trigger))]
    )


def make_article() -> Article:
    """Three events: a two-party meeting, a protest put down (with an uncoded party), a denial."""
    aid = article_id(TEXT)
    meeting_sentence = TEXT.split("\n\n")[1].split(". ")[0] + "."
    meeting = Event(
        type="CONSULT",
        mode="visit",
        cameo="043",
        contexts=["diplomatic", "bilateral"],
        actor=[
            Actor("Le ministre français", country="FRA", sector="GOV"),
            Actor("son homologue algérien", country="DZA", sector="GOV"),
        ],
        location=Location("Genève", canonical="Geneva", country="CHE", lat=46.2022, lon=6.1457),
        date="2024-03-04",
        date_precision="day",
        reported_by=Attribution("a indiqué l'Élysée"),
        evidence=[_evidence(meeting_sentence, "rencontrés")],
        confidence=0.9,
        versions=dict(VERSIONS),
    )
    crackdown = Event(
        type="COERCE",
        actor=[Actor("La police", sector="COP")],  # no country resolved
        recipient=[Actor("étudiants", country="TUN", sector="EDU"), Actor("personnes")],
        location=Location("Tunis", country="TUN", lat=36.8, lon=10.18, geonames_id=2464470),
        injured=2,
        evidence=[_evidence("La police a dispersé", "dispersé")],
        confidence=0.6,
        versions=dict(VERSIONS),
    )
    denial = Event(
        type="SANCTION",
        actor=[Actor("Paris", country="FRA", sector="GOV")],
        recipient=[Actor("Alger", country="DZA", sector="GOV")],
        flags=Flags(negated=True),
        evidence=[_evidence("Paris n'a pas sanctionné Alger.", "sanctionné")],
        versions=dict(VERSIONS),
    )
    events = [meeting, crackdown, denial]
    for event in events:
        event.article_id = aid
        event.id = event_id(aid, event)
    return Article(
        id=aid,
        text=TEXT,
        title="Réunion à Genève",
        body_start=18,
        publisher="Le Quotidien « Exemple »",
        published="2024-03-05",
        url="https://example.org/réunion",
        source="in/geneve.html",
        lang="fr",
        events=events,
    )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "events.duckdb") as opened:
        opened.add(make_article())
        yield opened


@pytest.fixture
def empty(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "empty.duckdb") as opened:
        yield opened


ARTICLE_META = {
    "id": article_id(TEXT),
    "title": "Réunion à Genève",
    "publisher": "Le Quotidien « Exemple »",
    "published": "2024-03-05",
    "url": "https://example.org/réunion",
    "source": "in/geneve.html",
    "lang": "fr",
}


def test_jsonl_round_trip(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    assert export_events(store, out, "jsonl") == 3
    raw = out.read_text(encoding="utf-8")
    assert "tête-à-tête" in raw and "\\u" not in raw  # UTF-8, not escaped
    lines = [json.loads(line) for line in raw.splitlines()]
    assert [line["article"] for line in lines] == [ARTICLE_META] * 3
    events = [event_from_dict({k: v for k, v in line.items() if k != "article"}) for line in lines]
    assert events == make_article().events
    assert [line["flags"]["negated"] for line in lines] == [False, False, True]


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_csv_round_trip(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    assert export_events(store, out, "csv") == 3
    rows = _read_csv(out)
    assert list(rows[0]) == [name for name, _ in FLAT_COLUMNS]
    meeting, crackdown, denial = rows
    assert meeting["actor_country"] == "FRA;DZA"
    assert meeting["actor_text"] == "Le ministre français;son homologue algérien"
    assert meeting["recipient_text"] == ""
    assert meeting["contexts"] == "diplomatic;bilateral"
    assert meeting["evidence_text"].endswith(
        '"en tête-à-tête" lundi à Genève, a indiqué l\'Élysée.'
    )
    assert meeting["reported_by"] == "a indiqué l'Élysée"
    assert (meeting["lat"], meeting["lon"], meeting["date"]) == ("46.2022", "6.1457", "2024-03-04")
    assert meeting["article_publisher"] == "Le Quotidien « Exemple »"
    assert meeting["coder_version"] == "rules-0.1"
    # Parties keep their slots: an uncoded party leaves an empty one.
    assert crackdown["actor_country"] == "" and crackdown["actor_sector"] == "COP"
    assert crackdown["recipient_country"] == "TUN;"
    assert (crackdown["injured"], crackdown["dead"], crackdown["geonames_id"]) == (
        "2",
        "",
        "2464470",
    )
    assert [r["negated"] for r in rows] == ["false", "false", "true"]
    assert denial["type"] == "SANCTION"


def test_parquet_round_trip(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.parquet"
    assert export_events(store, out, "parquet") == 3
    table = pq.read_table(out)
    names = [name for name, _ in FLAT_COLUMNS] + [f"{name}_json" for name in JSON_COLUMNS]
    at = names.index("date_end") + 1  # the typed days it covers (tests/formats/test_parquet.py)
    assert table.column_names == [*names[:at], "date_first", "date_last", *names[at:]]
    assert str(table.schema.field("injured").type) == "int64"
    assert str(table.schema.field("negated").type) == "bool"
    rows = table.to_pylist()
    assert [r["negated"] for r in rows] == [False, False, True]
    assert rows[1]["injured"] == 2 and rows[1]["dead"] is None
    assert rows[0]["lat"] == pytest.approx(46.2022)
    assert json.loads(rows[0]["actor_json"])[1]["text"] == "son homologue algérien"
    assert rows[2]["location_json"] is None
    assert rows[0]["evidence_text"] == make_article().events[0].evidence[0].sentence
    # DuckDB reads it too.
    got = duckdb.sql(f"SELECT type, actor_country FROM read_parquet('{out}')").fetchall()
    assert sorted(got) == sorted(
        [("CONSULT", ["FRA", "DZA"]), ("COERCE", [None]), ("SANCTION", ["FRA"])]
    )


@pytest.mark.parametrize("fmt", ("jsonl", "csv", "parquet", "plover", "gdelt"))
def test_negated_events_can_be_left_out(store: Store, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"events.{fmt}"
    assert export_events(store, out, fmt, include_negated=False) == 2
    if fmt == "csv":
        assert {r["type"] for r in _read_csv(out)} == {"CONSULT", "COERCE"}
    elif fmt == "parquet":
        assert pq.read_table(out).column("negated").to_pylist() == [False, False]
    else:
        assert len(out.read_text(encoding="utf-8").splitlines()) == 2


def test_empty_store(empty: Store, tmp_path: Path) -> None:
    assert export_events(empty, tmp_path / "e.jsonl", "jsonl") == 0
    assert (tmp_path / "e.jsonl").read_bytes() == b""
    assert export_events(empty, tmp_path / "e.csv", "csv") == 0
    header = (tmp_path / "e.csv").read_text(encoding="utf-8").splitlines()
    assert header == [",".join(name for name, _ in FLAT_COLUMNS)]
    assert export_events(empty, tmp_path / "e.parquet", "parquet") == 0
    table = pq.read_table(tmp_path / "e.parquet")
    assert table.num_rows == 0 and "negated" in table.column_names


def test_stdout(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    assert export_events(store, None, "jsonl") == 3
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line)["type"] for line in lines] == ["CONSULT", "COERCE", "SANCTION"]
    assert export_events(store, "-", "csv") == 3
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["type"] for r in rows] == ["CONSULT", "COERCE", "SANCTION"]


def test_bad_requests(store: Store, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="output file"):
        export_events(store, None, "parquet")
    with pytest.raises(ValueError, match="jsonl, csv, parquet"):
        export_events(store, tmp_path / "x.tsv", "tsv")
    assert not (tmp_path / "x.tsv").exists()


def test_failed_export_leaves_the_old_file(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "events.csv"
    out.write_text("previous export\n", encoding="utf-8")

    def broken(event: Event, article: dict) -> dict:
        raise RuntimeError("disk trouble")

    monkeypatch.setattr(export_module, "flat_row", broken)
    with pytest.raises(RuntimeError):
        export_events(store, out, "csv")
    assert out.read_text(encoding="utf-8") == "previous export\n"
    assert list(tmp_path.glob("*.part")) == []


def test_evidence_only_store_exports(tmp_path: Path) -> None:
    with Store(tmp_path / "ev.duckdb", keep_text=False) as store:
        store.add(make_article())
        out = tmp_path / "events.jsonl"
        assert export_events(store, out, "jsonl") == 3
    first = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert first["evidence"][0]["sentence"].startswith("Le ministre français")


def test_filters_choose_the_events(store: Store, tmp_path: Path) -> None:
    """The query side's filters (eventwire.query) choose what every format writes."""
    out = tmp_path / "chosen.jsonl"

    def types(**filters: object) -> list[str]:
        export_events(store, out, "jsonl", query=EventQuery(**filters))
        return [json.loads(line)["type"] for line in out.read_text(encoding="utf-8").splitlines()]

    assert types() == ["CONSULT", "COERCE"]  # a query leaves negated events out by default
    assert types(include_negated=True) == ["CONSULT", "COERCE", "SANCTION"]
    assert types(type="CONSULT,SANCTION", include_negated=True) == ["CONSULT", "SANCTION"]
    assert types(country="TUN") == ["COERCE"]  # a recipient's or the place's country
    assert types(actor_country="DZA") == ["CONSULT"]
    assert types(min_confidence=0.7) == ["CONSULT"]
    assert types(date_from="2024-03-04", date_to="2024-03-04") == ["CONSULT"]
    assert types(date_from="2024-04") == []
    assert export_events(store, tmp_path / "c.gdelt", "gdelt", query=EventQuery(type="COERCE")) == 1


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_writes_an_empty_store(empty: Store, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"e.{fmt}"
    assert export_events(empty, out, fmt) == 0
    assert out.exists() and not list(tmp_path.glob("*.part"))
