"""What a story's own lines say about it: datelines, dates, bylines and credits.

The phrases ("Publié le", "Editing by", agency names) live in ``data/chrome.tsv``; month
and weekday names come from babel's CLDR data for French and English.  Numeric dates are
read day first ("10/02/2017" is 10 February), as French and most wire services write them.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

LANGUAGES = ("fr", "en")

# Years written with two digits ("4 JAN 90"): below the pivot is 20xx, else 19xx.
_TWO_DIGIT_PIVOT = 50

_LINE_KINDS = ("drop", "stop")
_SEARCH_KINDS = ("boilerplate",)
_PREFIX_KINDS = ("published", "update", "source", "author", "editor")
_WORD_KINDS = ("home", "agency", "particle", "filler")


@dataclass
class ArticleMeta:
    """Metadata found for one article (from its lines, its HTML or the caller)."""

    publisher: str | None = None
    published: str | None = None
    section: str | None = None
    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    url: str | None = None
    updated: str | None = None  # an update stamp: dates the story only when nothing else does
    rights_holder: str | None = None  # "© 2020 Thomson Reuters": the publisher failing a better

    def fill_from(self, other: ArticleMeta) -> None:
        """Fill the fields still empty here from ``other`` (this one wins)."""
        for name in ("publisher", "published", "section", "url", "updated"):
            if getattr(self, name) is None:
                setattr(self, name, getattr(other, name))
        for name in ("authors", "editors"):
            mine: list[str] = getattr(self, name)
            mine.extend(n for n in getattr(other, name) if n not in mine)


@dataclass(frozen=True)
class Patterns:
    """The compiled contents of ``chrome.tsv``."""

    line: dict[str, re.Pattern[str]]  # kind -> whole-line pattern
    prefix: dict[str, re.Pattern[str]]  # kind -> prefix pattern with a "rest" group
    word: dict[str, re.Pattern[str]]  # kind -> whole-word pattern
    boilerplate: re.Pattern[str]  # found anywhere in a paragraph, it is chrome


def _read_table() -> dict[str, list[str]]:
    kinds = (*_LINE_KINDS, *_SEARCH_KINDS, *_PREFIX_KINDS, *_WORD_KINDS)
    table: dict[str, list[str]] = {k: [] for k in kinds}
    text = resources.files("eventwire").joinpath("data/chrome.tsv").read_text("utf-8")
    for number, raw in enumerate(text.splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cols = raw.split("\t")
        if len(cols) < 3 or cols[0] not in table:
            raise ValueError(f"chrome.tsv:{number}: expected 'kind<TAB>lang<TAB>pattern'")
        try:
            re.compile(cols[2])
        except re.error as exc:
            raise ValueError(f"chrome.tsv:{number}: bad pattern {cols[2]!r} ({exc})") from exc
        table[cols[0]].append(cols[2])
    return table


def _alternation(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns) or r"(?!x)x"


@cache
def patterns() -> Patterns:
    """The chrome and metadata patterns, compiled once per process."""
    table = _read_table()
    flags = re.IGNORECASE
    line = {k: re.compile(_alternation(table[k]), flags) for k in _LINE_KINDS}
    prefix = {
        k: re.compile(rf"(?:{_alternation(table[k])})(?!\w)\s*:?\s*(?P<rest>.*)", flags)
        for k in _PREFIX_KINDS
    }
    words = dict(table)
    words["filler"] = [*table["filler"], *_weekday_names()]
    word = {k: re.compile(_alternation(words[k]), flags) for k in _WORD_KINDS}
    boilerplate = re.compile(_alternation(table["boilerplate"]), flags)
    return Patterns(line=line, prefix=prefix, word=word, boilerplate=boilerplate)


# --------------------------------------------------------------------------- calendar words


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@cache
def _month_names() -> dict[str, int]:
    """Month names, abbreviations and unambiguous prefixes (>= 3 letters) -> month number."""
    from babel.dates import get_month_names

    names: dict[str, int] = {}
    prefixes: dict[str, set[int]] = {}
    for lang in LANGUAGES:
        for width in ("wide", "abbreviated"):
            for number, name in get_month_names(width, locale=lang).items():
                key = name.lower().rstrip(".")
                names[key] = number
                names[_strip_accents(key)] = number
        for number, name in get_month_names("wide", locale=lang).items():
            for form in {name.lower(), _strip_accents(name.lower())}:
                for end in range(3, len(form) + 1):
                    prefixes.setdefault(form[:end], set()).add(number)
    for prefix, numbers in prefixes.items():
        if len(numbers) == 1 and prefix not in names:
            names[prefix] = next(iter(numbers))
    return names


@cache
def _weekday_names() -> list[str]:
    from babel.dates import get_day_names

    found: set[str] = set()
    for lang in LANGUAGES:
        for width in ("wide", "abbreviated"):
            for name in get_day_names(width, locale=lang).values():
                key = name.lower().rstrip(".")
                found.update({re.escape(key), re.escape(_strip_accents(key))})
    return sorted(found, key=len, reverse=True)


@cache
def _date_patterns() -> tuple[tuple[re.Pattern[str], ...], tuple[re.Pattern[str], ...]]:
    """(full dates, partial dates) in the order they are tried."""
    months = sorted(_month_names(), key=len, reverse=True)
    mon = "|".join(re.escape(m) for m in months)
    day = r"(?P<d>[0-3]?\d)(?:er|st|nd|rd|th)?"
    year2 = r"(?P<y>\d{4}|\d{2}(?![\d:hH]))"
    full = (
        r"(?<!\d)(?P<y>\d{4})-(?P<m>[01]?\d)-(?P<d>[0-3]?\d)(?:[T ](?P<H>[0-2]?\d):(?P<M>[0-5]\d)"
        r"(?::(?P<S>[0-5]\d))?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?(?![\d])",
        r"(?<![\d.])(?P<y>\d{4})[./](?P<m>[01]?\d)[./](?P<d>[0-3]?\d)(?![\d])",
        r"(?<![\d.])(?P<d>[0-3]?\d)[./-](?P<m>[0-3]?\d)[./-]" + year2 + r"(?![\d])",
        rf"(?<!\w){day}\.?\s+(?:de\s+)?(?P<mon>{mon})\.?,?\s+(?:de\s+)?{year2}(?!\d)",
        rf"(?<!\w)(?P<mon>{mon})\.?\s+{day},?\s+{year2}(?!\d)",
    )
    partial = (
        rf"(?<!\w){day}\.?\s+(?P<mon>{mon})\.?(?!\w)",
        rf"(?<!\w)(?P<mon>{mon})\.?\s+{day}(?!\w)",
        r"(?<![\d/.])(?P<d>[0-3]?\d)[/.](?P<m>[01]?\d)(?![\d/.])",
    )
    flags = re.IGNORECASE
    return (
        tuple(re.compile(p, flags) for p in full),
        tuple(re.compile(p, flags) for p in partial),
    )


_TIME = re.compile(
    r"(?<![\w:.])(?P<H>[0-2]?\d)\s?(?:h|:)\s?(?P<M>[0-5]\d)?(?::(?P<S>[0-5]\d))?"
    r"(?:\s*(?P<ampm>[ap])\.?\s?m\b\.?)?(?![\w:])",
    re.IGNORECASE,
)


# --------------------------------------------------------------------------- dates


@dataclass
class DateTimeMatch:
    """A date and/or time found in a string, with the character spans it used."""

    year: int | None
    month: int | None
    day: int | None
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    spans: list[tuple[int, int]] = field(default_factory=list)

    @property
    def iso(self) -> str | None:
        """``YYYY-MM-DDTHH:MM:SS``, or ``YYYY-MM-DD`` with no time; None without a year."""
        if self.year is None or self.month is None or self.day is None:
            return None
        date = dt.date(self.year, self.month, self.day).isoformat()
        if self.hour is None:
            return date
        return f"{date}T{self.hour:02d}:{self.minute or 0:02d}:{self.second or 0:02d}"


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < _TWO_DIGIT_PIVOT else 1900
    return year


def _date_from(match: re.Match[str]) -> DateTimeMatch | None:
    groups = match.groupdict()
    day = int(groups["d"])
    month = _month_names()[groups["mon"].lower()] if groups.get("mon") else int(groups["m"])
    year = _year(groups["y"]) if groups.get("y") else None
    if month > 12 and day <= 12:  # month-first (US) numeric date: day-first is impossible
        day, month = month, day
    try:
        dt.date(year or 2000, month, day)  # 2000 is a leap year: 29 February is fine
    except ValueError:
        return None
    found = DateTimeMatch(year, month, day, spans=[match.span()])
    if groups.get("H") is not None:
        found.hour, found.minute = int(groups["H"]), int(groups["M"])
        found.second = int(groups["S"]) if groups.get("S") else 0
        if found.hour > 23:
            return None
    return found


def _first_date(text: str, pats: tuple[re.Pattern[str], ...]) -> DateTimeMatch | None:
    best: tuple[int, int, DateTimeMatch] | None = None
    for pat in pats:
        for match in pat.finditer(text):
            found = _date_from(match)
            if found is None:
                continue
            key = (match.start(), -match.end())
            if best is None or key < best[:2]:
                best = (*key, found)
            break
    return best[2] if best else None


def _first_time(text: str, taken: list[tuple[int, int]]) -> re.Match[str] | None:
    for match in _TIME.finditer(text):
        if any(s < match.end() and match.start() < e for s, e in taken):
            continue
        hour = int(match.group("H"))
        if match.group("M") is None and not re.search(r"h", match.group(0), re.I):
            continue  # "10:" without minutes is no time
        if hour > 23 or (match.group("ampm") and hour > 12):
            continue
        return match
    return None


def find_datetime(text: str, *, partial: bool = False) -> DateTimeMatch | None:
    """The first date in ``text`` with a time beside it, if any.

    With ``partial``, dates without a year ("10/02", "10 février") and a time alone
    ("10:32 GMT") are found too; their :attr:`DateTimeMatch.iso` is then None.
    """
    full, partial_pats = _date_patterns()
    found = _first_date(text, full)
    if found is None and partial:
        found = _first_date(text, partial_pats)
    if found is not None and found.hour is not None:
        return found
    time = _first_time(text, found.spans if found else [])
    if time is None:
        return found
    if found is None:
        if not partial:
            return None
        found = DateTimeMatch(None, None, None)
    hour = int(time.group("H"))
    ampm = (time.group("ampm") or "").lower()
    if ampm == "p" and hour < 12:
        hour += 12
    elif ampm == "a" and hour == 12:
        hour = 0
    found.hour, found.minute = hour, int(time.group("M") or 0)
    found.second = int(time.group("S") or 0)
    found.spans.append(time.span())
    return found


def _is_filler(word: str) -> bool:
    return bool(patterns().word["filler"].fullmatch(word))


_SEPARATORS = re.compile(r"\s*(?:[|·•,;/–—()\[\]]|\s-\s|^-|-$)\s*")


def _leftover_pieces(text: str, spans: list[tuple[int, int]]) -> list[str]:
    """The pieces of ``text`` outside ``spans`` that are not separators or filler words."""
    pieces: list[str] = []
    last = 0
    chunks = []
    for start, end in sorted(spans):
        chunks.append(text[last:start])
        last = end
    chunks.append(text[last:])
    for chunk in chunks:
        for piece in _SEPARATORS.split(chunk):
            words = piece.split()
            if all(_is_filler(w.strip(".:")) for w in words):
                continue
            # Lower-case filler at the ends ("Xinhua le") is not part of a name.
            while words and words[-1].islower() and _is_filler(words[-1]):
                words.pop()
            while words and words[0].islower() and _is_filler(words[0]):
                words.pop(0)
            pieces.append(" ".join(words))
    return pieces


@dataclass
class Dateline:
    """A line that dates the story, with the publisher it names."""

    published: str
    publisher: str | None = None


def parse_dateline(line: str) -> Dateline | None:
    """A dateline or agency line ("Xinhua | 10.02.2017 08h17"), or None.

    The line must hold a full date and nothing but filler words, a time and at most one
    short name (the publisher).
    """
    if len(line) > 100:
        return None
    found = find_datetime(line)
    if found is None or found.iso is None:
        return None
    pieces = _leftover_pieces(line, found.spans)
    if not pieces:
        return Dateline(found.iso)
    if len(pieces) > 1 or not _is_publisher_like(pieces[0]):
        return None
    return Dateline(found.iso, pieces[0])


def _is_publisher_like(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= 4 and len(text) <= 40 and (text[0].isupper() or text[0].isdigit())


@dataclass
class InlineDateline:
    """The wire dateline that opens a story ("SAN SALVADOR, 3 JAN 90 (DPA) -- ...")."""

    place: str
    published: str | None
    publisher: str | None
    day_month: tuple[int, int] | None = None  # a date with no year ("28 novembre")


_INLINE = re.compile(
    r"\s*(?P<place>[^\W\d_][^\W\d_'’. -]*(?:[ '’.-]+[^\W\d_]+){0,3})"
    r"(?:\s*\((?P<country>[^()\n]{2,30})\))?"
    r"(?:\s*,\s*(?P<date>[^()\n,]{3,30}?))?"
    r"(?:\s*\((?P<agency>[^()\n]{2,40})\))?"
    r"\s*(?:--|—|–|-)(?=\s|\[|$)"
)


def parse_inline_dateline(paragraph: str) -> InlineDateline | None:
    """The dateline that opens a wire paragraph ("ROME (ITALY), 11 JAN 90 (EFE) --").

    The paragraph itself is not changed: the dateline stays part of the body text.
    """
    match = _INLINE.match(paragraph)
    if match is None:
        return None
    place, date_text = match.group("place"), match.group("date")
    agency, country = match.group("agency"), match.group("country")
    if agency is None and date_text is None and country is not None:
        agency = country  # "PARIS (Reuters) -": the only parentheses name the agency
    if not (date_text or agency) or not (place.isupper() or place.istitle()):
        return None
    published = None
    day_month = None
    if date_text:
        found = find_datetime(date_text, partial=True)
        if found is not None and not _leftover_pieces(date_text, found.spans):
            published = found.iso
            if found.month is not None and found.day is not None:
                day_month = (found.month, found.day)
        elif not place.isupper():
            return None  # "Paris, ville lumière - ...": no date, not a wire dateline
    publisher = None
    if agency:
        agency = agency.strip()
        if is_agency(agency) or (agency.isupper() and place.isupper()):
            publisher = agency
        elif not date_text:
            return None
    return InlineDateline(place, published, publisher, day_month)


def is_agency(name: str) -> bool:
    return bool(patterns().word["agency"].fullmatch(name.strip()))


def normalise_published(value: Any) -> str | None:
    """A caller's publication date as ``YYYY-MM-DDTHH:MM:SS`` or ``YYYY-MM-DD``.

    Time zones are dropped (the local time is what relative dates in the story refer to).
    """
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None, microsecond=0).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    found = find_datetime(text)
    if found is not None and found.iso is not None:
        return found.iso
    return _parse_other_date(text)


def _parse_other_date(text: str) -> str | None:
    from email.utils import parsedate_to_datetime

    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is None:
        import dateparser  # slow to import: only for dates our patterns do not read

        parsed = dateparser.parse(
            text, languages=list(LANGUAGES), settings={"DATE_ORDER": "DMY", "STRICT_PARSING": True}
        )
    if parsed is None:
        return None
    return parsed.replace(tzinfo=None, microsecond=0).isoformat()


# --------------------------------------------------------------------------- names and credits


@dataclass
class Credit:
    """What a byline or credit line gives."""

    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    publishers: list[str] = field(default_factory=list)


_NAME_SPLIT = re.compile(r"\s*(?:,|;|&|\s[-–—|/]\s|\band\b|\bet\b)\s*", re.IGNORECASE)
_PLACE_SUFFIX = re.compile(r"\s+(?:in|à|en|au|from|depuis)\s+[^\W\d_][\w' -]*$")
_PARENS = re.compile(r"\(([^()]*)\)")
_NAME_TOKEN = re.compile(r"[^\W\d_][\w'’.-]*")


def _looks_like_name(name: str) -> bool:
    tokens = name.split()
    if not 1 <= len(tokens) <= 5:
        return False
    particles = patterns().word["particle"]
    capitalised = 0
    for token in tokens:
        if token.islower() and particles.fullmatch(token):
            continue
        if not (_NAME_TOKEN.fullmatch(token) and token[0].isupper()):
            return False
        capitalised += 1
    return capitalised > 0


def split_names(text: str) -> tuple[list[str], list[str]] | None:
    """(person names, agencies) in a credit's name list, or None if it is not one."""
    agencies = [a.strip() for a in _PARENS.findall(text) if is_agency(a)]
    text = _PARENS.sub(lambda m: "" if is_agency(m.group(1)) else m.group(0), text)
    text = text.strip()
    if re.search(r"[^\W\d_]{3,}\.$", text):
        return None  # ends like a sentence ("BY THE TERRORISTS."), not like "J. Smith"
    text = text.rstrip(".").strip()
    if not text:
        return ([], agencies) if agencies else None
    names: list[str] = []
    for part in _NAME_SPLIT.split(text):
        part = _PLACE_SUFFIX.sub("", part.strip())
        if not part:
            continue
        if is_agency(part):
            agencies.append(part)
        elif _looks_like_name(part):
            names.append(part)
        else:
            return None
    if (not names and not agencies) or len(names) > 8:
        return None
    if not any(c.islower() for c in text) and _stopword_count(names) >= 2:
        return None  # capitals hide what is a name: "BY REACHING THE AGREEMENT, BRITAIN"
    return names, agencies


