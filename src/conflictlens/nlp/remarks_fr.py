"""French coding remarks on the toll: the French wording ("bilan codé à 3", "bilan réparti entre
trois événements", "codé en deux événements distincts") of the remarks :mod:`conflictlens.nlp.remarks`
reads in English. Patterns live in ``data/fr/coding_remarks.json``; what a remark does to the toll is
:class:`~conflictlens.nlp.remarks.CodingRemarks`'s, the same in both languages."""

from __future__ import annotations

import re
from functools import cache

from conflictlens.nlp.lexicon import load_data
from conflictlens.nlp.remarks import CodingRemarks


@cache
def _data() -> tuple[dict[str, tuple[re.Pattern[str], ...]], dict[str, int]]:
    data = load_data("fr/coding_remarks.json")
    keys = ("coded_as", "split", "events")
    patterns = {key: tuple(re.compile(p, re.IGNORECASE) for p in data[key]) for key in keys}
    return patterns, {k.lower(): int(v) for k, v in data["numbers"].items()}


def _first(patterns: tuple[re.Pattern[str], ...], text: str) -> re.Match[str] | None:
    found = [m for m in (p.search(text) for p in patterns) if m is not None]
    return min(found, key=lambda m: m.start()) if found else None


def _number(m: re.Match[str] | None) -> int | None:
    word = ((m.group("n") if m is not None else None) or "").lower()
    return int(word) if word.isdigit() else _data()[1].get(word)


def read_remarks_fr(text: str, doc_id: str, found: CodingRemarks) -> CodingRemarks:
    """``found`` (what the English patterns read in ``text``) with the French remarks it lacks."""
    patterns = _data()[0]
    coded = found.coded or _first(patterns["coded_as"], text)
    split = found.split
    parts = found.parts
    if split is None:
        split = _first(patterns["split"], text)
        if split is not None:
            parts = _number(split) or _number(_first(patterns["events"], text)) or 2
    return CodingRemarks(doc_id, coded, split, parts)
