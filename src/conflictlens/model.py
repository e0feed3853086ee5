"""Domain types shared by every stage of conflictlens.

Every extracted value carries the character span(s) of the document text it came from,
so a user can always go back to the sentence that says so.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Any

from conflictlens import taxonomy


@dataclass(frozen=True)
class Span:
    """A character range ``[start, end)`` of one document's text."""

    doc_id: str
    start: int
    end: int
    text: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Span:
        return cls(d["doc_id"], d["start"], d["end"], d.get("text", ""))


def spans_from(items: list[dict[str, Any]] | None) -> tuple[Span, ...]:
    """Spans rebuilt from their ``to_dict`` forms."""
    return tuple(Span.from_dict(s) for s in items or [])


def content_hash(text: str) -> str:
    """Hash of a text after Unicode and whitespace normalisation (for exact deduplication)."""
    norm = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


@dataclass
class Document:
    """One input text: a news article, a note, a page."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: dt.date | None = None
    source: str | None = None
    origin: str | None = None  # the path or URL it was read from
    language: str = "en"
    country_hint: str | None = None  # ISO2 of the country in focus when the text names none

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)


@dataclass(frozen=True)
class Actor:
    """An actor named the ACLED way, e.g. ``Military Forces of Mali (2021-)``."""

    name: str
    kind: str  # see taxonomy.ACTOR_KINDS
    inter: int  # ACLED inter code 1..8
    country: str | None = None
    spans: tuple[Span, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "inter": self.inter,
            "country": self.country,
            "spans": [s.to_dict() for s in self.spans],
        }


@dataclass(frozen=True)
class Place:
    """A resolved location with ACLED admin names and geo precision (1 place, 2 near/part, 3 region)."""

    name: str
    country: str | None = None
    iso2: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int = 1
    geonames_id: int | None = None
    spans: tuple[Span, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["spans"] = [s.to_dict() for s in self.spans]
        return d


@dataclass(frozen=True)
class Fatalities:
    """A death toll as UCDP keeps it (low/best/high) plus ACLED's conservative integer.

    ``high`` is None when the source leaves it open ("at least 24").
    """

    low: int | None
    best: int | None
    high: int | None
    acled: int
    qualifier: str = ""  # e.g. "at least", "about", "up to"
    spans: tuple[Span, ...] = ()

    @classmethod
    def none_reported(cls) -> Fatalities:
        return cls(low=None, best=None, high=None, acled=0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "low": self.low,
            "best": self.best,
            "high": self.high,
            "acled": self.acled,
            "qualifier": self.qualifier,
            "spans": [s.to_dict() for s in self.spans],
        }


@dataclass(frozen=True)
class EventDate:
    """When an event happened. ``precision`` is ACLED's time_precision: 1 day, 2 week, 3 month or more."""

    date: dt.date
    precision: int = 1
    end: dt.date | None = None
    spans: tuple[Span, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "precision": self.precision,
            "end": self.end.isoformat() if self.end else None,
            "spans": [s.to_dict() for s in self.spans],
        }


@dataclass
class Report:
    """One event as one document tells it."""

    doc_id: str
    event_type: str
    sub_event_type: str
    actor1: Actor | None = None
    assoc_actor_1: tuple[Actor, ...] = ()
    actor2: Actor | None = None
    assoc_actor_2: tuple[Actor, ...] = ()
    fatalities: Fatalities = field(default_factory=Fatalities.none_reported)
    date: EventDate | None = None
    place: Place | None = None
    evidence: tuple[Span, ...] = ()
    background: bool = False
    tags: tuple[str, ...] = ()
    notes: str = ""
    claims: list[dict[str, Any]] = field(default_factory=list)
    # people counted with another fate than death: {"wounded": 4, "abducted": 2, "arrested": 15}
    other_counts: dict[str, int] = field(default_factory=dict)
    index: int = 0  # position among the document's events

    @property
    def id(self) -> str:
        return f"{self.doc_id}#{self.index}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "actor1": self.actor1.to_dict() if self.actor1 else None,
            "assoc_actor_1": [a.to_dict() for a in self.assoc_actor_1],
            "actor2": self.actor2.to_dict() if self.actor2 else None,
            "assoc_actor_2": [a.to_dict() for a in self.assoc_actor_2],
            "fatalities": self.fatalities.to_dict(),
            "date": self.date.to_dict() if self.date else None,
            "place": self.place.to_dict() if self.place else None,
            "evidence": [s.to_dict() for s in self.evidence],
            "background": self.background,
            "tags": list(self.tags),
            "notes": self.notes,
            "claims": list(self.claims),
            "other_counts": dict(self.other_counts),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Report:
        """Rebuild a report from :meth:`to_dict` output (used by the store)."""

        spans = spans_from

        def actor(a: dict[str, Any] | None) -> Actor | None:
            if not a:
                return None
            return Actor(a["name"], a["kind"], a["inter"], a.get("country"), spans(a.get("spans")))

        fat = d.get("fatalities") or {}
        fatalities = Fatalities(
            fat.get("low"),
            fat.get("best"),
            fat.get("high"),
            fat.get("acled", 0),
            fat.get("qualifier", ""),
            spans(fat.get("spans")),
        )
        date = None
        if d.get("date"):
            dd = d["date"]
            date = EventDate(
                dt.date.fromisoformat(dd["date"]),
                dd.get("precision", 1),
                dt.date.fromisoformat(dd["end"]) if dd.get("end") else None,
                spans(dd.get("spans")),
            )
        place = None
        if d.get("place"):
            p = dict(d["place"])
            p["spans"] = spans(p.get("spans"))
            place = Place(**p)
        a1 = [actor(a) for a in d.get("assoc_actor_1", [])]
        a2 = [actor(a) for a in d.get("assoc_actor_2", [])]
        index = int(str(d.get("id", "#0")).rsplit("#", 1)[-1] or 0)
        return cls(
            doc_id=d["doc_id"],
            event_type=d["event_type"],
            sub_event_type=d["sub_event_type"],
            actor1=actor(d.get("actor1")),
            assoc_actor_1=tuple(a for a in a1 if a),
            actor2=actor(d.get("actor2")),
            assoc_actor_2=tuple(a for a in a2 if a),
            fatalities=fatalities,
            date=date,
            place=place,
            evidence=spans(d.get("evidence")),
            background=bool(d.get("background")),
            tags=tuple(d.get("tags", ())),
            notes=d.get("notes", ""),
            claims=list(d.get("claims", [])),
            other_counts=dict(d.get("other_counts", {})),
            index=index,
        )


