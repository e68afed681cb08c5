"""Trigger matching: the words of a sentence that signal an event of some PLOVER type."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from eventwire.coder.lexicon import CoderLexicon, TriggerEntry
from eventwire.tokens import words_of


@dataclass
class TriggerMatch:
    start: int  # token index (inclusive)
    end: int  # token index (exclusive)
    entry: TriggerEntry

    def head(self, sent: Span) -> Token:
        """The syntactic head of a multiword trigger (its first word for a noun compound)."""
        return sent.doc[self.start]


def _pos_ok(entry: TriggerEntry, token: Token) -> bool:
    if entry.pos == "ANY":
        return token.pos_ in ("VERB", "NOUN", "PROPN", "ADJ")
    if entry.pos == "VERB":
        # Participles used as adjectives ("soldats tués") are still the verb's event.
        return token.pos_ in ("VERB", "AUX") or (
            token.pos_ == "ADJ" and token.tag_ in ("VBN", "VBG")
        )
    return token.pos_ in ("NOUN", "PROPN")


# Clauses of their own below a trigger: their words say nothing of the trigger's sense ("a
# reconnu qu'un civil a été tué, faisant état de blessés" is no diplomatic recognition). A
# complement clause counts only when it has its conjunction: without one it is often a
# misparse of the trigger's own object.
_OWN_CLAUSES = {"parataxis", "relcl", "acl:relcl"}


def _own_clause(tok: Token) -> bool:
    return tok.dep_ in _OWN_CLAUSES or (
        tok.dep_ == "ccomp" and any(c.dep_ == "mark" for c in tok.children)
    )


def _own_words(token: Token, depth: int = 3) -> list[Token]:
    """The trigger's phrase down to ``depth`` levels, without clauses of their own nor dates
    ("since it began trading in March": a month is no march)."""
    out: list[Token] = []
    level = [token]
    for _ in range(depth + 1):
        out += level
        level = [c for t in level for c in t.children if not _own_clause(c)]
    return [t for t in out if t.ent_type_ not in ("DATE", "TIME")]


def _requires_ok(entry: TriggerEntry, token: Token) -> bool:
    if not entry.requires:
        return True
    own = _own_words(token)
    near = {t.lemma_.lower() for t in own} | {t.text.lower() for t in own}
    if token.dep_ in ("nmod", "compound", "amod", "acl") or token.pos_ == "NOUN":
        near.add(token.head.lemma_.lower())
        near |= {t.lemma_.lower() for t in token.head.children}
    near |= _borrowed_subject(token)
    return bool(entry.requires & near)


def _borrowed_subject(token: Token) -> set[str]:
    """ "Angry farmers said they would blockade", "rebels have sworn to fight": a verb whose
    subject is a pronoun or absent has its governor's subject for its doer."""
    cur = token
    for _ in range(2):
        own = [c for c in cur.children if c.dep_ in ("nsubj", "nsubj:pass", "nsubjpass")]
        if own and not all(c.pos_ == "PRON" for c in own):
            return set()
        if cur.dep_ not in ("xcomp", "advcl", "ccomp", "conj") or cur.head.i == cur.i:
            return set()
        cur = cur.head
        subjects = [c for c in cur.children if c.dep_ in ("nsubj", "nsubj:pass", "nsubjpass")]
        if subjects and not all(c.pos_ == "PRON" for c in subjects):
            return {t.lemma_.lower() for c in subjects for t in c.subtree}
    return set()


_HITS_KEY = "eventwire.trigger-hits"


def _lexicon_hits(sent: Span, lex: CoderLexicon) -> list[tuple[int, int, tuple[TriggerEntry, ...]]]:
    """(size, position, entries) of every lemma n-gram of the sentence the lexicon has, the
    longest first, then in order (a sentence is matched more than once: looked up once)."""
    cache = sent.doc.user_data.setdefault(_HITS_KEY, {})
    key = (sent.start, sent.end, id(lex))
    hits = cache.get(key)
    if hits is None:
        words = words_of(sent)
        tokens, lemmas = words.tokens, words.lemmas
        hits = cache[key] = []
        for size in range(min(lex.max_trigger_words, len(tokens)), 0, -1):
            for i in range(len(tokens) - size + 1):
                entries = lex.triggers.get(tuple(lemmas[i : i + size]))
                if not entries and size == 1:
                    entries = lex.triggers.get((tokens[i].text.lower(),))
                if entries:
                    hits.append((size, i, tuple(entries)))
    return hits


def find_triggers(sent: Span, lex: CoderLexicon, blocked: set[int]) -> list[TriggerMatch]:
    """Trigger matches in a sentence, longest first, skipping tokens in ``blocked``.

    ``blocked`` holds the tokens of actor noun phrases: "avion de combat" names a party,
    not a fight.
    """
    tokens = words_of(sent).tokens
    taken: set[int] = set()
    found: list[TriggerMatch] = []
    for size, i, entries in _lexicon_hits(sent, lex):
        span_idx = range(tokens[i].i, tokens[i].i + size)
        if any(j in taken or j in blocked for j in span_idx):
            continue
        first = tokens[i]
        if first.ent_type_ in ("DATE", "TIME"):
            continue  # "ACCRA, March 9": a month, not a march
        if first.ent_type_ == "ORG" and first.ent_iob_ == "I":
            continue  # inside a name: "the Gulf Cooperation Council", "Front de libération"
        for entry in entries:
            if _pos_ok(entry, first) and _requires_ok(entry, first):
                found.append(TriggerMatch(first.i, first.i + size, entry))
                taken.update(span_idx)
                break
    return sorted(found, key=lambda m: m.start)
