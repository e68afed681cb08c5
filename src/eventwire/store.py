"""The embedded store: articles, their events and every input seen, in one DuckDB file.

No server: the file is the database.  DuckDB lets one process write a file, or several
processes read it, never both at once.  A store opened with ``hold="batch"`` holds the file
only while a batch is written or a query runs, so that a writer (``ingest``, ``watch``) and
readers (``serve``, ``export``) can take turns; ``lock_timeout`` is how long opening waits
for the other side to let go before a :class:`StoreError` says the file is in use.

The schema lives in numbered SQL files (``eventwire/sql/001_initial.sql``, ``002_*.sql`` ...)
applied in order, each in its own transaction, when a store is opened for writing; the
``schema_version`` table records which ones ran.

Writes go through a buffer that is flushed as Arrow tables, so that thousands of articles
cost a few bulk inserts rather than one round trip per row.  Each :meth:`Store.add` is one
transaction unless it runs inside :meth:`Store.batch`, which makes the whole batch one.
"""

from __future__ import annotations

import contextlib
import json
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import duckdb

from eventwire import __version__
from eventwire.records import Article, Event, event_from_dict, event_id, to_dict

SCHEMA_VERSION: int = 6  # the highest migration in eventwire/sql (a test keeps them in step)

# How the evidence sentences of one event are joined into a single text column.
EVIDENCE_JOINER = " | "

# Article metadata that travels with each event in exports.
ARTICLE_META: tuple[str, ...] = ("id", "title", "publisher", "published", "url", "source", "lang")

# Never fetch an extension at run time (DuckDB would try to, e.g. on opening a SQLite file).
_CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}
_DUCKDB_MAGIC = b"DUCK"  # bytes 8-12 of every DuckDB file
_MIGRATION_FILE = re.compile(r"^(\d+)_[A-Za-z0-9_]+\.sql$")
_FLUSH_EVERY = 2000  # articles buffered inside a batch before they are written
_PAGE = 500  # articles read per query when iterating
_FEW_ROWS = 16  # up to this many rows, a VALUES insert beats registering an Arrow table
HOLDS = ("open", "batch")  # keep the file open from open to close, or only while it is used

# Column name -> kind, for building the Arrow tables that are bulk-inserted.
_ARTICLE_COLUMNS: dict[str, str] = {
    "id": "str", "stored_seq": "int", "stored_at": "ts", "text": "str", "title": "str",
    "body_start": "int", "publisher": "str", "published": "str", "section": "str",
    "authors": "list", "editors": "list", "url": "str", "source": "str", "source_id": "str",
    "lang": "str", "lang_score": "float", "warnings": "list",
}  # fmt: skip
_EVENT_COLUMNS: dict[str, str] = {
    "id": "str", "article_id": "str", "seq": "int", "article_seq": "int", "type": "str",
    "mode": "str", "contexts": "list", "cameo": "str", "actor": "str", "recipient": "str",
    "actor_text": "list", "actor_country": "list", "actor_sector": "list",
    "recipient_text": "list", "recipient_country": "list", "recipient_sector": "list",
    "location_name": "str", "location_canonical": "str", "location_country": "str",
    "location_admin1": "str", "lat": "float", "lon": "float", "geonames_id": "int",
    "location_precision": "str", "date": "str", "date_precision": "str", "date_end": "str",
    "dead": "int", "injured": "int", "arrested": "int", "qualifiers": "str",
    "negated": "bool", "hypothetical": "bool", "accidental": "bool", "reported_by": "str",
    "evidence": "str", "evidence_text": "str", "confidence": "float", "reasons": "str",
    "coder_version": "str", "data_version": "str", "spacy_version": "str",
    "gazetteer_version": "str", "record": "str",
}  # fmt: skip
_SOURCE_COLUMNS: dict[str, str] = {
    "raw_hash": "str", "source": "str", "article_id": "str", "status": "str", "reason": "str",
    "seen_at": "ts",
}  # fmt: skip
# A later sighting of an input only replaces a 'skipped' one (a stored input stays stored).
_SOURCE_UPSERT = (
    "ON CONFLICT (raw_hash) DO UPDATE SET source = excluded.source, "
    "article_id = excluded.article_id, status = excluded.status, reason = excluded.reason, "
    "seen_at = excluded.seen_at WHERE sources.status = 'skipped'"
)
# Article fields kept as columns (text and events are handled apart).
_ARTICLE_FIELDS: tuple[str, ...] = (
    "id", "title", "body_start", "publisher", "published", "section", "authors", "editors",
    "url", "source", "source_id", "lang", "lang_score", "warnings",
)  # fmt: skip

# The watcher's tables (sql/003_watch.sql), read and written by the block at the end of Store.
_WATCH_FEED_FIELDS: tuple[str, ...] = (
    "url", "title", "etag", "last_modified", "body_hash", "polled_at", "ok_at", "failures",
    "last_error", "next_poll_at",
)  # fmt: skip
_WATCH_ITEM_FIELDS: tuple[str, ...] = (
    "key", "feed_url", "url", "title", "published", "status", "attempts", "reason",
    "content_hash", "article_id", "first_seen", "next_try_at", "done_at",
)  # fmt: skip
_WATCH_ITEM_UPDATABLE = frozenset(
    {"status", "attempts", "reason", "content_hash", "article_id", "next_try_at", "done_at"}
)


