"""Every gold set in a folder scored at once: the README's accuracy table and the CI floors.

``scripts/eval_gold.py`` writes the table; ``tests/test_gold.py`` fails the build when a
figure drops below its floor in ``eval/floors.json`` (trafilatura's evaluation gate).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from eventwire.config import Config
from eventwire.evaluate import EvalRun, evaluate

TABLE_START = "<!-- accuracy-table:start -->"
TABLE_END = "<!-- accuracy-table:end -->"
# The columns of the README table: detection, then the fields every set grades most.
FIELD_COLUMNS = (
    "mode",
    "actor.country",
    "recipient.country",
    "location.country",
    "location.name",
    "date",
    "dead",
    "injured",
)


def _first_doc(path: Path) -> Any:
    """The first JSON line of a file, or ``...`` when it cannot be read as one."""
    try:
        with path.open(encoding="utf-8-sig") as f:
            first = next((line for line in f if line.strip()), None)
        return json.loads(first) if first else None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return ...


def is_event_set(path: Path) -> bool:
    """Does this JSON Lines file hold scorable documents (a ``text`` and ``events``)?

    A real-page set's ``*.codes.jsonl`` keeps its codes without the page texts (they come
    back apart, see the shared PAGES.md), and a cleaning set has no events: neither is
    scored here.
    """
    doc = _first_doc(path)
    if doc is ...:
        return True  # let the scorer report what is wrong with it
    return isinstance(doc, dict) and "text" in doc and "events" in doc


def gold_files(*folders: str | Path) -> list[Path]:
    """The event gold sets of these folders (a missing folder has none), by name."""
    paths = [p for folder in folders for p in Path(folder).glob("*.jsonl")]
    return sorted((p for p in paths if is_event_set(p)), key=lambda p: (p.stem, str(p)))


def score_all(
    folders: list[str | Path],
    config: Config,
    *,
    workers: int | None = None,
    on_file: Callable[[Path], None] | None = None,
) -> dict[str, EvalRun]:
    runs: dict[str, EvalRun] = {}
    for path in gold_files(*folders):
        if on_file is not None:
            on_file(path)
        runs[path.stem] = evaluate(path, config, workers=workers)
    return runs


def figures(run: EvalRun) -> dict[str, Any]:
    data = run.report.as_dict()
    return {k: data[k] for k in ("precision", "recall", "f1", "exact", "fields")}


def markdown_table(results: dict[str, dict[str, Any]], docs: dict[str, int]) -> str:
    """One row per gold set: P, R, F1, exact, then field accuracies (n in brackets)."""
    head = ["gold set", "docs", "P", "R", "F1", "exact", *FIELD_COLUMNS]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for name, fig in results.items():
        detection = (f"{fig[k]:.3f}" for k in ("precision", "recall", "f1", "exact"))
        cells = [f"`{name}`", str(docs.get(name, "")), *detection]
        for field in FIELD_COLUMNS:
            f = fig["fields"].get(field)
            cells.append(f"{f['acc']:.2f} ({f['n']})" if f else "–")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def replace_table(readme: str, table: str, name: str = "accuracy-table") -> str:
    """The README with the table between its ``<!-- NAME:start/end -->`` markers replaced."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.DOTALL)
    if not pattern.search(readme):
        raise ValueError(f"the README has no {start} ... {end} markers")
    return pattern.sub(lambda _: f"{start}\n{table}\n{end}", readme)


# --------------------------------------------------------------------------- cleaning sets

CLEANING_COLUMNS = ("first", "last", "chrome_dropped", "title", "publisher", "published")


def is_cleaning_set(path: Path) -> bool:
    """A cleaning set (shared/eval/FORMAT.md): pages with ``text`` and their ``body_first``."""
    doc = _first_doc(path)
    return isinstance(doc, dict) and "text" in doc and "body_first" in doc


def cleaning_files(*folders: str | Path) -> list[Path]:
    paths = [p for folder in folders for p in Path(folder).glob("*.jsonl")]
    return sorted(p for p in paths if is_cleaning_set(p))


def score_cleaning(path: Path, scorer: Path) -> dict[str, Any]:
    """The shared scorer's figures for one cleaning set (it runs ``eventwire.extract``)."""
    done = subprocess.run(
        [sys.executable, str(scorer), str(path), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{scorer} {path}: {done.stderr.strip()[-500:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def cleaning_table(results: dict[str, dict[str, Any]]) -> str:
    head = ["cleaning set", "pages", *(c.replace("_", " ") for c in CLEANING_COLUMNS)]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for name, fig in results.items():
        cells = [f"`{name}`", str(fig["pages"])]
        cells += [f"{fig[c]:.2f}" if fig.get(c) is not None else "–" for c in CLEANING_COLUMNS]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def below_floors(
    results: dict[str, dict[str, Any]], floors: dict[str, dict[str, float]]
) -> list[str]:
    """Every figure under its floor, as "set: figure value < floor" lines (empty: all good)."""
    problems = []
    for name, limits in floors.items():
        fig = results.get(name)
        if fig is None:
            continue
        for key, floor in limits.items():
            if key in ("precision", "recall", "f1", "exact"):
                value = fig[key]
            else:
                field = fig["fields"].get(key)
                value = field["acc"] if field else 0.0
            if value + 1e-9 < floor:
                problems.append(f"{name}: {key} {value:.3f} < floor {floor:.3f}")
    return problems


def load_floors(path: str | Path) -> dict[str, dict[str, float]]:
    return json.loads(Path(path).read_text(encoding="utf-8"))
