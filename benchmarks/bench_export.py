"""Benchmark export: events per second and output size for every format, and the cost of a
filter, on a store made by ingesting the example stories once and copying their articles
(with new ids) until it holds the asked number of events::

    .venv/bin/python benchmarks/bench_export.py                 # about 20,000 events
    .venv/bin/python benchmarks/bench_export.py --events 100000

Copies are stored as they are (no NLP), so building the store costs one ingest of the
examples and a bulk insert.
"""

from __future__ import annotations

import argparse
import dataclasses
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from eventwire.export import FORMATS, export_events
from eventwire.query import EventQuery
from eventwire.records import Article, article_id, event_id
from eventwire.store import Store

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "corpus"


def _copy(article: Article, n: int) -> Article:
    """The article told again under a new id (a marker line changes its text)."""
    text = f"{article.text}\n\n[copy {n}]"
    aid = article_id(text)
    events = []
    taken: set[str] = set()
    for event in article.events:
        clone = dataclasses.replace(event, article_id=aid)
        clone.id = event_id(aid, clone, taken)
        taken.add(clone.id)
        events.append(clone)
    return dataclasses.replace(article, id=aid, text=text, events=events)


def build(db: Path, events: int) -> int:
    subprocess.run(
        [sys.executable, "-m", "eventwire.cli", "ingest", str(EXAMPLES), "--db", str(db),
         "--no-progress"],
        check=True,
        capture_output=True,
    )  # fmt: skip
    with Store(db) as store:
        originals = list(store.iter_articles())
        per_round = sum(len(a.events) for a in originals)
        copies = max(0, events // max(per_round, 1) - 1)
        with store.batch():
            for n in range(copies):
                for article in originals:
                    store.add(_copy(article, n))
        return int(store.counts()["events"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=20000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        started = time.perf_counter()
        total = build(db, args.events)
        print(f"store: {total} events, built in {time.perf_counter() - started:.1f} s")
        print(f"{'format':<22} {'events':>8} {'seconds':>8} {'events/s':>10} {'MB':>7}")
        with Store(db, read_only=True) as store:
            runs = [(fmt, None) for fmt in FORMATS]
            runs.append(("gdelt --type ASSAULT", EventQuery(type="ASSAULT")))
            for name, query in runs:
                fmt = name.split()[0]
                out = Path(tmp) / f"out.{fmt}"
                started = time.perf_counter()
                count = export_events(store, out, fmt, query=query)
                seconds = time.perf_counter() - started
                size = out.stat().st_size / 1e6
                rate = count / seconds
                print(f"{name:<22} {count:>8} {seconds:>8.2f} {rate:>10.0f} {size:>7.1f}")


if __name__ == "__main__":
    main()
