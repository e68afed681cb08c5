"""Plain-text scrapes: keep the headline and the body paragraphs, turn the rest into metadata.

Each line is classified on its own (page chrome, end of article, metadata, content) with the
patterns of ``data/chrome.tsv``; content lines are then grouped into paragraphs (joining
hard-wrapped lines) and the headline is the first substantial paragraph before the first
sentence-like one.  The rules only ever remove lines that match a pattern, so a text with
no chrome (one sentence, a 1990 wire story in capitals) comes through whole.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from eventwire.clean import boilerplate, metadata
from eventwire.clean.metadata import ArticleMeta

# Characters that are invisible formatting, not text (zero-width space, BOM, soft hyphen).
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u2060\ufeff\u00ad"), None)
_BULLET = re.compile(r"^(?:[•◦▪▫►▸‣⁃●○■□➤]|[-*](?=\s|$))\s*")
# A paragraph that ends like a sentence (closing quotes and brackets allowed after the mark).
_SENTENCE_END = re.compile(r"(?:[.…;:]|[!?]['\"»”’)\]])['\"»”’)\]]*$")
# Lines longer than this are always content: chrome and metadata lines are short.
_MAX_CHROME_CHARS = 400
# A paragraph is a headline candidate up to this length.
_MAX_HEADLINE_CHARS = 300
# Lines this long or longer are not hard-wrapped (a wrapped text has a narrow width), nor
# are lines all shorter than the narrowest width text is wrapped at (a list of short labels).
_MAX_WRAP_WIDTH = 120
_MIN_WRAP_WIDTH = 40
# A line broken in mid-sentence is joined to the next only when one of them is this long: a
# short headline followed by a short lower-case line ("par France 24") is two lines.
_MIN_BROKEN_LINE = 80
# The stamp some scrapers put before the page text: "date 2020-11 ...", "date 2017-09-03 ...".
_SCRAPE_STAMP = re.compile(r"^\s*date\s+(?P<y>\d{4})-(?P<m>\d{2})(?:-(?P<d>\d{2}))?(?:\s+|$)")


@dataclass
class TextParts:
    """A text split into headline, body paragraphs and metadata."""

    title: str | None
    paragraphs: list[str]
    meta: ArticleMeta = field(default_factory=ArticleMeta)
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Line:
    kind: str  # "content", "chrome", "stop" or "blank"
    text: str  # whitespace folded
    indent: int = 0


def normalise_space(text: str) -> str:
    """Fold every run of whitespace (NBSP and thin spaces too) to one space; drop invisibles."""
    return " ".join(text.translate(_INVISIBLE).split())


def _classify(text: str, meta: ArticleMeta, *, standalone: bool, before_body: bool) -> str:
    """The kind of one non-blank line; metadata lines fill ``meta`` and count as chrome.

    A line inside a run of hard-wrapped text (``standalone`` False) is never metadata: in
    wrapped capitals, "BY THE GUERRILLAS, WHO" looks like a byline.  A bare date line is
    a dateline only before the body; later it is part of the story (a signed communiqué).
    """
    key = _BULLET.sub("", text)
    if not key:
        return "chrome"
    if len(key) > _MAX_CHROME_CHARS:
        return "content"
    pats = metadata.patterns().line
    if pats["stop"].fullmatch(key):
        return "stop"
    if pats["drop"].fullmatch(key):
        if meta.rights_holder is None and ("©" in key or key.lower().startswith("copyright")):
            meta.rights_holder = boilerplate.outlet_name(key, first=False)
        return "chrome"
    if standalone and _read_metadata_pieces(key, meta, datelines=before_body):
        return "chrome"
    return "content"


# "A | B", "A – B"; a bar also without spaces ("Source: Xinhua| 2019-01-04 03:39|Editor: ZD").
_PIECE_SEPARATOR = re.compile(r"\s+[|–—•·-]\s+|\s*\|\s*")


def _read_metadata_pieces(key: str, meta: ArticleMeta, *, datelines: bool) -> bool:
    """A metadata line, or a line of metadata pieces ("Par X – Publié le 14 mars 2023").

    A line cut by bars is read piece by piece first: read whole, "Source: Xinhua| 2019-01-04"
    would name the publisher "Xinhua| 2019-01-04".
    """
    if "|" not in key and _read_metadata(key, meta, datelines=datelines):
        return True
    pieces = _PIECE_SEPARATOR.split(key)
    if len(pieces) < 2:
        return "|" in key and _read_metadata(key, meta, datelines=datelines)
    found = ArticleMeta()
    # Beside an agency's name a date is a dateline wherever the line is ("March 05, 2009|AP").
    datelines = datelines or any(metadata.is_agency(p) for p in pieces)
    read = [_read_metadata(piece, found, datelines=datelines) for piece in pieces]
    # "Reuters | Beijing | Updated: ... | Created: ...": an agency's name and a place may sit
    # among the stamps.
    for piece, ok in zip(pieces, read, strict=True):
        if not ok and metadata.is_agency(piece):
            found.publisher = found.publisher or piece.strip()
    others = [p for p, ok in zip(pieces, read, strict=True) if not ok and not metadata.is_agency(p)]
    if sum(read) < 1 or len(others) > 1 or any(not _is_label(p) for p in others):
        return "|" in key and _read_metadata(key, meta, datelines=datelines)
    meta.fill_from(found)
    return True


def _is_label(piece: str) -> bool:
    """A short capitalised name (a place or a section) that may sit among metadata pieces."""
    words = piece.split()
    return 0 < len(words) <= 2 and all(w[:1].isupper() for w in words)


def _read_metadata(key: str, meta: ArticleMeta, *, datelines: bool) -> bool:
    """Fill ``meta`` from a metadata line; False when the line is not one."""
    published = metadata.parse_published(key)
    if published is not None:
        meta.published = meta.published or published.published
        meta.publisher = meta.publisher or published.publisher
        return True
    updated = metadata.parse_update(key)
    if updated is not None:
        meta.updated = meta.updated or updated.iso
        return True
    source = metadata.parse_source(key)
    if source is not None:
        meta.publisher = meta.publisher or source
        return True
    credit = metadata.parse_credit(key)
    if credit is not None:
        meta.authors.extend(n for n in credit.authors if n not in meta.authors)
        meta.editors.extend(n for n in credit.editors if n not in meta.editors)
        if credit.publishers and meta.publisher is None:
            meta.publisher = credit.publishers[0]
        return True
    crumbs = metadata.parse_breadcrumb(key)
    if crumbs is not None:
        if crumbs and meta.section is None:
            meta.section = crumbs[0]
        return True
    dateline = metadata.parse_dateline(key) if datelines else None
    if dateline is not None:
        meta.published = meta.published or dateline.published
        meta.publisher = meta.publisher or dateline.publisher
        return True
    return False


def _looks_wrapped(folded_lines: list[str]) -> bool:
    """Was the text hard-wrapped at a fixed width (most lines full and cut mid-sentence)?"""
    filled = [line for line in folded_lines if line]
    if len(filled) < 2:
        return False
    width = max(len(line) for line in filled)
    # Cut lines that fill most of the width: a headline over a one-line body is not wrapped.
    cut = sum(
        1
        for line in filled
        if 40 <= len(line) <= _MAX_WRAP_WIDTH
        and len(line) >= 0.6 * min(width, _MAX_WRAP_WIDTH)
        and not _SENTENCE_END.search(line)
    )
    return cut >= 0.4 * len(filled)


def _lines(
    text: str, meta: ArticleMeta, warnings: list[str], site_chrome: frozenset[str] = frozenset()
) -> list[_Line]:
    """Classify every line; everything from an end-of-article line on is dropped; a line the
    site printed on earlier pages (``site_chrome``, folded) is chrome."""
    raws = text.splitlines()
    folded_lines = [normalise_space(raw) for raw in raws]
    wrapped_text = _looks_wrapped(folded_lines)
    lines: list[_Line] = []
    seen_sentence = False
    for i, (raw, folded) in enumerate(zip(raws, folded_lines, strict=True)):
        if not folded:
            lines.append(_Line("blank", ""))
            continue
        prev = lines[-1] if lines else None
        wrapped_before = (
            prev is not None and prev.kind == "content" and not _SENTENCE_END.search(prev.text)
        )
        wrapped_after = i + 1 < len(raws) and bool(folded_lines[i + 1])
        standalone = not (wrapped_text and wrapped_before and wrapped_after)
        kind = _classify(folded, meta, standalone=standalone, before_body=not seen_sentence)
        if kind == "content" and site_chrome and boilerplate.fold(folded) in site_chrome:
            kind = "chrome"
        if kind == "stop":
            if seen_sentence:
                warnings.append(f"cut the end of the text from the line {folded!r}")
                break
            kind = "chrome"
        if kind == "content" and _SENTENCE_END.search(folded):
            seen_sentence = True
        indent = len(raw) - len(raw.lstrip(" \t\u00a0"))
        lines.append(_Line(kind, folded, indent))
    return lines


def _blocks(lines: list[_Line]) -> list[list[_Line]]:
    """Runs of consecutive content lines (any other line ends a run)."""
    blocks: list[list[_Line]] = []
    current: list[_Line] = []
    for line in lines:
        if line.kind == "content":
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _continues(prev: _Line, line: _Line, wrapped: bool, width: int, base_indent: int) -> bool:
    """Does ``line`` continue the paragraph of ``prev`` (a hard-wrapped or broken line)?"""
    if line.indent > base_indent or _BULLET.match(line.text):
        return False  # an indented line or a list item opens a paragraph
    if wrapped:
        # Hard-wrapped text: a short line ends its paragraph, a full one runs on.
        full = len(prev.text) >= 0.6 * width
        ended = _SENTENCE_END.search(prev.text) is not None and len(prev.text) < 0.85 * width
        return full and not ended
    # One paragraph per line, unless a line was broken in mid-sentence.
    broken = _SENTENCE_END.search(prev.text) is None and line.text[:1].islower()
    return broken and max(len(prev.text), len(line.text)) >= _MIN_BROKEN_LINE


def _is_wrapped(block: list[_Line], width: int) -> bool:
    """A narrow block whose lines mostly stop in mid-sentence was wrapped at a fixed width."""
    if width > _MAX_WRAP_WIDTH or width < _MIN_WRAP_WIDTH:
        return False
    inner = block[:-1]
    ended = sum(1 for line in inner if _SENTENCE_END.search(line.text))
    # Wrapped lines fill the width; a block of short labels and one long line is not wrapped.
    full = sum(1 for line in inner if len(line.text) >= 0.6 * width)
    return ended < 0.5 * len(inner) and full >= 0.5 * len(inner)


def _paragraphs(block: list[_Line]) -> list[str]:
    width = max(len(line.text) for line in block)
    wrapped = _is_wrapped(block, width)
    base_indent = min(line.indent for line in block)
    paragraphs: list[list[str]] = [[block[0].text]]
    for prev, line in itertools.pairwise(block):
        if _continues(prev, line, wrapped, width, base_indent):
            paragraphs[-1].append(line.text)
        else:
            paragraphs.append([line.text])
    return [" ".join(parts) for parts in paragraphs]


def same_title(a: str, b: str) -> bool:
    """Are two headlines the same (up to case and punctuation, or a "| Site" suffix)?"""
    fa, fb = boilerplate.fold(a), boilerplate.fold(b)
    if not fa or not fb:
        return False
    short, long_ = sorted((fa, fb), key=len)
    return short == long_ or (long_.startswith(short) and len(short) >= 0.5 * len(long_))


def _is_substantial(paragraph: str) -> bool:
    """Long enough to be a headline, and opening like one (not a table row or a list item)."""
    return (
        len(paragraph.split()) >= 3
        and 15 <= len(paragraph) <= _MAX_HEADLINE_CHARS
        and (paragraph[0].isalnum() or paragraph[0] in "«\"“‘'¿¡")
    )


def _is_sentence_like(paragraph: str) -> bool:
    """Body text: long, ending like a sentence, or opening with a wire dateline."""
    return (
        len(paragraph) > _MAX_HEADLINE_CHARS
        or _SENTENCE_END.search(paragraph) is not None
        or metadata.parse_inline_dateline(paragraph) is not None
    )


def split_headline(
    paragraphs: list[str], *, known_title: str | None = None, warnings: list[str] | None = None
) -> tuple[str | None, list[str]]:
    """(headline, body paragraphs).

    The headline is the first substantial paragraph before the first sentence-like one,
    and only when a body follows it; short lines above it (a site name, a section label)
    are dropped.  With ``known_title`` (the caller's title), a paragraph repeating it is
    removed from the body; a different headline stays in the body.
    """
    warnings = warnings if warnings is not None else []
    first_body = next(
        (i for i, p in enumerate(paragraphs) if _is_sentence_like(p)), len(paragraphs)
    )
    title = None
    body = list(paragraphs)
    for i, paragraph in enumerate(paragraphs[:first_body]):
        if i + 1 < len(paragraphs) and _is_substantial(paragraph):
            if i:
                warnings.append(f"dropped short lines above the headline: {paragraphs[:i]!r}")
            title, body = paragraph, paragraphs[i + 1 :]
            break
    if known_title is None:
        return title, body
    if title is not None and not same_title(title, known_title):
        body.insert(0, title)
        warnings.append(f"the text's headline {title!r} differs from the given title")
    if len(body) > 1 and same_title(body[0], known_title) and not _is_sentence_like(body[0]):
        body = body[1:]  # the text repeats the title (kept when it is all the text there is)
    return known_title, body


def clean_paragraphs(paragraphs: list[str], *, known_title: str | None = None) -> TextParts:
    """Clean a list of paragraphs (one line each), as extracted from HTML."""
    return split_text("\n\n".join(paragraphs), known_title=known_title)


def _scrape_stamp(text: str) -> tuple[str, tuple[int, int, int | None] | None]:
    """The text without a scraper's leading "date YYYY-MM[-DD]" stamp, and that stamp."""
    match = _SCRAPE_STAMP.match(text)
    if match is None:
        return text, None
    day = int(match.group("d")) if match.group("d") else None
    return text[match.end() :], (int(match.group("y")), int(match.group("m")), day)


def _dateline_date(
    inline: metadata.InlineDateline, stamp: tuple[int, int, int | None] | None
) -> str | None:
    """The dateline's date, its year taken from the scrape stamp when it gives none
    ("PARIS, 28 novembre (Reuters) -" under "date 2020-11")."""
    if inline.published is not None:
        return inline.published
    if inline.day_month is None or stamp is None:
        return None
    month, day = inline.day_month
    year = stamp[0] if month <= stamp[1] else stamp[0] - 1
    return f"{year:04d}-{month:02d}-{day:02d}"


def split_text(
    text: str, *, known_title: str | None = None, site_chrome: frozenset[str] = frozenset()
) -> TextParts:
    """Split a plain-text scrape into headline, body paragraphs and metadata; lines in
    ``site_chrome`` (folded) were on earlier pages of the same site."""
    meta = ArticleMeta()
    warnings: list[str] = []
    text, stamp = _scrape_stamp(text)
    lines = _lines(text, meta, warnings, site_chrome)
    paragraphs = [p for block in _blocks(lines) for p in _paragraphs(block)]
    selection = boilerplate.select(paragraphs)
    if selection.dropped and len(selection.kept) < len(paragraphs):
        dropped = [paragraphs[i] for i in selection.dropped]
        warnings.append(f"dropped {len(dropped)} paragraphs of page chrome: {dropped[:5]!r}")
    paragraphs = [paragraphs[i] for i in selection.kept]
    title, body = split_headline(paragraphs, known_title=known_title, warnings=warnings)
    if body:
        inline = metadata.parse_inline_dateline(body[0])
        if inline is not None:
            meta.published = meta.published or _dateline_date(inline, stamp)
            meta.publisher = meta.publisher or inline.publisher
    # The masthead beats the rights notice, which beats another line naming an outlet (it may
    # be a section: "Monde Afrique"), which beats a photo credit's agency.
    meta.publisher = (
        meta.publisher
        or selection.masthead
        or meta.rights_holder
        or selection.site
        or selection.credit
    )
    if meta.published is None and stamp is not None and stamp[2] is not None:
        meta.published = f"{stamp[0]:04d}-{stamp[1]:02d}-{stamp[2]:02d}"
    return TextParts(title=title, paragraphs=body, meta=meta, warnings=warnings)
