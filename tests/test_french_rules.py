"""French counterparts of English event rules (coder's labels, answered attacks, crowd control,
demonstrators who attack, hedged attribution, the planter of a device named in another sentence).
Sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from conflictlens.extract import extract
from conflictlens.model import Document, Report

REF = dt.date(2024, 3, 12)


def _reports(text: str) -> list[Report]:
    found = extract(Document(id="t", text=text, published=REF), country="BF", lang="fr")
    return [r for r in found if not r.background]


def _one(text: str) -> Report:
    reports = _reports(text)
    assert reports, "no event found"
    return reports[0]


@pytest.mark.parametrize(
    ("text", "event_type", "sub_event_type"),
    [
        (  # the label wins over the attack the sentence tells
            "Destruction de biens : le 4 mars 2024, des hommes armés ont attaqué le village de "
            "Koulpélogo et incendié le dispensaire.",
            "Strategic developments", "Looting/property destruction",
        ),
        (  # no event word at all: the label alone makes the event
            "Mesures de sécurité : le 5 mars 2024, le gouverneur a fermé les marchés de la province "
            "du Loroum.",
            "Strategic developments", "Change to group/activity",
        ),
        (  # without the space French typography puts before the colon
            "Arrestations: le 6 mars 2024, la gendarmerie a interpellé trois commerçants à Dori.",
            "Strategic developments", "Arrests",
        ),
        (
            "Activité non violente : le 7 mars 2024, des hommes armés ont tiré en l'air à Djibo.",
            "Strategic developments", "Other",
        ),
    ],
)  # fmt: skip
def test_a_french_coders_label_gives_the_type(text: str, event_type: str, sub_event_type: str) -> None:
    r = _one(text)
    assert (r.event_type, r.sub_event_type) == (event_type, sub_event_type)


def test_a_colon_after_other_words_is_no_label() -> None:
    r = _one("Attaque : le 4 mars 2024, des hommes armés ont tué trois civils à Djibo.")
    assert (r.event_type, r.sub_event_type) == ("Violence against civilians", "Attack")
