"""Triage: cheap relevance checks before the full pipeline (conflictlens.nlp.triage)."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from conflictlens.extract import extract_many
from conflictlens.model import Document
from conflictlens.nlp.pipeline import load_pipeline
from conflictlens.nlp.triage import Triage, triage_for


@pytest.fixture(scope="module")
def triage() -> Triage:
    return triage_for(load_pipeline("en"))


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen killed five villagers near Djibo on Sunday.",
        "Suspected JNIM militants ambushed a military convoy.",
        "Teachers went on strike in Bamako to demand their arrears.",  # a phrase trigger
        "Protesters marched to the town hall.",  # an inflected trigger
        "Soldiers opened fire on the crowd.",  # 'fire' in the context that makes it one
        "Hundreds of students blocked the road to the university.",  # a keep word, no trigger
    ],
)
def test_conflict_texts_are_kept(triage: Triage, text: str) -> None:
    assert triage.keep_text(text).keep


@pytest.mark.parametrize(
    "text",
    [
        "Shares of the bank rose 3 percent on Monday after strong quarterly earnings.",
        "The weather service forecast heavy rain and cooler temperatures for the weekend.",
        "Inflation slowed in March, the statistics office said on 5 March.",  # the month
        "The stock exchange closed higher as investors bought technology shares.",  # no 'fire'
        "The company fired its chief executive after a review.",  # 'fire' without 'open', 'on', 'at'
    ],
)
def test_texts_without_a_trigger_are_skipped(triage: Triage, text: str) -> None:
    verdict = triage.keep_text(text)
    assert not verdict.keep, verdict.reason


def test_sports_story_with_figurative_triggers_is_off_topic(triage: Triage) -> None:
    text = (
        "The striker scored twice as the home team beat the league leaders 3-1 at the stadium. "
        "The coach praised the squad's attack after the match."
    )
    verdict = triage.keep_text(text)
    assert not verdict.keep and verdict.reason == "off-topic"


def test_lemmas_follow_the_models_lemmatizer(triage: Triage) -> None:
    assert "flee" in triage.lemmas("fled")
    assert "kill" in triage.lemmas("killed")
    assert "strike" in triage.lemmas("struck")


def test_skipped_documents_yield_no_reports_but_keep_their_dateline() -> None:
    doc = Document(
        "d1",
        "Markets rally\nLONDON, 6 March 2024 — Shares rose on Wednesday as investors bought bank stocks.",
    )
    [(out, reports)] = list(extract_many([doc]))
    assert reports == []
    assert out.published == dt.date(2024, 3, 6)  # as the full pipeline sets it


def test_triage_can_be_disabled_and_changes_nothing_for_conflict_texts(demo_dir: Path) -> None:
    from conflictlens.ingest import read_documents

    docs = list(read_documents([demo_dir]))
    on = [[r.to_dict() for r in reports] for _, reports in extract_many(docs)]
    docs = list(read_documents([demo_dir]))
    off = [[r.to_dict() for r in reports] for _, reports in extract_many(docs, triage=False)]
    assert on == off
    assert all(on)


@pytest.mark.slow
def test_triage_keeps_at_least_99_percent_of_acled_notes(acled_burkina_csv: Path, triage: Triage) -> None:
    with acled_burkina_csv.open(encoding="utf-8") as fh:
        notes = [r["notes"] for r in csv.DictReader(fh) if r["notes"].strip()]
    kept = sum(triage.keep_text(n).keep for n in notes)
    assert kept / len(notes) >= 0.99, f"{kept}/{len(notes)}"