class StoreError(Exception):
    """A store that cannot be opened, read or written as asked."""


class StoreBusyError(StoreError):
    """Another process held the store file for longer than the lock timeout."""


@dataclass(frozen=True)
class Migration:
    """One numbered SQL file of the schema."""

    version: int
    name: str
    sql: str


def load_migrations(folder: str | Path | Traversable | None = None) -> list[Migration]:
    """The migrations in ``folder`` (default: the packaged ones), checked and in order."""
    root: Traversable | Path = (
        resources.files("eventwire") / "sql" if folder is None else Path(folder)
    )
    found: dict[int, Migration] = {}
    for entry in root.iterdir():
        if not entry.name.endswith(".sql"):
            continue
        match = _MIGRATION_FILE.match(entry.name)
        if match is None:
            raise StoreError(f"migration file {entry.name!r} is not named NNN_name.sql")
        version = int(match.group(1))
        if version in found:
            raise StoreError(
                f"two migrations numbered {version}: {found[version].name}, {entry.name}"
            )
        found[version] = Migration(version, entry.name, entry.read_text(encoding="utf-8"))
    versions = sorted(found)
    if versions != list(range(1, len(versions) + 1)):
        raise StoreError(f"migrations must be numbered 1, 2, 3 ... without gaps; found {versions}")
    return [found[v] for v in versions]


@dataclass
class _Pending:
    """Rows staged for the next flush."""

    articles: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)
    article_ids: set[str] = field(default_factory=set)
    # Rows of other stages' tables (table -> its columns, the insert's suffix, rows by key).
    extra: dict[str, tuple[dict[str, str], str, dict[Any, dict[str, Any]]]] = field(
        default_factory=dict
    )

    def __bool__(self) -> bool:
        return bool(
            self.articles or self.events or self.sources or any(e[2] for e in self.extra.values())
        )

    def clear(self) -> None:
        self.articles.clear()
        self.events.clear()
        self.sources.clear()
        self.article_ids.clear()
        self.extra.clear()

    def stage_source(self, row: dict[str, Any]) -> None:
        old = self.sources.get(row["raw_hash"])
        if old is None or old["status"] == "skipped":
            self.sources[row["raw_hash"]] = row


