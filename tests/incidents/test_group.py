"""Incremental grouping through blocking keys, and the incident record."""

from __future__ import annotations

from dataclasses import replace

from eventwire.incidents.facts import Facts
from eventwire.incidents.group import Grouper
from eventwire.incidents.record import build, incident_from_record

BASE = Facts(
    event_id="e1", article_id="a1", type="ASSAULT", mode="explosives", date_lo="2024-03-12",
    date_hi="2024-03-12", date_precision="day", country="NGA", admin1="Borno",
    geonames_id=2331447, lat=11.8, lon=13.2, place="Maiduguri", place_precision="place",
    actor_countries=(), actor_sectors=("UAF",), recipient_countries=("NGA",),
    recipient_sectors=("CVL",), dead=7, injured=20, arrested=None, mergeable=True,
    publisher="AFP", published="2024-03-12T16:00", url="https://a.example/1", evidence="x",
)  # fmt: skip


def report(n: int, **changes) -> Facts:
    return replace(BASE, event_id=f"e{n}", article_id=f"a{n}", publisher=f"P{n}", **changes)


def test_reports_gather_and_the_record_tells_the_range() -> None:
    grouper = Grouper()
    first = grouper.add(BASE)
    grouper.add(report(2, dead=7, published="2024-03-12T18:00", lang="fr"))
    third = grouper.add(report(3, dead=9, published="2024-03-13T09:00"))
    assert first is third and len(first.members) == 3
    record = build(first)
    assert record["dead"] == 9 and record["dead_text"] == "9 (reports: 7-9)"
    assert record["num_articles"] == 3 and record["num_sources"] == 3
    assert record["first_seen"] == "2024-03-12T16:00:00"
    assert len(record["merge_reasons"]) == 2


def test_distractors_and_same_article_events_start_their_own_incidents() -> None:
    grouper = Grouper()
    grouper.add(BASE)
    later = grouper.add(report(2, date_lo="2024-03-15", date_hi="2024-03-15", dead=3))
    same_article = grouper.add(replace(BASE, event_id="e9"))
    unmergeable = grouper.add(report(4, mergeable=False))
    assert len({id(i) for i in grouper.incidents.values()}) == 4
    assert all(len(i.members) == 1 for i in (later, same_article, unmergeable))


def test_stored_incident_keeps_grouping_after_a_round_trip() -> None:
    grouper = Grouper()
    incident = grouper.add(BASE)
    again = Grouper([incident_from_record(build(incident))])
    joined = again.add(report(2))
    assert joined.id == incident.id and joined.changed


def test_far_apart_events_are_never_compared() -> None:
    grouper = Grouper()
    for day in range(1, 28):
        grouper.add(report(day, date_lo=f"2024-02-{day:02d}", date_hi=f"2024-02-{day:02d}"))
    assert grouper.comparisons <= 2 * 27  # each event meets its neighbours' blocks only
