"""The coder's linguistic knowledge, read from per-language data files (``eventwire/data/<lang>/``).

Users extend it without editing code: extra trigger files (``verb_patterns`` in the
configuration) have the columns of ``triggers.tsv`` and are read after the bundled one, so
a user line for the same lemma and part of speech replaces ours.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from eventwire.records import EVENT_TYPES

DATA_FILES = ("triggers.tsv", "modes.tsv", "casualties.tsv", "numbers.tsv", "modality.tsv")
# Read by other stages of the coder (casualties, places) but part of the data version too.
VERSIONED_FILES = (*DATA_FILES, "count_words.tsv", "place_frames.tsv", "place_nouns.tsv")
ROLES = ("recip", "oneway", "inverse", "self")
COUNTS = ("dead", "injured", "arrested")


class LexiconError(Exception):
    """A data file line that cannot be used, with the file and line named."""


@dataclass(frozen=True)
class TriggerEntry:
    lemmas: tuple[str, ...]
    pos: str  # VERB, NOUN or ANY
    type: str
    mode: str | None
    cameo: str | None
    roles: str
    counts: str | None
    requires: frozenset[str]
    user: bool = False  # from a user's verb_patterns file


@dataclass(frozen=True)
class ModeCue:
    type: str
    lemmas: tuple[str, ...]
    mode: str
    cameo: str | None
    refines: frozenset[str] = frozenset()  # trigger modes this cue replaces ("explosives")


@dataclass
class CoderLexicon:
    lang: str
    version: str
    triggers: dict[tuple[str, ...], list[TriggerEntry]] = field(default_factory=dict)
    max_trigger_words: int = 1
    modes: list[ModeCue] = field(default_factory=list)
    casualties: dict[str, tuple[str, str]] = field(default_factory=dict)  # lemma -> (kind, pos)
    numbers: dict[str, int] = field(default_factory=dict)
    modality: dict[str, dict[str, str]] = field(default_factory=dict)  # kind -> {lemma: where}

    # Lemmas of nouns that name an event ("frappe", "raid", "attack"); set once loaded.
    event_nouns: frozenset[str] = frozenset()

    def cues(self, kind: str) -> dict[str, str]:
        return self.modality.get(kind, {})


def _rows(text: str, name: str, width: int) -> list[tuple[int, list[str]]]:
    rows = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.rstrip("\n").split("\t")
        if len(cols) < width:
            raise LexiconError(f"{name}:{number}: expected {width} tab-separated columns: {line!r}")
        rows.append((number, [c.strip() for c in cols]))
    return rows


def _dash(value: str) -> str | None:
    return None if value in ("", "-") else value


def _parse_triggers(lex: CoderLexicon, text: str, name: str, *, replaces: bool) -> None:
    """Add a trigger file's lines; ``replaces``: a user's line for the same lemmas and part of
    speech replaces the bundled ones (bundled lines for one lemma are all kept, tried in
    order, each with its own ``requires``)."""
    for number, cols in _rows(text, name, 8):
        lemma, pos, etype, mode, cameo, roles, counts, requires = cols[:8]
        where = f"{name}:{number}"
        if etype not in EVENT_TYPES:
            raise LexiconError(f"{where}: unknown event type {etype!r}")
        if pos not in ("VERB", "NOUN", "ANY"):
            raise LexiconError(f"{where}: pos must be VERB, NOUN or ANY, not {pos!r}")
        if roles not in ROLES:
            raise LexiconError(f"{where}: roles must be one of {', '.join(ROLES)}, not {roles!r}")
        if _dash(counts) is not None and counts not in COUNTS:
            raise LexiconError(f"{where}: counts must be one of {', '.join(COUNTS)} or -")
        key = tuple(lemma.lower().split())
        entry = TriggerEntry(
            lemmas=key,
            pos=pos,
            type=etype,
            mode=_dash(mode),
            cameo=_dash(cameo),
            roles=roles,
            counts=_dash(counts),
            requires=frozenset(r for r in requires.lower().split(",") if _dash(r)),
            user=replaces,
        )
        earlier = lex.triggers.get(key, [])
        kept = [e for e in earlier if e.pos != pos or e.user == replaces] if replaces else earlier
        lex.triggers[key] = [*kept, entry]
        lex.max_trigger_words = max(lex.max_trigger_words, len(key))


def _read_bundled(lang: str, filename: str) -> str:
    path = resources.files("eventwire") / "data" / lang / filename
    if not path.is_file():
        raise LexiconError(f"no {filename} for language {lang!r} in eventwire/data/{lang}/")
    return path.read_text(encoding="utf-8")


@lru_cache(maxsize=8)
def _load(lang: str, extra: tuple[str, ...]) -> CoderLexicon:
    texts = {name: _read_bundled(lang, name) for name in VERSIONED_FILES}
    extra_texts = []
    for path in extra:
        try:
            extra_texts.append((path, Path(path).read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError) as exc:
            raise LexiconError(f"{path}: cannot read verb patterns ({exc})") from exc
    digest = hashlib.sha256()
    for name, text in [*sorted(texts.items()), *extra_texts]:
        digest.update(name.encode() + b"\0" + text.encode("utf-8"))
    lex = CoderLexicon(lang=lang, version=f"{lang}-{digest.hexdigest()[:12]}")
    _parse_triggers(lex, texts["triggers.tsv"], f"{lang}/triggers.tsv", replaces=False)
    for path, text in extra_texts:
        _parse_triggers(lex, text, path, replaces=True)
    lex.event_nouns = frozenset(
        k[0] for k, es in lex.triggers.items() if any(e.pos != "VERB" for e in es)
    )
    for number, cols in _rows(texts["modes.tsv"], f"{lang}/modes.tsv", 4):
        etype, lemma, mode, cameo = cols[:4]
        if etype not in EVENT_TYPES:
            raise LexiconError(f"{lang}/modes.tsv:{number}: unknown event type {etype!r}")
        refines = frozenset(m for m in (cols[4] if len(cols) > 4 else "").split(",") if m)
        lex.modes.append(ModeCue(etype, tuple(lemma.lower().split()), mode, _dash(cameo), refines))
    for number, cols in _rows(texts["casualties.tsv"], f"{lang}/casualties.tsv", 3):
        if cols[1] not in COUNTS:
            raise LexiconError(f"{lang}/casualties.tsv:{number}: unknown kind {cols[1]!r}")
        lex.casualties[cols[0].lower()] = (cols[1], cols[2])
    for number, cols in _rows(texts["numbers.tsv"], f"{lang}/numbers.tsv", 2):
        try:
            lex.numbers[cols[0].lower()] = int(cols[1])
        except ValueError as exc:
            raise LexiconError(f"{lang}/numbers.tsv:{number}: not a number: {cols[1]!r}") from exc
    for _number, cols in _rows(texts["modality.tsv"], f"{lang}/modality.tsv", 3):
        lex.modality.setdefault(cols[1], {})[cols[0].lower()] = cols[2]
    return lex


def load_lexicon(lang: str, extra: Sequence[str | Path] = ()) -> CoderLexicon:
    """The coder lexicon of a language, with the user's extra trigger files (cached)."""
    return _load(lang, tuple(str(p) for p in extra))
