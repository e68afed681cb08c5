"""The actor lexicon: names, demonyms, metonyms, institutions, office holders and sector nouns.

The coder asks it what a noun phrase names ("Moscou" → RUS GOV, "Daech" → IMG REB, "les
Turcs" → TUR), which country an adjective denotes ("turques" → TUR) and which sector a head
noun gives ("soldat" → MIL).  Everything it knows is read from the per-language TSV files in
``eventwire/data/<lang>/`` (their formats are in ``eventwire/data/ACTORS.md``), from the
country names that babel and pycountry ship, and from the user's own dictionaries, whose rows
override ours.

Look-ups are exact after :func:`fold` (case, accents, apostrophes, hyphens, spacing) and after
dropping a leading article, except for aliases written ``=Alias`` in a file: those match only
with their own case and accents (``=US`` is the country, "us" is not; a leading article may
still change the case of its first letter: "le Monde" for ``=Le Monde``).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date as _Date
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import babel
import pycountry

LANGUAGES: tuple[str, ...] = ("fr", "en")

# PLOVER sector codes that eventwire writes (FORMAT.md; the manual's PRM, SOC, UNK and PRE
# are not used: see ACTORS.md for how they are folded).
SECTORS: frozenset[str] = frozenset(
    ("GOV", "MIL", "COP", "REB", "OPP", "CVL", "JRN", "BUS", "MED", "REF", "LEG", "JUD", "ELI",
     "SPY", "PTY", "REL", "AGR", "EDU", "LAB", "CRM", "UAF")
)  # fmt: skip

# Country codes that are not ISO 3166-1 alpha-3, with the name eventwire gives them.
COUNTRY_SPECIAL: dict[str, str] = {
    "IGO": "International governmental organisation",
    "UNO": "United Nations",
    "EUR": "European Union",
    "NGO": "Non-governmental organisation",
    "IMG": "International militant group",
    "ISM": "International social movement",
    "MNC": "Multinational corporation",
    "KOS": "Kosovo",  # no ISO code; PLOVER's choice
}

KINDS: tuple[str, ...] = ("demonym", "country", "metonym", "organisation", "person", "sector")

# The bundled files of each language, in the order they are read.
DATA_FILES: tuple[str, ...] = (
    "country_aliases.tsv",
    "demonyms.tsv",
    "metonyms.tsv",
    "organisations.tsv",
    "people.tsv",
    "sectors.tsv",
)
TERRITORIES_FILE = "actor_territories.tsv"  # language-neutral, in eventwire/data/
# Organisations named alike in both languages, in eventwire/data/, read before each language's.
SHARED_ORGANISATIONS = "organisations.tsv"

# Precedence of the tables when one alias is in several (lower wins).
_TIER_USER, _TIER_PERSON, _TIER_ORG, _TIER_COUNTRY, _TIER_AUTO_COUNTRY = 0, 1, 2, 3, 4
_TIER_METONYM, _TIER_DEMONYM, _TIER_SURNAME = 5, 6, 7
_COUNTRY_TIERS = frozenset({_TIER_COUNTRY, _TIER_AUTO_COUNTRY})
_AUTO_TIERS = frozenset({_TIER_AUTO_COUNTRY, _TIER_SURNAME})

# Office holders whose every term is over are "former officials" (PLOVER's ELI).
_OFFICE_SECTORS = frozenset({"GOV", "MIL", "COP", "LEG", "JUD", "SPY"})

# Leading words dropped before a second look-up ("l'Etat islamique", "the White House").
_LEADING: dict[str, re.Pattern[str]] = {
    "fr": re.compile(
        r"^(?:l'|d'|de\s+la\s+|de\s+l'|le\s+|la\s+|les\s+|du\s+|des\s+|un\s+|une\s+|aux?\s+)",
        re.IGNORECASE,
    ),
    "en": re.compile(r"^(?:the\s+|an?\s+)", re.IGNORECASE),
}
_POSSESSIVE = re.compile(r"(?:'s|')$")  # English "Russia's", "Reuters'"
_PAREN = re.compile(r"^(.*\S)\s*\(([^()]+)\)$")  # "l'Etat islamique (EI)"

# Plurals generated for sector lemmas: the words before the first preposition take them
# ("avion de chasse" → "avions de chasse", "head of state" → "heads of state").
_PREPOSITIONS = {
    "fr": frozenset(("de", "d'", "du", "des", "à", "au", "aux", "en", "pour", "contre", "sur",
                     "sans", "dans", "chez")),
    "en": frozenset(("of", "for", "in", "on", "at", "to", "from", "against")),
}  # fmt: skip
# Words dropped from both sides of a loose sector match ("force de le ordre", a lemma string).
_LOOSE_DROP = frozenset(("le", "la", "les", "l", "the", "a", "an"))
_LOOSE_MAP = {"du": "de", "des": "de", "d": "de", "au": "a", "aux": "a"}

_APOSTROPHES = str.maketrans({c: "'" for c in "’‘`´ʼ′"})
_FOLD_TABLE = str.maketrans(
    {
        **{c: " " for c in "-‐‑‒–—―−_/"},
        **{c: "" for c in '«»"“”„‹›'},
        "œ": "oe",
        "æ": "ae",
        "ı": "i",
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "þ": "th",
    }
)
_EDGE_PUNCT = ' \t\n"“”«»‹›,;:!?'
_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?")
_TOKENS = re.compile(r"\w+'|\w+|[^\w\s'.]")  # about spaCy's tokens: "l'", "Etat", "-"
_REGNAL = re.compile(r"[IVXLC]+")  # "Mohammed VI", "Benoît XVI"
_PARTICLE = re.compile(r"[a-z]{1,3}['-]([A-Z]\S+)")  # "al-Assad", "d'Aubuisson"


class LexiconError(ValueError):
    """A data file that cannot be used; the message names the file and the line."""


@dataclass(frozen=True)
class ActorEntry:
    """What a look-up found: a country (or non-state code), a sector, a name and the table."""

    country: str | None
    sector: str | None
    name: str
    kind: str  # demonym, country, metonym, organisation, person, sector


@dataclass(frozen=True)
class _Row:
    country: str | None
    sector: str | None
    name: str
    kind: str
    tier: int
    start: str | None = None  # first day in office (ISO), None: always
    until: str | None = None  # first day out of office, None: still
    exact: str | None = None  # case-sensitive form, for aliases written "=Alias"
    alias: str = field(default="", compare=False)  # as written in the file

    def entry(self) -> ActorEntry:
        return ActorEntry(self.country, self.sector, self.name, self.kind)


@dataclass(frozen=True)
class _Pick:
    entry: ActorEntry
    active: bool  # in office (or undated) at the date asked
    order: str  # later is preferred among equals


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """The look-up key of a name: no accents, lower case, hyphens as spaces, one space."""
    if text.isascii():
        return " ".join(text.lower().translate(_FOLD_TABLE).split())
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(text.translate(_FOLD_TABLE).split())


def _clean(text: str) -> str:
    """The text as written, in NFC, with one kind of apostrophe and one space."""
    text = unicodedata.normalize("NFC", text.translate(_APOSTROPHES))
    return " ".join(text.split()).strip(_EDGE_PUNCT)


def _same_exact(alias: str, text: str) -> bool:
    """Whether text is an "=alias" as written; a leading article may change the case of its
    first letter ("le Monde" for "=Le Monde", "La Réunion" for "=la Réunion"), other words
    may not ("may" is not "=May", "an armed Islamic group" not "=Armed Islamic Group")."""
    if alias == text:
        return True
    first = alias.split(" ", 1)[0]
    return (
        " " in alias
        and len(first.rstrip("'")) <= 3
        and alias[1:] == text[1:]
        and alias[:1].casefold() == text[:1].casefold()
    )


def _country_row(code: str, kind: str, tier: int, exact: str | None = None) -> _Row:
    return _Row(code, None, country_display_name(code), kind, tier, exact=exact)


def _day(value: str | None, where: str = "date") -> str | None:
    """An ISO day from a date, a partial date ("2017-02" → mid-month) or a date-time."""
    if value is None or value == "":
        return None
    m = _DATE.match(value.strip())
    if not m:
        raise ValueError(f"{where}: not an ISO date: {value!r}")
    day = m.group(0)
    day = {4: day + "-07-01", 7: day + "-15"}.get(len(day), day)
    try:
        _Date.fromisoformat(day)
    except ValueError as exc:
        raise ValueError(f"{where}: not a valid date: {value!r}") from exc
    return day


@cache
def _iso3() -> frozenset[str]:
    return frozenset(c.alpha_3 for c in pycountry.countries)


def valid_country(code: str) -> bool:
    return code in COUNTRY_SPECIAL or code in _iso3()


# Where babel's English short name is a disambiguating label rather than a name.
_DISPLAY_NAMES = {
    "COD": "Democratic Republic of the Congo",
    "COG": "Republic of the Congo",
    "HKG": "Hong Kong",
    "MAC": "Macao",
    "MMR": "Myanmar",
    "PSE": "Palestine",
    "CIV": "Côte d'Ivoire",
}


@cache
def country_display_name(code: str) -> str:
    """The English short name of a code ("RUS" → "Russia")."""
    if code in COUNTRY_SPECIAL:
        return COUNTRY_SPECIAL[code]
    if code in _DISPLAY_NAMES:
        return _DISPLAY_NAMES[code]
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return code
    name = babel.Locale("en").territories.get(country.alpha_2)
    return name or getattr(country, "common_name", None) or country.name


def _data_root() -> Path:
    return Path(str(resources.files("eventwire") / "data"))


@cache
def _territories() -> tuple[dict[str, str], str]:
    """Alpha-2 code of a dependency → the code of the state it is coded as (PLOVER 6.1)."""
    path = _data_root() / TERRITORIES_FILE
    text = path.read_text(encoding="utf-8")
    fold_to: dict[str, str] = {}
    for where, cols in _rows(text, str(path), 2, 3):
        code, country = cols[0], cols[1]
        if not re.fullmatch(r"[A-Z]{2}", code):
            raise LexiconError(f"{where}: {code!r} is not an alpha-2 code")
        _check_country(country, where)
        fold_to[code] = country
    return fold_to, text


def _split_paren(name: str) -> list[str]:
    """ "Myanmar (Burma)" → both; "Saint Martin (French part)" → the outer name only."""
    m = _PAREN.match(name)
    if not m:
        return [name]
    inner = m.group(2)
    keep_inner = all(w[:1].isupper() for w in inner.split())
    return [m.group(1), inner] if keep_inner else [m.group(1)]


@cache
def _auto_country_names() -> tuple[tuple[str, str], ...]:
    """(name, code) for every country name in babel's fr and en locales and in pycountry."""
    fold_to, _text = _territories()
    names: list[tuple[str, str]] = []

    def add(name: str, alpha2: str) -> None:
        if "," in name:  # "Korea, Republic of": an index form, not a name
            return
        code = fold_to.get(alpha2)
        if code is None:
            country = pycountry.countries.get(alpha_2=alpha2)
            if country is None:
                return
            code = country.alpha_3
        names.extend((part, code) for part in _split_paren(name))

    for locale in ("fr", "en"):
        for alpha2, name in babel.Locale(locale).territories.items():
            if alpha2.isalpha():
                add(name, alpha2)
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                add(value, country.alpha_2)
    return tuple(names)


