"""Which language a document is written in, and so which pipeline reads it.

Detection is offline and light: ``py3langid`` (a re-packaging of langid.py's naive Bayes model),
restricted to the languages conflictlens has a pipeline for, on the first few thousand characters
of the text. A text in another language is read by the English pipeline, as before languages were
told apart.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from conflictlens.errors import ConflictlensError
from conflictlens.model import Document
from conflictlens.nlp.lexicon import SUPPORTED_LANGUAGES

DETECT_CHARS = 3000  # enough for a headline and a few paragraphs
DEFAULT_LANGUAGE = "en"


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=False)
    ident.set_languages(list(SUPPORTED_LANGUAGES))
    return ident


def detect_language(text: str) -> str:
    """The language of ``text`` among those conflictlens reads ("en", "fr"); English when empty."""
    sample = text[:DETECT_CHARS]
    if not sample.strip():
        return DEFAULT_LANGUAGE
    code, _score = _identifier().classify(sample)
    return str(code)


def check_language(lang: str | None) -> str | None:
    """``lang`` normalised ("FR" → "fr"), or an error naming the languages supported."""
    if lang is None:
        return None
    code = lang.strip().lower()
    if code not in SUPPORTED_LANGUAGES:
        raise ConflictlensError(
            f"unsupported language {lang!r}: conflictlens reads {', '.join(SUPPORTED_LANGUAGES)}"
        )
    return code


def route(document: Document, lang: str | None = None) -> str:
    """The pipeline language for a document, recorded in ``document.language``.

    ``lang`` (forced, e.g. ``--lang fr``) wins; then a language the document was given other than
    the default English (a feed or a JSONL ``language`` field saying "fr"); otherwise the detector
    decides (``Document.language`` defaults to "en", so an unset language cannot be told from an
    English one: both are detected).
    """
    if lang is not None:
        document.language = lang
        return lang
    given = (document.language or "").lower()
    if given in SUPPORTED_LANGUAGES and given != DEFAULT_LANGUAGE:
        document.language = given
        return given
    detected = detect_language(document.text)
    document.language = detected
    return detected
