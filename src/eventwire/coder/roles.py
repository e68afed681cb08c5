"""Who did it and to whom: actor and recipient sides of a trigger, from the dependency parse.

The parse decides first (subjects, objects, passive agents, participles, coordination,
complements that inherit their governor's subject); word order is only a fallback for
parses that break a clause, and every choice is recorded as a reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources

from spacy.tokens import Span, Token

from eventwire.coder.mentions import Mention, case_of, non_finite

SUBJ = {"nsubj", "csubj"}
SUBJ_PASS = {"nsubj:pass", "nsubjpass", "csubjpass"}
OBJ = {"obj", "dobj", "iobj", "dative", "obl:arg"}
AGENT_CASES = {"par", "by"}
TARGET_CASES = {"contre", "sur", "against", "on", "at", "upon", "vers"}
WITH_CASES = {"avec", "with", "entre", "between", "among", "auprès"}
INSTRUMENT_CASES = {"dans", "lors", "in", "during", "par", "by"}
INHERIT = {"xcomp", "conj", "advcl", "acl"}
# Passive verbs whose subject is their complement's ("X is scheduled to attend"), unlike those
# whose subject undergoes an order ("the paper was ordered to close").
RAISING = frozenset(
    {"schedule", "expect", "set", "slate", "due", "suppose", "plan", "prévoir", "attendre",
     "censer", "programmer"}
)  # fmt: skip
# Complements of a noun that name someone other than whose the noun is.
NOT_WHOSE = TARGET_CASES | WITH_CASES | {
    "to", "toward", "towards", "from", "into", "à", "au", "aux", "envers",
}  # fmt: skip
# English nouns of acts done to someone take the target in "of" ("the invasion of Kuwait");
# French "de" is as often the doer ("les frappes de la coalition"), so it stays an agent.
OF_IS_PATIENT = {"ASSAULT", "COERCE"}
# French nouns of acts done to a person, whose "de" is the victim: "l'assassinat du gouverneur",
# "l'arrestation de l'opposant" (but "les frappes de la coalition" are the coalition's).
DE_IS_PATIENT = {
    "assassinat", "meurtre", "exécution", "enlèvement", "rapt", "arrestation", "interpellation",
    "détention", "incarcération", "libération", "expulsion", "extradition", "mort", "décès",
    "massacre", "lynchage", "condamnation",
}  # fmt: skip
# Prepositions that give the one an act is done to or for, when the type says so ("aid to X").
DATIVE_CASES = {"to", "à", "au", "aux"}
PERSONAL_PRONOUNS = {"it", "they", "he", "she", "il", "elle", "ils", "elles"}
# Light verbs whose subject undergoes the act named by their object: "la ville a subi une
# attaque", "the convoy came under fire".
UNDERGO = {
    "subir", "essuyer", "endurer", "repousser", "survivre", "suffer", "undergo", "endure",
    "sustain", "repel", "repulse", "survive",
    # "18 rebelles ont péri lors d'un bombardement", "three soldiers died in an ambush"
    "périr", "mourir", "succomber", "die", "perish", "succumb",
}  # fmt: skip
# Verbs that act on the event their object names, an event of their own: "police dispersed the
# demonstration" is not the police's demonstration.
ACTS_ON = {
    "disperser", "interdire", "réprimer", "empêcher", "déjouer", "condamner", "dénoncer",
    "bloquer", "disperse", "ban", "crush", "suppress", "quell", "prevent", "foil", "thwart",
    "condemn", "denounce", "block", "stop", "squelch", "quash", "étouffer",
}  # fmt: skip
# Verbs that tell of an act named as their object without doing it: "L'ONU fait état
# d'attaques", "the UN reported attacks on civilians" (unlike "a annoncé des frappes").
REPORTS_ON = {
    "signaler", "rapporter", "recenser", "documenter", "relater", "évoquer", "décrire",
    "mentionner", "citer", "report", "document", "record", "describe", "mention", "cite",
    "chronicle",
}  # fmt: skip
# Participles whose agent is the doer of the act they qualify: "une attaque revendiquée par X".
CLAIMED = {
    "revendiquer", "claim", "perpetrate", "commettre", "perpétrer", "mener", "conduct",
    "tendre", "lancer", "launch", "carry", "stage", "orchestrer", "orchestrate", "organiser",
    "organize", "organise",
}  # fmt: skip
# Acts an authority announces as its own even when it words them in the passive: "la police a
# annoncé que Navalny avait été relâché", "the ministry said 30 people were arrested".
AUTHORITY_ACTS = {"COERCE", "RETREAT", "SANCTION"}
AUTHORITY_SECTORS = {"GOV", "MIL", "COP", "JUD", "SPY"}


@dataclass
class Roles:
    agents: list[Mention] = field(default_factory=list)
    patients: list[Mention] = field(default_factory=list)
    others: list[Mention] = field(default_factory=list)  # co-parties ("avec X", "between X and Y")
    how: list[str] = field(default_factory=list)
    guessed: bool = False  # a side came from word order, not from the parse
    guessed_sides: set[str] = field(default_factory=set)  # which sides did
    pronoun: bool = False  # the subject is a pronoun ("elle a réduit"): resolved across sentences
    self_reported: bool = False  # "X said it would ...": the doer announces it

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

    def __init__(
        self,
        mentions: list[Mention],
        event_nouns: frozenset[str] = frozenset(),
        reporting: frozenset[str] = frozenset(),
    ) -> None:
        self.mentions = mentions
        self.event_nouns = event_nouns
        self.reporting = reporting  # verbs that report: "Syria says it will withdraw"
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
            if child.dep_ == "nmod" and case_of(child) in NOT_WHOSE:
                continue  # "les relations avec la Turquie" are not Turkey
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
                # "Predator" in "US Predator attacks" carries the country one level down.
                if (
                    inner is None
                    and depth == 0
                    and child.dep_
                    in (
                        "appos",
                        "flat:name",
                        "flat",
                        "compound",
                    )
                ):
                    inner = self._one(child, depth + 1)
            elif child.dep_ == "prep" and child.lower_ not in NOT_WHOSE:
                # "the president of Armenia", but not "air links with Serbia"
                inner = next(
                    (self.by_token[p.i] for p in child.children if p.i in self.by_token), None
                )
            # "les pourparlers d'Astana": a capital inside a noun's complement is a place;
            # "Haiti's efforts", "the president of Armenia": a country there is a party.
            prep = child.lower_ if child.dep_ == "prep" else case_of(child)
            locative = (
                inner is not None and inner.entry_kind == "country" and prep in LOCATIVE_CASES
            )
            if inner is not None and inner.entry_kind != "metonym" and not locative:
                return inner
        return None

    def _conjuncts(self, tok: Token) -> list[Token]:
        """Coordinated tokens, also through an apposition ("MM. Poutine et Erdogan"); a list
        parsed as an apposition ("the US, Russia, and Switzerland") counts each of its items."""
        out = list(tok.conjuncts)
        for child in tok.children:
            if child.dep_ in ("appos",):
                listed = list(child.conjuncts)
                out += [child, *listed] if listed else []
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


def _armed_instrument(verb: Token, obj: Token, index: MentionIndex) -> bool:
    """ "killed in Israeli tank [fire]": armed forces in an instrument phrase of a passive
    verb did it (the parse may cut the event noun off)."""
    m = index.by_token.get(obj.i)
    passive = _has_passive_aux(verb) or any(c.dep_ in SUBJ_PASS for c in verb.children)
    return passive and m is not None and m.sector == "MIL" and m.country is not None


def _is_place(index: MentionIndex, tok: Token) -> bool:
    m = index.by_token.get(tok.i)
    return m is not None and m.entry_kind in ("country", "metonym")


def _is_passive_participle(tok: Token) -> bool:
    if tok.tag_ == "VBN":
        return True
    morph = tok.morph
    return "Part" in morph.get("VerbForm") and "Past" in morph.get("Tense")


def _has_passive_aux(tok: Token) -> bool:
    return any(c.dep_ in ("aux:pass", "auxpass") for c in tok.children)


def prep_objects(tok: Token) -> list[tuple[str, Token]]:
    """(preposition, object) pairs below a token in either annotation scheme."""
    out = []
    for child in tok.children:
        if child.dep_.startswith("obl") or child.dep_ == "nmod":
            out.append((case_of(child), child))
        elif child.lower_ == "lors" and child.dep_ == "advmod":
            # "tués lors d'une embuscade", with "lors" parsed as the head of the noun
            out += [("lors", c) for c in child.children if c.dep_.startswith("obl")]
        elif child.dep_ in ("prep", "agent") or (child.dep_ == "dative" and child.pos_ == "ADP"):
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


def prep_side(prep: str, by_type: dict[str, str]) -> str | None:
    """Which side a prepositional party joins: "contre X" the recipients, "avec X" the others."""
    if prep in TARGET_CASES or by_type.get(prep) == "recipient":
        return "patients"
    if prep in WITH_CASES or by_type.get(prep) == "other":
        return "others"
    return None


def _reporter(tok: Token, index: MentionIndex) -> list[Mention]:
    """ "Switzerland said it had expelled ...": the party that says, for a pronoun subject of
    the clause it reports."""
    gov = tok
    while gov.dep_ in ("xcomp", "conj") and gov.head.i != gov.i:
        gov = gov.head
    if gov.dep_ != "ccomp" or gov.head.lemma_.lower() not in index.reporting:
        return []
    for child in gov.head.children:
        if child.dep_ in SUBJ:
            return index.at(child)
    return []


def verb_roles(
    tok: Token, index: MentionIndex, depth: int = 0, etype: str = "", objects: bool = True
) -> Roles:
    """``objects``: whether the verb's object is whom it is done to (not for "deployed troops",
    "withdrew its forces", "boycotted the vote": there the object is the actor's own)."""
    roles = Roles()
    by_type = type_prepositions().get(etype, {})
    themes: list[Mention] = []  # objects: what is given when a dative says to whom
    for child in tok.children:
        if child.dep_ in SUBJ and child.pos_ == "PRON" and child.i not in index.by_token:
            said = _reporter(tok, index) if child.lower_ in PERSONAL_PRONOUNS else []
            if said:
                roles.agents.extend(said)
                roles.how.append("pronoun subject: the one who says")
                roles.self_reported = True
                continue
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
                and case_of(child) in LOCATIVE_CASES
                and _is_place(index, child)
            ):
                continue  # "en Syrie" is where, not whom
            if not objects:
                continue
            found = index.at(child)
            roles.patients.extend(found)
            themes.extend(found)
            roles.how.append("object")
        elif child.dep_ in ("obl:agent", "agent"):
            for target in [child, *[c for c in child.children if c.dep_ == "pobj"]]:
                roles.agents.extend(index.at(target))
            roles.how.append("passive agent")
    to_whom: list[Mention] = []
    for prep, obj in prep_objects(tok):
        side = prep_side(prep, by_type)
        if side is not None:
            found = index.at(obj)
            getattr(roles, side).extend(found)
            if side == "patients" and prep in DATIVE_CASES:
                to_whom.extend(found)
        elif prep in AGENT_CASES and not roles.agents and (_passive(tok) or non_finite(tok)):
            # (an active verb's "par" is a manner: "a tué par accident trois soldats")
            roles.agents.extend(index.at(obj))
        elif (
            prep in INSTRUMENT_CASES
            and not roles.agents
            and (obj.lemma_.lower() in index.event_nouns or _armed_instrument(tok, obj, index))
        ):
            # "tués dans une frappe aérienne russe": the party of the attack did it, as is
            # the one named by its participle ("lors d'une embuscade tendue par X").
            roles.agents.extend(index.at(obj))
            for child in obj.children:
                if child.dep_ in ("acl", "amod") and child.lemma_.lower() in CLAIMED:
                    roles.agents.extend([] if roles.agents else _claimed_by(child, index))
            roles.how.append(f"party of {obj.text!r}")
    if to_whom and themes:
        # "providing intelligence to Macedonia": the dative is the recipient, not the theme.
        roles.patients = [m for m in roles.patients if m not in themes or m in to_whom]
        roles.how.append("dative recipient")
    # A bare nominal hung off the verb before it, with no subject found: the parse mislabelled
    # the subject ("Valery Gerasimov, chef d'état-major ..., a transmis" as advmod).
    if not roles.agents and not any(c.dep_ in SUBJ | SUBJ_PASS for c in tok.children):
        for child in tok.children:
            if (
                child.i < tok.i
                and child.pos_ in ("PROPN", "NOUN")
                and not case_of(child)
                and child.i in index.by_token
            ):
                roles.agents.extend(index.at(child))
                roles.how.append("nominal before the verb")
                break
    infinitive = "Inf" in tok.morph.get("VerbForm") or tok.tag_ == "VB"
    noun_head = tok.head.pos_ in ("NOUN", "PROPN", "PRON")
    if tok.dep_ == "acl" and infinitive and noun_head and tok.head.dep_ in OBJ:
        # "a ordonné au journal de suspendre sa publication": the one ordered undergoes it,
        # the one who orders does it.
        gov = tok.head.head
        if not roles.patients:
            roles.patients.extend(index.at(tok.head))
        if not roles.agents and gov.pos_ in ("VERB", "AUX"):
            roles.agents.extend(m for m in verb_roles(gov, index, depth + 1, etype).agents)
        roles.how.append(f"the one {gov.lemma_!r} addresses")
    elif tok.dep_ in ("acl", "amod") and noun_head and _finite_misread(tok):
        # "Le Niger expulse l'ambassadeur de France": a headline's present tense read as a
        # participle; the noun is its subject, the noun's bare complements after it its object.
        roles.agents.extend(index.at(tok.head))
        for child in tok.head.children:
            if child.i > tok.i and child.dep_ in ("nmod", "obj", "appos") and not case_of(child):
                roles.patients.extend(index.at(child))
        roles.how.append("headline verb read as a participle")
    # Participle modifying a noun: "soldats tués" (passive) or "avions bombardant" (active);
    # not a clause with its own subject or tense that the parse hung off a noun.
    elif (
        tok.dep_ in ("acl", "amod")
        and noun_head
        and not any(c.dep_ in SUBJ | {"aux", "aux:tense"} for c in tok.children)
    ):
        side = roles.patients if _is_passive_participle(tok) else roles.agents
        side.extend(index.at(tok.head))
        roles.how.append("participle")
    if tok.dep_ in ("relcl", "acl:relcl") and not roles.agents:
        # "Serbia, where 24 people were killed" is a place; "soldiers who were killed" undergo it.
        where = any(c.lower_ in ("where", "when", "où", "quand") for c in tok.children)
        passive = _has_passive_aux(tok) or any(c.dep_ in SUBJ_PASS for c in tok.children)
        if passive and not where and not roles.patients:
            roles.patients.extend(index.at(tok.head))
            roles.how.append("relative clause, passive")
        elif not passive and not where:
            roles.agents.extend(index.at(tok.head))
            roles.how.append("relative clause")
    if not roles.agents and etype in AUTHORITY_ACTS and _passive(tok):
        said = [m for m in _reporter(tok, index) if m.sector in AUTHORITY_SECTORS]
        if said:
            roles.agents.extend(said)
            roles.how.append("the authority that announces it")
    if not roles.agents and _gerund(tok):
        # "Les soldats ont violé la trêve en ciblant des postes": a gerund's doer is the
        # subject of the clause it hangs in, however the parse attached it.
        for gov in list(tok.ancestors)[:3]:
            subjects = [c for c in gov.children if c.dep_ in SUBJ and c.i in index.by_token]
            if subjects:
                roles.agents.extend(index.at(subjects[0]))
                roles.how.append(f"gerund: subject of {gov.text!r}")
                break
    # Complements and coordinated verbs share their governor's subject.
    # A clause with its own finite verb has its own subject: "a UN official said the two
    # sides agreed" does not make the official a party to the agreement.
    finite = not non_finite(tok)
    # "Syria says it is willing to withdraw": an adjective takes its copula's subject.
    inherits = tok.dep_ in ("xcomp", "conj", "acomp") or (tok.dep_ in INHERIT and not finite)
    if not roles.agents and inherits and depth < 3 and tok.head.i != tok.i:
        gov = tok.head
        # "leur détermination à soutenir": through the noun to the verb it complements.
        if (
            gov.pos_ == "NOUN"
            and gov.dep_ in ("obj", "dobj", "nsubj", "obl:arg")
            and gov.head.i != gov.i
        ):
            gov = gov.head
        # "it was ready to withdraw": through the adjective to its copula.
        if gov.pos_ == "ADJ" and gov.dep_ in ("acomp", "xcomp") and gov.head.i != gov.i:
            gov = gov.head
        if gov.pos_ in ("VERB", "AUX"):
            inherited = verb_roles(gov, index, depth + 1, etype)
            if tok.dep_ == "xcomp" and not roles.patients and inherited.agents:
                # "ordered the newspaper La Prensa to suspend publication": the one ordered
                # is the one it is done to.
                ordered = [
                    m
                    for c in gov.children
                    if c.dep_ in ("dobj", "obj")
                    for m in index.at(c)
                    if m not in inherited.agents
                ]
                if ordered:
                    roles.patients.extend(ordered)
                    roles.how.append(f"object of governing {gov.lemma_!r}")
            if (
                tok.dep_ == "xcomp"
                and not inherited.agents
                and not finite
                and gov.lemma_.lower() in RAISING
            ):
                # "Obama is scheduled to attend", "X est censé participer": the passive
                # subject of a raising verb is the subject of its complement
                raised = [m for c in gov.children if c.dep_ in SUBJ_PASS for m in index.at(c)]
                if raised:
                    roles.agents.extend(raised)
                    roles.how.append(f"subject of the raising {gov.lemma_!r}")
            if not _is_passive_participle(tok) or tok.dep_ != "acl":
                roles.agents.extend(inherited.agents)
                roles.self_reported = roles.self_reported or inherited.self_reported
                roles.pronoun = roles.pronoun or (inherited.pronoun and not inherited.agents)
                if inherited.agents:
                    roles.how.append(f"subject of governing {gov.lemma_!r}")
    return roles


