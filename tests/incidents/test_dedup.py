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


def _brief(town: str, count: int, day: str) -> str:
    return (
        f"Police arrest {count} protesters in {town}\n\n"
        f"Police in {town} arrested {count} protesters on {day} during a demonstration "
        "against fuel prices, a police spokesman said. Officers fired tear gas to disperse "
        "the crowd."
    )


def test_briefs_of_one_template_about_other_towns_are_other_stories() -> None:
    same, jaccard, why = near_duplicate(
        signature(_brief("Nairobi", 3, "Monday")), signature(_brief("Lagos", 7, "Monday"))
    )
    assert jaccard >= 0.5  # as alike in wording as a copy...
    assert not same  # ...but about another town
    assert "names of their own" in why


def test_a_brief_updated_with_a_new_figure_is_the_same_story() -> None:
    same, _, why = near_duplicate(
        signature(_brief("Nairobi", 12, "Monday")), signature(_brief("Nairobi", 30, "Monday"))
    )
    assert same, why


def test_a_copy_that_adds_names_in_its_chrome_is_still_a_copy() -> None:
    copy = "Home | World | Africa | Sport\n\n" + STORY + "\n\nFollow Lagos Daily on Twitter"
    same, _, why = near_duplicate(signature(copy), signature(STORY))
    assert same, why
