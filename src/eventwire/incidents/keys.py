"""Blocking keys: an event is compared only with incidents that share one of its keys.

A key is (type, country, window): the event's type, the country it happened in, and a window
of ``WINDOW_DAYS`` days of its date span.  An incident is filed under every window its
members' spans cover; an event probes the windows of its span widened by the matcher's date
tolerance, so no compatible pair is missed and no pair of far-apart events is ever compared.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from eventwire.incidents.facts import Facts

WINDOW_DAYS = 3
# The widest gap between two spans that the matcher still accepts (match.DAY_TOLERANCE).
PROBE_DAYS = 1

Key = tuple[str, str, int]


def _windows(lo: date, hi: date) -> range:
    return range(lo.toordinal() // WINDOW_DAYS, hi.toordinal() // WINDOW_DAYS + 1)


def file_keys(facts: Facts) -> Iterator[Key]:
    """The keys an incident with this member is filed under (none for a lone event)."""
    span = facts.span
    country = facts.block_country
    if not facts.mergeable or span is None or country is None:
        return
    for window in _windows(*span):
        yield facts.type, country, window


def probe_keys(facts: Facts) -> Iterator[Key]:
    """The keys to look up for this event: its own windows and the tolerance around them."""
    span = facts.span
    country = facts.block_country
    if not facts.mergeable or span is None or country is None:
        return
    slack = timedelta(days=PROBE_DAYS)
    for window in _windows(span[0] - slack, span[1] + slack):
        yield facts.type, country, window
