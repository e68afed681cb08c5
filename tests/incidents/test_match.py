"""Pairwise compatibility: what makes two coded events one incident, and what keeps them apart."""

from __future__ import annotations

from dataclasses import replace

from eventwire.incidents.facts import Facts, date_span
from eventwire.incidents.match import compare

BASE = Facts(
    event_id="e1", article_id="a1", type="ASSAULT", mode="firearms", date_lo="2024-03-11",
    date_hi="2024-03-11", date_precision="day", country="MLI", admin1="Gao", geonames_id=2457163,
    lat=16.27, lon=-0.04, place="Gao", place_precision="place", actor_countries=(),
    actor_sectors=("UAF",), recipient_countries=("MLI",), recipient_sectors=("MIL",), dead=4,
    injured=None, arrested=None, mergeable=True, publisher="A", published="2024-03-12T08:00",
    url="https://a.example/1", evidence="Four soldiers were killed.",
)  # fmt: skip


def other(**changes) -> Facts:
    return replace(BASE, event_id="e2", article_id="a2", publisher="B", **changes)


def test_same_day_place_parties_and_toll_are_one_incident() -> None:
    verdict = compare(other(), BASE)
    assert verdict.same, verdict
    assert "same day 2024-03-11" in verdict.reasons
    assert any(r.startswith("same place Gao") for r in verdict.reasons)
    assert "same dead 4" in verdict.reasons


def test_two_days_apart_is_another_incident() -> None:
    verdict = compare(other(date_lo="2024-03-13", date_hi="2024-03-13"), BASE)
    assert not verdict.same
    assert verdict.conflict == "dates 2 days apart"


def test_other_town_same_day_is_another_incident() -> None:
    verdict = compare(other(geonames_id=1, lat=14.0, lon=-4.2, place="Mopti", admin1="Mopti"), BASE)
    assert verdict.conflict == "different places (Gao, Mopti)"


def test_other_parties_are_kept_apart_even_when_roles_are_swapped_elsewhere() -> None:
    journalists = other(recipient_sectors=("JRN",), actor_sectors=("COP",))
    assert compare(
        journalists, replace(BASE, actor_sectors=("COP",), recipient_sectors=("CVL",))
    ).conflict
    swapped = other(actor_sectors=("MIL",), recipient_sectors=("UAF",))
    assert compare(swapped, BASE).same  # a parse that swapped the roles still agrees


def test_rising_toll_in_a_later_report_joins_but_a_contradicting_one_does_not() -> None:
    later = other(dead=9, published="2024-03-13T08:00")
    assert compare(later, BASE).same
    assert any("rose in the later report" in r for r in compare(later, BASE).reasons)
    assert compare(other(dead=40), BASE).conflict == "dead counts contradict (4, 40)"


def test_region_level_place_inside_the_town_s_region_matches() -> None:
    region = other(geonames_id=None, place="Gao", place_precision="region", lat=None, lon=None)
    assert compare(region, BASE).same
    bare = {"actor_sectors": (), "recipient_sectors": (), "recipient_countries": (), "mode": None}
    country_only = other(
        geonames_id=None, place=None, admin1=None, place_precision="country", dead=None, **bare
    )
    assert not compare(country_only, BASE).same  # a day and a country alone: too little


def test_other_types_never_match() -> None:
    assert compare(other(type="PROTEST"), BASE).conflict == "types differ (PROTEST, ASSAULT)"


def test_date_spans_follow_precision() -> None:
    lo, hi = date_span("2024-03-11", "week", "2024-03-17", None)
    assert (lo.isoformat(), hi.isoformat()) == ("2024-03-11", "2024-03-17")
    lo, hi = date_span("2024-02", "month", None, None)
    assert hi.isoformat() == "2024-02-29"
    lo, hi = date_span(None, None, None, "2024-03-12T10:00")
    assert (lo.isoformat(), hi.isoformat()) == ("2024-03-10", "2024-03-12")
    assert date_span(None, None, None, None) is None
