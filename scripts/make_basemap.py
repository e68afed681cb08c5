"""Write the web page's world basemap from Natural Earth's 1:110m countries (public domain).

The input is ``countries-110m.json`` of the npm package ``world-atlas`` (TopoJSON built from
Natural Earth by Mike Bostock, ISC licence), obtained once with ``npm pack world-atlas``:

    npm pack world-atlas && tar xzf world-atlas-*.tgz
    python scripts/make_basemap.py package/countries-110m.json

The output, ``src/eventwire/serve/static/world.json``, is GeoJSON: one feature per country
with its name and ISO alpha-3 code, coordinates rounded to 0.01 degree (about 1 km, far
finer than the 1:110m lines), so the page draws the map with no tile server and no network.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import pycountry

OUT = Path(__file__).resolve().parents[1] / "src/eventwire/serve/static/world.json"


def decode_arcs(topology: dict[str, Any]) -> list[list[list[float]]]:
    """Absolute lon/lat points of every arc (TopoJSON stores quantised deltas)."""
    sx, sy = topology["transform"]["scale"]
    tx, ty = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append([round(x * sx + tx, 2), round(y * sy + ty, 2)])
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list[list[list[float]]]) -> list[list[float]]:
    """One closed ring from arc indexes (~i is arc i reversed); shared end points once."""
    points: list[list[float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def unwrap(points: list[list[float]]) -> list[list[float]]:
    """The ring with no jump across the antimeridian (Russia, Fiji): longitudes continue past
    180 instead of wrapping to -180, so that no edge crosses the whole map."""
    out = [points[0]]
    for lon, lat in points[1:]:
        previous = out[-1][0]
        while lon - previous > 180:
            lon -= 360
        while previous - lon > 180:
            lon += 360
        out.append([round(lon, 2), lat])
    return out


def wrapped(polygon: list[list[list[float]]]) -> list[list[list[list[float]]]]:
    """The polygon, plus a copy shifted by 360 degrees when it reaches past the antimeridian
    (the page clips the map to -180..180, so each side shows its half)."""
    rings = [unwrap(r) for r in polygon]
    lons = [lon for r in rings for lon, _ in r]
    if max(lons) > 180:
        return [rings, [[[round(lon - 360, 2), lat] for lon, lat in r] for r in rings]]
    if min(lons) < -180:
        return [rings, [[[round(lon + 360, 2), lat] for lon, lat in r] for r in rings]]
    return [rings]


def alpha3(numeric: str | None) -> str | None:
    if numeric is None:
        return None
    country = pycountry.countries.get(numeric=numeric)
    return country.alpha_3 if country else None


def convert(topology: dict[str, Any]) -> dict[str, Any]:
    arcs = decode_arcs(topology)
    features = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        kind = geometry.get("type")
        if kind == "Polygon":
            polygons = [geometry["arcs"]]
        elif kind == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        coords = [
            part for polygon in polygons for part in wrapped([ring(r, arcs) for r in polygon])
        ]
        name = geometry.get("properties", {}).get("name", "")
        features.append(
            {
                "type": "Feature",
                "properties": {"name": name, "iso3": alpha3(geometry.get("id"))},
                "geometry": {"type": "MultiPolygon", "coordinates": coords},
            }
        )
    return {
        "type": "FeatureCollection",
        "source": "Natural Earth 1:110m countries (public domain), via world-atlas 2.0.2",
        "features": features,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topojson", type=Path, help="countries-110m.json from world-atlas")
    parser.add_argument("-o", "--out", type=Path, default=OUT)
    args = parser.parse_args()
    data = convert(json.loads(args.topojson.read_text(encoding="utf-8")))
    args.out.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
    print(f"{args.out}: {len(data['features'])} countries, {args.out.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
