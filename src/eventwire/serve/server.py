"""Running the app with uvicorn, and what ``eventwire serve`` prints before it does."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

import uvicorn

from eventwire.serve import queries
from eventwire.serve.app import create_app
from eventwire.serve.reader import Reader, StoreBusy, StoreMissing


def describe_store(db: str | Path, lock_timeout: float = 10.0) -> str:
    """One line on what the store holds, or why the page will be empty."""
    try:
        with Reader(db, lock_timeout=lock_timeout).connect() as conn:
            if not queries.has_events_table(conn):
                return f"{db} is a DuckDB file but not an eventwire store: nothing to show"
            counts = queries.health(conn)
    except StoreMissing:
        return f"no store at {db} yet: the page stays empty until `eventwire ingest` writes one"
    except StoreBusy:
        return f"{db} is busy (a writer holds it); the page will show it once it is free"
    if counts["events"] == 0:
        return f"{db} holds no events yet: run `eventwire ingest PATH --db {db}`"
    return f"{db}: {counts['events']:,} events from {counts['articles']:,} articles"


def serve(
    db: str | Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    lock_timeout: float = 10.0,
    out: TextIO = sys.stderr,
) -> None:
    """Serve the store until interrupted, after printing the address to open."""
    print(describe_store(db, lock_timeout), file=out)
    shown = f"[{host}]" if ":" in host else host
    print(f"open http://{shown}:{port}/ (API docs at /docs; Ctrl-C stops)", file=out, flush=True)
    config = uvicorn.Config(
        create_app(db, lock_timeout=lock_timeout), host=host, port=port, log_level="warning"
    )
    uvicorn.Server(config).run()
