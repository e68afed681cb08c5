"""Date expressions in French and English, anchored to the publication date the way news uses them.

"jeudi" in a story published on Friday 10 February 2017 is Thursday 9 February: the last
such weekday on or before publication (dateparser prefers the next one).  Explicit dates
are read in day-month order for French and numeric forms; a month or a year alone gives
that precision.

Forms and what they give (``value``, ``precision``, ``end_value``), for a story published on
Friday 10 February 2017:

- a weekday, "hier"/"yesterday", "avant-hier", "demain", "ce matin", "tonight", "last night"
  (the day before publication), "il y a deux jours", "a week ago", explicit and numeric dates:
  a day, ``2017-02-08``, precision ``day``.  "this week"/"cette semaine" is dated on the
  publication day (a week in progress has no better single day).
- "last week"/"la semaine dernière": precision ``week``, ``value`` the Monday of the week
  before publication's (``2017-01-30``) and ``end_value`` its Sunday (``2017-02-05``).  The
  gold format grades days only; "week" says that the Monday is a bound, not the day.
- "last month"/"le mois dernier", "three months ago", a month with or without its year:
  ``2017-01``, precision ``month``; "last year"/"l'an dernier", "en 2016": ``2016``, ``year``.
- spans ("du 3 au 5 mars", "from March 3 to 5", "March 3-5"): ``value`` the first day,
  ``end_value`` the last, precision ``day``; but "la nuit du 11 au 12 janvier" is one night,
  dated by the day it ends on (no ``end_value``).

A day, month or span without its year is the last one on or before publication (a span by
its first day), unless its clause tells of the future (``clause_ahead``: "will meet on
Friday", "ont convenu de se revoir en janvier", "la réunion prévue mardi", "mardi
prochain"): then it is the next one, and "la semaine prochaine"/"next week" the week after.
"la veille"/"the next day" count from the last day the story dated before them.  A mention
knows whether it heads a dateline ("PARIS, 28 novembre (Reuters) -": the filing day, which
the coder gives no event) and whether its clause is ahead; a day in brackets after a time
zone ("[0100 GMT ON 16 JAN]") is no mention.  The words of each form live in
``data/<lang>/dates.tsv``.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Container, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from eventwire.tokens import sentences_of, words_of


@dataclass
class DateMention:
    start: int  # token indices in the Doc
    end: int
    value: str  # YYYY-MM-DD, YYYY-MM or YYYY
    precision: str  # day, week, month, year
    reason: str
    end_value: str | None = None  # the last day of a span or a week
    dateline: bool = False  # the wire's filing day ("PARIS, 28 novembre (Reuters) -")
    ahead: bool = False  # in a clause about the future (a day or month without its year
    # is then the next one, not the last)


@dataclass(frozen=True)
class DateWords:
    weekdays: dict[str, int]
    months: dict[str, int]
    past: dict[str, str]  # word -> "before"/"after" the weekday it marks
    relative: dict[str, int]  # phrase key -> days from publication
    periods: dict[str, tuple[str, int]]  # phrase key -> (week/month/year, offset)
    not_after: frozenset[str]
    not_before: frozenset[str]
    ago: dict[str, str]  # phrase key -> "before"/"after" the count
    ago_tails: frozenset[str]  # phrase keys
    ago_not_after: frozenset[str]
    units: dict[str, str]  # word -> day/week/month/year
    spans: dict[str, frozenset[str]]  # opener key -> the keys of the words that join the ends
    fillers: frozenset[str]
    nights: frozenset[str]
    night_spans: dict[str, str]  # opener -> the word that joins two weekdays of one night
    year_before: frozenset[str]
    next: dict[str, str]  # word -> "before"/"after" the weekday or month it puts ahead
    anaphors: dict[str, int]  # phrase key -> days from the day the story dated last
    anaphor_not_after: frozenset[str]
    zones: frozenset[str]
    future: frozenset[str]  # auxiliaries of the future ("will")
    ahead: dict[str, str]  # lemma -> "any"/"now": its complement lies ahead
    month_day: bool  # "February 10" as well as "10 February"
    numbers: dict[str, int]
    longest: int  # the most tokens a phrase may span
    prefixes: frozenset[str]  # every start of a phrase key: a search stops when it leaves them


_KINDS = (
    "weekday", "month", "past", "relative", "period", "not_after", "not_before", "ago",
    "ago_tail", "ago_not_after", "unit", "span", "filler", "night", "year_before", "option",
    "next", "anaphor", "anaphor_not_after", "zone", "future", "ahead", "night_span",
)  # fmt: skip
_PHRASE_KINDS = ("relative", "period", "ago", "ago_tail", "span", "anaphor")


_SPACES_HYPHENS = re.compile(r"[\s\-]")
_ORDINAL = re.compile(r"(st|nd|rd|th)$")


def _key(text: str) -> str:
    """A phrase as matched: lower case, ’ read as ', spaces and hyphens ignored."""
    return _SPACES_HYPHENS.sub("", text.lower().replace("’", "'"))


def _most_tokens(phrase: str) -> int:
    """The most tokens a phrase may take: its words, plus one per elision or hyphen."""
    return len(phrase.split()) + phrase.count("'") + phrase.count("’") + phrase.count("-")


