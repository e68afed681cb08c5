"""Shared fixtures: the fixture stories, a folder of messy inputs, a bulk feed, CLI runners.

The CLI is run in-process (``eventwire.cli.main``) so that the spaCy pipelines load once
per test session; the session-scoped stores below are built once and only read by tests
(a test that writes copies the file first).
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from eventwire.cli import main

STORIES = Path(__file__).resolve().parent / "fixtures" / "stories"

# The fixture stories in the order a folder walk reads them (sorted file names).
STORY_FILES: tuple[str, ...] = tuple(sorted(p.name for p in STORIES.iterdir() if p.is_file()))

# A limit that every fixture story is under and the oversized input is over.
MAX_BYTES = 4000

SPANISH = (
    "Cúcuta, 14 mar (EFE) - Dos soldados murieron y otros cinco resultaron heridos este martes "
    "en un ataque con explosivos contra una patrulla del ejército en una zona rural de Cúcuta, "
    "informaron las autoridades militares, que atribuyeron el ataque a una disidencia de la "
    "antigua guerrilla.\n"
)

# Two good feed records around a line that is not JSON.
FEED_RECORDS: tuple[dict[str, str], ...] = (
    {
        "id": "feed-01",
        "url": "https://www.meridian-post.example/world/guyana-venezuela",
        "title": "Guyana accuses Venezuela of violating its airspace",
        "published": "2023-11-21T09:00:00",
        "text": (
            "Guyana accuses Venezuela of violating its airspace\n\n"
            "GEORGETOWN, Nov 21 - Guyana on Monday accused Venezuela of sending two military "
            "aircraft over its territory without permission, the foreign ministry said in a "
            "statement. Caracas did not comment."
        ),
    },
    {
        "id": "feed-03",
        "url": "https://www.courrier-sahel.example/monde/tchad-aide",
        "title": "Le Tchad demande une aide d'urgence après des inondations",
        "published": "2023-08-30T11:00:00",
        "text": (
            "Le Tchad demande une aide d'urgence après des inondations\n\n"
            "N'Djamena, 30 août (AFP) - Le gouvernement tchadien a demandé mardi à l'ONU une "
            "aide d'urgence pour les sinistrés des inondations qui ont frappé le sud du pays, "
            "a annoncé le ministre de la Communication."
        ),
    },
)
MALFORMED_LINE = '{"id": "feed-02", "text": "Cette ligne est coupée'
# Valid JSON whose text holds a lone surrogate, which no stage after reading can encode.
SURROGATE_LINE = (
    '{"id": "feed-04", "text": "Police in Accra arrested 9 protesters \\ud800 on Monday."}'
)

# The inputs of the messy folder that must be skipped, and a word of the reason for each.
BAD_INPUTS: dict[str, str] = {
    "empty.txt": "empty",
    "photo.bin": "binary",
    "long-story.txt": "too large",
    "es-2023-03-14-ataque-cucuta.txt": "unsupported language",
    "feed.jsonl:2": "invalid JSON",
    "feed.jsonl:4": "cleaning failed",
}


@dataclass
class CliResult:
    code: int
    out: str
    err: str

    def jsonl(self) -> list[dict]:
        return [json.loads(line) for line in self.out.splitlines() if line.strip()]


def invoke(args: Sequence[str], *, stdin: bytes | None = None) -> CliResult:
    """``eventwire ARGS`` in this process, its output captured (usable in any fixture scope)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.ExitStack() as stack:
        stack.enter_context(contextlib.redirect_stdout(out))
        stack.enter_context(contextlib.redirect_stderr(err))
        if stdin is not None:
            stream = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
            stack.enter_context(_swap_stdin(stream))
        code = main(list(args))
    return CliResult(code, out.getvalue(), err.getvalue())


@contextlib.contextmanager
def _swap_stdin(stream: io.TextIOWrapper):
    saved = sys.stdin
    sys.stdin = stream
    try:
        yield
    finally:
        sys.stdin = saved


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    """Run the CLI in-process and return its exit code, stdout and stderr (via capsys)."""

    def run(*args: str, stdin: bytes | None = None) -> CliResult:
        capsys.readouterr()  # drop anything printed before
        if stdin is None:
            code = main(list(args))
        else:
            stream = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
            with _swap_stdin(stream):
                code = main(list(args))
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


