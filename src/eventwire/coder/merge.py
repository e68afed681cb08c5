"""One event, one record: restatements of the same event in a story become one record.

Candidates of the same type whose parties, dates and places do not contradict each other
are grouped (the headline, the lead and each communiqué restate one agreement); the
record takes each field from its most specific mention and keeps every sentence as
evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from spacy.tokens import Token

from eventwire.coder.candidates import Candidate, occurrence_words
from eventwire.coder.casualties import Count, is_person_noun
from eventwire.coder.lexicon import load_lexicon
from eventwire.coder.mentions import Mention
from eventwire.coder.numbers import token_value
from eventwire.resolve.places import PRECISION_RANK


@dataclass
class Group:
    members: list[Candidate] = field(default_factory=list)

    @property
    def type(self) -> str:
        return self.members[0].type

    def countries(self) -> set[str]:
        return {m.country for c in self.members for m in c.parties if m.country}

    def agent_countries(self) -> set[str]:
        return {m.country for c in self.members for m in c.roles.agents if m.country}

    def dates(self) -> set[str]:
        return {c.date.value for c in self.members if c.date is not None}

    def places(self) -> set[str]:
        return {
            c.place.place.name
            for c in self.members
            if c.place is not None and c.place.precision == "place"
        }

    def place_countries(self) -> set[str]:
        return {country for c in self.members if (country := _clause_country(c))}

    def modes(self) -> set[str]:
        return {c.mode for c in self.members if c.mode}


def _clause_country(cand: Candidate) -> str | None:
    """The country of a place named in the event's own clause (not the dateline's, not a
    place only elsewhere in its sentence)."""
    place = cand.place
    if place is None or place.dateline or not cand.place_how.startswith("named in the event's"):
        return None
    return place.place.country


@lru_cache(maxsize=1)
def same_act_modes() -> dict[str, set[frozenset[str]]]:
    """data/same_act_modes.tsv: type -> the pairs of modes that can tell one act."""
    text = (resources.files("eventwire") / "data" / "same_act_modes.tsv").read_text("utf-8")
    table: dict[str, set[frozenset[str]]] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            etype, a, b = (c.strip() for c in line.split("\t")[:3])
            table.setdefault(etype, set()).add(frozenset((a, b)))
    return table


def _modes_agree(etype: str, mine: str | None, theirs: set[str]) -> bool:
    pairs = same_act_modes().get(etype, set())
    return mine is None or all(m == mine or frozenset((m, mine)) in pairs for m in theirs)


def another_event(cand: Candidate) -> bool:
    """ "Hours later, gunmen killed ...", "in another attack", "par ailleurs": the text says
    this is not the event told before (occurrence.tsv, kind "another"), on the trigger or a
    phrase of its clause."""
    words = occurrence_words(cand.head.doc.lang_)
    head = cand.head
    near = [*head.children, *(g for c in head.children if c.dep_ in _PHRASES for g in c.children)]
    return any(
        "another" in words.get(t.lemma_.lower(), frozenset())
        and t.dep_ in ("advmod", "amod", "det", "npadvmod", "obl", "obl:mod", "fixed")
        for t in near
    )


_PHRASES = ("obl", "obl:mod", "prep", "pobj", "nmod", "advmod", "npadvmod")


def acts_counted(cand: Candidate) -> int | None:
    """How many acts an event counts: "six raids" 6, "une frappe" 1, "the strikes" None;
    a verb counts by the act noun of its clause ("killed in an air strike": 1)."""
    head = cand.head
    lex = load_lexicon(head.doc.lang_ if head.doc.lang_ in ("fr", "en") else "en")
    if head.pos_ != "NOUN":
        near = [g for c in head.children for g in (c, *c.children)]  # "tués lors d'une frappe"
        nouns = [g for g in near if g.pos_ == "NOUN" and g.lemma_.lower() in lex.event_nouns]
        return _noun_count(nouns[0], lex.numbers) if nouns else None
    return _noun_count(head, lex.numbers)


def _noun_count(noun: Token, numbers: dict[str, int]) -> int | None:
    for child in noun.children:
        if child.dep_ == "nummod" and (value := token_value(child, numbers)) is not None:
            return value
    singular = "Sing" in noun.morph.get("Number")
    if singular and any(c.dep_ == "det" and c.lower_ in _ONE for c in noun.children):
        return 1
    return None


_ONE = frozenset(("a", "an", "un", "une"))


def anaphoric(cand: Candidate) -> bool:
    """ "cette attaque", "these protests": a demonstrative points back at an event told before."""
    head = cand.head
    return head.pos_ in ("NOUN", "PROPN") and any(
        c.dep_ == "det" and "Dem" in c.morph.get("PronType") for c in head.children
    )


def _fits(group: Group, cand: Candidate) -> bool:
    if group.type != cand.type:
        return False
    if any(c.modality.negated for c in group.members) != cand.modality.negated:
        return False
    mine = {m.country for m in cand.parties if m.country}
    theirs = group.countries()
    if mine and theirs and not mine & theirs:
        return False
    # Reciprocal events restate the same meeting only with the same set of parties (or part).
    if cand.roles_kind == "recip" and mine and theirs and not (mine <= theirs or theirs <= mine):
        return False

    # The same country with another sector is another party: the chiefs of staff's call is
    # not the presidents' call. For one-way acts only the doers are compared: one attack's
    # victims are told as soldiers in one sentence and a policeman in the next.
    def compared(c: Candidate) -> list[Mention]:
        return c.parties if c.roles_kind == "recip" else c.roles.agents

    sectors = {
        (m.country, m.sector) for c in group.members for m in compared(c) if m.country and m.sector
    }
    for m in compared(cand):
        if m.country and m.sector and any(c == m.country and s != m.sector for c, s in sectors):
            return False
    agents = {m.country for m in cand.roles.agents if m.country}
    group_agents = group.agent_countries()
    if cand.roles_kind != "recip" and agents and group_agents and not agents & group_agents:
        return False
    dates = group.dates()
    if cand.date is not None and dates and cand.date.value not in dates:
        return False
    # "six raids on four villages" are not the one strike told before.
    counted = acts_counted(cand)
    theirs_counted = {n for c in group.members if (n := acts_counted(c)) is not None}
    if counted is not None and theirs_counted and counted not in theirs_counted:
        return False
    # Victims named apart are killed apart: "the mayor Castellar ... Torrado was killed".
    names = victim_names(cand)
    theirs = {n for c in group.members for n in victim_names(c)}
    if names and theirs and not names & theirs:
        return False
    # Another country, another mode of acting: another act ("gunmen killed a sheik in
    # Samarra" is not the suicide bombing in Baghdad; a phone call is not the visit).
    country = _clause_country(cand)
    countries = group.place_countries()
    if country and countries and country not in countries:
        return False
    if not _modes_agree(cand.type, cand.mode, group.modes()):
        return False
    places = group.places()
    return not (
        cand.place is not None
        and cand.place.precision == "place"
        and places
        and cand.place.place.name not in places
    )


def victim_names(cand: Candidate) -> set[str]:
    """The words of the names of the victims a mention counts one by one ("Rodriguez Porth"),
    not titles ("the mayor") nor pronouns."""
    doc = cand.sent.doc
    words: set[str] = set()
    for c in cand.counts:
        victim = doc[c.number_token]
        if not c.named or victim.pos_ not in ("PROPN", "NOUN") or is_person_noun(victim, doc.lang_):
            continue
        words |= {t.lower_ for t in _name_around(victim)}
    return words


def _name_around(victim: Token) -> list[Token]:
    """The words of a name around its head: "Hector Oqueli Colindres" whichever word heads it."""
    doc = victim.doc
    start = end = victim.i
    while start > 0 and _name_word(doc[start - 1]):
        start -= 1
    while end + 1 < len(doc) and _name_word(doc[end + 1]):
        end += 1
    return [t for t in doc[start : end + 1] if _name_word(t)]


def _name_word(tok: Token) -> bool:
    if tok.pos_ not in ("PROPN", "NOUN") or not tok.is_alpha or tok.ent_type_ in ("DATE", "TIME"):
        return False
    return not is_person_noun(tok, tok.doc.lang_)


def _historical(group: Group) -> bool:
    precisions = {c.date.precision for c in group.members if c.date is not None}
    return bool(precisions) and "day" not in precisions


def _affinity(group: Group, cand: Candidate) -> tuple[int, int, int, int]:
    """How well a candidate matches a group: the same counts and mode, then its parties."""
    counts = {(c.kind, c.value) for c in cand.counts}
    group_counts = {(c.kind, c.value) for m in group.members for c in m.counts}
    modes = {m.mode for m in group.members if m.mode}
    same = len(counts & group_counts) + (1 if cand.mode and cand.mode in modes else 0)
    pairs = {(m.country, m.sector) for m in cand.parties if m.country and m.sector}
    group_pairs = {
        (m.country, m.sector) for c in group.members for m in c.parties if m.country and m.sector
    }
    mine = {m.country for m in cand.parties if m.country}
    theirs = group.countries()
    return (same, len(pairs & group_pairs), len(mine & theirs), -len(mine ^ theirs))


def group_candidates(cands: list[Candidate]) -> list[Group]:
    """Group restatements: dated mentions first, then each undated one joins the best match.

    An undated mention ("Dans une conversation téléphonique, ...") is tied to the group whose
    parties it shares most, not to whichever group happens to come first in the text.
    """
    groups: list[Group] = []
    for cand in (c for c in cands if c.date is not None):
        home = None if another_event(cand) else next((g for g in groups if _fits(g, cand)), None)
        if home is None:
            groups.append(Group([cand]))
        else:
            home.members.append(cand)
    for cand in (c for c in cands if c.date is None):
        # An undated mention is news, not history: it does not join an event dated only to
        # a month or a year ("depuis décembre 2016, ... négocier une trêve").
        fitting = [g for g in groups if _fits(g, cand) and not _historical(g)]
        if another_event(cand):
            fitting = []
        elif anaphoric(cand):
            # "ces agressions": the nearest event of its type told before, whatever else
            # its sentence names
            before = [
                g
                for g in groups
                if g.type == cand.type
                and g.members[0].sent.start < cand.sent.start
                and any(c.modality.negated for c in g.members) == cand.modality.negated
            ]
            fitting = before[-1:] or fitting
        if fitting:
            max(fitting, key=lambda g: _affinity(g, cand)).members.append(cand)
        else:
            groups.append(Group([cand]))
    order = {id(c): i for i, c in enumerate(cands)}
    for g in groups:
        g.members.sort(key=lambda c: order[id(c)])
    return sorted(groups, key=lambda g: order[id(g.members[0])])


def best_parties(group: Group, side: str) -> list[Mention]:
    """The parties of the most informative mention on one side (coded with sector and country)."""

    def score(c: Candidate) -> tuple[int, int, int, int]:
        ms = getattr(c.roles, side)
        # The victims are whom the killing was done to: a mention with its casualty counts
        # says more about the recipient than a background raid "against IS positions".
        victims = int(side == "patients" and bool(c.counts) and any(m.coded for m in ms))
        return (
            victims,
            sum(1 for m in ms if m.country),
            sum(1 for m in ms if m.sector),
            -c.sent.start,
        )

    best = max(group.members, key=score)
    return list(getattr(best.roles, side))


def best_place(group: Group) -> Candidate | None:
    with_place = [c for c in group.members if c.place is not None]
    if not with_place:
        return None
    return min(with_place, key=lambda c: (PRECISION_RANK[c.place.precision], c.sent.start))


def loose_counts(found: list[Candidate], counts: list[Count]) -> list[Count]:
    """The counts of a sentence that none of its events took ("accepted responsibility for the
    death of two reporters": no assault is coded in that sentence)."""
    taken = {id(c) for cand in found for c in cand.counts}
    return [c for c in counts if id(c) not in taken]


def attach_loose(cands: list[Candidate], loose: list[Count]) -> None:
    """Each loose count goes to the nearest assault, else protest (an arrest count to the
    nearest arrest) of the story that has no count of its kind yet: a sentence about the
    killing that is no event of its own still says how many died."""
    for count in loose:
        # as in a sentence: the dead and wounded are an assault's, else a riot's or a clash's
        wanted = ("COERCE",) if count.kind == "arrested" else ("ASSAULT", "PROTEST")
        pool: list[Candidate] = []
        for etype in wanted:
            pool = pool or [
                c
                for c in cands
                if c.type == etype
                and not c.modality.negated
                and not any(k.kind == count.kind for k in c.counts)
            ]
        if not pool:
            continue
        best = min(pool, key=lambda c: min(abs(t.start - count.token) for t in c.triggers))
        best.counts.append(count)