def _gerund(tok: Token) -> bool:
    """ "en ciblant", "tout en tirant": a French present participle after "en"."""
    return (
        "Part" in tok.morph.get("VerbForm")
        and "Pres" in tok.morph.get("Tense")
        and any(c.lower_ == "en" and c.dep_ in ("case", "mark") for c in tok.children)
    )


def _finite_misread(tok: Token) -> bool:
    """A French present tense the tagger took for a participle: an -er verb's participle
    ends in -é(e)(s), "expulse" and "frappent" do not."""
    if tok.doc.lang_ != "fr" or not tok.lemma_.lower().endswith("er"):
        return False
    low = tok.lower_
    return not low.endswith(("é", "ée", "és", "ées")) and low.endswith(("e", "es", "ent"))


def _passive(tok: Token) -> bool:
    return _has_passive_aux(tok) or any(c.dep_ in SUBJ_PASS for c in tok.children)


def noun_roles(tok: Token, index: MentionIndex, etype: str = "") -> Roles:
    roles = Roles()
    by_type = type_prepositions().get(etype, {})
    # "a Russian drone attack": the act noun's own phrase, named by its demonym, is its doer;
    # a countryless modifier inside it ("drone") only gives it a sector.
    own = index.by_token.get(tok.i)
    if own is None or own.head != tok.i or own.country is None or own.sector == "CVL":
        own = None
    for child in tok.children:
        if child.dep_ in ("amod", "compound", "poss", "nmod:poss") and child.i in index.by_token:
            found = index.at(child)
            inside = own is not None and own.start <= child.i < own.end
            if own is not None and inside and all(m.country is None for m in found):
                sector = own.sector or next((m.sector for m in found if m.sector), None)
                found = [replace(own, sector=sector)]
            roles.agents.extend(found)
            roles.how.append("modifier of the noun")
        elif child.dep_ in ("acl", "amod") and child.lemma_.lower() in CLAIMED:
            # "une attaque revendiquée par les Houthis", "an attack claimed by IS"
            roles.agents.extend(_claimed_by(child, index))
            if roles.agents:
                roles.how.append(f"agent of {child.text!r}")
    for prep, obj in prep_objects(tok):
        side = prep_side(prep, by_type)
        if side is not None:
            getattr(roles, side).extend(index.at(obj))
        elif prep in ("de", "of") and not index.at(obj):
            # "a suspension of air links with Serbia": the parties of what is suspended.
            for inner_prep, inner in prep_objects(obj):
                inner_side = prep_side(inner_prep, by_type)
                if inner_side is not None:
                    getattr(roles, inner_side).extend(index.at(inner))
        if side is None and (
            (prep == "of" and etype in OF_IS_PATIENT)
            or (prep == "de" and tok.lemma_.lower() in DE_IS_PATIENT)
        ):
            # "the invasion of South Lebanon", "the bombing of Belgrade": whom it is done to.
            roles.patients.extend(index.at(obj))
            roles.how.append("'of' complement: the target")
        elif side is None and prep in ("de", "of", "par", "by") and not roles.agents:
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
    if gov.lower_ == "lors" and gov.head.pos_ in ("VERB", "AUX"):
        gov = gov.head  # "ont péri lors d'un bombardement": "lors" parsed as the head
    # (an event noun that is the subject of a verb is no object of a light verb: "la
    # manifestation a été dispersée par les policiers" is not the police's protest)
    # (a passive subject is done by the agent unless the verb acts on it: "Evidence was
    # presented by the US" is the US's evidence)
    subject = tok.dep_ in SUBJ or (tok.dep_ in SUBJ_PASS and gov.lemma_.lower() in ACTS_ON)
    subject = subject and gov.i == tok.head.i
    # "Manifestations en Géorgie : la police utilise ...": a headline's topic before a colon
    kicker = any(t.text == ":" for t in tok.doc[min(tok.i, gov.i) : max(tok.i, gov.i)])
    light = gov.i != tok.i and gov.pos_ in ("VERB", "AUX") and not subject and not kicker
    light = light and gov.lemma_.lower() not in ACTS_ON and not _reports_on(gov)
    # "the convoy came under attack", "est passé sous le feu"
    under = (tok.dep_ == "pobj" and tok.head.lower_ == "under") or any(
        c.dep_ == "case" and c.lower_ == "sous" for c in tok.children
    )
    # (but "placed Sharif under house arrest" puts its object there)
    under = under and not any(c.dep_ in OBJ for c in gov.children) and not _passive(gov)
    if under and not roles.agents:
        # "came under attack from Russian drones": who it comes from does it.
        for prep, obj in prep_objects(tok):
            if prep == "from":
                roles.agents.extend(index.at(obj))
    held = _under_holder(tok, index) if under and not light else []
    if held:
        # "Kiev sous attaque de drones russes", "Kharkiv under attack from Russian missiles":
        # a headline's place or party under the act is its target, not its doer.
        roles.patients.extend(m for m in held if m not in roles.agents)
        roles.how.append("what is under it: the one it is done to")
    elif light and (gov.lemma_.lower() in UNDERGO or under):
        # "les casques bleus ont subi une attaque": the subject is the target
        undergo = verb_roles(gov, index, etype=etype).agents
        roles.patients.extend(m for m in undergo if m not in roles.patients + roles.agents)
        if undergo:
            roles.how.append(f"subject of {gov.lemma_!r}: the one it is done to")
    elif light and not roles.agents:
        outer = verb_roles(gov, index, etype=etype)
        roles.agents.extend(outer.agents)
        # "a US national has been put under investigation": the passive subject undergoes it.
        passive = any(c.dep_ in SUBJ_PASS for c in gov.children) or _has_passive_aux(gov)
        side = roles.patients if passive else roles.others
        side.extend(m for m in outer.patients if m not in roles.agents)
        roles.others.extend(outer.others)
        if outer.agents:
            roles.how.append(f"subject of {gov.lemma_!r}")
    # A protest noun that names its own people ("tomorrow's rally") is no party to itself.
    for side in ("agents", "patients", "others"):
        setattr(
            roles,
            side,
            [m for m in getattr(roles, side) if m.head != tok.i or (own and m.country)],
        )
    return roles


