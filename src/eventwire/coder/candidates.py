"""Sentence-level event candidates: a trigger with its parties, counts, modality, date and place."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources

from spacy.tokens import Span, Token

from eventwire.actors.lexicon import ActorLexicon
from eventwire.coder.casualties import Count, find_counts, is_person_noun
from eventwire.coder.lexicon import CoderLexicon
from eventwire.coder.mentions import Mention, sentence_mentions
from eventwire.coder.modality import Modality, Source, attribution, governors, modality
from eventwire.coder.roles import (
    MentionIndex,
    Roles,
    complement_recipients,
    linear_fallback,
    noun_roles,
    prep_objects,
    prep_side,
    type_prepositions,
    verb_roles,
)
from eventwire.coder.triggers import TriggerMatch, find_triggers
from eventwire.resolve.dates import DateMention, date_hook, find_dates, tells_future
from eventwire.resolve.places import PRECISION_RANK, PlaceMention, event_place, find_places
from eventwire.tokens import words_of

# Verb complements through which one trigger governs another's content.
_CONTENT_DEPS = {
    "xcomp", "ccomp", "acl", "obj", "dobj", "advcl", "obl:arg", "obl:mod", "obl", "nmod",
    "pobj", "prep",
}  # fmt: skip
# Background told in a circumstantial phrase ("au cours d'un raid", "after the attack").
_CIRCUMSTANTIAL = {
    "cours",
    "lors",
    "pendant",
    "durant",
    "après",
    "avant",
    "during",
    "after",
    "before",
    "amid",
}
# A manner, not an act: "bombed the camps with the support of special forces", "avec l'aide
# de". Only as the noun's own preposition: "talks with X" is no manner.
_MANNER = {"avec", "with"}
# Types that mean little without a party: a "coopération" with nobody is not an event.
_NEEDS_PARTY = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "REQUEST", "ACCUSE",
    "REJECT", "THREATEN", "SANCTION",
}  # fmt: skip


@dataclass
class Candidate:
    type: str
    mode: str | None
    cameo: str | None
    roles_kind: str
    sent: Span
    triggers: list[TriggerMatch]
    head: Token
    roles: Roles
    modality: Modality
    counts: list[Count] = field(default_factory=list)
    source: Source | None = None
    date: DateMention | None = None
    place: PlaceMention | None = None
    place_how: str = ""
    background: bool = False  # told in a circumstantial phrase ("au cours d'un raid")
    reasons: dict[str, str] = field(default_factory=dict)
    absorbed: list[str] = field(default_factory=list)

    @property
    def parties(self) -> list[Mention]:
        return [*self.roles.agents, *self.roles.patients, *self.roles.others]


@lru_cache(maxsize=1)
def content_table() -> dict[tuple[str, str], tuple[str | None, str | None]]:
    text = (resources.files("eventwire") / "data" / "content.tsv").read_text(encoding="utf-8")
    table = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            outer, inner, cameo, mode = (c.strip() for c in line.split("\t")[:4])
            table[(outer, inner)] = (None if cameo == "-" else cameo, None if mode == "-" else mode)
    return table


def phrase_head(tok: Token) -> Token:
    """The syntactic head of the noun phrase a trigger's first word opens ("cease" of "a
    cease-fire", "air" of "air strikes"): its dependencies are the phrase's."""
    cur = tok
    while (
        cur.dep_ in ("compound", "amod", "punct", "flat", "fixed")
        and cur.head.i != cur.i
        and cur.head.pos_ in ("NOUN", "PROPN")
        and 0 < cur.head.i - cur.i <= 3
    ):
        cur = cur.head
    return cur


def _governs(outer: Token, inner: Token, hops: int = 4) -> bool:
    """Whether ``inner`` is a complement of ``outer`` ("discuté ... de la coopération")."""
    cur = phrase_head(inner)
    for _ in range(hops):
        if cur.head.i == cur.i:
            return False
        # Coordinated nouns share their head: "du commerce et de la coopération".
        if cur.dep_ not in _CONTENT_DEPS and not (cur.dep_ == "conj" and inner.pos_ == "NOUN"):
            return False
        cur = cur.head
        if cur.i == outer.i:
            return True
    return False


