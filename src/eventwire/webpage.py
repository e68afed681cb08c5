"""A web page's bytes and HTTP content type to the read stage's
:class:`~eventwire.read.RawDocument`: a page ``watch`` fetched, or one a web archive holds.

The page is decoded as ``read`` decodes files (byte-order marks, UTF-8, the charset the
server or the page declares, cp1252...), so a page fetched live, archived, or saved to disk
gives the same article.  What came with it travels along: a feed item's title helps find
the headline; its date (or a WARC record's) is used only when the page shows none.
"""

from __future__ import annotations

import hashlib
import re

from eventwire.read import RawDocument, ReadError, decode_bytes, looks_like_html

# Content types that hold an article; anything else (PDF, images, video) is skipped.
_PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_:.-]+)", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)


class PageError(Exception):
    """A page that is not an article eventwire can read; the message says why."""


def page_document(
    url: str,
    content: bytes,
    content_type: str,
    *,
    title: str | None = None,
    published: str | None = None,
    source: str | None = None,
) -> RawDocument:
    """The document of the page at ``url`` (its ``source`` defaults to the URL);
    :class:`PageError` when it is not a page or cannot be decoded."""
    media = content_type.split(";", 1)[0].strip().lower()
    if media not in _PAGE_TYPES:
        raise PageError(f"not a web page (content type {media})")
    if not content.strip():
        raise PageError("empty page (0 bytes of text)")
    declared = None
    match = _CHARSET.search(content_type) or _META_CHARSET.search(content[:4096])
    if match:
        group = match.group(1)
        declared = group.decode("ascii") if isinstance(group, bytes) else group
    try:
        text, encoding = decode_bytes(content, url, declared=declared)
    except ReadError as exc:
        raise PageError(str(exc).removeprefix(f"{url}: ")) from None
    if not text.strip():
        raise PageError("whitespace-only page")
    is_html = media != "text/plain" and (media != "" or looks_like_html(text))
    meta: dict[str, str] = {"url": url}
    if title:
        meta["title"] = title
    if published:
        meta["published_fallback"] = published
    return RawDocument(
        source=source or url,
        text=None if is_html else text,
        html=text if is_html else None,
        meta=meta,
        encoding=encoding,
        raw_hash=hashlib.sha256(content).hexdigest(),
    )
