"""Party mentions and their countries (mentions.py), on sentences written for these tests."""

from functools import lru_cache

import pytest

from eventwire.coder.mentions import Mention, sentence_mentions
from eventwire.config import load_config
from eventwire.pipeline import context_for


@lru_cache(maxsize=2)
def _context(lang: str):
    return context_for(lang, load_config(None))


def mentions(text: str, lang: str = "en", places: dict[int, str] | None = None) -> list[Mention]:
    pipeline, ctx = _context(lang)
    doc = pipeline.nlp(text)
    sent = next(iter(doc.sents))
    return sentence_mentions(sent, ctx.actors, None, ctx.lexicon.event_nouns, places)


def coded(text: str, head: str, lang: str = "en") -> tuple[str | None, str | None]:
    found = [m for m in mentions(text, lang) if m.text.split()[-1] == head or m.text == head]
    assert found, [(m.text, m.country, m.sector) for m in mentions(text, lang)]
    return found[0].country, found[0].sector


def test_a_country_in_the_of_complement() -> None:
    assert coded("The president of Armenia arrived on Monday.", "president") == ("ARM", "GOV")


def test_a_country_through_a_participle_and_a_union_name() -> None:
    text = "Workers affiliated with the Polish miners' union stopped work."
    assert coded(text, "Workers") == ("POL", "LAB")


def test_an_ambassador_to_a_country_is_not_of_it() -> None:
    country, sector = coded("The ambassador to Turkey left Ankara.", "ambassador")
    assert country != "TUR" and sector == "GOV"


def test_two_word_nationality() -> None:
    text = "Hackers targeted South Korean army officers."
    assert coded(text, "officers") == ("KOR", "MIL")


@pytest.mark.parametrize(
    ("text", "head", "lang"),
    [
        ("Hundreds of ethnic Serbs gathered on Sunday.", "Serbs", "en"),
        ("Des Albanais ethniques ont manifesté dimanche.", "ethniques", "fr"),
    ],
)
def test_an_ethnic_group_is_civilians_with_no_nationality(text: str, head: str, lang: str) -> None:
    found = [m for m in mentions(text, lang) if m.sector == "CVL"]
    assert found and found[0].country is None, [
        (m.text, m.country, m.sector) for m in mentions(text, lang)
    ]


def test_a_nationality_on_an_argument_makes_an_owner_but_not_on_a_place() -> None:
    owners = [m for m in mentions("Bangladesh rejected an Indian proposal.") if m.kind == "owner"]
    assert [(m.text, m.country) for m in owners] == [("an Indian proposal", "IND")]
    near = mentions("Troops massed near the Turkish border.")
    assert not [m for m in near if m.kind == "owner"]


def test_a_settled_place_in_the_phrase_gives_the_country() -> None:
    text = "Kirkuk police arrested two men."
    pipeline, _ = _context("en")
    kirkuk = next(t.i for t in pipeline.nlp(text) if t.text == "Kirkuk")
    police = [m for m in mentions(text, places={kirkuk: "IRQ"}) if m.sector == "COP"]
    assert police and police[0].country == "IRQ"
    assert next(m for m in mentions(text) if m.sector == "COP").country is None


@pytest.mark.parametrize(
    "text,lang,want",
    [
        ("L'attaque a coûté la vie de trois soldats turcs lundi.", "fr", "trois soldats turcs"),
        ("La manifestation a été dispersée par les policiers.", "fr", "les policiers"),
        ("Le raid du Hamas a fait des victimes.", "fr", "Hamas"),
        ("The strike was carried out by Russian troops on Monday.", "en", "Russian troops"),
        (
            "Des hommes armés ont attaqué une patrouille de police lundi.",
            "fr",
            "une patrouille de police",
        ),
        ("Les rebelles ont tué un fermier vendredi soir.", "fr", "un fermier"),
        ("Une attaque de drones russes contre Odessa a fait deux morts.", "fr", "drones russes"),
    ],
)
def test_a_party_span_has_no_preposition_nor_date(text: str, lang: str, want: str) -> None:
    assert want in [m.text for m in mentions(text, lang)]


def test_a_gang_named_after_an_armed_group_is_not_that_group() -> None:
    found = [m for m in mentions("Le gang Taliban a attaqué le commissariat.", "fr") if m.sector]
    assert [(m.country, m.sector) for m in found][:1] == [(None, "CRM")]


def test_a_protest_named_as_an_argument_stands_for_its_people() -> None:
    text = "Police dispersed the demonstration with tear gas."
    assert coded(text, "demonstration") == (None, "CVL")


@pytest.mark.parametrize(
    "text,lang,head",
    [
        ("Gunmen killed five people in the market.", "en", "people"),
        ("Des hommes armés ont tué cinq personnes au marché.", "fr", "personnes"),
    ],
)
def test_people_an_act_befalls_are_civilians(text: str, lang: str, head: str) -> None:
    assert coded(text, head, lang) == (None, "CVL")


def test_the_negative_personne_is_no_one() -> None:
    text = "Personne n'a revendiqué l'attaque contre le convoi."
    assert [m.text for m in mentions(text, "fr") if m.sector == "CVL"] == []


@pytest.mark.parametrize(
    "text,lang",
    [
        ("Les soldats maliens et nigériens ont repoussé l'assaut.", "fr"),
        ("Malian and Nigerien soldiers repelled the assault.", "en"),
    ],
)
def test_coordinated_nationalities_make_a_party_each(text: str, lang: str) -> None:
    found = [(m.country, m.sector) for m in mentions(text, lang) if m.sector == "MIL"]
    assert found == [("MLI", "MIL"), ("NER", "MIL")]
