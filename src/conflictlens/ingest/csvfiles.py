"""CSV files of documents: one document a row.

The columns are those of JSON Lines: ``id, text, title, url, published, source, language`` (only
``text`` is required; column names are matched without regard to case or surrounding spaces). An
ACLED export is read too: its ``notes`` are the text, ``event_id_cnty`` the id, ``event_date`` the
date and ``country`` the country in focus. The file is read as a stream, row by row.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from conflictlens import settings
from conflictlens.errors import InputError
from conflictlens.ingest.common import (
    SNIFF_BYTES,
    UTF16_BOMS,
    UTF16_PROBLEM,
    input_error,
    is_binary,
    parse_published,
)

CSV_SUFFIXES = (".csv",)

#: Each document field and the columns it is read from, in order of preference.
COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id", "event_id_cnty"),
    "text": ("text", "notes"),
    "title": ("title",),
    "url": ("url",),
    "published": ("published", "event_date"),
    "source": ("source",),
    "language": ("language",),
    "country": ("country",),
}
_ACLED_DATE_FORMATS = ("%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%m/%d/%Y")


@dataclass(frozen=True)
class CsvRow:
    """One row: the line it starts on and its values, keyed by document field."""

    lineno: int
    values: dict[str, Any]


@dataclass(frozen=True)
class CsvLayout:
    """Which column holds which field (``columns[field]`` is a column index)."""

    columns: dict[str, int]
    names: dict[str, str]  # field -> the column's name as the file spells it

    @property
    def text_column(self) -> str:
        return self.names["text"]


def layout(header: list[str]) -> CsvLayout | None:
    """The layout of a header row, or None if no column holds the text."""
    index = {name.strip().lower().lstrip("\ufeff"): i for i, name in reversed(list(enumerate(header)))}
    columns: dict[str, int] = {}
    names: dict[str, str] = {}
    for fld, candidates in COLUMNS.items():
        for candidate in candidates:
            if candidate in index:
                columns[fld] = index[candidate]
                names[fld] = header[index[candidate]].strip()
                break
    if "text" not in columns:
        return None
    return CsvLayout(columns, names)


def iso_date(value: str) -> str:
    """``value`` as an ISO date when it is an ISO or ACLED-style date ("05 January 2020"), else as it is."""
    if not value.strip() or parse_published(value) is not None:
        return value
    for fmt in _ACLED_DATE_FORMATS:
        try:
            return dt.datetime.strptime(value.strip(), fmt).date().isoformat()
        except ValueError:
            continue
    return value


@functools.lru_cache(maxsize=512)
def country_hint(value: str) -> str | None:
    """The ISO2 code of a country given by name or code ("Burkina Faso", "BF"), or None."""
    import pycountry

    value = value.strip()
    if not value:
        return None
    try:
        country = pycountry.countries.lookup(value)
    except LookupError:
        return None
    return str(country.alpha_2)


def _field_limit() -> None:
    """Let one field be as large as a whole input may be (the csv default is 128 KiB)."""
    wanted = min(settings.max_input_bytes, sys.maxsize)
    if csv.field_size_limit() < wanted:
        csv.field_size_limit(wanted)


def read_csv_rows(
    path: Path, label: str, report: Callable[[InputError], None]
) -> Iterator[tuple[CsvLayout, CsvRow]]:
    """The non-blank rows of a CSV file with their layout; problems are reported, never raised."""
    _field_limit()
    try:
        with path.open("rb") as raw:
            head = raw.read(SNIFF_BYTES)
    except OSError as exc:
        report(input_error(label, f"cannot read: {exc.strerror or exc}"))
        return
    if not head:
        report(input_error(label, "empty file"))
        return
    if head.startswith(UTF16_BOMS):
        report(input_error(label, UTF16_PROBLEM))
        return
    if is_binary(head):
        report(input_error(label, "binary file, not text"))
        return
    rows, start = 0, 1
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh)
            try:
                header = next(reader)
            except StopIteration:
                report(input_error(label, "empty file"))
                return
            except csv.Error as exc:
                report(input_error(label, f"the header is not valid CSV: {exc}"))
                return
            found = layout(header)
            if found is None:
                shown = ", ".join(h.strip() for h in header[:12])
                report(
                    input_error(label, f"no 'text' column (nor an ACLED 'notes' column); columns: {shown}")
                )
                return
            start = reader.line_num + 1
            while True:
                before = reader.line_num
                try:
                    row = next(reader)
                except StopIteration:
                    break
                except csv.Error as exc:
                    where = f"{label}:{start}"
                    report(input_error(where, f"line {start} is not valid CSV: {exc}"))
                    if reader.line_num == before:
                        return  # no progress: give up rather than loop
                    start = reader.line_num + 1
                    continue
                lineno, start = start, reader.line_num + 1
                if not any(cell.strip() for cell in row):
                    continue
                rows += 1
                values = {
                    fld: row[i] for fld, i in found.columns.items() if i < len(row) and row[i].strip() != ""
                }
                if "published" in values:
                    values["published"] = iso_date(values["published"])
                yield found, CsvRow(lineno, values)
    except UnicodeDecodeError as exc:
        report(input_error(label, f"not valid UTF-8 ({exc.reason}, after line {start - 1})"))
        return
    except OSError as exc:
        report(input_error(label, f"cannot read: {exc.strerror or exc}"))
        return
    if rows == 0:
        report(input_error(label, "no rows after the header"))
