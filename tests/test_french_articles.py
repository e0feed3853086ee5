"""The French pipeline on press-style articles (tests/fixtures/fr/05-*.txt to 10-*.txt), fictional and
written for these tests: headline, dateline, a background paragraph, as Sahel outlets write them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conflictlens.extract import extract_many
from conflictlens.model import Document, Report

FIXTURES = Path(__file__).parent / "fixtures" / "fr"
NAMES = [
    "05-attaque-tillaberi",
    "06-frappes-niono",
    "07-manifestation-bobo",
    "08-enlevement-gao",
    "09-affrontements-tahoua",
    "10-vdp-kaya",
]


@pytest.fixture(scope="module")
def reports() -> dict[str, Report]:
    docs = [Document(id=n, text=(FIXTURES / f"{n}.txt").read_text(encoding="utf-8")) for n in NAMES]
    out = {}
    for doc, found in extract_many(docs):
        fresh = [r for r in found if not r.background]
        assert fresh, doc.id
        out[doc.id] = fresh[0]
    return out


def _name(actor: object) -> str:
    return getattr(actor, "name", "") or ""


def test_attack_on_a_village(reports: dict[str, Report]) -> None:
    r = reports["05-attaque-tillaberi"]
    assert (r.event_type, r.sub_event_type) == ("Violence against civilians", "Attack")
    assert _name(r.actor1).startswith("Unidentified Armed Group")
    assert _name(r.actor2).startswith("Civilians")
    assert r.fatalities.acled == 20  # "une vingtaine de civils"
    assert r.date is not None and r.date.date == dt.date(2024, 2, 6)  # "mardi soir", dateline Thursday 8


def test_air_strikes_announced_by_the_army(reports: dict[str, Report]) -> None:
    r = reports["06-frappes-niono"]
    assert (r.event_type, r.sub_event_type) == ("Explosions/Remote violence", "Air/drone strike")
    assert _name(r.actor1) == "Military Forces of Mali (2021-)"
    assert _name(r.actor2) == "Unidentified Armed Group (Mali)"
    assert r.fatalities.acled == 10  # "une dizaine de terroristes ont été neutralisés"
    assert r.place is not None and (r.place.name, r.place.country) == ("Niono", "Mali")


def test_protest_dispersed_with_tear_gas(reports: dict[str, Report]) -> None:
    r = reports["07-manifestation-bobo"]
    assert (r.event_type, r.sub_event_type) == ("Protests", "Protest with intervention")
    assert _name(r.actor1) == "Protesters (Burkina Faso)"
    assert r.fatalities.acled == 0
    assert r.place is not None and r.place.admin1 == "Hauts-Bassins"


def test_abduction_on_a_road(reports: dict[str, Report]) -> None:
    r = reports["08-enlevement-gao"]
    assert (r.event_type, r.sub_event_type) == (
        "Violence against civilians",
        "Abduction/forced disappearance",
    )
    assert _name(r.actor1) == "Unidentified Armed Group (Mali)"
    assert _name(r.actor2) == "Civilians (Mali)"
    assert r.date is not None and r.date.date == dt.date(2024, 6, 1)  # "samedi", dateline Monday 3


def test_both_sides_dead_add_up(reports: dict[str, Report]) -> None:
    r = reports["09-affrontements-tahoua"]
    assert (r.event_type, r.sub_event_type) == ("Battles", "Armed clash")
    assert _name(r.actor1).startswith("Military Forces of Niger")
    assert r.fatalities.acled == 42  # "douze soldats et une trentaine d'assaillants tués"


def test_who_repelled_an_attack_is_its_target(reports: dict[str, Report]) -> None:
    r = reports["10-vdp-kaya"]
    assert (r.event_type, r.sub_event_type) == ("Battles", "Armed clash")
    assert _name(r.actor1) == "Unidentified Armed Group (Burkina Faso)"  # "une attaque de djihadistes"
    assert _name(r.actor2) == "VDP: Volunteer for Defense of Homeland"
    assert r.fatalities.acled == 2  # "deux VDP ont perdu la vie"
