"""French rules of the fourth round: riots told with the police as the subject, protests told as
taking the streets, exchanges of fire, what a protest is against, damage told after an attack by
unknown men, words of a generic phrase after its preposition, political opponents. Sentences
written for these tests in the style of Sahel outlets (Burkina Faso, Mali, Niger)."""

from __future__ import annotations

import datetime as dt

import pytest

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


def test_riots_sparked_by_a_police_shooting_are_riots() -> None:
    # English "riot" beside the police ("riots broke out after a policeman shot ...") is a riot: so is
    # French "émeute"
    report = _one(
        "Koupéla s'est embrasée dimanche soir : de violentes émeutes ont éclaté lorsqu'un agent de "
        "police a tiré sur un conducteur de taxi-moto qui refusait de s'arrêter."
    )
    assert report.event_type == "Riots"
    assert _name(report.actor1) == "Rioters (Burkina Faso)"


@pytest.mark.parametrize(
    "text",
    [
        "Jeudi matin, des centaines de commerçants ont pris la rue à Dori pour dénoncer la hausse des taxes.",
        ("Privées d'eau potable depuis trois mois, les ménagères de Tanghin sont descendues dans les rues "
         "ce mardi avec des bidons vides."),
        "À Niamey, des milliers de manifestants ont investi les rues pour exiger la libération des détenus.",
        "Les élèves du lycée provincial ont envahi la place de la mairie pour protester contre les coupures.",
    ],
)  # fmt: skip
def test_taking_the_streets_is_a_peaceful_protest(text: str) -> None:
    report = _one(text, country="NE" if "Niamey" in text else "BF")
    assert (report.event_type, report.sub_event_type) == ("Protests", "Peaceful protest")


def test_armed_men_who_invade_a_square_do_not_protest() -> None:
    report = _one("Des terroristes ont envahi la place du marché de Sollé et ont abattu trois boutiquiers.")
    assert report.event_type == "Violence against civilians"
    assert _name(report.actor1) == "Unidentified Armed Group (Burkina Faso)"


@pytest.mark.parametrize(
    ("text", "actor1", "actor2"),
    [
        ("Mardi soir, des éléments de la gendarmerie ont échangé des tirs avec des bandits armés non loin "
         "de Gayéri.",
         "Police Forces of Burkina Faso (2022-) Gendarmerie", "Unidentified Armed Group (Burkina Faso)"),
        ("Dans la nuit, des hommes armés et des VDP ont échangé des coups de feu à la sortie de Titao.",
         "Unidentified Armed Group (Burkina Faso)", "VDP: Volunteer for Defense of Homeland"),
    ],
)  # fmt: skip
def test_an_exchange_of_fire_is_an_armed_clash(text: str, actor1: str, actor2: str) -> None:
    report = _one(text)
    assert (report.event_type, report.sub_event_type) == ("Battles", "Armed clash")
    assert _name(report.actor1) == actor1
    assert _name(report.actor2) == actor2


def test_what_a_protest_is_against_is_no_deed_of_the_protesters() -> None:
    # "le blocage" is the grievance, not a road the marchers blocked
    report = _one(
        "Les greffiers sont descendus dans les rues de Bobo-Dioulasso pour dénoncer le blocage de "
        "leurs avancements."
    )
    assert (report.event_type, report.sub_event_type) == ("Protests", "Peaceful protest")
    report = _one("Les jeunes de Boussé ont bloqué la route nationale pour dénoncer l'état de la voie.")
    assert report.event_type == "Riots"  # their own blockade is


def test_damage_told_after_an_attack_by_unknown_men_is_theirs_not_a_riot() -> None:
    report = _one(
        "Le poste de douane de Seytenga a été attaqué dans la nuit de lundi. Le véhicule de service "
        "emporté et le bureau saccagé."
    )
    assert report.event_type != "Riots"
    assert _name(report.actor1) == "Unidentified Armed Group (Burkina Faso)"


def test_the_road_of_coupeurs_de_route_is_no_person() -> None:
    # "poursuivre sa route" pursues no one ("route" is a word of "coupeurs de route", not its head): no clash
    reports = _reports(
        "Les grévistes ont bloqué un camion de la société minière à Kalsaka. Ils l'ont laissé "
        "poursuivre sa route dans la soirée."
    )
    assert [(r.event_type, r.sub_event_type) for r in reports] == [("Protests", "Peaceful protest")]


def test_political_opponents_who_attack_a_mayor_are_a_mob() -> None:
    report = _one("Des opposants au nouveau maire de Tenado ont roué de coups deux conseillers municipaux.")
    assert report.event_type == "Riots"
    assert _name(report.actor1) == "Rioters (Burkina Faso)"
