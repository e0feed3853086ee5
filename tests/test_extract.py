"""Tests of extraction (library level): the seed article, the demo articles and short news sentences.

The short sentences are realistic news phrasing written for these tests, several per behaviour, and
the expectations follow ACLED's codebook conventions. Cases where the extractor currently disagrees
with a clearly right expectation are marked ``xfail(strict=False)`` with the reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from conflictlens import taxonomy
from conflictlens.extract import extract, extract_many
from conflictlens.ingest import read_documents
from conflictlens.model import Document, Report

# --------------------------------------------------------------------------- helpers


def current(reports: list[Report]) -> list[Report]:
    """The reports of events the document reports as news (not background)."""
    return [r for r in reports if not r.background]


def only_event(text: str | Document) -> Report:
    """The single non-background report of ``text``; fails if there is not exactly one."""
    reports = current(extract(text))
    assert len(reports) == 1, f"expected one event, got {[(r.event_type, r.notes) for r in reports]}"
    return reports[0]


def iter_spans(value: Any) -> Iterator[dict[str, Any]]:
    """Every span dict (``start``/``end``/``text``) nested anywhere in a ``to_dict()`` structure."""
    if isinstance(value, dict):
        if {"start", "end", "text"} <= value.keys() and isinstance(value["start"], int):
            yield value
        for v in value.values():
            yield from iter_spans(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from iter_spans(v)


def assert_spans_index_text(report_dict: dict[str, Any], text: str) -> int:
    """Check ``text[start:end] == span text`` for every span of one report; return how many."""
    n = 0
    for span in iter_spans(report_dict):
        assert 0 <= span["start"] <= span["end"] <= len(text), span
        assert text[span["start"] : span["end"]] == span["text"], span
        n += 1
    return n


# --------------------------------------------------------------------------- the seed article


@pytest.fixture(scope="module")
def seed_document(seed_path: Path) -> Document:
    errors: list[Any] = []
    docs = list(read_documents([seed_path], on_error=errors.append))
    assert not errors
    assert len(docs) == 1
    return docs[0]


@pytest.fixture(scope="module")
def seed_reports(seed_document: Document) -> list[Report]:
    return extract(seed_document)


@pytest.fixture(scope="module")
def seed_event(seed_reports: list[Report]) -> Report:
    reports = current(seed_reports)
    assert len(reports) == 1, [(r.event_type, r.notes) for r in reports]
    return reports[0]


def test_seed_reports_exactly_one_current_event(seed_reports: list[Report]) -> None:
    # the background paragraphs (coups, Ecowas withdrawal, French troops) are not coded as events
    assert len(current(seed_reports)) == 1
    assert all("background" in r.tags for r in seed_reports if r.background)


def test_seed_event_coding(seed_event: Report) -> None:
    r = seed_event
    assert r.event_type == "Violence against civilians"
    assert r.sub_event_type == "Attack"
    assert r.actor1 is not None and r.actor1.name == "Military Forces of Mali (2021-)"
    assert any("Wagner Group" in a.name for a in r.assoc_actor_1)
    assert r.actor2 is not None and r.actor2.name == "Civilians (Mali)"
    assert r.place is not None
    assert r.place.country == "Mali"
    assert r.place.admin1 == "Gao"
    assert any("women" in t and "children" in t for t in r.tags)
    assert any("at least 24 civilians" in s.text for s in r.evidence)


def test_seed_fatalities(seed_event: Report) -> None:
    f = seed_event.fatalities
    assert (f.low, f.best, f.high, f.acled) == (24, 24, None, 24)
    assert f.qualifier == "at least"
    assert any("24" in s.text for s in f.spans)


def test_seed_spans_index_document_text(seed_document: Document, seed_reports: list[Report]) -> None:
    total = 0
    for r in seed_reports:
        d = r.to_dict()
        assert all(s["doc_id"] == seed_document.id for s in iter_spans(d))
        total += assert_spans_index_text(d, seed_document.text)
    assert total > 0


# --------------------------------------------------------------------------- the demo articles


@dataclass(frozen=True)
class AtLeast:
    n: int

    def __repr__(self) -> str:
        return f">= {self.n}"


def _field(report: Report, name: str) -> Any:
    place = report.place
    return {
        "event_type": report.event_type,
        "sub_event_type": report.sub_event_type,
        "actor1": report.actor1.name if report.actor1 else None,
        "actor2": report.actor2.name if report.actor2 else None,
        "fatalities": report.fatalities.acled,
        "event_date": report.date.date.isoformat() if report.date else None,
        "country": place.country if place else None,
        "admin1": place.admin1 if place else None,
    }[name]


# The coding the demo README gives for each article, completed with ACLED's conventions
# (unknown gunmen are "Unidentified Armed Group (<country>)", victims "Civilians (<country>)",
# "about 20" is coded 20, the date is the day of the event, relative to the dateline).
DEMO_EXPECTED: dict[str, dict[str, Any]] = {
    "01-djibo-convoy-ambush": {
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "country": "Burkina Faso",
        "admin1": "Sahel",
        "event_date": "2024-03-10",
        "fatalities": AtLeast(11),
    },
    "02-bandiagara-village-attack": {
        "event_type": "Violence against civilians",
        "sub_event_type": "Attack",
        "actor1": "Unidentified Armed Group (Mali)",
        "actor2": "Civilians (Mali)",
        "country": "Mali",
        "admin1": "Mopti",
        "event_date": "2024-03-05",
        "fatalities": 20,
    },
    "03-niamey-teachers-sit-in": {
        "event_type": "Protests",
        "sub_event_type": "Peaceful protest",
        "actor1": "Protesters (Niger)",
        "actor2": None,  # the police watched and did not intervene
        "country": "Niger",
        "admin1": "Niamey",
        "event_date": "2024-03-13",
        "fatalities": 0,
    },
    "04-menaka-ied": {
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Remote explosive/landmine/IED",
        "actor2": "Military Forces of Mali (2021-)",
        "country": "Mali",
        "admin1": "Menaka",
        "event_date": "2024-03-18",
        "fatalities": 4,
    },
    "05-kidal-drone-strike": {
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike",
        "actor1": "Military Forces of Mali (2021-)",
        "actor2": "Civilians (Mali)",
        "country": "Mali",
        "admin1": "Kidal",
        "event_date": "2024-03-23",
        "fatalities": 8,
    },
}

# Where the extractor currently disagrees (checked against the source tree of this writing).
DEMO_KNOWN_FAILURES: dict[tuple[str, str], str] = {
    (
        "02-bandiagara-village-attack",
        "event_date",
    ): "dated by 'said on Wednesday', not 'late on Tuesday night'",
    ("05-kidal-drone-strike", "fatalities"): "'eight civilians' and 'two children' among them summed to 10",
}


def _demo_params() -> list[Any]:
    params = []
    for stem, fields in DEMO_EXPECTED.items():
        for name, expected in fields.items():
            reason = DEMO_KNOWN_FAILURES.get((stem, name))
            marks = [pytest.mark.xfail(strict=False, reason=reason)] if reason else []
            params.append(pytest.param(stem, name, expected, id=f"{stem[:2]}-{name}", marks=marks))
    return params


@pytest.fixture(scope="module")
def demo_results(demo_dir: Path) -> dict[str, tuple[Document, list[Report]]]:
    errors: list[Any] = []
    results = {
        doc.id: (doc, reports) for doc, reports in extract_many(read_documents([demo_dir], errors.append))
    }
    assert not errors
    return results


def test_demo_folder_reads_the_five_articles(demo_results: dict[str, Any]) -> None:
    assert sorted(demo_results) == sorted(DEMO_EXPECTED)


@pytest.mark.parametrize(("stem", "name", "expected"), _demo_params())
def test_demo_article_main_event(
    demo_results: dict[str, tuple[Document, list[Report]]], stem: str, name: str, expected: Any
) -> None:
    _doc, reports = demo_results[stem]
    events = current(reports)
    assert events, f"{stem}: no event found"
    actual = _field(events[0], name)
    if isinstance(expected, AtLeast):
        assert isinstance(actual, int) and actual >= expected.n, (stem, name, actual)
    else:
        assert actual == expected, (stem, name, actual)


ACTORS_SAME_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize(
    "stem",
    [
        pytest.param(
            stem,
            marks=[pytest.mark.xfail(strict=False, reason=ACTORS_SAME_KNOWN[stem])]
            if stem in ACTORS_SAME_KNOWN
            else [],
        )
        for stem in DEMO_EXPECTED
    ],
)
def test_demo_actor1_is_not_actor2(demo_results: dict[str, tuple[Document, list[Report]]], stem: str) -> None:
    # none of the demo articles reports fighting within one group
    _doc, reports = demo_results[stem]
    for r in current(reports):
        if r.actor1 is not None and r.actor2 is not None:
            assert r.actor1.name != r.actor2.name, (r.id, r.actor1.name)


def test_demo_spans_index_document_text(demo_results: dict[str, tuple[Document, list[Report]]]) -> None:
    for doc, reports in demo_results.values():
        for r in reports:
            assert r.doc_id == doc.id
            assert_spans_index_text(r.to_dict(), doc.text)


def test_demo_reports_use_acled_taxonomy(demo_results: dict[str, tuple[Document, list[Report]]]) -> None:
    for _doc, reports in demo_results.values():
        for r in reports:
            assert taxonomy.SUB_EVENT_TYPES.get(r.sub_event_type) == r.event_type, (r.id, r.sub_event_type)
            assert r.fatalities.acled >= 0
            assert [x.index for x in reports] == list(range(len(reports)))


# --------------------------------------------------------------------------- no conflict event

_SPORTS = "a football/basketball 'attack' is not political violence"

NO_EVENT = [
    pytest.param(
        "Barcelona's attack was relentless in the second half, and Lewandowski scored twice as they "
        "beat Sevilla 3-0 on Sunday.",
        id="sports-barcelona",
    ),
    pytest.param(
        "Senegal's attack looked sharp as the Lions of Teranga beat Ivory Coast 2-1 in Abidjan on Saturday.",
        id="sports-senegal",
    ),
    pytest.param(
        "The Lakers mounted a fierce attack in the fourth quarter and beat the Celtics 112-104 on Sunday.",
        id="sports-lakers",
    ),
    pytest.param(
        "Torrential rain hit Ouagadougou on Thursday, flooding several neighbourhoods, the weather "
        "service said.",
        id="weather-ouagadougou",
    ),
    pytest.param(
        "Heavy rains flooded parts of Niamey on Monday, damaging hundreds of homes, officials said.",
        id="weather-niamey",
    ),
    pytest.param(
        "Temperatures in Bamako are expected to reach 44 degrees Celsius this week, the national "
        "weather agency said.",
        id="weather-bamako",
    ),
    pytest.param(
        "Shares in Paris fell sharply on Tuesday as investors worried about rising interest rates.",
        id="markets-paris",
    ),
    pytest.param(
        "The price of cotton rose 3 percent on Monday, lifting hopes for farmers in Mali and Burkina Faso.",
        id="markets-cotton",
    ),
    pytest.param(
        "The CFA franc held steady against the dollar on Wednesday as markets awaited the central "
        "bank's decision.",
        id="markets-cfa",
    ),
]


@pytest.mark.parametrize("text", NO_EVENT)
def test_no_conflict_event_no_report(text: str) -> None:
    reports = extract(text)
    assert reports == [], [(r.event_type, r.sub_event_type) for r in reports]


# --------------------------------------------------------------------------- violence against civilians

VAC = [
    ("Gunmen killed 12 villagers in Seytenga, in northern Burkina Faso, on Saturday, local sources said.",
     12, "Burkina Faso"),
    ("Unidentified gunmen killed 7 villagers in Djibo on Friday night, residents said.", 7, "Burkina Faso"),
    ("Gunmen on motorbikes killed 15 villagers in Bankass, central Mali, on Monday, a local official said.",
     15, "Mali"),
    ("Armed men killed 9 villagers in Ogossagou, in Mali's Mopti region, on Wednesday, residents said.",
     9, "Mali"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "n", "country"), VAC)
def test_gunmen_killing_villagers_is_violence_against_civilians(text: str, n: int, country: str) -> None:
    r = only_event(text)
    assert (r.event_type, r.sub_event_type) == ("Violence against civilians", "Attack")
    assert r.fatalities.acled == n
    assert r.fatalities.best == n


@pytest.mark.parametrize(("text", "n", "country"), VAC)
def test_gunmen_killing_villagers_actors_and_place(text: str, n: int, country: str) -> None:
    r = only_event(text)
    # ACLED: unknown gunmen are an unidentified armed group; the victims are civilians of the country
    assert r.actor1 is not None and r.actor1.name == f"Unidentified Armed Group ({country})"
    assert r.actor2 is not None and r.actor2.name == f"Civilians ({country})"
    assert r.place is not None and r.place.country == country


# --------------------------------------------------------------------------- battles

BATTLES = [
    ("Jihadists ambushed an army patrol near Djibo on Monday, killing 9 soldiers, security sources said.",
     9, "Burkina Faso"),
    ("Suspected jihadists ambushed an army patrol near Dori, killing 6 soldiers, the army said.",
     6, "Burkina Faso"),
    ("Islamist militants ambushed an army patrol near Mopti on Thursday, killing 5 soldiers.", 5, "Mali"),
    pytest.param(
        "Jihadists ambushed an army patrol between Boni and Hombori in central Mali, killing 13 soldiers, "
        "the army said.", 13, "Mali",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("text", "n", "country"), BATTLES)
def test_ambush_on_army_patrol_is_a_battle(text: str, n: int, country: str) -> None:
    r = only_event(text)
    assert (r.event_type, r.sub_event_type) == ("Battles", "Armed clash")
    assert r.fatalities.acled == n
    names = [a.name for a in (r.actor1, r.actor2) if a is not None]
    assert any(name.startswith(f"Military Forces of {country}") for name in names), names
    assert r.place is not None and r.place.country == country


# --------------------------------------------------------------------------- explosions

IED = [
    ("An improvised explosive device killed 4 soldiers near Ménaka on Tuesday, the army said.", 4, "Mali"),
    ("An improvised explosive device killed 3 soldiers near Djibo on Wednesday, security sources said.",
     3, "Burkina Faso"),
    ("An improvised explosive device killed 6 soldiers on the road between Dori and Gorom-Gorom, "
     "a security source said.", 6, "Burkina Faso"),
    ("An improvised explosive device killed 2 soldiers near Gao on Friday, the Malian army said.", 2, "Mali"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "n", "country"), IED)
def test_ied_is_explosions_remote_violence(text: str, n: int, country: str) -> None:
    r = only_event(text)
    assert (r.event_type, r.sub_event_type) == ("Explosions/Remote violence", "Remote explosive/landmine/IED")
    assert r.fatalities.acled == n
    # the soldiers are the target; the army did not bomb itself
    assert r.actor2 is not None and r.actor2.name.startswith(f"Military Forces of {country}")
    assert r.actor1 is None or r.actor1.name != r.actor2.name


# --------------------------------------------------------------------------- protests

PROTESTS = [
    ("Hundreds of teachers staged a sit-in in Niamey.", "Niger"),
    ("Hundreds of teachers staged a sit-in in Niamey on Wednesday to demand unpaid salaries.", "Niger"),
    ("Hundreds of teachers staged a sit-in in Niamey in front of the education ministry, union leaders said.",
     "Niger"),
    ("Several hundred students marched peacefully through Ouagadougou on Monday to demand better "
     "conditions.", "Burkina Faso"),
    ("Traders in Bamako staged a peaceful demonstration on Friday against new market taxes.", "Mali"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "country"), PROTESTS)
def test_sit_in_is_a_peaceful_protest(text: str, country: str) -> None:
    r = only_event(text)
    assert (r.event_type, r.sub_event_type) == ("Protests", "Peaceful protest")
    assert r.actor1 is not None and r.actor1.name.startswith("Protesters")
    assert r.actor1.name == f"Protesters ({country})"
    assert r.fatalities.acled == 0


NATIONWIDE = [
    ("Public sector unions across Niger went on strike and marched on Thursday to demand a pay rise.",
     "Niger",
     "Niamey"),
    ("Teachers in Mali held a two-day protest over unpaid bonuses, their union said.", "Mali", "Bamako"),
    ("Hundreds of students protested in Burkina Faso on Monday against the new exam calendar.",
     "Burkina Faso", "Ouagadougou"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "country", "capital"), NATIONWIDE)
def test_event_placed_only_in_a_country_is_coded_at_its_capital(
    text: str, country: str, capital: str
) -> None:
    """ACLED codes an event the source places only in a country at the capital, geo_precision 3."""
    r = only_event(text)
    assert r.place is not None
    assert (r.place.country, r.place.name, r.place.geo_precision) == (country, capital, 3)
    assert r.place.admin1 and r.place.latitude is not None and r.place.longitude is not None


AREA_ONLY = [
    ("Gunmen killed four herders in the Soum province on Sunday, local sources said.", "Sahel", "Djibo"),
    ("Suspected jihadists killed six civilians in the Centre-North region on Friday.", "Centre-Nord", "Kaya"),
    ("Gunmen on motorbikes killed five villagers in the Kidal region on Tuesday.", "Kidal", "Kidal"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "admin1", "seat"), AREA_ONLY)
def test_event_placed_only_in_an_admin_area_is_coded_at_its_seat(text: str, admin1: str, seat: str) -> None:
    r = only_event(text)
    assert r.place is not None
    assert (r.place.admin1, r.place.name, r.place.geo_precision) == (admin1, seat, 3)


@pytest.mark.parametrize(
    "text",
    [
        "Jihadists killed dozens of civilians in Burkina Faso and across West Africa this month.",
        "The Nigerien army said its aircraft killed about 20 militants near the border with Mali on Sunday.",
        # a village no gazetteer holds (the name is made up): somewhere named, not the capital
        "Suspected jihadists killed three herders in Wendkourgou-Peulh in Burkina Faso on Sunday.",
        # a part of the country told by a compass point
        "The Burkinabe army said its troops killed about 40 militants in the north over the weekend.",
        "Gunmen killed six traders in the country's east, Burkina Faso's army said on Monday.",
    ],
)
def test_event_in_a_wider_region_or_border_area_is_not_coded_at_the_capital(text: str) -> None:
    r = only_event(text)
    # the country alone, with no point: not its capital
    assert r.place is not None and r.place.geo_precision == 3
    assert r.place.name == r.place.country and r.place.latitude is None


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("Hundreds of students staged a sit-in at the Nazi Boni University in Bobo-Dioulasso on Monday.",
         "Bobo-Dioulasso"),
        ("Nurses held a sit-in at the Regional Hospital (Dori, Seno) on Tuesday to demand unpaid bonuses.",
         "Dori"),
        ("Gunmen killed two herders in the bush near Kaya on Friday.", "Kaya"),
    ],
)  # fmt: skip
def test_a_building_or_the_bush_is_coded_at_its_town(text: str, town: str) -> None:
    r = only_event(text)
    assert r.place is not None and r.place.name == town


# --------------------------------------------------------------------------- dates

PUBLISHED_TUESDAY = dt.date(2024, 3, 12)
assert PUBLISHED_TUESDAY.weekday() == 1

DATED_TEMPLATES = [
    "Gunmen killed 5 villagers in Djibo on {day}, residents said.",
    "Jihadists ambushed an army patrol near Dori on {day}, killing 7 soldiers, security sources said.",
    "An improvised explosive device killed 3 soldiers near Ménaka on {day}, the army said.",
]


@pytest.mark.parametrize("template", DATED_TEMPLATES)
@pytest.mark.parametrize(
    ("day", "expected"),
    [("Sunday", dt.date(2024, 3, 10)), ("Saturday", dt.date(2024, 3, 9)), ("Monday", dt.date(2024, 3, 11))],
)
def test_weekday_resolves_against_publication_date(template: str, day: str, expected: dt.date) -> None:
    text = template.format(day=day)
    r = only_event(Document(id="relative", text=text, published=PUBLISHED_TUESDAY))
    assert r.date is not None
    assert r.date.date == expected
    assert r.date.precision == 1
    assert any(s.text == day for s in r.date.spans)


ABSOLUTE_DATED = [
    "On 3 December 2020, gunmen killed 12 civilians in Tillabéri, residents said.",
    "On 3 December 2020, jihadists ambushed an army patrol near Djibo, killing 6 soldiers.",
    "On 3 December 2020, an improvised explosive device killed 2 soldiers near Gao.",
]


@pytest.mark.parametrize("published", [None, dt.date(2020, 12, 7)], ids=["undated", "published-later"])
@pytest.mark.parametrize("text", ABSOLUTE_DATED)
def test_full_date_gives_day_precision(text: str, published: dt.date | None) -> None:
    r = only_event(Document(id="absolute", text=text, published=published))
    assert r.date is not None
    assert r.date.date == dt.date(2020, 12, 3)
    assert r.date.precision == 1
    (span,) = r.date.spans
    assert text[span.start : span.end] == span.text == "3 December 2020"


@pytest.mark.parametrize(
    ("when", "date", "end", "precision"),
    [
        ("over the weekend", dt.date(2024, 3, 9), dt.date(2024, 3, 10), 2),
        ("two days ago", dt.date(2024, 3, 10), None, 1),
        ("in mid-February", dt.date(2024, 2, 15), None, 2),  # ACLED codes the 15th, precision 2
        ("in late February", dt.date(2024, 2, 25), None, 2),
        ("earlier this month", dt.date(2024, 3, 1), dt.date(2024, 3, 12), 3),
    ],
)
def test_relative_news_dates(when: str, date: dt.date, end: dt.date | None, precision: int) -> None:
    text = f"Gunmen killed 5 villagers near Djibo {when}, residents said."
    r = only_event(Document(id="relative", text=text, published=PUBLISHED_TUESDAY))
    assert r.date is not None
    assert (r.date.date, r.date.end, r.date.precision) == (date, end, precision)


@pytest.mark.parametrize(
    ("when", "date", "precision"),
    [
        ("à la mi-février", dt.date(2024, 2, 15), 2),
        ("fin février", dt.date(2024, 2, 25), 2),
        ("il y a deux jours", dt.date(2024, 3, 10), 1),
    ],
)
def test_relative_french_news_dates(when: str, date: dt.date, precision: int) -> None:
    text = f"Des hommes armés ont tué cinq villageois près de Djibo {when}, selon des habitants."
    r = only_event(Document(id="relatif", text=text, published=PUBLISHED_TUESDAY))
    assert r.date is not None
    assert (r.date.date, r.date.precision) == (date, precision)


# --------------------------------------------------------------------------- API shape


def test_extract_accepts_a_plain_string() -> None:
    text = "Gunmen killed 12 villagers in Seytenga, in northern Burkina Faso, on 4 June 2022, sources said."
    from_str = extract(text)
    from_doc = extract(Document(id="text", text=text))
    assert [r.to_dict() for r in from_str] == [r.to_dict() for r in from_doc]
    assert all(r.doc_id == "text" for r in from_str)


WEATHER = "Heavy rains flooded parts of Niamey on Monday, damaging hundreds of homes, officials said."


def test_extract_many_keeps_order_and_pairs() -> None:
    docs = [
        Document(id=f"doc-{i}", text=text)
        for i, text in enumerate([VAC[0][0], WEATHER, BATTLES[0][0], IED[0][0]])
    ]
    results = list(extract_many(docs, batch_size=2))
    assert [d.id for d, _ in results] == [d.id for d in docs]
    for doc, reports in results:
        assert all(r.doc_id == doc.id for r in reports)
    assert [bool(reports) for _, reports in results] == [True, False, True, True]


@pytest.mark.parametrize(
    ("text", "killed", "others"),
    [
        (
            "On 3 May 2020, gunmen killed two soldiers and wounded four others near Djibo; "
            "three civilians were abducted.",
            2,
            {"wounded": 4, "abducted": 3},
        ),
        (
            "Police arrested 15 protesters in Ouagadougou on Monday after a march against fuel prices.",
            0,
            {"arrested": 15},
        ),
        (
            "Jihadists ambushed an army patrol near Arbinda, killing seven soldiers and injuring twelve.",
            7,
            {"wounded": 12},
        ),
        (
            # a vague count that takes its people with "of", after a participle
            "Troops beat back an assault on their camp near Boulkessi, killing dozens of attackers.",
            12,
            {},
        ),
    ],
)
def test_killed_kept_apart_from_wounded_abducted_arrested(
    text: str, killed: int, others: dict[str, int]
) -> None:
    report = extract(text, country="BF")[0]
    assert report.fatalities.acled == killed
    assert report.other_counts == others


@pytest.mark.parametrize(
    ("text", "actor1", "actor2"),
    [
        (
            "Members of the Gourmantche and Fulani communities clashed near Bogande on Tuesday after a "
            "quarrel over grazing land; local officials said six people died.",
            "Gourmantche Ethnic Militia (Burkina Faso)",
            "Fulani Ethnic Militia (Burkina Faso)",
        ),
        (
            "Mossi and Fulani youths clashed near Kaya on Sunday after a dispute over cattle.",
            "Mossi Ethnic Militia (Burkina Faso)",
            "Fulani Ethnic Militia (Burkina Faso)",
        ),
    ],
)
def test_communal_clash_between_ethnic_militias(text: str, actor1: str, actor2: str) -> None:
    report = extract(text, country="BF")[0]
    assert (report.event_type, report.sub_event_type) == ("Battles", "Armed clash")
    assert report.actor1 is not None and report.actor1.name == actor1
    assert report.actor2 is not None and report.actor2.name == actor2
    assert report.actor1.inter == 4 and report.actor2.inter == 4


def test_an_attack_on_a_list_of_villages_is_one_event_per_village() -> None:
    # ACLED codes one event per location: the toll told for the list is shared, the first places
    # named taking the remainder
    text = (
        "On 2 March 2021, gunmen raided the villages of Pensa, Barsalogho and Kaya, "
        "killing seven residents and stealing cattle."
    )
    reports = extract(Document(id="t", text=text), country="Burkina Faso")
    assert [r.place.name for r in reports if r.place] == ["Pensa", "Barsalogho", "Kaya"]
    assert [r.fatalities.acled for r in reports] == [3, 2, 2]
    assert {r.fatalities.best for r in reports} == {7}  # the story's toll, kept for UCDP's low/best/high
    assert {r.event_type for r in reports} == {"Violence against civilians"}
    assert {(r.place.spans[0].text) for r in reports if r.place} == {"Pensa", "Barsalogho", "Kaya"}
    # two villages: 9 dead are 5 and 4
    two = extract("On 9 May 2021, gunmen killed 9 villagers in Ogossagou and Sobane.", country="ML")
    assert [(r.place.name if r.place else None, r.fatalities.acled, r.fatalities.best) for r in two] == [
        ("Ogossagou", 5, 9),
        ("Sobane", 4, 9),
    ]


@pytest.mark.parametrize(
    "text",
    [
        # one area told by two of its places
        "On 2 March 2021, soldiers killed nine militants in the area of Pensa and Barsalogho.",
        # a neighbourhood and its town
        "On 2 March 2021, police exchanged fire with gunmen in Tampouy, Ouagadougou, killing two of them.",
        # a road between two towns
        "On 2 March 2021, a mine killed four soldiers on the road between Kaya and Barsalogho.",
    ],
)
def test_two_places_of_one_event_are_not_a_list(text: str) -> None:
    reports = extract(Document(id="t", text=text), country="Burkina Faso")
    assert len(reports) == 1


@pytest.mark.parametrize(
    "history",
    [
        "Dozens of people have been killed in the region since 2015.",
        "Thousands of civilians have died in the conflict since 2012, according to the UN.",
        # any year, and a toll told in a sentence with no event word of its own
        "Since 2019, jihadist violence killed more than 10,000 people in the country.",
        "The insurgency, which spread in 2016, has killed dozens of soldiers in the region since 2019.",
        "Some 400 people were killed last month, the deadliest month since March 2019.",
    ],
)
def test_a_toll_counted_since_a_year_is_background(history: str) -> None:
    reports = extract(f"Militants killed 20 soldiers in Barsalogho on Friday. {history}")
    current = [r for r in reports if not r.background]
    assert len(current) == 1 and current[0].fatalities.acled == 20


@pytest.mark.parametrize(
    ("text", "lang", "date"),
    [
        (
            "BAMAKO, June 4 (Reuters) - Gunmen killed 12 villagers near Gao on Sunday night, officials said.",
            "en",
            dt.date(2024, 6, 2),
        ),
        (
            "KIDAL, 4 juin (AFP) - Des hommes armés ont tué douze civils près de Kidal dimanche soir.",
            "fr",
            dt.date(2024, 6, 2),
        ),
    ],
)
def test_a_wire_dateline_s_day_is_what_relative_days_count_from(text: str, lang: str, date: dt.date) -> None:
    # published (on the site) six days after the dispatch was filed
    reports = extract(Document(id="wire", text=text, published=dt.date(2024, 6, 10)), country="ML", lang=lang)
    assert reports and reports[0].date is not None
    assert reports[0].date.date == date
