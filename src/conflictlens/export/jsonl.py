"""Export documents with their events as JSON Lines: one document per line, events nested."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from conflictlens.model import Document, Report

log = logging.getLogger(__name__)


def document_record(doc: Document, reports: list[Report], include_background: bool = True) -> dict[str, Any]:
    """One document as a JSON-ready dict: id, title, url, published, source and its events.

    Each event is :meth:`Report.to_dict` (so it has ``background`` and ``claims`` keys).
    Background reports are left out when ``include_background`` is False.
    """
    return {
        "id": doc.id,
        "title": doc.title,
        "url": doc.url,
        "published": doc.published.isoformat() if doc.published else None,
        "source": doc.source,
        "events": [r.to_dict() for r in reports if include_background or not r.background],
    }


def group_by_document(items: Iterable[tuple[Report, Document]]) -> Iterator[tuple[Document, list[Report]]]:
    """Turn consecutive ``(report, document)`` pairs (as :meth:`Store.reports` yields) into
    ``(document, reports)`` groups. Documents without reports do not appear."""
    current: Document | None = None
    group: list[Report] = []
    for report, doc in items:
        if current is not None and doc.id != current.id:
            yield current, group
            group = []
        current = doc
        group.append(report)
    if current is not None:
        yield current, group


def write_jsonl(
    items: Iterable[tuple[Document, list[Report]]], fh: TextIO, include_background: bool = True
) -> int:
    """Write one JSON object per document (see :func:`document_record`); return the number of lines."""
    n = 0
    for doc, reports in items:
        record = document_record(doc, reports, include_background=include_background)
        fh.write(json.dumps(record, ensure_ascii=False))
        fh.write("\n")
        n += 1
    log.info("wrote %d JSON lines", n)
    return n
