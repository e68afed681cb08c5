"""HTML pages: the article without its nav, footer, share buttons, cookie banner, comments."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.clean import Cleaned, CleanError, clean
from eventwire.clean import html as html_clean
from eventwire.read import RawDocument, document_from_string, read_inputs

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "clean"

SAHEL_STARTS = [
    "Sept soldats maliens ont été tués et quatre autres blessés lundi",
    "Le convoi, qui escortait des camions de ravitaillement",
    "« Nos hommes ont riposté avec vigueur",
    "L'attaque n'a pas été revendiquée",
    "Le gouvernement de transition a décrété trois jours de deuil national",
]
BEIRUT_STARTS = [
    "BEIRUT, Oct 2 (Reuters) - Lebanon's army deployed hundreds of troops",
    "The deployment followed talks in Beirut",
    '"We will not allow anyone to drag the country into a war,"',
    "No group claimed the rocket fire.",
]
SAHEL_CHROME = (
    "cookies",
    "Accueil",
    "Économie",
    "Facebook",
    "Partager",
    "Lire aussi",
    "Les plus lus",
    "Niger :",
    "Commentaires",
    "Quelle tristesse",
    "©",
    "Mentions légales",
    "Par Awa",
)
BEIRUT_CHROME = (
    "cookies",
    "Accept",
    "Opinion",
    "Search",
    "Share",
    "Advertisement",
    "Sign up",
    "Subscribe",
    "Related stories",
    "Oil prices",
    "©",
    "Privacy",
    "Reporting by",
    "Editing by",
)


def _read_page(name: str) -> RawDocument:
    (doc,) = read_inputs([FIXTURES / name])
    assert isinstance(doc, RawDocument) and doc.html is not None
    return doc


def _assert_body(cleaned: Cleaned, starts: list[str], chrome: tuple[str, ...]) -> None:
    paragraphs = cleaned.body.split("\n\n")
    assert len(paragraphs) == len(starts), paragraphs
    for paragraph, start in zip(paragraphs, starts, strict=True):
        assert paragraph.startswith(start)
    for word in chrome:
        assert word not in cleaned.text, word


def test_french_news_page() -> None:
    cleaned = clean(_read_page("sahel-fr.html"))
    assert cleaned.title == (
        "Mali : une embuscade contre un convoi militaire fait sept morts près de Gao"
    )
    _assert_body(cleaned, SAHEL_STARTS, SAHEL_CHROME)
    assert cleaned.text == cleaned.title + "\n\n" + cleaned.body
    assert cleaned.publisher == "Le Courrier du Sahel"
    assert cleaned.published == "2023-03-14T09:30:00"
    assert cleaned.section == "Afrique"
    assert cleaned.authors == ["Awa Traoré"]
    assert cleaned.url == "https://www.courrier-sahel.example/afrique/mali-embuscade-gao"


def test_english_news_page_with_wire_credits() -> None:
    cleaned = clean(_read_page("beirut-en.html"))
    assert cleaned.title == "Lebanese army deploys along southern border after rocket fire"
    _assert_body(cleaned, BEIRUT_STARTS, BEIRUT_CHROME)
    assert cleaned.publisher == "The Levant Observer"
    assert cleaned.published == "2024-10-02T14:05:00"
    assert cleaned.section == "World"  # from the breadcrumb
    assert cleaned.authors == ["Jane Doe"]
    assert cleaned.editors == ["John Smith"]
    assert cleaned.url == "https://levant-observer.example/world/middle-east/lebanon-army-border"


@pytest.mark.parametrize(
    ("name", "starts", "chrome"),
    [
        ("sahel-fr.html", SAHEL_STARTS, SAHEL_CHROME),
        ("beirut-en.html", BEIRUT_STARTS, BEIRUT_CHROME),
    ],
)
def test_fallback_without_trafilatura_strips_the_page_furniture(
    name: str, starts: list[str], chrome: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(html_clean, "_trafilatura", lambda html, url: None)
    cleaned = clean(_read_page(name))
    _assert_body(cleaned, starts, chrome)
    assert cleaned.title is not None and cleaned.title.startswith(("Mali :", "Lebanese army"))
    assert cleaned.published is not None
    assert any("trafilatura found no article" in w for w in cleaned.warnings)


def test_caller_title_wins_over_the_page_title() -> None:
    doc = _read_page("sahel-fr.html")
    doc.meta = {"title": "Embuscade meurtrière au Mali", "published": "2023-03-15"}
    cleaned = clean(doc)
    assert cleaned.title == "Embuscade meurtrière au Mali"
    assert cleaned.published == "2023-03-15"
    _assert_body(cleaned, SAHEL_STARTS, SAHEL_CHROME)


def test_broken_html_keeps_its_text(tmp_path: Path) -> None:
    page = (
        "<html><body><div><p>Des affrontements entre l'armée et des rebelles ont fait cinq"
        " morts mardi à Goma, selon un responsable local.<p>Les combats ont repris dans la"
        " soirée <b>près de l'aéroport</i></div></span><table><tr><td>"
    )
    path = tmp_path / "broken.html"
    path.write_text(page, "utf-8")
    good = tmp_path / "good.txt"
    good.write_text("Une dépêche correcte.", "utf-8")
    docs = list(read_inputs([path, good]))
    assert all(isinstance(d, RawDocument) for d in docs)
    cleaned = clean(docs[0])  # type: ignore[arg-type]
    assert cleaned.body.split("\n\n") == [
        "Des affrontements entre l'armée et des rebelles ont fait cinq morts mardi à Goma,"
        " selon un responsable local.",
        "Les combats ont repris dans la soirée près de l'aéroport",
    ]
    assert clean(docs[1]).body == "Une dépêche correcte."  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "page",
    ["<html><body></body></html>", "<html>", "<div><script>var a = 1;</script></div>"],
)
def test_page_without_text_raises_clean_error(page: str) -> None:
    with pytest.raises(CleanError, match=r"^page\.html: "):
        clean(document_from_string(page, source="page.html"))


def test_garbage_markup_does_not_crash() -> None:
    for page in ("<<<>>><p>", "<html>\x00\x01<p>Un texte.</p>", "<p>" * 5000 + "Fond."):
        doc = document_from_string(page, source="odd.html")
        try:
            cleaned = clean(doc)
        except CleanError as exc:
            assert str(exc).startswith("odd.html: ")
        else:
            assert cleaned.body
