"""Score extraction against coded data in ACLED's CSV format.

Each row's ``notes`` is extracted as its own document; the first (non-background) event is compared
with the row's coded columns. When the coder split one note into several rows (one event per place
of a list), each of those rows is compared with our event at its location if we found one. Actor
names are compared without their date-range suffix, names are compared case- and accent-folded, and
place names (admin1, location) also without punctuation or spaces ("Fada N'gourma" = "Fada NGourma").
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from conflictlens.errors import InputError
from conflictlens.extract import extract_many
from conflictlens.model import Document, Report
from conflictlens.nlp.lexicon import fold, name_key

FIELDS = (
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "fatalities",
    "event_date",
    "country",
    "admin1",
    "location",
)
_SUFFIX = re.compile(r"\s*\((?:\d{4})-(?:\d{4})?\)")
_ACLED_DATE_FORMATS = ("%d %B %Y", "%Y-%m-%d", "%d-%B-%Y", "%m/%d/%Y")


def strip_suffix(name: str) -> str:
    """An actor name without its date range: "Military Forces of Mali (2021-)" → "Military Forces of Mali"."""
    return " ".join(_SUFFIX.sub("", name or "").split())


def parse_acled_date(value: str) -> dt.date | None:
    for fmt in _ACLED_DATE_FORMATS:
        try:
            return dt.datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    return None


@dataclass
class Score:
    rows: int = 0
    correct: Counter[str] = field(default_factory=Counter)
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    no_event: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    def accuracy(self) -> dict[str, float]:
        return {f: (self.correct[f] / self.rows if self.rows else 0.0) for f in FIELDS}

    def to_dict(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "no_event": self.no_event,
            "accuracy": {k: round(v, 4) for k, v in self.accuracy().items()},
            "confusion": [
                {"gold": g, "predicted": p, "count": n} for (g, p), n in sorted(self.confusion.items())
            ],
        }


def predicted_fields(report: Report | None) -> dict[str, str]:
    """The fields of a report as evaluate compares them."""
    if report is None:
        return {f: "" for f in FIELDS} | {"fatalities": "0"}
    place = report.place
    return {
        "event_type": report.event_type,
        "sub_event_type": report.sub_event_type,
        "actor1": strip_suffix(report.actor1.name) if report.actor1 else "",
        "actor2": strip_suffix(report.actor2.name) if report.actor2 else "",
        "fatalities": str(report.fatalities.acled),
        "event_date": report.date.date.isoformat() if report.date else "",
        "country": (place.country or "") if place else "",
        "admin1": (place.admin1 or "") if place else "",
        "location": (place.name or "") if place else "",
    }


def gold_fields(row: dict[str, str]) -> dict[str, str]:
    date = parse_acled_date(row.get("event_date", ""))
    return {
        "event_type": row.get("event_type", ""),
        "sub_event_type": row.get("sub_event_type", ""),
        "actor1": strip_suffix(row.get("actor1", "")),
        "actor2": strip_suffix(row.get("actor2", "")),
        "fatalities": str(int(row.get("fatalities") or 0)),
        "event_date": date.isoformat() if date else "",
        "country": row.get("country", ""),
        "admin1": row.get("admin1", ""),
        "location": row.get("location", ""),
    }


def _same(field_name: str, gold: str, predicted: str) -> bool:
    if field_name in ("event_type", "sub_event_type", "fatalities", "event_date"):
        return gold == predicted
    if field_name in ("admin1", "location"):
        # one name spelt with or without its apostrophes, hyphens and spaces: "Fada N'gourma" and
        # "Fada NGourma", "Ti-n-Agadel" and "Tin Agadel"
        return name_key(gold) == name_key(predicted)
    return fold(gold) == fold(predicted)


class RowMatcher:
    """Which of a note's events a coded row stands for. Usually the first; when the coder split one
    note into several rows (one event per place, as ACLED codes a list of places), the first event
    not yet matched to another of those rows that is at the row's location, else the first."""

    def __init__(self, rows: list[dict[str, str]]) -> None:
        self.shared = Counter(row.get("notes") or "" for row in rows)
        self.used: dict[str, set[int]] = {}

    def event(self, reports: list[Report], row: dict[str, str]) -> Report | None:
        if not reports:
            return None
        notes = row.get("notes") or ""
        if self.shared[notes] < 2 or len(reports) < 2:
            return reports[0]
        used = self.used.setdefault(notes, set())
        want = name_key(row.get("location") or "")
        for i, r in enumerate(reports):
            if i not in used and r.place is not None and want and name_key(r.place.name) == want:
                used.add(i)
                return r
        return reports[0]


def read_gold(path: str | Path, limit: int | None = None) -> Iterator[dict[str, str]]:
    p = Path(path)
    if not p.exists():
        raise InputError(str(p), "no such file or directory")
    with p.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = {"notes", "event_type"} - set(reader.fieldnames or [])
        if missing:
            raise InputError(str(p), f"not an ACLED export: missing column(s) {', '.join(sorted(missing))}")
        for i, row in enumerate(reader):
            if limit is not None and i >= limit:
                break
            yield row


def evaluate(
    gold_path: str | Path,
    limit: int | None = None,
    context_year: bool = True,
    country: str | None = "auto",
    progress: Callable[[int], None] | None = None,
    keep_errors: int = 0,
    lang: str | None = None,
) -> Score:
    """Run extraction on each row's notes and score it against the coded columns.

    ``context_year``: notes often omit the year ("On September 24, ..."); the row's ``year`` column is
    then used as the year of the reference date, as a reader of the note would know it.
    ``country``: the country in focus for notes that name no place we know, as a monitor of one
    country's news knows it; "auto" takes the most common country of the file (ACLED exports are
    usually one country's), None uses none.
    ``lang``: the language of the notes ("en", "fr"; e.g. for translated notes); detected by default.
    """
    rows = list(read_gold(gold_path, limit))
    if country == "auto":
        common = Counter(r.get("country", "") for r in rows if r.get("country")).most_common(1)
        country = common[0][0] if common else None

    def documents() -> Iterator[Document]:
        for i, row in enumerate(rows):
            reference = None
            if context_year and (row.get("year") or "").isdigit():
                reference = dt.date(int(row["year"]), 12, 31)
            yield Document(
                id=row.get("event_id_cnty") or str(i), text=row.get("notes") or "", published=reference
            )

    matcher = RowMatcher(rows)
    score = Score()
    for (_doc, reports), row in zip(extract_many(documents(), country=country, lang=lang), rows, strict=True):
        score.rows += 1
        primary = matcher.event(reports, row)
        if primary is None:
            score.no_event += 1
        pred = predicted_fields(primary)
        gold = gold_fields(row)
        wrong = []
        for f in FIELDS:
            if _same(f, gold[f], pred[f]):
                score.correct[f] += 1
            else:
                wrong.append(f)
        score.confusion[(gold["event_type"], pred["event_type"] or "(none)")] += 1
        if wrong and len(score.errors) < keep_errors:
            score.errors.append(
                {"id": row.get("event_id_cnty"), "wrong": {f: [gold[f], pred[f]] for f in wrong}}
            )
        if progress:
            progress(1)
    return score
