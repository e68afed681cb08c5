"""The HTTP API over a store of stories written for these tests (fastapi's TestClient)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from eventwire.export import FLAT_COLUMNS, event_json
from eventwire.serve import create_app
from eventwire.serve.api import MAX_LIMIT
from eventwire.store import Store


@pytest.fixture(scope="module")
def client(story_store: Path) -> TestClient:
    return TestClient(create_app(story_store))


def _types(body: dict) -> list[str]:
    return sorted(e["type"] for e in body["events"])


def test_health_counts_what_the_store_holds(client: TestClient) -> None:
    body = client.get("/api/health").json()
    assert body["status"] == "ok"
    assert (body["articles"], body["events"]) == (3, 5)  # the negated event is not counted
    assert body["keep_text"] is True and "message" not in body


def test_events_are_export_records_and_negated_ones_are_asked_for(
    client: TestClient, story_store: Path
) -> None:
    body = client.get("/api/events").json()
    with Store(story_store, read_only=True) as store:
        exported = [event_json(e, a) for e, a in store.iter_events_with_article()]
    assert body["events"] == [r for r in exported if not r["flags"]["negated"]]
    assert body["total"] == 5 and len(body["events"]) == 5
    first = body["events"][0]
    assert first["type"] == "ASSAULT" and first["dead"] == 4
    assert first["article"]["publisher"] == "Coast Wire"  # as export --format jsonl writes it
    assert first["evidence"][0]["triggers"][0]["text"] == "killed"
    assert first["reasons"]["location"] == "Port Elira: the dateline"
    assert all(not e["flags"]["negated"] for e in body["events"])
    everything = client.get("/api/events", params={"include_negated": "true"}).json()
    assert everything["total"] == 6
    assert [e["flags"]["negated"] for e in everything["events"]].count(True) == 1


@pytest.mark.parametrize(
    ("params", "types"),
    [
        ({"type": "ASSAULT,PROTEST"}, ["ASSAULT", "PROTEST"]),
        ({"mode": "arrest"}, ["COERCE"]),
        ({"country": "SEN"}, ["PROTEST"]),
        ({"actor_country": "UGA"}, ["AGREE", "CONSULT"]),
        ({"recipient_country": "KEN"}, ["ASSAULT", "COERCE"]),
        ({"sector": "COP"}, ["COERCE"]),
        ({"date_from": "2023-03", "date_to": "2023-03-06"}, ["ASSAULT"]),
        ({"date_from": "2023"}, ["ASSAULT", "COERCE", "CONSULT"]),
        ({"bbox": "35,-5,42,0"}, ["ASSAULT", "COERCE", "CONSULT"]),
        ({"q": "harbour gates"}, ["COERCE"]),
        ({"q": "MANIFESTÉ"}, ["PROTEST"]),
        ({"min_dead": "1"}, ["ASSAULT"]),
        ({"lang": "fr"}, ["PROTEST"]),
        ({"min_confidence": "0.8"}, ["ASSAULT", "COERCE", "PROTEST"]),
    ],
)
def test_filters(client: TestClient, params: dict, types: list[str]) -> None:
    response = client.get("/api/events", params=params)
    assert response.status_code == 200, response.text
    body = response.json()
    assert _types(body) == types and body["total"] == len(types)


def test_paging_is_stable_and_sorting_is_by_the_asked_key(client: TestClient) -> None:
    pages = []
    offset: int | None = 0
    while offset is not None:
        body = client.get("/api/events", params={"limit": 2, "offset": offset}).json()
        assert body["total"] == 5 and len(body["events"]) <= 2
        pages.extend(e["id"] for e in body["events"])
        offset = body["next_offset"]
    whole = [e["id"] for e in client.get("/api/events").json()["events"]]
    assert pages == whole and len(set(pages)) == 5
    by_date = client.get("/api/events", params={"sort": "date", "order": "desc"}).json()
    dates = [e["date"] for e in by_date["events"]]
    assert dates == ["2023-06-12", "2023-03-07", "2023-03-06", "2022-06-16", None]
    by_confidence = client.get("/api/events", params={"sort": "confidence"}).json()
    values = [e["confidence"] for e in by_confidence["events"]]
    assert values == sorted(values)


def test_csv_has_the_export_columns(client: TestClient) -> None:
    response = client.get("/api/events", params={"format": "csv", "type": "ASSAULT"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows[0] == [name for name, _ in FLAT_COLUMNS]
    row = dict(zip(rows[0], rows[1], strict=True))
    assert (row["type"], row["dead"], row["negated"], row["location_country"]) == (
        "ASSAULT", "4", "false", "KEN",
    )  # fmt: skip
    assert len(rows) == 2 and response.headers["x-total-count"] == "1"


def test_geojson_points_are_lon_lat(client: TestClient) -> None:
    body = client.get("/api/events", params={"format": "geojson"}).json()
    assert body["type"] == "FeatureCollection" and body["total"] == 5
    by_type = {f["properties"]["type"]: f for f in body["features"]}
    assert by_type["PROTEST"]["geometry"] == {"type": "Point", "coordinates": [-17.44, 14.69]}
    assert by_type["AGREE"]["geometry"] is None  # no place, no point


def test_one_event_with_the_text_around_its_evidence(
    client: TestClient, stories_by_name: dict[str, str]
) -> None:
    listed = client.get("/api/events", params={"type": "COERCE"}).json()["events"][0]
    body = client.get(f"/api/events/{listed['id']}").json()
    assert body["id"] == listed["id"] and body["arrested"] == 2
    [context] = body["context"]
    assert context["sentence"] == "Police arrested two suspects on Tuesday near the harbour gates."
    assert context["before"] == "" and context["after"] == ""  # its own paragraph
    text = stories_by_name["harbour"]
    span = body["evidence"][0]
    assert text[span["start"] : span["end"]] == context["sentence"]


def test_article_with_its_text_and_event_spans(
    client: TestClient, stories_by_name: dict[str, str]
) -> None:
    event = client.get("/api/events", params={"lang": "fr"}).json()["events"][0]
    body = client.get(f"/api/articles/{event['article_id']}").json()
    assert body["text"] == stories_by_name["march"] and body["lang"] == "fr"
    assert [e["type"] for e in body["events"]] == ["PROTEST", "ASSAULT"]
    assert body["events"][1]["negated"] is True


def test_unknown_ids_are_404(client: TestClient) -> None:
    for path in ("/api/events/nothing-here", "/api/articles/nothing-here"):
        response = client.get(path)
        assert response.status_code == 404 and "nothing-here" in response.json()["detail"]


def test_stats_for_the_same_filters(client: TestClient) -> None:
    body = client.get("/api/stats").json()
    assert body["total"] == 5
    assert body["by_type"] == {"AGREE": 1, "ASSAULT": 1, "COERCE": 1, "CONSULT": 1, "PROTEST": 1}
    assert body["by_country"][0] == {"country": "KEN", "count": 3}
    assert {"country": "UGA", "count": 2} in body["by_actor_country"]
    assert (body["first_day"], body["last_day"]) == ("2022-06-16", "2023-06-12")
    assert body["interval"] == "week"  # a year of events: weekly bars
    assert body["by_period"][0] == {"period": "2022-06-13", "count": 1}  # the Monday
    periods = client.get("/api/stats", params={"interval": "month"}).json()["by_period"]
    assert periods[0] == {"period": "2022-06-01", "count": 1}
    assert len(periods) == 13 and sum(p["count"] for p in periods) == 4  # one event is undated
    places = {p["name"]: p for p in body["places"]}
    assert places["Port Elira"]["count"] == 2
    assert places["Port Elira"]["types"] == {"ASSAULT": 1, "COERCE": 1}
    kenya = client.get("/api/stats", params={"country": "KEN", "interval": "day"}).json()
    assert kenya["total"] == 4 and kenya["interval"] == "day"
    assert kenya["by_period"][0] == {"period": "2023-03-06", "count": 1}


@pytest.mark.parametrize(
    ("path", "params", "param"),
    [
        ("/api/events", {"type": "ATTACK"}, "type"),
        ("/api/events", {"mode": "catapult"}, "mode"),
        ("/api/events", {"date_from": "2023-02-30"}, "date_from"),
        ("/api/events", {"date_to": "June"}, "date_to"),
        ("/api/events", {"bbox": "1,2,3"}, "bbox"),
        ("/api/events", {"bbox": "0,95,10,10"}, "bbox"),
        ("/api/events", {"limit": str(MAX_LIMIT + 1)}, "limit"),
        ("/api/events", {"limit": "ten"}, "limit"),
        ("/api/events", {"offset": "-1"}, "offset"),
        ("/api/events", {"sort": "id; DROP TABLE events"}, "sort"),
        ("/api/events", {"order": "sideways"}, "order"),
        ("/api/events", {"format": "xml"}, "format"),
        ("/api/events", {"min_dead": "many"}, "min_dead"),
        ("/api/events", {"country": "Kenya"}, "country"),
        ("/api/events", {"incident": "x' OR '1'='1"}, "incident"),
        ("/api/events", {"colour": "red"}, "colour"),
        ("/api/stats", {"interval": "hour"}, "interval"),
        ("/api/stats", {"lang": "de"}, "lang"),
    ],
)
def test_bad_parameters_are_422_naming_them(
    client: TestClient, path: str, params: dict, param: str
) -> None:
    response = client.get(path, params=params)
    assert response.status_code == 422
    body = response.json()
    assert body["param"] == param and body["detail"].startswith(f"{param}: ")


def test_text_in_parameters_is_only_data(client: TestClient) -> None:
    response = client.get("/api/events", params={"q": "' OR 1=1; DROP TABLE events; --"})
    assert response.status_code == 200 and response.json()["total"] == 0
    assert client.get("/api/health").json()["events"] == 5


def test_an_absent_store_is_served_empty_with_a_message(tmp_path: Path) -> None:
    client = TestClient(create_app(tmp_path / "later.duckdb"))
    body = client.get("/api/events").json()
    assert body["total"] == 0 and body["events"] == []
    assert "eventwire ingest" in body["message"] and "later.duckdb" in body["message"]
    assert client.get("/api/stats").json()["places"] == []
    assert client.get("/api/health").json()["events"] == 0
    assert not (tmp_path / "later.duckdb").exists()  # read-only: nothing is created


def test_openapi_docs_and_page_are_served_from_here(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/stats", "/api/articles/{article_id}",
            "/api/health"} <= set(spec["paths"])  # fmt: skip
    names = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert {"type", "bbox", "q", "include_negated", "limit", "format"} <= names
    docs = client.get("/docs")
    assert docs.status_code == 200 and "cdn" not in docs.text
    assert client.get("/docs/assets/swagger-ui-bundle.js").status_code == 200
    page = client.get("/")
    assert page.status_code == 200 and "/static/app.js" in page.text
    assert "default-src 'self'" in page.headers["content-security-policy"]
    for asset in ("app.js", "app.css", "world.json"):
        assert client.get(f"/static/{asset}").status_code == 200
