"""Dead, injured and arrested counts, with their qualifier ("at least", "plus de").

A casualty word ("killed", "bodies", "blessés", "l'assassinat") says what happened; its
victims say how many: the object of an active verb ("killed two peasants"), the subject of a
passive one or of "die" ("three soldiers were killed", "Lopez died"), the noun a participle
modifies ("four people killed"), the complement of a noun ("the murder of 10 union members",
"la mort de deux soldats"). Each victim phrase gives a number ("six priests and two women" →
8), a partitive ("two of his bodyguards"), or one person named ("the mayor", "Hector Oqueli",
"he"). Only when the parse gives no victim phrase that says how many is a number looked for
in a short window, and never one that is a date, a time, an age or a measure ("28 July", "at
1620", "Porth, 65,", "50 meters"). Running totals ("so far this year", "in 9 years of war"),
threats and conditionals ("threatened to kill 10 judges") are no incident's count.

The words these rules need (units, months, person nouns, "also", "along with", ...) are in
``data/<lang>/count_words.tsv``; the casualty words themselves in ``casualties.tsv``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from eventwire.coder.lexicon import CoderLexicon
from eventwire.coder.modality import modality
from eventwire.coder.numbers import token_value
from eventwire.places import get_gazetteer
from eventwire.tokens import doc_words, words_of

CLASSES = (
    "unit", "month", "person", "also", "companion", "cumulative", "subject", "period", "subset",
)  # fmt: skip
# Objects and passive subjects: the victims of a verb (ClearNLP labels for English, UD for French).
_OBJECTS = ("dobj", "obj", "nsubjpass", "nsubj:pass")
_SUBJECTS = ("nsubj",)
_MODIFIED = ("acl", "amod", "relcl", "acl:relcl")
_PREDICATE = ("oprd", "acomp", "xcomp", "ccomp", "advcl", "conj")
# Complements of a noun that name its victims: "of" (English), nmod with "de" (French).
_OF = {"of", "de", "d'", "des", "du", "d’"}
_POSSESSIVE = ("poss", "nmod:poss")
_RELATIVE = {"who", "that", "which", "whom", "qui", "que", "lequel", "lesquels", "dont"}
_NOT_PEOPLE = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY"}
_NOT_COUNTS = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"}
_YEAR_OR_CLOCK = re.compile(r"^\d{4}$")
_PRONOUNS = {"he", "she", "him", "her", "his", "il", "elle", "lui", "son", "sa"}


@dataclass
class Count:
    kind: str  # dead, injured, arrested
    value: int
    token: int  # index of the casualty word
    number_token: int  # the number, or the victim named
    qualifier: str | None
    reason: str
    named: bool = False  # one person named as the victim, not a number
    additive: bool = False  # "also", "other": victims on top of those told before


@lru_cache(maxsize=8)
def count_words(lang: str) -> dict[str, frozenset[tuple[str, ...]]]:
    """Class → word sequences, from ``data/<lang>/count_words.tsv`` (empty when absent)."""
    path = resources.files("eventwire") / "data" / lang / "count_words.tsv"
    table: dict[str, set[tuple[str, ...]]] = {c: set() for c in CLASSES}
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            cols = [c.strip() for c in line.split("\t")]
            if len(cols) >= 2 and cols[1] in table:
                table[cols[1]].add(tuple(cols[0].lower().split()))
    return {c: frozenset(ws) for c, ws in table.items()}


def _is(tok: Token | None, lang: str, cls: str) -> bool:
    """Whether a token (its lower form or lemma) is a one-word entry of ``cls``."""
    if tok is None:
        return False
    entries = count_words(lang)[cls]
    return (tok.lower_,) in entries or (tok.lemma_.lower(),) in entries


def _phrase_at(doc: Doc, i: int, lang: str, cls: str) -> bool:
    """Whether a (possibly multi-word) entry of ``cls`` starts at token ``i``."""
    lowers = doc_words(doc).lowers
    for words in count_words(lang)[cls]:
        end = i + len(words)
        if end <= len(doc) and lowers[i:end] == words:
            return True
    return False


def _entry(tok: Token, lex: CoderLexicon) -> str | None:
    """The casualty kind of a token, by its lemma or its form, where the part of speech fits."""
    for key in (tok.lemma_.lower(), tok.lower_):
        entry = lex.casualties.get(key)
        if entry is None:
            continue
        kind, pos = entry
        if pos == "ANY" or tok.pos_ == pos or (pos == "VERB" and tok.pos_ == "ADJ"):
            return kind
    return None


def _numeric(tok: Token, lex: CoderLexicon) -> bool:
    """Digits or number words, also hyphenated ones ("vingt-trois", "twenty-one")."""
    if tok.like_num or tok.lower_ in lex.numbers:
        return True
    parts = tok.lower_.split("-")
    return len(parts) > 1 and all(p in lex.numbers or p == "et" for p in parts)


def _neighbour(tok: Token, step: int) -> Token | None:
    i = tok.i + step
    while 0 <= i < len(tok.doc) and tok.doc[i].text in ("-", "–"):
        i += step  # "29-year-old" is split around its hyphens
    return tok.doc[i] if 0 <= i < len(tok.doc) else None


def _month(tok: Token | None, lang: str) -> bool:
    return tok is not None and tok.pos_ not in ("AUX", "VERB") and _is(tok, lang, "month")


def _age(num: Token) -> bool:
    """ "Rodriguez Porth, 65, was killed": a number set off by commas after a name is an age."""
    if num.dep_ == "appos":
        return True
    before, after = _neighbour(num, -1), _neighbour(num, 1)
    if before is None or before.text != "," or before.i < 1:
        return False
    named = num.doc[before.i - 1]
    closes = after is None or after.text in (",", ";", ")", ".")
    return closes and named.pos_ in ("PROPN", "NOUN")


def countable(num: Token, lex: CoderLexicon) -> int | None:
    """The value of a number that can count people: not a year, a clock time, a day of a
    month, an age or a measure ("50 meters", "eight times", "channel 7")."""
    if not _numeric(num, lex):
        return None
    value = token_value(num, lex.numbers)
    if not value:
        return None
    plural_head = num.dep_ == "nummod" and "Plur" in num.head.morph.get("Number")
    year_like = num.text[0] == "0" or 1800 <= value <= 2100
    if _YEAR_OR_CLOCK.match(num.text) and year_like and not plural_head:
        return None
    lang = lex.lang
    before, after = _neighbour(num, -1), _neighbour(num, 1)
    if _is(after, lang, "unit") or _month(after, lang) or _month(before, lang):
        return None
    if _is(before, lang, "unit"):
        return None  # an identifier: "channel 7", "street 13"
    if num.dep_ in ("nummod", "quantmod") and _is(num.head, lang, "unit"):
        return None
    if before is not None and before.lower_ == "no":
        return None  # "no one was hurt"
    if _age(num):
        return None
    return value


def _qualifier(num: Token, lex: CoderLexicon) -> str | None:
    doc = num.doc
    cues = lex.cues("approximate")
    for width in (2, 1):
        start = num.i - width
        if start >= num.sent.start:
            phrase = " ".join(t.lower_ for t in doc[start : num.i])
            if phrase in cues:
                return phrase
    return None


def _person(tok: Token, lex: CoderLexicon) -> bool:
    """One person: a name, a singular person noun ("the mayor"), or "he"/"she"."""
    if "Plur" in tok.morph.get("Number") and not _singular_verb(tok):
        return False
    if tok.ent_type_ in _NOT_PEOPLE:
        return False  # a date or an amount; a place tag on a victim is the tagger's slip
    if tok.ent_type_ in ("PERSON", "PER"):
        return True
    if tok.pos_ == "PROPN":
        # a capital or a country ("Niamey, 8 nov (AFP) - ...", parsed as the subject) is no one
        found = get_gazetteer().lookup(tok.text)
        return not (found and found[0].feature in ("country", "capital", "admin1"))
    if tok.pos_ == "PRON":
        return tok.lower_ in _PRONOUNS
    if tok.pos_ != "NOUN" or _is(tok, lex.lang, "unit"):
        return False
    return (
        _is(tok, lex.lang, "person")
        or _phrase_at(tok.doc, tok.i, lex.lang, "person")  # "un Casque bleu"
        or _name_like(tok, lex)
    )


def _name_like(tok: Token, lex: CoderLexicon) -> bool:
    """A name the tagger took for a common noun ("diego vargas escobar" in restored capitals):
    a singular noun with no determiner, as a name has none."""
    if tok.pos_ != "NOUN" or _is(tok, lex.lang, "person") or _is(tok, lex.lang, "unit"):
        return False
    return tok.is_alpha and not any(c.dep_ in ("det", *_POSSESSIVE) for c in tok.children)


def is_person_noun(tok: Token, lang: str) -> bool:
    """A noun for one kind of person ("mayor", "policier"): named alone, it is one victim."""
    return _is(tok, lang, "person")


def _singular_verb(subject: Token) -> bool:
    """ "gonzales ... was murdered": a name the tagger took for a plural has a singular verb."""
    if subject.dep_ not in ("nsubj", "nsubjpass", "nsubj:pass"):
        return False
    return any(
        c.dep_ in ("aux", "auxpass", "aux:pass") and "Sing" in c.morph.get("Number")
        for c in subject.head.children
    )


def _verbal(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX") or tok.tag_ in ("VBN", "VBD", "VBG")


def _subject_victim(tok: Token, lex: CoderLexicon) -> bool:
    """Whether a verb's subject is its victim: "die", "périr", or a participle with no "have"
    ("four people killed" parsed as a subject); not "guerrillas killed", "un avion a tué"."""
    if _is(tok, lex.lang, "subject"):
        return True
    perfect = any(
        c.dep_ in ("aux", "aux:tense") and c.lemma_ in ("avoir", "have") for c in tok.children
    )
    return tok.tag_ == "VBN" and not perfect


def _of_complements(tok: Token) -> list[Token]:
    """ "the murder of X", "la mort de X", "the bodies of four": the nouns after "of"/"de"."""
    out = []
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in _OF:
            out.extend(c for c in child.children if c.dep_ == "pobj")
        elif child.dep_ in ("nmod", "obl") and any(
            c.dep_ == "case" and c.lower_ in _OF for c in child.children
        ):
            out.append(child)
    return out


def _companions(tok: Token, lang: str) -> list[Token]:
    """ "was killed, along with two of his bodyguards": victims added by a preposition."""
    out = []
    for child in tok.children:
        if child.dep_ in ("prep", "obl", "nmod", "advmod", "cc") and _phrase_at(
            tok.doc, child.i, lang, "companion"
        ):
            out.extend(
                t
                for t in child.subtree
                if t.dep_ in ("pobj", "obj", "obl", "nmod") and t.pos_ in ("NOUN", "NUM", "PROPN")
            )
    return out[:1]


def _antecedent(victim: Token, tok: Token) -> Token:
    """ "two reporters who were shot": the relative pronoun stands for its antecedent."""
    if victim.lower_ in _RELATIVE and tok.dep_ in ("relcl", "acl:relcl"):
        return tok.head
    return victim


def _victims(tok: Token, lex: CoderLexicon) -> list[Token]:
    """The heads of the phrases naming whom a casualty word happened to (empty if none)."""
    children = list(tok.children)
    if _verbal(tok) and tok.pos_ != "NOUN":
        objects = [_antecedent(c, tok) for c in children if c.dep_ in _OBJECTS]
        if not objects and _subject_victim(tok, lex):
            objects = [c for c in children if c.dep_ in _SUBJECTS]  # "two died"
        if not objects and tok.dep_ in _MODIFIED and tok.head.pos_ in ("NOUN", "PROPN", "NUM"):
            objects = [tok.head]  # "four people killed", "les soldats tués"
            if tok.head.dep_ == "nmod" and tok.head.head.pos_ in ("NOUN", "PROPN"):
                # "quatre membres de son unité blessés": the participle hangs on the nearest
                # noun; the people are the phrase it completes.
                objects.append(tok.head.head)
        if not objects and tok.dep_ in _PREDICATE and tok.head.i != tok.i:
            # "was found dead", "left five dead", "shot dead"
            objects = [c for c in tok.head.children if c.dep_ in _OBJECTS]
        return objects + _companions(tok, lex.lang)
    if tok.pos_ == "ADJ" or (tok.pos_ == "NOUN" and tok.dep_ in ("oprd", "acomp", "xcomp")):
        nums = [c for c in children if c.dep_ == "nummod"]
        if nums:
            return [tok]  # "five wounded"
        if tok.dep_ in ("amod", "acl") and tok.head.pos_ in ("NOUN", "PROPN"):
            return [tok.head]  # "five wounded soldiers"
        if tok.dep_ in _PREDICATE and tok.head.i != tok.i:
            return [c for c in tok.head.children if c.dep_ in (*_OBJECTS, *_SUBJECTS)]
        return [c for c in children if c.dep_ in _SUBJECTS]  # "trois soldats sont morts"
    # "trois personnes ont trouvé la mort", "two climbers met their death": the subject dies.
    if tok.dep_ in ("obj", "dobj") and tok.head.lemma_.lower() in _MEET_DEATH:
        return [c for c in tok.head.children if c.dep_ in _SUBJECTS]
    # A participle misread as a noun still has its object: "blessant 4 agents".
    objects = [c for c in children if c.dep_ in ("dobj", "obj")]
    if objects:
        return objects
    # Nouns: "12 deaths", "the murder of 10 union members", "Lopez' death", "his body".
    if any(c.dep_ == "nummod" for c in children):
        return [tok]
    found = _of_complements(tok) or [c for c in children if c.dep_ in _POSSESSIVE]
    if found:
        # "the murder of the minister and two of his bodyguards" may hang the second on the noun
        others = [c for c in tok.conjuncts if c.pos_ == "NUM"]
        return found + others + _companions(tok, lex.lang)
    if _is(tok, lex.lang, "person") and "Plur" not in tok.morph.get("Number"):
        return [tok]  # "a body was found", "le cadavre"
    return _to_death(tok, lex)


# Verbs that make a death noun their subject's death ("trouver la mort", "meet one's death").
_MEET_DEATH = frozenset(("trouver", "meet"))


def _to_death(tok: Token, lex: CoderLexicon) -> list[Token]:
    """ "was shot to death", "battu à mort": the victims of the verb the noun completes."""
    if tok.dep_ == "pobj" and tok.head.lower_ == "to" and _verbal(tok.head.head):
        verb = tok.head.head
    elif tok.dep_ in ("obl", "obl:mod", "nmod") and any(
        c.dep_ == "case" and c.lower_ == "à" for c in tok.children
    ):
        verb = tok.head
    else:
        return []
    return [c for c in verb.children if c.dep_ in _OBJECTS] + _companions(verb, lex.lang)


def _quantity(victim: Token, lex: CoderLexicon) -> tuple[int, Token, bool] | None:
    """How many one victim phrase names: (value, the token saying it, whether a person named)."""
    if victim.pos_ == "NUM" or _numeric(victim, lex):
        value = countable(victim, lex)
        return (value, victim, False) if value else None
    for child in victim.children:
        # "neuf civils": a number word the tagger took for an adjective ("new") still counts
        if child.dep_ in ("nummod", "quantmod", "amod") and _numeric(child, lex):
            value = countable(child, lex)
            if value:
                return value, child, False
    owner = _partitive_owner(victim)
    if owner is not None and _numeric(owner, lex):
        value = countable(owner, lex)  # "five of the murdered jesuits", "deux des soldats"
        if value:
            return value, owner, False
    if _person(victim, lex) and not any(c.lower_ in ("no", "aucun") for c in victim.children):
        return 1, victim, True
    # "ms dolores isabel casanova porras": a name the tagger split, its last part in apposition
    appos = [c for c in victim.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
    if appos and not victim.conjuncts and _person(appos[0], lex):
        return 1, appos[0], True
    return None


def _partitive_owner(victim: Token) -> Token | None:
    """The word a noun is the "of"/"de" complement of: "five" in "five of the jesuits"."""
    head = victim.head
    if victim.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in _OF:
        return head.head
    if victim.dep_ == "nmod" and any(c.dep_ == "case" and c.lower_ in _OF for c in victim.children):
        return head
    return None


def _additive(tok: Token, victim: Token, said: Token, lex: CoderLexicon) -> bool:
    """ "were also killed" (an adverb of the verb), "three other civilians", "two more people"
    (of the victims or their number)."""
    near = [c for c in tok.children if c.dep_ == "advmod"]
    near += [c for v in (victim, said) for c in v.children if c.dep_ in ("amod", "det", "advmod")]
    return any(_is(t, lex.lang, "also") for t in near)


def _cumulative(tok: Token, lex: CoderLexicon) -> bool:
    """ "900 members have been murdered since 1985", "so far this year": a running total."""
    clause = tok
    while clause.head.i != clause.i and not _verbal(clause):
        clause = clause.head
    near = [clause, *clause.children, *tok.children]
    near += [g for c in (*clause.children, *tok.children) for g in c.children]
    if any(_phrase_at(tok.doc, t.i, lex.lang, "cumulative") for t in near):
        return True
    # "died during 10 years of war", "the murder of four candidates in the past few years": a
    # count over a stretch of time, told on the casualty word itself
    phrase = [*tok.children]
    if tok.dep_ in ("dobj", "obj", "oprd", "acomp") and not _verbal(tok):
        phrase += list(tok.head.children)  # "left 70,000 dead in 9 years"
    own = [*phrase, *(g for c in phrase for g in c.children)]
    return any(
        t.dep_ in ("pobj", "obl", "obl:mod", "nmod")
        and _is(t, lex.lang, "period")
        and "Plur" in t.morph.get("Number")
        for t in own
    )


def _either(tok: Token, lex: CoderLexicon) -> bool:
    """ "more than 100 dead or wounded": a number for two kinds at once says neither."""
    pair = [tok, *tok.conjuncts]
    kinds = {_entry(t, lex) for t in pair}
    has_or = any(c.dep_ == "cc" and c.lower_ in ("or", "ou") for t in pair for c in t.children)
    return has_or and len(kinds - {None}) > 1


def _unreal(tok: Token, lex: CoderLexicon) -> bool:
    """ "threatened to kill 10 judges", "could kill hundreds": no one has died yet."""
    perfect = any(c.lemma_ in ("have", "avoir") for c in tok.children if c.dep_.startswith("aux"))
    if _verbal(tok) and not perfect and modality(tok, lex).hypothetical:
        return True  # "could have been murdered" is about who did it, not whether
    governor = tok.head
    if tok.dep_ in ("xcomp", "ccomp", "advcl") and governor.i != tok.i:
        entries = lex.triggers.get((governor.lemma_.lower(),), [])
        return any(e.type == "THREATEN" for e in entries)
    return False


def _window(tok: Token, lex: CoderLexicon, skip: set[int]) -> Token | None:
    """No victim phrase in the parse: the nearest countable number a few words away, on the
    side the construction puts it (a verb's object follows, a noun's number precedes)."""
    past_participle = tok.tag_ == "VBN" or (
        "Part" in tok.morph.get("VerbForm") and "Pres" not in tok.morph.get("Tense")
    )
    perfect = any(
        c.dep_ in ("aux", "aux:tense") and c.lemma_ in ("avoir", "have") for c in tok.children
    )
    passive = tok.pos_ != "VERB" or (past_participle and not perfect)
    # "the murder": a noun with its determiner has no number before it ("the toll rose to 31")
    definite = tok.pos_ == "NOUN" and any(c.dep_ in ("det", *_POSSESSIVE) for c in tok.children)
    doc, sent = tok.doc, tok.sent
    for before in (False,) if definite else (passive, not passive):
        window = (
            range(tok.i - 1, max(sent.start, tok.i - 6) - 1, -1)
            if before
            else range(tok.i + 1, min(sent.end, tok.i + 6))
        )
        for i in window:
            cand = doc[i]
            if cand.is_punct and not (cand.is_bracket or cand.is_quote):
                break  # a clause boundary; "the massacre [of six priests]" reads through
            if _entry(cand, lex) and i != tok.i:
                break
            if i in skip or cand.ent_type_ in _NOT_COUNTS:
                continue
            if cand.lower_ in ("un", "une", "a", "an", "one") and not _approximate_noun(doc, i):
                continue
            if countable(cand, lex) and not _told_otherwise(cand, tok, lex):
                return cand
    return None


def _told_otherwise(num: Token, tok: Token, lex: CoderLexicon) -> bool:
    """ "un Casque bleu a été tué et quatre membres de son unité blessés": the number's own
    phrase carries a casualty word of another kind; it is that word's count."""
    kind = _entry(tok, lex)
    phrase = num.head if num.dep_ == "nummod" else num
    return any(
        t.i != tok.i and (other := _entry(t, lex)) is not None and other != kind
        for t in phrase.subtree
    )


