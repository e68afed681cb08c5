"""Tests for eventwire.tokens: a sentence's tokens and forms, made once per parsed Doc."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from eventwire.nlp import load_pipeline
from eventwire.resolve.places import find_places
from eventwire.tokens import doc_text, doc_words, sentences_of, words_of

TEXT = (
    "Les soldats maliens ont repris jeudi la ville de Kidal. "
    "Trois civils ont été blessés près de Gao, selon l'armée."
)


@pytest.fixture(scope="module")
def doc() -> Doc:
    return load_pipeline("fr", "builtin:fr").nlp(TEXT)


def test_words_are_the_sentence_tokens_with_their_forms(doc: Doc) -> None:
    sent = sentences_of(doc)[1]
    words = words_of(sent)
    assert [t.i for t in words.tokens] == [t.i for t in sent]
    assert list(words.lowers) == [t.lower_ for t in sent]
    assert list(words.lemmas) == [t.lemma_.lower() for t in sent]
    assert "blesser" in words.lemmas and "Trois" not in words.lowers


def test_words_and_sentences_are_made_once_per_doc(doc: Doc) -> None:
    sent = sentences_of(doc)[0]
    assert words_of(sent) is words_of(doc[sent.start : sent.end])
    assert sentences_of(doc) is sentences_of(doc)
    assert [s.text for s in sentences_of(doc)] == [s.text for s in doc.sents]
    assert len(doc_words(doc).tokens) == len(doc)
    # Another span of the same Doc has its own entry, not the sentence's.
    assert len(words_of(doc[0:3]).tokens) == 3


def test_places_kept_on_the_doc_are_handed_out_as_copies(doc: Doc) -> None:
    sent = sentences_of(doc)[1]
    first = find_places(sent, (), "fr")
    assert [p.text for p in first] == ["Gao"]
    first.clear()  # a caller's list is its own
    assert [p.text for p in find_places(sent, (), "fr")] == ["Gao"]


def test_the_doc_text_is_made_once(doc: Doc) -> None:
    assert doc_text(doc) == doc.text and doc_text(doc) is doc_text(doc)
