"""The feeds a ``watch`` command names: URLs, feed files on disk, and files listing feeds.

An argument that is an http(s) URL is a feed.  A file whose first bytes are markup (``<``)
is a feed document on disk; any other file lists feeds, one URL (or path) a line, with
``#`` comments and blank lines ignored.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from eventwire.watch.safety import UnsafeURLError, check_scheme

_COMMENT = re.compile(r"(?:^|\s)#.*$")  # "#" opening a line or after a space (not in a URL)
_LIST_LIMIT = 1_000_000  # bytes: a list of feeds is small; a big file is a mistake


class SourceError(Exception):
    """A feed argument that is neither a URL nor a readable file; the message says which."""


def is_url(text: str) -> bool:
    return "://" in text and bool(urlsplit(text).scheme)


def is_feed_file(location: str) -> bool:
    """Whether ``location`` (as :func:`expand` returned it) is a feed document on disk."""
    return not is_url(location)


def expand(arguments: list[str]) -> list[str]:
    """Feed URLs and feed-file paths, in order, each once; :class:`SourceError` for a bad one."""
    found: list[str] = []
    for argument in arguments:
        for location in _expand_one(argument.strip(), origin=None):
            if location not in found:
                found.append(location)
    if not found:
        raise SourceError("no feeds to watch (the lists given are empty)")
    return found


def _expand_one(argument: str, origin: str | None) -> list[str]:
    where = f" (listed in {origin})" if origin else ""
    if is_url(argument):
        try:
            check_scheme(argument)
        except UnsafeURLError as exc:
            raise SourceError(f"{exc}{where}") from None
        return [argument]
    path = Path(argument)
    if origin is not None and not path.is_absolute():
        path = Path(origin).parent / path
    if not path.is_file():
        raise SourceError(f"{argument}{where}: not a URL, and no such file")
    try:
        with path.open("rb") as handle:
            head = handle.read(_LIST_LIMIT + 1)
    except OSError as exc:
        raise SourceError(f"{path}{where}: unreadable ({exc.strerror or exc})") from None
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return [str(path)]
    if origin is not None:
        raise SourceError(f"{path}{where}: a list of feeds cannot list another list")
    if len(head) > _LIST_LIMIT:
        raise SourceError(f"{path}: too large for a list of feeds (over {_LIST_LIMIT:,} bytes)")
    try:
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SourceError(f"{path}: a list of feeds must be UTF-8 text") from None
    found: list[str] = []
    for number, line in enumerate(text.splitlines(), 1):
        entry = _COMMENT.sub("", line).strip()
        if entry:
            found.extend(_expand_one(entry, origin=f"{path}:{number}"))
    return found
