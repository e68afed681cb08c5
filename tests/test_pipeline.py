"""The stages chained: prepare, analyse and process (skips, order, workers, failures)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import eventwire.pipeline as pipeline
from eventwire.config import load_config
from eventwire.pipeline import Outcome, Skip, analyse, prepare, process, process_batch
from eventwire.read import RawDocument, Skipped, document_from_string, read_inputs
from eventwire.records import Article, article_id, to_dict

WIRE_CAPS = (
    "UGANDA POLICE ARREST OPPOSITION SUPPORTERS\n\n"
    "KAMPALA, JUNE 12 -- UGANDAN POLICE ARRESTED 45 OPPOSITION SUPPORTERS IN KAMPALA ON "
    "WEDNESDAY, THE PARTY SAID."
)


@pytest.fixture(scope="module")
def config():
    return load_config()


def _raw(text: str, **meta: str) -> RawDocument:
    return document_from_string(text, source=f"test:{meta.get('id', '?')}", meta=meta)


def _bulk(n: int) -> list[RawDocument]:
    """``n`` distinct short stories, alternately English and French."""
    raws = []
    for i in range(n):
        if i % 2:
            text = f"{i} soldats ont été tués mardi dans une attaque contre un poste près de Gao."
        else:
            text = f"Police in Nairobi arrested {i} protesters on Tuesday, a spokesman said."
        raws.append(_raw(text, id=f"doc-{i}", published="2023-06-09"))
    return raws


def _summary(outcomes: list[Outcome]) -> list[object]:
    return [
        (o.source, o.skip.reason if o.skip else None, o.article and to_dict(o.article))
        for o in outcomes
    ]


def test_prepare_cleans_and_detects_the_language(config, stories: Path) -> None:
    (raw,) = read_inputs([stories / "fr-2022-11-08-attaque-tillaberi.txt"])
    article = prepare(raw, config)
    assert isinstance(article, Article)
    assert article.lang == "fr" and article.lang_score > 0.9
    assert article.id == article_id(article.text)
    assert article.title and article.text.startswith(article.title)
    assert article.text[article.body_start :].startswith("Niamey, 8 nov (AFP) - Douze soldats")
    assert article.published == "2022-11-08T15:20:00"
    assert article.events == []  # nothing is coded before analyse


def test_prepare_skips_what_cannot_be_coded(config) -> None:
    spanish = _raw(
        "Dos soldados murieron y otros cinco resultaron heridos este martes en un ataque con "
        "explosivos contra una patrulla del ejército cerca de Cúcuta."
    )
    skip = prepare(spanish, config)
    assert isinstance(skip, Skip)
    assert skip.reason.startswith("unsupported language 'es'")
    assert skip.raw_hash == spanish.raw_hash
    empty = prepare(_raw("  \n "), config)
    assert isinstance(empty, Skip) and "no article text" in empty.reason
    # The source is the Skip's own; the reason does not say it again.
    assert empty.reason == "no article text left after cleaning"


def test_prepare_takes_the_language_a_document_was_given(config) -> None:
    english = "Police in Nairobi arrested 31 protesters on Tuesday, a spokesman said."
    raw = _raw(english)
    raw.lang = "fr"
    article = prepare(raw, config)
    assert isinstance(article, Article) and (article.lang, article.lang_score) == ("fr", 1.0)
    raw.lang = "es"
    skip = prepare(raw, config)
    assert isinstance(skip, Skip) and skip.reason.startswith("unsupported language 'es'")
    detected = prepare(_raw(english), config)
    assert isinstance(detected, Article) and detected.lang == "en"


def test_process_passes_read_skips_through_in_order(config) -> None:
    items = [
        _raw("Police in Nairobi arrested 31 protesters on Tuesday.", id="a"),
        Skipped("broken.bin", "binary file (NUL bytes in the first 8 KiB)"),
        _raw("Police in Lagos arrested 12 protesters on Monday.", id="b"),
    ]
    outcomes = list(process(items, config))
    assert [o.source for o in outcomes] == ["test:a", "broken.bin", "test:b"]
    assert outcomes[1].article is None and outcomes[1].skip is not None
    assert outcomes[1].skip.reason.startswith("binary file")
    assert outcomes[0].raw_hash == items[0].raw_hash
    assert outcomes[2].article is not None and outcomes[2].article.source_id == "b"
    assert any(e.arrested == 12 for e in outcomes[2].article.events)


def test_workers_keep_the_input_order_and_the_results(config) -> None:
    raws = _bulk(40)  # several tasks of 16 documents for the two workers
    alone = list(process(raws, config, workers=1))
    pooled = list(process(raws, config, workers=2))
    assert [o.source for o in pooled] == [f"test:doc-{i}" for i in range(40)]
    assert _summary(pooled) == _summary(alone)
    assert all(o.article is not None and o.article.events for o in pooled)


def test_one_document_that_breaks_the_coder_does_not_empty_the_batch(config, monkeypatch) -> None:
    real = pipeline.code_doc

    def fragile(doc, *args, **kwargs):
        if "Mogadiscio" in doc.text:
            raise RuntimeError("coder crashed")
        return real(doc, *args, **kwargs)

    monkeypatch.setattr(pipeline, "code_doc", fragile)
    raws = _bulk(3)
    raws.insert(1, _raw("Une voiture piégée a explosé mardi à Mogadiscio, tuant six personnes."))
    outcomes = process_batch(raws, config)
    assert [o.article is not None for o in outcomes] == [True, False, True, True]
    assert outcomes[1].skip is not None
    assert outcomes[1].skip.reason.startswith("coding failed: RuntimeError('coder crashed')")
    monkeypatch.setattr(pipeline, "code_doc", real)
    expected = process_batch(_bulk(3), config)
    kept = [o for o in outcomes if o.article is not None]
    assert _summary(kept) == _summary(expected)


def test_one_document_that_breaks_cleaning_does_not_end_the_run(config, tmp_path: Path) -> None:
    # "\\ud800" is valid JSON, but the lone surrogate it decodes to cannot be encoded.
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        '{"id": "a", "text": "Police in Nairobi arrested 31 protesters on Tuesday, a police '
        'spokesman said."}\n'
        '{"id": "b", "text": "Police in Accra arrested 9 protesters \\ud800 on Monday."}\n'
        '{"id": "c", "text": "Police in Lagos arrested 12 protesters on Monday, a police '
        'spokesman said."}\n',
        encoding="utf-8",
    )
    outcomes = list(process(read_inputs([feed]), config))
    assert [o.article is not None for o in outcomes] == [True, False, True]
    assert outcomes[1].skip is not None
    assert outcomes[1].skip.reason.startswith("cleaning failed: UnicodeEncodeError")
    assert outcomes[1].skip.raw_hash == outcomes[1].raw_hash


def _trimmed(span: str) -> bool:
    return bool(span) and span == span.strip()


# Sentences that end at a line break, within a paragraph and at its end.
LINE_BREAKS = (
    "Police arrest 12 protesters in Lusaka\n\n"
    "Police in Lusaka arrested 12 protesters on Tuesday.\n"
    "Officers fired tear gas at the crowd, a spokesman said.  \n\n"
    "Soldiers attacked a village near Kasama on Monday, killing 3 people.\n\n\n"
)


def test_every_offset_points_into_the_article_text(config, stories: Path) -> None:
    outcomes = list(process([*read_inputs([stories]), _raw(LINE_BREAKS, id="lines")], config))
    assert all(o.article is not None for o in outcomes)
    n = 0
    for outcome in outcomes:
        art = outcome.article
        assert art is not None
        for event in art.events:
            assert event.article_id == art.id
            for ev in event.evidence:
                assert art.text[ev.start : ev.end] == ev.sentence
                # spaCy's sentence spans end with the line breaks after them; evidence does not.
                assert _trimmed(ev.sentence), ev.sentence
                assert all(art.text[t.start : t.end] == t.text for t in ev.triggers)
                n += 1
            for party in [*event.actor, *event.recipient]:
                if party.start is not None:
                    assert art.text[party.start : party.end] == party.text
                    assert _trimmed(party.text), party.text
            if event.reported_by is not None and event.reported_by.start is not None:
                assert _trimmed(event.reported_by.text)
    assert n >= 10
    lines = outcomes[-1].article
    assert lines is not None and len(lines.events) >= 2


def _long_article(paragraphs: int) -> str:
    """A headline, ``paragraphs`` short reports of arrests in eight towns, then an attack."""
    towns = ("Mombasa", "Nakuru", "Eldoret", "Kisumu", "Thika", "Malindi", "Garissa", "Nyeri")
    days = ("Monday", "Tuesday", "Wednesday", "Thursday")
    body = [
        f"Police in {towns[i % len(towns)]} arrested {i + 2} striking dock workers on "
        f"{days[i % len(days)]}, a union official said. The {i + 2} workers had blocked the "
        f"gates of depot number {i + 1} for most of the morning."
        for i in range(paragraphs)
    ]
    attack = (
        "Gunmen attacked a police post near Lodwar on Wednesday, killing 9 officers, the "
        "county commander said."
    )
    return "Dock workers arrested in Kenyan towns\n\n" + "\n\n".join([*body, attack])


def test_a_text_over_spacys_limit_is_coded_with_offsets_into_the_whole_text(
    config, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = _long_article(48)
    raw = _raw(text, id="long", published="2023-06-09")
    (whole,) = process([raw], config)
    assert whole.article is not None and whole.article.events
    # spaCy refuses a text over nlp.max_length (E088); lowered here rather than a 1 MB test.
    spacy_pipeline, _ = pipeline.context_for("en", config)
    monkeypatch.setattr(spacy_pipeline.nlp, "max_length", 1500)
    assert len(text) > 4 * spacy_pipeline.nlp.max_length
    (pieces,) = process([raw], config)
    art = pieces.article
    assert art is not None, pieces.skip
    # Parsed in pieces and joined: the same events, offsets and ids as one parse.
    assert to_dict(art.events) == to_dict(whole.article.events)
    for event in art.events:
        for ev in event.evidence:
            assert art.text[ev.start : ev.end] == ev.sentence
        for party in [*event.actor, *event.recipient]:
            if party.start is not None:
                assert art.text[party.start : party.end] == party.text
    # The last paragraph, far past the limit, is coded where it is in the whole text.
    (attack,) = [e for e in art.events if e.type == "ASSAULT"]
    assert attack.dead == 9
    assert art.text == text  # nothing cleaned away: offsets into the input are offsets here
    assert attack.evidence[0].start == text.rindex("Gunmen") > 4 * 1500
    assert attack.evidence[0].sentence.endswith("the county commander said.")


def test_capitals_wire_copy_is_coded_and_evidence_keeps_its_case(config) -> None:
    article = prepare(_raw(WIRE_CAPS, published="2024-06-13"), config)
    assert isinstance(article, Article) and article.lang == "en"
    analyse([article], config)
    arrests = [e for e in article.events if e.type == "COERCE" and e.arrested == 45]
    assert arrests and arrests[0].date == "2024-06-12"
    assert {a.country for a in arrests[0].actor} == {"UGA"}
    # Truecasing is for spaCy only: the article and its evidence keep the original capitals.
    assert article.text == WIRE_CAPS
    evidence = arrests[0].evidence[0]
    assert evidence.sentence.isupper()
    assert article.text[evidence.start : evidence.end] == evidence.sentence


def test_event_ids_are_stable_across_runs(config, stories: Path) -> None:
    first = [o.article for o in process(read_inputs([stories]), config)]
    second = [o.article for o in process(read_inputs([stories]), config)]
    assert json.dumps(to_dict(first)) == json.dumps(to_dict(second))
