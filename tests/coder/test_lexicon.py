from pathlib import Path

import pytest

from eventwire.coder.lexicon import LexiconError, load_lexicon
from eventwire.records import EVENT_TYPES


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_bundled_lexicons_cover_every_plover_type(lang: str) -> None:
    lex = load_lexicon(lang)
    types = {e.type for entries in lex.triggers.values() for e in entries}
    assert types == set(EVENT_TYPES)
    assert lex.version.startswith(f"{lang}-")


def test_multiword_triggers_are_keyed_by_lemmas() -> None:
    lex = load_lexicon("fr")
    (entry,) = lex.triggers[("frappe", "aérien")]
    assert (entry.type, entry.mode, entry.cameo) == ("ASSAULT", "aerial", "195")
    assert lex.max_trigger_words >= 4


def test_user_patterns_replace_and_extend_the_bundled_ones(tmp_path: Path) -> None:
    user = tmp_path / "mine.tsv"
    user.write_text(
        "# my patterns\n"
        "bombarder\tVERB\tASSAULT\theavy-weapons\t194\toneway\t-\t-\n"
        "razzier\tVERB\tASSAULT\t-\t190\toneway\t-\t-\n",
        encoding="utf-8",
    )
    lex = load_lexicon("fr", [user])
    assert [e.mode for e in lex.triggers[("bombarder",)]] == ["heavy-weapons"]
    assert lex.triggers[("razzier",)][0].type == "ASSAULT"
    assert lex.version != load_lexicon("fr").version


def test_bad_user_line_names_file_and_line(tmp_path: Path) -> None:
    user = tmp_path / "bad.tsv"
    user.write_text("attaquer\tVERB\tATTACK\t-\t190\toneway\t-\t-\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"bad.tsv:1: unknown event type 'ATTACK'"):
        load_lexicon("fr", [user])
    missing = tmp_path / "absent.tsv"
    with pytest.raises(LexiconError, match=r"absent\.tsv: cannot read"):
        load_lexicon("fr", [missing])


def test_bundled_lines_for_one_lemma_are_all_kept_in_order() -> None:
    lex = load_lexicon("en")
    multi = {k: es for k, es in lex.triggers.items() if len({(e.pos, e.type) for e in es}) > 1}
    assert multi, "the bundled lexicon has lemmas with several readings"
    for entries in multi.values():
        assert not any(e.user for e in entries)
