"""The incident and near-duplicate tables of a store (sql/002_incidents.sql).

Every function here runs inside the caller's open batch (``Store.batch``), so an update is
committed with the articles and events that caused it, or not at all: a run killed in the
middle leaves the events it had not finished without an incident, and the next run groups
them.  Grouping is incremental: events without an incident are grouped against the stored
incidents that share a blocking key with them, not against the whole archive.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from eventwire.incidents.dedup import Signature, signature
from eventwire.incidents.facts import Facts, facts_from_record
from eventwire.incidents.group import Grouper, Incident
from eventwire.incidents.keys import PROBE_DAYS, WINDOW_DAYS
from eventwire.incidents.record import build, incident_from_record, row
from eventwire.store import Store

_INCIDENT_COLUMNS: tuple[str, ...] = (
    "id", "type", "mode", "date_start", "date_end", "location_country", "location_name", "lat",
    "lon", "dead", "injured", "arrested", "num_events", "num_articles", "num_sources",
    "first_seen", "last_seen", "block_country",
)  # fmt: skip
_ARTICLE_META = ("id", "publisher", "published", "url", "source", "lang")
_CHUNK = 400  # rows per multi-row statement


@dataclass
class UpdateStats:
    """What one incident update did."""

    events: int = 0  # events grouped
    incidents_new: int = 0
    incidents_grown: int = 0
    comparisons: int = 0


# -- article addresses and signatures ------------------------------------------------------


# Kinds of the columns of the tables staged in the ingest batch (see Store.stage): each
# article costs no statement of its own, the batch writes them in one insert per table.
_URL_COLUMNS = {"article_id": "str", "url": "str", "publisher": "str", "published": "str"}
_MINHASH_COLUMNS = {
    "text_id": "str", "article_id": "str", "shingles": "int", "text_chars": "int",
    "signature": "ulist", "names": "list",
}  # fmt: skip
_BAND_COLUMNS = {"band_hash": "int", "text_id": "str"}
_KEEP = "ON CONFLICT DO NOTHING"


def add_url(
    store: Store, article_id: str, url: str, publisher: str | None, published: str | None
) -> None:
    row = {"article_id": article_id, "url": url, "publisher": publisher, "published": published}
    store.stage("article_urls", _URL_COLUMNS, (article_id, url), row, _KEEP)


def add_duplicate_source(
    store: Store, raw_hash: str, source: str | None, article_id: str, reason: str
) -> None:
    """Remember an input that repeats a stored article, so a re-run skips it."""
    store.add_duplicate_source(raw_hash, source, article_id, f"near-duplicate: {reason}")


def save_signature(
    store: Store, text_id: str, article_id: str, sig: Signature, *, signed: bool | None = None
) -> None:
    """Keep the signature of one version of an article's text (``text_id``: its own id);
    ``signed``: whether the written store has it already (None: ask the store)."""
    if text_id in store.staged("article_minhash"):
        return
    if signed is None:
        signed = bool(store.query("SELECT 1 FROM article_minhash WHERE text_id = ?", [text_id]))
    if signed:
        return
    row = {
        "text_id": text_id, "article_id": article_id, "shingles": sig.shingles,
        "text_chars": sig.text_chars, "signature": list(sig.hashvalues),
        "names": None if sig.names is None else sorted(sig.names),
    }  # fmt: skip
    store.stage("article_minhash", _MINHASH_COLUMNS, text_id, row, _KEEP)
    for band in sig.bands():
        store.stage(
            "article_bands", _BAND_COLUMNS, (band, text_id), {"band_hash": band, "text_id": text_id}
        )


MAX_CANDIDATES = 16  # stored versions compared with a new article, the most alike first

# A candidate version: its article, its signature, the article's publication time and the
# length of the article's current text.
Candidate = tuple[str, Signature, str | None, int]


@dataclass
class Lookahead:
    """What the written store holds about a batch of incoming texts, read in a few statements
    for the whole batch rather than several for each text (each statement costs about a
    millisecond, as much as comparing every candidate).

    Valid while :attr:`Store.writes` has not moved: a replacement deletes rows, and writing
    the staged rows moves them out of :meth:`Store.staged`, so the placement reads again."""

    writes: int
    stored: set[str]  # texts among them stored as articles (exact copies)
    signed: set[str]  # texts among them whose signature is kept
    signatures: dict[str, Signature]  # of the texts not stored
    candidates: dict[str, list[Candidate]]  # text id -> written versions it shares bands with
    articles: dict[str, tuple[str | None, int | None]]  # written article -> time, length

    @classmethod
    def read(
        cls, store: Store, texts: dict[str, str], signed_before: dict[str, Signature] | None = None
    ) -> Lookahead:
        """``texts``: text id -> text; ``signed_before``: signatures made already (by the
        look-ahead this one replaces)."""
        ids = sorted(texts)
        known = store.query(
            "SELECT 'article', id FROM articles WHERE list_contains($1, id) UNION ALL "
            "SELECT 'signed', text_id FROM article_minhash WHERE list_contains($1, text_id)",
            [ids],
        )
        stored = {ident for kind, ident in known if kind == "article"}
        signed = {ident for kind, ident in known if kind == "signed"}
        before = signed_before or {}
        sigs = {
            ident: before.get(ident) or signature(text)
            for ident, text in texts.items()
            if ident not in stored
        }
        bands = {ident: sig.bands() for ident, sig in sigs.items()}
        everything = sorted({b for own in bands.values() for b in own})
        by_band: dict[int, list[str]] = {}
        for band, text_id in _band_hits(store, everything):
            by_band.setdefault(band, []).append(text_id)
        # Per text, the versions sharing the most bands, as `candidates` orders them.
        tops: dict[str, list[str]] = {}
        for ident, own in bands.items():
            shared: dict[str, int] = {}
            for band in own:
                for text_id in by_band.get(band, ()):
                    shared[text_id] = shared.get(text_id, 0) + 1
            tops[ident] = sorted(shared, key=lambda t: (-shared[t], t))[:MAX_CANDIDATES]
        versions = _written_versions(store, sorted({t for top in tops.values() for t in top}))
        found = {ident: [versions[t] for t in top if t in versions] for ident, top in tops.items()}
        articles = {c[0]: (c[2], c[3]) for c in versions.values()}
        return cls(store.writes, stored, signed, sigs, found, articles)

    def fresh(self, store: Store) -> bool:
        return store.writes == self.writes


def candidates(store: Store, sig: Signature, ahead: Lookahead, text_id: str) -> list[Candidate]:
    """Versions sharing an LSH band with this signature: their article, their signature, and
    the stored article's publication time and length.

    The versions sharing the most bands come first, and only :data:`MAX_CANDIDATES` of them:
    a story syndicated hundreds of times would otherwise be compared with every copy, and
    the share of equal bands already ranks them by resemblance.  Versions staged in the open
    batch (not written yet) are looked at in memory, before the written ones, which ``ahead``
    read for the text ``text_id``."""
    found = _staged_candidates(store, set(sig.bands()), ahead.articles)
    return (found + ahead.candidates.get(text_id, []))[:MAX_CANDIDATES]


_BANDS_PER_STATEMENT = 2048


def _band_hits(store: Store, bands: list[int]) -> list[tuple[int, str]]:
    """(band hash, text id) of the written versions having any of these bands.

    The hashes are written into the statement as a list of constants: DuckDB then looks
    each up in the band index (50 ms for 2,048 bands among 20 million rows), where a list
    passed as a parameter is joined by scanning every band of the archive (95 ms there, and
    growing with it).  They are integers made here, so nothing can be injected."""
    hits: list[tuple[int, str]] = []
    for n in range(0, len(bands), _BANDS_PER_STATEMENT):
        part = ", ".join(str(int(b)) for b in bands[n : n + _BANDS_PER_STATEMENT])
        hits += store.query(
            f"SELECT band_hash, text_id FROM article_bands WHERE band_hash IN ({part})"
        )
    return hits


def _written_versions(store: Store, text_ids: list[str]) -> dict[str, Candidate]:
    """The written versions among these whose article is stored, by text id."""
    if not text_ids:  # most articles: nothing alike is stored, one index look-up said so
        return {}
    # Three look-ups by key, not one join: DuckDB answers ``list_contains`` from the key's
    # index, where a join scans the whole table (230 ms against 20 ms among 5 million rows).
    versions = store.query(
        "SELECT text_id, article_id, signature, shingles, text_chars, names "
        "FROM article_minhash WHERE list_contains(?, text_id)",
        [text_ids],
    )
    articles = sorted({row[1] for row in versions})
    stored = dict(
        store.query("SELECT id, published FROM articles WHERE list_contains(?, id)", [articles])
    )
    own = dict(
        store.query(
            "SELECT text_id, text_chars FROM article_minhash WHERE list_contains(?, text_id)",
            [sorted(stored)],
        )
    )
    out = {}
    for text_id, article_id, values, shingles, chars, names in versions:
        if article_id in stored:  # (a version whose article was replaced names the newest;
            # one whose article is only staged, not written, is left out: staged candidates
            # have it)
            version = _signature(values, shingles, chars, names)
            out[text_id] = (article_id, version, stored[article_id], own.get(article_id, chars))
    return out


def _staged_candidates(
    store: Store, bands: set[int], known: dict[str, tuple[str | None, int | None]]
) -> list[Candidate]:
    """Versions staged in the open batch sharing a band; ``known``: written articles' times
    and lengths read before (looked up, and added, when missing)."""
    staged = store.staged("article_minhash")
    if not staged:
        return []
    hit: dict[str, int] = {}
    for band, text_id in store.staged("article_bands"):
        if band in bands:
            hit[text_id] = hit.get(text_id, 0) + 1
    out = []
    for text_id in sorted(hit, key=lambda t: (-hit[t], t)):
        row = staged[text_id]
        article_id = row["article_id"]
        own = staged.get(article_id)
        article = store.staged_article(article_id)
        if article is not None:
            published, chars = article["published"], own["text_chars"] if own else None
        else:
            if article_id not in known:
                found = store.query("SELECT published FROM articles WHERE id = ?", [article_id])
                if not found:
                    continue  # replaced in this batch: its versions now name the newest
                own_chars = store.query(
                    "SELECT text_chars FROM article_minhash WHERE text_id = ?", [article_id]
                )
                known[article_id] = (found[0][0], own_chars[0][0] if own_chars else None)
            published, chars = known[article_id]
        sig = _signature(row["signature"], row["shingles"], row["text_chars"], row["names"])
        out.append((article_id, sig, published, chars if chars is not None else row["text_chars"]))
    return out


def _signature(values: list[int], shingles: int, chars: int, names: list[str] | None) -> Signature:
    return Signature(tuple(values), shingles, chars, None if names is None else frozenset(names))


def missing_signatures(store: Store, limit: int = 500) -> list[tuple[str, str]]:
    """Articles stored before signatures were kept (an older store), with their text."""
    rows = store.execute(
        "SELECT a.id, a.text FROM articles a ANTI JOIN article_minhash m ON m.text_id = a.id "
        "WHERE a.text IS NOT NULL ORDER BY a.stored_seq LIMIT ?",
        [limit],
    )
    return [(ident, text) for ident, text in rows]


def remove_article(store: Store, old_id: str, new_id: str) -> list[str]:
    """Drop an article replaced by a newer version; its addresses and inputs move to the new
    one.  Returns the incidents its events were in (to be pruned)."""
    touched = [
        r[0]
        for r in store.execute(
            "SELECT DISTINCT incident_id FROM events WHERE article_id = ? "
            "AND incident_id IS NOT NULL",
            [old_id],
        )
    ]
    store.execute(
        "INSERT INTO article_urls SELECT ?, url, publisher, published FROM article_urls "
        "WHERE article_id = ? ON CONFLICT DO NOTHING",
        [new_id, old_id],
    )
    for table, column in (
        ("article_urls", "article_id"),
        ("events", "article_id"),
        ("articles", "id"),
    ):
        store.execute(f"DELETE FROM {table} WHERE {column} = ?", [old_id])
    for table in ("sources", "article_minhash"):  # earlier versions now name the newest
        store.execute(f"UPDATE {table} SET article_id = ? WHERE article_id = ?", [new_id, old_id])
    return touched


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


# -- incidents ------------------------------------------------------------------------------


def pending_facts(store: Store) -> list[Facts]:
    """Events without an incident, with their article's metadata, oldest report first."""
    rows = store.execute(
        "SELECT e.record, a.id, a.publisher, a.published, a.url, a.source, a.lang "
        "FROM events e JOIN articles a ON a.id = e.article_id WHERE e.incident_id IS NULL "
        "ORDER BY a.published NULLS LAST, e.article_seq, e.seq"
    )
    out = []
    for record, *meta in rows:
        article = dict(zip(_ARTICLE_META, meta, strict=True))
        out.append(facts_from_record(json.loads(record), article))
    return out


