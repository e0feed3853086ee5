"""Tests of reading inputs: plain text, HTML, JSON Lines, cleaning, and one-line errors for bad inputs."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import pathlib
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from conflictlens import settings
from conflictlens.errors import InputError
from conflictlens.ingest import clean_text, read_documents
from conflictlens.model import Document

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "seed-mali-executions.txt"
SEED_TITLE = "Mali Launches Investigation into Allegations of Civilian Executions by Soldiers"

BODY = (
    "Fighting broke out on Monday between the Malian army and fighters of the Azawad Liberation "
    "Front near Gao, killing at least 12 people, local officials said."
)

ARTICLE_HTML = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Clashes near Gao leave 12 dead | Sahel Monitor</title>
<meta name="date" content="2024-03-05">
<meta property="og:site_name" content="Sahel Monitor">
<link rel="canonical" href="https://example.org/news/gao-clashes">
</head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news</a></li>
<li><a href="/about">About us</a></li></ul></nav>
<article>
<h1>Clashes near Gao leave 12 dead</h1>
<p>Fighting broke out on Monday between the Malian army and fighters of the Azawad Liberation
Front near Gao, killing at least 12 people, local officials said.</p>
<p>Residents said the clashes lasted several hours and that several houses were burnt in the
village of Tacharane, about 20 kilometres from the town.</p>
<p>The army said it had repelled an attack on a checkpoint and that the situation was under
control by the evening.</p>
</article>
<footer><p>Copyright 2024 Sahel Monitor. All rights reserved.</p><a href="/privacy">Privacy policy</a>
</footer>
<script>var tracker = "do not read me";</script>
</body>
</html>
"""

# Unclosed <div>, <p>, <b> and <i>, no </body> or </html>.
MALFORMED_HTML = """<html><head><title>Attack in Mopti region</title>
<body><div class="story"><p>Gunmen attacked the village of Ogossagou in the Mopti region on Tuesday,
killing <b>seven people, residents said.<p>Residents fled <i>towards the town of Bankass
<div><p>The army sent reinforcements to the area on Wednesday morning.
"""

# Markup with no text at all: only a script and unclosed tags.
TEXTLESS_HTML = "<html><head><script>var a = 1;</script></head><body><div><span><div></span>"


class Errors(list[InputError]):
    """Collects errors passed to ``on_error`` and checks every message is one line."""

    def __call__(self, err: InputError) -> None:
        assert isinstance(err, InputError)
        assert "\n" not in str(err) and "\r" not in str(err), str(err)
        self.append(err)

    @property
    def messages(self) -> list[str]:
        return [str(e) for e in self]


def read(paths: Iterable[str | Path] | str | Path) -> tuple[list[Document], Errors]:
    errors = Errors()
    docs = list(read_documents(paths, on_error=errors))  # type: ignore[arg-type]
    return docs, errors


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def jsonl(*records: Any) -> str:
    return "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n"


# --------------------------------------------------------------------------- clean_text


def test_clean_text_normalises_layout_and_keeps_sentences() -> None:
    raw = "Headline of the story\r\n\r\n\r\n\r\nFirst sentence here.   \r\nSecond line.\t\r\n\r\n\r\n"
    text, title = clean_text(raw)
    assert text == "Headline of the story\n\nFirst sentence here.\nSecond line."
    assert title == "Headline of the story"


def test_clean_text_drops_only_long_exact_repeats() -> None:
    raw = "\n".join(
        [
            "A long headline printed twice by the scraper",
            "Photo",
            "A  long headline printed   twice by the scraper",  # same after whitespace normalisation
            "Photo",  # short: kept
            "A long headline printed twice by the scraper.",  # not the same line: kept
        ]
    )
    text, _ = clean_text(raw)
    assert text.split("\n") == [
        "A long headline printed twice by the scraper",
        "Photo",
        "Photo",
        "A long headline printed twice by the scraper.",
    ]


