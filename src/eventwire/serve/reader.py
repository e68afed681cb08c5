"""Short read-only visits to the store file, so that a writer in another process can work.

DuckDB lets one process write a file or several read it, never both at once.  The server
therefore never keeps the file open: each request opens it read-only, runs its queries and
closes it.  Requests served at the same time share one DuckDB instance (DuckDB caches it per
file within a process), so the file is open while any request is in flight and released as
soon as none is, plus a short ``linger`` (a quarter of a second): a page asks for events,
counts and an article one after the other, and opening the file again for each cost more
than its query.  When a writer (``ingest``, ``watch``) holds the file for a batch, opening
waits and retries, up to ``lock_timeout`` seconds; the writer, opened with ``hold="batch"``,
does the same while a request holds it, and says it is waiting (``store.writer_waiting``):
then requests stop taking the file until the writer has had it, so that a steady stream of
requests cannot keep a writer out.
"""

from __future__ import annotations

import atexit
import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from eventwire.store import StoreError, open_duckdb, writer_waiting


class StoreBusy(Exception):
    """The store could not be opened: locked by a writer past the lock timeout, or damaged."""


class StoreMissing(Exception):
    """There is no store file (yet): the server shows an empty store."""


# Readers still keeping a file warm let go of it before the interpreter ends (a DuckDB
# connection finalised after that aborts the process).
_READERS: weakref.WeakSet[Reader] = weakref.WeakSet()


def _release_all() -> None:
    for reader in list(_READERS):
        reader.release()


atexit.register(_release_all)


class Reader:
    """Opens ``path`` read-only for one block at a time."""

    def __init__(
        self, path: str | Path, *, lock_timeout: float = 10.0, linger: float = 0.25
    ) -> None:
        self.path = Path(path)
        self.lock_timeout = lock_timeout
        self.linger = linger
        self._guard = threading.Lock()
        self._warm: duckdb.DuckDBPyConnection | None = None  # keeps the file open a moment
        self._timer: threading.Timer | None = None
        _READERS.add(self)

    @contextmanager
    def connect(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-only connection for this block only; retried while a writer holds the file."""
        if not self.path.is_file():
            raise StoreMissing(f"no store at {self.path}")
        deadline = time.monotonic() + self.lock_timeout
        if writer_waiting(self.path):
            self.release()  # let the writer in first
            while writer_waiting(self.path) and time.monotonic() < deadline:
                time.sleep(0.02)
        try:
            wait = max(0.0, deadline - time.monotonic())
            conn = open_duckdb(self.path, read_only=True, lock_timeout=wait)
        except StoreError as exc:
            raise StoreBusy(str(exc)) from exc
        try:
            yield conn
        finally:
            self._keep_warm()  # before closing: the file is still open, so this is cheap
            conn.close()

    def _keep_warm(self) -> None:
        """Hold the file ``linger`` seconds more (a writer waiting for it retries)."""
        if self.linger <= 0 or writer_waiting(self.path):
            self.release()
            return
        with self._guard:
            if self._warm is None:
                try:
                    self._warm = open_duckdb(self.path, read_only=True)
                except StoreError:
                    return
            if self._timer is not None:
                self._timer.cancel()
            self._timer = threading.Timer(self.linger, self.release)
            self._timer.daemon = True
            self._timer.start()

    def release(self) -> None:
        """Let go of the file now (the server does at shutdown)."""
        with self._guard:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            if self._warm is not None:
                self._warm.close()
                self._warm = None
