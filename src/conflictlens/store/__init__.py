"""Persistent storage of documents, event reports and evidence spans (SQLite or PostgreSQL)."""

from conflictlens.store.store import Store, iter_spans, make_engine, open_store, resolve_url

# Every module that defines tables on schema.Base must be imported here, so that the migrations'
# autogenerate and the test that compares head with the models see all of them.
from conflictlens.store import review as review  # isort: skip

__all__ = ["Store", "iter_spans", "make_engine", "open_store", "resolve_url"]
