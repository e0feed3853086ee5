"""From a Document to Reports: run the pipeline, then turn its event mentions into ACLED-style
records, one per event the document reports (mentions of the same event are merged)."""

from __future__ import annotations

import datetime as dt
import gc
import multiprocessing
import os
import re
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

import pycountry
from spacy.tokens import Doc

from conflictlens import settings
from conflictlens.errors import ConflictlensError
from conflictlens.geo.gazetteer import GazPlace, gazetteer
from conflictlens.model import Actor, Document, EventDate, Fatalities, Place, Report, Span
from conflictlens.nlp.actors import ActorMention
from conflictlens.nlp.claims import attach_claims
from conflictlens.nlp.events import ARMED_KINDS, EventMention, background_sentence, kind_of, two_sided_brawl
from conflictlens.nlp.language import check_language, route
from conflictlens.nlp.lexicon import english, for_lang
from conflictlens.nlp.pipeline import load_pipeline
from conflictlens.nlp.places import (
    BUILDING_HEADS,
    DIRECTIONS,
    LIST_CONJUNCTIONS,
    LIST_GLUE,
    PlaceMention,
    border_of,
)
from conflictlens.nlp.quantities import Count
from conflictlens.nlp.remarks import read_remarks
from conflictlens.nlp.remarks_fr import read_remarks_fr
from conflictlens.nlp.time import DateMention, ResolvedDate, find_dates, resolve
from conflictlens.nlp.triage import Focused, pipeline_doc, triage_for
from conflictlens.taxonomy import INTER_CODES, NON_LETHAL_SUB_EVENT_TYPES, VIOLENT_EVENT_TYPES

if not Doc.has_extension("country_hint"):
    Doc.set_extension("country_hint", default=None)

_T = TypeVar("_T")

BACKGROUND_AGE_DAYS = 60  # an event dated this long before publication is background
COUNTRY_NAMES = {"CI": "Ivory Coast", "CD": "Democratic Republic of Congo", "RU": "Russia", "SY": "Syria"}


def country_name(iso2: str | None) -> str | None:
    """The country's name as ACLED writes it."""
    if not iso2:
        return None
    if iso2 in COUNTRY_NAMES:
        return COUNTRY_NAMES[iso2]
    c = pycountry.countries.get(alpha_2=iso2)
    if c is None:
        return None
    return str(getattr(c, "common_name", None) or c.name)


def country_code(value: str) -> str:
    """ISO2 code of a country given by code or name ("ML", "Mali", "Burkina Faso")."""
    if len(value) == 2 and value.isalpha():
        return value.upper()
    code = gazetteer().country_code(value)
    if code is None:
        raise ConflictlensError(f"unknown country {value!r}: give an ISO 3166 code or an English name")
    return code


def regime_suffix(iso2: str | None, when: dt.date | None) -> str:
    """ " (2021-)" for Mali in 2024: the regime period ACLED puts in state actor names."""
    if not iso2:
        return ""
    periods = english().regimes.get(iso2)
    if not periods:
        return ""
    day = (when or dt.date.today()).isoformat()
    label = ""
    for start, name in periods:
        if start <= day:
            label = name
    return f" ({label})" if label else ""


@dataclass
class _Draft:
    mentions: list[EventMention] = field(default_factory=list)


def _span(doc: Doc, document: Document, start: int, end: int) -> Span:
    s = doc[start:end]
    return Span(document.id, s.start_char, s.end_char, s.text)


def _char_span(document: Document, start: int, end: int) -> Span:
    return Span(document.id, start, end, document.text[start:end])


def _actor(
    doc: Doc, document: Document, mentions: list[ActorMention], country: str | None, when: dt.date | None,
    or_join: bool = False,
) -> tuple[Actor | None, tuple[Actor, ...]]:  # fmt: skip
    lex = english()
    actors: list[Actor] = []
    for m in mentions:
        span = (_span(doc, document, m.start, m.end),)
        if m.named:
            named = lex.named_actors[m.named]
            name = named.name_on(when)
            if named.state:
                y0, y1 = named.years
                name = f"{name} ({y0}-{y1 or ''})"
            own = Actor(name, named.kind, INTER_CODES[named.kind], named.state or country, span)
            if named.member_of and named.member_from and when and when.year >= named.member_from:
                p = lex.named_actors[named.member_of]
                parent = Actor(p.name, p.kind, INTER_CODES[p.kind], country, span)
                leads = named.leads_from is not None and when.year >= named.leads_from
                actors.extend((own, parent) if leads else (parent, own))
                continue
            actors.append(own)
            continue
        generic = lex.generic_by_key.get(m.generic or "")
        if generic is None:
            continue
        cc = m.country or country
        cname = country_name(cc)
        name = generic.template.replace("{group}", m.group or "Unidentified")
        if cname:
            name = name.replace("{country}", cname).replace("{regime}", regime_suffix(cc, when))
        else:
            name = (
                name.replace(" ({country})", "").replace(" of {country}{regime}", "").replace("{regime}", "")
            )
        actors.append(Actor(name, generic.kind, INTER_CODES[generic.kind], cc, span))
    unique: list[Actor] = []
    for a in actors:
        if all(a.name != u.name for u in unique):
            unique.append(a)
    if not unique:
        return None, ()
    state = ("state_forces", "police")
    if or_join and len(unique) > 1 and not (unique[0].kind in state and unique[1].kind in state):
        # ACLED writes hedged pairs in a fixed order ("JNIM: ... and/or Islamic State (Greater Sahara)");
        # "soldiers or gendarmes" it codes as the first force, the other associated
        first, second = sorted(unique[:2], key=lambda a: a.name, reverse=True)
        joined = Actor(f"{first.name} and/or {second.name}", first.kind, first.inter, first.country,
                       first.spans + second.spans)  # fmt: skip
        return joined, tuple(unique[2:])
    return unique[0], tuple(unique[1:])


def _hedged_partner(doc: Doc, mentions: list[ActorMention]) -> tuple[list[ActorMention], bool]:
    """A hedged group and the one it is paired with ("suspected JNIM or ISGS militants"), so that
    the pair is written as ACLED writes it; whether the mentions are such a pair."""
    if not mentions or not mentions[0].named or not mentions[0].hedged:
        return mentions, False
    first = mentions[0]
    ors = for_lang(doc.lang_).event_words["alternatives"] | {"/"}
    # French repeats the article: "de l'EIGS ou du JNIM", "du JNIM et/ou de l'EIGS" (five tokens)
    reach = 5 if doc.lang_ == "fr" else 2
    for m in doc._.actor_mentions or []:
        if not m.named or m.named == first.named or not 0 < m.start - first.end <= reach:
            continue
        if any(t.lower_ in ors for t in doc[first.end : m.start]):
            return [first, m, *[x for x in mentions[1:] if x.named != m.named]], True
    return mentions, False