def _rows(text: str, where: str, least: int, most: int) -> Iterable[tuple[str, list[str]]]:
    """(file:line, columns) of the data lines of a TSV text."""
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = [c.strip() for c in line.split("\t")]
        while len(cols) > least and cols[-1] == "":
            cols.pop()
        loc = f"{where}:{number}"
        if len(cols) < least or len(cols) > most:
            expect = f"{least}" if least == most else f"{least} to {most}"
            raise LexiconError(f"{loc}: expected {expect} tab-separated columns, got {len(cols)}")
        if not cols[0]:
            raise LexiconError(f"{loc}: empty first column")
        yield loc, cols


def _none(value: str) -> str | None:
    return None if value in ("", "-") else value


def _check_country(code: str, where: str) -> None:
    if not valid_country(code):
        raise LexiconError(
            f"{where}: unknown country code {code!r} "
            f"(ISO 3166-1 alpha-3 or one of {' '.join(COUNTRY_SPECIAL)})"
        )


def _check_sector(code: str, where: str) -> None:
    if code not in SECTORS:
        raise LexiconError(f"{where}: unknown sector {code!r} (one of {' '.join(sorted(SECTORS))})")


def _alias(raw: str, where: str) -> tuple[str, str | None, str]:
    """(key, exact form or None, alias as written) of a file's alias column."""
    exact = None
    if raw.startswith("="):
        raw = raw[1:].strip()
        exact = _clean(raw)
    key = fold(raw)
    if not key:
        raise LexiconError(f"{where}: empty alias")
    return key, exact, raw


