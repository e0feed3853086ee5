"""French rules of the fifth round: people counted by word order where the small parser loses the
object, the dead of a list with its own verb, places joined by "entre", agents told once for two
participles, the sides of a clash read by word order, what surrounds a protest, gatherings of
support, civilians shutting an office, blasts, looting, mourning, and the army's communiqués
("opération aérienne", "neutralisés"). Sentences written for these tests in the style of Sahel
outlets (Burkina Faso, Mali, Niger)."""

from __future__ import annotations

import pytest

from french_support import _name, _one, _reports


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        # the article of the object labelled "obj", the noun "xcomp" (before "près de"): read by word order
        ("Des inconnus à moto ont tué un enseignant près de la gare routière de Dori.", 1),
        # "enlevé puis exécuté": the object hangs on the first verb
        ("Les assaillants auraient enlevé puis exécuté un commerçant de bétail à Arbinda.", 1),
        # the last of a list after "attaqué et tué"
        ("Les terroristes ont attaqué et tué trois gendarmes et un douanier au poste frontière.", 4),
        # "officier" is a person
        ("Un sous-officier et trois assaillants ont été tués au cours des échanges de tirs.", 4),
        # a participle with its own object after a place is the next verb of the list, active
        ("Les djihadistes ont investi le hameau de Pétégoli, tué une quinzaine d'habitants et "
         "incendié des cases.", 15),
    ],
)  # fmt: skip
def test_the_dead_of_an_active_verb_are_counted_whatever_the_parse(text: str, dead: int) -> None:
    assert _one(text).fatalities.acled == dead


def test_the_last_of_a_list_with_its_own_verb_keeps_its_own_fate() -> None:
    # the two shepherds were killed; the old man, with his own verb, was wounded
    report = _one(
        "À Gomboro, les jihadistes ont égorgé deux bergers et un vieillard a été grièvement blessé."
    )
    assert report.fatalities.acled == 2


def test_a_place_between_two_towns_is_one_event() -> None:
    # "entre A et B" is one place on the road between them, not a list of two events sharing the toll
    reports = _reports("Quatre militaires ont été tués par l'explosion d'une mine entre Djibo et Namsiguia.")
    assert len(reports) == 1
    assert reports[0].fatalities.acled == 4


def test_one_agent_for_two_participles() -> None:
    # "par des gendarmes" is told once, on the second participle: the protesters were killed by them
    report = _one("Trois manifestants ont été tués et une dizaine blessés par des gendarmes à Kaya.")
    assert (report.event_type, report.sub_event_type) == ("Protests", "Excessive force against protesters")
    assert _name(report.actor2) == "Police Forces of Burkina Faso (2022-) Gendarmerie"
    assert report.fatalities.acled == 3


def test_a_clash_between_youths_and_the_police_after_a_trial_is_a_riot() -> None:
    # the small parser makes "la police" the subject of "signalés"; "procès" is what came before
    report = _one(
        "Des heurts entre des jeunes et la police ont été signalés à Dédougou après le procès d'un "
        "commerçant."
    )
    assert report.event_type == "Riots"
    assert _name(report.actor2) == "Police Forces of Burkina Faso (2022-)"


@pytest.mark.parametrize(
    "text",
    [
        # the attacks are what the march is held against, not an event of the day
        (
            "À Ouahigouya, les jeunes ont organisé un meeting pour témoigner leur soutien aux forces "
            "armées, face à la multiplication des attaques de groupes armés visant les militaires."
        ),
        # a gathering of support is a protest (English "a rally in support of")
        ("Les commerçants du grand marché ont organisé un rassemblement de soutien aux Volontaires pour "
         "la défense de la patrie."),
    ],
)  # fmt: skip
def test_a_gathering_of_support_amid_attacks_is_a_peaceful_protest(text: str) -> None:
    report = _one(text)
    assert (report.event_type, report.sub_event_type) == ("Protests", "Peaceful protest")


def test_civilians_who_shut_an_office_protest() -> None:
    report = _one(
        "Des élèves ont fermé les portes du lycée provincial de Diapaga pour exiger le départ du proviseur."
    )
    assert (report.event_type, report.actor1 and _name(report.actor1)) == (
        "Protests",
        "Protesters (Burkina Faso)",
    )
    # an official closing his own office does not
    assert not _reports("Le préfet a fermé les bureaux de la préfecture pour la fête de l'Indépendance.")


def test_people_hurt_in_a_blast_are_its_target() -> None:
    # "dans l'explosion d'une mine": the gendarmes are the target, not the bombers
    report = _one(
        "Deux gendarmes ont perdu la vie et un autre a été blessé dans l'explosion d'une mine artisanale "
        "près de Solenzo."
    )
    assert report.event_type == "Explosions/Remote violence"
    assert _name(report.actor1) == "Unidentified Armed Group (Burkina Faso)"
    assert _name(report.actor2) == "Police Forces of Burkina Faso (2022-) Gendarmerie"
    assert report.fatalities.acled == 2


