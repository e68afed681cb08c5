"""The GDELT export read back column by column against GDELT 2.0's event table layout."""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import json
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from eventwire.export import export_events
from eventwire.formats.extras import ArticleExtras, Coverage
from eventwire.formats.gdelt import COLUMN_NAMES, NO_DATE, gdelt_row, global_event_id
from eventwire.incidents import update_incidents
from eventwire.records import Actor, Event, Evidence, Location, article_id, event_id
from eventwire.store import Store

from .conftest import market_article

# GDELT 2.0 Events, in order (the codebook's layout: 61 tab-separated fields, no header).
GDELT_LAYOUT = (
    "GLOBALEVENTID SQLDATE MonthYear Year FractionDate "
    + " ".join(
        f"Actor{n}Code Actor{n}Name Actor{n}CountryCode Actor{n}KnownGroupCode "
        f"Actor{n}EthnicCode Actor{n}Religion1Code Actor{n}Religion2Code Actor{n}Type1Code "
        f"Actor{n}Type2Code Actor{n}Type3Code"
        for n in (1, 2)
    )
    + " IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale NumMentions"
    " NumSources NumArticles AvgTone "
    + " ".join(
        f"{g}_Type {g}_FullName {g}_CountryCode {g}_ADM1Code {g}_ADM2Code {g}_Lat {g}_Long "
        f"{g}_FeatureID"
        for g in ("Actor1Geo", "Actor2Geo", "ActionGeo")
    )
    + " DATEADDED SOURCEURL"
).split()


def _export(store: Store, tmp_path: Path) -> tuple[list[dict[str, str]], Counter[str]]:
    skipped: Counter[str] = Counter()
    out = tmp_path / "events.gdelt.tsv"
    count = export_events(store, out, "gdelt", skipped=skipped)
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert len(rows) == count
    assert all(len(row) == 61 for row in rows)
    return [dict(zip(GDELT_LAYOUT, row, strict=True)) for row in rows], skipped


def test_the_layout_is_gdelt_2() -> None:
    assert len(GDELT_LAYOUT) == 61
    assert tuple(GDELT_LAYOUT) == COLUMN_NAMES


def test_rows_read_back_column_by_column(store: Store, tmp_path: Path) -> None:
    rows, skipped = _export(store, tmp_path)
    assert skipped == {NO_DATE: 1}  # the undated strike in an undated article
    by_code = {row["EventCode"]: row for row in rows}
    assert set(by_code) == {"194", "141", "040", "163"}
    events = {e.cameo: e for e in store.iter_events()}
    shelling = by_code["194"]
    expected = {
        "GLOBALEVENTID": str(global_event_id(events["194"].id)),
        "SQLDATE": "20240513",
        "MonthYear": "202405",
        "Year": "2024",
        "FractionDate": str(round(2024 + (5 * 30 + 13) / 365, 4)),
        "Actor1Code": "RUSMIL",
        "Actor1Name": "Russian armed forces",
        "Actor1CountryCode": "RUS",
        "Actor1KnownGroupCode": "",
        "Actor1EthnicCode": "",
        "Actor1Religion1Code": "",
        "Actor1Religion2Code": "",
        "Actor1Type1Code": "MIL",
        "Actor1Type2Code": "",
        "Actor1Type3Code": "",
        "Actor2Code": "UKRCVL",
        "Actor2Name": "three civilians",
        "Actor2CountryCode": "UKR",
        "Actor2KnownGroupCode": "",
        "Actor2EthnicCode": "",
        "Actor2Religion1Code": "",
        "Actor2Religion2Code": "",
        "Actor2Type1Code": "CVL",
        "Actor2Type2Code": "",
        "Actor2Type3Code": "",
        "IsRootEvent": "1",  # told in the lead paragraph
        "EventCode": "194",
        "EventBaseCode": "194",
        "EventRootCode": "19",
        "QuadClass": "4",
        "GoldsteinScale": "-10.0",
        "NumMentions": "1",
        "NumSources": "1",
        "NumArticles": "1",
        "AvgTone": "",
        **{f"Actor{n}Geo_Type": "0" for n in (1, 2)},
        **{
            f"Actor{n}Geo_{field}": ""
            for n in (1, 2)
            for field in ("FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long")
        },
        **{f"Actor{n}Geo_FeatureID": "" for n in (1, 2)},
        "ActionGeo_Type": "4",
        "ActionGeo_FullName": "Kharkiv, Ukraine",
        "ActionGeo_CountryCode": "UP",  # FIPS 10-4, not ISO's UA
        "ActionGeo_ADM1Code": "UP07",
        "ActionGeo_ADM2Code": "",
        "ActionGeo_Lat": "49.98081",
        "ActionGeo_Long": "36.25272",
        "ActionGeo_FeatureID": "706483",
        "SOURCEURL": "https://news.example.org/kharkiv-market",
    }
    for name in GDELT_LAYOUT:
        if name == "DATEADDED":
            added = datetime.strptime(shelling[name], "%Y%m%d%H%M%S").replace(tzinfo=UTC)
            assert abs((datetime.now(UTC) - added).total_seconds()) < 600
        else:
            assert shelling[name] == expected[name], name

    # Month-dated: SQLDATE is its first day; not in the lead.
    protest = by_code["141"]
    assert (protest["SQLDATE"], protest["IsRootEvent"], protest["QuadClass"]) == (
        "20240301",
        "0",
        "3",
    )
    assert protest["Actor2Code"] == "" and protest["GoldsteinScale"] == "-6.5"
    # A reciprocal meeting: the second actor is Actor2; a country-level place is type 1.
    meeting = by_code["040"]
    assert (meeting["Actor1CountryCode"], meeting["Actor2CountryCode"]) == ("POL", "UKR")
    assert meeting["QuadClass"] == "1" and meeting["GoldsteinScale"] == "1.0"
    assert meeting["ActionGeo_Type"] == "1" and meeting["ActionGeo_CountryCode"] == "PL"
    assert meeting["ActionGeo_FullName"] == "Poland" and meeting["ActionGeo_FeatureID"] == "PL"
    # No date of its own: the publication day.
    assert by_code["163"]["SQLDATE"] == "20240514" and by_code["163"]["ActionGeo_Type"] == "0"


