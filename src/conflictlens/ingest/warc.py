"""Web archives (WARC, ``.warc`` or ``.warc.gz``) as Documents, read with warcio.

Every ``response`` (or ``resource``) record holding an HTML or plain-text page with status 200
becomes one Document: its id is the record's ``WARC-Record-ID`` (else its URL), its ``url`` the
``WARC-Target-URI``, and its date the page's own date, else the HTTP ``Last-Modified`` header,
else the capture date (``WARC-Date``). Other records (requests, metadata, images, scripts,
redirects, revisits...) are skipped. The archive is read as a stream, so its size does not matter;
each record's body is limited to :data:`settings.max_input_bytes`.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from conflictlens import settings
from conflictlens.errors import InputError
from conflictlens.ingest.common import (
    HTML_TYPES,
    TEXT_TYPES,
    Refused,
    http_date,
    input_error,
    page_document,
    parse_published,
    too_large,
)
from conflictlens.model import Document

logger = logging.getLogger(__name__)

WARC_SUFFIXES = (".warc", ".warc.gz")
PAGE_RECORD_TYPES = frozenset({"response", "resource"})


def _media_type(value: str | None) -> tuple[str, str | None]:
    media, _, params = (value or "").partition(";")
    charset = None
    for param in params.split(";"):
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset" and val.strip():
            charset = val.strip().strip("\"'").lower()
    return media.strip().lower(), charset


def _record_id(record: Any) -> str | None:
    value = record.rec_headers.get_header("WARC-Record-ID")
    if not value:
        return None
    return value.strip().strip("<>") or None


def _warc_date(record: Any) -> dt.date | None:
    value = record.rec_headers.get_header("WARC-Date")
    return parse_published(value.replace("Z", "+00:00")) if value else None


def read_warc(
    path: Path,
    label: str,
    claim_id: Callable[[str], str],
    report: Callable[[InputError], None],
    *,
    max_record_bytes: int | None = None,
) -> Iterator[Document]:
    """The Documents of a WARC file; bad records and unreadable archives are reported, never raised.

    ``claim_id`` turns a wanted id into a unique one; errors name the archive and the record's URL.
    """
    from warcio.archiveiterator import ArchiveIterator  # imported late: only needed for archives
    from warcio.exceptions import ArchiveLoadFailed

    limit = max_record_bytes or settings.max_input_bytes
    pages = skipped = 0
    try:
        with path.open("rb") as fh:
            for record in ArchiveIterator(fh):
                if record.rec_type not in PAGE_RECORD_TYPES:
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI") or None
                where = f"{label}[{uri or _record_id(record) or 'record'}]"
                if record.rec_type == "response":
                    http = record.http_headers
                    if http is None:
                        skipped += 1
                        continue  # a non-HTTP response (dns:, whois:...)
                    status = http.get_statuscode()
                    if status != "200":
                        skipped += 1
                        continue
                    content_type = http.get_header("Content-Type")
                    last_modified = http.get_header("Last-Modified")
                else:
                    content_type = record.rec_headers.get_header("Content-Type")
                    last_modified = None
                media, charset = _media_type(content_type)
                if media not in HTML_TYPES and media not in TEXT_TYPES:
                    skipped += 1
                    logger.debug("%s: skipped (%s)", where, media or "no content type")
                    continue
                pages += 1
                body = record.content_stream().read(limit + 1)
                if len(body) > limit:
                    report(input_error(where, f"record {too_large(len(body), limit)}"))
                    continue
                wanted = _record_id(record) or uri or f"{label}#{pages}"
                try:
                    doc = page_document(
                        body,
                        doc_id=claim_id(wanted),
                        media_type=media,
                        charset=charset,
                        url=uri,
                        origin=where,
                        fallback_published=http_date(last_modified) or _warc_date(record),
                    )
                except Refused as refused:
                    report(input_error(where, refused.problem))
                    continue
                yield doc
    except ArchiveLoadFailed as exc:
        report(input_error(label, f"not a readable WARC archive: {exc}"))
        return
    except OSError as exc:
        report(input_error(label, f"cannot read: {exc.strerror or exc}"))
        return
    except (EOFError, ValueError) as exc:  # truncated gzip member, malformed headers
        report(input_error(label, f"damaged WARC archive: {exc}"))
        return
    if pages == 0:
        problem = f"no HTML or text pages in the archive ({skipped} other record(s) skipped)"
        report(input_error(label, problem))
