"""Actor mentions: noun phrases of a sentence that name a party, with a country and a sector.

A mention is found two ways: a name from the actor lexicon (countries, capitals used as
metonyms, institutions, armed groups, office holders) matched over the tokens, longest
first; or a common noun whose lemma has a sector ("soldat" → MIL) with a demonym or a
country among its modifiers ("soldats turcs", "the Salvadoran air force").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from eventwire.actors.lexicon import ActorLexicon, fold
from eventwire.tokens import doc_text, words_of

# Dependents that belong to a noun phrase (UD for French, ClearNLP for English).
_NP_DEPS = {
    "amod", "nmod", "compound", "flat:name", "flat", "appos", "nummod", "det", "case", "poss",
    "fixed", "nmod:poss", "npadvmod", "quantmod",
}  # fmt: skip
_NOMINAL = {"NOUN", "PROPN", "PRON", "X"}
# Words that point back to a party named earlier ("son homologue turc", "les deux dirigeants").
_COUNTERPART = {"homologue", "counterpart"}
# "les deux parties", "both sides": a group that stands for the parties named before.
_GROUP_QUANTIFIERS = {"deux", "two", "both", "trois", "three"}
# Nouns that stand for a party when a demonym says whose: "the Turkish and Greek sides".
_PARTY_NOUNS = {"side", "camp", "authorities", "autorité", "authority", "community", "communauté"}
# Heads that say nothing of their own about the party: "Hamas leader" is Hamas's sector.
_GENERIC_HEADS = {
    "dirigeant", "responsable", "chef", "leader", "official", "porte-parole", "spokesman",
    "spokeswoman", "spokesperson", "représentant", "representative", "membre", "member",
}  # fmt: skip
# A protest named as an argument stands for its people: "police dispersed the march" is done
# to the marchers (CVL, as PLOVER codes protesters).
_CROWD_EVENTS = {
    "manifestation", "rassemblement", "cortège", "marche", "sit-in", "défilé", "protest",
    "demonstration", "rally", "march", "procession",
}  # fmt: skip
# People named by no role ("cinq personnes", "villagers" have one): a party where an act befalls
# them, never one to a meeting or an agreement (kind "owner", which candidates.py keeps out of
# reciprocal events).
_PEOPLE_NOUNS = {"people", "person", "personne", "gens"}
_GROUP_NOUNS = {
    "partie", "pays", "camp", "côté", "dirigeant", "président", "chef", "gouvernement",
    "capitale", "ministre", "délégation", "side", "country", "leader", "president",
    "government", "party", "nation", "delegation", "minister", "capital",
}  # fmt: skip


@dataclass
class Mention:
    start: int  # token index in the Doc (inclusive)
    end: int  # token index (exclusive)
    head: int  # token index of the phrase's head
    text: str
    country: str | None
    sector: str | None
    name: str | None
    reason: str
    kind: str  # name, noun, counterpart, group
    entry_kind: str | None = None  # for names: country, metonym, organisation, person...
    possessive: bool = False  # "its troops", "leurs forces": whose is told by an antecedent
    members: list[Mention] = field(default_factory=list)  # for "les deux dirigeants"

    @property
    def coded(self) -> bool:
        return self.country is not None or self.sector is not None


def _fold(text: str) -> str:
    return text.replace("’", "'").strip()


# Words a name may be preceded by inside the span the lexicon is asked about.
_ARTICLES = {"le", "la", "les", "l", "du", "des", "de", "d", "au", "aux", "the", "a", "an"}


def _name_spans(tokens: Sequence[Token], lex: ActorLexicon) -> list[tuple[int, int]]:
    """(size, start) of every span that could be a lexicon name, longest first.

    Only spans starting at a word some name starts with (after up to two articles) are
    tried, up to that word's longest name: a full n-gram scan cost more than the parse.
    """
    first = lex.first_words
    folded = [fold(t.text) for t in tokens]
    spans = []
    for i in range(len(tokens)):
        j = i
        while j < len(tokens) and folded[j] in _ARTICLES and j - i < 2:
            j += 1
        words = folded[j].split() if j < len(tokens) else []
        longest = first.get(words[0]) if words else None
        if longest is None:
            continue
        # Tokens and folded words differ ("U.S." is one token, "al-Bab" three): some slack.
        for size in range(1, min(len(tokens) - i, (j - i) + longest + 3) + 1):
            spans.append((size, i))
    return sorted(spans, key=lambda s: (-s[0], s[1]))


def find_names(sent: Span, lex: ActorLexicon, date: str | None) -> list[Mention]:
    """Lexicon names in a sentence, longest match first, never overlapping."""
    tokens = words_of(sent).tokens
    doc, text = sent.doc, doc_text(sent.doc)
    punct = [t.is_punct for t in tokens]
    taken: set[int] = set()
    found: list[Mention] = []
    # Spans are looked up by their text first and made only for a known name: most of the
    # candidate spans are not names, and making spaCy objects for each cost more than a parse.
    for size, i in _name_spans(tokens, lex):
        first, last = tokens[i], tokens[i + size - 1]
        if punct[i] or punct[i + size - 1] or any(k in taken for k in range(first.i, last.i + 1)):
            continue
        if size == 1 and not (first.pos_ in ("PROPN", "NOUN", "X") or first.is_upper):
            continue
        entry = lex.phrase(_fold(text[first.idx : last.idx + len(last)]), date=date)
        if entry is None or entry.kind in ("sector", "demonym"):
            continue
        span = doc[first.i : last.i + 1]
        if entry.kind == "person" and all(t.ent_type_ in ("DATE", "TIME") for t in span):
            continue  # "May Day marches": a date, not Theresa May
        taken.update(t.i for t in span)
        start, end = _trim(sent.doc, span.start, span.end, span.root.i)
        found.append(
            Mention(
                start=start,
                end=end,
                head=span.root.i,
                text=sent.doc[start:end].text,
                country=entry.country,
                sector=entry.sector,
                name=entry.name,
                reason=f"{span.text!r} is a known {entry.kind} ({entry.name})",
                kind="name",
                entry_kind=entry.kind,
            )
        )
    return found


def _sector_of(token: Token, lex: ActorLexicon, sent_end: int) -> tuple[str | None, str]:
    """The sector of a noun: the longest phrase from it that the lexicon knows.

    Surface text first ("chef d'état-major" is four tokens to spaCy), then lemmas
    ("avions de chasse" → "avion de chasse"), then the word alone.
    """
    doc = token.doc
    end = min(sent_end, token.i + 5)
    if not (lex.may_start_sector(token.text) or lex.may_start_sector(token.lemma_)):
        end = token.i + 1  # no phrase of several words starts here: the word alone
    candidates: list[str] = []
    for stop in range(end, token.i + 1, -1):
        span = doc[token.i : stop]
        if span[-1].pos_ in ("NOUN", "ADJ", "PROPN") or span[-1].text == "major":
            candidates.append(span.text.lower())
            candidates.append(" ".join(t.lemma_.lower() for t in span))
    before = doc[token.i - 1] if token.i > 0 else None
    if before is not None and before.pos_ in ("NOUN", "ADJ", "PROPN"):
        candidates.append(f"{before.lemma_.lower()} {token.lemma_.lower()}")
    candidates += [token.lemma_.lower(), token.text.lower()]
    for cand in candidates:
        sector = lex.sector(cand)
        if sector:
            return sector, cand
    return None, token.lemma_.lower()


_POSSESSIVES = {"its", "their", "his", "her", "son", "sa", "ses", "leur", "leurs"}
_ETHNIC = {"ethnic", "ethnique", "ethniques"}
# Complements that say whose a party is (and places it is in or from); not "with", "against".
_BELOW_PREPS = {
    "of", "from", "in", "at", "to", "with", "based", "de", "du", "des", "d'", "à", "au", "aux",
    "en", "dans",
}  # fmt: skip
# What a party's own description does not run into: relative clauses, clauses of their own.
_NOT_BELOW = {"relcl", "acl:relcl", "advcl", "ccomp", "parataxis", "appos", "conj", "cc", "punct"}
_LOCATIVE = {"à", "au", "aux", "en", "dans", "près", "in", "at", "near", "inside"}
# Words of a date or time the French model marks as no entity: "une patrouille de police
# lundi", "un fermier vendredi" end before them.
_DATE_WORDS = {
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "janvier",
    "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
    "novembre", "décembre", "hier", "aujourd'hui", "demain", "matin", "soir", "soirée",
    "après-midi", "veille", "lendemain", "week-end", "nuit", "matinée", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday", "today", "tonight",
}  # fmt: skip
# Complements that name another party, not the head's own: "des drones russes contre Odessa".
_OTHER_PARTY_CASES = {"contre", "avec", "envers", "vers", "entre", "sur", "chez"}


def _located_in(tok: Token, names: list[Mention]) -> tuple[str | None, str]:
    for child in tok.children:
        if not any(
            c.dep_ in ("case", "prep") and c.lower_ in _LOCATIVE for c in child.children
        ) and not (child.dep_ == "prep" and child.lower_ in _LOCATIVE):
            continue
        target = (
            child
            if child.dep_ != "prep"
            else next((c for c in child.children if c.dep_ == "pobj"), None)
        )
        if target is None:
            continue
        for name in names:
            if name.start <= target.i < name.end and name.entry_kind == "country":
                return name.country, f"located in {name.text!r}"
    return None, ""


def _phrase_tokens(head: Token) -> list[Token]:
    """The head with its noun-phrase dependents (not relative clauses, verbs or places:
    "des manifestants à Conakry" are not coded by the city they are in)."""
    out = [head]
    for child in head.children:
        # (an adjective parsed as a clause is still a modifier: "drones russes" as acl; and
        # adjectives coordinated under one are too: "les soldats indiens et pakistanais")
        np_dep = (
            child.dep_ in _NP_DEPS
            or (child.dep_ == "acl" and child.pos_ == "ADJ")
            or (child.dep_ in ("conj", "cc") and head.dep_ == "amod")
            or (child.dep_ == "conj" and child.pos_ == "ADJ")
            or (child.dep_ == "cc" and head.dep_ == "conj" and head.pos_ == "ADJ")
        )
        if not np_dep or child.pos_ in ("VERB", "AUX", "PUNCT"):
            continue
        if child.lower_ in _DATE_WORDS:
            continue
        if any(
            c.dep_ == "case" and c.lower_ in _LOCATIVE | _OTHER_PARTY_CASES for c in child.children
        ):
            continue
        out.extend(_phrase_tokens(child))
    return out


def _demonym_at(tokens: Sequence[Token], k: int, lex: ActorLexicon) -> tuple[str | None, int]:
    """The country of a nationality word at ``tokens[k]`` and how many tokens it takes: two for
    "South Korean", "Sierra Leonean" (whose last word alone is ambiguous or unknown)."""
    tok = tokens[k]
    if k + 1 < len(tokens) and tokens[k + 1].i == tok.i + 1:
        code = lex.demonym(f"{tok.text} {tokens[k + 1].text}")
        if code:
            return code, 2
    if tok.pos_ not in ("ADJ", "NOUN", "PROPN", "X"):
        return None, 1
    return lex.demonym(tok.text) or lex.demonym(tok.lemma_), 1


def _ethnic(tok: Token) -> bool:
    """ "ethnic Albanians", "les Albanais de souche": an ethnic group, not a nationality."""
    doc = tok.doc
    before = doc[tok.i - 1] if tok.i > 0 else None
    return (before is not None and before.lower_ in _ETHNIC) or any(
        c.lower_ in _ETHNIC for c in tok.children
    )


def _country_in(
    tokens: Sequence[Token], lex: ActorLexicon, names: list[Mention]
) -> tuple[str | None, str]:
    for k, tok in enumerate(tokens):
        code, size = _demonym_at(tokens, k, lex)
        if code and not _ethnic(tok):
            return code, f"demonym {' '.join(t.text for t in tokens[k : k + size])!r}"
    index = {t.i for t in tokens}
    for name in names:
        # "des habitants joints par l'AFP": the agency that reached them is not whose they are
        if name.head in index and name.country and name.sector != "JRN":
            return name.country, f"{name.text!r} in the phrase"
    return None, ""


def _country_below(
    tok: Token, lex: ActorLexicon, names: list[Mention], places: dict[int, str]
) -> tuple[str | None, str]:
    """A country in a noun's complements: "the president of Armenia", "leaders of Romania's
    government", "workers affiliated with the Serbian union", "militants loyal to Iraq's
    ...", "a newspaper based in Beirut", "refugees from Liberia"."""
    # Capitals are left to the gazetteer: "Tripoli" alone does not say Libya or Lebanon.
    by_head = {
        n.head: n for n in names if n.country and n.entry_kind != "metonym" and n.sector != "JRN"
    }
    frontier = [(c, 0) for c in tok.children if c.i > tok.i]
    while frontier:
        node, depth = frontier.pop(0)
        if (
            depth > 4
            or node.dep_ in _NOT_BELOW
            or (node.pos_ in ("VERB", "AUX") and not non_finite(node))
        ):
            continue
        # "the ambassador to Turkey" is not Turkish; "loyal to Iraq's ..." is Iraqi.
        if node.dep_ == "prep" and (
            node.lower_ not in _BELOW_PREPS or (depth == 0 and node.lower_ == "to")
        ):
            continue
        if node.dep_.startswith("nmod") and case_of(node) not in _BELOW_PREPS:
            continue
        if node.i in places:
            return places[node.i], f"{node.text!r} in its complement (a place)"
        if node.i in by_head:
            name = by_head[node.i]
            return name.country, f"{name.text!r} in its complement"
        code, _ = _demonym_at([node], 0, lex)
        if code and not _ethnic(node):
            return code, f"demonym {node.text!r} in its complement"
        frontier += [(c, depth + 1) for c in node.children]
    return None, ""


