"""Incremental incident resolution over a store: each new report joins an incident or starts one.

:class:`Resolver` keeps the features of every resolved report in memory with a blocking index
(country, date bucket, coarse grid cell), so a new report is compared only with the reports of
nearby incidents, in one pass, without re-clustering the store. A report joins the incident it
matches best (see :mod:`conflictlens.resolve.match`) only if it is compatible with *every* member
of that incident, which keeps incidents from drifting by chains of near-matches.

Analysts' review decisions (split, merge) are recorded in the store and replayed as constraints:
reports split apart never share an incident again, merged reports always do, even in a
:meth:`Resolver.rebuild` from scratch.
"""

from __future__ import annotations

import hashlib
import logging
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from conflictlens import settings
from conflictlens.errors import ConflictlensError
from conflictlens.model import Document, Report
from conflictlens.resolve.match import Features, compare, date_slack_days, features_of
from conflictlens.resolve.merge import build_incident
from conflictlens.resolve.model import Incident
from conflictlens.store import incidents as tables
from conflictlens.store.incidents import Membership
from conflictlens.store.store import Store

if TYPE_CHECKING:
    from conflictlens.ingest.dedup import Deduplicator

log = logging.getLogger(__name__)

BlockKey = tuple[str, int, int, int]


class ReviewError(ConflictlensError):
    """A split or merge that cannot be done (unknown incident, reports not in it, ...)."""


def incident_id_for(report_ids: Iterable[str]) -> str:
    """A stable incident id from the reports that founded it."""
    key = "\n".join(sorted(report_ids))
    return "INC-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


