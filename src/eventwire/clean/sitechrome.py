"""Lines a site prints on every page: seen in several earlier pages of the same site, they are
chrome on this one ("Mehr Vision", "Latest Articles", a newsletter box the patterns miss).

The pass runs in input order in the main process, before pages are sent to workers, so what a
page loses depends only on the pages before it, never on how the batch was split. Only short
lines that do not read as prose count: a site that publishes the same wire story three times
must not lose its body on the fourth.
"""

from __future__ import annotations

import re
from collections import Counter, OrderedDict
from collections.abc import Iterable, Iterator
from pathlib import PurePath
from urllib.parse import urlsplit

from eventwire.clean import boilerplate
from eventwire.clean.boilerplate import fold
from eventwire.read import RawDocument, Skipped

# A line is the site's once it was on this many earlier pages of the site.
MIN_PAGES = 3
# Chrome lines are short; longer ones may be a story told again.
MAX_CHARS = 120
# Memory stays bounded over an archive: the sites and lines remembered at most.
MAX_SITES = 512
MAX_LINES_PER_SITE = 20_000


def site_of(raw: RawDocument) -> str:
    """The site a page comes from: its address's host, else the folder or file it was read
    from (a JSONL file's lines are one site)."""
    url = raw.meta.get("url")
    if url:
        host = urlsplit(str(url)).hostname
        if host:
            return host.removeprefix("www.")
    source = raw.source
    if source.startswith("<") or source == "-":
        return source
    path = PurePath(re.sub(r":\d+$", "", source))
    return str(path if re.search(r":\d+$", source) else path.parent)


def _candidate_lines(text: str) -> set[str]:
    keys = set()
    for line in text.splitlines():
        line = line.strip()
        if not line or len(line) > MAX_CHARS or boilerplate.features(line).good:
            continue
        key = fold(line)
        if key:
            keys.add(key)
    return keys


class SiteChrome:
    """Counts, per site, the pages each short line was on."""

    def __init__(self) -> None:
        self._sites: OrderedDict[str, Counter[str]] = OrderedDict()

    def observe(self, raw: RawDocument) -> frozenset[str]:
        """The lines of ``raw`` its site printed on earlier pages; then ``raw`` is counted."""
        text = raw.text if raw.text is not None else None
        if text is None:
            return frozenset()  # HTML: trafilatura already knows the page's layout
        site = site_of(raw)
        counts = self._sites.pop(site, None) or Counter()
        self._sites[site] = counts  # most recently used last
        while len(self._sites) > MAX_SITES:
            self._sites.popitem(last=False)
        lines = _candidate_lines(text)
        known = frozenset(k for k in lines if counts[k] >= MIN_PAGES)
        counts.update(lines)
        if len(counts) > MAX_LINES_PER_SITE:
            # keep the lines seen most: the chrome
            for key, _ in counts.most_common()[MAX_LINES_PER_SITE // 2 :]:
                del counts[key]
        return known


def mark(items: Iterable[RawDocument | Skipped]) -> Iterator[RawDocument | Skipped]:
    """The inputs, each page given the lines its site printed on earlier pages."""
    chrome = SiteChrome()
    for item in items:
        if isinstance(item, RawDocument):
            item.site_chrome = chrome.observe(item)
        yield item
