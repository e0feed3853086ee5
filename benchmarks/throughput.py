"""End-to-end throughput: read, extract and store, against bare spaCy NER on the same texts.

    .venv/bin/python benchmarks/throughput.py [--limit N] [--workers 1 2] [--no-triage-run]
        [--corpus news-prose acled-notes] [--json]

Corpora (read from ../shared, never copied): the news-prose stream (GLOCON sample, JSON Lines) and
the notes of the ACLED development set (written to a temporary JSON Lines file first, untimed).
For each corpus and each number of worker processes it times the whole `ingest` path: reading the
file (`read_documents`), skipping stored documents, extraction (triage, then the pipeline, in
`--workers` processes), storing into a fresh SQLite file and incident resolution (`StoreWriter`),
and reports documents/s and words/s. Loading the model is not timed (the workers are started and
warmed up first). In the same run and on the same texts it times bare `nlp.pipe` of the same model
with only its NER enabled (en_core_web_sm's NER has its own tok2vec), single process, and prints
the ratio. With triage on, it also times one worker with triage off (the work triage saves).
Peak memory is the largest sum of the resident set sizes of this process and all its children,
sampled every 0.1 s. CPU ms/doc is the CPU time of this process and its workers over the run (of
this process for bare NER); "x NER (CPU)" is the ratio the two rates would have if each process
had a core of its own (bare NER's CPU per document over the run's, times the workers): on a shared
machine the wall-clock ratio depends on what else runs, this one much less.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import psutil
import spacy

from conflictlens.batch import StoreWriter
from conflictlens.extract import extract_parallel, worker_pool
from conflictlens.ingest import read_documents
from conflictlens.model import Document
from conflictlens.nlp.pipeline import ENGLISH_MODELS, load_pipeline
from conflictlens.store import open_store

SHARED = Path(__file__).resolve().parents[2] / "shared"
NEWS = SHARED / "data" / "news-prose" / "glocon-sample-documents.json"
ACLED = SHARED / "data" / "acled-burkina-faso" / "acled-burkina-faso-1997-2020.csv"


class PeakMemory:
    """Samples the resident memory of this process and all its descendants in a thread."""

    def __init__(self, interval: float = 0.1) -> None:
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> int:
        me = psutil.Process()
        total = 0
        for p in [me, *me.children(recursive=True)]:
            try:
                total += p.memory_info().rss
            except psutil.Error:
                continue
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._sample())
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakMemory:
        self.peak = self._sample()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._sample())


def cpu_seconds() -> float:
    """CPU time (user and system) used so far by this process and its living descendants."""
    me = psutil.Process()
    total = 0.0
    for p in [me, *me.children(recursive=True)]:
        try:
            t = p.cpu_times()
        except psutil.Error:
            continue
        total += t.user + t.system
    return total


def acled_jsonl(path: Path, limit: int | None) -> Path:
    with ACLED.open(encoding="utf-8") as fh, path.open("w", encoding="utf-8") as out:
        n = 0
        for row in csv.DictReader(fh):
            if not row["notes"].strip():
                continue
            out.write(json.dumps({"id": row["event_id_cnty"], "text": row["notes"]}) + "\n")
            n += 1
            if limit and n >= limit:
                break
    return path


def corpus_file(path: Path, limit: int | None, tmp: Path) -> Path:
    """The file to ingest: the corpus itself, or its first ``limit`` lines."""
    if not limit:
        return path
    out = tmp / f"first-{limit}-{path.name}"
    with path.open(encoding="utf-8") as fh, out.open("w", encoding="utf-8") as w:
        for i, line in enumerate(fh):
            if i >= limit:
                break
            w.write(line)
    return out


def _warm(pool: ProcessPoolExecutor, workers: int) -> None:
    """Start every worker of ``pool`` (spawn, load the pipeline) before the clock starts."""
    from conflictlens.extract import _extract_chunk

    futures = [pool.submit(_extract_chunk, []) for _ in range(workers * 2)]
    for f in futures:
        f.result()
    time.sleep(0.5)


def end_to_end(path: Path, workers: int, triage: bool, tmp: Path) -> dict[str, Any]:
    """Ingest ``path`` into a fresh SQLite store with ``workers`` processes; rate and peak memory."""
    db = tmp / f"bench-{workers}-{int(triage)}-{time.monotonic_ns()}.db"
    pool = None
    if workers > 1:
        pool = worker_pool(workers, triage=triage)
        _warm(pool, workers)
    else:
        load_pipeline()
    words = 0
    docs = 0

    def counted(stream: Iterator[Document]) -> Iterator[Document]:
        nonlocal words, docs
        for d in stream:
            words += len(d.text.split())
            docs += 1
            yield d

    try:
        with PeakMemory() as mem, open_store(db) as store:
            start = time.perf_counter()
            cpu_start = cpu_seconds()
            writer = StoreWriter(store)
            fresh = writer.fresh(counted(read_documents([path], on_error=lambda e: None)))
            for doc, reports in extract_parallel(fresh, workers=workers, triage=triage, pool=pool):
                writer.add(doc, reports)
            elapsed = time.perf_counter() - start
            cpu = cpu_seconds() - cpu_start
            counts = writer.counts
    finally:
        if pool is not None:
            pool.shutdown(wait=True)
    return {
        "workers": workers,
        "triage": triage,
        "documents": docs,
        "added": counts.added,
        "events": counts.events,
        "seconds": round(elapsed, 1),
        "docs_per_s": round(docs / elapsed, 1),
        "words_per_s": round(words / elapsed),
        "cpu_ms_per_doc": round(cpu / docs * 1000, 1),
        "peak_rss_mib": round(mem.peak / 2**20),
    }


def bare_ner(path: Path) -> dict[str, Any]:
    """Documents/s of the same model with only its NER enabled, over the same texts, one process."""
    texts = [d.text for d in read_documents([path], on_error=lambda e: None)]
    nlp = None
    for name in ENGLISH_MODELS:
        try:
            nlp = spacy.load(name, enable=["ner"])
            break
        except OSError:
            continue
    if nlp is None:
        raise SystemExit("no English spaCy model installed")
    words = sum(len(t.split()) for t in texts)
    start = time.perf_counter()
    cpu_start = time.process_time()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    return {
        "pipes": nlp.pipe_names,
        "documents": len(texts),
        "docs_per_s": round(len(texts) / elapsed, 1),
        "words_per_s": round(words / elapsed),
        "cpu_ms_per_doc": round(cpu / len(texts) * 1000, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--limit", type=int, default=None, help="only the first N documents of each corpus")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts to time")
    parser.add_argument(
        "--no-triage-run", action="store_true", help="skip the extra one-worker run without triage"
    )
    parser.add_argument(
        "--corpus",
        choices=["news-prose", "acled-notes"],
        nargs="+",
        default=["news-prose", "acled-notes"],
        help="the corpora to time (both by default)",
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if not NEWS.exists() or not ACLED.exists():
        print(f"corpora not found under {SHARED}", file=sys.stderr)
        return 2
    results: dict[str, Any] = {"cpus": psutil.cpu_count(), "load_average_at_start": psutil.getloadavg()}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        corpora = {}
        if "news-prose" in args.corpus:
            corpora["news-prose"] = corpus_file(NEWS, args.limit, tmp)
        if "acled-notes" in args.corpus:
            corpora["acled-notes"] = acled_jsonl(tmp / "acled-notes.jsonl", args.limit)
        for name, path in corpora.items():
            ner = bare_ner(path)
            runs = [end_to_end(path, w, True, tmp) for w in args.workers]
            if not args.no_triage_run:
                runs.append(end_to_end(path, 1, False, tmp))
            for run in runs:
                run["ratio_vs_bare_ner"] = round(run["docs_per_s"] / ner["docs_per_s"], 2)
                # the same ratio if every process had a core of its own: a load-free estimate
                run["cpu_ratio_vs_bare_ner"] = round(
                    ner["cpu_ms_per_doc"] / run["cpu_ms_per_doc"] * run["workers"], 2
                )
            results[name] = {"bare_ner": ner, "end_to_end": runs}
    results["load_average_at_end"] = psutil.getloadavg()
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(f"cpus {results['cpus']}, load average at start {results['load_average_at_start']}")
    for name in corpora:
        r = results[name]
        ner = r["bare_ner"]
        print(
            f"\n{name}: bare NER ({'+'.join(ner['pipes'])}) {ner['docs_per_s']} docs/s, "
            f"{ner['words_per_s']} words/s, {ner['cpu_ms_per_doc']} CPU ms/doc"
        )
        print(
            f"  {'workers':>7} {'triage':>6} {'docs':>6} {'docs/s':>8} {'words/s':>9} {'x NER':>6} "
            f"{'CPU ms/doc':>10} {'x NER (CPU)':>11} {'peak MiB':>9}"
        )
        for run in r["end_to_end"]:
            print(
                f"  {run['workers']:>7} {'on' if run['triage'] else 'off':>6} {run['documents']:>6} "
                f"{run['docs_per_s']:>8} {run['words_per_s']:>9} {run['ratio_vs_bare_ner']:>6} "
                f"{run['cpu_ms_per_doc']:>10} {run['cpu_ratio_vs_bare_ner']:>11} {run['peak_rss_mib']:>9}"
            )
    print(f"\nload average at end {results['load_average_at_end']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
