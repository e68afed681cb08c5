"""Whether two events tell one incident, and why: compatibility with reasons.

Each field either agrees (adding to a score, with a reason), says nothing (a side does not
know it), or contradicts (the pair is refused, with the reason).  A pair is one incident
when nothing contradicts and the score reaches ``THRESHOLD``: a shared day or place alone is
not enough; a shared day and place, or a day and a place inside the other's region, with
parties and counts that agree, is.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from eventwire.incidents.facts import Facts

THRESHOLD = 3.0
DAY_TOLERANCE = 1  # two day-precise dates a day apart may still be one incident
NEAR_KM = 30.0  # two resolved places this close are one scene (a town and its suburb)


@dataclass
class Verdict:
    """The outcome of comparing two events."""

    score: float = 0.0
    reasons: list[str] = field(default_factory=list)
    conflict: str | None = None

    @property
    def same(self) -> bool:
        return self.conflict is None and self.score >= THRESHOLD

    def add(self, points: float, reason: str) -> None:
        self.score += points
        self.reasons.append(reason)


@lru_cache(maxsize=1)
def same_act_modes() -> dict[str, set[frozenset[str]]]:
    """data/same_act_modes.tsv: per type, the pairs of modes that can tell one act."""
    text = (resources.files("eventwire") / "data" / "same_act_modes.tsv").read_text("utf-8")
    pairs: dict[str, set[frozenset[str]]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        etype, first, second = line.split("\t")[:3]
        pairs.setdefault(etype, set()).add(frozenset((first, second)))
    return pairs


def compare(new: Facts, old: Facts) -> Verdict:
    """Compare a new event with an incident member (``old``: the earlier report)."""
    verdict = Verdict()
    if new.type != old.type:
        verdict.conflict = f"types differ ({new.type}, {old.type})"
        return verdict
    for check in (_modes, _dates, _places, _parties, _counts):
        check(new, old, verdict)
        if verdict.conflict:
            break
    return verdict


def _modes(new: Facts, old: Facts, verdict: Verdict) -> None:
    if new.mode is None or old.mode is None:
        return
    if new.mode == old.mode:
        verdict.add(0.5, f"same mode {new.mode}")
    elif frozenset((new.mode, old.mode)) in same_act_modes().get(new.type, set()):
        verdict.add(0.0, f"compatible modes {old.mode}/{new.mode}")
    else:  # coded modes vary with the wording ("blew himself up"): evidence against, no veto
        verdict.add(-1.0, f"modes differ ({old.mode}, {new.mode})")


def _dates(new: Facts, old: Facts, verdict: Verdict) -> None:
    a, b = new.span, old.span
    if a is None or b is None:
        verdict.conflict = "an event has no date"
        return
    gap = max((b[0] - a[1]).days, (a[0] - b[1]).days, 0)
    if gap > DAY_TOLERANCE:
        verdict.conflict = f"dates {gap} days apart"
    elif gap == 1:
        verdict.add(0.0, f"dates a day apart ({old.date_lo}, {new.date_lo})")
    elif a == b and a[0] == a[1]:
        verdict.add(2.0, f"same day {a[0].isoformat()}")
    else:
        verdict.add(1.0, f"dates overlap within their precision ({old.date_lo}..{old.date_hi})")


def _places(new: Facts, old: Facts, verdict: Verdict) -> None:
    if new.country and old.country and new.country != old.country:
        verdict.conflict = f"countries differ ({old.country}, {new.country})"
        return
    if new.geonames_id and old.geonames_id:
        if new.geonames_id == old.geonames_id:
            verdict.add(2.0, f"same place {new.place} (GeoNames {new.geonames_id})")
            return
        km = _distance(new, old)
        if km is not None and km <= NEAR_KM:
            verdict.add(1.5, f"nearby places {old.place}/{new.place} ({km:.0f} km)")
        elif new.place_precision == old.place_precision == "place":
            verdict.conflict = f"different places ({old.place}, {new.place})"
        else:
            _regions(new, old, verdict)
        return
    if new.place and old.place and _fold(new.place) == _fold(old.place):
        verdict.add(2.0, f"same place {new.place}")
        return
    _regions(new, old, verdict)


def _regions(new: Facts, old: Facts, verdict: Verdict) -> None:
    """A place inside the other's region or country, or two places that cannot be compared."""
    if new.admin1 and old.admin1:
        if new.admin1 == old.admin1:
            verdict.add(1.0, f"same region {new.admin1}")
        elif new.place_precision == old.place_precision == "place":
            verdict.conflict = f"different regions ({old.admin1}, {new.admin1})"
        return
    if new.country and old.country:
        both_towns = new.place_precision == old.place_precision == "place"
        if both_towns and new.place and old.place:
            verdict.add(-1.0, f"places not comparable ({old.place}, {new.place})")
        else:
            verdict.add(0.5, f"same country {new.country}")


