"""HTML pages: trafilatura for the article and its metadata, then the plain-text line rules.

trafilatura (favouring precision, comments excluded) finds the article body, title,
author, date, site name and categories.  Its paragraphs then go through the same line
rules as plain text, which turn leftover credits ("(Editing by ...)") into metadata.
Pages trafilatura cannot handle (broken or tiny) fall back to the visible text of the
page as lxml parses it, cleaned of scripts, navigation and forms by lxml_html_clean.
"""

from __future__ import annotations

import json
import re
from typing import Any

from eventwire.clean import metadata as meta_rules
from eventwire.clean.article import CleanError
from eventwire.clean.metadata import ArticleMeta
from eventwire.clean.plaintext import TextParts, clean_paragraphs, normalise_space

# Meta tags that carry the publication date with its time, most specific first.
_DATE_META = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
)
_PUBLISHER_META = ("og:site_name", "application-name", "publisher")
_SECTION_META = ("article:section", "og:article:section", "section", "articlesection")
# Elements whose text is never article text.
_KILL_TAGS = ("nav", "header", "footer", "aside", "form", "button", "noscript", "svg", "iframe")
# class or id of page furniture (banners, share rows, related lists) in the fallback.
_FURNITURE = re.compile(
    r"cookie|consent|gdpr|share|social|newsletter|subscribe|signup|related|comment|advert"
    r"|(?:^|[\s_-])ads?(?:$|[\s_-])|promo|banner|breadcrumb|popup|modal|sidebar|most-read"
    r"|(?:^|[\s_-])(?:nav|menu|footer|header)(?:$|[\s_-])",
    re.IGNORECASE,
)
# Containers that may carry such a class without being furniture ("has-cookie-banner").
_NEVER_FURNITURE = frozenset({"html", "body", "main", "article"})
_INLINE_TAGS = ("a", "span", "button", "label", "time", "strong", "em", "b", "i")
_HEADINGS = tuple(f"h{level}" for level in range(1, 7))
_BLOCK_TAGS = (*_HEADINGS, "p", "div", "section", "article", "main", "li", "ul", "ol", "pre")
_BLOCK_TAGS += ("blockquote", "table", "tr", "td", "th", "dd", "dt", "figcaption", "address")


def extract(
    html: str, *, source: str, url: str | None = None, known_title: str | None = None
) -> TextParts:
    """Split an HTML page into headline, body paragraphs and metadata."""
    tree = _parse(html)
    head = _head_metadata(tree) if tree is not None else ArticleMeta()
    found = _trafilatura(html, url)
    warnings: list[str] = []
    if found is not None and (found.text or "").strip():
        title = known_title or _clean_str(found.title)
        parts = clean_paragraphs(found.text.splitlines(), known_title=title)
        meta = _trafilatura_metadata(found)
    else:
        if tree is None:
            raise CleanError(f"{source}: unreadable HTML (no document could be parsed)")
        warnings.append("trafilatura found no article; used the page's visible text")
        title = known_title or _fallback_title(tree)
        parts = clean_paragraphs(_visible_paragraphs(tree), known_title=title)
        meta = ArticleMeta()
    published = head.published
    if published and meta.published and not published.startswith(meta.published):
        published = None  # the tags disagree with the date trafilatura chose
    meta.published = published or meta.published
    meta.fill_from(head)
    meta.fill_from(parts.meta)
    return TextParts(
        title=parts.title,
        paragraphs=parts.paragraphs,
        meta=meta,
        warnings=warnings + parts.warnings,
    )


def _parse(html: str) -> Any:
    """An lxml tree of the page, or None when lxml finds no document in it."""
    import lxml.etree
    import lxml.html

    try:
        return lxml.html.document_fromstring(html.encode("utf-8", "surrogatepass"))
    except (lxml.etree.ParserError, ValueError):
        return None


def _trafilatura(html: str, url: str | None) -> Any:
    import trafilatura

    try:
        return trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            favor_precision=True,
            include_tables=True,
            deduplicate=False,
        )
    except Exception:  # trafilatura may fail on any odd page: fall back
        return None