def _claimed_by(participle: Token, index: MentionIndex) -> list[Mention]:
    """The agent of a participle that says who did an act: "revendiquée par X"."""
    found: list[Mention] = []
    for prep, obj in prep_objects(participle):
        if prep in AGENT_CASES or obj.dep_ in ("obl:agent", "agent"):
            found.extend(index.at(obj))
    for grand in participle.children:
        if grand.dep_ in ("obl:agent", "agent"):
            for target in [grand, *[c for c in grand.children if c.dep_ == "pobj"]]:
                found.extend(index.at(target))
    return found


def _reports_on(verb: Token) -> bool:
    """A verb that tells of the act its complement names: "signaler", "faire état de"."""
    lemma = verb.lemma_.lower()
    return lemma in REPORTS_ON or (
        lemma == "faire" and any(c.lower_ == "état" and c.dep_ in OBJ for c in verb.children)
    )


def _reporter_of(tok: Token) -> Token | None:
    """The verb that reports on an act noun ("L'ONU fait état de nouvelles attaques")."""
    gov = tok.head
    for _ in range(3):
        if gov.i == tok.i or gov.pos_ not in ("NOUN", "ADP", "VERB"):
            return None
        if gov.pos_ == "VERB":
            return gov if _reports_on(gov) else None
        gov = gov.head if gov.head.i != gov.i else tok
    return None


