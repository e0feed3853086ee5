"""Place mentions: recognition, resolution and relative locations (the ``conflictlens_places`` component).

Recognition: NER's GPE/LOC/FAC entities, our EntityRuler's curated Sahel places (the small model tags
"Gao" as a PERSON), buildings NER calls ORG ("Carnegie Library"), proper nouns in a locative position
("in Tokabangou (Markoye, Oudalan)"), with the usual traps handled: a person named like a town
("President Kidal"), "Niger" the river ("along the Niger") vs the country, demonyms ("Malian forces"
vote for Mali but are not toponyms), organisations named after places ("Washington Post").

Resolution: every GeoNames candidate of a name is scored with the document's context: the country in
focus, admin areas given in parentheses "(Markoye, Oudalan)" or after a comma "Austin, Texas", the
other places named nearby, feature class and population priors.

Relative locations: "15 km south of In-Ates", "near Gao", "between Gao and Bourem", "northern Mali"
keep the place they are relative to and get ACLED's geo_precision (1 the place itself, 2 near it or
part of a region, 3 only a larger region) and UCDP's where_prec.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from conflictlens.geo.gazetteer import Gazetteer, GazPlace, distance_km, gazetteer
from conflictlens.nlp.lexicon import Lexicon, english, fold, for_lang, load_data

# Sahel countries whose admin areas and towns we curate into the EntityRuler.
RULER_COUNTRIES = ("ML", "BF", "NE")
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
MAYBE_PLACE_LABELS = frozenset({"PERSON", "ORG", "NORP", "PRODUCT", "WORK_OF_ART"})
LOCATIVE = frozenset(
    {
        "in",
        "near",
        "at",
        "from",
        "outside",
        "around",
        "to",
        "towards",
        "toward",
        "into",
        "across",
        "through",
        "via",
        "between",
        "of",
    }
)
NEAR_WORDS = frozenset(
    {"near", "outside", "around", "vicinity", "outskirts", "nearby", "close", "neighbouring", "neighboring"}
)
DISTANCE_UNITS = frozenset(
    {"km", "kms", "kilometres", "kilometers", "kilometre", "kilometer", "miles", "mile", "mi"}
)
DIRECTIONS = {
    "north": (1, 0), "south": (-1, 0), "east": (0, 1), "west": (0, -1),
    "northeast": (1, 1), "northwest": (1, -1), "southeast": (-1, 1), "southwest": (-1, -1),
    "north-east": (1, 1), "north-west": (1, -1), "south-east": (-1, 1), "south-west": (-1, -1),
}  # fmt: skip
DIRECTION_ADJECTIVES = {
    "northern": "north", "southern": "south", "eastern": "east", "western": "west", "central": "centre",
    "northeastern": "northeast", "northwestern": "northwest", "southeastern": "southeast",
    "southwestern": "southwest", "north-eastern": "northeast", "north-western": "northwest",
    "south-eastern": "southeast", "south-western": "southwest",
}  # fmt: skip
DESTINATION_WORDS = frozenset({"to", "for", "towards", "toward"})
TITLES = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "president",
        "general",
        "gen",
        "col",
        "colonel",
        "minister",
        "sheikh",
        "imam",
        "captain",
        "capt",
        "lt",
        "sgt",
        "sergeant",
        "commander",
        "chief",
        "mayor",
        "governor",
        "senator",
        "sen",
        "rep",
        "judge",
        "prof",
        "professor",
        "king",
        "queen",
        "prince",
        "sir",
        "lord",
        "pope",
        "father",
        "brother",
        "sister",
        "saint",
    }
)
# Capitalised words after a place name that make the whole an organisation, not a toponym.
ORG_HEADS = frozenset(
    {
        "university",
        "airways",
        "airlines",
        "times",
        "post",
        "journal",
        "herald",
        "tribune",
        "football",
        "fc",
        "bank",
        "federation",
        "association",
        "party",
        "front",
        "movement",
        "television",
        "radio",
        "tv",
        "news",
        "press",
        "company",
        "corporation",
        "inc",
        "institute",
        "council",
        "committee",
        "chronicle",
        "gazette",
        "observer",
        "daily",
        "telegraph",
        "express",
        "globe",
        "mirror",
        "star",
        "sun",
        "courier",
        "review",
        "foundation",
        "society",
        "club",
        "league",
        "group",
        "agency",
        "ministry",
        "department",
        "police",
        "patriots",
        "rangers",
        "warriors",
        "avengers",
        "liberation",
        "international",
        "magazine",
        "records",
    }
)
# Head nouns of ORG/unlabelled names that denote a building or site (literal toponyms).
FACILITY_HEADS = frozenset(
    {
        "library",
        "church",
        "hospital",
        "school",
        "airport",
        "museum",
        "stadium",
        "park",
        "bridge",
        "prison",
        "hotel",
        "market",
        "camp",
        "base",
        "mosque",
        "cathedral",
        "station",
        "street",
        "avenue",
        "road",
        "square",
        "hall",
        "center",
        "centre",
        "arena",
        "theatre",
        "theater",
        "temple",
        "palace",
        "tower",
        "building",
        "mall",
        "dam",
        "port",
        "harbour",
        "harbor",
        "beach",
        "lake",
        "river",
        "mountain",
        "mountains",
        "island",
        "islands",
        "valley",
        "forest",
        "desert",
        "highway",
        "boulevard",
        "plaza",
        "county",
        "district",
        "province",
        "region",
        "state",
        "city",
        "village",
        "town",
        "neighborhood",
        "neighbourhood",
        "parish",
        "cemetery",
        "zoo",
        "garden",
        "gardens",
        "campus",
        "courthouse",
        "pier",
        "canal",
        "bay",
        "gulf",
        "sea",
        "ocean",
        "coast",
        "peninsula",
        "creek",
        "falls",
        "university",
        "college",
        "club",
        "elementary",
        "academy",
        "restaurant",
        "racecourse",
        "graveyard",
        "embassy",
        "consulate",
        "metro",
        "inn",
    }
)

# facility heads that name a building or compound inside a town, coded at that town (not "park",
# "forest", "lake", "district": areas ACLED may code in their own right)
BUILDING_HEADS = FACILITY_HEADS - {
    "avenue", "bay", "beach", "boulevard", "bridge", "canal", "city", "coast", "county", "creek", "dam",
    "desert", "district", "falls", "forest", "garden", "gardens", "gulf", "highway", "island", "islands",
    "lake", "mountain", "mountains", "neighborhood", "neighbourhood", "ocean", "parish", "park",
    "peninsula", "province", "region", "river", "road", "sea", "state", "street", "town", "valley",
    "village",
}  # fmt: skip
# the nouns that name settlements: "the village of X", "the villages of A, B and C"
SETTLEMENT_NOUNS = frozenset(
    {"village", "villages", "town", "towns", "hamlet", "hamlets", "locality", "localities", "commune",
     "communes", "settlements"}
)  # fmt: skip
# what joins the names of a list ("A, B and C", "A et B"), and the words that close one
LIST_GLUE = frozenset({",", "and", "or", "&", "et", "ou"})
LIST_CONJUNCTIONS = LIST_GLUE - {","}
PLACE_NOUNS = frozenset(
    {
        "village",
        "town",
        "city",
        "locality",
        "commune",
        "department",
        "area",
        "hamlet",
        "outskirts",
        "localities",
        "villages",
        "towns",
        "region",
        "province",
        "district",
        "municipality",
        "community",
        "capital",
        "circle",
        "cercle",
        "prefecture",
    }
)
ADMIN_NOUNS = {
    "region": "admin1", "province": "admin1", "state": "admin1", "governorate": "admin1",
    "cercle": "admin2", "circle": "admin2", "department": "admin2", "departement": "admin2",
    "district": "admin2", "county": "admin2", "commune": "admin2", "prefecture": "admin2",
}  # fmt: skip
RIVER_WORDS = frozenset(
    {"river", "valley", "bend", "basin", "inland", "banks", "bank", "waters", "riverbank"}
)
NOT_RIVER_NEXT = frozenset(
    {
        "government",
        "army",
        "authorities",
        "junta",
        "state",
        "republic",
        "forces",
        "military",
        "border",
        "president",
        "officials",
        "police",
        "people",
    }
)


@dataclass(frozen=True)
class PlaceMention:
    """One toponym of a document, resolved.

    ``precision`` is ACLED's geo_precision (1 the place itself, 2 near it or a part of a region, 3 only a
    larger region); ``where_prec`` is UCDP's (1 exact, 2 within 25 km, 3 admin2, 4 admin1, 5 a linear
    feature or between places, 6 country, 7 international waters or airspace).
    """

    start: int  # token offsets
    end: int
    text: str
    level: str  # "country", "admin1", "admin2", "place" (the levels extract ranks)
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    gaz: GazPlace | None = None
    near: bool = False  # "near X", "15 km from X", "between X and Y"
    destination: bool = False  # "headed for X"
    precision: int = 1
    where_prec: int = 1
    feature_class: str = ""  # GeoNames class of the entry: P, A, L, H, S
    # "", "near", "offset", "between", "direction", "context" (placed by context), "coded" ("coded as X")
    relation: str = ""
    direction: str = ""  # "north", ... for "15 km north of X" and "northern Mali"
    distance_km: float | None = None  # "15 km south of X"
    stand_in: bool = False  # gaz is a nearby known place standing in for an unknown one
    region: bool = False  # a continent, sub-continental region or water body (not an ACLED level)
    demonym: bool = False  # "Malian", "Turkish": an adjective of place, never an event location

    @property
    def name(self) -> str:
        if self.gaz and self.level == "place" and not self.stand_in:
            return self.gaz.name
        return self.text

    @property
    def latitude(self) -> float | None:
        return self.gaz.latitude if self.gaz else None

    @property
    def longitude(self) -> float | None:
        return self.gaz.longitude if self.gaz else None


if not Doc.has_extension("places"):
    Doc.set_extension("places", default=None)
if not Doc.has_extension("toponyms"):
    Doc.set_extension("toponyms", default=None)
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
    lex = english()
    generic = {"Centre", "Est", "Nord", "Sahel", "Cascades"}
    return [
        (n, i)
        for n, i in sorted(names.items())
        if n not in ambiguous
        and n not in generic
        and len(n) > 2
        and fold(n) not in lex.not_places
        and fold(n) not in _COMMON_WORDS
    ]


# Curated names that are also English words: never matched by the ruler on their own.
_COMMON_WORDS = frozenset(
    {
        "leo",
        "po",
        "to",
        "pa",
        "di",
        "ye",
        "fo",
        "bama",
        "bana",
        "sami",
        "kona",
        "toma",
        "yaba",
        "bane",
        "gogo",
        "boura",
        "samba",
        "zam",
        "laye",
        "niou",
        "bassi",
        "oula",
        "rambo",
        "dolo",
        "nako",
        "malba",
        "dano",
        "kando",
        "sangha",
        "bingo",
        "poa",
        "pella",
        "dassa",
        "kyon",
        "said",
    }
)


@Language.factory(
    "conflictlens_places",
    assigns=["doc._.places", "doc._.toponyms", "doc._.country"],
    requires=["doc.ents", "token.dep"],
)
def make_places(nlp: Language, name: str) -> PlaceComponent:
    return PlaceComponent()


@dataclass
class _Candidate:
    span: Span
    text: str
    label: str
    ent_id: str
    context: tuple[str, str | None, str | None, GazPlace | None] | None = None  # cc, admin1, admin2, seat
    capital_of: str | None = None  # "the capital", "Mali's capital": the country (None: the one in focus)


class PlaceComponent:
    """Finds and resolves place mentions; sets ``doc._.places``, ``doc._.toponyms`` and ``doc._.country``."""

    def __call__(self, doc: Doc) -> Doc:
        gaz = gazetteer()
        lex = for_lang(doc.lang_)
        votes: Counter[str] = Counter()
        hint = doc.user_data.get("country_hint") if doc.user_data else None
        foreign = _foreign_force_tokens(doc)
        for tok in doc:
            if tok.text in lex.demonyms and tok.i not in foreign:
                votes[lex.demonyms[tok.text]] += 1
        candidates = _recognise(doc, gaz)
        for c in candidates:
            cc = gaz.country_code(_dotted(c) or c.text)
            if cc and any(a[0] != cc for a in gaz.admin1_candidates(c.text)):
                cc = None  # "Georgia": the country or a US state; no vote either way
            if cc and border_of(c.span):
                continue  # "near the Mali border": a neighbour named as a landmark, not the focus
            if cc and not _river_reading(c.span):
                votes[cc] += 2
            elif c.context:
                votes[c.context[0]] += 2
            elif c.ent_id and hint and _ruler_country(gaz, c.ent_id) == hint:
                votes[hint] += 1  # a curated town of the feed's country: the news is about it
        if hint:
            votes[hint] += 1
        focus = votes.most_common(1)[0][0] if votes else None
        resolver = _Resolver(doc, gaz, focus, candidates)
        resolver.votes = votes
        toponyms = resolver.resolve()
        focus = focus or resolver.focus
        if not focus:
            counts = Counter(m.country for m in toponyms if m.country and not (m.region or m.demonym))
            focus = counts.most_common(1)[0][0] if counts else None
        doc._.toponyms = toponyms
        doc._.places = [m for m in toponyms if not (m.region or m.demonym)]
        doc._.country = focus
        return doc


def _foreign_force_tokens(doc: Doc) -> set[int]:
    """Tokens of mentions of foreign forces ("French troops", "Chadian peacekeepers"): their demonym
    tells who they are, not where the news is."""
    named = for_lang(doc.lang_).named_actors
    out: set[int] = set()
    for m in doc._.actor_mentions or []:
        if m.named and m.named in named and named[m.named].kind == "external_force":
            out.update(range(m.start, m.end))
    return out


_BORDER_WORDS = frozenset({"border", "borders", "frontier", "frontière", "frontières"})


def border_of(span: Span) -> bool:
    """A country named as a border: "the Mali border", "the border with Niger", "la frontière malienne"."""
    if _next(span) in _BORDER_WORDS:
        return True
    words = [_prev(span, k) for k in (3, 2, 1)]
    return any(w in _BORDER_WORDS for w in words) and _prev(span) in ("with", "of", "the", "avec", "du", "de")


def _ruler_country(gaz: Gazetteer, ent_id: str) -> str | None:
    """The country of an EntityRuler match: "admin1:ML", "admin2:BF", "geonames:2357487"."""
    kind, _, value = ent_id.partition(":")
    if kind in ("admin1", "admin2"):
        return value or None
    if kind == "geonames" and value.lstrip("-").isdigit():
        place = gaz.get(int(value))
        return place.country_code if place else None
    return None


# ---------------------------------------------------------------------------------------------- recognition


def _clean(span: Span) -> tuple[Span, str]:
    """The span without a leading article or trailing possessive, and its text."""
    doc = span.doc
    start, end = span.start, span.end
    articles = _FR_ARTICLES if doc.lang_ == "fr" else ("the", "a", "an")
    while start < end and doc[start].lower_ in articles and end - start > 1:
        start += 1
    while end - start > 1 and (
        doc[start].text == "-" or (doc[start].text.islower() and _is_direction(doc[start].text))
    ):
        start += 1  # NER's one entity "northeast Nigeria": the direction is a relation, read apart
    # "Petakakisgou (Zimtenga, Bam)": NER may run a name into the admin areas in parentheses
    end = next((t.i for t in doc[start + 1 : end] if t.text == "("), end)
    while end > start and doc[end - 1].text in ("'s", "’s", "'", "’", ".", ",", ")", "(", '"'):
        end -= 1
    if start >= end:
        return span, ""
    span = doc[start:end]
    # "Ouagadougou.[size=large]": forum markup glued to the name in some notes
    return span, span.text.split(".[")[0].strip(" ,.;:()'\"’")


def _prev(span: Span, k: int = 1) -> str:
    i = span.start - k
    return span.doc[i].lower_ if i >= 0 else ""


def _next(span: Span, k: int = 0) -> str:
    i = span.end + k
    return span.doc[i].lower_ if i < len(span.doc) else ""


def _after_locative(span: Span) -> bool:
    if span.doc.lang_ == "fr":
        locatives = for_lang("fr").words["locatives"]
        return _prev(span) in locatives or (_prev(span) in _FR_ARTICLES and _prev(span, 2) in locatives)
    if _prev(span) == "as" and _prev(span, 2) == "coded":
        return True  # ACLED's "(coded as Djibo at geoprecision 2)"
    return _prev(span) in LOCATIVE or (_prev(span) == "the" and _prev(span, 2) in LOCATIVE)


def _person_context(span: Span) -> bool:
    """A name in a person's position: "Mr Kidal", "Ali Gao", "Gao Xiang said"."""
    doc = span.doc
    if _prev(span).rstrip(".") in TITLES:
        return True
    if span.start > 0:
        p = doc[span.start - 1]
        if (
            p.pos_ == "PROPN"
            and p.text[:1].isupper()
            and p.ent_type_ in ("PERSON", "")
            and not p.is_sent_start
        ):
            return True
    if span.end < len(doc):
        n = doc[span.end]
        if n.pos_ == "PROPN" and n.text[:1].isupper() and n.ent_type_ == "PERSON":
            return True
    return False


