"""The command line: a thin layer over the pipeline, store, export and eval functions."""

from __future__ import annotations

import argparse
import datetime
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TextIO

from tqdm import tqdm

from eventwire import __version__
from eventwire.config import SUPPORTED_LANGUAGES, Config, ConfigError, load_config
from eventwire.pipeline import Outcome, process
from eventwire.read import RawDocument, Skipped, read_inputs
from eventwire.records import Article, Event, to_dict
from eventwire.store import StoreError

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


@dataclass
class Summary:
    """The closing counts of a run: nothing silent."""

    read: int = 0
    stored: int = 0
    duplicates: int = 0
    already: int = 0  # inputs skipped because a previous run ingested them
    skipped: list[tuple[str, str]] = field(default_factory=list)
    events: Counter[str] = field(default_factory=Counter)
    negated: int = 0
    total_events: int | None = None  # events (not negated) in the store after an ingest

    def exit_code(self) -> int:
        """1 when inputs failed and none went through; a run where some did is a success."""
        succeeded = self.stored + self.duplicates + self.already
        return EXIT_ERROR if self.skipped and not succeeded else EXIT_OK

    def failure_line(self) -> str | None:
        """The closing error line of a run in which every input failed (None otherwise)."""
        if self.exit_code() == EXIT_OK:
            return None
        return f"eventwire: no input was processed ({len(self.skipped)} skipped, see above)"

    def add_events(self, events: Iterable[Event]) -> None:
        for e in events:
            if e.is_prediction:
                self.events[e.type] += 1
            else:
                self.negated += 1

    def lines(self, *, verb: str = "stored") -> list[str]:
        out = [f"documents read: {self.read}", f"{verb}: {self.stored}"]
        if self.already:
            out.append(f"already ingested (skipped): {self.already}")
        if self.duplicates:
            out.append(f"duplicates of stored articles: {self.duplicates}")
        kinds = Counter(skip_kind(reason) for _, reason in self.skipped)
        breakdown = ", ".join(
            f"{kind}: {n}" for kind, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))
        )
        out.append(f"skipped: {len(self.skipped)}" + (f" ({breakdown})" if breakdown else ""))
        out += [f"  {source}: {reason}" for source, reason in self.skipped]
        added = sum(self.events.values())
        # After an ingest, what this run added and what the store holds: "added 0" on a
        # re-run is not an empty store.
        count = (
            f"added {added}, total {self.total_events}" if self.total_events is not None else added
        )
        out.append(
            f"events: {count}"
            + (f" (+{self.negated} negated, kept but not counted)" if self.negated else "")
        )
        out += [
            f"  {etype}: {n}"
            for etype, n in sorted(self.events.items(), key=lambda kv: (-kv[1], kv[0]))
        ]
        return out


# What a skip reason says before its details: "file too large (12,000 bytes; ...)" is a
# "file too large", "unsupported language 'es' (...)" an "unsupported language", "line
# longer than the limit of 4,000 bytes" a "line longer than the limit".
_REASON_DETAILS = re.compile(r"\s*(?:\(|: |'|\"|\bof [\d,]+ bytes)")


def skip_kind(reason: str) -> str:
    """The kind of a skip reason, without its details, for the summary's breakdown."""
    kind = _REASON_DETAILS.split(reason, maxsplit=1)[0].strip()
    return kind or reason.strip() or "unknown"


def _progress(enabled: bool, desc: str) -> tqdm:
    return tqdm(desc=desc, unit="doc", file=sys.stderr, disable=not enabled, mininterval=0.5)


def _config(args: argparse.Namespace) -> Config:
    return load_config(
        args.config,
        workers=getattr(args, "workers", None),
        max_bytes=getattr(args, "max_bytes", None),
        min_confidence=getattr(args, "min_confidence", None),
    )


def _article_meta(article: Article) -> dict[str, object]:
    return {
        "id": article.id,
        "source_id": article.source_id,
        "title": article.title,
        "publisher": article.publisher,
        "published": article.published,
        "url": article.url,
        "source": article.source,
        "lang": article.lang,
    }


