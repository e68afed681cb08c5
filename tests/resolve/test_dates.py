from datetime import date
from functools import lru_cache

import pytest
from spacy.language import Language

from eventwire.nlp import load_pipeline
from eventwire.resolve.dates import find_dates, parse_published, story_day

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
    assert dates("un accord signé en mai") == [("2016-05", "month")]
    assert dates("a deal signed in May", "en") == [("2016-05", "month")]
    assert dates("the army may sign a deal", "en") == []


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


def test_a_night_between_two_weekdays_is_dated_by_its_end() -> None:
    text = "Dans la nuit de dimanche à lundi, des tirs ont visé la caserne."
    assert mentions(text) == [("dimanche à lundi", "2017-02-06", "day", None)]


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


# --------------------------------------------------------------------------- tense

NOVEMBER = date(2023, 11, 10)  # a Friday


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # a future tense, "will", "va" + infinitive, a planned or promised infinitive
        ("fr", "Les deux délégations se retrouveront en janvier à Lomé.", ("2024-01", "month")),
        ("fr", "Les chefs d'état-major ont convenu de se revoir en janvier.", ("2024-01", "month")),
        ("en", "The envoys agreed to meet again in January.", ("2024-01", "month")),
        ("fr", "Les négociateurs vont reprendre les discussions mardi.", ("2023-11-14", "day")),
        ("en", "The negotiators will resume talks on Tuesday.", ("2023-11-14", "day")),
        ("fr", "Le préfet prévoit de lever le couvre-feu le 2 janvier.", ("2024-01-02", "day")),
        ("en", "The talks are scheduled to open on 2 January in Nairobi.", ("2024-01-02", "day")),
        # a conditional reported, a thing planned
        ("fr", "Le ministre a indiqué que les troupes partiraient lundi.", ("2023-11-13", "day")),
        ("en", "The minister said the troops would leave on Monday.", ("2023-11-13", "day")),
        ("fr", "La visite prévue mardi a été reportée.", ("2023-11-14", "day")),
        # a future told on the publication day is that day
        ("en", "The council will vote on Friday.", ("2023-11-10", "day")),
    ],
)
def test_a_clause_about_the_future_looks_forward(
    lang: str, text: str, expected: tuple[str, str]
) -> None:
    assert dates(text, lang, NOVEMBER) == [expected]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("fr", "Le maire a dû quitter la ville lundi.", "2023-11-06"),
        ("en", "Gunmen tried to storm the prison on Monday.", "2023-11-06"),
        # the French journalistic conditional of a past act is no future
        ("fr", "L'aviation aurait frappé un convoi mardi.", "2023-11-07"),
        ("en", "The army went into the village on Tuesday.", "2023-11-07"),
        # a plan told in a past tense: the day planned is behind
        ("en", "The raid on 6 October had been planned since June.", "2023-10-06"),
        ("fr", "L'attaque du 6 octobre avait été planifiée depuis juin.", "2023-10-06"),
    ],
)
def test_a_clause_about_the_past_looks_back(lang: str, text: str, expected: str) -> None:
    assert dates(text, lang, NOVEMBER)[0] == (expected, "day")


def test_next_and_prochain_put_a_day_or_month_ahead_never_on_publication_day() -> None:
    assert mentions("Le sommet se tiendra vendredi prochain.", anchor=NOVEMBER) == [
        ("vendredi prochain", "2023-11-17", "day", None)
    ]
    assert dates("The summit opens next Friday.", "en", NOVEMBER) == [("2023-11-17", "day")]
    assert dates("Le scrutin est fixé à novembre prochain.", anchor=NOVEMBER) == [
        ("2024-11", "month")
    ]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("fr", "Les pourparlers reprendront la semaine prochaine.", ("2023-11-13", "week")),
        ("en", "Talks resume next week.", ("2023-11-13", "week")),
        ("fr", "Le contingent partira le mois prochain.", ("2023-12", "month")),
        ("en", "The contingent leaves next month.", ("2023-12", "month")),
        ("fr", "Des élections auront lieu l'an prochain.", ("2024", "year")),
        ("en", "Elections are due next year.", ("2024", "year")),
    ],
)
def test_next_week_month_and_year(lang: str, text: str, expected: tuple[str, str]) -> None:
    assert dates(text, lang, NOVEMBER) == [expected]