def run_process(args: Sequence[str], *, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """``eventwire ARGS`` as a real process (exit codes, worker processes)."""
    return subprocess.run(
        [sys.executable, "-m", "eventwire.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=240,
        check=False,
    )


def copy_stories(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for name in STORY_FILES:
        shutil.copy2(STORIES / name, dest / name)
    return dest


def query(db: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as conn:
        return conn.execute(sql).fetchall()


def bulk_records(n: int = 40) -> list[dict[str, str]]:
    """``n`` distinct short wire items, English and French, for runs of several batches."""
    # A town of its own for each item: stories that differ only by a figure are versions of
    # one story to the near-duplicate detector (an updated toll), not distinct stories.
    cities_en = (
        "Nairobi", "Kampala", "Lagos", "Accra", "Harare", "Lusaka", "Abuja", "Mombasa",
        "Kisumu", "Gulu", "Kano", "Ibadan", "Kumasi", "Tamale", "Bulawayo", "Ndola", "Kitwe",
        "Jos", "Enugu", "Eldoret",
    )  # fmt: skip
    cities_fr = (
        "Bamako", "Niamey", "Ouagadougou", "Conakry", "Lomé", "Cotonou", "Dakar", "Mopti",
        "Gao", "Tombouctou", "Zinder", "Maradi", "Tahoua", "Bobo-Dioulasso", "Kaya", "Kankan",
        "Labé", "Sokodé", "Parakou", "Thiès",
    )  # fmt: skip
    days_en = ("Monday", "Tuesday", "Wednesday", "Thursday")
    days_fr = ("lundi", "mardi", "mercredi", "jeudi")
    records = []
    for i in range(n):
        if i % 2 == 0:
            city, day = cities_en[i // 2 % len(cities_en)], days_en[i % len(days_en)]
            text = (
                f"Police arrest {i + 3} protesters in {city}\n\n"
                f"Police in {city} arrested {i + 3} protesters on {day} during a demonstration "
                "against fuel prices, a police spokesman said. Officers fired tear gas to "
                "disperse the crowd."
            )
        else:
            city, day = cities_fr[i // 2 % len(cities_fr)], days_fr[i % len(days_fr)]
            text = (
                f"{i + 2} morts dans une attaque près de {city}\n\n"
                f"{i + 2} civils ont été tués et {i} autres blessés {day} dans une attaque "
                f"d'hommes armés contre un marché près de {city}, selon les autorités locales."
            )
        records.append({"id": f"bulk-{i:02d}", "published": "2023-06-09T12:00:00", "text": text})
    return records


# --------------------------------------------------------------------------- fixtures
# Test modules are imported by pytest's importlib mode, which cannot import this file, so
# everything they share comes through fixtures.


@pytest.fixture(scope="session")
def stories() -> Path:
    """The folder of fixture stories (read it, never write into it)."""
    return STORIES


@pytest.fixture(scope="session")
def story_files() -> tuple[str, ...]:
    return STORY_FILES


@pytest.fixture(scope="session")
def run_invoke() -> Callable[..., CliResult]:
    return invoke


@pytest.fixture(scope="session")
def run_eventwire() -> Callable[..., subprocess.CompletedProcess]:
    return run_process


@pytest.fixture(scope="session")
def db_query() -> Callable[[Path, str], list[tuple]]:
    return query


@pytest.fixture(scope="session")
def copy_story_folder() -> Callable[[Path], Path]:
    return copy_stories


@pytest.fixture(scope="session")
def bad_inputs() -> dict[str, str]:
    return BAD_INPUTS


@pytest.fixture(scope="session")
def max_bytes() -> int:
    return MAX_BYTES


@pytest.fixture(scope="session")
def feed_records() -> tuple[dict[str, str], ...]:
    return FEED_RECORDS


# --------------------------------------------------------------------------- session data


@pytest.fixture(scope="session")
def messy_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture stories plus one input of every bad kind (see BAD_INPUTS)."""
    folder = copy_stories(tmp_path_factory.mktemp("messy"))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "photo.bin").write_bytes(b"\x00\x01\x02\x03binary\x00\xff" * 64)
    story = (STORIES / "en-2023-05-02-market-bombing.txt").read_text(encoding="utf-8")
    long_story = story + "\n\n".join(["Witnesses described scenes of chaos at the market."] * 90)
    assert len(long_story.encode()) > MAX_BYTES
    (folder / "long-story.txt").write_text(long_story, encoding="utf-8")
    (folder / "es-2023-03-14-ataque-cucuta.txt").write_text(SPANISH, encoding="utf-8")
    lines = [
        json.dumps(FEED_RECORDS[0]),
        MALFORMED_LINE,
        json.dumps(FEED_RECORDS[1]),
        SURROGATE_LINE,
    ]
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def messy_ingest(
    messy_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, CliResult]:
    """``eventwire ingest MESSY --db FILE --max-bytes 4000``, run once; the store is read-only."""
    db = tmp_path_factory.mktemp("messy-db") / "events.duckdb"
    result = invoke(
        ["ingest", str(messy_dir), "--db", str(db), "--max-bytes", str(MAX_BYTES), "--no-progress"]
    )
    return db, result


@pytest.fixture(scope="session")
def bulk_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture stories plus a feed of 40 items: enough for several batches and commits."""
    folder = copy_stories(tmp_path_factory.mktemp("bulk"))
    (folder / "zz-bulk.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in bulk_records()),
        encoding="utf-8",
    )
    return folder


@pytest.fixture(scope="session")
def bulk_export(bulk_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The JSON Lines export of an uninterrupted one-worker ingest of the bulk folder."""
    db = tmp_path_factory.mktemp("bulk-db") / "events.duckdb"
    ingested = invoke(["ingest", str(bulk_dir), "--db", str(db), "--workers", "1", "--no-progress"])
    assert ingested.code == 0, ingested.err
    exported = invoke(["export", "--db", str(db)])
    assert exported.code == 0, exported.err
    return exported.out
