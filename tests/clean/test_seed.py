"""The seed story (a Xinhua page scraped as text) comes out as the brief requires."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.clean import clean
from eventwire.read import RawDocument, read_inputs

SEED = (
    Path(__file__).resolve().parents[2]
    / ".."
    / "shared"
    / "corpus"
    / "seed"
    / "xinhua-fr-2017-02-10-moscou-ankara.txt"
)
TITLE = (
    "Moscou et Ankara veulent renforcer leur coordination après la mort de trois soldats"
    " turcs tués dans une frappe aérienne russe"
)

pytestmark = pytest.mark.skipif(
    not SEED.is_file(), reason=f"the shared seed corpus is absent ({SEED} not found)"
)


@pytest.fixture(scope="module")
def seed() -> RawDocument:
    (doc,) = read_inputs([SEED])
    assert isinstance(doc, RawDocument)
    return doc


def test_seed_body_is_the_ten_paragraphs(seed: RawDocument) -> None:
    cleaned = clean(seed)
    paragraphs = cleaned.body.split("\n\n")
    assert len(paragraphs) == 10
    assert paragraphs[0].startswith("Moscou et Ankara ont convenu jeudi d'améliorer")
    assert paragraphs[-1].endswith("de la coopération économique.")
    assert paragraphs[3].startswith('"Les deux dirigeants ont convenu')  # quotes kept as written
    for chrome in (
        "Dernière mise à jour",
        "Page d'accueil",
        "Xinhua |",
        "Rédacteurs",
        "Partez",
        "Votre pseudo",
        "Conseils",
        "•",
        "\u00a0",
    ):
        assert chrome not in cleaned.text


def test_seed_sentences_are_kept_character_for_character(seed: RawDocument) -> None:
    cleaned = clean(seed)
    source_lines = {line.strip() for line in (seed.text or "").splitlines()}
    for paragraph in cleaned.body.split("\n\n"):
        assert paragraph in source_lines


def test_seed_metadata(seed: RawDocument) -> None:
    cleaned = clean(seed)
    assert cleaned.title == TITLE
    assert cleaned.publisher == "Xinhua"
    assert cleaned.published == "2017-02-10T08:17:00"
    assert cleaned.section == "International"
    assert cleaned.editors == ["Qian HE", "Guangqi CUI"]
    assert cleaned.authors == []
    assert cleaned.text == TITLE + "\n\n" + cleaned.body
    assert cleaned.body_start == len(TITLE) + 2
    assert cleaned.text[cleaned.body_start :] == cleaned.body
