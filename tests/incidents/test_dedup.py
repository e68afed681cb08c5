"""Near-duplicate articles: copies with other chrome fold together, other stories do not."""

from __future__ import annotations

from eventwire.incidents.dedup import near_duplicate, signature

STORY = (
    "MAIDUGURI, Nigeria - A suicide bomber killed seven people and wounded 20 others at a "
    "crowded market in Maiduguri on Tuesday, police said. The attacker detonated explosives "
    "near the fish stalls in the afternoon, a police spokesman said. No group has claimed the "
    "attack, but militants have often targeted markets in Borno state."
)


def test_copy_with_other_chrome_headline_and_typo_is_a_near_duplicate() -> None:
    copy = (
        "Bomber kills seven at market\n\nBy Staff Reporter\n\n"
        + STORY.replace("stalls", "stals")
        + "\n\nShare this article"
    )
    same, jaccard, why = near_duplicate(signature(copy), signature(STORY))
    assert same, why
    assert jaccard > 0.6


def test_update_with_a_new_paragraph_is_contained() -> None:
    update = STORY + " Two of the wounded died in hospital in the evening, an official said."
    same, _, why = near_duplicate(signature(update), signature(STORY))
    assert same and "containment" in why


def test_another_outlet_s_story_of_the_same_incident_is_not_a_duplicate() -> None:
    other = (
        "Seven people died on Tuesday when a bomber struck a busy market in the north-eastern "
        "Nigerian city of Maiduguri, according to the police, who said twenty were hurt."
    )
    same, jaccard, _ = near_duplicate(signature(other), signature(STORY))
    assert not same and jaccard < 0.2


def test_signatures_are_stable_across_runs() -> None:
    first, second = signature(STORY), signature(STORY)
    assert first == second
    assert len(first.bands()) == 32 and first.bands() == second.bands()
