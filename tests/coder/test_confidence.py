"""Event confidence (coder/confidence.py) and the min_confidence threshold, on stories written
for these tests."""

import json
from importlib import resources

import pytest

import eventwire
from eventwire.coder import confidence
from eventwire.config import load_config

PUBLISHED = "2023-03-13T09:00:00"

ATTACK = (
    "Rebels kill 12 soldiers in attack on Malian army post\n\n"
    "Suspected rebels attacked an army post in central Mali on Sunday, killing 12 soldiers, "
    "officials said. The attack on the post was the deadliest this year."
)


def test_the_model_file_names_its_features_and_no_text() -> None:
    data = json.loads(
        (resources.files("eventwire") / "data" / confidence.MODEL_FILE).read_text("utf-8")
    )
    assert len(data["features"]) == len(data["weights"])
    assert all(isinstance(w, float) for w in data["weights"])
    assert 0.0 <= data["threshold"] < 1.0


def test_every_feature_the_coder_reads_is_one_the_model_was_trained_on() -> None:
    model = confidence.load_model()
    with confidence.collecting() as rows:
        eventwire.extract(ATTACK, published=PUBLISHED, config=load_config(None, min_confidence=0))
    assert rows
    for _event, feats in rows:
        assert set(feats) <= set(model.weights), set(feats) - set(model.weights)


def test_every_event_has_a_probability() -> None:
    article = eventwire.extract(ATTACK, published=PUBLISHED, config=load_config(None))
    assert article.events
    assert all(0.0 <= e.confidence <= 1.0 for e in article.events)


def test_an_attack_told_twice_with_its_parties_beats_a_possible_one() -> None:
    config = load_config(None, min_confidence=0)
    told = eventwire.extract(ATTACK, published=PUBLISHED, config=config).events
    possible = eventwire.extract(
        "Analysts in Nairobi discussed the possibility of attacks.",
        published=PUBLISHED,
        config=config,
    ).events
    best_told = max(e.confidence for e in told if e.type == "ASSAULT")
    assert all(e.confidence < best_told for e in possible)


@pytest.mark.parametrize("threshold", [0.0, 0.5, 1.0])
def test_events_below_min_confidence_are_not_output(threshold: float) -> None:
    config = load_config(None, min_confidence=threshold)
    events = eventwire.extract(ATTACK, published=PUBLISHED, config=config).events
    assert all(e.confidence >= threshold for e in events if not e.flags.negated)
    if threshold == 0.0:
        assert events


def test_the_default_threshold_is_the_one_chosen_when_training() -> None:
    data = json.loads(
        (resources.files("eventwire") / "data" / confidence.MODEL_FILE).read_text("utf-8")
    )
    assert load_config(None).min_confidence == pytest.approx(data["threshold"])


@pytest.mark.parametrize(
    "text",
    [
        "Des hommes armés ont tué trois soldats lundi près de Gao. En 2019, une attaque "
        "contre un camp de l'armée avait coûté la vie à trente soldats près de Mopti.",
        "Gunmen killed three soldiers near Gao on Monday. In 2019, rebels had attacked an army "
        "camp near Mopti, killing thirty soldiers.",
    ],
)
def test_a_past_event_the_story_recalls_is_flagged_background(text: str) -> None:
    config = load_config(None, min_confidence=0)
    events = eventwire.extract(text, published=PUBLISHED, config=config).events
    assert [(e.type, e.flags.background) for e in events] == [
        ("ASSAULT", False),
        ("ASSAULT", True),
    ]
    assert events[1].confidence < events[0].confidence


def test_reported_speech_in_the_pluperfect_is_news() -> None:
    text = "La police a annoncé lundi que l'opposant avait été arrêté à Moscou."
    events = eventwire.extract(text, published=PUBLISHED, config=load_config(None)).events
    assert events and not any(e.flags.background for e in events)