class Resolver:
    """Assigns reports to incidents in a :class:`Store`, incrementally. Load once, then :meth:`add`.

    Reports must already be stored (:meth:`Store.ingest`) before they are resolved.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self._features: dict[str, Features] = {}
        self._incident_of: dict[str, str] = {}
        self._members: dict[str, list[str]] = {}
        self._index: dict[BlockKey, list[str]] = defaultdict(list)  # block -> report ids
        self._reports: dict[str, tuple[Report, Document]] = {}
        self._apart: dict[str, set[str]] = defaultdict(set)
        self._together: dict[str, set[str]] = defaultdict(set)
        self._reviewed: set[str] = set()
        self._dirty: set[str] = set()
        self._removed: set[str] = set()
        self._pending: list[Membership] = []
        self.last_stored = False  # whether the last add_document stored its document
        self.families, self.copies = tables.families(store)
        for decision in tables.decisions(store):
            self._apply_decision(decision.kind, decision.report_ids, decision.other_ids)
        self._load()

    # -- loading -------------------------------------------------------------------------

    def _load(self) -> None:
        members = tables.memberships(self.store)
        if not members:
            return
        found = tables.reports_by_id(self.store, (m.report_id for m in members))
        for m in members:
            pair = found.get(m.report_id)
            if pair is None:
                log.warning("incident %s: report %s is no longer stored", m.incident_id, m.report_id)
                continue
            self._place(pair[0], pair[1], m.incident_id)
            if m.how == "review":
                self._reviewed.add(m.incident_id)
        log.info("loaded %d incident(s) with %d report(s)", len(self._members), len(self._incident_of))

    def _apply_decision(self, kind: str, report_ids: Sequence[str], other_ids: Sequence[str]) -> None:
        if kind == "split":
            for r in report_ids:
                for o in other_ids:
                    self._apart[r].add(o)
                    self._apart[o].add(r)
                    self._together[r].discard(o)
                    self._together[o].discard(r)
        elif kind == "merge":
            for r in report_ids:
                for o in report_ids:
                    if r != o:
                        self._together[r].add(o)
                        self._apart[r].discard(o)

    # -- the index -----------------------------------------------------------------------

    @staticmethod
    def _cell(f: Features) -> tuple[int, int] | None:
        if f.latitude is None or f.longitude is None:
            return None
        size = settings.resolve_block_cell_deg
        return math.floor(f.latitude / size), math.floor(f.longitude / size)

    @staticmethod
    def _buckets(f: Features) -> range:
        assert f.start is not None and f.end is not None
        slack = date_slack_days(f.precision)
        width = settings.resolve_block_days
        return range((f.start - slack) // width, (f.end + slack) // width + 1)

    def _keys(self, f: Features) -> list[BlockKey]:
        cell = self._cell(f)
        if f.iso2 is None or f.start is None or cell is None:
            return []
        return [(f.iso2, b, cell[0], cell[1]) for b in self._buckets(f)]

    def _candidates(self, f: Features) -> list[str]:
        cell = self._cell(f)
        if f.iso2 is None or f.start is None or cell is None:
            return []
        reach = math.ceil(settings.merge_radius_region_km / 111.0 / settings.resolve_block_cell_deg)
        found: set[str] = set()
        for b in self._buckets(f):
            for dy in range(-reach, reach + 1):
                for dx in range(-reach, reach + 1):
                    for rid in self._index.get((f.iso2, b, cell[0] + dy, cell[1] + dx), ()):
                        found.add(self._incident_of[rid])
        return sorted(found)

    def _place(self, report: Report, doc: Document, incident_id: str) -> Features:
        f = features_of(report, doc)
        self._features[report.id] = f
        self._reports[report.id] = (report, doc)
        self._incident_of[report.id] = incident_id
        self._members.setdefault(incident_id, []).append(report.id)
        for key in self._keys(f):
            self._index[key].append(report.id)
        return f

    # -- resolving -----------------------------------------------------------------------

    def incident_of(self, report_id: str) -> str | None:
        """The incident a report belongs to, or None if it was not resolved."""
        return self._incident_of.get(report_id)

    def members(self, incident_id: str) -> list[str]:
        """The report ids of an incident, in the order they joined."""
        return list(self._members.get(incident_id, ()))

    def _choose(self, f: Features) -> tuple[str | None, int, str]:
        """The incident ``f`` should join (None: a new one), the match score and how."""
        placed = sorted(
            {self._incident_of[o] for o in self._together.get(f.report_id, ()) if o in self._incident_of}
        )
        if placed:
            return placed[0], 0, "review"
        best: tuple[int, str] | None = None
        apart = self._apart.get(f.report_id, set())
        for incident_id in self._candidates(f):
            members = self._members[incident_id]
            if apart and apart.intersection(members):
                continue
            top = -1
            for rid in members:
                m = compare(f, self._features[rid])
                if m.veto is not None:
                    top = -1
                    break
                if m.ok:
                    top = max(top, m.score)
            if top >= 0 and (best is None or top > best[0]):
                best = (top, incident_id)
        if best is None:
            return None, 0, "created"
        return best[1], best[0], "matched"

    def _assign(self, report: Report, doc: Document) -> str:
        if report.id in self._incident_of:
            return self._incident_of[report.id]
        f = features_of(report, doc)
        incident_id, score, how = self._choose(f)
        if incident_id is None:
            incident_id = incident_id_for([report.id])
            while incident_id in self._members:  # the id of a split-off incident
                incident_id = incident_id_for([report.id, incident_id])
        self._place(report, doc, incident_id)
        self._pending.append(Membership(report.id, incident_id, doc.id, how, score))
        self._dirty.add(incident_id)
        log.debug("report %s -> incident %s (%s, score %d)", report.id, incident_id, how, score)
        return incident_id

    def add(self, report: Report, doc: Document) -> str:
        """Resolve one stored report: the id of the incident it joined or created (saved at once)."""
        incident_id = self._assign(report, doc)
        self.flush()
        return incident_id

    def add_many(self, pairs: Iterable[tuple[Report, Document]]) -> list[str]:
        """Resolve many reports in order, saving every :data:`settings.resolve_batch_reports`."""
        out: list[str] = []
        for n, (report, doc) in enumerate(pairs, 1):
            out.append(self._assign(report, doc))
            if n % settings.resolve_batch_reports == 0:
                self.flush()
        self.flush()
        return out

    def add_document(
        self,
        doc: Document,
        reports: list[Report],
        dedup: Deduplicator | None = None,
        *,
        new: bool = False,
        content_hash: str | None = None,
    ) -> list[str]:
        """Store a document with its reports, note it if it copies an earlier one, resolve its events.

        An exact copy (found by ``dedup`` or by its content hash in the store) is not stored again:
        its URL is kept with the original (and the incidents of the original show it). A
        near-duplicate is stored and resolved like any document but does not count as an
        independent source. Background reports are stored but not resolved.

        ``new=True`` says the caller has checked that neither ``doc`` nor a document with its text
        is stored (bulk ingestion keeps both in memory), which saves three queries a document;
        ``content_hash`` is ``doc.content_hash`` when the caller has it.
        :attr:`last_stored` tells afterwards whether ``doc`` was stored (False for a copy).
        """
        chash = content_hash or doc.content_hash
        dup = dedup.check(doc, content_hash=chash) if dedup is not None else None
        canonical = dup.canonical_id if dup is not None and dup.kind == "exact" else None
        self.last_stored = False
        if canonical is None and not new and self.store.get_document(doc.id) is None:
            stored = self.store.document_id_by_content(chash)
            canonical = stored if stored is not None and stored != doc.id else None
        if canonical is not None:
            self.store.record_duplicate(doc, canonical, "exact", 1.0)
            self.families[doc.id] = canonical
            self.copies.setdefault(canonical, []).append(doc.url or doc.id)
            self._dirty.update(
                self._incident_of[r] for r, (_, d) in self._reports.items() if d.id == canonical
            )
            self.flush()
            return []
        if self.store.ingest(doc, reports, new=new, content_hash=chash):
            self.last_stored = True
        else:
            log.info("document %s already stored; resolving its stored reports", doc.id)
            reports = self.store.reports_of(doc.id)
        if dup is not None:
            self.store.record_duplicate(doc, dup.canonical_id, dup.kind, dup.similarity)
            self.families[doc.id] = dup.canonical_id
        return self.add_many((r, doc) for r in reports if not r.background)

    def resolve_pending(self, include_background: bool = False) -> int:
        """Resolve every stored report not yet in an incident; return how many were added."""
        before = len(self._incident_of)
        todo = (
            (r, d)
            for r, d in self.store.reports(include_background=include_background)
            if r.id not in self._incident_of
        )
        self.add_many(todo)
        return len(self._incident_of) - before

    def rebuild(self, include_background: bool = False) -> int:
        """Forget every incident and resolve the store again from scratch, respecting review decisions."""
        tables.clear_incidents(self.store)
        self._features.clear()
        self._incident_of.clear()
        self._members.clear()
        self._index.clear()
        self._reports.clear()
        self._reviewed.clear()
        self._dirty.clear()
        self._removed.clear()
        self._pending.clear()
        return self.resolve_pending(include_background=include_background)

    # -- building and saving ---------------------------------------------------------------

    def incident(self, incident_id: str) -> Incident:
        """The merged :class:`Incident` as it stands in memory."""
        ids = self._members.get(incident_id)
        if not ids:
            raise ReviewError(f"no incident {incident_id}")
        return build_incident(
            incident_id,
            [self._reports[r] for r in ids],
            self.families,
            self.copies,
            reviewed=incident_id in self._reviewed,
        )

    def incidents(self) -> Iterator[Incident]:
        """Every incident in memory, by id."""
        for incident_id in sorted(self._members):
            yield self.incident(incident_id)

    def flush(self) -> None:
        """Save the incidents changed since the last flush and the new memberships."""
        if not (self._dirty or self._pending or self._removed):
            return
        built = [self.incident(i) for i in sorted(self._dirty) if self._members.get(i)]
        removed = self._removed | {i for i in self._dirty if not self._members.get(i)}
        tables.save_incidents(self.store, built, self._pending, removed)
        log.debug("saved %d incident(s), %d membership(s)", len(built), len(self._pending))
        self._dirty.clear()
        self._removed.clear()
        self._pending = []

    # -- review --------------------------------------------------------------------------

    def _move(self, report_id: str, target: str) -> None:
        source = self._incident_of[report_id]
        self._members[source].remove(report_id)
        if not self._members[source]:
            del self._members[source]
            self._removed.add(source)
        self._members.setdefault(target, []).append(report_id)
        self._incident_of[report_id] = target
        _, doc = self._reports[report_id]
        self._pending.append(Membership(report_id, target, doc.id, "review", 0))
        self._dirty.update({source, target})

    def split(
        self, incident_id: str, report_ids: Sequence[str], analyst: str | None = None, note: str | None = None
    ) -> str:
        """Move ``report_ids`` out of an incident into a new one; they will never be merged back
        automatically. Returns the new incident's id. The decision is recorded."""
        members = self._members.get(incident_id)
        if not members:
            raise ReviewError(f"no incident {incident_id}")
        moving = [r for r in members if r in set(report_ids)]
        missing = sorted(set(report_ids) - set(moving))
        if missing:
            raise ReviewError(f"incident {incident_id} has no report(s) {', '.join(missing)}")
        staying = [r for r in members if r not in set(moving)]
        if not moving or not staying:
            raise ReviewError(f"a split of incident {incident_id} must leave reports on both sides")
        tables.add_decision(self.store, "split", moving, staying, analyst, note)
        self._apply_decision("split", moving, staying)
        new_id = incident_id_for(moving)
        while new_id in self._members:
            new_id = incident_id_for([*moving, new_id])
        for r in moving:
            self._move(r, new_id)
        self._reviewed.update({incident_id, new_id})
        self.flush()
        log.info("split %d report(s) of incident %s into %s", len(moving), incident_id, new_id)
        return new_id

    def merge(self, keep: str, other: str, analyst: str | None = None, note: str | None = None) -> str:
        """Merge incident ``other`` into ``keep``; they will stay together. Returns ``keep``.
        The decision is recorded."""
        if keep == other:
            raise ReviewError(f"cannot merge incident {keep} with itself")
        for i in (keep, other):
            if not self._members.get(i):
                raise ReviewError(f"no incident {i}")
        everyone = [*self._members[keep], *self._members[other]]
        tables.add_decision(self.store, "merge", everyone, (), analyst, note)
        self._apply_decision("merge", everyone, ())
        for r in list(self._members[other]):
            self._move(r, keep)
        self._reviewed.add(keep)
        self.flush()
        log.info("merged incident %s into %s", other, keep)
        return keep
