"""Merging the reports of one incident: majority values, every conflict kept, tolls as ranges."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from conflictlens import taxonomy
from conflictlens.model import Document, Fatalities, Report
from conflictlens.resolve.grading import grade
from conflictlens.resolve.match import SPECIFIC_ACTOR_KINDS
from conflictlens.resolve.model import Incident, IncidentSource

#: Fields whose disagreements are recorded in :attr:`Incident.conflicts`.
CONFLICT_FIELDS: tuple[str, ...] = (
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "date",
    "location",
    "admin1",
    "fatalities",
    "perpetrator",
)


def _order(member: tuple[Report, Document]) -> tuple[dt.date, str, int]:
    report, doc = member
    return (doc.published or dt.date.max, doc.id, report.index)


def _value(report: Report, field: str) -> Any:
    if field in ("event_type", "sub_event_type"):
        return getattr(report, field)
    if field in ("actor1", "actor2"):
        actor = getattr(report, field)
        return actor.name if actor is not None else None
    if field == "date":
        return report.date.date.isoformat() if report.date else None
    if field in ("location", "admin1"):
        if report.place is None:
            return None
        return report.place.name if field == "location" else report.place.admin1
    if field == "fatalities":
        f = report.fatalities
        return f.best if f.best is not None else f.low
    if field == "perpetrator":
        a = report.actor1
        return a.name if a is not None and a.kind in SPECIFIC_ACTOR_KINDS else None
    raise KeyError(field)


def _vote(
    members: Sequence[tuple[Report, Document]], independent: Sequence[bool], field: str
) -> tuple[Any, list[dict[str, Any]]]:
    """The value most independent sources give (ties: the earliest), and every value with its docs."""
    order: list[Any] = []
    docs: dict[Any, list[str]] = {}
    votes: dict[Any, int] = {}
    for (report, doc), indep in zip(members, independent, strict=True):
        value = _value(report, field)
        if value is None:
            continue
        if value not in docs:
            order.append(value)
            docs[value] = []
            votes[value] = 0
        docs[value].append(doc.id)
        votes[value] += 1 if indep else 0
    if not order:
        return None, []
    best = max(order, key=lambda v: (votes[v], -order.index(v)))
    return best, [{"value": v, "doc_ids": docs[v]} for v in order]


def _toll(f: Fatalities) -> tuple[int, int, int] | None:
    """``(low, best, high)`` of one source's toll, None when it gives none."""
    if f.best is None and f.low is None:
        return None
    best = f.best if f.best is not None else int(f.low or 0)
    low = f.low if f.low is not None else best
    high = f.high if f.high is not None else best
    return low, best, high


