"""Incident resolution: multi-source merging, keeping distinct events apart, grading, review, export.

The fixtures in tests/fixtures/incidents are fictional: one attack in Barsalogho told by a wire, a
syndicated copy of it, a local outlet (other words, other toll) and the army; and a different attack
the same day near Fada N'Gourma, about 200 km away.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conflictlens.export.incidents import write_incidents
from conflictlens.ingest.dedup import Deduplicator
from conflictlens.model import Document, Report
from conflictlens.resolve import Incident, IncidentSource, Resolver, ReviewError, grade
from conflictlens.resolve.match import Features, compare
from conflictlens.store import incidents as tables
from conflictlens.store import open_store
from conflictlens.store.store import Store

FIXTURES = Path(__file__).parent / "fixtures" / "incidents"
BARSALOGHO = ("wire-barsalogho", "syndicated-barsalogho", "local-barsalogho", "government-barsalogho")


def fixture_documents() -> list[Document]:
    meta = json.loads((FIXTURES / "sources.json").read_text(encoding="utf-8"))
    return [
        Document(
            id=m["id"],
            text=(FIXTURES / f"{m['id']}.txt").read_text(encoding="utf-8"),
            url=m["url"],
            source=m["source"],
            published=dt.date.fromisoformat(m["published"]),
            country_hint="BF",
        )
        for m in meta["documents"]
    ]


@pytest.fixture(scope="module")
def extracted() -> list[tuple[Document, list[Report]]]:
    from conflictlens.extract import extract_many

    return list(extract_many(fixture_documents()))


def _load(store: Store, pairs: list[tuple[Document, list[Report]]]) -> Resolver:
    resolver = Resolver(store)
    dedup = Deduplicator()
    for doc, reports in pairs:
        resolver.add_document(doc, reports, dedup)
    return resolver


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "incidents.db") as s:
        yield s


@pytest.fixture
def resolved(store: Store, extracted: list[tuple[Document, list[Report]]]) -> Resolver:
    return _load(store, extracted)


def _main(resolver: Resolver) -> Incident:
    incident_id = resolver.incident_of("wire-barsalogho#0")
    assert incident_id is not None
    return resolver.incident(incident_id)


# -- the multi-source attack -------------------------------------------------------------------


def test_same_attack_from_four_documents_is_one_incident(resolved: Resolver) -> None:
    incident = _main(resolved)
    docs = {s.doc_id for s in incident.sources}
    assert set(BARSALOGHO) <= docs
    assert incident.event_type == "Battles"
    assert incident.place["name"] == "Barsalogho"


def test_syndicated_copy_is_not_an_independent_source(resolved: Resolver, store: Store) -> None:
    incident = _main(resolved)
    assert incident.independent_sources == 3
    copy = next(s for s in incident.sources if s.doc_id == "syndicated-barsalogho")
    assert copy.independent is False and copy.family == "wire-barsalogho"
    assert copy.url == "https://dailycourier.example/world/africa/barsalogho-soldiers-killed"
    dups = store.duplicates()
    assert [(d["doc_id"], d["canonical_id"], d["kind"]) for d in dups] == [
        ("syndicated-barsalogho", "wire-barsalogho", "near")
    ]


def test_fatalities_are_a_range_with_acled_conservative_figure(resolved: Resolver) -> None:
    f = _main(resolved).fatalities
    # army 12, wire "at least 20" (and its copy), local outlet 27
    assert f["low"] == 12 and f["high"] == 27
    assert f["best"] == 20
    assert f["acled"] == 12
    assert {c["value"] for c in _main(resolved).conflicts["fatalities"]} == {12, 20, 27}


def test_every_claim_is_kept_with_its_document(resolved: Resolver) -> None:
    incident = _main(resolved)
    by_doc = defaultdict(list)
    for claim in incident.claims:
        by_doc[claim["doc_id"]].append(claim["stance"])
    assert "claims_responsibility" in by_doc["wire-barsalogho"]
    assert by_doc["local-barsalogho"] and by_doc["government-barsalogho"]
    assert incident.first_reported == incident.last_reported == dt.date(2024, 6, 15)


def test_grade_says_why(resolved: Resolver) -> None:
    incident = _main(resolved)
    assert incident.grade == "confirmed"
    text = " | ".join(incident.grade_reasons)
    assert "3 independent source(s)" in text
    assert "acknowledged by JNIM" in text
    assert "syndicated-barsalogho" in text  # the copy that does not count


def test_attack_200_km_away_the_same_day_stays_separate(resolved: Resolver) -> None:
    main = resolved.incident_of("wire-barsalogho#0")
    fada = resolved.incident_of("wire-fada#0")
    assert fada is not None and fada != main
    assert [s.doc_id for s in resolved.incident(fada).sources] == ["wire-fada"]


def test_exact_copy_keeps_its_url_without_a_second_document(
    store: Store, extracted: list[tuple[Document, list[Report]]]
) -> None:
    resolver = Resolver(store)
    dedup = Deduplicator()
    for doc, reports in extracted:
        resolver.add_document(doc, reports, dedup)
    wire = next(d for d, _ in extracted if d.id == "wire-barsalogho")
    mirror = replace(wire, id="mirror", url="https://mirror.example/copy", source="Mirror")
    assert resolver.add_document(mirror, [], dedup) == []
    assert store.get_document("mirror") is None
    incident = store.get_incident(resolver.incident_of("wire-barsalogho#0") or "")
    assert incident is not None
    wire_source = next(s for s in incident.sources if s.doc_id == "wire-barsalogho")
    assert wire_source.copies == ("https://mirror.example/copy",)
    assert incident.independent_sources == 3


def test_exact_copy_found_in_the_store_without_a_deduplicator(
    store: Store, extracted: list[tuple[Document, list[Report]]]
) -> None:
    resolver = _load(store, extracted)
    wire = next(d for d, _ in extracted if d.id == "wire-barsalogho")
    later = Resolver(store)  # another run: no deduplicator, nothing in memory about copies
    assert later.add_document(replace(wire, id="mirror2", url="https://m2.example/x"), []) == []
    incident = store.get_incident(resolver.incident_of("wire-barsalogho#0") or "")
    assert incident is not None
    assert next(s for s in incident.sources if s.doc_id == "wire-barsalogho").copies == (
        "https://m2.example/x",
    )


def test_order_of_arrival_does_not_change_the_grouping(
    tmp_path: Path, extracted: list[tuple[Document, list[Report]]]
) -> None:
    def groups(pairs: list[tuple[Document, list[Report]]], name: str) -> set[frozenset[str]]:
        with open_store(tmp_path / name) as s:
            r = _load(s, pairs)
            return {
                frozenset(r.members(i)) for i in {r.incident_of(x.id) for _, rs in pairs for x in rs} if i
            }

    assert groups(extracted, "a.db") == groups(list(reversed(extracted)), "b.db")


def test_incremental_after_reopening(tmp_path: Path, extracted: list[tuple[Document, list[Report]]]) -> None:
    path = tmp_path / "inc.db"
    first = [p for p in extracted if p[0].id != "government-barsalogho"]
    later = next(p for p in extracted if p[0].id == "government-barsalogho")
    with open_store(path) as s:
        _load(s, first)
        before = {i.id for i in s.incidents()}
    with open_store(path) as s:
        resolver = Resolver(s)  # loads the stored incidents
        ids = resolver.add_document(later[0], later[1])
        assert ids and ids[0] == resolver.incident_of("wire-barsalogho#0")
        assert {i.id for i in s.incidents()} == before
        stored = s.get_incident(ids[0])
        assert stored is not None and "government-barsalogho" in {x.doc_id for x in stored.sources}


# -- review ----------------------------------------------------------------------------------


def test_split_is_recorded_and_survives_a_rebuild(resolved: Resolver, store: Store) -> None:
    main = resolved.incident_of("wire-barsalogho#0")
    assert main is not None
    new_id = resolved.split(main, ["government-barsalogho#0"], analyst="ana", note="separate sortie")
    assert resolved.incident_of("government-barsalogho#0") == new_id != main
    assert store.get_incident(new_id) is not None
    assert store.get_incident(main) is not None and store.get_incident(main).reviewed  # type: ignore[union-attr]
    decisions = tables.decisions(store)
    assert [(d.kind, d.report_ids, d.analyst) for d in decisions] == [
        ("split", ("government-barsalogho#0",), "ana")
    ]
    again = Resolver(store)
    again.rebuild()
    assert again.incident_of("government-barsalogho#0") != again.incident_of("wire-barsalogho#0")
    assert again.incident_of("local-barsalogho#0") == again.incident_of("wire-barsalogho#0")


def test_merge_is_recorded_and_survives_a_rebuild(resolved: Resolver, store: Store) -> None:
    main = resolved.incident_of("wire-barsalogho#0")
    fada = resolved.incident_of("wire-fada#0")
    assert main and fada
    assert resolved.merge(main, fada, analyst="ana") == main
    assert resolved.incident_of("wire-fada#0") == main
    assert store.get_incident(fada) is None
    again = Resolver(store)
    assert again.incident_of("wire-fada#0") == again.incident_of("wire-barsalogho#0")
    again.rebuild()
    assert again.incident_of("wire-fada#0") == again.incident_of("wire-barsalogho#0")


def test_review_errors(resolved: Resolver) -> None:
    main = resolved.incident_of("wire-barsalogho#0") or ""
    with pytest.raises(ReviewError, match="no report"):
        resolved.split(main, ["nope#0"])
    with pytest.raises(ReviewError, match="both sides"):
        resolved.split(main, resolved.members(main))
    with pytest.raises(ReviewError, match="itself"):
        resolved.merge(main, main)
    with pytest.raises(ReviewError, match="no incident"):
        resolved.merge(main, "INC-missing")


# -- export and CLI --------------------------------------------------------------------------


def test_acled_export_one_row_per_incident(resolved: Resolver, store: Store) -> None:
    buf = io.StringIO()
    n = write_incidents("acled", store.incidents(), buf, now=0)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert n == len(rows) == sum(1 for i in store.incidents() if not i.background)
    row = next(r for r in rows if "wire-barsalogho" in r["source_id"])
    assert sorted(row["source"].split("; ")) == [
        "Armed Forces of Burkina Faso",
        "Daily Courier",
        "Kaya Info",
        "Sahel Wire",
    ]
    assert "fatalities low=12 best=20 high=27" in row["tags"]
    assert "grade: confirmed" in row["tags"]
    assert row["fatalities"] == "12"
    assert row["event_id_cnty"].startswith("BFA-")
    assert (row["inter1"], row["inter2"], row["interaction"]) == ("3", "1", "13")


def test_jsonl_export_has_sources_claims_and_range(resolved: Resolver, store: Store) -> None:
    buf = io.StringIO()
    write_incidents("jsonl", store.incidents(), buf)
    records = [json.loads(line) for line in buf.getvalue().splitlines()]
    main = next(r for r in records if "wire-barsalogho#0" in r["report_ids"])
    assert main["fatalities"] == {"low": 12, "best": 20, "high": 27, "acled": 12}
    assert len(main["sources"]) == 4 and main["independent_sources"] == 3
    assert Incident.from_dict(main).to_dict() == main
    with pytest.raises(ValueError, match="unknown"):
        write_incidents("xml", [], buf)


def test_cli_lists_splits_and_exports(resolved: Resolver, store: Store, runner: CliRunner) -> None:
    from conflictlens.cli import app  # the incident commands registered on the real CLI

    db = store.url
    listed = runner.invoke(
        app, ["incidents", "--db", db, "--country", "BF", "--since", "2024-06-01", "--json"]
    )
    assert listed.exit_code == 0, listed.output
    ids = [json.loads(line)["id"] for line in listed.stdout.splitlines()]
    main = resolved.incident_of("wire-barsalogho#0")
    assert main in ids
    none = runner.invoke(app, ["incidents", "--db", db, "--country", "ML", "--json"])
    assert none.exit_code == 0 and none.stdout == ""
    table = runner.invoke(app, ["incidents", "--db", db])
    assert table.exit_code == 0 and "conflictlens incidents" in table.stdout
    split = runner.invoke(
        app, ["split", main or "", "government-barsalogho#0", "--db", db, "--analyst", "ana"]
    )
    assert split.exit_code == 0, split.output
    assert split.stdout.strip().startswith("INC-")
    bad = runner.invoke(app, ["split", "INC-nope", "x#0", "--db", db])
    assert bad.exit_code == 2
    exported = runner.invoke(app, ["export", "--incidents", "--db", db, "--format", "jsonl"])
    assert exported.exit_code == 0 and len(exported.stdout.splitlines()) >= 3
    resolved_again = runner.invoke(app, ["resolve", "--db", db])
    assert resolved_again.exit_code == 0


# -- the pairwise rules, on synthetic features -----------------------------------------------


def _f(**kw: object) -> Features:
    base: dict[str, object] = dict(
        report_id="a#0",
        doc_id="a",
        iso2="BF",
        start=dt.date(2024, 6, 14).toordinal(),
        end=dt.date(2024, 6, 14).toordinal(),
        precision=1,
        latitude=13.42,
        longitude=-1.07,
        geo_precision=1,
        admin1="Centre-Nord",
        location="barsalogho",
        event_type="Battles",
        sub_event_type="Armed clash",
        actors=frozenset(),
        fatalities=None,
        dated=True,
        explicit_date=True,
    )
    base.update(kw)
    return Features(**base)  # type: ignore[arg-type]


def test_pair_rules() -> None:
    a = _f()
    assert compare(a, _f(report_id="b#0", doc_id="b")).ok
    assert compare(a, _f(report_id="a#1")).veto == "same document"
    assert compare(a, _f(doc_id="b", iso2="ML")).veto == "country"
    next_day = dt.date(2024, 6, 15).toordinal()
    # two explicit dates a day apart are two events; a relative date ("on Friday") gets a day of slack
    assert compare(a, _f(doc_id="b", start=next_day, end=next_day)).veto == "date"
    relative = _f(doc_id="b", start=next_day, end=next_day, explicit_date=False, fatalities=20)
    assert compare(_f(fatalities=27), relative).ok
    # a week-precision date may be days off
    week = _f(doc_id="b", start=next_day + 4, end=next_day + 4, precision=2, explicit_date=False)
    assert compare(a, week).veto is None
    assert compare(a, _f(doc_id="b", dated=False)).veto == "date"
    # 200 km away; a village 10 km away with another name; a region-level place 60 km away
    assert compare(a, _f(doc_id="b", latitude=12.06, longitude=0.36, location="fada")).veto == "distance"
    assert compare(a, _f(doc_id="b", latitude=13.5, longitude=-1.07, location="other")).veto == "place"
    region = _f(doc_id="b", latitude=13.9, longitude=-1.07, geo_precision=3, location=None)
    assert compare(a, region).veto == "place"  # a region-level place alone links nothing
    jnim_region = _f(
        doc_id="b", latitude=13.9, longitude=-1.07, geo_precision=3, location=None, actors=frozenset({"JNIM"})
    )
    assert compare(_f(actors=frozenset({"JNIM"})), jnim_region).veto is None
    assert compare(a, _f(doc_id="b", latitude=13.9, longitude=-1.07, geo_precision=1)).veto == "distance"
    assert compare(a, _f(doc_id="b", event_type="Protests", sub_event_type="Peaceful protest")).veto == (
        "event type"
    )
    jnim, isgs = frozenset({"JNIM"}), frozenset({"ISGS"})
    assert compare(_f(actors=jnim), _f(doc_id="b", actors=isgs)).veto == "actors"
    assert compare(_f(actors=jnim), _f(doc_id="b")).ok  # "gunmen" fits any group
    assert compare(_f(fatalities=3), _f(doc_id="b", fatalities=40)).veto == "fatalities"
    assert compare(_f(fatalities=12), _f(doc_id="b", fatalities=27)).ok
    # a different event type of the same family needs more evidence
    vac = _f(doc_id="b", event_type="Violence against civilians", sub_event_type="Attack")
    assert compare(a, vac).veto is None and not compare(a, vac).ok


# -- grading ---------------------------------------------------------------------------------


def _incident(claims: list[dict[str, object]], outlets: list[str], background: bool = False) -> Incident:
    sources = tuple(
        IncidentSource(f"d{i}", f"d{i}#0", o, None, None, f"d{i}", True, {}) for i, o in enumerate(outlets)
    )
    return Incident(
        id="INC-x",
        iso2="ML",
        event_type="Violence against civilians",
        sub_event_type="Attack",
        sources=sources,
        claims=tuple(claims),
        background=background,
    )


def test_grades() -> None:
    deny: dict[str, object] = {
        "stance": "denies",
        "source": "Military Forces of Mali (2021-)",
        "source_kind": "state_forces",
    }
    ack: dict[str, object] = {
        "stance": "claims_responsibility",
        "source": "JNIM",
        "source_kind": "islamist_militant_group",
    }
    witness: dict[str, object] = {
        "stance": "reports",
        "source": None,
        "source_kind": "witness",
        "speaker": "residents",
    }
    probe: dict[str, object] = {
        "stance": "announces_investigation",
        "source": "Government of Mali",
        "source_kind": "government",
    }
    assert grade(_incident([witness], ["A"]))[0] == "weak"
    assert grade(_incident([witness], ["A", "B"]))[0] == "fair"
    assert grade(_incident([ack], ["A"]))[0] == "confirmed"
    g, why = grade(_incident([witness, deny, probe], ["A", "B"]))
    assert g == "contested"
    assert any("denied by Military Forces of Mali" in r for r in why)
    assert any("investigation announced by Government of Mali" in r for r in why)
    assert any("1 claim(s) by outlets, witnesses or others" in r for r in why)
    assert grade(_incident([ack], ["A"], background=True))[0] == "discounted"


# -- no false merges on the ACLED development set --------------------------------------------


@pytest.mark.slow
def test_acled_notes_are_rarely_merged(acled_burkina_csv: Path, tmp_path: Path) -> None:
    """Every note of the development set as its own document: at most 2% of events merged."""
    from conflictlens.extract import extract_many

    with acled_burkina_csv.open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["notes"].strip()]
    docs = (
        Document(
            id=r["event_id_cnty"],
            text=r["notes"],
            published=dt.date(int(r["year"]), 12, 31),
            country_hint="BF",
        )
        for r in rows
    )
    with open_store(tmp_path / "acled.db") as s:
        resolver = Resolver(s)
        for doc, reports in extract_many(docs):
            s.ingest(doc, reports)
            resolver.add_many((r, doc) for r in reports)  # background ones too: they are real events
        docs_of: dict[str, set[str]] = defaultdict(set)
        for doc_id, report in ((r.split("#")[0], r) for r in resolver._incident_of):
            docs_of[resolver.incident_of(report) or ""].add(doc_id)
    merged = {d for ds in docs_of.values() if len(ds) > 1 for d in ds}
    rate = len(merged) / len(rows)
    assert rate <= 0.02, f"{len(merged)} of {len(rows)} ACLED events merged with another ({rate:.1%})"


def test_cli_export_incidents_one_row_per_incident(tmp_path: Path) -> None:
    """`conflictlens export --incidents` writes one ACLED row per incident, sources joined."""
    from typer.testing import CliRunner

    from conflictlens.cli import app

    db = tmp_path / "inc.db"
    runner = CliRunner()
    fixtures = Path(__file__).parent / "fixtures" / "incidents"
    result = runner.invoke(app, ["ingest", "--db", str(db), str(fixtures)])
    assert result.exit_code in (0, 1), result.output
    listed = runner.invoke(app, ["incidents", "--db", str(db), "--json"])
    assert listed.exit_code == 0
    exported = runner.invoke(app, ["export", "--db", str(db), "--incidents", "--format", "acled"])
    assert exported.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(exported.stdout)))
    assert rows and len(rows) == len(
        [line for line in listed.stdout.splitlines() if line.strip().startswith("{")]
    )
    assert any(";" in r["source"] or "," in r["source"] for r in rows)  # a merged incident lists its sources


def test_same_day_demonstrations_merge_only_on_a_shared_actor() -> None:
    """Two sit-ins in one city on one day are usually different groups' protests."""
    protest = {"event_type": "Protests", "sub_event_type": "Peaceful protest", "fatalities": 0}
    a = _f(**protest)
    assert compare(a, _f(doc_id="b", **protest)).veto == "distinct demonstrations"
    teachers = frozenset({"Teachers"})
    assert compare(_f(actors=teachers, **protest), _f(doc_id="b", actors=teachers, **protest)).ok
