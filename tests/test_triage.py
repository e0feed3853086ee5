"""Triage: cheap relevance checks before the full pipeline (conflictlens.nlp.triage)."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from spacy.tokens import Doc

from conflictlens.extract import extract_many
from conflictlens.model import Document, Report, Span
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


# -- focus: the sentences of a kept document the statistical pipeline reads ----------------------

ARTICLE = (
    "Gunmen kill five villagers in northern Burkina Faso\n\n"
    "DJIBO, Burkina Faso, 6 March 2024 — Gunmen killed five villagers near Djibo on Sunday, local "
    "sources said. The attackers arrived on motorbikes at dawn. They left before the army reached "
    "the village.\n\n"
    "The area has a long tradition of cattle herding and weekly markets. Its music and dances are "
    "known across the region. Many families grow millet and sorghum on the plateau. Visitors often "
    "praise the hospitality of its people. The landscape is dry for much of the year.\n\n"
    "The army said it had opened an investigation into the attack.\n"
)
BACKGROUND = (
    "The area has a long tradition of cattle herding and weekly markets. Its music and dances are "
    "known across the region. Many families grow millet and sorghum on the plateau. Visitors often "
    "praise the hospitality of its people."
)


def test_focus_blanks_a_background_paragraph_and_keeps_every_offset(triage: Triage) -> None:
    doc = triage.nlp.make_doc(ARTICLE)
    focused = triage.focus(doc)
    start = ARTICLE.index(BACKGROUND)
    assert focused.blanked == ((start, start + len(BACKGROUND)),)
    out = focused.doc
    assert len(out.text) == len(ARTICLE)
    assert out.text == Doc.text.__get__(out)  # the kept text is the text of its tokens
    assert [i for i, c in enumerate(out.text) if c == "\n"] == [i for i, c in enumerate(ARTICLE) if c == "\n"]
    assert out.text[start : start + len(BACKGROUND)].strip() == ""
    for tok in out:
        if not tok.is_space:
            assert ARTICLE[tok.idx : tok.idx + len(tok)] == tok.text
    # the whole paragraph is one whitespace token, a sentence of its own
    [blank] = [tok for tok in out if tok.idx == start]
    assert blank.is_space and len(blank) == len(BACKGROUND) and blank.is_sent_start
    assert out[blank.i + 1].is_sent_start


def test_focus_keeps_a_cued_sentence_with_its_neighbours(triage: Triage) -> None:
    focused = triage.focus(triage.nlp.make_doc(ARTICLE))
    kept = focused.doc.text
    # "attack" (a trigger) keeps its sentence and the one before, a background sentence
    assert "The army said it had opened an investigation into the attack." in kept
    assert "The landscape is dry for much of the year." in kept
    # the sentences after the event keep their context
    assert "The attackers arrived on motorbikes at dawn." in kept
    assert "They left before the army reached the village." in kept


def test_focus_leaves_short_documents_whole(triage: Triage) -> None:
    text = "Gunmen killed five villagers near Djibo. The weather was fine. Markets were open."
    focused = triage.focus(triage.nlp.make_doc(text))
    assert focused.blanked == () and focused.doc.text == text


def test_sentences_do_not_end_at_abbreviations(triage: Triage) -> None:
    doc = triage.nlp.make_doc('Mr. Traoré met U.S. officials. "We agree." He left.\nNext line')
    assert [doc[a:b].text.strip() for a, b in triage.sentences(doc)] == [
        "Mr. Traoré met U.S. officials.",
        '"We agree."',
        "He left.",
        "Next line",
    ]


def test_reports_on_an_article_with_background_are_those_of_the_whole_text(triage: Triage) -> None:
    assert triage.focus(triage.nlp.make_doc(ARTICLE)).blanked  # something is blanked
    [(_, focused)] = list(extract_many([Document("a", ARTICLE)]))
    [(_, whole)] = list(extract_many([Document("a", ARTICLE)], triage=False))
    assert [r.to_dict() for r in focused] == [r.to_dict() for r in whole]
    assert focused and any("near Djibo on Sunday" in s.text for s in focused[0].evidence)


def test_a_span_into_blanked_text_is_detected(triage: Triage) -> None:
    focused = triage.focus(triage.nlp.make_doc(ARTICLE))
    [(_, reports)] = list(extract_many([Document("a", ARTICLE)], triage=False))
    assert not focused.quotes_blank(reports)
    start = ARTICLE.index(BACKGROUND)
    report = reports[0]
    report.evidence = (*report.evidence, Span("a", start, start + 10, ARTICLE[start : start + 10]))
    assert focused.quotes_blank([report])


NEWS = Path(__file__).resolve().parents[2] / "shared" / "data" / "news-prose" / "glocon-sample-documents.json"


@pytest.mark.slow
def test_focus_changes_no_event_of_the_news_stream(triage: Triage) -> None:
    """On real news (the first 300 documents of the news-prose sample that triage keeps), reading
    only the focused sentences gives the same events: types, kinds of actors, fatalities, dates,
    claims. The country in focus (and so the place and the country in the actors' names) may come
    out differently when a blanked sentence named places: in at most 2 % of the documents."""
    if not NEWS.exists():
        pytest.skip(f"shared data not available: {NEWS}")
    from conflictlens.ingest import read_documents

    docs = [d for d in read_documents([NEWS]) if triage.keep_text(d.text)][:300]
    blanked = sum(
        sum(b - a for a, b in triage.focus(triage.nlp.make_doc(d.text)).blanked) for d in docs
    ) / sum(len(d.text) for d in docs)
    assert blanked > 0.1  # the test reads documents with much blanked

    def events(reports: list[Report]) -> list[tuple[object, ...]]:
        return [
            (r.event_type, r.sub_event_type, r.actor1 and r.actor1.kind, r.actor2 and r.actor2.kind,
             r.fatalities.acled, r.date, r.background, [(c["stance"], c["source_kind"]) for c in r.claims])
            for r in reports
        ]  # fmt: skip

    def places(reports: list[Report]) -> list[tuple[object, ...]]:
        return [(r.place, r.actor1, r.actor2) for r in reports]

    focused = [reports for _, reports in extract_many(docs)]
    whole = [reports for _, reports in extract_many(docs, triage=False)]
    assert [events(r) for r in focused] == [events(r) for r in whole]
    moved = sum(places(f) != places(w) for f, w in zip(focused, whole, strict=True))
    assert moved <= 0.02 * len(docs)
