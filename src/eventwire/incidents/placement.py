"""Where an incoming article goes: stored, a copy of a stored one, or its newer version.

- an exact copy (same text, so the same id) or a near-duplicate (``dedup.near_duplicate``)
  of a stored article adds its address to that article (``article_urls``) and nothing else;
- a near-duplicate published later than the stored version and at least as long (or,
  when the times are unknown or equal, longer) is an update: it replaces the stored
  article, keeping every address and input that was seen under, and its events (coded
  from the newest text) replace the old ones in their incidents;
- anything else is a new article.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from eventwire.incidents import storage
from eventwire.incidents.dedup import Signature, near_duplicate, signature
from eventwire.incidents.facts import parse_time
from eventwire.records import Article
from eventwire.store import Store, StoreError

if TYPE_CHECKING:
    from eventwire.pipeline import Outcome

STORED, DUPLICATE, NEAR_DUPLICATE, UPDATED = "stored", "duplicate", "near-duplicate", "updated"
SKIPPED = "skipped"  # (place_outcome) not stored: not coded, or refused by the store


@dataclass
class Placement:
    status: str  # STORED, DUPLICATE, NEAR_DUPLICATE, UPDATED or SKIPPED
    article_id: str | None  # the stored article it is (or became); None when skipped
    reason: str | None = None  # the similarity figures of a near-duplicate


def place_outcomes(store: Store, outcomes: Sequence[Outcome]) -> list[Placement]:
    """What ``ingest`` and ``watch`` do with coded inputs, in order (inside a batch): place
    each article, or remember why there is none (SKIPPED, with the reason); one record the
    store refuses is a skip, not the end of the run.  What the store holds about all of them
    is read ahead in a few statements (:class:`storage.Lookahead`)."""
    placed: list[Placement] = []
    ahead: storage.Lookahead | None = None
    for n, outcome in enumerate(outcomes):
        if outcome.article is None:
            reason = outcome.skip.reason if outcome.skip else "unknown"
        else:
            if ahead is None or not ahead.fresh(store):
                ahead = _read_ahead(store, outcomes[n:], ahead)
            article, raw_hash, source = outcome.article, outcome.raw_hash, outcome.source
            try:
                placed.append(
                    place_article(store, article, raw_hash=raw_hash, source=source, ahead=ahead)
                )
                continue
            except StoreError as exc:
                reason = f"not stored: {exc}"
        store.add_skip(outcome.raw_hash, outcome.source, reason)
        placed.append(Placement(SKIPPED, None, reason))
    return placed


def place_outcome(store: Store, outcome: Outcome) -> Placement:
    """:func:`place_outcomes` for one input."""
    return place_outcomes(store, [outcome])[0]


def _read_ahead(
    store: Store, outcomes: Sequence[Outcome], stale: storage.Lookahead | None
) -> storage.Lookahead:
    texts = {o.article.id: o.article.text for o in outcomes if o.article is not None}
    return storage.Lookahead.read(store, texts, stale.signatures if stale else None)


def place_article(
    store: Store,
    article: Article,
    *,
    raw_hash: str | None = None,
    source: str | None = None,
    ahead: storage.Lookahead | None = None,
) -> Placement:
    """Store ``article`` or fold it into the stored article it repeats (inside a batch);
    ``ahead``: what was read about it beforehand (None: read it now)."""
    if ahead is None:
        ahead = storage.Lookahead.read(store, {article.id: article.text})
    where = source if source is not None else article.source
    address = article.url or where or article.id
    if store.staged_article(article.id) is not None or article.id in ahead.stored:
        store.add(article, raw_hash=raw_hash, source=source)  # records the input as a duplicate
        storage.add_url(store, article.id, address, article.publisher, article.published)
        return Placement(DUPLICATE, article.id)
    sig = ahead.signatures.get(article.id) or signature(article.text)
    signed = article.id in ahead.signed
    match = _best_match(store, sig, ahead, article.id)
    if match is not None and not _newer(article, sig, match):
        if raw_hash is not None:
            storage.add_duplicate_source(store, raw_hash, where, match.article_id, match.why)
        storage.save_signature(store, article.id, match.article_id, sig, signed=signed)
        storage.add_url(store, match.article_id, address, article.publisher, article.published)
        return Placement(NEAR_DUPLICATE, match.article_id, match.why)
    store.add(article, raw_hash=raw_hash, source=source)
    storage.save_signature(store, article.id, article.id, sig, signed=signed)
    storage.add_url(store, article.id, address, article.publisher, article.published)
    if match is None:
        return Placement(STORED, article.id)
    touched = storage.remove_article(store, match.article_id, article.id)
    storage.prune_incidents(store, touched)
    return Placement(UPDATED, article.id, f"replaces {match.article_id} ({match.why})")


@dataclass
class _Match:
    article_id: str
    published: str | None
    text_chars: int  # the stored version's length
    why: str


def _best_match(
    store: Store, sig: Signature, ahead: storage.Lookahead, text_id: str
) -> _Match | None:
    """The stored article whose some version this text repeats most closely."""
    best: tuple[float, _Match] | None = None
    for ident, other, published, current in storage.candidates(store, sig, ahead, text_id):
        same, score, why = near_duplicate(sig, other)
        if same and (best is None or score > best[0]):
            best = (score, _Match(ident, published, current, why))
    return best[1] if best else None


def _newer(article: Article, sig: Signature, match: _Match) -> bool:
    """Whether the incoming version should replace the stored one."""
    new_time, old_time = parse_time(article.published), parse_time(match.published)
    if new_time is not None and old_time is not None and new_time != old_time:
        return new_time > old_time and sig.text_chars >= match.text_chars
    return sig.text_chars > match.text_chars


def backfill_signatures(store: Store) -> int:
    """Sign the articles of an older store that have none (once, then never again)."""
    done = 0
    while batch := storage.missing_signatures(store):
        for ident, text in batch:
            storage.save_signature(store, ident, ident, signature(text))
            done += 1
    return done
