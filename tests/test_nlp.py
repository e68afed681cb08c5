"""The NLP stage: pinned built-in pipelines and the rule sentence splitter."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import eventwire.nlp as nlp
from eventwire.nlp import (
    BUILTINS,
    Builtin,
    Pipeline,
    PipelineError,
    _package_data_folder,
    data_hash,
    load_pipeline,
    parse,
    split_text,
)

FAKE_PACKAGE = "eventwire_test_tampered_en"


@pytest.fixture(scope="module")
def fr() -> Pipeline:
    return load_pipeline("fr", "builtin:fr")


@pytest.fixture(scope="module")
def en() -> Pipeline:
    return load_pipeline("en", "builtin:en")


def _sentences(pipeline: Pipeline, text: str) -> list[str]:
    return [s.text.strip() for s in pipeline.nlp(text).sents]


# --------------------------------------------------------------------------- hash pin


@pytest.fixture(scope="module")
def en_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An importable package holding a byte-for-byte copy of the English pipeline's folder."""
    original = _package_data_folder(BUILTINS["en"].package)
    root = tmp_path_factory.mktemp("pkgs")
    package = root / FAKE_PACKAGE
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    shutil.copytree(original, package / original.name)
    return package / original.name


def test_the_installed_pipelines_match_their_pins(en: Pipeline, fr: Pipeline) -> None:
    for pipeline, lang in ((en, "en"), (fr, "fr")):
        pin = BUILTINS[lang].sha256
        assert pipeline.version.endswith(f"@sha256:{pin[:12]}")
        assert pipeline.lang == lang and pipeline.nlp.lang == lang


def test_data_hash_sees_one_changed_byte(en_copy: Path, tmp_path: Path) -> None:
    assert data_hash(en_copy) == BUILTINS["en"].sha256
    changed = tmp_path / "changed"
    shutil.copytree(en_copy, changed)
    meta = changed / "meta.json"
    data = bytearray(meta.read_bytes())
    data[10] ^= 1
    meta.write_bytes(bytes(data))
    assert data_hash(changed) != BUILTINS["en"].sha256
    meta.rename(changed / "meta2.json")  # names count too, not only bytes
    assert data_hash(changed) != data_hash(en_copy)


def test_a_builtin_whose_files_changed_is_refused(
    en_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(en_copy.parent.parent))
    monkeypatch.setitem(BUILTINS, "en", Builtin(FAKE_PACKAGE, BUILTINS["en"].sha256))
    target = en_copy / "tokenizer"
    original = target.read_bytes()
    target.write_bytes(original[:-1] + bytes([original[-1] ^ 1]))
    try:
        # The cache would hand back the pipeline loaded earlier: call the loader itself.
        with pytest.raises(PipelineError, match="do not match the pinned hash"):
            load_pipeline.__wrapped__("en", "builtin:en")
    finally:
        target.write_bytes(original)


def test_unknown_pipelines_are_clear_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(PipelineError, match="no built-in spaCy pipeline 'builtin:de'"):
        load_pipeline.__wrapped__("de", "builtin:de")
    monkeypatch.setitem(BUILTINS, "en", Builtin("eventwire_no_such_package", "0" * 64))
    with pytest.raises(PipelineError, match="'eventwire_no_such_package' is not installed"):
        load_pipeline.__wrapped__("en", "builtin:en")


# --------------------------------------------------------------------------- sentences


def test_the_rule_splitter_runs_before_the_parser(fr: Pipeline, en: Pipeline) -> None:
    for pipeline in (fr, en):
        names = pipeline.nlp.pipe_names
        assert names.index("eventwire_sentences") < names.index("parser")


def test_a_long_clause_with_apres_que_is_one_sentence(fr: Pipeline) -> None:
    sentence = (
        "Moscou et Ankara ont convenu jeudi d'améliorer leur coopération, après qu'un avion "
        "russe a tué trois soldats."
    )
    assert _sentences(fr, sentence) == [sentence]
    assert _sentences(fr, sentence + " Le Kremlin a présenté ses condoléances.") == [
        sentence,
        "Le Kremlin a présenté ses condoléances.",
    ]


def test_splits_at_a_stop_before_a_capital_or_digit(fr: Pipeline) -> None:
    text = "Le bilan est lourd. 12 soldats ont été tués. Trois autres sont portés disparus."
    assert _sentences(fr, text) == [
        "Le bilan est lourd.",
        "12 soldats ont été tués.",
        "Trois autres sont portés disparus.",
    ]