def _table_rows(article: Article) -> Iterator[list[str]]:
    def parties(ps) -> str:
        return "; ".join(f"{p.country or '?'}/{p.sector or '?'}" for p in ps) or "-"

    for e in article.events:
        flags = "".join(
            c
            for c, on in (
                ("N", e.flags.negated),
                ("H", e.flags.hypothetical),
                ("A", e.flags.accidental),
            )
            if on
        )
        where = (e.location.name if e.location else "") or "-"
        counts = "/".join("-" if v is None else str(v) for v in (e.dead, e.injured, e.arrested))
        yield [
            (article.source_id or article.source or article.id)[-28:],
            f"{e.type}/{e.mode or '-'}",
            parties(e.actor),
            parties(e.recipient),
            where[:18],
            e.date or "-",
            counts,
            flags or "-",
        ]


def _print_table(rows: list[list[str]], out: TextIO) -> None:
    header = [
        "article",
        "type/mode",
        "actor",
        "recipient",
        "location",
        "date",
        "dead/inj/arr",
        "flags",
    ]
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, ["-" * w for w in widths], *rows]:
        out.write(
            "  ".join(str(v).ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() + "\n"
        )


def _read(args: argparse.Namespace, config: Config) -> Iterator[RawDocument | Skipped]:
    """The inputs of ``extract`` and ``ingest``, with ``--published`` and ``--lang`` applied."""
    stdin = sys.stdin.buffer if "-" in args.paths else None
    return read_inputs(
        args.paths,
        max_bytes=config.max_bytes,
        stdin=stdin,
        published=args.published,
        lang=args.lang,
    )


def _published_date(value: str) -> str:
    """``--published``: an ISO 8601 date or date-time, else a usage error saying so."""
    from eventwire.clean.metadata import normalise_published

    text = value.strip()
    try:
        if len(text) <= 10:
            datetime.date.fromisoformat(text)
        else:
            datetime.datetime.fromisoformat(text)
    except ValueError:
        normalised = None
    else:
        normalised = normalise_published(text)
    if normalised is None:
        raise argparse.ArgumentTypeError(
            f"not a date: {value!r} (give YYYY-MM-DD or YYYY-MM-DDTHH:MM)"
        )
    return normalised


def cmd_extract(args: argparse.Namespace) -> int:
    config = _config(args)
    summary = Summary()
    rows: list[list[str]] = []
    items = _read(args, config)
    with _progress(args.progress, "extract") as bar:
        for outcome in process(items, config):
            bar.update(1)
            summary.read += 1
            if outcome.article is None:
                summary.skipped.append(
                    (outcome.source, outcome.skip.reason if outcome.skip else "?")
                )
                print(
                    f"eventwire: skipped {outcome.source}: {summary.skipped[-1][1]}",
                    file=sys.stderr,
                )
                continue
            summary.stored += 1
            summary.add_events(outcome.article.events)
            if args.format == "table":
                rows.extend(_table_rows(outcome.article))
                continue
            meta = _article_meta(outcome.article)
            for event in outcome.article.events:
                sys.stdout.write(
                    json.dumps({**to_dict(event), "article": meta}, ensure_ascii=False) + "\n"
                )
    if args.format == "table":
        _print_table(rows, sys.stdout)
    for line in summary.lines(verb="coded"):
        print(line, file=sys.stderr)
    return _finish(summary)


def _finish(summary: Summary) -> int:
    failure = summary.failure_line()
    if failure:
        print(failure, file=sys.stderr)
    return summary.exit_code()


def _skip_known(
    items: Iterable[RawDocument | Skipped], store, summary: Summary, ahead: int = 64
) -> Iterator[RawDocument | Skipped]:
    """Leave out inputs stored before; asks the store about ``ahead`` inputs at a time, so a
    store that is opened per use (``hold="batch"``) is opened once per chunk, not per file."""
    chunk: list[RawDocument | Skipped] = []

    def drain() -> Iterator[RawDocument | Skipped]:
        hashes = [i.raw_hash for i in chunk if isinstance(i, RawDocument)]
        known = store.known_sources(hashes) if hashes else set()
        for item in chunk:
            if isinstance(item, RawDocument) and item.raw_hash in known:
                summary.read += 1
                summary.already += 1
            else:
                yield item
        chunk.clear()

    for item in items:
        chunk.append(item)
        if len(chunk) >= ahead:
            yield from drain()
    yield from drain()


def _record(outcome: Outcome, store, summary: Summary) -> None:
    summary.read += 1
    if outcome.article is None:
        reason = outcome.skip.reason if outcome.skip else "unknown"
        summary.skipped.append((outcome.source, reason))
        store.add_skip(outcome.raw_hash, outcome.source, reason)
        return
    try:
        added = store.add(outcome.article, raw_hash=outcome.raw_hash, source=outcome.source)
    except StoreError as exc:  # one record the store refuses must not end the run
        reason = f"not stored: {exc}"
        summary.skipped.append((outcome.source, reason))
        store.add_skip(outcome.raw_hash, outcome.source, reason)
        return
    if added:
        summary.stored += 1
        summary.add_events(outcome.article.events)
    else:
        summary.duplicates += 1


def cmd_ingest(args: argparse.Namespace) -> int:
    from eventwire.store import Store

    config = _config(args)
    summary = Summary()
    keep_text = False if args.evidence_only else None
    # The file is held only while a batch is written, so `serve` or `export` can read it
    # between batches; while one of them reads, the next batch waits for it.
    with Store(args.db, keep_text=keep_text, hold="batch", lock_timeout=args.lock_timeout) as store:
        items = _skip_known(_read(args, config), store, summary)
        outcomes = process(items, config)
        with _progress(args.progress, "ingest") as bar:
            # Commit every few documents: an interrupted run keeps what it finished.
            while True:
                with store.batch():
                    done = 0
                    for outcome in outcomes:
                        _record(outcome, store, summary)
                        bar.update(1)
                        done += 1
                        if done >= 32:
                            break
                if done < 32:
                    break
        counts = store.counts()
        summary.total_events = counts["events"] - counts["negated"]
    print(f"database: {args.db}")
    for line in summary.lines():
        print(line)
    return _finish(summary)


def cmd_recode(args: argparse.Namespace) -> int:
    from eventwire.store import Store

    config = _config(args)
    summary = Summary()
    with Store(args.db) as store, _progress(args.progress, "recode") as bar:
        # The store reads in pages, so replacing events inside the loop is safe and memory
        # stays bounded by one batch of articles.
        batch: list[Article] = []
        for art in store.iter_articles():
            art.events = []
            batch.append(art)
            if len(batch) >= config.batch_size:
                _recode_batch(batch, store, config, summary)
                bar.update(len(batch))
                batch = []
        if batch:
            _recode_batch(batch, store, config, summary)
            bar.update(len(batch))
    print(f"database: {args.db}")
    for line in summary.lines(verb="recoded"):
        print(line)
    return EXIT_OK


def _recode_batch(batch: list[Article], store, config, summary: Summary) -> None:
    from eventwire.pipeline import analyse

    analyse(batch, config)
    with store.batch():
        for art in batch:
            store.replace_events(art.id, art.events)
            summary.read += 1
            summary.stored += 1
            summary.add_events(art.events)


def cmd_export(args: argparse.Namespace) -> int:
    from eventwire.export import export_events
    from eventwire.store import Store

    with Store(args.db, read_only=True) as store:
        count = export_events(store, args.output, args.format, include_negated=not args.no_negated)
    print(
        f"exported {count} events" + (f" to {args.output}" if args.output else ""), file=sys.stderr
    )
    return EXIT_OK


def cmd_eval(args: argparse.Namespace) -> int:
    from eventwire.evaluate import evaluate, load_gold_file, write_predictions
    from eventwire.scoring import GoldError, format_report

    config = _config(args)
    # Every gold file is checked before any is scored: a bad second file fails at once.
    golds = {}
    for path in args.gold:
        try:
            golds[path] = load_gold_file(path)
        except GoldError as exc:
            print(f"eventwire: gold file {exc}", file=sys.stderr)
            return EXIT_USAGE
    results = {}
    for path, docs in golds.items():
        with _progress(args.progress, f"eval {path}") as bar:
            run = evaluate(path, config, progress=bar.update, docs=docs)
        results[path] = run
        if not args.json:
            print(format_report(run.report, name=str(path)))
            for doc_id, reason in run.skipped.items():
                print(f"  {doc_id}: not coded: {reason}")
    if args.predictions_out:
        # One line per gold document of every file given, in the order given.
        write_predictions(list(results.values()), args.predictions_out)
    if args.json:
        if len(results) == 1:
            payload = next(iter(results.values())).report.as_dict()
        else:
            payload = {str(p): r.report.as_dict() for p, r in results.items()}
        print(json.dumps(payload, ensure_ascii=False))
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="eventwire", description="Raw news to PLOVER event data.")
    parser.add_argument("--version", action="version", version=f"eventwire {__version__}")
    parser.add_argument(
        "--config", help="a TOML configuration file (default: ./eventwire.toml if present)"
    )
    parser.add_argument(
        "--min-confidence",
        type=float,
        metavar="P",
        help="output only events whose confidence is at least P (0 keeps all; default: the "
        "configuration's min_confidence)",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    def metadata(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--published",
            type=_published_date,
            metavar="DATE",
            help="publication date (YYYY-MM-DD[THH:MM]) of inputs that carry none of their own, "
            "such as standard input or text files (a JSON record's 'published' is kept); it "
            "anchors 'yesterday', 'jeudi'",
        )
        p.add_argument(
            "--lang",
            type=str.lower,
            choices=SUPPORTED_LANGUAGES,
            help="the language of every input, instead of detecting it",
        )

    def common(p: argparse.ArgumentParser, workers: bool = True) -> None:
        if workers:
            p.add_argument("--workers", type=int, help="worker processes (default 1)")
        p.add_argument("--max-bytes", type=int, help="skip input files larger than this")
        p.add_argument(
            "--no-progress", dest="progress", action="store_false", help="no progress bar"
        )
        p.set_defaults(progress=sys.stderr.isatty())

    exit_status = (
        "exit status: 0 when at least one input was {ok} (inputs that failed are listed with "
        "their reason), 1 when every input failed, 2 for a usage error"
    )
    p = sub.add_parser(
        "extract",
        help="print the events of files, folders or '-' (stdin)",
        epilog=exit_status.format(ok="coded"),
    )
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--format", choices=("jsonl", "table"), default="jsonl")
    metadata(p)
    common(p)
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser(
        "ingest",
        help="store articles and events in a DuckDB file",
        epilog=exit_status.format(ok="stored (or found already stored)"),
    )
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--db", default="events.duckdb", help="the DuckDB file (default events.duckdb)")
    p.add_argument(
        "--evidence-only", action="store_true", help="keep evidence sentences, not article texts"
    )
    p.add_argument(
        "--lock-timeout",
        type=float,
        default=60.0,
        metavar="SECONDS",
        help="how long to wait for another process (a reader) to let go of the store before "
        "giving up (default 60)",
    )
    metadata(p)
    common(p)
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("recode", help="code the stored articles again with this version")
    p.add_argument("--db", required=True)
    common(p)
    p.set_defaults(func=cmd_recode)

    p = sub.add_parser("export", help="write the stored events as JSON Lines, CSV or Parquet")
    p.add_argument("--db", required=True)
    p.add_argument("--format", choices=("jsonl", "csv", "parquet"), default="jsonl")
    p.add_argument(
        "-o", "--output", help="output file (default: standard output; required for parquet)"
    )
    p.add_argument("--no-negated", action="store_true", help="leave negated events out")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("eval", help="score the pipeline on gold files (shared/eval/FORMAT.md)")
    p.add_argument("gold", nargs="+", metavar="GOLD.jsonl")
    p.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    p.add_argument(
        "--predictions-out", help="write what the system extracted, one line per document"
    )
    common(p)
    p.set_defaults(func=cmd_eval)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except ConfigError as exc:
        print(f"eventwire: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(
            "eventwire: interrupted; what was committed is kept, run again to finish",
            file=sys.stderr,
        )
        return 130
    except Exception as exc:  # a clear one-line error for the user, not a traceback
        if isinstance(exc, (StoreError, OSError, ValueError)):
            print(f"eventwire: {exc}", file=sys.stderr)
            return EXIT_ERROR
        raise


if __name__ == "__main__":
    sys.exit(main())
