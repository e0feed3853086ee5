"""The filters, sorting and pagination shared by the incident, event and export routes."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Literal, TypeVar

from fastapi import Query

from conflictlens import taxonomy
from conflictlens.api.deps import invalid
from conflictlens.model import Document, Report
from conflictlens.resolve.model import Incident
from conflictlens.store import Store
from conflictlens.store import incidents as tables

T = TypeVar("T")

EventType = Literal[
    "Battles",
    "Protests",
    "Riots",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Strategic developments",
]
EventStatus = Literal["reported", "alleged", "contested", "acknowledged", "under investigation"]
Sort = Literal["date", "-date", "fatalities", "-fatalities", "id", "-id", "sources", "-sources"]

MAX_TERMS = 10


def norm(text: str | None) -> str:
    """Lower case without accents, for comparing names ("Ménaka" = "menaka")."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@dataclass(frozen=True)
class Filters:
    """What the user asked for; every given filter must hold."""

    start: dt.date | None = None
    end: dt.date | None = None
    country: str | None = None
    admin1: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None
    status: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # min lon, min lat, max lon, max lat
    q: tuple[str, ...] = ()

    @property
    def iso2(self) -> str | None:
        """The country as an ISO2 code when it was given as one."""
        if self.country and len(self.country) == 2 and self.country.isalpha():
            return self.country.upper()
        return None


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """``min_lon,min_lat,max_lon,max_lat`` as floats; 422 when malformed or out of range."""
    if value is None or not value.strip():
        return None
    parts = value.split(",")
    try:
        numbers = [float(p) for p in parts]
    except ValueError:
        numbers = []
    ok = len(numbers) == 4 and all(n == n and abs(n) != float("inf") for n in numbers)
    if ok:
        w, s, e, n = numbers
        ok = -180 <= w <= e <= 180 and -90 <= s <= n <= 90
    if not ok:
        raise invalid(
            "query",
            "bbox",
            "bbox must be min_lon,min_lat,max_lon,max_lat with min <= max, e.g. -6,10,5,16",
            value,
        )
    return numbers[0], numbers[1], numbers[2], numbers[3]


def filter_params(
    start: Annotated[dt.date | None, Query(description="Events on or after this date.")] = None,
    end: Annotated[dt.date | None, Query(description="Events on or before this date.")] = None,
    country: Annotated[
        str | None, Query(max_length=64, description="ISO2 code or English name, e.g. ML or Mali.")
    ] = None,
    admin1: Annotated[str | None, Query(max_length=256, description="First-level admin area.")] = None,
    event_type: Annotated[EventType | None, Query()] = None,
    sub_event_type: Annotated[str | None, Query(max_length=64)] = None,
    actor: Annotated[
        str | None, Query(max_length=256, description="Part of an actor's name (actor1, actor2, associated).")
    ] = None,
    status: Annotated[EventStatus | None, Query(description="The event's status from its claims.")] = None,
    bbox: Annotated[
        str | None, Query(max_length=200, description="min_lon,min_lat,max_lon,max_lat (WGS84).")
    ] = None,
    q: Annotated[
        str | None, Query(max_length=500, description="Words that must all occur in the notes or sources.")
    ] = None,
) -> Filters:
    if sub_event_type is not None and sub_event_type not in taxonomy.SUB_EVENT_TYPES:
        raise invalid("query", "sub_event_type", f"unknown sub_event_type {sub_event_type!r}", sub_event_type)
    if start and end and start > end:
        raise invalid("query", "start", "start is after end", str(start))
    terms = tuple(t for t in (q or "").split() if t)[:MAX_TERMS]
    return Filters(
        start=start,
        end=end,
        country=country.strip() or None if country else None,
        admin1=admin1,
        event_type=event_type,
        sub_event_type=sub_event_type,
        actor=actor,
        status=status,
        bbox=parse_bbox(bbox),
        q=terms,
    )


# -- matching -------------------------------------------------------------------------------------


def _in_range(day: dt.date | None, f: Filters) -> bool:
    if f.start is None and f.end is None:
        return True
    if day is None:
        return False
    return (f.start is None or day >= f.start) and (f.end is None or day <= f.end)


