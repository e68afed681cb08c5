"""Web archives for the read stage: WARC and WARC.gz files, and Common Crawl's WET files.

A ``response`` record holding an HTML page (HTTP 200) becomes a document whose URL is the
record's ``WARC-Target-URI`` and whose publication date, when the page shows none, is its
``WARC-Date``; a ``resource`` record holding HTML likewise; a WET ``conversion`` record
(the plain text Common Crawl extracted) becomes a plain-text document.  Every other record
(requests, metadata, warcinfo, revisits, images, scripts, errors and redirects) is counted,
and the counts are reported once per archive as one skip.

warcio parses the records (pure Python, and the same library writes the archives the tests
read).  It reads on silently past a damaged end, so this module checks each record's block
against its ``Content-Length`` and reads ``.gz`` archives through Python's gzip, which says
when a member is cut short: a truncated archive yields every record before the damage,
then a skip naming the archive, the record and the byte offset where it broke.
"""

from __future__ import annotations

import gzip
import zlib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from eventwire.read import RawDocument, Skipped
from eventwire.webpage import PageError, page_document

WARC_SUFFIXES = (".warc", ".warc.gz", ".wet", ".wet.gz", ".warc.wet", ".warc.wet.gz")
_PAGE_TYPES = ("text/html", "application/xhtml+xml")
_CHUNK = 1 << 16


class _Damaged(Exception):
    """The archive's bytes end or break (raised through warcio, which hides EOFError)."""


class _Guarded:
    """The archive's bytes for warcio: read errors become :class:`_Damaged`, short reads
    are allowed (so the bytes before a break are delivered first), and ``tell`` counts."""

    def __init__(self, stream: BinaryIO) -> None:
        self._read = getattr(stream, "read1", stream.read)
        self.position = 0

    def read(self, size: int = -1) -> bytes:
        try:
            data = self._read(size if size is not None and size >= 0 else _CHUNK)
        except (EOFError, OSError, zlib.error) as exc:
            raise _Damaged(str(exc) or type(exc).__name__) from None
        self.position += len(data)
        return data

    def tell(self) -> int:
        return self.position


def is_warc(path: Path) -> bool:
    """Whether ``path`` is a web archive, by its name or its first bytes."""
    if path.name.lower().endswith(WARC_SUFFIXES):
        return True
    try:
        with path.open("rb") as handle:
            head = handle.read(2)
            if head == b"\x1f\x8b":
                handle.seek(0)
                with gzip.GzipFile(fileobj=handle) as unzipped:
                    return unzipped.read(5) == b"WARC/"
            return head + handle.read(3) == b"WARC/"
    except (OSError, EOFError, zlib.error):
        return False


def read_warc(path: Path, source: str, max_bytes: int) -> Iterator[RawDocument | Skipped]:
    """The documents of one archive, and skips for what it holds that is not a page."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    others: Counter[str] = Counter()
    done = 0  # records read in full
    damaged = False
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield Skipped(source, f"unreadable ({exc.strerror or exc})")
        return
    with handle:
        compressed = handle.read(2) == b"\x1f\x8b"
        handle.seek(0)
        raw: BinaryIO = gzip.GzipFile(fileobj=handle) if compressed else handle  # type: ignore[assignment]
        guarded = _Guarded(raw)
        records = ArchiveIterator(guarded, arc2warc=True, ensure_http_headers=False)
        try:
            for record in records:
                item = _record_item(record, f"{source}:{done + 1}", max_bytes, others)
                done += 1
                if item is not None:
                    yield item
            # warcio ends quietly on a header cut short: bytes left over mean damage.
            if records.offset < guarded.position:
                raise _Damaged(
                    f"{guarded.position - records.offset:,} bytes after the last whole record"
                )
        except (_Damaged, ArchiveLoadFailed, ValueError, AttributeError, IndexError) as exc:
            # warcio fails on a header cut short with whatever error its parser meets.
            damaged = True
            where = " of the decompressed archive" if compressed else ""
            detail = str(exc).strip() or type(exc).__name__
            yield Skipped(
                source,
                f"truncated or damaged WARC archive at record {done + 1} (byte "
                f"{records.offset:,}{where}): {detail}; the {done} record(s) before it were read",
            )
        finally:
            records.close()
    if not done and not damaged:
        yield Skipped(source, "empty WARC archive (no records)")
    if others:
        counts = ", ".join(f"{kind}: {n}" for kind, n in sorted(others.items()))
        yield Skipped(source, f"WARC records that are not pages ({counts})")


def _record_item(
    record, source: str, max_bytes: int, others: Counter[str]
) -> RawDocument | Skipped | None:
    """One record as a document, a skip (a page that cannot be read), or None (counted)."""
    kind = record.rec_type
    headers = record.rec_headers
    if headers.get_header("Content-Length") is None:
        raise _Damaged("a record header cut short (no Content-Length)")
    url = headers.get_header("WARC-Target-URI") or None
    date = headers.get_header("WARC-Date") or None
    if kind == "response":
        http = record.http_headers
        if http is None:
            others["response without HTTP headers"] += 1
            return _drain(record)
        status = http.get_statuscode() or "?"
        content_type = http.get_header("Content-Type") or ""
        if status != "200":
            others[f"HTTP {status}"] += 1
            return _drain(record)
    elif kind in ("resource", "conversion"):
        content_type = headers.get_header("Content-Type") or ""
        if kind == "conversion" and not content_type:
            content_type = "text/plain"
    else:
        others[f"{kind} record"] += 1
        return _drain(record)
    media = content_type.split(";", 1)[0].strip().lower()
    plain = kind == "conversion" and media == "text/plain"
    if media not in _PAGE_TYPES and not plain:
        others[f"{kind} {media or 'without a content type'}"] += 1
        return _drain(record)
    content = record.content_stream().read(max_bytes + 1)
    _drain(record)
    if len(content) > max_bytes:
        return Skipped(source, f"record larger than the limit of {max_bytes:,} bytes")
    if not url:
        return Skipped(source, f"WARC {kind} record without a WARC-Target-URI")
    try:
        document = page_document(
            url, content, content_type, published=_warc_date(date), source=source
        )
    except PageError as exc:
        return Skipped(source, str(exc))
    return document


def _drain(record) -> None:
    """Read the rest of the record's block; raise :class:`_Damaged` if it is cut short."""
    raw = record.raw_stream
    while raw.read(_CHUNK):
        pass
    left = getattr(raw, "limit", 0)
    if left:
        declared = record.rec_headers.get_header("Content-Length")
        raise _Damaged(f"record block ends {left:,} bytes short of its Content-Length {declared}")


def _warc_date(value: str | None) -> str | None:
    """WARC-Date (``2023-06-05T09:00:00Z``, maybe with fractions) as ``YYYY-MM-DDTHH:MM:SS``."""
    if not value or len(value) < 19:
        return None
    return value[:19]
