"""Bulk ingest: many processes, input order, skipping stored documents, and resuming after kill -9."""

from __future__ import annotations

import csv
import json
import os
import re
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from conflictlens.batch import StoreWriter
from conflictlens.extract import extract_many, extract_parallel
from conflictlens.ingest import read_documents
from conflictlens.model import Document, content_hash
from conflictlens.store import Store, open_store


def acled_notes(csv_path: Path, n: int) -> list[Document]:
    """The first ``n`` ACLED notes with distinct texts, as documents."""
    seen: set[str] = set()
    docs: list[Document] = []
    with csv_path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            text = row["notes"].strip()
            if len(text) < 40 or content_hash(text) in seen:
                continue
            seen.add(content_hash(text))
            docs.append(Document(id=row["event_id_cnty"], text=text))
            if len(docs) == n:
                break
    return docs


def write_jsonl(docs: list[Document], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps({"id": d.id, "text": d.text}) + "\n")
    return path


def test_two_workers_give_the_same_results_in_input_order(demo_dir: Path) -> None:
    one = [(d.id, [r.to_dict() for r in rs]) for d, rs in extract_many(read_documents([demo_dir]))]
    two = [
        (d.id, [r.to_dict() for r in rs])
        for d, rs in extract_parallel(read_documents([demo_dir]), workers=2, chunk_size=2)
    ]
    assert one == two


def test_store_writer_skips_stored_documents_and_resolves_what_a_crash_left(tmp_path: Path) -> None:
    docs = [
        Document("a", "Gunmen killed five villagers near Djibo, Burkina Faso, on 3 March 2020."),
        Document(
            "b", "Protesters marched in Ouagadougou on 4 March 2020 to demand the release of a journalist."
        ),
    ]
    url = f"sqlite:///{tmp_path / 'store.db'}"
    with open_store(url) as store:
        ((doc, reports),) = list(extract_many(docs[:1]))
        store.ingest(doc, reports)  # stored, then "killed" before it was resolved
    with open_store(url) as store:
        writer = StoreWriter(store)
        assert writer.counts.recovered == len([r for r in reports if not r.background]) > 0
        copy = Document("a-copy", docs[0].text)
        fresh = list(writer.fresh([docs[0], copy, docs[1]]))
        assert [d.id for d in fresh] == ["b"]  # the stored one and its copy are not extracted again
        for d, rs in extract_many(fresh):
            assert writer.add(d, rs)
        assert store.counts()["documents"] == 2
        assert any(dup["doc_id"] == "a-copy" for dup in store.duplicates())


def test_ingest_with_two_workers(runner, demo_dir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from conflictlens.cli import app

    db = f"sqlite:///{tmp_path / 'store.db'}"
    result = runner.invoke(app, ["ingest", str(demo_dir), "--db", db, "--workers", "2"])
    assert result.exit_code == 0, result.output
    assert "5 document(s) added" in result.stderr
    again = runner.invoke(app, ["ingest", str(demo_dir), "--db", db, "--workers", "2"])
    assert again.exit_code == 0
    assert "0 document(s) added" in again.stderr and "5 already stored" in again.stderr


def _stored(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.Error:
        return 0


@pytest.mark.slow
def test_ingest_killed_with_sigkill_completes_on_rerun(
    console_script: Path, acled_burkina_csv: Path, tmp_path: Path
) -> None:
    docs = acled_notes(acled_burkina_csv, 400)
    jsonl = write_jsonl(docs, tmp_path / "notes.jsonl")
    db = tmp_path / "store.db"
    cmd = [str(console_script), "ingest", str(jsonl), "--db", f"sqlite:///{db}", "--workers", "2"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 300
    while _stored(db) < 40 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    assert proc.poll() is None, "the run ended before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    stored_at_kill = _stored(db)
    assert 0 < stored_at_kill < len(docs)

    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    # the rerun adds exactly what the killed run had not stored; the killed run may have committed
    # a last document its reader above did not see yet (SQLite's WAL is recovered by the next writer)
    m = re.search(r"(\d+) document\(s\) added .*?, (\d+) already stored", rerun.stderr, re.S)
    assert m, rerun.stderr
    added, already = int(m.group(1)), int(m.group(2))
    assert added + already == len(docs) and stored_at_kill <= already <= stored_at_kill + 1

    expected = {d.id: rs for d, rs in extract_many(acled_notes(acled_burkina_csv, 400))}
    with sqlite3.connect(db) as conn:
        ids = [r[0] for r in conn.execute("SELECT id FROM documents")]
        assert sorted(ids) == sorted(d.id for d in docs)  # none lost, none twice
        reports = [r[0] for r in conn.execute("SELECT id FROM reports")]
        assert len(reports) == len(set(reports)) == sum(len(rs) for rs in expected.values())
        dup_spans = conn.execute(
            'SELECT count(*) FROM (SELECT report_id, field, start, "end", count(*) AS n FROM spans '
            'GROUP BY report_id, field, start, "end" HAVING n > 1)'
        ).fetchone()[0]
        assert dup_spans == 0
        n_spans = conn.execute("SELECT count(*) FROM spans").fetchone()[0]
        members = [r[0] for r in conn.execute("SELECT report_id FROM incident_members")]
        events = [r[0] for r in conn.execute("SELECT id FROM reports WHERE background = 0")]
    assert len(members) == len(set(members))
    assert sorted(members) == sorted(events)  # every event resolved into exactly one incident
    from conflictlens.store.store import iter_spans

    assert n_spans == sum(1 for rs in expected.values() for r in rs for _ in iter_spans(r))


def test_store_writer_lets_sqlite_commit_without_waiting_for_the_disk(tmp_path: Path) -> None:
    def synchronous(store: Store) -> int:
        with store.engine.connect() as conn:
            return int(conn.exec_driver_sql("PRAGMA synchronous").scalar_one())

    with open_store(tmp_path / "other.db") as other:
        assert synchronous(other) == 2  # FULL: a store that is not bulk-loaded keeps full durability
    with open_store(tmp_path / "bulk.db") as store:
        StoreWriter(store)
        assert synchronous(store) == 1  # NORMAL, in the WAL journal: safe against a killed process
