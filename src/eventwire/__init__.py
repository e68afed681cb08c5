"""eventwire: French and English news to PLOVER event data, each fact with its evidence.

    >>> import eventwire
    >>> article = eventwire.extract("Moscou et Ankara ont convenu jeudi ...", "2017-02-10")
    >>> [e.type for e in article.events]

The command-line interface (``eventwire extract|ingest|recode|export|eval``) is a thin
layer over the functions here and in :mod:`eventwire.pipeline`.
"""

from __future__ import annotations

__version__ = "0.1.0"

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from eventwire.config import Config
    from eventwire.records import Article


class EventwireError(Exception):
    """A document eventwire cannot code, with the reason."""


def extract(
    text_or_html: str,
    published: str | None = None,
    lang: str | None = None,
    *,
    title: str | None = None,
    url: str | None = None,
    config: Config | None = None,
) -> Article:
    """Clean, parse and code one text or HTML page; return the article with its events.

    ``published`` (ISO 8601) anchors relative dates ("jeudi", "yesterday"); ``lang`` forces
    the language instead of detecting it.  Raises :class:`EventwireError` for a document
    with no text left after cleaning or in a language eventwire does not code.
    """
    from eventwire.config import load_config
    from eventwire.pipeline import Skip, analyse, prepare
    from eventwire.read import document_from_string

    config = config or load_config()
    try:
        text_or_html.encode("utf-8")
    except UnicodeEncodeError as exc:
        reason = f"the text contains characters that are not valid Unicode ({exc.reason})"
        raise EventwireError(reason) from exc
    meta: dict[str, Any] = {
        k: v for k, v in (("published", published), ("title", title), ("url", url)) if v
    }
    raw = document_from_string(text_or_html, meta=meta)
    prepared = prepare(raw, config, lang=lang)
    if isinstance(prepared, Skip):
        raise EventwireError(prepared.reason)
    analyse([prepared], config)
    return prepared


__all__ = ["EventwireError", "__version__", "extract"]
