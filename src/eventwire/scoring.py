"""Grade predicted events against a gold file, exactly as ``shared/eval/FORMAT.md`` says.

Everything here is a pure function of the gold documents and the predictions (dicts in the
gold event shape); running the pipeline is the caller's business.  The steps, per document:

1. predictions whose type is outside the document's ``types`` are left out;
2. predictions are matched one-to-one to gold events of the same type, greedily by the number
   of graded fields they agree on: first to the required gold events, then the remaining
   predictions to the optional ones;
3. pairs with a required gold event have each graded field checked.

Detection and field figures are micro-averaged over the whole file by :func:`score`.
"""

from __future__ import annotations

import json
import math
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from eventwire.records import EVENT_TYPES, RECIPROCAL_TYPES

# The gradable fields other than ``type``, in the order reports list them.
FIELDS: tuple[str, ...] = (
    "mode", "cameo", "actor.country", "actor.sector", "recipient.country", "recipient.sector",
    "location.country", "location.name", "location.coords", "date", "dead", "injured",
)  # fmt: skip
SCORABLE: frozenset[str] = frozenset(("type", *FIELDS))

# field -> (side of the event, key of each party)
_PARTY_FIELDS: dict[str, tuple[str, str]] = {
    "actor.country": ("actor", "country"),
    "actor.sector": ("actor", "sector"),
    "recipient.country": ("recipient", "country"),
    "recipient.sector": ("recipient", "sector"),
}
_SIDES: tuple[str, ...] = ("actor", "recipient")

COORDS_KM = 25.0  # a predicted point this close to the gold one is right
EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)

# The folding of location names is fixed by FORMAT.md, so these are part of the format, not
# linguistic data to extend: the words dropped, and the characters read as a hyphen or an
# apostrophe (typographic ones and the transliteration marks of ayin/hamza included).
_DROPPED_WORDS: frozenset[str] = frozenset({"al", "el", "l", "le", "la", "les", "the"})
_HYPHENS = "-\u2010\u2011\u2012\u2013\u2014\u2212"
_APOSTROPHES = "'`\u2018\u2019\u02bb\u02bc\u02bd\u02be\u02bf"
_TO_SPACE = str.maketrans(dict.fromkeys(_HYPHENS + _APOSTROPHES, " "))


class GoldError(Exception):
    """A gold file that does not follow FORMAT.md; the message names the file and line."""


@dataclass
class GoldDoc:
    """One line of a gold file."""

    id: str
    text: str
    published: str | None
    lang: str | None
    events: list[dict[str, Any]]
    scored: list[str]
    types: list[str] | None = None
    dataset: str | None = None


# --------------------------------------------------------------------------- gold files


def load_gold(path: str | Path) -> list[GoldDoc]:
    """Read a gold JSON Lines file, checking every line; blank lines are skipped.

    Raises :class:`GoldError` (naming the file and line) on anything FORMAT.md does not allow,
    so that a broken set fails loudly instead of scoring as if its events were absent.
    """
    path = Path(path)
    try:
        raw_lines = path.read_bytes().splitlines()
    except OSError as exc:
        raise GoldError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    docs: list[GoldDoc] = []
    first_line: dict[str, int] = {}
    for lineno, raw in enumerate(raw_lines, 1):
        where = f"{path}:{lineno}"
        try:
            line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            raise GoldError(f"{where}: not UTF-8 ({exc.reason})") from exc
        if not line.strip():
            continue
        doc = _parse_doc(line, where)
        if doc.id in first_line:
            raise GoldError(
                f"{where}: duplicate id {doc.id!r} (first on line {first_line[doc.id]})"
            )
        first_line[doc.id] = lineno
        docs.append(doc)
    return docs


