"""Helpers shared by the French test modules: extract a French text as of a fixed publication date."""

from __future__ import annotations

import datetime as dt

from conflictlens.extract import extract
from conflictlens.model import Document, Report

REF = dt.date(2024, 3, 12)


def _reports(text: str, country: str = "BF") -> list[Report]:
    found = extract(Document(id="t", text=text, published=REF), country=country, lang="fr")
    return [r for r in found if not r.background]


def _one(text: str, country: str = "BF") -> Report:
    reports = _reports(text, country)
    assert reports, "no event found"
    return reports[0]


def _name(actor: object) -> str | None:
    return getattr(actor, "name", None)
