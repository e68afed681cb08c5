"""Tests for eventwire.read_warc: WARC, WARC.gz and WET archives built here with warcio."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eventwire.read import RawDocument, Skipped, read_inputs

STORIES = {
    "https://www.harbour-gazette.example/2023/06/nairobi-fuel-protest": (
        "Police arrest 12 protesters in Nairobi",
        "Police in Nairobi arrested 12 protesters on Monday during a demonstration against "
        "fuel prices, a police spokesman said. Officers fired tear gas to disperse the crowd.",
    ),
    "https://www.courrier-sahel.example/2023/06/bamako-marche": (
        "Trois morts dans une attaque près de Bamako",
        "Trois civils ont été tués lundi dans une attaque d'hommes armés contre un marché "
        "près de Bamako, selon les autorités locales.",
    ),
}
WARC_DATE = "2023-06-05T09:30:00Z"


def _page(title: str, body: str, *, dated: bool = False) -> bytes:
    date = '<meta property="article:published_time" content="2023-06-04T18:00:00">' if dated else ""
    return (
        f"<html><head><title>{title}</title>{date}</head><body><article><h1>{title}</h1>"
        f"<p>{body}</p><p>{body}</p></article></body></html>"
    ).encode()


def _response(writer: WARCWriter, url: str, payload: bytes, ctype: str, status: str = "200 OK"):
    http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
    return writer.create_warc_record(
        url, "response", payload=io.BytesIO(payload), http_headers=http,
        warc_headers_dict={"WARC-Date": WARC_DATE},
    )  # fmt: skip


def build_archive(path: Path, *, gz: bool, dated_first: bool = False) -> bytes:
    """warcinfo, then per story a request and its HTML response; an image; a 404."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
    for n, (url, (title, body)) in enumerate(STORIES.items()):
        request = writer.create_warc_record(
            url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        )
        writer.write_record(request)
        page = _page(title, body, dated=dated_first and n == 0)
        writer.write_record(_response(writer, url, page, "text/html; charset=utf-8"))
    writer.write_record(
        _response(
            writer, "https://www.harbour-gazette.example/logo.png", b"\x89PNG....", "image/png"
        )
    )
    writer.write_record(
        _response(writer, "https://www.harbour-gazette.example/gone", b"gone", "text/html",
                  status="404 Not Found")
    )  # fmt: skip
    data = buf.getvalue()
    path.write_bytes(data)
    return data


def _split(items: list) -> tuple[list[RawDocument], list[Skipped]]:
    docs = [i for i in items if isinstance(i, RawDocument)]
    skips = [i for i in items if isinstance(i, Skipped)]
    return docs, skips


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_html_responses_become_documents(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    build_archive(path, gz=name.endswith(".gz"))
    docs, skips = _split(list(read_inputs([path])))
    assert [d.meta["url"] for d in docs] == list(STORIES)
    assert all(d.html and "<article>" in d.html for d in docs)
    assert all(d.meta["published_fallback"] == "2023-06-05T09:30:00" for d in docs)
    assert [d.source for d in docs] == [f"{path}:3", f"{path}:5"]  # record numbers
    # Everything else is counted in one skip for the archive, by kind.
    assert [s.reason for s in skips] == [
        "WARC records that are not pages (HTTP 404: 1, request record: 2, "
        "response image/png: 1, warcinfo record: 1)"
    ]


def test_warc_found_by_its_first_bytes(tmp_path: Path) -> None:
    path = tmp_path / "archive.bin"
    build_archive(path, gz=True)
    docs, _ = _split(list(read_inputs([path])))
    assert len(docs) == 2


@pytest.mark.parametrize("gz", [False, True])
def test_truncated_archive_keeps_the_records_before_the_damage(tmp_path: Path, gz: bool) -> None:
    whole = tmp_path / "whole.warc"
    data = build_archive(whole, gz=gz)
    # Cut inside the second story's response: the first story survives, with a clear error.
    second = data.index(b"courrier-sahel") if not gz else None
    cut = (second + 600) if second is not None else _gz_cut(data)
    path = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    path.write_bytes(data[:cut])
    docs, skips = _split(list(read_inputs([path])))
    assert [d.meta["url"] for d in docs] == [next(iter(STORIES))]
    damage = [s for s in skips if "truncated" in s.reason]
    assert len(damage) == 1
    assert damage[0].source == str(path)
    assert "at record 5 (byte" in damage[0].reason
    assert "the 4 record(s) before it were read" in damage[0].reason


def _gz_cut(data: bytes) -> int:
    """An offset inside the 5th gzip member (the second response): each record is a member."""
    starts = [i for i in range(len(data) - 2) if data[i : i + 3] == b"\x1f\x8b\x08"]
    return starts[4] + (starts[5] - starts[4]) // 2


def test_wet_conversion_records_are_plain_text(tmp_path: Path) -> None:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    url, (title, body) = next(iter(STORIES.items()))
    text = f"{title}\n\n{body}\n".encode()
    record = writer.create_warc_record(
        url, "conversion", payload=io.BytesIO(text),
        warc_headers_dict={"WARC-Date": WARC_DATE, "Content-Type": "text/plain"},
    )  # fmt: skip
    writer.write_record(record)
    path = tmp_path / "CC-MAIN-test.warc.wet.gz"
    path.write_bytes(buf.getvalue())
    docs, skips = _split(list(read_inputs([path])))
    assert skips == []
    assert docs[0].text == text.decode() and docs[0].html is None
    assert docs[0].meta["url"] == url


def test_oversized_record_is_skipped_and_the_rest_read(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc"
    build_archive(path, gz=False)
    docs, skips = _split(list(read_inputs([path], max_bytes=300)))
    assert docs == []
    big = [s for s in skips if "larger than the limit of 300 bytes" in s.reason]
    assert [s.source for s in big] == [f"{path}:3", f"{path}:5"]


def test_ingest_a_warc_stores_url_and_warc_date(tmp_path: Path, cli, db_query) -> None:
    path = tmp_path / "crawl.warc.gz"
    build_archive(path, gz=True, dated_first=True)
    db = tmp_path / "events.duckdb"
    result = cli("ingest", str(path), "--db", str(db), "--no-progress")
    assert result.code == 0, result.err
    assert "stored: 2" in result.out
    assert "WARC records that are not pages" in result.out
    rows = dict(db_query(db, "SELECT url, published FROM articles"))
    urls = list(STORIES)
    assert rows[urls[0]] == "2023-06-04T18:00:00"  # the page's own date wins
    assert rows[urls[1]] == "2023-06-05T09:30:00"  # else the WARC-Date
    again = cli("ingest", str(path), "--db", str(db), "--no-progress")
    assert "already ingested (skipped): 2" in again.out
