"""Incidents in a store: the labelled corpus, an older store migrated, a run killed mid-way."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from eventwire.incidents import backfill_signatures, update_incidents
from eventwire.incidents.evaluate import load_corpus, score
from eventwire.records import Article, Event, Location
from eventwire.store import Store

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "incidents" / "stories.jsonl"


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory: pytest.TempPathFactory, run_invoke) -> Path:
    db = tmp_path_factory.mktemp("incidents") / "events.duckdb"
    result = run_invoke(["ingest", str(CORPUS), "--db", str(db), "--no-progress"])
    assert result.code == 0, result.err
    assert "incidents:" in result.out
    return db


def test_corpus_grouping_and_dedup_stay_above_their_floor(corpus_store: Path) -> None:
    with Store(corpus_store, read_only=True) as store:
        figures = score(store, load_corpus(CORPUS))
    assert figures["distractors_merged"] == []
    assert figures["bcubed"].f1 >= 0.9 and figures["pairwise"].precision >= 0.95
    assert figures["dedup"].precision == 1.0 and figures["dedup"].recall >= 0.9
    assert figures["articles"] == figures["distinct_stories"]


def test_every_event_has_one_consistent_incident(corpus_store: Path) -> None:
    with Store(corpus_store, read_only=True) as store:
        assert_consistent(store)


def test_update_keeps_every_address_and_the_newest_text(corpus_store: Path) -> None:
    with Store(corpus_store, read_only=True) as store:
        rows = store.execute(
            "SELECT a.title, list(u.url ORDER BY u.url) FROM article_urls u "
            "JOIN articles a ON a.id = u.article_id WHERE u.url LIKE '%maiduguri-blast%' "
            "GROUP BY a.title"
        )
        assert len(rows) == 1
        title, urls = rows[0]
        assert title == "Nine killed in market bombing in Maiduguri"
        assert len(urls) == 2  # the first version's address and the update's
        (count,) = store.execute(
            "SELECT count(*) FROM article_urls WHERE article_id = "
            "(SELECT article_id FROM article_urls WHERE url LIKE '%sahara-wire%')"
        )[0]
        assert count == 4  # the story, its update and two wire copies: one article


def test_export_incidents_and_events_carry_ids(corpus_store: Path, run_invoke, tmp_path) -> None:
    out = run_invoke(["export", "--db", str(corpus_store), "--level", "incidents"])
    records = out.jsonl()
    assert out.code == 0 and len(records) >= 13
    gao = [r for r in records if (r["location"] or {}).get("name") == "Gao" and r["dead"] == 4]
    assert gao and gao[0]["num_sources"] == 3 and len(gao[0]["merge_reasons"]) == 2
    parquet = tmp_path / "incidents.parquet"
    assert run_invoke(
        ["export", "--db", str(corpus_store), "--level", "incidents", "--format", "parquet",
         "-o", str(parquet)]
    ).code == 0  # fmt: skip
    import pyarrow.parquet as pq

    assert pq.read_table(parquet).num_rows == len(records)
    events = run_invoke(["export", "--db", str(corpus_store)]).jsonl()
    ids = {r["id"] for r in records}
    assert events and all(e["incident_id"] in ids for e in events)


def _event(article: str, n: int, day: str, dead: int) -> Event:
    return Event(
        type="ASSAULT", id=f"e{article}{n}", article_id=article, mode="firearms", date=day,
        date_precision="day", dead=dead, location=Location(
            "Gao", canonical="Gao", country="MLI", admin1="Gao", lat=16.27, lon=-0.04,
            geonames_id=2457163, precision="place"),
    )  # fmt: skip


def test_store_of_schema_1_is_migrated_and_grouped(tmp_path: Path) -> None:
    old = tmp_path / "sql"
    old.mkdir()
    shutil.copy(Path(__import__("eventwire").__file__).parent / "sql" / "001_initial.sql", old)
    db = tmp_path / "old.duckdb"
    with Store(db, migrations=old) as store:
        for ident, text, dead in (
            ("a1", "Four soldiers died in Gao.", 4),
            ("a2", "Gao: 4 dead.", 4),
        ):
            store.add(
                Article(
                    ident,
                    text,
                    published="2024-03-12",
                    events=[_event(ident, 1, "2024-03-11", dead)],
                )
            )
        assert store.schema_version == 1
    with Store(db) as store, store.batch():
        assert store.schema_version >= 2
        assert backfill_signatures(store) == 2
        update_incidents(store)
    with Store(db, read_only=True) as store:
        rows = store.execute("SELECT id, incident_id FROM events ORDER BY id")
        assert len(rows) == 2 and rows[0][1] is not None and rows[0][1] == rows[1][1]
        assert_consistent(store)


def test_kill_during_ingest_leaves_no_half_merged_incident(tmp_path: Path, run_invoke) -> None:
    db = tmp_path / "killed.duckdb"
    feed = tmp_path / "feed.jsonl"
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    # Enough batches that the kill lands between or inside them.
    copies = [
        json.dumps({**json.loads(line), "url": json.loads(line)["url"] + f"?r={r}"})
        for r in range(3) for line in lines
    ]  # fmt: skip
    feed.write_text("\n".join(copies) + "\n", encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "eventwire.cli", "ingest", str(feed), "--db", str(db),
         "--no-progress"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if db.exists() and db.stat().st_size > 0:
            time.sleep(6)  # into the coding of the first batches
            break
        time.sleep(0.2)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    result = run_invoke(["ingest", str(feed), "--db", str(db), "--no-progress"])
    assert result.code == 0, result.err
    with Store(db, read_only=True) as store:
        assert_consistent(store)
        (articles,) = store.execute("SELECT count(*) FROM articles")[0]
        assert articles == 29  # every copy folded into its story


def assert_consistent(store: Store) -> None:
    """Every event in exactly the incident that lists it; every member an existing event."""
    assert store.execute("SELECT count(*) FROM events WHERE incident_id IS NULL")[0][0] == 0
    members: dict[str, str] = {}
    for ident, record, num in store.execute("SELECT id, record, num_events FROM incidents"):
        listed = json.loads(record)["members"]
        assert len(listed) == num
        for member in listed:
            assert member["event_id"] not in members
            members[member["event_id"]] = ident
    events = dict(store.execute("SELECT id, incident_id FROM events"))
    assert members == events
