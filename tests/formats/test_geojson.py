"""The GeoJSON export read back as RFC 7946 says a FeatureCollection of points is."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from eventwire.export import FLAT_COLUMNS, export_events
from eventwire.formats.geojson import NO_COORDINATES
from eventwire.store import Store


def test_points_with_longitude_first_and_the_flat_record(store: Store, tmp_path: Path) -> None:
    skipped: Counter[str] = Counter()
    out = tmp_path / "events.geojson"
    assert export_events(store, out, "geojson", skipped=skipped) == 2
    # Placed only by country, no place, a place the gazetteer does not know: no coordinates.
    assert skipped == {NO_COORDINATES: 3}
    collection = json.loads(out.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    features = collection["features"]
    for feature in features:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert list(feature["properties"]) == [name for name, _ in FLAT_COLUMNS]
        assert feature["id"] == feature["properties"]["id"]
    kharkiv = next(f for f in features if f["properties"]["type"] == "ASSAULT")
    assert kharkiv["geometry"]["coordinates"] == [36.25272, 49.98081]  # [lon, lat]
    assert kharkiv["properties"]["dead"] == 3
    assert kharkiv["properties"]["actor_country"] == "RUS"


def test_an_empty_export_is_a_valid_collection(tmp_path: Path) -> None:
    with Store(tmp_path / "empty.duckdb") as empty:
        assert export_events(empty, tmp_path / "e.geojson", "geojson") == 0
    assert json.loads((tmp_path / "e.geojson").read_text(encoding="utf-8")) == {
        "type": "FeatureCollection",
        "features": [],
    }
