"""The command line as a user runs it: extract, ingest, recode, export, eval.

Most runs are in-process (``eventwire.cli.main``) so the spaCy pipelines load once; a few
run ``python -m eventwire.cli`` where the process itself matters (exit codes, workers).
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

import eventwire.cli
from eventwire.coder import CODER_VERSION
from eventwire.config import load_config
from eventwire.export import FLAT_COLUMNS
from eventwire.pipeline import context_for
from eventwire.places import get_gazetteer

ARTICLE_KEYS = {"id", "source_id", "title", "publisher", "published", "url", "source", "lang"}
# The summary line of the messy folder's skips: every reason, with its count.
MESSY_SKIPPED = (
    "skipped: 6 (binary file: 1, cleaning failed: 1, empty file: 1, file too large: 1, "
    "invalid JSON: 1, unsupported language: 1)"
)


def _by_story(events: list[dict]) -> dict[str, list[dict]]:
    """Events grouped by the file name of their article's source."""
    grouped: dict[str, list[dict]] = {}
    for event in events:
        grouped.setdefault(Path(event["article"]["source"]).name, []).append(event)
    return grouped


def _has(events: list[dict], etype: str, **fields: object) -> bool:
    return any(e["type"] == etype and all(e.get(k) == v for k, v in fields.items()) for e in events)


def _countries(event: dict, side: str = "actor") -> set[str | None]:
    return {party["country"] for party in event[side]}


# --------------------------------------------------------------------------- extract


@pytest.fixture(scope="module")
def extracted(stories: Path, run_invoke):
    result = run_invoke(["extract", str(stories), "--no-progress"])
    assert result.code == 0, result.err
    return result


def test_extract_prints_one_event_per_line_with_its_article(extracted, story_files) -> None:
    lines = extracted.out.splitlines()
    events = [json.loads(line) for line in lines]
    assert len(events) == len(lines) > 0
    for event in events:
        assert set(event["article"]) >= ARTICLE_KEYS
        assert event["article_id"] == event["article"]["id"]
        assert event["evidence"], event
    grouped = _by_story(events)
    assert set(grouped) == set(story_files)  # every fixture story reports something
    bombing = grouped["en-2023-05-02-market-bombing.txt"]
    assert bombing[0]["article"]["lang"] == "en"
    assert bombing[0]["article"]["published"].startswith("2023-05-02")
    assert bombing[0]["article"]["title"] == "Suicide bomber kills 14 at market in Maiduguri"


def test_extract_codes_the_clear_events_of_the_stories(extracted) -> None:
    grouped = _by_story(extracted.jsonl())
    attack = grouped["fr-2022-11-08-attaque-tillaberi.txt"]
    assert _has(attack, "ASSAULT", dead=12, injured=8, date="2022-11-08")
    assert _has(grouped["en-2023-05-02-market-bombing.txt"], "ASSAULT", dead=14, injured=27)
    call = grouped["fr-2023-04-13-entretien-abidjan-accra.txt"]
    consult = [e for e in call if e["type"] == "CONSULT" and e["mode"] == "phone"]
    assert consult and _countries(consult[0]) == {"CIV", "GHA"}
    assert consult[0]["date"] == "2023-04-13"
    assert any(e["type"] == "AGREE" and _countries(e) == {"CIV", "GHA"} for e in call)
    assert _has(grouped["en-2022-07-20-nairobi-arrests.txt"], "COERCE", mode="arrest", arrested=31)
    dakar = grouped["fr-2022-06-17-manifestants-dakar-cp1252.txt"]
    assert _has(dakar, "COERCE", mode="arrest", arrested=30, date="2022-06-17")
    assert dakar[0]["article"]["title"] == "Sénégal : trente manifestants interpellés à Dakar"
    page = grouped["en-2023-03-09-accra-abidjan-call.html"]
    assert page[0]["article"]["title"] == "Ghana and Ivory Coast agree joint border patrols"
    assert any(e["type"] == "AGREE" and {"GHA", "CIV"} <= _countries(e) for e in page)


