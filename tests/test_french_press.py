"""French press phrasings of the third round: "tuant une trentaine de personnes" after a place,
"a coûté la vie à", "a été la cible d'une attaque terroriste", militiamen, civil-society activists,
"des combats ont opposé X à Y", gendarmes who shoot a suspect dead, a group's claim with a name the
parser splits, a device destroyed by deminers. Sentences written for these tests in the style of
Sahel outlets (Burkina Faso, Mali, Niger)."""

from __future__ import annotations

import pytest

from conflictlens.extract import extract
from conflictlens.model import Document
from french_support import _name, _one, _reports


@pytest.mark.parametrize(
    ("text", "fatalities"),
    [
        # a present participle after the place it follows is active: its object is who died
        ("Des individus armés ont pris d'assaut le hameau de Bangasso, tuant une quinzaine de "
         "cultivateurs, selon des sources sécuritaires.", 15),
        # "coûter la vie à": those the attack cost their lives
        ("L'attaque menée lundi par des hommes armés contre le marché de Sikiré a coûté la vie à six "
         "commerçants.", 6),
        ("L'engin explosif a explosé au passage d'un minibus et a coûté la vie à un apprenti chauffeur.", 1),
    ],
)  # fmt: skip
def test_french_press_tolls(text: str, fatalities: int) -> None:
    assert _one(text).fatalities.acled == fatalities


def test_a_past_participle_after_a_noun_still_counts_the_dead_it_follows() -> None:
    report = _one("Samedi, près de Kossi, l'armée a repoussé des assaillants, dont une vingtaine tués.")
    assert report.fatalities.acled == 20


@pytest.mark.parametrize(
    ("text", "actor1", "actor2"),
    [
        ("Dans la nuit de mardi, la brigade de gendarmerie de Kompienga a été la cible d'une attaque "
         "terroriste.",
         "Unidentified Armed Group (Burkina Faso)", "Police Forces of Burkina Faso (2022-) Gendarmerie"),
        ("Une dizaine de volontaires ont été victimes d'une embuscade djihadiste vendredi sur l'axe "
         "Gayéri-Foutouri.",
         "Unidentified Armed Group (Burkina Faso)", "VDP: Volunteer for Defense of Homeland"),
        ("Le convoi de ravitaillement a fait l'objet d'une attaque de présumés terroristes à Bollé.",
         "Unidentified Armed Group (Burkina Faso)", None),
    ],
)  # fmt: skip
def test_the_subject_of_being_the_target_of_an_attack_is_its_target(
    text: str, actor1: str, actor2: str | None
) -> None:
    report = _one(text)
    assert report.event_type == "Battles"
    assert _name(report.actor1) == actor1
    assert _name(report.actor2) == actor2


def test_a_terrorist_attack_repelled_is_the_attackers() -> None:
    report = _one("Mercredi, les FDS ont repoussé une attaque djihadiste contre le poste de Tankoualou.")
    assert report.event_type == "Battles"
    assert _name(report.actor1) == "Unidentified Armed Group (Burkina Faso)"
    assert _name(report.actor2) == "Military Forces of Burkina Faso (2022-)"


def test_an_adjective_on_another_noun_names_no_attacker() -> None:
    # "positions terroristes" are the target of the strike, the terrorists no attackers
    report = _one(
        "L'aviation a bombardé des positions terroristes près de Tin-Hama, neutralisant une douzaine "
        "d'hommes."
    )
    assert _name(report.actor1) == "Military Forces of Burkina Faso (2022-)"


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        ("Des miliciens ont incendié le hameau de Dioungani et tué quatre éleveurs.",
         "Unidentified Communal Militia (Mali)"),
        ("Trois miliciens dozos ont été interpellés par la gendarmerie à Ségou après la mort d'un berger.",
         "Police Forces of Mali (2021-) Gendarmerie"),
    ],
)  # fmt: skip
def test_french_militiamen(text: str, actor1: str) -> None:
    assert _name(_one(text, "ML").actor1) == actor1


def test_militiamen_yield_to_the_militia_named_right_after_them() -> None:
    report = _one("Des soldats maliens ont abattu cinq miliciens dozos près de Macina.", "ML")
    assert _name(report.actor2) == "Dozo Communal Militia (Mali)"