STATE_KINDS = frozenset({"state_forces", "police"})
ATTACK_LIKE = frozenset(
    {"Armed clash", "Attack", "Abduction/forced disappearance", "Remote explosive/landmine/IED", "Grenade",
     "Suicide bomb", "Sexual violence", "Looting/property destruction", "Shelling/artillery/missile attack"}
)  # fmt: skip


def _demonym_country(doc: Doc) -> str | None:
    lex = english()
    return next((lex.demonyms[t.text] for t in doc if t.text in lex.demonyms), None)


def _generic_actor(kind: str, label: str, cc: str | None, spans: tuple[Span, ...] = ()) -> Actor:
    cname = country_name(cc)
    return Actor(f"{label} ({cname})" if cname else label, kind, INTER_CODES[kind], cc, spans)


def _planter(
    doc: Doc, document: Document, actor2: Actor | None, cc: str | None, when: dt.date | None
) -> Actor | None:
    """Who laid a device, named anywhere in the document ("likely planted by JNIM or ISGS militants")."""
    victims = {sp.start for sp in actor2.spans} if actor2 else set()
    planters = [
        m
        for m in doc._.actor_mentions or []
        if (m.named or m.generic == "unidentified")
        and doc[m.start].idx not in victims
        and not (
            m.named
            and actor2 is not None
            and actor2.kind in STATE_KINDS | {"external_force"}
            and actor2.name.startswith(m.named)
        )
    ]  # "an IED struck a MINUSMA convoy, wounding two peacekeepers": forces named twice, no planter
    if not planters:
        return None
    named = [m for m in planters if m.named][:2]
    ors = for_lang(doc.lang_).event_words["alternatives"]
    or_join = len(named) == 2 and any(t.lower_ in ors for t in doc[named[0].end : named[1].start])
    chosen = named if or_join else sorted(planters, key=lambda m: (m.named is None, m.start))[:1]
    actor, _ = _actor(doc, document, chosen, cc, when, or_join)
    return actor


def _conventional_roles(
    doc: Doc,
    document: Document,
    event_type: str,
    sub_event_type: str,
    actor1: Actor | None,
    assoc1: tuple[Actor, ...],
    actor2: Actor | None,
    assoc2: tuple[Actor, ...],
    cc: str | None,
    when: dt.date | None,
) -> tuple[Actor | None, tuple[Actor, ...], Actor | None, tuple[Actor, ...]]:
    """ACLED's coding conventions for who the sides are, given the event type."""
    spans = actor1.spans if actor1 else ()
    if event_type == "Protests":
        if actor1 is None or actor1.kind != "protesters":
            actor1 = _generic_actor("protesters", "Protesters", cc, spans)
        if sub_event_type == "Peaceful protest":
            actor2 = None  # the police who watch a peaceful protest are not a side
        elif actor2 is None or actor2.kind not in STATE_KINDS:
            forces = [
                m
                for m in doc._.actor_mentions or []
                if m.generic in ("police", "gendarmerie", "state_forces")
            ]
            actor2, _ = _actor(doc, document, forces[:1], cc, when)
    elif event_type == "Riots":
        if actor1 is None or actor1.kind != "rioters":
            actor1 = _generic_actor("rioters", "Rioters", cc, spans)
        if actor2 is None and sub_event_type == "Violent demonstration":
            # "Rioters destroyed a statue. Police fired tear gas.": the police who answered the
            # riot are its other side
            answering = [
                m
                for m in doc._.actor_mentions or []
                if m.generic in ("police", "gendarmerie")
                and doc[m.head].dep_ == "nsubj"
                and doc[m.head].head.lemma_.lower() in for_lang(doc.lang_).event_words["riot_response"]
            ]
            if answering:
                actor2, _ = _actor(doc, document, answering[:1], cc, when)
        elif (
            (actor2 is None or actor2.kind == "civilians")
            and sub_event_type == "Mob violence"
            and two_sided_brawl(doc)
        ):
            actor2 = _generic_actor("rioters", "Rioters", cc)  # "two camps fought": rioters on each side
    else:
        if actor1 is None and sub_event_type == "Air/drone strike":
            # aircraft and drones are flown by states: the army of the country (or the demonym's)
            state = next(
                (m.country for m in doc._.actor_mentions or [] if m.country),
                _demonym_country(doc) or cc,
            )
            cname = country_name(state)
            name = f"Military Forces of {cname}{regime_suffix(state, when)}" if cname else "Military Forces"
            actor1 = Actor(name, "state_forces", INTER_CODES["state_forces"], state)
        if (
            event_type == "Explosions/Remote violence"
            and sub_event_type != "Air/drone strike"
            and actor1 is not None
            and actor2 is not None
            and actor1.kind == actor2.kind
        ):
            actor1 = None  # the soldiers a roadside bomb killed did not lay it
        if actor1 is None and event_type == "Explosions/Remote violence":
            actor1 = _planter(doc, document, actor2, cc, when)
        if (
            actor1 is None
            and event_type in VIOLENT | {"Strategic developments"}
            and sub_event_type in ATTACK_LIKE
        ):
            # ACLED's convention for attacks whose perpetrators are not known
            actor1 = _generic_actor("unidentified_armed_group", "Unidentified Armed Group", cc)
        if (
            event_type == "Violence against civilians"
            and actor2 is not None
            and "Ethnic Militia" in actor2.name
        ):
            # the victims of violence against civilians are civilians, of an ethnic group
            group = actor2.name.replace("Ethnic Militia", "Ethnic Group")
            assoc2 = (
                Actor(group, "civilians", INTER_CODES["civilians"], actor2.country, actor2.spans),
                *assoc2,
            )
            actor2 = _generic_actor("civilians", "Civilians", cc, actor2.spans)
        if (
            event_type == "Violence against civilians" or sub_event_type == "Looting/property destruction"
        ) and actor2 is None:
            # the target of violence against civilians, or of looting, is civilians by definition
            actor2 = _generic_actor("civilians", "Civilians", cc)
    assoc1 = tuple(a for a in assoc1 if a.kind != "civilians" or event_type not in ("Protests", "Riots"))
    return actor1, assoc1, actor2, assoc2


def _other_counts(doc: Doc, mentions: list[EventMention]) -> dict[str, int]:
    """People wounded, abducted or arrested in the event's sentences (the largest figure per fate)."""
    out: dict[str, int] = {}
    for ev in mentions:
        for c in doc._.counts or []:
            if (
                ev.sent_start <= c.start < ev.sent_end
                and c.person
                and c.fate in ("wounded", "abducted", "arrested")
            ):
                out[c.fate] = max(out.get(c.fate, 0), c.acled)
    return out