def _org_context(span: Span) -> bool:
    """A place name opening an organisation's name: "Washington Post", "Niger Delta Avengers"."""
    doc = span.doc
    i = span.end
    while i < len(doc) and doc[i].text[:1].isupper() and doc[i].pos_ == "PROPN":
        if doc[i].lower_ in ORG_HEADS:
            return True
        i += 1
    return i < len(doc) and doc[i].lower_ in ORG_HEADS and doc[i].text[:1].isupper()


def _river_reading(span: Span) -> bool:
    """ "Niger" as the river: "the Niger river", "River Niger", "along the Niger" (not "the Niger army")."""
    text = fold(span.text)
    if "niger" not in text.split():
        return False
    if "river" in text or _next(span) in RIVER_WORDS or _prev(span) == "river":
        return True
    if _prev(span) == "the" and _next(span) not in NOT_RIVER_NEXT:
        nxt = span.doc[span.end] if span.end < len(span.doc) else None
        return nxt is None or nxt.pos_ not in ("NOUN", "PROPN")
    return False


def _in_long_ent(tok: Token) -> bool:
    ents = [e for e in tok.doc.ents if e.start <= tok.i < e.end]
    return bool(ents) and len(ents[0]) > 1


def _gazetteer_names(doc: Doc, gaz: Gazetteer, covered: set[int]) -> list[Span]:
    """Capitalised names NER left unlabelled that the gazetteer knows well: "Douma", "BEIRUT —"."""
    out: list[Span] = []
    people = {t.lower_ for e in doc.ents if e.label_ in ("PERSON", "ORG") for t in e}
    i = 0
    n = len(doc)
    while i < n:
        tok = doc[i]
        if (
            tok.i in covered
            or tok.ent_type_
            or not tok.text[:1].isupper()
            or not (tok.pos_ == "PROPN" or (tok.is_upper and len(tok) > 3))
        ):
            i += 1
            continue
        j = i
        while (
            j < n
            and j - i < 3
            and not doc[j].ent_type_
            and doc[j].text[:1].isupper()
            and doc[j].i not in covered
        ):
            j += 1
        for end in range(j, i, -1):
            span = doc[i:end]
            text = span.text.title() if span.text.isupper() else span.text
            if len(text) < 4 or _person_context(span) or any(t.lower_ in people for t in span):
                continue
            hits = [e for e in gaz.lookup(text) if gaz.is_primary_name(e, text) or e.level != "place"]
            # a town of 5k+ in a place's position: "the distance from the Air Balloon to Cirencester"
            least = 5_000 if _after_locative(span) else 100_000
            # a county after a town and a comma: "near New Quay, Ceredigion"
            levels = ("admin1", "admin2", "region") if _prev(span) == "," else ("admin1", "region")
            if any(e.is_country or e.level in levels or e.population >= least for e in hits):
                out.append(span)
                i = end - 1
                break
        i += 1
    return out


def _well_known(gaz: Gazetteer, span: Span, text: str) -> bool:
    """A name NER mislabels that can only be a place: a country, a US state, a city of 200k+."""
    if len(span) > 3 or _person_context(span) or not text[:1].isupper():
        return False
    if span.label_ == "PERSON" and len(span) > 1:
        return False
    for e in gaz.lookup(text):
        # a curated area's aliases are reviewed names ("Ghouta"), but not its acronyms ("EU", "PEI")
        curated = e.geonames_id < 0 and e.level in ("admin1", "region") and not text.isupper()
        if not gaz.is_primary_name(e, text) and not e.is_country and not curated:
            continue
        if e.is_country or e.level == "region" or (e.geonames_id < 0 and e.feature_class in "LH"):
            return True
        if e.level == "admin1" and e.country_code in ("US", "CA", "AU", "GB", "IN", "CN"):
            return True
        if e.level == "place" and e.population >= 200_000:
            return True
    return False