def test_extract_evidence_offsets_point_into_the_article_text(
    extracted, messy_ingest, db_query
) -> None:
    # The JSON Lines carry no article text; the store of the same stories has it.
    db, _ = messy_ingest
    texts = dict(db_query(db, "SELECT id, text FROM articles"))
    checked = 0
    for event in extracted.jsonl():
        text = texts[event["article"]["id"]]
        for ev in event["evidence"]:
            assert text[ev["start"] : ev["end"]] == ev["sentence"]
            for trigger in ev["triggers"]:
                assert ev["start"] <= trigger["start"] < trigger["end"] <= ev["end"]
                assert text[trigger["start"] : trigger["end"]] == trigger["text"]
            checked += 1
        for party in event["actor"] + event["recipient"]:
            if party["start"] is not None:
                assert text[party["start"] : party["end"]] == party["text"]
        loc = event["location"]
        if loc and loc["start"] is not None:
            assert text[loc["start"] : loc["end"]] == loc["name"]
    assert checked >= 10


def test_extract_summary_goes_to_stderr(extracted, story_files) -> None:
    err = extracted.err.splitlines()
    events = extracted.jsonl()
    assert f"documents read: {len(story_files)}" in err
    assert f"coded: {len(story_files)}" in err
    assert "skipped: 0" in err
    predicted = [e for e in events if not e["flags"]["negated"]]
    assert any(line.startswith(f"events: {len(predicted)}") for line in err)
    for etype, n in Counter(e["type"] for e in predicted).items():
        assert f"  {etype}: {n}" in err
    assert "documents read" not in extracted.out


def test_extract_reports_each_skipped_input_with_its_reason(
    cli, messy_dir: Path, bad_inputs: dict[str, str], max_bytes: int
) -> None:
    result = cli("extract", str(messy_dir), "--max-bytes", str(max_bytes), "--no-progress")
    assert result.code == 0
    assert len(bad_inputs) == 6 and MESSY_SKIPPED in result.err.splitlines()
    for name, word in bad_inputs.items():
        lines = [line for line in result.err.splitlines() if f"{name}:" in line]
        assert lines and all(word in line for line in lines), (name, result.err)
    sources = {Path(e["article"]["source"]).name for e in result.jsonl()}
    assert not sources & {"photo.bin", "empty.txt", "long-story.txt"}


def test_the_skipped_line_counts_every_reason() -> None:
    summary = eventwire.cli.Summary(read=6, stored=1)
    summary.skipped = [
        ("a.txt", "empty file (0 bytes)"),
        ("b.txt", "file too large (9,000 bytes; the limit is 4,000 bytes)"),
        ("c.txt", "unsupported language 'es' (eventwire codes fr, en)"),
        ("d.txt", "file too large (8,000 bytes; the limit is 4,000 bytes)"),
        ("e.jsonl:3", "line longer than the limit of 4,000 bytes"),
        ("f.txt", "unsupported language 'de' (eventwire codes fr, en)"),
        ("g.txt", "unsupported language 'it' (eventwire codes fr, en)"),
    ]
    lines = summary.lines()
    assert lines[2] == (
        "skipped: 7 (unsupported language: 3, file too large: 2, empty file: 1, "
        "line longer than the limit: 1)"
    )
    assert lines[3:10] == [f"  {source}: {reason}" for source, reason in summary.skipped]
    assert eventwire.cli.Summary(read=1, stored=1).lines()[2] == "skipped: 0"


def test_extract_table_is_readable(cli, stories: Path, extracted) -> None:
    result = cli("extract", str(stories), "--format", "table", "--no-progress")
    assert result.code == 0
    lines = result.out.splitlines()
    header = lines[0].split()
    assert header[:4] == ["article", "type/mode", "actor", "recipient"]
    assert set(lines[1]) <= {"-", " "}
    rows = lines[2:]
    assert len(rows) == len(extracted.jsonl())
    assert any("ASSAULT" in row and "12/8/-" in row for row in rows)
    assert any("COERCE/arrest" in row and "-/-/31" in row for row in rows)
    assert not result.out.lstrip().startswith("{")
    assert "documents read: 6" in result.err


def test_extract_reads_standard_input(cli, stories: Path) -> None:
    data = (stories / "en-2022-07-20-nairobi-arrests.txt").read_bytes()
    result = cli("extract", "-", "--no-progress", stdin=data)
    assert result.code == 0, result.err
    events = result.jsonl()
    assert events and {e["article"]["source"] for e in events} == {"-"}
    assert _has(events, "COERCE", mode="arrest", arrested=31)
    assert "documents read: 1" in result.err


ARREST = "Police in Nairobi arrested 31 protesters on Tuesday, a police spokesman said.\n"


