"""Plain-text scrapes: chrome out, headline and body paragraphs kept, metadata read."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.clean import Cleaned, CleanError, clean
from eventwire.clean.plaintext import normalise_space, split_text
from eventwire.read import RawDocument, document_from_string, read_inputs

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "clean"


def _clean_file(name: str) -> Cleaned:
    (doc,) = read_inputs([FIXTURES / name])
    assert isinstance(doc, RawDocument)
    return clean(doc)


def _clean_text(text: str) -> Cleaned:
    return clean(document_from_string(text))


def _starts_match(cleaned: Cleaned, starts: list[str]) -> bool:
    paragraphs = cleaned.body.split("\n\n")
    return len(paragraphs) == len(starts) and all(
        p.startswith(s) for p, s in zip(paragraphs, starts, strict=True)
    )


def test_french_regional_site() -> None:
    cleaned = _clean_file("niamey-fr.txt")
    assert cleaned.title == (
        "Niger : des manifestants réclament le départ des troupes étrangères à Niamey"
    )
    assert _starts_match(
        cleaned,
        [
            "Plusieurs milliers de per",
            "Les manifestants, rassem",
            "« Nous ne voulons plus d",
            "Aucun incident n'a été s",
            "Le gouvernement a de son",
        ],
    )
    assert cleaned.authors == ["Moussa KANTÉ", "Claire Dubois"]
    assert cleaned.published == "2023-09-18T14:05:00"  # not the update time
    assert cleaned.section == "Monde"
    for chrome in ("Publicité", "Lire aussi", "Facebook", "©", "Sur le même sujet", "ONU"):
        assert chrome not in cleaned.text


def test_english_site_with_breadcrumbs_and_wire_credits() -> None:
    cleaned = _clean_file("dorohusk-en.txt")
    assert cleaned.title == "Ukraine and Poland agree to reopen border crossing after grain dispute"
    paragraphs = cleaned.body.split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[0].startswith("KYIV, Feb 10 (Reuters) - Ukraine and Poland agreed")
    assert paragraphs[2] == (
        '"This is a first step, not the end of the story," a Polish government spokesman'
        " told reporters in Warsaw."
    )
    assert cleaned.section == "World"
    assert cleaned.published == "2024-02-10T08:17:00"
    assert cleaned.publisher == "Reuters"
    assert cleaned.authors == ["Olena Petrenko", "Mark Wilson"]
    assert cleaned.editors == ["John Smith"]
    for chrome in ("Updated", "Share", "Advertisement", "Read more", "Related", "Cyclone"):
        assert chrome not in cleaned.text


def test_bylined_agency_story() -> None:
    cleaned = _clean_file("kaboul-fr.txt")
    assert cleaned.title is not None and cleaned.title.startswith("Afghanistan : au moins douze")
    assert cleaned.body.startswith("KABOUL (AFP) - Au moins douze personnes ont été tuées")
    assert cleaned.body.endswith("plusieurs blessés se trouvaient dans un état grave.")
    assert cleaned.authors == ["Jean-Baptiste Lefèvre"]
    assert cleaned.publisher == "AFP"
    assert cleaned.published == "2022-10-14T12:47:00"
    assert "MONDE" not in cleaned.text and "Tags" not in cleaned.text
    assert any("MONDE" in w for w in cleaned.warnings)


def test_hard_wrapped_capitals_wire_story_is_kept_whole() -> None:
    cleaned = _clean_file("esteli-wire.txt")
    assert cleaned.title is None
    assert cleaned.body.split("\n\n") == [
        "MANAGUA, 12 MAR 89 (ACAN-EFE) -- [TEXT] TWO POLICEMEN WERE KILLED AND FOUR OTHERS WERE"
        " WOUNDED LAST NIGHT WHEN UNIDENTIFIED GUNMEN ATTACKED A POLICE STATION IN THE NORTHERN"
        " TOWN OF ESTELI, THE INTERIOR MINISTRY REPORTED TODAY.",
        "ACCORDING TO THE REPORT, THE ATTACKERS FLED TOWARD THE HONDURAN BORDER BY FOOT AFTER"
        " THE 30-MINUTE CLASH. A MINISTRY SPOKESMAN SAID THAT THE ARMY HAS SENT TROOPS TO THE"
        " AREA.",
    ]
    assert cleaned.published == "1989-03-12"
    assert cleaned.publisher == "ACAN-EFE"
    assert cleaned.authors == []


def test_wrapped_capital_lines_that_look_like_bylines_stay_in_the_story() -> None:
    text = (
        "   SAN SALVADOR, 4 JAN 90 -- [TEXT] ACCORDING TO THE ARMY, THE TOWN WAS TAKEN BACK\n"
        "BY THE TERRORISTS.\n"
        "BY REACHING THE HILLS, THE GUERRILLAS AND THEIR LEADERS HAVE TAKEN A\n"
        "NEW POSITION NEAR THE DAM.\n"
    )
    cleaned = _clean_text(text)
    assert cleaned.title is None
    assert normalise_space(cleaned.text) == normalise_space(text)
    assert cleaned.published == "1990-01-04"


@pytest.mark.parametrize(
    "text",
    [
        "Brazil and the United States are seeking to deepen a partnership in energy.",
        "Des soldats tués près de Gao",
        "À Denver, une femme de 72 ans a perdu sa maison. Les secours l’ont sauvée.",
        "Le score : 3 à 1",
    ],
)
def test_a_single_paragraph_is_the_body_with_no_title(text: str) -> None:
    cleaned = _clean_text(text)
    assert cleaned.title is None
    assert cleaned.body == text == cleaned.text
    assert cleaned.body_start == 0


def test_text_without_headline_keeps_every_paragraph() -> None:
    text = (
        "The army said on Tuesday that rebels had attacked a convoy.\n\n"
        "Two soldiers were hurt.\n\n"
        "No group claimed the attack."
    )
    cleaned = _clean_text(text)
    assert cleaned.title is None
    assert cleaned.body == text


def test_short_body_paragraphs_and_body_bullets_are_kept() -> None:
    text = (
        "Attaque contre un poste de police dans le nord du Burkina Faso\n\n"
        "Un poste de police a été attaqué dimanche à Djibo.\n\n"
        "Bilan :\n"
        "• Trois policiers ont été tués.\n"
        "• Deux civils ont été blessés.\n\n"
        "Par ailleurs, un couvre-feu a été décrété.\n\n"
        "Oui."
    )
    cleaned = _clean_text(text)
    assert cleaned.title == "Attaque contre un poste de police dans le nord du Burkina Faso"
    assert cleaned.body.split("\n\n") == [
        "Un poste de police a été attaqué dimanche à Djibo.",
        "Bilan :",
        "• Trois policiers ont été tués.",
        "• Deux civils ont été blessés.",
        "Par ailleurs, un couvre-feu a été décrété.",
        "Oui.",
    ]
    assert cleaned.authors == []


def test_whitespace_is_normalised_but_characters_are_kept() -> None:
    text = (
        "Titre\u00a0avec\u202fdes espaces insécables ici\n\n"
        "« Nous   l’avons\u00a0dit », a-t-il\tdéclaré\u200b.\n\n"
        "Fin\u00ad de l’histoire."
    )
    cleaned = _clean_text(text)
    assert cleaned.title == "Titre avec des espaces insécables ici"
    assert cleaned.body == "« Nous l’avons dit », a-t-il déclaré.\n\nFin de l’histoire."


def test_lines_broken_in_mid_sentence_are_joined_and_one_line_paragraphs_kept() -> None:
    long_a = "Les forces de sécurité ont dispersé la manifestation devant le parlement " * 2
    long_b = "Le ministre a annoncé l'ouverture d'une enquête sur les violences signalées " * 2
    text = f"{long_a.strip()}\nen fin de journée.\n{long_b.strip()}.\nUne autre phrase suit."
    cleaned = _clean_text(text)
    assert cleaned.body.split("\n\n") == [
        f"{long_a.strip()} en fin de journée.",
        f"{long_b.strip()}.",
        "Une autre phrase suit.",
    ]


def test_end_of_article_marker_before_the_body_only_drops_its_line() -> None:
    text = (
        "Comments\n\n"
        "Flooding kills twelve in northern Bangladesh villages\n\n"
        "At least twelve people died in floods in northern Bangladesh, officials said.\n\n"
        "Related stories\n"
        "Cyclone season starts early"
    )
    cleaned = _clean_text(text)
    assert cleaned.title == "Flooding kills twelve in northern Bangladesh villages"
    assert cleaned.body == (
        "At least twelve people died in floods in northern Bangladesh, officials said."
    )
    assert any("Related stories" in w for w in cleaned.warnings)


def test_a_date_line_inside_the_story_is_not_taken_for_a_dateline() -> None:
    text = (
        "Le comité a publié le communiqué suivant dans la soirée.\n\n"
        "« Nous appelons toutes les parties au calme. »\n\n"
        "Niamey, le 18 septembre 2023"
    )
    cleaned = _clean_text(text)
    assert cleaned.body == text
    assert cleaned.published is None


def test_chrome_only_text_raises_clean_error_naming_the_source() -> None:
    doc = document_from_string(
        "Partagez cet article sur :\n• Votre pseudo\n\nPublicité", source="page.txt"
    )
    with pytest.raises(CleanError, match=r"^page\.txt: no article text left after cleaning"):
        clean(doc)


def test_split_text_gives_parts() -> None:
    parts = split_text("Xinhua | 10.02.2017 08h17\n\nUne phrase.")
    assert parts.title is None
    assert parts.paragraphs == ["Une phrase."]
    assert parts.meta.publisher == "Xinhua"


def test_headline_byline_and_date_on_consecutive_lines() -> None:
    text = (
        "Floods force thousands from their homes in southern Pakistan\n"
        "By Amina Shah\n"
        "August 28, 2022 9:41 AM\n"
        "Rising waters forced more than 20,000 people to leave their homes in Sindh province"
        " on Sunday, the provincial disaster authority said in a statement.\n"
        "Army helicopters dropped food to villages cut off by the floods.\n"
    )
    cleaned = _clean_text(text)
    assert cleaned.title == "Floods force thousands from their homes in southern Pakistan"
    assert cleaned.authors == ["Amina Shah"]
    assert cleaned.published == "2022-08-28T09:41:00"
    assert cleaned.body.split("\n\n") == [
        "Rising waters forced more than 20,000 people to leave their homes in Sindh province"
        " on Sunday, the provincial disaster authority said in a statement.",
        "Army helicopters dropped food to villages cut off by the floods.",
    ]


def test_metadata_pieces_cut_by_bars_without_spaces() -> None:
    body = (
        "The minister met his counterpart on Thursday to discuss trade and the security of "
        "the border region, officials said after the talks."
    )
    parts = split_text(
        "Ministers meet to discuss border trade\n\n"
        "Source: Xinhua| 2019-01-04 03:39:35|Editor: ZD\n\n" + body
    )
    assert (parts.meta.publisher, parts.meta.published) == ("Xinhua", "2019-01-04T03:39:35")
    assert parts.meta.editors == ["ZD"]
    assert parts.paragraphs == [body]


def test_a_date_beside_an_agency_is_metadata_even_after_a_standfirst() -> None:
    body = (
        "A bomber set off a blast among police officers on Wednesday in the centre of the "
        "capital, killing three people and wounding four, officials said."
    )
    parts = split_text(
        "You are here: Home Collections\n\nBlast kills three in the capital\n\n"
        "The explosion targeted police officers, officials say.\n\n"
        "March 05, 2009|Associated Press\n\n" + body
    )
    assert parts.title == "Blast kills three in the capital"
    assert (parts.meta.publisher, parts.meta.published) == ("Associated Press", "2009-03-05")
    assert "March 05, 2009|Associated Press" not in parts.paragraphs


def test_a_correspondent_line_is_a_byline() -> None:
    body = (
        "Le rassemblement organisé samedi dans le parc a réuni plusieurs milliers de "
        "personnes avant d'être dispersé par la police en fin de journée."
    )
    parts = split_text("Avec notre correspondant à Moscou, Jean Dupont\n\n" + body)
    assert parts.meta.authors == ["Jean Dupont"]
    assert parts.paragraphs == [body]
