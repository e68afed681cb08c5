"""The read stage: every kind of input, and every kind of bad input as a clean skip."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
from pathlib import Path

import pytest

from eventwire.read import (
    RawDocument,
    ReadError,
    Skipped,
    decode_bytes,
    document_from_string,
    looks_like_html,
    read_inputs,
)

FRENCH = "Moscou et Ankara ont convenu d'améliorer leur coopération"
STORY = (
    "Des affrontements ont fait trois morts mardi à Goma, selon un responsable local.\n\n"
    "Les combats ont repris dans la soirée près de l'aéroport, a-t-il ajouté.\n"
)


def _read(paths: list[str | Path], **kwargs) -> list[RawDocument | Skipped]:
    return list(read_inputs(paths, **kwargs))


def _only(results: list[RawDocument | Skipped]) -> RawDocument | Skipped:
    assert len(results) == 1, results
    return results[0]


# --------------------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (FRENCH.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + FRENCH.encode("utf-8"), "utf-8-sig"),
        (FRENCH.encode("utf-16"), "utf-16"),
        (FRENCH.encode("utf-16-le"), "utf-16-le"),
        (FRENCH.encode("cp1252"), "cp1252"),
        (FRENCH.encode("latin-1"), "cp1252"),
    ],
)
def test_decode_bytes_reads_each_encoding(data: bytes, encoding: str) -> None:
    text, found = decode_bytes(data, "x.txt")
    assert text == FRENCH
    assert found == encoding


def test_cp1252_typographic_characters_are_not_mistaken_for_another_code_page() -> None:
    text = "« L'œuvre coûte 20 € », a-t-il dit… – fin"
    assert decode_bytes(text.encode("cp1252"), "x.txt") == (text, "cp1252")


def test_decode_bytes_rejects_binary_with_the_source_named() -> None:
    with pytest.raises(ReadError, match=r"blob\.bin: binary file \(NUL bytes"):
        decode_bytes(b"abc\x00\x01\x02def" * 10, "blob.bin")


def test_cyrillic_code_page_is_left_to_charset_normalizer() -> None:
    text = "Москва и Анкара договорились улучшить военное сотрудничество в Сирии. " * 3
    decoded, encoding = decode_bytes(text.encode("cp1251"), "ru.txt")
    assert encoding != "cp1252"
    assert "Москва" in decoded


# --------------------------------------------------------------------------- files


def test_text_and_html_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "b.html").write_text(f"<html><body><p>{STORY}</p></body></html>", "utf-8")
    (tmp_path / "c").write_text("<!DOCTYPE html><html><body><p>Hi</p></body></html>", "utf-8")
    a, b, c = _read([tmp_path / "a.txt", tmp_path / "b.html", tmp_path / "c"])
    assert isinstance(a, RawDocument) and a.text == STORY and a.html is None
    assert a.source == str(tmp_path / "a.txt")
    assert a.raw_hash == hashlib.sha256(STORY.encode()).hexdigest()
    assert isinstance(b, RawDocument) and b.html is not None and b.text is None
    assert isinstance(c, RawDocument) and c.html is not None  # sniffed: no extension


def test_html_meta_charset_is_honoured(tmp_path: Path) -> None:
    page = f'<html><head><meta charset="iso-8859-15"></head><body><p>{FRENCH} €</p></body></html>'
    (tmp_path / "p.html").write_bytes(page.encode("iso-8859-15"))
    doc = _only(_read([tmp_path / "p.html"]))
    assert isinstance(doc, RawDocument)
    assert FRENCH + " €" in (doc.html or "")
    assert doc.encoding == "iso8859-15"


def test_folder_is_read_recursively_in_sorted_order_skipping_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("deux", "utf-8")
    (tmp_path / "b" / "1.txt").write_text("un", "utf-8")
    (tmp_path / "a.txt").write_text("a", "utf-8")
    (tmp_path / "c.txt").write_text("c", "utf-8")
    (tmp_path / ".hidden.txt").write_text("caché", "utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("git", "utf-8")
    docs = _read([tmp_path])
    assert [d.text for d in docs if isinstance(d, RawDocument)] == ["a", "un", "deux", "c"]


def test_same_bytes_give_the_same_hash(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY, "utf-8")
    (tmp_path / "b.txt").write_text(STORY, "utf-8")
    a, b = _read([tmp_path / "a.txt", tmp_path / "b.txt"])
    assert isinstance(a, RawDocument) and isinstance(b, RawDocument)
    assert a.raw_hash == b.raw_hash


# --------------------------------------------------------------------------- bad files


def _bad_inputs(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """Bad inputs by name: (path, a regex the skip reason must match)."""
    bad = {
        "binary": (tmp_path / "blob.txt", r"binary file \(NUL bytes"),
        "image": (tmp_path / "photo.jpg", r"unsupported binary format \(PNG image\)"),
        "empty": (tmp_path / "empty.txt", r"empty file \(0 bytes\)"),
        "blank": (tmp_path / "blank.txt", r"whitespace-only file"),
        "missing": (tmp_path / "missing.txt", r"no such file or directory"),
        "symlink": (tmp_path / "dangling.txt", r"broken symbolic link"),
        "dir": (tmp_path / "story.txt", r"directory holds no files"),
        "big": (tmp_path / "big.txt", r"file too large \(2,000 bytes; the limit is 1,000 bytes\)"),
        "gz": (tmp_path / "cut.txt.gz", r"truncated or corrupt gzip file"),
    }
    bad["binary"][0].write_bytes(b"\x00\x01\x02\x03binary\x00" * 20)
    bad["image"][0].write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    bad["empty"][0].write_bytes(b"")
    bad["blank"][0].write_text(" \n\t\u00a0\n  \n", "utf-8")
    os.symlink(tmp_path / "nowhere.txt", bad["symlink"][0])
    bad["dir"][0].mkdir()
    bad["big"][0].write_text("x" * 2000, "utf-8")
    bad["gz"][0].write_bytes(gzip.compress(STORY.encode() * 50)[:60])
    return bad


def test_each_bad_input_is_skipped_with_its_reason_and_the_good_files_are_read(
    tmp_path: Path,
) -> None:
    bad = _bad_inputs(tmp_path)
    good = tmp_path / "good.txt"
    good.write_text(STORY, "utf-8")
    paths = [good, *(p for p, _ in bad.values()), good]
    results = _read(paths, max_bytes=1000)
    assert len(results) == len(paths)
    assert [r.text for r in (results[0], results[-1]) if isinstance(r, RawDocument)] == [STORY] * 2
    for (path, reason), result in zip(bad.values(), results[1:-1], strict=True):
        assert isinstance(result, Skipped), (path, result)
        assert result.source == str(path)
        assert __import__("re").search(reason, result.reason), (path, result.reason)
        assert str(result) == f"{path}: {result.reason}"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_permission_denied_is_a_skip(tmp_path: Path) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text(STORY, "utf-8")
    locked.chmod(0)
    try:
        result = _only(_read([locked]))
    finally:
        locked.chmod(0o644)
    assert isinstance(result, Skipped)
    assert "unreadable" in result.reason and "ermission" in result.reason


def test_open_failure_is_a_skip_even_as_root(tmp_path: Path, monkeypatch) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text(STORY, "utf-8")
    (tmp_path / "ok.txt").write_text(STORY, "utf-8")
    real_open = Path.open

    def refuse(self: Path, *args, **kwargs):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    locked_result, ok = _read([locked, tmp_path / "ok.txt"])
    assert isinstance(locked_result, Skipped)
    assert locked_result.reason == "unreadable (Permission denied)"
    assert isinstance(ok, RawDocument)


def test_bad_files_inside_a_folder_are_skipped_and_the_rest_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY, "utf-8")
    (tmp_path / "b.bin").write_bytes(b"\x00" * 64)
    os.symlink(tmp_path / "gone", tmp_path / "c.txt")
    (tmp_path / "d.txt").write_bytes(FRENCH.encode("cp1252"))
    results = _read([tmp_path])
    assert [type(r).__name__ for r in results] == [
        "RawDocument",
        "Skipped",
        "Skipped",
        "RawDocument",
    ]
    assert isinstance(results[3], RawDocument) and results[3].text == FRENCH


def test_gzip_files_are_read(tmp_path: Path) -> None:
    (tmp_path / "s.txt.gz").write_bytes(gzip.compress(STORY.encode("cp1252")))
    doc = _only(_read([tmp_path / "s.txt.gz"]))
    assert isinstance(doc, RawDocument) and doc.text == STORY and doc.encoding == "cp1252"


def test_gzip_bomb_is_stopped_at_the_limit(tmp_path: Path) -> None:
    (tmp_path / "s.txt.gz").write_bytes(gzip.compress(b"a" * 100_000))
    result = _only(_read([tmp_path / "s.txt.gz"], max_bytes=10_000))
    assert isinstance(result, Skipped) and "exceeds the limit of 10,000 bytes" in result.reason


# --------------------------------------------------------------------------- JSON Lines


def _jsonl(*records: object) -> str:
    return "".join(
        (r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records
    )


def test_jsonl_records_with_metadata_and_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text(
        _jsonl(
            {"id": 7, "text": STORY, "title": "Goma", "published": "2024-01-02", "x": 1},
            '{"id": "broken", "text": "Il manque',
            "",
            {"html": "<p>Une page.</p>", "url": "https://ex.example/a"},
            {"id": "no-text", "title": "rien"},
            [1, 2, 3],
            {"text": "   "},
            {"text": "La dernière ligne."},
        ),
        "utf-8",
    )
    results = _read([path])
    kinds = [(r.source, type(r).__name__) for r in results]
    assert kinds == [
        (f"{path}:1", "RawDocument"),
        (f"{path}:2", "Skipped"),
        (f"{path}:4", "RawDocument"),
        (f"{path}:5", "Skipped"),
        (f"{path}:6", "Skipped"),
        (f"{path}:7", "Skipped"),
        (f"{path}:8", "RawDocument"),
    ]
    first, broken, page, no_text, array, blank, last = results
    assert isinstance(first, RawDocument)
    assert first.meta == {"id": "7", "title": "Goma", "published": "2024-01-02"}
    line = path.read_bytes().splitlines()[0]
    assert first.raw_hash == hashlib.sha256(line).hexdigest()
    assert str(broken).startswith(f"{path}:2: invalid JSON (")
    assert isinstance(page, RawDocument) and page.html == "<p>Une page.</p>" and page.text is None
    assert page.meta == {"url": "https://ex.example/a"}
    assert isinstance(no_text, Skipped) and no_text.reason == "no text or html field"
    assert isinstance(array, Skipped) and "not a JSON object" in array.reason
    assert isinstance(blank, Skipped) and "empty" in blank.reason
    assert isinstance(last, RawDocument) and last.text == "La dernière ligne."


def test_truncated_jsonl_keeps_the_lines_before(tmp_path: Path) -> None:
    path = tmp_path / "cut.jsonl"
    path.write_text(_jsonl({"text": "Une."}, {"text": "Deux."}) + '{"text": "Tro', "utf-8")
    results = _read([path])
    assert [type(r).__name__ for r in results] == ["RawDocument", "RawDocument", "Skipped"]
    assert "invalid JSON" in results[2].reason  # type: ignore[union-attr]


def test_invalid_json_reasons_read_as_english(tmp_path: Path) -> None:
    (tmp_path / "cut.jsonl").write_text('{"text": "Une."}\n{"text": "Deux', "utf-8")
    (tmp_path / "cut.json").write_text('{\n  "text": "Trois', "utf-8")
    (tmp_path / "colon.jsonl").write_text('{"text" "Quatre."}\n', "utf-8")
    results = {r.source: r for r in _read([tmp_path])}
    reasons = {source: getattr(r, "reason", "") for source, r in results.items()}
    assert reasons[f"{tmp_path / 'cut.jsonl'}:2"] == (
        "invalid JSON (Unterminated string starting at column 10)"
    )
    assert reasons[str(tmp_path / "cut.json")] == (
        "invalid JSON (Unterminated string starting at line 2 column 11)"
    )
    assert reasons[f"{tmp_path / 'colon.jsonl'}:1"] == (
        "invalid JSON (Expecting ':' delimiter at column 9)"
    )
    assert not any("at at" in reason for reason in reasons.values())


def test_empty_jsonl_and_json_files(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_bytes(b"")
    (tmp_path / "b.jsonl").write_text("\n  \n", "utf-8")
    (tmp_path / "c.json").write_text('{"text": "Un", "id": 3}', "utf-8")
    (tmp_path / "d.json").write_text(json.dumps([{"text": "Un."}, {"title": "x"}], indent=2))
    (tmp_path / "e.json").write_text('{"text": "cut', "utf-8")
    (tmp_path / "f").write_text(_jsonl({"text": "Sans extension."}), "utf-8")
    results = {r.source: r for r in _read([tmp_path])}
    assert "no JSON Lines records" in results[str(tmp_path / "a.jsonl")].reason  # type: ignore[union-attr]
    assert "no JSON Lines records" in results[str(tmp_path / "b.jsonl")].reason  # type: ignore[union-attr]
    single = results[str(tmp_path / "c.json")]
    assert isinstance(single, RawDocument) and single.meta == {"id": "3"} and single.text == "Un"
    assert isinstance(results[f"{tmp_path / 'd.json'}:1"], RawDocument)
    assert isinstance(results[f"{tmp_path / 'd.json'}:2"], Skipped)
    assert "invalid JSON" in results[str(tmp_path / "e.json")].reason  # type: ignore[union-attr]
    sniffed = results[f"{tmp_path / 'f'}:1"]
    assert isinstance(sniffed, RawDocument) and sniffed.text == "Sans extension."


def test_symlinked_folder_inside_a_folder_is_not_followed(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.txt").write_text("A.", "utf-8")
    (tmp_path / "top").mkdir()
    os.symlink(tmp_path / "real", tmp_path / "top" / "loop")
    (result,) = _read([tmp_path / "top"])
    assert isinstance(result, Skipped) and "symbolic link to a directory" in result.reason


def test_jsonl_line_over_the_limit_is_skipped_alone(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    path.write_text(_jsonl({"text": "x" * 5000}, {"text": "Courte."}), "utf-8")
    long_line, short = _read([path], max_bytes=1000)
    assert isinstance(long_line, Skipped) and "longer than the limit" in long_line.reason
    assert isinstance(short, RawDocument) and short.text == "Courte."


def test_truncated_gzipped_jsonl_yields_what_was_read_then_a_skip(tmp_path: Path) -> None:
    lines = _jsonl(*({"text": f"Article {i} " + "mot " * 50} for i in range(200)))
    blob = gzip.compress(lines.encode())
    path = tmp_path / "batch.jsonl.gz"
    path.write_bytes(blob[: len(blob) // 2])
    results = _read([path])
    assert isinstance(results[0], RawDocument) and results[0].source == f"{path}:1"
    assert isinstance(results[-1], Skipped) and "truncated or corrupt gzip" in results[-1].reason
    assert all(isinstance(r, RawDocument) for r in results[:-1])


# --------------------------------------------------------------------------- stdin and strings


def test_stdin_text_html_and_jsonl_are_sniffed() -> None:
    (text,) = _read(["-"], stdin=io.BytesIO(FRENCH.encode("cp1252")))
    assert isinstance(text, RawDocument) and text.text == FRENCH and text.source == "-"
    (page,) = _read(["-"], stdin=io.BytesIO(b"<html><body><p>Salut</p></body></html>"))
    assert isinstance(page, RawDocument) and page.html is not None
    stream = io.BytesIO(_jsonl({"id": "a", "text": "Un."}, {"id": "b", "text": "Deux."}).encode())
    docs = _read(["-"], stdin=stream)
    assert [(d.source, d.meta["id"]) for d in docs] == [("-:1", "a"), ("-:2", "b")]  # type: ignore[union-attr]


def test_published_and_lang_given_for_inputs_without_their_own(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY, "utf-8")
    (tmp_path / "b.jsonl").write_text(
        _jsonl({"text": "Un.", "published": "2024-01-02"}, {"text": "Deux.", "published": ""}),
        "utf-8",
    )
    (tmp_path / "c.txt").write_bytes(b"")
    results = _read(
        [tmp_path, "-"], stdin=io.BytesIO(STORY.encode()), published="2024-03-05", lang="fr"
    )
    docs = {r.source: r for r in results if isinstance(r, RawDocument)}
    assert docs[str(tmp_path / "a.txt")].meta == {"published": "2024-03-05"}
    assert docs["-"].meta == {"published": "2024-03-05"}
    assert docs[f"{tmp_path / 'b.jsonl'}:1"].meta == {"published": "2024-01-02"}  # its own
    assert docs[f"{tmp_path / 'b.jsonl'}:2"].meta == {"published": "2024-03-05"}
    assert {d.lang for d in docs.values()} == {"fr"}
    assert [r.source for r in results if isinstance(r, Skipped)] == [str(tmp_path / "c.txt")]
    # Without them, nothing is added and the language is left to detection.
    plain = _only(_read(["-"], stdin=io.BytesIO(STORY.encode())))
    assert isinstance(plain, RawDocument) and plain.meta == {} and plain.lang is None


def test_stdin_that_is_not_jsonl_stays_text() -> None:
    data = b'{"text": "Un."}\nPuis une ligne de texte.\n'
    (doc,) = _read(["-"], stdin=io.BytesIO(data))
    assert isinstance(doc, RawDocument) and doc.text == data.decode()


@pytest.mark.parametrize("data", [b"", b"  \n ", b"\x00\x01\x02" * 10])
def test_bad_stdin_is_a_skip(data: bytes) -> None:
    (result,) = _read(["-"], stdin=io.BytesIO(data))
    assert isinstance(result, Skipped) and result.source == "-"


def test_document_from_string() -> None:
    doc = document_from_string(STORY, meta={"title": "Goma"})
    assert doc.text == STORY and doc.html is None and doc.source == "<text>"
    assert doc.meta == {"title": "Goma"}
    page = document_from_string("<div><p>Un</p><p>Deux</p></div>", source="api")
    assert page.html is not None and page.text is None and page.source == "api"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<!DOCTYPE html><html><body>x</body></html>", True),
        ("  <html lang='fr'><p>x</p></html>", True),
        ("<div class='a'><p>Un paragraphe.</p></div>", True),
        ("Le score est 3 < 5 et 7 > 2.", False),
        ("Il a écrit <b> dans un message.", False),
        (STORY, False),
    ],
)
def test_looks_like_html(text: str, expected: bool) -> None:
    assert looks_like_html(text) is expected


def test_declared_latin1_page_is_read_as_cp1252(tmp_path: Path) -> None:
    page = '<html><head><meta charset="ISO-8859-1"></head><body><p>L’été « chaud »</p></body>'
    (tmp_path / "p.html").write_bytes(page.encode("cp1252"))
    doc = _only(_read([tmp_path / "p.html"]))
    assert isinstance(doc, RawDocument) and "L’été « chaud »" in (doc.html or "")
    assert doc.encoding == "cp1252"


def test_a_single_path_string_is_one_input(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY, "utf-8")
    doc = _only(_read(str(tmp_path / "a.txt")))  # type: ignore[arg-type]
    assert isinstance(doc, RawDocument) and doc.text == STORY
