"""Tests of claims: who says what about an event (issue 4).

The pipeline fixture adds ``conflictlens_claims`` only if the pipeline lacks it, and the tests call
:func:`attach_claims` after ``reports_from_doc`` whether or not extract already does: attaching is
idempotent, so these tests hold before and after the component is wired into the pipeline.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from conflictlens import taxonomy
from conflictlens.claims_cli import print_claims
from conflictlens.export.acled import acled_row
from conflictlens.export.jsonl import document_record
from conflictlens.extract import reports_from_doc
from conflictlens.model import CLAIM_STANCES, Claim, Document, Fatalities, Report, Span
from conflictlens.nlp.claims import (
    attach_claims,
    claim_keys,
    document_claims,
    report_status,
    score_claims,
    speaker_label,
)
from conflictlens.nlp.pipeline import load_pipeline

LABELS = Path(__file__).parent / "fixtures" / "claims_labels.jsonl"
MALI_ARMY = "Military Forces of Mali"
MALI_GOVERNMENT = "Government of Mali"
FLA = "FLA: Azawad Liberation Front"
JNIM = "JNIM: Group for Support of Islam and Muslims"


@pytest.fixture(scope="module")
def nlp() -> Language:
    """The project pipeline with the claims component (added only when it is not there yet)."""
    pipeline = load_pipeline("en")
    if "conflictlens_claims" not in pipeline.pipe_names:
        pipeline.add_pipe("conflictlens_claims")
    return pipeline


def analyse(nlp: Language, text: str, country: str = "ML") -> tuple[Doc, Document, list[Report]]:
    document = Document(id="t", text=text, country_hint=country)
    doc = nlp(text)
    reports = reports_from_doc(doc, document)
    attach_claims(doc, document, reports)
    return doc, document, reports


def keys(nlp: Language, text: str, country: str = "ML") -> set[tuple[str, str]]:
    doc, document, reports = analyse(nlp, text, country)
    return claim_keys(document_claims(doc, document, reports=reports))


# --- the seed article -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed(nlp: Language, seed_path: Path) -> tuple[Doc, Document, list[Report]]:
    text = seed_path.read_text(encoding="utf-8")
    document = Document(id="seed", text=text)
    doc = nlp(text)
    reports = reports_from_doc(doc, document)
    attach_claims(doc, document, reports)
    return doc, document, reports


def execution_event(reports: list[Report]) -> Report:
    return next(r for r in reports if not r.background and r.fatalities.acled >= 24)


def test_seed_execution_event_carries_three_claims(seed: tuple[Doc, Document, list[Report]]) -> None:
    _, _, reports = seed
    event = execution_event(reports)
    claims = [Claim.from_dict(d) for d in event.claims]
    by_stance = {c.stance: c for c in claims}
    assert sorted(by_stance) == ["alleges", "announces_investigation", "denies"]
    assert len(claims) == 3

    alleged = by_stance["alleges"]
    assert alleged.source == FLA
    assert alleged.source_kind == "rebel_group"

    denied = by_stance["denies"]
    assert denied.source is not None and denied.source.startswith(MALI_ARMY)
    assert denied.speaker == "Gen Oumar Diarra"
    assert denied.quote == "unfounded"
    assert denied.span is not None and "dismissed these allegations" in denied.span.text

    investigation = by_stance["announces_investigation"]
    assert investigation.source is not None and investigation.source.startswith(MALI_GOVERNMENT)


def test_seed_status_is_contested_and_under_investigation(seed: tuple[Doc, Document, list[Report]]) -> None:
    event = execution_event(seed[2])
    assert report_status(event) == ("contested", "under investigation")
    assert "status: contested" in event.tags
    assert "status: under investigation" in event.tags
    assert "claim: alleged by FLA" in event.tags
    assert "[claims: alleged by FLA; denied by military (Gen Oumar Diarra)" in event.notes
    assert "Status: contested, under investigation." in event.notes


def test_seed_deaths_are_the_fla_figure(seed: tuple[Doc, Document, list[Report]]) -> None:
    event = execution_event(seed[2])
    alleged = next(Claim.from_dict(d) for d in event.claims if d["stance"] == "alleges")
    assert alleged.fatalities is not None
    assert alleged.fatalities.best == 24
    assert alleged.fatalities.qualifier == "at least"
    assert "fatalities according to FLA" in event.tags
    # the outlet's words about the investigation carry no figure of their own
    investigation = next(d for d in event.claims if d["stance"] == "announces_investigation")
    assert investigation["fatalities"] is None


def test_seed_claims_in_jsonl_and_acled_csv(seed: tuple[Doc, Document, list[Report]]) -> None:
    _, document, reports = seed
    event = execution_event(reports)
    record = document_record(document, reports)
    exported = next(e for e in record["events"] if e["id"] == event.id)
    for claim in exported["claims"]:
        assert {"source", "speaker", "stance", "date", "span", "quote"} <= set(claim)
        assert claim["stance"] in CLAIM_STANCES
        for span in [claim["span"], *claim["spans"], *(claim["fatalities"] or {}).get("spans", [])]:
            assert document.text[span["start"] : span["end"]] == span["text"]
    json.dumps(record)  # JSON-ready
    row = acled_row(event, document)
    assert "status: contested" in str(row["tags"])
    assert "alleged by FLA" in str(row["notes"])


def test_seed_claims_survive_the_store(seed: tuple[Doc, Document, list[Report]], tmp_path: Path) -> None:
    from conflictlens.store import open_store

    _, document, reports = seed
    with open_store(f"sqlite:///{tmp_path / 'claims.db'}") as store:
        assert store.ingest(document, reports)
        stored = store.reports_of(document.id)
    event = execution_event(stored)
    assert event.claims == execution_event(reports).claims
    assert report_status(event) == ("contested", "under investigation")
    assert "status: contested" in event.tags


def test_background_accusations_are_not_the_events(seed: tuple[Doc, Document, list[Report]]) -> None:
    event = execution_event(seed[2])
    assert all(d["source_kind"] != "human_rights_group" for d in event.claims)


def test_attach_claims_is_idempotent(seed: tuple[Doc, Document, list[Report]]) -> None:
    doc, document, reports = seed
    before = [(list(r.claims), r.tags, r.notes) for r in reports]
    attach_claims(doc, document, reports)
    attach_claims(doc, document, reports)
    assert [(list(r.claims), r.tags, r.notes) for r in reports] == before
    assert sum(r.notes.count("[claims:") for r in reports) <= len(reports)


# --- patterns ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "According to local sources, 10 civilians were killed by soldiers in Diabatou.",
            ("reports", "witness"),
        ),
        ("Volunteer fighters killed one militant per local sources near Koare.", ("reports", "witness")),
        (
            "JNIM claimed responsibility for the attack on the convoy near Gao.",
            ("claims_responsibility", JNIM),
        ),
        (
            "Gunmen ambushed a patrol near Gao. The attack was later claimed by JNIM.",
            ("claims_responsibility", JNIM),
        ),
        (
            "ISGS claimed to have killed two JNIM fighters near Menaka.",
            ("claims_responsibility", "Islamic State (Greater Sahara)"),
        ),
        (
            "The military said it killed 15 militants during the operation.",
            ("claims_responsibility", MALI_ARMY),
        ),
        ("The FLA accused Malian soldiers of killing 24 civilians.", ("alleges", FLA)),
        ("Witnesses said gunmen attacked the market in Gao.", ("reports", "witness")),
        ('The army denied the allegations, calling them "terrorist propaganda".', ("denies", MALI_ARMY)),
        ("The ministry said the allegations were unfounded.", ("denies", MALI_GOVERNMENT)),
        ("The governor denied the event in a statement.", ("denies", MALI_GOVERNMENT)),
        (
            "The defence ministry disputed the toll, saying only three soldiers died.",
            ("disputes_figure", MALI_GOVERNMENT),
        ),
        ("The army confirmed the attack on its base in Boulkessi.", ("confirms", MALI_ARMY)),
        (
            "The army announced an investigation into the killings near Mopti.",
            ("announces_investigation", MALI_ARMY),
        ),
        ("The incident is being investigated by HRW.", ("announces_investigation", "human_rights_group")),
        (
            "Human Rights Watch called for an independent inquiry into the killings near Mopti.",
            ("calls_for_investigation", "human_rights_group"),
        ),
        ("The AQ-linked Thabat News Agency attributed the attack to JNIM.", ("attributes_blame", "outlet")),
        ("A spokesman for the army blamed jihadists for the attack.", ("attributes_blame", MALI_ARMY)),
        (
            "Amnesty International said soldiers executed 20 villagers near Sofara.",
            ("alleges", "human_rights_group"),
        ),
    ],
)
def test_claim_patterns(nlp: Language, text: str, expected: tuple[str, str]) -> None:
    assert expected in keys(nlp, text)


def test_according_to_a_party_accusing_another_is_an_allegation(nlp: Language) -> None:
    text = "According to the FLA, Malian forces killed everyone onboard, including women and children."
    assert ("alleges", FLA) in keys(nlp, text)


def test_reported_speech_over_two_sentences(nlp: Language) -> None:
    text = (
        "The government announced an investigation into allegations that soldiers killed 12 villagers "
        "near Gao. The claims were made by the FLA."
    )
    doc, document, reports = analyse(nlp, text)
    alleged = [c for c in document_claims(doc, document, reports=reports) if c.stance == "alleges"]
    assert [c.source for c in alleged] == [FLA]
    assert alleged[0].fatalities is not None and alleged[0].fatalities.best == 12


def test_pronoun_speaker_continues_the_previous_claim(nlp: Language) -> None:
    text = "The military said it killed 15 militants near Gao. It added that two soldiers were wounded."
    found = keys(nlp, text)
    assert ("reports", MALI_ARMY) in found
    assert ("claims_responsibility", MALI_ARMY) in found


def test_denial_of_these_allegations_refers_back(nlp: Language) -> None:
    text = (
        "According to residents, soldiers executed 12 villagers in Sofara on Monday. "
        'The next day the army chief dismissed these allegations as "baseless".'
    )
    doc, document, reports = analyse(nlp, text)
    event = next(r for r in reports if not r.background)
    denial = next(Claim.from_dict(d) for d in event.claims if d["stance"] == "denies")
    assert denial.source is not None and denial.source.startswith(MALI_ARMY)
    assert denial.quote == "baseless"
    assert "contested" in report_status(event)


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("The army did not deny that soldiers killed 12 civilians near Mopti.", "denies"),
        ("The government refused to confirm the death toll of the attack near Mopti.", "confirms"),
        (
            "No group has claimed responsibility for the attack on the convoy near Gao.",
            "claims_responsibility",
        ),
        ("Nobody claimed responsibility for the bombing in Gao.", "claims_responsibility"),
        ("JNIM has yet to claim responsibility for the attack near Gao.", "claims_responsibility"),
        ("The toll claimed by the group could not be independently verified.", "confirms"),
    ],
)
def test_negation_is_not_a_claim_of_that_stance(nlp: Language, text: str, wrong: str) -> None:
    assert not any(stance == wrong for stance, _ in keys(nlp, text))


@pytest.mark.parametrize(
    "text",
    [
        "Soldiers assaulted a shopkeeper accused of being a militant informant in Gao.",
        "A man accused of sorcery was beaten to death near Gao.",
        "Police arrested an alleged poacher near Gao.",
        "Hundreds of workers held a sit-in in Bamako to claim unpaid salaries.",
        "Rebels loyal to the former president are said to be recruiting near the border.",
    ],
)
def test_hedges_and_other_senses_make_no_attributed_claim(nlp: Language, text: str) -> None:
    assert keys(nlp, text) == set()


def test_allegedly_makes_an_unattributed_allegation(nlp: Language) -> None:
    doc, document, reports = analyse(nlp, "Soldiers allegedly killed three herders near Mopti on Monday.")
    event = next(r for r in reports if not r.background)
    claims = [Claim.from_dict(d) for d in event.claims]
    assert [(c.stance, c.attributed) for c in claims] == [("alleges", False)]
    assert report_status(event) == ("alleged",)
    assert claim_keys(claims) == set()  # not scored: nobody in particular says it


# --- the model, the taxonomy, the scorer ------------------------------------------------------


def test_claim_round_trip() -> None:
    span = Span("d", 0, 10, "The FLA sa")
    claim = Claim(
        stance="alleges",
        source=FLA,
        source_kind="rebel_group",
        speaker="a spokesman",
        spans=(span,),
        quote="massacre",
        fatalities=Fatalities(24, 24, None, 24, "at least", (span,)),
    )
    assert Claim.from_dict(claim.to_dict()) == claim
    assert claim.span == span
    with pytest.raises(ValueError):
        Claim(stance="shouts", source=None, source_kind="witness")


def test_report_keeps_claims_through_the_store_format() -> None:
    claim = Claim(stance="denies", source="Military Forces of Mali (2021-)", source_kind="state_forces")
    report = Report(doc_id="d", event_type="Battles", sub_event_type="Armed clash", claims=[claim.to_dict()])
    again = Report.from_dict(json.loads(json.dumps(report.to_dict())))
    assert [Claim.from_dict(d) for d in again.claims] == [claim]


@pytest.mark.parametrize(
    ("stances", "status"),
    [
        ([], ("reported",)),
        (["reports"], ("reported",)),
        (["alleges"], ("alleged",)),
        (["alleges", "denies"], ("contested",)),
        (["alleges", "denies", "announces_investigation"], ("contested", "under investigation")),
        (["claims_responsibility"], ("acknowledged",)),
        (["attributes_blame", "calls_for_investigation"], ("alleged",)),
        (["confirms", "disputes_figure"], ("contested", "acknowledged")),
    ],
)
def test_event_status(stances: list[str], status: tuple[str, ...]) -> None:
    assert taxonomy.event_status(stances) == status


def test_stances_are_described_and_phrased() -> None:
    assert set(CLAIM_STANCES) == set(taxonomy.CLAIM_STANCES) == set(taxonomy.STANCE_PHRASES)


def test_speaker_label() -> None:
    assert speaker_label(Claim("denies", "Military Forces of Mali (2021-)", "state_forces")) == MALI_ARMY
    assert speaker_label(Claim("reports", None, "witness", speaker="local sources")) == "witness"
    assert speaker_label(Claim("reports", "AFP", "outlet")) == "outlet"
    assert speaker_label(Claim("alleges", None, "unattributed")) is None


def test_score_claims() -> None:
    gold = {"a": [("reports", "witness")], "b": [("denies", MALI_ARMY), ("alleges", FLA)], "c": []}
    predicted = {
        "a": [("reports", "witness"), ("reports", "witness")],
        "b": [("denies", MALI_ARMY)],
        "c": [("reports", "outlet")],
    }
    score = score_claims(predicted, gold)
    assert (score.tp, score.fp, score.fn) == (2, 1, 1)
    assert score.precision == pytest.approx(2 / 3)
    assert score.recall == pytest.approx(2 / 3)
    assert [e["id"] for e in score.errors] == ["b", "c"]


# --- the command's output ---------------------------------------------------------------------


def test_print_claims_on_the_seed(nlp: Language, seed_path: Path) -> None:
    out = io.StringIO()
    document = Document(id="seed", text=seed_path.read_text(encoding="utf-8"))
    assert print_claims([document], out) == 1
    text = out.getvalue()
    assert text.startswith("== seed")
    assert "status: contested, under investigation" in text
    assert "- denies: Military Forces of Mali" in text
    assert "Gen Oumar Diarra" in text
    assert '"unfounded"' in text


# --- accuracy on hand-labelled ACLED notes ----------------------------------------------------


# How the notes of fixtures/claims_labels.jsonl were labelled (by hand, note by note): every note of
# the Burkina Faso development set (1997-2020) whose text matches
#   claim|denied|deny|denies|accus|according to|\bsaid\b|alleg|blame|attribut|investigat|confirm|
#   stated|announc|statement
# (236 notes, 153 with claims, 169 claims), with each distinct (stance, speaker) pair it attributes to
# an identifiable party. speaker: the ACLED actor name without its date range ("Military Forces of
# Burkina Faso", "JNIM: Group for Support of Islam and Muslims", "Islamic State" when the note says
# only that), or the kind of a source that is not an actor: witness (residents, witnesses, local
# sources, relatives, organisers, protesters), outlet (media, reports, news agencies, "accounts"),
# human_rights_group, un_body, civil_society (unions, dioceses). Officials, authorities, ministers
# and governors speak for the government; army chiefs, officers, "military sources" for the army.
# Not claims: hedges with no speaker ("allegedly", "alleged poacher", "said to be", "was reported"),
# participles describing a victim ("a man accused of sorcery"), "claim" meaning demand ("to claim
# unpaid salaries"), a speaker nobody can identify ("according to a statement", "the same sources"),
# an announced act ("announced an operation", "announced a strike"), and negated cues. A party saying
# it did the act ("claimed to have killed", "said it killed") claims responsibility; "claim that"
# otherwise alleges; a neutral "said"/"according to" reports, and a party's or a rights group's report
# of another party's violence against civilians alleges.


def read_labels() -> dict[str, set[tuple[str, str]]]:
    labels: dict[str, set[tuple[str, str]]] = {}
    with LABELS.open(encoding="utf-8") as fh:
        for line in fh:
            entry: dict[str, Any] = json.loads(line)
            assert set(entry) == {"event_id_cnty", "claims"}, "labels carry note ids only, never ACLED text"
            for claim in entry["claims"]:
                assert set(claim) == {"stance", "speaker"}
                assert claim["stance"] in CLAIM_STANCES
            labels[entry["event_id_cnty"]] = {(c["stance"], c["speaker"]) for c in entry["claims"]}
    return labels


def test_label_fixture_is_large_enough() -> None:
    labels = read_labels()
    assert len(labels) >= 150
    assert sum(len(v) for v in labels.values()) >= 150


@pytest.mark.slow
def test_claims_precision_and_recall_on_labelled_acled_notes(nlp: Language, acled_burkina_csv: Path) -> None:
    gold = read_labels()
    with acled_burkina_csv.open(encoding="utf-8", newline="") as fh:
        notes = {r["event_id_cnty"]: r["notes"] for r in csv.DictReader(fh) if r["event_id_cnty"] in gold}
    assert set(notes) == set(gold)
    predicted: dict[str, set[tuple[str, str]]] = {}
    for doc, eid in nlp.pipe(((notes[i], i) for i in gold), as_tuples=True):
        document = Document(id=eid, text=notes[eid], country_hint="BF")
        reports = reports_from_doc(doc, document)
        predicted[eid] = claim_keys(document_claims(doc, document, reports=reports))
    score = score_claims(predicted, gold)
    print(f"claims on {len(gold)} labelled ACLED notes: {score.to_dict()}")
    assert score.precision >= 0.90, score.errors
    assert score.recall >= 0.85, score.errors
