"""Casualty counts on sentences and short stories written for these tests."""

from __future__ import annotations

from functools import lru_cache

import pytest

import eventwire
from eventwire.coder.casualties import Count, count_words, find_counts, story_counts
from eventwire.coder.lexicon import load_lexicon
from eventwire.config import load_config
from eventwire.pipeline import context_for


@lru_cache(maxsize=2)
def _nlp(lang: str):
    pipeline, _ctx = context_for(lang, load_config(None))
    return pipeline.nlp


def counts(text: str, lang: str = "en") -> list[tuple[str, int]]:
    doc = _nlp(lang)(text)
    lex = load_lexicon(lang)
    return [(c.kind, c.value) for sent in doc.sents for c in find_counts(sent, lex)]


def totals(text: str, lang: str = "en") -> dict[str, int]:
    out: dict[str, int] = {}
    for kind, value in counts(text, lang):
        out[kind] = out.get(kind, 0) + value
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the object of an active verb, coordinated victims add up
        ("Soldiers massacred six farmers and two teachers near the river.", {"dead": 8}),
        # a passive subject named, and the victims a companion phrase adds
        (
            "Mayor Ana Ruiz was killed near her home, along with two of her bodyguards.",
            {"dead": 3},
        ),
        # a noun's "of" complement
        ("The union condemned the murder of 10 of its members.", {"dead": 10}),
        ("The bodies of four of the missing hikers were found on Tuesday.", {"dead": 4}),
        # one person found dead, one named in a killing
        ("The kidnapped judge was found dead on Sunday.", {"dead": 1}),
        ("Gunmen killed the mayor of Esperanza and two farmers.", {"dead": 3}),
        # participles after their noun, numbers with qualifiers
        ("Four people killed, five injured in a market blast.", {"dead": 4, "injured": 5}),
        (
            "The explosion killed at least 25 people and wounded 40 others.",
            {"dead": 25, "injured": 40},
        ),
        ("Two soldiers died in the ambush.", {"dead": 2}),
        ("The death toll rose to 31.", {"dead": 31}),
    ],
)
def test_english_counts(text: str, expected: dict[str, int]) -> None:
    assert totals(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # ages, clock times, days of a month and measures are not victims
        "Businessman Omar Vidal, 45, was shot to death at 1620 on 28 July near his office.",
        "The engineer was killed some 50 meters from the bridge.",
    ],
)
def test_numbers_that_are_not_victims(text: str) -> None:
    assert totals(text) == {"dead": 1}


def test_running_totals_are_not_an_incident() -> None:
    assert counts("So far this year, 12 of its members have been murdered.") == []
    assert counts("Over 7,000 people have died during 10 years of civil war.") == []


def test_a_breakdown_counts_once() -> None:
    assert totals("Three civilians, two women and a man, died in the fire.") == {"dead": 3}
    assert totals("The army reported 17 casualties, including 9 wounded soldiers.") == {
        "injured": 17
    }


def test_wounds_are_not_wounded_people() -> None:
    assert "injured" not in totals("The victim's body showed 18 bullet wounds.")


def test_no_one_hurt() -> None:
    assert counts("No one was hurt in the blast.") == []


def test_additive_victims_are_flagged() -> None:
    doc = _nlp("en")("Two of his bodyguards were also killed.")
    found = [c for s in doc.sents for c in find_counts(s, load_lexicon("en"))]
    assert [(c.value, c.additive) for c in found] == [(2, True)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Un drone a tué par erreur quatre civils près de Gao.", {"dead": 4}),
        (
            "L'obus a frappé une caserne, tuant trois d'entre eux et en blessant onze autres.",
            {"dead": 3, "injured": 11},
        ),
        ("Ils ont dénoncé la mort de deux journalistes.", {"dead": 2}),
        ("Quinze manifestants ont été interpellés par la police.", {"arrested": 15}),
    ],
)
def test_french_counts(text: str, expected: dict[str, int]) -> None:
    assert totals(text, "fr") == expected


def _count(value: int, kind: str = "dead", additive: bool = False) -> Count:
    return Count(kind, value, 0, 0, None, "test", additive=additive)


