"""Which paragraphs of a flat page are the article, decided from features that hold on any site.

The chrome patterns of ``data/chrome.tsv`` catch the strings one has seen; this pass catches the
rest the way jusText does for HTML, on the paragraphs of a plain-text scrape:

- a *good* paragraph reads like article prose: long enough, dense in function words, ending
  like a sentence;
- a *bad* one is chrome whatever its place: a photo caption with its credit, a later copy of a
  paragraph (captions and headlines are printed twice), a list of timed links, a menu-like
  label, a boilerplate sentence (comment forms, paywalls, copyright, the site describing
  itself);
- the article runs from the first good paragraph to the last; short paragraphs inside it
  (sub-headings, one-line quotes) stay, those outside it go, except the headline above it and a
  last paragraph cut off by the end of the page.

A text with no good paragraph (one short sentence, a list of headlines) is left as it was:
the pass only ever narrows a page that has an article in it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from eventwire.clean import metadata

# Article prose: at least this many words, this share of them function words.
_GOOD_WORDS = 12
_GOOD_STOP_DENSITY = 0.22
# A paragraph this long is prose even without a closing mark (a page cut in mid-sentence),
# and so is one this long in words this dense in function words (a quote that lost its stop);
# headlines are shorter and sparser.
_LONG_CHARS = 300
_LONG_WORDS, _LONG_STOP_DENSITY = 15, 0.4
# Menu and label lines are short.
_MENU_WORDS = 5
# A headline has at least this many words when the page offers one (a shorter one is taken
# only when nothing longer precedes the article).
_HEADLINE_WORDS = 5

# Closing marks may follow the stop, with a space in French typography ("Corée. »").
_SENTENCE_END = re.compile(r"[.!?…;:](?:\s?['\"»”’)\]])*\s*$|[.!?]\s*\(?[^()]{0,60}\)\s*$")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# "08:30Sports - ...": a timed link of a live or latest-news list; "➡️ Tous les détails ici",
# ">> La Bourse de Paris ...": a link behind an arrow.
_LINK = re.compile(r"^(?:\d{1,2}[:h]\d{2}\s?[^\W\d_]|\s*(?:[➡→►▶⇒]|>>?\s))")
# A caption's credit: "(Photo by X/China Daily)", "(AFP/photo d'archives)", "(Shutterstock)",
# "Photo X / Outlet", "- © NAME - AFP".
_CREDIT_WORDS = (
    r"photos?|image|crédit|credit|archives?|file|getty(?: images)?|shutterstock|afp|reuters"
    r"|ap|epa|xinhua|anadolu|sipa|abaca|dpa|ansa"
)
_CAPTION = re.compile(
    rf"\((?:[^()]*\b(?:{_CREDIT_WORDS})\b[^()]*)\)\s*\.?\s*$"
    r"|(?:^|\s)(?:photo|crédit photo|photo credit)\s*:?\s+[^.!?]{2,60}/\s*[^.!?/]{2,40}$"
    r"|(?:^|\s)-?\s*©\s*[^.!?]{2,60}$",
    re.IGNORECASE,
)
# A site's name: words a news outlet's name is made of ("VOA News", "The Times", "Corse Matin").
_OUTLET_WORDS = re.compile(
    r"\b(?:news|times|post|press|daily|journal|matin|soir|jour|info|infos|tv|radio|herald"
    r"|tribune|gazette|observer|express|nouvelles|actu|hebdo|telegraph|mail|today"
    r"|courier|courrier|dépêche|libération|guardian|independent|standard|chronicle|agency"
    r"|agence|\d{2})\b",
    re.IGNORECASE,
)
_CAMEL = re.compile(r"^[A-Z][a-z]+(?:[A-Z][a-z]+)+$")
_BYLINE_OUTLET = re.compile(r"^(?:par|by)\s+(?P<name>.{2,40})$", re.IGNORECASE)
_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?(?P<name>[^.©|]{2,60}?)"
    r"(?:\s+copyright)?\s*(?:[.|]|all rights|tous droits|$)",
    re.IGNORECASE,
)


@cache
def _stopwords() -> frozenset[str]:
    import justext  # its stoplists are the function words of each language

    words = set(justext.get_stoplist("French")) | set(justext.get_stoplist("English"))
    return frozenset(w.lower() for w in words)


def fold(text: str) -> str:
    """The key lines are compared by: case, spacing and punctuation aside."""
    return re.sub(r"[\W_]+", " ", text.casefold()).strip()


@dataclass
class Features:
    """What the pass knows of one paragraph."""

    words: int
    stop_density: float
    sentence_end: bool
    chars: int
    piped: bool  # "Headline | Site": pieces joined by a bar are a title or a menu, not prose

    @property
    def good(self) -> bool:
        return (
            self.words >= _GOOD_WORDS
            and self.stop_density >= _GOOD_STOP_DENSITY
            and (
                self.sentence_end
                or self.chars >= _LONG_CHARS
                or (
                    self.words >= _LONG_WORDS
                    and self.stop_density >= _LONG_STOP_DENSITY
                    and not self.piped
                )
            )
        )


def features(text: str) -> Features:
    words = _WORD.findall(text)
    stop = _stopwords()
    # "l'armée", "d'une": the article or preposition before the apostrophe counts as one.
    n_stop = sum(1 for w in words if w.lower() in stop or re.match(r"^[ldjmnstqc]['’]", w, re.I))
    return Features(
        words=len(words),
        stop_density=n_stop / len(words) if words else 0.0,
        sentence_end=bool(_SENTENCE_END.search(text)),
        chars=len(text),
        piped=" | " in text,
    )


def is_caption(text: str) -> bool:
    """A photo caption: a line that ends with (or is) its photo credit."""
    return len(text) <= 400 and bool(_CAPTION.search(text))


def is_menu_like(text: str, feats: Features | None = None) -> bool:
    """A label or menu entry: a few words, no closing mark, few function words or all
    capitalised ("Latest Articles", "Short Url", "Direct Moyen-Orient", "Next Story")."""
    f = feats or features(text)
    if f.words == 0:
        return True
    if f.words > _MENU_WORDS or f.sentence_end:
        return False
    words = _WORD.findall(text)
    capitalised = sum(1 for w in words if w[:1].isupper())
    return f.stop_density < 0.34 or capitalised == len(words)


# A bar of links or a breadcrumb: short labels between separators ("News | Politics | Sport",
# "Home > Africa > Uganda").
_BAR_SEPARATOR = re.compile(r"\s[|•·>»/]\s")


def is_link_bar(text: str) -> bool:
    """A menu bar or breadcrumb: three or more short labels between separators."""
    pieces = _BAR_SEPARATOR.split(text.strip())
    return len(pieces) >= 3 and all(0 < len(piece.split()) <= 4 for piece in pieces)


def is_boilerplate(text: str) -> bool:
    """A sentence pages add to every article: comment forms, paywalls, rights, self-promotion."""
    return bool(metadata.patterns().boilerplate.search(text))


def outlet_name(text: str, *, first: bool) -> str | None:
    """The outlet a short line names, if it is one: "VOA News", "par France 24 FR", the
    "MillenniumPost" at the very top of a page (``first``), "© 2020 Thomson Reuters. ..."."""
    copyright_ = _COPYRIGHT.search(text)
    if copyright_ is not None:
        # "© NAME - AFP": a photographer's credit names the agency last.
        name = re.split(r"\s[-–/]\s|/", copyright_.group("name"))[-1].strip(" -–,")
        if name and not re.fullmatch(r"[\d\s]+", name):
            return name
    line = text.strip()
    byline = _BYLINE_OUTLET.match(line)
    if byline is not None and _OUTLET_WORDS.search(byline.group("name")):
        return byline.group("name").strip()
    words = line.split()
    if not 1 <= len(words) <= 4 or len(line) > 40 or "|" in line or features(line).sentence_end:
        return None
    if not all(
        w[:1].isupper() or w[:1].isdigit() or w.lower() in ("the", "de", "-") for w in words
    ):
        return None
    if metadata.is_agency(line) or _OUTLET_WORDS.search(line) or (first and _CAMEL.match(line)):
        return line
    return None


def credit_outlet(caption: str) -> str | None:
    """The agency or outlet a photo credit names ("- © X - AFP", "Photo X / Le Jour")."""
    tail = re.split(r"\s[-/]\s|/", caption.rstrip(" .)"))[-1].strip(" ()©")
    if metadata.is_agency(tail) or (0 < len(tail.split()) <= 4 and _OUTLET_WORDS.search(tail)):
        return tail
    return None


def _reads_like_prose(text: str, feats: Features) -> bool:
    """Function words and lower-case words, as a sentence has (a row of links has not)."""
    words = _WORD.findall(text)
    capitalised = sum(1 for w in words if w[:1].isupper())
    varied = len({w.lower() for w in words}) >= 0.6 * len(words)  # not "X X X"
    return (
        feats.words >= _MENU_WORDS
        and feats.stop_density >= 0.25
        and capitalised < 0.6 * len(words)
        and varied
    )


@dataclass
class Selection:
    """The pass's decision: the paragraphs kept, the headline among them, and the outlet as
    the page names it: at its very top or in a byline (``masthead``), in another short line
    (``site``), or in a photo credit (``credit``), from the strongest clue to the weakest."""

    kept: list[int]
    headline: int | None = None
    masthead: str | None = None
    site: str | None = None
    credit: str | None = None
    dropped: list[int] = field(default_factory=list)


def _headline(candidates: list[int], feats: list[Features], echoed: set[int]) -> int | None:
    """The page's headline among the paragraphs above the article: one printed twice first,
    else the first with enough words, else the longest."""
    for i in candidates:
        if i in echoed and feats[i].words > 3:
            return i
    for i in candidates:
        if feats[i].words >= _HEADLINE_WORDS:
            return i
    return max(candidates, key=lambda i: feats[i].words, default=None)


def select(paragraphs: list[str]) -> Selection:
    """Decide which paragraphs are the article (see the module's docstring)."""
    feats = [features(p) for p in paragraphs]
    seen: dict[str, int] = {}
    bad: set[int] = set()
    echoed: set[int] = set()
    captions: list[int] = []
    for i, p in enumerate(paragraphs):
        key = fold(p)
        if key and key in seen:
            bad.add(i)  # a later copy: captions, headlines and standfirsts printed twice
            echoed.add(seen[key])
            continue
        seen.setdefault(key, i)
        if is_caption(p):
            bad.add(i)
            captions.append(i)
        elif _LINK.match(p) or is_boilerplate(p):
            bad.add(i)
    # The first copy of a captioned photo's text, printed without its credit, is a caption too.
    for c in captions:
        credit = fold(paragraphs[c])
        for i, p in enumerate(paragraphs):
            key = fold(p)
            if i not in bad and len(key) >= 30 and credit.startswith(key):
                bad.add(i)
    good = [i for i, f in enumerate(feats) if f.good and i not in bad]
    if not good:
        return Selection(kept=[i for i in range(len(paragraphs)) if i not in bad or i in echoed])
    first, last = good[0], good[-1]
    # A paragraph cut off by the end of the page still belongs to the article.
    tail = len(paragraphs) - 1
    if (
        tail > last
        and tail not in bad
        and all(i in bad or feats[i].words <= _MENU_WORDS for i in range(last + 1, tail))
        and not feats[tail].sentence_end
        and _reads_like_prose(paragraphs[tail], feats[tail])
    ):
        last = tail
    # A short closing sentence right after the last good paragraph ("No one was hurt.").
    while (
        last + 1 < len(paragraphs)
        and last + 1 not in bad
        and feats[last + 1].sentence_end
        and feats[last + 1].words >= 3
        and feats[last + 1].stop_density >= 0.25
    ):
        last += 1
    candidates = [
        i
        for i in range(first)
        if i not in bad
        and feats[i].words >= 3
        and len(paragraphs[i]) <= 300
        and not (feats[i].sentence_end and paragraphs[i].rstrip()[-1:] == ".")
        and metadata.parse_inline_dateline(paragraphs[i]) is None
        and not is_link_bar(paragraphs[i])
    ]
    headline = _headline(candidates, feats, echoed)
    kept: list[int] = []
    for i, p in enumerate(paragraphs):
        if i in bad:
            continue
        if i < first:
            # Above the article: the headline, and sentences that lead into it (a standfirst,
            # a short first paragraph) after the headline, or anywhere when there is none.
            lead_in = (headline is None or i > headline) and feats[i].sentence_end
            lead_in = lead_in and feats[i].words >= 4 and feats[i].stop_density >= 0.2
            if i == headline or lead_in:
                kept.append(i)
        elif i <= last and not is_menu_like(p, feats[i]):
            kept.append(i)
    outside = [i for i in range(len(paragraphs)) if i not in kept and i != headline]
    named = [
        (i, found)
        for i in outside
        if (i not in bad or is_boilerplate(paragraphs[i]))
        and (found := outlet_name(paragraphs[i], first=i == 0))
    ]
    masthead = next(
        (f for i, f in named if i == 0 or _BYLINE_OUTLET.match(paragraphs[i].strip())), None
    )
    site = next((f for _, f in named), None)
    credit = next((c for i in captions if (c := credit_outlet(paragraphs[i]))), None)
    return Selection(
        kept=kept,
        headline=headline,
        masthead=masthead,
        site=site,
        credit=credit,
        dropped=[i for i in range(len(paragraphs)) if i not in kept],
    )
