"""What ``conflictlens claims PATH...`` prints: who says what about the events of each document.

The CLI command is a thin wrapper around :func:`print_claims`; the work is in
:func:`document_claim_report`, which runs the pipeline, extracts the reports and attaches the claims,
so library users get the same.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import TextIO

from conflictlens import settings
from conflictlens.model import Claim, Document, Report

log = logging.getLogger(__name__)


def document_claim_report(
    documents: Iterable[Document], country: str | None = None
) -> Iterator[tuple[Document, list[Report], list[Claim]]]:
    """Each document with its reports (claims attached) and every claim it makes.

    ``country`` (ISO2 or name): the country in focus for documents whose text names none.
    """
    from conflictlens.extract import country_code, reports_from_doc
    from conflictlens.nlp.claims import attach_claims, document_claims
    from conflictlens.nlp.pipeline import load_pipeline

    nlp = load_pipeline("en")
    if "conflictlens_claims" not in nlp.pipe_names:
        nlp.add_pipe("conflictlens_claims")
    hint = country_code(country) if country else None

    def with_hint(d: Document) -> Document:
        if hint and not d.country_hint:
            d.country_hint = hint
        return d

    pairs = ((d.text[: settings.max_doc_chars], with_hint(d)) for d in documents)
    for doc, document in nlp.pipe(pairs, as_tuples=True, batch_size=settings.nlp_batch_size):
        reports = reports_from_doc(doc, document)
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


def print_claims(documents: Iterable[Document], out: TextIO, country: str | None = None) -> int:
    """Write the claims of each document to ``out``, readable by a person; return the number of documents."""
    n = 0
    for document, reports, claims in document_claim_report(documents, country=country):
        for line in claim_report_lines(document, reports, claims):
            out.write(line + "\n")
        out.write("\n")
        n += 1
    log.info("printed the claims of %d document(s)", n)
    return n
