"""Dead, injured and arrested counts, with their qualifier ("at least", "plus de")."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from eventwire.coder.lexicon import CoderLexicon
from eventwire.coder.numbers import token_value


@dataclass
class Count:
    kind: str  # dead, injured, arrested
    value: int
    token: int  # index of the casualty word
    number_token: int
    qualifier: str | None
    reason: str


def _number_near(word: Token, lex: CoderLexicon, before: bool, skip: set[int]) -> Token | None:
    """The number that quantifies a casualty word, by the parse then by a short window."""
    candidates: list[Token] = []
    for child in word.children:
        if child.dep_ in ("nummod", "obj", "dobj", "nsubj:pass", "nsubjpass", "nsubj", "attr"):
            candidates.append(child)
            candidates.extend(c for c in child.children if c.dep_ in ("nummod", "det", "quantmod"))
    if word.dep_ in ("amod", "acl") or word.pos_ == "ADJ":
        candidates.append(word.head)
        candidates.extend(c for c in word.head.children if c.dep_ in ("nummod",))
    for cand in candidates:
        if cand.i not in skip and _numeric(cand, lex) and token_value(cand, lex.numbers):
            return cand
    doc = word.doc
    window = (
        range(word.i - 1, max(word.sent.start, word.i - 6) - 1, -1)
        if before
        else range(word.i + 1, min(word.sent.end, word.i + 6))
    )
    for i in window:
        tok = doc[i]
        if tok.lower_ in lex.casualties and i != word.i:
            break
        if i in skip:
            continue
        if _numeric(tok, lex) and token_value(tok, lex.numbers):
            if tok.lower_ in ("un", "une", "a", "an", "one") and not _approximate_noun(doc, i):
                continue
            return tok
    return None


def _numeric(tok: Token, lex: CoderLexicon) -> bool:
    """Digits or number words, also hyphenated ones ("vingt-trois", "twenty-one")."""
    if tok.like_num or tok.lower_ in lex.numbers:
        return True
    parts = tok.lower_.split("-")
    return len(parts) > 1 and all(p in lex.numbers or p == "et" for p in parts)


def _approximate_noun(doc, i: int) -> bool:
    return i + 1 < len(doc) and doc[i + 1].lower_ in (
        "dizaine",
        "douzaine",
        "vingtaine",
        "centaine",
        "dozen",
    )


def _qualifier(num: Token, lex: CoderLexicon) -> str | None:
    doc = num.doc
    cues = lex.cues("approximate")
    for width in (2, 1):
        start = num.i - width
        if start >= num.sent.start:
            phrase = " ".join(t.lower_ for t in doc[start : num.i])
            if phrase in cues:
                return phrase
    return None


def find_counts(sent: Span, lex: CoderLexicon) -> list[Count]:
    counts: list[Count] = []
    used: set[int] = set()
    for tok in sent:
        entry = lex.casualties.get(tok.lemma_.lower()) or lex.casualties.get(tok.lower_)
        if entry is None:
            continue
        kind, pos = entry
        if pos != "ANY" and tok.pos_ != pos and not (pos == "VERB" and tok.pos_ == "ADJ"):
            continue
        # Active verbs count what follows ("tuant trois"), nouns and participles what precedes
        # ("trois morts", "12 people were killed"); try the likelier side first.
        past_participle = tok.tag_ == "VBN" or (
            "Part" in tok.morph.get("VerbForm") and "Pres" not in tok.morph.get("Tense")
        )
        # "a interpellé vingt-trois manifestants" is active: the number follows; "trois soldats
        # tués", "were killed", "20 dead" count what precedes.
        perfect = any(
            c.dep_ in ("aux", "aux:tense") and c.lemma_ in ("avoir", "have") for c in tok.children
        )
        passive = tok.pos_ != "VERB" or (past_participle and not perfect)
        num = None
        for before in (passive, not passive):
            found = _number_near(tok, lex, before=before, skip=used)
            if found is not None:
                num = found
                break
        if num is None:
            continue
        value = token_value(num, lex.numbers)
        if value is None:
            continue
        used.add(num.i)
        counts.append(
            Count(
                kind, value, tok.i, num.i, _qualifier(num, lex), f"{num.text!r} with {tok.text!r}"
            )
        )
    return counts
