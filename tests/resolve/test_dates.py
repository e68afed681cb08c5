from datetime import date
from functools import lru_cache

import pytest
from spacy.language import Language

from eventwire.nlp import load_pipeline
from eventwire.resolve.dates import find_dates, parse_published

FRIDAY = date(2017, 2, 10)  # published on a Friday


@lru_cache(maxsize=2)
def _nlp(lang: str) -> Language:
    """The project's own pipeline: its tokenizer is the one the coder's dates come from."""
    return load_pipeline(lang, f"builtin:{lang}").nlp


def mentions(
    text: str, lang: str = "fr", anchor: date | None = FRIDAY
) -> list[tuple[str, str, str, str | None]]:
    """(text, value, precision, end_value) of every date found in the text."""
    doc = _nlp(lang)(text)
    return [
        (doc[d.start : d.end].text, d.value, d.precision, d.end_value)
        for d in find_dates(doc[:], lang, anchor)
    ]


def dates(text: str, lang: str = "fr", anchor: date | None = FRIDAY) -> list[tuple[str, str]]:
    return [(value, precision) for _, value, precision, _ in mentions(text, lang, anchor)]


def test_weekday_is_the_last_such_day_on_or_before_publication() -> None:
    assert dates("Moscou et Ankara ont convenu jeudi d'améliorer") == [("2017-02-09", "day")]
    assert dates("Ils se sont rencontrés vendredi") == [("2017-02-10", "day")]
    assert dates("Ils se sont rencontrés samedi") == [("2017-02-04", "day")]


def test_weekday_with_dernier_is_never_the_publication_day() -> None:
    assert dates("vendredi dernier, les rebelles ont attaqué") == [("2017-02-03", "day")]
    assert dates("Last Friday, rebels stormed the barracks", "en") == [("2017-02-03", "day")]
    assert dates("Last Thursday, rebels stormed the barracks", "en") == [("2017-02-09", "day")]


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
    assert dates("Il y a deux jours, la semaine dernière, du 3 au 5 mars", anchor=None) == []
    # A day without its year stays unresolved: "29" is not the year 2029.
    assert dates("On September 29, the rebels rejected the offer.", "en", None) == []


# --------------------------------------------------------------------------- days ago


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("fr", "Il y a deux jours, des hommes armés ont incendié l'école.", "2017-02-08"),
        ("fr", "Le convoi a été pillé il y a 3 jours près de la frontière.", "2017-02-07"),
        ("fr", "Il y a une semaine, les grévistes ont bloqué le port de Cotonou.", "2017-02-03"),
        ("en", "Two days ago, gunmen set fire to the school.", "2017-02-08"),
        ("en", "The convoy was looted 3 days ago near the border.", "2017-02-07"),
        ("en", "A week ago, strikers blocked the port of Cotonou.", "2017-02-03"),
    ],
)
def test_days_and_weeks_ago_count_back_from_publication(
    lang: str, text: str, expected: str
) -> None:
    assert dates(text, lang) == [(expected, "day")]


def test_ago_reads_compound_number_words_and_de_cela() -> None:
    assert mentions("Il y a vingt et un jours de cela, le préfet a été limogé.") == [
        ("Il y a vingt et un jours de cela", "2017-01-20", "day", None)
    ]
    assert mentions("The prefect was dismissed twenty-one days ago.", "en") == [
        ("twenty-one days ago", "2017-01-20", "day", None)
    ]


def test_months_and_years_ago_keep_their_precision() -> None:
    assert dates("Il y a trois mois, la junte a suspendu la constitution.") == [
        ("2016-11", "month")
    ]
    assert dates("Il y a un an, l'armée a repris la ville.") == [("2016", "year")]
    assert dates("Three months ago the junta suspended the constitution.", "en") == [
        ("2016-11", "month")
    ]
    assert dates("A year ago the army retook the town.", "en") == [("2016", "year")]


def test_il_y_a_that_means_there_is_is_no_date() -> None:
    # "il y a deux jours de marche" is a distance ("it is two days' walk"), not two days ago.
    assert dates("Il y a deux jours de marche entre le camp et la frontière.") == []
    # A duration is not a date either.
    assert dates("The siege of the camp lasted two days.", "en") == []


# --------------------------------------------------------------------------- named days


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("fr", "Avant-hier, la police a interpellé six militants à Lyon.", "2017-02-08"),
        ("fr", "Le syndicat a appelé avant hier à une grève générale.", "2017-02-08"),
        ("en", "The day before yesterday, police detained six activists in Lyon.", "2017-02-08"),
        ("fr", "Les deux ministres se rencontreront demain à Alger.", "2017-02-11"),
        ("en", "The two ministers will meet tomorrow in Algiers.", "2017-02-11"),
        ("fr", "Ce matin, un obus est tombé sur le marché de Taëz.", "2017-02-10"),
        ("en", "This morning a shell landed on the market in Taiz.", "2017-02-10"),
        ("fr", "Les manifestants comptent défiler ce soir devant le parlement.", "2017-02-10"),
        ("en", "Protesters plan to march tonight outside parliament.", "2017-02-10"),
        ("fr", "La nuit dernière, des tirs ont visé un poste de police.", "2017-02-09"),
        ("en", "Last night, gunfire targeted a police post.", "2017-02-09"),
        ("fr", "Hier soir, des tirs ont visé un poste de police.", "2017-02-09"),
        # A week in progress is dated on the publication day (see dates.tsv).
        ("fr", "Cette semaine, la coalition a frappé des dépôts d'armes.", "2017-02-10"),
        ("en", "This week, the coalition struck arms depots.", "2017-02-10"),
    ],
)
def test_named_days_around_publication(lang: str, text: str, expected: str) -> None:
    assert dates(text, lang) == [(expected, "day")]


