"""Tests of the store on SQLite and PostgreSQL: idempotent ingest (also when processes race),
spans, round trips, rollback per document, what both backends refuse, streaming.

Tests taking ``store_url`` run once per backend; the PostgreSQL case needs the throwaway server of
``scripts/with-postgres.sh`` (``make test`` starts it) and is marked slow.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import multiprocessing
import queue
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from conflictlens.errors import StoreError
from conflictlens.model import Actor, Document, EventDate, Fatalities, Place, Report, Span
from conflictlens.store import incidents as incidents_module
from conflictlens.store import open_store, resolve_url
from conflictlens.store import store as store_module
from conflictlens.store.schema import DocumentRow, ReportRow, SpanRow

GAO_TEXT = (
    "Soldiers of the Malian army and Wagner Group fighters killed at least 24 civilians "
    "in a village near Gao on 3 December 2020, residents said. "
    "In 2019, a similar attack had taken place in the same area."
)


def _span(doc_id: str, text: str, needle: str) -> Span:
    start = text.index(needle)
    return Span(doc_id, start, start + len(needle), needle)


def mali_document(doc_id: str = "gao-2020-12-03", text: str = GAO_TEXT) -> Document:
    return Document(
        id=doc_id,
        text=text,
        title="Civilians killed near Gao",
        url=f"https://example.org/news/{doc_id}",
        published=dt.date(2020, 12, 4),
        source="Example News",
        origin=f"/data/{doc_id}.html",
    )


def mali_reports(doc: Document) -> list[Report]:
    t, d = doc.text, doc.id
    event = Report(
        doc_id=d,
        event_type="Violence against civilians",
        sub_event_type="Attack",
        actor1=Actor(
            "Military Forces of Mali (2021-)", "state_forces", 1, "Mali", (_span(d, t, "Malian army"),)
        ),
        assoc_actor_1=(
            Actor("Wagner Group", "private_military_company", 8, "Russia", (_span(d, t, "Wagner Group"),)),
        ),
        actor2=Actor("Civilians (Mali)", "civilians", 7, "Mali", (_span(d, t, "civilians"),)),
        fatalities=Fatalities(24, 24, None, 24, "at least", (_span(d, t, "at least 24"),)),
        date=EventDate(dt.date(2020, 12, 3), 1, None, (_span(d, t, "3 December 2020"),)),
        place=Place(
            "Gao",
            country="Mali",
            iso2="ML",
            admin1="Gao",
            admin2="Gao",
            admin3="Gao",
            latitude=16.2666,
            longitude=-0.0440,
            geo_precision=2,
            geonames_id=2457163,
            spans=(_span(d, t, "near Gao"),),
        ),
        evidence=(_span(d, t, t.split(". ")[0] + "."),),
        tags=("local source",),
        notes="On 3 December 2020, Malian soldiers and Wagner Group fighters killed 24 civilians near Gao.",
        claims=[{"field": "fatalities", "value": 24, "source": "residents"}],
        index=0,
    )
    background = Report(
        doc_id=d,
        event_type="Violence against civilians",
        sub_event_type="Attack",
        actor2=Actor("Civilians (Mali)", "civilians", 7, "Mali"),
        date=EventDate(dt.date(2019, 1, 1), 3),
        place=Place("Gao", country="Mali", iso2="ML", admin1="Gao", latitude=16.2666, longitude=-0.044),
        evidence=(_span(d, t, "In 2019, a similar attack had taken place in the same area."),),
        background=True,
        index=1,
    )
    return [event, background]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "events.db"


@pytest.fixture
def store(store_url: str) -> Iterator[store_module.Store]:
    with open_store(store_url) as s:
        yield s


def other_document(n: int) -> Document:
    """A document with its own id and text (so neither the id nor the content hash collide)."""
    return mali_document(f"doc-{n:03d}", text=f"{GAO_TEXT} Report number {n}.")


# -- SQLite specifics -----------------------------------------------------------------------------


def test_open_store_creates_sqlite_file_with_wal_and_tables(db_path: Path) -> None:
    with open_store(str(db_path)) as s:
        assert s.counts() == {"documents": 0, "reports": 0, "events": 0, "background": 0, "spans": 0}
    assert db_path.exists()
    con = sqlite3.connect(db_path)
    try:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        con.close()
    assert {"documents", "reports", "spans", "alembic_version"} <= tables


def test_sqlite_connections_enforce_foreign_keys_and_wait_for_writers(db_path: Path) -> None:
    with open_store(str(db_path)) as s, s.engine.connect() as con:
        assert con.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert con.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30_000


def test_resolve_url_forms(tmp_path: Path) -> None:
    assert resolve_url(str(tmp_path / "x.db")).render_as_string() == f"sqlite:///{tmp_path / 'x.db'}"
    assert resolve_url("x.db").database == "x.db"
    assert resolve_url(None).drivername == "sqlite"
    # PostgreSQL goes through psycopg 3 (SQLAlchemy's default driver would be psycopg2).
    pg = resolve_url("postgresql://u:secret@db.example/cl")
    assert pg.drivername == "postgresql+psycopg" and pg.database == "cl" and pg.password == "secret"
    assert resolve_url("postgres://db.example/cl").drivername == "postgresql+psycopg"
    assert resolve_url("postgresql+psycopg://db.example/cl").drivername == "postgresql+psycopg"


def test_open_store_error_names_url_and_hides_password(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="missing-dir"):
        open_store(str(tmp_path / "missing-dir" / "x.db"))
    with pytest.raises(StoreError) as info:
        open_store("nosuchdialect://user:hunter2@localhost/db")
    assert "hunter2" not in str(info.value)
    assert "localhost" in str(info.value)


def test_unreachable_postgresql_is_a_store_error_without_password() -> None:
    # Port 1 on loopback: nothing listens there, so the connection is refused at once.
    with pytest.raises(StoreError) as info:
        open_store("postgresql://someone:hunter2@127.0.0.1:1/cl?connect_timeout=2")
    message = str(info.value)
    assert "hunter2" not in message and "127.0.0.1:1" in message and "cannot open store" in message


# -- both backends --------------------------------------------------------------------------------


def test_foreign_keys_are_enforced(store: store_module.Store) -> None:
    with store.engine.connect() as con, pytest.raises(IntegrityError):
        con.execute(
            insert(SpanRow).values(report_id="no-such-report#0", field="evidence", doc_id="x", start=0, end=1)
        )


def test_report_of_another_document_is_refused(store: store_module.Store) -> None:
    doc = mali_document()
    orphan = Report(doc_id="elsewhere", event_type="Battles", sub_event_type="Armed clash")
    with pytest.raises(StoreError, match="belongs to"):
        store.ingest(doc, [orphan])
    assert store.counts()["documents"] == 0


def test_ingest_twice_is_a_no_op(store: store_module.Store) -> None:
    doc = mali_document()
    assert store.ingest(doc, mali_reports(doc)) is True
    before = store.counts()
    assert store.ingest(doc, mali_reports(doc)) is False
    assert store.counts() == before
    assert before["documents"] == 1 and before["reports"] == 2 and before["background"] == 1


def test_same_text_under_another_id_is_a_no_op(store: store_module.Store) -> None:
    doc = mali_document()
    assert store.ingest(doc, mali_reports(doc))
    # same text after whitespace normalisation, different id
    copy = mali_document("mirror-site-copy", text="  " + GAO_TEXT.replace(" ", "  ") + "\n")
    assert store.has_content(copy.content_hash)
    assert store.document_id_by_content(copy.content_hash) == doc.id
    assert store.ingest(copy, []) is False
    assert store.get_document("mirror-site-copy") is None
    assert store.counts()["documents"] == 1


def test_same_id_with_other_text_is_a_no_op(store: store_module.Store) -> None:
    doc = mali_document()
    assert store.ingest(doc, [])
    changed = mali_document(text=GAO_TEXT + " Updated.")
    assert store.ingest(changed, mali_reports(changed)) is False
    got = store.get_document(doc.id)
    assert got is not None and got.text == GAO_TEXT


def test_a_stored_document_said_to_be_new_is_still_refused(store: store_module.Store) -> None:
    """``new=True`` skips the existence query (bulk ingestion knows what is stored); a caller that
    is wrong about it still stores nothing twice: the unique keys refuse the id and the text."""
    doc = mali_document()
    assert store.ingest(doc, mali_reports(doc), new=True) is True
    before = store.counts()
    assert store.ingest(doc, mali_reports(doc), new=True) is False
    copy = mali_document("mirror-site-copy", text="  " + GAO_TEXT.replace(" ", "  ") + "\n")
    assert store.ingest(copy, [], new=True, content_hash=copy.content_hash) is False
    assert store.counts() == before
    assert store.get_document("mirror-site-copy") is None


def test_spans_are_stored_with_offsets(store: store_module.Store) -> None:
    doc = mali_document()
    reports = mali_reports(doc)
    store.ingest(doc, reports)
    expected = sum(1 for r in reports for _ in store_module.iter_spans(r))
    assert store.counts()["spans"] == expected == 8
    with store.engine.connect() as con:
        rows = con.execute(
            select(
                SpanRow.report_id, SpanRow.field, SpanRow.doc_id, SpanRow.start, SpanRow.end, SpanRow.text
            ).order_by(SpanRow.id)
        ).all()
    fields = {r[1] for r in rows}
    assert fields == {"actor1", "assoc_actor_1", "actor2", "fatalities", "date", "place", "evidence"}
    for report_id, _field, doc_id, start, end, text in rows:
        assert report_id.startswith(doc.id + "#")
        assert doc_id == doc.id
        assert doc.text[start:end] == text
    fat = next(r for r in rows if r[1] == "fatalities")
    assert fat[5] == "at least 24"


def test_reports_round_trip_and_background_excluded_by_default(store: store_module.Store) -> None:
    doc = mali_document()
    reports = mali_reports(doc)
    store.ingest(doc, reports)
    got = list(store.reports())
    assert len(got) == 1
    report, got_doc = got[0]
    assert report == reports[0]
    assert Report.from_dict(report.to_dict()) == reports[0]
    assert got_doc == doc
    everything = [r for r, _ in store.reports(include_background=True)]
    assert everything == reports
    assert store.reports_of(doc.id) == reports
    assert store.reports_of(doc.id, include_background=False) == reports[:1]


def test_documents_and_get_document(store: store_module.Store) -> None:
    first, second = mali_document("a"), mali_document("b", text=GAO_TEXT + " A second article.")
    store.ingest(first, mali_reports(first))
    store.ingest(second, [])
    assert [d.id for d in store.documents()] == ["a", "b"]
    assert store.get_document("a") == first
    assert store.get_document("nope") is None


def test_failure_inside_ingest_rolls_back_that_document_only(
    store: store_module.Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = mali_document("first")
    assert store.ingest(first, mali_reports(first))
    before = store.counts()

    real = store_module.iter_spans

    def failing(report: Report) -> Iterator[tuple[str, Span]]:
        yield from list(real(report))[:2]
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(store_module, "iter_spans", failing)
    second = mali_document("second", text=GAO_TEXT + " Another report.")
    with pytest.raises(RuntimeError, match="disk on fire"):
        store.ingest(second, mali_reports(second))
    assert store.counts() == before
    assert store.get_document("second") is None
    assert not store.has_content(second.content_hash)

    monkeypatch.setattr(store_module, "iter_spans", real)
    assert store.ingest(second, mali_reports(second)) is True
    assert store.counts()["documents"] == 2


def test_committed_data_survives_reopening(store_url: str) -> None:
    doc = mali_document()
    with open_store(store_url) as s:
        s.ingest(doc, mali_reports(doc))
    with open_store(store_url) as s:
        assert s.counts()["reports"] == 2
        assert [r.id for r, _ in s.reports()] == [f"{doc.id}#0"]


def test_text_round_trips_exactly(store: store_module.Store) -> None:
    """Non-ASCII scripts, emoji, control characters other than NUL, CRLF and a big text."""
    samples = {
        "arabic": "قتل 12 مدنيا في هجوم على قرية قرب غاو يوم 3 ديسمبر 2020، حسب السكان.",
        "mixed": "Gao\u00a0— «civils» tués 💥 \t tab\r\nCRLF \u200b zero-width \x01\x1f; 'q' \"and\" \\",
        "big": ("A convoy was ambushed near Gao and 12 soldiers were killed. " * 60_000)[:3_500_000],
    }
    for name, text in samples.items():
        doc = mali_document(f"text-{name}", text=text)
        doc = dataclasses.replace(doc, title=f"{name} ✓", source="Agence «Sahel»")
        assert store.ingest(doc, []) is True
        assert store.get_document(doc.id) == doc
    assert store.counts()["documents"] == 3


def test_timestamps_come_back_as_aware_utc(store: store_module.Store) -> None:
    doc = mali_document()
    before = dt.datetime.now(dt.UTC)
    store.ingest(doc, [])
    with store.engine.connect() as con:
        ingested = con.scalar(select(DocumentRow.ingested_at))
    assert ingested is not None and ingested.tzinfo is not None
    assert ingested.utcoffset() == dt.timedelta(0)
    assert before - dt.timedelta(seconds=5) <= ingested <= dt.datetime.now(dt.UTC) + dt.timedelta(seconds=5)
    decision_id = incidents_module.add_decision(store, "split", ["a#0"], ["b#0"], analyst="ana")
    (decision,) = incidents_module.decisions(store)
    assert decision.id == decision_id and decision.decided_at.utcoffset() == dt.timedelta(0)


def test_nul_characters_are_refused_with_a_clear_error(store: store_module.Store) -> None:
    bad = mali_document("nul-in-text", text=GAO_TEXT + " Broken\x00byte.")
    with pytest.raises(StoreError, match=r"nul-in-text.*text contains a NUL character"):
        store.ingest(bad, [])
    bad_title = dataclasses.replace(mali_document("nul-in-title"), title="Civilians\x00killed")
    with pytest.raises(StoreError, match="title contains a NUL"):
        store.ingest(bad_title, [])
    with pytest.raises(StoreError, match="id contains a NUL"):
        store.ingest(mali_document("nul\x00id"), [])
    assert store.counts()["documents"] == 0
    # In a report the queryable copy of a value loses the NUL; the report keeps it (JSON escapes it).
    doc = mali_document()
    report = dataclasses.replace(mali_reports(doc)[0], notes="twenty\x00four")
    report = dataclasses.replace(report, actor1=dataclasses.replace(report.actor1, name="Malian\x00army"))
    assert store.ingest(doc, [report]) is True
    assert store.reports_of(doc.id) == [report]
    with store.engine.connect() as con:
        assert con.scalar(select(ReportRow.actor1)) == "Malianarmy"


def test_values_longer_than_their_column_are_refused_or_cut(store: store_module.Store) -> None:
    long_id = "https://example.org/" + "a" * 600
    with pytest.raises(StoreError, match="id has 620 characters; the store keeps at most 512"):
        store.ingest(mali_document(long_id), [])
    assert store.counts()["documents"] == 0
    doc = mali_document()
    report = mali_reports(doc)[0]
    long_actor = "Unidentified armed men " * 40  # 920 characters
    report = dataclasses.replace(report, actor1=dataclasses.replace(report.actor1, name=long_actor))
    report = dataclasses.replace(report, fatalities=dataclasses.replace(report.fatalities, acled=10**12))
    assert store.ingest(doc, [report]) is True
    assert store.reports_of(doc.id) == [report]  # the report itself is kept whole
    with store.engine.connect() as con:
        actor1, fatalities = con.execute(select(ReportRow.actor1, ReportRow.fatalities)).one()
    assert actor1 == long_actor[:512] and fatalities == 2**31 - 1


def test_json_with_nan_is_refused(store: store_module.Store) -> None:
    doc = mali_document()
    report = dataclasses.replace(
        mali_reports(doc)[0], claims=[{"field": "fatalities", "value": float("nan")}]
    )
    with pytest.raises(StoreError, match="data cannot be stored as JSON: Out of range float"):
        store.ingest(doc, [report])
    assert store.counts()["documents"] == 0


def test_streaming_in_batches_while_writing(
    store: store_module.Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """documents() and reports() fetch _BATCH rows at a time (a server-side cursor on PostgreSQL);
    the store can be written while they are being read."""
    monkeypatch.setattr(store_module, "_BATCH", 3)
    docs = [other_document(n) for n in range(10)]
    for doc in docs:
        assert store.ingest(doc, mali_reports(doc))
    seen = []
    for n, doc in enumerate(store.documents()):
        seen.append(doc.id)
        if n == 4:
            late = other_document(99)
            assert store.ingest(late, mali_reports(late))
    assert seen[:10] == [d.id for d in docs]
    got = [(r.id, d.id) for r, d in store.reports()]
    assert got == [(f"{d.id}#0", d.id) for d in [*docs, other_document(99)]]
    assert store.counts()["documents"] == 11


def test_documents_come_in_ingestion_order_not_id_order(store: store_module.Store) -> None:
    ids = ["zulu", "Alpha", "mike", "_underscore", "bravo"]
    for n, doc_id in enumerate(ids):
        store.ingest(mali_document(doc_id, text=f"{GAO_TEXT} ({n})"), [])
    assert [d.id for d in store.documents()] == ids


def test_ilike_ignores_case_beyond_ascii(store: store_module.Store) -> None:
    store.ingest(mali_document("fr", text="Attaque à GAO : 100% des ÉCOLES fermées_depuis lundi."), [])
    store.ingest(mali_document("ru", text="Нападение на колонну армии Мали возле Гао."), [])

    def search(term: str) -> list[str]:
        with store.engine.connect() as con:
            return list(con.scalars(select(DocumentRow.id).where(DocumentRow.text.ilike(f"%{term}%"))))

    assert search("gao") == ["fr"]
    assert search("écoles") == ["fr"]
    assert search("ATTAQUE À") == ["fr"]
    assert search("НАПАДЕНИЕ") == ["ru"]
    assert search("гао") == ["ru"]
    assert search("kidal") == []


# -- concurrency: several processes storing the same documents ------------------------------------


def _ingest_worker(url: str, order: list[int], barrier: Any, results: Any) -> None:
    """A child process: open the store, wait for the others, ingest the documents in ``order``."""
    try:
        with open_store(url) as s:
            barrier.wait(timeout=60)
            stored = [n for n in order if s.ingest(other_document(n), mali_reports(other_document(n)))]
        results.put(("ok", stored))
    except BaseException as exc:  # report anything, so the test shows it
        results.put(("error", f"{type(exc).__name__}: {exc}"))


def _run_workers(url: str, orders: list[list[int]]) -> list[list[int]]:
    # fork: children start in milliseconds (spawn and forkserver re-import pytest and the store in
    # each, seconds on a busy machine). They make their own engines and end with os._exit, so
    # nothing inherited from this process is used or closed by them.
    ctx = multiprocessing.get_context("fork")
    barrier = ctx.Barrier(len(orders))
    results = ctx.Queue()
    procs = [ctx.Process(target=_ingest_worker, args=(url, order, barrier, results)) for order in orders]
    for p in procs:
        p.start()
    out = []
    deadline = time.monotonic() + 120
    try:
        while len(out) < len(procs):
            try:
                status, value = results.get(timeout=1)
            except queue.Empty:
                if time.monotonic() > deadline or not any(p.is_alive() for p in procs):
                    codes = [p.exitcode for p in procs]
                    pytest.fail(f"a worker process did not report (exit codes {codes})")
                continue
            assert status == "ok", value
            out.append(value)
    finally:
        for p in procs:
            p.join(timeout=30)
            if p.is_alive():
                p.kill()
    return out


def test_processes_ingesting_the_same_documents_store_each_once(store_url: str) -> None:
    """Re-ingesting is a no-op also when it races: no duplicate, no error, every document once.

    Three processes open the same new database at once (so they also race to create its schema),
    then store the same 15 documents, two in the same order and one in reverse.
    """
    n_docs = 15
    forward = list(range(n_docs))
    stored = _run_workers(store_url, [forward, forward, forward[::-1]])
    assert sorted(n for worker in stored for n in worker) == forward  # each stored by exactly one
    with open_store(store_url) as s:
        counts = s.counts()
        assert counts["documents"] == n_docs and counts["reports"] == 2 * n_docs
        assert counts["spans"] == 8 * n_docs
        assert sorted(d.id for d in s.documents()) == [other_document(n).id for n in forward]