def test_a_script_written_for_gdelt_reads_it(store: Store, tmp_path: Path) -> None:
    """Read as GDELT users read an export file: tab-separated, no header, named columns."""
    _export(store, tmp_path)
    path = tmp_path / "events.gdelt.tsv"
    columns = ", ".join(f"'{name}': 'VARCHAR'" for name in GDELT_LAYOUT)
    query = (
        f"SELECT CAST(SQLDATE AS INTEGER), CAST(GoldsteinScale AS DOUBLE), "
        f"CAST(ActionGeo_Lat AS DOUBLE), CAST(GLOBALEVENTID AS BIGINT) "
        f"FROM read_csv('{path}', delim='\t', header=false, quote='', columns={{{columns}}}) "
        f"WHERE EventRootCode = '19'"
    )
    ((day, goldstein, lat, event_id),) = duckdb.sql(query).fetchall()
    assert (day, goldstein, lat) == (20240513, -10.0, 49.98081)
    assert 0 < event_id < 2**63


def test_incidents_give_the_mention_counts() -> None:
    event = Event(type="ASSAULT", id="e-1", cameo="1951", actor=[Actor("rebels")], date="2023")
    extras = ArticleExtras(coverage={"e-1": Coverage("i-9", mentions=5, sources=3, articles=4)})
    row = gdelt_row(event, {"id": "a"}, extras)
    assert row is not None
    assert (row["NumMentions"], row["NumSources"], row["NumArticles"]) == (5, 3, 4)
    assert row["GoldsteinScale"] == -10.0  # 1951 is not listed: its parent 195
    assert row["Actor1Code"] is None and row["Actor1Name"] == "rebels"
    assert row["SQLDATE"] == 20230101 and row["DATEADDED"] is None


def test_global_event_ids_are_stable_integers() -> None:
    digest = hashlib.sha256(b"e123").hexdigest()
    assert global_event_id("e123") == int(digest[:15], 16)
    assert global_event_id("e123") != global_event_id("e124")


def test_counts_come_from_the_stores_incidents(tmp_path: Path) -> None:
    """Two outlets tell the shelling: both rows say 2 mentions, 2 sources, 2 articles."""
    first = market_article()
    text = (
        "Market shelled in Kharkiv\n\nRussian forces shelled a market in Kharkiv on Monday, "
        "killing three people, the governor said."
    )
    sentence = text.split("\n\n")[1]
    start = text.index(sentence)
    retold = dataclasses.replace(
        first.events[0], evidence=[Evidence(sentence, start, start + len(sentence))]
    )
    second = dataclasses.replace(
        first,
        id=article_id(text),
        text=text,
        body_start=start,
        publisher="Other Wire",
        url="https://other.example.net/kharkiv",
        events=[retold],
    )
    retold.article_id = second.id
    retold.id = event_id(second.id, retold)
    with Store(tmp_path / "two.duckdb") as store:
        store.add(first)
        store.add(second)
        with store.batch():
            update_incidents(store)
        rows, _ = _export(store, tmp_path)
        plover = tmp_path / "p.jsonl"
        export_events(store, plover, "plover")
    shelled = [row for row in rows if row["EventCode"] == "194"]
    assert len(shelled) == 2
    for row in shelled:
        assert (row["NumMentions"], row["NumSources"], row["NumArticles"]) == ("2", "2", "2")
    others = [row for row in rows if row["EventCode"] != "194"]
    assert {(r["NumMentions"], r["NumSources"], r["NumArticles"]) for r in others} == {
        ("1", "1", "1")
    }
    links = {
        json.loads(line)["link"]
        for line in plover.read_text(encoding="utf-8").splitlines()
        if json.loads(line)["cameo"] == "194"
    }
    assert len(links) == 1 and None not in links  # PLOVER's link: the shared incident


def test_region_names_and_code_only_parties() -> None:
    """Region names go in FullName (codes in ADM1Code); "RUS MIL" is no name."""
    event = Event(
        type="ASSAULT",
        id="e-2",
        cameo="190",
        date="2023-02-13",
        actor=[Actor("Russian artillery", name="RUS MIL", country="RUS", sector="MIL")],
        recipient=[Actor("the EU", name="European Union", country="EUR", sector="GOV")],
        location=Location(
            "Nikopol", canonical="Nikopol", country="UKR", admin1="Dnipropetrovsk",
            lat=47.57, lon=34.39, geonames_id=700051,
        ),
    )  # fmt: skip
    row = gdelt_row(event, {"id": "a"})
    assert row is not None
    assert row["Actor1Name"] == "Russian artillery" and row["Actor2Name"] == "European Union"
    assert (row["Actor2CountryCode"], row["Actor2KnownGroupCode"]) == (None, "EUR")
    assert row["ActionGeo_FullName"] == "Nikopol, Dnipropetrovsk, Ukraine"
    assert (row["ActionGeo_Type"], row["ActionGeo_ADM1Code"]) == (4, "UP")
    kherson = Location("Kherson", canonical="Kherson", country="UKR", admin1="Kherson")
    row = gdelt_row(dataclasses.replace(event, location=kherson), {"id": "a"})
    assert row is not None
    assert row["ActionGeo_FullName"] == "Kherson, Ukraine" and row["ActionGeo_Type"] == 0
