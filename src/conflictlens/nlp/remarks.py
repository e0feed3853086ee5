"""Analysts' remarks on how a toll was coded ("Unknown fatalities coded as 3", "Fatalities split
across three events"), as coded datasets such as ACLED write them into their notes.

A remark is the coder's own statement of the figure, so it takes precedence over the count read off
the story: "coded as N" sets ACLED's integer to N (UCDP's low/best/high stay what the story says),
and a split divides the toll between the events named, rounded half up (29 killed over four events:
7 each). Patterns live in ``data/coding_remarks.json``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

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


def apply_coding_remarks(text: str, doc_id: str, fatalities: Fatalities) -> Fatalities:
    """``fatalities`` with ACLED's integer as the text's coding remarks give it, and the remarks'
    spans added to its evidence."""
    patterns = _patterns()
    acled = fatalities.acled
    spans = list(fatalities.spans)
    m = _first(patterns["coded_as"], text)
    if m is not None:
        acled = int(m.group("n"))
        spans.append(Span(doc_id, m.start(), m.end(), m.group(0)))
    s = _first(patterns["split"], text)
    if s is not None and acled:
        parts = _number(s) or _number(_first(patterns["events"], text)) or 2
        if parts > 1:
            acled = (2 * acled + parts) // (2 * parts)  # rounded half up
            spans.append(Span(doc_id, s.start(), s.end(), s.group(0)))
    if acled == fatalities.acled:
        return fatalities
    return replace(fatalities, acled=acled, spans=tuple(spans))


@cache
def _labels() -> dict[str, tuple[str, str]]:
    data = load_data("coding_remarks.json").get("labels", {})
    return {label.lower(): (types[0], types[1]) for label, types in data.items()}


_LABEL = re.compile(r"\s*([A-Z][A-Za-z /-]{2,40}):\s")


def coded_label(text: str) -> tuple[str, str] | None:
    """The event type and sub-event type a note's opening label gives ("Property destruction: A
    school was burned ..."), or None."""
    m = _LABEL.match(text)
    if m is None:
        return None
    return _labels().get(m.group(1).strip().lower())
