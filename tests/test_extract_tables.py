"""The pipeline's attribute ruler and lemmatizer by table lookup (conflictlens.nlp.pipeline):
the same annotations as the model's own components, on real texts."""

from __future__ import annotations

import csv
import itertools
from pathlib import Path

import numpy
import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler

from conflictlens.nlp.pipeline import (
    ENGLISH_MODELS,
    ArrayLemmatizer,
    TableAttributeRuler,
    _use_tables,
    load_pipeline,
)

NEWS = Path(__file__).resolve().parents[2] / "shared" / "data" / "news-prose" / "glocon-sample-documents.json"
ANNOTATIONS = [TAG, POS, MORPH, LEMMA, DEP, HEAD]


def _model() -> Language:
    for name in ENGLISH_MODELS:
        try:
            return spacy.load(name, exclude=["ner"])
        except OSError:
            continue
    pytest.skip("no English spaCy model installed")


@pytest.fixture(scope="module")
def models() -> tuple[Language, Language]:
    """The model as shipped, and the same model with the table-driven components."""
    plain, tables = _model(), _model()
    _use_tables(tables)
    return plain, tables


def _notes(csv_path: Path, n: int) -> list[str]:
    with csv_path.open(encoding="utf-8") as fh:
        return [row["notes"] for row in itertools.islice(csv.DictReader(fh), n) if row["notes"].strip()]


def _differing(plain: Language, tables: Language, texts: list[str]) -> list[str]:
    return [
        a.text[:80]
        for a, b in zip(plain.pipe(texts), tables.pipe(texts), strict=True)
        if not numpy.array_equal(a.to_array(ANNOTATIONS), b.to_array(ANNOTATIONS))
    ]


def test_the_pipeline_uses_the_tables(demo_dir: Path) -> None:
    nlp = load_pipeline("en")
    ruler, lemmatizer = nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer")
    assert isinstance(ruler, TableAttributeRuler) and isinstance(lemmatizer, ArrayLemmatizer)
    nlp(next(demo_dir.glob("*.txt")).read_text(encoding="utf-8"))
    assert ruler._table  # the model's patterns (a REGEX among them) compiled to a table
    assert lemmatizer.mode == "rule" and lemmatizer.lookups is not None  # what triage reads


def test_tables_annotate_acled_notes_as_the_model_does(
    models: tuple[Language, Language], acled_burkina_csv: Path
) -> None:
    plain, tables = models
    texts = _notes(acled_burkina_csv, 200)
    assert len(texts) > 150
    assert _differing(plain, tables, texts) == []


@pytest.mark.slow
def test_tables_annotate_news_and_all_acled_notes_as_the_model_does(
    models: tuple[Language, Language], acled_burkina_csv: Path
) -> None:
    if not NEWS.exists():
        pytest.skip(f"shared data not available: {NEWS}")
    from conflictlens.ingest import read_documents

    plain, tables = models
    texts = [d.text for d in read_documents([NEWS])] + _notes(acled_burkina_csv, 10_000)
    assert len(texts) > 4000
    assert _differing(plain, tables, texts) == []


def test_patterns_of_several_tokens_and_negative_indices(models: tuple[Language, Language]) -> None:
    """Patterns beyond the model's: several tokens, IN lists, an index from the end; a later rule
    overrides an earlier one on the same token, as in spaCy's AttributeRuler."""
    plain, _ = models
    extra = [
        {"patterns": [[{"LOWER": "armed"}, {"LOWER": {"IN": ["men", "gunmen"]}}]], "attrs": {"LEMMA": "X1"}},
        {
            "patterns": [[{"TAG": "DT"}, {"TAG": {"IN": ["NN", "NNS"]}}]],
            "attrs": {"LEMMA": "X2"},
            "index": -1,
        },
        {"patterns": [[{"LOWER": "village"}]], "attrs": {"LEMMA": "X3", "POS": "PROPN"}},
    ]
    texts = [
        "Armed men attacked the village of Tin-Akoff on Sunday, killing the village chief.",
        "The armed gunmen fled toward the border after the attack.",
    ]

    def run(ruler: AttributeRuler) -> list[list[str]]:
        ruler.add_patterns(plain.get_pipe("attribute_ruler").patterns)  # type: ignore[attr-defined]
        ruler.add_patterns(extra)  # type: ignore[arg-type]
        docs = [ruler(d) for d in plain.pipe(texts, disable=["attribute_ruler", "lemmatizer"])]
        return [[f"{t.lemma_}/{t.pos_}/{t.morph}" for t in d] for d in docs]

    table = TableAttributeRuler(plain.vocab)
    out = run(table)
    assert table._table  # compiled
    assert out == run(AttributeRuler(plain.vocab))
    assert "X3/PROPN/Number=Sing" in out[0] and "X2/NOUN/Number=Sing" in out[1]


def test_patterns_a_table_cannot_express_use_the_matcher(models: tuple[Language, Language]) -> None:
    plain, _ = models
    table = TableAttributeRuler(plain.vocab)
    table.add_patterns(plain.get_pipe("attribute_ruler").patterns)  # type: ignore[attr-defined]
    table.add([[{"LOWER": "very", "OP": "+"}, {"TAG": "JJ"}]], {"LEMMA": "VERY"})
    doc = table(plain("It was a very very long day.", disable=["attribute_ruler", "lemmatizer"]))
    assert table._table is None
    assert [t.lemma_ for t in doc][3:6] == ["VERY", "VERY", ""]  # no lemmatizer ran


def test_one_pipeline_per_language_however_it_is_asked_for() -> None:
    """load_pipeline() and load_pipeline("en") are the same pipeline (not a second copy of the
    model, loaded again, as a cache keyed on the call's arguments gave)."""
    assert load_pipeline() is load_pipeline("en") is load_pipeline(lang="en")
