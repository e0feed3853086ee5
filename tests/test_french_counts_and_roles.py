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


@pytest.mark.parametrize(
    ("text", "event_type", "sub_event_type", "actor1", "actor2"),
    [
        (  # what ran onto the mine is the target; who laid it is named in the next sentence
            "Le 6 mars 2024, un véhicule militaire a sauté sur un engin explosif près de Dori : quatre "
            "blessés. Le JNIM a revendiqué l'attaque.",
            "Explosions/Remote violence", "Remote explosive/landmine/IED",
            "JNIM: Group for Support of Islam and Muslims", "Military Forces of Burkina Faso (2022-)",
        ),
        (  # the parser loses the subject of "ont été tués" behind the parenthesis
            "Le 4 mars 2024, un car transportant des élèves a sauté sur un engin explosif improvisé "
            "près de Dori : 14 civils (dont 7 élèves) ont été tués.",
            "Explosions/Remote violence", "Remote explosive/landmine/IED",
            "Unidentified Armed Group (Burkina Faso)", "Civilians (Burkina Faso)",
        ),
        (  # "qui n'était pas armé": ACLED's unarmed suspect is a civilian victim
            "Le 28 mars 2024, des soldats ont abattu un militant présumé, qui n'était pas armé, à Djibo.",
            "Violence against civilians", "Attack",
            "Military Forces of Burkina Faso (2022-)", "Civilians (Burkina Faso)",
        ),
        (  # the agent hangs on the place ("à son domicile par des hommes armés")
            "Le 2 mars 2024, Amadou Sawadogo, prêcheur du secteur 5 de Djibo, a été attaqué à son "
            "domicile par des hommes armés.",
            "Violence against civilians", "Attack",
            "Unidentified Armed Group (Burkina Faso)", "Civilians (Burkina Faso)",
        ),
        (  # "et/ou" is three tokens in French
            "Le 6 mars 2024, des militants présumés du JNIM et/ou de l'EIGS ont incendié une école à "
            "Arbinda.",
            "Strategic developments", "Looting/property destruction",
            "JNIM: Group for Support of Islam and Muslims and/or Islamic State (Sahel)", None,
        ),
        (  # "visant" needs an agent; "frappe" alone carries the event
            "Le 9 mars 2024, les forces françaises ont mené une frappe aérienne visant des militants "
            "présumés dans la zone de Tin-Akoff.",
            "Explosions/Remote violence", "Air/drone strike", "Military Forces of France", None,
        ),
        (  # an official is a person: abducting him is an abduction, not taking a thing
            "Le 10 mars 2024, des hommes armés ont enlevé le secrétaire général de la mairie de Pama.",
            "Violence against civilians", "Abduction/forced disappearance",
            "Unidentified Armed Group (Burkina Faso)", "Civilians (Burkina Faso)",
        ),
        (  # the French model ends the sentence at ";": the passive verb's agent is the clause before
            "Le 10 mars 2024, l'armée a mené des opérations le long de la frontière nord ; une "
            "centaine de suspects ont été arrêtés.",
            "Strategic developments", "Arrests", "Military Forces of Burkina Faso (2022-)", None,
        ),
        (  # "battu à mort" is a killing
            "Le 10 mars 2024, trois militaires ont battu à mort un électricien à Kaya.",
            "Violence against civilians", "Attack",
            "Military Forces of Burkina Faso (2022-)", "Civilians (Burkina Faso)",
        ),
    ],
)  # fmt: skip
def test_french_roles(
    text: str, event_type: str, sub_event_type: str, actor1: str, actor2: str | None
) -> None:
    r = _one(text)
    assert (r.event_type, r.sub_event_type) == (event_type, sub_event_type)
    assert r.actor1 is not None and r.actor1.name.startswith(actor1)  # France's name carries its regime
    if actor2 is not None:
        assert (r.actor2.name if r.actor2 else "") == actor2


def test_neutralised_explosives_are_disrupted_weapons_not_deaths(fr: Any) -> None:
    doc = fr("Des engins explosifs neutralisés et du matériel saisi. Les soldats ont neutralisé une mine.")
    assert doc._.events
    assert all("kill" not in e.classes and e.event_type == "Strategic developments" for e in doc._.events)


@pytest.mark.parametrize(
    ("text", "event_type", "sub_event_type", "actor1", "actor2"),
    [
        (  # the imperfect "manifestaient" is tagged a noun with itself as lemma
            "Le 10 mars 2024, des élèves manifestaient violemment contre le régime à Koudougou.",
            "Riots", "Violent demonstration", "Rioters (Burkina Faso)", None,
        ),
        (  # soldiers who demonstrate and barricade: rioters, as ACLED codes a mutiny
            "Le 10 mars 2024, des soldats ont manifesté à Ouagadougou en barricadant l'entrée du camp.",
            "Riots", "Violent demonstration", "Rioters (Burkina Faso)", None,
        ),
        (  # stones are a riot's weapons; the gendarmerie is where it happened, not whom they hit
            "Le 10 mars 2024, des femmes ont agressé à coups de bâtons et de pierres un commerçant "
            "soupçonné de vol, près de la gendarmerie de Solenzo.",
            "Riots", "Mob violence", "Rioters (Burkina Faso)", "Civilians (Burkina Faso)",
        ),
    ],
)  # fmt: skip
def test_french_riots(
    text: str, event_type: str, sub_event_type: str, actor1: str, actor2: str | None
) -> None:
    r = _one(text)
    assert (r.event_type, r.sub_event_type) == (event_type, sub_event_type)
    assert r.actor1 is not None and r.actor1.name == actor1
    if actor2 is not None:
        assert r.actor2 is not None and r.actor2.name == actor2


