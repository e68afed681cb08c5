"""Read stage: input paths and streams to decoded documents.

:func:`read_inputs` turns files, folders, JSON Lines files and standard input into
:class:`RawDocument` records.  A bad input never stops a batch: it becomes a
:class:`Skipped` record whose reason names the problem (binary, empty, too large,
unreadable, malformed JSON line...), and the next input is read.  Files are read one
at a time and JSON Lines line by line, so memory stays bounded by ``max_bytes``.
"""

from __future__ import annotations

import codecs
import gzip
import hashlib
import io
import json
import os
import re
import stat
import sys
import unicodedata
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

DEFAULT_MAX_BYTES: int = 20_000_000

# How much of a file is looked at to call it binary.
_SNIFF_BYTES = 8192

TEXT_EXTENSIONS = frozenset({".txt", ".text", ".md"})
HTML_EXTENSIONS = frozenset({".html", ".htm", ".xhtml", ".shtml"})
JSONL_EXTENSIONS = frozenset({".jsonl", ".ndjson"})
GZIP_EXTENSIONS = frozenset({".gz"})

# Magic numbers of formats we do not read, so that the reason says what the file is.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or DOCX/EPUB/ODT)"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"WARC/", "WARC web archive"),
    (b"\xd0\xcf\x11\xe0", "OLE document (DOC/XLS)"),
)
_GZIP_MAGIC = b"\x1f\x8b"

# Characters a Western (cp1252) reading of French or English text plausibly contains.
_WESTERN_PUNCT = frozenset("‘’‚“”„«»–—…€•·°©®™§¢£¥±×÷¿¡ªº\u00a0\u00ad")

