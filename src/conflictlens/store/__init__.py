"""Persistent storage of documents, event reports and evidence spans (SQLite or PostgreSQL)."""

from conflictlens.store.store import Store, iter_spans, open_store, resolve_url

__all__ = ["Store", "iter_spans", "open_store", "resolve_url"]