def test_looting_by_no_one_named_is_a_riot() -> None:
    report = _one("Des scènes de pillage de magasins ont été rapportées cette nuit à Koupéla.")
    assert report.event_type == "Riots"
    report = _one("Des hommes armés ont pillé le marché de Tin-Akoff.")
    assert report.event_type == "Strategic developments"  # armed men's looting stays theirs


def test_riddled_with_bullets_is_an_attack() -> None:
    report = _one(
        "Le véhicule d'un élu local a été criblé de balles par des individus armés près de Djibasso."
    )
    assert (report.event_type, report.sub_event_type) == ("Violence against civilians", "Attack")


def test_an_attack_of_great_violence_has_no_target_in_its_manner() -> None:
    # "d'une rare violence", "de grande envergure" tell its manner: the camp that took it is the target
    report = _one(
        "Le camp militaire de Kelbo a essuyé une attaque d'une rare violence dans la nuit de lundi."
    )
    assert _name(report.actor1) == "Unidentified Armed Group (Burkina Faso)"
    assert _name(report.actor2) == "Military Forces of Burkina Faso (2022-)"


@pytest.mark.parametrize(
    "text",
    [
        (
            "Le chef de l'État a décrété un deuil national de trois jours en mémoire des victimes de "
            "l'attaque de Seytenga."
        ),
        "Les obsèques des gendarmes tombés lors de l'embuscade ont eu lieu à Fada N'Gourma.",
    ],
)
def test_mourning_an_attack_is_no_event(text: str) -> None:
    assert not _reports(text)


def test_an_air_operation_is_an_air_strike() -> None:
    report = _one(
        "Une opération aérienne conduite dans la zone de Djibo a permis de neutraliser une quarantaine de "
        "terroristes, selon l'état-major."
    )
    assert (report.event_type, report.sub_event_type) == ("Explosions/Remote violence", "Air/drone strike")
    assert _name(report.actor1) == "Military Forces of Burkina Faso (2022-)"
    assert report.fatalities.acled == 40


def test_enemies_neutralised_in_a_communique_were_killed_by_the_army() -> None:
    report = _one(
        "L'état-major général des armées informe qu'une unité a été attaquée à Gorgadji. Au total, une "
        "trentaine d'assaillants ont été neutralisés."
    )
    names = {_name(report.actor1), _name(report.actor2)}
    assert names == {"Military Forces of Burkina Faso (2022-)", "Unidentified Armed Group (Burkina Faso)"}
    assert report.fatalities.acled == 30


def test_a_person_noun_tagged_an_adjective_is_still_executed() -> None:
    # the small parser tags "notable" an adjective and takes the well for the object of "exécuter"
    report = _one("Selon des témoins, des hommes armés ont exécuté un notable près du puits de Gorgadji.")
    assert (report.event_type, report.fatalities.acled) == ("Violence against civilians", 1)


def test_a_vague_count_that_perished_in_an_attack_is_its_target() -> None:
    report = _one("Une vingtaine de villageois ont péri dans l'attaque de leur hameau, près de Djibasso.")
    assert report.event_type == "Violence against civilians"
    assert _name(report.actor2) == "Civilians (Burkina Faso)"
    assert report.fatalities.acled == 20


def test_the_object_of_an_attack_hung_on_faire() -> None:
    report = _one(
        "Le poste des FAMa de Nampala a fait l'objet d'une attaque jihadiste ce lundi.", country="ML"
    )
    assert _name(report.actor1) == "Unidentified Armed Group (Mali)"
    assert _name(report.actor2) == "Military Forces of Mali (2021-)"


def test_a_communique_toll_of_bare_participles() -> None:
    # "17 terroristes neutralisés" (the noun tagged an adjective, the participle a noun modifier) are
    # 17 dead; "un militaire légèrement blessé" is no death
    report = _one(
        "Les FDS ont repoussé un assaut contre le poste de Tougan. Bilan : 17 terroristes neutralisés et "
        "un militaire légèrement blessé."
    )
    assert report.event_type == "Battles"
    assert report.fatalities.acled == 17


def test_a_court_word_in_the_circumstances_does_not_make_an_assault_a_crime_story() -> None:
    report = _one(
        "Un journaliste a été agressé par des policiers alors qu'il couvrait le procès d'un député à "
        "Bobo-Dioulasso."
    )
    assert report.event_type == "Violence against civilians"
    assert _name(report.actor1) == "Police Forces of Burkina Faso (2022-)"


@pytest.mark.parametrize(
    "text",
    [
        ("Des militaires ont encerclé la radio nationale dans la matinée. Plusieurs journalistes ont été "
         "passés à tabac dans la rue."),
        ("Des hommes armés ont été signalés aux abords de Kaya. Des commerçants ont été roués de coups sur "
         "la route du marché."),
    ],
)  # fmt: skip
def test_a_beating_in_a_text_of_armed_men_is_an_attack(text: str) -> None:
    report = _one(text)
    assert (report.event_type, _name(report.actor2)) == (
        "Violence against civilians",
        "Civilians (Burkina Faso)",
    )