@cache
def _stopwords() -> frozenset[str]:
    import justext  # its stoplists are the function words of each language

    return frozenset(justext.get_stoplist("French")) | frozenset(justext.get_stoplist("English"))


def _stopword_count(names: list[str]) -> int:
    stop = _stopwords()
    return sum(1 for name in names for token in name.split() if token.lower() in stop)


def parse_credit(line: str) -> Credit | None:
    """A byline or credit line ("Par Jean Dupont", "(Reporting by X; Editing by Y)")."""
    if len(line) > 200:
        return None
    inner = line.strip()
    if inner.startswith("(") and inner.endswith(")"):
        inner = inner[1:-1].strip()
    prefixes = patterns().prefix
    credit = Credit()
    for segment in re.split(r"\s*;\s*", inner):
        for kind, target in (("editor", credit.editors), ("author", credit.authors)):
            match = prefixes[kind].fullmatch(segment)
            if match is None:
                continue
            found = split_names(match.group("rest"))
            if found is None:
                continue
            target.extend(found[0])
            credit.publishers.extend(found[1])
            break
        else:
            return None
    return credit


def parse_source(line: str) -> str | None:
    """The publisher in a "Source : Xinhua" line."""
    match = patterns().prefix["source"].fullmatch(line)
    if match is None:
        return None
    rest = match.group("rest").strip().rstrip(".")
    return rest if _is_publisher_like(rest) else None