def _approximate_noun(doc: Doc, i: int) -> bool:
    return i + 1 < len(doc) and doc[i + 1].lower_ in (
        "dizaine",
        "douzaine",
        "vingtaine",
        "centaine",
        "dozen",
    )


def _coordination(victim: Token, lex: CoderLexicon) -> list[Token]:
    """A victim and the victims coordinated with it ("six priests and two women"); not another
    casualty word ("67 dead and 1,000 wounded": the wounded are counted with "wounded")."""
    kinds = ("NOUN", "PROPN", "NUM", "PRON", "ADJ")
    members = [victim, *(t for t in victim.conjuncts if t.i > victim.i and not _entry(t, lex))]
    members = [t for t in members if t.pos_ in kinds]
    # With no "and" anywhere, the parts are one person's titles and names ("candidate Luis
    # Carlos Galan") misread as a list.
    if not any(c.dep_ == "cc" for t in members for c in t.children):
        members = members[:1]
    # "Ellacuria, five other Jesuits, and two women", "the priests Ellacuria, Montes and
    # Moreno": a list set off after the first victim is parsed as its apposition; titles in
    # apposition ("Galan, senator and presidential hopeful") are the same person.
    for appos in (c for c in victim.children if c.dep_ == "appos"):
        listed = [appos, *(t for t in appos.conjuncts if t.i > appos.i)]
        others = any(_is(c, lex.lang, "also") for c in appos.children)  # "five other Jesuits"
        if (appos.conjuncts or others) and all(_listed_victim(t, lex) for t in listed):
            members += [t for t in listed if t.pos_ in kinds]
    return members


