"""Negation, hypothetical/future/intended, accidental, and who reports an event."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from eventwire.coder.lexicon import CoderLexicon
from eventwire.tokens import words_of


@dataclass
class Modality:
    negated: bool = False
    hypothetical: bool = False
    accidental: bool = False
    intention_of: str | None = None  # the intention verb ("vouloir", "willing") or "future"
    reasons: list[str] | None = None


def governors(tok: Token, limit: int = 3) -> list[Token]:
    out = []
    cur = tok
    for _ in range(limit):
        if cur.head.i == cur.i or cur.dep_ not in (
            "xcomp", "ccomp", "acl", "obj", "dobj", "advcl", "acomp",
        ):  # fmt: skip
            break
        cur = cur.head
        out.append(cur)
    return out


def modality(tok: Token, lex: CoderLexicon) -> Modality:
    result = Modality(reasons=[])
    reasons = result.reasons
    neg = lex.cues("negation")
    intent = lex.cues("intention")
    hyp = lex.cues("hypothetical")
    chain = [tok, *governors(tok)]
    for node in chain[:2]:
        for child in node.children:
            if not (
                child.dep_ in ("advmod", "neg", "aux", "aux:tense", "det", "mark")
                or child.pos_ == "PART"
            ):
                continue
            low, lemma = child.lower_, child.lemma_.lower()
            is_neg = "child" in (neg.get(low), neg.get(lemma))
            real = low not in ("plus", "no") or child.dep_ in ("advmod", "neg")
            if is_neg and real:
                result.negated = True
                reasons.append(f"negated by {child.text!r}")
            if intent.get(low) == "child":
                result.hypothetical = True
                result.intention_of = result.intention_of or "future"
                reasons.append(f"future ({child.text!r})")
            elif hyp.get(low) == "child":
                result.hypothetical = True
                reasons.append(f"modal {child.text!r}")
    # "aucun avion n'a frappé", "no shots were fired": the negation sits on the subject.
    for child in tok.children:
        if child.dep_ in ("nsubj", "nsubj:pass", "nsubjpass") and not result.negated:
            for det in child.children:
                if det.dep_ in ("det", "neg") and neg.get(det.lower_) == "subject":
                    result.negated = True
                    reasons.append(f"negated subject ({det.text!r})")
    for gov in chain[1:]:
        lemma = gov.lemma_.lower()
        if neg.get(lemma) == "governor":
            result.negated = True
            reasons.append(f"denied ({gov.text!r})")
        elif intent.get(lemma) == "governor":
            result.hypothetical = True
            result.intention_of = lemma
            reasons.append(f"intended ({gov.text!r})")
        elif hyp.get(lemma) == "governor":
            result.hypothetical = True
            reasons.append(f"possible or obliged ({gov.text!r})")
    for node in chain[:2]:
        morphs = [node.morph, *(c.morph for c in node.children if c.dep_.startswith("aux"))]
        if any("Fut" in m.get("Tense") for m in morphs):
            result.hypothetical = True
            result.intention_of = result.intention_of or "future"
            reasons.append(f"future tense {node.text!r}")
        elif any("Cnd" in m.get("Mood") for m in morphs):
            result.hypothetical = True
            reasons.append(f"conditional {node.text!r}")
            if node.dep_ == "ccomp":
                # "a déclaré que le Chili ne fournirait pas": the future of reported speech
                result.intention_of = result.intention_of or "future"
    acc = lex.cues("accidental")
    clause = set(tok.subtree) | set(tok.children)
    if tok.head.i != tok.i:
        clause |= {c for c in tok.head.children if c.dep_ not in ("conj", "parataxis")}
    for t in sorted(clause, key=lambda t: t.i):
        if (t.lemma_.lower() in acc or t.lower_ in acc) and _qualifies(t, tok):
            result.accidental = True
            reasons.append(f"accidental ({t.text!r})")
            break
    return result


# Prepositions that make a noun a manner of acting: "par erreur", "by mistake", "in error".
_MANNER = {"par", "by", "in", "en"}


def _qualifies(cue: Token, tok: Token) -> bool:
    """Whether an accident cue qualifies the act of ``tok``: an adverb ("mistakenly"), a
    manner phrase ("par erreur", "by accident"), or the act's own subject ("an accident killed
    three"); not a topic ("condoléances pour cet accident", "after the accident")."""
    if cue.pos_ not in ("NOUN", "PROPN"):
        return True
    if cue.i == tok.i or (cue.dep_ in ("nsubj", "nsubj:pass", "nsubjpass") and cue.head.i == tok.i):
        return True
    prep = next((c for c in cue.children if c.dep_ == "case"), None)
    if prep is None and cue.dep_ == "pobj":
        prep = cue.head
    return prep is not None and prep.lower_ in _MANNER


@dataclass
class Source:
    start: int  # token span of the reported source
    end: int
    text: str
    how: str


def attribution(tok: Token, sent: Span, lex: CoderLexicon) -> Source | None:
    """Who reports the event: "selon X", or the subject of a speech verb governing it."""
    cues = lex.cues("attribution")
    doc = sent.doc
    words = words_of(sent)
    for t in words.tokens:
        if cues.get(t.lower_) == "prep" or (
            t.lower_ == "according" and cues.get("according to") == "prep"
        ):
            obj = next(
                (c for c in t.head.children if c.i > t.i and c.pos_ in ("NOUN", "PROPN")), None
            )
            if obj is None:
                obj = next(
                    (x for x in doc[t.i + 1 : sent.end] if x.pos_ in ("NOUN", "PROPN")), None
                )
            if obj is not None:
                span = doc[obj.left_edge.i : obj.right_edge.i + 1]
                return Source(span.start, span.end, span.text, f"'{t.text} ...'")
    # A speech verb that governs the trigger, or that stands beside it as a parenthetical.
    speech = [
        t
        for t, lemma in zip(words.tokens, words.lemmas, strict=True)
        if cues.get(lemma) == "governor" and t.pos_ in ("VERB", "AUX")
    ]
    ancestors = set(tok.ancestors)
    for verb in speech:
        if verb.i == tok.i:
            continue
        if verb in ancestors or verb.head == tok or verb.head in ancestors or verb.dep_ == "ROOT":
            speaker = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
            if speaker is None and verb.i > tok.i:
                # Inverted: "..., ont annoncé jeudi les forces armées turques."
                speaker = next(
                    (
                        c
                        for c in verb.children
                        if c.dep_ in ("obj", "dobj") and c.pos_ in ("NOUN", "PROPN")
                    ),
                    None,
                )
            if speaker is not None and speaker.i != tok.i and speaker not in tok.subtree:
                span = doc[speaker.left_edge.i : speaker.right_edge.i + 1]
                return Source(span.start, span.end, span.text, f"speaker of {verb.text!r}")
    return None
