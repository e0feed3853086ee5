"""The :class:`Incident`: one event as every source that reported it tells it."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class IncidentSource:
    """One document's contribution to an incident.

    ``family`` is the canonical document of the document's duplicate family (itself when it copies
    none); ``independent`` is False for a syndicated or lightly edited copy of another member.
    ``copies`` lists the URLs of exact copies that were not stored as documents.
    """

    doc_id: str
    report_id: str
    outlet: str | None
    url: str | None
    published: dt.date | None
    family: str
    independent: bool
    fatalities: dict[str, Any]
    copies: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["published"] = self.published.isoformat() if self.published else None
        d["copies"] = list(self.copies)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> IncidentSource:
        return cls(
            doc_id=d["doc_id"],
            report_id=d["report_id"],
            outlet=d.get("outlet"),
            url=d.get("url"),
            published=dt.date.fromisoformat(d["published"]) if d.get("published") else None,
            family=d.get("family") or d["doc_id"],
            independent=bool(d.get("independent", True)),
            fatalities=dict(d.get("fatalities") or {}),
            copies=tuple(d.get("copies") or ()),
        )


@dataclass
class Incident:
    """Reports from different documents that describe the same event, merged.

    Field values (type, actors, place, date) are those most independent sources give; where
    sources disagree, every value is kept in ``conflicts`` with the documents that give it.
    ``fatalities`` has UCDP's ``low``/``best``/``high`` across sources and ACLED's conservative
    integer ``acled``. ``grade`` is one of :data:`conflictlens.resolve.grading.GRADES` and
    ``grade_reasons`` says why.
    """

    id: str
    iso2: str | None
    event_type: str
    sub_event_type: str
    actor1: str | None = None
    actor2: str | None = None
    assoc_actors: tuple[str, ...] = ()
    inter1: int | None = None  # ACLED inter codes of actor1 and actor2
    inter2: int | None = None
    date: dt.date | None = None
    date_end: dt.date | None = None
    time_precision: int | None = None
    place: dict[str, Any] = field(default_factory=dict)  # Place.to_dict() without spans
    first_reported: dt.date | None = None
    last_reported: dt.date | None = None
    fatalities: dict[str, int | None] = field(default_factory=dict)  # low, best, high, acled
    report_ids: tuple[str, ...] = ()
    sources: tuple[IncidentSource, ...] = ()
    claims: tuple[dict[str, Any], ...] = ()  # each claim dict plus doc_id and report_id
    conflicts: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    status: tuple[str, ...] = ()  # taxonomy.event_status of every claim's stance
    grade: str = "weak"
    grade_reasons: tuple[str, ...] = ()
    background: bool = False
    notes: str = ""
    reviewed: bool = False  # an analyst split or merged it

    @property
    def independent_sources(self) -> int:
        """How many sources are independent (syndicated copies count with their original)."""
        return sum(1 for s in self.sources if s.independent)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "iso2": self.iso2,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "actor1": self.actor1,
            "actor2": self.actor2,
            "assoc_actors": list(self.assoc_actors),
            "inter1": self.inter1,
            "inter2": self.inter2,
            "date": _iso(self.date),
            "date_end": _iso(self.date_end),
            "time_precision": self.time_precision,
            "place": dict(self.place),
            "first_reported": _iso(self.first_reported),
            "last_reported": _iso(self.last_reported),
            "fatalities": dict(self.fatalities),
            "independent_sources": self.independent_sources,
            "report_ids": list(self.report_ids),
            "sources": [s.to_dict() for s in self.sources],
            "claims": [dict(c) for c in self.claims],
            "conflicts": {k: list(v) for k, v in self.conflicts.items()},
            "status": list(self.status),
            "grade": self.grade,
            "grade_reasons": list(self.grade_reasons),
            "background": self.background,
            "notes": self.notes,
            "reviewed": self.reviewed,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Incident:
        """Rebuild an incident from :meth:`to_dict` output (used by the store)."""
        return cls(
            id=d["id"],
            iso2=d.get("iso2"),
            event_type=d["event_type"],
            sub_event_type=d["sub_event_type"],
            actor1=d.get("actor1"),
            actor2=d.get("actor2"),
            assoc_actors=tuple(d.get("assoc_actors") or ()),
            inter1=d.get("inter1"),
            inter2=d.get("inter2"),
            date=_date(d.get("date")),
            date_end=_date(d.get("date_end")),
            time_precision=d.get("time_precision"),
            place=dict(d.get("place") or {}),
            first_reported=_date(d.get("first_reported")),
            last_reported=_date(d.get("last_reported")),
            fatalities=dict(d.get("fatalities") or {}),
            report_ids=tuple(d.get("report_ids") or ()),
            sources=tuple(IncidentSource.from_dict(s) for s in d.get("sources") or ()),
            claims=tuple(dict(c) for c in d.get("claims") or ()),
            conflicts={k: list(v) for k, v in (d.get("conflicts") or {}).items()},
            status=tuple(d.get("status") or ()),
            grade=d.get("grade", "weak"),
            grade_reasons=tuple(d.get("grade_reasons") or ()),
            background=bool(d.get("background")),
            notes=d.get("notes", ""),
            reviewed=bool(d.get("reviewed")),
        )


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _date(s: str | None) -> dt.date | None:
    return dt.date.fromisoformat(s) if s else None
