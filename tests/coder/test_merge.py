"""Restatements merged into one record (merge.py), on stories written for these tests."""

import pytest

import eventwire


def test_one_attacks_victims_told_apart_stay_one_attack() -> None:
    text = (
        "Shining Path guerrillas attacked a police station in Huancayo on Saturday, killing two "
        "Peruvian policemen. The guerrillas also wounded four Peruvian soldiers in the attack "
        "on Saturday."
    )
    events = [e for e in eventwire.extract(text, published="2023-03-10").events]
    assert [(e.type, e.dead, e.injured, len(e.evidence)) for e in events] == [("ASSAULT", 2, 4, 2)]


def test_doers_of_one_country_and_another_sector_are_another_event() -> None:
    text = (
        "Peruvian soldiers attacked a rebel camp near Huancayo on Saturday. "
        "Peruvian police attacked a rebel camp near Huancayo on Saturday."
    )
    events = [e for e in eventwire.extract(text, published="2023-03-10").events]
    assert sorted(a.sector for e in events for a in e.actor) == ["COP", "MIL"]
    assert len(events) == 2


def test_a_count_with_no_event_of_its_own_goes_to_the_riot_when_no_attack_is_told() -> None:
    text = (
        "Des milliers de manifestants ont défilé samedi à Lyon contre la réforme. "
        "La manifestation a vite viré à l'émeute. "
        "Les secours ont recensé cinq blessés parmi les policiers."
    )
    events = eventwire.extract(text, published="2023-03-10").events
    assert [(e.type, e.injured) for e in events] == [("PROTEST", 5)]


def test_a_headline_and_its_lead_are_one_event() -> None:
    text = (
        "Rebels kill 12 soldiers in attack on Malian army post\n\n"
        "Suspected rebels attacked an army post in central Mali on Sunday, killing 12 soldiers, "
        "officials said."
    )
    article = eventwire.extract(text, published="2023-03-13")
    assert [(e.type, e.dead, len(e.evidence)) for e in article.events] == [("ASSAULT", 12, 2)]


@pytest.mark.parametrize(
    "text",
    [
        "A suicide bomber killed three policemen in Baghdad on Wednesday. "
        "Hours later, gunmen shot dead a soldier in Baghdad.",
        "Un kamikaze a tué trois policiers à Bagdad mercredi. "
        "Plus tard, des hommes armés ont tué un soldat par balles à Bagdad.",
    ],
)
def test_a_later_act_with_another_weapon_is_another_event(text: str) -> None:
    events = eventwire.extract(text, published="2023-03-10").events
    assert [(e.type, e.dead) for e in events] == [("ASSAULT", 3), ("ASSAULT", 1)]


def test_an_act_in_another_country_is_another_event() -> None:
    text = (
        "Gunmen killed two policemen in northern Kenya on Sunday. "
        "Gunmen also killed a farmer in Uganda."
    )
    events = eventwire.extract(text, published="2023-03-13").events
    assert [(e.type, e.location.country if e.location else None) for e in events] == [
        ("ASSAULT", "KEN"),
        ("ASSAULT", "UGA"),
    ]


def test_a_demonstrative_points_back_at_the_event_told_before() -> None:
    text = (
        "Des hommes armés ont attaqué un convoi de l'armée près de Gao lundi. "
        "Dans la ville de Tombouctou, cette attaque a suscité l'inquiétude."
    )
    events = eventwire.extract(text, published="2023-03-14").events
    assert [(e.type, len(e.evidence)) for e in events] == [("ASSAULT", 2)]


def test_several_counted_raids_are_not_the_one_strike_told_before() -> None:
    text = (
        "Trois civils ont été tués samedi lors d'une frappe aérienne russe sur le village de "
        "Kobani, dans le nord de la Syrie.\n\n"
        "Des avions russes ont mené cinq raids samedi sur plusieurs villages du nord de la Syrie."
    )
    events = [e for e in eventwire.extract(text, published="2023-03-12").events]
    assert [(e.type, len(e.evidence)) for e in events] == [("ASSAULT", 1), ("ASSAULT", 1)]


def test_one_strike_told_twice_is_still_one_event() -> None:
    text = (
        "Trois civils ont été tués samedi lors d'une frappe aérienne russe sur le village de "
        "Kobani, dans le nord de la Syrie.\n\n"
        "Une frappe aérienne russe a touché samedi une maison de Kobani, selon des témoins."
    )
    events = [e for e in eventwire.extract(text, published="2023-03-12").events]
    assert [(e.type, len(e.evidence)) for e in events] == [("ASSAULT", 2)]