@pytest.mark.parametrize(
    "text",
    [
        "Des militants de la société civile ont tenu un sit-in devant la préfecture de Tahoua.",
        "Jeudi, des militants politiques ont marché dans les rues de Zinder pour exiger des élections.",
    ],
)
def test_civil_society_and_political_activists_protest(text: str) -> None:
    report = _one(text, "NE")
    assert report.event_type == "Protests"
    assert _name(report.actor1) == "Protesters (Niger)"


@pytest.mark.parametrize(
    ("text", "actor1", "actor2"),
    [
        ("De violents combats ont opposé lundi l'armée et des combattants du JNIM près de Boni.",
         "Military Forces of Mali (2021-)", "JNIM: Group for Support of Islam and Muslims"),
        ("Un accrochage a opposé une unité des FAMa à des jihadistes dans le cercle de Bla.",
         "Military Forces of Mali (2021-)", "Unidentified Armed Group (Mali)"),
        # "et" hung on the second word of the first side
        ("Les affrontements entre les Forces armées maliennes et des djihadistes ont duré trois heures "
         "à Farabougou.",
         "Military Forces of Mali (2021-)", "Unidentified Armed Group (Mali)"),
    ],
)  # fmt: skip
def test_the_two_sides_of_a_fight_in_their_order(text: str, actor1: str, actor2: str) -> None:
    report = _one(text, "ML")
    assert report.event_type == "Battles"
    assert (_name(report.actor1), _name(report.actor2)) == (actor1, actor2)


def test_gendarmes_who_shoot_a_suspect_dead_commit_violence_against_a_civilian() -> None:
    report = _one("Un suspect qui tentait de fuir a été abattu par des gendarmes vendredi à Léo.")
    assert report.event_type == "Violence against civilians"
    assert _name(report.actor1) == "Police Forces of Burkina Faso (2022-) Gendarmerie"


def test_an_arrest_by_gendarmes_stays_no_violence() -> None:
    # not shot dead: an arrest is no killing
    report = _one("Des gendarmes ont appréhendé un suspect vendredi à Léo.")
    assert report.event_type == "Strategic developments"


def test_a_group_whose_name_the_parser_splits_claims_the_killing() -> None:
    text = (
        "Un conseiller municipal a été tué par balles mardi soir à Tongomayel. "
        "Ansaroul Islam a revendiqué ce meurtre dans un message audio."
    )
    assert _name(_one(text).actor1) == "Ansaroul Islam"


@pytest.mark.parametrize(
    "text",
    [
        "Les démineurs du génie militaire ont détruit une bombe artisanale découverte près de Barsalogho.",
        "Une patrouille a neutralisé deux engins explosifs enfouis sous la chaussée à Kelbo.",
    ],
)
def test_a_device_destroyed_by_the_army_is_disrupted_weapons_use(text: str) -> None:
    report = _one(text)
    assert (report.event_type, report.sub_event_type) == ("Strategic developments", "Disrupted weapons use")


def test_an_explosion_is_still_one() -> None:
    report = _one("Une bombe artisanale a explosé au passage d'une patrouille près de Barsalogho.")
    assert report.event_type == "Explosions/Remote violence"


@pytest.mark.parametrize(
    "text",
    [
        "Dimanche soir, les militaires du détachement de Sebba ont repoussé une attaque de grande envergure.",
        "Les volontaires de Kougri ont repoussé un assaut mardi à l'aube.",
    ],
)
def test_those_who_repel_an_attack_by_no_one_named_are_its_target(text: str) -> None:
    # ACLED codes the unknown attackers as actor1 and those who held their post as actor2
    report = _one(text)
    assert report.event_type == "Battles"
    assert _name(report.actor1) == "Unidentified Armed Group (Burkina Faso)"
    assert _name(report.actor2) in (
        "Military Forces of Burkina Faso (2022-)",
        "Police Forces of Burkina Faso (2022-) Gendarmerie",
        "VDP: Volunteer for Defense of Homeland",
    )


@pytest.mark.parametrize(
    ("text", "fatalities"),
    [
        ("Des assaillants venus à moto ont abattu cinq pêcheurs sur les berges du fleuve près d'Ayorou.", 5),
        ("Quatre bûcherons et deux talibés ont été tués par des hommes armés à la sortie de Tillia.", 6),
        ("Des inconnus armés ont tué trois convoyeurs de marchandises sur la route de Ouallam.", 3),
    ],
)  # fmt: skip
def test_more_kinds_of_people_are_counted(text: str, fatalities: int) -> None:
    assert _one(text, "NE").fatalities.acled == fatalities