def _in_parentheses(doc: Doc, i: int) -> bool:
    """Whether token ``i`` sits inside a parenthesis or square bracket of its sentence."""
    sent = doc[i].sent
    depth = 0
    for t in doc[sent.start : i]:
        if t.text in ("(", "["):
            depth += 1
        elif t.text in (")", "]"):
            depth = max(0, depth - 1)
    return depth > 0


def _breakdown(doc: Doc, count: Count) -> bool:
    """Whether a count breaks down a toll told before it ("including five Fulanis")."""
    tok = doc[count.noun] if count.noun is not None else doc[count.start]
    words = for_lang(doc.lang_).event_words["breakdown"]
    if any(t.lower_ in words for t in doc[max(0, count.start - 3) : count.start]):
        # "parmi lesquelles deux enfants", "among them four children": the word hangs elsewhere
        return True
    return any(a.lower_ in words for a in [tok, *tok.ancestors][:6])


def _toll_source(doc: Doc, c: Count) -> str | None:
    """Who a death toll is told by: the subject of the verb of saying it hangs on ("the government
    said 30 were killed" → "government", "..., residents told our correspondent" → "resident")."""
    speech = english().speech_verbs
    tok = doc[c.start]
    for verb in [tok, *tok.ancestors]:
        if verb.lemma_.lower() not in speech or verb.pos_ not in ("VERB", "AUX"):
            continue
        subjects = [t for t in verb.children if t.dep_ == "nsubj"]
        if not subjects and verb.dep_ == "conj":
            subjects = [t for t in verb.head.children if t.dep_ == "nsubj"]  # "confirmed ... but said"
        if subjects:
            return " ".join(t.lemma_.lower() for t in subjects[0].subtree if t.pos_ in ("NOUN", "PROPN"))
    return None


def _competing(doc: Doc, counted: list[tuple[Count, str]]) -> list[list[int]]:
    """Groups of counts (indices) that are different sources' figures for the same dead ("the
    government said 30 were killed, local sources said more than 50"): ACLED keeps the lowest."""
    sources = [_toll_source(doc, c) for c, _ in counted]
    # "more than 50 died": a number with no noun counts anyone
    nouns = [noun if noun.isalpha() and noun not in ("who", "them") else "" for _, noun in counted]
    # nouns of a toll anyone may give of the same dead: two sources' figures for them are estimates
    toll_nouns = for_lang(doc.lang_).event_words["toll_nouns"] | {""}
    groups: list[list[int]] = []
    for i, noun in enumerate(nouns):
        if sources[i] is None:
            continue
        for g in groups:
            j = g[0]
            if sources[j] != sources[i] and (noun == nouns[j] or {noun, nouns[j]} <= toll_nouns):
                g.append(i)
                break
        else:
            groups.append([i])
    return [g for g in groups if len(g) > 1]


def _fatalities(doc: Doc, document: Document, mentions: list[EventMention]) -> Fatalities:
    seen: set[tuple[int | None, str]] = set()
    low = best = 0
    high: int | None = 0
    qualifier = ""
    spans: list[Span] = []
    any_count = False
    counted: list[tuple[Count, str]] = []
    for ev in mentions:
        in_sentence: set[tuple[int | None, str]] = set()
        for c in ev.killed:
            if _in_parentheses(doc, c.start):
                continue  # "killed at least 10 militants (7 corpses recovered)": a detail, not more dead
            if in_sentence and _breakdown(doc, c):
                continue  # "six people were killed, including five Fulanis and one Gourmantche"
            noun = doc[c.noun].lemma_.lower() if c.noun is not None else ""
            # the same toll told twice in different words ("20 civilians" ... "20 people") counts once;
            # different groups in one sentence ("one officer and two militants") add up
            if (c.best, "") in seen or (c.best, noun) in in_sentence:
                continue
            in_sentence.add((c.best, noun))
            any_count = True
            counted.append((c, noun))
            qualifier = qualifier or c.qualifier
            spans.append(_span(doc, document, c.start, max(c.end, (c.noun or 0) + 1)))
        seen |= {(value, "") for value, _ in in_sentence}
    # different sources' figures for the same dead are one toll, from the lowest to the highest
    alternatives = _competing(doc, counted) if len(counted) > 1 else []
    grouped = {i for g in alternatives for i in g}
    for i, (c, _noun) in enumerate(counted):
        if i in grouped:
            continue
        low += c.low if c.low is not None else 0
        best += c.best or 0
        high = None if high is None or c.high is None else high + c.high
    for g in alternatives:
        figures = [counted[i][0] for i in g]
        low += min(c.low if c.low is not None else c.best or 0 for c in figures)
        best += min(c.best or 0 for c in figures)
        tops = [c.high for c in figures]
        high = None if high is None or any(t is None for t in tops) else high + max(t or 0 for t in tops)
    # victims named one by one ("a councilman", "the imam"), retold across sentences: the fullest telling
    singles = max((ev.singular_victims for ev in mentions), key=len, default=[])
    if not any_count and not singles:
        return Fatalities.none_reported()
    n = len(singles)
    spans += [_span(doc, document, start, end) for start, end in singles]
    low, best = low + n, best + n
    high = None if high is None else high + n
    return Fatalities(low, best, high, low or best, qualifier, tuple(spans))


def _date(
    document: Document, mentions: list[EventMention], doc: Doc, reference: dt.date | None
) -> EventDate | None:
    dates = doc._.dates or []
    ordered: list[ResolvedDate] = []
    for ev in mentions:
        s = doc[ev.sent_start : ev.sent_end]
        for d in dates:
            if s.start_char <= d.start_char < s.end_char and not d.year_only:
                r = resolve(d, reference)
                if r:
                    ordered.append(r)
    if not ordered:
        # the first full date near the top of the document ("On 3 December 2020, ...")
        for d in dates[:3]:
            if not d.year_only:
                r = resolve(d, reference)
                if r:
                    ordered.append(r)
                    break
    if ordered:
        r = ordered[0]
        return EventDate(
            r.date, r.precision, r.end, (_char_span(document, r.mention.start_char, r.mention.end_char),)
        )
    fallback = reference or document.published  # the dateline's day, else the publication's
    if fallback:
        return EventDate(fallback, 2, None, ())
    return None


# a place abroad this big is taken at its word when the story never names its country and the
# source is not known to be about one ("marched through Bamako"); a smaller namesake abroad of an
# unknown local village is not
FOREIGN_TOWN_POPULATION = 100_000


def _places(doc: Doc, document: Document, mentions: list[EventMention]) -> list[Place]:
    """The event's location, or its locations when the event names several places in one list:
    "attacked the villages of A, B and C" is, as ACLED codes it, one event in each village."""
    best = _place_mention(doc, document, mentions)
    if not isinstance(best, PlaceMention):
        return [best] if best is not None else []
    listed = _listed_with(doc, best, doc._.places or [])
    return [_place_at(doc, document, p) for p in listed]


