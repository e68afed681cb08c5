"""Fit the event confidence model (coder/confidence.py) on the gold sets and check it.

    .venv/bin/python scripts/train_confidence.py                 # fit, report, write weights
    .venv/bin/python scripts/train_confidence.py --dry-run       # report only

Every event the coder outputs on a gold set is a row: its features (confidence.features) and
a label, 1 when the scorer matched it to a required gold event, 0 when it was a false
positive, 0.5 when it matched an optional one (a careful coder may or may not record it).
Events of types a document does not code, and negated events, are no rows. The model is an
L2-regularised logistic regression (numpy, Newton steps); each set weighs the same in the
fit, so that the 1,500 terrorism reports of MUC-4 do not set the model alone.

Reported: cross-validated (5 folds by document) and leave-one-set-out Brier scores and
reliability tables, and the detection figures of each set when events below a threshold are
dropped; the default threshold (Config.min_confidence) is chosen on the training sets' out-of-
fold probabilities. With --check FILE (a set it was not trained on, e.g. realnews-dev) the
same table is printed for that set with the fitted model. The weights go to
src/eventwire/data/confidence.json: feature names and numbers, no text.
"""

from __future__ import annotations

import argparse
import itertools
import json
import multiprocessing
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from eventwire.coder import confidence
from eventwire.config import Config, load_config
from eventwire.goldsets import gold_files
from eventwire.pipeline import process_batch
from eventwire.read import document_from_string
from eventwire.scoring import GoldDoc, load_gold, score

ROOT = Path(__file__).resolve().parents[1]
MODEL_PATH = ROOT / "src" / "eventwire" / "data" / confidence.MODEL_FILE
BINS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0001)


@dataclass
class Row:
    dataset: str
    doc: str
    index: int  # the prediction's index among the document's predictions
    features: dict[str, float]
    label: float


@dataclass
class Coded:
    """One gold set as the coder (with no threshold) sees it."""

    name: str
    docs: list[GoldDoc]
    predictions: dict[str, list[dict[str, Any]]]
    rows: list[Row]


_CONFIG: Config | None = None


def _init(config: Config) -> None:
    global _CONFIG
    _CONFIG = config


def _code(docs: list[GoldDoc]) -> list[tuple[str, list[tuple[dict[str, Any], dict[str, float]]]]]:
    """Code documents (in a worker) and return each prediction with its features."""
    assert _CONFIG is not None
    raws = [
        document_from_string(
            d.text,
            source=f"gold:{d.id}",
            meta={"id": d.id, **({"published": d.published} if d.published else {})},
        )
        for d in docs
    ]
    with confidence.collecting() as sink:
        outcomes = process_batch(raws, _CONFIG)
        by_event = {id(ev): feats for ev, feats in sink}
    out = []
    for doc, outcome in zip(docs, outcomes, strict=True):
        if outcome.skip is not None and outcome.skip.reason.startswith("coding failed"):
            # a model fitted on a broken run would be written as if it were good
            raise RuntimeError(f"{doc.id}: {outcome.skip.reason}")
        events = outcome.article.events if outcome.article is not None else []
        out.append((doc.id, [(e.to_gold(), by_event[id(e)]) for e in events if e.is_prediction]))
    return out


def code_set(path: Path, config: Config, workers: int) -> Coded:
    docs = load_gold(path)
    batches = [docs[i : i + 16] for i in range(0, len(docs), 16)]
    if workers > 1:
        ctx = multiprocessing.get_context("fork")
        with ctx.Pool(workers, initializer=_init, initargs=(config,)) as pool:
            results = [r for part in pool.map(_code, batches) for r in part]
    else:
        _init(config)
        results = [r for b in batches for r in _code(b)]
    predictions = {doc_id: [g for g, _ in evs] for doc_id, evs in results}
    feats = {doc_id: [f for _, f in evs] for doc_id, evs in results}
    report = score(docs, predictions)
    rows = []
    for result in report.docs:
        label: dict[int, float] = {pi: 1.0 for _, pi in result.matched}
        label.update({pi: 0.5 for _, pi in result.matched_optional})
        label.update({pi: 0.0 for pi in result.false_positives})
        for pi, value in sorted(label.items()):
            rows.append(Row(path.stem, result.id, pi, feats[result.id][pi], value))
    return Coded(path.stem, docs, predictions, rows)


# --------------------------------------------------------------------------- the model


