"""Serving while another process writes: the server opens the store only per request."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import httpx
import pytest

from eventwire.serve.reader import Reader, StoreBusy, StoreMissing


def test_serving_while_an_ingest_writes(
    bulk_dir: Path, live_server: Callable[..., Any], tmp_path: Path
) -> None:
    db = tmp_path / "events.duckdb"
    statuses: list[int] = []
    totals: list[int] = []
    with (
        live_server(db, lock_timeout=120) as server,
        httpx.Client(base_url=server.url, timeout=180) as http,
    ):
        empty = http.get("/api/events").json()
        assert empty["total"] == 0 and "eventwire ingest" in empty["message"]
        writer = subprocess.Popen(
            [sys.executable, "-m", "eventwire.cli", "ingest", str(bulk_dir), "--db", str(db),
             "--no-progress", "--lock-timeout", "120"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        try:
            while writer.poll() is None:
                response = http.get("/api/health")
                statuses.append(response.status_code)
                if response.status_code == 200:
                    totals.append(response.json()["events"])
                time.sleep(0.05)
            _, err = writer.communicate(timeout=240)
        finally:
            if writer.poll() is None:
                writer.kill()
        assert writer.returncode == 0, err[-3000:]
        reloaded = http.get("/api/events", params={"limit": 1000}).json()
    assert set(statuses) == {200}, statuses  # never an error while the writer worked
    assert len(statuses) > 5
    assert totals == sorted(totals)  # the count only grows
    with duckdb.connect(str(db), read_only=True) as conn:
        stored = conn.execute("SELECT count(*) FROM events WHERE NOT negated").fetchone()[0]
    assert totals[0] == 0 and reloaded["total"] == stored > 0  # new events show on reload
    assert len(reloaded["events"]) == stored


def test_a_held_store_is_waited_for_then_reported_busy(tmp_path: Path) -> None:
    db = tmp_path / "held.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
         "c.execute('CREATE TABLE t (x INT)'); print('held', flush=True); time.sleep(1.5)",
         str(db)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with (
            pytest.raises(StoreBusy, match=r"held\.duckdb"),
            Reader(db, lock_timeout=0.2).connect(),
        ):
            pass
        started = time.monotonic()
        with Reader(db, lock_timeout=30).connect() as conn:  # waits for the holder to exit
            assert conn.execute("SELECT count(*) FROM t").fetchone() == (0,)
        assert time.monotonic() - started > 0.3
    finally:
        holder.kill()
        holder.wait()


def test_a_missing_store_is_reported(tmp_path: Path) -> None:
    with pytest.raises(StoreMissing), Reader(tmp_path / "none.duckdb").connect():
        pass


def test_a_waiting_writer_goes_before_new_requests(tmp_path: Path) -> None:
    db = tmp_path / "events.duckdb"
    duckdb.connect(str(db)).close()
    marker = db.with_name(db.name + ".writer-waiting")
    marker.touch()  # a writer says it is waiting for the file
    threading.Timer(0.6, marker.unlink).start()  # ...and has had its turn 0.6 s later
    started = time.monotonic()
    with Reader(db, lock_timeout=30).connect():
        waited = time.monotonic() - started
    assert waited > 0.4


def test_a_stale_marker_is_ignored(tmp_path: Path) -> None:
    db = tmp_path / "events.duckdb"
    duckdb.connect(str(db)).close()
    marker = db.with_name(db.name + ".writer-waiting")
    marker.touch()
    old = time.time() - 60
    os.utime(marker, (old, old))  # a writer that died while it waited
    started = time.monotonic()
    with Reader(db, lock_timeout=30).connect():
        assert time.monotonic() - started < 0.4