# Capitalised common words NER labels as places on their own.
_GENERIC_WORDS = frozenset(
    {"royal", "saint", "city", "state", "park", "west", "east", "north",
     "south", "downtown", "uptown", "midtown", "capitol", "divinity"}
)  # fmt: skip


def _placed(span: Span) -> bool:
    """In a place's position: "in X", "near X", "the village of X" (not "the family of X")."""
    if not _after_locative(span):
        return False
    if span.doc.lang_ == "fr":
        k = 2 if _prev(span) in _FR_ARTICLES else 1
        return _prev(span, k) not in _FR_OF or _prev(span, k + 1) in for_lang("fr").words["place_nouns"]
    k = 2 if _prev(span) == "the" else 1
    return _prev(span, k) != "of" or _prev(span, k + 1) in PLACE_NOUNS


def _major_place(gaz: Gazetteer, text: str) -> bool:
    """A name that is a country, a first-level division, a region or a city of a million."""
    return any(
        e.is_country
        or e.level in ("admin1", "region")
        or (e.population >= 1_000_000 and gaz.is_primary_name(e, text))
        for e in gaz.lookup(text)
    )


def _facility(span: Span) -> bool:
    return span[-1].lower_ in FACILITY_HEADS and len(span) > 1


def _recognise(doc: Doc, gaz: Gazetteer) -> list[_Candidate]:
    """Candidate toponym spans, before resolution."""
    lex = for_lang(doc.lang_)
    contexts = _parenthetical_admin(doc, gaz)
    out: list[_Candidate] = []
    covered: set[int] = set()
    hint = doc.user_data.get("country_hint") if doc.user_data else None
    # words of the full names of people the document names: "Narendra Modi" makes a later "Modi" a person
    person_words = {t.text for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 for t in e}

    def add(span: Span, label: str, ent_id: str = "") -> None:
        span, text = _clean(span)
        if not text or any(i in covered for i in range(span.start, span.end)):
            return
        if (
            doc.lang_ == "en"
            and not text[:1].isupper()
            and not ent_id
            and label not in ("CAPITAL", "DEMONYM")
        ):
            return  # "in the bush near Kaya": a common noun in a place's position
        if len(span) > 1 and span[-1].lower_ in ("of", "de", "du", "des"):
            return  # "the University of" cut short of its town
        if fold(text) in lex.not_places or text in lex.actor_aliases:
            return
        if (
            len(span) == 1
            and not ent_id
            and span[0].pos_ == "NOUN"
            and (span[0].lemma_.lower() in lex.generic_nouns or span[0].lemma_.lower() in lex.person_words)
        ):
            return  # "Gunmen attacked ...": NER's place at a sentence start is the actors
        if len(span) == 1 and text.lower() in _GENERIC_WORDS and not ent_id:
            return  # "the Centre", "the West"
        if (
            label != "DEMONYM"
            and not ent_id
            and len(span) <= 2
            and span.end not in contexts
            and all(t.text in person_words for t in span)
            and not _placed(span)
            and not _major_place(gaz, text)
        ):
            return
        if text in lex.demonyms and label != "DEMONYM":
            return
        out.append(_Candidate(span, text, label, ent_id, contexts.get(span.end)))
        covered.update(range(span.start, span.end))

    for span in _country_names(doc, gaz):
        add(span, "GPE")  # "Democratic Republic of the Congo", "Guinea-Bissau": NER cuts them in two
    for ent in doc.ents:
        label = ent.label_
        if (
            label in PLACE_LABELS
            and len(ent) > 1
            and not gaz.lookup(ent.text)
            and all(t.is_punct or gaz.country_code(t.text) for t in ent)
        ):
            for t in ent:  # "Cyprus, Greece Italy or Spain": NER ran two countries together
                if not t.is_punct:
                    add(doc[t.i : t.i + 1], label)
            continue
        if label in PLACE_LABELS:
            if _org_context(ent):
                continue
            ruler = bool(ent.ent_id_)
            if ruler and _person_context(ent) and not _after_locative(ent) and ent.end not in contexts:
                continue
            add(ent, label, ent.ent_id_)
        elif label in MAYBE_PLACE_LABELS:
            _, text = _clean(ent)
            if label == "NORP" and gaz.demonym(text) is not None:
                add(ent, "DEMONYM")
            elif label == "ORG" and _facility(ent) and not _org_context(ent):
                add(ent, "FAC")
            elif label == "ORG" and (seat := _seat_of_facility(gaz, ent)) is not None:
                add(
                    seat, "GPE"
                )  # "the University Hospital of Ouahigouya", "Regional Hospital Center Dedougou"
            elif _org_context(ent):
                continue
            elif _well_known(gaz, ent, text):
                add(ent, "GPE")
            elif hint in RULER_COUNTRIES and len(ent) <= 3 and _placed(ent) and not _person_context(ent):
                add(ent, "")  # Sahel news: "burned a school in Goenega" (NER: a person), a village
            elif label == "NORP":
                continue
            elif ent.end in contexts or (
                _after_locative(ent)
                and len(ent) <= 3
                and not _person_context(ent)
                and any(e.population >= 1000 or e.level != "place" for e in gaz.lookup(text))
            ):
                add(ent, label)
    for span in _unlabelled_places(doc, contexts):
        add(span, "")
    for span in _gazetteer_names(doc, gaz, covered):
        add(span, "GPE")
    for tok in doc:
        if tok.i in covered or not tok.text[:1].isupper():
            continue
        if tok.text == "Niger" and _river_reading(doc[tok.i : tok.i + 1]):
            add(doc[tok.i : tok.i + 1], "LOC")  # "crossed the Niger at dawn"
        elif (
            tok.ent_type_ in ("NORP", "ACTOR", "")
            and not (tok.ent_type_ == "NORP" and _in_long_ent(tok))
            and gaz.demonym(tok.text) is not None
        ):
            add(doc[tok.i : tok.i + 1], "DEMONYM")  # "Malian forces"
    for span, cc in _capital_mentions(doc, gaz, out):
        before = len(out)
        add(span, "CAPITAL")
        if len(out) > before:
            out[-1].capital_of = cc
    for c in out:
        if c.context is None and c.label != "CAPITAL":
            c.context = _comma_context(doc, c.span, gaz)
    # "the Gounghin district of Ouagadougou": a neighbourhood takes the town it is part of as context
    starts = {k.span.start: k for k in out}
    for c in out:
        if c.context is not None or c.label == "DEMONYM" or c.span.end + 2 >= len(doc):
            continue
        if doc[c.span.end].lower_ not in _PART_WORDS or doc[c.span.end + 1].lower_ != "of":
            continue
        k = starts.get(c.span.end + 2) or starts.get(c.span.end + 3)
        if k is None:
            continue
        towns = [e for e in gaz.lookup(k.text) if e.level == "place" and gaz.is_primary_name(e, k.text)]
        own = [e.population for e in gaz.lookup(c.text) if e.level == "place"]
        if gaz.country_code(k.text) or (towns and own and max(own) >= towns[0].population):
            continue  # "the Cincinnati suburb of West Chester": the other way round
        if towns:
            town = towns[0]
            c.context = (town.country_code, gaz.admin1_name(town.country_code, town.admin1_code), None, town)
    # "in Tin-Jollel, in the Markoye Department (Markoye, Oudalan)": a village takes the admin context
    # given a few words later in its sentence
    for c in out:
        if c.context is not None:
            continue
        sent_end = c.span.sent.end
        for paren, ctx in contexts.items():
            if (
                c.span.end < paren <= min(sent_end, c.span.end + 12)
                # "A, B and C (Bankass, Mopti)": the areas of a list's every member, whatever
                # namesakes the gazetteer knows elsewhere
                and (_fits(gaz, c.text, ctx) or _listed_up_to(doc, c.span.end, paren))
                and not _river_reading(c.span)  # "on the Niger river near Bamba (Bourem, Gao)"
            ):
                c.context = ctx
                break
        if c.context is not None or c.label == "DEMONYM":
            continue
        # "the village of Gnatan in the Yagha Province": an admin area named just after
        for k in out:
            if not (c.span.end < k.span.start <= min(sent_end, c.span.end + 8)):
                continue
            words = k.text.split()
            if doc.lang_ == "fr" and _fr_admin_before(k.span):
                words = [*words, "province"]  # "dans la province du Bam"
            if len(words) < 2 or words[-1].lower() not in ADMIN_NOUNS:
                continue
            base = " ".join(words[:-1])
            a2 = gaz.admin2_by_name(base)
            if len(a2) == 1:
                c.context = (a2[0][0], a2[0][1], a2[0][2], None)
                break
            a1 = gaz.admin1_by_name(base)
            if a1 and a1[0] in RULER_COUNTRIES:
                c.context = (a1[0], a1[1], None, None)
                break
        if c.context is None:
            c.context = _country_after(doc, gaz, c, out)
    out.sort(key=lambda c: c.span.start)
    return out


# what may stand between a place and the country it is said to be in: "in southern", "dans le nord du"
_IN_COUNTRY_GLUE = frozenset(
    {
        "in",
        "the",
        "en",
        "au",
        "aux",
        "dans",
        "le",
        "la",
        "du",
        "de",
        "l'",
        "nord",
        "sud",
        "est",
        "ouest",
        "centre",
    }
)


def _country_after(
    doc: Doc, gaz: Gazetteer, c: _Candidate, found: list[_Candidate]
) -> tuple[str, str | None, str | None, GazPlace | None] | None:
    """ "near Kalana in southern Mali", "à Kalana, dans le sud du Mali": the country a place is
    said to be in, as its context (a namesake elsewhere is then the wrong reading)."""
    if c.label not in ("GPE", "LOC", "") or gaz.country_code(c.text) or any(ch.isdigit() for ch in c.text):
        return None  # not "H5N1 in Indonesia"
    for e in gaz.lookup(c.text):
        if e.level != "place" or (e.population >= 100_000 and gaz.is_primary_name(e, c.text)):
            return None  # "Ontario", "Kashmir", "San Juan": an area or a city the name alone tells
    for k in found:
        if not (c.span.end < k.span.start <= c.span.end + 4):
            continue
        gap = [t.lower_ for t in doc[c.span.end : k.span.start]]
        if gap[0] == ",":
            gap = gap[1:]
        if not gap or gap[0] not in ("in", "en", "au", "dans"):
            return None
        if not all(w in _IN_COUNTRY_GLUE or _is_direction(w) for w in gap):
            return None
        cc = gaz.country_code(k.text)
        return (cc, None, None, None) if cc else None
    return None


