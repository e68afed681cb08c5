"""Short read-only visits to the store file, so that a writer in another process can work.

DuckDB lets one process write a file or several read it, never both at once.  The server
therefore never keeps the file open: each request opens it read-only, runs its queries and
closes it.  Requests served at the same time share one DuckDB instance (DuckDB caches it per
file within a process), so the file is open while any request is in flight and released as
soon as none is.  When a writer (``ingest``, ``watch``) holds the file for a batch, opening
waits and retries, up to ``lock_timeout`` seconds; the writer, opened with ``hold="batch"``,
does the same while a request holds it.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

# Never fetch an extension at run time.
_CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}


class StoreBusy(Exception):
    """The store stayed locked by a writer for longer than the lock timeout."""


class StoreMissing(Exception):
    """There is no store file (yet): the server shows an empty store."""


class Reader:
    """Opens ``path`` read-only for one block at a time."""

    def __init__(self, path: str | Path, *, lock_timeout: float = 10.0) -> None:
        self.path = Path(path)
        self.lock_timeout = lock_timeout

    @contextmanager
    def connect(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-only connection for this block only; retried while a writer holds the file."""
        if not self.path.is_file():
            raise StoreMissing(f"no store at {self.path}")
        deadline = time.monotonic() + self.lock_timeout
        pause = 0.01
        while True:
            try:
                conn = duckdb.connect(str(self.path), read_only=True, config=_CONFIG)
                break
            except duckdb.Error as exc:
                if "lock" not in str(exc).lower() or time.monotonic() + pause > deadline:
                    raise StoreBusy(f"{self.path}: {exc}") from exc
                time.sleep(pause)
                pause = min(pause * 2, 0.25)
        try:
            yield conn
        finally:
            conn.close()
