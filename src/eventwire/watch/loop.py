"""Rounds of ``watch``: poll the feeds, fetch the new items' pages, run them through the
pipeline, store them; then wait for the next round.

The store is opened with ``hold="batch"``: it is held only while a feed's new items or one
page's article are written, so ``serve``, ``export`` or a notebook can read the file between
writes.  Everything a round decides is in the store before it acts on it, so a round cut
short anywhere is finished by the next one (see :mod:`.state`).
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from eventwire.config import Config
from eventwire.incidents import update_incidents
from eventwire.incidents.placement import SKIPPED, STORED, UPDATED, place_outcome
from eventwire.pipeline import Outcome, process
from eventwire.read import RawDocument
from eventwire.records import Article
from eventwire.store import Store, StoreError
from eventwire.watch.feeds import Feed, FeedError, parse_feed
from eventwire.watch.fetch import Fetcher, FetchError, FetchSettings
from eventwire.watch.safety import UnsafeURLError
from eventwire.watch.sources import is_feed_file
from eventwire.watch.state import FeedState, Item, item_key, retry_update, utcnow
from eventwire.webpage import PageError, page_document


@dataclass
class WatchSettings:
    interval: float = 60.0  # seconds from the start of a round to the start of the next
    max_attempts: int = 3  # rounds a page failing transiently (timeout, 5xx) is tried
    pages_per_batch: int = 8  # pages fetched, then coded together, then stored one by one
    lock_timeout: float = 60.0  # seconds to wait for a reader to let go of the store
    fetch: FetchSettings = field(default_factory=FetchSettings)


@dataclass
class RoundReport:
    """What one round did; :meth:`lines` is what ``eventwire watch`` prints for it."""

    number: int
    feeds_polled: int = 0
    feeds_unchanged: int = 0
    feeds_waiting: int = 0  # failing feeds whose next poll is not due yet
    feed_failures: list[tuple[str, str, float]] = field(default_factory=list)  # url, why, wait
    new_items: int = 0
    fetched: int = 0
    stored: int = 0
    duplicates: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # url, reason
    retry: list[tuple[str, str]] = field(default_factory=list)  # url, transient reason
    failed: list[tuple[str, str]] = field(default_factory=list)  # url, reason (given up)
    events: Counter[str] = field(default_factory=Counter)
    negated: int = 0
    error: str | None = None  # the round stopped (the store stayed busy); retried next round
    seconds: float = 0.0

    def add_events(self, article: Article) -> None:
        for event in article.events:
            if event.is_prediction:
                self.events[event.type] += 1
            else:
                self.negated += 1

    def lines(self) -> list[str]:
        feeds = f"feeds polled {self.feeds_polled}"
        extra = [f"new items {self.new_items}", f"unchanged {self.feeds_unchanged}"]
        if self.feed_failures:
            extra.append(f"failed {len(self.feed_failures)}")
        if self.feeds_waiting:
            extra.append(f"waiting {self.feeds_waiting}")
        pages = (
            f"pages fetched {self.fetched}: stored {self.stored}, duplicates {self.duplicates}, "
            f"skipped {len(self.skipped)}, retry later {len(self.retry)}, "
            f"failed {len(self.failed)}"
        )
        head = (
            f"round {self.number} ({self.seconds:.1f} s): {feeds} ({', '.join(extra)}); "
            f"{pages}; events added {sum(self.events.values())}"
        )
        out = [head]
        out += [
            f"  feed {url}: failed: {why} (polled again in {wait:g} s)"
            for url, why, wait in self.feed_failures
        ]
        out += [f"  {url}: skipped: {why}" for url, why in self.skipped]
        out += [f"  {url}: will retry: {why}" for url, why in self.retry]
        out += [f"  {url}: failed: {why}" for url, why in self.failed]
        if self.error:
            out.append(f"  round stopped: {self.error} (resumed next round)")
        return out


class Watcher:
    """Polls ``feeds`` (URLs or feed files) into ``store``; one :meth:`round` at a time."""

    def __init__(
        self, feeds: list[str], store: Store, config: Config, settings: WatchSettings
    ) -> None:
        self.feeds = feeds
        self.store = store
        self.config = config
        self.settings = settings
        self.fetcher = Fetcher(settings.fetch)
        self.rounds = 0

    def close(self) -> None:
        self.fetcher.close()

    def __enter__(self) -> Watcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def round(self) -> RoundReport:
        """Poll every due feed, then fetch, code and store every due page."""
        self.rounds += 1
        report = RoundReport(self.rounds)
        started = time.monotonic()
        try:
            self._poll_feeds(report)
            self._fetch_pages(report)
        except StoreError as exc:  # busy past lock_timeout: what was written stays
            report.error = str(exc)
        report.seconds = time.monotonic() - started
        return report

    # -- feeds ---------------------------------------------------------------------------

    def _poll_feeds(self, report: RoundReport) -> None:
        rows = self.store.watch_feeds(self.feeds)
        now = utcnow()
        for url in self.feeds:
            state = FeedState.from_row(url, rows.get(url))
            # A new run polls every feed: its options (--allow-private) may be what was wrong.
            if self.rounds > 1 and not state.due(now):
                report.feeds_waiting += 1
                continue
            report.feeds_polled += 1
            self._poll(state, report)

    def _poll(self, state: FeedState, report: RoundReport) -> None:
        try:
            feed = self._read_feed(state)
        except (FetchError, UnsafeURLError, FeedError, OSError) as exc:
            reason = _reason(exc, state.url)
            wait = state.failed(reason, utcnow(), self.settings.interval)
            self.store.save_watch_feed(state.row())
            report.feed_failures.append((state.url, reason, wait.total_seconds()))
            return
        if feed is None:  # unchanged since the last poll
            report.feeds_unchanged += 1
            if state.failures:
                state.succeeded(utcnow())
                self.store.save_watch_feed(state.row())
            return
        state.title = feed.title
        state.succeeded(utcnow())
        items = [
            {
                "key": item_key(state.url, item.key),
                "feed_url": state.url,
                "url": item.url,
                "title": item.title,
                "published": item.published,
            }
            for item in feed.items
        ]
        # The new items and the validators in one transaction: a restart after it has the
        # items pending; one before it polls the feed afresh.
        with self.store.batch():
            added = self.store.add_watch_items(items)
            self.store.save_watch_feed(state.row())
        report.new_items += len(added)

    def _read_feed(self, state: FeedState) -> Feed | None:
        """The feed's items, or None when it has not changed since the last poll."""
        if is_feed_file(state.url):
            content = _read_file(Path(state.url), self.settings.fetch.max_bytes)
            body_hash = hashlib.sha256(content).hexdigest()
            if body_hash == state.body_hash:
                return None
            feed = parse_feed(content, Path(state.url).resolve().as_uri())
            feed.url = state.url
        else:
            result = self.fetcher.get(state.url, etag=state.etag, last_modified=state.last_modified)
            if result.not_modified:
                return None
            body_hash = hashlib.sha256(result.content).hexdigest()
            if body_hash == state.body_hash:  # a server without validators
                return None
            feed = parse_feed(result.content, result.url, content_type=result.content_type)
            # Kept only for a feed that parsed: a broken one must not earn a 304 next time.
            state.etag, state.last_modified = result.etag, result.last_modified
        state.body_hash = body_hash
        return feed

    # -- pages ---------------------------------------------------------------------------

    def _fetch_pages(self, report: RoundReport) -> None:
        size = max(1, self.settings.pages_per_batch)
        while True:
            due = [Item(**row) for row in self.store.watch_items_due(limit=size)]
            if not due:
                return
            fetched: list[tuple[Item, RawDocument]] = []
            for item in due:
                document = self._fetch_page(item, report)
                if document is not None:
                    fetched.append((item, document))
            self._code_and_store(fetched, report)

    def _fetch_page(self, item: Item, report: RoundReport) -> RawDocument | None:
        now = utcnow()
        try:
            result = self.fetcher.get(item.url)
            report.fetched += 1
            return page_document(
                result.url,
                result.content,
                result.content_type,
                title=item.title,
                published=item.published,
            )
        except FetchError as exc:
            if exc.retryable:
                update = retry_update(item, exc.reason, now, self.settings.max_attempts)
                bucket = report.failed if update.get("status") == "failed" else report.retry
                bucket.append((item.url, update["reason"]))
                self.store.update_watch_item(item.key, **update)
                return None
            reason = exc.reason
        except (UnsafeURLError, PageError) as exc:
            reason = _reason(exc, item.url)
        report.skipped.append((item.url, reason))
        self.store.update_watch_item(item.key, status="skipped", reason=reason, done_at=now)
        return None

    def _code_and_store(self, fetched: list[tuple[Item, RawDocument]], report: RoundReport) -> None:
        if not fetched:
            return
        # The same bytes stored before (under another URL): not coded again.
        known = self.store.known_sources([doc.raw_hash for _, doc in fetched])
        fresh: list[tuple[Item, RawDocument]] = []
        for item, doc in fetched:
            if doc.raw_hash in known:
                report.duplicates += 1
                self.store.update_watch_item(
                    item.key, status="duplicate", content_hash=doc.raw_hash,
                    reason="same page content as one stored before", done_at=utcnow(),
                )  # fmt: skip
                continue
            known.add(doc.raw_hash)  # and twice in one batch: the second is a duplicate
            fresh.append((item, doc))
        outcomes = process([doc for _, doc in fresh], self.config, workers=1)
        for (item, doc), outcome in zip(fresh, outcomes, strict=True):
            # One transaction per page: its article, its source row, its item marked done.
            with self.store.batch():
                status, reason, article_id = _record(outcome, self.store)
                self.store.update_watch_item(
                    item.key, status=status, reason=reason, content_hash=doc.raw_hash,
                    article_id=article_id, done_at=utcnow(),
                )  # fmt: skip
                # In the page's transaction, as ingest does: no half-merged incident.
                update_incidents(self.store)
            if status == "stored" and outcome.article is not None:
                report.stored += 1
                report.add_events(outcome.article)
            elif status == "duplicate":
                report.duplicates += 1
            else:
                report.skipped.append((item.url, reason or "unknown"))