def _stored_candidates(store: Store, facts: list[Facts]) -> list[Incident]:
    """The stored incidents that share a blocking key with any of these events."""
    blocks: dict[tuple[str, str], list[Any]] = {}
    slack = timedelta(days=PROBE_DAYS + WINDOW_DAYS)
    for f in facts:
        span, country = f.span, f.block_country
        if not f.mergeable or span is None or country is None:
            continue
        lo, hi = span[0] - slack, span[1] + slack
        ranges = blocks.setdefault((f.type, country), [])
        ranges.append((lo, hi))
    found: dict[str, Incident] = {}
    for (etype, country), ranges in blocks.items():
        for lo, hi in _merged(ranges):
            for ident, record in store.execute(
                "SELECT id, record FROM incidents WHERE type = ? AND block_country = ? "
                "AND date_end >= ? AND date_start <= ?",
                [etype, country, lo, hi],
            ):
                if ident not in found:
                    found[ident] = incident_from_record(json.loads(record))
    return list(found.values())


def _merged(ranges: list[Any]) -> list[Any]:
    """Overlapping date ranges joined, so each stored block is read once."""
    out: list[list[Any]] = []
    for lo, hi in sorted(ranges):
        if out and lo <= out[-1][1]:
            out[-1][1] = max(out[-1][1], hi)
        else:
            out.append([lo, hi])
    return [tuple(r) for r in out]


