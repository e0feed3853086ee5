"""French counterparts of English event rules (coder's labels, answered attacks, crowd control,
demonstrators who attack, hedged attribution, the planter of a device named in another sentence).
Sentences written for these tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from conflictlens.extract import extract
from conflictlens.model import Document, Report
from conflictlens.nlp.lexicon import load_data
from conflictlens.nlp.pipeline import load_pipeline
from french_support import _one, _reports


@pytest.fixture(scope="module")
def fr() -> Any:
    return load_pipeline("fr")


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


@pytest.mark.parametrize(
    ("text", "actor2"),
    [
        (  # the answer comes in the next sentence, from a subject parsed as a passive one
            "Le 3 mars 2024, des hommes armés ont attaqué le village de Tangaye. Une unité de l'armée "
            "est intervenue et les a mis en fuite.",
            "Military Forces of Burkina Faso (2022-)",
        ),
        (
            "Le 3 mars 2024, des militants présumés de l'EIGS ont attaqué le village de Tangaye. Les "
            "gendarmes ont répliqué.",
            "Police Forces of Burkina Faso (2022-) Gendarmerie",
        ),
    ],
)  # fmt: skip
def test_an_attack_answered_by_armed_men_is_a_clash_with_them(text: str, actor2: str) -> None:
    r = _one(text)
    assert (r.event_type, r.sub_event_type) == ("Battles", "Armed clash")
    assert r.actor2 is not None and r.actor2.name == actor2


def test_an_unanswered_attack_on_a_village_stays_an_attack() -> None:
    r = _one(
        "Le 3 mars 2024, des militants présumés de l'EIGS ont attaqué le village de Tangaye. Les "
        "habitants ont fui vers Ouahigouya."
    )
    assert (r.event_type, r.sub_event_type) == ("Violence against civilians", "Attack")


@pytest.mark.parametrize(
    ("text", "actor2"),
    [
        (  # no word of protest: tear gas on students tells one
            "Le 5 mars 2024, les gendarmes ont fait usage de gaz lacrymogènes contre des élèves à Gaoua.",
            "Police Forces of Burkina Faso (2022-) Gendarmerie",
        ),
        (  # soldiers who fire tear gas are not mutineers firing shots
            "Le 5 mars 2024, des soldats ont tiré des gaz lacrymogènes pour disperser des élèves qui "
            "manifestaient à Kaya.",
            "Military Forces of Burkina Faso (2022-)",
        ),
        (  # "foule" alone is a crowd, not rioters
            "Le 5 mars 2024, la police a dispersé la foule rassemblée devant la mairie de Koudougou.",
            "Police Forces of Burkina Faso (2022-)",
        ),
    ],
)  # fmt: skip
def test_police_dispersing_a_crowd_is_a_protest_with_intervention(text: str, actor2: str) -> None:
    r = _one(text)
    assert (r.event_type, r.sub_event_type) == ("Protests", "Protest with intervention")
    assert r.actor1 is not None and r.actor1.name == "Protesters (Burkina Faso)"
    assert r.actor2 is not None and r.actor2.name == actor2


@pytest.mark.parametrize(
    "text",
    [
        "Le 5 mars 2024, les jeunes du village ont fui et les assaillants se sont dispersés dans la brousse.",
        "Le 5 mars 2024, des jeunes ont été enlevés à Kaya ; les FDS ont dispersé les assaillants.",
    ],
)
def test_armed_men_who_scatter_or_are_scattered_make_no_protest(text: str) -> None:
    assert all(r.event_type not in ("Protests", "Riots") for r in _reports(text))


def test_damage_told_without_agent_after_an_armed_attack_is_the_attackers() -> None:
    r = _one(
        "Le 8 mars 2024, des militants présumés de l'EIGS ont attaqué le poste de douane de Seytenga. "
        "Aucune victime n'a été signalée, mais des véhicules ont été saccagés et incendiés."
    )
    assert r.event_type != "Riots"
    assert r.actor1 is not None and r.actor1.name == "Islamic State (Sahel)"


def test_a_curfew_imposed_with_no_agent_is_the_governments() -> None:
    r = _one("Le 9 mars 2024, un couvre-feu de 19 h à 6 h a été instauré dans la province du Loroum.")
    assert (r.event_type, r.sub_event_type) == ("Strategic developments", "Change to group/activity")
    assert r.actor1 is not None and r.actor1.name.startswith("Government of Burkina Faso")


def test_about_forty_kilometres_is_no_quarantine() -> None:
    r = _one(
        "Le 9 mars 2024, des hommes armés ont enlevé deux commerçants à une quarantaine de "
        "kilomètres de Dori."
    )
    assert (r.event_type, r.sub_event_type) == (
        "Violence against civilians",
        "Abduction/forced disappearance",
    )
    assert r.actor1 is not None and r.actor1.name == "Unidentified Armed Group (Burkina Faso)"


JNIM_OR_ISGS = "JNIM: Group for Support of Islam and Muslims and/or Islamic State (Sahel)"


def test_who_laid_a_device_is_read_from_another_sentence_with_french_or() -> None:
    r = _one(
        "Le 10 mars 2024, un engin explosif a détruit une charrette près de Gayéri. L'engin avait "
        "vraisemblablement été posé par des militants du JNIM ou de l'EIGS."
    )
    assert r.event_type == "Explosions/Remote violence"
    assert r.actor1 is not None and r.actor1.name == JNIM_OR_ISGS


def test_a_hedge_covers_both_coordinated_groups() -> None:
    r = _one(
        "Le 10 mars 2024, des militants (vraisemblablement du JNIM et de l'EIGS) ont incendié "
        "l'école de Pobé."
    )
    assert r.actor1 is not None and r.actor1.name == JNIM_OR_ISGS


def test_a_hedge_before_the_noun_makes_the_noun_an_actor(fr: Any) -> None:
    doc = fr("Le 10 mars 2024, des présumés djihadistes ont tué trois bergers près de Dori.")
    found = [m for m in doc._.actor_mentions if m.generic == "unidentified"]
    assert len(found) == 1 and found[0].hedged and doc[found[0].head].text == "djihadistes"
    assert doc._.events and [doc[m.head].text for m in doc._.events[0].actor1] == ["djihadistes"]


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        (
            "Le 10 mars 2024, des hommes armés ont attaqué Djibo. Six personnes ont été tuées, parmi "
            "lesquelles deux enfants.",
            6,
        ),
        ("Le 10 mars 2024, des hommes armés ont tué six civils à Djibo, dont deux enfants.", 6),
    ],
)  # fmt: skip
def test_a_french_breakdown_of_the_toll_adds_no_dead(text: str, killed: int) -> None:
    assert _one(text).fatalities.acled == killed


@pytest.mark.parametrize(
    ("text", "fatalities"),
    [
        (
            "Le 2 mars 2024, des hommes armés ont tué trois personnes à Kaya ; seul un corps a été "
            "retrouvé, le bilan est codé à 1.",
            1,
        ),
        (
            "Le 2 mars 2024, un militant a fait exploser une mine à Djibo, faisant un nombre "
            "indéterminé de morts ; bilan inconnu codé à l'estimation basse de 3.",
            3,
        ),
        (
            "Le 2 mars 2024, des hommes armés ont tué huit personnes dans deux villages près de Kaya. "
            "Bilan réparti entre deux événements.",
            4,
        ),
        (  # a place coded is no toll
            "Le 2 mars 2024, des hommes armés ont tué deux bergers près de Sebba (codé à Sebba, "
            "précision géographique 2).",
            2,
        ),
    ],
)
def test_a_french_coding_remark_sets_the_toll(text: str, fatalities: int) -> None:
    assert _one(text).fatalities.acled == fatalities


@pytest.mark.parametrize(
    "text",
    [
        "OUAGADOUGOU, 6 mars 2024 (AFP) - Douze soldats ont été tués dimanche dans une embuscade près "
        "de Djibo, a-t-on appris de source sécuritaire.",
        "Ouagadougou, 6 mars 2024 (AFP) – Douze soldats ont été tués dimanche dans une embuscade près "
        "de Djibo.",
        "OUAGADOUGOU, 6 mars 2024 — Douze soldats ont été tués dimanche dans une embuscade près de Djibo.",
    ],
)
def test_a_french_dateline_with_its_agency_dates_the_article(text: str) -> None:
    reports = extract(Document(id="t", text=text), country="BF", lang="fr")
    assert len(reports) == 1
    r = reports[0]
    assert r.date is not None and r.date.date == dt.date(2024, 3, 3)  # the Sunday before the dateline
    assert r.fatalities.acled == 12
    assert r.place is not None and r.place.name == "Djibo"  # not the dateline's city


@pytest.mark.parametrize(
    ("text", "fatalities"),
    [
        (  # "tuant ... et en blessant ...": the active verb after the count does not take it from "tuant"
            "Le 3 mars 2024, des hommes armés ont attaqué un poste de VDP près de Titao, tuant cinq "
            "volontaires et en blessant deux autres.",
            5,
        ),
        (  # "miliciens" counts people; the conditional still tells the toll
            "Le 3 mars 2024, l'armée aurait tué trois miliciens près de Ségou.",
            3,
        ),
        (  # "un combattant" is tagged a verb by the small model
            "Le 3 mars 2024, l'EIGS a attaqué une position du JNIM près de Déou. Un combattant du JNIM "
            "aurait été tué et quatre autres blessés.",
            1,
        ),
        (  # the count is the object of the verb before the date phrase, not of the verb after
            "Le 3 mars 2024, des militants ont tué depuis le 1er mars au moins vingt personnes et en ont "
            "blessé d'autres près de Gayéri.",
            20,
        ),
        (  # "le bilan étant réparti entre les événements", four events named before
            "Les 3 et 4 mars 2024, l'armée a affirmé avoir neutralisé 20 militants près de Gayéri ; codé "
            "en quatre événements, le bilan étant réparti entre les événements.",
            5,
        ),
    ],
)  # fmt: skip
def test_french_tolls(text: str, fatalities: int) -> None:
    assert _one(text).fatalities.acled == fatalities


def test_a_unit_supported_by_volunteers_is_the_actor_and_its_hedged_targets_the_groups() -> None:
    r = _one(
        "Le 10 mars 2024, une unité de la gendarmerie, appuyée par des volontaires, a mené une "
        "opération et neutralisé huit combattants présumés de l'EIGS ou du JNIM près de Markoye."
    )
    assert (r.event_type, r.sub_event_type) == ("Battles", "Armed clash")
    assert r.actor1 is not None and r.actor1.name == "Police Forces of Burkina Faso (2022-) Gendarmerie"
    assert r.actor2 is not None and r.actor2.name == JNIM_OR_ISGS


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        ("Le 5 mars 2024, des hommes armés se sont emparés du véhicule d'un commerçant près de Dori.",
         "Looting/property destruction"),
        ("Le 5 mars 2024, des hommes armés se sont emparés de deux motos et du bétail à Kaya.",
         "Looting/property destruction"),
        ("Le 5 mars 2024, des djihadistes se sont emparés de la ville de Boulkessi.",
         "Non-violent transfer of territory"),
    ],
)  # fmt: skip
def test_seizing_a_thing_is_looting_seizing_a_place_is_territory(text: str, sub_event_type: str) -> None:
    assert _one(text).sub_event_type == sub_event_type


def test_a_beating_by_gendarmes_is_an_attack_not_the_curfew_it_enforced() -> None:
    r = _one(
        "Le 25 mars 2024, des gendarmes ont passé à tabac un commerçant et deux clients à Houndé pour "
        "non-respect du couvre-feu."
    )
    assert (r.event_type, r.sub_event_type) == ("Violence against civilians", "Attack")
    assert r.actor1 is not None and r.actor1.name == "Police Forces of Burkina Faso (2022-) Gendarmerie"


def test_assaulting_with_s_en_prendre_a_is_the_verb_of_the_event() -> None:
    r = _one(
        "Le 11 mars 2024, alors que des gendarmes tentaient d'interpeller un homme soupçonné d'avoir "
        "volé une moto, des orpailleurs s'en sont pris aux gendarmes à coups de pierres près de Gaoua."
    )
    assert r.event_type == "Riots"
    assert r.actor1 is not None and r.actor1.name == "Rioters (Burkina Faso)"
    assert r.actor2 is not None and r.actor2.name == "Police Forces of Burkina Faso (2022-) Gendarmerie"


def test_blocking_a_numbered_road_is_a_violent_demonstration() -> None:
    r = _one("Le 3 mars 2024, des élèves de Koupéla ont bloqué la RN4 pour dénoncer le manque d'enseignants.")
    assert (r.event_type, r.sub_event_type) == ("Riots", "Violent demonstration")


def test_a_volunteer_listed_with_a_civilian_among_the_dead_is_a_victim_not_the_killer() -> None:
    r = _one("Le 11 mars 2024, un VDP et un civil ont été tués à Tadjo.")
    assert r.fatalities.acled == 2
    assert r.actor1 is not None and r.actor1.name == "Unidentified Armed Group (Burkina Faso)"


def test_the_assailants_refer_back_to_both_hedged_groups() -> None:
    r = _one(
        "Le 12 mars 2024, des militants présumés du JNIM ou de l'EIGS ont intercepté des camions près de "
        "Tougouri. Les assaillants ont dépouillé les passagers de leurs téléphones."
    )
    assert r.actor1 is not None and r.actor1.name == JNIM_OR_ISGS


@pytest.mark.parametrize(
    ("text", "fatalities"),
    [
        ((
            "Le 5 mars 2024, des miliciens ont attaqué un campement près de Kaya : deux bergers ont été "
            "battus à mort et trois femmes peules tuées."
        ), 5),
        (  # the relative clause hangs on the verb in the parse; its antecedent is the one civilian
            "Le 5 mars 2024, des soldats ont arrêté un civil au marché de Djibo, qui a été exécuté peu "
            "après.",
            1,
        ),
        (  # plural antecedent without a number: no count made up
            "Le 5 mars 2024, des soldats ont arrêté des commerçants au marché de Djibo, qui ont été "
            "exécutés peu après.",
            0,
        ),
    ],
)  # fmt: skip
def test_more_french_tolls(text: str, fatalities: int) -> None:
    assert _one(text).fatalities.acled == fatalities


def test_shots_at_a_kiosk_are_an_attack_not_property_destruction() -> None:
    r = _one("Le 6 mars 2024, des hommes armés à moto ont ouvert le feu sur une boutique de Polesgo.")
    assert (r.event_type, r.sub_event_type) == ("Violence against civilians", "Attack")


def test_burning_a_shop_stays_property_destruction() -> None:
    r = _one("Le 6 mars 2024, des hommes armés à moto ont mis le feu à une boutique de Polesgo.")
    assert (r.event_type, r.sub_event_type) == ("Strategic developments", "Looting/property destruction")


def test_attacking_a_patrol_and_seizing_a_motorbike_is_a_clash_not_territory() -> None:
    r = _one(
        "Le 8 mars 2024, un militant présumé de l'EIGS a attaqué une patrouille de police à Seytenga et "
        "s'est emparé d'une moto."
    )
    assert (r.event_type, r.sub_event_type) == ("Battles", "Armed clash")


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        ("Le 5 mars 2024, des hommes armés se réclamant de l'EIGS ont tué trois bergers près de Dori.",
         "Islamic State (Sahel)"),
        ("Le 5 mars 2024, des hommes armés, que l'on pense être des membres du JNIM, ont tué trois bergers "
         "près de Dori.", "JNIM: Group for Support of Islam and Muslims"),
        ("Le 5 mars 2024, des individus armés, vraisemblablement du JNIM ou de l'EIGS, ont tué trois "
         "bergers près de Dori.", JNIM_OR_ISGS),
        # the group is the target here, not the men's allegiance
        ("Le 5 mars 2024, des hommes armés ont attaqué une position du JNIM près de Dori.",
         "Unidentified Armed Group (Burkina Faso)"),
    ],
)  # fmt: skip
def test_unidentified_men_attributed_to_a_group_are_the_group(text: str, actor1: str) -> None:
    r = _one(text)
    assert r.actor1 is not None and r.actor1.name == actor1


FIXTURES = Path(__file__).parent / "fixtures" / "fr"


def _article(name: str) -> Report:
    text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    found = [r for r in extract(Document(id=name, text=text), lang="fr") if not r.background]
    assert found
    return found[0]


def test_an_attack_repelled_told_with_an_agency_dateline() -> None:
    r = _article("11-poste-dori-afp")
    assert (r.event_type, r.sub_event_type) == ("Battles", "Armed clash")
    assert r.actor1 is not None and r.actor1.name == "Islamic State (Sahel)"
    assert r.actor2 is not None and r.actor2.name.endswith("Gendarmerie")
    assert r.fatalities.acled == 2
    assert r.date is not None and r.date.date == dt.date(2024, 3, 12)  # "mardi" before the dateline
    assert r.place is not None and r.place.admin1 == "Sahel"


def test_a_march_dispersed_with_tear_gas_told_with_an_agency_dateline() -> None:
    r = _article("12-marche-koudougou")
    assert (r.event_type, r.sub_event_type) == ("Protests", "Protest with intervention")
    assert r.actor1 is not None and r.actor1.name == "Protesters (Burkina Faso)"
    assert r.actor2 is not None and r.actor2.name.startswith("Police Forces of Burkina Faso")
    assert r.date is not None and r.date.date == dt.date(2024, 3, 20)


@pytest.mark.parametrize(
    ("text", "event_type", "sub_event_type", "fatalities"),
    [
        (  # shots into the air harm no one: the burning and the theft are what was done
            "Le 3 mars 2024, des militants présumés de l'EIGS ont attaqué le village de Tin-Akoff : ils ont "
            "tiré des coups de feu en l'air, incendié une école et emporté des motos.",
            "Strategic developments", "Looting/property destruction", 0,
        ),
        (  # "blessé par balle": shot
            "Le 3 mars 2024, des hommes armés ont blessé par balle un commerçant à Gorom-Gorom.",
            "Violence against civilians", "Attack", 0,
        ),
        (  # a device carried by the man shot is no explosion
            "Le 3 mars 2024, la police a abattu un militant présumé de l'EIGS, porteur d'un engin explosif, "
            "près de Solhan.",
            "Battles", "Armed clash", 1,
        ),
        (  # the clitic of the verb of killing is the man abducted before the semicolon
            "Le 3 mars 2024, des militants présumés de l'EIGS ont enlevé le président du conseil villageois "
            "de Tantiaga ; ils l'ont exécuté le lendemain.",
            "Violence against civilians", "Attack", 1,
        ),
        (  # "vingt et un" is one number; "avoir neutralisé" is active whatever the parse
            "Le 3 mars 2024, des militants ont attaqué le camp de Oursi. L'armée a indiqué dans un "
            "communiqué avoir neutralisé vingt et un assaillants.",
            "Battles", "Armed clash", 21,
        ),
    ],
)  # fmt: skip
def test_fifth_set_phrasings(text: str, event_type: str, sub_event_type: str, fatalities: int) -> None:
    r = _one(text)
    assert (r.event_type, r.sub_event_type) == (event_type, sub_event_type)
    assert r.fatalities.acled == fatalities


def test_they_after_an_infiltration_are_the_group_named_before() -> None:
    r = _one(
        "Le 5 mars 2024, des militants présumés du JNIM se sont infiltrés dans la ville de Oursi ; ils ont "
        "attaqué le camp militaire, tuant cinq soldats."
    )
    assert r.actor1 is not None and r.actor1.name == "JNIM: Group for Support of Islam and Muslims"
    assert r.fatalities.acled == 5


def test_an_ambush_on_volunteers_is_a_clash_with_them() -> None:
    r = _one(
        "Le 5 mars 2024, des militants présumés de l'EIGS auraient tendu une embuscade à des volontaires "
        "pour la défense de la patrie (VDP) et en auraient tué trois près d'Arbinda."
    )
    assert (r.event_type, r.sub_event_type) == ("Battles", "Armed clash")
    assert r.actor2 is not None and r.actor2.name == "VDP: Volunteer for Defense of Homeland"


def test_an_event_coded_apart_is_not_merged_into_the_note() -> None:
    reports = _reports(
        "Le 5 mars 2024, des militants du JNIM ont tendu une embuscade à un convoi de la gendarmerie près "
        "de Toéni (codé à Toéni, précision géographique 2) et tué dix gendarmes. Un véhicule dépêché sur "
        "les lieux a sauté sur un engin explosif improvisé, blessant trois gendarmes (codé comme un "
        "événement distinct)."
    )
    assert (reports[0].event_type, reports[0].sub_event_type) == ("Battles", "Armed clash")
    assert reports[0].fatalities.acled == 10


@pytest.mark.parametrize(
    ("text", "event_type", "sub_event_type"),
    [
        ("Le 18 mars 2024, des militants présumés du JNIM ont fait sauter un pylône électrique à Toulfé.",
         "Explosions/Remote violence", "Remote explosive/landmine/IED"),
        (  # party activists, not armed militants
            "Le 20 mars 2024, des militants du nouveau bureau provincial ont perturbé la réunion du parti "
            "en protestant à Bobo-Dioulasso.",
            "Protests", "Peaceful protest",
        ),
        ("Le 15 mars 2024, des habitants ont barricadé plusieurs routes menant à la mine de Karma pour "
         "dénoncer la poussière des camions.", "Riots", "Violent demonstration"),
        (  # shots fired at no one, and burning: property destruction
            "Le 22 mars 2024, des militants présumés de l'EIGS ont attaqué la mairie d'Ansongo, "
            "tirant des coups de feu et brûlant des registres.",
            "Strategic developments", "Looting/property destruction",
        ),
        (  # shots fired at someone still harm
            "Le 22 mars 2024, des militants présumés de l'EIGS ont tiré sur des villageois et brûlé des "
            "greniers à Ansongo.",
            "Violence against civilians", "Attack",
        ),
    ],
)  # fmt: skip
def test_party_activists_and_shots_at_no_one(text: str, event_type: str, sub_event_type: str) -> None:
    r = _one(text)
    assert (r.event_type, r.sub_event_type) == (event_type, sub_event_type)


def test_clashes_between_students_are_a_brawl_not_dropped() -> None:
    r = _one(
        "Le 12 mars 2024, des affrontements entre étudiants à l'université de Ouagadougou : cinq blessés."
    )
    assert r.event_type == "Riots"


def test_civilians_killed_in_an_exchange_of_fire_are_no_brawl() -> None:
    reports = _reports("Le 12 mars 2024, trois civils ont été tués dans des échanges de tirs près de Djibo.")
    assert all(r.event_type != "Riots" for r in reports)


def test_the_french_lexicon_has_every_event_word_list_the_english_one_has() -> None:
    # the event component reads a list by name from the doc's language (events._ew): a list only
    # English has makes a French document fail (KeyError) the day a rule reads it with []
    english = set(load_data("lexicon.json")["event_words"]) - {"about"}
    french = set(load_data("fr/lexicon.json")["event_words"]) - {"about"}
    assert english <= french, sorted(english - french)
