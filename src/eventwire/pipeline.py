"""The stages chained: read → clean → language → nlp → code (→ resolve → merge inside the coder).

``process`` turns input documents into articles with events, in input order whatever the
number of worker processes; a document that fails a stage becomes a :class:`Skip` with its
reason, and the batch goes on.  The store and the CLI consume its output.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from eventwire import __version__
from eventwire.actors.lexicon import ActorLexicon, get_lexicon
from eventwire.clean import CleanError, clean, sitechrome
from eventwire.coder import CODER_VERSION, CoderContext, code_doc
from eventwire.coder.lexicon import load_lexicon
from eventwire.config import Config
from eventwire.language import Language, detect
from eventwire.nlp import Pipeline, load_pipeline, parse
from eventwire.places import get_gazetteer
from eventwire.read import RawDocument, Skipped
from eventwire.records import Article, article_id, event_id
from eventwire.truecase import needs_truecasing, truecase


@dataclass
class Skip:
    source: str
    reason: str
    raw_hash: str | None = None


@dataclass
class Outcome:
    """What became of one input document."""

    source: str
    raw_hash: str | None
    article: Article | None = None
    skip: Skip | None = None


def prepare(raw: RawDocument, config: Config, lang: str | None = None) -> Article | Skip:
    """Clean a document and detect its language (unless ``lang`` or the document's own
    ``raw.lang`` is given): all before spaCy."""
    lang = lang or raw.lang
    try:
        cleaned = clean(raw)
    except CleanError as exc:  # its message names the source, which the Skip carries
        return Skip(raw.source, str(exc).removeprefix(f"{raw.source}: "), raw.raw_hash)
    detected = Language(lang, 1.0) if lang else detect(cleaned.body or cleaned.text)
    article = Article(
        id=article_id(cleaned.text),
        text=cleaned.text,
        title=cleaned.title,
        body_start=cleaned.body_start,
        publisher=cleaned.publisher,
        published=cleaned.published,
        section=cleaned.section,
        authors=list(cleaned.authors),
        editors=list(cleaned.editors),
        url=cleaned.url,
        source=raw.source,
        source_id=str(raw.meta["id"]) if raw.meta.get("id") is not None else None,
        lang=detected.code,
        lang_score=round(detected.score, 4),
        warnings=list(cleaned.warnings),
    )
    if detected.code not in config.languages:
        supported = ", ".join(config.languages)
        reason = f"unsupported language {detected.code!r} (eventwire codes {supported})"
        return Skip(raw.source, reason, raw.raw_hash)
    return article


@lru_cache(maxsize=8)
def _context(
    lang: str, pipeline_name: str, actor_dicts: tuple[str, ...], patterns: tuple[str, ...]
) -> tuple[Pipeline, CoderContext]:
    pipeline = load_pipeline(lang, pipeline_name)
    lexicon = load_lexicon(lang, patterns)
    actors = ActorLexicon.load(lang, actor_dicts) if actor_dicts else get_lexicon(lang)
    versions = {
        "eventwire": __version__,
        "coder": CODER_VERSION,
        "data": f"{lexicon.version}+actors-{actors.version}",
        "spacy": pipeline.version,
        "gazetteer": get_gazetteer().version,
    }
    return pipeline, CoderContext(lang, lexicon, actors, versions)


def context_for(lang: str, config: Config) -> tuple[Pipeline, CoderContext]:
    return _context(
        lang, config.pipelines[lang], tuple(config.actor_dictionaries), tuple(config.verb_patterns)
    )


def analyse(articles: Sequence[Article], config: Config) -> None:
    """Run the spaCy pass and the coder over articles, in batches per language (in place)."""
    by_lang: dict[str, list[Article]] = {}
    for art in articles:
        by_lang.setdefault(art.lang or "", []).append(art)
    for lang, group in by_lang.items():
        pipeline, ctx = context_for(lang, config)
        texts = [truecase(a.text, lang) if needs_truecasing(a.text) else a.text for a in group]
        # parse, not nlp.pipe: a text over spaCy's max_length is parsed in pieces, joined.
        docs = parse(pipeline, texts, batch_size=config.batch_size)
        for art, doc in zip(group, docs, strict=True):
            events = code_doc(doc, ctx, art.published, art.body_start, original=art.text)
            # Below min_confidence a careful coder would likely not record the event (negated
            # events are records, not predictions: kept with their flag).
            events = [e for e in events if e.flags.negated or e.confidence >= config.min_confidence]
            taken: set[str] = set()
            for ev in events:
                ev.article_id = art.id
                ev.id = event_id(art.id, ev, taken)
            art.events = events


def process_batch(raws: Sequence[RawDocument | Skipped], config: Config) -> list[Outcome]:
    """One batch through every stage; the unit of work of a worker process."""
    outcomes: list[Outcome] = []
    ready: list[Article] = []
    for raw in raws:
        if isinstance(raw, Skipped):
            outcomes.append(Outcome(raw.source, None, skip=Skip(raw.source, raw.reason)))
            continue
        try:
            prepared = prepare(raw, config)
        except Exception as exc:  # e.g. a lone surrogate from a JSON escape: skip that one only
            reason = f"cleaning failed: {type(exc).__name__}: {exc}"
            prepared = Skip(raw.source, reason, raw.raw_hash)
        if isinstance(prepared, Skip):
            outcomes.append(Outcome(raw.source, raw.raw_hash, skip=prepared))
        else:
            outcomes.append(Outcome(raw.source, raw.raw_hash, article=prepared))
            ready.append(prepared)
    try:
        analyse(ready, config)
    except Exception as exc:  # one bad document must not empty the batch: retry one by one
        if len(ready) == 1:
            for out in outcomes:
                if out.article is ready[0]:
                    out.skip, out.article = (
                        Skip(out.source, f"coding failed: {exc!r}", out.raw_hash),
                        None,
                    )
        else:
            for out in outcomes:
                if out.article is not None:
                    out.article.events = []
                    single = process_article_safely(out.article, config)
                    if isinstance(single, Skip):
                        out.skip, out.article = single, None
    return outcomes


def process_article_safely(article: Article, config: Config) -> Article | Skip:
    try:
        analyse([article], config)
    except Exception as exc:
        return Skip(article.source or article.id, f"coding failed: {exc!r}")
    return article


def _batches(
    items: Iterable[RawDocument | Skipped], size: int
) -> Iterator[list[RawDocument | Skipped]]:
    batch: list[RawDocument | Skipped] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


_WORKER_CONFIG: Config | None = None


def _init_worker(config: Config) -> None:
    global _WORKER_CONFIG
    _WORKER_CONFIG = config


def _work(batch: list[RawDocument | Skipped]) -> list[Outcome]:
    assert _WORKER_CONFIG is not None
    return process_batch(batch, _WORKER_CONFIG)


def warm_up(config: Config) -> None:
    """Load every configured pipeline and lexicon once, so forked workers share them."""
    for lang in config.languages:
        context_for(lang, config)


def process(
    items: Iterable[RawDocument | Skipped], config: Config, *, workers: int | None = None
) -> Iterator[Outcome]:
    """Every input's outcome, in input order, with ``workers`` processes (1: this process)."""
    workers = workers or config.workers
    size = max(1, config.batch_size)
    # Here, in input order, so that what a page loses never depends on the batches.
    items = sitechrome.mark(items)
    if workers <= 1:
        for batch in _batches(items, size):
            yield from process_batch(batch, config)
        return
    # Fork after loading the pipelines: the children share their memory pages.
    warm_up(config)
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    mp = multiprocessing.get_context(method)
    # Smaller batches keep every worker busy; results are still consumed in input order.
    size = max(1, min(size, 16))
    with mp.Pool(workers, initializer=_init_worker, initargs=(config,)) as pool:
        pending: deque = deque()
        for batch in _batches(items, size):
            pending.append(pool.apply_async(_work, (batch,)))
            if len(pending) >= workers * 3:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


def cpu_count() -> int:
    return (
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    )