def _listed_victim(tok: Token, lex: CoderLexicon) -> bool:
    """A list item that is a victim of its own: a name or a number of people, not a title."""
    return tok.pos_ in ("PROPN", "NUM") or any(
        c.dep_ == "nummod" and _numeric(c, lex) for c in tok.children
    )


def _subset(victim: Token, tok: Token, lex: CoderLexicon) -> bool:
    """ "17 casualties, including 9 wounded soldiers": a part of victims counted already."""
    for node in (victim, *victim.ancestors):
        if node.i == tok.i:
            return False
        if _is(node, lex.lang, "subset"):
            return True
    return False


def _quantities(
    victims: list[Token], tok: Token, lex: CoderLexicon
) -> list[tuple[Token, tuple[int, Token, bool]]]:
    """Each victim phrase with how many it names. A list that only breaks a number down ("three
    civilians, two women and a man") counts that number once."""
    out: list[tuple[Token, tuple[int, Token, bool]]] = []
    seen: set[int] = set()
    for victim in victims:
        # "67 dead and 1,000 wounded": what is coordinated with "67 dead" is another count
        group = [victim] if victim.i == tok.i else _coordination(victim, lex)
        members = [m for m in group if m.i not in seen]
        seen.update(m.i for m in members)
        found = [
            (m, q) for m in members if not _subset(m, tok, lex) for q in [_quantity(m, lex)] if q
        ]
        if len(found) > 1 and found[0][0] is victim and not found[0][1][2]:
            rest = sum(q[0] for _, q in found[1:])
            if rest == found[0][1][0]:
                found = found[:1]
        if any(not q[2] for _, q in found):
            # "all 107 passengers and crew": a bare noun beside a number is no name
            found = [(m, q) for m, q in found if not (q[2] and _name_like(m, lex))]
        out += found
    return out


