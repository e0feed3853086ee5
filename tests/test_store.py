"""Tests of the SQLite-backed store: idempotent ingest, spans, round trips, rollback per document."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from conflictlens.errors import StoreError
from conflictlens.model import Actor, Document, EventDate, Fatalities, Place, Report, Span
from conflictlens.store import open_store, resolve_url
from conflictlens.store import store as store_module

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
def store(db_path: Path) -> Iterator[store_module.Store]:
    with open_store(str(db_path)) as s:
        yield s


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
    assert {"documents", "reports", "spans"} <= tables


def test_resolve_url_forms(tmp_path: Path) -> None:
    assert resolve_url(str(tmp_path / "x.db")).render_as_string() == f"sqlite:///{tmp_path / 'x.db'}"
    assert resolve_url("x.db").database == "x.db"
    assert resolve_url(None).drivername == "sqlite"
    assert resolve_url("postgresql://u:secret@db.example/cl").drivername == "postgresql"


def test_open_store_error_names_url_and_hides_password(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="missing-dir"):
        open_store(str(tmp_path / "missing-dir" / "x.db"))
    with pytest.raises(StoreError) as info:
        open_store("nosuchdialect://user:hunter2@localhost/db")
    assert "hunter2" not in str(info.value)
    assert "localhost" in str(info.value)


def test_sqlite_connections_enforce_foreign_keys(store: store_module.Store) -> None:
    with store.engine.connect() as con:
        assert con.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        with pytest.raises(IntegrityError):
            con.exec_driver_sql(
                'INSERT INTO spans (report_id, field, doc_id, start, "end", text) '
                "VALUES ('no-such-report#0', 'evidence', 'x', 0, 1, 'x')"
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


def test_spans_are_stored_with_offsets(store: store_module.Store, db_path: Path) -> None:
    doc = mali_document()
    reports = mali_reports(doc)
    store.ingest(doc, reports)
    expected = sum(1 for r in reports for _ in store_module.iter_spans(r))
    assert store.counts()["spans"] == expected == 8
    con = sqlite3.connect(db_path)
    try:
        rows = con.execute(
            'SELECT report_id, field, doc_id, start, "end", text FROM spans ORDER BY id'
        ).fetchall()
    finally:
        con.close()
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


def test_committed_data_survives_reopening(db_path: Path) -> None:
    doc = mali_document()
    with open_store(str(db_path)) as s:
        s.ingest(doc, mali_reports(doc))
    with open_store(f"sqlite:///{db_path}") as s:
        assert s.counts()["reports"] == 2
        assert [r.id for r, _ in s.reports()] == [f"{doc.id}#0"]
