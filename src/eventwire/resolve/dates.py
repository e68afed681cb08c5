"""Date expressions in French and English, anchored to the publication date the way news uses them.

"jeudi" in a story published on Friday 10 February 2017 is Thursday 9 February: the last
such weekday on or before publication (dateparser prefers the next one).  Explicit dates
are read in day-month order for French and numeric forms; a month or a year alone gives
that precision.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources

from spacy.tokens import Span


@dataclass
class DateMention:
    start: int  # token indices in the Doc
    end: int
    value: str  # YYYY-MM-DD, YYYY-MM or YYYY
    precision: str  # day, month, year
    reason: str
    end_value: str | None = None


@dataclass(frozen=True)
class DateWords:
    weekdays: dict[str, int]
    months: dict[str, int]
    relative: dict[str, int]
    past: frozenset[str]


@lru_cache(maxsize=4)
def date_words(lang: str) -> DateWords:
    text = (resources.files("eventwire") / "data" / lang / "dates.tsv").read_text(encoding="utf-8")
    tables: dict[str, dict[str, int]] = {"weekday": {}, "month": {}, "relative": {}, "past": {}}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, kind, value = line.split("\t")[:3]
        tables[kind][word.strip().lower()] = int(value)
    return DateWords(
        tables["weekday"], tables["month"], tables["relative"], frozenset(tables["past"])
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
    text = re.sub(r"(st|nd|rd|th)$", "", text)
    return int(text) if text.isdigit() and 1 <= int(text) <= 31 else None


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


_NUMERIC = re.compile(r"^(\d{1,2})[/.](\d{1,2})(?:[/.](\d{2,4}))?$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def find_dates(sent: Span, lang: str, anchor: date | None) -> list[DateMention]:
    words = date_words(lang)
    toks = list(sent)
    out: list[DateMention] = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        low = tok.lower_.rstrip(".") if tok.lower_ not in words.months else tok.lower_
        found: DateMention | None = None
        nxt = [t.lower_ for t in toks[i + 1 : i + 4]]
        # 10 février 2017 / 4 JAN 90 / 10 février
        if (
            _day(tok.text)
            and nxt
            and (nxt[0] in words.months or nxt[0].rstrip(".") in words.months)
        ):
            month = words.months.get(nxt[0], words.months.get(nxt[0].rstrip(".")))
            year = _year(nxt[1], anchor) if len(nxt) > 1 else None
            found = _build(toks, i, 3 if year else 2, _day(tok.text), month, year, anchor)
        # February 10, 2017 / Feb. 10
        elif low in words.months and nxt and _day(nxt[0]) and lang == "en":
            skip = 2
            year = None
            rest = [t.text for t in toks[i + 2 : i + 4]]
            if rest and rest[0] == ",":
                rest = rest[1:]
                skip += 1
            if rest and _year(rest[0], anchor):
                year = _year(rest[0], anchor)
                skip += 1
            found = _build(toks, i, skip, _day(nxt[0]), words.months[low], year, anchor)
        # en septembre 2015 / in September 2015 / septembre dernier
        elif low in words.months:
            year = _year(nxt[0], anchor) if nxt else None
            if year:
                found = DateMention(
                    tok.i,
                    tok.i + 2,
                    f"{year:04d}-{words.months[low]:02d}",
                    "month",
                    f"month and year {tok.text} {toks[i + 1].text}",
                )
            elif anchor and len(tok.text) > 3 and (lang != "en" or tok.text[:1].isupper()):
                month = words.months[low]
                year = anchor.year if month <= anchor.month else anchor.year - 1
                found = DateMention(
                    tok.i,
                    tok.i + 1,
                    f"{year:04d}-{month:02d}",
                    "month",
                    f"month {tok.text!r}, the last one on or before publication",
                )
        elif m := _NUMERIC.match(tok.text):
            day, month = int(m.group(1)), int(m.group(2))
            year = _year(m.group(3), anchor) if m.group(3) else (anchor.year if anchor else None)
            if year and (d := _safe(year, month, day)):
                found = DateMention(
                    tok.i,
                    tok.i + 1,
                    d.isoformat(),
                    "day",
                    f"numeric date {tok.text!r} read day-month",
                )
        elif m := _ISO.match(tok.text):
            if d := _safe(int(m.group(1)), int(m.group(2)), int(m.group(3))):
                found = DateMention(
                    tok.i, tok.i + 1, d.isoformat(), "day", f"ISO date {tok.text!r}"
                )
        elif low in words.weekdays and anchor:
            back = (anchor.weekday() - words.weekdays[low]) % 7
            if nxt and nxt[0] in words.past and back == 0:
                back = 7
            d = anchor - timedelta(days=back)
            found = DateMention(
                tok.i,
                tok.i + 1,
                d.isoformat(),
                "day",
                f"{tok.text!r}: the last {tok.text} on or before publication {anchor}",
            )
        elif (low in words.relative or tok.lower_ in words.relative) and anchor:
            d = anchor + timedelta(days=words.relative.get(low, words.relative.get(tok.lower_, 0)))
            found = DateMention(
                tok.i, tok.i + 1, d.isoformat(), "day", f"{tok.text!r} from publication {anchor}"
            )
        elif (
            (year := _year(tok.text, None))
            and len(tok.text) == 4
            and i > 0
            and toks[i - 1].lower_ in ("en", "in", "since", "depuis")
        ):
            found = DateMention(tok.i, tok.i + 1, f"{year:04d}", "year", f"year {tok.text}")
        if found:
            out.append(found)
            i += found.end - found.start
        else:
            i += 1
    return out


def _build(toks, i, width, day, month, year, anchor) -> DateMention | None:
    if year is None and anchor is not None:
        year = anchor.year if (month, day) <= (anchor.month, anchor.day) else anchor.year - 1
    if year is None or day is None:
        return None
    d = _safe(year, month, day)
    if d is None:
        return None
    start = toks[i].i
    return DateMention(
        start,
        start + width,
        d.isoformat(),
        "day",
        f"date {' '.join(t.text for t in toks[i : i + width])!r}",
    )
