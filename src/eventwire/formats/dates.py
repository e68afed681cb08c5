"""The days an event's date covers: a coded date may be a day, a month or a year, and a span
may end on another day, so typed exports carry its first and last day."""

from __future__ import annotations

import calendar
from datetime import date


def _parse(text: str) -> tuple[date, date] | None:
    """First and last day of 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'; None for anything else."""
    parts = text.strip().split("-")
    if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts):
        return None
    try:
        year = int(parts[0])
        if len(parts) == 1:
            return date(year, 1, 1), date(year, 12, 31)
        month = int(parts[1])
        if len(parts) == 2:
            last = calendar.monthrange(year, month)[1]
            return date(year, month, 1), date(year, month, last)
        day = date(year, month, int(parts[2]))
    except ValueError:
        return None
    return day, day


def date_span(value: str | None, end: str | None = None) -> tuple[date | None, date | None]:
    """The first and last day an event's ``date`` (and ``date_end``) cover.

    '2024-03' covers March 1 to 31; '2024-03-03' with end '2024-03-05' covers three days.  A
    missing or unreadable date gives (None, None); an unreadable end is ignored.
    """
    if not value:
        return None, None
    span = _parse(value)
    if span is None:
        return None, None
    first, last = span
    if end:
        closing = _parse(end)
        if closing is not None and closing[1] >= first:
            last = closing[1]
    return first, last


def publication_day(published: str | None) -> date | None:
    """The day of an article's publication date-time ('2024-03-05T08:17' -> 2024-03-05)."""
    if not published or len(published) < 10:
        return None
    first, last = _parse(published[:10]) or (None, None)
    return first if first == last else None