# "the capital": the words for a capital city, and the words before it that make it some other capital
CAPITAL_WORDS = {"en": frozenset({"capital"}), "fr": frozenset({"capitale"})}
_BEFORE_CAPITAL = frozenset({"national", "nationale", "'s", "’s", "s", "city", "the", "la", "its"})
NOT_NATIONAL_CAPITAL = frozenset(
    {"economic", "provincial", "regional", "departmental", "commercial", "financial", "cultural", "former",
     "state", "district", "county", "venture", "political", "spiritual", "religious", "administrative",
     "économique", "provinciale", "régionale", "ancienne", "business", "tourist", "world", "european"}
)  # fmt: skip


def _seat_of_facility(gaz: Gazetteer, ent: Span) -> Span | None:
    """The town at the end of a facility's name NER calls an organisation: "the University Hospital of
    Ouahigouya", "the Regional Hospital Center Dedougou" (a city of 100k+, or a town of the country
    the document is about)."""
    span, text = _clean(ent)
    if len(span) < 2 or not text:
        return None
    doc = span.doc
    for k in (2, 1):
        if len(span) <= k:
            continue
        head = doc[span.end - k - 1]
        ofs = ("de", "du", "d'", "d’") if doc.lang_ == "fr" else ("of",)
        if not (head.lower_ in ofs or head.lower_ in FACILITY_HEADS):
            continue
        tail = doc[span.end - k : span.end]
        name = _clean(tail)[1]
        if not name[:1].isupper():
            continue
        if name.lower() in FACILITY_HEADS or name.lower() in _GENERIC:
            continue
        hint = doc.user_data.get("country_hint") if doc.user_data else None
        if any(
            e.level == "place"
            and gaz.is_primary_name(e, name)
            and (e.population >= 100_000 or (e.country_code == hint and e.population >= 1000))
            for e in gaz.lookup(name)
        ):
            return tail
    return None


def _capital_mentions(doc: Doc, gaz: Gazetteer, found: list[_Candidate]) -> list[tuple[Span, str | None]]:
    """ "the capital", "the national capital", "Mali's capital", "the capital of Niger": the capital
    of the country named with it, else of the country in focus. Not when the capital is named right
    after ("the capital Ouagadougou": that name is the toponym), nor "the provincial capital of Djibo",
    "a capital fund"."""
    words = CAPITAL_WORDS.get(doc.lang_, CAPITAL_WORDS["en"])
    starts = {c.span.start: c for c in found}
    ends = {c.span.end: c for c in found}
    out: list[tuple[Span, str | None]] = []
    for tok in doc:
        if tok.lower_ not in words or tok.ent_type_ not in ("", "GPE", "LOC"):
            continue
        i = tok.i
        cc: str | None = None
        j = i - 1
        while j >= 0 and doc[j].lower_ in _BEFORE_CAPITAL:
            j -= 1
        if j >= 0 and doc[j].lower_ in NOT_NATIONAL_CAPITAL:
            continue
        prev = ends.get(j + 1)
        if prev is not None:
            cc = gaz.country_code(prev.text)
            if cc is None:
                continue  # "Bam capital city", "the Soum provincial capital": another capital
        elif not (i > 0 and doc[i - 1].lower_ in ("the", "national", "nationale", "la", "its")):
            continue
        k = i + 1
        if k < len(doc) and doc[k].lower_ in ("city", "ville"):
            k += 1
        if k < len(doc) and doc[k].pos_ in ("NOUN", "PROPN") and k not in starts:
            continue  # "a capital fund", "capital markets"
        if k < len(doc) and doc[k].lower_ in ("of", "de", "du"):
            after = [c for c in found if k < c.span.start <= k + 2]
            if not after or gaz.country_code(after[0].text) is None:
                continue  # "the capital of the Soum province", "capital of Djibo"
            cc = gaz.country_code(after[0].text)
        elif k in starts or (k < len(doc) and doc[k].text == "," and k + 1 in starts):
            continue  # "the capital Ouagadougou", "the national capital, Ouagadougou"
        out.append((doc[i : i + 1], cc))
    return out


def _country_names(doc: Doc, gaz: Gazetteer) -> list[Span]:
    """Country names of several tokens, found whole: NER often splits "Democratic Republic of the Congo"
    and tokenisation splits "Guinea-Bissau"; and one-word names NER mislabels."""
    out: list[Span] = []
    n = len(doc)
    i = 0
    first_words = gaz.country_first_words
    texts = [t.text for t in doc]  # one pass, not a Token object per look
    while i < n:
        if not texts[i][:1].isupper() or fold(texts[i]).split(" ", 1)[0] not in first_words:
            i += 1
            continue
        for j in range(min(n, i + 7), i + 1, -1):
            span = doc[i:j]
            if texts[j - 1][:1].isupper() and gaz.country_code(span.text):
                out.append(span)
                i = j - 1
                break
        else:
            tok = doc[i]
            if (
                tok.pos_ == "PROPN"
                and tok.ent_type_ in _MISREAD_LABELS
                and not tok.is_upper  # "CD", "GA": codes; "MEXICO CITY": a dateline
                and gaz.country_code(tok.text)
            ):
                out.append(doc[i : i + 1])  # "Teachers in Niger": NER calls it a date
        i += 1
    return out


# NER labels a country's name can get that say nothing against it being the country ("Niger" as a
# DATE or a WORK_OF_ART); a PERSON or an ORG reading is left to the checks for those
_MISREAD_LABELS = frozenset({"", "DATE", "TIME", "WORK_OF_ART", "CARDINAL", "EVENT", "LAW", "PRODUCT"})


def _unlabelled_places(
    doc: Doc, contexts: dict[int, tuple[str, str | None, str | None, GazPlace | None]]
) -> list[Span]:
    """Proper nouns NER missed that are places by position: "X (Admin3, Admin2)", "in X", "village of X"."""
    lex = for_lang(doc.lang_)
    out: list[Span] = []

    def propn_run_before(end: int) -> Span | None:
        start = end
        while start > 0:
            prev = doc[start - 1]
            glued = start - 2 >= 0 and not doc[start - 2].whitespace_ and not prev.whitespace_
            if prev.text[:1].isupper() and prev.pos_ in ("PROPN", "NOUN", "ADJ", "X"):
                start -= 1
            elif glued and (prev.text == "-" or (prev.is_lower and len(prev) <= 3)) and start < end:
                start -= 1  # "Ti-n-Samane", "Gorom-Gorom"
            else:
                break
        while start < end and doc[start].lower_ in PLACE_NOUNS:
            start += 1
        return doc[start:end] if start < end else None

    for paren in contexts:
        span = propn_run_before(paren)
        if span is not None:
            out.append(span)
    if doc.lang_ == "fr":
        return out + _unlabelled_places_fr(doc)
    for tok in doc:
        if tok.lower_ not in ("in", "near", "of", "at", "outside"):
            continue
        if tok.lower_ == "of" and (tok.i == 0 or doc[tok.i - 1].lemma_.lower() not in PLACE_NOUNS):
            continue
        end = tok.i + 1
        while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
            end += 1
        if end > tok.i + 1 and doc[tok.i + 1].ent_type_ not in (
            "DATE",
            "TIME",
            "PERSON",
            "ORG",
            "NORP",
            "ACTOR",
        ):
            span = doc[tok.i + 1 : end]
            if fold(span.text) not in lex.not_places and span.text not in lex.actor_aliases:
                out.append(span)
                # "the villages of A, B and C": NER may call B and C people; a plural settlement
                # noun says what they are
                named_as = tok.lower_ == "of" and doc[tok.i - 1].lower_ in SETTLEMENT_NOUNS
                out += _listed_after(doc, end, lex, people_too=named_as)
    return out


def _listed_up_to(doc: Doc, end: int, paren: int) -> bool:
    """Whether a name ending at ``end`` opens a list of names that runs up to the bracket at ``paren``
    ("A, B and C (X, Y)")."""
    gap = doc[end:paren]
    return (
        len(gap) > 1
        and gap[0].lower_ in LIST_GLUE
        and any(t.lower_ in LIST_CONJUNCTIONS for t in gap)
        and all(t.lower_ in LIST_GLUE or (t.text[:1].isupper() and t.pos_ == "PROPN") for t in gap)
    )


def _listed_after(doc: Doc, end: int, lex: Lexicon, people_too: bool = False) -> list[Span]:
    """The other members of a list of place names opened at ``end`` ("in the villages of A, B and C":
    B and C), when the list closes with "and"/"or" (not "in Gao, President X said")."""
    found: list[Span] = []
    i = end
    while i < len(doc):
        j = i
        while j < len(doc) and j - i < 2 and doc[j].lower_ in LIST_GLUE:
            j += 1
        if j == i:
            break
        k = j
        while k < len(doc) and doc[k].pos_ == "PROPN" and doc[k].text[:1].isupper():
            k += 1
        if k == j or doc[j].ent_type_ in ("DATE", "TIME", "ORG", "NORP", "ACTOR"):
            break
        if doc[j].ent_type_ == "PERSON" and not people_too:
            break
        span = doc[j:k]
        if fold(span.text) in lex.not_places or span.text in lex.actor_aliases:
            break
        found.append(span)
        if any(t.lower_ in LIST_CONJUNCTIONS for t in doc[i:j]):
            return found  # the list's last member
        i = k
    return []


def _parenthetical_admin(
    doc: Doc, gaz: Gazetteer
) -> dict[int, tuple[str, str | None, str | None, GazPlace | None]]:
    """ACLED-style "(Admin3, Admin2)" or "(Admin2)" after a place.

    Maps the token index of "(" to (ISO2, admin1, admin2, the admin3 seat if known).
    """
    out: dict[int, tuple[str, str | None, str | None, GazPlace | None]] = {}
    text = doc.text
    for tok in doc:
        if tok.text != "(":
            continue
        close = text.find(")", tok.idx)
        if close < 0 or close - tok.idx > 80:
            continue
        parts = [p.strip() for p in text[tok.idx + 1 : close].split(",") if p.strip()]
        if not parts or len(parts) > 3:
            continue
        found: tuple[str, str | None, str | None] | None = None
        for part in reversed(parts):
            hits = gaz.admin2_by_name(part)
            if hits:
                found = hits[0]
                break
            a1 = gaz.admin1_by_name(part)
            if a1 and found is None:
                found = (a1[0], a1[1], None)
        if found is None:
            # "(Gorom-Gorom)": a commune whose seat we know
            seat_only = _sahel_place(gaz, parts[0])
            if seat_only is not None:
                cc = seat_only.country_code
                out[tok.i] = (
                    cc,
                    gaz.admin1_name(cc, seat_only.admin1_code),
                    gaz.admin2_of(seat_only),
                    seat_only,
                )
            continue
        cc, admin1, admin2 = found
        seat = None
        if len(parts) >= 2:
            seat = _best_in_area(gaz, parts[0], cc, admin1)
        out[tok.i] = (cc, admin1, admin2, seat)
    return out


