"""The request and response bodies of the REST API (pydantic models, shown in the OpenAPI docs)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, Field

from conflictlens.resolve.model import Incident

ReviewStatus = Literal["pending", "accepted", "edited", "rejected"]


def storable(value: str) -> str:
    """``value`` if a database can keep it: no NUL character, valid Unicode (no lone surrogates)."""
    if "\x00" in value:
        raise ValueError("must not contain a NUL character")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError("must be valid Unicode") from exc
    return value


#: A string the store can keep.
Text = Annotated[str, AfterValidator(storable)]


class UserOut(BaseModel):
    name: str
    role: Literal["viewer", "analyst", "admin"]


class UserIn(BaseModel):
    name: Text = Field(min_length=1, max_length=64, description="Letters, digits, '.', '_', '@', '-'.")
    password: Text = Field(min_length=8, max_length=1024)
    role: Literal["viewer", "analyst", "admin"] = "viewer"


class SessionOut(BaseModel):
    user: UserOut | None = Field(description="The logged-in user (the anonymous viewer in public mode).")
    logged_in: bool
    csrf_token: str = Field(description="Send it back in the X-CSRF-Token header of every write.")
    public: bool


class LoginIn(BaseModel):
    username: Text = Field(min_length=1, max_length=256)
    password: Text = Field(min_length=1, max_length=4096)


class IncidentSummary(BaseModel):
    """One incident as a list shows it (reviewed values)."""

    id: str
    date: dt.date | None
    date_end: dt.date | None
    event_type: str
    sub_event_type: str
    actor1: str | None
    actor2: str | None
    iso2: str | None
    country: str | None
    admin1: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    fatalities: int = Field(description="ACLED's conservative toll (the analyst's, when edited).")
    fatalities_low: int | None
    fatalities_high: int | None
    grade: str
    status: list[str] = Field(description="The event's status from the claims (reported, alleged, ...).")
    review: ReviewStatus
    sources: int
    independent_sources: int
    background: bool
    notes: str

    @classmethod
    def of(cls, incident: Incident, review: str) -> IncidentSummary:
        place, f = incident.place, incident.fatalities
        return cls(
            id=incident.id,
            date=incident.date,
            date_end=incident.date_end,
            event_type=incident.event_type,
            sub_event_type=incident.sub_event_type,
            actor1=incident.actor1,
            actor2=incident.actor2,
            iso2=incident.iso2,
            country=place.get("country"),
            admin1=place.get("admin1"),
            location=place.get("name"),
            latitude=place.get("latitude"),
            longitude=place.get("longitude"),
            fatalities=int(f.get("acled") or 0),
            fatalities_low=f.get("low"),
            fatalities_high=f.get("high"),
            grade=incident.grade,
            status=list(incident.status),
            review=review,  # type: ignore[arg-type]
            sources=len(incident.sources),
            independent_sources=incident.independent_sources,
            background=incident.background,
            notes=incident.notes,
        )


class Page(BaseModel):
    total: int = Field(description="How many items match the filters.")
    limit: int
    offset: int


class IncidentPage(Page):
    items: list[IncidentSummary]


class EventSummary(BaseModel):
    """One event report: one event as one document tells it (extracted values)."""

    id: str
    doc_id: str
    incident_id: str | None
    date: dt.date | None
    event_type: str
    sub_event_type: str
    actor1: str | None
    actor2: str | None
    iso2: str | None
    country: str | None
    admin1: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    fatalities: int
    background: bool
    status: list[str]
    notes: str


class EventPage(Page):
    items: list[EventSummary]


class AuditEntryOut(BaseModel):
    id: int
    at: dt.datetime
    user: str
    action: str
    incident_id: str | None
    before: dict[str, Any]
    after: dict[str, Any]
    why: str | None


class AuditPage(Page):
    items: list[AuditEntryOut]


class ReviewOut(BaseModel):
    status: ReviewStatus
    changes: dict[str, Any] = Field(description="The fields an analyst edited, with their new values.")
    history: list[AuditEntryOut]


class IncidentDetail(BaseModel):
    """One incident with everything behind it."""

    incident: dict[str, Any] = Field(
        description="The incident (reviewed values), as the JSONL export has it."
    )
    resolved: dict[str, Any] = Field(description="The coding as resolved from the sources, before edits.")
    review: ReviewOut
    reports: list[dict[str, Any]] = Field(description="Each member report with its spans.")
    documents: list[dict[str, Any]] = Field(description="The member documents (without their text).")


class ReviewIn(BaseModel):
    action: Literal["accept", "edit", "reject"]
    changes: dict[str, Any] | None = Field(
        default=None,
        description="Only with edit: field -> new value. Fields: event_type, sub_event_type, actor1, "
        "actor2, inter1, inter2, event_date, time_precision, location, admin1, admin2, latitude, "
        "longitude, geo_precision, fatalities (ACLED integer), notes.",
    )
    why: Text | None = Field(default=None, max_length=5000)


class ReviewDone(BaseModel):
    audit_id: int
    incident: IncidentSummary


class MergeIn(BaseModel):
    other: Text = Field(min_length=1, max_length=64, description="The incident merged into this one.")
    why: Text | None = Field(default=None, max_length=5000)


class SplitIn(BaseModel):
    report_ids: list[Text] = Field(min_length=1, max_length=1000, description="Reports to move out.")
    why: Text | None = Field(default=None, max_length=5000)


class ResolvedOut(BaseModel):
    incident_id: str = Field(description="The merged incident, or the new one a split made.")
    incidents: list[IncidentSummary]


class DocumentSummary(BaseModel):
    id: str
    title: str | None
    url: str | None
    published: dt.date | None
    source: str | None
    events: int


class DocumentPage(Page):
    items: list[DocumentSummary]


class DocumentOut(BaseModel):
    id: str
    title: str | None
    url: str | None
    published: dt.date | None
    source: str | None
    origin: str | None
    language: str
    text: str
    reports: list[dict[str, Any]] = Field(description="Its event reports with their spans.")
    duplicate_of: str | None = Field(description="The document it copies, if any.")


class IngestIn(BaseModel):
    text: Text = Field(min_length=1, max_length=2_000_000, description="The article's text.")
    title: Text | None = Field(default=None, max_length=1000)
    url: Text | None = Field(default=None, max_length=4000)
    published: dt.date | None = None
    source: Text | None = Field(default=None, max_length=512, description="The outlet.")
    id: Text | None = Field(
        default=None,
        max_length=200,
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._:@-]*$",
        description="The document's id (default: from the title and the text's hash).",
    )
    country: Text | None = Field(
        default=None, max_length=64, description="Country in focus when the text names none (ISO2 or name)."
    )


class IngestOut(BaseModel):
    doc_id: str
    stored: bool = Field(description="False when the text was already stored (nothing new was added).")
    duplicate_of: str | None
    events: int
    incidents: list[str]