#: The stances a claim can take toward an event (described in :data:`conflictlens.taxonomy.CLAIM_STANCES`).
CLAIM_STANCES: tuple[str, ...] = tuple(taxonomy.CLAIM_STANCES)

#: Kinds of sources that are not actors: who speaks without being a party to the fighting.
SOURCE_KINDS: tuple[str, ...] = ("witness", "outlet", "human_rights_group", "un_body", "civil_society")

#: The source kind of a claim nobody in particular makes ("soldiers allegedly killed ...").
UNATTRIBUTED = "unattributed"


@dataclass(frozen=True)
class Claim:
    """What one party says about an event: its stance, who says it, when, and the text that says so.

    ``source`` is the party the claim is attributed to: an actor named the ACLED way ("Military Forces
    of Mali (2021-)"), a named organisation ("Human Rights Watch"), or None for a kind of source
    ("local sources": ``source_kind`` "witness") or an unattributed claim. ``speaker`` is who speaks
    for it when the text names a person or words ("Gen Oumar Diarra", "local sources").
    ``fatalities`` is the toll the source gives, when it gives one.
    """

    stance: str  # one of CLAIM_STANCES
    source: str | None
    source_kind: str  # an actor kind (taxonomy.INTER_CODES), one of SOURCE_KINDS, or UNATTRIBUTED
    speaker: str | None = None
    date: dt.date | None = None
    spans: tuple[Span, ...] = ()  # the sentences that say so; the first is the main one
    quote: str | None = None  # a quoted characterisation: "unfounded"
    fatalities: Fatalities | None = None

    def __post_init__(self) -> None:
        if self.stance not in CLAIM_STANCES:
            raise ValueError(f"unknown claim stance {self.stance!r} (one of {', '.join(CLAIM_STANCES)})")

    @property
    def span(self) -> Span | None:
        """The main sentence that makes the claim."""
        return self.spans[0] if self.spans else None

    @property
    def attributed(self) -> bool:
        """Whether someone in particular makes the claim."""
        return self.source_kind != UNATTRIBUTED

    def to_dict(self) -> dict[str, Any]:
        return {
            "stance": self.stance,
            "source": self.source,
            "source_kind": self.source_kind,
            "speaker": self.speaker,
            "date": self.date.isoformat() if self.date else None,
            "span": self.spans[0].to_dict() if self.spans else None,
            "spans": [s.to_dict() for s in self.spans],
            "quote": self.quote,
            "fatalities": self.fatalities.to_dict() if self.fatalities else None,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Claim:
        """Rebuild a claim from :meth:`to_dict` output."""

        spans = spans_from(d.get("spans"))
        if not spans and d.get("span"):
            spans = (Span.from_dict(d["span"]),)
        fat = d.get("fatalities")
        fatalities = None
        if fat:
            fatalities = Fatalities(
                fat.get("low"),
                fat.get("best"),
                fat.get("high"),
                fat.get("acled", 0),
                fat.get("qualifier", ""),
                spans_from(fat.get("spans")),
            )
        return cls(
            stance=d["stance"],
            source=d.get("source"),
            source_kind=d.get("source_kind") or UNATTRIBUTED,
            speaker=d.get("speaker"),
            date=dt.date.fromisoformat(d["date"]) if d.get("date") else None,
            spans=spans,
            quote=d.get("quote"),
            fatalities=fatalities,
        )