def test_clean_text_title_detection() -> None:
    assert clean_text("A sentence that ends with a period.\nThe Real Title\nBody.")[1] == "The Real Title"
    assert clean_text("One.\nTwo.\nThree.\nNot a title because it is fourth")[1] is None
    assert clean_text("x" * 250 + "\nShort title")[1] == "Short title"
    assert clean_text("   \n\n") == ("", None)


# --------------------------------------------------------------------------- plain text


@pytest.mark.skipif(not SEED.exists(), reason="shared seed corpus not available")
def test_seed_article_title_once_and_no_line_lost() -> None:
    docs, errors = read([SEED])
    assert not errors
    [doc] = docs
    assert doc.id == "seed-mali-executions"
    assert doc.origin == str(SEED)
    assert doc.title == SEED_TITLE
    assert doc.text.count(SEED_TITLE) == 1
    original = [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    cleaned = [line for line in doc.text.split("\n") if line]
    # Every line is kept once, in order; only the repeated title is gone.
    assert cleaned == [line for i, line in enumerate(original) if line not in original[:i]]
    assert len(cleaned) == len(original) - 1
    assert cleaned[0].startswith("The investigation follows accusations")
    assert cleaned[1] == SEED_TITLE
    assert "\n\n\n" not in doc.text and "\r" not in doc.text


def test_plain_text_file_bom_and_crlf(tmp_path: Path) -> None:
    path = write(
        tmp_path / "report.txt", b"\xef\xbb\xbfAttack on Gao market\r\n\r\n" + BODY.encode() + b"\r\n"
    )
    docs, errors = read([path])
    assert not errors
    [doc] = docs
    assert doc.id == "report"
    assert doc.title == "Attack on Gao market"
    assert doc.text == "Attack on Gao market\n\n" + BODY
    assert doc.url is None and doc.published is None


def test_single_path_not_in_a_list(tmp_path: Path) -> None:
    path = write(tmp_path / "one.md", BODY)
    docs, errors = read(str(path))
    assert [d.id for d in docs] == ["one"] and not errors


# --------------------------------------------------------------------------- HTML


def test_html_page_main_text_and_metadata(tmp_path: Path) -> None:
    path = write(tmp_path / "gao.html", ARTICLE_HTML)
    docs, errors = read([path])
    assert not errors
    [doc] = docs
    assert doc.id == "gao"
    assert doc.title == "Clashes near Gao leave 12 dead"
    assert doc.published == dt.date(2024, 3, 5)
    assert doc.url == "https://example.org/news/gao-clashes"
    assert doc.source == "Sahel Monitor"
    assert doc.origin == str(path)
    assert "killing at least 12 people" in doc.text
    assert "Tacharane" in doc.text
    for boilerplate in ("About us", "World news", "All rights reserved", "Privacy policy", "tracker", "<"):
        assert boilerplate not in doc.text


def test_txt_that_is_html_is_read_as_html(tmp_path: Path) -> None:
    path = write(tmp_path / "saved-page.txt", ARTICLE_HTML)
    docs, errors = read([path])
    assert not errors
    [doc] = docs
    assert doc.title == "Clashes near Gao leave 12 dead"
    assert "<p>" not in doc.text and "About us" not in doc.text


def test_malformed_html_with_text_is_read(tmp_path: Path) -> None:
    path = write(tmp_path / "mopti.htm", MALFORMED_HTML)
    docs, errors = read([path])
    assert not errors
    [doc] = docs
    assert doc.title == "Attack in Mopti region"
    assert "killing seven people" in doc.text
    assert "reinforcements" in doc.text
    assert "<" not in doc.text


def test_malformed_html_without_text_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path / "broken.html", TEXTLESS_HTML)
    docs, errors = read([path])
    assert docs == []
    assert errors.messages == [f"{path}: no text found in the HTML page (malformed or empty)"]


def test_html_with_declared_legacy_charset(tmp_path: Path) -> None:
    page = ARTICLE_HTML.replace('charset="utf-8"', 'charset="windows-1252"').replace("Tacharane", "Tacharané")
    path = write(tmp_path / "legacy.html", page.encode("windows-1252"))
    docs, errors = read([path])
    assert not errors
    assert "Tacharané" in docs[0].text