def update_incidents(store: Store) -> UpdateStats:
    """Group the events that have no incident yet; write the incidents that changed."""
    stats = UpdateStats()
    facts = pending_facts(store)
    if not facts:
        return stats
    grouper = Grouper(_stored_candidates(store, facts))
    stored = set(grouper.incidents)
    assigned: list[tuple[str, str]] = []
    for f in facts:
        incident = grouper.add(f)
        assigned.append((f.event_id, incident.id))
    changed = [i for i in grouper.incidents.values() if i.changed]
    stats.events = len(facts)
    stats.incidents_new = sum(1 for i in changed if i.id not in stored)
    stats.incidents_grown = len(changed) - stats.incidents_new
    stats.comparisons = grouper.comparisons
    write_incidents(store, changed, replace=[i.id for i in changed if i.id in stored])
    _assign(store, assigned)
    return stats


def write_incidents(store: Store, incidents: Iterable[Incident], replace: list[str]) -> None:
    """Insert incidents (deleting the stored versions of those in ``replace`` first)."""
    for start in range(0, len(replace), _CHUNK):
        chunk = replace[start : start + _CHUNK]
        store.execute("DELETE FROM incidents WHERE list_contains(?, id)", [chunk])
    rows = []
    for incident in incidents:
        record = build(incident)
        rows.append([*(row(record)[name] for name in _INCIDENT_COLUMNS), json.dumps(record)])
    width = len(_INCIDENT_COLUMNS) + 1
    marks = "(" + ", ".join("?" * width) + ")"
    names = ", ".join((*_INCIDENT_COLUMNS, "record"))
    for start in range(0, len(rows), _CHUNK):
        chunk = rows[start : start + _CHUNK]
        store.execute(
            f"INSERT INTO incidents ({names}) VALUES " + ", ".join([marks] * len(chunk)),
            [v for r in chunk for v in r],
        )