def non_finite(tok: Token) -> bool:
    """An infinitive, participle or gerund (UD morphology, or the English tag): a verb with
    no subject of its own."""
    return tok.tag_ in ("VB", "VBN", "VBG") or bool(
        set(tok.morph.get("VerbForm")) & {"Part", "Ger", "Inf"}
    )


def case_of(tok: Token) -> str:
    """The preposition that introduces a nominal, in either annotation scheme (UD's "case"
    child, or the head of a ClearNLP "pobj"), as a lower-case lemma; "" when none."""
    for child in tok.children:
        if child.dep_ in ("case", "mark") or child.pos_ == "ADP":
            return child.lemma_.lower()
    if tok.dep_ == "pobj":
        return tok.head.lemma_.lower()
    return ""


def _misread_noun(tok: Token) -> bool:
    """A noun the tagger took for an adverb or an adjective ("une attaque de drones russes":
    "drones" ADV) but the parse still treats as a nominal: a complement with its preposition
    or determiner."""
    return (
        tok.pos_ in ("ADV", "ADJ")
        and tok.dep_ in ("nmod", "obl", "obl:arg", "obl:mod", "obj", "nsubj", "pobj", "dobj")
        and any(c.dep_ in ("case", "det") for c in tok.children)
    )


def _nobody(tok: Token) -> bool:
    """ "Personne n'a revendiqué l'attaque": the negative pronoun, not "une personne", "cinq
    personnes" (which take a determiner or a number)."""
    return (
        tok.lower_ == "personne"
        and tok.doc.lang_ == "fr"
        and not any(c.dep_ in ("det", "nummod") for c in tok.children)
    )


