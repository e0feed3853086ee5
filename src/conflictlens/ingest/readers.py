"""Reading files and folders of news reports into :class:`~conflictlens.model.Document` objects.

:func:`read_documents` is the one entry point. It reads plain text (``.txt``, ``.text``, ``.md``),
HTML pages (``.html``, ``.htm``, ``.xhtml``, or a text file that starts like HTML), JSON Lines
(``.jsonl``, ``.ndjson``: one document per line), CSV (``.csv``: one document a row, ACLED exports
included), web archives (``.warc``, ``.warc.gz``) and web pages given by their ``http(s)://`` URL,
fetched safely (see :mod:`conflictlens.ingest.fetch`). A bad input never stops the batch: it is reported
as an :class:`~conflictlens.errors.InputError` whose one-line message names the input and the problem,
and reading goes on with the next input.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import logging
import os
import stat
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from conflictlens import settings
from conflictlens.errors import InputError
from conflictlens.ingest.clean import clean_text
from conflictlens.ingest.common import SNIFF_BYTES as _SNIFF_BYTES
from conflictlens.ingest.common import UTF16_BOMS as _UTF16_BOMS
from conflictlens.ingest.common import UTF16_PROBLEM as _UTF16_PROBLEM
from conflictlens.ingest.common import Refused as _Refused
from conflictlens.ingest.common import bad_utf8 as _bad_utf8
from conflictlens.ingest.common import checked_text as _checked_text
from conflictlens.ingest.common import decode as _decode
from conflictlens.ingest.common import input_error as _error
from conflictlens.ingest.common import is_binary as _is_binary
from conflictlens.ingest.common import looks_like_url, redact_url, url_id
from conflictlens.ingest.common import megabytes as _megabytes
from conflictlens.ingest.common import parse_published as _parse_published
from conflictlens.ingest.csvfiles import CSV_SUFFIXES, country_hint, read_csv_rows
from conflictlens.ingest.html import extract_html, looks_like_html
from conflictlens.ingest.warc import WARC_SUFFIXES, read_warc
from conflictlens.model import Document

if TYPE_CHECKING:
    from conflictlens.ingest.fetch import Fetcher

logger = logging.getLogger(__name__)

TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")  # .json: JSON Lines, or one array of objects
#: The file suffixes read from a folder (an explicitly named file without a suffix is read as text).
#: CSV files are read only when named: a folder's CSV is as likely an export of events as articles.
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES + WARC_SUFFIXES
#: The file suffixes read when a file is named explicitly.
FILE_SUFFIXES = SUPPORTED_SUFFIXES + CSV_SUFFIXES

FOLDER_SKIP_STEMS = frozenset({"README", "LICENSE", "LICENCE", "CHANGELOG", "NOTICE", "COPYING"})

ErrorHandler = Callable[[InputError], None]

_MAX_QUOTED_CHARS = 60  # values quoted in messages are cut to this length


@dataclass
class _Source:
    """One file to read, with the names it is known by."""

    path: Path
    label: str  # how messages and Document.origin name it
    relative: str  # path without suffix, relative to the folder given (or "parent/stem")
    kind: str  # "text", "html", "jsonl", "csv" or "warc"
    key: str = field(default="")  # document id (or, for JSON Lines and CSV, the prefix of default ids)


@dataclass
class _Url:
    """One web page to fetch."""

    url: str
    label: str  # the URL without a password, for messages


#: Kinds of file that hold many documents (their key is the prefix of default ids).
_MANY = frozenset({"jsonl", "csv", "warc"})


def _quote(value: Any) -> str:
    """A short, quoted rendering of a user-supplied value for a message."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    if len(text) > _MAX_QUOTED_CHARS:
        text = text[: _MAX_QUOTED_CHARS - 3] + "..."
    return repr(text)


def _too_large(n_bytes: int) -> str:
    return f"too large: {_megabytes(n_bytes)}, limit {_megabytes(settings.max_input_bytes)}"


def _os_problem(exc: OSError) -> str:
    """A short description of why the operating system refused to read a path."""
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a folder, not a file"
    return f"cannot read: {exc.strerror or exc}"