def test_splits_at_blank_lines(fr: Pipeline, en: Pipeline) -> None:
    # A headline has no final stop but never runs into the body.
    text = "Niger : douze soldats tués près de Tillabéri\n\nniamey, 8 nov - Douze soldats tués."
    assert _sentences(fr, text) == [
        "Niger : douze soldats tués près de Tillabéri",
        "niamey, 8 nov - Douze soldats tués.",
    ]
    text = "Police arrest protesters in Nairobi\n\nPolice arrested 31 protesters on Wednesday."
    assert len(_sentences(en, text)) == 2


def test_no_split_inside_monsieur_or_after_a_colon_quote(fr: Pipeline) -> None:
    text = "M. Dupont a salué l'accord signé à Abidjan. Il a ensuite quitté la ville."
    assert _sentences(fr, text) == [
        "M. Dupont a salué l'accord signé à Abidjan.",
        "Il a ensuite quitté la ville.",
    ]
    text = 'Le ministre a déclaré : "Le calme est revenu". Il a quitté la ville.'
    assert _sentences(fr, text) == [
        'Le ministre a déclaré : "Le calme est revenu".',
        "Il a quitté la ville.",
    ]


def test_a_quote_opening_a_paragraph_starts_its_sentence(fr: Pipeline, en: Pipeline) -> None:
    text = (
        "Il a ensuite quitté Abidjan.\n\n"
        "« Nous avons fait un pas important », a déclaré le ministre. Il n'a rien ajouté."
    )
    assert _sentences(fr, text) == [
        "Il a ensuite quitté Abidjan.",
        "« Nous avons fait un pas important », a déclaré le ministre.",
        "Il n'a rien ajouté.",
    ]
    text = (
        '"Our members were marching peacefully," the party said. It called for their release.'
        '\n\n"They must be freed," he said.'
    )
    assert _sentences(en, text) == [
        '"Our members were marching peacefully," the party said.',
        "It called for their release.",
        '"They must be freed," he said.',
    ]


def test_a_closing_quote_after_the_stop_ends_the_sentence(en: Pipeline) -> None:
    text = 'He said: "We will not give up." The talks resumed on Monday.'
    assert _sentences(en, text) == [
        'He said: "We will not give up."',
        "The talks resumed on Monday.",
    ]


def test_the_component_works_in_a_blank_pipeline() -> None:
    import spacy

    blank = spacy.blank("fr")
    blank.add_pipe("eventwire_sentences")
    doc = blank("Premier point. Second point\n\ntitre suivant")
    assert [s.text.strip() for s in doc.sents] == [
        "Premier point.",
        "Second point",
        "titre suivant",
    ]
    assert nlp.sentence_boundaries is not None


def test_a_dateline_closed_by_a_plain_hyphen_is_its_own_sentence(
    fr: Pipeline, en: Pipeline
) -> None:
    # After an agency in brackets or a place in capitals the hyphen closes the dateline; a
    # hyphen inside a sentence ("a 30-year-old", "Paris - Berlin") does not.
    assert _sentences(en, "NAIROBI - Kenyan police shot two men on Monday.") == [
        "NAIROBI -",
        "Kenyan police shot two men on Monday.",
    ]
    assert _sentences(fr, "ADEN (Reuters) - Des frappes ont touché la ville lundi.") == [
        "ADEN (Reuters) -",
        "Des frappes ont touché la ville lundi.",
    ]
    assert len(_sentences(en, "The train from Paris - Berlin was late on Monday.")) == 1


# --------------------------------------------------------------------------- long texts


def _long_story(paragraphs: int) -> str:
    """A headline and ``paragraphs`` short paragraphs, each in a town of its own."""
    towns = ("Nakuru", "Eldoret", "Kisumu", "Thika", "Malindi", "Garissa", "Nyeri", "Embu")
    body = [
        f"Police in {towns[i % len(towns)]} arrested {i + 2} traders on Tuesday after a "
        "protest against a new market tax, a county official said.\nShops stayed shut."
        for i in range(paragraphs)
    ]
    return "Traders arrested across Kenya\n\n" + "\n\n".join(body) + "\n"


def test_split_text_cuts_after_paragraph_breaks_and_joins_back() -> None:
    text = _long_story(40)
    assert split_text(text, len(text)) == [text]
    pieces = split_text(text, 1000)
    assert len(pieces) > 5 and "".join(pieces) == text
    assert all(len(p) <= 1000 for p in pieces)
    assert all(p.endswith("\n\n") and not p.endswith("\n\n\n") for p in pieces[:-1])
    assert all(not p[0].isspace() for p in pieces)
    # Blank lines of any length stay with the piece they end.
    spaced = text.replace("\n\n", "\n \n\n")
    assert all(p.endswith("\n \n\n") for p in split_text(spaced, 1000)[:-1])