@pytest.mark.parametrize(
    ("text", "fatalities"),
    [
        # a possessive before one person counts one, as "un"/"le" do
        ("À Tinzouli, les ravisseurs ont exécuté un marabout et son neveu à la tombée de la nuit.", 2),
        ("Vendredi, des hommes armés ont abattu quatre forains, leur cuisinier et leur apprenti au marché "
         "de Kobé.", 6),
    ],
)  # fmt: skip
def test_one_person_after_a_possessive_is_counted(text: str, fatalities: int) -> None:
    assert _one(text, "ML").fatalities.acled == fatalities


@pytest.mark.parametrize(
    ("text", "fatalities"),
    [
        # the dead of a sentence after the attack, told with a verb of dying and "au cours de"/"lors de"
        ("Un groupe armé a pris d'assaut le camp de Gomboro jeudi. Huit gendarmes sont morts au cours de "
         "l'assaut.", 8),
        ("Un groupe armé a pris d'assaut le camp de Gomboro jeudi. Quatre gendarmes ont péri lors de "
         "l'assaut.", 4),
        # the losses of a side
        ("Un groupe armé a pris d'assaut le camp de Gomboro jeudi. La gendarmerie a perdu deux hommes.", 2),
        ("Un groupe armé a pris d'assaut le camp de Gomboro jeudi. Cinq gendarmes y ont laissé la vie.", 5),
        ("Un groupe armé a pris d'assaut le camp de Gomboro jeudi. L'assaut a fait 9 tués parmi les "
         "gendarmes.", 9),
        # no person lost
        ("Un groupe armé a pris d'assaut le camp de Gomboro jeudi. La gendarmerie a perdu deux pick-up.", 0),
    ],
)  # fmt: skip
def test_the_dead_of_the_side_attacked(text: str, fatalities: int) -> None:
    reports = _reports(text)
    assert len(reports) == 1
    assert reports[0].event_type == "Battles"
    assert reports[0].fatalities.acled == fatalities


def test_those_who_died_during_the_attack_are_its_target() -> None:
    text = (
        "Un groupe armé a pris d'assaut le camp de Gomboro jeudi. Huit gendarmes sont morts au cours "
        "de l'assaut."
    )
    assert _name(_one(text).actor2) == "Police Forces of Burkina Faso (2022-) Gendarmerie"


@pytest.mark.parametrize(
    "text",
    [
        "Des partisans du candidat déclaré perdant ont affronté les forces de l'ordre lundi à Maradi.",
        "Des sympathisants de l'ancien maire se sont heurtés à la police devant la mairie de Dosso.",
    ],
)
def test_supporters_who_fight_the_police_are_rioters(text: str) -> None:
    report = _one(text, "NE")
    assert report.event_type == "Riots"
    assert _name(report.actor1) == "Rioters (Niger)"


@pytest.mark.parametrize(
    "text",
    [
        "Jeudi soir, des militaires mécontents ont tiré en l'air dans plusieurs quartiers de Bobo-Dioulasso.",
        "Mercredi, des soldats ont tiré des rafales en l'air devant l'état-major de la région.",
        "Des gendarmes ont tiré des coups de feu en l'air au passage du cortège à Tenkodogo.",
    ],
)
def test_shots_into_the_air_are_no_attack(text: str) -> None:
    assert all(r.event_type != "Violence against civilians" for r in _reports(text))


def test_shots_at_a_bus_stay_an_attack() -> None:
    report = _one("Lundi, des bandits armés ont tiré des coups de feu sur un minibus près de Kompienga.")
    assert (report.event_type, report.sub_event_type) == ("Violence against civilians", "Attack")


@pytest.mark.parametrize(
    ("text", "sub_event_type", "actor2"),
    [
        # fire of shells is shelling, not the gunfire of a battle, even against an armed camp
        ("Des tirs d'obus ont visé mardi le camp militaire d'Aguelhok.",
         "Shelling/artillery/missile attack", "Military Forces of Mali (2021-)"),
        ("Le camp militaire d'Aguelhok a essuyé des tirs de roquettes dans la nuit de mardi.",
         "Shelling/artillery/missile attack", "Military Forces of Mali (2021-)"),
        ("Le camp militaire d'Aguelhok a été la cible de tirs de mortier mardi.",
         "Shelling/artillery/missile attack", "Military Forces of Mali (2021-)"),
    ],
)  # fmt: skip
def test_shells_fired_at_a_camp(text: str, sub_event_type: str, actor2: str) -> None:
    report = _one(text, "ML")
    assert (report.event_type, report.sub_event_type) == ("Explosions/Remote violence", sub_event_type)
    assert _name(report.actor1) == "Unidentified Armed Group (Mali)"
    assert _name(report.actor2) == actor2


