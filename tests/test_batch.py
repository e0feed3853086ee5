"""`conflictlens batch`: Parquet shards, a Dask LocalCluster, and the same records as `ingest`."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from conflictlens.batch import SHARD_KINDS, read_shard, run_batch, shard_path
from conflictlens.ingest import read_documents
from conflictlens.model import content_hash
from conflictlens.store import open_store


def acled_notes_jsonl(csv_path: Path, n: int, path: Path) -> None:
    """The first ``n`` ACLED notes with distinct texts, as JSON Lines."""
    seen: set[str] = set()
    with csv_path.open(encoding="utf-8") as fh, path.open("w", encoding="utf-8") as out:
        for row in csv.DictReader(fh):
            note = row["notes"].strip()
            if len(note) < 40 or content_hash(note) in seen:
                continue
            seen.add(content_hash(note))
            out.write(json.dumps({"id": row["event_id_cnty"], "text": note}) + "\n")
            if len(seen) == n:
                break


def _inputs(demo_dir: Path, acled_csv: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "input"
    shutil.copytree(demo_dir, folder)
    acled_notes_jsonl(acled_csv, 40, folder / "notes.jsonl")
    return folder


def _rows(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every stored document, report and span, field by field (but the ingestion time)."""
    queries = {
        "documents": "SELECT id, content_hash, text, title, url, published, source, origin, language "
        "FROM documents ORDER BY id",
        "reports": "SELECT * FROM reports ORDER BY id",
        "spans": 'SELECT report_id, field, doc_id, start, "end", text FROM spans '
        'ORDER BY report_id, field, start, "end", text',
        "incidents": "SELECT report_id, incident_id, doc_id, how, score FROM incident_members "
        "ORDER BY report_id",
    }
    with open_store(url) as store, store.engine.connect() as conn:
        return {name: [tuple(r) for r in conn.execute(text(q))] for name, q in queries.items()}


def _ingest(folder: Path, url: str) -> None:
    from typer.testing import CliRunner

    from conflictlens.cli import app

    result = CliRunner().invoke(app, ["ingest", str(folder), "--db", url])
    assert result.exit_code == 0, result.output


def test_local_engine_writes_shards_and_stores_what_ingest_stores(
    demo_dir: Path, acled_burkina_csv: Path, tmp_path: Path
) -> None:
    folder = _inputs(demo_dir, acled_burkina_csv, tmp_path)
    ingested, batched = f"sqlite:///{tmp_path / 'a.db'}", f"sqlite:///{tmp_path / 'b.db'}"
    _ingest(folder, ingested)
    out = tmp_path / "shards"
    with open_store(batched) as store:
        result = run_batch(read_documents([folder]), store, engine="local", out=out, partition_size=8)
    assert result.partitions == 6 and result.counts.added == 45
    for part in range(result.partitions):
        assert all(shard_path(out, part, kind).exists() for kind in SHARD_KINDS)
    assert sum(len(read_shard(out, p)) for p in range(result.partitions)) == 45
    rows_a, rows_b = _rows(ingested), _rows(batched)
    for table in rows_a:
        for a, b in zip(rows_a[table], rows_b[table], strict=True):
            assert a == b, table
    with open_store(batched) as store:  # a second run finds everything stored
        again = run_batch(read_documents([folder]), store, engine="local", partition_size=8)
    assert again.counts.added == 0 and again.counts.skipped == 45


@pytest.mark.slow
def test_dask_engine_gives_identical_records(
    runner, demo_dir: Path, acled_burkina_csv: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from conflictlens.cli import app

    folder = _inputs(demo_dir, acled_burkina_csv, tmp_path)
    ingested, batched = f"sqlite:///{tmp_path / 'a.db'}", f"sqlite:///{tmp_path / 'b.db'}"
    _ingest(folder, ingested)
    out = tmp_path / "shards"
    result = runner.invoke(
        app,
        [
            "batch",
            str(folder),
            "--engine",
            "dask",
            "--db",
            batched,
            "--out",
            str(out),
            "--partition-size",
            "10",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "45 document(s) added" in result.stderr
    assert len(list((out / "reports").glob("part-*.parquet"))) == 5
    rows_a, rows_b = _rows(ingested), _rows(batched)
    for table in rows_a:
        assert rows_b[table] == rows_a[table], table
    assert rows_a["reports"] and rows_a["spans"]
