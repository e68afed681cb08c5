"""Who did it and to whom: actor and recipient sides of a trigger, from the dependency parse.

The parse decides first (subjects, objects, passive agents, participles, coordination,
complements that inherit their governor's subject); word order is only a fallback for
parses that break a clause, and every choice is recorded as a reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from spacy.tokens import Span, Token

from eventwire.coder.mentions import Mention

SUBJ = {"nsubj", "csubj"}
SUBJ_PASS = {"nsubj:pass", "nsubjpass", "csubjpass"}
OBJ = {"obj", "dobj", "iobj", "dative", "obl:arg"}
AGENT_CASES = {"par", "by"}
TARGET_CASES = {"contre", "sur", "against", "on", "at", "upon", "vers"}
WITH_CASES = {"avec", "with", "entre", "between", "among", "auprès"}
INSTRUMENT_CASES = {"dans", "lors", "in", "during", "par", "by"}
INHERIT = {"xcomp", "conj", "advcl", "acl"}
# A clause with its own finite verb has its own subject: "a UN official said the two sides
# agreed" does not make the official a party to the agreement.
NON_FINITE = {"Inf", "Part", "Ger"}


@dataclass
class Roles:
    agents: list[Mention] = field(default_factory=list)
    patients: list[Mention] = field(default_factory=list)
    others: list[Mention] = field(default_factory=list)  # co-parties ("avec X", "between X and Y")
    how: list[str] = field(default_factory=list)
    guessed: bool = False  # a side came from word order, not from the parse
    pronoun: bool = False  # the subject is a pronoun ("elle a réduit"): resolved across sentences

    def dedupe(self) -> None:
        for side in ("agents", "patients", "others"):
            kept: list[Mention] = []
            for m in getattr(self, side):
                if m not in kept:
                    kept.append(m)
            setattr(self, side, kept)


LOCATIVE_CASES = {"en", "à", "au", "aux", "dans", "in", "at", "inside", "near", "près"}


class MentionIndex:
    """Find the mention a token belongs to, with its coordinated mentions.

    ``event_nouns`` are the lemmas of nouns that name events ("frappe", "raid"): a party
    named by their demonym ("une frappe aérienne russe") is the party that did them.
    """

    def __init__(self, mentions: list[Mention], event_nouns: frozenset[str] = frozenset()) -> None:
        self.mentions = mentions
        self.event_nouns = event_nouns
        self.by_token: dict[int, Mention] = {}
        # Parties sharing one phrase ("Hungarian and Romanian officials") come together.
        self.siblings: dict[int, list[Mention]] = {}
        for m in mentions:
            for i in range(m.start, m.end):
                self.by_token.setdefault(i, m)
            if m.head in self.siblings:
                self.siblings[m.head].append(m)
            else:
                self.by_token[m.head] = m
                self.siblings[m.head] = [m]

    def at(self, tok: Token) -> list[Mention]:
        found = self._one(tok)
        if found is None:
            return []
        out = list(self.siblings.get(found.head, [found]))
        for conj in self._conjuncts(tok):
            other = self._one(conj)
            if other is not None and other not in out:
                out.append(other)
        # A bad parse may hang "Ankara" off "Moscou et" with a non-conj label; a coordinating
        # conjunction between two mentions still joins them.
        for m in list(out):
            for other in (
                self._after_conjunction(tok.doc, m),
                self._before_conjunction(tok.doc, m),
            ):
                if other is not None and other not in out:
                    out.append(other)
        return sorted(out, key=lambda m: m.start)

    def _one(self, tok: Token, depth: int = 0) -> Mention | None:
        m = self.by_token.get(tok.i)
        if m is not None:
            return m
        # "les positions de l'EI": a nominal that is not a party may carry one in its "de X"
        # or its apposition ("MM. Poutine"); but "les pourparlers d'Astana" name a place.
        for child in sorted(
            tok.children, key=lambda c: c.dep_ not in ("appos", "flat:name", "flat")
        ):
            inner = None
            if child.dep_ in (
                "nmod",
                "compound",
                "flat:name",
                "flat",
                "appos",
                "poss",
                "nmod:poss",
            ):
                inner = self.by_token.get(child.i)
                if inner is None and depth == 0 and child.dep_ in ("appos", "flat:name", "flat"):
                    inner = self._one(child, depth + 1)
            elif child.dep_ == "prep":
                inner = next(
                    (self.by_token[p.i] for p in child.children if p.i in self.by_token), None
                )
            # "les pourparlers d'Astana": a capital inside a noun's complement is a place;
            # "Haiti's efforts", "the president of Armenia": a country there is a party.
            locative = (
                inner is not None
                and inner.entry_kind == "country"
                and (_case(child) in LOCATIVE_CASES)
            )
            if inner is not None and inner.entry_kind != "metonym" and not locative:
                return inner
        return None

    def _conjuncts(self, tok: Token) -> list[Token]:
        """Coordinated tokens, also through an apposition ("MM. Poutine et Erdogan")."""
        out = list(tok.conjuncts)
        for child in tok.children:
            if child.dep_ in ("appos",):
                out += list(child.conjuncts)
        return out

    def _before_conjunction(self, doc, m: Mention) -> Mention | None:
        if m.start < 2:
            return None
        if doc[m.start - 1].pos_ == "CCONJ" and doc[m.start - 1].lower_ in ("et", "and"):
            return self.by_token.get(doc[m.start - 2].i)
        return None

    def _after_conjunction(self, doc, m: Mention) -> Mention | None:
        if m.end + 1 >= len(doc):
            return None
        if doc[m.end].pos_ == "CCONJ" and doc[m.end].lower_ in ("et", "and"):
            return self.by_token.get(doc[m.end + 1].i)
        return None


def _is_place(index: MentionIndex, tok: Token) -> bool:
    m = index.by_token.get(tok.i)
    return m is not None and m.entry_kind in ("country", "metonym")


def _case(tok: Token) -> str:
    for child in tok.children:
        if child.dep_ in ("case", "mark") or child.pos_ == "ADP":
            return child.lemma_.lower()
    if tok.dep_ == "pobj":
        return tok.head.lemma_.lower()
    return ""


def _is_passive_participle(tok: Token) -> bool:
    if tok.tag_ == "VBN":
        return True
    morph = tok.morph
    return "Part" in morph.get("VerbForm") and "Past" in morph.get("Tense")


def _has_passive_aux(tok: Token) -> bool:
    return any(c.dep_ in ("aux:pass", "auxpass") for c in tok.children)


def _prep_objects(tok: Token) -> list[tuple[str, Token]]:
    """(preposition, object) pairs below a token in either annotation scheme."""
    out = []
    for child in tok.children:
        if child.dep_.startswith("obl") or child.dep_ == "nmod":
            out.append((_case(child), child))
        elif child.dep_ in ("prep", "agent"):
            for pobj in child.children:
                if pobj.dep_ in ("pobj", "pcomp"):
                    out.append((child.lemma_.lower(), pobj))
    return out


@lru_cache(maxsize=1)
def type_prepositions() -> dict[str, dict[str, str]]:
    """type -> {preposition: role}, from data/roles.tsv."""
    text = (resources.files("eventwire") / "data" / "roles.tsv").read_text(encoding="utf-8")
    table: dict[str, dict[str, str]] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            etype, prep, role = (c.strip() for c in line.split("\t")[:3])
            table.setdefault(etype, {})[prep] = role
    return table


def _prep_side(prep: str, by_type: dict[str, str]) -> str | None:
    """Which side a prepositional party joins: "contre X" the recipients, "avec X" the others."""
    if prep in TARGET_CASES or by_type.get(prep) == "recipient":
        return "patients"
    if prep in WITH_CASES or by_type.get(prep) == "other":
        return "others"
    return None


def verb_roles(tok: Token, index: MentionIndex, depth: int = 0, etype: str = "") -> Roles:
    roles = Roles()
    by_type = type_prepositions().get(etype, {})
    for child in tok.children:
        if child.dep_ in SUBJ and child.pos_ == "PRON" and child.i not in index.by_token:
            roles.pronoun = child.lower_ not in ("qui", "who", "that", "which", "on", "ce", "it")
            continue
        if child.dep_ in SUBJ:
            (roles.patients if _has_passive_aux(tok) else roles.agents).extend(index.at(child))
            roles.how.append("subject")
        elif child.dep_ in SUBJ_PASS:
            roles.patients.extend(index.at(child))
            roles.how.append("passive subject")
        elif child.dep_ in OBJ:
            if (
                child.dep_ == "obl:arg"
                and _case(child) in LOCATIVE_CASES
                and _is_place(index, child)
            ):
                continue  # "en Syrie" is where, not whom
            roles.patients.extend(index.at(child))
            roles.how.append("object")
        elif child.dep_ in ("obl:agent", "agent"):
            for target in [child, *[c for c in child.children if c.dep_ == "pobj"]]:
                roles.agents.extend(index.at(target))
            roles.how.append("passive agent")
    for prep, obj in _prep_objects(tok):
        side = _prep_side(prep, by_type)
        if side is not None:
            getattr(roles, side).extend(index.at(obj))
        elif prep in AGENT_CASES and not roles.agents:
            roles.agents.extend(index.at(obj))
        elif (
            prep in INSTRUMENT_CASES
            and not roles.agents
            and obj.lemma_.lower() in index.event_nouns
        ):
            # "tués dans une frappe aérienne russe": the party of the attack did it.
            roles.agents.extend(index.at(obj))
            roles.how.append(f"party of {obj.text!r}")
    # A bare nominal hung off the verb before it, with no subject found: the parse mislabelled
    # the subject ("Valery Gerasimov, chef d'état-major ..., a transmis" as advmod).
    if not roles.agents and not any(c.dep_ in SUBJ | SUBJ_PASS for c in tok.children):
        for child in tok.children:
            if (
                child.i < tok.i
                and child.pos_ in ("PROPN", "NOUN")
                and not _case(child)
                and child.i in index.by_token
            ):
                roles.agents.extend(index.at(child))
                roles.how.append("nominal before the verb")
                break
    # Participle modifying a noun: "soldats tués" (passive) or "avions bombardant" (active).
    if tok.dep_ in ("acl", "amod") and tok.head.pos_ in ("NOUN", "PROPN", "PRON"):
        side = roles.patients if _is_passive_participle(tok) else roles.agents
        side.extend(index.at(tok.head))
        roles.how.append("participle")
    if tok.dep_ in ("relcl", "acl:relcl") and not roles.agents:
        roles.agents.extend(index.at(tok.head))
        roles.how.append("relative clause")
    # Complements and coordinated verbs share their governor's subject.
    finite = not (set(tok.morph.get("VerbForm")) & NON_FINITE) and tok.tag_ not in (
        "VB",
        "VBG",
        "VBN",
    )
    inherits = tok.dep_ in ("xcomp", "conj") or (tok.dep_ in INHERIT and not finite)
    if not roles.agents and inherits and depth < 3 and tok.head.i != tok.i:
        gov = tok.head
        # "leur détermination à soutenir": through the noun to the verb it complements.
        if (
            gov.pos_ == "NOUN"
            and gov.dep_ in ("obj", "dobj", "nsubj", "obl:arg")
            and gov.head.i != gov.i
        ):
            gov = gov.head
        if gov.pos_ in ("VERB", "AUX"):
            inherited = verb_roles(gov, index, depth + 1, etype)
            if not _is_passive_participle(tok) or tok.dep_ != "acl":
                roles.agents.extend(inherited.agents)
                roles.pronoun = roles.pronoun or (inherited.pronoun and not inherited.agents)
                if inherited.agents:
                    roles.how.append(f"subject of governing {gov.lemma_!r}")
    return roles


def noun_roles(tok: Token, index: MentionIndex, etype: str = "") -> Roles:
    roles = Roles()
    by_type = type_prepositions().get(etype, {})
    for child in tok.children:
        if child.dep_ in ("amod", "compound", "poss", "nmod:poss") and child.i in index.by_token:
            roles.agents.extend(index.at(child))
            roles.how.append("modifier of the noun")
    for prep, obj in _prep_objects(tok):
        side = _prep_side(prep, by_type)
        if side is not None:
            getattr(roles, side).extend(index.at(obj))
        elif prep in ("de", "of", "par", "by") and not roles.agents:
            # "les pourparlers d'Astana", "the Geneva talks": a capital there is a place.
            found = [m for m in index.at(obj) if m.entry_kind != "metonym"]
            roles.agents.extend(found)
            if found:
                roles.how.append(f"'{prep}' complement")
    # A light verb carries the parties: "X a mené une attaque contre Y",
    # "dans une conversation téléphonique, X a présenté ... à Y", "au cours d'une conversation".
    gov = tok.head
    if gov.pos_ in ("NOUN", "ADP") and gov.head.i != gov.i and tok.dep_ in ("nmod", "pobj"):
        gov = gov.head if gov.pos_ == "NOUN" or gov.head.pos_ in ("VERB", "AUX") else gov
        if gov.pos_ == "ADP":
            gov = gov.head
    if gov.i != tok.i and gov.pos_ in ("VERB", "AUX") and not roles.agents:
        outer = verb_roles(gov, index, etype=etype)
        roles.agents.extend(outer.agents)
        roles.others.extend(m for m in outer.patients if m not in roles.agents)
        roles.others.extend(outer.others)
        if outer.agents:
            roles.how.append(f"subject of {gov.lemma_!r}")
    return roles


def linear_fallback(
    tok: Token,
    sent: Span,
    index: MentionIndex,
    roles: Roles,
    oneway: bool,
    exclude: tuple[int, int] | None = None,
) -> None:
    """Nearest coded mentions around the trigger when the parse gave none.

    ``exclude`` is the token span of whoever reports the event ("ont annoncé les forces
    armées turques"): the source of a report is not a party to it.
    """
    # A party inside another noun's complement ("les pourparlers d'Astana") is not a guess.
    coded = [
        m
        for m in index.mentions
        if m.coded
        and sent.doc[m.head].dep_ not in ("nmod", "amod", "compound", "poss", "nmod:poss")
    ]
    if exclude is not None:
        coded = [m for m in coded if not (m.start < exclude[1] and m.end > exclude[0])]
    if not roles.agents and not roles.pronoun:
        before = [m for m in coded if m.end <= tok.i and tok.i - m.end <= 12]
        before = [m for m in before if m not in roles.patients and not _in_source_phrase(m, sent)]
        if before:
            roles.agents.append(before[-1])
            roles.how.append("nearest party before the trigger")
            roles.guessed = True
    if oneway and not roles.patients:
        # "les pourparlers d'Astana, au Kazakhstan": a country after "au" is where, not whom.
        after = [
            m
            for m in coded
            if m.start > tok.i and m.start - tok.i <= 8 and not _locative_place(m, sent)
        ]
        after = [m for m in after if m not in roles.agents and not _in_source_phrase(m, sent)]
        if after:
            roles.patients.append(after[0])
            roles.how.append("nearest party after the trigger")
            roles.guessed = True


def _locative_place(m: Mention, sent: Span) -> bool:
    if m.entry_kind not in ("country", "metonym"):
        return False
    head = sent.doc[m.head]
    if _case(head) in LOCATIVE_CASES:
        return True
    return m.start > 0 and sent.doc[m.start].lower_ in LOCATIVE_CASES


def _in_source_phrase(m: Mention, sent: Span) -> bool:
    """Parties inside "selon X" / "according to X" report the event; they are not in it."""
    doc = sent.doc
    for i in range(max(sent.start, m.start - 3), m.start):
        if doc[i].lower_ in ("selon", "according"):
            return True
    return False