def test_that_morning_is_narrative_not_this_morning() -> None:
    assert dates("Ce matin-là, les soldats avaient quitté la caserne.") == []


# --------------------------------------------------------------------------- last week, month, year


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "La semaine dernière, l'armée a lancé une offensive dans le Nord."),
        ("fr", "Le gouvernement a rompu les négociations la semaine passée."),
        ("en", "Last week the army launched an offensive in the north."),
    ],
)
def test_last_week_is_the_monday_to_sunday_before_publication(lang: str, text: str) -> None:
    assert [m[1:] for m in mentions(text, lang)] == [("2017-01-30", "week", "2017-02-05")]


@pytest.mark.parametrize(
    ("published", "monday", "sunday"),
    [
        (date(2017, 2, 12), "2017-01-30", "2017-02-05"),  # a Sunday paper
        (date(2017, 2, 13), "2017-02-06", "2017-02-12"),  # a Monday paper
        (date(2017, 1, 4), "2016-12-26", "2017-01-01"),  # across the new year
    ],
)
def test_last_week_follows_the_publication_weekday(
    published: date, monday: str, sunday: str
) -> None:
    found = mentions("Rebels shelled the port last week.", "en", published)
    assert [m[1:] for m in found] == [(monday, "week", sunday)]


def test_the_last_week_of_something_is_not_last_week() -> None:
    # "the last week of X" is X's final week, "in the last week" the past seven days:
    # neither is the calendar week before publication, so neither is dated by it.
    assert dates("Violence rose during the last week of the campaign.", "en") == []
    assert dates("Ten soldiers died in the last week.", "en") == []
    assert dates("Rebels attacked on the last night of Ramadan.", "en") == []


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("fr", "Le mois dernier, quarante civils ont été tués.", ("2017-01", "month")),
        ("en", "Forty civilians were killed last month.", ("2017-01", "month")),
        ("fr", "L'an dernier, le pays a expulsé deux diplomates.", ("2016", "year")),
        ("fr", "L’année dernière, le pays a expulsé deux diplomates.", ("2016", "year")),
        ("en", "Last year the country expelled two diplomats.", ("2016", "year")),
    ],
)
def test_last_month_and_last_year(lang: str, text: str, expected: tuple[str, str]) -> None:
    assert dates(text, lang) == [expected]


def test_last_month_in_january_is_the_previous_december() -> None:
    assert dates("Le mois dernier, la junte a fermé la frontière.", anchor=date(2017, 1, 15)) == [
        ("2016-12", "month")
    ]


# --------------------------------------------------------------------------- spans


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("fr", "Le sommet s'est tenu du 3 au 5 mars 2015 à Genève.", "du 3 au 5 mars 2015"),
        ("fr", "Des pourparlers ont eu lieu entre le 3 et le 5 mars 2015.", None),
        ("en", "The summit was held from March 3 to 5, 2015 in Geneva.", None),
        ("en", "Talks were held from 3 to 5 March 2015 in Geneva.", "from 3 to 5 March 2015"),
        ("en", "Talks took place between March 3 and March 5, 2015.", None),
        ("en", "The summit, held March 3-5, 2015, ended without a deal.", "March 3-5, 2015"),
        ("en", "The summit, held March 3–5, 2015, ended without a deal.", "March 3–5, 2015"),
        ("fr", "Le sommet, tenu les 3-5 mars 2015, s'est achevé sans accord.", "3-5 mars 2015"),
    ],
)
def test_spans_give_first_and_last_day(lang: str, text: str, expected: str | None) -> None:
    found = mentions(text, lang)
    assert [m[1:] for m in found] == [("2015-03-03", "day", "2015-03-05")]
    if expected:
        assert found[0][0] == expected


def test_span_across_months_and_years() -> None:
    assert mentions("Les combats ont duré du 28 février au 2 mars 2017.") == [
        ("du 28 février au 2 mars 2017", "2017-02-28", "day", "2017-03-02")
    ]
    assert [m[1:] for m in mentions("Fighting raged from Feb. 28 to March 2, 2017.", "en")] == [
        ("2017-02-28", "day", "2017-03-02")
    ]
    # Without a year, the span is the last one to start on or before publication.
    assert [m[1:] for m in mentions("La trêve a tenu du 28 décembre au 2 janvier.")] == [
        ("2016-12-28", "day", "2017-01-02")
    ]
    assert [m[1:] for m in mentions("The truce held from December 28 to January 2.", "en")] == [
        ("2016-12-28", "day", "2017-01-02")
    ]


def test_a_night_between_two_days_is_dated_by_its_end() -> None:
    assert mentions("Dans la nuit du 11 au 12 janvier 2016, des tirs ont visé la caserne.") == [
        ("du 11 au 12 janvier 2016", "2016-01-12", "day", None)
    ]


def test_numbers_without_a_month_are_no_span() -> None:
    assert dates("Entre 3 et 5 soldats ont été blessés.") == []
    assert dates("From 3 to 5 soldiers were wounded.", "en") == []
    # "du" alone opens no span: "l'attaque du 5 mars" is one day.
    assert dates("L'attaque du 5 mars 2016 a fait trois morts.") == [("2016-03-05", "day")]


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