def _fatalities(
    members: Sequence[tuple[Report, Document]], independent: Sequence[bool]
) -> dict[str, int | None]:
    """UCDP low/best/high across the sources that give a toll, and ACLED's conservative integer.

    ``low`` and ``high`` span every source (a copy may carry an updated toll); ``best`` is the
    median of the independent sources' best figures (the lower one of an even count) and ``acled``
    their smallest figure, ACLED's conservative choice when sources conflict.
    """
    every = [
        (t, r.fatalities.acled, i)
        for (r, _), i in zip(members, independent, strict=True)
        if (t := _toll(r.fatalities))
    ]
    if not every:
        return {"low": None, "best": None, "high": None, "acled": 0}
    chosen = [(t, a) for t, a, i in every if i] or [(t, a) for t, a, _ in every]
    bests = sorted(t[1] for t, _ in chosen)
    return {
        "low": min(t[0] for t, _, _ in every),
        "best": bests[(len(bests) - 1) // 2],
        "high": max(t[2] for t, _, _ in every),
        "acled": min(a for _, a in chosen),
    }


def build_incident(
    incident_id: str,
    members: Sequence[tuple[Report, Document]],
    families: Mapping[str, str] | None = None,
    copies: Mapping[str, Sequence[str]] | None = None,
    reviewed: bool = False,
) -> Incident:
    """Merge the member reports of one incident into an :class:`Incident`, graded.

    ``families`` maps a document id to the canonical document it copies (missing: itself);
    ``copies`` maps a document id to the URLs of exact copies of it that were not stored.
    """
    if not members:
        raise ValueError(f"incident {incident_id} has no reports")
    families = families or {}
    copies = copies or {}
    ordered = sorted(members, key=_order)
    # Originals before copies, so the original of a family is the independent one.
    by_independence = sorted(
        range(len(ordered)),
        key=lambda i: (families.get(ordered[i][1].id, ordered[i][1].id) != ordered[i][1].id, i),
    )
    independent = [False] * len(ordered)
    seen_families: set[str] = set()
    seen_outlets: set[str] = set()
    for i in by_independence:
        doc = ordered[i][1]
        family = families.get(doc.id, doc.id)
        outlet = (doc.source or "").strip().lower()
        if family in seen_families or (outlet and outlet in seen_outlets):
            continue
        independent[i] = True
        seen_families.add(family)
        if outlet:
            seen_outlets.add(outlet)

    sources = tuple(
        IncidentSource(
            doc_id=doc.id,
            report_id=report.id,
            outlet=doc.source,
            url=doc.url,
            published=doc.published,
            family=families.get(doc.id, doc.id),
            independent=indep,
            fatalities={k: v for k, v in report.fatalities.to_dict().items() if k != "spans"},
            copies=tuple(copies.get(doc.id, ())),
        )
        for (report, doc), indep in zip(ordered, independent, strict=True)
    )
    values: dict[str, Any] = {}
    conflicts: dict[str, list[dict[str, Any]]] = {}
    for field in CONFLICT_FIELDS:
        value, seen = _vote(ordered, independent, field)
        values[field] = value
        if len(seen) > 1:
            conflicts[field] = seen

    # The place: the most precise one among those at the voted location.
    placed = [r.place for r, _ in ordered if r.place is not None]
    place: dict[str, Any] = {}
    if placed:
        at_voted = [p for p in placed if p.name == values["location"]] or placed
        best_place = min(at_voted, key=lambda p: p.geo_precision)
        place = {k: v for k, v in best_place.to_dict().items() if k != "spans"}

    dated = [r.date for r, _ in ordered if r.date is not None]
    date = dt.date.fromisoformat(values["date"]) if values["date"] else None
    date_end = max(((d.end or d.date) for d in dated), default=None)
    if date_end is not None and date is not None and date_end <= date:
        date_end = None
    published = [d.published for _, d in ordered if d.published is not None]

    claims: list[dict[str, Any]] = []
    for report, doc in ordered:
        for claim in report.claims:
            claims.append({**claim, "doc_id": doc.id, "report_id": report.id})
    assoc = sorted({a.name for r, _ in ordered for a in (*r.assoc_actor_1, *r.assoc_actor_2)})
    lead = next(r for (r, _), indep in zip(ordered, independent, strict=True) if indep)
    iso2 = next((r.place.iso2 for r, _ in ordered if r.place is not None and r.place.iso2), None)
    if iso2 is None:
        iso2 = next((d.country_hint for _, d in ordered if d.country_hint), None)
    inter: dict[str, int | None] = {}
    for role in ("actor1", "actor2"):
        actors = [getattr(r, role) for r, _ in ordered]
        inter[role] = next((a.inter for a in actors if a is not None and a.name == values[role]), None)
    incident = Incident(
        id=incident_id,
        iso2=iso2,
        event_type=values["event_type"],
        sub_event_type=values["sub_event_type"] or lead.sub_event_type,
        actor1=values["actor1"],
        actor2=values["actor2"],
        assoc_actors=tuple(assoc),
        inter1=inter["actor1"],
        inter2=inter["actor2"],
        date=date,
        date_end=date_end,
        time_precision=min((d.precision for d in dated), default=None),
        place=place,
        first_reported=min(published, default=None),
        last_reported=max(published, default=None),
        fatalities=_fatalities(ordered, independent),
        report_ids=tuple(r.id for r, _ in ordered),
        sources=sources,
        claims=tuple(claims),
        conflicts=conflicts,
        status=taxonomy.event_status([str(c.get("stance")) for c in claims]),
        background=all(r.background for r, _ in ordered),
        notes=lead.notes,
        reviewed=reviewed,
    )
    incident.grade, incident.grade_reasons = grade(incident)
    return incident
