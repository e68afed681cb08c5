"""What the export formats know of an article beyond its metadata: when it was stored, where
its lead ends, and the incident each of its events belongs to.

The formats stay pure writers over (event, article) pairs; :func:`store_extras` gathers these
facts from the store and hands them over through a lookup by article id.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import IO, TYPE_CHECKING, Any

from eventwire.records import Event

if TYPE_CHECKING:
    from eventwire.store import Store

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


def write_lines(
    pairs: Iterable[Pair],
    handle: IO[str],
    extras: Extras,
    skipped: Counter[str],
    line: Callable[[Event, dict[str, Any], ArticleExtras], str | None],
    why_not: str,
) -> int:
    """One line per event (``line`` ends without its newline); an event ``line`` cannot
    write (None) is counted in ``skipped`` under ``why_not``."""
    count = 0
    for event, article in pairs:
        text = line(event, article, extras(article["id"]))
        if text is None:
            skipped[why_not] += 1
            continue
        handle.write(text + "\n")
        count += 1
    return count


_WINDOW = 500  # articles whose extras are read in one query (events come in stored order)
_EVENT_COLUMNS = (
    "SELECT column_name FROM duckdb_columns() "
    "WHERE table_name = 'events' AND database_name = current_database()"
)
_SEQ = "SELECT stored_seq FROM articles WHERE id = ?"
# Where the lead (the body's first paragraph) ends; the headline alone in evidence-only stores.
_ARTICLES = (
    "SELECT id, stored_at, body_start + coalesce(nullif(strpos(substr(text, body_start + 1), "
    "chr(10) || chr(10)), 0) - 1, length(text) - body_start, 0) FROM articles "
    "WHERE stored_seq BETWEEN ? AND ?"
)
_COVERAGE = (
    "SELECT e.article_id, e.id, i.id, i.num_events, i.num_sources, i.num_articles "
    "FROM events e JOIN incidents i ON i.id = e.incident_id WHERE e.article_seq BETWEEN ? AND ?"
)


def stored_event_columns(store: Store) -> frozenset[str]:
    """The columns of the store's ``events`` table (they grow with migrations)."""
    return frozenset(row[0] for row in store.execute(_EVENT_COLUMNS))


def store_extras(store: Store) -> Extras:
    """Look-ups of each article's extras in ``store``.

    Exports read events in stored order, so a miss reads the extras of that article and the
    next ones in one query per table, not one per article.  Incident counts are read only
    from a store that has incidents (migration 002).
    """
    has_incidents = "incident_id" in stored_event_columns(store)
    window: dict[str, ArticleExtras] = {}

    def extras(article_id: str) -> ArticleExtras:
        if article_id not in window:
            window.clear()
            found = store.execute(_SEQ, [article_id])
            if not found:
                return ArticleExtras()
            bounds = [found[0][0], found[0][0] + _WINDOW - 1]
            for aid, stored_at, lead_end in store.execute(_ARTICLES, bounds):
                window[aid] = ArticleExtras(stored_at, lead_end)
            if has_incidents:
                for aid, event_id, *counts in store.execute(_COVERAGE, bounds):
                    window[aid].coverage[event_id] = Coverage(*counts)
        return window.get(article_id) or ArticleExtras()

    return extras
