"""End-to-end throughput: read, extract and store, against bare spaCy NER on the same texts.

    .venv/bin/python benchmarks/throughput.py [--limit N] [--json]

Corpora (read from ../shared, never copied): the news-prose stream (GLOCON sample, JSON Lines) and
the notes of the ACLED development set. Reports documents/s and words/s end to end (the store is a
fresh SQLite file), the rate of bare `nlp.pipe` with only the NER enabled (its tok2vec included),
their ratio, and peak memory (RSS).
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import spacy

from conflictlens.extract import extract_many
from conflictlens.ingest import read_documents
from conflictlens.model import Document
from conflictlens.nlp.pipeline import ENGLISH_MODELS, load_pipeline
from conflictlens.store import open_store

SHARED = Path(__file__).resolve().parents[2] / "shared"
NEWS = SHARED / "data" / "news-prose" / "glocon-sample-documents.json"
ACLED = SHARED / "data" / "acled-burkina-faso" / "acled-burkina-faso-1997-2020.csv"


def news_documents(limit: int | None) -> list[Document]:
    docs = list(read_documents([NEWS]))
    return docs[:limit] if limit else docs


def acled_documents(limit: int | None) -> list[Document]:
    with ACLED.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    docs = [Document(id=r["event_id_cnty"], text=r["notes"]) for r in rows if r["notes"].strip()]
    return docs[:limit] if limit else docs


def bare_ner_rate(texts: list[str]) -> float:
    """Documents/s of the stock model with only its NER (and the tok2vec it listens to)."""
    for name in ENGLISH_MODELS:
        try:
            nlp = spacy.load(name, disable=["tagger", "parser", "attribute_ruler", "lemmatizer", "senter"])
            break
        except OSError:
            continue
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    return len(texts) / (time.perf_counter() - start)


def end_to_end_rate(docs: list[Document]) -> tuple[float, int]:
    """Documents/s of read → extract → store into a fresh SQLite file, and events stored."""
    load_pipeline()  # not timed: loading the model happens once per process
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "bench.db")
        events = 0

        def fresh() -> Iterator[Document]:
            for d in docs:
                yield Document(d.id, d.text, d.title, d.url, d.published, d.source)

        start = time.perf_counter()
        with store:
            for doc, reports in extract_many(fresh()):
                store.ingest(doc, reports)
                events += len(reports)
        elapsed = time.perf_counter() - start
    return len(docs) / elapsed, events


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--limit", type=int, default=None, help="only the first N documents of each corpus")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if not NEWS.exists() or not ACLED.exists():
        print(f"corpora not found under {SHARED}", file=sys.stderr)
        return 2
    results = {}
    for name, docs in (
        ("news-prose", news_documents(args.limit)),
        ("acled-notes", acled_documents(args.limit)),
    ):
        words = sum(len(d.text.split()) for d in docs)
        rate, events = end_to_end_rate(docs)
        ner = bare_ner_rate([d.text for d in docs])
        results[name] = {
            "documents": len(docs),
            "words": words,
            "events": events,
            "end_to_end_docs_per_s": round(rate, 1),
            "end_to_end_words_per_s": round(rate * words / len(docs)),
            "bare_ner_docs_per_s": round(ner, 1),
            "ratio_end_to_end_vs_ner": round(rate / ner, 2),
        }
    results["peak_rss_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    results["workers"] = 1
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        for name, r in results.items():
            print(f"{name}: {r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
