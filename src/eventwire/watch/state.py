"""What the watcher remembers between rounds and across restarts, and its retry policy.

The rows live in the store (``sql/003_watch.sql``: ``watch_feeds``, ``watch_items``); this
module gives them types and decides when a failing feed or page is tried again.  Two rules
make a restart (even ``kill -9``) lose and double nothing: a feed's validators are saved in
the transaction that records its new items as pending, and an item is marked done in the
transaction that stores its article.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

# A failing feed is polled again after interval x 2^(failures-1), at most this long.
MAX_FEED_BACKOFF = timedelta(hours=1)
# A page that failed transiently (timeout, 5xx) waits this long x 2^(attempts-1).
ITEM_RETRY_BASE = timedelta(seconds=30)


def utcnow() -> datetime:
    """Now in UTC, naive (the store's TIMESTAMP columns are UTC)."""
    return datetime.now(UTC).replace(tzinfo=None)


@dataclass
class FeedState:
    """One row of ``watch_feeds``."""

    url: str
    title: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None
    polled_at: datetime | None = None
    ok_at: datetime | None = None
    failures: int = 0
    last_error: str | None = None
    next_poll_at: datetime | None = None

    @classmethod
    def from_row(cls, url: str, row: dict[str, Any] | None) -> FeedState:
        return cls(**row) if row else cls(url=url)

    def row(self) -> dict[str, Any]:
        return asdict(self)

    def due(self, now: datetime) -> bool:
        return self.next_poll_at is None or self.next_poll_at <= now

    def failed(self, reason: str, now: datetime, interval: float) -> timedelta:
        """Record a failed poll; returns how long until the next one."""
        self.failures += 1
        self.polled_at = now
        self.last_error = reason
        wait = min(timedelta(seconds=interval) * 2 ** (self.failures - 1), MAX_FEED_BACKOFF)
        self.next_poll_at = now + wait
        return wait

    def succeeded(self, now: datetime) -> None:
        self.polled_at = self.ok_at = now
        self.failures = 0
        self.last_error = None
        self.next_poll_at = None


@dataclass
class Item:
    """One row of ``watch_items`` that is still pending."""

    key: str
    feed_url: str
    url: str
    title: str | None = None
    published: str | None = None
    status: str = "pending"
    attempts: int = 0
    reason: str | None = None
    content_hash: str | None = None
    article_id: str | None = None
    first_seen: datetime | None = None
    next_try_at: datetime | None = None
    done_at: datetime | None = None


def retry_update(item: Item, reason: str, now: datetime, max_attempts: int) -> dict[str, Any]:
    """The columns to set after a transient failure: wait and retry, or give up."""
    attempts = item.attempts + 1
    if attempts >= max_attempts:
        return {
            "status": "failed",
            "attempts": attempts,
            "reason": f"{reason} (gave up after {attempts} rounds)",
            "done_at": now,
            "next_try_at": None,
        }
    return {
        "attempts": attempts,
        "reason": reason,
        "next_try_at": now + ITEM_RETRY_BASE * 2 ** (attempts - 1),
    }


def item_key(feed_url: str, item_id: str) -> str:
    """The key of an item: ids are only unique within their feed."""
    return f"{feed_url} {item_id}"