def parse_published(line: str) -> Dateline | None:
    """A "Publié le 10 février 2017 à 08h17" line (an update stamp after it is ignored)."""
    match = patterns().prefix["published"].fullmatch(line)
    if match is None:
        return None
    rest = match.group("rest")
    update = re.search(r"(?:\s[-–—|,]\s*|\s)" + patterns().prefix["update"].pattern, rest, re.I)
    if update is not None:
        rest = rest[: update.start()]
    return parse_dateline(rest)


def parse_update(line: str) -> DateTimeMatch | None:
    """An "Updated 10:32 GMT" or "Dernière mise à jour à 08h44 le 10/02" line."""
    match = patterns().prefix["update"].fullmatch(line)
    if match is None:
        return None
    rest = match.group("rest")
    found = find_datetime(rest, partial=True)
    if found is None or _leftover_pieces(rest, found.spans):
        return None
    return found


def parse_breadcrumb(line: str) -> list[str] | None:
    """The parts of a breadcrumb line after its home-page word, or None if it is not one.

    A breadcrumb starts with a home-page word ("Page d'accueil>>International") or has
    three or more short parts joined by ">", "»" or "›".  The first part is the section.
    """
    if len(line) > 150:
        return None
    parts = [p.strip() for p in re.split(r"\s*(?:>>|>|»|›|→)\s*", line)]
    if len(parts) < 2 or any(not p or len(p.split()) > 6 for p in parts):
        return None
    if patterns().word["home"].fullmatch(parts[0]):
        return parts[1:]
    if len(parts) < 3 or any(p[-1] in ".!?" for p in parts):
        return None
    return parts