def test_published_and_lang_for_standard_input(cli, tmp_path: Path, db_query) -> None:
    bare = cli("extract", "-", "--no-progress", stdin=ARREST.encode())
    assert bare.code == 0, bare.err
    (event,) = bare.jsonl()
    assert event["article"]["published"] is None and event["date"] is None
    dated = cli(
        "extract", "-", "--published", "2023-06-09", "--lang", "en", "--no-progress",
        stdin=ARREST.encode(),
    )  # fmt: skip
    assert dated.code == 0, dated.err
    (event,) = dated.jsonl()
    assert event["article"]["published"] == "2023-06-09"
    assert event["article"]["lang"] == "en"
    assert (event["date"], event["date_precision"]) == ("2023-06-06", "day")  # that Tuesday

    db = tmp_path / "events.duckdb"
    result = cli(
        "ingest", "-", "--db", str(db), "--published", "2023-06-09T08:30", "--no-progress",
        stdin=ARREST.encode(),
    )  # fmt: skip
    assert result.code == 0, result.err
    assert db_query(db, "SELECT published, lang FROM articles") == [("2023-06-09T08:30:00", "en")]
    assert db_query(db, "SELECT date FROM events") == [("2023-06-06",)]


def test_lang_forces_the_language_and_records_keep_their_date(
    cli, tmp_path: Path, db_query
) -> None:
    feed = tmp_path / "feed.jsonl"
    records = [
        {"id": "own", "published": "2023-06-02", "text": ARREST},
        {"id": "none", "text": ARREST},
    ]
    feed.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    result = cli("extract", str(feed), "--published", "2023-06-09", "--no-progress")
    assert result.code == 0, result.err
    dates = {
        e["article"]["source_id"]: (e["article"]["published"], e["date"]) for e in result.jsonl()
    }
    assert dates == {"own": ("2023-06-02", "2023-05-30"), "none": ("2023-06-09", "2023-06-06")}
    db = tmp_path / "events.duckdb"
    forced = cli("ingest", str(feed), "--db", str(db), "--lang", "fr", "--no-progress")
    assert forced.code == 0, forced.err
    assert db_query(db, "SELECT lang, lang_score FROM articles") == [("fr", 1.0)]


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--lang", "es", "argument --lang: invalid choice: 'es' (choose from 'fr', 'en')"),
        ("--published", "yesterday", "argument --published: not a date: 'yesterday'"),
        ("--published", "2023-02-30", "argument --published: not a date: '2023-02-30'"),
    ],
)
@pytest.mark.parametrize("command", ["extract", "ingest"])
def test_a_bad_published_or_lang_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], command: str, option: str, value: str, message: str
) -> None:
    with pytest.raises(SystemExit) as exited:
        eventwire.cli.main([command, "-", option, value])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_extract_keeps_the_input_order(cli, stories: Path, story_files) -> None:
    order = list(reversed(story_files))
    result = cli("extract", *(str(stories / n) for n in order), "--workers", "2", "--no-progress")
    assert result.code == 0, result.err
    seen: list[str] = []
    for event in result.jsonl():
        name = Path(event["article"]["source"]).name
        if not seen or seen[-1] != name:
            assert name not in seen, "an article's events are not contiguous"
            seen.append(name)
    assert seen == order


# --------------------------------------------------------------------------- ingest


def test_ingest_stores_good_inputs_and_reports_every_bad_one(
    messy_ingest, bad_inputs: dict[str, str], feed_records, story_files
) -> None:
    _, result = messy_ingest
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    stored = len(story_files) + len(feed_records)
    assert f"documents read: {stored + len(bad_inputs)}" in lines
    assert f"stored: {stored}" in lines
    assert len(bad_inputs) == 6 and MESSY_SKIPPED in lines
    for name, word in bad_inputs.items():
        matching = [line for line in lines if line.strip().split(" ")[0].endswith(f"{name}:")]
        assert len(matching) == 1 and word in matching[0], (name, result.out)


