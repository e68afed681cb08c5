"""Score eventwire on every gold set and write the figures into the README's accuracy table.

    .venv/bin/python scripts/eval_gold.py                # ../shared/eval, 2 workers
    .venv/bin/python scripts/eval_gold.py --check        # fail when a figure is below its floor

Writes eval/results.json (figures per set) and rewrites the table between the README's
accuracy-table markers. Gold texts are read from ../shared at run time, never copied here.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from eventwire import __version__
from eventwire.config import load_config
from eventwire.goldsets import (
    below_floors,
    cleaning_files,
    cleaning_table,
    figures,
    gold_files,
    load_floors,
    markdown_table,
    replace_table,
    score_cleaning,
)
from eventwire.scoring import load_gold

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shared", default=str(ROOT.parent / "shared" / "eval"))
    parser.add_argument(
        "--pages",
        default=str(ROOT.parent / "eval-pages"),
        help="the real-page sets brought back as the shared PAGES.md says (skipped if absent)",
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--check", action="store_true", help="exit 1 when a figure is below eval/floors.json"
    )
    parser.add_argument("--no-readme", action="store_true")
    args = parser.parse_args()
    folder = Path(args.shared)
    if not folder.is_dir():
        print(f"no gold sets at {folder}", file=sys.stderr)
        return 2
    from eventwire.evaluate import evaluate

    config = load_config(None)
    results, docs, seconds = {}, {}, {}
    for path in gold_files(folder, args.pages):
        start = time.perf_counter()
        run = evaluate(path, config, workers=args.workers)
        seconds[path.stem] = round(time.perf_counter() - start, 1)
        results[path.stem] = figures(run)
        docs[path.stem] = len(load_gold(path))
        fig = results[path.stem]
        print(
            f"{path.stem:16} P {fig['precision']:.3f} R {fig['recall']:.3f} F1 {fig['f1']:.3f}"
            f" exact {fig['exact']:.3f}  ({seconds[path.stem]} s)",
            file=sys.stderr,
        )
    cleaning = {}
    for path in cleaning_files(folder, args.pages):
        cleaning[path.stem] = fig = score_cleaning(path, folder / "score_cleaning.py")
        print(f"{path.stem:16} " + " ".join(f"{k} {v}" for k, v in fig.items()), file=sys.stderr)
    out = ROOT / "eval" / "results.json"
    out.parent.mkdir(exist_ok=True)
    payload = {
        "eventwire": __version__,
        "results": results,
        "docs": docs,
        "seconds": seconds,
        "cleaning": cleaning,
    }
    out.write_text(json.dumps(payload, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    table = markdown_table(results, docs)
    if not args.no_readme:
        readme = ROOT / "README.md"
        text = replace_table(readme.read_text(encoding="utf-8"), table)
        if cleaning:
            text = replace_table(text, cleaning_table(cleaning), "cleaning-table")
        readme.write_text(text, encoding="utf-8")
    print(table)
    if cleaning:
        print(cleaning_table(cleaning))
    if args.check:
        problems = below_floors(results, load_floors(ROOT / "eval" / "floors.json"))
        for line in problems:
            print(f"below floor: {line}", file=sys.stderr)
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
