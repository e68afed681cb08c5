"""`eventwire serve` as a real process: what it prints, and that it answers at that address."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from eventwire.serve.server import describe_store


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_prints_the_address_and_serves_an_empty_store(tmp_path: Path) -> None:
    db = tmp_path / "new.duckdb"
    port = _port()
    server = subprocess.Popen(
        [sys.executable, "-m", "eventwire.cli", "serve", "--db", str(db), "--port", str(port)],
        stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert server.stderr is not None
        first = server.stderr.readline()
        second = server.stderr.readline()
        assert "no store at" in first and "eventwire ingest" in first
        address = re.search(r"open (http://\S+/)", second)
        assert address and address.group(1) == f"http://127.0.0.1:{port}/"
        for _ in range(100):
            try:
                health = httpx.get(f"{address.group(1)}api/health", timeout=5).json()
                break
            except httpx.TransportError:
                time.sleep(0.1)
        assert health["events"] == 0 and "eventwire ingest" in health["message"]
        page = httpx.get(address.group(1), timeout=5)
        assert page.status_code == 200 and "eventwire" in page.text
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_describe_store_counts_events(story_store: Path, tmp_path: Path) -> None:
    assert describe_store(story_store).endswith(": 5 events from 3 articles")
    assert "no store" in describe_store(tmp_path / "absent.duckdb")
