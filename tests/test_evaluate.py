"""Tests of scoring extraction against ACLED-coded data (library and ``conflictlens evaluate``)."""

from __future__ import annotations

import csv
import json
import subprocess
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conflictlens.cli import app
from conflictlens.errors import InputError
from conflictlens.evaluate import FIELDS, Score, _same, evaluate, parse_acled_date, read_gold, strip_suffix

NINE_FIELDS = {
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "fatalities",
    "event_date",
    "country",
    "admin1",
    "location",
}
ALL_ROWS = 3010  # rows of the Burkina Faso development set
TIME_LIMIT_S = 600
# Floors well below the current measurement: a regression guard, not a target.
FLOORS = {"event_type": 0.70, "fatalities": 0.75}


# --------------------------------------------------------------------------- library


@pytest.fixture(scope="module")
def score_200(acled_burkina_csv: Path) -> Score:
    return evaluate(acled_burkina_csv, limit=200)


def test_evaluate_200_rows_scores_all_nine_fields(score_200: Score) -> None:
    assert set(FIELDS) == NINE_FIELDS and len(FIELDS) == 9
    assert score_200.rows == 200
    accuracy = score_200.accuracy()
    assert set(accuracy) == NINE_FIELDS
    for field_name, value in accuracy.items():
        assert 0.0 <= value <= 1.0, field_name
        assert value == score_200.correct[field_name] / 200
    assert 0 <= score_200.no_event <= 200
    assert sum(score_200.confusion.values()) == 200
    # the scores are measured, not constant: some fields are right on most rows, none on all
    assert accuracy["event_type"] > 0.5
    assert min(accuracy.values()) < 1.0


def test_score_to_dict_is_json_ready(score_200: Score) -> None:
    data = json.loads(json.dumps(score_200.to_dict()))
    assert data["rows"] == 200
    assert set(data["accuracy"]) == NINE_FIELDS
    assert sum(c["count"] for c in data["confusion"]) == 200
    gold_types = {c["gold"] for c in data["confusion"]}
    assert gold_types <= {
        "Battles",
        "Protests",
        "Riots",
        "Explosions/Remote violence",
        "Violence against civilians",
        "Strategic developments",
    }


def _write_gold(path: Path, rows: list[dict[str, str]]) -> Path:
    columns = ["event_id_cnty", "event_date", "year", "event_type", "sub_event_type", "actor1", "actor2"]
    columns += ["country", "admin1", "location", "notes", "fatalities"]
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns)
        writer.writeheader()
        for row in rows:
            writer.writerow({c: row.get(c, "") for c in columns})
    return path


def test_scoring_is_field_by_field(tmp_path: Path) -> None:
    # Row 1 has no notes: nothing is extracted, and its empty coding matches that on every field.
    # Row 2's gold event type is not an ACLED type, so no extraction can match it.
    gold = _write_gold(
        tmp_path / "gold.csv",
        [
            {"event_id_cnty": "TST1", "fatalities": "0"},
            {
                "event_id_cnty": "TST2",
                "event_date": "03 December 2020",
                "year": "2020",
                "event_type": "Not an ACLED event type",
                "notes": "On 3 December 2020, gunmen killed 12 villagers in Djibo (Soum, Sahel).",
                "fatalities": "12",
            },
        ],
    )
    score = evaluate(gold, keep_errors=5)
    assert score.rows == 2
    assert score.no_event >= 1
    accuracy = score.accuracy()
    assert accuracy["event_type"] == 0.5
    assert all(score.correct[f] >= 1 for f in FIELDS)  # the empty row is right everywhere
    assert any(g == "Not an ACLED event type" for g, _ in score.confusion)
    wrong_ids = [e["id"] for e in score.errors]
    assert "TST2" in wrong_ids and "TST1" not in wrong_ids
    error = next(e for e in score.errors if e["id"] == "TST2")
    assert error["wrong"]["event_type"][0] == "Not an ACLED event type"