def _in_bbox(lat: Any, lon: Any, f: Filters) -> bool:
    if f.bbox is None:
        return True
    if lat is None or lon is None:
        return False
    w, s, e, n = f.bbox
    return w <= float(lon) <= e and s <= float(lat) <= n


def _country_ok(iso2: str | None, name: str | None, f: Filters) -> bool:
    if not f.country:
        return True
    wanted = norm(f.country)
    return wanted in (norm(iso2), norm(name))


def _text_ok(haystack: str, doc_ids: Iterable[str], f: Filters, found: dict[str, set[str]]) -> bool:
    """Every search term occurs in ``haystack`` or in the text of one of ``doc_ids``."""
    if not f.q:
        return True
    docs = set(doc_ids)
    text = norm(haystack)
    return all(norm(term) in text or bool(found.get(term, set()) & docs) for term in f.q)


def documents_with_terms(store: Store, f: Filters) -> dict[str, set[str]]:
    """For each search term, the documents whose title or text contain it."""
    return {term: tables.document_ids_containing(store, term) for term in f.q}


def incident_matches(incident: Incident, f: Filters, found: dict[str, set[str]]) -> bool:
    place = incident.place
    if not _in_range(incident.date, f):
        return False
    if not _country_ok(incident.iso2, place.get("country"), f):
        return False
    if f.admin1 and norm(place.get("admin1")) != norm(f.admin1):
        return False
    if f.event_type and incident.event_type != f.event_type:
        return False
    if f.sub_event_type and incident.sub_event_type != f.sub_event_type:
        return False
    if f.actor:
        names = [incident.actor1, incident.actor2, *incident.assoc_actors]
        if not any(norm(f.actor) in norm(n) for n in names if n):
            return False
    if f.status and f.status not in incident.status:
        return False
    if not _in_bbox(place.get("latitude"), place.get("longitude"), f):
        return False
    if f.q:
        haystack = " ".join(
            [incident.notes]
            + [" ".join(x for x in (s.outlet, s.url, s.doc_id) if x) for s in incident.sources]
        )
        return _text_ok(haystack, (s.doc_id for s in incident.sources), f, found)
    return True


def event_status(report: Report) -> list[str]:
    return list(taxonomy.event_status([c.get("stance", "") for c in report.claims if c.get("stance")]))


def event_matches(report: Report, doc: Document, f: Filters, found: dict[str, set[str]]) -> bool:
    place = report.place
    if not _in_range(report.date.date if report.date else None, f):
        return False
    if not _country_ok(place.iso2 if place else None, place.country if place else None, f):
        return False
    if f.admin1 and norm(place.admin1 if place else None) != norm(f.admin1):
        return False
    if f.event_type and report.event_type != f.event_type:
        return False
    if f.sub_event_type and report.sub_event_type != f.sub_event_type:
        return False
    if f.actor:
        actors = [report.actor1, report.actor2, *report.assoc_actor_1, *report.assoc_actor_2]
        if not any(norm(f.actor) in norm(a.name) for a in actors if a is not None):
            return False
    if f.status and f.status not in event_status(report):
        return False
    if not _in_bbox(place.latitude if place else None, place.longitude if place else None, f):
        return False
    if f.q:
        haystack = " ".join(x for x in (report.notes, doc.source, doc.url, doc.id) if x)
        return _text_ok(haystack, (doc.id,), f, found)
    return True


# -- sorting and pages ----------------------------------------------------------------------------


def sort_items(items: list[T], sort: str, keys: dict[str, Callable[[T], Any]]) -> list[T]:
    """``items`` sorted by ``sort`` (a key name, ``-`` first for descending); missing values last;
    ties by the ``id`` key."""
    descending = sort.startswith("-")
    key = keys[sort.lstrip("-")]
    tie = keys["id"]
    present = [i for i in items if key(i) is not None]
    missing = [i for i in items if key(i) is None]
    present.sort(key=tie)
    present.sort(key=key, reverse=descending)
    missing.sort(key=tie)
    return present + missing


def page(items: Sequence[T], limit: int, offset: int) -> list[T]:
    return list(items[offset : offset + limit])


Limit = Annotated[int, Query(ge=1, le=500, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Items to skip.")]
