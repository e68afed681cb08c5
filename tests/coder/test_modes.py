"""Mode cues (data/*/modes.tsv): what a clause's words say of how an act was done."""

import pytest

from eventwire import extract


def _modes(text: str, lang: str) -> list[str | None]:
    article = extract(text, published="2021-03-02", lang=lang)
    return [e.mode for e in article.events if e.type == "ASSAULT"]


@pytest.mark.parametrize(
    ("text", "lang", "mode"),
    [
        (
            "A suicide bomber set off a blast at a checkpoint in the city on Monday, killing four "
            "policemen.",
            "en",
            "suicide-attack",
        ),
        (
            "Un kamikaze a fait exploser une bombe devant un commissariat lundi, tuant quatre "
            "policiers.",
            "fr",
            "suicide-attack",
        ),
        (
            "Police fired tear gas at protesters outside the parliament on Monday.",
            "en",
            "crowd-control",
        ),
    ],
)
def test_a_specific_cue_refines_the_mode_the_trigger_set(text: str, lang: str, mode: str) -> None:
    assert mode in _modes(text, lang)


def test_a_cue_does_not_refine_a_mode_it_does_not_list() -> None:
    # an air strike stays aerial though a bomb is named
    modes = _modes("Warplanes bombed a village on Monday, dropping bombs on houses.", "en")
    assert modes and "explosives" not in modes


def _mode_of(text: str, lang: str, etype: str) -> list[str | None]:
    article = extract(text, published="2021-03-02", lang=lang)
    return [e.mode for e in article.events if e.type == etype]


@pytest.mark.parametrize(
    ("text", "lang", "etype", "mode"),
    [
        (
            "The president called his French counterpart on Monday and discussed the crisis.",
            "en",
            "CONSULT",
            "phone",
        ),
        (
            "Les dirigeants de la région se sont réunis en sommet lundi à Accra.",
            "fr",
            "CONSULT",
            "multilateral",
        ),
        ("Deux cents manifestants ont été arrêtés dimanche à Minsk.", "fr", "COERCE", "arrest"),
        (
            "Iran threatened on Tuesday to close the strait to all shipping.",
            "en",
            "THREATEN",
            "restrict",
        ),
        (
            "La Cedeao a menacé le Niger d'une intervention militaire.",
            "fr",
            "THREATEN",
            "violence",
        ),
    ],
)
def test_cue_words_say_how_a_meeting_went_an_arrest_ended_or_what_a_threat_holds(
    text: str, lang: str, etype: str, mode: str
) -> None:
    assert mode in _mode_of(text, lang, etype)


def test_firing_to_disperse_a_crowd_is_crowd_control() -> None:
    modes = _mode_of(
        "Les forces de l'ordre ont tiré des coups de feu pour disperser les manifestants.",
        "fr",
        "ASSAULT",
    )
    assert modes == ["crowd-control"]


def test_breaking_off_relations_discontinues_them() -> None:
    # PLOVER: 'withdraw' takes one's own resources out; ending relations is 'discontinue'
    assert _mode_of(
        "Algeria severed diplomatic ties with Morocco on Tuesday.", "en", "SANCTION"
    ) == ["discontinue"]
    assert _mode_of(
        "L'Algérie a rompu ses relations diplomatiques avec le Maroc mardi.", "fr", "SANCTION"
    ) == ["discontinue"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Le ministre a appelé Pékin à suspendre l'interdiction des importations de poisson.",
            "fr",
        ),
        ("Le Niger a demandé à la France de lever les sanctions.", "fr"),
        ("The opposition urged the government to lift the curfew in the capital.", "en"),
        ("The UN called on both sides to halt the fighting in Darfur.", "en"),
    ],
)
def test_asking_to_end_a_ban_sanctions_or_fighting_asks_to_yield(text: str, lang: str) -> None:
    assert _mode_of(text, lang, "REQUEST") == ["yield"]


def test_asking_to_talk_is_not_asking_to_yield() -> None:
    assert _mode_of("Le gouvernement a appelé les manifestants à dialoguer.", "fr", "REQUEST") == [
        "meet"
    ]