def _rows(lang: str, name: str, columns: int) -> list[list[str]]:
    text = (resources.files("eventwire") / "data" / lang / name).read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append([c.strip() for c in line.split("\t")[:columns]])
    return rows


@lru_cache(maxsize=4)
def date_words(lang: str) -> DateWords:
    tables: dict[str, dict[str, str]] = {kind: {} for kind in _KINDS}
    spans: dict[str, set[str]] = {}
    keys: set[str] = set()  # of every phrase, to stop a search early
    longest = 1
    for word, kind, value in _rows(lang, "dates.tsv", 3):
        if kind not in tables:
            raise ValueError(f"{lang}/dates.tsv: unknown kind {kind!r} for {word!r}")
        word = word.lower()
        if kind in _PHRASE_KINDS:
            longest = max(longest, _most_tokens(word), _most_tokens(value))
            word = _key(word)
            keys.add(word)
        if kind == "span":
            spans.setdefault(word, set()).add(_key(value))
            keys.add(_key(value))
        tables[kind][word] = value
    periods = {}
    for word, value in tables["period"].items():
        unit, offset = value.split()
        periods[word] = (unit, int(offset))
    return DateWords(
        weekdays={w: int(v) for w, v in tables["weekday"].items()},
        months={w: int(v) for w, v in tables["month"].items()},
        past=tables["past"],
        relative={w: int(v) for w, v in tables["relative"].items()},
        periods=periods,
        not_after=frozenset(tables["not_after"]),
        not_before=frozenset(tables["not_before"]),
        ago=tables["ago"],
        ago_tails=frozenset(tables["ago_tail"]),
        ago_not_after=frozenset(tables["ago_not_after"]),
        units=tables["unit"],
        spans={w: frozenset(v) for w, v in spans.items()},
        fillers=frozenset(tables["filler"]),
        nights=frozenset(tables["night"]),
        night_spans=tables["night_span"],
        year_before=frozenset(tables["year_before"]),
        next=tables["next"],
        anaphors={w: int(v) for w, v in tables["anaphor"].items()},
        anaphor_not_after=frozenset(tables["anaphor_not_after"]),
        zones=frozenset(tables["zone"]),
        future=frozenset(tables["future"]),
        ahead=tables["ahead"],
        month_day=tables["option"].get("month_day") == "1",
        numbers={w.lower(): int(v) for w, v in _rows(lang, "numbers.tsv", 2)},
        longest=longest,
        prefixes=frozenset(k[:n] for k in keys for n in range(1, len(k) + 1)),
    )


