"""``eventwire eval``: run the whole pipeline over a gold file and score it (see scoring.py).

Each gold document's ``text`` goes in as a user would hand it over, with its ``published``
as known metadata when not null; the language is detected, never taken from the gold.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire.config import Config
from eventwire.pipeline import process
from eventwire.read import document_from_string
from eventwire.scoring import GoldDoc, GoldError, Report, load_gold, score


@dataclass
class EvalRun:
    report: Report
    predictions: dict[str, list[dict[str, Any]]]
    skipped: dict[str, str] = field(default_factory=dict)  # gold id -> reason


def predict(
    docs: list[GoldDoc],
    config: Config,
    *,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> tuple[dict[str, list[dict[str, Any]]], dict[str, str]]:
    """What the pipeline extracts from each gold document, in the gold event shape."""
    raws = (
        document_from_string(
            d.text,
            source=f"gold:{d.id}",
            meta={"id": d.id, **({"published": d.published} if d.published else {})},
        )
        for d in docs
    )
    predictions: dict[str, list[dict[str, Any]]] = {}
    skipped: dict[str, str] = {}
    for doc, outcome in zip(docs, process(raws, config, workers=workers), strict=True):
        if outcome.article is None:
            predictions[doc.id] = []
            skipped[doc.id] = outcome.skip.reason if outcome.skip else "no article"
        else:
            # Negated events are kept in the records but are not predictions (FORMAT.md).
            predictions[doc.id] = [e.to_gold() for e in outcome.article.events if e.is_prediction]
        if progress is not None:
            progress(1)
    return predictions, skipped


def load_gold_file(gold_path: str | Path) -> list[GoldDoc]:
    """The documents of a gold file; :class:`GoldError` names the file and the problem.

    A file with no documents at all is an error too: it would score as a perfect empty run.
    """
    docs = load_gold(gold_path)
    if not docs:
        raise GoldError(f"{gold_path}: no gold documents (the file is empty or blank)")
    return docs


def evaluate(
    gold_path: str | Path,
    config: Config,
    *,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
    docs: list[GoldDoc] | None = None,
) -> EvalRun:
    """Score the pipeline on a gold file (``docs``: its documents, when already loaded)."""
    if docs is None:
        docs = load_gold_file(gold_path)
    predictions, skipped = predict(docs, config, workers=workers, progress=progress)
    return EvalRun(score(docs, predictions), predictions, skipped)


def write_predictions(runs: EvalRun | list[EvalRun], path: str | Path) -> None:
    """One line per gold document: {"id": ..., "events": [...]} in the gold event shape."""
    runs = runs if isinstance(runs, list) else [runs]
    with Path(path).open("w", encoding="utf-8") as handle:
        for run in runs:
            for doc_id, events in run.predictions.items():
                line = json.dumps({"id": doc_id, "events": events}, ensure_ascii=False)
                handle.write(line + "\n")