def _under_holder(tok: Token, index: MentionIndex) -> list[Mention]:
    """The party an act noun introduced by "sous"/"under" hangs from with no verb between
    (a headline's "X sous attaque"), or the subject of its copula ("la ville est sous le feu")."""
    holder = tok.head.head if tok.dep_ == "pobj" else tok.head
    if holder.i == tok.i:
        holder = next((c for c in tok.children if c.dep_ in SUBJ), tok)
    if holder.i == tok.i or holder.pos_ == "AUX":
        return []
    if holder.pos_ == "VERB" and holder.i not in index.by_token:
        return []
    return index.at(holder)


# Where a search for the target of an act does not go: other clauses, the subject's phrase.
_NOT_COMPLEMENT = {
    "nsubj", "nsubjpass", "nsubj:pass", "csubj", "relcl", "acl:relcl", "advcl", "ccomp",
    "parataxis", "conj", "cc", "punct", "mark", "appos", "obl:agent", "agent",
}  # fmt: skip


def complement_recipients(tok: Token, index: MentionIndex, roles: Roles, etype: str) -> None:
    """The target of a one-way act named deeper in its complement: "threatened to deliver
    blows to the United States and Israel", "mobilized reservists for a war against Iraq",
    "promised to continue military aid to Mozambique"."""
    if roles.patients:
        return
    by_type = type_prepositions().get(etype, {})
    frontier = [(c, 1) for c in tok.children if c.dep_ not in _NOT_COMPLEMENT]
    while frontier:
        node, depth = frontier.pop(0)
        if depth > 4 or node.dep_ in _NOT_COMPLEMENT:
            continue
        if node.pos_ != "ADP":
            for prep, obj in prep_objects(node):
                if prep in TARGET_CASES or prep in DATIVE_CASES or by_type.get(prep) == "recipient":
                    found = [
                        m for m in index.at(obj) if m not in roles.agents and not _place_word(m)
                    ]
                    if found:
                        roles.patients.extend(found)
                        roles.how.append(f"'{prep}' in the complement")
                        return
        frontier += [(c, depth + 1) for c in node.children]