def _listed_with(doc: Doc, best: PlaceMention, places: list[PlaceMention]) -> list[PlaceMention]:
    """The places named in one coordinated list with ``best`` ("in Luidi, Pougouzaibaogo and Lahel"),
    in their order; just ``best`` when it stands alone, is a destination, or is one end of a
    "between A and B" (one event on the road between them)."""
    if best.level != "place" or best.destination or best.relation == "between":
        return [best]
    sent = doc[best.start].sent
    row = sorted(
        (p for p in places if sent.start <= p.start < sent.end and p.level == "place" and not p.demonym),
        key=lambda p: p.start,
    )
    if best not in row:
        return [best]
    i = j = row.index(best)

    def glued(a: PlaceMention, b: PlaceMention) -> bool:
        gap = doc[a.end : b.start]
        return len(gap) > 0 and all(t.lower_ in LIST_GLUE for t in gap)

    while i > 0 and glued(row[i - 1], row[i]):
        i -= 1
    while j + 1 < len(row) and glued(row[j], row[j + 1]):
        j += 1
    listed = row[i : j + 1]
    names = {p.text.lower() for p in listed}
    if (
        len(listed) < 2
        or len(names) < len(listed)
        # "Karpala, Ouagadougou": a part and its town, not a list ("A, B and C", "A or B")
        or not any(t.lower_ in LIST_CONJUNCTIONS for t in doc[listed[-2].end : listed[-1].start])
        # "(coded as Banh)": the analyst coded the list as one event at one place
        or any(p.destination or p.relation in ("between", "coded") for p in listed)
        or _one_area_before(doc, listed[0].start)
        or _between_before_fr(doc, listed[0].start)
    ):
        return [best]
    return listed


def _between_before_fr(doc: Doc, start: int) -> bool:
    """French "entre A et B" (one event on the road between them): the French places carry no
    "between" relation, so the word before the first place is read (words.between)."""
    if doc.lang_ != "fr":
        return False
    return start > 0 and doc[start - 1].lower_ in for_lang("fr").words["between"]


# "in the area of Gargassa and Fereiro", "dans la zone de A et B": one area told by two of its places
_ONE_AREA = frozenset({"area", "zone", "vicinity", "surroundings", "outskirts", "environs", "secteur"})


def _one_area_before(doc: Doc, start: int) -> bool:
    words = [t.lower_ for t in doc[max(0, start - 4) : start]]
    while words and words[-1] in ("of", "the", "de", "du", "des", "la", "le", "les", "l'", "d'"):
        words.pop()
    return bool(words) and words[-1] in _ONE_AREA