# --------------------------------------------------------------------------- JSON Lines


def test_jsonl_good_and_bad_lines(tmp_path: Path) -> None:
    path = write(
        tmp_path / "feed.jsonl",
        jsonl(
            {
                "id": "a1",
                "text": BODY,
                "title": "Clashes near Gao",
                "url": "https://example.org/a1",
                "published": "2024-03-05T08:30:00Z",
                "source": "Sahel Monitor",
                "language": "fr",
            },
            '{"id": "a2", "text": "unterminated',
            {"id": "a3", "title": "No text here"},
            {"id": 4, "text": "Residents said the clashes lasted several hours near Tacharane."},
        ),
    )
    docs, errors = read([path])
    assert [d.id for d in docs] == ["a1", "4"]
    first, second = docs
    assert first.text == BODY
    assert first.title == "Clashes near Gao"
    assert first.url == "https://example.org/a1"
    assert first.published == dt.date(2024, 3, 5)
    assert first.source == "Sahel Monitor"
    assert first.language == "fr"
    assert first.origin == f"{path}:1"
    assert second.language == "en" and second.published is None
    assert len(errors) == 2
    assert errors.messages[0].startswith(f"{path}:2: line 2 is not valid JSON: ")
    assert errors.messages[1] == f"{path}:3: line 3 has no 'text'"
    assert [e.source for e in errors] == [f"{path}:2", f"{path}:3"]


def test_jsonl_defaults_blank_lines_and_non_fatal_problems(tmp_path: Path) -> None:
    path = write(
        tmp_path / "news.ndjson",
        jsonl(
            {"text": BODY},
            "",
            "   ",
            {"text": BODY + " Again.", "published": "last Tuesday"},
            ["not", "an", "object"],
            {"id": "x", "text": BODY + " One."},
            {"id": "x", "text": BODY + " Two."},
            {"id": "y", "text": 42},
            {"id": "z", "text": "   "},
            {"id": "w", "text": "Too short."},
        ),
    )
    docs, errors = read([path])
    # The date problem is reported but the document is still read.
    assert [d.id for d in docs] == ["news:1", "news:4", "x", "x~2"]
    assert docs[1].published is None
    assert errors.messages == [
        f"{path}:4: line 4 has an unparseable 'published' date 'last Tuesday' "
        "(expected ISO 8601 like 2024-03-05); kept the document without a date",
        f"{path}:5: line 5 is not a JSON object (got an array)",
        f"{path}:7: line 7 repeats the id 'x' already used in this batch; used 'x~2'",
        f"{path}:8: line 8 has no 'text' (got a number, expected a string)",
        f"{path}:9: line 9 has no 'text'",
        f"{path}:10: line 10: too little text after cleaning: 10 characters, minimum "
        f"{settings.min_text_chars}",
    ]


def test_jsonl_line_too_large_is_skipped_with_bounded_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(settings, "max_input_bytes", 1000)
    path = write(
        tmp_path / "big.jsonl",
        jsonl({"id": "huge", "text": "word " * 2000}, {"id": "ok", "text": BODY}),
    )
    docs, errors = read([path])
    assert [d.id for d in docs] == ["ok"]
    [err] = errors
    assert err.source == f"{path}:1"
    assert "line 1 is too large" in str(err)


def test_jsonl_invalid_utf8_line_names_line(tmp_path: Path) -> None:
    path = write(
        tmp_path / "enc.jsonl",
        json.dumps({"text": BODY}).encode() + b'\n{"text": "caf\xe9 in Bamako was attacked"}\n',
    )
    docs, errors = read([path])
    assert len(docs) == 1
    [message] = errors.messages
    assert message.startswith(f"{path}:2: line 2 is not valid UTF-8 (bad byte 0xe9 at offset ")


# --------------------------------------------------------------------------- bad files