def _comma_context(
    doc: Doc, span: Span, gaz: Gazetteer
) -> tuple[str, str | None, str | None, GazPlace | None] | None:
    """ "Austin, Texas" / "Gao, Mali": the admin1 or country after a comma."""
    if span.end + 1 >= len(doc) or doc[span.end].text != ",":
        return None
    nxt = doc[span.end + 1 : span.end + 4]
    place = _clean(span)[1]
    for k in (3, 2, 1):
        words = nxt[:k]
        if not words or not words[0].text[:1].isupper():
            continue
        after = span.end + 1 + k
        if after < len(doc) and doc[after].ent_iob_ == "I" and doc[after].text[:1].isupper():
            continue  # "Florida Atlantic University, California Polytechnic State University"
        t = words.text.strip(" .,")
        if _siblings(gaz, place, t):
            return None  # "Idaho, Maine, Montana", "Angola, Chad": a list, not a place and its area
        cc = gaz.country_code(t)
        if cc:
            # "Atlanta, Georgia": the state when the place before the comma lies in it
            for a1cc, a1name in gaz.admin1_candidates(t):
                code = gaz.admin1_code(a1cc, a1name)
                if a1cc != cc and any(
                    e.country_code == a1cc and e.admin1_code == code and e.level == "place"
                    for e in gaz.lookup(place)
                ):
                    return (a1cc, a1name, None, None)
            return (cc, None, None, None)
        a1 = gaz.admin1_by_name(t)
        if a1 and (t.isupper() or len(t) > 3 or t.endswith(".")):
            if _city_elsewhere(gaz, place, a1[0], a1[1]):
                return None  # "Miami, West Palm Beach, New York, and Detroit": a list of cities
            if _part_of_city(gaz, place, t, a1[0]):
                return None  # "Queens, New York", "Brooklyn, New York": the city, not the state
            return (a1[0], a1[1], None, None)
        # "in the area of Bangaba, Yagha Province": a curated admin2 (Sahel provinces, cercles)
        parts = t.split()
        base = " ".join(parts[:-1]) if len(parts) > 1 and parts[-1].lower() in ADMIN_NOUNS else t
        a2 = gaz.admin2_by_name(base) if len(base) > 3 else []
        if len(a2) == 1:
            return (a2[0][0], a2[0][1], a2[0][2], None)
        if base != t:
            a1 = gaz.admin1_by_name(base)
            if a1:
                return (a1[0], a1[1], None, None)
    return None


def _city_elsewhere(gaz: Gazetteer, name: str, cc: str, admin1: str) -> bool:
    """A city of 50k+ of that country that has no namesake in that division: "West Palm Beach, New
    York" is a list, while "Portland, Maine" is Maine's Portland."""
    towns = [e for e in gaz.lookup(name) if e.level == "place" and e.country_code == cc]
    if any(gaz.admin1_name(cc, e.admin1_code) == admin1 for e in towns):
        return False
    return any(e.population >= 50_000 and gaz.is_primary_name(e, name) for e in towns)


def _part_of_city(gaz: Gazetteer, name: str, city: str, cc: str) -> bool:
    """A borough or suburb (not the city itself) within 30 km of a city of 500k+ named like the
    division after the comma: "Queens, New York" names New York City."""
    cities = [
        e for e in gaz.lookup(city) if e.level == "place" and e.country_code == cc and e.population >= 500_000
    ]
    parts = [e for e in gaz.lookup(name) if e.level == "place" and e.country_code == cc][:1]
    return any(
        p.geonames_id != c.geonames_id and distance_km(p.latitude, p.longitude, c.latitude, c.longitude) < 30
        for p in parts
        for c in cities
    )


def _fits(gaz: Gazetteer, name: str, ctx: tuple[str, str | None, str | None, GazPlace | None]) -> bool:
    """Whether an admin context given further on can be a name's: the name is unknown in that country,
    or one of its entries there lies in that area ("Natiaboani ... beer (Dolo)": the known Natiaboani
    is not in Dolo's area)."""
    cc, admin1 = ctx[0], ctx[1]
    entries = [e for e in gaz.lookup(name) if e.level == "place" and e.country_code == cc]
    if not entries or admin1 is None:
        return True
    return any(gaz.admin1_name(cc, e.admin1_code) == admin1 for e in entries)


def _siblings(gaz: Gazetteer, left: str, right: str) -> bool:
    """Two names of one level side by side: two countries ("Angola, Chad") or two first-level divisions
    of one country ("Idaho, Maine", "Guangdong, Guangxi") that are not a town and its own area
    ("Mopti, Mopti", "Kidal, Mali" stay a place and its area)."""
    if fold(left) == fold(right):
        return False
    left_cc, right_cc = gaz.country_code(left), gaz.country_code(right)
    if left_cc and right_cc:
        return left_cc != right_cc
    right_a1 = gaz.admin1_candidates(right)
    if not right_a1 or right_cc:
        return False
    left_a1 = gaz.admin1_candidates(left)
    if left_cc and not any(lcc == cc for lcc, _ in left_a1 for cc, _ in right_a1):
        return all(cc != left_cc for cc, _ in right_a1)  # "Guam, Louisiana": a country is in no state
    for cc, name in right_a1:
        if not any(lcc == cc for lcc, _ in left_a1):
            continue
        code = gaz.admin1_code(cc, name)
        towns_inside = [
            e
            for e in gaz.lookup(left)
            if e.level == "place"
            and e.country_code == cc
            and code is not None
            and e.admin1_code == code
            and gaz.is_primary_name(e, left)
        ]
        if not towns_inside:
            return True
    return False


def _sahel_place(gaz: Gazetteer, name: str) -> GazPlace | None:
    hits = [p for p in gaz.lookup(name) if p.country_code in RULER_COUNTRIES and p.feature_class == "P"]
    return hits[0] if hits else None


def _best_in_area(gaz: Gazetteer, name: str, cc: str, admin1: str | None) -> GazPlace | None:
    for p in gaz.lookup(name):
        in_area = p.country_code == cc and (admin1 is None or gaz.admin1_name(cc, p.admin1_code) == admin1)
        if in_area and (p.feature_class == "P" or p.feature_code == "ADM2"):
            return p
    return None


# ---------------------------------------------------------------------------------------------- resolution

_CITY_WORDS = frozenset({"city", "town", "ville"})
# Words of building and area names that are not the place they are in.
_GENERIC = frozenset(
    {"royal", "national", "state", "new", "old", "great", "saint", "st", "st.", "north", "south", "east",
     "west", "central", "upper", "lower", "little", "grand", "holy", "first", "second", "third", "british",
     "american", "french", "high", "memorial", "general", "international", "children's", "city", "golf"}
)  # fmt: skip

_FEATURE_PRIOR = {"country": 3.0, "admin1": 1.6, "admin2": 0.6, "region": 4.5, "place": 0.0}


