"""French phrasings the English rules had no counterpart for: a singular noun told as killed ("un
militaire a été tué" is English "one soldier was killed"), coordinated groups, roles. Sentences written
for these tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from conflictlens.extract import extract
from conflictlens.model import Document, Report
from conflictlens.nlp.pipeline import load_pipeline

REF = dt.date(2024, 3, 12)


@pytest.fixture(scope="module")
def fr() -> Any:
    return load_pipeline("fr")


def _one(text: str) -> Report:
    found = extract(Document(id="t", text=text, published=REF), country="BF")
    reports = [r for r in found if not r.background]
    assert reports, "no event found"
    return reports[0]


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Un militaire a été tué et un autre blessé.", 1),
        ("L'un des assaillants a été tué par les gendarmes.", 1),
        ("Des hommes armés ont tendu une embuscade à un commerçant ; l'homme a été abattu.", 1),
        ("Les assaillants ont tué un instituteur et son fils.", 1),  # the son is a victim named alone
        ("L'explosion a fait un mort et trois blessés.", 1),
        ("Une femme a succombé à ses blessures.", 1),
    ],
)
def test_a_singular_noun_told_as_killed_counts_one(fr: Any, text: str, killed: int) -> None:
    counts = [c for c in fr(text)._.counts if c.fate == "killed"]
    assert sum(c.acled for c in counts) == killed


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Les élèves ont manifesté après la mort d'un étudiant.", 0),  # a death told by a noun
        ("Une femme mariée à un éleveur a succombé à ses blessures.", 1),  # the wife, not the husband
        ("Les corps de trois civils, dont un conseiller municipal, ont été retrouvés.", 3),  # a breakdown
        ("Un député et sa famille sont tombés dans une embuscade.", 0),  # falling into an ambush
        ("Un soldat a tué un civil.", 1),  # the subject of an active "tuer" is the killer
    ],
)
def test_no_extra_singular_dead(fr: Any, text: str, killed: int) -> None:
    counts = [c for c in fr(text)._.counts if c.fate == "killed"]
    assert sum(c.acled for c in counts) == killed


@pytest.mark.parametrize(
    ("text", "fatalities"),
    [
        (
            "Le 6 mars 2024, un véhicule de l'armée a sauté sur un engin explosif improvisé sur l'axe "
            "Djibo-Namssiguia : un militaire a été tué et un autre blessé.",
            1,
        ),
        (
            "Le 7 mars 2024, des hommes armés ont attaqué le poste de police de Déou ; l'un des assaillants "
            "a été tué.",
            1,
        ),
        ("Le 8 mars 2024, des djihadistes ont tué un enseignant et un infirmier à Arbinda.", 2),
    ],
)
def test_singular_dead_reach_the_fatalities(text: str, fatalities: int) -> None:
    assert _one(text).fatalities.acled == fatalities