def test_empty_and_whitespace_files(tmp_path: Path) -> None:
    empty = write(tmp_path / "empty.txt", b"")
    blank = write(tmp_path / "blank.txt", "  \n\n\t \r\n")
    empty_jsonl = write(tmp_path / "empty.jsonl", b"")
    docs, errors = read([empty, blank, empty_jsonl])
    assert docs == []
    assert errors.messages == [
        f"{empty}: empty file",
        f"{blank}: no text after cleaning (only whitespace)",
        f"{empty_jsonl}: empty file",
    ]


def test_binary_files(tmp_path: Path) -> None:
    png = write(tmp_path / "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64)
    controls = write(tmp_path / "controls.txt", bytes(range(1, 32)) * 20 + b"some text")
    binary_jsonl = write(tmp_path / "dump.jsonl", b"\x00\x01\x02\x03" * 100)
    docs, errors = read([png, controls, binary_jsonl])
    assert docs == []
    assert errors.messages == [
        f"{png}: binary file, not text",
        f"{controls}: binary file, not text",
        f"{binary_jsonl}: binary file, not text",
    ]


def test_invalid_utf8_is_refused_not_guessed(tmp_path: Path) -> None:
    latin1 = write(tmp_path / "latin1.txt", b"caf\xe9 attacked in Bamako on Sunday, witnesses said.")
    utf16 = write(tmp_path / "utf16.txt", "Gao attack reported by residents".encode("utf-16"))
    docs, errors = read([latin1, utf16])
    assert docs == []
    assert errors.messages[0] == f"{latin1}: not valid UTF-8 (bad byte 0xe9 at offset 3)"
    assert errors.messages[1].startswith(f"{utf16}: not valid UTF-8")


def test_too_large_file_is_refused_without_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "huge.txt"
    chunk = b"Gunmen attacked a village near Gao. " * 1000
    with path.open("wb") as fh:
        while fh.tell() < 50 * 1024 * 1024:
            fh.write(chunk)
        fh.truncate(50 * 1024 * 1024)
    opened: list[Path] = []
    real_open = pathlib.Path.open

    def tracking_open(self: Path, *args: Any, **kwargs: Any) -> Any:
        opened.append(self)
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "open", tracking_open)
    start = time.perf_counter()
    docs, errors = read([path])
    elapsed = time.perf_counter() - start
    assert docs == []
    [message] = errors.messages
    assert message == f"{path}: too large: 50.0 MB, limit 20.0 MB"
    assert "huge.txt" in message and "too large" in message
    assert path not in opened
    assert elapsed < 1.0


