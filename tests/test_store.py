"""Tests for eventwire.store: round trips, idempotence, transactions, schema migrations."""

from __future__ import annotations

import dataclasses
import json
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from importlib import resources
from pathlib import Path

import duckdb
import pytest

from eventwire import store as store_module
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
    event_id,
    to_dict,
)
from eventwire.store import SCHEMA_VERSION, Store, StoreError, load_migrations

TITLE = "Frappes russes près d'al-Bab"
SENTENCES = (
    "Des avions russes ont bombardé jeudi des positions près d'al-Bab, tuant trois soldats "
    "turcs et en blessant onze, selon l'armée turque.",
    "Ankara a accusé Moscou d'avoir « ignoré » les coordonnées transmises par l'état-major.",
    "Le Kremlin a démenti avoir visé les troupes turques.",
)
VERSIONS = {
    "coder": "rules-0.1",
    "data": "2024.1",
    "spacy": "fr_core_news_md-3.8.0",
    "gazetteer": "gnc-2.0",
}


def _evidence(text: str, sentence: str, trigger: str) -> Evidence:
    start = text.index(sentence)
    at = text.index(trigger, start)
    return Evidence(
        sentence, start, start + len(sentence), [Trigger(trigger, at, at + len(trigger))]
    )


def make_article(variant: str = "") -> Article:
    """A French story with three events (one negated); ``variant`` makes another article."""
    text = f"{TITLE}{variant}\n\n" + " ".join(SENTENCES)
    aid = article_id(text)
    assault = Event(
        type="ASSAULT",
        mode="aerial",
        cameo="195",
        contexts=["military"],
        actor=[
            Actor("Des avions russes", name="RUS-MIL", country="RUS", sector="MIL", start=0, end=5)
        ],
        recipient=[Actor("soldats turcs", country="TUR", sector="MIL", reason="demonym turc")],
        location=Location(
            "al-Bab",
            canonical="Al Bāb",
            country="SYR",
            admin1="Aleppo",
            lat=36.3706,
            lon=37.5157,
            geonames_id=170017,
            precision="place",
            reason="exact alias, SY named",
        ),
        date="2017-02-09",
        date_precision="day",
        dead=3,
        injured=11,
        qualifiers={"injured": "at least"},
        reported_by=Attribution(
            "selon l'armée turque", source=Actor("l'armée turque", country="TUR", sector="MIL")
        ),
        evidence=[_evidence(text, SENTENCES[0], "bombardé")],
        confidence=0.87,
        reasons={"date": "jeudi before the publication date"},
        versions=dict(VERSIONS),
    )
    accuse = Event(
        type="ACCUSE",
        actor=[Actor("Ankara", country="TUR", sector="GOV")],
        recipient=[Actor("Moscou", country="RUS", sector="GOV")],
        evidence=[_evidence(text, SENTENCES[1], "accusé")],
        confidence=0.7,
        versions=dict(VERSIONS),
    )
    denial = Event(
        type="ASSAULT",
        actor=[Actor("Le Kremlin", country="RUS", sector="GOV")],
        recipient=[Actor("les troupes turques", country="TUR", sector="MIL")],
        flags=Flags(negated=True),
        evidence=[_evidence(text, SENTENCES[2], "visé")],
        confidence=0.5,
        versions=dict(VERSIONS),
    )
    events = [assault, accuse, denial]
    for event in events:
        event.article_id = aid
        event.id = event_id(aid, event)
    return Article(
        id=aid,
        text=text,
        title=TITLE + variant,
        body_start=len(TITLE + variant) + 2,
        publisher="Agence Exemple",
        published="2017-02-10T08:17:00",
        section="Monde",
        authors=["Zoé Lefèvre"],
        editors=["J. Martin"],
        url=f"https://example.org/monde/al-bab{variant}",
        source="stories/al-bab.html",
        source_id=f"story-{variant or 0}",
        lang="fr",
        lang_score=0.99,
        events=events,
        warnings=["dateline not found"],
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "events.duckdb"


def _query(path: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as conn:
        return conn.execute(sql).fetchall()


# -- round trips ---------------------------------------------------------------------------


@pytest.fixture(params=["values", "arrow"])
def insert_path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test through both ways rows are inserted (VALUES for a few, Arrow for many)."""
    if request.param == "arrow":
        monkeypatch.setattr(store_module, "_FEW_ROWS", 0)
    return request.param


def test_article_round_trips_with_its_events(db: Path, insert_path: str) -> None:
    article = make_article()
    with Store(db) as store:
        assert store.add(article, raw_hash="h1", source="in/a.html")
        assert list(store.iter_articles()) == [article]
    with Store(db, read_only=True) as store:  # and again after reopening
        assert list(store.iter_articles()) == [article]
        assert list(store.iter_events()) == article.events
        assert store.schema_version == SCHEMA_VERSION


def test_flat_columns_and_full_record(db: Path, insert_path: str) -> None:
    article = make_article()
    with Store(db) as store:
        store.add(article)
    rows = _query(
        db,
        "SELECT type, mode, actor_country, recipient_sector, location_name, lat, geonames_id, "
        "date, dead, injured, negated, reported_by, coder_version, gazetteer_version, "
        "evidence_text, record FROM events ORDER BY seq",
    )
    first = rows[0]
    assert first[:14] == (
        "ASSAULT", "aerial", ["RUS"], ["MIL"], "al-Bab", 36.3706, 170017, "2017-02-09", 3, 11,
        False, "selon l'armée turque", "rules-0.1", "gnc-2.0",
    )  # fmt: skip
    assert first[14] == SENTENCES[0]
    assert json.loads(first[15]) == to_dict(article.events[0])
    assert [row[10] for row in rows] == [False, False, True]
    (text,) = _query(db, "SELECT text FROM articles")[0]
    assert text == article.text


def test_missing_ids_are_filled_without_touching_the_caller_records(db: Path) -> None:
    article = make_article()
    for event in article.events:
        event.id = ""
        event.article_id = ""
    with Store(db) as store:
        store.add(article)
        stored = list(store.iter_events())
    assert [e.id for e in stored] == [event_id(article.id, e) for e in article.events]
    assert {e.article_id for e in stored} == {article.id}
    assert article.events[0].id == ""


def test_every_article_field_has_a_column() -> None:
    # A new Article field needs a migration and a column; this fails until it has one.
    names = {f.name for f in dataclasses.fields(Article)}
    assert names == {*store_module._ARTICLE_FIELDS, "text", "events"}


# -- idempotence and sources ---------------------------------------------------------------


def test_adding_the_same_article_twice_stores_it_once(db: Path) -> None:
    article = make_article()
    with Store(db) as store:
        assert store.add(article, raw_hash="h1", source="a.html") is True
        assert store.add(article, raw_hash="h2", source="copy-of-a.html") is False
        assert store.add(article, raw_hash="h1", source="a.html") is False
        counts = store.counts()
        assert store.has_source("h1") and store.has_source("h2")
        assert not store.has_source("h3")
        assert store.has_article(article.id)
    assert counts["articles"] == 1 and counts["events"] == 3
    assert counts["sources"] == {"stored": 1, "duplicate": 1}
    assert _query(db, "SELECT raw_hash, status, article_id FROM sources ORDER BY raw_hash") == [
        ("h1", "stored", article.id),
        ("h2", "duplicate", article.id),
    ]


def test_skipped_inputs_are_remembered_and_retried(db: Path) -> None:
    article = make_article()
    with Store(db) as store:
        store.add_skip("h1", "in/a.html", "no text found")
        store.add_skip(None, "in/locked.html", "permission denied")
        assert not store.has_source("h1")  # a skip does not stop a later run from trying again
        counts = store.counts()
        assert counts["sources"] == {"skipped": 2}
        assert counts["skip_reasons"] == {"no text found": 1, "permission denied": 1}
        store.add(article, raw_hash="h1")
        assert store.has_source("h1")
        store.add_skip("h1", "in/a.html", "a late skip does not undo a store")
        assert store.has_source("h1")
        assert store.counts()["sources"] == {"skipped": 1, "stored": 1}


def test_counts(db: Path) -> None:
    with Store(db) as store:
        store.add(make_article("a"))
        store.add(make_article("b"))
        counts = store.counts()
    assert counts["articles"] == 2
    assert counts["events"] == 6
    assert counts["events_by_type"] == {"ACCUSE": 2, "ASSAULT": 4}
    assert counts["negated"] == 2
    assert counts["keep_text"] is True


# -- order ---------------------------------------------------------------------------------


def test_iteration_follows_insertion_order(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_module, "_PAGE", 2)  # cross several read pages
    articles = [make_article(str(n)) for n in range(7)]
    articles.sort(key=lambda a: a.id, reverse=True)  # insertion order differs from id order
    with Store(db) as store:
        store.add(articles[0])
        with store.batch():
            for article in articles[1:5]:
                store.add(article)
        for article in articles[5:]:
            store.add(article)
        # Recoding the first article rewrites its rows last but keeps its place.
        store.replace_events(articles[0].id, list(reversed(articles[0].events)))
        got = [a.id for a in store.iter_articles()]
        events = list(store.iter_events())
    assert got == [a.id for a in articles]
    assert [e.id for e in events[:3]] == [e.id for e in reversed(articles[0].events)]
    assert [e.id for e in events[3:]] == [e.id for a in articles[1:] for e in a.events]


# -- transactions --------------------------------------------------------------------------


def test_batch_is_one_transaction_and_rolls_back_alone(db: Path) -> None:
    first, second, third = make_article("1"), make_article("2"), make_article("3")
    with Store(db) as store:
        store.add(first)
        with pytest.raises(RuntimeError), store.batch():
            store.add(second, raw_hash="h2")
            assert store.has_article(second.id)  # visible inside the batch
            assert store.add(second) is False  # and counted as a duplicate there
            raise RuntimeError("interrupted")
        assert not store.has_article(second.id)
        assert not store.has_source("h2")
        with store.batch():
            store.add(second)
            store.add(third)
            assert store.counts()["articles"] == 3  # reads inside a batch see its writes
    with Store(db) as store:
        assert [a.id for a in store.iter_articles()] == [first.id, second.id, third.id]


def test_batch_flushes_in_pieces(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_module, "_FLUSH_EVERY", 2)
    articles = [make_article(str(n)) for n in range(5)]
    with Store(db) as store:
        with pytest.raises(RuntimeError), store.batch():
            for article in articles:
                store.add(article)
            raise RuntimeError("interrupted after several flushes")
        assert store.counts()["articles"] == 0
        with store.batch():
            for article in articles:
                store.add(article)
        assert [a.id for a in store.iter_articles()] == [a.id for a in articles]


def test_invalid_article_is_refused_without_spoiling_the_batch(db: Path) -> None:
    bad, good = make_article("bad"), make_article("good")
    bad.events[0].dead = "three"  # type: ignore[assignment]
    with Store(db) as store:
        with store.batch():
            with pytest.raises(StoreError, match="dead"):
                store.add(bad)
            store.add(good)
        assert [a.id for a in store.iter_articles()] == [good.id]


@pytest.mark.parametrize("spoil", ["dead", "authors", "evidence", "nan"])
def test_malformed_records_are_refused(db: Path, spoil: str) -> None:
    article = make_article()
    if spoil == "dead":
        article.events[0].dead = "three"  # type: ignore[assignment]
    elif spoil == "authors":
        article.authors = "Zoé Lefèvre"  # type: ignore[assignment]
    elif spoil == "evidence":
        article.events[1].evidence[0].sentence = None  # type: ignore[assignment]
    else:
        assert article.events[0].location is not None
        article.events[0].location.lat = float("nan")
    with Store(db) as store:
        with pytest.raises(StoreError):
            store.add(article)
        assert store.counts()["articles"] == 0


def test_database_error_voids_the_whole_batch(db: Path) -> None:
    first, second, third = make_article("1"), make_article("2"), make_article("3")
    third.events[0].id = first.events[0].id  # an event id that is already stored
    with Store(db) as store:
        store.add(first)
        with pytest.raises(StoreError), store.batch():
            store.add(second)
            store.add(third)
        assert [a.id for a in store.iter_articles()] == [first.id]
        with pytest.raises(StoreError):
            store.add(third)  # alone it fails too, and stores nothing
        assert store.counts()["articles"] == 1
        store.add(second)  # the store is still usable
        assert store.counts()["articles"] == 2


def test_duplicate_event_ids_in_one_article_are_refused(db: Path) -> None:
    article = make_article()
    article.events[1].id = article.events[0].id
    with Store(db) as store:
        with pytest.raises(StoreError, match="two events"):
            store.add(article)
        assert not store.has_article(article.id)


def test_batches_do_not_nest(db: Path) -> None:
    with Store(db) as store, store.batch():
        with pytest.raises(StoreError, match="nest"), store.batch():
            pass
        store.add(make_article())  # the outer batch goes on
    with Store(db) as store:
        assert store.counts()["articles"] == 1


# -- recode ----------------------------------------------------------------------------------


def test_replace_events(db: Path) -> None:
    article = make_article()
    with Store(db) as store:
        store.add(article)
        new = Event(type="PROTEST", mode="demonstrate", evidence=article.events[1].evidence)
        store.replace_events(article.id, [new])
        (stored,) = store.iter_articles()
        assert [e.type for e in stored.events] == ["PROTEST"]
        assert stored.events[0].id == event_id(article.id, new)
        assert store.counts()["events"] == 1
        # The same events again (same ids) replace cleanly.
        store.replace_events(article.id, article.events)
        assert list(store.iter_events()) == article.events


def test_recode_everything_in_one_batch(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_module, "_PAGE", 2)
    articles = [make_article(str(n)) for n in range(5)]
    with Store(db) as store:
        with store.batch():
            for article in articles:
                store.add(article)
        with store.batch():
            for article in store.iter_articles():
                store.replace_events(article.id, [e for e in article.events if e.type == "ACCUSE"])
        assert store.counts()["events_by_type"] == {"ACCUSE": 5}
        assert [e.article_id for e in store.iter_events()] == [a.id for a in articles]


def test_replace_events_is_atomic(db: Path) -> None:
    article = make_article()
    with Store(db) as store:
        store.add(article)
        broken = [Event(type="AID", id="e1"), Event(type="AID", id="e1")]
        with pytest.raises(StoreError):
            store.replace_events(article.id, broken)
        assert list(store.iter_events()) == article.events
        with pytest.raises(StoreError, match="no article"):
            store.replace_events("a-missing", [])


# -- evidence only ---------------------------------------------------------------------------


def test_evidence_only_store(db: Path) -> None:
    article = make_article()
    with Store(db, keep_text=False) as store:
        store.add(article)
        assert list(store.iter_events()) == article.events  # evidence sentences kept
        with pytest.raises(StoreError, match="not kept"):
            store.iter_articles()
    assert _query(db, "SELECT text, title FROM articles") == [(None, article.title)]
    with Store(db) as store:  # the recorded choice is followed
        assert store.keep_text is False
    with pytest.raises(StoreError, match="keep_text=False"):
        Store(db, keep_text=True)
    with Store(db, keep_text=True, read_only=True) as store:  # nothing written: no conflict
        assert store.counts()["events"] == 3


def test_full_text_store_refuses_evidence_only(db: Path) -> None:
    Store(db).close()
    with pytest.raises(StoreError, match="keeps article texts"):
        Store(db, keep_text=False)


# -- opening ---------------------------------------------------------------------------------


def test_read_only(db: Path) -> None:
    with pytest.raises(StoreError, match="no store"):
        Store(db, read_only=True)
    with Store(db) as store:
        store.add(make_article())
    with Store(db, read_only=True) as store:
        assert store.counts()["articles"] == 1
        with pytest.raises(StoreError, match="read-only"):
            store.add(make_article("x"))
        with pytest.raises(StoreError, match="read-only"):
            store.add_skip("h", "x", "why")


def test_closed_store_raises(db: Path) -> None:
    store = Store(db)
    store.close()
    store.close()  # twice is fine
    with pytest.raises(StoreError, match="closed"):
        store.counts()


def test_in_memory_store() -> None:
    with Store(":memory:") as store:
        store.add(make_article())
        assert store.counts()["events"] == 3


def test_file_in_use_by_another_process(db: Path) -> None:
    Store(db).close()
    holder = (
        "import sys\nfrom eventwire.store import Store\n"
        "store = Store(sys.argv[1])\nprint('ready', flush=True)\nsys.stdin.read()\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", holder, str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        with pytest.raises(StoreError, match="in use by another process"):
            Store(db)
    finally:
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait(timeout=30)


_READER = (
    "import sys\nfrom eventwire.store import Store\n"
    "with Store(sys.argv[1], read_only=True, lock_timeout=float(sys.argv[2])) as s:\n"
    "    print(s.counts()['events'])\n"
)


def _read_events(db: Path, wait: float) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", _READER, str(db), str(wait)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_hold_batch_lets_readers_in_between_batches(db: Path) -> None:
    with Store(db, hold="batch") as store:
        store.add(make_article())
        # Between batches the file is free: another process reads what was committed.
        reader = _read_events(db, 0)
        assert reader.returncode == 0, reader.stderr
        assert reader.stdout.strip() == "3"
        with store.batch():
            store.add(make_article(" bis"))
            blocked = _read_events(db, 0)  # the batch holds the file
        assert blocked.returncode != 0
        assert "in use by another process" in blocked.stderr
        assert store.counts()["events"] == 6
        assert store.known_sources(["nope"]) == set()
    with pytest.raises(StoreError, match="closed"):
        store.counts()


def test_lock_timeout_waits_for_the_writer(db: Path) -> None:
    Store(db).close()
    holder = (
        "import sys, time\nfrom eventwire.store import Store\n"
        "store = Store(sys.argv[1])\nprint('ready', flush=True)\ntime.sleep(1.5)\n"
        "store.close()\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", holder, str(db)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        # Opened while the writer still holds the file: waits, then reads.
        with Store(db, read_only=True, lock_timeout=60) as store:
            assert store.counts()["events"] == 0
    finally:
        proc.wait(timeout=60)


def test_hold_must_be_known(db: Path) -> None:
    with pytest.raises(ValueError, match="hold must be one of"):
        Store(db, hold="forever")


def test_known_sources_in_one_query(db: Path) -> None:
    art = make_article()
    with Store(db) as store:
        store.add(art, raw_hash="h1", source="a.txt")
        store.add_skip("h2", "b.txt", "empty file")
        with store.batch():
            store.add(make_article(" bis"), raw_hash="h3", source="c.txt")
            assert store.known_sources(["h1", "h2", "h3", "h4"]) == {"h1", "h3"}
        assert store.known_sources(["h1", "h2", "h3", "h4"]) == {"h1", "h3"}


def test_open_twice_in_one_process_with_other_settings(db: Path) -> None:
    with Store(db), pytest.raises(StoreError, match="already open"):
        Store(db, read_only=True)


def test_not_a_duckdb_file(tmp_path: Path) -> None:
    text = tmp_path / "notes.duckdb"
    text.write_text("this is not a database\n" * 10)
    with pytest.raises(StoreError, match=r"notes\.duckdb.*not a DuckDB"):
        Store(text)
    lite = tmp_path / "other.db"
    with sqlite3.connect(lite) as conn:
        conn.execute("CREATE TABLE t (x)")
    conn.close()
    with pytest.raises(StoreError, match="not a DuckDB"):
        Store(lite)
    with pytest.raises(StoreError, match="directory"):
        Store(tmp_path)


def test_foreign_duckdb_database(tmp_path: Path) -> None:
    path = tmp_path / "foreign.duckdb"
    with duckdb.connect(str(path)) as conn:
        conn.execute("CREATE TABLE sales (amount INTEGER)")
    with pytest.raises(StoreError, match="not an eventwire store"):
        Store(path)


# -- schema and migrations -----------------------------------------------------------------


def test_schema_version_matches_packaged_migrations(db: Path) -> None:
    migrations = load_migrations()
    assert migrations[-1].version == SCHEMA_VERSION
    with Store(db) as store:
        assert store.schema_version == SCHEMA_VERSION
    applied = _query(db, "SELECT version, name FROM schema_version ORDER BY version")
    assert applied == [(m.version, m.name) for m in migrations]


def _migrations_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "sql"
    folder.mkdir()
    packaged = resources.files("eventwire") / "sql" / "001_initial.sql"
    (folder / "001_initial.sql").write_text(packaged.read_text(encoding="utf-8"), "utf-8")
    return folder


def test_migration_upgrades_and_keeps_data(db: Path, tmp_path: Path) -> None:
    folder = _migrations_dir(tmp_path)
    article = make_article()
    with Store(db, migrations=folder) as store:
        assert store.schema_version == 1
        store.add(article, raw_hash="h1")
    (folder / "002_tags.sql").write_text(
        "-- a later change\nALTER TABLE articles ADD COLUMN tags VARCHAR[];\n"
        "CREATE TABLE notes (article_id VARCHAR, note VARCHAR);\n",
        "utf-8",
    )
    with Store(db, migrations=folder) as store:
        assert store.schema_version == 2
        assert list(store.iter_articles()) == [article]
        assert store.has_source("h1")
    assert _query(db, "SELECT tags FROM articles") == [(None,)]
    assert [v for (v,) in _query(db, "SELECT version FROM schema_version ORDER BY 1")] == [1, 2]
    # A file stamped with a version above every packaged migration is refused.
    with duckdb.connect(str(db)) as conn:
        conn.execute(
            "INSERT INTO schema_version VALUES (?, 'later.sql', now())", [SCHEMA_VERSION + 1]
        )
    with pytest.raises(StoreError, match="newer eventwire"):
        Store(db)


def test_failed_migration_changes_nothing(db: Path, tmp_path: Path) -> None:
    folder = _migrations_dir(tmp_path)
    Store(db, migrations=folder).close()
    (folder / "002_broken.sql").write_text(
        "CREATE TABLE half_done (x INTEGER);\nALTER TABLE no_such_table ADD COLUMN y INTEGER;\n",
        "utf-8",
    )
    with pytest.raises(StoreError, match="002_broken"):
        Store(db, migrations=folder)
    assert _query(db, "SELECT max(version) FROM schema_version") == [(1,)]
    tables = {t for (t,) in _query(db, "SELECT table_name FROM duckdb_tables()")}
    assert "half_done" not in tables


def test_read_only_store_is_not_upgraded(db: Path, tmp_path: Path) -> None:
    folder = _migrations_dir(tmp_path)
    Store(db, migrations=folder).close()
    (folder / "002_more.sql").write_text("CREATE TABLE more (x INTEGER);\n", "utf-8")
    with pytest.raises(StoreError, match="needs upgrading"):
        Store(db, read_only=True, migrations=folder)


def test_migration_files_are_checked(tmp_path: Path) -> None:
    folder = _migrations_dir(tmp_path)
    shutil.copy(folder / "001_initial.sql", folder / "003_later.sql")
    with pytest.raises(StoreError, match="without gaps"):
        load_migrations(folder)
    (folder / "003_later.sql").rename(folder / "two.sql")
    with pytest.raises(StoreError, match="NNN_name"):
        load_migrations(folder)


def test_a_writer_that_waits_says_so_beside_the_file(db: Path) -> None:
    Store(db).close()
    holder = (
        "import sys, time, duckdb\nc = duckdb.connect(sys.argv[1], read_only=True)\n"
        "print('ready', flush=True)\ntime.sleep(1.5)\nc.close()\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", holder, str(db)], stdout=subprocess.PIPE, text=True
    )
    marker = db.with_name(db.name + ".writer-waiting")
    seen: list[bool] = []

    def watch() -> None:
        for _ in range(40):
            seen.append(marker.exists())
            time.sleep(0.05)

    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        watcher = threading.Thread(target=watch)
        watcher.start()
        with Store(db, lock_timeout=30) as store:  # waits for the reader to let go
            assert store.counts()["events"] == 0
        watcher.join()
    finally:
        proc.wait(timeout=30)
    assert any(seen)  # the marker was there while the writer waited
    assert not marker.exists()  # and is gone once it has the file


@pytest.mark.parametrize(
    ("date", "end"),
    [
        ("2024", None),
        ("2024-02", None),
        ("2024-03-04", None),
        ("2024-03-03", "2024-03-05"),
        ("2024-03-03", "2024-02"),  # an end before the start is ignored
        ("not a date", None),
        (None, None),
    ],
)
def test_events_typed_view_gives_dates_as_the_parquet_export_does(
    db: Path, date: str | None, end: str | None
) -> None:
    from eventwire.formats.dates import date_span

    art = make_article()
    with Store(db) as store:
        store.add(art)
        first_id = store.execute("SELECT id FROM events ORDER BY seq LIMIT 1")[0][0]
        store.execute(
            "UPDATE events SET date = ?, date_end = ? WHERE id = ?", [date, end, first_id]
        )
    with duckdb.connect(str(db), read_only=True) as conn:
        row = conn.execute(
            "SELECT date_first, date_last, actor_country, published FROM events_typed WHERE id = ?",
            [first_id],
        ).fetchone()
        types = dict(
            conn.execute("SELECT column_name, column_type FROM (DESCRIBE events_typed)").fetchall()
        )
    assert (row[0], row[1]) == date_span(date, end)
    assert isinstance(row[2], list)
    assert types["date_first"] == "DATE" and types["actor_country"] == "VARCHAR[]"
    assert types["published"] == "TIMESTAMP" and types["dead"] == "INTEGER"


_URLS = {"article_id": "str", "url": "str", "publisher": "str", "published": "str"}


def _url_row(url: str) -> dict[str, str | None]:
    return {"article_id": "a1", "url": url, "publisher": None, "published": None}


def test_rows_of_another_stage_are_written_with_the_batch(db: Path) -> None:
    with Store(db) as store:
        with pytest.raises(StoreError, match="inside a batch"):
            store.stage("article_urls", _URLS, ("a1", "u0"), _url_row("u0"))
        with store.batch():
            assert store.stage("article_urls", _URLS, ("a1", "u1"), _url_row("u1"))
            assert not store.stage("article_urls", _URLS, ("a1", "u1"), _url_row("u1"))
            assert list(store.staged("article_urls")) == [("a1", "u1")]
            # query() does not write what is staged; execute() does, then reads it.
            assert store.query("SELECT count(*) FROM article_urls") == [(0,)]
            assert store.execute("SELECT count(*) FROM article_urls") == [(1,)]
            assert store.staged("article_urls") == {}
            store.stage("article_urls", _URLS, ("a1", "u2"), _url_row("u2"))
        assert store.query("SELECT url FROM article_urls ORDER BY url") == [("u1",), ("u2",)]
        with pytest.raises(RuntimeError), store.batch():
            store.stage("article_urls", _URLS, ("a1", "u3"), _url_row("u3"))
            raise RuntimeError("the batch fails")
        assert store.staged("article_urls") == {}
        assert store.query("SELECT count(*) FROM article_urls") == [(2,)]


def test_a_staged_row_of_the_wrong_kind_is_refused_before_the_flush(db: Path) -> None:
    with (
        Store(db) as store,
        store.batch(),
        pytest.raises(StoreError, match=r"article_urls\.url must be of kind str"),
    ):
        store.stage("article_urls", _URLS, ("a1", 5), {**_url_row("x"), "url": 5})