class _Resolver:
    """Chooses one gazetteer entry per candidate with the document's context."""

    def __init__(self, doc: Doc, gaz: Gazetteer, focus: str | None, candidates: list[_Candidate]) -> None:
        self.doc = doc
        self.gaz = gaz
        self.focus = focus
        self.candidates = candidates
        words = for_lang(doc.lang_).words
        self.press_countries = words.get("press_countries", frozenset())
        self.press_countries_first = words.get("press_countries_first", frozenset())
        self.anchors: list[GazPlace] = []
        self.votes: Counter[str] = Counter()
        self.doc_countries: Counter[str] = Counter()
        # (ISO2, GeoNames admin1 code) of the states/provinces the document names: "GLASGOW, Ky.",
        # "a Queensland Amber Alert"; their towns are preferred over namesakes elsewhere
        # (the folded names that named them; "~" for a name that is also a town's, or a context)
        self.named_admin1: dict[tuple[str, str], set[str]] = {}
        self.named_at: dict[tuple[str, str], set[int]] = {}  # ... and where (token index of the namer)
        # token index -> (ISO2, admin1) a name after a comma is read as: "Atlanta, Georgia"
        self.read_as: dict[int, tuple[str, str | None]] = {}
        self.self_anchored: set[int] = set()  # candidates that anchored the document on their own
        # token index -> ISO2 of a list of that country's states/provinces the candidate stands in
        self.admin1_lists: dict[int, str] = {}
        # folded name -> the entry its first resolved mention took (one sense per document)
        self.sense: dict[str, int] = {}

    def resolve(self) -> list[PlaceMention]:
        looked = [(c, self._entries(c)) for c in self.candidates]
        self.admin1_lists = _admin1_lists(self.doc, looked)
        for c in self.candidates:
            if (
                c.span.start in self.admin1_lists
                and c.span.end < len(self.doc)
                and self.doc[c.span.end].text == ","
            ):
                c.context = None  # "Washington, West Virginia and Wyoming": a list, not a town in a state
        for c in self.candidates:
            if c.context is not None and c.span.end < len(self.doc) and self.doc[c.span.end].text == ",":
                # "Atlanta, Georgia": the name after the comma is the context we read for the place
                self.read_as[c.span.end + 1] = (c.context[0], c.context[1])
        for c, entries in looked:
            if c.label == "DEMONYM":
                continue
            if c.context is not None and c.context[1]:
                code = self.gaz.admin1_code(c.context[0], c.context[1])
                if code:
                    self.named_admin1.setdefault((c.context[0], code), set()).add("~")
                    self.named_at.setdefault((c.context[0], code), set()).add(c.span.start)
            admin1s = [e for e in entries if e.level == "admin1"]
            if (
                admin1s
                and not any(e.is_country for e in entries)
                and not any(e.level == "place" and e.population >= 200_000 for e in entries)
                and (c.label in ("GPE", "LOC") or c.context is not None or _dotted(c))
            ):
                key = (admin1s[0].country_code, admin1s[0].admin1_code)
                pure = all(e.level == "admin1" for e in entries)  # "Wash.", "Queensland", not "Tombouctou"
                self.named_admin1.setdefault(key, set()).add(fold(c.text) if pure else "~")
                self.named_at.setdefault(key, set()).add(c.span.start)
        # first pass: unambiguous entries anchor the document
        for c, entries in looked:
            trusted = c.label in ("GPE", "LOC", "FAC") or c.ent_id or c.context is not None
            if not trusted or c.label == "DEMONYM":
                continue
            sole = len(entries) == 1 and (
                entries[0].population >= 1000
                or entries[0].level != "place"
                or c.ent_id == f"geonames:{entries[0].geonames_id}"  # a curated Sahel town, however small
            )
            if sole or (entries and entries[0].is_country):
                self.anchors.append(entries[0])
                self.doc_countries[entries[0].country_code] += 1
                self.self_anchored.add(c.span.start)
        if self.focus is None and self.doc_countries:
            top = self.doc_countries.most_common(2)
            if len(top) == 1 or top[0][1] > top[1][1]:
                self.focus = top[0][0]
        out: list[PlaceMention] = []
        for c, entries in looked:
            m = self._mention(c, entries)
            if m is not None:
                out.append(m)
                if m.gaz is not None and c.label != "DEMONYM":
                    self.sense.setdefault(fold(c.text), m.gaz.geonames_id)
                if m.gaz is not None and not m.stand_in:
                    self.anchors.append(m.gaz)
                if m.country:
                    self.doc_countries[m.country] += 1
        out = [self._inner(m) for m in out]
        out = _relations(self.doc, out, self.gaz)
        out = _anchor_unknown(self.doc, out)
        out = _coded_as(self.doc, out)
        return _context_fallback(out, self.focus, self.doc)

    def _inner(self, m: PlaceMention) -> PlaceMention:
        """A building or area we cannot find, named after a known place, stands in at that place:
        "Dubai World Trade Centre" → Dubai, "British Embassy Tokyo" → Tokyo, "Birmingham City" →
        Birmingham."""
        if m.gaz is not None or not m.stand_in:
            return m
        words = m.text.split()
        if len(words) < 2:
            return m
        known = set(self.doc_countries) | ({self.focus} if self.focus else set())
        for size in range(len(words) - 1, 0, -1):
            for i in range(len(words) - size + 1):
                part = " ".join(words[i : i + size])
                generic = all(w.lower() in FACILITY_HEADS or w.lower() in _GENERIC for w in part.split())
                if not part[:1].isupper() or generic:
                    continue
                hits = [
                    e
                    for e in self.gaz.lookup(part)
                    if e.level in ("place", "admin1")
                    and self.gaz.is_primary_name(e, part)
                    and (
                        (e.country_code in known and (e.population >= 20_000 or e.level == "admin1"))
                        or e.population >= 500_000
                    )
                ]
                if hits:
                    e = max(hits, key=lambda h: (h.country_code in known, h.level == "place", h.population))
                    admin1 = self.gaz.admin1_name(e.country_code, e.admin1_code)
                    return replace(m, gaz=e, country=e.country_code or None, admin1=admin1)
        return m

    def _entries(self, c: _Candidate) -> list[GazPlace]:
        text = c.text
        if c.label == "CAPITAL":
            return []
        if _river_reading(c.span):
            hits = self.gaz.lookup("Niger River")
            return hits
        entries = self.gaz.lookup(text)
        dotted = _dotted(c)
        if dotted:
            # "U.S.", "Ky.", "Wash.": an abbreviation is looked up with its period ("Ky" alone is no
            # place, and not the Cayman Islands' ISO code)
            entries = self.gaz.lookup(dotted) or [e for e in entries if not e.is_country]
        if not entries and text.lower().startswith(("the ",)):
            entries = self.gaz.lookup(text[4:])
        words = text.split()
        k = 0
        while not entries and k < 2 and len(words) - k > 1 and _is_direction(words[k]):
            # "north west London", "southern Ontario": the place itself (the relation is kept apart)
            k += 1
            entries = [e for e in self.gaz.lookup(" ".join(words[k:])) if not e.is_country]
        if not entries:
            # "Gao region", "Kidal Region", "Soum province": the admin area
            words = text.split()
            if len(words) > 1 and words[-1].lower() in ADMIN_NOUNS:
                entries = [e for e in self.gaz.lookup(" ".join(words[:-1])) if e.feature_class in "APL"]
        return entries

    def _score(self, c: _Candidate, e: GazPlace, entries: list[GazPlace]) -> float:
        gaz = self.gaz
        level = e.level
        s = _FEATURE_PRIOR.get(level, 0.0)
        pop = e.population if level == "place" else max(e.population, 2_000_000 if level == "admin1" else 0)
        s += math.log10(pop + 1) * 0.6
        primary = gaz.is_primary_name(e, c.text)
        if primary or level in ("country", "admin1", "region"):
            s += 1.2  # its own name (curated aliases of countries, admin areas and regions count as own)
        elif e.population >= 10_000:
            s += 0.6  # a well-known town's other name: "Tombouctou"
        if self.focus and e.country_code == self.focus:
            s += 2.0 if level == "admin1" else 1.5
        elif e.country_code and self.doc_countries.get(e.country_code):
            s += 0.75
        elif not self.focus and e.country_code in self.press_countries:
            # a French text naming no country: "Léré", "Pô" are Sahel towns before namesakes elsewhere
            s += 1.5 if e.country_code in self.press_countries_first else 1.0
        capital = e.feature_code == "PPLC"
        if level == "place" and primary and (e.population >= 500_000 or (capital and e.population >= 50_000)):
            rivals = [
                o for o in entries if o is not e and o.level == "place" and gaz.is_primary_name(o, c.text)
            ]
            local_rival = any(
                (o.country_code == self.focus and o.population >= 100_000)
                or (
                    (o.country_code, o.admin1_code) in self.named_admin1
                    and not capital
                    and e.population < 1_500_000
                )
                for o in rivals
            )
            ratio = 5 if capital else 20
            if not local_rival and all(o.population * ratio <= e.population for o in rivals):
                s += 2.5  # "London", "Washington": the world city or capital, unless the context says so
        if level in ("admin1", "country") and _prev(c.span) in DIRECTION_ADJECTIVES and c.text[:1].isupper():
            s += 3.0  # "central Washington", "southern California": a part of a state or country
        if level == "admin1" and self.admin1_lists.get(c.span.start) == e.country_code:
            s += 4.0  # "Tennessee, Texas, Utah, Washington and Wyoming": states like the others
        curated = [o for o in entries if o.geonames_id < 0 and o.feature_class in "SLH"]
        if e in curated and e.level == "place":
            s += _FEATURE_PRIOR["region"]  # a curated landmark ("the White House", "Heathrow") named as such
        elif (
            level == "place"
            and e.population < 50_000
            and curated
            and (e.country_code, e.admin1_code) not in self.named_admin1
        ):
            s -= 2.0  # "the White House", "the Atlantic": the curated landmark, not a small town
        if self.sense.get(fold(c.text)) == e.geonames_id:
            s += 3.0  # "Blakely, Georgia ... the Georgia plant": a name keeps the sense it took before
        if c.ent_id == f"geonames:{e.geonames_id}":
            s += 3.0  # the curated Sahel entry the EntityRuler matched
        read = self.read_as.get(c.span.start)
        if read is not None and e.country_code == read[0]:
            own = (
                e.is_country
                if read[1] is None
                else (level == "admin1" and gaz.admin1_name(e.country_code, e.admin1_code) == read[1])
            )
            if own:
                s += 5.0
        namers = self.named_admin1.get((e.country_code, e.admin1_code), set())
        if namers:
            if level == "place" and self.named_at.get((e.country_code, e.admin1_code), set()) - {
                c.span.start
            }:
                s += 2.0  # a town of the state/province the document names (not "Minnesota" itself)
            elif level == "admin1" and namers - {fold(c.text), "~"}:
                s += 3.0  # "SEATTLE, Wash. ... in Washington": the state already named
        # "Quebec": in North American and Australian usage a bare province/state name shared with
        # a city inside it (not a megacity like New York) is the province
        province_first = (
            level == "admin1"
            and e.country_code in ("CA", "US", "AU")
            and primary
            and not _CITY_WORDS.intersection(w.lower() for w in c.text.split())
            and (self.focus in (None, e.country_code))
        )
        namesakes = [o for o in entries if o.level == "place" and o.country_code == e.country_code]
        big = [o for o in namesakes if o.population >= 200_000]
        if (
            province_first
            and big
            and all(o.admin1_code == e.admin1_code and o.population < 1_000_000 for o in big)
        ):
            s += 1.5
        elif level in ("admin1", "admin2") and any(o.population >= 200_000 for o in namesakes):
            s -= 2.0  # "Washington": the big city, not the state
        ctx = c.context
        if ctx is not None:
            cc, admin1, _admin2, seat = ctx
            if e.country_code == cc:
                s += 3.0
                if admin1 and gaz.admin1_name(cc, e.admin1_code) == admin1:
                    s += 3.0
                if seat is not None:
                    d = distance_km(seat.latitude, seat.longitude, e.latitude, e.longitude)
                    s += 2.0 if d < 30 else (1.0 if d < 80 else 0.0)
            elif e.level != "country":
                s -= 3.0
        others = [a for a in self.anchors if a != e]
        if others and level == "place":
            d = min(distance_km(a.latitude, a.longitude, e.latitude, e.longitude) for a in others)
            s += 1.5 if d < 50 else 1.0 if d < 200 else 0.5 if d < 800 else 0.0
        # "Gao region", "Soum province": the admin area
        nxt = _next(c.span)
        admin_noun = ADMIN_NOUNS.get(nxt) or ADMIN_NOUNS.get(c.text.split()[-1].lower())
        if not admin_noun and _prev(c.span) == "of" and _prev(c.span, 2) in ADMIN_NOUNS:
            admin_noun = ADMIN_NOUNS[_prev(c.span, 2)]  # "the state of Washington", "the province of Kasai"
        if not admin_noun and nxt in _ADMIN1_TITLES and c.text[:1].isupper():
            admin_noun = "admin1"  # "New York Governor Andrew Cuomo", "the Lagos governor"
        if admin_noun:
            if level in ("admin1", "admin2"):  # "province" is admin1 in one country, admin2 in another
                s += 4.0
        elif (
            level in ("admin1", "admin2")
            and not province_first
            and any(o.admin1_code == e.admin1_code for o in namesakes)
        ):
            s -= 3.5  # a bare "Gao" is the town, not the region named after it
        if level == "admin2":
            s -= 1.0  # a bare cercle/province name is most often its seat
        return s

    def _mention(self, c: _Candidate, entries: list[GazPlace]) -> PlaceMention | None:
        span, text = c.span, c.text
        dest = _is_destination(span)
        if c.label == "DEMONYM":
            target = self.gaz.demonym(text)
            if target is None:
                return None
            m = self._from_entry(span, text, target, dest)
            return replace(m, demonym=True, text=target.name, level="country", region=m.region)
        if c.label == "CAPITAL":
            cc = c.capital_of or self.focus
            capital = self.gaz.capital(cc) if cc else None
            return self._from_entry(span, text, capital, dest) if capital is not None else None
        if not entries:
            return self._unknown(c, dest, found=False)
        best = max(entries, key=lambda e: self._score(c, e, entries))
        if (
            best.level == "place"
            and not c.ent_id
            and c.context is None
            and len(text) <= 4
            and sum(ch.isupper() for ch in text) >= 2
            and not self.gaz.is_primary_name(best, text)
        ):
            return None  # "AI", "MoD": an acronym that is only some small town's alternate name
        words = text.split()
        if (
            len(words) > 1
            and words[-1].lower() in ("county", "parish", "borough")
            and best.level == "place"
            and (best.country_code, best.admin1_code) not in self.named_admin1
        ):
            return self._unknown(c, dest)  # "Adair County": not a town "Adair" in some other state
        if c.context is not None and best.level != "country":
            cc, admin1, _a2, _seat = c.context
            if best.country_code != cc or (admin1 and self.gaz.admin1_name(cc, best.admin1_code) != admin1):
                return self._unknown(c, dest)  # a namesake elsewhere: the admin context knows better
        elif c.context is not None and best.level == "country" and best.country_code != c.context[0]:
            return self._unknown(c, dest)
        if self._abroad_misreading(c, best):
            # a namesake of the country in focus ("Nako" the Burkina Faso commune, not the Lesotho
            # town) is the reading; without one, the name is an unknown village
            home = [e for e in entries if e.country_code == self.focus and e.level in ("place", "admin2")]
            if not home:
                return self._unknown(c, dest)
            best = max(home, key=lambda e: self._score(c, e, entries))
        return self._from_entry(span, text, best, dest)

    def _abroad_misreading(self, c: _Candidate, best: GazPlace) -> bool:
        """Whether ``best``, a place outside the country in focus, is likely a wrong reading of ``c``."""
        text = c.text
        # another place of the same country named in the document, not this name alone
        own = 1 if c.span.start in self.self_anchored and best.level == "place" else 0
        abroad = best.country_code != self.focus and self.doc_countries.get(best.country_code, 0) <= own
        if not abroad or best.level != "place" or c.context:
            return False
        primary = self.gaz.is_primary_name(best, text)
        if self.focus in RULER_COUNTRIES and not primary and best.population < 1_000_000:
            return True  # Sahel news: "Pensa" is a village, not Penza in Russia
        if (
            self.focus in RULER_COUNTRIES
            and best.country_code not in RULER_COUNTRIES
            and best.population < 100_000
        ):
            return True  # Sahel news: an unknown village, not a namesake abroad
        # a small namesake abroad is likely a wrong reading
        return bool(
            self.focus
            and best.feature_class == "P"
            and (
                (best.population < 15000 and c.label not in ("GPE", "LOC"))
                or (best.population < 100_000 and not primary)
            )
        )

    def _from_entry(self, span: Span, text: str, e: GazPlace, dest: bool) -> PlaceMention:
        gaz = self.gaz
        level = e.level
        cc = e.country_code or None
        admin1 = gaz.admin1_name(e.country_code, e.admin1_code) if cc and level != "country" else None
        admin2 = None
        if level == "admin2":
            admin2 = e.admin2 or e.name
        elif level == "place" and cc:
            admin2 = gaz.admin2_of(e)
        name_text = text
        if level == "admin1" and admin1:
            name_text = admin1
        precision, where = {
            "country": (3, 6), "admin1": (3, 4), "admin2": (2, 3), "region": (3, 6), "place": (1, 1),
        }[level]  # fmt: skip
        region = level == "region"
        return PlaceMention(
            span.start,
            span.end,
            name_text,
            "country" if region else level,
            cc,
            admin1,
            admin2,
            e,
            destination=dest,
            precision=precision,
            where_prec=7 if region and e.feature_class == "H" else where,
            feature_class=e.feature_class,
            region=region,
        )

    def _unknown(self, c: _Candidate, dest: bool, found: bool = True) -> PlaceMention | None:
        """A name we cannot find: placed by its admin context, else kept (villages) or dropped."""
        span, text = c.span, c.text
        if c.context is not None:
            cc, admin1, admin2, seat = c.context
            stand = seat or (self.gaz.admin2_place(cc, admin2) if admin2 else None)
            if stand is None and admin1:
                stand = self.gaz.admin1_place(cc, admin1)
            prec = 2 if seat is not None else (2 if admin2 else 3)
            return PlaceMention(
                span.start,
                span.end,
                text,
                "place",
                cc,
                admin1,
                admin2,
                stand,
                destination=dest,
                precision=prec,
                where_prec=2 if seat is not None else 3,
                feature_class="P",
                relation="context",
                stand_in=stand is not None,
                near=stand is not None,
            )
        if c.label == "FAC" or (c.label in ("GPE", "LOC") and _facility(span)):
            return PlaceMention(
                span.start,
                span.end,
                text,
                "place",
                None,
                destination=dest,
                feature_class="S",
                relation="context",
                stand_in=True,
                precision=2,
                where_prec=2,
            )
        if (
            not found
            and c.label in ("GPE", "LOC")
            and not c.ent_id
            and not self.gaz.admin1_candidates(text)
            and self.focus not in RULER_COUNTRIES
            and not (_after_locative(span) and _prev(span) != "of")
            and not any(t.lower_ in FACILITY_HEADS or t.lower_ in PLACE_NOUNS for t in span)
        ):
            # a name NER calls a place that no gazetteer knows, in no place-like position: mostly
            # firms, products and people ("Dropbox", "Wavepiston", "UConn")
            return None
        if c.label in ("LOC", "FAC") and self.focus not in RULER_COUNTRIES:
            return PlaceMention(
                span.start,
                span.end,
                text,
                "place",
                None,
                destination=dest,
                feature_class="L",
                relation="context",
                stand_in=True,
                precision=2,
                where_prec=2,
            )
        # "the village of Moura" (NER: an organisation): named as a settlement, whatever NER says
        settlement = _prev(span) == "of" and _prev(span, 2) in SETTLEMENT_NOUNS and _village_like(span)
        if c.label in ("GPE", "LOC") or c.ent_id or settlement or (c.label == "" and _after_locative(span)):
            if (
                c.label == ""
                and not settlement
                and (not _village_like(span) or self.focus not in RULER_COUNTRIES)
            ):
                return None
            # an unknown village: keep its name, placed in the country in focus
            return PlaceMention(
                span.start,
                span.end,
                text,
                "place",
                self.focus,
                destination=dest,
                feature_class="P",
                precision=1,
                where_prec=1,
            )
        return None


