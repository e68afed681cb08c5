"""EventQuery: validation that names the bad parameter, and WHERE clauses run on a real store."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from eventwire.query import EventQuery, QueryError, event_columns, known_modes, where_clause
from eventwire.records import Actor, Article, Event, Evidence, Flags, Location, article_id
from eventwire.store import Store


def _article(text: str, lang: str, events: list[Event]) -> Article:
    return Article(id=article_id(text), text=text, lang=lang, events=events)


def _event(etype: str, sentence: str, **kw: object) -> Event:
    return Event(type=etype, evidence=[Evidence(sentence, 0, len(sentence))], **kw)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Four stories of our own, seven events between them, in a real store."""
    path = tmp_path_factory.mktemp("query") / "events.duckdb"
    gao = Location("Gao", "Gao", "MLI", lat=16.27, lon=-0.04, precision="place")
    kherson = Location("Kherson", "Kherson", "UKR", lat=46.64, lon=32.61, precision="place")
    suva = Location("Suva", "Suva", "FJI", lat=-18.14, lon=178.44, precision="place")
    articles = [
        _article(
            "Attack in Gao\n\nGunmen killed seven soldiers in Gao on Monday.",
            "en",
            [
                _event(
                    "ASSAULT",
                    "Gunmen killed seven soldiers in Gao on Monday.",
                    mode="firearms",
                    actor=[Actor("Gunmen", sector="REB")],
                    recipient=[Actor("soldiers", country="MLI", sector="MIL")],
                    location=gao,
                    date="2023-01-16",
                    dead=7,
                    confidence=0.9,
                ),
                _event(
                    "ASSAULT",
                    "The army did not shell the town.",
                    actor=[Actor("army", country="MLI", sector="MIL")],
                    location=gao,
                    date="2023-01-16",
                    flags=Flags(negated=True),
                    confidence=0.4,
                ),
            ],
        ),
        _article(
            "Frappes sur Kherson\n\nDes bombardements russes ont tué deux civils en mai.",
            "fr",
            [
                _event(
                    "ASSAULT",
                    "Des bombardements russes ont tué deux civils en mai.",
                    mode="heavy-weapons",
                    actor=[Actor("russes", country="RUS", sector="MIL")],
                    recipient=[Actor("civils", country="UKR", sector="CVL")],
                    location=kherson,
                    date="2023-05",
                    date_precision="month",
                    dead=2,
                    confidence=0.7,
                ),
                _event(
                    "PROTEST",
                    "Des habitants ont manifesté du 3 au 5 juin.",
                    mode="demo",
                    actor=[Actor("habitants", country="UKR", sector="CVL")],
                    location=kherson,
                    date="2023-06-03",
                    date_end="2023-06-05",
                    confidence=0.5,
                ),
            ],
        ),
        _article(
            "Fiji talks\n\nThe prime ministers of Fiji and Tonga met in Suva.",
            "en",
            [
                _event(
                    "CONSULT",
                    "The prime ministers of Fiji and Tonga met in Suva.",
                    mode="visit",
                    actor=[
                        Actor("Fiji", country="FJI", sector="GOV"),
                        Actor("Tonga", country="TON", sector="GOV"),
                    ],
                    location=suva,
                    date="2024",
                    confidence=0.8,
                ),
            ],
        ),
        _article(
            "Sanctions\n\nThe EU imposed sanctions on Belarus; no date was given.",
            "en",
            [
                _event(
                    "SANCTION",
                    "The EU imposed sanctions on Belarus; no date was given.",
                    actor=[Actor("EU", country="EUR", sector="GOV")],
                    recipient=[Actor("Belarus", country="BLR", sector="GOV")],
                    confidence=0.05,
                ),
            ],
        ),
    ]
    with Store(path) as store:
        for article in articles:
            store.add(article)
    return path


def _sentences(path: Path, query: EventQuery) -> list[str]:
    with duckdb.connect(str(path), read_only=True) as conn:
        sql, params = where_clause(query, columns=event_columns(conn), alias="e")
        rows = conn.execute(
            f"SELECT e.evidence_text FROM events e WHERE {sql} ORDER BY e.article_seq, e.seq",
            params,
        ).fetchall()
    return [row[0].split()[1] for row in rows]  # the second word is enough to tell them apart


