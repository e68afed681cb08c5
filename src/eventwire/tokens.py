"""A sentence's tokens as the coder reads them, made once per parsed document.

Iterating a spaCy ``Span`` makes a new ``Token`` object for every token on every pass, and
every string attribute (``lower_``, ``lemma_``) is looked up in the string store again; the
coder's stages read each sentence a dozen times over, which cost about a fifth of its time.
:func:`words_of` lists a sentence's tokens, their lower-case forms and their lower-case
lemmas once, kept on the ``Doc``; what it returns is shared, so it is made of tuples.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

_KEY = "eventwire.words"
_SENTS_KEY = "eventwire.sentences"
_TEXT_KEY = "eventwire.text"


@dataclass(frozen=True)
class Words:
    """A sentence's tokens, with ``lowers[k]`` and ``lemmas[k]`` those of ``tokens[k]``."""

    tokens: tuple[Token, ...]
    lowers: tuple[str, ...]
    lemmas: tuple[str, ...]  # lower case


def words_of(sent: Span) -> Words:
    """The tokens of ``sent`` (any span of a Doc) with their forms, made once per Doc."""
    cache = sent.doc.user_data.setdefault(_KEY, {})
    key = (sent.start, sent.end)
    found = cache.get(key)
    if found is None:
        tokens = tuple(sent)
        found = cache[key] = Words(
            tokens, tuple(t.lower_ for t in tokens), tuple(t.lemma_.lower() for t in tokens)
        )
    return found


def doc_words(doc: Doc) -> Words:
    """:func:`words_of` the whole document."""
    return words_of(doc[0 : len(doc)])


def sentences_of(doc: Doc) -> tuple[Span, ...]:
    """The document's sentences, listed once (``Doc.sents`` walks every token each time)."""
    found = doc.user_data.get(_SENTS_KEY)
    if found is None:
        found = doc.user_data[_SENTS_KEY] = tuple(doc.sents)
    return found


def doc_text(doc: Doc) -> str:
    """The document's text, made once (``Doc.text`` joins every token at each call)."""
    found = doc.user_data.get(_TEXT_KEY)
    if found is None:
        found = doc.user_data[_TEXT_KEY] = doc.text
    return found
