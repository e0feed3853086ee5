"""Bulk processing: the store side of ingestion, and large archives over a Dask cluster.

:class:`StoreWriter` is what ``conflictlens ingest`` does in its main process, whatever does the
extraction: skip documents already stored (by id, or by content hash for a copy under another
name) before they are extracted, store each document with its reports in its own transaction,
then resolve its events into incidents. Everything is done in input order, so the result does not
depend on how many processes extracted the documents.

It is also what makes a run resumable: a run killed at any point (even with SIGKILL) left every
document it stored complete (one transaction each); the next run skips those, resolves the reports
a crash left unresolved and records the near-duplicates a crash left unrecorded.

:func:`run_batch` partitions an archive, extracts each partition on a Dask cluster (a
:class:`distributed.LocalCluster` of processes when no scheduler address is given) or in this
process (``engine="local"``), writes Parquet shards of documents, reports and spans, then loads the
shards into the store with a :class:`StoreWriter`, in input order: the same records as ``ingest``.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from conflictlens.errors import ConflictlensError
from conflictlens.model import Document, Report
from conflictlens.store.store import Store, document_columns, iter_spans, report_row

if TYPE_CHECKING:
    from conflictlens.ingest.dedup import Deduplicator
    from conflictlens.resolve import Resolver

log = logging.getLogger(__name__)

ENGINES = ("dask", "local")
SHARD_KINDS = ("documents", "reports", "spans")
_MANIFEST = "manifest.json"


@dataclass
class IngestCounts:
    """What a bulk run did."""

    added: int = 0  # documents stored
    events: int = 0  # non-background reports of the documents stored
    skipped: int = 0  # documents already stored (or copies of stored ones)
    recovered: int = 0  # reports a previous, interrupted run stored but did not resolve

    @property
    def seen(self) -> int:
        return self.added + self.skipped


class StoreWriter:
    """The main-process side of bulk ingestion into ``store`` (see the module docstring)."""

    def __init__(self, store: Store) -> None:
        from conflictlens.ingest.dedup import Deduplicator
        from conflictlens.resolve import Resolver

        self.store = store
        store.bulk_writes()  # one small transaction a document: do not wait for the disk each time
        self.resolver: Resolver = Resolver(store)
        self.dedup: Deduplicator = Deduplicator()
        self.counts = IngestCounts()
        self._ids: set[str] = set()
        self._hashes: set[str] = set()
        self._seed()
        self.counts.recovered = self.resolver.resolve_pending()
        if self.counts.recovered:
            log.info("resolved %d report(s) an interrupted run left unresolved", self.counts.recovered)

    def _seed(self) -> None:
        """Remember the stored documents (ids, content hashes, near-duplicate signatures)."""
        for doc in self.store.documents():
            self._ids.add(doc.id)
            self._hashes.add(doc.content_hash)
            dup = self.dedup.check(doc)
            if dup is not None and doc.id not in self.resolver.families:
                # stored, but a crash came before its near-duplicate record was written
                self.store.record_duplicate(doc, dup.canonical_id, dup.kind, dup.similarity)
                self.resolver.families[doc.id] = dup.canonical_id

    def is_stored(self, doc: Document) -> bool:
        """Whether ``doc`` (by id) is already stored."""
        return doc.id in self._ids

    def fresh(
        self, documents: Iterable[Document], on_skip: Callable[[Document], None] | None = None
    ) -> Iterator[Document]:
        """The documents that need extracting: not stored, and not a copy of a stored document (a
        copy under another name is recorded at once, keeping its URL with the original)."""
        for doc in documents:
            if doc.id in self._ids:
                self.counts.skipped += 1
            else:
                chash = doc.content_hash
                if chash not in self._hashes:
                    yield doc
                    continue
                self.resolver.add_document(doc, [], self.dedup, content_hash=chash)
                self.counts.skipped += 1
            if on_skip is not None:
                on_skip(doc)

    def add(self, doc: Document, reports: list[Report]) -> bool:
        """Store ``doc`` with its reports and resolve them; whether it was stored (False for a copy)."""
        # fresh() let through only documents whose id and text were not stored, and the
        # deduplicator (seeded with every stored document) catches copies made since
        chash = doc.content_hash
        self.resolver.add_document(doc, reports, self.dedup, new=True, content_hash=chash)
        stored = self.resolver.last_stored
        if stored:
            self._ids.add(doc.id)
            self._hashes.add(chash)
            self.counts.added += 1
            self.counts.events += sum(1 for r in reports if not r.background)
        else:
            self.counts.skipped += 1
        return stored


# -- Parquet shards ----------------------------------------------------------------------------


def _document_record(doc: Document, seq: int) -> dict[str, Any]:
    return {
        "seq": seq,
        **document_columns(doc),
        "country_hint": doc.country_hint,
        "content_hash": doc.content_hash,
    }


def _report_record(report: Report) -> dict[str, Any]:
    # the store's columns, with the JSON as text: key order kept, stored as is
    return {**report_row(report), "data": json.dumps(report.to_dict(), ensure_ascii=False)}


def _schemas() -> dict[str, Any]:
    import pyarrow as pa

    return {
        "documents": pa.schema(
            [
                ("seq", pa.int64()),
                ("id", pa.string()),
                ("text", pa.string()),
                ("title", pa.string()),
                ("url", pa.string()),
                ("published", pa.date32()),
                ("source", pa.string()),
                ("origin", pa.string()),
                ("language", pa.string()),
                ("country_hint", pa.string()),
                ("content_hash", pa.string()),
            ]
        ),
        "reports": pa.schema(
            [
                ("id", pa.string()),
                ("doc_id", pa.string()),
                ("idx", pa.int32()),
                ("event_type", pa.string()),
                ("sub_event_type", pa.string()),
                ("actor1", pa.string()),
                ("actor2", pa.string()),
                ("fatalities", pa.int32()),
                ("event_date", pa.date32()),
                ("country", pa.string()),
                ("admin1", pa.string()),
                ("location", pa.string()),
                ("latitude", pa.float64()),
                ("longitude", pa.float64()),
                ("background", pa.bool_()),
                ("data", pa.string()),
            ]
        ),
        "spans": pa.schema(
            [
                ("report_id", pa.string()),
                ("field", pa.string()),
                ("doc_id", pa.string()),
                ("start", pa.int64()),
                ("end", pa.int64()),
                ("text", pa.string()),
            ]
        ),
    }


def shard_path(out: Path, part: int, kind: str) -> Path:
    """Where partition ``part``'s shard of ``kind`` (documents, reports, spans) is written."""
    return out / kind / f"part-{part:05d}.parquet"