def _json_type(value: Any) -> str:
    """The JSON name of a decoded value's type (object, array, string, number, boolean, null)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def _a_json_type(value: Any) -> str:
    """The JSON type name of ``value`` with its article: ``a number``, ``an array``."""
    name = _json_type(value)
    return f"an {name}" if name[0] in "aeiou" else f"a {name}"


def _suffix(path: Path) -> str:
    """The file suffix that tells the kind, in lower case: ``.warc.gz`` counts as one."""
    name = path.name.lower()
    for long_suffix in WARC_SUFFIXES:
        if name.endswith(long_suffix) and len(name) > len(long_suffix):
            return long_suffix
    return path.suffix.lower()


def _kind_of(path: Path) -> str | None:
    """``text``, ``html``, ``jsonl``, ``csv`` or ``warc`` from the file suffix; None if unsupported."""
    suffix = _suffix(path)
    if suffix in TEXT_SUFFIXES or not suffix:
        return "text"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in CSV_SUFFIXES:
        return "csv"
    if suffix in WARC_SUFFIXES:
        return "warc"
    return None


def _as_url(given: str | os.PathLike[str]) -> str | None:
    """The URL ``given`` names, if it names one rather than a file.

    A string with a scheme (``https://...``, ``ftp://...``) is a URL. So is a path that does not
    exist and reads like a URL once ``Path`` has collapsed its ``//`` (``Path("https://x/y")`` is
    ``https:/x/y``), so that callers passing ``Path`` objects still get their URL fetched.
    """
    if isinstance(given, str):
        return given.strip() if looks_like_url(given) else None
    text = os.fspath(given)
    for scheme in ("http:/", "https:/"):
        lower = text.lower()
        if lower.startswith(scheme) and not lower.startswith(scheme + "/") and not Path(text).exists():
            return text[: len(scheme)] + "/" + text[len(scheme) :]
    return None


# --------------------------------------------------------------------------- what to read


def _walk_folder(root: Path, label: str) -> tuple[list[_Source], list[InputError]]:
    """The supported, non-hidden files under ``root`` (recursively, sorted), and walk errors."""
    errors: list[InputError] = []

    def on_walk_error(exc: OSError) -> None:
        errors.append(_error(str(exc.filename or label), _os_problem(exc)))

    found: list[tuple[str, Path]] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=on_walk_error):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            path = Path(dirpath) / name
            if name.startswith(".") or _suffix(path) not in SUPPORTED_SUFFIXES:
                continue
            if path.stem.upper() in FOLDER_SKIP_STEMS:
                continue  # a folder's own README or licence is not an article
            found.append((path.relative_to(root).as_posix(), path))
    sources = []
    for rel, path in sorted(found):
        kind = _kind_of(path)
        if kind is None:  # pragma: no cover - filtered above
            continue
        suffix = _suffix(path)
        rel_stem = rel[: -len(suffix)] if suffix else rel
        sources.append(_Source(path, str(Path(label) / rel), rel_stem, kind))
    if not sources and not errors:
        looked_for = ", ".join(SUPPORTED_SUFFIXES)
        errors.append(_error(label, f"folder has no files to read (looked for {looked_for})"))
    return sources, errors


def _plan(paths: Iterable[str | os.PathLike[str]]) -> list[_Source | _Url | InputError]:
    """Everything to read, in order: files found, URLs, and errors for paths that cannot be read."""
    plan: list[_Source | _Url | InputError] = []
    seen: set[Path] = set()

    def add(source: _Source) -> None:
        try:
            real = source.path.resolve()
        except OSError:
            real = source.path.absolute()
        if real in seen:
            logger.debug("%s: already read in this batch, skipped", source.label)
            return
        seen.add(real)
        plan.append(source)

    for given in paths:
        url = _as_url(given)
        if url is not None:
            plan.append(_Url(url, redact_url(url)))
            continue
        label = os.fspath(given)
        path = Path(given)
        try:
            is_dir, is_file = path.is_dir(), path.is_file()
            if not (is_dir or is_file):
                path.stat()  # raises FileNotFoundError or PermissionError if that is the reason
        except OSError as exc:
            plan.append(_error(label, _os_problem(exc)))
            continue
        if is_dir:
            sources, errors = _walk_folder(path, label)
            plan.extend(errors)
            for source in sources:
                add(source)
        elif is_file:
            kind = _kind_of(path)
            if kind is None:
                expected = ", ".join(FILE_SUFFIXES)
                plan.append(_error(label, f"unsupported file type '{_suffix(path)}' (expected {expected})"))
                continue
            # A file named on its own is told apart from another of the same stem by its folder.
            relative = f"{path.parent.name}/{path.stem}" if path.parent.name else path.stem
            add(_Source(path, label, relative, kind))
        else:
            plan.append(_error(label, "not a regular file or folder"))
    return plan


def _assign_keys(sources: list[_Source]) -> None:
    """Give every file a unique id: its stem; when stems collide, its relative path without the
    suffix (``sub/a``); when that collides too, with the suffix (``sub/a.html``); else ``~2``..."""
    stems = Counter(s.path.stem for s in sources)
    relatives = Counter(s.relative for s in sources if stems[s.path.stem] > 1)
    taken: set[str] = set()
    for source in sources:
        if stems[source.path.stem] == 1:
            base = source.path.stem
        elif relatives[source.relative] == 1:
            base = source.relative
        else:
            base = source.relative + source.path.suffix
        key, n = base, 2
        while key in taken:
            key, n = f"{base}~{n}", n + 1
        taken.add(key)
        source.key = key


class _IdRegistry:
    """Keeps document ids unique within one call of :func:`read_documents`."""

    def __init__(self, reserved: set[str]) -> None:
        self._reserved = reserved  # ids of files, known before reading starts
        self._used: set[str] = set()

    def claim(self, wanted: str, *, reserved_for_me: bool = False) -> str:
        """``wanted`` if nobody else has it, else ``wanted~2``, ``wanted~3``..."""
        key, n = wanted, 2
        while key in self._used or (key in self._reserved and not (reserved_for_me and key == wanted)):
            key, n = f"{wanted}~{n}", n + 1
        self._used.add(key)
        return key


# --------------------------------------------------------------------------- whole files


def _regular_file_size(path: Path) -> int:
    """The size of ``path`` from stat; refuses what is not a regular file (a FIFO would block)."""
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        raise _Refused("not a regular file")
    return info.st_size


def _read_bytes(path: Path) -> bytes:
    """The whole file, after checking its size with stat; refuses empty, too large and binary files."""
    limit = settings.max_input_bytes
    try:
        size = _regular_file_size(path)
        if size > limit:
            raise _Refused(_too_large(size))
        with path.open("rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise _Refused(_os_problem(exc)) from None
    if len(data) > limit:  # the file grew after stat
        raise _Refused(_too_large(len(data)))
    if not data:
        raise _Refused("empty file")
    if data.startswith(_UTF16_BOMS):
        raise _Refused(_UTF16_PROBLEM)
    if _is_binary(data):
        raise _Refused("binary file, not text")
    return data


def _read_file(source: _Source, ids: _IdRegistry) -> Document:
    """One plain-text or HTML file as a Document; raises _Refused if it cannot be used."""
    data = _read_bytes(source.path)
    is_html = source.kind == "html"
    text = _decode(data, html=is_html)
    if not is_html and looks_like_html(text):
        is_html = True
    if is_html:
        content = extract_html(text)
        if content is None:
            raise _Refused("no text found in the HTML page (malformed or empty)")
        cleaned, detected = clean_text(content.text)
        return Document(
            id=ids.claim(source.key, reserved_for_me=True),
            text=_checked_text(cleaned),
            title=content.title or detected,
            url=content.url,
            published=content.published,
            source=content.source,
            origin=source.label,
        )
    if not text.strip():
        raise _Refused("no text after cleaning (only whitespace)")
    cleaned, title = clean_text(text)
    return Document(
        id=ids.claim(source.key, reserved_for_me=True),
        text=_checked_text(cleaned),
        title=title,
        origin=source.label,
    )


# --------------------------------------------------------------------------- JSON Lines


def _jsonl_document(
    obj: dict[str, Any],
    lineno: int,
    source: _Source,
    ids: _IdRegistry,
    warn: Callable[[str], None],
    names: dict[str, str] | None = None,
) -> Document:
    """The Document of one JSON object (or CSV row); raises _Refused if it has no usable text.

    Problems that do not stop the line from being used (a bad id, a non-string title, an
    unparseable date) are passed to ``warn`` and the document is still made. ``names`` gives the
    names messages use for fields read from differently named columns (``{"text": "notes"}``).
    """

    def name(key: str) -> str:
        return (names or {}).get(key, key)

    text = obj.get("text")
    if text is None or (isinstance(text, str) and not text.strip()):
        raise _Refused(f"line {lineno} has no '{name('text')}'")
    if not isinstance(text, str):
        raise _Refused(f"line {lineno} has no 'text' (got {_a_json_type(text)}, expected a string)")
    cleaned, detected = clean_text(text)
    try:
        cleaned = _checked_text(cleaned)
    except _Refused as refused:
        raise _Refused(f"line {lineno}: {refused.problem}") from None

    default_id = f"{source.key}:{lineno}"
    raw_id = obj.get("id")
    if raw_id is None:
        wanted = default_id
    elif isinstance(raw_id, int) and not isinstance(raw_id, bool):
        wanted = str(raw_id)
    elif isinstance(raw_id, str) and raw_id.strip():
        wanted = raw_id.strip()
    else:
        wanted = default_id
        warn(f"line {lineno} has an invalid '{name('id')}' {_quote(raw_id)}; used {default_id!r}")
    doc_id = ids.claim(wanted)
    if doc_id != wanted:
        warn(f"line {lineno} repeats the id {wanted!r} already used in this batch; used {doc_id!r}")

    def optional_str(key: str) -> str | None:
        value = obj.get(key)
        if value is None:
            return None
        if isinstance(value, str):
            return value.strip() or None
        warn(f"line {lineno} has a non-string '{key}' (got {_a_json_type(value)}); ignored")
        return None

    published: dt.date | None = None
    raw_published = obj.get("published")
    if raw_published is not None and raw_published != "":
        if isinstance(raw_published, str):
            published = _parse_published(raw_published)
        if published is None:
            warn(
                f"line {lineno} has an unparseable '{name('published')}' date {_quote(raw_published)}"
                " (expected ISO 8601 like 2024-03-05); kept the document without a date"
            )

    return Document(
        id=doc_id,
        text=cleaned,
        title=optional_str("title") or detected,
        url=optional_str("url"),
        published=published,
        source=optional_str("source"),
        origin=f"{source.label}:{lineno}",
        language=optional_str("language") or "en",
    )


def _lines(fh: BinaryIO, limit: int) -> Iterator[tuple[int, int, bytes | int]]:
    """``(lineno, offset, line)`` for each line; ``line`` is its byte count instead when over ``limit``.

    Reads at most ``limit + 1`` bytes at a time, so memory stays bounded whatever the line length.
    """
    lineno, offset = 0, 0
    while True:
        line = fh.readline(limit + 1)
        if not line:
            return
        lineno += 1
        if len(line) > limit and not line.endswith(b"\n"):
            size = len(line)
            while chunk := fh.readline(1 << 20):
                size += len(chunk)
                if chunk.endswith(b"\n"):
                    break
            yield lineno, offset, size
            offset += size
            continue
        yield lineno, offset, line
        offset += len(line)


def _read_jsonl(source: _Source, ids: _IdRegistry, report: ErrorHandler) -> Iterator[Document]:
    """The Documents of a JSON Lines file, streamed line by line; bad lines are reported."""
    limit = settings.max_input_bytes
    label = source.label
    try:
        _regular_file_size(source.path)
        with source.path.open("rb") as fh:
            head = fh.read(_SNIFF_BYTES)
            if not head:
                report(_error(label, "empty file"))
                return
            if head.startswith(_UTF16_BOMS):
                report(_error(label, _UTF16_PROBLEM))
                return
            if _is_binary(head):
                report(_error(label, "binary file, not text"))
                return
            if head.lstrip(codecs.BOM_UTF8 + b" \t\r\n").startswith(b"[") or (
                source.path.suffix.lower() == ".json" and _is_one_json_value(source.path)
            ):
                yield from _read_json_array(source, fh, ids, report)
                return
            fh.seek(0)
            non_blank = 0
            for lineno, offset, line in _lines(fh, limit):
                where = f"{label}:{lineno}"
                if isinstance(line, int):
                    report(_error(where, f"line {lineno} is {_too_large(line)}"))
                    non_blank += 1
                    continue
                bom = len(codecs.BOM_UTF8) if lineno == 1 and line.startswith(codecs.BOM_UTF8) else 0
                try:
                    decoded = line[bom:].decode("utf-8")
                except UnicodeDecodeError as exc:
                    report(_error(where, f"line {lineno} is {_bad_utf8(line[bom:], exc, offset + bom)}"))
                    non_blank += 1
                    continue
                if not decoded.strip():
                    continue
                non_blank += 1
                try:
                    obj = json.loads(decoded)
                except json.JSONDecodeError as exc:
                    report(_error(where, f"line {lineno} is not valid JSON: {exc.msg} (column {exc.colno})"))
                    continue
                except RecursionError:
                    report(_error(where, f"line {lineno} is not valid JSON: nested too deeply"))
                    continue
                if not isinstance(obj, dict):
                    report(_error(where, f"line {lineno} is not a JSON object (got {_a_json_type(obj)})"))
                    continue

                def warn(problem: str, where: str = where) -> None:
                    report(_error(where, problem))

                try:
                    doc = _jsonl_document(obj, lineno, source, ids, warn)
                except _Refused as refused:
                    report(_error(where, refused.problem))
                    continue
                yield doc
            if non_blank == 0:
                report(_error(label, "no text after cleaning (only blank lines)"))
    except _Refused as refused:
        report(_error(label, refused.problem))
    except OSError as exc:
        report(_error(label, _os_problem(exc)))


def _is_one_json_value(path: Path) -> bool:
    """Whether a .json file holds one JSON value (not JSON Lines), within the size limit."""
    try:
        if path.stat().st_size > settings.max_input_bytes:
            return False
        json.loads(path.read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        return False
    return True


def _read_json_array(
    source: _Source, fh: BinaryIO, ids: _IdRegistry, report: ErrorHandler
) -> Iterator[Document]:
    """The Documents of a .json file holding one array of objects (read whole, within the size limit)."""
    label = source.label
    size = _regular_file_size(source.path)
    if size > settings.max_input_bytes:
        report(_error(label, _too_large(size)))
        return
    fh.seek(0)
    try:
        items = json.loads(fh.read().decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        report(_error(label, f"not valid UTF-8 ({exc.reason})"))
        return
    except json.JSONDecodeError as exc:
        report(_error(label, f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"))
        return
    if isinstance(items, dict):
        items = [items]  # one document
    for n, obj in enumerate(items if isinstance(items, list) else [], start=1):
        where = f"{label}[{n}]"
        if not isinstance(obj, dict):
            report(_error(where, f"item {n} is not a JSON object (got {_a_json_type(obj)})"))
            continue

        def warn(problem: str, where: str = where) -> None:
            report(_error(where, problem))

        try:
            yield _jsonl_document(obj, n, source, ids, warn)
        except _Refused as refused:
            report(_error(where, refused.problem))


# --------------------------------------------------------------------------- CSV, WARC, URLs


def _read_csv(source: _Source, ids: _IdRegistry, report: ErrorHandler) -> Iterator[Document]:
    """The Documents of a CSV file, streamed row by row; bad rows are reported."""
    try:
        _regular_file_size(source.path)
    except (_Refused, OSError) as exc:
        problem = exc.problem if isinstance(exc, _Refused) else _os_problem(exc)
        report(_error(source.label, problem))
        return
    for layout, row in read_csv_rows(source.path, source.label, report):
        where = f"{source.label}:{row.lineno}"

        def warn(problem: str, where: str = where) -> None:
            report(_error(where, problem))

        try:
            doc = _jsonl_document(row.values, row.lineno, source, ids, warn, names=layout.names)
        except _Refused as refused:
            report(_error(where, refused.problem))
            continue
        if "country" in row.values:
            doc.country_hint = country_hint(row.values["country"])
        yield doc


def _read_warc(source: _Source, ids: _IdRegistry, report: ErrorHandler) -> Iterator[Document]:
    """The Documents of the HTML and text pages of a web archive."""
    try:
        _regular_file_size(source.path)
    except (_Refused, OSError) as exc:
        problem = exc.problem if isinstance(exc, _Refused) else _os_problem(exc)
        report(_error(source.label, problem))
        return
    yield from read_warc(source.path, source.label, ids.claim, report)


def _read_url(item: _Url, ids: _IdRegistry, fetcher: Fetcher) -> Document:
    """The Document of a web page; raises InputError naming the URL if it cannot be used."""
    doc = fetcher.document(item.url, doc_id=url_id(item.url))
    doc.id = ids.claim(doc.id)
    return doc


# --------------------------------------------------------------------------- entry point


def _log_warning(err: InputError) -> None:
    """The default error handler: log the problem and go on."""
    logger.warning("%s", err)


def read_documents(
    paths: Iterable[str | Path] | str | Path,
    on_error: ErrorHandler | None = None,
    *,
    allow_private: bool = False,
    fetcher: Fetcher | None = None,
) -> Iterator[Document]:
    """Read files, folders and web pages of news reports as Documents, lazily and in order.

    Each path may be a file or a folder; folders are searched recursively, in sorted order, for
    files ending in one of :data:`SUPPORTED_SUFFIXES` (hidden files and folders are skipped). The
    file type comes from the suffix; a text file that starts with ``<!DOCTYPE html`` or ``<html`` is
    read as HTML. A plain-text or HTML file gives one Document whose id is the file stem (or, when
    two files share a stem, the path relative to the folder given, e.g. ``sub/a``); a JSON Lines
    file gives one Document per non-blank line, a CSV file one per row, a web archive one per HTML
    or text page. Ids are unique within one call.

    A string starting with a URL scheme is a URL: ``http(s)://`` pages are fetched with ``fetcher``
    (by default a :class:`~conflictlens.ingest.fetch.Fetcher` that refuses non-public addresses
    unless ``allow_private``) and their id is the URL; other schemes are refused.

    Every bad input (missing, empty, binary, not UTF-8, too large, malformed JSON line, HTML without
    text, refused URL...) becomes an :class:`InputError` with a one-line message naming the input
    (``path``, ``path:LINE`` or the URL) and the problem. It is passed to ``on_error`` (or logged as
    a warning when ``on_error`` is None) and reading goes on: the iterator itself never raises for
    a bad input. Some problems do not stop a document from being read (e.g. an unparseable
    ``published`` date in JSON Lines): they are reported the same way and the document is still
    yielded.
    """
    report: ErrorHandler = on_error if on_error is not None else _log_warning
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    plan = _plan(paths)
    sources = [item for item in plan if isinstance(item, _Source)]
    files = [s for s in sources if s.kind not in _MANY]
    _assign_keys(files)  # document ids
    _assign_keys([s for s in sources if s.kind in _MANY])  # prefixes of default ids ("news:3")
    ids = _IdRegistry({s.key for s in files})
    own_fetcher: Fetcher | None = None
    try:
        for item in plan:
            if isinstance(item, InputError):
                report(item)
            elif isinstance(item, _Url):
                if fetcher is None:
                    from conflictlens.ingest.fetch import Fetcher

                    fetcher = own_fetcher = Fetcher(allow_private=allow_private)
                try:
                    doc = _read_url(item, ids, fetcher)
                except InputError as exc:
                    report(_error(exc.source, exc.problem))
                    continue
                yield doc
            elif item.kind == "jsonl":
                yield from _read_jsonl(item, ids, report)
            elif item.kind == "csv":
                yield from _read_csv(item, ids, report)
            elif item.kind == "warc":
                yield from _read_warc(item, ids, report)
            else:
                try:
                    doc = _read_file(item, ids)
                except _Refused as refused:
                    report(_error(item.label, refused.problem))
                    continue
                yield doc
    finally:
        if own_fetcher is not None:
            own_fetcher.close()