_ADMIN1_TITLES = frozenset({"governor", "governorship", "legislature", "statehouse"})
_PART_WORDS = frozenset({"district", "area", "sector", "neighbourhood", "neighborhood", "quarter", "suburb"})


def _admin1_lists(doc: Doc, looked: list[tuple[_Candidate, list[GazPlace]]]) -> dict[int, str]:
    """Coordinated lists of one country's first-level divisions ("Georgia, Oklahoma, Pennsylvania and
    Wisconsin"): token index of each member that may be such a division -> its country. A list counts
    when at least two members (one of a pair), and half of them, are clearly divisions (no city of 200k+
    shares the name), so "Washington, New York and Boston" stays cities."""
    groups: list[list[tuple[_Candidate, list[GazPlace]]]] = []
    for c, entries in looked:
        if c.label in ("DEMONYM", "CAPITAL"):
            continue
        if groups:
            last = groups[-1][-1][0]
            between = doc[last.span.end : c.span.start]
            if len(between) and all(t.lower_ in LIST_GLUE for t in between):
                groups[-1].append((c, entries))
                continue
        groups.append([(c, entries)])
    out: dict[int, str] = {}
    for group in groups:
        if len(group) < 2:
            continue
        clear: Counter[str] = Counter()
        for _c, entries in group:
            big = any(e.level == "place" and e.population >= 200_000 for e in entries)
            for cc in {e.country_code for e in entries if e.level == "admin1"}:
                if not big:
                    clear[cc] += 1
        if not clear:
            continue
        cc, n = clear.most_common(1)[0]
        if (n >= 2 or len(group) == 2) and 2 * n >= len(group):
            for c, entries in group:
                if any(e.level == "admin1" and e.country_code == cc for e in entries):
                    out[c.span.start] = cc
    return out


def _is_direction(word: str) -> bool:
    w = word.lower()
    return w in DIRECTIONS or w in DIRECTION_ADJECTIVES


def _dotted(c: _Candidate) -> str | None:
    """The candidate's text with its final period when it is an abbreviation: "U.S.", "Ky.", "D.C."."""
    raw = c.span.text.strip(" ,;:()'\"’")
    if raw.endswith(".") and raw[:-1] == c.text and len(c.text) <= 6:
        return raw
    return None


def _village_like(span: Span) -> bool:
    """An unlabelled proper noun after a locative that reads like a place name (not "in March")."""
    return len(span) <= 3 and span[0].ent_type_ not in ("DATE", "TIME", "CARDINAL", "MONEY", "PERCENT")


def _is_destination(span: Span) -> bool:
    window = [t.lower_ for t in span.doc[max(0, span.start - 3) : span.start]]
    return bool(window) and (window[-1] in DESTINATION_WORDS or "headed" in window or "heading" in window)


_NUM = re.compile(r"^\d+(?:[.,]\d+)?$")