def test_a_beating_by_a_neighbour_is_no_event() -> None:
    # "coups" is a word of war ("coups de feu"), not here
    assert not _reports("Un homme a été roué de coups par son voisin à la suite d'une dispute.")


def test_a_battalion_of_the_gendarmerie_is_the_gendarmerie() -> None:
    report = _one("Les éléments du bataillon de gendarmerie ont interpellé deux suspects à Kaya.")
    assert _name(report.actor1) == "Police Forces of Burkina Faso (2022-) Gendarmerie"


def test_an_air_strike_on_one_group_or_another() -> None:
    # "du JNIM et/ou de l'EIGS" is five tokens in French: the target is ACLED's "X and/or Y"
    report = _one(
        "Mardi, l'aviation a bombardé un repaire de combattants présumés du JNIM et/ou de l'EIGS dans "
        "la forêt d'Arbinda."
    )
    assert _name(report.actor2) == (
        "JNIM: Group for Support of Islam and Muslims and/or Islamic State (Sahel)"
    )


def test_the_sides_opposed_are_not_the_place() -> None:
    # "à Anéfis" is where, "aux FAMa" the second side
    report = _one(
        "Jeudi, de violents combats ont opposé des rebelles de la CMA aux FAMa à Anéfis.", country="ML"
    )
    assert _name(report.actor1) == "CMA: Coordination of Azawad Movements"
    assert _name(report.actor2) == "Military Forces of Mali (2021-)"


@pytest.mark.parametrize(
    "text",
    [
        # "car" tagged a conjunction by the small parser
        "Un car de voyageurs a sauté sur une mine à la sortie de Djibo, faisant neuf morts.",
        "Une mine artisanale a explosé au passage d'un minibus sur l'axe Kaya-Dori, faisant six morts.",
        ("Des terroristes ont fait exploser une bombe au passage d'un véhicule de transport en commun "
         "près de Gorom."),
    ],
)  # fmt: skip
def test_a_blast_on_public_transport_hits_civilians(text: str) -> None:
    report = _one(text)
    assert report.event_type == "Explosions/Remote violence"
    assert _name(report.actor2) == "Civilians (Burkina Faso)"


def test_a_blast_on_the_army_s_vehicle_stays_the_army_s() -> None:
    report = _one(
        "Trois soldats ont trouvé la mort dans l'explosion d'une mine au passage de leur véhicule "
        "près de Dori."
    )
    assert _name(report.actor2) == "Military Forces of Burkina Faso (2022-)"


def test_mortally_wounded_is_killed() -> None:
    report = _one("Un douanier a été mortellement blessé lors de l'attaque du poste de Seytenga, lundi soir.")
    assert report.fatalities.acled == 1
    report = _one("Deux soldats ont été grièvement blessés dans une embuscade près de Dori.")
    assert report.fatalities.acled == 0


def test_hani_are_unidentified_armed_men() -> None:
    # the Nigerien and Malian press abbreviate "hommes armés non identifiés"
    report = _one(
        "Dans la nuit de samedi, des HANI ont attaqué le poste de douane de Makalondi.", country="NE"
    )
    assert _name(report.actor1) == "Unidentified Armed Group (Niger)"


def test_the_clitic_stands_for_the_owner_of_the_house_entered() -> None:
    report = _one("Des hommes armés ont fait irruption au domicile d'un notable de Gomboro et l'ont abattu.")
    assert (report.event_type, report.fatalities.acled) == ("Violence against civilians", 1)


def test_a_breakdown_between_commas_keeps_the_toll_s_verb() -> None:
    report = _one(
        "Une vingtaine de villageois, dont des vieillards et des enfants, ont été tués par des "
        "terroristes à Solenzo."
    )
    assert report.fatalities.acled == 20


def test_the_armed_men_of_a_breakdown_are_no_attackers() -> None:
    # "dont 20 civils et 5 VDP" is hung on the place by the parser: the VDP are among the dead
    report = _one("Au total, 31 personnes ont péri dans l'attaque de Barsalogho, dont 26 civils et 5 VDP.")
    assert report.event_type == "Violence against civilians"
    assert _name(report.actor1) == "Unidentified Armed Group (Burkina Faso)"
    assert report.fatalities.acled == 31


def test_dont_plusieurs_are_the_group_named_before() -> None:
    # "dont plusieurs ont été neutralisés": the assailants, not civilians taken for rioters' victims
    report = _one(
        "La garnison de Tongomayel a riposté et mis en fuite les jihadistes, dont plusieurs ont été "
        "neutralisés."
    )
    assert report.event_type == "Battles"
    assert {_name(report.actor1), _name(report.actor2)} == {
        "Military Forces of Burkina Faso (2022-)",
        "Unidentified Armed Group (Burkina Faso)",
    }
