"""Event types decided over a sentence's candidates (candidates.py): intentions, threats and
refusals, on sentences written for these tests."""

import pytest

import eventwire
from eventwire.records import Event

PUBLISHED = "2023-03-10T09:00:00"


def coded(text: str) -> list[Event]:
    return eventwire.extract(text, published=PUBLISHED).events


def kinds(text: str) -> list[tuple[str, str | None]]:
    return [(e.type, e.cameo) for e in coded(text)]


@pytest.mark.parametrize(
    "text", ["The rebels want to attack Bamako.", "Les rebelles veulent attaquer Bamako."]
)
def test_an_intended_attack_is_a_threat_flagged_hypothetical(text: str) -> None:
    (e,) = coded(text)
    assert (e.type, e.mode, e.cameo) == ("THREATEN", "violence", "138")
    assert e.flags.hypothetical and e.is_prediction
    assert [a.country for a in e.recipient] == ["MLI"]


def test_a_vow_to_impose_sanctions_is_a_threat_not_an_agreement() -> None:
    assert kinds("Kenya vowed to impose sanctions on Somalia.") == [("THREATEN", "1312")]


def test_a_future_attack_stays_an_attack_flagged_hypothetical() -> None:
    (e,) = coded("Officials said the army will attack rebel positions near Gao.")
    assert e.type == "ASSAULT" and e.flags.hypothetical
    assert [a.sector for a in e.actor] == ["MIL"]


@pytest.mark.parametrize(
    "text",
    [
        "The minister said Chile would not provide aid to Peru.",
        "Le ministre a déclaré que le Chili ne fournirait pas d'aide au Pérou.",
    ],
)
def test_refusing_a_cooperative_act_is_a_rejection(text: str) -> None:
    (e,) = coded(text)
    assert e.type == "REJECT" and not e.flags.negated and e.is_prediction
    assert ([a.country for a in e.actor], [a.country for a in e.recipient]) == (["CHL"], ["PER"])


def test_a_past_act_that_did_not_happen_stays_negated_not_a_refusal() -> None:
    (e,) = coded("Chile did not provide aid to Peru last year.")
    assert e.type == "AID" and e.flags.negated and not e.is_prediction


def test_an_offer_to_cooperate_is_still_an_agreement() -> None:
    (e,) = coded("Kenya offered to send doctors to Somalia.")
    assert e.type == "AGREE" and [a.country for a in e.actor] == ["KEN"]


def test_an_offer_to_stop_attacks_is_no_threat() -> None:
    types = [t for t, _ in kinds("The rebels offered to stop their attacks on Bamako.")]
    assert "THREATEN" not in types and "AGREE" in types


def test_a_plot_found_by_the_police_is_no_announced_threat() -> None:
    text = "Police said they had found rebel plans to attack police stations in Bamako."
    assert "THREATEN" not in [t for t, _ in kinds(text)]


def test_a_protest_its_doers_announce_is_a_threat() -> None:
    (e,) = coded("Angry farmers said they would blockade Lyon from Monday.")
    assert (e.type, e.mode) == ("THREATEN", "restrict")
    assert [a.sector for a in e.actor] == ["AGR"]


def test_an_act_made_conditional_on_anothers_conduct_is_a_threat() -> None:
    text = (
        "Kenya announced that it will withdraw its troops from Somalia "
        "unless the government holds elections."
    )
    (e,) = coded(text)
    assert e.type == "THREATEN"
    assert ([a.country for a in e.actor], [a.country for a in e.recipient]) == (["KEN"], ["SOM"])


def test_a_withdrawal_announced_without_a_condition_is_an_agreement() -> None:
    (e,) = coded("Kenya will withdraw its troops from Somalia next year, the minister said.")
    assert e.type == "AGREE"