def test_ingest_fills_articles_and_events(
    messy_ingest, db_query, story_files, feed_records, bad_inputs: dict[str, str]
) -> None:
    db, result = messy_ingest
    articles = db_query(db, "SELECT source, source_id, lang, title, text FROM articles")
    names = sorted(Path(src.split(":")[0]).name for src, *_ in articles)
    assert names == sorted([*story_files, "feed.jsonl", "feed.jsonl"])
    by_id = {sid: (lang, title) for _, sid, lang, title, _ in articles if sid}
    assert by_id == {
        "feed-01": ("en", feed_records[0]["title"]),
        "feed-03": ("fr", feed_records[1]["title"]),
    }
    cp1252 = next(t for src, *_, t in articles if src.endswith("cp1252.txt"))
    assert "La police sénégalaise a interpellé vendredi trente manifestants" in cp1252
    page = next(t for src, *_, t in articles if src.endswith(".html"))
    assert "Most read" not in page and "All rights reserved" not in page
    by_type = dict(db_query(db, "SELECT type, count(*) FROM events GROUP BY type"))
    (events, predicted) = db_query(
        db, "SELECT count(*), count(*) FILTER (NOT negated) FROM events"
    )[0]
    assert events == sum(by_type.values()) > 0
    assert f"events: added {predicted}, total {predicted}" in result.out.splitlines()
    assert {"ASSAULT", "COERCE", "CONSULT", "AGREE"} <= set(by_type)
    # Skipped inputs are remembered with their reason (a later run tries them again).
    skipped = db_query(db, "SELECT source, reason FROM sources WHERE status = 'skipped'")
    assert {Path(src).name for src, _ in skipped} == set(bad_inputs)


def test_each_event_row_records_the_versions_that_coded_it(messy_ingest, db_query) -> None:
    db, _ = messy_ingest
    rows = db_query(
        db,
        "SELECT DISTINCT a.lang, coder_version, data_version, spacy_version, gazetteer_version "
        "FROM events e JOIN articles a ON a.id = e.article_id",
    )
    config = load_config()
    assert {row[0] for row in rows} == {"en", "fr"}
    for lang, coder, data, spacy_version, gazetteer in rows:
        pipeline, ctx = context_for(lang, config)
        assert coder == CODER_VERSION
        assert data == ctx.versions["data"] and data.startswith(lang)
        assert spacy_version == pipeline.version and "@sha256:" in spacy_version
        assert gazetteer == get_gazetteer().version


def test_ingest_twice_adds_nothing(
    messy_ingest, messy_dir: Path, cli, db_query, tmp_path: Path, max_bytes: int
) -> None:
    first_db, _ = messy_ingest
    db = tmp_path / "again.duckdb"
    shutil.copy(first_db, db)
    before = db_query(db, "SELECT id, type FROM events ORDER BY id")
    result = cli(
        "ingest", str(messy_dir), "--db", str(db), "--max-bytes", str(max_bytes), "--no-progress"
    )
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert "stored: 0" in lines
    assert "already ingested (skipped): 8" in lines
    # Nothing added this run, but the store is not empty: both are said.
    (total,) = db_query(db, "SELECT count(*) FROM events WHERE NOT negated")[0]
    assert total > 0 and f"events: added 0, total {total}" in lines
    assert MESSY_SKIPPED in lines  # the skipped inputs are tried again
    assert db_query(db, "SELECT id, type FROM events ORDER BY id") == before
    assert db_query(db, "SELECT count(*) FROM articles") == [(8,)]


