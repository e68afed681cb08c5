"""The line-by-line article finder, on flat pages written for these tests."""

from eventwire.clean import boilerplate
from eventwire.clean.plaintext import split_text

_BODY_FR = [
    "Au moins sept personnes ont été tuées mardi dans l'attaque d'un marché de la ville par "
    "des hommes armés, selon les autorités locales qui ont ouvert une enquête.",
    "Les assaillants sont arrivés à moto en début de matinée et ont ouvert le feu sur les "
    "commerçants avant de prendre la fuite vers le nord, a indiqué un témoin.",
    "Le gouverneur de la région a décrété un deuil de trois jours et promis que les auteurs "
    "de cette attaque seraient retrouvés et jugés.",
]
_BODY_EN = [
    "Protesters gathered outside the parliament on Saturday to demand the release of two "
    "journalists who were detained last week, witnesses said.",
    "Police used water cannon to disperse the crowd after it refused to leave the square, and "
    "at least a dozen people were taken to hospital with minor injuries.",
    "The interior ministry said in a statement that the officers had acted within the law and "
    "that an inquiry would look into the complaints of the families.",
]


def _page(*lines: str) -> str:
    return "\n\n".join(lines)


def test_menus_captions_links_and_forms_around_the_article_are_dropped() -> None:
    page = _page(
        "Rechercher",
        "Monde Afrique",
        "Marché attaqué : sept morts dans le centre du pays",
        "Des commerçants devant le marché incendié, mardi. (Photo d'archives / AFP)",
        *_BODY_FR,
        "➡️ Tous les détails ici",
        "08:30Sports - Le match de la veille en images",
        "Autres vidéos",
        "Vos réactions doivent respecter nos CGU.",
        "© 2024 Le Quotidien du Soir. Tous droits réservés.",
    )
    parts = split_text(page)
    assert parts.title == "Marché attaqué : sept morts dans le centre du pays"
    assert parts.paragraphs == _BODY_FR
    assert parts.meta.publisher == "Le Quotidien du Soir"


def test_a_page_cut_in_mid_sentence_keeps_its_last_words() -> None:
    cut = "Les habitants du quartier ont raconté que les tirs avaient dur"
    parts = split_text(_page("Sept morts dans l'attaque d'un marché", *_BODY_FR, cut))
    assert parts.paragraphs[-1] == cut


def test_a_row_of_links_after_the_body_is_not_taken_for_a_cut_sentence() -> None:
    parts = split_text(
        _page(
            "Water cannon used on protesters outside parliament",
            *_BODY_EN,
            "Cookie Policy Privacy Policy Terms and Conditions Contact Us Help",
        )
    )
    assert parts.paragraphs == _BODY_EN


def test_a_paragraph_printed_twice_is_kept_once_and_the_echoed_headline_wins() -> None:
    title = "Police disperse protesters outside parliament"
    parts = split_text(_page("Latest", title, "By Staff Writer", title, *_BODY_EN))
    assert parts.title == title
    assert parts.paragraphs == _BODY_EN


def test_a_caption_printed_first_without_its_credit_goes_with_its_credited_copy() -> None:
    caption = "Des commerçants devant le marché incendié de la ville, le 3 mars."
    parts = split_text(
        _page(
            "Sept morts dans l'attaque d'un marché",
            caption,
            f"{caption} - © JEAN DUPONT - AFP",
            *_BODY_FR,
        )
    )
    assert parts.paragraphs == _BODY_FR
    assert parts.meta.publisher == "AFP"  # the credit's agency, failing anything better


def test_sub_headings_and_short_quotes_inside_the_article_stay() -> None:
    page = _page(
        "Sept morts dans l'attaque d'un marché",
        _BODY_FR[0],
        "Un deuil de trois jours",
        _BODY_FR[1],
        "« Nous avons eu peur »",
        _BODY_FR[2],
    )
    parts = split_text(page)
    assert "Un deuil de trois jours" in parts.paragraphs
    assert "« Nous avons eu peur »" in parts.paragraphs


def test_the_site_name_above_the_headline_is_the_publisher() -> None:
    parts = split_text(_page("DailyHerald", "World", "Police disperse protesters", *_BODY_EN))
    assert parts.meta.publisher == "DailyHerald"
    assert "DailyHerald" not in parts.paragraphs


def test_a_text_without_prose_is_left_whole() -> None:
    # One short sentence (a CAMEO example), or a list of headlines: nothing to narrow down.
    assert split_text("Russia attacked Ukraine.").paragraphs == ["Russia attacked Ukraine."]
    headlines = ["Floods in the north", "Talks resume in Geneva", "Strike on a convoy"]
    assert split_text(_page(*headlines)).paragraphs[-2:] == headlines[1:]


def test_features_tell_prose_from_labels() -> None:
    assert boilerplate.features(_BODY_EN[0]).good
    assert not boilerplate.features("Police disperse protesters outside parliament").good
    assert boilerplate.is_menu_like("Latest Articles")
    assert boilerplate.is_menu_like("Direct Moyen-Orient")
    assert not boilerplate.is_menu_like("Un deuil de trois jours.")
    assert boilerplate.is_caption("Rescuers at work on Friday. (Photo by Li Wei/China Daily)")
    assert not boilerplate.is_caption("PARIS (Reuters) - Police fired tear gas on Saturday.")


def test_the_scrape_stamp_is_metadata_and_completes_a_dateline_without_a_year() -> None:
    page = _page(
        "date 2020-11 Sept morts dans l'attaque d'un marché",
        "BAMAKO, 3 novembre (Reuters) - " + _BODY_FR[0],
        *_BODY_FR[1:],
    )
    parts = split_text(page)
    assert parts.title == "Sept morts dans l'attaque d'un marché"
    assert parts.meta.published == "2020-11-03"
    assert parts.meta.publisher == "Reuters"


def test_a_line_of_metadata_pieces_may_hold_an_agency_and_a_place() -> None:
    page = _page(
        "Troops hold drills near the border for a second day",
        "Reuters | Beijing | Updated: 09-08-2022 10:26 IST | Created: 09-08-2022 10:25 IST",
        *_BODY_EN,
    )
    parts = split_text(page)
    assert parts.meta.publisher == "Reuters"
    assert parts.meta.published == "2022-08-09T10:25:00"
    assert parts.paragraphs == _BODY_EN


def test_a_short_first_sentence_without_a_headline_stays() -> None:
    first = "À Zinder, la tension est montée lundi."
    parts = split_text(_page(first, *_BODY_FR))
    assert parts.paragraphs == [first, *_BODY_FR]


def test_a_menu_bar_or_breadcrumb_above_the_article_is_not_its_headline() -> None:
    page = _page(
        "The Harbour Gazette",
        "News | Politics | Business | Sports | Opinion | ePaper",
        "Home > World > Africa",
        "Police disperse journalists' supporters outside parliament",
        *_BODY_EN,
    )
    parts = split_text(page)
    assert parts.title == "Police disperse journalists' supporters outside parliament"
    assert "ePaper" not in "\n".join(parts.paragraphs)


def test_a_headline_with_a_site_name_after_a_bar_is_still_a_headline() -> None:
    assert not boilerplate.is_link_bar("Police disperse supporters outside parliament | Gazette")
    assert boilerplate.is_link_bar("News | Politics | Business | Sports")
    assert boilerplate.is_link_bar("Accueil > Monde > Afrique")
