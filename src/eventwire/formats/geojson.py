"""GeoJSON (RFC 7946) for QGIS and web maps: one FeatureCollection, one Point feature per event
that has coordinates, ``[longitude, latitude]`` in WGS 84, and the event's flat record (the
CSV columns) as its properties.  Events without coordinates are left out and counted.

The collection is written feature by feature, so a large export never sits in memory.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from typing import IO, Any

from eventwire.formats.extras import Extras, Pair
from eventwire.records import Event

NO_COORDINATES = "no coordinates"

FlatRow = Callable[[Event, dict[str, Any]], dict[str, Any]]


def feature(event: Event, properties: dict[str, Any]) -> dict[str, Any] | None:
    """The Point feature of one event, or None when its place has no coordinates."""
    loc = event.location
    if loc is None or loc.lat is None or loc.lon is None:
        return None
    point = [float(loc.lon), float(loc.lat)]  # RFC 7946: longitude first
    return {
        "type": "Feature",
        "id": event.id,
        "geometry": {"type": "Point", "coordinates": point},
        "properties": properties,
    }


def geojson_writer(flat_row: FlatRow) -> Callable[..., int]:
    """A GeoJSON writer whose properties are ``flat_row(event, article)``."""

    def write_geojson(
        pairs: Iterable[Pair], handle: IO[str], extras: Extras, skipped: Counter[str]
    ) -> int:
        handle.write('{"type": "FeatureCollection", "features": [\n')
        count = 0
        for event, article in pairs:
            found = feature(event, flat_row(event, article))
            if found is None:
                skipped[NO_COORDINATES] += 1
                continue
            handle.write((",\n" if count else "") + json.dumps(found, ensure_ascii=False))
            count += 1
        handle.write("\n]}\n")
        return count

    return write_geojson
