"""Incremental grouping: each new event joins the best compatible incident, or starts one.

Candidates come from the blocking keys only (``keys.py``), never from all incidents.  An
event joins an incident when it is one incident with at least one member (``match.compare``)
and contradicts none of them (so a look-alike cannot chain two incidents together), and
never an incident that already holds an event of its own article (the coder has already
merged what one story restates: two such events are two incidents).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from eventwire.incidents.facts import Facts
from eventwire.incidents.keys import Key, file_keys, probe_keys
from eventwire.incidents.match import Verdict, compare


def incident_id(first_event_id: str) -> str:
    """An incident is named after the event that started it: stable across runs."""
    return "i" + hashlib.sha256(first_event_id.encode("utf-8")).hexdigest()[:23]


@dataclass
class Incident:
    """Members (in the order they joined) and why each joined."""

    id: str
    members: list[Facts]
    joins: list[dict[str, Any]] = field(default_factory=list)  # one per member after the first
    changed: bool = True

    @property
    def article_ids(self) -> set[str]:
        return {m.article_id for m in self.members}


class Grouper:
    """Groups events into incidents, starting from incidents already stored."""

    def __init__(self, incidents: Iterable[Incident] = ()) -> None:
        self.incidents: dict[str, Incident] = {}
        self._index: dict[Key, set[str]] = {}
        self.comparisons = 0  # pairs compared, for the benchmark
        for incident in incidents:
            incident.changed = False
            self._file(incident)

    def _file(self, incident: Incident, members: Iterable[Facts] | None = None) -> None:
        self.incidents[incident.id] = incident
        for member in incident.members if members is None else members:
            for key in file_keys(member):
                self._index.setdefault(key, set()).add(incident.id)

    def add(self, facts: Facts) -> Incident:
        """Put one event in an incident and return it."""
        best: tuple[float, str, Facts, Verdict] | None = None
        candidates: set[str] = set()
        for key in probe_keys(facts):
            candidates |= self._index.get(key, set())
        for ident in sorted(candidates):
            incident = self.incidents[ident]
            if facts.article_id in incident.article_ids:
                continue
            found = self._fit(facts, incident)
            if found is not None and (best is None or found[0] > best[0]):
                best = (found[0], ident, found[1], found[2])
        if best is None:
            incident = Incident(incident_id(facts.event_id), [facts])
            self._file(incident)
            return incident
        _, ident, partner, verdict = best
        incident = self.incidents[ident]
        incident.members.append(facts)
        incident.joins.append(
            {"event_id": facts.event_id, "matched": partner.event_id, "reasons": verdict.reasons}
        )
        incident.changed = True
        self._file(incident, [facts])
        return incident

    def _fit(self, facts: Facts, incident: Incident) -> tuple[float, Facts, Verdict] | None:
        """The best-scoring member if the event is one incident with it and fits all others."""
        best: tuple[float, Facts, Verdict] | None = None
        for member in incident.members:
            self.comparisons += 1
            verdict = compare(facts, member)
            if verdict.conflict is not None:
                return None
            if verdict.same and (best is None or verdict.score > best[0]):
                best = (verdict.score, member, verdict)
        return best