def test_a_note_split_into_one_row_per_place_is_scored_row_by_row(tmp_path: Path) -> None:
    # the coder made one row per village of the note's list; each row meets our event at its village
    notes = (
        "On 2 March 2021, gunmen raided the villages of Pensa, Barsalogho and Kaya, killing seven residents."
    )
    rows = [
        {"event_id_cnty": f"TST{i}", "year": "2021", "notes": notes, "location": place, "fatalities": n}
        for i, (place, n) in enumerate([("Kaya", "2"), ("Pensa", "3"), ("Barsalogho", "2")])
    ]
    score = evaluate(_write_gold(tmp_path / "gold.csv", rows), keep_errors=5)
    assert score.correct["location"] == 3 and score.correct["fatalities"] == 3
    # a row whose place we did not read keeps the first event, as an unsplit note does
    rows.append(
        {"event_id_cnty": "TST9", "year": "2021", "notes": notes, "location": "Djibo", "fatalities": "3"}
    )
    score = evaluate(_write_gold(tmp_path / "gold.csv", rows), keep_errors=5)
    assert score.correct["location"] == 3 and score.correct["fatalities"] == 4


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Military Forces of Mali (2021-)", "Military Forces of Mali"),
        ("Military Forces of Burkina Faso (2015-2022)", "Military Forces of Burkina Faso"),
        ("Police Forces of Niger (2023-) Gendarmerie", "Police Forces of Niger Gendarmerie"),
        ("Civilians (Burkina Faso)", "Civilians (Burkina Faso)"),
        ("Protesters (Mali)", "Protesters (Mali)"),
        ("JNIM: Group for Support of Islam and Muslims", "JNIM: Group for Support of Islam and Muslims"),
        ("  Wagner Group  ", "Wagner Group"),
        ("", ""),
    ],
)
def test_strip_suffix(name: str, expected: str) -> None:
    assert strip_suffix(name) == expected


@pytest.mark.parametrize(
    "value", ["03 December 2020", "2020-12-03", "03-December-2020", "12/03/2020", " 3 December 2020 "]
)
def test_parse_acled_date(value: str) -> None:
    assert str(parse_acled_date(value)) == "2020-12-03"


def test_parse_acled_date_rejects_garbage() -> None:
    assert parse_acled_date("sometime in December") is None
    assert parse_acled_date("") is None


def test_read_gold_refuses_a_file_without_notes(tmp_path: Path) -> None:
    path = tmp_path / "no-notes.csv"
    path.write_text("event_type,actor1\nBattles,Military Forces of Mali (2021-)\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        list(read_gold(path))
    assert "notes" in str(info.value) and "no-notes.csv" in str(info.value)


# --------------------------------------------------------------------------- CLI


def test_cli_evaluate_without_notes_column_exits_2_with_one_line(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "no-notes.csv"
    path.write_text(
        "event_id_cnty,event_type,actor1,fatalities\nBFA1,Battles,Military Forces of Burkina Faso,3\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["evaluate", "--gold", str(path), "--json"])
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert "no-notes.csv" in lines[0] and "notes" in lines[0].replace("no-notes.csv", "")


def test_cli_evaluate_missing_file_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["evaluate", "--gold", str(tmp_path / "absent.csv")])
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "absent.csv" in lines[0]


def test_cli_evaluate_json_with_limit_and_errors(runner: CliRunner, acled_burkina_csv: Path) -> None:
    result = runner.invoke(
        app, ["evaluate", "--gold", str(acled_burkina_csv), "--json", "--limit", "25", "--errors", "3"]
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)  # stdout is only the JSON
    assert data["rows"] == 25
    assert set(data["accuracy"]) == NINE_FIELDS
    assert len(data["errors"]) <= 3
    for error in data["errors"]:
        assert set(error["wrong"]) <= NINE_FIELDS


def test_cli_evaluate_table(runner: CliRunner, acled_burkina_csv: Path) -> None:
    result = runner.invoke(app, ["evaluate", "--gold", str(acled_burkina_csv), "--limit", "10"])
    assert result.exit_code == 0, result.stderr
    assert "accuracy over 10 rows" in result.stdout
    for field_name in FIELDS:
        assert field_name in result.stdout


@pytest.mark.slow
def test_cli_evaluate_all_rows_accuracy_and_time(acled_burkina_csv: Path, console_script: Path) -> None:
    started = time.monotonic()
    proc = subprocess.run(
        [str(console_script), "evaluate", "--gold", str(acled_burkina_csv), "--json"],
        capture_output=True,
        text=True,
        timeout=TIME_LIMIT_S + 60,
    )
    elapsed = time.monotonic() - started
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["rows"] == ALL_ROWS
    assert elapsed < TIME_LIMIT_S, f"evaluate took {elapsed:.0f} s"
    accuracy = data["accuracy"]
    assert set(accuracy) == NINE_FIELDS
    for field_name, floor in FLOORS.items():
        assert accuracy[field_name] >= floor, (field_name, accuracy[field_name])


@pytest.mark.parametrize(
    ("field_name", "gold", "predicted", "same"),
    [
        ("location", "Fada NGourma", "Fada N'gourma", True),
        ("location", "Ti-n-Agadel", "Tin Agadel", True),
        ("location", "Ménaka", "Menaka", True),
        ("location", "Gao", "Gabou", False),
        ("admin1", "Centre-Nord", "Centre Nord", True),
        ("actor1", "Rioters (Burkina Faso)", "Rioters Burkina Faso", False),
    ],
)
def test_place_names_compare_without_punctuation(
    field_name: str, gold: str, predicted: str, same: bool
) -> None:
    assert _same(field_name, gold, predicted) is same