def _relations(doc: Doc, mentions: list[PlaceMention], gaz: Gazetteer) -> list[PlaceMention]:
    """Relative locations: offsets, "near", "between", direction adjectives."""
    out: list[PlaceMention] = []
    for i, m in enumerate(mentions):
        before = [t for t in doc[max(0, m.start - 6) : m.start]]
        words = [t.lower_ for t in before]
        rel = ""
        direction = ""
        dist: float | None = None
        # "15 km south of In-Ates", "30 kilometres from Gao", "10 miles north-east of X"
        for j, w in enumerate(words):
            if w in DISTANCE_UNITS and j > 0 and _NUM.match(words[j - 1].replace("-", "")):
                value = float(words[j - 1].replace(",", "."))
                dist = value * (1.609 if w.startswith("mi") else 1.0)
                rest = words[j + 1 :]
                direction = next((r for r in rest if r in DIRECTIONS), "")
                if any(r in ("of", "from", "outside", "away") for r in rest):
                    rel = "offset"
        if (
            not rel
            and words
            and (
                words[-1] in NEAR_WORDS
                or (
                    len(words) >= 2
                    and words[-2:] in (["outskirts", "of"], ["vicinity", "of"], ["close", "to"])
                )
                or (len(words) >= 3 and words[-3:] == ["not", "far", "from"])
            )
        ):
            rel = "near"
        if not rel and words and words[-1] == "of" and len(words) >= 2 and words[-2] in DIRECTIONS:
            rel, direction = "offset", words[-2]  # "north of Gao"
        if not rel and "between" in words[-4:]:
            rel = "between"
        if not rel and i > 0 and mentions[i - 1].relation == "between" and words[-1:] == ["and"]:
            rel = "between"
        # "northern Mali", "the east of Burkina Faso"
        adj = words[-1] if words else ""
        if adj in DIRECTION_ADJECTIVES and m.level in ("country", "admin1", "admin2"):
            rel, direction = "direction", DIRECTION_ADJECTIVES[adj]
        elif adj in DIRECTIONS and before[-1].text.islower() and m.level in ("country", "admin1"):
            rel, direction = "direction", adj  # the wires' "northeast Nigeria", "south Mexico"
        the_north_of = (
            len(words) >= 3 and words[-1] == "of" and words[-3] == "the" and words[-2] in DIRECTIONS
        )
        if the_north_of and m.level in ("country", "admin1"):
            rel, direction = "direction", words[-2]
        if not rel:
            out.append(m)
            continue
        if rel == "direction":
            precision = 3
            where = 4 if m.level == "country" else m.where_prec
            out.append(replace(m, relation=rel, direction=direction, precision=precision, where_prec=where))
            continue
        precision = max(m.precision, 2)
        where = 5 if rel == "between" else (2 if m.level == "place" else m.where_prec)
        if rel == "offset" and dist is not None and dist > 25 and m.level == "place":
            where = 3
        out.append(
            replace(
                m,
                near=True,
                relation=rel,
                direction=direction,
                distance_km=dist,
                precision=precision,
                where_prec=where,
            )
        )
    return out


def _anchor_unknown(doc: Doc, mentions: list[PlaceMention]) -> list[PlaceMention]:
    """ "Toulimbou near Tanwalbougou", "Piladi, about 20 km north of Djibo": a village we cannot find
    stands in at the known place it is said to be near (ACLED's geo_precision 2)."""
    out = list(mentions)
    for i, m in enumerate(out):
        if m.gaz is not None or m.level != "place" or m.demonym or m.region:
            continue
        sent = doc[m.start].sent
        for k in out[i + 1 :]:
            if k.start >= sent.end or k.start - m.end > 12:
                break
            if k.relation in ("near", "offset", "between") and k.gaz is not None and k.level == "place":
                out[i] = replace(
                    m,
                    gaz=k.gaz,
                    country=k.country,
                    admin1=k.admin1,
                    admin2=k.admin2,
                    stand_in=True,
                    near=True,
                    precision=2,
                    where_prec=k.where_prec if k.relation != "between" else 5,
                    relation="near",
                )  # fmt: skip
                break
    return out


_GEOPRECISION = re.compile(r"geo-?precision\s*(?:of\s*)?([123])", re.IGNORECASE)


def _coded_as(doc: Doc, mentions: list[PlaceMention]) -> list[PlaceMention]:
    """ACLED's notes say where an event is coded when it is not the place they name: "the village of
    Poperi (coded as Namounou at geoprecision 2)". The places named before it in its sentence take the
    coded place's location (their own name kept), with the geo-precision the note gives (else 2)."""
    out = list(mentions)
    for k in mentions:
        before = [t.lower_ for t in doc[max(0, k.start - 2) : k.start]]
        if before != ["coded", "as"] or k.gaz is None or k.demonym or k.region:
            continue
        sent = doc[k.start].sent
        tail = doc[k.end : min(len(doc), k.end + 12)].text
        given = _GEOPRECISION.search(tail)
        precision = int(given.group(1)) if given else max(k.precision, 2)
        for i, m in enumerate(out):
            if not (sent.start <= m.start < k.start) or m.demonym or m.region or m.level == "country":
                continue
            if m.gaz is not None and m.gaz == k.gaz:
                continue
            out[i] = replace(
                m, gaz=k.gaz, country=k.country, admin1=k.admin1, admin2=k.admin2, stand_in=True,
                near=True, precision=precision, where_prec=2 if precision == 2 else 3, relation="coded",
            )  # fmt: skip
    return out


def _place_right_after(doc: Doc, m: PlaceMention, known: list[PlaceMention]) -> PlaceMention | None:
    """A known place named right after a building: "X in Rome", "X, Liverpool", "X at the Y area of Z"."""
    for k in known:
        if m.end < k.start <= m.end + 3 and all(
            t.lower_ in ("in", "at", ",", "the", "of", "near") for t in doc[m.end : k.start]
        ):
            return k
    return None


def _context_fallback(
    mentions: list[PlaceMention], focus: str | None, doc: Doc | None = None
) -> list[PlaceMention]:
    """Buildings, streets and areas we cannot find take the point of the place they are most likely in:
    the place named right after them ("the Bambino Gesu Hospital in Rome"), else the nearest resolved
    town or admin area named within a few sentences, else the document's most named town in the
    country in focus."""
    known = [
        m
        for m in mentions
        if m.gaz is not None and not m.stand_in and not m.demonym and not m.region and m.level != "country"
    ]
    towns = [m for m in known if m.level == "place"]
    local = [m for m in towns if not focus or m.country == focus] or towns
    counts = Counter(m.gaz.geonames_id for m in local if m.gaz)
    main = max(local, key=lambda m: (counts[m.gaz.geonames_id] if m.gaz else 0, -m.start)) if local else None
    out: list[PlaceMention] = []
    for m in mentions:
        if m.gaz is None and m.stand_in:
            near = [k for k in known if abs(k.start - m.start) <= 80]
            if focus and any(k.country == focus for k in near):
                near = [k for k in near if k.country == focus]  # not a namesake abroad named in passing
            before = [k for k in near if k.start < m.start]
            ref = _place_right_after(doc, m, known) if doc is not None else None
            ref = ref or (before[-1] if before else None) or (near[0] if near else None) or main
            if ref is None or ref.gaz is None:
                continue
            m = replace(m, gaz=ref.gaz, country=ref.country, admin1=ref.admin1, admin2=ref.admin2)
        elif m.gaz is None and m.level == "place" and focus in RULER_COUNTRIES and m.country == focus:
            # a Sahel village we cannot find, named with a known town of the same country nearby
            # ("attacked Tiabwal, Kain and Yense near Djibo"): it takes that town's area
            near = [k for k in known if k.country == focus and abs(k.start - m.start) <= 40]
            if near:
                ref = min(near, key=lambda k: abs(k.start - m.start))
                m = replace(
                    m, gaz=ref.gaz, admin1=ref.admin1, admin2=ref.admin2, stand_in=True, near=True,
                    precision=2, where_prec=3, relation="context",
                )  # fmt: skip
        out.append(m)
    return out


# --- French -------------------------------------------------------------------------------------

_FR_ARTICLES = ("le", "la", "les", "l'", "l’", "un", "une")
_FR_OF = frozenset({"de", "d'", "d’", "du", "des"})
# what a "de X" after which is a place: "le village de Loada", "la gendarmerie de Tanwalbougou"
_FR_PLACE_HEADS = frozenset(
    {"village", "ville", "localité", "commune", "hameau", "quartier", "secteur", "région", "province",
     "département", "cercle", "zone", "environs", "alentours", "périphérie", "sortie", "entrée", "axe",
     "route", "gendarmerie", "brigade", "poste", "commissariat", "camp", "caserne", "détachement", "base",
     "mairie", "préfecture", "marché", "école", "lycée", "collège", "mosquée", "église", "site", "mine",
     "forêt", "prison", "hôpital", "centre", "abords", "nord", "sud", "est", "ouest", "nord-est",
     "nord-ouest", "sud-est", "sud-ouest", "habitants", "population", "villageois", "jeunes", "élèves",
     "maire", "préfet", "chef"}
)  # fmt: skip
_FR_ADMIN_NOUNS = frozenset({"province", "région", "département", "cercle", "commune"})


def _fr_admin_before(span: Span) -> bool:
    """ "la province du Bam", "la région de l'Est": an admin noun and "de" before a name."""
    i = span.start - 1
    doc = span.doc
    while i >= 0 and doc[i].lower_ in ("l'", "la", "le", "les"):
        i -= 1
    if i < 0 or doc[i].lower_ not in _FR_OF:
        return False
    return i >= 1 and doc[i - 1].lower_ in ("province", "provinces")


def _unlabelled_places_fr(doc: Doc) -> list[Span]:
    """French proper nouns in a place's position: "à X", "près de X", "vers X", "le village de X"."""
    lex = for_lang("fr")
    out: list[Span] = []
    for tok in doc:
        low = tok.lower_
        start = tok.i + 1
        if low in _FR_OF:
            prev = doc[tok.i - 1] if tok.i > 0 else None
            if prev is None or not (
                prev.lower_ in _FR_PLACE_HEADS
                or prev.lemma_.lower() in _FR_PLACE_HEADS
                or prev.lower_ == "près"
            ):
                continue
        elif low not in ("à", "vers", "entre", "et"):
            continue
        if low == "et" and not any(t.lower_ == "entre" for t in doc[max(0, tok.i - 4) : tok.i]):
            continue
        while start < len(doc) and doc[start].lower_ in ("l'", "l’", "la", "le"):
            start += 1
        end = start
        while (
            end < len(doc) and doc[end].text[:1].isupper() and doc[end].pos_ in ("PROPN", "NOUN", "ADJ", "X")
        ):
            end += 1
            # "Fada N'Gourma", "Bobo-Dioulasso": glued pieces
            while end + 1 < len(doc) and doc[end].text in ("-", "'", "’") and not doc[end - 1].whitespace_:
                end += 2
        if end > start and doc[start].ent_type_ not in ("DATE", "TIME", "PERSON", "ORG", "NORP", "ACTOR"):
            span = doc[start:end]
            if fold(span.text) not in lex.not_places and span.text not in lex.actor_aliases:
                out.append(span)
    return out
