import json
from pathlib import Path

import pytest

from eventwire.goldsets import (
    TABLE_END,
    TABLE_START,
    below_floors,
    cleaning_files,
    cleaning_table,
    gold_files,
    markdown_table,
    replace_table,
)

FIG = {
    "precision": 0.8,
    "recall": 0.5,
    "f1": 0.615,
    "exact": 0.25,
    "fields": {"actor.country": {"acc": 0.9, "n": 10}, "dead": {"acc": 0.5, "n": 4}},
}


def test_table_has_a_row_per_set_with_field_accuracies() -> None:
    table = markdown_table({"demo": FIG}, {"demo": 12})
    header, _rule, row = table.splitlines()
    assert header.startswith("| gold set | docs | P | R | F1 | exact | mode |")
    assert row.startswith("| `demo` | 12 | 0.800 | 0.500 | 0.615 | 0.250 | – | 0.90 (10) |")
    assert "0.50 (4)" in row


def test_table_replaces_only_the_marked_block() -> None:
    readme = f"# Title\n\n{TABLE_START}\nold\n{TABLE_END}\n\nAfter.\n"
    out = replace_table(readme, "NEW")
    assert out == f"# Title\n\n{TABLE_START}\nNEW\n{TABLE_END}\n\nAfter.\n"
    with pytest.raises(ValueError, match="markers"):
        replace_table("# no markers", "NEW")


def test_floors_report_each_figure_below() -> None:
    floors = {"demo": {"f1": 0.6, "recall": 0.6, "actor.country": 0.95, "mode": 0.1}}
    problems = below_floors({"demo": FIG}, floors)
    assert problems == [
        "demo: recall 0.500 < floor 0.600",
        "demo: actor.country 0.900 < floor 0.950",
        "demo: mode 0.000 < floor 0.100",
    ]
    assert below_floors({"demo": FIG}, {"other": {"f1": 1.0}}) == []


def _write(path: Path, *docs: dict[str, object]) -> Path:
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return path


def test_sets_are_told_apart_by_their_lines_not_their_names(tmp_path: Path) -> None:
    events = _write(tmp_path / "a.jsonl", {"id": "1", "text": "t", "events": [], "scored": []})
    codes = _write(tmp_path / "b.codes.jsonl", {"id": "2", "events": [], "text_sha256": "x"})
    pages = _write(tmp_path / "c.jsonl", {"id": "3", "text": "t", "body_first": "t"})
    broken = tmp_path / "d.jsonl"
    broken.write_text("{not json\n", encoding="utf-8")
    # a set whose texts are kept apart, or with no events, is not scored as an event set; a
    # broken one is, so that the scorer names what is wrong with it
    assert gold_files(tmp_path, tmp_path / "absent") == [events, broken]
    assert cleaning_files(tmp_path) == [pages]
    assert codes not in gold_files(tmp_path)


def test_cleaning_table_has_a_row_per_set_and_its_own_markers() -> None:
    fig = {
        "pages": 3,
        "first": 1.0,
        "last": 0.5,
        "chrome_dropped": 0.9,
        "title": None,
        "publisher": 0.75,
        "published": 1.0,
    }
    table = cleaning_table({"demo": fig})
    assert table.splitlines()[2] == "| `demo` | 3 | 1.00 | 0.50 | 0.90 | – | 0.75 | 1.00 |"
    readme = "x\n<!-- cleaning-table:start -->\nold\n<!-- cleaning-table:end -->\n"
    assert "| `demo` |" in replace_table(readme, table, "cleaning-table")