def _share(f: Fatalities, k: int, i: int) -> Fatalities:
    """The ``i``-th of ``k`` events a toll told for several places together is split into, as ACLED
    splits it: its integer is an equal share, the first places named taking the remainder (28 over
    three villages is 10, 9 and 9). low/best/high keep the story's own toll for the whole list, as
    they do under an analyst's "fatalities split between events"."""
    return replace(f, acled=f.acled // k + (1 if i < f.acled % k else 0))


def _place_mention(doc: Doc, document: Document, mentions: list[EventMention]) -> PlaceMention | Place | None:
    """The place mention the event happened at, or, when no mention will do, the country's Place."""
    places: list[PlaceMention] = doc._.places or []
    focus = doc._.country or document.country_hint
    sent_ranges = [(ev.sent_start, ev.sent_end) for ev in mentions]

    def in_event(p: PlaceMention) -> bool:
        return any(s <= p.start < e for s, e in sent_ranges)

    def rank(p: PlaceMention) -> tuple[int, int, int, int, int, int, int]:
        level = {"place": 0, "admin2": 1, "admin1": 2, "country": 3}[p.level]
        return (
            0 if in_event(p) else 1,
            # "marched through Bamako against the French presence in Mali" happened in Bamako,
            # whichever country the document is most about
            0 if p.level == "place" else 1,
            # "at the Grand Mosque in Ouagadougou": ACLED's location is the town, not the building
            1 if _building(p) else 0,
            0 if (not focus or p.country == focus) else 1,
            1 if p.destination else 0,
            level,
            p.start,
        )

    candidates = [p for p in places if p.level != "country" or p.country == focus]
    if document.country_hint and not doc._.country:
        # the text names no country and the feed is about one: a namesake abroad is a wrong reading
        candidates = [
            p if p.country in (None, document.country_hint) else replace(p, country=None, gaz=None)
            for p in candidates
        ]
    # "in the Sahel", "across West Africa", "near the border with Niger": a region wider than any
    # admin area, or a border area, not the capital
    regional = any(
        in_event(t)
        and ((t.region and not t.demonym) or (t.level == "country" and border_of(doc[t.start : t.end])))
        for t in doc._.toponyms or []
    ) or _unread_place(doc, sent_ranges, places)
    if not candidates:
        return _country_place(focus, (), capital=not regional) if focus else None
    best = min(candidates, key=rank)
    named_countries = {p.country for p in doc._.toponyms or [] if p.level == "country" or p.demonym}
    if (
        focus
        and best.level == "place"
        and best.country not in (None, focus, document.country_hint)
        and best.country not in named_countries
        and (document.country_hint or best.gaz is None or best.gaz.population < FOREIGN_TOWN_POPULATION)
    ):
        # a village of the country in focus that the gazetteer lacks, read as a namesake abroad
        # ("Sanare" in Venezuela, "Singa" in Sudan): the story never names that country
        best = replace(best, country=None, admin1=None, admin2=None, gaz=None)
    cc = best.country or focus
    if best.level == "country" and cc:
        span = (_span(doc, document, best.start, best.end),)
        if best.direction:  # "northern Burkina Faso": a part of the country, not its capital
            name = country_name(cc) or best.text
            return Place(name=name, country=name, iso2=cc, geo_precision=3, spans=span)
        return _country_place(cc, span, capital=not regional)
    return best


def _place_at(doc: Doc, document: Document, best: PlaceMention) -> Place:
    """The Place of one resolved mention below the country level."""
    focus = doc._.country or document.country_hint
    span = (_span(doc, document, best.start, best.end),)
    cc = best.country or focus
    if best.country is None and best.level == "place" and focus:
        best = replace(best, country=focus)
    precision = best.precision  # the resolver's ACLED geo_precision (1 the place, 2 near/part, 3 region)
    if best.near and best.level == "place":
        precision = max(precision, 2)  # "on the road from Gao": near the place, not in it
    if best.level in ("admin1", "admin2"):
        precision = 3  # "in the Soum province": only the larger region
    gp = best.gaz
    name = best.name
    if gp is not None and _building(best):
        name = gp.name  # "the Yalgado Ouedraogo Hospital (Ouagadougou, Kadiogo)": the town it is in
    if gp is not None and best.level in ("admin1", "admin2"):
        # "in the Soum province": ACLED's location is the seat whose point stands for the area
        seat = _seat(gp)
        name = seat.name if seat else name
    return Place(
        name=name,
        country=country_name(cc),
        iso2=cc,
        admin1=best.admin1,
        admin2=best.admin2,
        latitude=gp.latitude if gp else None,
        longitude=gp.longitude if gp else None,
        geo_precision=precision,
        # curated additions and stand-ins (a village placed at its commune seat) have no GeoNames id
        geonames_id=gp.geonames_id if gp and gp.geonames_id > 0 and not best.stand_in else None,
        spans=span,
    )


# the words right before a place's own name: "in Ti-n-Samane", "near Tin-Akoff", "à Djibo" (narrower
# than the place component's locatives: not "to", "from", nor "in the ...")
NAME_LOCATIVES = frozenset({"in", "near", "at", "around", "outside", "à", "près", "dans", "vers"})


def _unread_place(doc: Doc, sent_ranges: list[tuple[int, int]], places: list[PlaceMention]) -> bool:
    """Whether an event sentence names a place we could not read ("killed a man in Ti-n-Samane",
    a village NER missed and no gazetteer holds): the event is somewhere named, not at the capital."""
    known = {i for p in places for i in range(p.start, p.end)}
    return any(
        (
            doc[tok.i - 1].lower_ in NAME_LOCATIVES
            and tok.text[:1].isupper()
            and tok.pos_ == "PROPN"
            and tok.i not in known
            and tok.ent_type_ not in ("DATE", "TIME", "NORP", "EVENT")
        )
        # "in the north", "in the country's east": a part of the country no name places
        or (
            tok.text in COMPASS_POINTS
            and doc[tok.i - 1].lower_ in ("the", "'s", "’s", "le")
            and tok.pos_ != "ADJ"
            and tok.dep_ not in ("amod", "compound")  # not "the west African countries"
        )
        for start, end in sent_ranges
        for tok in doc[start + 1 : end]
    )


COMPASS_POINTS = frozenset(DIRECTIONS) | {"centre", "center", "nord", "sud", "est", "ouest", "centre-nord"}


def _building(p: PlaceMention) -> bool:
    """A facility (a mosque, a university, a camp) placed only by the town around it."""
    if p.feature_class == "S" and p.stand_in:
        return True
    words = p.text.split()
    return p.relation == "context" and len(words) > 1 and words[-1].lower() in BUILDING_HEADS


def _seat(area: GazPlace) -> GazPlace | None:
    """The town at an admin area's representative point (its seat), if the gazetteer has it."""
    near = gazetteer().nearest(area.latitude, area.longitude, area.country_code, radius_km=1.0)
    return max((p for _d, p in near), key=lambda p: p.population, default=None)


def _country_place(cc: str, spans: tuple[Span, ...], capital: bool = True) -> Place:
    """An event the text places only in a country: coded, as ACLED codes it, at the capital with
    geo_precision 3 ("unions protested across Burkina Faso" → Ouagadougou, precision 3). Not
    ``capital``: the country alone (the text names a part of it we cannot place)."""
    name = country_name(cc) or cc
    gaz = gazetteer()
    seat = gaz.capital(cc) if capital else None
    if seat is None:
        return Place(name=name, country=name, iso2=cc, geo_precision=3, spans=spans)
    return Place(
        name=seat.name,
        country=name,
        iso2=cc,
        admin1=gaz.admin1_name(cc, seat.admin1_code),
        admin2=gaz.admin2_of(seat),
        latitude=seat.latitude,
        longitude=seat.longitude,
        geo_precision=3,
        geonames_id=seat.geonames_id if seat.geonames_id > 0 else None,
        spans=spans,
    )


VIOLENT = VIOLENT_EVENT_TYPES
DEMONSTRATIONS = frozenset({"Protests", "Riots"})


def _family(event_type: str) -> str:
    if event_type in VIOLENT:
        return "violent"
    if event_type in DEMONSTRATIONS:
        return "demonstration"
    return event_type


def _compatible(a: EventMention, b: EventMention) -> bool:
    """Whether two mentions in one document may tell the same event."""
    if a.background != b.background:
        return False
    fa, fb = _family(a.event_type), _family(b.event_type)
    # "protesters ... burned a police station": a demonstration turned violent
    turned_violent = {fa, fb} == {"demonstration", "violent"} and not b.actor1
    # the looting that accompanies an attack or a riot is part of it
    accompanying = bool({fa, fb} & {"violent", "demonstration"}) and "Strategic developments" in (
        a.event_type,
        b.event_type,
    )
    if fa != fb and not turned_violent and not accompanying:
        return False
    if a.event_type == b.event_type == "Protests" and {kind_of(a.actor1), kind_of(b.actor1)} & {
        "police",
        "state_forces",
    }:
        return True  # "police watched the sit-in but did not intervene": the same peaceful protest
    names_a = _keys(a.actor1)
    names_b = _keys(b.actor1)
    if not names_a or not names_b or names_a & names_b:
        return True
    # "militants attacked the village ... volunteers repulsed the assault and killed three militants"
    return bool(names_a & _keys(b.actor2) or names_b & _keys(a.actor2))


def _keys(mentions: list[ActorMention]) -> set[tuple[str | None, str | None]]:
    """Identity keys of actor mentions; a generic armed mention ("militants") also matches named groups."""
    keys: set[tuple[str | None, str | None]] = set()
    for m in mentions:
        keys.add((m.named, m.generic))
        if m.named and english().named_actors[m.named].kind in ("islamist_militant_group", "rebel_group"):
            keys.add((None, "unidentified"))
        if not m.named and m.generic in CROWDS:
            keys.add((None, "crowd"))  # "merchants ... demonstrated. The demonstrators barricaded ..."
    return keys


CROWDS = frozenset({"civilians", "protesters", "rioters"})


# Which sub-event type a merged group takes, most telling first (ACLED's precedence: an armed
# clash outranks the attack on civilians it grew out of; a riot outranks the protest it began as).
GROUP_PRECEDENCE = (
    "Excessive force against protesters",
    "Mob violence",
    "Violent demonstration",
    "Protest with intervention",
    "Suicide bomb",
    "Air/drone strike",
    "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED",
    "Grenade",
    "Government regains territory",
    "Non-state actor overtakes territory",
    "Armed clash",
    "Sexual violence",
    "Attack",
    "Abduction/forced disappearance",
    "Peaceful protest",
)


def _clash_sides(e: EventMention) -> bool:
    """Whether a clash mention names its sides: not a civilian "fighting" a group ("the individual
    assassinated was an activist against Ansaroul Islam"), nor only vague militants ("those killed
    were alleged to be militants")."""
    if e.actor1:
        return kind_of(e.actor1) in ARMED_KINDS or any(m.generic == "ethnic" for m in e.actor2)
    return any(m.named or m.generic not in ("unidentified", "ethnic") for m in e.actor2)


def _group_type(group: list[EventMention], primary: EventMention) -> tuple[str, str]:
    subs = {e.sub_event_type: e.event_type for e in group}
    for sub in GROUP_PRECEDENCE:
        if sub in subs:
            if sub in ("Air/drone strike", "Shelling/artillery/missile attack") and _support_fire(group, sub):
                continue  # "militants ambushed an army unit ... The ambush was followed by airstrikes"
            if sub == "Armed clash" and not any(
                e.sub_event_type == "Armed clash"
                and (
                    (e.actor2 and (len(group) == 1 or _clash_sides(e)))
                    or ("clash" in e.classes and kind_of(e.actor1) in ("state_forces", "police"))
                )
                for e in group
            ):
                continue  # a clash needs two armed sides
            return subs[sub], sub
    return primary.event_type, primary.sub_event_type


def _support_fire(group: list[EventMention], sub: str) -> bool:
    """Whether the strikes of a group only support a fight told before them: every mention of that
    sub-type comes after an armed clash between two sides and names no one who struck."""
    strikes = [e for e in group if e.sub_event_type == sub]
    clashes = [e for e in group if e.sub_event_type == "Armed clash" and e.actor2 and _clash_sides(e)]
    return bool(clashes) and all(
        not e.actor1 and e.sent_start > min(c.sent_start for c in clashes) for e in strikes
    )


def _merge(events: list[EventMention]) -> list[list[EventMention]]:
    groups: list[list[EventMention]] = []
    for ev in events:
        for g in groups:
            if _compatible(g[0], ev):
                g.append(ev)
                break
        else:
            groups.append([ev])
    return groups


def _primary(group: list[EventMention]) -> EventMention:
    """The mention that tells the most: the most killed, named actors, then the earliest."""

    def score(ev: EventMention) -> tuple[int, int, int, int]:
        return (
            1 if ev.killed else 0,
            len(ev.actor1) + len(ev.actor2),
            1 if ev.event_type != "Strategic developments" else 0,
            -ev.sent_start,
        )

    return max(group, key=score)


DATELINE_CHARS = 400  # a full date this close to the top is the dateline's


def _dateline(doc: Doc) -> DateMention | None:
    """The full date of a dateline ("GAO, Mali, 6 March 2024 —"), if the text starts with one."""
    if doc.lang_ == "fr":
        return _dateline_fr(doc.text, doc._.dates or [])
    return _dateline_of(doc.text, doc._.dates or [])


# after a French dateline's date: the agency, then a dash of any length ("3 mars 2024 (AFP) - ")
_DATELINE_TAIL_FR = re.compile(r"\s*(?:\([^()\n]{1,30}\)\s*)?[—–-]\s")


def _dateline_fr(text: str, dates: list[DateMention]) -> DateMention | None:
    """A French dateline's full date: "OUAGADOUGOU, 3 mars 2024 (AFP) - ...", "NIAMEY, 17 juillet
    2024 — ..." (French wires put the agency before the dash, and type a hyphen for it)."""
    for d in dates:
        if d.start_char > DATELINE_CHARS:
            break
        if d.kind in ("dmy", "iso") and d.year and _DATELINE_TAIL_FR.match(text, d.end_char):
            return d
    return None


def _dateline_of(text: str, dates: list[DateMention]) -> DateMention | None:
    for d in dates:
        if d.start_char > DATELINE_CHARS:
            break
        if d.kind in ("dmy", "mdy", "iso") and d.year and "—" in text[d.end_char : d.end_char + 4]:
            return d
    return None


# a wire dateline at the start of a line: "BAMAKO, Jan 10 (Reuters) -", "OUAGADOUGOU, Burkina Faso (AP) —",
# "NIAMEY (AFP) -": the city in capitals, then an optional region or date, an agency, a dash
WIRE_DATELINE = re.compile(
    r"^[ \t]*[A-Z][A-Z'’.\-]{2,30}(?: [A-Z][A-Z'’.\-]+){0,3}"  # the city: BAMAKO, FADA N'GOURMA
    # a country, region or date: ", Burkina Faso", ", Jan 10", ", 4 juin"
    r"(?:,[ \t]*[A-Z0-9][\w.'’ ]{1,40}){0,2}"
    r"[ \t]*(?:\([^()\n]{2,30}\))?[ \t]*[-—–]+[ \t]",  # the agency and the dash: "(Reuters) -"
    re.MULTILINE,
)


def _wire_dateline(text: str) -> tuple[int, int] | None:
    """The character range of a wire dateline near the top of a text, if there is one."""
    m = WIRE_DATELINE.search(text, 0, DATELINE_CHARS)
    return (m.start(), m.end()) if m else None


def _adopt_stray_counts(doc: Doc, groups: list[list[EventMention]]) -> None:
    """Tolls told in a sentence without an event word ("Five corpses were found.") belong to the
    event told just before (or to the first event, when they come first)."""
    if not groups:
        return
    in_event = {i for g in groups for e in g for i in range(e.sent_start, e.sent_end)}
    starts = sorted((min(e.sent_start for e in g), gi) for gi, g in enumerate(groups))
    for c in doc._.counts or []:
        if c.fate != "killed" or not c.person or c.start in in_event:
            continue
        if background_sentence(doc[c.start].sent, doc._.dates or []):
            continue  # "since 2015, the violence has killed thousands": the conflict's toll, not the event's
        before = [gi for start, gi in starts if start <= c.start]
        group = groups[before[-1] if before else starts[0][1]]
        host = max(group, key=lambda e: e.sent_start)
        if c not in host.killed:
            host.killed.append(c)


def reports_from_doc(doc: Doc, document: Document) -> list[Report]:
    """Turn a processed spaCy Doc into Reports."""
    dateline = _dateline(doc)
    if dateline is not None:
        doc._.dates = [d for d in doc._.dates if d is not dateline]
        if document.published is None:
            resolved = resolve(dateline, None)
            document.published = resolved.date if resolved else None
        line_start = doc.text.rfind("\n", 0, dateline.start_char) + 1
        doc._.places = [
            p for p in doc._.places or [] if not line_start <= doc[p.start].idx < dateline.end_char
        ]
    wire = _wire_dateline(doc.text)
    reference = document.published
    if wire is not None:
        # where the story was filed from, not where it happened
        doc._.places = [p for p in doc._.places or [] if not wire[0] <= doc[p.start].idx < wire[1]]
        # ... and when: "BAMAKO, June 4 (Reuters) -" is the day "on Sunday" is counted from
        filed = [d for d in doc._.dates or [] if wire[0] <= d.start_char < wire[1]]
        if filed:
            doc._.dates = [d for d in doc._.dates if d not in filed]
            resolved = resolve(filed[0], document.published)
            if resolved is not None and resolved.precision == 1:
                reference = resolved.date
                if document.published is None:
                    document.published = reference
    events: list[EventMention] = doc._.events or []
    country = doc._.country or document.country_hint
    reports: list[Report] = []
    groups = _merge(events)
    _adopt_stray_counts(doc, groups)
    remarks = read_remarks(document.text, document.id)  # once for all the document's reports
    if doc.lang_ == "fr":
        remarks = read_remarks_fr(document.text, document.id, remarks)  # "bilan codé à 3"
    for group in groups:
        primary = _primary(group)
        ordered = sorted(group, key=lambda e: e.sent_start)
        event_type, sub_event_type = _group_type(group, primary)
        typed = next((e for e in group if e.sub_event_type == sub_event_type), primary)
        # take roles from the best mention that has them
        a1_src = next((e for e in ordered if e.actor1), primary)
        a2_src = next((e for e in [typed, primary, *ordered] if e.actor2), primary)
        a2_mentions = list(a2_src.actor2)
        if a2_src is not a1_src and _keys(a2_src.actor2) & _keys(a1_src.actor1) and a2_src.actor1:
            # the other side of the clash, told from its own point of view
            a2_mentions = list(a2_src.actor1[:1])
        date = _date(document, ordered, doc, reference)
        when = date.date if date else document.published
        places = _places(doc, document, [primary, *ordered])
        place = places[0] if places else None
        cc = place.iso2 if place and place.iso2 else country
        a1_mentions = list(a1_src.actor1)
        keys = {(m.named, m.generic) for m in a1_mentions}
        for e in ordered:
            # associates named in other mentions of the same event ("supported by Wagner")
            if e.actor1 and (e.actor1[0].named, e.actor1[0].generic) in keys:
                a1_mentions += [m for m in e.actor1[1:] if (m.named, m.generic) not in keys]
                keys |= {(m.named, m.generic) for m in e.actor1}
        actor1, assoc1 = _actor(doc, document, a1_mentions, cc, when, a1_src.actor1_or)
        a2_mentions, a2_or = _hedged_partner(doc, a2_mentions)
        actor2, assoc2 = _actor(doc, document, a2_mentions, cc, when, a2_or)
        actor1, assoc1, actor2, assoc2 = _conventional_roles(
            doc, document, event_type, sub_event_type, actor1, assoc1, actor2, assoc2, cc, when
        )
        counted = _fatalities(doc, document, ordered)
        fatalities = remarks.apply(counted)
        if sub_event_type in NON_LETHAL_SUB_EVENT_TYPES:
            # "marched two days after eight died in an accident"
            fatalities = counted = Fatalities.none_reported()
        slots: list[Place | None] = list(places) or [None]  # one event per place, or one with none
        shares = [fatalities] * len(slots)
        if len(slots) > 1 and (remarks.split is None or remarks.parts == len(slots)):
            # one toll for a list of places, shared between their events (a remark that splits it
            # between as many events only confirms it); a remark naming another number of events
            # has already given each its share
            whole = replace(remarks, split=None).apply(counted)
            shares = [
                replace(_share(whole, len(slots), k), spans=fatalities.spans) for k in range(len(slots))
            ]
        other_counts = _other_counts(doc, ordered)
        background = primary.background
        if not background and date and document.published and date.precision <= 2:
            background = (document.published - date.date).days > BACKGROUND_AGE_DAYS
        evidence = tuple(_span(doc, document, e.sent_start, e.sent_end) for e in ordered)
        tags: list[str] = []
        if any(e.women_children for e in group):
            tags.append("women and children among victims")
        if background:
            tags.append("background")
        if any(m.hedged for e in group for m in e.actor1):
            tags.append("perpetrator suspected")
        main_sentence = doc[primary.sent_start : primary.sent_end].text.strip()
        for at, share in zip(slots, shares, strict=True):
            # one event per location, the toll shared between them, as ACLED codes a list of places
            reports.append(
                Report(
                    doc_id=document.id,
                    event_type=event_type,
                    sub_event_type=sub_event_type,
                    actor1=actor1,
                    assoc_actor_1=assoc1,
                    actor2=actor2,
                    assoc_actor_2=assoc2,
                    fatalities=share,
                    date=date,
                    place=at,
                    evidence=evidence,
                    background=background,
                    tags=tuple(tags),
                    notes=main_sentence[:1000],
                    other_counts=other_counts,
                    index=len(reports),
                )
            )
    # the events of today's news first
    reports.sort(key=lambda r: (r.background, r.index))
    for i, r in enumerate(reports):
        r.index = i
    attach_claims(doc, document, reports)
    for r in reports:
        _claimed_by(r)
    return reports


CLAIMANT_KINDS = frozenset({"islamist_militant_group", "rebel_group", "political_militia"})


def _claimed_by(report: Report) -> None:
    """An attack by unnamed men that a named armed group claimed ("JNIM claimed responsibility")
    is coded, as ACLED does, with the claimant as actor1; the claim stays on record as a claim."""
    if report.event_type not in VIOLENT or (
        report.actor1 is not None and report.actor1.kind != "unidentified_armed_group"
    ):
        return
    for c in report.claims:
        if (
            c.get("stance") == "claims_responsibility"
            and c.get("source")
            and c.get("source_kind") in CLAIMANT_KINDS
        ):
            span = c.get("span")
            spans = (Span(span["doc_id"], span["start"], span["end"], span["text"]),) if span else ()
            report.actor1 = Actor(c["source"], c["source_kind"], INTER_CODES[c["source_kind"]], None, spans)
            return


def extract(document: Document | str, country: str | None = None, lang: str | None = None) -> list[Report]:
    """Extract the events one document reports. A plain string is treated as an undated document."""
    if isinstance(document, str):
        document = Document(id="text", text=document)
    return next(extract_many([document], country=country, lang=lang))[1]


def extract_many(
    documents: Iterable[Document],
    batch_size: int | None = None,
    country: str | None = None,
    triage: bool = True,
    lang: str | None = None,
) -> Iterator[tuple[Document, list[Report]]]:
    """Extract events from many documents, streaming through the pipeline in batches, in input order.

    ``country`` (ISO2 or name): the country in focus for documents whose text names none.
    ``triage``: documents that cannot be about a conflict event (no trigger word; see
    :mod:`conflictlens.nlp.triage`) skip the statistical pipeline and yield no reports. Triage is
    built from the English lemmatizer's tables: French documents are not triaged.
    ``lang`` ("en", "fr"): read every document in that language; by default each document's language
    is detected (see :func:`conflictlens.nlp.language.route`) and set on ``Document.language``, so
    one run mixes languages. Each language's pipeline is loaded on first use.
    """
    for _doc, document, reports in docs_and_reports(documents, batch_size, country, triage, lang):
        yield document, reports


def docs_and_reports(
    documents: Iterable[Document],
    batch_size: int | None = None,
    country: str | None = None,
    triage: bool = True,
    lang: str | None = None,
) -> Iterator[tuple[Doc, Document, list[Report]]]:
    """:func:`extract_many` with each document's processed spaCy ``Doc`` (each routed to its
    language's pipeline), for callers that read more off the Doc (claims, places).

    With ``triage``, the pipeline reads an English document with its background sentences blanked
    (:meth:`conflictlens.nlp.triage.Triage.focus`): the Doc's text is then blanked there, while
    every offset, and ``Document.text``, are those of the original."""
    forced = check_language(lang)
    size = batch_size or settings.nlp_batch_size
    hint = country_code(country) if country else None

    def prepared(d: Document) -> tuple[str, Doc, Document]:
        if hint and not d.country_hint:
            d.country_hint = hint
        code = route(d, forced)
        doc = load_pipeline(code).make_doc(d.text[: settings.max_doc_chars])
        doc._.country_hint = d.country_hint  # components may use the feed's country as a prior
        doc.user_data["country_hint"] = d.country_hint
        return code, doc, d

    # each chunk goes through each language's pipeline in batches (triage decides per English
    # document); the results come back in input order
    for chunk in _chunks((prepared(d) for d in documents), size * 4):
        results: list[tuple[Doc, Document, list[Report]] | None] = [None] * len(chunk)
        for code in dict.fromkeys(c for c, _, _ in chunk):
            nlp = load_pipeline(code)
            check = triage_for(nlp) if triage and code == "en" else None
            items = [(i, doc, document) for i, (c, doc, document) in enumerate(chunk) if c == code]
            keep = [
                check.keep(doc, text=document.text[: settings.max_doc_chars]) if check is not None else True
                for _, doc, document in items
            ]
            # what the pipeline reads: background sentences blanked out (see triage.focus)
            focused = {
                i: check.focus(doc, text=document.text[: settings.max_doc_chars])
                if check is not None
                else Focused(pipeline_doc(doc, document.text[: settings.max_doc_chars]), ())
                for (i, doc, document), k in zip(items, keep, strict=True)
                if k
            }
            done = nlp.pipe(
                [(focused[i].doc, document) for (i, _, document), k in zip(items, keep, strict=True) if k],
                as_tuples=True,
                batch_size=size,
            )
            for (i, doc, document), k in zip(items, keep, strict=True):
                if k:
                    done_doc, document = next(done)
                    reports = reports_from_doc(done_doc, document)
                    if focused[i].blanked and focused[i].quotes_blank(reports):
                        # a span reaches into blanked text: read the whole document instead
                        done_doc = nlp(pipeline_doc(doc, document.text[: settings.max_doc_chars]))
                        reports = reports_from_doc(done_doc, document)
                    results[i] = (done_doc, document, reports)
                else:
                    results[i] = (doc, document, skipped(doc, document))
        for result in results:
            assert result is not None
            yield result


def skipped(doc: Doc, document: Document) -> list[Report]:
    """What :func:`reports_from_doc` gives a document triage skipped: no reports, but its dateline's
    date still becomes the publication date."""
    text = document.text[: settings.max_doc_chars]  # doc.text, without joining every token again
    if document.published is None and "—" in text[: DATELINE_CHARS + 100]:
        dateline = _dateline_of(text, find_dates(text))
        if dateline is not None:
            resolved = resolve(dateline, None)
            document.published = resolved.date if resolved else None
    return []


def _chunks(items: Iterable[_T], n: int) -> Iterator[list[_T]]:
    chunk: list[_T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= n:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# -- many processes ------------------------------------------------------------------------------

_worker_options: dict[str, Any] = {}
_WARM_UP_TEXT = "Soldiers clashed with armed men near the capital on Monday; three people were killed."


def _watch_parent(parent: int) -> None:
    """Exit when the process that started this worker is gone (e.g. killed with SIGKILL)."""
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:
            os._exit(0)


def _start_worker(parent: int, country: str | None, triage: bool, lang: str | None = None) -> None:
    """Initializer of an extraction worker: load the pipeline once (another language's on first
    use), then wait for chunks."""
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    _worker_options.update(country=country, triage=triage, lang=lang)
    load_pipeline(lang or "en")
    # one short text through the whole path, so that what is loaded on first use (triage's tables,
    # the language identifier, the gazetteer's indexes: about 0.5 s) is loaded before the first chunk
    list(extract_many([Document(id="warm-up", text=_WARM_UP_TEXT)], **_worker_options))
    # what is loaded lives as long as the worker: keep the cyclic garbage collector from walking
    # it again and again (its time on the 1,049 news-prose documents: 0.43 -> 0.16 s)
    gc.freeze()


def _extract_chunk(documents: list[Document]) -> list[tuple[Document, list[Report]]]:
    """Extract one chunk in a worker process (the pipeline is loaded by :func:`_start_worker`)."""
    return list(extract_many(documents, **_worker_options))


def worker_pool(
    workers: int, country: str | None = None, triage: bool = True, lang: str | None = None
) -> ProcessPoolExecutor:
    """A pool of ``workers`` extraction processes for :func:`extract_parallel` (to reuse one pool
    across calls, e.g. in a benchmark). Each is a fresh interpreter (the "spawn" start method: no
    state forked from the caller) that loads the pipeline once and exits if its parent dies."""
    hint = country_code(country) if country else None
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start_worker,
        initargs=(os.getpid(), hint, triage, check_language(lang)),
    )


def extract_parallel(
    documents: Iterable[Document],
    workers: int = 1,
    country: str | None = None,
    triage: bool = True,
    chunk_size: int = 32,
    chunks_per_worker: int = 4,
    pool: ProcessPoolExecutor | None = None,
    lang: str | None = None,
) -> Iterator[tuple[Document, list[Report]]]:
    """:func:`extract_many` over ``workers`` processes; results come back in input order.

    Documents go out in chunks of ``chunk_size``; at most ``chunks_per_worker`` chunks per worker are
    in flight, so memory stays bounded however long the input. With ``workers <= 1`` (and no
    ``pool``) this is :func:`extract_many` in this process. A ``pool`` from :func:`worker_pool` is
    used (and left open) instead of starting one; ``country``, ``triage`` and ``lang`` are then the
    pool's. ``lang``: as for :func:`extract_many` (by default, detected per document).
    """
    if pool is None and workers <= 1:
        yield from extract_many(documents, country=country, triage=triage, lang=lang)
        return
    own = pool is None
    executor = pool if pool is not None else worker_pool(workers, country, triage, lang)
    window = max(1, max(workers, 1) * chunks_per_worker)
    pending: deque[Future[list[tuple[Document, list[Report]]]]] = deque()
    try:
        for chunk in _chunks(documents, chunk_size):
            pending.append(executor.submit(_extract_chunk, chunk))
            while len(pending) >= window:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()
        if own:
            executor.shutdown(wait=True, cancel_futures=True)