def test_no_filter_keeps_every_event_but_the_negated(store_path: Path) -> None:
    assert _sentences(store_path, EventQuery()) == ["killed", "bombardements", "habitants",
                                                    "prime", "EU"]  # fmt: skip
    assert "army" in _sentences(store_path, EventQuery(include_negated=True))


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"type": "protest,consult"}, ["habitants", "prime"]),
        ({"mode": "firearms"}, ["killed"]),
        ({"country": "ukr"}, ["bombardements", "habitants"]),  # recipient or actor
        ({"country": "MLI"}, ["killed"]),  # recipient and place
        ({"actor_country": "RUS"}, ["bombardements"]),
        ({"recipient_country": "RUS"}, []),
        ({"actor_country": "TON"}, ["prime"]),  # a second actor counts
        ({"sector": "REB"}, ["killed"]),
        ({"date_from": "2023-05-20", "date_to": "2023-06-04"}, ["bombardements", "habitants"]),
        ({"date_from": "2023-06-05"}, ["habitants", "prime"]),  # the span's last day
        ({"date_to": "2023-05-01"}, ["killed", "bombardements"]),  # month covers its 1st
        ({"date_from": "2024-03", "date_to": "2024-03"}, ["prime"]),  # a year covers March
        ({"bbox": "-5,10,40,50"}, ["killed", "bombardements", "habitants"]),
        ({"bbox": "170,-30,-170,0"}, ["prime"]),  # across the antimeridian
        ({"q": "Killed  SOLDIERS"}, ["killed"]),
        ({"q": "tué mai"}, ["bombardements"]),
        ({"q": "100%"}, []),  # no LIKE wildcards
        ({"min_dead": "2"}, ["killed", "bombardements"]),
        ({"min_dead": 3}, ["killed"]),
        ({"lang": "fr"}, ["bombardements", "habitants"]),
        ({"min_confidence": "0.75"}, ["killed", "prime"]),
        ({"type": "ASSAULT", "country": "UKR"}, ["bombardements"]),
    ],
)
def test_each_filter(store_path: Path, params: dict, expected: list[str]) -> None:
    assert _sentences(store_path, EventQuery.from_params(params)) == expected


@pytest.mark.parametrize(
    ("params", "param"),
    [
        ({"type": "ATTACK"}, "type"),
        ({"mode": "lasers"}, "mode"),
        ({"country": "France"}, "country"),
        ({"actor_country": "F1A"}, "actor_country"),
        ({"date_from": "2023-13-01"}, "date_from"),
        ({"date_to": "yesterday"}, "date_to"),
        ({"date_from": "2023-05-02", "date_to": "2023-05-01"}, "date_to"),
        ({"bbox": "1,2,3"}, "bbox"),
        ({"bbox": "1,2,3,x"}, "bbox"),
        ({"bbox": "-200,0,10,10"}, "bbox"),
        ({"bbox": "0,50,10,10"}, "bbox"),
        ({"min_dead": "-1"}, "min_dead"),
        ({"min_dead": "two"}, "min_dead"),
        ({"min_confidence": "1.5"}, "min_confidence"),
        ({"min_confidence": "nan"}, "min_confidence"),
        ({"lang": "es"}, "lang"),
        ({"incident": "a b; DROP TABLE events"}, "incident"),
        ({"include_negated": "maybe"}, "include_negated"),
        ({"q": " ".join(["w"] * 21)}, "q"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_bad_values_name_the_parameter(params: dict, param: str) -> None:
    with pytest.raises(QueryError) as caught:
        EventQuery.from_params(params)
    assert caught.value.param == param
    assert str(caught.value).startswith(f"{param}: ")
    assert isinstance(caught.value, ValueError)


def test_values_never_become_sql_text() -> None:
    sql, params = where_clause(EventQuery(q="'; DROP TABLE events; --", country=["FRA"]))
    assert "DROP" not in sql and "FRA" not in sql
    assert "'; drop table events; --" not in sql
    assert ["FRA"] in params and "drop" in params


def test_incident_needs_the_column(store_path: Path) -> None:
    query = EventQuery(incident="inc-1")
    with pytest.raises(QueryError, match="incident"):
        where_clause(query, columns={"id", "type", "negated"})
    sql, params = where_clause(query, columns={"incident_id"})
    assert "incident_id = ?" in sql and params == ["inc-1"]


def test_round_trip_through_params() -> None:
    query = EventQuery(type=["assault"], bbox=(1, 2, 3, 4), min_dead=1, include_negated=True)
    assert query.type == ("ASSAULT",)
    again = EventQuery.from_params(query.to_params())
    assert again == query
    assert EventQuery.from_params({"type": "", "q": None}) == EventQuery()


def test_known_modes_come_from_the_data_files() -> None:
    modes = known_modes()
    assert {"firearms", "demo", "arrest", "visit"} <= modes
    assert "-" not in modes and "mode" not in modes