def _assign(store: Store, pairs: list[tuple[str, str]]) -> None:
    for start in range(0, len(pairs), _CHUNK):
        chunk = pairs[start : start + _CHUNK]
        marks = ", ".join(["(?, ?)"] * len(chunk))
        store.execute(
            f"UPDATE events SET incident_id = m.incident FROM (VALUES {marks}) m(event, incident) "
            "WHERE events.id = m.event",
            [v for pair in chunk for v in pair],
        )


def prune_incidents(store: Store, incident_ids: list[str]) -> None:
    """Drop vanished members (a replaced article's events) from these incidents.

    What is left of each is grouped again: its events lose their incident and the next
    :func:`update_incidents` places them, so no incident keeps a member that is gone.
    """
    if not incident_ids:
        return
    store.execute("DELETE FROM incidents WHERE list_contains(?, id)", [incident_ids])
    store.execute(
        "UPDATE events SET incident_id = NULL WHERE list_contains(?, incident_id)", [incident_ids]
    )


def rebuild_incidents(store: Store) -> UpdateStats:
    """Group every event again from nothing (after a recode)."""
    store.execute("DELETE FROM incidents")
    store.execute("UPDATE events SET incident_id = NULL WHERE incident_id IS NOT NULL")
    return update_incidents(store)


def incident_counts(store: Store) -> str:
    """The summary line of a run: incidents, and how many gather several articles."""
    row = store.execute(
        "SELECT count(*), coalesce(sum(num_events), 0), count(*) FILTER (WHERE num_articles > 1) "
        "FROM incidents"
    )
    total, events, shared = row[0] if row else (0, 0, 0)
    return f"incidents: {total} (from {events} events; told by several articles: {shared})"