def write_shards(
    out: Path, part: int, results: list[tuple[Document, list[Report]]], first_seq: int
) -> dict[str, int]:
    """Write one partition's documents, reports and spans as Parquet; the row counts.

    Each file is written under a temporary name and renamed, so a shard that exists is complete.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows: dict[str, list[dict[str, Any]]] = {kind: [] for kind in SHARD_KINDS}
    for n, (doc, reports) in enumerate(results):
        rows["documents"].append(_document_record(doc, first_seq + n))
        for report in reports:
            rows["reports"].append(_report_record(report))
            for name, span in iter_spans(report):
                rows["spans"].append(
                    {
                        "report_id": report.id,
                        "field": name,
                        "doc_id": span.doc_id,
                        "start": span.start,
                        "end": span.end,
                        "text": span.text,
                    }
                )
    schemas = _schemas()
    for kind in SHARD_KINDS:
        path = shard_path(out, part, kind)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".parquet.tmp")
        table = pa.Table.from_pylist(rows[kind], schema=schemas[kind])
        pq.write_table(table, tmp)
        tmp.replace(path)
    return {kind: len(rows[kind]) for kind in SHARD_KINDS}


def read_shard(out: Path, part: int) -> list[tuple[Document, list[Report]]]:
    """The documents of one partition with their reports, in input order (from its shards)."""
    import pyarrow.parquet as pq

    docs = pq.read_table(shard_path(out, part, "documents")).to_pylist()
    reports: dict[str, list[Report]] = {}
    for row in pq.read_table(shard_path(out, part, "reports"), columns=["doc_id", "data"]).to_pylist():
        reports.setdefault(row["doc_id"], []).append(Report.from_dict(json.loads(row["data"])))
    out_pairs = []
    for row in sorted(docs, key=lambda r: r["seq"]):
        doc = Document(
            id=row["id"],
            text=row["text"],
            title=row["title"],
            url=row["url"],
            published=row["published"],
            source=row["source"],
            origin=row["origin"],
            language=row["language"] or "en",
            country_hint=row["country_hint"],
        )
        out_pairs.append((doc, sorted(reports.get(doc.id, []), key=lambda r: r.index)))
    return out_pairs


def extract_partition(
    out: str, part: int, documents: list[Document], first_seq: int, country: str | None, triage: bool
) -> dict[str, int]:
    """Extract one partition (in whatever process runs this) and write its shards."""
    from conflictlens.extract import extract_many

    results = list(extract_many(documents, country=country, triage=triage))
    counts = write_shards(Path(out), part, results, first_seq)
    counts["part"] = part
    return counts


# -- the batch run -----------------------------------------------------------------------------


@dataclass
class BatchResult:
    """What :func:`run_batch` did."""

    engine: str
    out: Path
    partitions: int = 0
    rows: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SHARD_KINDS, 0))
    counts: IngestCounts = field(default_factory=IngestCounts)
    seconds: float = 0.0


def _partitions(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    chunk: list[Document] = []
    for doc in documents:
        chunk.append(doc)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def run_batch(
    documents: Iterable[Document],
    store: Store,
    engine: str = "dask",
    out: Path | None = None,
    scheduler: str | None = None,
    partition_size: int = 256,
    workers: int = 2,
    country: str | None = None,
    triage: bool = True,
    on_partition: Callable[[dict[str, int]], None] | None = None,
) -> BatchResult:
    """Extract ``documents`` partition by partition, write Parquet shards to ``out``, load them into
    ``store`` (see the module docstring). Documents already stored are not extracted again.

    ``engine``: "dask" (``scheduler`` is a Dask scheduler address; without one a LocalCluster of
    ``workers`` processes is started and stopped) or "local" (this process). ``out`` defaults to a
    temporary directory removed at the end. At most two partitions per worker are in flight.
    """
    import time

    if engine not in ENGINES:
        raise ConflictlensError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    if partition_size < 1:
        raise ConflictlensError("partition size must be at least 1")
    from conflictlens.extract import country_code

    hint = country_code(country) if country else None
    started = time.perf_counter()
    keep = out is not None
    out_dir = Path(out) if out is not None else Path(tempfile.mkdtemp(prefix="conflictlens-batch-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    for kind in SHARD_KINDS:  # shards of an earlier run into the same folder are not ours
        for old in (out_dir / kind).glob("part-*.parquet"):
            old.unlink()
    writer = StoreWriter(store)
    result = BatchResult(engine=engine, out=out_dir)
    parts = _partitions(writer.fresh(documents), partition_size)
    try:
        if engine == "local":
            done = _run_local(parts, out_dir, hint, triage, on_partition)
        else:
            done = _run_dask(parts, out_dir, hint, triage, scheduler, workers, on_partition)
        result.partitions = len(done)
        for counts in done:
            for kind in SHARD_KINDS:
                result.rows[kind] += counts[kind]
        (out_dir / _MANIFEST).write_text(
            json.dumps(
                {
                    "engine": engine,
                    "partitions": len(done),
                    "rows": result.rows,
                    "written": dt.datetime.now(dt.UTC).isoformat(),
                },
                indent=2,
            )
            + "\n",
            encoding="utf-8",
        )
        for part in range(len(done)):  # in input order: the same incidents as one process
            for doc, reports in read_shard(out_dir, part):
                writer.add(doc, reports)
    finally:
        if not keep:
            shutil.rmtree(out_dir, ignore_errors=True)
    result.counts = writer.counts
    result.seconds = time.perf_counter() - started
    return result


def _run_local(
    parts: Iterator[list[Document]],
    out: Path,
    country: str | None,
    triage: bool,
    on_partition: Callable[[dict[str, int]], None] | None,
) -> list[dict[str, int]]:
    done: list[dict[str, int]] = []
    seq = 0
    for part, docs in enumerate(parts):
        counts = extract_partition(str(out), part, docs, seq, country, triage)
        seq += len(docs)
        done.append(counts)
        if on_partition is not None:
            on_partition(counts)
    return done


def _run_dask(
    parts: Iterator[list[Document]],
    out: Path,
    country: str | None,
    triage: bool,
    scheduler: str | None,
    workers: int,
    on_partition: Callable[[dict[str, int]], None] | None,
) -> list[dict[str, int]]:
    try:
        from distributed import Client, LocalCluster, wait
    except ImportError as exc:  # pragma: no cover - an optional dependency
        raise ConflictlensError(
            "the dask engine needs dask[distributed] and pyarrow: pip install 'conflictlens[dask]'"
        ) from exc
    cluster = None
    if scheduler is None:
        cluster = LocalCluster(
            n_workers=max(1, workers),
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.WARNING,
        )
        client = Client(cluster)
    else:
        client = Client(scheduler)
    try:
        slots = max(1, len(client.scheduler_info().get("workers", {})) or workers) * 2
        pending: list[Any] = []
        done: list[dict[str, int]] = []
        seq = 0

        def collect(futures: list[Any]) -> None:
            for future in futures:
                counts = future.result()
                done.append(counts)
                if on_partition is not None:
                    on_partition(counts)

        for part, docs in enumerate(parts):
            pending.append(
                client.submit(
                    extract_partition, str(out), part, docs, seq, country, triage, pure=False, retries=1
                )
            )
            seq += len(docs)
            if len(pending) >= slots:
                finished, not_done = wait(pending, return_when="FIRST_COMPLETED")
                collect([f for f in pending if f in finished])
                pending = [f for f in pending if f in not_done]
        collect(pending)
        return sorted(done, key=lambda c: c["part"])
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