def _parse_doc(line: str, where: str) -> GoldDoc:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise GoldError(f"{where}: invalid JSON ({exc})") from exc
    if not isinstance(data, dict):
        raise GoldError(f"{where}: a gold document must be a JSON object")
    for key in ("id", "text", "events", "scored"):
        if key not in data:
            raise GoldError(f"{where}: missing {key!r}")
    if not isinstance(data["id"], str) or not data["id"]:
        raise GoldError(f"{where}: 'id' must be a non-empty string")
    if not isinstance(data["text"], str):
        raise GoldError(f"{where}: 'text' must be a string")
    for key in ("published", "lang", "dataset"):
        if data.get(key) is not None and not isinstance(data[key], str):
            raise GoldError(f"{where}: {key!r} must be a string or null")
    scored = _string_list(data["scored"], "scored", where)
    unknown = [name for name in scored if name not in SCORABLE]
    if unknown:
        raise GoldError(f"{where}: unknown field(s) in 'scored': {', '.join(unknown)}")
    types = None
    if data.get("types") is not None:
        types = _string_list(data["types"], "types", where)
        _check_types(types, "'types'", where)
    if not isinstance(data["events"], list):
        raise GoldError(f"{where}: 'events' must be a list")
    for index, event in enumerate(data["events"]):
        _check_event(event, f"{where}: event #{index}")
    return GoldDoc(
        id=data["id"],
        text=data["text"],
        published=data.get("published"),
        lang=data.get("lang"),
        events=data["events"],
        scored=scored,
        types=types,
        dataset=data.get("dataset"),
    )


