"""GDELT 2.0 Events: tab-separated rows with the 61 columns of GDELT's event table, in its
order and without a header row, so that scripts written for GDELT's ``*.export.CSV`` files
read eventwire's output.

Where GDELT and eventwire differ, the row says what eventwire knows: the first actor is
Actor1, the first recipient Actor2 (the second actor for a reciprocal event, which lists
every party as actor); actor codes are the party's country and sector run together as CAMEO
writes them ("FRAGOV"); geography fields use FIPS 10-4 country codes as GDELT does; AvgTone
is empty (eventwire does not measure tone) and so are the actors' own geography fields.
An event with no date, neither its own nor its article's publication day, has no SQLDATE:
it is left out and counted.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from datetime import date
from typing import IO, Any

from eventwire.formats.codebooks import countries, goldstein, plover_quad, quad_class
from eventwire.formats.dates import date_span, publication_day
from eventwire.formats.extras import ArticleExtras, Extras, Pair, write_lines
from eventwire.formats.parties import proper_name
from eventwire.records import Actor, Event, Location

NO_DATE = "no date (GDELT's SQLDATE needs one)"
_ADM1_CODE = re.compile(r"^[A-Z0-9]{1,3}$")  # a GeoNames admin1 code ("07", "TX"), not a name

# Geo types: 1 country, 2 US state, 3 US city, 4 world city, 5 world state (first-level region).
_GEO_TYPE = {"country": (1, 1), "region": (5, 2), "place": (4, 3)}  # precision -> (world, US)


def _actor_columns(n: int) -> list[tuple[str, str]]:
    return [
        (f"Actor{n}Code", "the party's country and sector codes run together (FRAGOV, COP)"),
        (f"Actor{n}Name", "the party's normalised name, else its words as written"),
        (f"Actor{n}CountryCode", "the party's country (ISO alpha-3; KOS for Kosovo)"),
        (f"Actor{n}KnownGroupCode", "a non-state code in the country slot: UNO, EUR, IGO, NGO..."),
        (f"Actor{n}EthnicCode", "empty: not coded"),
        (f"Actor{n}Religion1Code", "empty: not coded"),
        (f"Actor{n}Religion2Code", "empty: not coded"),
        (f"Actor{n}Type1Code", "the party's sector (GOV, MIL, COP, REB, CVL ...)"),
        (f"Actor{n}Type2Code", "empty: not coded"),
        (f"Actor{n}Type3Code", "empty: not coded"),
    ]


def _geo_columns(prefix: str, placed: bool = True) -> list[tuple[str, str]]:
    described = [
        ("Type", "0 none, 1 country, 2 US state, 3 US city, 4 world city, 5 world region"),
        ("FullName", "the place's name, its region's, its country's (\"Kherson, Ukraine\")"),
        ("CountryCode", "FIPS 10-4 country code (data/formats/fips_countries.tsv)"),
        ("ADM1Code", "FIPS country code, + the GeoNames first-level region code if known"),
        ("ADM2Code", "empty: no second-level regions"),
        ("Lat", "latitude (WGS 84)"),
        ("Long", "longitude (WGS 84)"),
        ("FeatureID", "GeoNames id of a place; the ADM1 code of a region; FIPS code of a country"),
    ]
    if not placed:
        return [(f"{prefix}_{name}", "0" if name == "Type" else "empty") for name, _ in described]
    return [(f"{prefix}_{name}", text) for name, text in described]


# (column name, what eventwire writes in it), in GDELT 2.0's order.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("GLOBALEVENTID", "a 60-bit integer made from the event id (stable across exports)"),
    ("SQLDATE", "YYYYMMDD: the event's first day, else its article's publication day"),
    ("MonthYear", "YYYYMM of SQLDATE"),
    ("Year", "YYYY of SQLDATE"),
    ("FractionDate", "YYYY.FFFF, FFFF = (month * 30 + day) / 365 as GDELT computes it"),
    *_actor_columns(1),
    *_actor_columns(2),
    ("IsRootEvent", "1 when the event is told in the headline or the lead paragraph"),
    ("EventCode", "the CAMEO code"),
    ("EventBaseCode", "its first three digits"),
    ("EventRootCode", "its first two digits"),
    ("QuadClass", "1-4 from the CAMEO root code (01-05, 06-09, 10-14, 15-20)"),
    ("GoldsteinScale", "Goldstein value of the CAMEO code (data/formats/cameo_goldstein.tsv)"),
    ("NumMentions", "events in the event's incident (1 outside incidents)"),
    ("NumSources", "distinct publishers in its incident (1 outside incidents)"),
    ("NumArticles", "distinct articles in its incident (1 outside incidents)"),
    ("AvgTone", "empty: eventwire does not measure tone"),
    *_geo_columns("Actor1Geo", placed=False),  # eventwire places events, not actors
    *_geo_columns("Actor2Geo", placed=False),
    *_geo_columns("ActionGeo"),
    ("DATEADDED", "YYYYMMDDHHMMSS (UTC) when the article was stored"),
    ("SOURCEURL", "the article's URL, else where it was read (a path)"),
)
COLUMN_NAMES: tuple[str, ...] = tuple(name for name, _ in COLUMNS)


def global_event_id(event_id: str) -> int:
    """GDELT wants an integer id: the first 60 bits of the SHA-256 of eventwire's id."""
    return int(hashlib.sha256(event_id.encode("utf-8")).hexdigest()[:15], 16)