def _plurals(key: str, lang: str) -> list[str]:
    """Plural forms of a folded sector lemma (all words before the first preposition)."""
    words = key.split()
    preps = _PREPOSITIONS[lang]
    cut = next((i for i, w in enumerate(words) if w in preps or w.startswith("d'")), len(words))
    if cut == 0:
        return []
    if lang == "fr":
        head = [_plural_fr(w) for w in words[:cut]]
    else:  # English marks the last word of the compound: "air forces", "heads of state"
        head = [*words[: cut - 1], _plural_en(words[cut - 1])]
    form = " ".join(head + words[cut:])
    return [form] if form != key else []


def _plural_fr(word: str) -> str:
    if word.endswith(("s", "x", "z")):
        return word
    if word.endswith("al") and len(word) > 3:
        return word[:-2] + "aux"
    if word.endswith(("eau", "au", "eu")):
        return word + "x"
    return word + "s"


def _plural_en(word: str) -> str:
    if word.endswith("man"):
        return word[:-3] + "men"
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"


def _loose(key: str) -> str:
    """A sector key that survives lemmatisation: no inner articles, no plural -s."""
    out = []
    for word in key.replace("'", " ").split():
        if word in _LOOSE_DROP:
            continue
        word = _LOOSE_MAP.get(word, word)
        if word.endswith("men") and len(word) > 4:
            word = word[:-3] + "man"
        elif word.endswith("s") and not word.endswith("ss") and len(word) > 3:
            word = word[:-1]
        out.append(word)
    return " ".join(out)


