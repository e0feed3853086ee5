"""When do two reports tell the same event? The pairwise rules of incident resolution, in one place.

A pair is first checked against *vetoes*; any one keeps the reports apart. A pair that passes
every veto then needs :data:`settings.merge_min_score` points of positive evidence. A wrong merge
is worse than a missed one, so every veto errs towards keeping events apart.

Vetoes (the first that applies is the reason):

- ``same document``: a document's reports are distinct events by construction.
- ``country``: the countries differ, or either is unknown.
- ``date``: either date is unknown, or the date ranges are further apart than the slack their
  precision allows (:data:`settings.merge_date_slack_days` for days, ``..._week_...`` for weeks,
  ``..._month_...`` for months).
- ``distance``: either place has no coordinates, or they are further apart than the radius their
  geo precision allows (:data:`settings.merge_radius_km`, ``merge_radius_near_km``,
  ``merge_radius_region_km``).
- ``admin1``: both places are located at least "near" a town and name different admin1 areas.
- ``place``: both places are towns or villages (geo precision 1 or 2) with different names, unless
  both are exact (precision 1) and within :data:`settings.merge_same_place_km`. Two villages of one
  commune are two events even when the gazetteer only knows the commune's coordinates. Either place
  known only to its region or country (geo precision 3, coded at the area's seat or the capital)
  and no specific armed group shared: nothing tells the two events apart or together.
- ``event type``: the types are of different families (political violence; demonstrations;
  strategic developments, which must also share the sub-event type).
- ``actors``: both name specific armed groups (not unidentified, not state forces) and none in common.
- ``fatalities``: both give a toll and they differ by more than a factor
  :data:`settings.merge_fatality_ratio_max` and more than :data:`settings.merge_fatality_diff_min`.

A pair whose event or sub-event types differ (within one family) needs
:data:`settings.merge_min_score_mixed_types`.

Evidence points: same day +2; same place (same name, or within :data:`settings.merge_same_place_km`
when unnamed) +2; adjacent exact places with different names +1; same admin1 when either place is
only a region +1; same event type +1; same sub-event type +1; a shared specific armed group +1;
tolls both given and compatible +1.

A date stated with a day number ("3 December") is *explicit*; two explicit day-precision dates
that differ are two events (``date`` veto). A relative date ("on Friday") gets the slack. A date
the text does not state at all (only the publication date) keeps the report out of any merge.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass

from conflictlens import settings
from conflictlens.model import Actor, Document, Report
from conflictlens.nlp.lexicon import name_key

_DIGIT = re.compile(r"\d")

#: Actor kinds that identify a party specifically enough to tell two events apart.
SPECIFIC_ACTOR_KINDS: frozenset[str] = frozenset(
    {
        "rebel_group",
        "islamist_militant_group",
        "political_militia",
        "communal_militia",
        "identity_militia",
        "private_military_company",
        "external_force",
    }
)

#: Event type -> family; reports of different families are never merged.
EVENT_FAMILIES: dict[str, str] = {
    "Battles": "political violence",
    "Explosions/Remote violence": "political violence",
    "Violence against civilians": "political violence",
    "Protests": "demonstrations",
    "Riots": "demonstrations",
    "Strategic developments": "strategic developments",
}


@dataclass(frozen=True)
class Features:
    """What resolution needs to know about one report, small enough to keep all of them in memory."""

    report_id: str
    doc_id: str
    iso2: str | None
    start: int | None  # date ordinal
    end: int | None
    precision: int
    latitude: float | None
    longitude: float | None
    geo_precision: int
    admin1: str | None
    location: str | None
    event_type: str
    sub_event_type: str
    actors: frozenset[str]  # specific armed groups named (SPECIFIC_ACTOR_KINDS)
    fatalities: int | None  # best estimate, None when no toll is given
    dated: bool = True  # the text states the date (not only the publication date)
    explicit_date: bool = False  # ... with a day number ("3 December"), not "on Friday"


@dataclass(frozen=True)
class Match:
    """The verdict on one pair: ``veto`` names the rule that keeps them apart, else ``score`` counts."""

    score: int
    veto: str | None = None
    reasons: tuple[str, ...] = ()
    same_type: bool = True  # same event type and sub-event type

    @property
    def needed(self) -> int:
        """The score this pair needs: more when the two reports give different (sub-)event types."""
        return settings.merge_min_score if self.same_type else settings.merge_min_score_mixed_types

    @property
    def ok(self) -> bool:
        """Whether the pair may be merged (no veto and enough evidence)."""
        return self.veto is None and self.score >= self.needed


def _specific(actors: list[Actor | None]) -> frozenset[str]:
    return frozenset(a.name for a in actors if a is not None and a.kind in SPECIFIC_ACTOR_KINDS)


def features_of(report: Report, doc: Document | None = None) -> Features:
    """The :class:`Features` of a report (``doc`` supplies the country hint when the place has none)."""
    place = report.place
    start = end = None
    precision = 1
    if report.date is not None:
        start = report.date.date.toordinal()
        end = (report.date.end or report.date.date).toordinal()
        precision = report.date.precision
    iso2 = place.iso2 if place is not None and place.iso2 else None
    if iso2 is None and doc is not None and doc.country_hint:
        iso2 = doc.country_hint
    spans = report.date.spans if report.date is not None else ()
    dated = bool(spans)
    explicit = any(_DIGIT.search(s.text) for s in spans)
    fat = report.fatalities
    best = fat.best if fat.best is not None else (fat.low if fat.low is not None else None)
    return Features(
        report_id=report.id,
        doc_id=report.doc_id,
        iso2=iso2.upper() if iso2 else None,
        start=start,
        end=end,
        precision=precision,
        latitude=place.latitude if place is not None else None,
        longitude=place.longitude if place is not None else None,
        geo_precision=place.geo_precision if place is not None else 3,
        admin1=place.admin1 if place is not None else None,
        location=name_key(place.name) if place is not None and place.name else None,
        event_type=report.event_type,
        sub_event_type=report.sub_event_type,
        actors=_specific([report.actor1, *report.assoc_actor_1, report.actor2, *report.assoc_actor_2]),
        fatalities=best,
        dated=dated,
        explicit_date=explicit,
    )


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def date_slack_days(precision: int) -> int:
    """How many days a date of this ACLED time precision may be off."""
    if precision <= 1:
        return settings.merge_date_slack_days
    if precision == 2:
        return settings.merge_week_slack_days
    return settings.merge_month_slack_days


def radius_km(geo_precision: int) -> float:
    """How far apart two places of this ACLED geo precision may be and still be one event's."""
    if geo_precision <= 1:
        return settings.merge_radius_km
    if geo_precision == 2:
        return settings.merge_radius_near_km
    return settings.merge_radius_region_km


