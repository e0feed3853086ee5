"""Incident resolution speed and false merges, on the ACLED development set.

    .venv/bin/python benchmarks/resolve.py [--reports 10000] [--json]

Each note of the ACLED development set (read from ../shared, never copied) is extracted as its own
document. Then:

- *false merges*: every report is resolved into a fresh store; an ACLED event is falsely merged
  when its incident holds another ACLED event's report (every row is a distinct event).
- *speed*: the reports are cycled into ``--reports`` reports, every cycle after the first as
  other outlets telling the same events a day later with a different toll, all stored first
  (not timed), then resolved with :meth:`Resolver.add_many` into a fresh store (timed: blocking,
  matching, merging, grading and writing the incidents).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

from conflictlens.extract import extract_many
from conflictlens.model import Document, EventDate, Fatalities, Report, Span
from conflictlens.resolve import Resolver
from conflictlens.store import open_store

SHARED = Path(__file__).resolve().parents[2] / "shared"
ACLED = SHARED / "data" / "acled-burkina-faso" / "acled-burkina-faso-1997-2020.csv"


def acled_reports() -> tuple[int, list[tuple[Document, list[Report]]]]:
    """The number of ACLED rows with notes, and each note extracted as its own document."""
    with ACLED.open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["notes"].strip()]
    docs = (
        Document(
            id=r["event_id_cnty"],
            text=r["notes"],
            published=dt.date(int(r["year"]), 12, 31),
            country_hint="BF",
        )
        for r in rows
    )
    return len(rows), list(extract_many(docs))


def false_merges(pairs: list[tuple[Document, list[Report]]], n_rows: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "fm.db") as store:
        resolver = Resolver(store)
        for doc, reports in pairs:
            store.ingest(doc, reports)
        start = time.perf_counter()
        n = resolver.add_many((r, d) for d, reports in pairs for r in reports)
        seconds = time.perf_counter() - start
        events_of: dict[str, set[str]] = defaultdict(set)
        for doc, reports in pairs:
            for r in reports:
                events_of[resolver.incident_of(r.id) or ""].add(doc.id)
    merged = {e for es in events_of.values() if len(es) > 1 for e in es}
    return {
        "acled_events": n_rows,
        "reports": len(n),
        "events_merged_with_another": len(merged),
        "false_merge_rate": round(len(merged) / n_rows, 4),
        "resolve_seconds": round(seconds, 2),
    }


def variant(report: Report, doc: Document, cycle: int) -> tuple[Report, Document]:
    """The same event as another outlet tells it: a day later (relative date), another toll."""
    new_doc = replace(doc, id=f"{doc.id}~{cycle}", source=f"outlet {cycle}", text=doc.text + f" [{cycle}]")
    date = report.date
    if date is not None and cycle % 2:
        relative = (Span(new_doc.id, 0, 0, "on Friday"),) if date.spans else ()  # no day number
        date = EventDate(date.date + dt.timedelta(days=1), date.precision, None, relative)
    fat = report.fatalities
    if fat.best is not None:
        best = fat.best + cycle % 3
        fat = Fatalities(best, best, best, best, "", fat.spans)
    return replace(report, doc_id=new_doc.id, date=date, fatalities=fat), new_doc


def speed(pairs: list[tuple[Document, list[Report]]], target: int) -> dict[str, float]:
    flat = [(r, d) for d, reports in pairs for r in reports]
    items: list[tuple[Report, Document]] = []
    cycle = 0
    while len(items) < target:
        for r, d in flat:
            if len(items) >= target:
                break
            items.append((r, d) if cycle == 0 else variant(r, d, cycle))
        cycle += 1
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "speed.db") as store:
        by_doc: dict[str, tuple[Document, list[Report]]] = {}
        for r, d in items:
            by_doc.setdefault(d.id, (d, []))[1].append(r)
        for d, reports in by_doc.values():
            store.ingest(d, reports)
        start = time.perf_counter()
        resolver = Resolver(store)
        resolver.add_many(items)
        seconds = time.perf_counter() - start
        n_incidents = len({resolver.incident_of(r.id) for r, _ in items})
    return {
        "reports": len(items),
        "incidents": n_incidents,
        "resolve_seconds": round(seconds, 2),
        "reports_per_second": round(len(items) / seconds, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=10_000, help="Reports to resolve for the speed test.")
    parser.add_argument("--json", action="store_true", help="Print the results as JSON.")
    args = parser.parse_args()
    if not ACLED.exists():
        print(f"shared data not available: {ACLED}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    n_rows, pairs = acled_reports()
    extract_s = time.perf_counter() - t0
    fm = false_merges(pairs, n_rows)
    sp = speed(pairs, args.reports)
    results = {"extract_seconds": round(extract_s, 1), "false_merges": fm, "speed": sp}
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print(f"extracted {n_rows} ACLED notes in {extract_s:.1f} s")
        print(
            f"false merges: {fm['events_merged_with_another']} of {fm['acled_events']} ACLED events "
            f"({fm['false_merge_rate']:.2%})"
        )
        print(
            f"resolved {sp['reports']} reports into {sp['incidents']} incidents in {sp['resolve_seconds']} s "
            f"({sp['reports_per_second']} reports/s)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