def matrix(rows: list[Row], names: list[str]) -> np.ndarray:
    return np.array([[r.features.get(n, 0.0) for n in names] for r in rows], dtype=float)


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray, l2: float) -> tuple[np.ndarray, float]:
    """Weighted logistic regression with soft labels, L2 on the weights (not the bias)."""
    xb = np.hstack([x, np.ones((len(x), 1))])
    beta = np.zeros(xb.shape[1])
    penalty = np.full(xb.shape[1], l2)
    penalty[-1] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-np.clip(xb @ beta, -30, 30)))
        grad = xb.T @ (w * (p - y)) + penalty * beta
        hess = (xb * (w * p * (1 - p))[:, None]).T @ xb + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return beta[:-1], float(beta[-1])


def predict(x: np.ndarray, weights: np.ndarray, bias: float) -> np.ndarray:
    return 1 / (1 + np.exp(-np.clip(x @ weights + bias, -30, 30)))


def set_weights(rows: list[Row]) -> np.ndarray:
    """Each set weighs the same in total (as much as the mean set)."""
    sets = [r.dataset for r in rows]
    counts = {s: sets.count(s) for s in set(sets)}
    mean = len(rows) / len(counts)
    return np.array([mean / counts[s] for s in sets])


def out_of_fold(rows: list[Row], names: list[str], l2: float, folds: int = 5) -> np.ndarray:
    """Probabilities from models that did not see the row's document (folds by document)."""
    docs = sorted({(r.dataset, r.doc) for r in rows})
    rng = np.random.default_rng(13)
    fold_of = dict(zip(docs, rng.integers(0, folds, len(docs)), strict=True))
    k = np.array([fold_of[(r.dataset, r.doc)] for r in rows])
    x, y, w = matrix(rows, names), np.array([r.label for r in rows]), set_weights(rows)
    p = np.zeros(len(rows))
    for f in range(folds):
        train = k != f
        weights, bias = fit(x[train], y[train], w[train], l2)
        p[~train] = predict(x[~train], weights, bias)
    return p


def leave_one_set_out(rows: list[Row], names: list[str], l2: float) -> np.ndarray:
    x, y, w = matrix(rows, names), np.array([r.label for r in rows]), set_weights(rows)
    sets = np.array([r.dataset for r in rows])
    p = np.zeros(len(rows))
    for name in sorted(set(sets)):
        train = sets != name
        weights, bias = fit(x[train], y[train], w[train], l2)
        p[~train] = predict(x[~train], weights, bias)
    return p


def brier(p: np.ndarray, y: np.ndarray) -> float:
    return float(np.mean((p - y) ** 2))


def reliability(p: np.ndarray, y: np.ndarray) -> list[str]:
    lines = ["  bin        n   predicted  observed"]
    for lo, hi in itertools.pairwise(BINS):
        inside = (p >= lo) & (p < hi)
        if inside.any():
            lines.append(
                f"  {lo:.1f}-{min(hi, 1.0):.1f}  {inside.sum():5d}   {p[inside].mean():.3f}"
                f"      {y[inside].mean():.3f}"
            )
    return lines


