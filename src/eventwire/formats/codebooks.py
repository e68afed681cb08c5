"""The code tables the export formats read: Goldstein values of CAMEO codes, FIPS country
codes and PLOVER scores, each a TSV in ``eventwire/data/formats/``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Country:
    """A country as GDELT's geography fields write it."""

    iso2: str
    fips: str
    name: str


def _rows(name: str, width: int) -> list[list[str]]:
    """The rows of ``data/formats/NAME``; a row of the wrong width is an error naming it."""
    text = (resources.files("eventwire") / "data" / "formats" / name).read_text(encoding="utf-8")
    rows = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if len(cells) != width:
            raise ValueError(f"data/formats/{name} line {number}: {width} columns expected")
        rows.append(cells)
    return rows


@lru_cache(maxsize=1)
def goldstein_table() -> dict[str, float]:
    """CAMEO event code -> Goldstein scale value."""
    return {code: float(value) for code, value in _rows("cameo_goldstein.tsv", 2)}


def goldstein(cameo: str | None) -> float | None:
    """The Goldstein value of a CAMEO code, or of its nearest listed parent; None if unknown."""
    table = goldstein_table()
    code = cameo or ""
    while len(code) >= 2:
        if code in table:
            return table[code]
        code = code[:-1]
    return None


def quad_class(cameo: str | None) -> int | None:
    """GDELT's QuadClass from the CAMEO root code: 01-05 verbal cooperation (1), 06-09
    material cooperation (2), 10-14 verbal conflict (3), 15-20 material conflict (4)."""
    if not cameo or len(cameo) < 2 or not cameo[:2].isdigit():
        return None
    root = int(cameo[:2])
    if not 1 <= root <= 20:
        return None
    return 1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4


@lru_cache(maxsize=1)
def countries() -> dict[str, Country]:
    """eventwire's country code (ISO alpha-3, or KOS) -> its ISO alpha-2, FIPS code and name."""
    return {
        iso3: Country(iso2, fips, name) for iso3, iso2, fips, name in _rows("fips_countries.tsv", 4)
    }


@lru_cache(maxsize=1)
def _plover_table() -> dict[tuple[str, str], tuple[float, int]]:
    return {
        (kind, mode): (float(score), int(quad))
        for kind, mode, score, quad in _rows("plover_scores.tsv", 4)
    }


def plover_score(kind: str, mode: str | None) -> float | None:
    """The PLOVER conflict-cooperation score of a type and mode (the type's own without one)."""
    table = _plover_table()
    found = table.get((kind, mode or "-")) or table.get((kind, "-"))
    return found[0] if found else None


def plover_quad(kind: str) -> int | None:
    """PLOVER's quad category of a type: 1-4, as GDELT's QuadClass counts them."""
    found = _plover_table().get((kind, "-"))
    return found[1] if found else None
