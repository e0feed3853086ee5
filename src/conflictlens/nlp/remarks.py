"""Analysts' remarks on how a toll was coded ("Unknown fatalities coded as 3", "Fatalities split
across three events"), as coded datasets such as ACLED write them into their notes.

A remark is the coder's own statement of the figure, so it takes precedence over the count read off
the story: "coded as N" sets ACLED's integer to N (UCDP's low/best/high stay what the story says),
and a split divides the toll between the events named, rounded half up (29 killed over four events:
7 each). Patterns live in ``data/coding_remarks.json``. An opening label in ACLED's earlier
taxonomy ("Property destruction: ...") gives the type (:func:`coded_label`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from spacy.tokens import Doc

from conflictlens.model import Fatalities, Span
from conflictlens.nlp.lexicon import load_data


@cache
def _patterns() -> dict[str, tuple[re.Pattern[str], ...]]:
    data = load_data("coding_remarks.json")
    keys = ("coded_as", "split", "events")
    return {key: tuple(re.compile(p, re.IGNORECASE) for p in data[key]) for key in keys}


@cache
def _numbers() -> dict[str, int]:
    return {k.lower(): int(v) for k, v in load_data("coding_remarks.json")["numbers"].items()}


def _number(m: re.Match[str] | None) -> int | None:
    word = ((m.group("n") if m is not None else None) or "").lower()
    return int(word) if word.isdigit() else _numbers().get(word)


def _first(patterns: tuple[re.Pattern[str], ...], text: str) -> re.Match[str] | None:
    found = [m for m in (p.search(text) for p in patterns) if m is not None]
    return min(found, key=lambda m: m.start()) if found else None


@dataclass(frozen=True)
class CodingRemarks:
    """The remarks on the toll one text carries: read once per document with
    :func:`read_remarks`, applied to each of its reports' fatalities."""

    doc_id: str
    coded: re.Match[str] | None  # "Unknown fatalities coded as 3"
    split: re.Match[str] | None  # "Fatalities split between three events"
    parts: int  # how many events a split divides the toll between

    def apply(self, fatalities: Fatalities) -> Fatalities:
        """``fatalities`` with ACLED's integer as the remarks give it, and their spans as evidence."""
        acled = fatalities.acled
        spans = list(fatalities.spans)
        if self.coded is not None:
            acled = int(self.coded.group("n"))
            spans.append(_span(self.doc_id, self.coded))
        if self.split is not None and acled and self.parts > 1:
            acled = (2 * acled + self.parts) // (2 * self.parts)  # rounded half up
            spans.append(_span(self.doc_id, self.split))
        if acled == fatalities.acled:
            return fatalities
        return replace(fatalities, acled=acled, spans=tuple(spans))


def _span(doc_id: str, m: re.Match[str]) -> Span:
    return Span(doc_id, m.start(), m.end(), m.group(0))


def read_remarks(text: str, doc_id: str) -> CodingRemarks:
    """The coding remarks of ``text`` (the document's own text, which spans index)."""
    patterns = _patterns()
    split = _first(patterns["split"], text)
    parts = (_number(split) or _number(_first(patterns["events"], text)) or 2) if split is not None else 1
    return CodingRemarks(doc_id, _first(patterns["coded_as"], text), split, parts)


@cache
def _labels() -> dict[str, tuple[str, str]]:
    data = load_data("coding_remarks.json").get("labels", {})
    return {label.lower(): (types[0], types[1]) for label, types in data.items()}


_LABEL = re.compile(r"\s*([A-Z][A-Za-z /-]{2,40}):\s")


_LABEL_TOKENS = 24  # more than the longest label in the data file, with its colon and spaces


def doc_label(doc: Doc) -> tuple[str, str] | None:
    """:func:`coded_label` of a spaCy Doc, read off its first tokens (``Doc.text`` joins them all,
    and triage asks this of every document)."""
    return coded_label("".join(t.text_with_ws for t in doc[:_LABEL_TOKENS]))


def coded_label(text: str) -> tuple[str, str] | None:
    """The event type and sub-event type a note's opening label gives ("Property destruction: A
    school was burned ..."), or None."""
    m = _LABEL.match(text)
    if m is None:
        return None
    return _labels().get(m.group(1).strip().lower())
