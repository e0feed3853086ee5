"""Learning places from a user's own coded data (``conflictlens train``)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conflictlens.cli import app
from conflictlens.geo.gazetteer import open_gazetteer
from conflictlens.learn import learn_places

COLUMNS = [
    "event_id_cnty",
    "event_type",
    "country",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "notes",
]

# Made-up villages (no gazetteer holds them) at made-up points in Burkina Faso and Niger.
ROWS = [
    {"country": "Burkina Faso", "admin1": "Sahel", "admin2": "Soum", "location": "Kwentenga-Peul",
     "latitude": "14.2101", "longitude": "-1.4102", "geo_precision": "1"},
    {"country": "Burkina Faso", "admin1": "Sahel", "admin2": "Soum", "location": "Kwentenga-Peul",
     "latitude": "14.2101", "longitude": "-1.4102", "geo_precision": "1"},
    # a row coded near the village, at a slightly different point: the exact rows win
    {"country": "Burkina Faso", "admin1": "Sahel", "admin2": "Soum", "location": "Kwentenga-Peul",
     "latitude": "14.3", "longitude": "-1.5", "geo_precision": "2"},
    {"country": "Niger", "admin1": "Tillaberi", "admin2": "Ouallam", "location": "Dabrizeye",
     "latitude": "14.61", "longitude": "1.77", "geo_precision": "1"},
    # nothing to learn: no point, an unknown country, no location
    {"country": "Burkina Faso", "admin1": "Nord", "location": "Pissigou", "latitude": "", "longitude": ""},
    {"country": "Atlantis", "admin1": "X", "location": "Y", "latitude": "1", "longitude": "1"},
    {"country": "Niger", "admin1": "Tillaberi", "location": "", "latitude": "14", "longitude": "1"},
]  # fmt: skip


def _write(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS)
        w.writeheader()
        for i, row in enumerate(rows):
            w.writerow({c: row.get(c, "") for c in COLUMNS} | {"event_id_cnty": f"T{i}", "notes": "n"})
    return path


def test_one_place_per_coded_location_from_its_exact_rows() -> None:
    places = {p["name"]: p for p in learn_places(ROWS)}
    assert set(places) == {"Kwentenga-Peul", "Dabrizeye"}
    kw = places["Kwentenga-Peul"]
    assert (kw["cc"], kw["admin1"], kw["admin2"], kw["lat"], kw["lon"]) == (
        "BF",
        "Sahel",
        "Soum",
        14.2101,
        -1.4102,
    )
    assert places["Dabrizeye"]["cc"] == "NE"


@pytest.mark.slow
def test_learnt_places_enter_the_gazetteer_and_leave_the_package_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONFLICTLENS_CACHE", str(tmp_path / "cache"))
    before = open_gazetteer()
    assert not [p for p in before.lookup("Kwentenga-Peul") if p.country_code == "BF"]
    result = CliRunner().invoke(app, ["train", "--gold", str(_write(tmp_path / "coded.csv", ROWS))])
    assert result.exit_code == 0, result.output
    written = tmp_path / "cache" / "user-places.json"
    assert len(json.loads(written.read_text(encoding="utf-8"))["places"]) == 2
    after = open_gazetteer()  # the learnt file changes the sources' version: the index is rebuilt
    assert after.version != before.version
    hits = [p for p in after.lookup("Kwentenga Peul") if p.country_code == "BF"]
    assert hits and after.admin1_name("BF", hits[0].admin1_code) == "Sahel" and hits[0].admin2 == "Soum"
    written.unlink()  # forgetting them is deleting the file
    assert open_gazetteer().version == before.version


def test_train_on_a_file_with_nothing_to_learn_exits_2_with_one_line(tmp_path: Path) -> None:
    gold = _write(tmp_path / "coded.csv", ROWS[4:])
    result = CliRunner().invoke(app, ["train", "--gold", str(gold), "--out", str(tmp_path / "p.json")])
    assert result.exit_code == 2
    assert "coded.csv" in result.output and "no row" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "p.json").exists()
