"""Print the incident grouping and deduplication figures on a labelled story corpus.

    .venv/bin/python scripts/eval_incidents.py [CORPUS.jsonl]

Ingests the corpus (default: tests/fixtures/incidents/stories.jsonl) into a fresh store in
a temporary folder, then prints pairwise and B-cubed precision, recall and F1 of the
grouping (stories by the incident of their main event), the distractors merged into a real
incident, and the deduplication figures (inputs folded into one article).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from eventwire.cli import main as eventwire
from eventwire.incidents.evaluate import load_corpus, score
from eventwire.store import Store

DEFAULT = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "incidents" / "stories.jsonl"


def main() -> int:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "incidents.duckdb"
        code = eventwire(["ingest", str(corpus), "--db", str(db), "--no-progress"])
        if code != 0:
            return code
        with Store(db, read_only=True) as store:
            figures = score(store, load_corpus(corpus))
    print(f"\nstories: {figures['stories']}, true incidents: {figures['incidents']}")
    print(figures["pairwise"].line("grouping, pairwise"))
    print(figures["bcubed"].line("grouping, B-cubed "))
    print(f"distractors merged into a real incident: {len(figures['distractors_merged'])}")
    print(figures["dedup"].line("deduplication, pairwise"))
    print(f"articles stored: {figures['articles']} for {figures['distinct_stories']} stories")
    return 0


if __name__ == "__main__":
    sys.exit(main())