def test_the_same_article_under_two_names_is_stored_once(
    cli, stories: Path, tmp_path: Path, db_query
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    story = stories / "en-2023-05-02-market-bombing.txt"
    shutil.copy(story, folder / "a-bombing.txt")
    # The same text with other line ends and trailing spaces is the same article.
    text = story.read_text(encoding="utf-8").replace("\n", "  \r\n")
    (folder / "b-bombing-copy.txt").write_text(text, encoding="utf-8", newline="")
    db = tmp_path / "events.duckdb"
    result = cli("ingest", str(folder), "--db", str(db), "--no-progress")
    assert result.code == 0, result.err
    assert "stored: 1" in result.out.splitlines()
    assert "duplicates of stored articles: 1" in result.out.splitlines()
    assert db_query(db, "SELECT source FROM articles") == [(str(folder / "a-bombing.txt"),)]
    statuses = db_query(db, "SELECT status FROM sources ORDER BY source")
    assert statuses == [("stored",), ("duplicate",)]


def test_an_interrupted_ingest_resumes_without_duplicates(
    cli, bulk_dir: Path, bulk_export: str, tmp_path: Path, monkeypatch, db_query
) -> None:
    real_process = eventwire.cli.process

    def interrupted(items, config, **kwargs):
        for n, outcome in enumerate(real_process(items, config, **kwargs)):
            if n == 40:  # past the first commit (every 32 documents), inside the second
                raise KeyboardInterrupt
            yield outcome

    monkeypatch.setattr(eventwire.cli, "process", interrupted)
    monkeypatch.setattr(eventwire.cli, "WRITE_EVERY", 32)
    db = tmp_path / "events.duckdb"
    result = cli("ingest", str(bulk_dir), "--db", str(db), "--no-progress")
    assert result.code == 130
    assert "interrupted" in result.err
    # Only whole articles: the first commit, each article with all of its events.
    full = Counter(json.loads(line)["article_id"] for line in bulk_export.splitlines())
    stored = dict(
        db_query(
            db,
            "SELECT a.id, count(e.id) FROM articles a LEFT JOIN events e "
            "ON e.article_id = a.id GROUP BY a.id",
        )
    )
    assert len(stored) == 32
    assert all(stored[art] == full.get(art, 0) for art in stored)

    monkeypatch.setattr(eventwire.cli, "process", real_process)
    result = cli("ingest", str(bulk_dir), "--db", str(db), "--no-progress")
    assert result.code == 0, result.err
    assert "already ingested (skipped): 32" in result.out.splitlines()
    exported = cli("export", "--db", str(db))
    assert exported.out == bulk_export


def test_worker_processes_give_the_same_store_as_one(
    bulk_dir: Path, bulk_export: str, run_eventwire, cli, tmp_path: Path
) -> None:
    db = tmp_path / "events.duckdb"
    proc = run_eventwire(["ingest", str(bulk_dir), "--db", str(db), "--workers", "2"])
    assert proc.returncode == 0, proc.stderr
    assert "stored: 46" in proc.stdout.splitlines()
    assert "Traceback" not in proc.stderr
    exported = cli("export", "--db", str(db))
    assert exported.out == bulk_export


def test_the_command_leaves_without_teardown_after_writing_everything(cli, stories: Path) -> None:
    """``eventwire extract`` ends with os._exit (no teardown of the loaded pipelines): every
    line it printed still reaches the pipe, as the in-process run prints it."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # block-buffered
    proc = subprocess.run(
        [sys.executable, "-m", "eventwire.cli", "extract", str(stories), "--no-progress"],
        capture_output=True, text=True, env=env, timeout=240, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    # More than the stream's buffer (8 KiB): its last part was still in it at the exit.
    assert len(proc.stdout) > 8192 and len(proc.stdout) % 8192
    assert proc.stdout == cli("extract", str(stories), "--no-progress").out
    assert proc.stderr.splitlines()[-1].startswith("  ")  # the summary's last line


def test_evidence_only_store_keeps_evidence_not_texts(
    cli, stories: Path, tmp_path: Path, db_query, messy_ingest
) -> None:
    db = tmp_path / "evidence.duckdb"
    result = cli("ingest", str(stories), "--db", str(db), "--evidence-only", "--no-progress")
    assert result.code == 0, result.err
    assert db_query(db, "SELECT count(*), count(text) FROM articles") == [(6, 0)]
    rows = db_query(db, "SELECT id, evidence_text, evidence FROM events ORDER BY id")
    assert rows and all(text and json.loads(ev)[0]["sentence"] for _, text, ev in rows)
    # The same evidence as in a store that keeps the texts.
    full_db, _ = messy_ingest
    full = dict(db_query(full_db, "SELECT id, evidence FROM events"))
    assert all(json.loads(full[i]) == json.loads(ev) for i, _, ev in rows)

    recode = cli("recode", "--db", str(db), "--no-progress")
    assert recode.code == 1
    assert "evidence only" in recode.err and "recode" in recode.err
    assert "Traceback" not in recode.err


def test_recode_needs_only_the_store(
    cli, copy_story_folder, tmp_path: Path, db_query, story_files
) -> None:
    folder = copy_story_folder(tmp_path / "in")
    db = tmp_path / "events.duckdb"
    assert cli("ingest", str(folder), "--db", str(db), "--no-progress").code == 0
    before = cli("export", "--db", str(db)).out
    shutil.rmtree(folder)
    result = cli("recode", "--db", str(db), "--no-progress")
    assert result.code == 0, result.err
    assert f"recoded: {len(story_files)}" in result.out.splitlines()
    assert cli("export", "--db", str(db)).out == before
    assert db_query(db, "SELECT count(*) FROM articles") == [(len(story_files),)]


# --------------------------------------------------------------------------- export


def test_export_jsonl_to_stdout(cli, messy_ingest, db_query) -> None:
    db, _ = messy_ingest
    result = cli("export", "--db", str(db))
    assert result.code == 0
    events = result.jsonl()
    assert len(events) == db_query(db, "SELECT count(*) FROM events")[0][0]
    assert all(ARTICLE_KEYS - {"source_id"} <= set(e["article"]) for e in events)
    assert f"exported {len(events)} events" in result.err


def test_export_csv_and_parquet_files(cli, messy_ingest, db_query, tmp_path: Path) -> None:
    db, _ = messy_ingest
    (count,) = db_query(db, "SELECT count(*) FROM events")[0]
    ids = sorted(row[0] for row in db_query(db, "SELECT id FROM events"))

    out_csv = tmp_path / "events.csv"
    result = cli("export", "--db", str(db), "--format", "csv", "-o", str(out_csv))
    assert result.code == 0 and result.out == ""
    assert f"exported {count} events to {out_csv}" in result.err
    with out_csv.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == [name for name, _ in FLAT_COLUMNS]
    assert sorted(r["id"] for r in rows) == ids
    assert any(r["type"] == "ASSAULT" and r["dead"] == "12" and r["injured"] == "8" for r in rows)

    out_parquet = tmp_path / "events.parquet"
    result = cli("export", "--db", str(db), "--format", "parquet", "-o", str(out_parquet))
    assert result.code == 0
    table = pq.read_table(out_parquet)
    assert table.num_rows == count
    assert sorted(table.column("id").to_pylist()) == ids
    with duckdb.connect() as conn:
        back = conn.execute(
            "SELECT count(*), count(DISTINCT id) FROM read_parquet(?)", [str(out_parquet)]
        ).fetchall()
    assert back == [(count, count)]
    assert not list(tmp_path.glob("*.part"))


def _left_out(err: str) -> int:
    """The events an export's summary line says it left out ('; left out N (why)')."""
    import re

    return sum(int(n) for n in re.findall(r"; left out (\d+) \(", err))


def test_export_formats_the_field_reads_with_filters(
    cli, messy_ingest, db_query, tmp_path: Path
) -> None:
    db, _ = messy_ingest
    ((assaults,),) = db_query(
        db, "SELECT count(*) FROM events WHERE type = 'ASSAULT' AND NOT negated"
    )
    ((kept,),) = db_query(db, "SELECT count(*) FROM events WHERE NOT negated")
    out = tmp_path / "assaults.plover.jsonl"
    args = ["export", "--db", str(db), "--no-negated", "-o", str(out)]
    result = cli(*args, "--format", "plover", "--type", "assault")
    assert result.code == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert records and all(r["event"] == ["ASSAULT"] and r["date"] for r in records)
    assert f"exported {len(records)} events to {out}" in result.err
    assert len(records) + _left_out(result.err) == assaults

    result = cli(*args, "--format", "gdelt")
    rows = out.read_text(encoding="utf-8").splitlines()
    assert all(len(row.split("\t")) == 61 for row in rows)
    assert len(rows) + _left_out(result.err) == kept

    result = cli(*args, "--format", "geojson")
    features = json.loads(out.read_text(encoding="utf-8"))["features"]
    assert len(features) + _left_out(result.err) == kept
    assert "no coordinates" in result.err or len(features) == kept

    result = cli("export", "--db", str(db), "--since", "last week")
    assert result.code == 2 and result.out == ""
    assert "--since" in result.err and "not a date" in result.err


def test_parquet_needs_a_file(cli, messy_ingest) -> None:
    db, _ = messy_ingest
    result = cli("export", "--db", str(db), "--format", "parquet")
    assert result.code == 1
    assert "parquet" in result.err and "file" in result.err
    assert result.out == ""


def test_errors_are_one_line_and_a_non_zero_exit(run_eventwire, tmp_path: Path) -> None:
    proc = run_eventwire(["export", "--db", str(tmp_path / "missing.duckdb")])
    assert proc.returncode == 1
    assert proc.stderr.strip() == f"eventwire: no store at {tmp_path / 'missing.duckdb'}"
    assert proc.stdout == ""


BAD_ONLY_SKIPPED = "skipped: 2 (empty file: 1, unsupported binary format: 1)"


@pytest.fixture
def only_bad_inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "scan.pdf").write_bytes(b"%PDF-1.7 not a story")
    return folder