def thresholded(coded: Coded, probs: dict[tuple[str, int], float], t: float) -> dict[str, float]:
    """A set's detection figures when its predictions below ``t`` are dropped."""
    kept = {
        doc_id: [e for i, e in enumerate(evs) if probs.get((doc_id, i), 1.0) >= t]
        for doc_id, evs in coded.predictions.items()
    }
    report = score(coded.docs, kept)
    return {"precision": report.precision, "recall": report.recall, "f1": report.f1}


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shared", default=str(ROOT.parent / "shared" / "eval"))
    parser.add_argument("--check", action="append", default=[], help="a held-out gold set")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--l2", type=float, action="append", help="L2 strengths to try (default 1, 3, 10, 30)"
    )
    parser.add_argument("--dry-run", action="store_true", help="report, do not write weights")
    parser.add_argument("--cache", help="a pickle of coded sets, written once and then read")
    args = parser.parse_args()

    config = load_config(None)
    config.min_confidence = 0.0  # every event the coder finds is a row
    paths = [p for p in gold_files(args.shared) if p.stem != "seed"]
    checks = [Path(c) for c in args.check]
    coded_sets, check_sets = _coded(paths, checks, config, args)
    rows = [r for c in coded_sets for r in c.rows]
    names = sorted({n for r in rows for n in r.features})
    y = np.array([r.label for r in rows])
    print(f"{len(rows)} events from {len(coded_sets)} sets, {len(names)} features", file=sys.stderr)

    # The regularisation with the best 5-fold Brier score on the training sets.
    scores = {l2: brier(out_of_fold(rows, names, l2), y) for l2 in args.l2 or [1, 3, 10, 30]}
    l2 = min(scores, key=lambda k: scores[k])
    print("L2 strength: " + ", ".join(f"{k:g} -> {v:.4f}" for k, v in scores.items()))
    oof = out_of_fold(rows, names, l2)
    loso = leave_one_set_out(rows, names, l2)
    base = float(np.average(y, weights=set_weights(rows)))
    print(
        f"Brier, 5-fold by document: {brier(oof, y):.4f}  (constant rate: "
        f"{brier(np.full(len(y), y.mean()), y):.4f})"
    )
    print(f"Brier, leave one set out: {brier(loso, y):.4f}")
    print("reliability, 5-fold (all sets):")
    print("\n".join(reliability(oof, y)))
    for name in sorted({r.dataset for r in rows}):
        mask = np.array([r.dataset == name for r in rows])
        print(
            f"{name}: Brier 5-fold {brier(oof[mask], y[mask]):.4f}, left out"
            f" {brier(loso[mask], y[mask]):.4f}, observed rate {y[mask].mean():.3f}"
        )

    # The threshold: the best mean F1 over the training sets, on out-of-fold probabilities,
    # that costs no set more than 0.02 of recall.
    probs = {(r.dataset, r.doc, r.index): float(p) for r, p in zip(rows, oof, strict=True)}
    grid = [round(t, 2) for t in np.arange(0.0, 0.61, 0.05)]
    table: dict[float, dict[str, dict[str, float]]] = {}
    for t in grid:
        table[t] = {
            c.name: thresholded(c, {(d, i): p for (s, d, i), p in probs.items() if s == c.name}, t)
            for c in coded_sets
        }
    print("threshold  " + "  ".join(f"{c.name:>26}" for c in coded_sets) + "   mean F1")
    for t in grid:
        cells = "  ".join(
            f"P {f['precision']:.3f} R {f['recall']:.3f} F {f['f1']:.3f}" for f in table[t].values()
        )
        mean_f1 = np.mean([f["f1"] for f in table[t].values()])
        print(f"  {t:.2f}     {cells}   {mean_f1:.4f}")
    allowed = [
        t
        for t in grid
        if all(table[t][n]["recall"] >= table[0.0][n]["recall"] - 0.02 for n in table[t])
    ]
    chosen = max(allowed, key=lambda t: (np.mean([f["f1"] for f in table[t].values()]), -t))
    print(f"chosen threshold: {chosen} (base rate {base:.3f})")

    w_all = set_weights(rows)
    weights, bias = fit(matrix(rows, names), y, w_all, l2)
    for n, wt in sorted(zip(names, weights, strict=True), key=lambda kv: -abs(kv[1])):
        print(f"  {wt:+.3f}  {n}")
    print(f"  {bias:+.3f}  (bias)")
    for c in check_sets:
        x = matrix(c.rows, names)
        yc = np.array([r.label for r in c.rows])
        pc = predict(x, weights, bias)
        print(
            f"held out {c.name}: {len(yc)} events, Brier {brier(pc, yc):.4f} (constant "
            f"training rate: {brier(np.full(len(yc), base), yc):.4f})"
        )
        print("\n".join(reliability(pc, yc)))
        cp = {(r.doc, r.index): float(p) for r, p in zip(c.rows, pc, strict=True)}
        for t in sorted({0.0, chosen}):
            f = thresholded(c, cp, t)
            print(
                f"  threshold {t:.2f}: P {f['precision']:.3f} R {f['recall']:.3f} F1 {f['f1']:.3f}"
            )
    if not args.dry_run:
        payload = {
            "about": "coder/confidence.py; written by scripts/train_confidence.py",
            "trained_on": sorted({r.dataset for r in rows}),
            "threshold": chosen,
            "l2": l2,
            "brier_5fold": round(brier(oof, y), 4),
            "brier_leave_one_set_out": round(brier(loso, y), 4),
            "features": names,
            "weights": [round(float(v), 4) for v in weights],
            "bias": round(bias, 4),
        }
        MODEL_PATH.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {MODEL_PATH.relative_to(ROOT)}", file=sys.stderr)
    return 0


def _coded(
    paths: list[Path], checks: list[Path], config: Config, args: argparse.Namespace
) -> tuple[list[Coded], list[Coded]]:
    import pickle

    if args.cache and Path(args.cache).is_file():
        with open(args.cache, "rb") as f:
            return pickle.load(f)
    coded = []
    for p in [*paths, *checks]:
        print(f"coding {p.stem} ...", file=sys.stderr)
        coded.append(code_set(p, config, args.workers))
    result = (coded[: len(paths)], coded[len(paths) :])
    if args.cache:
        with open(args.cache, "wb") as f:
            pickle.dump(result, f)
    return result


if __name__ == "__main__":
    sys.exit(main())