def _place_word(m: Mention) -> bool:
    return m.entry_kind == "metonym"


def _object_elsewhere(m: Mention, tok: Token) -> bool:
    """A party that is the object of another verb ("killed one U.S. soldier and wounded two
    others") is no subject of this one."""
    head = tok.doc[m.head]
    return head.dep_ in ("dobj", "obj", "iobj", "nsubjpass", "nsubj:pass") and head.head.i != tok.i


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
        and m.kind != "owner"
        and sent.doc[m.head].dep_ not in ("nmod", "amod", "compound", "poss", "nmod:poss")
    ]
    if exclude is not None:
        coded = [m for m in coded if not (m.start < exclude[1] and m.end > exclude[0])]
    # News media report ("ADEN (Reuters) -"), a headline's kicker ("Yémen : ...") is a topic.
    coded = [
        m
        for m in coded
        if not (m.sector == "JRN" and m.entry_kind == "organisation") and not _kicker(m, sent)
    ]
    # "police dispersed the demonstration": whoever acts on an event is no party to it
    acted_on = tok.dep_ in OBJ and tok.head.lemma_.lower() in ACTS_ON
    # "L'ONU fait état de nouvelles attaques": who reports it is no party to it
    teller = _reporter_of(tok) if tok.pos_ == "NOUN" else None
    if teller is not None:
        told_by = {m.head for c in teller.children if c.dep_ in SUBJ for m in index.at(c)}
        coded = [m for m in coded if m.head not in told_by]
    if not roles.agents and not roles.pronoun and not acted_on:
        before = [
            m
            for m in coded
            if m.end <= tok.i and tok.i - m.end <= 12 and not _locative_place(m, sent)
        ]
        before = [
            m
            for m in before
            if m not in roles.patients
            and m not in roles.others
            and not _object_elsewhere(m, tok)
            and not _in_source_phrase(m, sent)
        ]
        if before:
            roles.agents.append(before[-1])
            roles.how.append("nearest party before the trigger")
            roles.guessed = True
            roles.guessed_sides.add("agents")
    if oneway and not roles.patients:
        # "les pourparlers d'Astana, au Kazakhstan": a country after "au" is where, not whom.
        after = [
            m
            for m in coded
            if m.start > tok.i and m.start - tok.i <= 8 and not _locative_place(m, sent)
        ]
        after = [m for m in after if m not in roles.agents and not _in_source_phrase(m, sent)]
        if after:
            # "blows to the United States and Israel": the coordinated parties come along.
            along = [m for m in index.at(sent.doc[after[0].head]) if m not in roles.agents]
            roles.patients += along if after[0] in along else [after[0]]
            roles.how.append("nearest party after the trigger")
            roles.guessed = True
            roles.guessed_sides.add("patients")