def find_nouns(
    sent: Span,
    lex: ActorLexicon,
    names: list[Mention],
    event_nouns: frozenset[str] = frozenset(),
    place_countries: dict[int, str] | None = None,
) -> list[Mention]:
    """Common-noun phrases with a sector, a demonym, or a counterpart word."""
    named = {i for m in names for i in range(m.start, m.end)}
    found: list[Mention] = []
    for tok in words_of(sent).tokens:
        if tok.i in named or _nobody(tok):
            continue
        if tok.pos_ not in _NOMINAL and not _misread_noun(tok):
            continue
        sector, matched = _sector_of(tok, lex, sent.end)
        if tok.pos_ not in _NOMINAL and sector is None:
            continue
        lemma = tok.lemma_.lower()
        crowd = lemma in _CROWD_EVENTS and tok.pos_ in ("NOUN", "PROPN") and tok.is_lower
        if sector is None and crowd and _argument(tok):
            sector, matched = "CVL", f"the people of a {tok.text}"
        demonym_noun = lex.demonym(tok.text) if tok.pos_ in ("NOUN", "PROPN") else None
        ethnic = bool(demonym_noun) and _ethnic(tok)
        if ethnic:
            # "ethnic Albanians demonstrated in Serbia": civilians of where they are.
            demonym_noun, sector, matched = None, "CVL", f"ethnic {tok.text}"
        group = lemma in _GROUP_NOUNS and any(c.lower_ in _GROUP_QUANTIFIERS for c in tok.children)
        # "une frappe aérienne russe", "an Israeli raid": the demonym names the party of an
        # event noun (but "la crise syrienne" names no party).
        demonym_mod = (
            lemma in event_nouns or lemma in _GROUP_NOUNS or lemma in _PARTY_NOUNS
        ) and any(c.dep_ in ("amod", "compound") and lex.demonym(c.text) for c in tok.children)
        # "rejected an Indian proposal", "Palestinian prisoners rioted": a nationality on a
        # noun that is an argument says whose it is; such a party is an owner, weaker than
        # a named one (candidates.py keeps owners out of reciprocal events).
        owner = (
            sector is None
            and not (lemma in _COUNTERPART or demonym_noun or group or demonym_mod)
            and (tok.pos_ == "NOUN" or (tok.pos_ == "PROPN" and tok.tag_ == "NNPS"))
            and _argument(tok)
            and any(
                c.dep_ in ("amod", "compound", "nmod")
                and c.i < tok.i
                and _demonym_at([c], 0, lex)[0]
                for c in tok.children
            )
        )
        if sector is None and not (
            lemma in _COUNTERPART or demonym_noun or group or demonym_mod or owner
        ):
            continue
        phrase = sorted(_phrase_tokens(tok), key=lambda t: t.i)
        # Keep the phrase contiguous around the head: modifiers may be far in a bad parse.
        start, end = _trim(sent.doc, phrase[0].i, phrase[-1].i + 1, tok.i)
        country, why = _country_in(phrase, lex, names)
        if demonym_noun and not country:
            country, why = demonym_noun, f"nationality noun {tok.text!r}"
        if not country and place_countries:
            # "Kirkuk police", "the West Darfur State government": a settled place in the phrase.
            inner = next((t for t in phrase if t.i in place_countries and t.i != tok.i), None)
            if inner is not None:
                country, why = place_countries[inner.i], f"place {inner.text!r} in the phrase"
        if not country and sector:
            # "Opposition groups in Zimbabwe", "Rebels in the Ivory Coast": a country after a
            # locative gives the party its country; the place stays a place.
            country, why = _located_in(tok, names)
            if not country:
                country, why = _country_below(tok, lex, names, place_countries or {})
        kind = (
            "counterpart"
            if lemma in _COUNTERPART
            else "group"
            if group
            else "owner"
            if owner or (lemma in _PEOPLE_NOUNS and not country)
            else "noun"
        )
        possessive = country is None and any(
            c.lower_ in _POSSESSIVES and c.dep_ in ("poss", "det", "nmod:poss")
            for c in tok.children
        )
        reasons = [r for r in (why, f"sector from {matched!r}" if sector else "") if r]
        if group:
            reasons.append("a group standing for parties named before")
        found.append(
            Mention(
                start=start,
                end=end,
                head=tok.i,
                text=sent.doc[start:end].text,
                country=country,
                sector=sector,
                name=None,
                reason="; ".join(reasons) or "counterpart of an earlier party",
                kind=kind,
                possessive=possessive,
            )
        )
    return found


