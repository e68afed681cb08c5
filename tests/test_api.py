"""The Python API: ``eventwire.extract`` on texts and pages, as a notebook would call it."""

from __future__ import annotations

from pathlib import Path

import pytest

import eventwire
from eventwire import EventwireError, extract
from eventwire.records import Article, article_id

CALL = (
    "Le président ivoirien s'est entretenu jeudi au téléphone avec son homologue ghanéen, a "
    "annoncé la présidence. Les deux chefs d'État ont convenu de renforcer la coopération "
    "entre leurs polices le long de la frontière commune."
)


def _types(article: Article) -> set[str]:
    return {e.type for e in article.events if e.is_prediction}


def test_extract_returns_an_article_with_its_events() -> None:
    article = extract(CALL, "2023-04-14")
    assert isinstance(article, Article)
    assert article.lang == "fr"
    assert article.id == article_id(article.text)
    assert {"CONSULT", "AGREE"} <= _types(article)
    consult = next(e for e in article.events if e.type == "CONSULT")
    assert consult.mode == "phone"
    assert {a.country for a in consult.actor} == {"CIV", "GHA"}
    assert consult.article_id == article.id and consult.id
    assert set(consult.versions) >= {"coder", "data", "spacy", "gazetteer"}
    for event in article.events:
        for ev in event.evidence:
            assert article.text[ev.start : ev.end] == ev.sentence


def test_published_anchors_relative_days() -> None:
    # "jeudi" is the last Thursday on or before the publication date.
    assert {e.date for e in extract(CALL, "2023-04-14").events} == {"2023-04-13"}
    assert {e.date for e in extract(CALL, "2023-04-26T08:00:00").events} == {"2023-04-20"}
    undated = extract(CALL)
    assert undated.published is None
    assert all(e.date is None for e in undated.events)


def test_extract_reads_an_html_page(stories: Path) -> None:
    page = (stories / "en-2023-03-09-accra-abidjan-call.html").read_text(encoding="utf-8")
    article = extract(page)
    assert article.title == "Ghana and Ivory Coast agree joint border patrols"
    assert article.published is not None and article.published.startswith("2023-03-09")
    assert article.lang == "en"
    assert "<p>" not in article.text
    assert "Most read" not in article.text and "All rights reserved" not in article.text
    assert "AGREE" in _types(article)
    assert all(e.date == "2023-03-09" for e in article.events if e.type == "AGREE")


def test_title_and_url_are_kept() -> None:
    article = extract(CALL, "2023-04-14", title="Entretien", url="https://example.org/a")
    assert article.url == "https://example.org/a"
    assert article.source == "<text>"


def test_lang_forces_the_language() -> None:
    forced = extract(CALL, lang="fr")
    assert (forced.lang, forced.lang_score) == ("fr", 1.0)
    with pytest.raises(EventwireError, match=r"unsupported language 'es' \(eventwire codes fr"):
        extract(CALL, lang="es")


def test_an_unsupported_language_is_a_clear_error() -> None:
    spanish = (
        "Dos soldados murieron y otros cinco resultaron heridos este martes en un ataque con "
        "explosivos contra una patrulla del ejército cerca de Cúcuta, informaron las autoridades."
    )
    with pytest.raises(EventwireError, match=r"unsupported language 'es'.*fr, en"):
        extract(spanish, "2023-03-14")


@pytest.mark.parametrize("text", ["", "   \n\n  ", "<html><body><nav>Home</nav></body></html>"])
def test_an_empty_text_is_a_clear_error(text: str) -> None:
    with pytest.raises(EventwireError, match="no article text"):
        extract(text)


def test_the_error_is_exported() -> None:
    assert {"extract", "EventwireError", "__version__"} <= set(eventwire.__all__)
    assert issubclass(EventwireError, Exception)


def test_text_with_unpaired_surrogates_is_a_clear_error() -> None:
    import pytest

    import eventwire

    with pytest.raises(eventwire.EventwireError, match="not valid Unicode"):
        eventwire.extract("Des rebelles ont attaqué \ud800 la ville.")