def _clean_str(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    return normalise_space(value) or None


def _trafilatura_metadata(found: Any) -> ArticleMeta:
    meta = ArticleMeta(
        publisher=_clean_str(found.sitename),
        published=meta_rules.normalise_published(found.date) if found.date else None,
        url=_clean_str(found.url),
    )
    categories = found.categories or []
    if isinstance(categories, str):
        categories = categories.split(",")
    meta.section = next((c for c in map(_clean_str, categories) if c), None)
    for name in re.split(r"\s*[;|]\s*", found.author or ""):
        name = normalise_space(name)
        if name and name not in meta.authors:
            meta.authors.append(name)
    return meta


def _meta_content(tree: Any, names: tuple[str, ...]) -> str | None:
    wanted = {n.lower(): i for i, n in enumerate(names)}
    best: tuple[int, str] | None = None
    for element in tree.iter("meta"):
        key = (
            element.get("property") or element.get("name") or element.get("itemprop") or ""
        ).lower()
        content = element.get("content")
        if key in wanted and content and (best is None or wanted[key] < best[0]):
            best = (wanted[key], content)
    return best[1] if best else None


def _json_ld_date(tree: Any) -> str | None:
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except json.JSONDecodeError:
            continue
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict) and isinstance(item.get("datePublished"), str):
                return item["datePublished"]
    return None


def _head_metadata(tree: Any) -> ArticleMeta:
    """Publication time, site name and section from the page's tags and breadcrumb."""
    meta = ArticleMeta()
    stamp = _meta_content(tree, _DATE_META) or _json_ld_date(tree)
    if stamp is None:
        times = [t.get("datetime") for t in tree.iter("time") if t.get("datetime")]
        stamp = times[0] if times else None
    if stamp:
        meta.published = meta_rules.normalise_published(stamp)
    meta.publisher = _clean_str(_meta_content(tree, _PUBLISHER_META))
    meta.section = _clean_str(_meta_content(tree, _SECTION_META))
    if meta.section is None:
        for element in tree.iter():
            marker = f"{element.get('class') or ''} {element.get('id') or ''}".lower()
            if "breadcrumb" in marker:
                crumbs = meta_rules.parse_breadcrumb(normalise_space(element.text_content()))
                if crumbs:
                    meta.section = crumbs[0]
                    break
    return meta


def _fallback_title(tree: Any) -> str | None:
    for tag in ("h1", "title"):
        for element in tree.iter(tag):
            text = normalise_space(element.text_content())
            if text:
                return text
    return None


def _visible_paragraphs(tree: Any) -> list[str]:
    """The page's visible text, one paragraph per block element."""
    from lxml_html_clean import Cleaner

    cleaner = Cleaner(
        scripts=True,
        javascript=True,
        comments=True,
        style=True,
        forms=True,
        links=False,
        meta=True,
        page_structure=False,
        kill_tags=_KILL_TAGS,
    )
    try:
        cleaned = cleaner.clean_html(tree)
    except Exception:  # a tree lxml_html_clean cannot walk: use it as is
        cleaned = tree
    furniture = [
        element
        for element in cleaned.iter()
        if isinstance(element.tag, str)
        and element.tag not in _NEVER_FURNITURE
        and _FURNITURE.search(f"{element.get('class') or ''} {element.get('id') or ''}")
    ]
    for element in furniture:
        if element.getparent() is not None:
            element.drop_tree()
    for element in cleaned.iter(*_INLINE_TAGS):
        element.tail = " " + (element.tail or "")
    for element in cleaned.iter("br"):
        element.tail = "\n" + (element.tail or "")
    for element in cleaned.iter(*_BLOCK_TAGS):
        element.text = "\n\n" + (element.text or "")
        element.tail = "\n\n" + (element.tail or "")
    body = cleaned.find("body")
    text = (body if body is not None else cleaned).text_content()
    return [p for p in (normalise_space(b) for b in re.split(r"\n\s*\n", text)) if p]