def test_missing_path_and_unsupported_type(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    pdf = write(tmp_path / "report.pdf", b"%PDF-1.7")
    docs, errors = read([missing, pdf])
    assert docs == []
    assert errors.messages[0] == f"{missing}: no such file or directory"
    assert errors.messages[1].startswith(f"{pdf}: unsupported file type '.pdf'")


def test_default_handler_logs_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    good = write(tmp_path / "good.txt", BODY)
    with caplog.at_level(logging.WARNING, logger="conflictlens.ingest"):
        docs = list(read_documents([tmp_path / "missing", good]))
    assert [d.id for d in docs] == ["good"]
    assert f"{tmp_path / 'missing'}: no such file or directory" in caplog.text


def test_odd_file_name_still_gives_one_line_message(tmp_path: Path) -> None:
    path = write(tmp_path / "two\nlines.txt", b"")
    docs, errors = read([path])
    assert docs == [] and len(errors) == 1  # Errors() checks the message is one line
    assert "empty file" in errors.messages[0]


# --------------------------------------------------------------------------- folders


def test_folder_mixing_good_and_bad_files(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    write(folder / "b-report.txt", "Gao clashes\n\n" + BODY)
    write(folder / "a-page.html", ARTICLE_HTML)
    write(folder / "c-feed.jsonl", jsonl({"id": "feed-1", "text": BODY}, "not json"))
    write(folder / "d-empty.txt", b"")
    write(folder / "e-binary.txt", b"\x00\x01binary")
    write(folder / "f-latin1.md", b"caf\xe9 " * 10)
    write(folder / "sub" / "g-note.md", "Note from the field\n\n" + BODY)
    write(folder / "sub" / "h-broken.xhtml", TEXTLESS_HTML)
    write(folder / "notes.csv", "a,b\n1,2\n")  # unsupported: ignored in a folder
    write(folder / ".hidden.txt", BODY)  # hidden: ignored
    write(folder / ".git" / "x.txt", BODY)  # hidden folder: ignored
    docs, errors = read([folder])
    assert [d.id for d in docs] == ["a-page", "b-report", "feed-1", "g-note"]
    assert docs[3].origin == str(folder / "sub" / "g-note.md")
    assert [e.source for e in errors] == [
        f"{folder / 'c-feed.jsonl'}:2",
        str(folder / "d-empty.txt"),
        str(folder / "e-binary.txt"),
        str(folder / "f-latin1.md"),
        str(folder / "sub" / "h-broken.xhtml"),
    ]


def test_empty_folder_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "nothing"
    folder.mkdir()
    docs, errors = read([folder])
    assert docs == []
    assert errors.messages[0].startswith(f"{folder}: folder has no files to read")


def test_duplicate_stems_use_relative_paths(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    write(folder / "a.txt", "First report\n\n" + BODY)
    write(folder / "sub" / "a.txt", "Second report\n\n" + BODY)
    write(folder / "b.txt", "Third report\n\n" + BODY)
    docs, errors = read([folder, folder / "b.txt"])  # b.txt named twice: read once
    assert not errors
    assert [(d.id, d.title) for d in docs] == [
        ("a", "First report"),
        ("b", "Third report"),
        ("sub/a", "Second report"),
    ]


def test_same_stem_in_same_folder_keeps_suffix(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    write(folder / "sub" / "a.txt", "Second report\n\n" + BODY)
    write(folder / "sub" / "a.html", ARTICLE_HTML)
    write(folder / "a.md", "First report\n\n" + BODY)
    docs, errors = read([folder])
    assert not errors
    assert [d.id for d in docs] == ["a", "sub/a.html", "sub/a.txt"]


def test_ids_unique_across_files_and_jsonl_records(tmp_path: Path) -> None:
    one = write(tmp_path / "x" / "report.txt", "First report\n\n" + BODY)
    two = write(tmp_path / "y" / "report.txt", "Second report\n\n" + BODY)
    feed = write(tmp_path / "feed.jsonl", jsonl({"id": "report", "text": BODY}))
    docs, errors = read([one, two, feed])
    ids = [d.id for d in docs]
    assert len(set(ids)) == 3
    assert ids[:2] == ["x/report", "y/report"]
    assert ids[2] == "report"  # free: the files took their paths
    assert not errors


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX FIFOs")
def test_fifo_in_folder_does_not_block(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    write(folder / "good.txt", BODY)
    os.mkfifo(folder / "pipe.txt")
    os.mkfifo(folder / "pipe.jsonl")
    docs, errors = read([folder])
    assert [d.id for d in docs] == ["good"]
    assert errors.messages == [
        f"{folder / 'pipe.jsonl'}: not a regular file",
        f"{folder / 'pipe.txt'}: not a regular file",
    ]


def test_json_array_and_json_lines_with_json_suffix(tmp_path: Path) -> None:
    """A .json file may hold one array of objects or JSON Lines; both give documents."""
    array = tmp_path / "batch.json"
    array.write_text(
        json.dumps(
            [
                {"id": "a1", "text": "Gunmen attacked a village near Djibo on Sunday, residents said."},
                "not an object",
                {"id": "a2", "text": "Teachers staged a sit-in in Niamey to demand unpaid wages."},
            ]
        ),
        encoding="utf-8",
    )
    lines = tmp_path / "stream.json"
    lines.write_text(
        json.dumps({"id": "l1", "text": "Soldiers repelled an attack on a military post in Gao region."})
        + "\n",
        encoding="utf-8",
    )
    errors: list[InputError] = []
    docs = list(read_documents([array, lines], on_error=errors.append))
    assert [d.id for d in docs] == ["a1", "a2", "l1"]
    assert len(errors) == 1 and "batch.json[2]" in str(errors[0]) and "\n" not in str(errors[0])