def test_the_first_count_told_is_the_events() -> None:
    # later sentences drift to totals and other incidents ("the attack against X killed 10")
    assert story_counts([[_count(3)], [_count(10)], [_count(2)]]) == {"dead": 3}


def test_a_later_sentence_that_extends_the_count_replaces_it() -> None:
    # "six Jesuits were murdered" ... "the murder of six Jesuits and two women"
    assert story_counts([[_count(6)], [_count(6), _count(2)]]) == {"dead": 8}


def test_more_victims_add_to_those_told_before() -> None:
    # "The minister was killed." ... "Two of his bodyguards were also killed."
    assert story_counts([[_count(1)], [_count(2, additive=True)]]) == {"dead": 3}
    # one sentence telling both is whole: a restatement does not add it again
    both = [_count(1), _count(2, additive=True)]
    assert story_counts([both, [_count(2)]]) == {"dead": 3}


def test_kinds_are_counted_apart() -> None:
    assert story_counts([[_count(2), _count(5, "injured")]]) == {"dead": 2, "injured": 5}


def test_count_words_has_every_class() -> None:
    for lang in ("en", "fr"):
        table = count_words(lang)
        assert all(table[c] for c in ("unit", "month", "person", "also", "cumulative"))


def test_a_sentence_with_no_assault_gives_its_count_to_the_story() -> None:
    text = (
        "Gunmen attacked a police post in the town of Rio Seco on Monday night.\n\n"
        "The provincial governor confirmed the death of four policemen."
    )
    events = [e for e in eventwire.extract(text, published="2023-03-14").events]
    assaults = [e for e in events if e.type == "ASSAULT"]
    assert [e.dead for e in assaults] == [4]


def test_victims_told_as_more_add_up_across_sentences() -> None:
    text = (
        "Rebels shot dead the governor of Alto Verde province on Sunday.\n\n"
        "Two of his bodyguards were also killed in the attack, the army said."
    )
    events = [e for e in eventwire.extract(text, published="2023-03-14").events]
    assert [e.dead for e in events if e.type == "ASSAULT"] == [3]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Quatre soldats ont trouvé la mort mardi dans une embuscade près de Gao.", "fr", 4),
        (
            "L'attaque contre l'aéroport, dans laquelle trois personnes ont trouvé la mort, "
            "a été revendiquée par les rebelles.",
            "fr",
            3,
        ),
        ("Two climbers met their death on the north face on Tuesday.", "en", 2),
    ],
)
def test_meeting_death_is_dying(text: str, lang: str, expected: int) -> None:
    assert totals(text, lang).get("dead") == expected


def test_finding_a_death_noun_is_not_dying() -> None:
    assert "dead" not in totals("Les enquêteurs ont trouvé la mort de ce témoin suspecte.", "fr")


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Gunmen killed a Sunni Muslim sheik, his wife and two sons.", "en", 4),
        ("Des hommes armés ont tué un cheikh, son épouse et deux de ses fils.", "fr", 4),
        ("Gunmen killed a shepherd and a villager near the border.", "en", 2),
    ],
)
def test_religious_and_rural_people_named_as_victims_count_one_each(
    text: str, lang: str, expected: int
) -> None:
    assert totals(text, lang).get("dead") == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "Samedi, un Casque bleu égyptien a été tué et quatre membres de son unité blessés "
            "par l'explosion d'une mine.",
            "fr",
            {"dead": 1, "injured": 4},
        ),
        (
            "A peacekeeper was killed and four members of his unit were wounded by a mine.",
            "en",
            {"dead": 1, "injured": 4},
        ),
        (
            "Deux policiers ont été tués et cinq civils blessés lundi.",
            "fr",
            {"dead": 2, "injured": 5},
        ),
    ],
)
def test_a_number_whose_own_phrase_says_wounded_is_not_counted_dead(
    text: str, lang: str, expected: dict[str, int]
) -> None:
    assert totals(text, lang) == expected


def test_a_helmet_is_not_a_peacekeeper() -> None:
    assert totals("Un casque a été retrouvé près du corps.", "fr") == {}