def test_split_text_falls_back_to_line_breaks_spaces_then_anything() -> None:
    lines = "\n".join(["A line of a long paragraph without a blank line."] * 50)
    pieces = split_text(lines, 300)
    assert "".join(pieces) == lines and all(len(p) <= 300 for p in pieces)
    assert all(p.endswith(".\n") for p in pieces[:-1])
    words = " ".join(["word"] * 200)
    pieces = split_text(words, 64)
    assert "".join(pieces) == words and all(p.endswith("word ") for p in pieces[:-1])
    blob = "x" * 250
    assert split_text(blob, 100) == ["x" * 100, "x" * 100, "x" * 50]


def test_a_text_over_spacys_limit_is_parsed_in_pieces_joined_into_one_doc(
    en: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = _long_story(60)
    whole = en.nlp(text)
    # The limit lowered rather than a 1 MB test text: spaCy refuses what is over it (E088).
    monkeypatch.setattr(en.nlp, "max_length", 2500)
    assert len(text) > 3 * en.nlp.max_length
    with pytest.raises(ValueError, match="E088"):
        en.nlp(text)
    short = "Police in Nairobi arrested 31 protesters on Tuesday."
    docs = list(parse(en, [short, text, short]))
    assert [d.text for d in docs] == [short, text, short]
    joined = docs[1]
    # The same tokens at the same offsets, and the same analysis as one parse of it all.
    assert [(t.idx, t.text) for t in joined] == [(t.idx, t.text) for t in whole]
    assert [(t.tag_, t.dep_, t.head.i, t.ent_iob_) for t in joined] == [
        (t.tag_, t.dep_, t.head.i, t.ent_iob_) for t in whole
    ]
    assert [s.start_char for s in joined.sents] == [s.start_char for s in whole.sents]
    assert [e.text for e in joined.ents] == [e.text for e in whole.ents]


def test_the_piece_size_is_a_setting_below_spacys_limit(
    en: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert nlp.chunk_limit(en.nlp) == min(nlp.MAX_CHUNK_CHARS, en.nlp.max_length)
    monkeypatch.setattr(nlp, "MAX_CHUNK_CHARS", 1200)
    assert nlp.chunk_limit(en.nlp) == 1200
    text = _long_story(20)
    (doc,) = parse(en, [text])
    assert doc.text == text and len(text) > 2 * 1200


def test_a_bare_dateline_in_capitals_is_its_own_sentence(en: Pipeline) -> None:
    # a scrape that lost the agency and the dash: "MEXICO CITY, Sept 4 Mexican marines ..."
    assert _sentences(en, "MEXICO CITY, Sept 4 Mexican marines caught a cartel leader.") == [
        "MEXICO CITY, Sept 4",
        "Mexican marines caught a cartel leader.",
    ]
    assert len(_sentences(en, "In Paris, May 4 People marched through the city.")) == 1


def test_a_batch_holds_a_bounded_number_of_characters(
    en: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Memory grows with the characters of a nlp.pipe batch: a long text's pieces must not
    # all go in one batch.
    monkeypatch.setattr(nlp, "MAX_CHUNK_CHARS", 1000)
    monkeypatch.setattr(nlp, "MAX_BATCH_CHARS", 2000)
    batches: list[list[int]] = []
    real_pipe = en.nlp.pipe

    def pipe(items, **kwargs):  # type: ignore[no-untyped-def]
        if kwargs.get("as_tuples"):  # spaCy calls pipe again inside with the Docs alone
            items = list(items)
            batches.append([len(text) for text, _ in items])
        return real_pipe(items, **kwargs)

    monkeypatch.setattr(en.nlp, "pipe", pipe)
    texts = ["Police arrested 3 men.", _long_story(30), "Police arrested 4 men."]
    docs = list(parse(en, texts, batch_size=64))
    assert [d.text for d in docs] == texts
    assert len(batches) > 2 and all(sum(b) <= 2000 for b in batches)
    assert all(n <= 1000 for b in batches for n in b)


def test_an_agency_in_brackets_opening_a_paragraph_is_its_own_sentence(fr: Pipeline) -> None:
    assert _sentences(fr, "(Belga) Au moins douze soldats ont été tués dimanche.") == [
        "(Belga)",
        "Au moins douze soldats ont été tués dimanche.",
    ]
    # brackets later in the paragraph are the sentence's own
    assert len(_sentences(fr, "Le ministre (PS) a démissionné dimanche.")) == 1