# --------------------------------------------------------------------------- weekday and date


def test_a_weekday_beside_its_date_is_one_mention_of_that_date() -> None:
    assert mentions("Mercredi 8 novembre, la police a dispersé le cortège.", anchor=NOVEMBER) == [
        ("Mercredi 8 novembre", "2023-11-08", "day", None)
    ]
    assert mentions("On Wednesday, November 8, police dispersed the march.", "en", NOVEMBER) == [
        ("Wednesday, November 8", "2023-11-08", "day", None)
    ]
    # without a publication date the day without its year stays unresolved, weekday and all
    assert dates("Mercredi 8 novembre, la police a dispersé le cortège.", anchor=None) == []


# --------------------------------------------------------------------------- the day before


def test_la_veille_and_the_next_day_count_from_the_last_day_the_story_dated() -> None:
    text = "Un convoi a été attaqué jeudi près de Kidal. La veille, un camp avait été visé."
    assert dates(text, anchor=NOVEMBER) == [("2023-11-09", "day"), ("2023-11-08", "day")]
    text = "Police detained the mayor on 3 October. The next day, his deputy was arrested."
    assert dates(text, "en", NOVEMBER) == [("2023-10-03", "day"), ("2023-10-04", "day")]


def test_the_eve_of_a_thing_is_no_date() -> None:
    text = "Un convoi a été attaqué jeudi. La veille du scrutin, un bureau de vote a brûlé."
    assert dates(text, anchor=NOVEMBER) == [("2023-11-09", "day")]
    assert dates("La veille, un camp avait été visé.", anchor=NOVEMBER) == []


# --------------------------------------------------------------------------- datelines, zones


def datelines(text: str, lang: str = "fr") -> list[tuple[str, bool]]:
    doc = _nlp(lang)(text)
    return [
        (doc[d.start : d.end].text, d.dateline)
        for sent in doc.sents
        for d in find_dates(sent, lang, NOVEMBER)
    ]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("fr", "LOMÉ, 9 novembre (Reuters) - La police a arrêté dix militants mardi.", True),
        ("en", "NAIROBI, Nov 9 (Reuters) - Police detained ten activists on Tuesday.", True),
        ("en", "QUITO, 9 NOV 89 -- [TEXT] POLICE DETAINED TEN ACTIVISTS ON TUESDAY.", True),
        ("en", "SANTA CRUZ, Nov 9 Bolivian police detained ten activists on Tuesday.", True),
        ("fr", "À Lomé, le 9 novembre, la police a arrêté dix militants.", False),
        ("en", "In Nairobi, on Nov 9, police detained ten activists.", False),
    ],
)
def test_a_datelines_date_is_marked(lang: str, text: str, expected: bool) -> None:
    found = datelines(text, lang)
    assert found[0][1] is expected
    assert all(not dateline for _, dateline in found[1:])


def test_a_day_converted_to_another_time_zone_is_no_date() -> None:
    text = "The blast occurred at 2300 on 8 November [0400 GMT on 9 November]."
    assert dates(text, "en", NOVEMBER) == [("2023-11-08", "day")]


def test_a_story_without_publication_date_reads_from_the_last_day_it_writes_in_full() -> None:
    doc = _nlp("fr")(
        "Le 3 mars 2015, des rebelles ont pris Goma. Le 5 mars 2015, l'armée l'a reprise."
    )
    assert story_day(doc, "fr") == date(2015, 3, 5)
    # a quoted post dated in the other language; a future day is no bound
    doc = _nlp("fr")(
        "Le cortège a été dispersé jeudi. Le scrutin aura lieu le 3 juin 2031.\n\n"
        "— Agence de presse (@agence) March 5, 2015"
    )
    assert story_day(doc, "fr") == date(2015, 3, 5)
    assert story_day(_nlp("en")("Police dispersed the march on Thursday."), "en") is None
    # a dateline without its year is the filing day, on or after the days the story tells of
    text = "NAIROBI, Nov 9 (Reuters) - Police held ten activists over the 2 November 2023 march."
    assert story_day(_nlp("en")(text), "en") == date(2023, 11, 9)
