"""Confidence: the probability that a careful coder records an event, with its type.

A logistic regression over what the coder knows of an event: how its trigger is told (a verb,
a noun anchored by a determiner or a date, a bare noun), how many sentences tell it, whether
its parties are coded, its modality, where it stands in the story, who reports it.
``scripts/train_confidence.py`` fits it on the gold sets (label: the event was matched to a
gold event a careful coder recorded) and writes ``data/confidence.json``: feature names and
weights, no text. Events below ``Config.min_confidence`` are not output.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources

from spacy.tokens import Doc, Token

from eventwire.coder.candidates import Candidate, noun_anchor
from eventwire.coder.merge import Group
from eventwire.records import EVENT_TYPES, Event
from eventwire.tokens import sentences_of

MODEL_FILE = "confidence.json"


@dataclass
class StoryView:
    """What the features read of the whole article."""

    doc: Doc
    body_start: int  # character offset of the body (0: no headline)
    groups: list[Group]

    @cached_property
    def chars(self) -> int:
        """The length of the text (spaCy builds Doc.text anew at each call)."""
        return len(self.doc.text)

    @cached_property
    def lead(self) -> frozenset[int]:
        """The first two sentences of the body (listing a document's sentences is costly:
        once per story, not once per event)."""
        body = (s.start for s in sentences_of(self.doc) if s.start_char >= self.body_start)
        return frozenset(itertools.islice(body, 2))


@dataclass(frozen=True)
class Model:
    weights: dict[str, float]
    bias: float

    def probability(self, feats: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in feats.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@lru_cache(maxsize=1)
def load_model() -> Model:
    path = resources.files("eventwire") / "data" / MODEL_FILE
    data = json.loads(path.read_text(encoding="utf-8"))
    return Model(dict(zip(data["features"], data["weights"], strict=True)), data["bias"])


# The training script collects each event's features here (None: not collecting).
_sink: list[tuple[Event, dict[str, float]]] | None = None


@contextmanager
def collecting() -> Iterator[list[tuple[Event, dict[str, float]]]]:
    """Record (event, features) for every event coded inside the block (training)."""
    global _sink
    saved, _sink = _sink, []
    try:
        yield _sink
    finally:
        _sink = saved


def rate(group: Group, event: Event, story: StoryView) -> float:
    """The event's confidence, rounded to two decimals."""
    feats = features(group, event, story)
    if _sink is not None:
        _sink.append((event, feats))
    return round(load_model().probability(feats), 2)


def _depth(tok: Token) -> int:
    """How deep the trigger sits below its sentence's root (0: the main verb)."""
    n = 0
    cur = tok
    while cur.head.i != cur.i and n < 6:
        cur = cur.head
        n += 1
    return n


# Conjunctions of clauses that say why, when or if, not that it happened: "pour libérer",
# "when they took control", "if the U.S. cuts off exports".
_SUBORDINATORS = {
    "pour", "afin", "lorsque", "quand", "si", "alors", "tandis", "avant",
    "to", "when", "as", "while", "if", "unless", "before", "so",
}  # fmt: skip


def _subordinate(tok: Token) -> bool:
    """The trigger is in a clause of purpose, time or condition (up to its clause's verb)."""
    cur = tok
    for _ in range(3):
        if cur.dep_ in ("advcl", "xcomp", "acl", "ccomp") and any(
            c.dep_ in ("mark", "aux", "advmod") and c.lower_ in _SUBORDINATORS for c in cur.children
        ):
            return cur.dep_ != "xcomp" or cur.head.pos_ != "VERB"
        if cur.head.i == cur.i or cur.pos_ in ("VERB", "AUX"):
            return False
        cur = cur.head
    return False


def _quoted(cand: Candidate) -> bool:
    """The trigger is inside quotation marks: someone's words, often a figure of speech."""
    before = cand.sent.doc[cand.sent.start : cand.head.i]
    opened = sum(t.text in "«“" for t in before) - sum(t.text in "»”" for t in before)
    return opened > 0 or sum(t.text == '"' for t in before) % 2 == 1


# From the strongest sign that an act took place to the weakest (None: a bare noun).
_ANCHORS: tuple[str | None, ...] = (
    "verb", "happened", "done", "dated", "counted", "determined", None, "modal",
)  # fmt: skip


def _best_anchor(anchors: list[str | None]) -> str:
    return str(min(anchors, key=_ANCHORS.index)).lower()


def features(group: Group, event: Event, story: StoryView) -> dict[str, float]:
    """The model's inputs: booleans as 0/1, counts on a log scale, positions in [0, 1]."""
    members: list[Candidate] = group.members
    doc = story.doc
    heads = [c.head for c in members]
    nouns = [h.pos_ in ("NOUN", "PROPN") for h in heads]
    anchors = [noun_anchor(c) for c in members]
    sents = {c.sent.start for c in members}
    headline = [story.body_start > 0 and c.sent.start_char < story.body_start for c in members]
    lead = story.lead
    first = members[0].sent.start_char
    same_type = sum(1 for g in story.groups if g.type == group.type) - 1
    roles_how = " ".join(c.reasons.get("roles", "") for c in members)
    feats: dict[str, float] = {
        "noun_only": float(all(nouns)),
        f"anchor={_best_anchor(anchors)}": 1.0,
        "multiword": float(any(t.end - t.start > 1 for c in members for t in c.triggers)),
        "sentences": math.log(len(sents)),
        "triggers": math.log(sum(len(c.triggers) for c in members)),
        # (the training sets have no headlines: "headline" weighs nothing until one does)
        "headline_only": float(all(headline)),
        "lead": float(any(c.sent.start in lead for c in members)),
        "subordinate": float(all(_subordinate(h) for h in heads)),
        "quoted": float(all(_quoted(c) for c in members)),
        "position": first / max(1, story.chars),
        "depth": min(_depth(h) for h in heads) / 6,
        "hypothetical": float(event.flags.hypothetical),
        "intended": float(all(c.modality.intention_of is not None for c in members)),
        "background": float(event.flags.background),
        "in_passing": float(all(c.background for c in members)),
        "dated_day": float(any(c.date is not None and c.date.precision == "day" for c in members)),
        "dated_past": float(
            any(c.date is not None and c.date.precision in ("month", "year") for c in members)
        ),
        "actor_country": float(any(a.country for a in event.actor)),
        "actor_sector": float(any(a.sector for a in event.actor)),
        "recipient_country": float(any(a.country for a in event.recipient)),
        "parties": math.log(1 + len(event.actor) + len(event.recipient)),
        "guessed_roles": float("nearest party" in roles_how),
        "counts": float(any(c.counts for c in members)),
        "mode": float(event.mode is not None),
        "reported": float(event.reported_by is not None),
        "absorbed": float(any(c.absorbed for c in members)),
        "place": float(event.location is not None),
        "same_type": math.log(1 + same_type),
        "events": math.log(len(story.groups)),
        "fr": float(doc.lang_ == "fr"),
    }
    for etype in EVENT_TYPES:
        feats[f"type={etype}"] = float(group.type == etype)
    return feats