def test_a_run_where_every_input_failed_exits_non_zero(
    cli, run_eventwire, only_bad_inputs: Path, tmp_path: Path
) -> None:
    result = cli("extract", str(only_bad_inputs), "--no-progress")
    assert result.code == 1
    assert BAD_ONLY_SKIPPED in result.err.splitlines()
    assert result.err.splitlines()[-1].startswith("eventwire: no input was processed")
    assert result.out == ""
    proc = run_eventwire(["ingest", str(only_bad_inputs), "--db", str(tmp_path / "e.duckdb")])
    assert proc.returncode == 1, proc.stderr
    assert BAD_ONLY_SKIPPED in proc.stdout.splitlines()
    assert "eventwire: no input was processed" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_a_run_where_some_inputs_failed_exits_zero(
    cli, stories: Path, only_bad_inputs: Path, tmp_path: Path
) -> None:
    story = str(stories / "en-2022-07-20-nairobi-arrests.txt")
    result = cli("extract", str(only_bad_inputs), story, "--no-progress")
    assert result.code == 0, result.err
    assert "coded: 1" in result.err.splitlines()
    assert BAD_ONLY_SKIPPED in result.err.splitlines()
    db = str(tmp_path / "e.duckdb")
    result = cli("ingest", str(only_bad_inputs), story, "--db", db, "--no-progress")
    assert result.code == 0, result.err
    # Again: the story is already stored, the bad inputs fail again; that is no failure.
    result = cli("ingest", str(only_bad_inputs), story, "--db", db, "--no-progress")
    assert result.code == 0, result.err
    assert "already ingested (skipped): 1" in result.out.splitlines()
    assert "no input was processed" not in result.err