def _trim(doc, start: int, end: int, head: int) -> tuple[int, int]:
    """A party's span without the preposition that brings it in ("de trois soldats turcs",
    "par les policiers"), nor a date, punctuation or space at its end ("un fermier vendredi")."""
    while start < head and (
        doc[start].pos_ in ("ADP", "PUNCT", "SPACE") or doc[start].dep_ in ("case", "prep")
    ):
        start += 1
    while end - 1 > head and (
        doc[end - 1].pos_ in ("ADP", "PUNCT", "SPACE", "CCONJ")
        or doc[end - 1].ent_type_ in ("DATE", "TIME")
        or doc[end - 1].lower_ in _DATE_WORDS
        or doc[end - 1].is_space
    ):
        end -= 1
    return start, end


_ARGUMENT_DEPS = {"nsubj", "nsubjpass", "nsubj:pass", "dobj", "obj", "pobj", "obl", "obl:arg"}


def _argument(tok: Token) -> bool:
    """A subject, an object or a prepositional object that is not a place ("near the Turkish
    border" is where)."""
    cur = tok
    while cur.dep_ == "conj" and cur.head.i != cur.i:
        cur = cur.head
    if cur.dep_ not in _ARGUMENT_DEPS:
        return False
    if cur.dep_ == "pobj":
        return cur.head.lower_ not in _LOCATIVE | {"along", "across", "over", "through", "into"}
    return case_of(cur) not in _LOCATIVE