def find_counts(sent: Span, lex: CoderLexicon) -> list[Count]:
    """Every casualty count a sentence tells, each number and each victim counted once."""
    counts: list[Count] = []
    used: set[int] = set()
    for tok in words_of(sent).tokens:
        kind = _entry(tok, lex)
        # "death squads", "death threats" name no casualties ("death toll" is "toll"'s).
        if kind is None or tok.dep_ == "compound" or _cumulative(tok, lex):
            continue
        if _unreal(tok, lex) or _either(tok, lex):
            continue
        if any(_is(a, lex.lang, "subset") for a in tok.ancestors):
            continue  # "17 casualties, including 9 wounded": counted in the whole already
        victims = _victims(tok, lex)
        found = _quantities(victims, tok, lex)
        if not found:
            # No victim phrase, or one the parse left uncounted ("neuf civils" misread)
            num = _window(tok, lex, used)
            value = countable(num, lex) if num is not None else None
            if num is not None and value:
                used.add(num.i)
                reason = f"{num.text!r} near {tok.text!r}"
                counts.append(Count(kind, value, tok.i, num.i, _qualifier(num, lex), reason))
            continue
        for victim, (value, said, named) in found:
            if said.i in used:
                continue
            used.add(said.i)
            how = "one victim named" if named else "victims"
            counts.append(
                Count(
                    kind,
                    value,
                    tok.i,
                    said.i,
                    None if named else _qualifier(said, lex),
                    f"{said.text!r} with {tok.text!r} ({how})",
                    named=named,
                    additive=_additive(tok, victim, said, lex),
                )
            )
    return _without_pronouns(counts, sent)


