"""The code tables: Goldstein values, quad classes, FIPS codes and PLOVER scores."""

from __future__ import annotations

import pytest

from eventwire.formats.codebooks import (
    countries,
    goldstein,
    goldstein_table,
    plover_quad,
    plover_score,
    quad_class,
)
from eventwire.records import EVENT_TYPES


def test_goldstein_by_code_then_parent() -> None:
    assert goldstein("043") == 2.8
    assert goldstein("0874") == 10.0
    assert goldstein("1823") == -10.0
    assert goldstein("1951") == goldstein("195") == -10.0  # unlisted: its parent's value
    assert goldstein(None) is None and goldstein("99") is None
    assert all(-10 <= value <= 10 for value in goldstein_table().values())
    assert len(goldstein_table()) > 300


@pytest.mark.parametrize(
    ("code", "quad"),
    [("010", 1), ("057", 1), ("060", 2), ("0874", 2), ("10", 3), ("145", 3), ("150", 4),
     ("2042", 4), ("21", None), ("", None), ("xx", None)],
)  # fmt: skip
def test_quad_class_from_the_root_code(code: str, quad: int | None) -> None:
    assert quad_class(code) == quad


def test_fips_codes_where_they_differ_from_iso() -> None:
    table = countries()
    assert (table["DEU"].iso2, table["DEU"].fips) == ("DE", "GM")
    assert table["CHE"].fips == "SZ" and table["DZA"].fips == "AG"
    assert table["GBR"].fips == "UK" and table["UKR"].fips == "UP"
    assert table["SSD"].fips == "OD" and table["KOS"].fips == "KV"
    assert table["FRA"].fips == "FR"
    assert "UNO" not in table and "IGO" not in table


def test_plover_scores_and_quads() -> None:
    assert plover_score("ASSAULT", "aerial") == -9.5
    assert plover_score("ASSAULT", None) == -9
    assert plover_score("PROTEST", "vandalize") == -5  # an unscored mode: the type's score
    assert plover_score("ACCUSE", None) == -3
    assert {plover_quad(kind) for kind in EVENT_TYPES} == {1, 2, 3, 4}
    assert [plover_quad(k) for k in ("CONSULT", "AID", "THREATEN", "SANCTION")] == [1, 2, 3, 4]
