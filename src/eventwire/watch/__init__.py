"""Live feeds: ``eventwire watch`` polls RSS and Atom feeds and ingests each new item's page.

- :mod:`.feeds` reads feeds (feedparser); :mod:`.sources` expands the command's arguments;
- :mod:`.fetch` is the HTTP client (conditional requests, politeness, timeouts, size cap,
  retries), :mod:`.safety` the rules on what may be fetched;
- :mod:`eventwire.webpage` turns a fetched page into the read stage's document;
- :mod:`.state` is what is remembered across rounds and restarts, :mod:`.loop` the rounds.
"""

from eventwire.watch.fetch import Fetcher, FetchError, FetchSettings
from eventwire.watch.loop import RoundReport, Watcher, WatchSettings, watch
from eventwire.watch.safety import UnsafeURLError, check_url
from eventwire.watch.sources import SourceError, expand

__all__ = [
    "FetchError",
    "FetchSettings",
    "Fetcher",
    "RoundReport",
    "SourceError",
    "UnsafeURLError",
    "WatchSettings",
    "Watcher",
    "check_url",
    "expand",
    "watch",
]
