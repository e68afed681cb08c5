"""Scoring incident grouping and article deduplication against a labelled story corpus.

The corpus is JSON Lines as ``eventwire ingest`` reads it, each record with an ``incident``
label (the real incident it tells) and an ``id``.  Each story is placed in the predicted
incident of its main event (the event of the incident's type with the highest confidence)
and the grouping is scored pairwise and with B-cubed precision and recall.  Copies of one
story (same incident label and the same ``wire`` text collapsed into one article) score the
deduplication: a pair of inputs that share an article must be one story.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

from eventwire.store import Store


@dataclass
class Scores:
    precision: float
    recall: float
    f1: float

    def line(self, name: str) -> str:
        return f"{name}: P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}"


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def pairwise(gold: dict[str, str], pred: dict[str, str]) -> Scores:
    """Precision and recall of the pairs of items put together."""
    items = sorted(gold)
    both = same_gold = same_pred = 0
    for a, b in combinations(items, 2):
        g, p = gold[a] == gold[b], pred[a] == pred[b]
        both += g and p
        same_gold += g
        same_pred += p
    precision = both / same_pred if same_pred else 1.0
    recall = both / same_gold if same_gold else 1.0
    return Scores(precision, recall, _f1(precision, recall))


def bcubed(gold: dict[str, str], pred: dict[str, str]) -> Scores:
    """B-cubed: per item, the share of its predicted cluster that is right, and the share
    of its true cluster that it was put with."""
    gold_size = Counter(gold.values())
    pred_size = Counter(pred.values())
    joint = Counter((gold[i], pred[i]) for i in gold)
    precision = sum(joint[(gold[i], pred[i])] / pred_size[pred[i]] for i in gold) / len(gold)
    recall = sum(joint[(gold[i], pred[i])] / gold_size[gold[i]] for i in gold) / len(gold)
    return Scores(precision, recall, _f1(precision, recall))


def story_incidents(store: Store, corpus: list[dict[str, Any]]) -> dict[str, str]:
    """Each story's predicted incident (its article's main event), by story id."""
    article_of: dict[str, str] = {}
    for article_id, url in store.execute("SELECT article_id, url FROM article_urls"):
        article_of[url] = article_id
    types = {rec["incident"]: rec.get("type") for rec in corpus if rec.get("type")}
    pred: dict[str, str] = {}
    for rec in corpus:
        article = article_of.get(rec["url"])
        rows = store.execute(
            "SELECT type, incident_id FROM events WHERE article_id = ? AND NOT negated "
            "ORDER BY confidence DESC, seq",
            [article],
        )
        wanted = types.get(rec["incident"]) or rec.get("type")
        chosen = next((inc for etype, inc in rows if wanted in (None, etype)), None)
        pred[rec["id"]] = chosen or f"none:{rec['id']}"
    return pred


def dedup_pairs(store: Store, corpus: list[dict[str, Any]]) -> Scores:
    """Pairwise P/R of inputs folded into one article, against the ``copy_of`` labels."""
    article_of = dict(
        (url, art) for art, url in store.execute("SELECT article_id, url FROM article_urls")
    )
    gold = {rec["id"]: rec.get("copy_of") or rec["id"] for rec in corpus}
    pred = {rec["id"]: article_of.get(rec["url"], f"none:{rec['id']}") for rec in corpus}
    return pairwise(gold, pred)


def load_corpus(path: str | Path) -> list[dict[str, Any]]:
    with Path(path).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def score(store: Store, corpus: list[dict[str, Any]]) -> dict[str, Any]:
    """Every figure: grouping (pairwise, B-cubed), distractors merged, deduplication."""
    gold = {rec["id"]: rec["incident"] for rec in corpus}
    pred = story_incidents(store, corpus)
    real = {rec["incident"] for rec in corpus if not rec.get("distractor")}
    merged = [
        rec["id"]
        for rec in corpus
        if rec.get("distractor")
        and any(pred[rec["id"]] == pred[o["id"]] for o in corpus if o["incident"] in real)
    ]
    articles = store.execute("SELECT count(*) FROM articles")[0][0]
    return {
        "stories": len(corpus),
        "incidents": len(set(gold.values())),
        "pairwise": pairwise(gold, pred),
        "bcubed": bcubed(gold, pred),
        "distractors_merged": merged,
        "dedup": dedup_pairs(store, corpus),
        "articles": articles,
        "distinct_stories": len({rec.get("copy_of") or rec["id"] for rec in corpus}),
    }
