"""Pieces shared by the readers of files, URLs, feeds and web archives.

Turning raw bytes into a :class:`~conflictlens.model.Document` is the same whether the bytes come
from a file, an HTTP response or a WARC record: refuse binary data, decode (UTF-8, else a declared
character set, nothing guessed), extract the main text of HTML, clean it and check enough is left.
"""

from __future__ import annotations

import codecs
import datetime as dt
import email.utils
import hashlib
import re
import urllib.parse

from conflictlens import settings
from conflictlens.errors import InputError
from conflictlens.ingest.clean import clean_text
from conflictlens.ingest.html import declared_charset, extract_html, looks_like_html
from conflictlens.model import Document

SNIFF_BYTES = 8192  # how much of an input the binary check looks at
_MAX_CONTROL_SHARE = 0.10  # more control characters than this share of the sample: binary
# Control bytes that plain text does not contain (tab, newline, form feed and carriage return do).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13)) + b"\x7f"
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
UTF16_PROBLEM = "not valid UTF-8 (starts with a UTF-16 byte-order mark; convert it to UTF-8)"

#: Media types read as HTML, and as plain text.
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain"})

#: Longest document id the store keeps (documents.id is a String(512)).
MAX_ID_CHARS = 512

_SCHEME = re.compile(r"\A[A-Za-z][A-Za-z0-9+.-]*://")


class Refused(Exception):
    """An input cannot be read; ``problem`` says why (the caller turns it into an InputError)."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


def one_line(text: str) -> str:
    """``text`` with line breaks escaped, so that every message is one line."""
    return text.replace("\r", "\\r").replace("\n", "\\n")


def input_error(source: str, problem: str) -> InputError:
    """An InputError with a one-line message."""
    return InputError(one_line(source), one_line(problem))


def megabytes(n_bytes: int) -> str:
    """A size in MB (MiB) with one decimal, e.g. ``50.0 MB``."""
    return f"{n_bytes / (1024 * 1024):.1f} MB"


def too_large(n_bytes: int, limit: int | None = None) -> str:
    return f"too large: {megabytes(n_bytes)}, limit {megabytes(limit or settings.max_input_bytes)}"


def is_binary(sample: bytes) -> bool:
    """True if ``sample`` has NUL bytes or a high share of control characters."""
    if b"\x00" in sample:
        return True
    head = sample[:SNIFF_BYTES]
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls > _MAX_CONTROL_SHARE * len(head)


def bad_utf8(data: bytes, exc: UnicodeDecodeError, base_offset: int = 0) -> str:
    """The message for bytes that are not UTF-8, naming the first bad byte and its offset."""
    offset = base_offset + exc.start
    return f"not valid UTF-8 (bad byte 0x{data[exc.start]:02x} at offset {offset})"


def _is_utf8_name(charset: str) -> bool:
    try:
        return codecs.lookup(charset).name in ("utf-8", "utf-8-sig")
    except LookupError:
        return False


def decode(data: bytes, *, html: bool, charset: str | None = None) -> str:
    """Decode UTF-8 (a BOM is accepted). Otherwise ``charset`` (an HTTP header's) or, for HTML, the
    character set the page declares is used; nothing is guessed."""
    bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        return data[bom:].decode("utf-8")
    except UnicodeDecodeError as exc:
        candidates = [charset, declared_charset(data) if html else None]
        for name in candidates:
            if not name or _is_utf8_name(name):
                continue
            try:
                return data.decode(name)
            except (LookupError, UnicodeDecodeError):
                continue
        raise Refused(bad_utf8(data[bom:], exc, bom)) from None


def checked_text(cleaned: str) -> str:
    """``cleaned`` if it has enough text, else refused as empty."""
    if not cleaned:
        raise Refused("no text after cleaning (only whitespace)")
    if len(cleaned) < settings.min_text_chars:
        raise Refused(
            f"too little text after cleaning: {len(cleaned)} characters, minimum {settings.min_text_chars}"
        )
    return cleaned


def parse_published(value: str) -> dt.date | None:
    """A date from an ISO date or datetime string, or None if it is neither."""
    value = value.strip()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(value).date()
    except ValueError:
        return None


def http_date(value: str | None) -> dt.date | None:
    """The date of an HTTP date header (``Tue, 05 Mar 2024 10:00:00 GMT``), or None."""
    if not value:
        return None
    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return None


def looks_like_url(value: object) -> bool:
    """True for a string that starts with a URL scheme (``https://``, ``ftp://``, ``file://``...)."""
    return isinstance(value, str) and _SCHEME.match(value.strip()) is not None


def redact_url(url: str) -> str:
    """``url`` without a password in it (``https://user:secret@host`` → ``https://user:***@host``)."""
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:
        return url
    if parts.password is None:
        return url
    host = parts.netloc.rsplit("@", 1)[-1]
    return urllib.parse.urlunsplit(parts._replace(netloc=f"{parts.username}:***@{host}"))


def url_id(url: str) -> str:
    """The document id of a web page: its URL without the fragment, scheme and host in lower case.

    The same article reached from the command line, a feed or a web archive gets the same id. An
    id longer than the store keeps is cut and ends with a hash of the whole URL.
    """
    url = url.strip()
    try:
        parts = urllib.parse.urlsplit(url)
        url = urllib.parse.urlunsplit(
            (parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, "")
        )
    except ValueError:
        pass
    if len(url) > MAX_ID_CHARS:
        digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]
        url = f"{url[: MAX_ID_CHARS - 18]}#{digest}"
    return url


def page_document(
    data: bytes,
    *,
    doc_id: str,
    media_type: str | None,
    charset: str | None = None,
    url: str | None = None,
    origin: str | None = None,
    fallback_published: dt.date | None = None,
    fallback_title: str | None = None,
) -> Document:
    """The Document of one web page or text body; raises :class:`Refused` if it cannot be used.

    ``media_type`` decides between HTML and plain text (a text body that starts like HTML is read
    as HTML). The page's own date and title win over the fallbacks; ``url`` is where the page was
    read from (the page's canonical link is not trusted over it).
    """
    if not data:
        raise Refused("empty body")
    if data.startswith(UTF16_BOMS):
        raise Refused(UTF16_PROBLEM)
    if is_binary(data):
        raise Refused("binary content, not text")
    html = media_type in HTML_TYPES
    text = decode(data, html=True, charset=charset)
    if not html and looks_like_html(text):
        html = True
    if html:
        content = extract_html(text, url=url)
        if content is None:
            raise Refused("no text found in the HTML page (malformed or empty)")
        cleaned, detected = clean_text(content.text)
        return Document(
            id=doc_id,
            text=checked_text(cleaned),
            title=content.title or fallback_title or detected,
            url=url or content.url,
            published=content.published or fallback_published,
            source=content.source,
            origin=origin,
        )
    cleaned, detected = clean_text(text)
    return Document(
        id=doc_id,
        text=checked_text(cleaned),
        title=fallback_title or detected,
        url=url,
        published=fallback_published,
        origin=origin,
    )
