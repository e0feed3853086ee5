"""What ``conflictlens claims PATH...`` prints: who says what about the events of each document.

The CLI command is a thin wrapper around :func:`print_claims`; the work is in
:func:`document_claim_report`, which runs the pipeline, extracts the reports and attaches the claims,
so library users get the same.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import TextIO

from conflictlens.model import Claim, Document, Report

log = logging.getLogger(__name__)


def document_claim_report(
    documents: Iterable[Document], country: str | None = None, lang: str | None = None
) -> Iterator[tuple[Document, list[Report], list[Claim]]]:
    """Each document with its reports (claims attached) and every claim it makes.

    ``country`` (ISO2 or name): the country in focus for documents whose text names none.
    ``lang``: the language to read every document in ("en", "fr"); detected per document by default.
    """
    from conflictlens.extract import docs_and_reports
    from conflictlens.nlp.claims import attach_claims, document_claims

    for doc, document, reports in docs_and_reports(documents, country=country, triage=False, lang=lang):
        attach_claims(doc, document, reports)  # idempotent: harmless once extract does it too
        yield document, reports, document_claims(doc, document, reports=reports)


def claim_report_lines(document: Document, reports: list[Report], claims: list[Claim]) -> Iterator[str]:
    """The lines printed for one document."""
    from conflictlens.nlp.claims import iter_claim_lines

    title = f" — {document.title}" if document.title else ""
    yield f"== {document.id}{title}"
    if not reports and not claims:
        yield "  no events and no claims found"
        return
    if not claims:
        yield "  no claims found"
    yield from iter_claim_lines(reports, claims)


def print_claims(
    documents: Iterable[Document], out: TextIO, country: str | None = None, lang: str | None = None
) -> int:
    """Write the claims of each document to ``out``, readable by a person; return the number of documents."""
    n = 0
    for document, reports, claims in document_claim_report(documents, country=country, lang=lang):
        for line in claim_report_lines(document, reports, claims):
            out.write(line + "\n")
        out.write("\n")
        n += 1
    log.info("printed the claims of %d document(s)", n)
    return n
