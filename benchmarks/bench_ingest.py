"""Benchmark: articles per second and peak memory of ``eventwire ingest`` with 1 and 2 workers,
against a bare spaCy pass (the same pipelines, all components, one process) over the same texts.

The corpus is generated from the bundled example stories (examples/corpus), cleaned, each
copy with a closing sentence of its own so that every article is distinct.  Each run is a fresh
process; memory is the peak of the summed proportional set size (PSS) of the run's whole
process tree, sampled every 50 ms, so forked workers sharing pages are not double counted.

    .venv/bin/python benchmarks/bench_ingest.py --articles 600
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "corpus"

BARE_SPACY = """
import json, sys, time
from pathlib import Path
from eventwire.config import load_config
from eventwire.nlp import load_pipeline
config = load_config(None)
items = [json.loads(line) for line in Path(sys.argv[1]).read_text(encoding="utf-8").splitlines()]
start = time.perf_counter()
pipes = {lang: load_pipeline(lang, config.pipelines[lang]).nlp for lang in ("fr", "en")}
for lang in ("fr", "en"):
    texts = [it["text"] for it in items if it["lang"] == lang]
    for _ in pipes[lang].pipe(texts, batch_size=config.batch_size):
        pass
print(json.dumps({"seconds": time.perf_counter() - start}))
"""


def generate(folder: Path, count: int) -> list[dict[str, str]]:
    """Write ``count`` distinct .txt articles made from the example stories; return texts+langs."""
    from eventwire.clean import clean
    from eventwire.language import detect
    from eventwire.read import Skipped, read_inputs

    stories = []
    for raw in read_inputs([EXAMPLES]):
        if isinstance(raw, Skipped) or raw.text is None:
            continue
        text = clean(raw).text
        lang = detect(text).code
        if lang in ("fr", "en"):
            stories.append((text, lang))
    items = []
    for i in range(count):
        raw_text, lang = stories[i % len(stories)]
        # A closing sentence of its own makes every copy a distinct article (ids are hashes of
        # the cleaned text). The stories are written cleaned: text after a page's trailing
        # chrome (comment forms, "related" lists) is chrome too, so it would be dropped.
        ref = (
            f"Cette dépêche porte le numéro {i} de la série."
            if lang == "fr"
            else f"This dispatch is number {i} of the series."
        )
        text = f"{raw_text.rstrip()}\n\n{ref}\n"
        (folder / f"story-{i:06d}.txt").write_text(text, encoding="utf-8")
        items.append({"text": text, "lang": lang})
    return items


def _tree_pss_kb(pid: int) -> int:
    """Summed PSS of a process and its descendants (Linux /proc)."""
    total = 0
    pids = [pid]
    seen = set()
    while pids:
        p = pids.pop()
        if p in seen:
            continue
        seen.add(p)
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
                    break
            children = Path(f"/proc/{p}/task/{p}/children").read_text().split()
            pids.extend(int(c) for c in children)
        except (OSError, ValueError):
            continue
    return total


def run(cmd: list[str]) -> tuple[float, int, str]:
    """Wall seconds, peak tree PSS in MB, and stdout of a command."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT
    )
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, _tree_pss_kb(proc.pid))
            time.sleep(0.05)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    out, err = proc.communicate()
    stop.set()
    thread.join()
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{err}")
    return wall, peak // 1024, out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=600)
    args = parser.parse_args()
    python = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        items = generate(corpus, args.articles)
        texts = Path(tmp) / "texts.jsonl"
        texts.write_text(
            "\n".join(json.dumps(it, ensure_ascii=False) for it in items), encoding="utf-8"
        )
        langs = {lang: sum(1 for it in items if it["lang"] == lang) for lang in ("fr", "en")}
        words = sum(len(it["text"].split()) for it in items)
        print(
            f"corpus: {len(items)} articles ({langs['fr']} fr, {langs['en']} en),"
            f" {words} words, cores: {os.cpu_count()}"
        )
        # Warm the gazetteer cache and the page cache so that every run starts alike.
        subprocess.run(
            [python, "-c", "from eventwire.places import get_gazetteer; get_gazetteer()"],
            check=True,
        )
        results = {}
        bare_wall, bare_mem, out = run([python, "-c", BARE_SPACY, str(texts)])
        results["bare spaCy (1 process)"] = (bare_wall, bare_mem)
        for workers in (1, 2):
            db = Path(tmp) / f"bench-{workers}.duckdb"
            cmd = [python, "-m", "eventwire.cli", "ingest", str(corpus), "--db", str(db),
                   "--workers", str(workers), "--no-progress"]  # fmt: skip
            wall, mem, out = run(cmd)
            stored = next((ln for ln in out.splitlines() if ln.startswith("stored:")), "stored: ?")
            results[f"eventwire ingest --workers {workers}"] = (wall, mem)
            print(f"  ({stored.strip()} with {workers} worker(s))")
        print(
            f"\n{'run':34} {'seconds':>8} {'articles/s':>11} {'peak MB':>8} {'vs bare spaCy':>14}"
        )
        for name, (wall, mem) in results.items():
            rate = len(items) / wall
            ratio = bare_wall / wall
            print(f"{name:34} {wall:8.1f} {rate:11.1f} {mem:8d} {ratio:13.2f}x")
        print("\nratios are throughput relative to the bare spaCy pass (1.00x = as fast);")
        print("every run includes its own start-up (loading pipelines, lexicons, gazetteer).")


if __name__ == "__main__":
    main()