def parse_published(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


_LANGS = ("fr", "en")


def story_day(doc: Doc, lang: str) -> date | None:
    """For a story without a publication date: the latest day it writes in full, year and
    all ("le 2 février 2008"), told as past, in its language or the other one (a quoted
    post's "October 14, 2019"). A story is told on or after the days it reports, so its
    "vendredi 1er février" or "hier" reads from there rather than not at all."""
    text = doc.text  # (a slice of it, not Span.text, which joins the sentence's tokens)
    dated = [s for s in sentences_of(doc) if _DIGIT.search(text, s.start_char, s.end_char)]
    days = [
        date.fromisoformat(d.value)
        for words in dict.fromkeys((lang, *_LANGS))
        for sent in dated  # a day written in full has its year in digits
        for d in find_dates(sent, words, None, look_back=False)
        if d.precision == "day" and not d.ahead
    ]
    latest = max(days, default=None)
    if latest is None:
        return None
    # A dateline without its year ("NAIROBI, Nov 9 (Reuters) -") is the day the story was
    # filed: the first such day on or after the latest it tells of.
    for sent in sentences_of(doc)[:3]:
        for d in find_dates(sent, lang, latest, look_back=False):
            if d.dateline and d.precision == "day":
                filed = date.fromisoformat(d.value)
                year = _first_on_or_after(filed.month, filed.day, latest)
                return _safe(year, filed.month, filed.day) or latest
    return latest


def _year(text: str, anchor: date | None) -> int | None:
    if not text.isdigit():
        return None
    year = int(text)
    if len(text) == 2:
        century = (anchor.year // 100 * 100) if anchor else 2000
        year = century + year
        if anchor and year > anchor.year + 1:
            year -= 100
        return year
    return year if len(text) == 4 and 1800 < year < 2200 else None


def _day(text: str) -> int | None:
    text = text.lower().removesuffix("er").rstrip(".")
    text = _ORDINAL.sub("", text)
    return int(text) if text.isdigit() and 1 <= int(text) <= 31 else None


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _last_on_or_before(month: int, day: int, anchor: date) -> int:
    """The year of the last such day on or before publication."""
    return anchor.year if (month, day) <= (anchor.month, anchor.day) else anchor.year - 1


def _first_on_or_after(month: int, day: int, anchor: date) -> int:
    """The year of the first such day on or after publication (a clause about the future)."""
    return anchor.year if (month, day) >= (anchor.month, anchor.day) else anchor.year + 1


def _year_of(month: int, day: int, anchor: date, ahead: bool) -> int:
    return (_first_on_or_after if ahead else _last_on_or_before)(month, day, anchor)


def _add_months(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


_NUMERIC = re.compile(r"^(\d{1,2})[/.](\d{1,2})(?:[/.](\d{2,4}))?$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
# "March 3-5": the tokenizer splits a hyphen between days, not an en dash ("3–5").
_DASHES = frozenset({"-", "–"})
# What joins number words in a compound ("vingt et un", "twenty-one"); word_value skips them.
_NUMBER_JOINS = frozenset({"-", "et", "and"})
_DAY_RANGE = re.compile(r"^(\d{1,2})(?:st|nd|rd|th|er)?[-–](\d{1,2})(?:st|nd|rd|th)?$")


@dataclass(frozen=True)
class _Ctx:
    """What every form reads: the sentence's tokens, the language's words, the anchor."""

    toks: Sequence[Token]
    words: DateWords
    anchor: date | None
    lowers: Sequence[str]
    keys: list[str]  # each token's phrase key
    sent: Span
    lang: str
    look_back: bool  # whether "la veille" may read the day of an earlier sentence
    found: list[DateMention]  # the dates found so far in the sentence, for "la veille"

    @classmethod
    def of(cls, sent: Span, lang: str, anchor: date | None, look_back: bool = True) -> _Ctx:
        words = words_of(sent)
        toks, lowers = words.tokens, words.lowers
        keys = [_key(t) for t in lowers]
        return cls(toks, date_words(lang), anchor, lowers, keys, sent, lang, look_back, [])

    def ahead(self, i: int) -> bool:
        """Whether the clause of token ``i`` tells of the future ("will meet on Friday")."""
        return i < len(self.toks) and clause_ahead(self.toks[i], self.words)

    def lower(self, i: int) -> str:
        return self.lowers[i] if i < len(self.lowers) else ""

    def month(self, i: int) -> int | None:
        """The month a token names ("février", "Feb.", "janv."), or None."""
        low = self.lower(i)
        return self.words.months.get(low, self.words.months.get(low.rstrip(".")))

    def phrase(self, i: int, table: Container[str]) -> int:
        """How many tokens from ``i`` make the longest phrase of the table (0: none)."""
        best, key = 0, ""
        for n in range(1, min(self.words.longest, len(self.keys) - i) + 1):
            part = self.keys[i + n - 1]
            if not part and n == 1:
                break  # a phrase neither starts nor ends on a lone hyphen
            key += part
            if key not in self.words.prefixes:
                break
            if part and key in table:
                best = n
        return best

    def key(self, i: int, width: int) -> str:
        """The phrase key of ``width`` tokens from ``i``."""
        return "".join(self.keys[i : i + width])

    def mention(self, i: int, width: int, value: str, precision: str, reason: str) -> DateMention:
        start = self.toks[i].i
        return DateMention(start, start + width, value, precision, reason)

    def text(self, i: int, width: int) -> str:
        return " ".join(t.text for t in self.toks[i : i + width])


_Form = Callable[[_Ctx, int], DateMention | None]


_DIGIT = re.compile(r"\d")
_CACHE_KEY = "eventwire.dates"


def find_dates(
    sent: Span, lang: str, anchor: date | None, look_back: bool = True
) -> list[DateMention]:
    """The date mentions of a sentence (copies: the coder asks for the same sentence several
    times, so the answers are kept on the Doc)."""
    cache = sent.doc.user_data.setdefault(_CACHE_KEY, {})
    key = (sent.start, sent.end, lang, anchor, look_back)
    found = cache.get(key)
    if found is None:
        found = cache[key] = _find_dates(sent, lang, anchor, look_back)
    return [copy.copy(m) for m in found]


def _find_dates(sent: Span, lang: str, anchor: date | None, look_back: bool) -> list[DateMention]:
    ctx = _Ctx.of(sent, lang, anchor, look_back)
    i = 0
    while i < len(ctx.toks):
        if not _may_start(ctx, i):
            i += 1  # most words start no date: skip them before trying every form
            continue
        found = next((m for form in _FORMS if (m := form(ctx, i)) is not None), None)
        if found:
            width = found.end - found.start
            if not _converted(ctx, i):
                found.dateline = _dateline(ctx, i, i + width)
                found.ahead = found.ahead or ctx.ahead(i)
                ctx.found.append(found)
            i += width
        else:
            i += 1
    return ctx.found


def _may_start(ctx: _Ctx, i: int) -> bool:
    """Whether any form could start at token ``i``: a digit (days, years, counts, ranges), a
    month, a weekday, a number word, or the first word of a phrase of the date tables."""
    low = ctx.lowers[i]
    return (
        (not low.isalpha() and any(c.isdigit() for c in low))  # (most words: letters only)
        or ctx.keys[i] in ctx.words.prefixes
        or ctx.month(i) is not None
        or low.rstrip(".") in ctx.words.weekdays
        or low in ctx.words.numbers
    )


_DASH_CHARS = frozenset("-—–")
_OPEN, _CLOSE = frozenset({"(", "["}), frozenset({")", "]"})


def _dateline(ctx: _Ctx, i: int, end: int) -> bool:
    """Whether the date at ``i`` heads a dateline: "PARIS, 28 novembre (Reuters) -",
    "SAN SALVADOR, 4 JAN 90 --", or a place in capitals, a comma and the day opening the
    sentence before the story's first word ("MEXICO CITY, Sept 4 Mexican marines ...")."""
    if i > 12:
        return False
    j = end
    if ctx.lower(j) in _OPEN:
        close = next(
            (k for k in range(j + 1, min(j + 10, len(ctx.toks))) if ctx.lower(k) in _CLOSE), None
        )
        if close is None:
            return False
        j = close + 1
    if j < len(ctx.toks) and set(ctx.toks[j].text) <= _DASH_CHARS:
        return True
    if not 2 <= i <= 8 or ctx.lower(i - 1) != ",":
        return False
    place = ctx.toks[: i - 1]
    # the story's first word next, or a sentence of its own
    return (j >= len(ctx.toks) or ctx.toks[j].text[:1].isupper()) and all(
        (t.pos_ == "PROPN" or t.text.isupper() or not t.is_alpha)
        and t.lower_ not in ctx.words.weekdays
        for t in place
    )


def _converted(ctx: _Ctx, i: int) -> bool:
    """A day in brackets after a time zone ("[0100 GMT ON 16 JAN]"): the hour told in
    another zone, not another day of the event."""
    for k in range(i - 1, max(i - 6, -1), -1):
        if ctx.lower(k) in _CLOSE:
            return False
        if ctx.lower(k) in _OPEN:
            return any(ctx.lower(m) in ctx.words.zones for m in range(k + 1, i))
    return False


# --------------------------------------------------------------------------- tense


def clause_verb(tok: Token) -> Token:
    """The verb whose clause a word belongs to: up through its prepositions and nouns."""
    cur = tok
    for _ in range(8):
        if cur.head.i == cur.i:
            return cur
        cur = cur.head
        if cur.pos_ == "VERB" or (cur.pos_ == "AUX" and not cur.dep_.startswith(("aux", "cop"))):
            return cur
    return cur


def _tense_past(verb: Token) -> bool:
    """ "a dû", "went", "was going": a governor in a past tense."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "aux:tense")]
    if any(set(a.morph.get("Tense")) & {"Past", "Imp"} for a in auxes):
        return True
    if auxes and "Part" in verb.morph.get("VerbForm"):
        return "Past" in verb.morph.get("Tense")  # a perfect: "a dû", "has gone"
    return (
        not auxes
        and bool(set(verb.morph.get("Tense")) & {"Past", "Imp"})
        and ("Fin" in verb.morph.get("VerbForm"))
    )


def _conditional(verb: Token) -> bool:
    """ "se réuniraient", "would meet": a conditional that is no past ("aurait bombardé")."""
    if "Part" in verb.morph.get("VerbForm"):
        return False
    auxes = [c for c in verb.children if c.dep_.startswith("aux")]
    if "Cnd" in verb.morph.get("Mood") or any(a.lower_ in ("would", "'d") for a in auxes):
        return True
    # The French parser reads some conditionals as presents: the ending on the infinitive.
    lemma = verb.lemma_.lower()
    stem = lemma[:-1] if lemma.endswith("re") else lemma
    low = verb.lower_
    return low.startswith(stem) and low[len(stem) :] in ("ais", "ait", "aient", "ions", "iez")


def tells_future(tok: Token, lang: str) -> bool:
    """Whether the clause of a word (an event's trigger) tells of the future."""
    return clause_ahead(tok, date_words(lang))


def date_hook(mention: DateMention, doc: Doc) -> Token:
    """The word a date modifies: past its preposition ("on Tuesday" -> "repeated")."""
    span = doc[mention.start : mention.end]
    root = span.root
    head = root.head
    if head.pos_ == "ADP" and head.head.i != head.i:
        head = head.head
    return head


def clause_ahead(tok: Token, words: DateWords, depth: int = 2) -> bool:
    """Whether a word's clause tells of the future: a future tense or auxiliary ("se
    rencontreront", "will meet"), a conditional reported ("a dit qu'ils se réuniraient"),
    an infinitive planned or promised ("prévoit de lever", "ont convenu de se rencontrer",
    "vont se réunir", "are scheduled to meet"), a thing planned ("la réunion prévue mardi")."""
    verb = tok if tok.pos_ in ("VERB", "AUX") else clause_verb(tok)
    auxes = [c for c in verb.children if c.dep_.startswith("aux")]
    if any("Fut" in m.get("Tense") for m in (verb.morph, *(a.morph for a in auxes))):
        return True
    if any(a.lower_ in words.future or a.lemma_.lower() in words.future for a in auxes):
        return True
    if verb.dep_ == "ccomp" and _conditional(verb):
        return True
    how = words.ahead.get(verb.lemma_.lower())
    if (
        how == "any"
        and "Part" in verb.morph.get("VerbForm")
        and (
            verb.dep_ in ("acl", "amod")
            or any(c.dep_ in ("auxpass", "aux:pass") for c in verb.children)
        )
        # "is scheduled for Friday", not "had been planned since September"
        and not any(set(a.morph.get("Tense")) & {"Past", "Imp"} for a in auxes)
    ):
        return True  # "the talks scheduled for Friday", "la réunion prévue mardi"
    if "Inf" in verb.morph.get("VerbForm") and verb.dep_ == "xcomp" and verb.head.i != verb.i:
        gov = verb.head
        how = words.ahead.get(gov.lemma_.lower())
        if how == "any" or (how == "now" and not _tense_past(gov)):
            return True
        return depth > 0 and clause_ahead(gov, words, depth - 1)  # "will try to meet"
    return False


# --------------------------------------------------------------------------- explicit dates


@dataclass(frozen=True)
class _Part:
    """One end of a date as written: its day, and its month and year when given."""

    day: int
    month: int | None
    year: int | None
    end: int  # index of the token after it


def _part(ctx: _Ctx, i: int) -> _Part | None:
    """A day written "3", "3 mars", "3 March 2017", "March 3" or "March 3, 2017"."""
    if i >= len(ctx.toks):
        return None
    if day := _day(ctx.toks[i].text):
        month = ctx.month(i + 1)
        if month is None:
            # "from March 3 to 5, 2015": the year after the last day of a span.
            year, end = _year_at(ctx, i + 1, comma=True) if ctx.words.month_day else (None, i + 1)
            return _Part(day, None, year, end)
        year, end = _year_at(ctx, i + 2, comma=False)
        return _Part(day, month, year, end)
    month = ctx.month(i)
    if month is None or not ctx.words.month_day or not (day := _day(ctx.lower(i + 1))):
        return None
    year, end = _year_at(ctx, i + 2, comma=True)
    return _Part(day, month, year, end)


def _year_at(ctx: _Ctx, i: int, comma: bool) -> tuple[int | None, int]:
    """The year written at ``i`` if any, and the index after the date."""
    # "February 10, 2017": the comma belongs to the date only when a year follows it.
    at = i + 1 if comma and ctx.lower(i) == "," else i
    year = _year(ctx.toks[at].text, ctx.anchor) if at < len(ctx.toks) else None
    return (year, at + 1) if year else (None, i)


def _explicit(ctx: _Ctx, i: int) -> DateMention | None:
    """10 février 2017 / 4 JAN 90 / 10 février / February 10, 2017 / Feb. 10."""
    part = _part(ctx, i)
    if part is None or part.month is None:
        return None
    year, ahead = part.year, False
    if year is None and ctx.anchor is not None:
        ahead = ctx.ahead(i)
        year = _year_of(part.month, part.day, ctx.anchor, ahead)
    d = _safe(year, part.month, part.day) if year else None
    if d is None:
        return None
    width = part.end - i
    reason = f"date {ctx.text(i, width)!r}" + (
        ", the next one: its clause is ahead" if ahead else ""
    )
    found = ctx.mention(i, width, d.isoformat(), "day", reason)
    found.ahead = ahead
    return found


def _month(ctx: _Ctx, i: int) -> DateMention | None:
    """en septembre 2015 / in September 2015 / septembre dernier."""
    month = ctx.month(i)
    if month is None or (ctx.words.month_day and _day(ctx.lower(i + 1))):
        return None  # "September 29" is a day, even one without a year to resolve it
    tok = ctx.toks[i]
    year = _year(ctx.toks[i + 1].text, ctx.anchor) if i + 1 < len(ctx.toks) else None
    if year:
        reason = f"month and year {ctx.text(i, 2)}"
        return ctx.mention(i, 2, f"{year:04d}-{month:02d}", "month", reason)
    # "may" and "Mar" are words too: a month alone must be spelt out, capitalised in English;
    # a short one ("mai", "May") only after a preposition of time ("en mai", "in May").
    spelt = len(tok.text) > 3 or (i > 0 and ctx.lower(i - 1) in ctx.words.year_before)
    if ctx.anchor and spelt and (not ctx.words.month_day or tok.text[:1].isupper()):
        # "janvier prochain", "next January": never the month of publication
        marked = _next_marked(ctx, i)
        ahead = marked or ctx.ahead(i)
        if ahead:
            after = month > ctx.anchor.month or (month == ctx.anchor.month and not marked)
            year = ctx.anchor.year if after else ctx.anchor.year + 1
            reason = f"month {tok.text!r}, the next one: its clause is ahead"
        else:
            year = ctx.anchor.year if month <= ctx.anchor.month else ctx.anchor.year - 1
            reason = f"month {tok.text!r}, the last one on or before publication"
        found = ctx.mention(
            i, 1 + int(marked == "after"), f"{year:04d}-{month:02d}", "month", reason
        )
        found.ahead = ahead
        return found
    return None


def _numeric(ctx: _Ctx, i: int) -> DateMention | None:
    """10/02, 03.04.2016 (day first) and ISO 2017-02-10."""
    text = ctx.toks[i].text
    if m := _NUMERIC.match(text):
        day, month = int(m.group(1)), int(m.group(2))
        year = _year(m.group(3), ctx.anchor) if m.group(3) else None
        if year is None and not m.group(3) and ctx.anchor is not None:
            year = ctx.anchor.year
        if year and (d := _safe(year, month, day)):
            reason = f"numeric date {text!r} read day-month"
            return ctx.mention(i, 1, d.isoformat(), "day", reason)
    elif (m := _ISO.match(text)) and (d := _safe(*(int(g) for g in m.groups()))):
        return ctx.mention(i, 1, d.isoformat(), "day", f"ISO date {text!r}")
    return None


def _bare_year(ctx: _Ctx, i: int) -> DateMention | None:
    """en 2016 / since 2016: a four-digit number after a preposition of time."""
    text = ctx.toks[i].text
    year = _year(text, None)
    if year and len(text) == 4 and i > 0 and ctx.lower(i - 1) in ctx.words.year_before:
        return ctx.mention(i, 1, f"{year:04d}", "year", f"year {text}")
    return None


# --------------------------------------------------------------------------- spans


def _span_ends(
    first: _Part, last: _Part, anchor: date | None, ahead: bool = False
) -> tuple[date, date] | None:
    """The two days of a span, each end lending the other what it leaves out."""
    month_a, month_b = first.month or last.month, last.month or first.month
    if month_a is None or month_b is None:
        return None  # "from 3 to 5 people"
    backwards = (month_a, first.day) > (month_b, last.day)  # "du 28 décembre au 2 janvier"
    year_a, year_b = first.year, last.year
    if year_a is None and year_b is not None:
        year_a = year_b - int(backwards)
    elif year_a is None and anchor is not None:
        year_a = _year_of(month_a, first.day, anchor, ahead)
    if year_a is None:
        return None
    start = _safe(year_a, month_a, first.day)
    end = _safe(year_b or year_a + int(backwards), month_b, last.day)
    return (start, end) if start and end and start < end else None


def _span_mention(ctx: _Ctx, i: int, end: int, first: _Part, last: _Part) -> DateMention | None:
    ahead = first.year is None and last.year is None and ctx.ahead(i)
    days = _span_ends(first, last, ctx.anchor, ahead)
    if days is None:
        return None
    text = ctx.text(i, end - i)
    if i > 0 and ctx.lower(i - 1) in ctx.words.nights:
        # "dans la nuit du 11 au 12 janvier": one night, dated by the day it ends on.
        return ctx.mention(i, end - i, days[1].isoformat(), "day", f"night {text!r}, its end")
    found = ctx.mention(i, end - i, days[0].isoformat(), "day", f"span {text!r}, its first day")
    found.end_value = days[1].isoformat()
    return found


def _skip_fillers(ctx: _Ctx, i: int) -> int:
    while i < len(ctx.toks) and ctx.lower(i) in ctx.words.fillers:
        i += 1
    return i


def _worded_span(ctx: _Ctx, i: int) -> DateMention | None:
    """du 3 au 5 mars / entre le 3 et le 5 mars / from March 3 to 5 / between 3 and 5 March."""
    width = ctx.phrase(i, ctx.words.spans)
    if not width:
        return None
    joins = ctx.words.spans[ctx.key(i, width)]
    first = _part(ctx, _skip_fillers(ctx, i + width))
    if first is None:
        return None
    width = ctx.phrase(first.end, joins)
    last = _part(ctx, _skip_fillers(ctx, first.end + width)) if width else None
    return _span_mention(ctx, i, last.end, first, last) if last else None


def _dashed_span(ctx: _Ctx, i: int) -> DateMention | None:
    """March 3-5 / 3-5 mars / Feb. 28-March 2: a hyphen glued to both ends."""
    first = _part(ctx, i)
    if first is None or first.end + 1 >= len(ctx.toks):
        return None
    dash = ctx.toks[first.end]
    if dash.text not in _DASHES or ctx.toks[first.end - 1].whitespace_ or dash.whitespace_:
        return None
    last = _part(ctx, first.end + 1)
    return _span_mention(ctx, i, last.end, first, last) if last else None


def _range_token(ctx: _Ctx, i: int, start: int, month: int) -> DateMention | None:
    """A one-token range of days at ``i`` ("3–5"), in ``month``, the mention from ``start``."""
    m = _DAY_RANGE.match(ctx.toks[i].text) if i < len(ctx.toks) else None
    if m is None:
        return None
    after = i + 2 if start == i else i + 1  # past the month when it follows the days
    year, end = _year_at(ctx, after, comma=start < i)
    first, last = _Part(int(m.group(1)), month, year, i), _Part(int(m.group(2)), month, year, end)
    return _span_mention(ctx, start, end, first, last)


def _month_then_range(ctx: _Ctx, i: int) -> DateMention | None:
    """March 3–5: the tokenizer keeps an en dash between digits in one token."""
    month = ctx.month(i) if ctx.words.month_day else None
    return _range_token(ctx, i + 1, i, month) if month else None


def _range_then_month(ctx: _Ctx, i: int) -> DateMention | None:
    """3–5 mars / 3–5 March."""
    month = ctx.month(i + 1)
    return _range_token(ctx, i, i, month) if month else None


# --------------------------------------------------------------------------- relative days


def _match_weekday(found: DateMention, weekday: int) -> None:
    """A day written without its year but with its weekday is in the year, next to the one
    read, where the two agree ("vendredi 6 mars" read from a story's own latest day)."""
    day = date.fromisoformat(found.value)
    if day.weekday() == weekday:
        return
    for year in (day.year - 1, day.year + 1):
        other = _safe(year, day.month, day.day)
        if other is not None and other.weekday() == weekday:
            found.value = other.isoformat()
            found.reason += f", in {year}: the year its weekday fits"
            return


def _next_marked(ctx: _Ctx, i: int) -> str | None:
    """ "after" for "mardi prochain", "before" for "next Tuesday", else None."""
    if ctx.words.next.get(ctx.lower(i + 1)) == "after":
        return "after"
    if i > 0 and ctx.words.next.get(ctx.lower(i - 1)) == "before":
        return "before"
    return None


def _weekday(ctx: _Ctx, i: int) -> DateMention | None:
    """jeudi / mardi dernier / last Tuesday: the last such day on or before publication;
    mardi prochain / next Tuesday / "will meet on Friday": the next one."""
    tok, anchor = ctx.toks[i], ctx.anchor
    weekday = ctx.words.weekdays.get(tok.lower_.rstrip("."))
    if weekday is None:
        return None
    opener = ctx.lower(i - 1) if i >= 2 and ctx.lower(i - 2) in ctx.words.nights else ""
    join = ctx.words.night_spans.get(opener)
    if join and ctx.lower(i + 1) == join and ctx.lower(i + 2) in ctx.words.weekdays:
        # "dans la nuit de dimanche à lundi": one night, dated by the day it ends on
        found = _weekday(ctx, i + 2)
        if found is not None:
            found.reason = f"night {ctx.text(i - 1, 4)!r}, its end: {found.reason}"
            found.start = tok.i
        return found
    # "Vendredi 1er février", "Tuesday, March 3": the date says the day, the weekday adds none.
    at = i + 2 if ctx.lower(i + 1) == "," else i + 1
    part = _part(ctx, at)
    if part is not None and part.month is not None:
        found = _explicit(ctx, at)
        if found is not None:
            found.start = tok.i
            if part.year is None:
                _match_weekday(found, weekday)
        return found
    if anchor is None:
        return None
    marked = ctx.words.past.get(ctx.lower(i + 1)) == "after" or (
        i > 0 and ctx.words.past.get(ctx.lower(i - 1)) == "before"
    )
    following = _next_marked(ctx, i)
    if following or (not marked and ctx.ahead(i)):
        days = (weekday - anchor.weekday()) % 7
        if following and days == 0:
            days = 7  # "vendredi prochain" in Friday's paper is a week ahead
        d = anchor + timedelta(days=days)
        reason = f"{tok.text!r}: the next {tok.text} on or after publication {anchor}"
        found = ctx.mention(i, 1, d.isoformat(), "day", reason)
        found.ahead = True
        if following == "after":
            found.end += 1
        return found
    back = (anchor.weekday() - weekday) % 7
    if marked and back == 0:
        back = 7  # "vendredi dernier" in Friday's paper is a week ago
    d = anchor - timedelta(days=back)
    reason = f"{tok.text!r}: the last {tok.text} on or before publication {anchor}"
    return ctx.mention(i, 1, d.isoformat(), "day", reason)


def _calendar_phrase(ctx: _Ctx, i: int, table: Container[str]) -> int:
    """The width of a relative or period phrase at ``i`` that is really one (0: none)."""
    if ctx.anchor is None:
        return 0
    width = ctx.phrase(i, table)
    if not width:
        return 0
    if i > 0 and ctx.lower(i - 1) in ctx.words.not_before:
        return 0  # "the last week of the campaign"
    if ctx.lower(i + width) in ctx.words.not_after:
        return 0  # "ce matin-là"
    return width


def _relative(ctx: _Ctx, i: int) -> DateMention | None:
    """hier / avant-hier / the day before yesterday / ce matin / last night / tomorrow."""
    width = _calendar_phrase(ctx, i, ctx.words.relative)
    if not width or ctx.anchor is None:
        return None
    d = ctx.anchor + timedelta(days=ctx.words.relative[ctx.key(i, width)])
    reason = f"{ctx.text(i, width)!r} from publication {ctx.anchor}"
    return ctx.mention(i, width, d.isoformat(), "day", reason)


def _anaphor(ctx: _Ctx, i: int) -> DateMention | None:
    """la veille / le lendemain / the day before / the next day: from the last day the
    story dated before it (in this sentence or a few before), not from publication."""
    width = ctx.phrase(i, ctx.words.anaphors)
    if not width or ctx.lower(i + width) in ctx.words.anaphor_not_after:
        return None  # "la veille du scrutin": the eve of a thing, not of a date
    before = _last_day(ctx)
    if before is None:
        return None
    offset = ctx.words.anaphors[ctx.key(i, width)]
    d = date.fromisoformat(before.value) + timedelta(days=offset)
    reason = f"{ctx.text(i, width)!r}: {offset:+d} day from {before.value} ({before.reason})"
    return ctx.mention(i, width, d.isoformat(), "day", reason)


def _last_day(ctx: _Ctx) -> DateMention | None:
    """The last day the story dated before this point, the dateline's aside."""
    days = [d for d in ctx.found if d.precision == "day" and not d.dateline]
    if days or not ctx.look_back:
        return days[-1] if days else None
    doc, start = ctx.sent.doc, ctx.sent.start
    earlier = [s for s in sentences_of(doc) if s.end <= start][-4:]
    for sent in reversed(earlier):
        found = find_dates(sent, ctx.lang, ctx.anchor, look_back=False)
        days = [d for d in found if d.precision == "day" and not d.dateline]
        if days:
            return days[-1]
    return None


def _period(ctx: _Ctx, i: int) -> DateMention | None:
    """last week / la semaine dernière / le mois dernier / l'an dernier."""
    width = _calendar_phrase(ctx, i, ctx.words.periods)
    if not width or ctx.anchor is None:
        return None
    unit, offset = ctx.words.periods[ctx.key(i, width)]
    value, end_value = _calendar_unit(ctx.anchor, unit, offset)
    reason = f"{ctx.text(i, width)!r}: the {unit} {offset:+d} from publication {ctx.anchor}"
    found = ctx.mention(i, width, value, unit, reason)
    found.end_value = end_value
    return found


def _calendar_unit(anchor: date, unit: str, offset: int) -> tuple[str, str | None]:
    """The value of the week, month or year ``offset`` from the publication's."""
    if unit == "week":
        monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=offset)
        return monday.isoformat(), (monday + timedelta(days=6)).isoformat()
    if unit == "month":
        year, month = _add_months(anchor, offset)
        return f"{year:04d}-{month:02d}", None
    return f"{anchor.year + offset:04d}", None


# --------------------------------------------------------------------------- "il y a deux jours"


def _count(ctx: _Ctx, i: int) -> tuple[int, int] | None:
    """A count at ``i`` in digits or number words ("3", "deux", "vingt et un", "a"), with
    the index of the token after it."""
    text = ctx.toks[i].text if i < len(ctx.toks) else ""
    if text.isdigit():
        return int(text), i + 1
    if text.lower() not in ctx.words.numbers:
        return None
    # Imported here: eventwire.coder imports this module.
    from eventwire.coder.numbers import word_value

    end = i
    while end < len(ctx.toks) and (
        ctx.lower(end) in ctx.words.numbers or (end > i and ctx.lower(end) in _NUMBER_JOINS)
    ):
        end += 1
    value = word_value([t.text for t in ctx.toks[i:end]], ctx.words.numbers) if end > i else None
    return (value, end) if value else None


def _ago_value(anchor: date, count: int, unit: str) -> tuple[str, str]:
    if unit in ("day", "week"):
        days = count * (7 if unit == "week" else 1)
        return (anchor - timedelta(days=days)).isoformat(), "day"
    if unit == "month":
        year, month = _add_months(anchor, -count)
        return f"{year:04d}-{month:02d}", "month"
    return f"{anchor.year - count:04d}", "year"


def _ago_mention(ctx: _Ctx, i: int, end: int, count: int, unit: str) -> DateMention:
    assert ctx.anchor is not None
    value, precision = _ago_value(ctx.anchor, count, unit)
    reason = f"{ctx.text(i, end - i)!r}: {count} {unit}(s) before publication {ctx.anchor}"
    return ctx.mention(i, end - i, value, precision, reason)


def _ago_before(ctx: _Ctx, i: int) -> DateMention | None:
    """il y a deux jours / il y a une semaine / il y a 3 jours de cela."""
    width = ctx.phrase(i, ctx.words.ago)
    if not width or ctx.anchor is None or ctx.words.ago[ctx.key(i, width)] != "before":
        return None
    counted = _count(ctx, i + width)
    if counted is None or (unit := ctx.words.units.get(ctx.lower(counted[1]))) is None:
        return None
    end = counted[1] + 1
    if tail := ctx.phrase(end, ctx.words.ago_tails):
        end += tail
    elif ctx.lower(end) in ctx.words.ago_not_after:
        return None  # "il y a deux jours de marche": there are, not ago
    return _ago_mention(ctx, i, end, counted[0], unit)


def _ago_after(ctx: _Ctx, i: int) -> DateMention | None:
    """two days ago / 3 days ago / a week ago."""
    if ctx.anchor is None:
        return None
    counted = _count(ctx, i)
    if counted is None or (unit := ctx.words.units.get(ctx.lower(counted[1]))) is None:
        return None
    width = ctx.phrase(counted[1] + 1, ctx.words.ago)
    key = ctx.key(counted[1] + 1, width)
    if not width or ctx.words.ago[key] != "after":
        return None
    return _ago_mention(ctx, i, counted[1] + 1 + width, counted[0], unit)


# The forms tried at each token, in order: the longer and more specific first.
_FORMS: tuple[_Form, ...] = (
    _worded_span,
    _dashed_span,
    _month_then_range,
    _range_then_month,
    _explicit,
    _month,
    _numeric,
    _weekday,
    _relative,
    _anaphor,
    _period,
    _ago_before,
    _ago_after,
    _bare_year,
)
