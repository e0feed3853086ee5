"""Reading news reports (plain text, HTML pages, JSON Lines) into Documents.

Use :func:`read_documents`; bad inputs are reported one by one through its ``on_error`` callback
and never stop a batch.
"""

from __future__ import annotations

from conflictlens.ingest.clean import clean_text, detect_title
from conflictlens.ingest.html import HtmlContent, extract_html, looks_like_html
from conflictlens.ingest.readers import SUPPORTED_SUFFIXES, ErrorHandler, read_documents

__all__ = [
    "SUPPORTED_SUFFIXES",
    "ErrorHandler",
    "HtmlContent",
    "clean_text",
    "detect_title",
    "extract_html",
    "looks_like_html",
    "read_documents",
]