# Reporters name one armed group "gunmen", "jihadists", "rebels" or "a gang": those sectors
# are one party for matching, and an unidentified armed group (UAF) may be any armed party.
_ARMED = frozenset({"UAF", "REB", "INS", "CRM", "RAD", "TER", "PAR"})


def _fold_sectors(sectors: tuple[str, ...]) -> set[str]:
    return {"ARMED" if s in _ARMED else s for s in sectors}


def _parties(new: Facts, old: Facts, verdict: Verdict) -> None:
    """Party sectors and countries by role.  Roles a parse swapped still agree, so two
    events' parties contradict only when neither the same role nor the swapped one shares
    a code."""
    sectors = (
        _fold_sectors(new.actor_sectors),
        _fold_sectors(new.recipient_sectors),
        _fold_sectors(old.actor_sectors),
        _fold_sectors(old.recipient_sectors),
    )
    countries = (
        set(new.actor_countries),
        set(new.recipient_countries),
        set(old.actor_countries),
        set(old.recipient_countries),
    )
    for kind, (na, nr, oa, orr), points in (("sector", sectors, 0.5), ("country", countries, 0.25)):
        for role, mine, theirs, my_other, their_other in (
            ("actor", na, oa, nr, orr),
            ("recipient", nr, orr, na, oa),
        ):
            if not mine or not theirs:
                continue
            shared = mine & theirs
            if shared:
                verdict.add(points, f"{role} {kind} {'/'.join(sorted(shared))}")
            elif not (mine & their_other or theirs & my_other):
                verdict.conflict = (
                    f"{role} {kind}s differ ({'/'.join(sorted(theirs))}, {'/'.join(sorted(mine))})"
                )
                return


def _counts(new: Facts, old: Facts, verdict: Verdict) -> None:
    """Counts agree, are close, or rose in the later report; any other pair contradicts."""
    later_new = _later(new, old)
    for name in ("dead", "injured", "arrested"):
        a, b = getattr(new, name), getattr(old, name)
        if a is None or b is None:
            continue
        lo, hi = min(a, b), max(a, b)
        if lo == hi:
            verdict.add(1.0, f"same {name} {lo}")
        elif hi <= lo + 2 or hi <= 1.5 * lo:
            verdict.add(0.5, f"{name} close ({b}, {a})")
        elif (a > b) == later_new and hi <= 3 * lo + 3:
            verdict.add(0.0, f"{name} rose in the later report ({min(a, b)} to {hi})")
        else:
            verdict.conflict = f"{name} counts contradict ({b}, {a})"
            return


def _later(new: Facts, old: Facts) -> bool:
    """Whether ``new`` was published after ``old`` (True when unknown: it came later)."""
    a, b = new.published_at, old.published_at
    return True if a is None or b is None else a >= b


def _distance(a: Facts, b: Facts) -> float | None:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))  # type: ignore[arg-type]
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _fold(name: str) -> str:
    return " ".join(name.casefold().split())
