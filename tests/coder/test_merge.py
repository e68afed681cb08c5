"""Restatements merged into one record (merge.py), on stories written for these tests."""

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