def circumstantial(tok: Token) -> bool:
    """A noun inside "au cours de X", "lors de X", "after X": background, not the main event."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    if any(c.dep_ == "case" and c.lemma_.lower() in _MANNER for c in tok.children) or (
        tok.dep_ == "pobj" and tok.head.lemma_.lower() in _MANNER
    ):
        return True
    for node in (tok, tok.head):
        if any(
            c.lemma_.lower() in _CIRCUMSTANTIAL
            for c in node.children
            if c.dep_ in ("case", "prep", "mark")
        ):
            return True
        if node.lemma_.lower() in _CIRCUMSTANTIAL:
            return True
    return False


def _mode_from_cues(cand: Candidate, lex: CoderLexicon) -> None:
    """The mode a cue word of the clause sets, when the trigger left it open or the cue refines
    the trigger's own ("a suicide bomber" refines a blast's explosives)."""
    set_by_trigger = cand.mode
    words = {t.lemma_.lower() for t in cand.head.subtree} | {cand.head.lemma_.lower()}
    words |= {t.lemma_.lower() for m in cand.parties for t in cand.sent.doc[m.start : m.end]}
    words |= (
        {t.lemma_.lower() for t in cand.head.head.children}
        if cand.head.head.i != cand.head.i
        else set()
    )
    if cand.head.dep_ == "conj":  # "called his counterpart and discussed": the first verb too
        words.add(cand.head.head.lemma_.lower())
    text = " ".join(words_of(cand.sent).lemmas)
    for cue in lex.modes:
        if cue.type != cand.type or (set_by_trigger and set_by_trigger not in cue.refines):
            continue
        hit = (" ".join(cue.lemmas) in text) if len(cue.lemmas) > 1 else cue.lemmas[0] in words
        if hit:
            cand.mode = cue.mode
            cand.cameo = cue.cameo or cand.cameo
            cand.reasons["mode"] = f"cue {' '.join(cue.lemmas)!r} → {cue.mode}"
            return


def sentence_candidates(
    sent: Span,
    lex: CoderLexicon,
    actors: ActorLexicon,
    anchor: date | None,
    context_countries: set[str],
    places: list[PlaceMention] | None = None,
    *,
    all_mentions: bool = False,
) -> tuple[list[Candidate], list[Count], list[Mention]]:
    """A sentence's event candidates, its casualty counts, and the parties it names (only
    when it has a trigger, unless ``all_mentions``: finding parties costs more than the rest)."""
    if not all_mentions and not find_triggers(sent, lex, set()):
        # No trigger at all (blocking party words only ever removes matches): its counts
        # may still go to an event told elsewhere.
        return [], find_counts(sent, lex), []
    if places is None:
        places = find_places(sent, context_countries, lex.lang)
    # Places as the story settled them ("Tripoli" of a Lebanese story) say where a party is.
    place_countries = {
        i: p.place.country for p in places if p.place.country for i in range(p.start, p.end)
    }
    mentions = sentence_mentions(
        sent, actors, anchor.isoformat() if anchor else None, lex.event_nouns, place_countries
    )
    blocked = {i for m in mentions for i in range(m.start, m.end) if i != m.head}
    matches = find_triggers(sent, lex, blocked)
    # "lifted a state of emergency": a word of a longer trigger names no party.
    inside = {i for mt in matches if mt.end - mt.start > 1 for i in range(mt.start, mt.end)}
    mentions = [m for m in mentions if m.head not in inside]
    index = MentionIndex(mentions, lex.event_nouns, reporting(lex))
    counts = find_counts(sent, lex)
    dates = find_dates(sent, lex.lang, anchor)
    cands: list[Candidate] = []
    for match in matches:
        entry = match.entry
        head = match.head(sent)
        roles = (
            verb_roles(head, index, etype=entry.type, objects=entry.roles != "self")
            if head.pos_ in ("VERB", "AUX", "ADJ")
            else noun_roles(head, index, etype=entry.type)
        )
        _trigger_complements(match, sent, index, roles, entry.type)
        if entry.roles == "recip":
            _drop_owners(roles)
        else:
            complement_recipients(head, index, roles, entry.type)
        source = attribution(head, sent, lex)
        exclude = (source.start, source.end) if source else None
        linear_fallback(head, sent, index, roles, entry.roles in ("oneway", "inverse"), exclude)
        roles.dedupe()
        cand = Candidate(
            type=entry.type,
            mode=entry.mode,
            cameo=entry.cameo,
            roles_kind=entry.roles,
            sent=sent,
            triggers=[match],
            head=head,
            roles=roles,
            modality=modality(head, lex),
            reasons={
                "type": f"trigger {sent.doc[match.start : match.end].text!r}"
                f" ({' '.join(entry.lemmas)})"
            },
        )
        if roles.how:
            cand.reasons["roles"] = ", ".join(dict.fromkeys(roles.how))
        cand.source = source
        cand.date = _clause_date(head, dates, cand.source)
        cand.background = circumstantial(head)
        cands.append(cand)
    # A capital that acts ("Moscou et Ankara ont convenu") or a person is no location.
    # (a word-order guess does not make a party: "in Serbia, where 24 people were killed")
    not_places = [
        (m.start, m.end)
        for c in cands
        for side in ("agents", "patients", "others")
        if side not in c.roles.guessed_sides
        for m in getattr(c.roles, side)
    ] + [(m.start, m.end) for m in mentions if m.entry_kind in ("person", "organisation")]
    free = [p for p in places if not _overlaps(p, not_places)]
    for cand in cands:
        picked = event_place(cand.head, free)
        if picked:
            cand.place, cand.place_how = picked
    cands = [c for c in cands if not _not_an_occurrence(c)]
    cands = _light_verbs(cands)
    cands = _absorb(cands, lex)
    # "likely sanctions", "le risque d'une attaque": a mention of an act only possible (what
    # governs it, "threatened possible sanctions", has taken it in as its content)
    cands = [c for c in cands if not _assertion(c) and noun_anchor(c) != "modal"]
    cands = _drop_background(cands)
    for cand in cands:
        _mode_from_cues(cand, lex)
    cands = _merge_same_sentence(cands)
    cands = [c for c in cands if c.type not in _NEEDS_PARTY or any(m.coded for m in c.parties)]
    _attach_counts(cands, counts)
    for cand in cands:
        if cand.type in ("ASSAULT", "COERCE"):
            cand.counts += _named_victims(cand, lex.lang)
    return cands, counts, mentions


def _light_verbs(cands: list[Candidate]) -> list[Candidate]:
    """ "struck an agreement", "imposed sanctions": a verb that only says its object was done
    (occurrence.tsv "done") is no event of its own when that object names one of another
    type; the noun's event takes the verb's doers."""
    gone: set[int] = set()
    for verb in cands:
        head = verb.head
        if head.pos_ not in ("VERB", "AUX"):
            continue
        if "done" not in occurrence_words(head.doc.lang_).get(head.lemma_.lower(), frozenset()):
            continue
        for noun in cands:
            obj = phrase_head(noun.head)
            if (
                noun is verb
                or noun.type == verb.type
                or noun.head.pos_ not in ("NOUN", "PROPN")
                or obj.head.i != head.i
                or obj.dep_ not in ("obj", "dobj")
            ):
                continue
            gone.add(id(verb))
            if not noun.roles.agents and verb.roles.agents:
                noun.roles.agents = list(verb.roles.agents)
            noun.reasons["type"] += f"; done by {head.text!r}, not an act of its own"
            break
    return [c for c in cands if id(c) not in gone]


def _assertion(cand: Candidate) -> bool:
    """ "a promis que les assaillants ne resteront pas impunis", "pledged that the United States
    would not be able to ...": a promise whose content is a clause about someone else, with no
    act in it, asserts; it offers nothing (a promise to act has an infinitive, or "that it
    would ...")."""
    head = cand.head
    if cand.type != "AGREE" or cand.roles_kind == "recip" or cand.absorbed:
        return False
    if head.pos_ not in ("VERB", "AUX") or any(c.dep_ == "xcomp" for c in head.children):
        return False
    for clause in (c for c in head.children if c.dep_ == "ccomp"):
        subjects = [c for c in clause.children if c.dep_ in _SUBJECTS]
        if any(c.dep_ == "mark" for c in clause.children) and subjects:
            return all(c.pos_ != "PRON" for c in subjects)
    return False


def _trigger_complements(
    match: TriggerMatch, sent: Span, index: MentionIndex, roles: Roles, etype: str
) -> None:
    """ "held talks with Romania's leaders": the other words of a trigger carry parties too."""
    head = match.head(sent)
    by_type = type_prepositions().get(etype, {})
    for i in range(match.start, match.end):
        tok = sent.doc[i]
        if tok.i == head.i or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        for prep, obj in prep_objects(tok):
            side = prep_side(prep, by_type)
            if side is not None:
                found = [m for m in index.at(obj) if m not in roles.agents]
                getattr(roles, side).extend(found)
                if found:
                    roles.how.append(f"'{prep}' of {tok.text!r}")


def reporting(lex: CoderLexicon) -> frozenset[str]:
    """Verbs that report ("say", "annoncer": modality.tsv attribution cues on the governor)."""
    return frozenset(k for k, where in lex.cues("attribution").items() if where == "governor")


def _drop_owners(roles: Roles) -> None:
    """ "discussed the Syrian crisis": a nationality on a thing makes no party to a meeting."""
    for side in ("agents", "patients", "others"):
        setattr(roles, side, [m for m in getattr(roles, side) if m.kind != "owner"])


def _overlaps(place: PlaceMention, spans: list[tuple[int, int]]) -> bool:
    return any(place.start < end and place.end > start for start, end in spans)


def _clause_date(
    head: Token, dates: list[DateMention], source: Source | None
) -> DateMention | None:
    # The dateline's day is when the wire filed the story, no event's day by itself; a day of
    # a clause about the future is not that of an event told as done ("ont convenu de se
    # revoir en janvier"), nor the reverse, unless it hangs from the trigger itself.
    ahead = tells_future(head, head.doc.lang_)
    dates = [
        d
        for d in dates
        if not d.dateline and (d.ahead == ahead or date_hook(d, head.doc).i == head.i)
    ]
    if not dates:
        return None
    clause = {t.i for t in head.subtree}
    chain = [head, *list(head.ancestors)[:2]]
    for node in chain:
        clause |= {c.i for c in node.children if c.dep_ not in ("conj", "parataxis", "advcl")}
    on_chain = {t.i for t in chain}
    inside = [
        d
        for d in dates
        if date_hook(d, head.doc).i in on_chain  # "Rouhani on Tuesday repeated his threat"
        or (any(i in clause for i in range(d.start, d.end)) and not _relative_date(d, head))
    ]
    if inside:
        # The nearest to the trigger: "SAN SALVADOR, 12 JAN 90 -- ... attacked ... yesterday".
        return min(inside, key=lambda d: min(abs(d.start - head.i), abs(d.end - 1 - head.i)))
    # "..., ont annoncé jeudi les forces armées turques": the reporting clause's date.
    if source is not None:
        for d in dates:
            if abs(d.start - source.start) <= 3:
                return d
    # "Depuis décembre 2016, elle a ...": a fronted date covers the whole sentence.
    sent_start = head.sent.start
    for d in dates:
        if d.start - sent_start <= 3 and d.start < head.i:
            return d
    return None


def _date_for(taker: Candidate, giver: Candidate) -> DateMention | None:
    """The day of a merged mention, unless it is of a time the taker is not told in: the
    agreement in "ont convenu de se revoir en janvier" is made now."""
    given = giver.date
    if given is None or given.ahead == tells_future(taker.head, taker.head.doc.lang_):
        return given
    return None


def _relative_date(mention: DateMention, head: Token) -> bool:
    """A date inside a relative clause on another word under the trigger ("killed, say
    people who arrived today") is that clause's; one on the trigger tells of it ("the
    murder that took place on 16 November")."""
    cur = head.doc[mention.start : mention.end].root
    while cur.i != head.i and cur.head.i != cur.i:
        if cur.dep_ in ("relcl", "acl:relcl") and cur.head.i != head.i:
            return True
        cur = cur.head
    return False


# Verbal acts whose complement is what they are about: "demanded that X withdraw" is one
# REQUEST, not a REQUEST and a RETREAT; "threatened to strike" is one THREATEN.
_VERBAL = {"AGREE", "REQUEST", "REJECT", "THREATEN", "SUPPORT", "CONCEDE", "ACCUSE"}


def _absorb(cands: list[Candidate], lex: CoderLexicon) -> list[Candidate]:
    """An event that is the content of another ("convenu d'améliorer leur coopération") joins it."""
    table = content_table()
    heads = {c.head.i for c in cands}
    gone: set[int] = set()
    for outer in cands:
        for i, inner in enumerate(cands):
            if inner is outer or i in gone or not _governs(outer.head, inner.head):
                continue
            key = (outer.type, inner.type)
            if key not in table and outer.type not in _VERBAL:
                continue
            if outer.type == "ACCUSE" and inner.head.pos_ == "NOUN":
                continue  # "condemned the bombing": the bombing is an event of its own
            cameo, mode = table.get(key, (None, None))
            if (
                outer.type == "AGREE"
                and inner.type in _HARMFUL
                and not outer.modality.negated
                and _direct_content(outer.head, inner.head, heads, lex.cues("ending"))
            ):
                # "vowed to impose sanctions", "promised to strike": a promise to harm threatens
                cameo, mode = table.get(("THREATEN", inner.type), (None, None))
                outer.type, outer.cameo, outer.mode = "THREATEN", cameo or "130", None
                outer.roles_kind = "oneway"
            outer.cameo = _specific_cameo(cameo, inner) or outer.cameo
            outer.mode = mode or outer.mode
            outer.triggers += inner.triggers
            outer.absorbed.append(inner.type)
            outer.reasons["type"] += f"; governs {inner.type} {inner.head.text!r}"
            for side in ("agents", "patients", "others"):
                # an inner act's parsed party beats the outer's word-order guess
                guess = side in outer.roles.guessed_sides and side not in inner.roles.guessed_sides
                if getattr(inner.roles, side) and (not getattr(outer.roles, side) or guess):
                    setattr(outer.roles, side, getattr(inner.roles, side))
            outer.place = outer.place or inner.place
            outer.date = outer.date or _date_for(outer, inner)
            gone.add(i)
    kept = [c for i, c in enumerate(cands) if i not in gone]
    # A cooperative event under an intention verb is an agreement (PLOVER: intent to cooperate).
    for cand in kept:
        key = ("INTENT", cand.type)
        intent = cand.modality.intention_of
        if intent and cand.modality.negated and key in table:
            _refusal(cand)
            continue
        if _enacted(cand):
            continue
        # "wants to attack" threatens; "will attack" stays a (hypothetical) attack, as "will
        # meet" stays a meeting (FORMAT.md)
        announced = _announced(cand, lex.cues("announcement")) or (
            intent == "future" and cand.roles.self_reported
        )
        if not cand.modality.negated and (
            (cand.type in _HARMFUL and announced) or (cand.type in _PRESSURE and _unless(cand))
        ):
            _threat(cand, table)
            continue
        # FORMAT.md: "will meet" is still CONSULT; "offered to meet" is an intention (AGREE).
        future_meeting = intent == "future" and cand.type == "CONSULT"
        if intent and key in table and not cand.modality.negated and not future_meeting:
            cand.reasons["type"] += f"; intended ({cand.modality.intention_of}) → AGREE"
            cand.cameo = _specific_cameo(table[key][0], cand) or cand.cameo
            # an offer to do something to someone keeps its recipient ("offered to withdraw from X")
            oneway = cand.roles_kind in ("oneway", "self")
            cand.type, cand.mode = "AGREE", None
            cand.roles_kind = "oneway" if oneway else "recip"
    return kept


# Measures a decision puts in force: "a décidé de rompre ses relations", "decided to ban
# imports" is the sanction itself, not an intention to sanction.
_MEASURES = {"SANCTION"}


def _enacted(cand: Candidate) -> bool:
    intent = cand.modality.intention_of
    words = occurrence_words(cand.head.doc.lang_)
    if cand.type not in _MEASURES or intent is None or cand.modality.negated:
        return False
    if "enact" not in words.get(intent, frozenset()):
        return False
    cand.modality.hypothetical, cand.modality.intention_of = False, None
    cand.reasons["type"] += f"; decided ({intent}): in force"
    return True


def _direct_content(outer: Token, inner: Token, heads: set[int], ending: dict[str, str]) -> bool:
    """Whether ``inner`` is what ``outer`` promises itself ("vowed to impose sanctions"), not
    the content of another act in between ("agreed to lift the sanctions") nor background
    ("offered talks following the invasion")."""
    cur = inner
    while cur.i != outer.i:
        if cur.dep_ not in ("xcomp", "dobj", "obj", "ccomp") or cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.i != outer.i and (cur.i in heads or cur.lemma_.lower() in ending):
            return False  # "offered to stop its attacks" promises no attack
    return True


# Acts against someone whose announced intention is a threat (PLOVER's THREATEN): "vowed to
# strike", "said they would boycott all contact"; and acts made conditional on another's
# conduct, "will withdraw its force unless ...".
_HARMFUL = {"ASSAULT", "COERCE", "SANCTION", "PROTEST"}
_PRESSURE = _HARMFUL | {"RETREAT", "MOBILIZE"}
_UNLESS = ("unless", "à moins", "sauf si")


def _unless(cand: Candidate) -> bool:
    """ "will withdraw its force unless the president arranges a ceasefire": an ultimatum."""
    if not cand.modality.intention_of:
        return False
    for node in (cand.head, *governors(cand.head)[:1]):
        for child in node.children:
            if child.dep_ not in ("advcl", "ccomp", "conj"):
                continue
            words = " ".join(t.lower_ for t in child.subtree if t.i < child.i)
            if any(words.startswith(w) or f" {w}" in f" {words}" for w in _UNLESS):
                return True
    return False


def _announced(cand: Candidate, announcing: dict[str, str]) -> bool:
    """Whether an intention announces what its subject will do ("vowed to strike", modality.tsv
    "announcement"): not "the plans to attack" found by the police, nor "wants the government
    to disband X"."""
    intent = cand.modality.intention_of
    if intent is None or intent == "future" or intent not in announcing:
        return False
    gov = next((t for t in governors(cand.head) if t.lemma_.lower() == intent), None)
    return (
        gov is not None
        and gov.pos_ in ("VERB", "ADJ", "AUX")
        and not any(c.dep_ in ("dobj", "obj") for c in gov.children)
    )


def _threat(cand: Candidate, table: dict[tuple[str, str], tuple[str | None, str | None]]) -> None:
    """ "wants to attack Switzerland", "vowed to impose sanctions", "said they will strike":
    an intended harmful act is a threat of it, flagged as hypothetical."""
    cameo, mode = table.get(("THREATEN", cand.type), (None, None))
    cand.reasons["type"] += f"; intended ({cand.modality.intention_of}) {cand.type} → THREATEN"
    cand.type, cand.mode, cand.cameo = "THREATEN", mode, cameo or "130"
    if cand.roles_kind == "recip":
        cand.roles_kind = "oneway"


def _refusal(cand: Candidate) -> None:
    """ "would not provide support", "will not give permission": refusing a cooperative act is
    a REJECT (PLOVER), which happened; it is no negated cooperation."""
    cand.reasons["type"] += f"; refused {cand.type} → REJECT"
    cand.type, cand.mode, cand.cameo = "REJECT", None, "120"
    cand.modality.negated = False
    if cand.roles_kind == "recip":
        cand.roles_kind = "oneway"


def _not_an_occurrence(cand: Candidate) -> bool:
    """Nouns that name a kind of event rather than one that happened: a modifier ("a murder
    trial", "attack helicopters") or a bare plural with nothing to anchor it ("terrorist
    attacks must stop")."""
    head = cand.head
    if head.pos_ not in ("NOUN", "PROPN") or len(cand.triggers[0].entry.lemmas) > 1:
        return False
    if head.dep_ == "compound" and head.head.pos_ in ("NOUN", "PROPN"):
        return True
    plural = "Plur" in head.morph.get("Number")
    anchored = any(
        c.dep_ in ("det", "poss", "nummod", "nmod:poss", "case") or c.pos_ in ("DET", "NUM")
        for c in head.children
    )
    return plural and not anchored and not cand.parties and cand.date is None and not cand.counts


@lru_cache(maxsize=4)
def occurrence_words(lang: str) -> dict[str, frozenset[str]]:
    """data/<lang>/occurrence.tsv: lemma -> the kinds it has (modal, prospect, happened, ...)."""
    path = resources.files("eventwire") / "data" / lang / "occurrence.tsv"
    table: dict[str, set[str]] = {}
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                word, kind = (c.strip() for c in line.split("\t")[:2])
                table.setdefault(word.lower(), set()).add(kind)
    return {w: frozenset(k) for w, k in table.items()}


_SUBJECTS = ("nsubj", "nsubj:pass", "nsubjpass", "csubj")
_OBJECTS = ("obj", "dobj", "obl", "obl:arg", "obl:mod", "nsubj:pass", "nsubjpass", "pobj")


def noun_anchor(cand: Candidate) -> str | None:
    """What says that a noun trigger reports an act (None: nothing, a bare mention).

    "verb": the trigger is a verb; "modal": only possible ("likely sanctions", "le risque
    d'une attaque"); "happened" / "done": a verb says it took place or that someone did it
    ("the attack killed", "a mené une attaque", "survived an attack"); "dated": a date of its
    own ("l'attaque de mardi", "Sunday's attack"); "counted": its casualties;
    "determined": only a determiner ("the agreement").
    """
    if cand.head.pos_ not in ("NOUN", "PROPN"):
        return "verb"
    head = phrase_head(cand.head)
    words = occurrence_words(head.doc.lang_)
    kinds = lambda t: words.get(t.lemma_.lower(), frozenset())  # noqa: E731
    if any(c.dep_ in ("amod", "advmod") and "modal" in kinds(c) for c in head.children):
        return "modal"
    node = head
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head  # "attacks and raids killed": the first conjunct's governor
    gov = node.head
    if gov.i != node.i and node.dep_ in ("nmod", "pobj", "prep") and "prospect" in kinds(gov):
        return "modal"
    if gov.i != node.i and gov.pos_ == "ADP" and gov.head.i != gov.i:
        gov, via = gov.head, gov  # English "of X": the noun hangs from its preposition
        if "prospect" in kinds(gov) and via.dep_ == "prep":
            return "modal"
    if gov.i != node.i and gov.pos_ in ("VERB", "AUX"):
        if node.dep_ in _SUBJECTS and "happened" in kinds(gov) and node.dep_ != "nsubj:pass":
            return "happened"
        if node.dep_ in _OBJECTS and ({"done", "suffered"} & kinds(gov)):
            return "done"
        if node.dep_ in ("nsubjpass", "nsubj:pass") and "done" in kinds(gov):
            return "done"
    date = cand.date
    if date is not None and any(date.start <= t.i < date.end for t in head.subtree):
        return "dated"
    if cand.counts:
        return "counted"
    if any(
        c.dep_ in ("det", "poss", "nmod:poss", "nummod") or c.pos_ in ("DET", "NUM")
        for c in head.children
    ):
        return "determined"
    return None


def background_reason(cand: Candidate, published: date | None) -> str | None:
    """Why a mention recalls a past event rather than reporting news (None: it does not):
    told in passing ("au cours d'un raid"), in the pluperfect ("avait attaqué"), dated to an
    earlier month or year ("in 2019"), or under a word that looks back (occurrence.tsv
    "background": "since the start of the war", "comme l'an dernier", "previous")."""
    if cand.background:
        return "told in passing"
    head = phrase_head(cand.head) if cand.head.pos_ in ("NOUN", "PROPN") else cand.head
    verb = head if head.pos_ in ("VERB", "AUX") else head.head
    # reported speech shifts its tenses back ("la police annonçait qu'il avait été relâché")
    reported = cand.source is not None or verb.dep_ == "ccomp"
    for aux in [] if reported else verb.children:
        tense = aux.morph.get("Tense")
        perfect = aux.lemma_.lower() in ("avoir", "être", "have") and aux.dep_.startswith("aux")
        if perfect and ("Imp" in tense or (aux.lower_ == "had" and aux.tag_ == "VBD")):
            return f"pluperfect ({aux.text} {verb.text})"
    date = cand.date
    earlier = published is not None and date is not None and date.precision in ("month", "year")
    if earlier and date.value < published.isoformat()[: len(date.value)]:
        return f"dated to an earlier {date.precision} ({date.value})"
    # the trigger's own words and the preposition it hangs from ("since the coup", "depuis
    # le début de la guerre", "the previous attack"), not its governor's ("have continued
    # since Friday" is news)
    words = occurrence_words(head.doc.lang_)
    near = [c for c in head.children if c.dep_ in ("amod", "case", "advmod")]
    if head.head.pos_ == "ADP":
        near.append(head.head)
    for tok in near:
        if "background" in words.get(tok.lemma_.lower(), frozenset()):
            return f"recalled ({tok.text!r})"
    return None


def _in_relative_clause(tok: Token) -> bool:
    """Inside "..., whom they had taken hostage", "qui avait été imposé": told as background."""
    cur = tok
    while cur.head.i != cur.i:
        if cur.dep_ in ("relcl", "acl:relcl"):
            return True
        cur = cur.head
    return False


def _drop_background(cands: list[Candidate]) -> list[Candidate]:
    """When a sentence tells a main event, what it mentions in passing is not coded again:
    relative clauses and circumstantial phrases ("after the invasion", "au cours d'un raid")."""
    background = [_in_relative_clause(c.head) or circumstantial(c.head) for c in cands]
    if all(background) or not any(background):
        return cands
    return [c for c, bg in zip(cands, background, strict=True) if not bg]


def _specific_cameo(cameo: str | None, inner: Candidate) -> str | None:
    """Refine a 3-digit CAMEO code with a military context ("coopération militaire" → 0312)."""
    if cameo is None:
        return None
    military = any(
        t.lemma_.lower() in ("militaire", "military", "militairement") for t in inner.head.subtree
    )
    if military and cameo in ("031", "033"):
        return cameo + "2"
    return cameo


def _linked(a: Candidate, b: Candidate) -> bool:
    """One sentence telling one event: one trigger below the other, or one without parties."""
    if circumstantial(a.head) or circumstantial(b.head):
        return False
    if b.head in a.head.subtree or a.head in b.head.subtree:
        return True
    return not a.parties or not b.parties


def _merge_same_sentence(cands: list[Candidate]) -> list[Candidate]:
    out: list[Candidate] = []
    for cand in cands:
        twin = next(
            (o for o in out if o.type == cand.type and _compatible(o, cand) and _linked(o, cand)),
            None,
        )
        if twin is None:
            out.append(cand)
            continue
        twin.triggers += cand.triggers
        if twin.roles.guessed and not cand.roles.guessed:
            twin.roles, cand.roles = cand.roles, twin.roles
        for side in ("agents", "patients", "others"):
            mine, theirs = getattr(twin.roles, side), getattr(cand.roles, side)
            if not mine and not cand.roles.guessed:
                mine.extend(m for m in theirs if m not in twin.parties)
        twin.mode = twin.mode or cand.mode
        twin.cameo = twin.cameo if twin.mode or not cand.mode else cand.cameo
        twin.date = twin.date or _date_for(twin, cand)
        if cand.place and (
            twin.place is None
            or PRECISION_RANK[cand.place.precision] < PRECISION_RANK[twin.place.precision]
        ):
            twin.place, twin.place_how = cand.place, cand.place_how
        twin.source = twin.source or cand.source
        twin.modality.accidental |= cand.modality.accidental
        twin.modality.negated &= cand.modality.negated
        twin.modality.hypothetical &= cand.modality.hypothetical
    return out


def _countries(mentions: list[Mention]) -> set[str]:
    return {m.country for m in mentions if m.country}


def _compatible(a: Candidate, b: Candidate) -> bool:
    if a.roles.guessed or b.roles.guessed:
        return True  # word-order guesses do not keep apart what one sentence says once
    ca, cb = _countries(a.roles.agents), _countries(b.roles.agents)
    return not (ca and cb and not ca & cb)


_PERSON_LABELS = {"PERSON", "PER"}


def _is_passive(tok: Token) -> bool:
    return tok.tag_ == "VBN" or "Past" in tok.morph.get("Tense")


def _named_victims(cand: Candidate, lang: str) -> list[Count]:
    """'killed the mayor', 'assassinated Hector Oqueli and Gilda Flores', 'wounded a judge':
    with no number, each singular person named as the victim counts one."""
    out: list[Count] = []
    have = {c.kind for c in cand.counts}
    for match in cand.triggers:
        kind = match.entry.counts
        if kind is None or kind in have:
            continue
        head = cand.sent.doc[match.start]
        victims = [c for c in head.children if c.dep_ in ("obj", "dobj", "nsubj:pass", "nsubjpass")]
        if head.dep_ in ("acl", "amod") and _is_passive(head):
            victims.append(head.head)
        for victim in list(victims):
            victims.extend(victim.conjuncts)
            # "the mayor of Tulua and his driver": the parse may join the driver to Tulua.
            for inner in victim.children:
                if inner.dep_ in ("nmod", "prep", "pobj"):
                    for deeper in [inner, *inner.children]:
                        victims.extend(c for c in deeper.conjuncts if c.pos_ == "NOUN")
        for v in dict.fromkeys(victims):
            if any(c.dep_ == "nummod" for c in v.children) or "Plur" in v.morph.get("Number"):
                return []  # a number or a plural: the casualty words say how many
            person = v.ent_type_ in _PERSON_LABELS or (v.pos_ == "PROPN" and not v.ent_type_)
            person = person or (v.pos_ == "NOUN" and is_person_noun(v, lang))
            if person:
                out.append(Count(kind, 1, head.i, v.i, None, f"{v.text!r}, one victim named"))
    return out


def _attach_counts(cands: list[Candidate], counts: list[Count]) -> None:
    for count in counts:
        # The dead and wounded of a sentence are an assault's, else a protest's (clashes at a
        # demonstration); arrests are a coercion's. A count no event takes stays loose.
        wanted = ("COERCE",) if count.kind == "arrested" else ("ASSAULT", "PROTEST")
        pool: list[Candidate] = []
        for etype in wanted:
            pool = pool or [c for c in cands if c.type == etype]
        if not pool:
            continue
        best = min(pool, key=lambda c: min(abs(t.start - count.token) for t in c.triggers))
        best.counts.append(count)
