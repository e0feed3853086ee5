"""French rules of the fourth round: riots told with the police as the subject, protests told as
taking the streets, exchanges of fire, what a protest is against, damage told after an attack by
unknown men, words of a generic phrase after its preposition, political opponents. Sentences
written for these tests in the style of Sahel outlets (Burkina Faso, Mali, Niger)."""

from __future__ import annotations

import pytest

from french_support import _name, _one, _reports


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


def test_soldiers_who_take_to_the_streets_firing_in_the_air_riot() -> None:
    # the adverbs between the verb and "dans les rues" break no phrase: the verb and its place are read
    report = _one(
        "Furieux du non-paiement de leurs primes, des militaires du camp de Kaya sont sortis hier soir "
        "dans les rues en tirant en l'air."
    )
    assert report.event_type == "Riots"
    assert _name(report.actor1) == "Rioters (Burkina Faso)"


def test_demonstrators_as_subject_make_a_protest_whatever_the_verb() -> None:
    # English reads "demonstrators surrounded the palace" as a protest: so does French now
    report = _one(
        "Mardi, une centaine de manifestants ont réclamé devant le gouvernorat de Dori le départ du préfet."
    )
    assert (report.event_type, report.sub_event_type) == ("Protests", "Peaceful protest")
    assert _name(report.actor1) == "Protesters (Burkina Faso)"


def test_coming_to_blows_is_a_fight() -> None:
    report = _one(
        "À Léo, des partisans des deux candidats en sont venus aux mains devant le bureau de vote, "
        "faisant trois blessés."
    )
    assert report.event_type == "Riots"


def test_a_claim_of_responsibility_alone_tells_the_event_with_the_claimant() -> None:
    report = _one(
        "Le JNIM a revendiqué l'embuscade tendue jeudi à une colonne de l'armée malienne près de Boni.",
        country="ML",
    )
    assert report.event_type == "Battles"
    assert _name(report.actor1) == "JNIM: Group for Support of Islam and Muslims"
    # told by another sentence, the claim only refers back to it
    reports = _reports(
        "Des hommes armés ont attaqué le poste de gendarmerie de Falagountou dans la nuit de mercredi. "
        "L'EIGS a revendiqué l'attaque deux jours plus tard."
    )
    assert len(reports) == 1


def test_protesters_who_revendiquent_demand_they_claim_nothing() -> None:
    report = _one("Les grévistes de la SONABEL revendiquent l'arrestation des agresseurs de leur collègue.")
    assert report.event_type == "Protests"


def test_those_killed_among_them_are_the_group_named_before() -> None:
    report = _one(
        "Des terroristes ont pris en embuscade une équipe de VDP près de Toéni et en ont abattu cinq "
        "d'entre eux."
    )
    assert report.event_type == "Battles"
    assert _name(report.actor2) == "VDP: Volunteer for Defense of Homeland"


def test_an_operation_aimed_at_securing_a_town_is_no_attack() -> None:
    # "visant à" is an aim: no attack
    report = _one(
        "L'armée a lancé une opération de renforcement visant à sécuriser les abords de Sebba avant la "
        "rentrée scolaire."
    )
    assert (report.event_type, report.sub_event_type) == (
        "Strategic developments",
        "Change to group/activity",
    )
    assert _name(report.actor1) == "Military Forces of Burkina Faso (2022-)"


def test_a_ban_on_traffic_is_a_security_measure_not_damage() -> None:
    report = _one(
        "Le gouverneur du Nord a annoncé jeudi l'interdiction de la circulation des tricycles à Titao."
    )
    assert (report.event_type, report.sub_event_type) == (
        "Strategic developments",
        "Change to group/activity",
    )


def test_an_operation_is_an_attack_when_the_next_sentence_tells_its_dead() -> None:
    report = _one(
        "Les forces armées ont conduit mardi une opération dans la forêt de Kabonga. Une dizaine de "
        "terroristes ont été neutralisés."
    )
    assert report.event_type == "Battles"
    assert _name(report.actor1) == "Military Forces of Burkina Faso (2022-)"


@pytest.mark.parametrize(
    "text",
    [
        ("Des bandits armés ont dévalisé des voyageurs sur l'axe Fada-Pama ; un chauffeur qui résistait "
         "a été blessé."),
        "Des individus armés ont pillé le marché de Madjoari. Deux vendeuses ont été molestées.",
    ],
)  # fmt: skip
def test_a_looting_with_people_hurt_is_an_attack_on_them(text: str) -> None:
    report = _one(text)
    assert (report.event_type, report.sub_event_type) == ("Violence against civilians", "Attack")


