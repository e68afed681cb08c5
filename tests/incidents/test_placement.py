"""Tests for eventwire.incidents.placement: copies, near-duplicates and updates, one by one
and in batches read ahead."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.incidents import storage
from eventwire.incidents.placement import (
    DUPLICATE,
    NEAR_DUPLICATE,
    SKIPPED,
    STORED,
    UPDATED,
    place_article,
    place_outcomes,
)
from eventwire.pipeline import Outcome, Skip
from eventwire.records import Article, article_id
from eventwire.store import Store

# A story of our own, long enough for word 4-grams to tell copies from other stories.
BASE = " ".join(
    f"The river ferry number {n} from Kisumu to Homa Bay carried {n + 20} passengers and"
    f" {n + 3} tonnes of maize on a calm morning, its captain told the harbour office."
    for n in range(1, 21)
)
OTHER = " ".join(
    f"Farmers in district {n} near Eldoret planted {n * 7} hectares of wheat after the"
    f" rains came {n} days late, the county agriculture officer said on Monday."
    for n in range(1, 21)
)


def _article(text: str, n: int, published: str | None = None) -> Article:
    return Article(
        id=article_id(text), text=text, url=f"https://example.org/story-{n}", published=published
    )


def _outcome(text: str, n: int, published: str | None = None) -> Outcome:
    return Outcome(f"story-{n}.txt", f"raw-{n}", article=_article(text, n, published))


def _addresses(store: Store) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for ident, url in store.query("SELECT article_id, url FROM article_urls"):
        found.setdefault(ident, set()).add(url)
    return found


def test_a_batch_places_copies_versions_and_other_stories(tmp_path: Path) -> None:
    longer = BASE + " A second ferry was delayed by fog until noon, the office added."
    with Store(tmp_path / "s.duckdb") as store:
        with store.batch():
            first = place_outcomes(store, [_outcome(BASE, 1)])
        with store.batch():
            placed = place_outcomes(
                store,
                [
                    _outcome(BASE, 2),  # the same text under another address
                    _outcome(BASE.replace("calm", "cool", 1), 3),  # a word changed: a copy
                    Outcome("broken.txt", "raw-x", skip=Skip("broken.txt", "empty file")),
                    _outcome(OTHER, 4),  # another story
                    _outcome(longer, 5),  # a longer version: replaces the first
                    _outcome(BASE.replace("calm", "grey", 1), 6),  # a copy of the replaced one
                ],
            )
        statuses = [p.status for p in first + placed]
        ids = {row[0] for row in store.query("SELECT id FROM articles")}
        addresses = _addresses(store)
    assert statuses == [STORED, DUPLICATE, NEAR_DUPLICATE, SKIPPED, STORED, UPDATED, NEAR_DUPLICATE]
    assert ids == {article_id(OTHER), article_id(longer)}
    # Every address the story was seen under now names its newest version.
    assert addresses[article_id(longer)] == {
        f"https://example.org/story-{n}" for n in (1, 2, 3, 5, 6)
    }
    assert placed[-1].article_id == article_id(longer)


@pytest.mark.parametrize("per_statement", [2048, 5])  # bands written into one statement
def test_read_ahead_places_as_one_by_one(tmp_path: Path, monkeypatch, per_statement: int) -> None:
    monkeypatch.setattr(storage, "_BANDS_PER_STATEMENT", per_statement)
    texts = [
        BASE,
        OTHER,
        BASE + " The harbour office said the ferry would sail again on Friday.",
        BASE.replace("maize", "rice", 1),
        OTHER.replace("wheat", "barley", 1),
        BASE,
    ]
    results = []
    for ahead in (True, False):
        with Store(tmp_path / f"s-{ahead}.duckdb") as store:
            with store.batch():
                if ahead:
                    placed = place_outcomes(store, [_outcome(t, n) for n, t in enumerate(texts)])
                else:
                    placed = [
                        place_article(store, _article(t, n), raw_hash=f"raw-{n}")
                        for n, t in enumerate(texts)
                    ]
            results.append(([(p.status, p.article_id) for p in placed], _addresses(store)))
    assert results[0] == results[1]


def test_lookahead_goes_stale_when_the_store_is_written(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        with store.batch():
            place_outcomes(store, [_outcome(BASE, 1)])
        with store.batch():
            ahead = storage.Lookahead.read(store, {article_id(BASE): BASE, "a-new": OTHER})
            assert ahead.stored == {article_id(BASE)}
            assert "a-new" in ahead.signatures and article_id(BASE) not in ahead.signatures
            assert ahead.fresh(store)
            store.query("SELECT count(*) FROM articles")  # a read moves nothing
            assert ahead.fresh(store)
            store.execute("DELETE FROM article_urls WHERE url = 'none'")
            assert not ahead.fresh(store)


def test_a_shorter_copy_of_a_staged_version_does_not_replace_the_stored_article(
    tmp_path: Path,
) -> None:
    """A version staged in the batch stands for its stored article at that article's length:
    a text longer than the version but shorter than the article is a copy, not an update."""
    tail = " ".join(
        f"Late note {n}: the ferry office counted {n + 5} more crates of fish at pier {n * 3}."
        for n in range(10, 40)
    )
    article = BASE + " " + tail  # BASE is contained in it, and far from all of it
    with Store(tmp_path / "s.duckdb") as store:
        with store.batch():
            place_outcomes(store, [_outcome(article, 1)])
        with store.batch():
            placed = place_outcomes(store, [_outcome(BASE, 2), _outcome(BASE + " " + tail[:80], 3)])
        ids = {row[0] for row in store.query("SELECT id FROM articles")}
    assert [p.status for p in placed] == [NEAR_DUPLICATE, NEAR_DUPLICATE]
    assert ids == {article_id(article)}