class Store:
    """An eventwire store in one DuckDB file (or ``":memory:"``).

    ``keep_text=False`` makes an "evidence only" store: article texts are not kept, events
    keep their evidence sentences, and recoding is impossible.  The choice is recorded when
    the store is created; ``None`` (the default) follows it, and asking for the other one
    later is an error.  ``migrations`` points to another folder of NNN_name.sql files (tests).

    ``hold="open"`` (the default) keeps the DuckDB file open until :meth:`close`;
    ``hold="batch"`` opens it for each batch and each read and closes it after, so that other
    processes can use the file in between.  Opening waits up to ``lock_timeout`` seconds
    while another process holds the file.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        keep_text: bool | None = None,
        read_only: bool = False,
        migrations: str | Path | None = None,
        hold: str = "open",
        lock_timeout: float = 0.0,
    ) -> None:
        if hold not in HOLDS:
            raise ValueError(f"hold must be one of {', '.join(HOLDS)}, not {hold!r}")
        self.path = Path(path)
        self.read_only = read_only
        self.hold = "open" if str(path) == ":memory:" else hold  # memory lives with its handle
        self.lock_timeout = lock_timeout
        self._migrations = load_migrations(migrations)
        self._pending = _Pending()
        self._in_batch = False
        self._failed = False  # a statement failed inside the open batch
        self._writes = 0  # see `writes`
        self._closed = False
        self._conn: duckdb.DuckDBPyConnection | None = open_duckdb(
            self.path, read_only, lock_timeout
        )
        try:
            self._version = self._prepare_schema()
            self._keep_text = self._settle_keep_text(keep_text)
        except BaseException:
            self.close()
            raise
        if self.hold == "batch":
            self._release()

    # -- opening -----------------------------------------------------------------------

    def _prepare_schema(self) -> int:
        """Apply pending migrations (or check there are none when read-only)."""
        tables = {row[0] for row in self._sql(_TABLES_QUERY)}
        if "schema_version" in tables:
            row = self._one("SELECT coalesce(max(version), 0) FROM schema_version")
            current = int(row[0]) if row else 0
        elif tables:
            raise StoreError(f"{self.path} is a DuckDB database but not an eventwire store")
        else:
            current = 0
        latest = self._migrations[-1].version if self._migrations else 0
        if current > latest:
            raise StoreError(
                f"{self.path} was written by a newer eventwire (schema version {current}; "
                f"this one knows up to {latest}): upgrade eventwire to open it"
            )
        pending = [m for m in self._migrations if m.version > current]
        if pending and self.read_only:
            if current == 0:
                raise StoreError(f"{self.path} is not an eventwire store (no tables)")
            raise StoreError(
                f"{self.path} has schema version {current} and needs upgrading to {latest}: "
                "open it once without read_only"
            )
        for migration in pending:
            self._apply(migration)
            current = migration.version
        return current

    def _apply(self, migration: Migration) -> None:
        conn = self._connection
        try:
            conn.execute("BEGIN TRANSACTION").fetchall()
            conn.execute(_BOOTSTRAP).fetchall()
            conn.execute(migration.sql).fetchall()
            conn.execute(
                "INSERT INTO schema_version VALUES (?, ?, ?)",
                [migration.version, migration.name, _now()],
            ).fetchall()
            conn.execute("COMMIT").fetchall()
        except duckdb.Error as exc:
            _rollback_quietly(conn)
            raise StoreError(f"migration {migration.name} failed on {self.path}: {exc}") from exc

    def _settle_keep_text(self, keep_text: bool | None) -> bool:
        row = self._one("SELECT value FROM meta WHERE key = 'keep_text'")
        if row is None:
            chosen = True if keep_text is None else keep_text
            if not self.read_only:
                self._sql(
                    "INSERT INTO meta VALUES ('keep_text', ?), ('created_with', ?)",
                    [_bool_text(chosen), f"eventwire {__version__}"],
                )
            return chosen
        recorded = row[0] == "true"
        if keep_text is not None and keep_text != recorded and not self.read_only:
            kind = "keeps article texts" if recorded else "is evidence only (keep_text=False)"
            raise StoreError(
                f"{self.path} {kind}; open it with keep_text={recorded} or leave keep_text unset"
            )
        return recorded

    # -- basic properties and lifetime -----------------------------------------------------

    @property
    def schema_version(self) -> int:
        """The schema version of the open database."""
        return self._version

    @property
    def keep_text(self) -> bool:
        """Whether article texts are kept (False: evidence only)."""
        return self._keep_text

    def close(self) -> None:
        """Close the database; a batch still open is rolled back."""
        self._closed = True
        if self._conn is None:
            return
        if self._in_batch:
            _rollback_quietly(self._conn)
            self._pending.clear()
        self._release()

    def _release(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            conn.close()

    @contextmanager
    def _session(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """The open connection, or (``hold="batch"``) one opened for this block only."""
        if self._closed:
            raise StoreError(f"store {self.path} is closed")
        if self._conn is not None:
            yield self._conn
            return
        self._conn = open_duckdb(self.path, self.read_only, self.lock_timeout)
        try:
            yield self._conn
        finally:
            self._release()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def _connection(self) -> duckdb.DuckDBPyConnection:
        if self._conn is None:
            state = "closed" if self._closed else "not open outside a batch (hold='batch')"
            raise StoreError(f"store {self.path} is {state}")
        return self._conn

    def _sql(self, query: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
        """Run one statement and fetch all its rows (DuckDB wants results finished before
        other work on the connection); a database error becomes a StoreError and dooms the
        open batch."""
        with self._session() as conn:
            try:
                return conn.execute(query, params).fetchall()
            except duckdb.Error as exc:
                if self._in_batch:
                    self._failed = True
                raise StoreError(f"{self.path}: {exc}") from exc

    def _one(self, query: str, params: list[Any] | None = None) -> tuple[Any, ...] | None:
        rows = self._sql(query, params)
        return rows[0] if rows else None

    def execute(self, query: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
        """One statement of a stage that keeps its own tables (``eventwire.incidents``): in
        the open batch, after the rows staged so far, so that it sees them."""
        self._flush_in_batch()
        self._writes += 1
        return self._sql(query, params)

    @property
    def writes(self) -> int:
        """Grows with every event that may change what is written (a batch begun, staged rows
        written, an :meth:`execute`): a stage that keeps what it read with :meth:`query`
        compares it to know when to read again."""
        return self._writes

    def query(self, query: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
        """A read that does not need the rows staged in the open batch (they are not written
        first: the caller looks at :meth:`staged` itself).  Much cheaper per call inside a
        batch than :meth:`execute`, which writes the staged rows out before it runs."""
        return self._sql(query, params)

    def stage(
        self,
        table: str,
        columns: dict[str, str],
        key: Any,
        row: dict[str, Any],
        suffix: str = "",
    ) -> bool:
        """Stage a row of another stage's table, written with the batch's rows in one insert
        per table (``columns``: name -> kind as for the store's own tables; ``suffix``: e.g.
        an ON CONFLICT clause).  False when a row with this key is staged already."""
        self._check_writable()
        if not self._in_batch:
            raise StoreError("rows are staged inside a batch (Store.batch)")
        rows = self._pending.extra.setdefault(table, (columns, suffix, {}))[2]
        if key in rows:
            return False
        rows[key] = _checked(table, row, columns)
        return True

    def staged(self, table: str) -> dict[Any, dict[str, Any]]:
        """The rows of ``table`` staged in the open batch and not written yet, by key."""
        entry = self._pending.extra.get(table)
        return entry[2] if entry else {}

    def staged_article(self, article_id: str) -> dict[str, Any] | None:
        """The row of an article added in the open batch and not written yet."""
        if article_id not in self._pending.article_ids:
            return None
        return next((r for r in self._pending.articles if r["id"] == article_id), None)

    def add_duplicate_source(
        self, raw_hash: str, source: str | None, article_id: str, reason: str
    ) -> None:
        """Remember an input that repeats a stored article (found by another stage), so that
        a re-run skips it."""
        with self._write():
            self._pending.stage_source(
                _source_row(raw_hash, source, article_id, "duplicate", reason, _now())
            )

    # -- transactions ------------------------------------------------------------------

    @contextmanager
    def batch(self) -> Iterator[Store]:
        """One transaction around many writes: all of them are stored, or none.

        An exception leaving the block rolls back this batch only (earlier batches stay).
        With ``hold="batch"`` the file is opened for the batch and closed after it.
        """
        self._check_writable()
        if self._in_batch:
            raise StoreError("batches do not nest")
        with self._session():
            yield from self._transaction()

    def _transaction(self) -> Iterator[Store]:
        self._sql("BEGIN TRANSACTION")
        self._writes += 1  # other processes may have written since the last batch
        self._in_batch = True
        try:
            yield self
            self._flush()
        except BaseException:
            self._pending.clear()
            if self._conn is not None:  # close() inside the batch has rolled back already
                _rollback_quietly(self._conn)
            raise
        else:
            if self._failed:
                # DuckDB would turn the COMMIT of a failed transaction into a silent rollback.
                _rollback_quietly(self._connection)
                raise StoreError("batch rolled back: a statement inside it failed")
            try:
                self._connection.execute("COMMIT").fetchall()
            except duckdb.Error as exc:
                _rollback_quietly(self._connection)
                raise StoreError(f"{self.path}: could not commit: {exc}") from exc
        finally:
            self._in_batch = False
            self._failed = False

    @contextmanager
    def _write(self) -> Iterator[None]:
        """Join the open batch, or make the write its own transaction."""
        self._check_writable()
        if self._in_batch:
            if self._failed:
                raise StoreError("an earlier write in this batch failed; the batch is void")
            yield
            return
        with self.batch():
            yield

    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.path} was opened read-only")
        if self._closed:
            raise StoreError(f"store {self.path} is closed")

    # -- writing -----------------------------------------------------------------------

    def has_source(self, raw_hash: str) -> bool:
        """Whether this exact input was already stored (or found to repeat a stored article).

        Skipped inputs are remembered with their reason but not counted here, so that a
        later run, perhaps with a better reader, tries them again.
        """
        staged = self._pending.sources.get(raw_hash)
        if staged is not None:
            return staged["status"] != "skipped"
        row = self._one(
            "SELECT 1 FROM sources WHERE raw_hash = ? AND status <> 'skipped'", [raw_hash]
        )
        return row is not None

    def known_sources(self, raw_hashes: list[str]) -> set[str]:
        """The hashes among these that :meth:`has_source` would answer True for, in one query
        (one opening of the file with ``hold="batch"``)."""
        known = {h for h in raw_hashes if h in self._pending.sources}
        known = {h for h in known if self._pending.sources[h]["status"] != "skipped"}
        rest = [h for h in raw_hashes if h not in self._pending.sources]
        if rest:
            rows = self._sql(
                "SELECT raw_hash FROM sources WHERE status <> 'skipped' "
                "AND list_contains(?, raw_hash)",
                [rest],
            )
            known.update(row[0] for row in rows)
        return known

    def has_article(self, article_id: str) -> bool:
        """Whether an article with this id is stored."""
        if article_id in self._pending.article_ids:
            return True
        return self._one("SELECT 1 FROM articles WHERE id = ?", [article_id]) is not None

    def add(
        self, article: Article, *, raw_hash: str | None = None, source: str | None = None
    ) -> bool:
        """Store an article and its events; False (nothing new stored) if its id is known.

        ``raw_hash`` (of the input's bytes) and ``source`` (default: ``article.source``) are
        recorded either way, so that a re-run can skip the input with :meth:`has_source`.
        """
        if not isinstance(article.id, str) or not article.id:
            raise StoreError("an article needs a non-empty id to be stored")
        with self._write():
            now = _now()
            where = source if source is not None else article.source
            if self.has_article(article.id):
                if raw_hash is not None:
                    self._pending.stage_source(
                        _source_row(raw_hash, where, article.id, "duplicate", None, now)
                    )
                return False
            row = _checked("articles", self._article_row(article, now), _ARTICLE_COLUMNS)
            events = self._event_rows(article.id, None, article.events)  # may raise: stage after
            self._pending.articles.append(row)
            self._pending.events.extend(events)
            self._pending.article_ids.add(article.id)
            if raw_hash is not None:
                self._pending.stage_source(
                    _source_row(raw_hash, where, article.id, "stored", None, now)
                )
            if len(self._pending.articles) >= _FLUSH_EVERY:
                self._flush()
            return True

    def add_skip(self, raw_hash: str | None, source: str, reason: str) -> None:
        """Remember an input that was not stored, and why (counted by :meth:`counts`).

        Without a hash (an unreadable input), the source itself is the key.
        """
        key = raw_hash if raw_hash is not None else f"source:{source}"
        with self._write():
            self._pending.stage_source(_source_row(key, source, None, "skipped", reason, _now()))

    def replace_events(self, article_id: str, events: list[Event]) -> None:
        """Replace all events of a stored article (a recode), atomically."""
        with self._write():
            self._flush()
            row = self._one("SELECT stored_seq FROM articles WHERE id = ?", [article_id])
            if row is None:
                raise StoreError(f"no article {article_id!r} in {self.path}")
            rows = self._event_rows(article_id, int(row[0]), events)  # may raise: delete after
            self._sql("DELETE FROM events WHERE article_id = ?", [article_id])
            self._insert("events", _EVENT_COLUMNS, rows)

    def _article_row(self, article: Article, now: datetime) -> dict[str, Any]:
        row = {name: getattr(article, name) for name in _ARTICLE_FIELDS}
        for name in ("authors", "editors", "warnings"):
            value = row[name]
            if value is None or isinstance(value, tuple):
                row[name] = list(value or [])  # anything else but a list is refused by _checked
        row["text"] = article.text if self._keep_text else None
        row["stored_at"] = now
        row["stored_seq"] = None  # given at flush time
        return row

    def _event_rows(
        self, article_id: str, article_seq: int | None, events: list[Event]
    ) -> list[dict[str, Any]]:
        """Rows for an article's events, with ids filled in; raises before anything is written."""
        rows: list[dict[str, Any]] = []
        seen: set[str] = set()
        for seq, event in enumerate(events):
            if not isinstance(event.type, str) or not event.type:
                raise StoreError(f"event {seq} of article {article_id} has no type")
            if event.article_id and event.article_id != article_id:
                raise StoreError(
                    f"event {event.id or seq} says it belongs to article {event.article_id}, "
                    f"not {article_id}"
                )
            data = to_dict(event)
            data["article_id"] = article_id
            data["id"] = event.id or event_id(article_id, event)
            if data["id"] in seen:
                raise StoreError(f"article {article_id} has two events with id {data['id']}")
            seen.add(data["id"])
            try:
                row = _event_row(data, seq, article_seq)
            except (AttributeError, KeyError, TypeError) as exc:  # a malformed nested record
                raise StoreError(f"event {data['id']} of article {article_id}: {exc!r}") from exc
            rows.append(_checked("events", row, _EVENT_COLUMNS))
        return rows

    def _flush(self) -> None:
        """Write the staged rows (inside the open transaction)."""
        pending = self._pending
        if not pending:
            return
        self._writes += 1
        if pending.articles:
            top = self._one("SELECT coalesce(max(stored_seq), 0) FROM articles")
            base = int(top[0]) if top else 0
            seqs: dict[str, int] = {}
            for offset, row in enumerate(pending.articles, start=1):
                row["stored_seq"] = seqs[row["id"]] = base + offset
            for row in pending.events:
                row["article_seq"] = seqs[row["article_id"]]
        self._insert("articles", _ARTICLE_COLUMNS, pending.articles)
        self._insert("events", _EVENT_COLUMNS, pending.events)
        self._insert("sources", _SOURCE_COLUMNS, list(pending.sources.values()), _SOURCE_UPSERT)
        for table, (columns, suffix, rows) in pending.extra.items():
            self._insert(table, columns, list(rows.values()), suffix)
        pending.clear()

    def _insert(
        self, table: str, columns: dict[str, str], rows: list[dict[str, Any]], suffix: str = ""
    ) -> None:
        """Insert rows in one statement: plain VALUES for a few, an Arrow table for many."""
        if not rows:
            return
        if len(rows) <= _FEW_ROWS:
            names = list(columns)
            marks = "(" + ", ".join("?" * len(names)) + ")"
            self._sql(
                f"INSERT INTO {table} ({', '.join(names)}) VALUES "
                + ", ".join([marks] * len(rows))
                + f" {suffix}",
                [row[name] for row in rows for name in names],
            )
            return
        import pyarrow as pa  # imported here: only bulk writes pay for it

        types = {
            "str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(),
            "list": pa.list_(pa.string()), "ts": pa.timestamp("us"),
            "ulist": pa.list_(pa.uint64()),
        }  # fmt: skip
        try:
            data = pa.table(
                {
                    name: pa.array([r[name] for r in rows], type=types[kind])
                    for name, kind in columns.items()
                }
            )
        except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:  # _checked() should prevent this
            if self._in_batch:
                self._failed = True
            raise StoreError(f"cannot store a {table} row: {exc}") from exc
        view = f"_eventwire_new_{table}"
        self._connection.register(view, data)
        try:
            self._sql(f"INSERT INTO {table} BY NAME SELECT * FROM {view} {suffix}")
        finally:
            with contextlib.suppress(duckdb.Error):  # fails in an aborted transaction; harmless
                self._connection.unregister(view)

    # -- reading -----------------------------------------------------------------------

    def iter_articles(self) -> Iterator[Article]:
        """Every article with its text and events, in insertion order.

        Raises StoreError at once in an evidence-only store: there is no text to recode.
        """
        if not self._keep_text:
            raise StoreError(
                f"{self.path} keeps evidence only (keep_text=False): article texts were not "
                "kept, so articles cannot be read back or recoded"
            )
        self._flush_in_batch()
        return self._articles()

    def _articles(self) -> Iterator[Article]:
        columns = ("text", *_ARTICLE_FIELDS)
        query = (
            f"SELECT {', '.join(columns)} FROM articles "
            "WHERE stored_seq BETWEEN ? AND ? ORDER BY stored_seq"
        )
        for lo, hi in self._windows():
            rows = self._sql(query, [lo, hi])
            if not rows:
                continue
            events: dict[str, list[Event]] = {}
            for art_id, record in self._sql(
                "SELECT article_id, record FROM events WHERE article_seq BETWEEN ? AND ? "
                "ORDER BY article_seq, seq",
                [lo, hi],
            ):
                events.setdefault(art_id, []).append(event_from_dict(json.loads(record)))
            for row in rows:
                data = dict(zip(columns, row, strict=True))
                if data["text"] is None:
                    raise StoreError(f"article {data['id']} in {self.path} has no text")
                for name in ("authors", "editors", "warnings"):
                    data[name] = list(data[name] or [])
                yield Article(**data, events=events.get(data["id"], []))

    def iter_events(self) -> Iterator[Event]:
        """Every event, by article insertion order then order within the article."""
        for event, _ in self.iter_events_with_article():
            yield event

    def iter_events_with_article(
        self, *, include_negated: bool = True, where: tuple[str, list[Any]] | None = None
    ) -> Iterator[tuple[Event, dict[str, Any]]]:
        """Every event with its article's metadata (the keys of ARTICLE_META), in order.

        ``where`` is a further condition over ``events e`` with the values of its ``?``
        placeholders, as ``eventwire.query.where_clause(query, alias="e")`` builds it.
        """
        self._flush_in_batch()
        meta = ", ".join(f"a.{name}" for name in ARTICLE_META)
        negated = "" if include_negated else "AND NOT e.negated"
        condition, params = where or ("TRUE", [])
        query = (
            f"SELECT e.record, e.incident_id, {meta} FROM events e "
            "JOIN articles a ON a.id = e.article_id "
            f"WHERE e.article_seq BETWEEN ? AND ? AND a.stored_seq BETWEEN ? AND ? {negated} "
            f"AND ({condition}) ORDER BY e.article_seq, e.seq"
        )
        for lo, hi in self._windows():
            for record, incident, *values in self._sql(query, [lo, hi, lo, hi, *params]):
                event = event_from_dict(json.loads(record))
                event.incident_id = incident  # grouped after the record was stored
                yield event, dict(zip(ARTICLE_META, values, strict=True))

    def _windows(self) -> Iterator[tuple[int, int]]:
        """Ranges of stored_seq to read page by page (cheap thanks to DuckDB's zone maps)."""
        top = self._one("SELECT coalesce(max(stored_seq), 0) FROM articles")
        last = int(top[0]) if top else 0
        for lo in range(1, last + 1, _PAGE):
            yield lo, min(lo + _PAGE - 1, last)

    def _flush_in_batch(self) -> None:
        # Reads inside a batch see what the batch has added so far.
        if self._in_batch and not self._failed:
            self._flush()

    def counts(self) -> dict[str, Any]:
        """Articles, events, events by type, negated events and inputs seen by status."""
        self._flush_in_batch()
        articles = self._scalar("SELECT count(*) FROM articles")
        events = self._scalar("SELECT count(*) FROM events")
        negated = self._scalar("SELECT count(*) FROM events WHERE negated")
        by_type = dict(self._sql("SELECT type, count(*) FROM events GROUP BY type ORDER BY type"))
        sources = dict(
            self._sql("SELECT status, count(*) FROM sources GROUP BY status ORDER BY status")
        )
        reasons = dict(
            self._sql(
                "SELECT reason, count(*) FROM sources WHERE status = 'skipped' "
                "GROUP BY reason ORDER BY count(*) DESC, reason"
            )
        )
        return {
            "articles": articles,
            "events": events,
            "events_by_type": by_type,
            "negated": negated,
            "sources": sources,
            "skip_reasons": reasons,
            "keep_text": self._keep_text,
        }

    def _scalar(self, query: str) -> int:
        row = self._one(query)
        return int(row[0]) if row else 0

    # -- watch state (eventwire.watch; sql/003_watch.sql) --------------------------------
    # The watcher's memory of feeds and items, kept apart from the articles above.  Each
    # write joins the open batch, so an item is marked done with its article, atomically.

    def watch_feeds(self, urls: list[str]) -> dict[str, dict[str, Any]]:
        """The saved state of these feeds, by URL (a feed never polled is absent)."""
        names = ", ".join(_WATCH_FEED_FIELDS)
        rows = self._sql(f"SELECT {names} FROM watch_feeds WHERE list_contains(?, url)", [urls])
        return {row[0]: dict(zip(_WATCH_FEED_FIELDS, row, strict=True)) for row in rows}

    def save_watch_feed(self, state: dict[str, Any]) -> None:
        """Insert or replace one feed's state (the columns of watch_feeds; url required)."""
        names = [n for n in _WATCH_FEED_FIELDS if n in state]
        updates = ", ".join(f"{n} = excluded.{n}" for n in names if n != "url")
        with self._write():
            self._sql(
                f"INSERT INTO watch_feeds ({', '.join(names)}) "
                f"VALUES ({', '.join('?' * len(names))}) ON CONFLICT (url) DO UPDATE SET {updates}",
                [state[n] for n in names],
            )

    def add_watch_items(self, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Record feed items (key, feed_url, url, title, published) as pending, leaving out
        those whose key or page URL is already known; returns the ones added."""
        if not items:
            return []
        with self._write():
            known = self._sql(
                "SELECT key, url FROM watch_items WHERE list_contains(?, key) "
                "OR list_contains(?, url)",
                [[i["key"] for i in items], [i["url"] for i in items]],
            )
            keys = {row[0] for row in known}
            urls = {row[1] for row in known}
            now = _now()
            added: list[dict[str, Any]] = []
            for item in items:
                if item["key"] in keys or item["url"] in urls:
                    continue
                keys.add(item["key"])
                urls.add(item["url"])
                added.append({**item, "status": "pending", "attempts": 0, "first_seen": now})
            names = ("key", "feed_url", "url", "title", "published", "status", "attempts",
                     "first_seen")  # fmt: skip
            marks = "(" + ", ".join("?" * len(names)) + ")"
            for start in range(0, len(added), 200):
                chunk = added[start : start + 200]
                self._sql(
                    f"INSERT INTO watch_items ({', '.join(names)}) VALUES "
                    + ", ".join([marks] * len(chunk)),
                    [row.get(n) for row in chunk for n in names],
                )
        return added

    def watch_items_due(self, limit: int = 1000) -> list[dict[str, Any]]:
        """Pending items whose time has come, oldest first."""
        names = ", ".join(_WATCH_ITEM_FIELDS)
        rows = self._sql(
            f"SELECT {names} FROM watch_items WHERE status = 'pending' "
            "AND (next_try_at IS NULL OR next_try_at <= ?) "
            "ORDER BY first_seen, feed_url, key LIMIT ?",
            [_now(), limit],
        )
        return [dict(zip(_WATCH_ITEM_FIELDS, row, strict=True)) for row in rows]

    def update_watch_item(self, key: str, **values: Any) -> None:
        """Set columns of one item (status, attempts, reason, content_hash, article_id,
        next_try_at, done_at)."""
        unknown = set(values) - _WATCH_ITEM_UPDATABLE
        if unknown:
            raise StoreError(f"watch_items has no updatable column {sorted(unknown)}")
        names = sorted(values)
        with self._write():
            self._sql(
                f"UPDATE watch_items SET {', '.join(f'{n} = ?' for n in names)} WHERE key = ?",
                [*(values[n] for n in names), key],
            )

    def watch_item_counts(self) -> dict[str, int]:
        """Items seen by the watcher, by status."""
        rows = self._sql("SELECT status, count(*) FROM watch_items GROUP BY status")
        return {str(status): int(n) for status, n in rows}


# -- helpers -------------------------------------------------------------------------------

_TABLES_QUERY = (
    "SELECT table_name FROM duckdb_tables() "
    "WHERE database_name = current_database() AND NOT temporary"
)
_BOOTSTRAP = (
    "CREATE TABLE IF NOT EXISTS schema_version ("
    "version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)"
)


# A writer that finds the file held by readers says so in a file beside it, so that readers
# (``serve``) stop taking the file until it has had its turn: else a steady stream of reads
# could keep it waiting for ever.  A marker not refreshed for this long is stale (a writer
# that died while it waited).
WAITING_SUFFIX = ".writer-waiting"
WAITING_FRESH_S = 2.0


def waiting_marker(path: Path) -> Path:
    return path.with_name(path.name + WAITING_SUFFIX)


def writer_waiting(path: Path) -> bool:
    """Whether a writer is waiting for this store file (its marker is fresh)."""
    try:
        age = time.time() - waiting_marker(path).stat().st_mtime
    except OSError:
        return False
    return age < WAITING_FRESH_S


def open_duckdb(
    path: Path, read_only: bool, lock_timeout: float = 0.0
) -> duckdb.DuckDBPyConnection:
    """Open the file, turning DuckDB's errors into ones that say what went wrong.

    While another process holds a conflicting lock (a writer, or readers when we write),
    try again with a growing pause for up to ``lock_timeout`` seconds; a writer that waits
    says so (:func:`writer_waiting`).
    """
    in_memory = str(path) == ":memory:"
    if not in_memory:
        if path.is_dir():
            raise StoreError(f"{path} is a directory, not a store file")
        if path.exists() and path.stat().st_size < 12:
            _check_duckdb_file(path)  # DuckDB would take an empty file for a new database
        elif not path.exists() and read_only:
            raise StoreError(f"no store at {path}")
    deadline = time.monotonic() + lock_timeout
    pause = 0.02
    marker = None if in_memory or read_only else waiting_marker(path)
    try:
        while True:
            try:
                return duckdb.connect(str(path), read_only=read_only, config=_CONFIG)
            except duckdb.ConnectionException as exc:
                raise StoreError(
                    f"{path} is already open in this process with other settings "
                    f"(read_only={read_only} asked): {exc}"
                ) from exc
            except duckdb.Error as exc:
                if "lock" not in str(exc).lower():
                    # The header is read only now: closing any descriptor of the file drops
                    # the locks this process holds on it (POSIX), a warm reader's included.
                    if not in_memory and path.is_file():
                        _check_duckdb_file(path)
                    raise StoreError(f"cannot open store {path}: {exc}") from exc
                left = deadline - time.monotonic()
                if left <= 0:
                    waited = f" (waited {lock_timeout:g} s)" if lock_timeout else ""
                    raise StoreBusyError(
                        f"{path} is in use by another process{waited}: DuckDB lets one "
                        f"process write a file or several read it, not both at once: {exc}"
                    ) from exc
                if marker is not None:
                    with contextlib.suppress(OSError):
                        marker.touch()
                time.sleep(min(pause, left))
                pause = min(pause * 2, 0.5)
    finally:
        if marker is not None:
            with contextlib.suppress(OSError):
                marker.unlink(missing_ok=True)


def _check_duckdb_file(path: Path) -> None:
    try:
        with path.open("rb") as handle:
            head = handle.read(12)
    except OSError as exc:
        raise StoreError(f"cannot read store {path}: {exc}") from exc
    if head[8:12] != _DUCKDB_MAGIC:
        raise StoreError(f"{path} is not a DuckDB database (or it is damaged)")


def _rollback_quietly(conn: duckdb.DuckDBPyConnection) -> None:
    with contextlib.suppress(duckdb.Error):  # no transaction left to roll back
        conn.execute("ROLLBACK").fetchall()


def _now() -> datetime:
    """The current time in UTC, naive (DuckDB TIMESTAMP)."""
    return datetime.now(UTC).replace(tzinfo=None)


def _bool_text(value: bool) -> str:
    return "true" if value else "false"


def _json(value: Any) -> str:
    try:
        return json.dumps(value, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise StoreError(f"cannot store {value!r:.80} as JSON: {exc}") from exc


def _float(value: Any) -> Any:
    """Whole numbers as floats for DOUBLE columns; anything else is left for _checked()."""
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


_KINDS: dict[str, tuple[type, ...]] = {
    "str": (str,), "int": (int,), "float": (float,), "bool": (bool,), "list": (list,),
    "ts": (datetime,), "ulist": (list,),
}  # fmt: skip


def _checked(table: str, row: dict[str, Any], columns: dict[str, str]) -> dict[str, Any]:
    """The row, after checking each value fits its column (so a flush cannot fail on types)."""
    for name, kind in columns.items():
        value = row[name]
        if value is None:
            continue
        ok = isinstance(value, _KINDS[kind]) and not (kind == "int" and isinstance(value, bool))
        if ok and kind == "list":
            ok = all(item is None or isinstance(item, str) for item in value)
        if not ok:
            raise StoreError(f"{table}.{name} must be of kind {kind}, not {value!r:.80}")
    return row


def _source_row(
    raw_hash: str, source: str | None, article_id: str | None, status: str, reason: str | None,
    now: datetime,
) -> dict[str, Any]:  # fmt: skip
    return {
        "raw_hash": raw_hash, "source": source, "article_id": article_id, "status": status,
        "reason": reason, "seen_at": now,
    }  # fmt: skip


def _event_row(data: dict[str, Any], seq: int, article_seq: int | None) -> dict[str, Any]:
    """The flat columns of one event from its :func:`to_dict` form."""
    location = data.get("location") or {}
    flags = data.get("flags") or {}
    versions = data.get("versions") or {}
    reported = data.get("reported_by") or {}
    actors = data.get("actor") or []
    recipients = data.get("recipient") or []
    evidence = data.get("evidence") or []
    return {
        "id": data["id"],
        "article_id": data["article_id"],
        "seq": seq,
        "article_seq": article_seq,
        "type": data["type"],
        "mode": data.get("mode"),
        "contexts": list(data.get("contexts") or []),
        "cameo": data.get("cameo"),
        "actor": _json(actors),
        "recipient": _json(recipients),
        "actor_text": [a.get("text") for a in actors],
        "actor_country": [a.get("country") for a in actors],
        "actor_sector": [a.get("sector") for a in actors],
        "recipient_text": [a.get("text") for a in recipients],
        "recipient_country": [a.get("country") for a in recipients],
        "recipient_sector": [a.get("sector") for a in recipients],
        "location_name": location.get("name"),
        "location_canonical": location.get("canonical"),
        "location_country": location.get("country"),
        "location_admin1": location.get("admin1"),
        "lat": _float(location.get("lat")),
        "lon": _float(location.get("lon")),
        "geonames_id": location.get("geonames_id"),
        "location_precision": location.get("precision"),
        "date": data.get("date"),
        "date_precision": data.get("date_precision"),
        "date_end": data.get("date_end"),
        "dead": data.get("dead"),
        "injured": data.get("injured"),
        "arrested": data.get("arrested"),
        "qualifiers": _json(data.get("qualifiers") or {}),
        "negated": bool(flags.get("negated")),
        "hypothetical": bool(flags.get("hypothetical")),
        "accidental": bool(flags.get("accidental")),
        "reported_by": reported.get("text"),
        "evidence": _json(evidence),
        "evidence_text": EVIDENCE_JOINER.join(e["sentence"] for e in evidence) or None,
        "confidence": _float(data.get("confidence")),
        "reasons": _json(data.get("reasons") or {}),
        "coder_version": versions.get("coder"),
        "data_version": versions.get("data"),
        "spacy_version": versions.get("spacy"),
        "gazetteer_version": versions.get("gazetteer"),
        "record": _json(data),
    }
