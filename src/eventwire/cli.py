"""The command line: a thin layer over the pipeline, store, export and eval functions."""

from __future__ import annotations

import argparse
import contextlib
import datetime
import itertools
import json
import logging
import os
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import NoReturn, TextIO

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
    updated: int = 0  # stored inputs that replaced an older version of their story
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
        if self.updated:
            out.append(f"newer versions of stored articles (replacing them): {self.updated}")
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


# Documents coded between two writes: each write opens the store file, reads ahead what it
# holds about them, writes and groups them, and closes it (some 0.1 s whatever the count);
# an interrupted run redoes at most this many.
WRITE_EVERY = 64


def _record(outcomes: list[Outcome], store, summary: Summary) -> None:
    from eventwire.incidents.placement import SKIPPED, STORED, UPDATED, place_outcomes

    # A copy adds its address; a newer version replaces the stored one.
    for outcome, placed in zip(outcomes, place_outcomes(store, outcomes), strict=True):
        summary.read += 1
        if placed.status == SKIPPED:
            summary.skipped.append((outcome.source, placed.reason or "unknown"))
        elif placed.status in (STORED, UPDATED):
            summary.stored += 1
            summary.updated += int(placed.status == UPDATED)
            summary.add_events(outcome.article.events if outcome.article else [])
        else:
            summary.duplicates += 1


def cmd_ingest(args: argparse.Namespace) -> int:
    from eventwire.incidents import backfill_signatures, incident_counts, update_incidents
    from eventwire.store import Store

    config = _config(args)
    summary = Summary()
    keep_text = False if args.evidence_only else None
    # The file is held only while a batch is written, so `serve` or `export` can read it
    # between batches; while one of them reads, the next batch waits for it.
    with Store(args.db, keep_text=keep_text, hold="batch", lock_timeout=args.lock_timeout) as store:
        with store.batch():  # a store from before incidents: sign its articles, group them
            backfill_signatures(store)
            update_incidents(store)
        items = _skip_known(_read(args, config), store, summary)
        outcomes = process(items, config)
        with _progress(args.progress, "ingest") as bar:
            # Commit every few documents: an interrupted run keeps what it finished. They are
            # coded before the batch opens, so the store is held only while they are written.
            while chunk := list(itertools.islice(outcomes, WRITE_EVERY)):
                with store.batch():
                    _record(chunk, store, summary)
                    bar.update(len(chunk))
                    # In the batch's transaction: no half-merged incident survives a kill.
                    update_incidents(store)
        counts = store.counts()
        summary.total_events = counts["events"] - counts["negated"]
        incidents = incident_counts(store)
    print(f"database: {args.db}")
    for line in summary.lines():
        print(line)
    print(incidents)
    return _finish(summary)