_HTML_START = re.compile(
    r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
_HTML_TAG = re.compile(
    r"</?(html|head|body|div|p|article|section|span|a|br|h[1-6]|ul|ol|li|table|tr|td"
    r"|meta|title|script|style|nav|header|footer|main|aside|figure|img|strong|em)\b[^<>]*>",
    re.I,
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)


class ReadError(Exception):
    """An input that cannot be read; the message names the input and the problem."""


@dataclass
class RawDocument:
    """One input document, decoded but not yet cleaned."""

    source: str  # path, "path:LINENO" for a JSONL line, "-" for stdin, "<text>" for API strings
    text: str | None  # decoded plain text (None when html is set)
    html: str | None  # decoded HTML
    meta: dict[str, Any] = field(default_factory=dict)  # id, url, title, published
    encoding: str | None = None  # detected encoding ("utf-8", "utf-8-sig", "utf-16", "cp1252")
    raw_hash: str = ""  # sha256 hex of the raw bytes (JSONL: of the line)
    # Lines its site printed on earlier pages (clean.sitechrome): chrome here too.
    site_chrome: frozenset[str] = frozenset()
    lang: str | None = None  # the language the caller gave ("fr", "en"): not detected then


@dataclass
class Skipped:
    """An input that was not read, and why."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


# --------------------------------------------------------------------------- decoding


def decode_bytes(data: bytes, source: str, *, declared: str | None = None) -> tuple[str, str]:
    """Decode ``data`` to text and name the encoding used, or raise :class:`ReadError`.

    Order: byte-order marks, BOM-less UTF-16, strict UTF-8, an encoding the document
    declares (HTML ``<meta charset>``), cp1252 when it reads as Western text, and only
    then charset-normalizer, which tends to guess exotic code pages for short French texts.
    """
    bom = _decode_bom(data, source)
    if bom is not None:
        return bom
    utf16 = _decode_utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    head = data[:_SNIFF_BYTES]
    if b"\x00" in head:
        raise ReadError(f"{source}: binary file (NUL bytes in the first 8 KiB)")
    if _control_ratio(head) > 0.05:
        raise ReadError(f"{source}: binary file (control bytes in the first 8 KiB)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if declared:
        # Pages that declare Latin-1 are written in its superset cp1252 (as browsers read them).
        latin1 = _try_decode(b"", declared) == ("", "iso8859-1")
        decoded = _try_decode(data, "cp1252" if latin1 else declared)
        if decoded is not None:
            return decoded
    cp1252 = _try_decode(data, "cp1252")
    if cp1252 is not None and _plausible_western(cp1252[0]):
        return cp1252
    guessed = _charset_normalizer_guess(data)
    if guessed is not None:
        return guessed
    if cp1252 is not None:
        return cp1252
    raise ReadError(f"{source}: undecodable text (not UTF-8, cp1252 or any detectable encoding)")


def _decode_bom(data: bytes, source: str) -> tuple[str, str] | None:
    # UTF-32 marks first: the UTF-32-LE mark starts with the UTF-16-LE one.
    boms = (
        (codecs.BOM_UTF8, "utf-8-sig", "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32", "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32", "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16", "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16", "utf-16"),
    )
    for bom, codec, name in boms:
        if data.startswith(bom):
            try:
                return data.decode(codec), name
            except UnicodeDecodeError as exc:
                raise ReadError(f"{source}: invalid {name} text ({exc.reason})") from exc
    return None


def _decode_utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text without a mark: every other byte of Latin text is NUL."""
    head = data[:_SNIFF_BYTES]
    if len(head) < 4 or len(head) % 2:
        return None
    for codec, zeros in (("utf-16-le", head[1::2]), ("utf-16-be", head[0::2])):
        if zeros.count(0) >= 0.9 * len(zeros):
            decoded = _try_decode(data, codec)
            if decoded is not None and _control_ratio(decoded[0][:4096].encode()) < 0.05:
                return decoded
    return None


def _try_decode(data: bytes, encoding: str) -> tuple[str, str] | None:
    try:
        name = codecs.lookup(encoding).name
        return data.decode(name), name
    except (LookupError, UnicodeDecodeError):
        return None


def _control_ratio(head: bytes) -> float:
    if not head:
        return 0.0
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls / len(head)


def _plausible_western(text: str) -> bool:
    """Does a cp1252 reading look like Western European text?

    Mis-decoded Cyrillic or Greek also gives Latin-1 letters, but whole words of them;
    French and English put accented letters inside otherwise ASCII words.
    """
    non_ascii = [c for c in text if ord(c) > 127]
    if not non_ascii:
        return True
    odd = sum(
        1
        for c in non_ascii
        if c not in _WESTERN_PUNCT
        and not (unicodedata.category(c).startswith("L") and ord(c) < 0x250)
    )
    if odd > 0.2 * len(non_ascii):
        return False
    words = [w for w in re.findall(r"[^\W\d_]+", text) if any(ord(c) > 127 for c in w)]
    if not words:
        return True
    mixed = sum(1 for w in words if len(w) == 1 or any(ord(c) < 128 for c in w))
    return mixed >= 0.7 * len(words)


def _charset_normalizer_guess(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes  # imported late: only odd inputs need it

    best = from_bytes(data).best()
    if best is None:
        return None
    return _try_decode(data, best.encoding)


def looks_like_html(text: str) -> bool:
    """True when ``text`` is an HTML document or fragment rather than prose."""
    head = text[:4096]
    if _HTML_START.match(head):
        return True
    tags = {m.group(1).lower() for m in _HTML_TAG.finditer(head)}
    return len(tags) >= 2 and "</" in head


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --------------------------------------------------------------------------- documents


def document_from_string(
    text_or_html: str, *, source: str = "<text>", meta: dict[str, Any] | None = None
) -> RawDocument:
    """A document from a string handed to the API (HTML when it looks like HTML)."""
    is_html = looks_like_html(text_or_html)
    return RawDocument(
        source=source,
        text=None if is_html else text_or_html,
        html=text_or_html if is_html else None,
        meta=dict(meta or {}),
        encoding=None,
        raw_hash=_sha256(text_or_html.encode("utf-8", "surrogatepass")),
    )


def _document(source: str, text: str, kind: str, encoding: str | None, raw: bytes) -> RawDocument:
    is_html = kind == "html" or (kind == "sniff" and looks_like_html(text))
    return RawDocument(
        source=source,
        text=None if is_html else text,
        html=text if is_html else None,
        meta={},
        encoding=encoding,
        raw_hash=_sha256(raw),
    )


_META_KEYS = ("id", "url", "title", "published")


def _record_document(source: str, line: bytes, record: Any) -> RawDocument | Skipped:
    """A JSONL record as a document: ``text`` (or ``html``) plus known metadata."""
    if not isinstance(record, dict):
        return Skipped(source, f"not a JSON object ({type(record).__name__})")
    text = record.get("text")
    html = record.get("html")
    has_text = isinstance(text, str) and text.strip()
    has_html = isinstance(html, str) and html.strip()
    if not has_text and not has_html:
        if isinstance(text, str) or isinstance(html, str):
            return Skipped(source, "empty text and html fields")
        return Skipped(source, "no text or html field")
    meta = {k: record[k] for k in _META_KEYS if record.get(k) not in (None, "")}
    if "id" in meta:
        meta["id"] = str(meta["id"])
    # An already extracted text is more reliable than re-extracting the page.
    return RawDocument(
        source=source,
        text=text if has_text else None,
        html=None if has_text else html,
        meta=meta,
        encoding="utf-8",
        raw_hash=_sha256(line),
    )


def _json_problem(exc: json.JSONDecodeError, *, line: bool) -> str:
    """The decoder's message and where: "Expecting value at column 4".

    Some messages already end in "at" ("Unterminated string starting at"): the position
    follows them directly, never "at at column".
    """
    where = f"line {exc.lineno} column {exc.colno}" if line else f"column {exc.colno}"
    message = exc.msg.rstrip()
    if message.endswith(" at"):
        return f"{message} {where}"
    return f"{message} at {where}"


def _parse_jsonl_line(source: str, line: bytes) -> RawDocument | Skipped:
    try:
        decoded = line.decode("utf-8")
    except UnicodeDecodeError:
        try:
            decoded, _ = decode_bytes(line, source)
        except ReadError as exc:
            return Skipped(source, str(exc).removeprefix(f"{source}: "))
    try:
        record = json.loads(decoded)
    except json.JSONDecodeError as exc:
        return Skipped(source, f"invalid JSON ({_json_problem(exc, line=False)})")
    except RecursionError:
        return Skipped(source, "invalid JSON (nested too deeply)")
    return _record_document(source, line, record)


def _jsonl_lines(stream: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line without its end) pairs; ``None`` for a line over ``max_bytes``."""
    lineno = 0
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        lineno += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):  # skip the rest of the long line
                line = stream.readline(1 << 20)
            yield lineno, None
            continue
        yield lineno, line.rstrip(b"\r\n")


def _read_jsonl(stream: BinaryIO, name: str, max_bytes: int) -> Iterator[RawDocument | Skipped]:
    records = 0
    for lineno, line in _jsonl_lines(stream, max_bytes):
        source = f"{name}:{lineno}"
        if line is None:
            records += 1
            yield Skipped(source, f"line longer than the limit of {max_bytes:,} bytes")
            continue
        if lineno == 1:
            line = line.removeprefix(codecs.BOM_UTF8)
        if not line.strip():
            continue
        records += 1
        yield _parse_jsonl_line(source, line)
    if not records:
        yield Skipped(name, "no JSON Lines records (empty or blank lines only)")


def _read_json(data: bytes, source: str) -> Iterator[RawDocument | Skipped]:
    """A ``.json`` file: one article object, or a list of them (``path:INDEX``, from 1)."""
    try:
        text, _ = decode_bytes(data, source)
        value = json.loads(text)
    except ReadError as exc:
        yield Skipped(source, str(exc).removeprefix(f"{source}: "))
        return
    except json.JSONDecodeError as exc:
        yield Skipped(source, f"invalid JSON ({_json_problem(exc, line=True)})")
        return
    except RecursionError:
        yield Skipped(source, "invalid JSON (nested too deeply)")
        return
    if isinstance(value, list):
        if not value:
            yield Skipped(source, "empty JSON list")
        for index, record in enumerate(value, 1):
            raw = json.dumps(record, ensure_ascii=False, sort_keys=True).encode()
            yield _record_document(f"{source}:{index}", raw, record)
        return
    yield _record_document(source, data, value)


# --------------------------------------------------------------------------- files


def _kind_of(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in JSONL_EXTENSIONS:
        return "jsonl"
    if suffix == ".json":
        return "json"
    if suffix in HTML_EXTENSIONS:
        return "html"
    if suffix in TEXT_EXTENSIONS:
        return "text"
    return "sniff"


def _magic_reason(head: bytes) -> str | None:
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return f"unsupported binary format ({what})"
    return None


def _read_limited(stream: BinaryIO, max_bytes: int) -> bytes | None:
    """At most ``max_bytes`` from ``stream``; ``None`` when there is more."""
    data = stream.read(max_bytes + 1)
    return None if len(data) > max_bytes else data


def _documents_from_bytes(
    source: str, data: bytes, kind: str, max_bytes: int, *, label: str = "file"
) -> Iterator[RawDocument | Skipped]:
    """The documents in one input's bytes (several for JSON Lines found by sniffing)."""
    if not data:
        yield Skipped(source, f"empty {label} (0 bytes)")
        return
    reason = _magic_reason(data[:16])
    if reason:
        yield Skipped(source, reason)
        return
    if kind == "json":
        yield from _read_json(data, source)
        return
    declared = None
    if kind in ("html", "sniff"):
        match = _META_CHARSET.search(data[:4096])
        declared = match.group(1).decode("ascii") if match else None
    try:
        text, encoding = decode_bytes(data, source, declared=declared)
    except ReadError as exc:
        yield Skipped(source, str(exc).removeprefix(f"{source}: "))
        return
    if not text.strip():
        yield Skipped(source, f"whitespace-only {label}")
        return
    if kind == "sniff" and _is_jsonl_text(text):
        yield from _read_jsonl(io.BytesIO(text.encode("utf-8")), source, max_bytes)
        return
    yield _document(source, text, kind, encoding, data)


def _is_jsonl_text(text: str) -> bool:
    """Every non-empty line is a JSON object with a text or html field."""
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines or not lines[0].lstrip("\ufeff \t").startswith("{"):
        return False
    for line in lines:
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, RecursionError):
            return False
        if not isinstance(record, dict) or not (
            isinstance(record.get("text"), str) or isinstance(record.get("html"), str)
        ):
            return False
    return True


def _read_gzip(path: Path, source: str, max_bytes: int) -> Iterator[RawDocument | Skipped]:
    kind = _kind_of(Path(path.stem)) if path.suffix.lower() in GZIP_EXTENSIONS else "sniff"
    try:
        with gzip.open(path, "rb") as stream:
            if kind == "jsonl":
                yield from _read_jsonl(stream, source, max_bytes)  # type: ignore[arg-type]
                return
            data = _read_limited(stream, max_bytes)  # type: ignore[arg-type]
    except (OSError, EOFError, zlib.error) as exc:
        yield Skipped(source, f"truncated or corrupt gzip file ({exc})")
        return
    if data is None:
        yield Skipped(source, f"decompressed size exceeds the limit of {max_bytes:,} bytes")
        return
    yield from _documents_from_bytes(source, data, kind, max_bytes)


def _read_file(path: Path, source: str, max_bytes: int) -> Iterator[RawDocument | Skipped]:
    try:
        info = path.stat()
    except FileNotFoundError:
        reason = "broken symbolic link" if path.is_symlink() else "no such file or directory"
        yield Skipped(source, reason)
        return
    except OSError as exc:
        yield Skipped(source, f"unreadable ({exc.strerror or exc})")
        return
    if stat.S_ISDIR(info.st_mode):
        yield Skipped(source, "symbolic link to a directory (not followed)")
        return
    if not stat.S_ISREG(info.st_mode):
        yield Skipped(source, "not a regular file")
        return
    from eventwire.read_warc import is_warc, read_warc  # here: read_warc imports this module

    if is_warc(path):  # a web archive of any size, read record by record
        yield from read_warc(path, source, max_bytes)
        return
    if path.suffix.lower() in GZIP_EXTENSIONS:
        yield from _read_gzip(path, source, max_bytes)
        return
    kind = _kind_of(path)
    if kind != "jsonl" and info.st_size > max_bytes:
        yield Skipped(
            source, f"file too large ({info.st_size:,} bytes; the limit is {max_bytes:,} bytes)"
        )
        return
    try:
        with path.open("rb") as stream:
            if kind == "jsonl":
                yield from _read_jsonl(stream, source, max_bytes)
                return
            data = _read_limited(stream, max_bytes)
    except OSError as exc:
        yield Skipped(source, f"unreadable ({exc.strerror or exc})")
        return
    if data is None:  # the file grew after stat
        yield Skipped(source, f"file too large (more than the limit of {max_bytes:,} bytes)")
        return
    if data.startswith(_GZIP_MAGIC):
        yield from _read_gzip(path, source, max_bytes)
        return
    yield from _documents_from_bytes(source, data, kind, max_bytes)


def _walk(directory: Path) -> Iterator[Path | Skipped]:
    """Files under ``directory`` in sorted order, skipping hidden files and folders."""
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except OSError as exc:
        yield Skipped(str(directory), f"unreadable directory ({exc.strerror or exc})")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
        except OSError:
            is_dir = False
        if is_dir:
            yield from _walk(path)
        else:
            yield path


def _read_directory(directory: Path, max_bytes: int) -> Iterator[RawDocument | Skipped]:
    found = False
    for item in _walk(directory):
        found = True
        if isinstance(item, Skipped):
            yield item
        else:
            yield from _read_file(item, str(item), max_bytes)
    if not found:
        yield Skipped(str(directory), "directory holds no files to read")


def _read_stdin(stdin: BinaryIO, max_bytes: int) -> Iterator[RawDocument | Skipped]:
    label = "standard input"
    try:
        data = _read_limited(stdin, max_bytes)
    except OSError as exc:
        yield Skipped("-", f"unreadable {label} ({exc})")
        return
    if data is None:
        yield Skipped("-", f"{label} too large (over the limit of {max_bytes:,} bytes)")
        return
    if data.startswith(_GZIP_MAGIC):
        try:
            data = _read_limited(gzip.GzipFile(fileobj=io.BytesIO(data)), max_bytes)  # type: ignore[arg-type]
        except (OSError, EOFError, zlib.error) as exc:
            yield Skipped("-", f"truncated or corrupt gzip data ({exc})")
            return
        if data is None:
            yield Skipped("-", f"decompressed size exceeds the limit of {max_bytes:,} bytes")
            return
    yield from _documents_from_bytes("-", data, "sniff", max_bytes, label=label)


def read_inputs(
    paths: Sequence[str | Path] | Iterable[str | Path],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: BinaryIO | None = None,
    published: str | None = None,
    lang: str | None = None,
) -> Iterator[RawDocument | Skipped]:
    """Read every input in ``paths`` ("-" is standard input), yielding documents and skips.

    Folders are read recursively in sorted order (hidden entries skipped).  Nothing
    raises for a bad input: it is yielded as :class:`Skipped` and reading goes on.
    ``max_bytes`` bounds one document (a file, or one line of a JSON Lines file).
    ``published`` is the publication date of the documents that give none of their own (a
    JSON record's ``published`` field is kept); ``lang`` is the language of every document
    (not detected then).
    """
    documents = _read_all(paths, max_bytes, stdin)
    if published is None and lang is None:
        yield from documents
        return
    for item in documents:
        if isinstance(item, RawDocument):
            if published is not None and item.meta.get("published") in (None, ""):
                item.meta["published"] = published
            if lang is not None:
                item.lang = lang
        yield item


def _read_all(
    paths: Sequence[str | Path] | Iterable[str | Path], max_bytes: int, stdin: BinaryIO | None
) -> Iterator[RawDocument | Skipped]:
    if isinstance(paths, (str, Path)):
        paths = [paths]  # one path given alone, not a sequence of them
    for item in paths:
        name = str(item)
        if name == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from _read_stdin(stream, max_bytes)
            continue
        path = Path(item)
        try:
            if path.is_dir():
                yield from _read_directory(path, max_bytes)
                continue
        except OSError as exc:
            yield Skipped(name, f"unreadable ({exc.strerror or exc})")
            continue
        yield from _read_file(path, name, max_bytes)
