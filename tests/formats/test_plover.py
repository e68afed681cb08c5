"""The PLOVER export read back against the manual's JSON tables."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from eventwire.export import export_events
from eventwire.formats.plover import NO_DATE, REQUIRED, plover_record
from eventwire.records import EVENT_TYPES, Actor, Event
from eventwire.store import Store

# The PLOVER manual's tables: the event record's fields, and the entity, text and
# location objects.
MANUAL_FIELDS = {
    "id", "has_event", "date", "time", "enddate", "endtime", "actor", "recipient", "event",
    "event_loc", "event_text", "quad_code", "event_scale", "mode", "context", "link", "text",
    "text_info", "cite_info", "coder", "coded_date", "coded_time", "comment",
    "dead", "injured", "arrested",  # the size object's fields, supplementary fields by type
}  # fmt: skip
OURS = {"date_precision", "cameo", "confidence", "article_id"}  # named fields the manual allows
ENTITY_FIELDS = {"code", "sector", "entity_text", "identifier_id", "identifier_text"}
LOCATION_FIELDS = {
    "extracted_place", "resolved_place", "geonameid", "lat", "lon", "city", "district",
    "province", "country", "country_code", "feature_class", "feature_code", "resolution",
}  # fmt: skip
CITE_FIELDS = {
    "corpus", "citation", "url", "title", "language", "publication", "license", "copyright",
    "coder", "codebook", "version",
}  # fmt: skip
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _read(store: Store, tmp_path: Path) -> tuple[list[dict], Counter[str]]:
    skipped: Counter[str] = Counter()
    out = tmp_path / "events.plover.jsonl"
    count = export_events(store, out, "plover", skipped=skipped)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert count == len(records)
    return records, skipped


def test_every_record_has_the_required_fields(store: Store, tmp_path: Path) -> None:
    records, _ = _read(store, tmp_path)
    assert len(records) == 4
    for record in records:
        for name in REQUIRED:
            assert record.get(name) is not None, name
        assert DAY.match(record["date"])
        assert record["enddate"] is None or DAY.match(record["enddate"])
        assert isinstance(record["actor"], list) and record["actor"]
        assert all(set(a) <= ENTITY_FIELDS for a in record["actor"] + record["recipient"])
        assert len(record["event"]) == 1 and record["event"][0] in EVENT_TYPES
        assert set(record) <= MANUAL_FIELDS | OURS, set(record) - MANUAL_FIELDS - OURS
        assert set(record["cite_info"]) <= CITE_FIELDS
        assert record["event_loc"] is None or set(record["event_loc"]) <= LOCATION_FIELDS
        assert record["quad_code"] in (1, 2, 3, 4)
        assert -10 <= record["event_scale"] <= 10
    assert len({r["id"] for r in records}) == 4


def test_fields_carry_the_event(store: Store, tmp_path: Path) -> None:
    records, _ = _read(store, tmp_path)
    by_type = {r["event"][0]: r for r in records}
    shelling = by_type["ASSAULT"]
    assert shelling["date"] == "2024-05-13" and shelling["enddate"] is None
    assert shelling["actor"] == [
        {
            "code": "RUS",
            "sector": "MIL",
            "entity_text": "Russian forces",
            "identifier_text": "Russian armed forces",
        }
    ]
    assert shelling["recipient"][0]["code"] == "UKR"
    assert shelling["mode"] == ["heavy-weapons"] and shelling["quad_code"] == 4
    assert shelling["event_scale"] == -9.5  # the manual's ASSAULT: heavy-weapons
    assert shelling["dead"] == 3 and shelling["injured"] is None
    loc = shelling["event_loc"]
    assert loc["resolved_place"] == "Kharkiv" and loc["geonameid"] == 706483
    assert (loc["lat"], loc["lon"], loc["country_code"], loc["resolution"]) == (
        49.98081,
        36.25272,
        "UKR",
        4,
    )
    assert shelling["event_text"] == [
        "Russian forces shelled a market in Kharkiv on Monday, killing three civilians, "
        "Ukrainian officials said."
    ]
    start, end = shelling["text_info"]["start"], shelling["text_info"]["end"]
    assert store.iter_articles().__next__().text[start:end] == shelling["event_text"][0]
    cite = shelling["cite_info"]
    assert cite["url"] == "https://news.example.org/kharkiv-market"
    assert (cite["publication"], cite["language"]) == ("The Example Courier", "en")
    assert shelling["coder"].startswith("eventwire ") and "rules-test" in shelling["coder"]
    assert DAY.match(shelling["coded_date"])

    # A month is its first and last day; a recalled event is PLOVER's auxiliary 'historical'.
    protest = by_type["PROTEST"]
    assert (protest["date"], protest["enddate"]) == ("2024-03-01", "2024-03-31")
    assert protest["date_precision"] == "month" and "historical" in protest["context"]
    # A negated event is kept with the auxiliary mode 'negation' in its context.
    sanction = by_type["SANCTION"]
    assert "negation" in sanction["context"] and sanction["quad_code"] == 4
    assert by_type["CONSULT"]["event_loc"]["resolution"] == 1


def test_an_event_with_no_date_at_all_is_left_out_and_counted(store: Store, tmp_path: Path) -> None:
    records, skipped = _read(store, tmp_path)
    assert "strike" not in {m for r in records for m in r["mode"]}
    assert skipped == {NO_DATE: 1}


def test_publication_day_dates_an_undated_event() -> None:
    event = Event(type="REQUEST", id="e1", actor=[])
    record = plover_record(event, {"id": "a1", "published": "2024-02-29T23:10"})
    assert record is not None
    assert (record["date"], record["date_precision"]) == ("2024-02-29", "report")
    assert plover_record(event, {"id": "a1", "published": None}) is None


def test_a_name_made_of_codes_is_no_identifier() -> None:
    coded = Actor("Russian units", name="RUS ?", country="RUS")
    named = Actor("the EU", name="European Union", country="EUR")
    event = Event(type="AID", id="e2", actor=[coded], recipient=[named], date="2024")
    record = plover_record(event, {"id": "a1"})
    assert record is not None
    assert record["actor"][0]["identifier_text"] is None
    assert record["recipient"][0]["identifier_text"] == "European Union"
    assert (record["date"], record["enddate"]) == ("2024-01-01", "2024-12-31")