def _locative_place(m: Mention, sent: Span) -> bool:
    if m.entry_kind not in ("country", "metonym"):
        return False
    head = sent.doc[m.head]
    if case_of(head) in LOCATIVE_CASES:
        return True
    return m.start > 0 and sent.doc[m.start].lower_ in LOCATIVE_CASES


def _in_source_phrase(m: Mention, sent: Span) -> bool:
    """Parties inside "selon X", "d'après X", "according to X" report the event; they are not
    in it."""
    doc = sent.doc
    for i in range(max(sent.start, m.start - 3), m.start):
        if doc[i].lower_ in ("selon", "according"):
            return True
    # "d'après une source médicale et des habitants": up the coordination to the phrase
    cur = doc[m.head]
    for _ in range(5):
        words = {c.lower_.replace("’", "'") for c in cur.children if c.dep_ in ("case", "fixed")}
        words |= {g.lower_ for c in cur.children if c.dep_ == "case" for g in c.children}
        if "selon" in words or {"d'", "après"} <= words or cur.lower_ == "according":
            return True
        if cur.dep_ not in ("conj", "nmod", "appos", "pobj", "prep") or cur.head.i == cur.i:
            break
        cur = cur.head
    return False


def _kicker(m: Mention, sent: Span) -> bool:
    """ "Yémen : un raid ...": a name that opens a sentence before a colon labels its topic."""
    doc = sent.doc
    return m.start - sent.start <= 1 and m.end < sent.end and doc[m.end].text == ":"
