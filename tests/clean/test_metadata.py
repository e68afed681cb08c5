"""Datelines, dates, credits and breadcrumbs; the caller's metadata wins over the text's."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.clean import clean
from eventwire.clean import metadata as md
from eventwire.read import document_from_string


@pytest.mark.parametrize(
    ("line", "published", "publisher"),
    [
        ("Xinhua | 10.02.2017 08h17", "2017-02-10T08:17:00", "Xinhua"),
        ("10/02/2017 à 08:17", "2017-02-10T08:17:00", None),
        ("February 10, 2017 8:17 AM", "2017-02-10T08:17:00", None),
        ("February 10, 2017 8:17 PM GMT", "2017-02-10T20:17:00", None),
        ("2017-02-10T08:17", "2017-02-10T08:17:00", None),
        ("Friday, February 10, 2017", "2017-02-10", None),
        ("vendredi 10 février 2017, 08h17", "2017-02-10T08:17:00", None),
        ("AFP - 1er mars 2017 à 18h05", "2017-03-01T18:05:00", "AFP"),
        ("12 déc. 2016 | Le Courrier du Sahel", "2016-12-12", "Le Courrier du Sahel"),
        ("3 fevrier 2017", "2017-02-03", None),
        ("Sept. 5, 2016 10:00 a.m. ET", "2016-09-05T10:00:00", None),
    ],
)
def test_parse_dateline(line: str, published: str, publisher: str | None) -> None:
    found = md.parse_dateline(line)
    assert found is not None
    assert (found.published, found.publisher) == (published, publisher)


@pytest.mark.parametrize(
    "line",
    [
        "Les combats du 10/02/2017 ont fait trois morts.",
        "Le 10 février 2017, l'armée a repris la ville de Bab et ses environs",
        "10/02",  # no year: not a dateline
        "Match nul 2-2 face à Lens",
        "31/02/2017",
    ],
)
def test_not_a_dateline(line: str) -> None:
    assert md.parse_dateline(line) is None


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("03/04/2017", "2017-04-03"),  # day first
        ("04/25/2017", "2017-04-25"),  # day first is impossible: month first
        ("10.02.17", "2017-02-10"),
        ("4 JAN 90", "1990-01-04"),
        ("JUNE 11 89", "1989-06-11"),
        ("2017/02/10", "2017-02-10"),
        ("29 février 2016", "2016-02-29"),
    ],
)
def test_find_datetime_reads_day_month_order_and_short_years(text: str, iso: str) -> None:
    found = md.find_datetime(text)
    assert found is not None and found.iso == iso


def test_find_datetime_partial_dates_and_times() -> None:
    found = md.find_datetime("à 08h44 le 10/02", partial=True)
    assert found is not None
    assert (found.day, found.month, found.year, found.hour, found.minute) == (10, 2, None, 8, 44)
    assert found.iso is None
    time_only = md.find_datetime("10:32 GMT", partial=True)
    assert time_only is not None and (time_only.hour, time_only.minute) == (10, 32)
    assert md.find_datetime("10:32 GMT") is None


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2017-02-10T08:17:00+01:00", "2017-02-10T08:17:00"),
        ("2017-02-10T08:17:00Z", "2017-02-10T08:17:00"),
        ("2017-02-10", "2017-02-10"),
        ("Fri, 10 Feb 2017 08:17:00 +0100", "2017-02-10T08:17:00"),
        ("10 février 2017", "2017-02-10"),
        (dt.datetime(2017, 2, 10, 8, 17, 5, tzinfo=dt.UTC), "2017-02-10T08:17:05"),
        (dt.date(2017, 2, 10), "2017-02-10"),
        ("pas une date", None),
        ("", None),
        (42, None),
    ],
)
def test_normalise_published(value: object, iso: str | None) -> None:
    assert md.normalise_published(value) == iso


@pytest.mark.parametrize(
    ("line", "authors", "editors", "publishers"),
    [
        ("(Rédacteurs :Qian HE, Guangqi CUI)", [], ["Qian HE", "Guangqi CUI"], []),
        ("(Editing by John Smith)", [], ["John Smith"], []),
        ("Par Jean Dupont", ["Jean Dupont"], [], []),
        ("By Jane Doe", ["Jane Doe"], [], []),
        ("By JANE DOE", ["JANE DOE"], [], []),
        (
            "Par Marie de La Tour et Ali Ben Salah (AFP)",
            ["Marie de La Tour", "Ali Ben Salah"],
            [],
            ["AFP"],
        ),
        ("By Jane Doe, Reuters", ["Jane Doe"], [], ["Reuters"]),
        (
            "(Reporting by Olena Petrenko in Kyiv; Additional reporting by Tom Ng;"
            " Editing by John Smith and Ann Lee)",
            ["Olena Petrenko", "Tom Ng"],
            ["John Smith", "Ann Lee"],
            [],
        ),
    ],
)
def test_parse_credit(line: str, authors: list[str], editors: list[str], publishers: list[str]):
    credit = md.parse_credit(line)
    assert credit is not None
    assert (credit.authors, credit.editors, credit.publishers) == (authors, editors, publishers)


@pytest.mark.parametrize(
    "line",
    [
        "Par ailleurs, le ministre a démissionné.",
        "By contrast, the army said nothing",
        "By Monday, the troops had left the town",
        "BY THE TERRORISTS.",
        "BY REACHING THE AGREEMENT, BRITAIN AND ARGENTINA HAVE TAKEN A",
        "Par avion",
        "Rédaction",
    ],
)
def test_not_a_credit(line: str) -> None:
    assert md.parse_credit(line) is None


@pytest.mark.parametrize(
    ("line", "parts"),
    [
        ("Page d'accueil>>International", ["International"]),
        ("Home > World > Europe", ["World", "Europe"]),
        ("Accueil » Monde", ["Monde"]),
        ("Sport › Football › Ligue 1", ["Sport", "Football", "Ligue 1"]),
        ("3 > 2", None),
        ("Paris > Lyon", None),
        ("Il a dit > non. Puis > oui. Enfin > peut-être.", None),
    ],
)
def test_parse_breadcrumb(line: str, parts: list[str] | None) -> None:
    assert md.parse_breadcrumb(line) == parts


@pytest.mark.parametrize(
    ("paragraph", "published", "publisher"),
    [
        ("SAN SALVADOR, 4 JAN 90 -- [TEXT] ACCORDING TO THE ARMY, ...", "1990-01-04", None),
        ("ROME (ITALY), 11 JAN 90 (EFE) -- [TEXT] THE ...", "1990-01-11", "EFE"),
        (
            "CLANDESTINE, 8 JAN 90 (RADIO VENCEREMOS)-- [TEXT] A ...",
            "1990-01-08",
            "RADIO VENCEREMOS",
        ),
        ("BEIRUT, Oct 2 (Reuters) - Lebanon's army deployed ...", None, "Reuters"),
        ("KABOUL (AFP) - Au moins douze personnes ...", None, "AFP"),
        ("MOSCOU, 10 février 2017 (Xinhua) -- Moscou et Ankara ...", "2017-02-10", "Xinhua"),
    ],
)
def test_parse_inline_dateline(paragraph: str, published: str | None, publisher: str | None):
    found = md.parse_inline_dateline(paragraph)
    assert found is not None
    assert (found.published, found.publisher) == (published, publisher)


@pytest.mark.parametrize(
    "paragraph",
    [
        "Moscou et Ankara ont convenu - selon le Kremlin - de coopérer.",
        "Paris, ville lumière - et capitale - a accueilli le sommet.",
        "Le président (réélu) - a parlé hier.",
    ],
)
def test_not_an_inline_dateline(paragraph: str) -> None:
    assert md.parse_inline_dateline(paragraph) is None


def test_update_and_published_lines() -> None:
    update = md.parse_update("Dernière mise à jour à 08h44 le 10/02")
    assert update is not None and (update.hour, update.minute, update.day) == (8, 44, 10)
    assert md.parse_update("Updated 10:32 GMT") is not None
    assert md.parse_update("Updated figures show 12 dead in 2016") is None
    published = md.parse_published("Publié le 10 février 2017 à 08h17 - Mis à jour le 11/02/2017")
    assert published is not None and published.published == "2017-02-10T08:17:00"
    assert md.parse_published("Published reports say 3 died on 10 February 2017") is None
    assert md.parse_source("Source : Xinhua") == "Xinhua"


def test_chrome_table_loads_every_kind() -> None:
    pats = md.patterns()
    assert pats.line["stop"].fullmatch("Conseils de la rédaction :")
    assert pats.line["drop"].fullmatch("Partez cet article sur :")
    assert pats.line["drop"].fullmatch("Share this article")
    assert pats.word["agency"].fullmatch("Xinhua")
    assert pats.word["home"].fullmatch("Page d'accueil")


# --------------------------------------------------------------------------- caller's metadata

STORY = (
    "Xinhua | 10.02.2017 08h17\n\n"
    "Moscou et Ankara ont convenu jeudi d'améliorer leur coopération militaire.\n\n"
    "Les deux présidents ont discuté par téléphone."
)


def test_caller_metadata_wins_over_the_text() -> None:
    doc = document_from_string(
        STORY,
        meta={
            "title": "Coopération militaire\u00a0: Moscou et Ankara",
            "published": "2017-02-11T09:00:00+01:00",
            "url": "https://example.org/a",
        },
    )
    cleaned = clean(doc)
    assert cleaned.title == "Coopération militaire : Moscou et Ankara"
    assert cleaned.body.startswith("Moscou et Ankara ont convenu jeudi")  # body unchanged
    assert cleaned.text == cleaned.title + "\n\n" + cleaned.body
    assert cleaned.body_start == len(cleaned.title) + 2
    assert cleaned.published == "2017-02-11T09:00:00"
    assert cleaned.publisher == "Xinhua"
    assert cleaned.url == "https://example.org/a"


def test_caller_title_repeated_in_the_text_is_not_duplicated() -> None:
    title = "Moscou et Ankara renforcent leur coordination en Syrie"
    doc = document_from_string(f"{title}\n\n{STORY}", meta={"title": title})
    cleaned = clean(doc)
    assert cleaned.title == title
    assert cleaned.text.count(title) == 1
    assert cleaned.published == "2017-02-10T08:17:00"


def test_a_different_headline_in_the_text_is_kept_in_the_body() -> None:
    doc = document_from_string(
        f"Une tout autre manchette sur la Syrie\n\n{STORY}", meta={"title": "Le titre donné"}
    )
    cleaned = clean(doc)
    assert cleaned.title == "Le titre donné"
    assert cleaned.body.startswith("Une tout autre manchette sur la Syrie\n\n")
    assert any("differs" in w for w in cleaned.warnings)


def test_unreadable_caller_date_is_reported_and_the_text_date_kept() -> None:
    cleaned = clean(document_from_string(STORY, meta={"published": "bientôt"}))
    assert cleaned.published == "2017-02-10T08:17:00"
    assert any("bientôt" in w for w in cleaned.warnings)


def test_update_stamp_dates_the_story_only_as_a_fallback() -> None:
    text = "Mis à jour le 12/03/2021\n\nLa police a arrêté trois suspects lundi soir."
    cleaned = clean(document_from_string(text))
    assert cleaned.published == "2021-03-12"
    assert cleaned.body == "La police a arrêté trois suspects lundi soir."


def test_text_that_is_only_the_title_stays_as_body() -> None:
    title = "Séisme de magnitude 6 au large de Sumatra"
    cleaned = clean(document_from_string(title, meta={"title": title}))
    assert cleaned.title == title and cleaned.body == title