def test_a_looting_where_nobody_was_hurt_stays_a_looting() -> None:
    report = _one("Des hommes armés ont incendié la pharmacie de Tin-Akoff. Personne n'a été blessé.")
    assert report.event_type == "Strategic developments"


def test_herders_of_an_ethnic_group_killed_by_soldiers_are_civilians() -> None:
    report = _one(
        "Au cours d'une opération de ratissage, des militaires auraient abattu une dizaine de bergers "
        "peuls dans les environs de Nassoumbou."
    )
    assert report.event_type == "Violence against civilians"
    assert _name(report.actor2) == "Civilians (Burkina Faso)"
    # a fight between two communities keeps its sides
    report = _one("Des cultivateurs mossis et des éleveurs peuls se sont battus à Zimtenga, faisant un mort.")
    assert report.event_type == "Battles"
    assert "Ethnic Militia" in (_name(report.actor2) or "")


def test_a_patrol_is_the_army_s_unless_another_force_is_named() -> None:
    # the army's communiqués say "une patrouille" alone; "une patrouille de gendarmerie" is the gendarmerie's
    report = _one(
        "D'après un communiqué de l'état-major, une patrouille a essuyé des tirs nourris près de "
        "Mentao ; trois militaires y ont laissé la vie."
    )
    assert report.event_type == "Battles"
    assert _name(report.actor2) == "Military Forces of Burkina Faso (2022-)"
    assert report.fatalities.acled == 3
    report = _one(
        "Une patrouille de la gendarmerie est tombée mardi dans une embuscade terroriste vers Bittou."
    )
    assert _name(report.actor2) == "Police Forces of Burkina Faso (2022-) Gendarmerie"


def test_a_unit_taken_to_task_is_attacked() -> None:
    # "prise à partie": the feminine of "pris à partie"
    report = _one(
        "Mercredi, une section de l'armée a été prise à partie par des assaillants au nord de Barsalogho."
    )
    assert report.event_type == "Battles"
    assert _name(report.actor1) == "Unidentified Armed Group (Burkina Faso)"
    assert _name(report.actor2) == "Military Forces of Burkina Faso (2022-)"


@pytest.mark.parametrize(
    "text",
    [
        "Une attaque contre un site d'orpaillage a fait une trentaine de morts dimanche dans la Komondjari.",
        "Samedi soir, une attaque a coûté la vie à neuf orpailleurs sur le site aurifère de Kalsaka.",
    ],
)  # fmt: skip
def test_an_attack_with_a_toll_is_political_violence_with_no_one_named(text: str) -> None:
    report = _one(text)
    assert report.event_type == "Violence against civilians"
    assert _name(report.actor1) == "Unidentified Armed Group (Burkina Faso)"


@pytest.mark.parametrize(
    "text",
    [
        "L'ancien maire de Dori a succombé lundi à une attaque cardiaque.",
        "Une longue maladie a emporté samedi le chef coutumier de Boulsa.",
    ],
)  # fmt: skip
def test_an_illness_is_no_attack(text: str) -> None:
    assert _reports(text) == []


def test_a_headline_participle_after_its_noun_is_passive() -> None:
    # "un convoi militaire attaqué": the convoy was attacked; it attacked no one
    text = (
        "Niger : un convoi militaire attaqué près de Téra\n\n"
        "Niamey, 5 février 2024 (ANP) - Un convoi de l'armée est tombé dimanche dans une embuscade tendue "
        "par des terroristes de l'EIGS dans la zone de Téra, selon un communiqué du "
        "ministère de la Défense."
    )
    report = _one(text, country="NE")
    assert report.event_type == "Battles"
    assert _name(report.actor1) == "Islamic State (Sahel)"
    assert _name(report.actor2) == "Military Forces of Niger (2023-)"


def test_militants_of_a_party_acronym_are_activists_not_armed_militants() -> None:
    # an acronym no curated armed group has ("du MPP", "de l'UPC") is a party's or a union's
    report = _one("À Kaya, des militants de l'UPC ont saccagé le siège local du parti au pouvoir.")
    assert report.event_type == "Riots"
    assert _name(report.actor1) == "Rioters (Burkina Faso)"
    # a curated group's acronym, or the Islamic State's, stays armed
    for text in (
        "À Nadiagou, le poste de douane a été réduit en cendres par des militants du JNIM.",
        "Vendredi, des militants de l'EI ont mis le feu aux greniers de Tchoma Bangou.",
    ):
        report = _one(text, country="NE" if "Tchoma" in text else "BF")
        assert report.event_type == "Strategic developments"
        assert "Unidentified" in (_name(report.actor1) or "") or "JNIM" in (_name(report.actor1) or "")