def _split_coordinated(m: Mention, sent: Span, lex: ActorLexicon) -> list[Mention]:
    """ "Hungarian and Romanian officials", "U.S. and Russian negotiators": a party per country."""
    doc = sent.doc
    codes: list[str] = []
    tokens = [t for t in doc[m.start : m.end] if t.i != m.head]
    skip = 0
    for k, tok in enumerate(tokens):
        if skip:
            skip -= 1
            continue
        code, size = _demonym_at(tokens, k, lex)
        skip = size - 1
        if code and code not in codes and not _ethnic(tok):
            codes.append(code)
    if len(codes) < 2 or m.kind != "noun":
        return [m]
    return [
        Mention(
            m.start,
            m.end,
            m.head,
            m.text,
            code,
            m.sector,
            None,
            f"{m.reason}; coordinated demonym {code}",
            m.kind,
        )
        for code in codes
    ]


def _resolve_possessives(mentions: list[Mention]) -> None:
    """ "Syria says it will withdraw its troops": the troops are Syria's (the nearest country
    named before in the sentence)."""
    for m in mentions:
        if not m.possessive:
            continue
        before = [o for o in mentions if o.end <= m.start and o.country and not o.possessive]
        if before:
            m.country = before[-1].country
            m.possessive = False
            m.reason += f"; possessive: {before[-1].text!r}'s"


