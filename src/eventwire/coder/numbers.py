"""Numbers as digits or words in French and English ("onze", "vingt-cinq", "a dozen", "1,200")."""

from __future__ import annotations

import re

from spacy.tokens import Token

_DIGITS = re.compile(r"^\d{1,3}(?:[ ,.\u202f\u00a0]\d{3})*$|^\d+$")


def word_value(words: list[str], table: dict[str, int]) -> int | None:
    """The value of a sequence of number words: "vingt-cinq" → 25, "trois cents" → 300."""
    total, current = 0, 0
    seen = False
    for raw in words:
        for part in raw.lower().replace("-", " ").split():
            if part in ("et", "and"):
                continue
            value = table.get(part)
            if value is None:
                return None
            seen = True
            if value in (100, 1000, 1000000):
                current = max(current, 1) * value
                if value >= 1000:
                    total, current = total + current, 0
            elif part in (
                "dizaine",
                "douzaine",
                "quinzaine",
                "vingtaine",
                "trentaine",
                "quarantaine",
                "cinquantaine",
                "soixantaine",
                "centaine",
                "dozen",
            ):
                current = max(current, 1) * value
            else:
                current += value
    return total + current if seen else None


def token_value(tok: Token, table: dict[str, int]) -> int | None:
    """The number a token (with its number-word neighbours) stands for, or None."""
    text = tok.text.strip()
    if _DIGITS.match(text):
        digits = re.sub(r"\D", "", text)
        return int(digits) if digits else None
    if text.lower() in ("a", "an", "un", "une"):
        return None  # articles, unless part of "a dozen" (handled by the phrase)
    words = [text]
    # Compound number words split by the tokenizer: "vingt et un", "cinquante - deux".
    nxt = tok.i + 1
    while (
        nxt < len(tok.doc)
        and (tok.doc[nxt].lower_ in table or tok.doc[nxt].text in ("-", "et"))
        and tok.doc[nxt].lower_ not in ("a", "an", "un", "une")
    ):
        words.append(tok.doc[nxt].text)
        nxt += 1
    return word_value(words, table)
