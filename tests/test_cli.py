"""Tests of the command line: the acceptance run on the seed article, bad inputs, the store commands.

Most runs go through typer's CliRunner (click >= 8.2 keeps ``result.stdout`` and ``result.stderr``
apart); one runs the installed ``conflictlens`` console script in a subprocess.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from typer.testing import CliRunner

from conflictlens.cli import app
from conflictlens.export import CSV_COLUMNS
from conflictlens.ingest import read_documents
from conflictlens.model import Document


def run(runner: CliRunner, *args: str | Path, **kwargs: Any) -> Result:
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False, **kwargs)


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def csv_header(text: str) -> list[str]:
    return next(csv.reader(io.StringIO(text)))


def comparable(row: dict[str, str]) -> tuple[str, ...]:
    """A row without its (run-dependent) timestamp."""
    return tuple(v for k, v in row.items() if k != "timestamp")


def nonblank_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def iter_spans(value: Any) -> Any:
    if isinstance(value, dict):
        if {"start", "end", "text"} <= value.keys() and isinstance(value["start"], int):
            yield value
        for v in value.values():
            yield from iter_spans(v)
    elif isinstance(value, list):
        for v in value:
            yield from iter_spans(v)


def documents(*paths: Path) -> dict[str, Document]:
    """The documents the CLI reads from ``paths``, by id (what spans index into)."""
    return {d.id: d for d in read_documents(list(paths), on_error=lambda e: None)}


# --------------------------------------------------------------------------- acceptance: the seed


@pytest.fixture(scope="module")
def seed_csv(runner: CliRunner, seed_path: Path) -> Result:
    return run(runner, "extract", seed_path, "--format", "acled")


@pytest.fixture(scope="module")
def seed_row(seed_csv: Result) -> dict[str, str]:
    assert seed_csv.exit_code == 0, seed_csv.stderr
    rows = csv_rows(seed_csv.stdout)
    assert len(rows) == 1, [(r["event_type"], r["notes"]) for r in rows]
    return rows[0]


def test_seed_extract_exits_0_without_errors(seed_csv: Result) -> None:
    assert seed_csv.exit_code == 0
    assert "error" not in seed_csv.stderr.lower()


def test_seed_extract_yields_exactly_one_row(seed_csv: Result) -> None:
    # background (coups, Ecowas, French troops) is not coded as events
    assert len(csv_rows(seed_csv.stdout)) == 1


def test_seed_row_coding(seed_row: dict[str, str]) -> None:
    assert seed_row["event_type"] == "Violence against civilians"
    assert seed_row["sub_event_type"] == "Attack"
    assert seed_row["actor1"] == "Military Forces of Mali (2021-)"
    assert "Wagner Group" in seed_row["assoc_actor_1"]
    assert seed_row["actor2"] == "Civilians (Mali)"
    assert seed_row["fatalities"] == "24"
    assert seed_row["country"] == "Mali"
    assert seed_row["admin1"] == "Gao"
    assert seed_row["civilian_targeting"].strip()
    assert "women" in seed_row["tags"] and "children" in seed_row["tags"]
    assert "at least 24 civilians" in seed_row["evidence"]
    assert seed_row["source_id"] == "seed-mali-executions"


def test_csv_header_is_acleds_31_columns_then_ours(seed_csv: Result, acled_31: list[str]) -> None:
    header = csv_header(seed_csv.stdout)
    assert header == list(CSV_COLUMNS)
    assert len(acled_31) == 31
    assert header[:31] == acled_31
    assert header[31:] == ["source_id", "evidence"]


@pytest.fixture(scope="module")
def with_and_without_background(
    runner: CliRunner, seed_path: Path, demo_dir: Path
) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    plain = run(runner, "extract", seed_path, demo_dir, "--format", "acled")
    full = run(runner, "extract", seed_path, demo_dir, "--format", "acled", "--include-background")
    assert plain.exit_code == 0, plain.stderr
    assert full.exit_code == 0, full.stderr
    return csv_rows(plain.stdout), csv_rows(full.stdout)


def test_include_background_only_adds_rows_tagged_background(
    with_and_without_background: tuple[list[dict[str, str]], list[dict[str, str]]],
) -> None:
    plain, full = with_and_without_background
    assert all("background" not in r["tags"] for r in plain)
    plain_set = [comparable(r) for r in plain]
    in_both = [r for r in full if comparable(r) in plain_set]
    extra = [r for r in full if comparable(r) not in plain_set]
    assert len(in_both) == len(plain)
    assert len(full) == len(plain) + len(extra)
    for r in extra:
        assert "background" in r["tags"].split("; "), (r["source_id"], r["tags"], r["notes"])


def test_seed_with_background_keeps_its_row(
    runner: CliRunner, seed_path: Path, seed_row: dict[str, str]
) -> None:
    result = run(runner, "extract", seed_path, "--format", "acled", "--include-background")
    assert result.exit_code == 0
    rows = csv_rows(result.stdout)
    current = [r for r in rows if "background" not in r["tags"]]
    assert [comparable(r) for r in current] == [comparable(seed_row)]


@pytest.fixture(scope="module")
def jsonl_records(runner: CliRunner, seed_path: Path, demo_dir: Path) -> list[dict[str, Any]]:
    result = run(runner, "extract", seed_path, demo_dir, "--format", "jsonl", "--include-background")
    assert result.exit_code == 0, result.stderr
    return [json.loads(line) for line in nonblank_lines(result.stdout)]


def test_jsonl_shape(jsonl_records: list[dict[str, Any]]) -> None:
    ids = [rec["id"] for rec in jsonl_records]
    assert "seed-mali-executions" in ids
    assert len(ids) == len(set(ids)) == 6  # the seed and the five demo articles
    for rec in jsonl_records:
        assert isinstance(rec["events"], list)
        for ev in rec["events"]:
            assert "background" in ev and isinstance(ev["background"], bool)
            assert "claims" in ev and isinstance(ev["claims"], list)
            assert ev["doc_id"] == rec["id"]
    seed = next(rec for rec in jsonl_records if rec["id"] == "seed-mali-executions")
    current = [ev for ev in seed["events"] if not ev["background"]]
    assert len(current) == 1
    assert current[0]["event_type"] == "Violence against civilians"


def test_jsonl_spans_index_the_document_text(
    jsonl_records: list[dict[str, Any]], seed_path: Path, demo_dir: Path
) -> None:
    docs = documents(seed_path, demo_dir)
    checked = 0
    for rec in jsonl_records:
        text = docs[rec["id"]].text
        for ev in rec["events"]:
            for span in iter_spans(ev):
                assert span["doc_id"] == rec["id"]
                assert 0 <= span["start"] <= span["end"] <= len(text), span
                assert text[span["start"] : span["end"]] == span["text"], span
                checked += 1
    assert checked > 0


def test_installed_console_script_on_the_seed(seed_path: Path, tmp_path: Path, console_script: Path) -> None:
    out = tmp_path / "seed.csv"
    proc = subprocess.run(
        [str(console_script), "extract", str(seed_path), "--format", "acled", "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""  # the CSV went to the file
    text = out.read_text(encoding="utf-8")
    assert csv_header(text) == list(CSV_COLUMNS)
    rows = csv_rows(text)
    assert len(rows) == 1
    row = rows[0]
    assert (row["event_type"], row["actor1"], row["actor2"], row["fatalities"], row["admin1"]) == (
        "Violence against civilians",
        "Military Forces of Mali (2021-)",
        "Civilians (Mali)",
        "24",
        "Gao",
    )


# --------------------------------------------------------------------------- bad inputs

GOOD_JSONL_ID = "jsonl-good"
GOOD_JSONL_TEXT = (
    "Gunmen killed 9 villagers in Seytenga, in northern Burkina Faso, on Saturday, local sources said. "
    "The attackers arrived on motorbikes and fled towards the border, residents said."
)


@pytest.fixture(scope="module")
def bad_inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str]]:
    """Bad files, each with a word its error message must contain; plus a JSONL with one good line."""
    d = tmp_path_factory.mktemp("bad-inputs")
    empty = d / "empty.txt"
    empty.write_bytes(b"")
    binary = d / "binary.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 40)
    latin1 = d / "latin1.txt"
    latin1.write_bytes(
        "Des soldats ont été tués lors d'une embuscade près de Djibo, a indiqué l'armée.".encode("latin-1")
    )
    mixed = d / "mixed.jsonl"
    mixed.write_text(
        '{"id": "broken", "text": "Gunmen killed 4 villagers near Dori\n'
        + json.dumps({"id": GOOD_JSONL_ID, "text": GOOD_JSONL_TEXT, "published": "2024-03-12"})
        + "\n",
        encoding="utf-8",
    )
    big = d / "big.txt"
    sentence = "Residents of the town said the market reopened on Monday after two weeks of heavy rain. "
    chunk = (sentence * (1024 * 1024 // len(sentence) + 1)).encode("utf-8")[: 1024 * 1024]
    with big.open("wb") as fh:
        for _ in range(50):
            fh.write(chunk)
    assert big.stat().st_size == 50 * 1024 * 1024
    return {
        "empty": (empty, "empty"),
        "binary": (binary, "binary"),
        "latin1": (latin1, "UTF-8"),
        "mixed": (mixed, "JSON"),
        "big": (big, "too large"),
    }


def _check_one_error_line_per_bad_input(stderr: str, bad: dict[str, tuple[Path, str]], seed: Path) -> None:
    lines = nonblank_lines(stderr)
    error_lines = [line for line in lines if line.startswith("error")]
    assert len(error_lines) == len(bad), error_lines
    for path, problem in bad.values():
        mine = [line for line in error_lines if path.name in line]
        assert len(mine) == 1, (path.name, error_lines)
        assert problem.lower() in mine[0].lower(), (path.name, mine[0])
    assert not any(seed.name in line for line in error_lines)
    mixed_line = next(line for line in error_lines if "mixed.jsonl" in line)
    assert "mixed.jsonl:1" in mixed_line  # names the line


def test_extract_bad_inputs_reported_and_good_ones_processed(
    runner: CliRunner, bad_inputs: dict[str, tuple[Path, str]], seed_path: Path
) -> None:
    paths = [p for p, _ in bad_inputs.values()]
    result = run(runner, "extract", *paths, seed_path, "--format", "acled")
    assert result.exit_code == 1
    _check_one_error_line_per_bad_input(result.stderr, bad_inputs, seed_path)
    rows = csv_rows(result.stdout)
    sources = [r["source_id"] for r in rows]
    assert sources.count("seed-mali-executions") == 1
    assert GOOD_JSONL_ID in sources
    good = next(r for r in rows if r["source_id"] == GOOD_JSONL_ID)
    assert good["event_type"] == "Violence against civilians"
    assert good["fatalities"] == "9"


def test_ingest_bad_inputs_reported_and_good_ones_stored(
    runner: CliRunner, bad_inputs: dict[str, tuple[Path, str]], seed_path: Path, tmp_path: Path
) -> None:
    db = tmp_path / "bad.db"
    paths = [p for p, _ in bad_inputs.values()]
    result = run(runner, "ingest", *paths, seed_path, "--db", db)
    assert result.exit_code == 1
    _check_one_error_line_per_bad_input(result.stderr, bad_inputs, seed_path)
    added, _events, skipped, unreadable = summary(result.stderr)
    assert (added, skipped, unreadable) == (2, 0, len(bad_inputs))


# --------------------------------------------------------------------------- the store

SUMMARY = re.compile(
    r"(\d+) document\(s\) added with (\d+) event\(s\), (\d+) already stored, (\d+) could not be read"
)


def summary(stderr: str) -> tuple[int, int, int, int]:
    m = SUMMARY.search(stderr)
    assert m, stderr
    added, events, skipped, unreadable = (int(x) for x in m.groups())
    return added, events, skipped, unreadable


@pytest.fixture(scope="module")
def store_db(
    runner: CliRunner, tmp_path_factory: pytest.TempPathFactory, seed_path: Path, demo_dir: Path
) -> tuple[Path, tuple[int, int, int, int], tuple[int, int, int, int]]:
    db = tmp_path_factory.mktemp("store") / "events.db"
    first = run(runner, "ingest", demo_dir, seed_path, "--db", db)
    assert first.exit_code == 0, first.stderr
    second = run(runner, "ingest", demo_dir, seed_path, "--db", db)
    assert second.exit_code == 0, second.stderr
    return db, summary(first.stderr), summary(second.stderr)


def test_ingest_then_reingest_is_a_no_op(store_db: tuple[Path, Any, Any]) -> None:
    db, first, second = store_db
    assert db.exists()
    added, events, skipped, unreadable = first
    assert (added, skipped, unreadable) == (6, 0, 0)
    assert events >= 6  # every article reports at least one event
    assert second == (0, 0, 6, 0)


def test_export_acled(runner: CliRunner, store_db: tuple[Path, Any, Any], tmp_path: Path) -> None:
    db, (_added, events, _skipped, _bad), _ = store_db
    out = tmp_path / "events.csv"
    result = run(runner, "export", "--db", db, "--format", "acled", "-o", out)
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert csv_header(text) == list(CSV_COLUMNS)
    rows = csv_rows(text)
    assert len(rows) == events
    assert f"wrote {len(rows)} record(s)" in result.stderr
    assert all(len(r) == len(CSV_COLUMNS) and None not in r for r in rows)
    assert all("background" not in r["tags"] for r in rows)
    assert {r["source_id"] for r in rows} >= {"seed-mali-executions", "03-niamey-teachers-sit-in"}
    seed = [r for r in rows if r["source_id"] == "seed-mali-executions"]
    assert len(seed) == 1 and seed[0]["fatalities"] == "24"


def test_export_jsonl(runner: CliRunner, store_db: tuple[Path, Any, Any], tmp_path: Path) -> None:
    db, (_added, events, _skipped, _bad), _ = store_db
    out = tmp_path / "events.jsonl"
    result = run(runner, "export", "--db", db, "--format", "jsonl", "-o", out)
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in nonblank_lines(out.read_text(encoding="utf-8"))]
    assert f"wrote {len(records)} record(s)" in result.stderr
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids))
    assert "seed-mali-executions" in ids
    all_events = [ev for r in records for ev in r["events"]]
    assert len(all_events) == events
    assert all(ev["background"] is False and "claims" in ev for ev in all_events)


def test_export_geojson(runner: CliRunner, store_db: tuple[Path, Any, Any], tmp_path: Path) -> None:
    db, *_ = store_db
    out = tmp_path / "events.geojson"
    result = run(runner, "export", "--db", db, "--format", "geojson", "-o", out)
    assert result.exit_code == 0, result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    features = data["features"]
    assert f"wrote {len(features)} record(s)" in result.stderr
    assert features, "no located event"
    for f in features:
        assert f["type"] == "Feature"
        assert f["geometry"]["type"] == "Point"
        lon, lat = f["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert f["properties"]["event_type"]
    seed = [f for f in features if f["properties"]["source_id"] == "seed-mali-executions"]
    assert len(seed) == 1
    lon, lat = seed[0]["geometry"]["coordinates"]
    assert 10 < lat < 25 and -12 < lon < 5  # in Mali


def test_export_to_stdout_and_bad_format(runner: CliRunner, store_db: tuple[Path, Any, Any]) -> None:
    db, *_ = store_db
    ok = run(runner, "export", "--db", db)
    assert ok.exit_code == 0
    assert csv_header(ok.stdout) == list(CSV_COLUMNS)
    bad = run(runner, "export", "--db", db, "--format", "xml")
    assert bad.exit_code == 2
    assert len(nonblank_lines(bad.stderr)) == 1
    assert "xml" in bad.stderr


def test_events_table(runner: CliRunner, store_db: tuple[Path, Any, Any], demo_dir: Path) -> None:
    db, *_ = store_db
    doc_ids = ["seed-mali-executions", *(p.stem for p in demo_dir.glob("*.txt"))]

    def rows_shown(table: str) -> list[str]:
        return [line for line in table.splitlines() if any(d in line for d in doc_ids)]

    # a wide terminal, so that rich does not fold cell text over several lines
    result = run(runner, "events", "--db", db, env={"COLUMNS": "240"})
    assert result.exit_code == 0, result.stderr
    assert "Violence against civilians" in result.stdout
    assert "seed-mali-executions" in result.stdout
    assert len(rows_shown(result.stdout)) >= 6
    limited = run(runner, "events", "--db", db, "--limit", "1", env={"COLUMNS": "240"})
    assert limited.exit_code == 0
    assert len(rows_shown(limited.stdout)) == 1


# --------------------------------------------------------------------------- usage

HELP = {
    "ingest": ["--db"],
    "extract": ["--format", "--output", "--include-background"],
    "export": ["--format", "--output", "--db", "--include-background"],
    "events": ["--db", "--limit", "--include-background"],
    "evaluate": ["--gold", "--json", "--limit"],
}


@pytest.mark.parametrize("command", sorted(HELP))
def test_command_help(runner: CliRunner, command: str) -> None:
    result = run(runner, command, "--help", env={"COLUMNS": "160"})
    assert result.exit_code == 0
    assert "Usage" in result.stdout
    for option in HELP[command]:
        assert option in result.stdout, (command, option)


def test_top_level_help_lists_commands(runner: CliRunner) -> None:
    result = run(runner, "--help", env={"COLUMNS": "160"})
    assert result.exit_code == 0
    for command in HELP:
        assert command in result.stdout


def test_extract_unknown_format_is_a_usage_error(runner: CliRunner, seed_path: Path) -> None:
    result = run(runner, "extract", seed_path, "--format", "xml")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert len(nonblank_lines(result.stderr)) == 1
    assert "--format" in result.stderr


def test_extract_without_paths_is_a_usage_error(runner: CliRunner) -> None:
    result = run(runner, "extract")
    assert result.exit_code == 2