def gdelt_row(
    event: Event, article: dict[str, Any], extras: ArticleExtras | None = None
) -> dict[str, Any] | None:
    """The GDELT columns of one event (typed values, None where empty), or None without a date."""
    extras = extras or ArticleExtras()
    day, _ = date_span(event.date, event.date_end)
    day = day or publication_day(article.get("published"))
    if day is None:
        return None
    first = event.actor[0] if event.actor else None
    if event.recipient:
        second: Actor | None = event.recipient[0]
    else:
        second = event.actor[1] if len(event.actor) > 1 else None
    cameo = event.cameo or ""
    coverage = extras.coverage_of(event.id)
    row: dict[str, Any] = {
        "GLOBALEVENTID": global_event_id(event.id),
        "SQLDATE": int(day.strftime("%Y%m%d")),
        "MonthYear": int(day.strftime("%Y%m")),
        "Year": day.year,
        "FractionDate": _fraction(day),
        **_actor(1, first),
        **_actor(2, second),
        "IsRootEvent": int(_is_root(event, extras)),
        "EventCode": cameo or None,
        "EventBaseCode": cameo[:3] or None,
        "EventRootCode": cameo[:2] or None,
        "QuadClass": quad_class(cameo) or plover_quad(event.type),
        "GoldsteinScale": goldstein(cameo),
        "NumMentions": coverage.mentions,
        "NumSources": coverage.sources,
        "NumArticles": coverage.articles,
        "AvgTone": None,
        **_geo("Actor1Geo", None),
        **_geo("Actor2Geo", None),
        **_geo("ActionGeo", event.location),
        "DATEADDED": int(extras.stored_at.strftime("%Y%m%d%H%M%S")) if extras.stored_at else None,
        "SOURCEURL": article.get("url") or article.get("source"),
    }
    return row


def _fraction(day: date) -> float:
    return round(day.year + (day.month * 30 + day.day) / 365, 4)


def _actor(n: int, party: Actor | None) -> dict[str, Any]:
    row: dict[str, Any] = {name: None for name, _ in _actor_columns(n)}
    if party is None:
        return row
    code = party.country
    state = code if code in countries() else None
    row[f"Actor{n}Code"] = f"{code or ''}{party.sector or ''}" or None
    row[f"Actor{n}Name"] = proper_name(party) or party.text
    row[f"Actor{n}CountryCode"] = state
    row[f"Actor{n}KnownGroupCode"] = code if code and not state else None
    row[f"Actor{n}Type1Code"] = party.sector
    return row


def _is_root(event: Event, extras: ArticleExtras) -> bool:
    """Told in the headline or lead: an evidence sentence starts before the lead ends."""
    if extras.lead_end is None:
        return False
    return any(e.start < extras.lead_end for e in event.evidence)


def _geo(prefix: str, loc: Location | None) -> dict[str, Any]:
    row: dict[str, Any] = {name: None for name, _ in _geo_columns(prefix)}
    row[f"{prefix}_Type"] = 0
    if loc is None:
        return row
    country = countries().get(loc.country or "")
    fips = country.fips if country else None
    placed = loc.lat is not None and loc.lon is not None
    precision = loc.precision or ("place" if placed else "")
    world, us = _GEO_TYPE.get(precision, (0, 0))
    kind = us if fips == "US" and precision != "country" else world
    code = loc.admin1 if loc.admin1 and _ADM1_CODE.match(loc.admin1) else None
    adm1 = f"{fips}{code}" if fips and code and kind != 1 else fips
    if kind == 1:
        feature: Any = fips
    elif kind in (2, 5):
        feature = adm1 if code else loc.geonames_id
    else:
        feature = loc.geonames_id
    place = loc.canonical or loc.name
    region = None if loc.admin1 is None or _ADM1_CODE.match(loc.admin1) else loc.admin1
    parts = [country.name] if country and kind == 1 else [place, region, country and country.name]
    names: list[str] = []
    for part in parts:  # "Kherson, Kherson, Ukraine" says the region once
        if part and (not names or names[-1] != part):
            names.append(part)
    row.update(
        {
            f"{prefix}_Type": kind,
            f"{prefix}_FullName": ", ".join(names) or None,
            f"{prefix}_CountryCode": fips,
            f"{prefix}_ADM1Code": adm1,
            f"{prefix}_Lat": loc.lat,
            f"{prefix}_Long": loc.lon,
            f"{prefix}_FeatureID": feature,
        }
    )
    return row


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    # A tab or a line break inside a name would shift every later column.
    return " ".join(str(value).split()) if isinstance(value, str) else str(value)


def write_gdelt(
    pairs: Iterable[Pair], handle: IO[str], extras: Extras, skipped: Counter[str]
) -> int:
    """Write one tab-separated GDELT row per dated event; undated ones counted in ``skipped``."""

    def line(event: Event, article: dict[str, Any], more: ArticleExtras) -> str | None:
        row = gdelt_row(event, article, more)
        return None if row is None else "\t".join(_cell(row[name]) for name in COLUMN_NAMES)

    return write_lines(pairs, handle, extras, skipped, line, NO_DATE)
