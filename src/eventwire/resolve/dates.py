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
its first day).  The words of each form live in ``data/<lang>/dates.tsv``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources

from spacy.tokens import Span, Token


@dataclass
class DateMention:
    start: int  # token indices in the Doc
    end: int
    value: str  # YYYY-MM-DD, YYYY-MM or YYYY
    precision: str  # day, week, month, year
    reason: str
    end_value: str | None = None  # the last day of a span or a week


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
    year_before: frozenset[str]
    month_day: bool  # "February 10" as well as "10 February"
    numbers: dict[str, int]
    longest: int  # the most tokens a phrase may span
    prefixes: frozenset[str]  # every start of a phrase key: a search stops when it leaves them


_KINDS = (
    "weekday", "month", "past", "relative", "period", "not_after", "not_before", "ago",
    "ago_tail", "ago_not_after", "unit", "span", "filler", "night", "year_before", "option",
)  # fmt: skip
_PHRASE_KINDS = ("relative", "period", "ago", "ago_tail", "span")


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
        year_before=frozenset(tables["year_before"]),
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

    toks: list[Token]
    words: DateWords
    anchor: date | None
    lowers: list[str]
    keys: list[str]  # each token's phrase key

    @classmethod
    def of(cls, sent: Span, lang: str, anchor: date | None) -> _Ctx:
        toks = list(sent)
        lowers = [t.lower_ for t in toks]
        return cls(toks, date_words(lang), anchor, lowers, [_key(t) for t in lowers])

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


def find_dates(sent: Span, lang: str, anchor: date | None) -> list[DateMention]:
    ctx = _Ctx.of(sent, lang, anchor)
    out: list[DateMention] = []
    i = 0
    while i < len(ctx.toks):
        found = next((m for form in _FORMS if (m := form(ctx, i)) is not None), None)
        if found:
            out.append(found)
            i += found.end - found.start
        else:
            i += 1
    return out


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
    year = part.year
    if year is None and ctx.anchor is not None:
        year = _last_on_or_before(part.month, part.day, ctx.anchor)
    d = _safe(year, part.month, part.day) if year else None
    if d is None:
        return None
    width = part.end - i
    return ctx.mention(i, width, d.isoformat(), "day", f"date {ctx.text(i, width)!r}")


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
    # "may" and "Mar" are words too: a month alone must be spelt out, capitalised in English.
    if ctx.anchor and len(tok.text) > 3 and (not ctx.words.month_day or tok.text[:1].isupper()):
        year = ctx.anchor.year if month <= ctx.anchor.month else ctx.anchor.year - 1
        reason = f"month {tok.text!r}, the last one on or before publication"
        return ctx.mention(i, 1, f"{year:04d}-{month:02d}", "month", reason)
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


def _span_ends(first: _Part, last: _Part, anchor: date | None) -> tuple[date, date] | None:
    """The two days of a span, each end lending the other what it leaves out."""
    month_a, month_b = first.month or last.month, last.month or first.month
    if month_a is None or month_b is None:
        return None  # "from 3 to 5 people"
    backwards = (month_a, first.day) > (month_b, last.day)  # "du 28 décembre au 2 janvier"
    year_a, year_b = first.year, last.year
    if year_a is None and year_b is not None:
        year_a = year_b - int(backwards)
    elif year_a is None and anchor is not None:
        year_a = _last_on_or_before(month_a, first.day, anchor)
    if year_a is None:
        return None
    start = _safe(year_a, month_a, first.day)
    end = _safe(year_b or year_a + int(backwards), month_b, last.day)
    return (start, end) if start and end and start < end else None


def _span_mention(ctx: _Ctx, i: int, end: int, first: _Part, last: _Part) -> DateMention | None:
    days = _span_ends(first, last, ctx.anchor)
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


def _weekday(ctx: _Ctx, i: int) -> DateMention | None:
    """jeudi / mardi dernier / last Tuesday: the last such day on or before publication."""
    tok, anchor = ctx.toks[i], ctx.anchor
    weekday = ctx.words.weekdays.get(tok.lower_.rstrip("."))
    if weekday is None or anchor is None:
        return None
    back = (anchor.weekday() - weekday) % 7
    marked = ctx.words.past.get(ctx.lower(i + 1)) == "after" or (
        i > 0 and ctx.words.past.get(ctx.lower(i - 1)) == "before"
    )
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
    _period,
    _ago_before,
    _ago_after,
    _bare_year,
)