@pytest.mark.parametrize("command", ["extract", "ingest"])
def test_help_tells_the_exit_status(capsys: pytest.CaptureFixture[str], command: str) -> None:
    with pytest.raises(SystemExit) as exited:
        eventwire.cli.main([command, "--help"])
    assert exited.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "exit status: 0 when at least one input was" in text
    assert "1 when every input failed" in text


def test_a_bad_config_is_a_usage_error(cli, tmp_path: Path, stories: Path) -> None:
    config = tmp_path / "eventwire.toml"
    config.write_text("max_bites = 3\n", encoding="utf-8")
    result = cli("--config", str(config), "extract", str(stories))
    assert result.code == 2
    assert "max_bites" in result.err


# --------------------------------------------------------------------------- eval


def _gold_doc(doc_id: str, text: str, published: str | None, events: list[dict]) -> dict:
    return {
        "id": doc_id,
        "dataset": "tests",
        "lang": "fr",
        "text": text,
        "published": published,
        "events": events,
        "scored": ["type", "mode", "actor.country", "recipient.country", "date", "dead", "injured"],
    }


NEGATED = (
    "The Nigerian army denied on Thursday that its soldiers had attacked the village of "
    "Kajuru, a spokesman said."
)


@pytest.fixture(scope="module")
def gold_file(stories: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    def text(name: str) -> str:
        return (stories / name).read_text(encoding="utf-8")

    docs = [
        _gold_doc(
            "tests/tillaberi",
            text("fr-2022-11-08-attaque-tillaberi.txt"),
            "2022-11-08T15:20:00",
            [
                {
                    "type": "ASSAULT",
                    "recipient": [
                        {"country": "NER", "sector": "MIL", "text": "Douze soldats nigériens"}
                    ],
                    "location": {"name": "Tillabéri", "country": "NER"},
                    "date": "2022-11-08",
                    "dead": 12,
                    "injured": 8,
                },
            ],
        ),
        _gold_doc(
            "tests/appel",
            text("fr-2023-04-13-entretien-abidjan-accra.txt"),
            None,
            [
                {
                    "type": "CONSULT",
                    "mode": "phone",
                    "actor": [{"country": "CIV"}, {"country": "GHA"}],
                    "date": "2023-04-13",
                },
                {
                    "type": "AGREE",
                    "actor": [{"country": "CIV"}, {"country": "GHA"}],
                    "date": "2023-04-13",
                },
            ],
        ),
        _gold_doc("tests/dementi", NEGATED, "2023-04-14", []),
    ]
    path = tmp_path_factory.mktemp("gold") / "gold.jsonl"
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), "utf-8")
    return path