def sentence_mentions(
    sent: Span,
    lex: ActorLexicon,
    date: str | None,
    event_nouns: frozenset[str] = frozenset(),
    place_countries: dict[int, str] | None = None,
) -> list[Mention]:
    """``place_countries``: token index -> country of the places the story settled."""
    names = find_names(sent, lex, date)
    nouns = find_nouns(sent, lex, names, event_nouns, place_countries or {})
    # "les soldats indiens et pakistanais": a nationality noun inside a party's phrase is a
    # modifier of it, not a party of its own.
    nouns = [
        n
        for n in nouns
        if n.sector is not None
        or not any(o.head != n.head and o.start <= n.head < o.end for o in nouns)
    ]
    merged: list[Mention] = []
    # A noun phrase that contains a name keeps the name's country and adds its own sector:
    # "le président russe Vladimir Poutine" is one mention, RUS GOV.
    for noun in nouns:
        inside = [n for n in names if n.start < noun.end and n.end > noun.start]
        for name in inside:
            noun.start, noun.end = min(noun.start, name.start), max(noun.end, name.end)
            noun.text = sent.doc[noun.start : noun.end].text
            if noun.sector == "CRM" and name.sector not in (None, "CRM") and name.start > noun.head:
                # "le gang Taliban": a gang named after a group is not that group
                noun.reason += f"; {name.text!r} is the gang's own name"
                if noun.country == name.country:
                    noun.country = None
                continue
            noun.country = noun.country or name.country
            generic = sent.doc[noun.head].lemma_.lower() in _GENERIC_HEADS
            noun.sector = (name.sector or noun.sector) if generic else (noun.sector or name.sector)
            noun.name = noun.name or name.name
            noun.entry_kind = noun.entry_kind or name.entry_kind
            noun.reason += f"; {name.reason}"
        merged.append(noun)
    covered = {i for m in merged for i in range(m.start, m.end)}
    merged += [n for n in names if not any(i in covered for i in range(n.start, n.end))]
    # Appositions: "Valery Gerasimov, chef d'état-major des forces armées russes".
    by_head = {m.head: m for m in merged}
    for m in merged:
        tok = sent.doc[m.head]
        if tok.dep_ == "appos" and tok.head.i in by_head:
            other = by_head[tok.head.i]
            other.country = other.country or m.country
            other.sector = other.sector or m.sector
            m.country = m.country or other.country
            m.sector = m.sector or other.sector
    _resolve_possessives(merged)
    split = [part for m in merged for part in _split_coordinated(m, sent, lex)]
    return sorted(split, key=lambda m: m.start)
