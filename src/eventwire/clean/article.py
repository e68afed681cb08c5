"""A raw document to its cleaned article: the way through the clean stage's modules.

Plain text goes through :mod:`eventwire.clean.plaintext` (line classification with the
patterns of ``data/chrome.tsv`` and the paragraph features of ``boilerplate``), HTML through
:mod:`eventwire.clean.html` (trafilatura, then the same line rules).  Metadata the caller
gave (``doc.meta``: title, published, url) wins over what the text shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from eventwire.clean.plaintext import TextParts
    from eventwire.read import RawDocument


class CleanError(Exception):
    """A document with nothing left to analyse; the message names the document."""


@dataclass
class Cleaned:
    """A cleaned article: ``text`` is the headline, a blank line, then the body."""

    title: str | None
    body: str  # paragraphs joined with "\n\n"
    text: str  # title + "\n\n" + body (or body alone when no title)
    body_start: int  # offset of body in text
    publisher: str | None = None  # e.g. "Xinhua", "AFP", "Reuters"
    published: str | None = None  # "YYYY-MM-DDTHH:MM:SS", or "YYYY-MM-DD" when no time is known
    section: str | None = None
    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    url: str | None = None
    warnings: list[str] = field(default_factory=list)


def _meta_str(doc: RawDocument, key: str) -> str | None:
    from eventwire.clean.plaintext import normalise_space

    value = doc.meta.get(key)
    if value is None:
        return None
    text = normalise_space(str(value))
    return text or None


def _extract(doc: RawDocument, known_title: str | None) -> TextParts:
    if doc.html is not None:
        from eventwire.clean import html

        return html.extract(
            doc.html, source=doc.source, url=_meta_str(doc, "url"), known_title=known_title
        )
    from eventwire.clean import plaintext

    return plaintext.split_text(
        doc.text or "", known_title=known_title, site_chrome=doc.site_chrome
    )


def clean(doc: RawDocument) -> Cleaned:
    """Clean one document; raises :class:`CleanError` when no article text is left."""
    from eventwire.clean.metadata import normalise_published

    if doc.html is None and doc.text is None:
        raise CleanError(f"{doc.source}: the document has neither text nor html")
    known_title = _meta_str(doc, "title")
    parts = _extract(doc, known_title)
    if not parts.paragraphs:
        raise CleanError(f"{doc.source}: no article text left after cleaning")
    meta = parts.meta
    warnings = list(parts.warnings)
    given = doc.meta.get("published")
    if given not in (None, ""):
        published = normalise_published(given)
        if published is None:
            warnings.append(f"unreadable published date {given!r} ignored")
        meta.published = published or meta.published
    # A date the source gives beside the page (a feed item's, a WARC record's): the
    # page's own date wins, as it is the publisher's.
    fallback = doc.meta.get("published_fallback")
    if meta.published is None and fallback not in (None, ""):
        meta.published = normalise_published(fallback)
    if meta.published is None and meta.updated is not None:
        meta.published = meta.updated
        warnings.append("publication date taken from the update stamp")
    meta.url = _meta_str(doc, "url") or meta.url
    title = parts.title
    body = "\n\n".join(parts.paragraphs)
    text = f"{title}\n\n{body}" if title else body
    return Cleaned(
        title=title or None,
        body=body,
        text=text,
        body_start=len(title) + 2 if title else 0,
        publisher=meta.publisher,
        published=meta.published,
        section=meta.section,
        authors=meta.authors,
        editors=meta.editors,
        url=meta.url,
        warnings=warnings,
    )
