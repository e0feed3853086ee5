"""Tests of the gazetteer index and the geoparser (recognition, resolution, relative locations).

The sentences are realistic news phrasing written for these tests; the places are real.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
from pathlib import Path

import pytest

from conflictlens.geo import distance_km, geoparse
from conflictlens.geo.gazetteer import gazetteer
from conflictlens.model import Document

ROOT = Path(__file__).resolve().parents[1]
gazmod = importlib.import_module("conflictlens.geo.gazetteer")
# the shared data folder, as benchmarks/geoparse.py finds it
GEOPARSING = (
    Path(os.environ.get("CONFLICTLENS_SHARED_DATA") or ROOT.parent / "shared" / "data") / "geoparsing"
)


def places_of(text: str, country: str | None = None) -> list[dict]:
    return next(geoparse([Document(id="t", text=text, country_hint=country)]))["places"]


def place_named(text: str, surface: str, country: str | None = None) -> dict:
    hits = [p for p in places_of(text, country) if p["text"] == surface]
    assert hits, f"{surface!r} not found in {[p['text'] for p in places_of(text, country)]}"
    return hits[0]


# --------------------------------------------------------------------------- the index


def test_french_and_english_names_fold_to_one_place() -> None:
    gaz = gazetteer()
    tombouctou = gaz.lookup("Tombouctou")[0]
    assert tombouctou.name == "Timbuktu" and tombouctou.country_code == "ML"
    assert gaz.lookup("TIMBUKTU")[0].geonames_id == tombouctou.geonames_id
    assert gaz.lookup("Menaka")[0].geonames_id == gaz.lookup("Ménaka")[0].geonames_id == 2453514
    assert gaz.admin1_by_name("Tombouctou") == ("ML", "Timbuktu")


def test_curated_places_the_extract_lacks() -> None:
    gaz = gazetteer()
    for name, cc, admin1 in (
        ("Ber", "ML", "Timbuktu"),
        ("Anefis", "ML", "Kidal"),
        ("Tinzaouaten", "ML", "Kidal"),
    ):
        hits = [p for p in gaz.lookup(name) if p.country_code == cc]
        assert hits, name
        assert gaz.admin1_name(cc, hits[0].admin1_code) == admin1
    inates = gaz.lookup("Inates")[0]
    assert inates.country_code == "NE" and gaz.lookup("In-Ates")[0] == inates


def test_countries_admin_areas_and_regions() -> None:
    gaz = gazetteer()
    assert gaz.country_code("Ivory Coast") == "CI"
    assert gaz.country_code("U.S.") == "US"
    us = gaz.country("US")
    assert us is not None and distance_km(us.latitude, us.longitude, 39.76, -98.5) < 50
    texas = [p for p in gaz.lookup("Texas") if p.level == "admin1"]
    assert texas and texas[0].country_code == "US"
    assert gaz.admin2_by_name("Oudalan") == [("BF", "Sahel", "Oudalan")]
    assert any(p.level == "region" for p in gaz.lookup("Sahel"))


def test_lookup_is_fast() -> None:
    import time

    gaz = gazetteer()
    names = ["Gao", "Paris", "Springfield", "Ouagadougou", "Djibo", "London", "Tombouctou"] * 30
    started = time.perf_counter()
    for n in names:
        gaz._lookup_key.cache_clear()
        gaz.lookup(n)
    assert (time.perf_counter() - started) / len(names) < 0.005  # < 1 ms typical; slack for a busy CI


def test_index_is_built_once_cached_and_rebuilt_when_the_source_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONFLICTLENS_CACHE", str(tmp_path))
    built: list[Path] = []
    real_build = gazmod.build_index

    def counting_build(path: Path, version: str | None = None) -> Path:
        built.append(path)
        return real_build(path, version)

    monkeypatch.setattr(gazmod, "build_index", counting_build)
    first = gazmod.open_gazetteer()
    assert len(built) == 1 and first.path.exists() and first.path.parent == tmp_path
    assert first.version == gazmod.source_version()
    assert first.lookup("Djibo")[0].country_code == "BF"
    again = gazmod.open_gazetteer()
    assert len(built) == 1 and again.path == first.path  # cached
    monkeypatch.setattr(gazmod, "source_version", lambda: "99-changed-source")
    rebuilt = gazmod.open_gazetteer()
    assert len(built) == 2 and rebuilt.path != first.path and rebuilt.version == "99-changed-source"
    assert not first.path.exists()  # the outdated index is removed
    assert rebuilt.path.stat().st_size < 150e6


# --------------------------------------------------------------------------- recognition and resolution


def test_tombouctou_and_timbuktu_are_one_place() -> None:
    text = (
        "Gunmen attacked a checkpoint in Tombouctou on Monday. Timbuktu has been under blockade since August."
    )
    a = place_named(text, "Tombouctou")
    b = place_named(text, "Timbuktu")
    assert a["geonames_id"] == b["geonames_id"] == 2449067
    assert a["country_code"] == "ML" and a["admin1"] == "Timbuktu"


def test_menaka_with_and_without_accent() -> None:
    for spelling in ("Ménaka", "Menaka"):
        p = place_named(
            f"An improvised explosive device killed two soldiers in {spelling} on Friday.", spelling
        )
        assert p["geonames_id"] == 2453514 and p["admin1"] == "Menaka"
        assert p["geo_precision"] == 1


def test_niger_the_river_and_niger_the_country() -> None:
    river = place_named(
        "Fishermen were attacked on the banks of the Niger River near Ansongo.", "Niger River"
    )
    assert river["country_code"] is None and river["feature_class"] == "H"
    river2 = place_named("Militants crossed the Niger at dawn and attacked Bourem.", "Niger")
    assert river2["feature_class"] == "H"
    country = place_named("Soldiers from Niger and Mali patrolled the border.", "Niger")
    assert country["country_code"] == "NE" and country["level"] == "country"


def test_demonyms_name_the_country_but_are_not_event_places() -> None:
    from conflictlens.nlp.pipeline import load_pipeline

    doc = load_pipeline("en")("Malian forces killed ten militants near Gao on Sunday.")
    assert doc._.country == "ML"
    assert [m.text for m in doc._.places] == ["Gao"]
    assert any(m.demonym and m.country == "ML" for m in doc._.toponyms)


def test_parenthetical_admin_context_places_an_unknown_village() -> None:
    text = "On 3 May 2020, militants killed four civilians in Tokabangou (Markoye, Oudalan)."
    p = place_named(text, "Tokabangou", "BF")
    assert p["country_code"] == "BF" and p["admin1"] == "Sahel" and p["admin2"] == "Oudalan"
    assert p["geo_precision"] == 2 and p["relation"] == "context"
    assert distance_km(p["lat"], p["lon"], 14.65, 0.04) < 25  # Markoye, the commune seat


def test_parenthetical_context_disambiguates_a_namesake() -> None:
    # Gao is a town in Mali and in Burkina Faso's Centre-Ouest; the context says which.
    p = place_named("Unknown gunmen killed a trader in Gao (Gao, Ziro) on 2 March 2020.", "Gao", "BF")
    assert p["country_code"] == "BF" and p["admin1"] == "Centre-Ouest"


@pytest.mark.parametrize("focus", [None, "BF", "NE"])
def test_offset_from_a_place_is_precision_two(focus: str | None) -> None:
    p = place_named("Soldiers were ambushed 15 km south of In-Ates on Tuesday.", "In-Ates", focus)
    assert p["country_code"] == "NE" and p["geo_precision"] == 2 and p["where_prec"] == 2
    assert p["relation"] == "offset" and p["lat"] is not None


def test_near_between_and_direction() -> None:
    near = place_named("Militants attacked a convoy near Gao on Monday.", "Gao")
    assert near["geo_precision"] == 2 and near["admin1"] == "Gao" and near["country_code"] == "ML"
    between = places_of("A bus struck a mine on the road between Gao and Bourem.")
    assert {p["text"] for p in between if p["relation"] == "between"} >= {"Gao", "Bourem"}
    assert all(p["where_prec"] == 5 for p in between if p["relation"] == "between")
    north = place_named("Fighting continued in northern Mali on Sunday.", "Mali")
    assert north["geo_precision"] == 3 and north["relation"] == "direction"


def test_person_named_like_a_town_is_not_a_place() -> None:
    texts = [p["text"] for p in places_of("President Gao met the press in Bamako on Monday.")]
    assert "Bamako" in texts and "Gao" not in texts


def test_organisation_named_after_a_place_is_not_a_place() -> None:
    texts = [p["text"] for p in places_of("The Washington Post reported the attack in Kidal.")]
    assert "Washington" not in texts and "Kidal" in texts


def test_world_cities_and_us_states() -> None:
    ps = places_of("Officials in Austin, Texas said flights to London and Rome were cancelled.")
    by = {p["text"]: p for p in ps}
    assert by["Austin"]["admin1"] == "Texas"
    assert by["London"]["country_code"] == "GB" and by["Rome"]["country_code"] == "IT"
    assert by["Texas"]["level"] == "admin1"


def test_abbreviated_state_in_a_dateline_places_the_towns() -> None:
    text = (
        "GLASGOW, Ky. (WKYT) - A woman has died after a crash in Glasgow. "
        "The driver, 59, of Edmonton, was not hurt."
    )
    by = {p["text"]: p for p in places_of(text)}
    assert by["Ky."]["country_code"] == "US" and by["Ky."]["admin1"] == "Kentucky"
    assert by["Glasgow"]["country_code"] == "US" and by["Glasgow"]["admin1"] == "Kentucky"
    assert by["Edmonton"]["country_code"] == "US"  # Edmonton, Kentucky, not Alberta's capital


def test_us_abbreviation_keeps_its_period() -> None:
    p = place_named("Officials in the U.S. said the talks failed.", "U.S.")
    assert p["country_code"] == "US" and p["level"] == "country"


def test_a_province_named_like_its_city_is_the_province() -> None:
    p = place_named("Hydro crews across Quebec worked through the night, Ontario officials said.", "Quebec")
    assert p["level"] == "admin1" and p["country_code"] == "CA"
    city = place_named("The mayor of Quebec City spoke on Monday.", "Quebec City")
    assert city["level"] == "place"


def test_a_state_after_a_comma_is_read_with_its_town() -> None:
    by = {p["text"]: p for p in places_of("She flew from Atlanta, Georgia to Wichita, Kansas on Friday.")}
    assert by["Atlanta"]["country_code"] == "US" and by["Atlanta"]["admin1"] == "Georgia"
    assert by["Georgia"]["level"] == "admin1" and by["Georgia"]["country_code"] == "US"
    country = place_named("Protesters gathered in Tbilisi, Georgia on Sunday.", "Georgia")
    assert country["country_code"] == "GE" and country["level"] == "country"


def test_a_capital_beats_a_foreign_namesake_and_a_named_state_wins() -> None:
    p = place_named("LONDON - Britain expelled diplomats. In Washington, officials said more would follow.",
                    "Washington")  # fmt: skip
    assert p["country_code"] == "US" and distance_km(p["lat"], p["lon"], 38.9, -77.04) < 20
    state = place_named("SEATTLE, Wash. - The team has been busy at home in Washington this year.",
                        "Washington")  # fmt: skip
    assert state["level"] == "admin1" and state["admin1"] == "Washington"


def test_people_firms_and_acronyms_are_not_places() -> None:
    text = (
        "Prime Minister Narendra Modi arrived in Lagos on Monday. Modi met traders there. "
        "The start-up Wavepiston said the MoD had approved the AI project."
    )
    texts = [p["text"] for p in places_of(text)]
    assert "Lagos" in texts
    assert not {"Modi", "Wavepiston", "MoD", "AI"} & set(texts)


def test_a_county_is_not_a_namesake_town_in_another_state() -> None:
    text = "COLUMBIA, Ky. - A Metcalfe County man was arrested after a shooting in Adair County."
    for surface in ("Metcalfe County", "Adair County"):
        p = place_named(text, surface)
        assert p["lat"] is None or distance_km(p["lat"], p["lon"], 37.1, -85.3) < 161


def test_building_named_after_a_city_stands_in_at_the_city() -> None:
    text = "Visitors queued outside the Dubai World Trade Centre on Sunday."
    p = place_named(text, "Dubai World Trade Centre")
    assert p["lat"] is not None and distance_km(p["lat"], p["lon"], 25.2, 55.3) < 50


def test_sahel_news_reads_a_village_not_a_namesake_abroad() -> None:
    text = "Presumed JNIM militants attacked the military detachment in Pensa on Friday."
    p = place_named(text, "Pensa", country="BF")
    assert p["country_code"] == "BF"


def test_unknown_sahel_village_takes_the_area_of_a_town_named_with_it() -> None:
    text = "Militants attacked the village of Tangaboulga, about 20 km north of Djibo, on Sunday."
    p = place_named(text, "Tangaboulga", country="BF")
    assert p["country_code"] == "BF" and p["admin1"] == "Sahel"
    text = "The air force struck militant bases in Kouriboulga and Djibo on Monday."
    p = place_named(text, "Kouriboulga", country="BF")
    assert p["admin1"] == "Sahel" and p["geo_precision"] == 2


def test_a_list_of_states_or_countries_is_not_a_place_and_its_area() -> None:
    text = (
        "Flu activity stayed low in Arkansas, Colorado, Idaho, Maine and Montana. "
        "Polio cases rose in Angola, Chad, and Democratic Republic of the Congo. "
        "The state of Guangdong, Guangxi and Hainan reported new cases."
    )
    places = {p["text"]: p for p in places_of(text)}
    for state in ("Arkansas", "Colorado", "Idaho", "Maine"):
        assert places[state]["level"] == "admin1" and places[state]["admin1"] == state, places[state]
    assert places["Chad"]["country_code"] == "TD" and places["Chad"]["level"] == "country"
    drc = places["Democratic Republic of the Congo"]  # NER cuts the name in two
    assert drc["country_code"] == "CD"
    assert places["Guangdong"]["admin1"] != "Guangxi"
    # a town and its own area still read together
    atlanta = place_named("He grew up in Atlanta, Georgia and later moved to Gao, Mali.", "Atlanta")
    assert atlanta["admin1"] == "Georgia" and atlanta["country_code"] == "US"


def test_a_name_in_a_list_of_states_is_a_state() -> None:
    text = "Salmonella cases were confirmed in Tennessee, Texas, Utah, Washington, West Virginia and Wyoming."
    places = {p["text"]: p for p in places_of(text)}
    for state in ("Washington", "Wyoming", "Texas"):
        assert places[state]["level"] == "admin1" and places[state]["admin1"] == state, places[state]
    provinces = places_of("Cases occurred in British Columbia, Alberta, Manitoba, Ontario and New Brunswick.")
    assert all(p["country_code"] == "CA" and p["level"] == "admin1" for p in provinces), provinces
    # cities in a list stay cities
    boston = place_named("After stops in Chicago, Denver and Boston, the tour ends.", "Boston")
    assert boston["level"] == "place" and boston["admin1"] == "Massachusetts"


def test_a_curated_landmark_beats_a_small_namesake_town() -> None:
    text = "The senator met the president at the White House. Storms formed over the Atlantic."
    white_house = place_named(text, "White House")
    assert distance_km(white_house["lat"], white_house["lon"], 38.8977, -77.0365) < 5
    assert place_named(text, "Atlantic")["level"] == "region"


def test_a_neighbourhood_of_a_town_is_placed_at_the_town() -> None:
    text = "On May 9, youths in the Gounghin district of Ouagadougou barricaded a road."
    gounghin = place_named(text, "Gounghin", country="BF")
    assert gounghin["admin1"] == "Centre" and gounghin["geo_precision"] == 2
    # "the Cincinnati suburb of West Chester" is the other way round
    cincinnati = place_named("He lived in the Cincinnati suburb of West Chester.", "Cincinnati")
    assert cincinnati["admin1"] == "Ohio" and cincinnati["relation"] is None


def test_the_town_at_the_end_of_a_facility_name() -> None:
    text = "Health workers observed a sit-in at the University Hospital of Ouahigouya on Monday."
    assert place_named(text, "Ouahigouya", country="BF")["admin1"] == "Nord"
    assert all(p["text"] != "Thomas" for p in places_of("She teaches at the University of St. Thomas."))


def test_english_names_of_burkina_faso_regions() -> None:
    text = "Militants attacked several villages in the Central East and Central North regions."
    east = place_named(text, "Central East", country="BF")
    assert east["country_code"] == "BF" and east["admin1"] == "Centre-Est" and east["level"] == "admin1"


def test_lists_of_cities_and_names_read_for_themselves() -> None:
    text = "The firm has offices in Los Angeles, Miami, West Palm Beach, New York, and Detroit."
    assert place_named(text, "West Palm Beach")["admin1"] == "Florida"
    assert place_named("She moved to Portland, Maine last year.", "Portland")["admin1"] == "Maine"
    # a state is not one of its own small towns that lists the state's name among its other names
    minnesota = place_named("She is in legal trouble in Minnesota and hopes for a deal.", "Minnesota")
    assert minnesota["level"] == "admin1"
    # "central Washington" is a part of the state
    central = place_named("The team drove to central Washington to set up a command post.", "Washington")
    assert central["level"] == "admin1" and central["admin1"] == "Washington"


def test_sahel_village_ner_calls_a_person_is_kept_in_a_sahel_feed() -> None:
    text = "On July 6, suspected militants burned a school in Goenega and abducted a teacher."
    goenega = place_named(text, "Goenega", country="BF")
    assert goenega["country_code"] == "BF" and goenega["level"] == "place"
    # the same words in a feed about elsewhere are not guessed into a village
    assert all(p["text"] != "Goenega" for p in places_of(text, "US"))


def test_the_state_of_and_a_governor_name_the_state() -> None:
    washington = place_named("The infected cow was found in the state of Washington.", "Washington")
    assert washington["level"] == "admin1" and washington["admin1"] == "Washington"
    new_york = place_named("New York Governor Andrew Cuomo declared a health emergency.", "New York")
    assert new_york["level"] == "admin1"


def test_a_building_takes_the_place_named_right_after_it() -> None:
    text = (
        "The parents flew out of Liverpool and took their son to the Bambino Gesu Paediatric "
        "Hospital in Rome, where doctors examined him."
    )
    hospital = place_named(text, "Bambino Gesu Paediatric Hospital")
    assert hospital["country_code"] == "IT" and distance_km(hospital["lat"], hospital["lon"], 41.9, 12.5) < 25


def test_hyphenated_country_name_is_one_toponym() -> None:
    places = places_of("The outbreak spread to Guinea, Guinea-Bissau and Liberia.")
    assert [p["country_code"] for p in places] == ["GN", "GW", "LR"]


def test_the_capital_is_the_capital_of_the_country_in_focus() -> None:
    capital = place_named("Hundreds of teachers marched in the capital on Monday.", "capital", country="BF")
    assert capital["name"] == "Ouagadougou" and capital["admin1"] == "Centre"
    bamako = place_named("Clashes were reported in the capital of Mali overnight.", "capital", country="BF")
    assert bamako["name"] == "Bamako"
    # another capital, or a capital that is named, is no such mention
    for text in (
        "The court in the provincial capital of Djibo closed down.",
        "Soldiers mutinied in the economic capital last week.",
        "The union asked for a capital fund for its members.",
        "Citizens were moved to the national capital, Ouagadougou.",
    ):
        assert all(p["text"] != "capital" for p in places_of(text, "BF")), text


def test_acled_coded_as_places_the_event_at_the_coded_place() -> None:
    text = (
        "On 10 December 2019, suspected militants killed five civilians including the village chief of "
        "Kelbo between Dablo and Barsalogho (coded as Dablo at geoprecision 2)."
    )
    kelbo = place_named(text, "Kelbo", country="BF")
    dablo = place_named(text, "Dablo", country="BF")
    assert kelbo["lat"] == dablo["lat"] and kelbo["admin1"] == dablo["admin1"] == "Centre-Nord"
    assert kelbo["geo_precision"] == 2 and kelbo["relation"] == "coded"


def test_a_parenthesis_further_on_does_not_move_a_known_village() -> None:
    text = (
        "On February 4, militants entered the village of Natiaboani, held sermons, prohibited the brewing "
        "of traditional beer (Dolo) and burned a school."
    )
    natiaboani = place_named(text, "Natiaboani", country="BF")
    assert natiaboani["admin1"] == "Est" and natiaboani["relation"] is None


def test_geoparse_keeps_document_ids_and_offsets() -> None:
    docs: list[Document | str] = [
        Document(id="a-1", text="Clashes were reported in Djibo."),
        "Nothing happened.",
    ]
    out = list(geoparse(docs))
    assert [o["id"] for o in out] == ["a-1", "2"]
    p = out[0]["places"][0]
    assert "Clashes were reported in Djibo."[p["start"] : p["end"]] == p["text"] == "Djibo"
    assert set(p) >= {"start", "end", "text", "geonames_id", "name", "lat", "lon", "country_code", "admin1",
                      "admin2", "feature_class", "population"}  # fmt: skip
    json.dumps(out)


# --------------------------------------------------------------------------- the benchmark


@pytest.mark.slow
@pytest.mark.skipif(not GEOPARSING.exists(), reason="../shared/data/geoparsing not available")
def test_benchmark_subset_floors() -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import geoparse as bench

    results = bench.run(["gwn", "trnews", "geovirus"], limit=25, acled_limit=None)
    assert results["gwn"]["recognition"]["f1"] >= 0.70
    assert results["gwn"]["resolution"]["acc161"] >= 0.75
    assert results["trnews"]["resolution"]["acc161"] >= 0.85
    assert results["geovirus"]["resolution"]["acc161"] >= 0.75
    acled = bench.run(["acled"], limit=None, acled_limit=300)["acled"]
    assert acled["admin1_accuracy"] >= 0.90
    assert acled["within_25km"] >= 0.55


def test_british_counties_and_kenyan_provinces_are_areas_not_namesake_towns_abroad() -> None:
    suffolk = place_named("Bluetongue was found in a cow at a farm near Ipswich, Suffolk.", "Suffolk")
    assert suffolk["country_code"] == "GB" and distance_km(suffolk["lat"], suffolk["lon"], 52.2, 1.0) < 60
    fife = place_named(
        "A dead swan found in the village of Cellardyke in Fife, Scotland tested positive.", "Fife"
    )
    assert fife["country_code"] == "GB"
    # a US document keeps its own Norfolk, Virginia
    norfolk = place_named("The Navy ship returned to Norfolk, Virginia on Friday.", "Norfolk")
    assert norfolk["country_code"] == "US"
    text = "In Kenya, most cholera cases were reported in Nyanza province and the Rift Valley."
    for name in ("Nyanza province", "Rift Valley"):
        assert place_named(text, name)["country_code"] == "KE", name


def test_a_borough_before_the_comma_names_the_city_not_the_state() -> None:
    queens = place_named("Eight students at a school in Queens, New York have the flu.", "New York")
    assert queens["level"] == "place" and distance_km(queens["lat"], queens["lon"], 40.71, -74.0) < 25
    buffalo = place_named("Buffalo, New York may take some of the patients.", "New York")
    assert buffalo["level"] == "admin1"


def test_a_name_keeps_the_sense_its_first_mention_took() -> None:
    text = (
        "Peanut products were made at a plant in Blakely, Georgia. Products from the Georgia plant "
        "were recalled across the United States."
    )
    second = [p for p in places_of(text) if p["text"] == "Georgia"][1]
    assert second["country_code"] == "US" and second["level"] == "admin1"


def test_names_ner_misses_or_mislabels_in_a_place_position() -> None:
    # NER calls "Ghouta" an organisation: a curated region's alias is still the region
    ghouta = place_named("The offensive in eastern Ghouta has killed more than 1600 civilians.", "Ghouta")
    assert ghouta["country_code"] == "SY"
    # a town of 20k that NER leaves unlabelled, after "to"
    text = "The road closure doubles the distance from the Air Balloon to Cirencester."
    assert place_named(text, "Cirencester")["country_code"] == "GB"
    # a county NER leaves unlabelled after a town and a comma
    text = "The bodies were found on a path near New Quay, Ceredigion, on Wednesday evening."
    assert place_named(text, "Ceredigion")["country_code"] == "GB"
    # an acronym of a curated area is not read as it on its own
    assert all(p["text"] != "EU" for p in places_of("The EU fined the company on Monday."))


def test_a_commune_of_the_country_in_focus_beats_a_small_town_abroad() -> None:
    # "Nako" is a commune of Poni province (Burkina Faso) and a town of Lesotho; "Zam" a commune of
    # Ganzourgou and a Romanian village: in a Burkina Faso feed the home commune is meant
    nako = place_named("Gunmen raided the police post in Nako on Sunday night.", "Nako", "BF")
    assert (nako["country_code"], nako["admin1"]) == ("BF", "Sud-Ouest")
    zam = place_named("Hundreds of farmers marched through Zam on Monday.", "Zam", "BF")
    assert (zam["country_code"], zam["admin1"]) == ("BF", "Plateau-Central")
    # with no country in focus the bigger namesake abroad still wins
    assert (
        place_named("Gunmen raided the police post in Nako on Sunday night.", "Nako")["country_code"] == "LS"
    )


def test_a_province_of_the_country_in_focus_beats_a_town_abroad() -> None:
    # "Bam" is a Burkina Faso province and a large Iranian city
    bam = place_named("Teachers in Bam walked out over unpaid bonuses.", "Bam", "BF")
    assert (bam["country_code"], bam["admin1"]) == ("BF", "Centre-Nord")


def test_a_town_written_without_its_accent_is_recognised() -> None:
    # GeoNames writes "Gayéri"; the wires write "Gayeri", and NER alone takes it for a person
    text = "A mine blast hit a convoy on the road between Foutouri and Gayeri, wounding four soldiers."
    gayeri = place_named(text, "Gayeri", "BF")
    assert (gayeri["country_code"], gayeri["admin1"]) == ("BF", "Est")


def test_a_village_named_as_such_is_kept_whatever_ner_calls_it() -> None:
    # NER calls "Moura" an organisation; the only gazetteer namesakes are in Portugal and Australia
    text = "Soldiers and foreign fighters shot dozens of men in the village of Moura in central Mali."
    moura = place_named(text, "Moura")
    assert moura["country_code"] in (None, "ML") and moura["geonames_id"] is None


@pytest.mark.parametrize(
    "text",
    ["Gunmen killed ten farmers in northeast Nigeria.", "Gunmen killed ten farmers in north-east Nigeria."],
)
def test_a_compass_word_before_a_country_is_a_part_of_it(text: str) -> None:
    # the wires write "northeast Nigeria" where others write "northern Nigeria"; NER runs it into one entity
    nigeria = place_named(text, "Nigeria")
    assert nigeria["country_code"] == "NG"
    assert nigeria["relation"] == "direction" and nigeria["geo_precision"] == 3


def test_every_village_of_a_list_is_a_place_even_those_ner_calls_people() -> None:
    text = "Militants burned the villages of Sirakoro, Dianwelli and Gondogourou (Bankass, Mopti) on Sunday."
    for name in ("Sirakoro", "Dianwelli", "Gondogourou"):
        p = place_named(text, name)
        assert (p["country_code"], p["admin1"]) == ("ML", "Mopti")


def test_a_list_after_a_town_is_not_read_into_a_person() -> None:
    names = [p["text"] for p in places_of("In Gao, Colonel Diarra and his aides met the elders on Sunday.")]
    assert "Gao" in names and not any("Diarra" in n for n in names)


def test_the_river_before_a_village_does_not_take_the_village_admin_context() -> None:
    text = "Gunmen attacked a ferry on the Niger river near Tondibia (Kollo, Tillaberi), killing five."
    assert not [p for p in places_of(text) if p["text"] == "Niger" and p["level"] == "place"]


def test_small_curated_towns_outvote_one_namesake_abroad() -> None:
    # "Pobe" is also a Benin town; Kelbo and Tongomayel are small Burkina Faso communes
    doc_places = places_of("Gunmen killed seven herders in Kelbo, Pobe and Tongomayel on Sunday.")
    assert {p["country_code"] for p in doc_places} == {"BF"}


def test_a_village_said_to_be_in_a_country_is_not_a_namesake_elsewhere() -> None:
    # "Kalana" is also one of Cologne's alternate names in GeoNames
    p = place_named("Gunmen shot two miners near Kalana in southern Mali on Thursday.", "Kalana")
    assert p["country_code"] == "ML" and p["geonames_id"] is None
    # an area or a big city keeps its own reading
    assert place_named("The troops moved from Ontario in Canada to Texas.", "Ontario")["level"] == "admin1"


def test_actor_nouns_ner_calls_places_are_not_places() -> None:
    names = [p["text"] for p in places_of("Gunmen attacked Kalana in Mali on Friday.")]
    assert "Gunmen" not in names and "Kalana" in names
