"""A store of two stories written for these tests, coded by hand (no spaCy): every kind of
event the formats treat apart (a dated attack in the lead, a month-dated background protest,
a reciprocal meeting placed only by country, a negated sanction with no place, an undated
event in an undated article)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from eventwire.records import (
    Actor,
    Article,
    Event,
    Evidence,
    Flags,
    Location,
    Trigger,
    article_id,
    event_id,
)
from eventwire.store import Store

MARKET = (
    "Shells hit Kharkiv market\n\n"
    "Russian forces shelled a market in Kharkiv on Monday, killing three civilians, Ukrainian "
    "officials said.\n\n"
    "In March, students had marched through Lviv against the draft law. The foreign ministers "
    "of Poland and Ukraine met on Tuesday. Warsaw did not impose sanctions on Kyiv."
)
HARBOUR = (
    "Dockers strike in Port-Bleu\n\nDockers in the harbour of Port-Bleu walked out, the union said."
)
VERSIONS = {"coder": "rules-test", "data": "d1", "spacy": "en-3.8.0", "gazetteer": "g1"}


def _evidence(text: str, opening: str, trigger: str) -> Evidence:
    """The sentence that opens with ``opening``, up to its full stop."""
    start = text.index(opening)
    end = text.index(".", start) + 1
    at = text.index(trigger, start)
    return Evidence(text[start:end], start, end, [Trigger(trigger, at, at + len(trigger))])


def market_article() -> Article:
    shelling = Event(
        type="ASSAULT",
        mode="heavy-weapons",
        cameo="194",
        actor=[Actor("Russian forces", name="Russian armed forces", country="RUS", sector="MIL")],
        recipient=[Actor("three civilians", country="UKR", sector="CVL")],
        location=Location(
            "Kharkiv",
            canonical="Kharkiv",
            country="UKR",
            admin1="07",
            lat=49.98081,
            lon=36.25272,
            geonames_id=706483,
            precision="place",
        ),
        date="2024-05-13",
        date_precision="day",
        dead=3,
        evidence=[_evidence(MARKET, "Russian forces shelled", "shelled")],
        confidence=0.92,
        versions=dict(VERSIONS),
    )
    protest = Event(
        type="PROTEST",
        mode="demo",
        cameo="141",
        actor=[Actor("students", country="UKR", sector="EDU")],
        location=Location(
            "Lviv", canonical="Lviv", country="UKR", lat=49.83826, lon=24.02324, precision="place"
        ),
        date="2024-03",
        date_precision="month",
        flags=Flags(background=True),
        evidence=[_evidence(MARKET, "In March, students had marched", "marched")],
        confidence=0.55,
        versions=dict(VERSIONS),
    )
    meeting = Event(
        type="CONSULT",
        cameo="040",
        contexts=["diplomatic"],
        actor=[
            Actor("The foreign ministers of Poland", country="POL", sector="GOV"),
            Actor("Ukraine", country="UKR", sector="GOV"),
        ],
        location=Location("Poland", canonical="Poland", country="POL", precision="country"),
        date="2024-05-14",
        date_precision="day",
        evidence=[_evidence(MARKET, "The foreign ministers", "met")],
        confidence=0.8,
        versions=dict(VERSIONS),
    )
    sanction = Event(
        type="SANCTION",
        cameo="163",
        actor=[Actor("Warsaw", country="POL", sector="GOV")],
        recipient=[Actor("Kyiv", country="UKR", sector="GOV")],
        flags=Flags(negated=True),
        evidence=[_evidence(MARKET, "Warsaw did not impose", "impose")],
        confidence=0.3,
        versions=dict(VERSIONS),
    )
    return _article(
        MARKET,
        [shelling, protest, meeting, sanction],
        title="Shells hit Kharkiv market",
        body_start=MARKET.index("Russian"),
        publisher="The Example Courier",
        published="2024-05-14T09:30",
        url="https://news.example.org/kharkiv-market",
        source="in/kharkiv.html",
        lang="en",
    )


def harbour_article() -> Article:
    """No publication date and an undated strike: nothing to give it a day."""
    strike = Event(
        type="PROTEST",
        mode="strike",
        cameo="143",
        actor=[Actor("Dockers", sector="LAB"), Actor("the union", sector="LAB")],
        location=Location("Port-Bleu", precision=None),
        evidence=[_evidence(HARBOUR, "Dockers in the harbour", "walked out")],
        confidence=0.7,
        versions=dict(VERSIONS),
    )
    return _article(
        HARBOUR,
        [strike],
        title="Dockers strike in Port-Bleu",
        body_start=HARBOUR.index("Dockers in"),
        source="in/harbour.txt",
        lang="en",
    )


def _article(text: str, events: list[Event], **meta: Any) -> Article:
    """The article of ``text`` with its events, each given its article's id and its own."""
    aid = article_id(text)
    for event in events:
        event.article_id = aid
        event.id = event_id(aid, event)
    return Article(id=aid, text=text, events=events, **meta)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "events.duckdb") as opened:
        opened.add(market_article())
        opened.add(harbour_article())
        yield opened