def test_eval_json_is_one_object_on_stdout_and_progress_on_stderr(
    cli, gold_file: Path, monkeypatch, tmp_path: Path
) -> None:
    import sys

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)  # progress bars on by default
    predictions = tmp_path / "predictions.jsonl"
    result = cli("eval", str(gold_file), "--json", "--predictions-out", str(predictions))
    assert result.code == 0, result.err
    (line,) = result.out.splitlines()
    report = json.loads(line)
    assert {"precision", "recall", "f1", "exact", "fields"} <= set(report)
    assert report["n_docs"] == 3 and report["n_gold"] == 3
    assert report["recall"] == 1.0
    for name in ("date", "dead", "injured", "mode", "actor.country", "recipient.country"):
        assert set(report["fields"][name]) == {"acc", "n"}
    assert report["fields"]["dead"] == {"acc": 1.0, "n": 1}
    assert "eval" in result.err  # the progress bar

    lines = [json.loads(x) for x in predictions.read_text(encoding="utf-8").splitlines()]
    assert [p["id"] for p in lines] == ["tests/tillaberi", "tests/appel", "tests/dementi"]
    gold_keys = {"type", "mode", "cameo", "actor", "recipient", "location", "date", "dead"}
    assert all(gold_keys <= set(e) for p in lines for e in p["events"])
    attack = [e for e in lines[0]["events"] if e["type"] == "ASSAULT"]
    assert attack and attack[0]["dead"] == 12 and attack[0]["injured"] == 8


def test_negated_events_are_not_predictions(cli, tmp_path: Path) -> None:
    source = tmp_path / "dementi.txt"
    source.write_text(NEGATED, encoding="utf-8")
    extracted = cli("extract", str(source), "--no-progress")
    negated = [e for e in extracted.jsonl() if e["flags"]["negated"]]
    assert negated, "the coder no longer flags the denial: pick another negated sentence"
    assert f"(+{len(negated)} negated, kept but not counted)" in extracted.err

    gold = tmp_path / "negative.jsonl"
    gold.write_text(json.dumps(_gold_doc("tests/dementi", NEGATED, "2023-04-14", [])) + "\n")
    predictions = tmp_path / "predictions.jsonl"
    result = cli(
        "eval", str(gold), "--json", "--no-progress", "--predictions-out", str(predictions)
    )
    assert result.code == 0, result.err
    report = json.loads(result.out)
    assert (report["n_pred"], report["fp"]) == (0, 0)
    assert predictions.read_text(encoding="utf-8") == '{"id": "tests/dementi", "events": []}\n'


def test_eval_text_report_names_the_file(cli, gold_file: Path) -> None:
    result = cli("eval", str(gold_file), "--no-progress")
    assert result.code == 0
    assert str(gold_file) in result.out
    assert result.err == ""


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (None, "cannot read (No such file or directory)"),
        ("", "no gold documents"),
        (
            '{"id": "a", "text": "Un.", "events": [], "scored": []}\n{"id": "b", "te',
            ":2: invalid JSON",
        ),
        ('{"id": "a", "text": "Un.", "events": []}\n', ":1: missing 'scored'"),
        ("\x00\x01 not a gold file\n", ":1: invalid JSON"),
    ],
    ids=["missing", "empty", "cut", "incomplete", "binary"],
)
def test_eval_names_a_bad_gold_file_in_one_line(
    cli, gold_file: Path, tmp_path: Path, content: str | None, problem: str
) -> None:
    bad = tmp_path / "bad.jsonl"
    if content is not None:
        bad.write_text(content, encoding="utf-8")
    # Checked before anything is scored, even after a good file.
    result = cli("eval", str(gold_file), str(bad), "--no-progress")
    assert result.code == 2
    assert result.out == ""
    (line,) = result.err.splitlines()
    assert line.startswith(f"eventwire: gold file {bad}") and problem in line, line


def test_eval_predictions_cover_every_gold_file(cli, gold_file: Path, tmp_path: Path) -> None:
    second = tmp_path / "second.jsonl"
    doc = _gold_doc("tests/second", NEGATED.replace("Kajuru", "Zaria"), None, [])
    second.write_text(json.dumps(doc) + "\n", encoding="utf-8")
    predictions = tmp_path / "predictions.jsonl"
    result = cli(
        "eval",
        str(gold_file),
        str(second),
        "--json",
        "--no-progress",
        "--predictions-out",
        str(predictions),
    )
    assert result.code == 0, result.err
    payload = json.loads(result.out)
    assert set(payload) == {str(gold_file), str(second)}
    ids = [json.loads(x)["id"] for x in io.StringIO(predictions.read_text(encoding="utf-8"))]
    assert ids == ["tests/tillaberi", "tests/appel", "tests/dementi", "tests/second"]
