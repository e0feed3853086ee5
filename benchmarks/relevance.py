"""Relevance on a real news stream: how many non-conflict documents yield no violent event.

    .venv/bin/python benchmarks/relevance.py [--limit N] [--json]

Reads the GLOCON public sample in ../shared/data/news-prose (label 0: not about contention,
1-2: protest-related) and counts, per label, the documents that yield a violent event
(Battles, Explosions/Remote violence, Violence against civilians), any other event, or none.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from conflictlens.extract import extract_many
from conflictlens.ingest import read_documents
from conflictlens.taxonomy import VIOLENT_EVENT_TYPES

NEWS = Path(__file__).resolve().parents[2] / "shared" / "data" / "news-prose" / "glocon-sample-documents.json"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not NEWS.exists():
        print(f"not found: {NEWS}", file=sys.stderr)
        return 2
    labels = {}
    with NEWS.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                obj = json.loads(line)
                labels[str(obj["id"])] = int(obj["label"])
    docs = list(read_documents([NEWS], on_error=lambda e: None))[: args.limit]
    outcome: Counter[tuple[int, str]] = Counter()
    for doc, reports in extract_many(docs):
        current = [r for r in reports if not r.background]
        kind = (
            "violent"
            if any(r.event_type in VIOLENT_EVENT_TYPES for r in current)
            else "event"
            if current
            else "none"
        )
        outcome[(labels.get(doc.id, -1), kind)] += 1
    label0 = sum(n for (label, _), n in outcome.items() if label == 0)
    clean = 1 - outcome[(0, "violent")] / label0 if label0 else 0.0
    result = {
        "documents": len(docs),
        "by_label": {f"{label}:{kind}": n for (label, kind), n in sorted(outcome.items())},
        "label0_without_violent_event": round(clean, 3),
    }
    print(json.dumps(result, indent=2) if args.json else result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