def tolls_compatible(a: int, b: int) -> bool:
    """Whether two death tolls can describe the same event (see the module docstring)."""
    lo, hi = sorted((a, b))
    if hi - lo <= settings.merge_fatality_diff_min:
        return True
    return lo > 0 and hi / lo <= settings.merge_fatality_ratio_max


def compare(a: Features, b: Features) -> Match:
    """Apply the vetoes and count the evidence for two reports being one event."""
    if a.doc_id == b.doc_id:
        return Match(0, "same document")
    if a.iso2 is None or b.iso2 is None or a.iso2 != b.iso2:
        return Match(0, "country")
    if a.start is None or b.start is None or a.end is None or b.end is None:
        return Match(0, "date")
    if not (a.dated and b.dated):
        return Match(0, "date")
    same_day = a.start <= b.end and b.start <= a.end
    if not same_day and a.explicit_date and b.explicit_date and max(a.precision, b.precision) <= 1:
        return Match(0, "date")
    slack = max(date_slack_days(a.precision), date_slack_days(b.precision))
    if a.start > b.end + slack or b.start > a.end + slack:
        return Match(0, "date")
    if a.latitude is None or a.longitude is None or b.latitude is None or b.longitude is None:
        return Match(0, "distance")
    dist = haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)
    if dist > radius_km(max(a.geo_precision, b.geo_precision)):
        return Match(0, "distance")
    if a.admin1 and b.admin1 and a.admin1 != b.admin1 and max(a.geo_precision, b.geo_precision) <= 2:
        return Match(0, "admin1")
    fam_a, fam_b = EVENT_FAMILIES.get(a.event_type), EVENT_FAMILIES.get(b.event_type)
    if fam_a is None or fam_a != fam_b:
        return Match(0, "event type")
    if fam_a == "strategic developments" and a.sub_event_type != b.sub_event_type:
        return Match(0, "event type")
    if a.actors and b.actors and not a.actors & b.actors:
        return Match(0, "actors")
    if (
        a.fatalities is not None
        and b.fatalities is not None
        and not tolls_compatible(a.fatalities, b.fatalities)
    ):
        return Match(0, "fatalities")

    score = 0
    reasons: list[str] = []
    coarsest = max(a.geo_precision, b.geo_precision)
    named_apart = bool(a.location and b.location and a.location != b.location)
    if coarsest >= 3 and not (a.actors & b.actors):
        # a place known only to its region or country (coded at the area's seat or at the capital)
        # cannot tell two events apart: two riots "in Burkina Faso" on one day are not one riot
        # unless a named armed group links them
        return Match(0, "place")
    if coarsest <= 2 and not named_apart and (a.location or dist <= settings.merge_same_place_km):
        score += 2
        reasons.append("same place")
    elif coarsest >= 3:
        if a.admin1 and a.admin1 == b.admin1:
            score += 1
            reasons.append("same admin1")
    elif coarsest == 1 and dist <= settings.merge_same_place_km:
        score += 1
        reasons.append("adjacent places")
    else:
        return Match(0, "place")
    if same_day:
        score += 2
        reasons.append("same day")
    if a.event_type == b.event_type:
        score += 1
        reasons.append("same event type")
        if a.sub_event_type == b.sub_event_type:
            score += 1
            reasons.append("same sub-event type")
    if a.actors & b.actors:
        score += 1
        reasons.append("shared armed group")
    if a.fatalities is not None and b.fatalities is not None:
        score += 1
        reasons.append("compatible tolls")
    same_type = a.event_type == b.event_type and a.sub_event_type == b.sub_event_type
    if a.event_type == b.event_type == "Protests" and not (a.actors & b.actors):
        # same-day sit-ins by different groups in one city are common: demonstrations merge only
        # on a shared named actor, never on place, day and type alone
        return Match(0, "distinct demonstrations", tuple(reasons), same_type)
    return Match(score, None, tuple(reasons), same_type)


def day(ordinal: int) -> dt.date:
    """The date of a day ordinal (for messages)."""
    return dt.date.fromordinal(ordinal)
