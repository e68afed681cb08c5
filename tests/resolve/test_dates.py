from datetime import date

import pytest
import spacy

from eventwire.resolve.dates import find_dates, parse_published

FR = spacy.blank("fr")
EN = spacy.blank("en")
FRIDAY = date(2017, 2, 10)  # published on a Friday


def dates(text: str, lang: str = "fr", anchor: date | None = FRIDAY) -> list[tuple[str, str]]:
    doc = (FR if lang == "fr" else EN)(text)
    return [(d.value, d.precision) for d in find_dates(doc[:], lang, anchor)]


def test_weekday_is_the_last_such_day_on_or_before_publication() -> None:
    assert dates("Moscou et Ankara ont convenu jeudi d'améliorer") == [("2017-02-09", "day")]
    assert dates("Ils se sont rencontrés vendredi") == [("2017-02-10", "day")]
    assert dates("Ils se sont rencontrés samedi") == [("2017-02-04", "day")]


def test_weekday_with_dernier_is_never_the_publication_day() -> None:
    assert dates("vendredi dernier, les rebelles ont attaqué") == [("2017-02-03", "day")]


def test_english_weekdays_and_relative_days() -> None:
    assert dates("Rebels attacked the town on Thursday", "en") == [("2017-02-09", "day")]
    assert dates("The minister said yesterday", "en") == [("2017-02-09", "day")]
    assert dates("hier soir, la police a arrêté") == [("2017-02-09", "day")]


def test_explicit_dates_in_both_languages() -> None:
    assert dates("le 3 mars 2016, une bombe a explosé") == [("2016-03-03", "day")]
    assert dates("on February 10, 2017 police fired", "en") == [("2017-02-10", "day")]
    assert dates("SAN SALVADOR, 4 JAN 90 -- [TEXT]", "en", date(1990, 1, 5)) == [
        ("1990-01-04", "day")
    ]


def test_numeric_dates_are_day_month() -> None:
    assert dates("mis à jour le 10/02") == [("2017-02-10", "day")]
    assert dates("le 03/04/2016") == [("2016-04-03", "day")]


def test_month_and_year_precision() -> None:
    assert dates("en septembre 2015") == [("2015-09", "month")]
    assert dates("depuis décembre 2016") == [("2016-12", "month")]
    assert dates("in 2014, the army", "en") == [("2014", "year")]


def test_without_publication_date_weekdays_stay_unresolved() -> None:
    assert dates("jeudi", anchor=None) == []
    assert dates("le 3 mars 2016", anchor=None) == [("2016-03-03", "day")]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2017-02-10T08:17:00", date(2017, 2, 10)),
        ("1990-01-03", date(1990, 1, 3)),
        (None, None),
        ("soon", None),
    ],
)
def test_parse_published(value: str | None, expected: date | None) -> None:
    assert parse_published(value) == expected
