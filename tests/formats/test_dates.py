"""The days an event's date covers."""

from __future__ import annotations

from datetime import date

from eventwire.formats.dates import date_span, publication_day


def test_date_span() -> None:
    assert date_span("2024-03-04") == (date(2024, 3, 4), date(2024, 3, 4))
    assert date_span("2024-02") == (date(2024, 2, 1), date(2024, 2, 29))
    assert date_span("2023") == (date(2023, 1, 1), date(2023, 12, 31))
    assert date_span("2024-03-03", "2024-03-05") == (date(2024, 3, 3), date(2024, 3, 5))
    assert date_span("2024-01", "2024-03") == (date(2024, 1, 1), date(2024, 3, 31))
    # An end before the start, or unreadable, is ignored; a bad date gives nothing.
    assert date_span("2024-03-05", "2024-03-01") == (date(2024, 3, 5), date(2024, 3, 5))
    assert date_span("2024-03-05", "soon") == (date(2024, 3, 5), date(2024, 3, 5))
    assert date_span("2024-02-30") == (None, None)
    assert date_span("March 2024") == (None, None)
    assert date_span(None) == (None, None)


def test_publication_day() -> None:
    assert publication_day("2024-05-14T09:30") == date(2024, 5, 14)
    assert publication_day("2024-05-14") == date(2024, 5, 14)
    assert publication_day("2024-05") is None and publication_day(None) is None
