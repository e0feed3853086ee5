"""Place mentions, the document's country in focus, and a first, simple toponym resolver.

Recognition: NER GPE/LOC/FAC entities, our EntityRuler's curated place names (the small model tags
"Gao" as a PERSON), and ACLED-style admin context in parentheses: "in Loada (Djibo, Soum)".
Resolution: GeoNames candidates, preferring the country in focus, the admin area given in context,
exact primary names, then population.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from conflictlens.geo.gazetteer import GazPlace, gazetteer
from conflictlens.nlp.lexicon import english, fold, load_data

# Sahel countries whose admin areas and towns we curate into the EntityRuler.
RULER_COUNTRIES = ("ML", "BF", "NE")
NEAR_WORDS = frozenset(
    {"near", "outside", "around", "from", "between", "vicinity", "road", "axis", "km", "kilometres",
     "kilometers", "miles", "outskirts", "north", "south", "east", "west", "northeast", "northwest",
     "southeast", "southwest", "border", "route", "highway", "towards", "en"}
)  # fmt: skip
DESTINATION_WORDS = frozenset({"to", "for", "towards", "toward"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
MAYBE_PLACE_LABELS = frozenset({"PERSON", "ORG", "NORP", "PRODUCT", "WORK_OF_ART"})


@dataclass(frozen=True)
class PlaceMention:
    start: int  # token offsets
    end: int
    text: str
    level: str  # "country", "admin1", "admin2", "place"
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    gaz: GazPlace | None = None
    near: bool = False  # "near X", "15 km from X", "from X"
    destination: bool = False  # "headed for X"

    @property
    def name(self) -> str:
        return self.gaz.name if self.gaz and self.level == "place" else self.text


if not Doc.has_extension("places"):
    Doc.set_extension("places", default=None)
if not Doc.has_extension("country"):
    Doc.set_extension("country", default=None)


@cache
def ruler_place_names() -> list[tuple[str, str]]:
    """(surface name, id) pairs of curated Sahel admin areas and towns for the EntityRuler."""
    admin = load_data("admin_areas.json")
    ambiguous = set(admin.get("ambiguous_names", []))
    names: dict[str, str] = {}
    for cc, spec in admin["countries"].items():
        for admin1 in spec.get("geonames_admin1", {}).values():
            names[admin1] = f"admin1:{cc}"
        for alias in spec.get("admin1_aliases", {}):
            names[alias] = f"admin1:{cc}"
        for admin2s in spec.get("admin2", {}).values():
            for a2 in admin2s:
                names.setdefault(a2, f"admin2:{cc}")
    gaz = gazetteer()
    for cc in RULER_COUNTRIES:
        for place in gaz.places_in(cc):
            names.setdefault(place.name, f"geonames:{place.geonames_id}")
    return [(n, i) for n, i in sorted(names.items()) if n not in ambiguous and len(n) > 2]


@Language.factory(
    "conflictlens_places",
    assigns=["doc._.places", "doc._.country"],
    requires=["doc.ents", "token.dep"],
)
def make_places(nlp: Language, name: str) -> PlaceComponent:
    return PlaceComponent()


class PlaceComponent:
    """Finds and resolves place mentions; sets ``doc._.places`` and ``doc._.country`` (ISO2)."""

    def __call__(self, doc: Doc) -> Doc:
        gaz = gazetteer()
        lex = english()
        votes: Counter[str] = Counter()
        raw: list[tuple[Span, str | None]] = []
        for ent in doc.ents:
            if ent.label_ in PLACE_LABELS or ent.label_ in MAYBE_PLACE_LABELS:
                raw.append((ent, ent.ent_id_ or None))
        for tok in doc:
            if tok.text in lex.demonyms:
                votes[lex.demonyms[tok.text]] += 1
        # first pass: countries and admin areas, which set the focus
        mentions: list[PlaceMention] = []
        pending: list[Span] = []
        for span, ent_id in raw:
            text = _clean(span)
            if not text or fold(text) in lex.not_places:
                continue
            cc = gaz.country_code(text)
            if cc and span.label_ in PLACE_LABELS:
                mentions.append(PlaceMention(span.start, span.end, text, "country", country=cc))
                votes[cc] += 2
                continue
            a1 = gaz.admin1_by_name(text)
            if a1 and (span.label_ in PLACE_LABELS or (ent_id or "").startswith("admin1")):
                pending.append(span)
                votes[a1[0]] += 1
                continue
            maybe = span.label_ in MAYBE_PLACE_LABELS and _after_place_preposition(span)
            if span.label_ in PLACE_LABELS or ent_id or maybe:
                pending.append(span)
        focus = votes.most_common(1)[0][0] if votes else None
        contexts = _parenthetical_admin(doc)
        covered = {i for span, _ in raw for i in range(span.start, span.end)}
        for span in _unlabelled_places(doc, contexts):
            if not any(i in covered for i in range(span.start, span.end)):
                pending.append(span)
        for span in pending:
            mention = self._resolve(doc, span, focus, contexts.get(span.end))
            if mention is not None:
                mentions.append(mention)
                if mention.country and not focus:
                    votes[mention.country] += 1
        if not focus and votes:
            focus = votes.most_common(1)[0][0]
        mentions.sort(key=lambda m: m.start)
        doc._.places = mentions
        doc._.country = focus
        return doc

    def _resolve(
        self, doc: Doc, span: Span, focus: str | None, context: tuple[str, str, str] | None
    ) -> PlaceMention | None:
        gaz = gazetteer()
        text = _clean(span)
        near = _is_near(span)
        dest = _is_destination(span)
        admin2_hits = gaz.admin2_by_name(text)
        candidates = gaz.lookup(text)
        if context:
            ccc, cadmin1, cadmin2 = context
            in_area = [
                c
                for c in candidates
                if c.country_code == ccc and gaz.admin1_name(ccc, c.admin1_code) == cadmin1
            ]
            gp = in_area[0] if in_area else None
            return PlaceMention(span.start, span.end, text, "place", ccc, cadmin1, cadmin2, gp, near, dest)
        a1 = gaz.admin1_by_name(text)
        if a1 and (not focus or a1[0] == focus) and not _city_reading(span):
            return PlaceMention(span.start, span.end, a1[1], "admin1", a1[0], a1[1], None, None, near, dest)
        best = _pick(candidates, text, focus)
        if best is not None:
            admin1 = gaz.admin1_name(best.country_code, best.admin1_code)
            admin2 = None
            for cc, a1name, a2name in admin2_hits:
                if cc == best.country_code and a1name == admin1:
                    admin2 = a2name
            return PlaceMention(
                span.start, span.end, best.name, "place", best.country_code, admin1, admin2, best, near, dest
            )
        if admin2_hits:
            hits = [h for h in admin2_hits if not focus or h[0] == focus] or admin2_hits
            hcc, hadmin1, hadmin2 = hits[0]
            return PlaceMention(
                span.start, span.end, hadmin2, "admin2", hcc, hadmin1, hadmin2, None, near, dest
            )
        if span.label_ != "FAC":
            # an unknown village: keep its name, placed in the country in focus
            return PlaceMention(span.start, span.end, text, "place", focus, None, None, None, near, dest)
        return None


def _clean(span: Span) -> str:
    text = span.text.strip(" ,.;:()'\"’")
    if text.lower().startswith("the "):
        text = text[4:]
    if text.endswith("'s"):
        text = text[:-2]
    return text


def _pick(candidates: list[GazPlace], text: str, focus: str | None) -> GazPlace | None:
    if not candidates:
        return None
    key = fold(text)

    def score(c: GazPlace) -> tuple[int, int, int]:
        return (
            1 if focus and c.country_code == focus else 0,
            1 if fold(c.name) == key else 0,
            c.population,
        )

    best = max(candidates, key=score)
    if focus and best.country_code != focus and best.population < 15000:
        return None  # a small namesake abroad is more likely a wrong reading
    return best


def _after_place_preposition(span: Span) -> bool:
    prev = span.doc[span.start - 1] if span.start > 0 else None
    return prev is not None and prev.lower_ in ("in", "near", "at", "from", "outside", "of", "around")


def _is_near(span: Span) -> bool:
    doc = span.doc
    window = doc[max(0, span.start - 4) : span.start]
    words = {t.lower_ for t in window}
    return bool(words & NEAR_WORDS)


def _is_destination(span: Span) -> bool:
    doc = span.doc
    window = [t.lower_ for t in doc[max(0, span.start - 3) : span.start]]
    return bool(window) and (window[-1] in DESTINATION_WORDS or "headed" in window or "heading" in window)


def _city_reading(span: Span) -> bool:
    """Whether "Gao" here means the town rather than the region ("the Gao region" is the region)."""
    doc = span.doc
    nxt = doc[span.end] if span.end < len(doc) else None
    return not (nxt is not None and nxt.lower_ in ("region", "province"))


PLACE_NOUNS = frozenset(
    {"village", "town", "city", "locality", "commune", "department", "area", "hamlet", "outskirts"}
)


def _unlabelled_places(doc: Doc, contexts: dict[int, tuple[str, str, str]]) -> list[Span]:
    """Proper nouns NER missed that are places by position: "X (Admin3, Admin2)", "in X", "village of X"."""
    lex = english()
    out: list[Span] = []

    def propn_run_before(end: int) -> Span | None:
        start = end
        while (
            start > 0
            and doc[start - 1].text[:1].isupper()
            and doc[start - 1].pos_ in ("PROPN", "NOUN", "ADJ")
        ):
            start -= 1
        if start == end:
            return None
        return doc[start:end]

    for paren in contexts:
        span = propn_run_before(paren)
        if span is not None:
            out.append(span)
    for tok in doc:
        if tok.lower_ not in ("in", "near", "of", "at", "outside"):
            continue
        if tok.lower_ == "of" and (tok.i == 0 or doc[tok.i - 1].lemma_.lower() not in PLACE_NOUNS):
            continue
        end = tok.i + 1
        while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
            end += 1
        if end > tok.i + 1 and doc[tok.i + 1].ent_type_ not in ("DATE", "TIME", "PERSON", "ORG", "NORP"):
            span = doc[tok.i + 1 : end]
            if fold(span.text) not in lex.not_places and span.text not in lex.actor_aliases:
                out.append(span)
    return out


def _parenthetical_admin(doc: Doc) -> dict[int, tuple[str, str, str]]:
    """ACLED-style "(Admin3, Admin2)" or "(Admin2)" right after a place: token end → (cc, admin1, admin2)."""
    gaz = gazetteer()
    out: dict[int, tuple[str, str, str]] = {}
    text = doc.text
    for tok in doc:
        if tok.text != "(":
            continue
        close = text.find(")", tok.idx)
        if close < 0 or close - tok.idx > 80:
            continue
        parts = [p.strip() for p in text[tok.idx + 1 : close].split(",")]
        if not parts:
            continue
        for part in reversed(parts):
            hits = gaz.admin2_by_name(part)
            if hits:
                out[tok.i] = hits[0]
                break
    return out