def test_a_pronominal_clash_has_both_sides_as_actors() -> None:
    r = _one(
        "Le 10 mars 2024, des éleveurs peuls et des agriculteurs gourmantchés se sont affrontés "
        "près de Fada N'Gourma."
    )
    assert r.event_type == "Battles"
    assert r.actor1 is not None and r.actor1.name == "Fulani Ethnic Militia (Burkina Faso)"
    assert r.actor2 is not None and r.actor2.name == "Gourmantche Ethnic Militia (Burkina Faso)"


@pytest.mark.parametrize(
    ("text", "event_type", "sub_event_type", "actor1"),
    [
        (  # "couvre-feu" is one French token; the governor is the subject of the light verb
            "Le 10 mars 2024, le gouverneur de la région de l'Est a prorogé de deux mois, à compter du "
            "12 mars, le couvre-feu nocturne en raison de l'insécurité.",
            "Strategic developments", "Change to group/activity", "Government of Burkina Faso",
        ),
        (  # no "de"-phrase of a curfew is harmed ("de 20 h à 6 h")
            "Le 10 mars 2024, un couvre-feu de 20 h à 6 h a été instauré par le gouverneur dans la "
            "province du Soum.",
            "Strategic developments", "Change to group/activity", "Government of Burkina Faso",
        ),
        (  # "agresseur", "individu non identifié": French for English "attacker", "unidentified"
            "Le 10 mars 2024, un individu non identifié a frappé des fidèles à coups de machette dans "
            "la grande mosquée de Gaoua.",
            "Violence against civilians", "Attack", "Unidentified Armed Group (Burkina Faso)",
        ),
        (  # the passive verb's subject is who the explosion hit, whoever laid the mine
            "Le 10 mars 2024, deux soldats ont été blessés par l'explosion d'une mine près de Dori.",
            "Explosions/Remote violence", "Remote explosive/landmine/IED",
            "Unidentified Armed Group (Burkina Faso)",
        ),
        (  # "pris pour cible" is an attack
            "Le 10 mars 2024, des VDP ont été pris pour cible par des hommes armés à Titao ; trois VDP "
            "ont perdu la vie.",
            "Battles", "Armed clash", "Unidentified Armed Group (Burkina Faso)",
        ),
        (  # the commissariat of "l'attaque du commissariat" is the target, not the attacker
            "Le 10 mars 2024, deux policiers ont été tués et trois autres blessés lors de l'attaque du "
            "commissariat de Tongomayel.",
            "Battles", "Armed clash", "Unidentified Armed Group (Burkina Faso)",
        ),
        (  # "disperser des manifestants" tells a protest
            "Le 10 mars 2024, la police a fait usage de gaz lacrymogènes pour disperser des manifestants "
            "qui réclamaient le départ du préfet de Djibo.",
            "Protests", "Protest with intervention", "Protesters (Burkina Faso)",
        ),
    ],
)  # fmt: skip
def test_french_actor_words(text: str, event_type: str, sub_event_type: str, actor1: str) -> None:
    r = _one(text)
    assert (r.event_type, r.sub_event_type) == (event_type, sub_event_type)
    assert r.actor1 is not None and r.actor1.name.startswith(actor1)


def test_a_participle_after_a_comma_is_said_of_the_victim_not_part_of_it() -> None:
    r = _one(
        "Le 10 mars 2024, les militaires ont arrêté le maire de Djibo, soupçonné de complicité avec "
        "les terroristes."
    )
    assert (r.event_type, r.sub_event_type) == ("Strategic developments", "Arrests")
    assert r.actor2 is not None and r.actor2.name == "Civilians (Burkina Faso)"


def test_an_object_clitic_stands_for_the_victim_named_before() -> None:
    r = _one("Le 10 mars 2024, des hommes armés ont enlevé le maire de Djibo avant de l'exécuter.")
    assert (r.event_type, r.sub_event_type) == ("Violence against civilians", "Attack")
    assert r.actor2 is not None and r.actor2.name == "Civilians (Burkina Faso)"
    assert r.fatalities.acled == 1


@pytest.mark.parametrize(
    ("text", "event_type", "actor2"),
    [
        (  # an operation in which civilians were killed is violence against them, not a brawl
            "Le 6 mars 2024, les FAMa et des éléments du groupe Wagner ont mené une opération à Hombori "
            "(Douentza, Mopti), au cours de laquelle une dizaine de civils ont été tués.",
            "Violence against civilians", "Civilians (Mali)",
        ),
        (  # and one in which militants were killed is a battle
            "Le 10 mars 2024, l'armée a mené une opération près de Djibo au cours de laquelle une "
            "vingtaine de terroristes ont été neutralisés.",
            "Battles", "Unidentified Armed Group (Burkina Faso)",
        ),
    ],
)  # fmt: skip
def test_a_military_operation_is_coded_by_whom_it_killed(text: str, event_type: str, actor2: str) -> None:
    r = _one(text)
    assert r.event_type == event_type
    assert r.actor2 is not None and r.actor2.name == actor2
