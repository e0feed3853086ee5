"""Gazetteer and geoparsing: find the places a text names and where they are."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from conflictlens.geo.gazetteer import Gazetteer, GazPlace, distance_km, gazetteer

__all__ = ["GazPlace", "Gazetteer", "distance_km", "gazetteer", "geoparse", "mention_dict"]

# Components geoparsing does not need (they only read what the places component writes).
_SKIP = ("conflictlens_actors", "conflictlens_quantities", "conflictlens_time", "conflictlens_events")


def mention_dict(doc: Any, mention: Any) -> dict[str, Any]:
    """One resolved toponym as geoparse writes it (character offsets into the document text)."""
    span = doc[mention.start : mention.end]
    gp = mention.gaz
    return {
        "start": span.start_char,
        "end": span.end_char,
        "text": span.text,
        "geonames_id": gp.geonames_id if gp and gp.geonames_id > 0 and not mention.stand_in else None,
        "name": mention.name,
        "lat": gp.latitude if gp else None,
        "lon": gp.longitude if gp else None,
        "country_code": mention.country,
        "admin1": mention.admin1,
        "admin2": mention.admin2,
        "feature_class": mention.feature_class or (gp.feature_class if gp else None),
        "population": gp.population if gp and not mention.stand_in else None,
        "level": "region" if mention.region else mention.level,
        "geo_precision": mention.precision,
        "where_prec": mention.where_prec,
        "relation": mention.relation or None,
    }


def geoparse(
    documents: Iterable[Any], batch_size: int = 32, country: str | None = None, lang: str | None = None
) -> Iterator[dict[str, Any]]:
    """Toponyms of each document, resolved: ``{"id": ..., "places": [mention_dict, ...]}`` per document.

    ``documents`` are :class:`conflictlens.model.Document` objects or plain strings (ids "1", "2", ...).
    ``country`` (ISO2 or English name) is the country in focus for texts that name none; a document's
    own ``country_hint`` wins. Each document is read in its language (detected, or ``lang``);
    consecutive documents of one language go through their pipeline together.
    """
    from itertools import groupby

    from conflictlens import settings
    from conflictlens.model import Document
    from conflictlens.nlp.language import check_language, route
    from conflictlens.nlp.pipeline import load_pipeline

    forced = check_language(lang)
    if country and not (len(country) == 2 and country.isalpha()):
        country = gazetteer().country_code(country) or country
    elif country:
        country = country.upper()

    def routed() -> Iterator[tuple[str, Document]]:
        for i, d in enumerate(documents, 1):
            document = d if isinstance(d, Document) else Document(id=str(i), text=str(d))
            yield route(document, forced), document

    for language, group in groupby(routed(), key=lambda item: item[0]):
        nlp = load_pipeline(language)

        def docs(items: Iterable[tuple[str, Document]], nlp: Any = nlp) -> Iterator[tuple[Any, Document]]:
            for _, document in items:
                doc = nlp.make_doc(document.text[: settings.max_doc_chars])
                hint = document.country_hint or country
                if hint:
                    doc.user_data["country_hint"] = hint
                yield doc, document

        disable = [n for n in _SKIP if n in nlp.pipe_names]
        for doc, document in nlp.pipe(docs(group), as_tuples=True, batch_size=batch_size, disable=disable):
            yield {"id": document.id, "places": [mention_dict(doc, m) for m in doc._.toponyms or []]}