def test_who_came_under_fire_is_the_target_and_who_fired_the_attacker() -> None:
    report = _one(
        "Mardi, une unité de la garde nationale a essuyé des tirs de djihadistes près de Banibangou.", "NE"
    )
    assert report.event_type == "Battles"
    assert _name(report.actor1) == "Unidentified Armed Group (Niger)"
    assert _name(report.actor2) == "Military Forces of Niger (2023-)"


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        ("Deux orpailleurs ont été tués près de Gomboro dans une attaque attribuée à l'EIGS.",
         "Islamic State (Sahel)"),
        ("Une embuscade imputée au JNIM a fait trois morts parmi les volontaires vendredi à Zoaga.",
         "JNIM: Group for Support of Islam and Muslims"),
    ],
)  # fmt: skip
def test_an_attack_ascribed_to_a_group_is_the_groups(text: str, actor1: str) -> None:
    assert _name(_one(text).actor1) == actor1


def test_who_had_themselves_killed_underwent_it() -> None:
    # "se faire tuer": the subject is the victim, not the killer
    report = _one("Trois policiers se sont fait tuer dimanche lors d'une embuscade sur l'axe Sebba-Mansila.")
    assert report.event_type == "Battles"
    assert _name(report.actor1) == "Unidentified Armed Group (Burkina Faso)"
    assert _name(report.actor2) == "Police Forces of Burkina Faso (2022-)"
    assert report.fatalities.acled == 3


def test_who_blew_himself_up_is_a_suicide_bomber() -> None:
    report = _one("Un kamikaze à moto s'est fait exploser mardi devant le camp militaire de Ménaka.", "ML")
    assert (report.event_type, report.sub_event_type) == ("Explosions/Remote violence", "Suicide bomb")


def test_victims_suspected_of_links_with_a_group_are_civilians() -> None:
    report = _one(
        "Cinq éleveurs soupçonnés de complicité avec les terroristes ont été exécutés par des militaires "
        "près de Solenzo."
    )
    assert report.event_type == "Violence against civilians"
    assert _name(report.actor2) == "Civilians (Burkina Faso)"


def test_the_dead_found_with_their_throats_cut_are_counted() -> None:
    text = (
        "Dans la zone de Tawori, des hommes armés ont attaqué un site d'orpaillage. Quatre orpailleurs ont "
        "été retrouvés égorgés."
    )
    assert _one(text).fatalities.acled == 4


def test_russian_paramilitaries_are_wagner() -> None:
    report = _one("Des paramilitaires russes ont abattu quatre bergers mardi près de Nampala, au Mali.", "ML")
    assert _name(report.actor1) == "Wagner Group"


@pytest.mark.parametrize(
    "text",
    [
        "Des violences entre bergers et riziculteurs ont fait deux morts samedi dans la vallée du Sourou.",
        "De nouvelles violences intercommunautaires ont fait deux morts samedi dans la vallée du Sourou.",
    ],
)
def test_violence_between_communities_is_a_clash_with_its_toll(text: str) -> None:
    report = _one(text)
    assert report.event_type == "Battles"
    assert report.fatalities.acled == 2


def test_violence_of_no_two_sides_is_no_event() -> None:
    assert not _reports("Les violences faites aux femmes ont été dénoncées lors d'un atelier à Koudougou.")


def test_a_priest_abducted_is_a_civilian_victim() -> None:
    report = _one(
        "Dimanche, des individus armés ont enlevé le curé de la paroisse de Dablo à la sortie de la messe."
    )
    assert (report.event_type, report.sub_event_type) == (
        "Violence against civilians",
        "Abduction/forced disappearance",
    )


