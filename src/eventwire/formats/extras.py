"""What the export formats know of an article beyond its metadata: when it was stored, where
its lead ends, and the incident each of its events belongs to.

The formats stay pure writers over (event, article) pairs; the exporter gathers these facts
from the store and hands them over through a lookup by article id.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import IO, Any

from eventwire.records import Event

Pair = tuple[Event, dict[str, Any]]  # an event and its article's metadata (store.ARTICLE_META)


@dataclass(frozen=True)
class Coverage:
    """How widely the incident an event belongs to was reported."""

    incident: str | None  # the incident id, None for an event in no incident
    mentions: int = 1  # events (tellings) in the incident
    sources: int = 1  # distinct publishers
    articles: int = 1  # distinct articles


@dataclass
class ArticleExtras:
    stored_at: datetime | None = None  # UTC: when the article was stored (and coded)
    lead_end: int | None = None  # offset in the text where the lead paragraph ends
    coverage: dict[str, Coverage] = field(default_factory=dict)  # event id -> its incident

    def coverage_of(self, event_id: str) -> Coverage:
        return self.coverage.get(event_id) or Coverage(None)


# article id -> its extras (an empty ArticleExtras when nothing is known).
Extras = Callable[[str], ArticleExtras]


def no_extras(_article_id: str) -> ArticleExtras:
    return ArticleExtras()


# A text format: writes the pairs to the handle, counts the events it leaves out by reason
# in the counter, and returns how many it wrote.
TextWriter = Callable[[Iterable[Pair], IO[str], Extras, Counter[str]], int]
