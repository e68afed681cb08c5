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


@pytest.mark.parametrize(
    "text",
    [
        "Government envoys and rebel leaders struck an agreement on Friday.",
        "The government and the rebels agreed to a cease-fire on Friday.",
    ],
)
def test_what_a_verb_does_to_an_event_noun_is_that_one_event(text: str) -> None:
    assert [e.type for e in coded(text)] == ["AGREE"]


@pytest.mark.parametrize(
    "text",
    [
        "Colombian warplanes bombed two rebel camps with the support of special forces.",
        "Des avions colombiens ont bombardé deux camps rebelles avec le soutien de soldats.",
    ],
)
def test_the_support_an_act_was_done_with_is_no_event(text: str) -> None:
    assert [e.type for e in coded(text)] == ["ASSAULT"]


@pytest.mark.parametrize(
    "text",
    [
        "Le gouverneur du Michoacan a promis que les assaillants ne resteront pas impunis.",
        "The Iranian president pledged that the United States would fail.",
    ],
)
def test_a_promise_about_someone_else_is_no_offer(text: str) -> None:
    assert coded(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "L'Algérie a décidé de rompre ses relations diplomatiques avec le Maroc.",
        "China decided to ban imports of Japanese seafood.",
    ],
)
def test_a_sanction_decided_is_in_force(text: str) -> None:
    (e,) = coded(text)
    assert e.type == "SANCTION" and not e.flags.hypothetical


@pytest.mark.parametrize(
    ("text", "lang", "anchor"),
    [
        ("The attack on the church killed two policemen.", "en", "happened"),
        ("L'attaque de mardi contre le camp a fait douze morts.", "fr", "happened"),
        ("Rebels launched an attack on the town.", "en", "done"),
        ("Soldiers attacked the camp.", "en", "verb"),
    ],
)
def test_what_says_that_a_noun_mention_reports_an_act(text: str, lang: str, anchor: str) -> None:
    from eventwire.coder.candidates import noun_anchor, sentence_candidates
    from eventwire.config import load_config
    from eventwire.pipeline import context_for

    pipeline, ctx = context_for(lang, load_config(None))
    sent = next(iter(pipeline.nlp(text).sents))
    found, _, _ = sentence_candidates(sent, ctx.lexicon, ctx.actors, None, set())
    assert anchor in [noun_anchor(c) for c in found]


@pytest.mark.parametrize(
    "text",
    [
        "The EU is weighing likely sanctions against Belarus.",
        "Les Vingt-Sept envisagent d'éventuelles sanctions contre Minsk.",
        "Kenyan officials warned of the risk of an attack by Somali rebels.",
    ],
)
def test_a_mention_of_an_act_only_possible_is_no_event(text: str) -> None:
    assert coded(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Parliament authorized the government to deploy troops to the border on Monday.",
        "Le Parlement a autorisé le gouvernement à déployer des troupes à la frontière lundi.",
        "The army can strike rebel positions at any time, the minister said.",
    ],
)
def test_a_permitted_or_possible_act_is_hypothetical(text: str) -> None:
    events = coded(text)
    assert events and all(e.flags.hypothetical for e in events)


def test_an_act_one_is_not_authorized_to_do_is_no_event() -> None:
    text = (
        "All officials spoke on condition of anonymity because they were not authorized to "
        "release information."
    )
    assert not [e for e in coded(text) if e.is_prediction]


def test_a_plain_past_act_is_not_hypothetical() -> None:
    events = coded("Police arrested 12 protesters in Lagos on Monday.")
    assert events and not any(e.flags.hypothetical for e in events)
