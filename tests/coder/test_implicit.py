"""Parties a careful coder supplies when the story leaves them unsaid (data/implicit.tsv)."""

from eventwire import extract
from eventwire.records import Event


def _event(text: str, etype: str, lang: str) -> Event:
    article = extract(text, published="2020-11-02", lang=lang)
    return next(e for e in article.events if e.type == etype)


def test_arrests_told_in_the_passive_are_the_police_of_where_they_happen() -> None:
    event = _event("Trois cents personnes ont été arrêtées dimanche à Minsk.", "COERCE", "fr")
    assert [(a.country, a.sector, a.text) for a in event.actor] == [("BLR", "COP", "")]
    assert "not named" in (event.actor[0].reason or "")


def test_a_march_without_named_marchers_is_the_people_of_where_it_happens() -> None:
    event = _event("Thousands marched through Tbilisi on Sunday.", "PROTEST", "en")
    assert [(a.country, a.sector) for a in event.actor] == [("GEO", "CVL")]


def test_a_named_party_is_kept_and_no_country_is_invented() -> None:
    named = _event("Police arrested two journalists in Lagos on Monday.", "COERCE", "en")
    assert [a.text for a in named.actor] == ["Police"]
    nowhere = _event("Two journalists were arrested on Monday.", "COERCE", "en")
    assert nowhere.actor == []  # no place, no story country: nothing to supply


def test_a_states_attack_named_by_the_act_or_the_weapon_is_its_militarys() -> None:
    event = _event("A Russian attack killed two people in Kharkiv on Monday.", "ASSAULT", "en")
    assert [(a.country, a.sector) for a in event.actor] == [("RUS", "MIL")]
    event = _event(
        "Des frappes israéliennes ont tué trois personnes dimanche à Rafah.", "ASSAULT", "fr"
    )
    assert [(a.country, a.sector) for a in event.actor] == [("ISR", "MIL")]
    # people of a nation are not its army
    event = _event("Palestinian youths attacked the soldiers with stones.", "ASSAULT", "en")
    assert all(a.sector != "MIL" for a in event.actor)


def test_a_protest_is_made_to_the_government_of_where_it_happens() -> None:
    event = _event("Thousands marched through Tbilisi on Sunday.", "PROTEST", "en")
    assert [(a.country, a.sector) for a in event.recipient] == [("GEO", "GOV")]
