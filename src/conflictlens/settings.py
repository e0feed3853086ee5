"""Limits and defaults in one place. Units are in the names."""

from __future__ import annotations

# Reading input
max_input_bytes = 20 * 1024 * 1024  # larger files are refused with a clear error
min_text_chars = 20  # a document shorter than this after cleaning is reported as empty

# Store
default_db_url = "sqlite:///conflictlens.db"

# NLP
nlp_batch_size = 64
max_doc_chars = 200_000  # longer texts are processed in chunks of paragraphs