def _string_list(value: Any, key: str, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise GoldError(f"{where}: {key!r} must be a list of strings")
    return value


def _check_types(types: Iterable[str], what: str, where: str) -> None:
    unknown = [t for t in types if t not in EVENT_TYPES]
    if unknown:
        raise GoldError(f"{where}: {what} has unknown event type(s): {', '.join(unknown)}")


def _check_event(event: Any, where: str) -> None:
    if not isinstance(event, dict):
        raise GoldError(f"{where}: an event must be a JSON object")
    if "type" not in event:
        raise GoldError(f"{where}: missing 'type'")
    if not isinstance(event["type"], str):
        raise GoldError(f"{where}: 'type' must be a string")
    _check_types([event["type"]], "'type'", where)
    if not isinstance(event.get("optional", False), bool):
        raise GoldError(f"{where}: 'optional' must be true or false")
    for side in _SIDES:
        parties = event.get(side)
        if parties is not None and not (
            isinstance(parties, list) and all(isinstance(p, dict) for p in parties)
        ):
            raise GoldError(f"{where}: {side!r} must be a list of objects")
    if event.get("location") is not None and not isinstance(event["location"], dict):
        raise GoldError(f"{where}: 'location' must be an object")


# --------------------------------------------------------------------------- field rules


def fold_name(name: str) -> str:
    """A place name folded as FORMAT.md says: "al-Bab" and "Al Bāb" both give "bab"."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    words = bare.lower().translate(_TO_SPACE).split()
    return " ".join(w for w in words if w not in _DROPPED_WORDS)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance by the haversine formula."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlam = math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlam / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def _is_number(value: Any) -> bool:
    # bool is an int in Python, but `true` is no count of dead.
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _present(value: Any) -> bool:
    """Whether a gold value fills its field (not null, not empty)."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list | dict):
        return bool(value)
    return True


def _location(event: Mapping[str, Any]) -> Mapping[str, Any]:
    loc = event.get("location")
    return loc if isinstance(loc, Mapping) else {}


def _codes(event: Mapping[str, Any], sides: Iterable[str], key: str) -> frozenset[str]:
    """The non-null codes of ``key`` over the parties of the given sides."""
    codes: set[str] = set()
    for side in sides:
        parties = event.get(side)
        if not isinstance(parties, list):
            continue
        for party in parties:
            code = party.get(key) if isinstance(party, Mapping) else None
            if isinstance(code, str) and code.strip():
                codes.add(code)
    return frozenset(codes)


def _coords(event: Mapping[str, Any]) -> tuple[float, float] | None:
    loc = _location(event)
    lat, lon = loc.get("lat"), loc.get("lon")
    if _is_number(lat) and _is_number(lon):
        return float(lat), float(lon)
    return None


def _plain(event: Mapping[str, Any], name: str) -> Any:
    if name.startswith("location."):
        return _location(event).get(name.removeprefix("location."))
    return event.get(name)


def _fills(gold: Mapping[str, Any], name: str) -> bool:
    """Whether the gold event fills a field, so that the field is graded on it."""
    if name in _PARTY_FIELDS:
        side, key = _PARTY_FIELDS[name]
        return bool(_codes(gold, (side,), key))
    if name == "location.coords":
        return _coords(gold) is not None
    return _present(_plain(gold, name))


def graded_fields(gold: Mapping[str, Any], scored: Iterable[str]) -> list[str]:
    """The fields graded on a gold event: listed in ``scored`` and filled by the event."""
    listed = set(scored)
    return [name for name in FIELDS if name in listed and _fills(gold, name)]


def _compared(event: Mapping[str, Any], name: str, etype: str) -> Any:
    """The value of a field that is compared between gold and prediction (None: absent)."""
    if name in _PARTY_FIELDS:
        side, key = _PARTY_FIELDS[name]
        # Reciprocal types do not grade who is actor and who recipient: all parties count.
        sides = _SIDES if etype in RECIPROCAL_TYPES else (side,)
        return _codes(event, sides, key)
    if name == "location.coords":
        return _coords(event)
    value = _plain(event, name)
    if name in ("mode", "cameo"):
        return value.lower() if isinstance(value, str) else None
    if name == "location.name":
        return fold_name(value) if isinstance(value, str) else None
    if name in ("dead", "injured"):
        return value if _is_number(value) else None
    return value


def field_correct(gold: Mapping[str, Any], pred: Mapping[str, Any], name: str) -> bool:
    """Whether a prediction gets one field of a gold event right (the gold must fill it)."""
    etype = gold["type"]
    want, got = _compared(gold, name, etype), _compared(pred, name, etype)
    if got is None:
        return False
    if name == "location.coords":
        return distance_km(*want, *got) <= COORDS_KM
    return bool(want == got)


def _shown(event: Mapping[str, Any], name: str, etype: str) -> str:
    """A field's value as a person reads it in a report (raw, not folded)."""
    if name in _PARTY_FIELDS:
        codes = _compared(event, name, etype)
        return " ".join(sorted(codes)) if codes else "none"
    if name == "location.coords":
        point = _coords(event)
        return f"{point[0]:.4f},{point[1]:.4f}" if point else "none"
    value = _plain(event, name)
    return "none" if value is None else str(value)


def _field_error(gold: Mapping[str, Any], gi: int, pred: Mapping[str, Any], name: str) -> str:
    etype = gold["type"]
    got = _shown(pred, name, etype)
    want_point, got_point = _coords(gold), _coords(pred)
    if name == "location.coords" and want_point and got_point:
        got += f" ({distance_km(*want_point, *got_point):.0f} km)"
    return f"{etype} #{gi} {name}: gold {_shown(gold, name, etype)}, predicted {got}"


# --------------------------------------------------------------------------- documents


@dataclass
class FieldTally:
    """Per field: how many times it was graded and how many of those were right."""

    correct: dict[str, int] = field(default_factory=dict)
    graded: dict[str, int] = field(default_factory=dict)

    def add(self, name: str, ok: bool) -> None:
        self.graded[name] = self.graded.get(name, 0) + 1
        self.correct[name] = self.correct.get(name, 0) + int(ok)

    def merge(self, other: FieldTally) -> None:
        for name, n in other.graded.items():
            self.graded[name] = self.graded.get(name, 0) + n
            self.correct[name] = self.correct.get(name, 0) + other.correct.get(name, 0)

    def as_fields(self) -> dict[str, dict[str, float | int]]:
        """``field -> {"acc", "n"}`` for the fields graded at least once, in FIELDS order."""
        return {
            name: {"acc": self.correct.get(name, 0) / self.graded[name], "n": self.graded[name]}
            for name in FIELDS
            if self.graded.get(name)
        }


@dataclass
class DocResult:
    """How one document's predictions were matched and graded.

    Indices point into the gold document's ``events`` and into the predictions as given.
    """

    id: str
    matched: list[tuple[int, int]]  # (gold, prediction) pairs with required gold events
    matched_optional: list[tuple[int, int]]  # pairs with optional gold events: neither TP nor FP
    missed: list[int]  # required gold events left unmatched
    false_positives: list[int]
    field_errors: list[str]  # "ASSAULT #0 date: gold 2017-02-09, predicted 2017-02-10"
    exact: list[int] = field(default_factory=list)  # matched required gold, every field right
    ignored: list[int] = field(default_factory=list)  # predictions of types outside `types`
    gold_types: list[str] = field(default_factory=list)  # type of each gold event
    pred_types: list[str | None] = field(default_factory=list)  # type of each prediction

    @property
    def ok(self) -> bool:
        """Nothing missed, nothing extra, no wrong field."""
        return not (self.missed or self.false_positives or self.field_errors)


def score_document(
    gold: GoldDoc, predicted: Sequence[Mapping[str, Any]]
) -> tuple[DocResult, FieldTally]:
    """Match one document's predictions to its gold events and grade the fields."""
    preds = [_as_event(p) for p in predicted]
    kept = [i for i, p in enumerate(preds) if gold.types is None or p.get("type") in gold.types]
    required = [i for i, e in enumerate(gold.events) if not e.get("optional")]
    optional = [i for i, e in enumerate(gold.events) if e.get("optional")]

    matched = _match(gold, required, preds, kept)
    used = {pi for _, pi in matched}
    left = [i for i in kept if i not in used]
    matched_optional = _match(gold, optional, preds, left)
    used |= {pi for _, pi in matched_optional}
    found = {gi for gi, _ in matched}

    tally = FieldTally()
    errors: list[str] = []
    exact: list[int] = []
    for gi, pi in matched:
        event, pred = gold.events[gi], preds[pi]
        wrong = 0
        for name in graded_fields(event, gold.scored):
            ok = field_correct(event, pred, name)
            tally.add(name, ok)
            if not ok:
                wrong += 1
                errors.append(_field_error(event, gi, pred, name))
        if not wrong:
            exact.append(gi)

    result = DocResult(
        id=gold.id,
        matched=matched,
        matched_optional=matched_optional,
        missed=[gi for gi in required if gi not in found],
        false_positives=[i for i in kept if i not in used],
        field_errors=errors,
        exact=exact,
        ignored=sorted(set(range(len(preds))) - set(kept)),
        gold_types=[e["type"] for e in gold.events],
        pred_types=[p.get("type") for p in preds],
    )
    return result, tally


def _as_event(pred: Any) -> Mapping[str, Any]:
    if not isinstance(pred, Mapping):
        raise TypeError(f"a prediction must be a dict in the gold event shape, not {pred!r}")
    return pred


def _match(
    gold: GoldDoc, gold_ids: list[int], preds: list[Mapping[str, Any]], pred_ids: list[int]
) -> list[tuple[int, int]]:
    """One round of greedy one-to-one matching between same-type gold events and predictions.

    The pair agreeing on the most graded fields goes first; ties go to the earlier gold
    event, then the earlier prediction.  Pairs come back in gold order.
    """
    candidates: list[tuple[int, int, int]] = []
    for gi in gold_ids:
        event = gold.events[gi]
        names = graded_fields(event, gold.scored)
        for pi in pred_ids:
            if preds[pi].get("type") == event["type"]:
                agree = sum(field_correct(event, preds[pi], name) for name in names)
                candidates.append((-agree, gi, pi))
    candidates.sort()
    pairs: list[tuple[int, int]] = []
    taken_gold: set[int] = set()
    taken_pred: set[int] = set()
    for _, gi, pi in candidates:
        if gi not in taken_gold and pi not in taken_pred:
            taken_gold.add(gi)
            taken_pred.add(pi)
            pairs.append((gi, pi))
    return sorted(pairs)


# --------------------------------------------------------------------------- files


@dataclass
class Report:
    """The figures for one gold file, micro-averaged over its documents.

    ``n_gold`` counts required gold events (recall's denominator); ``n_pred`` counts the
    predictions scored (those of a type outside a document's ``types`` are not), so
    ``n_pred = tp + fp + matched_optional``.
    """

    precision: float
    recall: float
    f1: float
    exact: float
    fields: dict[str, dict[str, float | int]]
    tp: int
    fp: int
    fn: int
    n_docs: int
    n_gold: int
    n_pred: int
    docs: list[DocResult]
    n_exact: int = 0
    matched_optional: int = 0
    ignored: int = 0

    def as_dict(self, *, docs: bool = False) -> dict[str, Any]:
        """The figures as JSON-ready data; ``docs=True`` adds every document's result."""
        out: dict[str, Any] = {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "exact": self.exact,
            "fields": {name: dict(v) for name, v in self.fields.items()},
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "n_docs": self.n_docs,
            "n_gold": self.n_gold,
            "n_pred": self.n_pred,
            "n_exact": self.n_exact,
            "matched_optional": self.matched_optional,
            "ignored": self.ignored,
        }
        if docs:
            out["docs"] = [asdict(d) for d in self.docs]
        return out


def score(
    gold_docs: Sequence[GoldDoc], predictions: Mapping[str, Sequence[Mapping[str, Any]] | None]
) -> Report:
    """Score predictions (gold id -> events) against a gold file.

    A gold document with no entry in ``predictions`` predicted nothing; ids that are not in
    the gold file are not looked at.
    """
    tally = FieldTally()
    results: list[DocResult] = []
    for doc in gold_docs:
        result, doc_tally = score_document(doc, predictions.get(doc.id) or [])
        results.append(result)
        tally.merge(doc_tally)

    tp = sum(len(r.matched) for r in results)
    fp = sum(len(r.false_positives) for r in results)
    fn = sum(len(r.missed) for r in results)
    n_exact = sum(len(r.exact) for r in results)
    n_optional = sum(len(r.matched_optional) for r in results)
    # 0/0: a ratio with nothing to count is 1.0 only when the other side is empty too (no
    # gold to find and nothing predicted: a file of negatives handled perfectly); otherwise
    # it is 0.0, so that predicting nothing never earns a perfect precision, nor does a set
    # of negatives with false positives earn a perfect recall.  Exact follows recall.
    precision = tp / (tp + fp) if tp + fp else float(fn == 0)
    recall = tp / (tp + fn) if tp + fn else float(fp == 0)
    exact = n_exact / (tp + fn) if tp + fn else float(fp == 0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Report(
        precision=precision,
        recall=recall,
        f1=f1,
        exact=exact,
        fields=tally.as_fields(),
        tp=tp,
        fp=fp,
        fn=fn,
        n_docs=len(results),
        n_gold=tp + fn,
        n_pred=tp + fp + n_optional,
        docs=results,
        n_exact=n_exact,
        matched_optional=n_optional,
        ignored=sum(len(r.ignored) for r in results),
    )


def format_report(report: Report, *, name: str = "") -> str:
    """The figures, then one line per document that missed, for a person to read."""
    prefix = f"{name}: " if name else ""
    lines = [
        f"{prefix}{report.n_docs} documents, {report.n_gold} required gold events, "
        f"{report.n_pred} predictions scored ({report.matched_optional} matched optional, "
        f"{report.ignored} left out by type)",
        f"P {report.precision:.3f}  R {report.recall:.3f}  F1 {report.f1:.3f}  "
        f"exact {report.exact:.3f}  (tp {report.tp}, fp {report.fp}, fn {report.fn})",
    ]
    width = max((len(f) for f in report.fields), default=0)
    for fname, fig in report.fields.items():
        lines.append(f"  {fname:<{width}}  {fig['acc']:.3f}  (n={fig['n']})")
    bad = [d for d in report.docs if not d.ok]
    if bad:
        lines.append(f"documents with errors: {len(bad)}")
        lines.extend(f"  {_doc_line(d)}" for d in bad)
    return "\n".join(lines)


def _doc_line(doc: DocResult) -> str:
    parts = []
    if doc.missed:
        parts.append("missed " + ", ".join(f"{doc.gold_types[i]} #{i}" for i in doc.missed))
    if doc.false_positives:
        fps = ", ".join(f"{doc.pred_types[i]} (pred {i})" for i in doc.false_positives)
        parts.append("false positives " + fps)
    if doc.field_errors:
        parts.append("wrong " + "; ".join(doc.field_errors))
    return f"{doc.id}: " + " | ".join(parts)