@pytest.mark.parametrize(
    ("text", "sub_event_type", "actor1"),
    [
        ("Mercredi, des vecteurs aériens ont pilonné une colonne de motos d'assaillants près de Tin-Edia.",
         "Air/drone strike", "Military Forces of Burkina Faso (2022-)"),
        ("Jeudi, des jihadistes ont pris d'assaut le détachement de Gorgadji, tuant deux soldats.",
         "Armed clash", "Unidentified Armed Group (Burkina Faso)"),
    ],
)  # fmt: skip
def test_air_assets_and_detachments_are_the_armys(text: str, sub_event_type: str, actor1: str) -> None:
    report = _one(text)
    assert report.sub_event_type == sub_event_type
    assert _name(report.actor1) == actor1
    if sub_event_type == "Armed clash":
        assert _name(report.actor2) == "Military Forces of Burkina Faso (2022-)"


def test_a_detachment_of_the_gendarmerie_is_the_gendarmeries() -> None:
    report = _one("Le détachement de gendarmerie de Gorgadji a été attaqué mardi par des individus armés.")
    assert _name(report.actor2) == "Police Forces of Burkina Faso (2022-) Gendarmerie"


def test_armed_men_killed_with_no_agent_in_a_sentence_naming_the_army_are_the_armys() -> None:
    report = _one(
        "D'après l'état-major des armées, trente assaillants ont été neutralisés au cours du ratissage."
    )
    assert _name(report.actor1) == "Military Forces of Burkina Faso (2022-)"
    assert _name(report.actor2) == "Unidentified Armed Group (Burkina Faso)"


def test_civilians_killed_with_no_agent_are_not_the_armys_victims() -> None:
    report = _one("Six villageois ont été tués lundi près de Barani, selon la gendarmerie.")
    assert _name(report.actor1) == "Unidentified Armed Group (Burkina Faso)"


@pytest.mark.parametrize(
    ("text", "fatalities"),
    [
        ("Des assaillants ont investi le hameau de Nabasnonghin. Un cultivateur a perdu la vie.", 1),
        ("Des assaillants ont investi le poste de Nabasnonghin. Un policier y a trouvé la mort.", 1),
    ],
)  # fmt: skip
def test_one_who_lost_his_life_is_a_victim_not_a_killer(text: str, fatalities: int) -> None:
    reports = _reports(text)
    assert len(reports) == 1
    assert _name(reports[0].actor1) == "Unidentified Armed Group (Burkina Faso)"
    assert reports[0].fatalities.acled == fatalities


@pytest.mark.parametrize(
    ("text", "fatalities"),
    [
        # a noun of murder counts the one its definite "de" phrase names, or its number
        ("L'assassinat du chef coutumier de Yensé par des individus armés a provoqué l'exode des "
         "habitants.", 1),
        ("Le meurtre de quatre orpailleurs par des assaillants à moto a semé la panique à Gomboussougou.", 4),
    ],
)  # fmt: skip
def test_a_murder_noun_counts_its_victims(text: str, fatalities: int) -> None:
    report = _one(text)
    assert report.event_type == "Violence against civilians"
    assert _name(report.actor1) == "Unidentified Armed Group (Burkina Faso)"
    assert report.fatalities.acled == fatalities


def test_the_agent_of_an_abduction_noun_is_not_its_victim() -> None:
    report = _one("L'enlèvement de deux infirmiers par des hommes armés a été confirmé mardi à Sebba.")
    assert _name(report.actor1) == "Unidentified Armed Group (Burkina Faso)"
    assert _name(report.actor2) == "Civilians (Burkina Faso)"


# ---------------------------------------------------------------- places in French texts with no country


@pytest.mark.parametrize(
    ("text", "town", "country"),
    [
        # GeoNames spells it "Fada N'gourma"; the French tokenizer splits "N'" from "Gourma"
        (
            "Des hommes armés ont tué deux gendarmes à Fada N'Gourma lundi soir.",
            "Fada N'gourma",
            "Burkina Faso",
        ),
        # "Pô" is also another name of a Chinese city of millions: a French text means the Sahel town
        ("Des individus armés ont abattu un commerçant à Pô dans la nuit de samedi.", "Pô", "Burkina Faso"),
    ],
)
def test_a_french_text_naming_no_country_reads_sahel_towns(text: str, town: str, country: str) -> None:
    reports = [r for r in extract(Document(id="t", text=text, language="fr")) if not r.background]
    assert reports and reports[0].place is not None
    assert (reports[0].place.name, reports[0].place.country) == (town, country)