def _record(outcome: Outcome, store: Store) -> tuple[str, str | None, str | None]:
    """Store one outcome as ``ingest`` does; its status, reason and article id."""
    placed = place_outcome(store, outcome)
    if placed.status == SKIPPED:
        return SKIPPED, placed.reason, None
    if placed.status in (STORED, UPDATED):
        return "stored", placed.reason, placed.article_id
    return "duplicate", placed.reason or "same article as one stored before", placed.article_id


def _read_file(path: Path, max_bytes: int) -> bytes:
    with path.open("rb") as handle:
        content = handle.read(max_bytes + 1)
    if len(content) > max_bytes:
        raise FeedError(f"{path}: feed file larger than the limit of {max_bytes:,} bytes")
    return content


def _reason(exc: Exception, url: str) -> str:
    """The message of an error without the URL it starts with (the report names it)."""
    if isinstance(exc, FetchError):
        return exc.reason
    return str(exc).removeprefix(f"{url}: ")


def watch(
    feeds: list[str],
    store: Store,
    config: Config,
    settings: WatchSettings,
    *,
    once: bool = False,
    on_round: Callable[[RoundReport], None] | None = None,
    stop: threading.Event | None = None,
) -> list[RoundReport]:
    """Run rounds every ``settings.interval`` seconds until ``stop`` is set (or one round
    with ``once``); returns the reports of every round."""
    stop = stop or threading.Event()
    reports: list[RoundReport] = []
    with Watcher(feeds, store, config, settings) as watcher:
        while True:
            started = time.monotonic()
            report = watcher.round()
            reports.append(report)
            if on_round is not None:
                on_round(report)
            if once or stop.is_set():
                return reports
            stop.wait(max(0.0, settings.interval - (time.monotonic() - started)))
            if stop.is_set():
                return reports
