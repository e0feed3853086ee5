"""Storing documents the way ``conflictlens ingest`` does: extract, store, deduplicate, resolve.

:class:`StoreLoader` keeps one :class:`~conflictlens.resolve.Resolver` and one
:class:`~conflictlens.ingest.dedup.Deduplicator` for a store, so that it can be fed batch after
batch (``conflictlens watch`` feeds it each poll's new entries).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from conflictlens.model import Document

if TYPE_CHECKING:
    from conflictlens.store import Store


@dataclass
class LoadCounts:
    """What one :meth:`StoreLoader.add` call did."""

    added: int = 0  # documents stored
    events: int = 0  # their events (background ones left out)
    skipped: int = 0  # documents already stored, or copies of stored ones

    def __iadd__(self, other: LoadCounts) -> LoadCounts:
        self.added += other.added
        self.events += other.events
        self.skipped += other.skipped
        return self


class StoreLoader:
    """Extracts the events of new documents, stores both and resolves the events into incidents.

    Re-adding a stored document is a no-op; a copy of a stored document under another id keeps its
    URL with the original (see :meth:`conflictlens.resolve.Resolver.add_document`).
    """

    def __init__(self, store: Store, *, country: str | None = None) -> None:
        from conflictlens.ingest.dedup import Deduplicator
        from conflictlens.resolve import Resolver

        self.store = store
        self.country = country
        self.resolver = Resolver(store)
        self.dedup = Deduplicator()
        self.dedup.seed(store.documents())

    def add(
        self, documents: Iterable[Document], on_document: Callable[[Document, bool], None] | None = None
    ) -> LoadCounts:
        """Store the documents that are new; ``on_document(doc, added)`` is called for each one."""
        from conflictlens.extract import extract_many

        counts = LoadCounts()
        store, resolver, dedup = self.store, self.resolver, self.dedup

        def fresh() -> Iterator[Document]:
            for doc in documents:
                if store.get_document(doc.id) is not None:
                    counts.skipped += 1  # the same document again: nothing to do
                    if on_document:
                        on_document(doc, False)
                    continue
                if store.has_content(doc.content_hash):
                    resolver.add_document(doc, [], dedup)  # a copy under another name: keep its URL
                    counts.skipped += 1
                    if on_document:
                        on_document(doc, False)
                    continue
                yield doc

        for doc, reports in extract_many(fresh(), country=self.country):
            resolver.add_document(doc, reports, dedup)
            added = store.get_document(doc.id) is not None
            if added:
                counts.added += 1
                counts.events += sum(1 for r in reports if not r.background)
            else:
                counts.skipped += 1
            if on_document:
                on_document(doc, added)
        return counts
