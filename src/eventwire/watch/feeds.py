"""RSS and Atom feeds to items: what to fetch, under which key, with which date.

feedparser reads every RSS and Atom version and tolerates the small errors real feeds
make; a document it cannot find a feed in (an HTML error page, garbage, an empty body) is a
:class:`FeedError`, so one broken feed is reported while the others go on.
"""

from __future__ import annotations

import calendar
import time
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import feedparser


class FeedError(Exception):
    """A feed that cannot be read; the message names it and says why."""


@dataclass(frozen=True)
class FeedItem:
    """One entry of a feed."""

    key: str  # the entry's id (guid), else its link: what "seen before" means
    url: str  # the page to fetch, absolute and normalised
    title: str | None = None
    published: str | None = None  # "YYYY-MM-DDTHH:MM:SS" (UTC) when the feed gives it


@dataclass
class Feed:
    url: str
    title: str | None
    items: list[FeedItem]
    problems: list[str] = field(default_factory=list)  # entries left out, and why


# Tracking parameters that make one page look like many.
_TRACKING_PREFIXES = ("utm_", "mc_")
_TRACKING_NAMES = frozenset({"fbclid", "gclid", "xtor", "at_medium", "at_campaign"})


def normalise_url(url: str) -> str:
    """The URL as a key: lower-case scheme and host, no fragment, no tracking parameters."""
    parts = urlsplit(url.strip())
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith(_TRACKING_PREFIXES) and k.lower() not in _TRACKING_NAMES
    ]
    netloc = parts.netloc.lower() if "@" not in parts.netloc else parts.netloc
    return urlunsplit(
        (parts.scheme.lower(), netloc, parts.path or "/", urlencode(query, doseq=True), "")
    )


def _iso(parsed: time.struct_time | None) -> str | None:
    """feedparser's UTC struct_time as an ISO 8601 date-time (no zone: it is UTC)."""
    if parsed is None:
        return None
    try:
        stamp = calendar.timegm(parsed)
    except (OverflowError, ValueError, TypeError):
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(stamp))


def parse_feed(content: bytes, url: str, *, content_type: str | None = None) -> Feed:
    """The items of the RSS or Atom document ``content`` fetched from ``url``.

    Relative links are made absolute against ``url``.  Raises :class:`FeedError` when the
    document holds no feed at all.
    """
    if not content.strip():
        raise FeedError(f"{url}: empty response, not a feed")
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(content, response_headers=headers, sanitize_html=False)
    entries = parsed.get("entries") or []
    if not parsed.get("version") and not entries:
        problem = parsed.get("bozo_exception")
        detail = f" ({type(problem).__name__}: {problem})" if problem else ""
        raise FeedError(f"{url}: not an RSS or Atom feed{detail}")
    items: list[FeedItem] = []
    problems: list[str] = []
    for index, entry in enumerate(entries, 1):
        link = entry.get("link") or ""
        if not link:
            # Some feeds give the page only as the guid ("isPermaLink").
            guid = entry.get("id") or ""
            link = guid if guid.startswith(("http://", "https://")) else ""
        if not link:
            problems.append(f"entry {index}: no link to fetch")
            continue
        page = normalise_url(urljoin(url, link))
        if urlsplit(page).scheme not in ("http", "https"):
            problems.append(f"entry {index}: link {link!r} is not http(s)")
            continue
        title = (entry.get("title") or "").strip() or None
        items.append(
            FeedItem(
                key=(entry.get("id") or "").strip() or page,
                url=page,
                title=title,
                published=_iso(entry.get("published_parsed") or entry.get("updated_parsed")),
            )
        )
    if parsed.get("bozo") and not items and entries:
        raise FeedError(f"{url}: no usable entries ({'; '.join(problems)})")
    title = (parsed.get("feed", {}).get("title") or "").strip() or None
    return Feed(url=url, title=title, items=items, problems=problems)