def cmd_watch(args: argparse.Namespace) -> int:
    import signal

    from eventwire.incidents import incident_counts
    from eventwire.store import Store
    from eventwire.watch import FetchSettings, SourceError, WatchSettings, expand, watch

    config = _config(args)
    try:
        feeds = expand(args.feeds)
    except SourceError as exc:
        print(f"eventwire: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.interval <= 0 or args.timeout <= 0:
        print("eventwire: --interval and --timeout must be positive", file=sys.stderr)
        return EXIT_USAGE
    settings = WatchSettings(
        interval=args.interval,
        lock_timeout=args.lock_timeout,
        fetch=FetchSettings(
            timeout=args.timeout,
            max_bytes=config.max_bytes,
            politeness=args.delay,
            allow_private=args.allow_private,
        ),
    )
    summary = Summary()
    retry: dict[str, str] = {}
    failing: dict[str, str] = {}

    def on_round(report) -> None:
        for line in report.lines():
            print(line, flush=True)
        summary.read += report.fetched
        summary.stored += report.stored
        summary.duplicates += report.duplicates
        summary.skipped += report.skipped + report.failed
        summary.events.update(report.events)
        summary.negated += report.negated
        retry.update(report.retry)
        for url, _ in report.skipped + report.failed:
            retry.pop(url, None)
        failing.clear()
        failing.update({url: why for url, why, _ in report.feed_failures})

    # A polite stop: the batch being written rolls back and the next run redoes it.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    print(f"watching {len(feeds)} feed(s) every {args.interval:g} s into {args.db}", flush=True)
    with Store(args.db, hold="batch", lock_timeout=args.lock_timeout) as store:
        try:
            reports = watch(feeds, store, config, settings, once=args.once, on_round=on_round)
        except KeyboardInterrupt:
            reports = []
            print("eventwire: stopped; what was stored is kept, the next run resumes")
        counts = store.counts()
        summary.total_events = counts["events"] - counts["negated"]
        incidents = incident_counts(store)
    print(f"database: {args.db}")
    print(f"feeds: {len(feeds)}" + (f" ({len(failing)} failing)" if failing else ""))
    for url, why in failing.items():
        print(f"  {url}: {why}")
    for line in summary.lines():
        print(line)
    print(incidents)
    if retry:
        print(f"pages to retry in a later round: {len(retry)}")
    if args.once and reports and (reports[-1].error or len(failing) == len(feeds)):
        return EXIT_ERROR
    return EXIT_OK


def cmd_recode(args: argparse.Namespace) -> int:
    from eventwire.incidents import incident_counts, rebuild_incidents
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
        with store.batch():
            rebuild_incidents(store)
        incidents = incident_counts(store)
    print(f"database: {args.db}")
    for line in summary.lines(verb="recoded"):
        print(line)
    print(incidents)
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


# export's filters: EventQuery field (the query side's name) -> option, help.
EXPORT_FILTERS: dict[str, tuple[str, str]] = {
    "type": ("--type", "PLOVER types (ASSAULT,PROTEST)"),
    "mode": ("--mode", "PLOVER modes"),
    "country": ("--country", "an actor's, a recipient's or the place's country (FRA,DZA)"),
    "actor_country": ("--actor-country", "an actor's country"),
    "recipient_country": ("--recipient-country", "a recipient's country"),
    "sector": ("--sector", "an actor's or a recipient's sector (GOV,MIL)"),
    "date_from": ("--since", "events whose dates reach this day or later (YYYY[-MM[-DD]])"),
    "date_to": ("--until", "events whose dates start on this day or earlier"),
    "bbox": ("--bbox", "minlon,minlat,maxlon,maxlat"),
    "q": ("--search", "words that must all be in the evidence sentences"),
    "min_dead": ("--min-dead", "at least this many dead"),
    "min_confidence": ("--min-confidence", "confidence at least this (0-1)"),
    "lang": ("--lang", "the article's language (fr, en)"),
    "incident": ("--incident", "one incident's events"),
}


def cmd_export(args: argparse.Namespace) -> int:
    from eventwire.export import export_events
    from eventwire.query import EventQuery, QueryError
    from eventwire.store import Store

    if args.level == "incidents":
        return _export_incidents(args)
    values = {name: getattr(args, f"filter_{name}") for name in EXPORT_FILTERS}
    if values["min_confidence"] is None:  # `eventwire --min-confidence P export` filters too
        values["min_confidence"] = args.min_confidence
    try:
        query = EventQuery.from_params({**values, "include_negated": not args.no_negated})
    except QueryError as exc:
        option = EXPORT_FILTERS.get(exc.param, (exc.param, ""))[0]
        print(f"eventwire: export {option}: {str(exc).split(': ', 1)[1]}", file=sys.stderr)
        return EXIT_USAGE
    skipped: Counter[str] = Counter()
    with Store(args.db, read_only=True) as store:
        count = export_events(store, args.output, args.format, query=query, skipped=skipped)
    left_out = "".join(f"; left out {n} ({why})" for why, n in sorted(skipped.items()))
    where = f" to {args.output}" if args.output else ""
    print(f"exported {count} events{where}{left_out}", file=sys.stderr)
    return EXIT_OK


def _export_incidents(args: argparse.Namespace) -> int:
    from eventwire.incidents.export import FORMATS, export_incidents
    from eventwire.store import Store

    if args.format not in FORMATS:
        print(f"eventwire: --level incidents writes {', '.join(FORMATS)}", file=sys.stderr)
        return EXIT_USAGE
    with Store(args.db, read_only=True) as store:
        count = export_incidents(store, args.output, args.format)
    where = f" to {args.output}" if args.output else ""
    print(f"exported {count} incidents{where}", file=sys.stderr)
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from eventwire.serve import serve

    serve(args.db, args.host, args.port, lock_timeout=args.lock_timeout)
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
    p.set_defaults(func=cmd_extract, quick_exit=True)

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
    p.set_defaults(func=cmd_ingest, quick_exit=True)

    p = sub.add_parser(
        "watch",
        help="poll RSS/Atom feeds and store each new item's page",
        epilog="exit status with --once: 1 when every feed failed or the store stayed busy; "
        "2 for a usage error",
    )
    p.add_argument(
        "feeds",
        nargs="+",
        metavar="FEED_URL_OR_FILE",
        help="a feed URL, a feed file, or a file listing feeds (one a line, # comments)",
    )
    p.add_argument("--db", default="events.duckdb", help="the DuckDB file (default events.duckdb)")
    p.add_argument(
        "--interval", type=float, default=60.0, help="seconds between rounds (default 60)"
    )
    p.add_argument("--once", action="store_true", help="one round, then exit (for cron)")
    p.add_argument(
        "--allow-private",
        action="store_true",
        help="fetch hosts on private, loopback and link-local addresses (refused by default)",
    )
    p.add_argument(
        "--timeout", type=float, default=10.0, help="seconds for one request (default 10)"
    )
    p.add_argument(
        "--delay",
        type=float,
        default=1.0,
        help="seconds between two requests to the same host (default 1)",
    )
    p.add_argument(
        "--lock-timeout",
        type=float,
        default=60.0,
        metavar="SECONDS",
        help="how long to wait for a reader to let go of the store (default 60)",
    )
    common(p, workers=False)
    p.set_defaults(func=cmd_watch)

    p = sub.add_parser("recode", help="code the stored articles again with this version")
    p.add_argument("--db", required=True)
    common(p)
    p.set_defaults(func=cmd_recode, quick_exit=True)

    p = sub.add_parser(
        "export",
        help="write the stored events as JSON Lines, CSV, Parquet, PLOVER, GDELT or GeoJSON",
    )
    p.add_argument("--db", required=True)
    p.add_argument(
        "--format",
        choices=("jsonl", "csv", "parquet", "plover", "gdelt", "geojson"),
        default="jsonl",
    )
    p.add_argument(
        "-o", "--output", help="output file (default: standard output; required for parquet)"
    )
    p.add_argument("--no-negated", action="store_true", help="leave negated events out")
    p.add_argument(
        "--level",
        choices=("events", "incidents"),
        default="events",
        help="one record per event (default) or per incident (jsonl, csv or parquet)",
    )
    filters = p.add_argument_group("filters (as the query side's; lists are comma-separated)")
    for name, (option, help_text) in EXPORT_FILTERS.items():
        filters.add_argument(option, dest=f"filter_{name}", metavar="VALUE", help=help_text)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("serve", help="an HTTP API and a web page over a store (read-only)")
    p.add_argument("--db", required=True, help="the DuckDB store (it may not exist yet)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument(
        "--lock-timeout",
        type=float,
        default=10.0,
        metavar="SECONDS",
        help="how long a request waits for a writer to let go of the store (default 10)",
    )
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("eval", help="score the pipeline on gold files (shared/eval/FORMAT.md)")
    p.add_argument("gold", nargs="+", metavar="GOLD.jsonl")
    p.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    p.add_argument(
        "--predictions-out", help="write what the system extracted, one line per document"
    )
    common(p)
    p.set_defaults(func=cmd_eval, quick_exit=True)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    return _dispatch(build_parser().parse_args(argv))


def run(argv: Sequence[str] | None = None) -> NoReturn:
    """The ``eventwire`` command: :func:`main`, then the process ends.

    After the commands that load the pipelines (``quick_exit``), Python's own exit would free
    the pipelines, lexicons and gazetteer object by object, some 0.8 s after an ingest whose
    files are all written and closed by then: those leave without it, streams flushed."""
    args = build_parser().parse_args(argv)
    code = _dispatch(args)
    if getattr(args, "quick_exit", False):
        logging.shutdown()
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError):  # a closed pipe ("| head")
                stream.flush()
        os._exit(code)
    sys.exit(code)


def _dispatch(args: argparse.Namespace) -> int:
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
    run()
