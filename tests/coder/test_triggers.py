"""Trigger words and their requirements (triggers.py), on sentences written for these tests."""

from functools import lru_cache

import pytest

from eventwire.coder.triggers import find_triggers
from eventwire.config import load_config
from eventwire.pipeline import context_for


@lru_cache(maxsize=2)
def _context(lang: str):
    return context_for(lang, load_config(None))


def types(text: str, lang: str = "en") -> list[str]:
    pipeline, ctx = _context(lang)
    sent = next(iter(pipeline.nlp(text).sents))
    return [m.entry.type for m in find_triggers(sent, ctx.lexicon, set())]


@pytest.mark.parametrize(
    ("text", "etype"),
    [
        ("Angry farmers said they would blockade Lyon from Monday.", "PROTEST"),
        ("Rebels have sworn to fight until they take the capital.", "ASSAULT"),
    ],
)
def test_a_requirement_is_met_by_the_doer_a_pronoun_or_a_complement_stands_for(
    text: str, etype: str
) -> None:
    assert etype in types(text)


def test_a_requirement_is_still_needed() -> None:
    # "blockade" is a protest when protesters, farmers or truckers do it; a word fight is none
    assert "PROTEST" not in types("Officials said they would blockade the proposal.")
    assert "ASSAULT" not in types("The senators have sworn to fight the new tax.")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The peso has risen since it began trading freely in March 1985.", "en"),
        ("La junte a reconnu qu'un civil avait été tué, faisant état de trois blessés.", "fr"),
    ],
)
def test_words_of_a_date_or_of_a_clause_of_their_own_meet_no_requirement(
    text: str, lang: str
) -> None:
    assert "PROTEST" not in types(text, lang) and "SUPPORT" not in types(text, lang)


@pytest.mark.parametrize(
    ("text", "lang", "etype"),
    [
        ("The Gulf Cooperation Council condemned the raid.", "en", "COOPERATE"),
        ("Le Conseil de coopération du Golfe a condamné le raid.", "fr", "COOPERATE"),
        ("La Ligue pour la démocratie libérée a dénoncé les arrestations.", "fr", "RETREAT"),
    ],
)
def test_a_word_inside_an_organisations_name_is_no_trigger(
    text: str, lang: str, etype: str
) -> None:
    assert etype not in types(text, lang)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("China banned imports of Japanese seafood.", "en"),
        ("La Chine a interdit les importations de produits de la mer japonais.", "fr"),
    ],
)
def test_a_ban_on_trade_is_a_sanction(text: str, lang: str) -> None:
    assert types(text, lang) == ["SANCTION"]
