import pytest

from eventwire.goldsets import TABLE_END, TABLE_START, below_floors, markdown_table, replace_table

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