def _without_pronouns(counts: list[Count], sent: Span) -> list[Count]:
    """ "Jaramillo was murdered and his body was found": "his" is the victim named already."""
    doc = sent.doc
    named = {c.kind for c in counts if c.named and doc[c.number_token].pos_ != "PRON"}
    return [
        c
        for c in counts
        if not (c.named and c.kind in named and doc[c.number_token].pos_ == "PRON")
    ]


def story_counts(per_sentence: list[list[Count]]) -> dict[str, int]:
    """One event's counts from each sentence telling it.

    In a sentence, distinct victims add up ("killed the mayor and two peasants" → 3). Across
    sentences the same victims are told again, and later sentences drift to totals and to
    other incidents, so the first sentence that counts is the event's count; a later one
    replaces it only when it extends it (the six of the lead, then "six priests and two
    women"). Victims told as more in a sentence of their own ("two bodyguards were also
    killed") add to it.
    """
    whole: dict[str, int] = {}  # the count of the sentence that counts, in full
    base: dict[str, int] = {}  # its first-told victims
    extra: dict[str, int] = {}  # victims told only as more, in sentences of their own
    for counts in per_sentence:
        first: dict[str, list[int]] = {}
        more: dict[str, int] = {}
        for c in counts:
            if c.additive:
                more[c.kind] = more.get(c.kind, 0) + c.value
            else:
                first.setdefault(c.kind, []).append(c.value)
        for kind in first.keys() | more.keys():
            parts = first.get(kind, [])
            total = sum(parts) + more.get(kind, 0)
            if kind not in whole:
                whole[kind] = total
                if parts:
                    base[kind] = sum(parts)
            elif total > whole[kind] > 1 and whole[kind] in parts:
                whole[kind] = total  # "six Jesuits" extended by "six priests and two women"
                base[kind] = sum(parts)
            elif not parts:
                extra[kind] = extra.get(kind, 0) + more[kind]
    return {
        kind: max(value, base.get(kind, 0) + extra.get(kind, 0)) for kind, value in whole.items()
    }