def _surname_forms(alias: str) -> list[str]:
    """Surname aliases of a person's name: its last word ("Poutine"), and for a particle
    joined by a hyphen or an apostrophe both forms ("al-Assad" and "Assad").  Regnal numbers
    ("Jean-Paul II"), initials and lower-case words ("Bush fils") give none."""
    words = alias.split()
    if len(words) < 2:
        return []
    last = words[-1]
    if _REGNAL.fullmatch(last) or last.endswith(".") or len(fold(last).replace(" ", "")) < 3:
        return []
    if last[:1].isupper():
        return [last]
    m = _PARTICLE.fullmatch(last)
    return [last, m.group(1)] if m else []


_UNKNOWN = object()  # (not yet asked: None is an answer)
_MEMO_SIZE = 200_000


def _remember(memo: dict[str, Any], key: str, compute: Callable[[str], Any]) -> Any:
    """``compute(key)``, kept in ``memo``; a long-running process (``watch``) meets ever new
    words, so a full memo starts afresh."""
    found = memo.get(key, _UNKNOWN)
    if found is _UNKNOWN:
        if len(memo) >= _MEMO_SIZE:
            memo.clear()
        found = memo[key] = compute(key)
    return found


class ActorLexicon:
    """The actor knowledge of one language, with the user's dictionaries on top."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.version = ""
        self.max_words = 1
        self._names: dict[str, list[_Row]] = {}
        self._first_words: dict[str, int] | None = None
        self._demonyms: dict[str, list[_Row]] = {}
        self._sectors: dict[str, str] = {}
        self._sectors_loose: dict[str, str] = {}
        self._sector_words = 1  # words in the longest sector lemma
        self._sector_starts: set[str] = set()  # first words of the sector phrases
        self._cache: dict[tuple[str, str | None], ActorEntry | None] = {}
        # Answers about single forms, kept: the coder asks about the same words over and over
        # (each answer folds and normalises the form first).
        self._demonym_of: dict[str, str | None] = {}
        self._sector_of: dict[str, str | None] = {}
        self._may_start: dict[str, bool] = {}

    # ----------------------------------------------------------------- loading

    @classmethod
    def load(cls, lang: str, extra: Sequence[str | Path] = ()) -> ActorLexicon:
        """The bundled lexicon of ``lang`` ("fr" or "en") with user dictionaries on top.

        A user dictionary has the columns ``alias, country, sector, name[, from, until[,
        kind]]``; its rows take precedence over every bundled row with the same alias, and a
        row with neither country nor sector removes the alias.
        """
        if lang not in LANGUAGES:
            have = ", ".join(LANGUAGES)
            raise ValueError(f"no actor lexicon for language {lang!r} (have {have})")
        if isinstance(extra, (str, Path)):  # one path, not a sequence of characters
            extra = [extra]
        lex = cls(lang)
        texts = _read_bundled(lang)
        shared = _shared_organisations()
        users = [_read_user(Path(item)) for item in extra]
        digest = hashlib.sha256()
        for name, (_path, text) in texts.items():
            digest.update(f"{lang}/{name}\0{text}".encode())
        digest.update(f"{SHARED_ORGANISATIONS}\0{shared[1]}".encode())
        digest.update(f"{TERRITORIES_FILE}\0{_territories()[1]}".encode())
        digest.update(f"babel {babel.__version__}; pycountry {_pycountry_version()}".encode())
        for _path, text in users:
            digest.update(f"user\0{text}".encode())
        lex.version = f"{lang}-{digest.hexdigest()[:12]}"

        bundled_off: set[str] = set()
        lex._read_countries(*texts["country_aliases.tsv"], bundled_off)
        lex._read_demonyms(*texts["demonyms.tsv"])
        lex._read_named(*texts["metonyms.tsv"], "metonym", _TIER_METONYM, bundled_off)
        # The language's own rows first, so that its "-" rows keep a shared alias out.
        lang_off: set[str] = set()
        lex._read_named(*texts["organisations.tsv"], "organisation", _TIER_ORG, lang_off)
        lex._read_named(*shared, "organisation", _TIER_ORG, bundled_off, skip=lang_off)
        bundled_off |= lang_off
        lex._read_named(*texts["people.tsv"], "person", _TIER_PERSON, bundled_off)
        lex._read_sectors(*texts["sectors.tsv"])
        for name, code in _auto_country_names():
            key = fold(name)
            if key not in bundled_off:
                lex._add(key, _country_row(code, "country", _TIER_AUTO_COUNTRY))
        user_off: set[str] = set()
        for path, text in users:
            lex._read_named(path, text, "organisation", _TIER_USER, user_off, user=True)
        lex._add_surnames(bundled_off | user_off)
        lex._drop(bundled_off, _AUTO_TIERS)
        lex._drop(user_off, frozenset(range(_TIER_PERSON, _TIER_SURNAME + 1)))
        lex.max_words = lex._longest(texts, users)
        return lex

    def _add(self, key: str, row: _Row) -> None:
        rows = self._names.setdefault(key, [])
        if row not in rows:
            rows.append(row)

    def _drop(self, keys: set[str], tiers: frozenset[int]) -> None:
        for key in keys:
            rows = [r for r in self._names.get(key, []) if r.tier not in tiers]
            if rows:
                self._names[key] = rows
            else:
                self._names.pop(key, None)

    def _read_countries(self, path: str, text: str, off: set[str]) -> None:
        seen: dict[str, str] = {}
        for where, cols in _rows(text, path, 2, 2):
            key, exact, _raw = _alias(cols[0], where)
            code = _none(cols[1])
            if code is None:  # "Réunion<TAB>-": not a country name here
                off.add(key)
                continue
            _check_country(code, where)
            mark = f"{code} {exact}"
            if seen.setdefault(f"{key}|{exact}", mark) != mark:
                raise LexiconError(f"{where}: {cols[0]!r} is already given another country")
            self._add(key, _country_row(code, "country", _TIER_COUNTRY, exact))

    def _read_demonyms(self, path: str, text: str) -> None:
        for where, cols in _rows(text, path, 2, 2):
            key, exact, _raw = _alias(cols[0], where)
            _check_country(cols[1], where)
            rows = self._demonyms.setdefault(key, [])
            if any(r.exact == exact and r.country != cols[1] for r in rows):
                raise LexiconError(f"{where}: {cols[0]!r} is already given another country")
            row = _country_row(cols[1], "demonym", _TIER_DEMONYM, exact)
            rows.append(row)
            self._add(key, row)

    def _read_sectors(self, path: str, text: str) -> None:
        """Sector lemmas and their generated plurals; a sector of "-" marks a form that is not
        a sector noun, such as a plural that is another word ("cours" is not "cour"+s)."""
        explicit: dict[str, str | None] = {}
        for where, cols in _rows(text, path, 2, 2):
            key, sector = fold(cols[0]), _none(cols[1])
            if sector is not None:
                _check_sector(sector, where)
            if explicit.setdefault(key, sector) != sector:
                raise LexiconError(f"{where}: {cols[0]!r} is already given sector {explicit[key]}")
        generated: dict[str, str] = {}
        for key, sector in explicit.items():
            for form in _plurals(key, self.lang) if sector else ():
                if form not in explicit:
                    generated.setdefault(form, sector)
        known = {k: v for k, v in explicit.items() if v is not None}
        self._sectors = {**generated, **known}
        for key, sector in [*known.items(), *generated.items()]:
            self._sector_words = max(self._sector_words, len(key.split()))
            loose = _loose(key)
            if " " in loose:  # single words have their plurals; "cours" is not "cour"+s
                self._sectors_loose.setdefault(loose, sector)
                self._sector_starts.add(loose.split()[0])
            if " " in key:
                self._sector_starts.add(key.split()[0])

    def _read_named(
        self,
        path: str,
        text: str,
        kind: str,
        tier: int,
        off: set[str],
        *,
        user: bool = False,
        skip: frozenset[str] | set[str] = frozenset(),
    ) -> None:
        """Metonyms, organisations, people and user rows: alias, country, sector, name[, from,
        until[, kind]] (the kind column only in user dictionaries); aliases in ``skip`` are
        left out."""
        for where, cols in _rows(text, path, 2, 7 if user else 6):
            cols = cols + [""] * (7 - len(cols))
            key, exact, raw = _alias(cols[0], where)
            if key in skip:
                continue
            country, sector = _none(cols[1]), _none(cols[2])
            if country is None and sector is None:  # a name this table must not match
                off.add(key)
                continue
            if country is not None:
                _check_country(country, where)
            if sector is not None:
                _check_sector(sector, where)
            name = cols[3] or raw
            row_kind = kind
            if user and cols[6]:
                row_kind = cols[6]
                if row_kind not in ("organisation", "person", "metonym"):
                    raise LexiconError(f"{where}: kind must be organisation, person or metonym")
            try:
                start, until = _day(cols[4], where), _day(cols[5], where)
            except ValueError as exc:
                raise LexiconError(str(exc)) from exc
            if start and until and until <= start:
                raise LexiconError(f"{where}: 'until' {until} is not after 'from' {start}")
            self._add(key, _Row(country, sector, name, row_kind, tier, start, until, exact, raw))

    def _add_surnames(self, off: set[str]) -> None:
        """Each person's surname alone ("Poutine", "al-Assad", "Assad"), unless the file
        lists it for them already; when the surname is also another kind of name or a sector
        noun, it matches only in its own case ("Major", not "major")."""
        listed = {
            (key, r.name) for key, rows in self._names.items() for r in rows if r.kind == "person"
        }
        found: list[tuple[str, _Row]] = []
        for rows in self._names.values():
            for row in rows:
                if row.kind != "person" or row.tier == _TIER_SURNAME:
                    continue
                for form in _surname_forms(row.alias):
                    key = fold(form)
                    if key in off or (key, row.name) in listed:
                        continue
                    taken = key in self._sectors
                    taken = taken or any(r.kind != "person" for r in self._names.get(key, []))
                    exact = _clean(form) if taken or row.exact else None
                    surname = replace(row, tier=_TIER_SURNAME, exact=exact, alias=form)
                    found.append((key, surname))
        for key, row in found:
            self._add(key, row)

    def _longest(self, texts: dict[str, tuple[str, str]], users: list[tuple[str, str]]) -> int:
        """Tokens in the longest alias a phrase look-up can match (punctuation counts)."""
        longest = 1
        named = ("country_aliases.tsv", "metonyms.tsv", "organisations.tsv", "people.tsv")
        for _path, text in [*(texts[n] for n in named), _shared_organisations(), *users]:
            for line in text.splitlines():
                if line.strip() and not line.startswith("#"):
                    alias = line.split("\t", 1)[0].lstrip("=")
                    longest = max(longest, len(_TOKENS.findall(alias)))
        for name, _code in _auto_country_names():
            longest = max(longest, len(_TOKENS.findall(name)))
        return longest

    # ----------------------------------------------------------------- look-ups

    def phrase(self, text: str, *, date: str | None = None) -> ActorEntry | None:
        """What a name, alias or abbreviation denotes, or None.

        Tables in order: user dictionaries, people, organisations, country names, capitals
        and seats of power, nationality nouns, people's surnames, sector nouns.  People and
        dated organisation rows honour their from/until dates when ``date`` is given; a person
        asked about after every one of their terms is a former official (ELI).
        """
        day = _day(date)
        cache_key = (text, day)
        if cache_key in self._cache:
            return self._cache[cache_key]
        entry = None
        for variant in self._variants(text):
            entry = self._resolve(self._candidates(variant), day)
            if entry is not None:
                break
        if entry is None and text.count(" ") < self._sector_words:
            sector = self.sector(text)
            if sector is not None:
                entry = ActorEntry(None, sector, fold(text), "sector")
        if len(self._cache) > 200_000:
            self._cache.clear()
        self._cache[cache_key] = entry
        return entry

    @property
    def first_words(self) -> dict[str, int]:
        """Each word a name can start with (folded), with the most words such a name has.

        Lets a caller scanning a sentence for names try only the spans that can match.
        """
        if self._first_words is None:
            index: dict[str, int] = {}
            for key in self._names:
                words = key.split()
                if words:
                    index[words[0]] = max(index.get(words[0], 0), len(words))
            self._first_words = index
        return self._first_words

    def demonym(self, form: str) -> str | None:
        """The country of a nationality adjective or noun ("turques" → "TUR")."""
        return _remember(self._demonym_of, form, self._demonym)

    def _demonym(self, form: str) -> str | None:
        text = _clean(form)
        for row in self._demonyms.get(fold(text), ()):
            if row.exact is None or _same_exact(row.exact, text):
                return row.country
        return None

    def sector(self, lemma: str) -> str | None:
        """The sector a head noun gives ("soldat" → "MIL", "forces armées" → "MIL")."""
        return _remember(self._sector_of, lemma, self._sector)

    def _sector(self, lemma: str) -> str | None:
        text = _LEADING[self.lang].sub("", _clean(lemma))
        key = fold(text)
        if not key:
            return None
        found = self._sectors.get(key)
        if found is not None or " " not in key:
            return found
        return self._sectors_loose.get(_loose(key))

    def may_start_sector(self, word: str) -> bool:
        """Whether some sector phrase of several words may start with this word (a cheap test
        before looking up every phrase that starts with it)."""
        return _remember(self._may_start, word, self._may_start_sector)

    def _may_start_sector(self, word: str) -> bool:
        key = fold(_clean(word))
        if not key:
            return False
        first = key.split()[0]
        loose = _loose(first)
        return first in self._sector_starts or not loose or loose in self._sector_starts

    def country_name(self, text: str) -> str | None:
        """The code of a country name or alias ("la Russie" → "RUS", "Syria" → "SYR")."""
        for variant in self._variants(text):
            rows = [r for r in self._candidates(variant) if r.tier in _COUNTRY_TIERS]
            entry = self._resolve(rows, None)
            if entry is not None:
                return entry.country
        return None

    def _variants(self, text: str) -> list[str]:
        """The text, without its leading article, and each part of "Name (ABBR)"."""
        text = _clean(text)
        parts = [text]
        m = _PAREN.match(text)
        if m:
            parts += [m.group(1), m.group(2)]
        out: list[str] = []
        for part in parts:
            stripped = _LEADING[self.lang].sub("", part)
            for form in (part, stripped):
                if self.lang == "en":
                    form = _POSSESSIVE.sub("", form)
                if form and form not in out:
                    out.append(form)
        return out

    def _candidates(self, text: str) -> list[_Row]:
        rows = self._names.get(fold(text), [])
        if any(r.exact is not None for r in rows):
            rows = [r for r in rows if r.exact is None or _same_exact(r.exact, text)]
        return rows

    def _resolve(self, rows: list[_Row], day: str | None) -> ActorEntry | None:
        for tier in sorted({r.tier for r in rows}):
            entry = _resolve_tier([r for r in rows if r.tier == tier], day)
            if entry is not None:
                return entry
        return None


def _resolve_tier(rows: list[_Row], day: str | None) -> ActorEntry | None:
    """One answer from the rows of one table: each name at the date, then, when several names
    remain, the one they agree on (same country and sector) or none."""
    by_name: dict[tuple[str, str], list[_Row]] = {}
    for r in rows:
        by_name.setdefault((r.name, r.kind), []).append(r)
    picks = [p for group in by_name.values() if (p := _pick(group, day)) is not None]
    if not picks:
        return None
    if len(picks) == 1:
        return picks[0].entry
    active = [p for p in picks if p.active] or picks
    if len({(p.entry.country, p.entry.sector) for p in active}) == 1:
        return max(active, key=lambda p: p.order).entry
    return None


def _pick(rows: list[_Row], day: str | None) -> _Pick | None:
    if day is None:
        row = max(rows, key=lambda r: r.start or "")
        return _Pick(row.entry(), True, row.start or "")
    current = [r for r in rows if (r.start or "") <= day and (r.until is None or day < r.until)]
    if current:
        row = max(current, key=lambda r: r.start or "")
        return _Pick(row.entry(), True, row.start or "")
    if rows[0].kind == "person":
        past = [r for r in rows if r.until is not None and r.until <= day]
        if past:
            last = max(past, key=lambda r: r.until or "")
            if last.sector in _OFFICE_SECTORS:
                former = ActorEntry(last.country, "ELI", last.name, last.kind)
                return _Pick(former, False, last.until or "")
    return None


def _read_bundled(lang: str) -> dict[str, tuple[str, str]]:
    """File name → (path, text) of a language's bundled actor files."""
    texts = {}
    for name in DATA_FILES:
        path = _data_root() / lang / name
        try:
            texts[name] = (str(path), path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise LexiconError(f"{path}: cannot read the actor data ({exc})") from exc
    return texts


@cache
def _shared_organisations() -> tuple[str, str]:
    """(path, text) of the organisations both languages share."""
    path = _data_root() / SHARED_ORGANISATIONS
    try:
        return str(path), path.read_text(encoding="utf-8")
    except OSError as exc:
        raise LexiconError(f"{path}: cannot read the actor data ({exc})") from exc


def _read_user(path: Path) -> tuple[str, str]:
    try:
        return str(path), path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(f"{path}: cannot read the actor dictionary ({exc})") from exc


def _pycountry_version() -> str:
    try:
        from importlib.metadata import version

        return version("pycountry")
    except Exception:  # a vendored copy: its data still counts through the names it gives
        return "unknown"


@cache
def get_lexicon(lang: str) -> ActorLexicon:
    """The bundled actor lexicon of a language, loaded once per process."""
    return ActorLexicon.load(lang)
