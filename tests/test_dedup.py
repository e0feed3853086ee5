"""Document deduplication: exact copies by content hash, near-duplicates by MinHash LSH."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conflictlens.ingest.dedup import Deduplicator, minhash, shingles
from conflictlens.model import Document
from conflictlens.store import open_store

FIXTURES = Path(__file__).parent / "fixtures" / "incidents"


def _doc(doc_id: str, text: str, url: str | None = None) -> Document:
    return Document(id=doc_id, text=text, url=url, source=doc_id.title(), published=dt.date(2024, 6, 15))


def _fixture(name: str) -> str:
    return (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")


def test_shingles_ignore_case_and_punctuation() -> None:
    assert shingles("Militants KILLED, at least 20!") == shingles("militants killed at least 20")
    assert shingles("two words") == {"two words"}
    assert shingles("") == set()


def test_minhash_is_deterministic() -> None:
    text = _fixture("wire-barsalogho")
    assert (minhash(text).hashvalues == minhash(text).hashvalues).all()


def test_exact_copy_with_other_whitespace() -> None:
    d = Deduplicator()
    text = _fixture("wire-barsalogho")
    assert d.check(_doc("wire", text)) is None
    dup = d.check(_doc("mirror", "  " + text.replace(" ", "  ")))
    assert dup is not None and (dup.canonical_id, dup.kind, dup.similarity) == ("wire", "exact", 1.0)


def test_syndicated_copy_with_new_headline_is_a_near_duplicate() -> None:
    d = Deduplicator()
    assert d.check(_doc("wire", _fixture("wire-barsalogho"))) is None
    dup = d.check(_doc("copy", _fixture("syndicated-barsalogho")))
    assert dup is not None and dup.kind == "near" and dup.canonical_id == "wire"
    assert 0.8 <= dup.similarity < 1.0
    assert d.canonical_of("copy") == "wire"


def test_other_reports_of_the_same_event_are_not_duplicates() -> None:
    d = Deduplicator()
    names = ["wire-barsalogho", "local-barsalogho", "government-barsalogho", "wire-fada"]
    assert d.check_many(_doc(n, _fixture(n)) for n in names) == []
    assert len(d) == 4


def test_copy_of_a_copy_points_at_the_original() -> None:
    d = Deduplicator()
    base = _fixture("wire-barsalogho")
    d.check(_doc("wire", base))
    d.check(_doc("copy1", base + "\nRepublished by Courier."))
    dup = d.check(_doc("copy2", base + "\nRepublished by Courier. Photo: AFP."))
    assert dup is not None and dup.canonical_id == "wire"


def test_template_notes_for_different_events_are_not_near_duplicates() -> None:
    d = Deduplicator()
    note = "On 2 August 2020, presumed JNIM or ISGS militants burned a school in the village of {} (Botou)."
    a, b = note.format("Doubiti"), note.format("Fantou")
    assert d.check(_doc("a", a)) is None
    assert d.check(_doc("b", b)) is None


def test_store_keeps_the_url_of_every_copy(tmp_path: Path) -> None:
    with open_store(tmp_path / "d.db") as store:
        wire = _doc("wire", _fixture("wire-barsalogho"), "https://wire.example/a")
        assert store.ingest(wire, [])
        copy = _doc("copy", wire.text, "https://copy.example/b")
        assert store.ingest(copy, []) is False  # same text: not stored twice
        store.record_duplicate(copy, "wire", "exact", 1.0)
        store.record_duplicate(copy, "wire", "exact", 1.0)  # idempotent
        dups = store.duplicates()
        assert [(x["doc_id"], x["canonical_id"], x["url"]) for x in dups] == [
            ("copy", "wire", "https://copy.example/b")
        ]
        assert store.counts()["documents"] == 1


def test_seed_with_stored_documents_finds_copies_across_runs() -> None:
    d = Deduplicator()
    assert d.seed([_doc("wire", _fixture("wire-barsalogho"))]) == 1
    dup = d.check(_doc("copy", _fixture("syndicated-barsalogho")))
    assert dup is not None and dup.canonical_id == "wire"
