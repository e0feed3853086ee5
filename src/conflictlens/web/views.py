"""What the pages show, computed without a request: filters, evidence highlighting, the claims
timeline, the weekly chart and the map's GeoJSON.

Article text is hostile input. :func:`highlight` is the only place that turns it into HTML: it
escapes every segment of text between span boundaries and wraps covered segments in ``<mark>``
elements whose attributes come from a fixed vocabulary of field names.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

from conflictlens import taxonomy
from conflictlens.model import Document, Report
from conflictlens.resolve.model import Incident
from conflictlens.store.store import iter_spans

#: Map and chart colour of each ACLED event type (colour-blind-safe-ish, Okabe-Ito based).
EVENT_COLOURS: dict[str, str] = {
    "Battles": "#d55e00",
    "Explosions/Remote violence": "#e69f00",
    "Violence against civilians": "#a3145e",
    "Protests": "#0072b2",
    "Riots": "#56b4e9",
    "Strategic developments": "#6b6b6b",
}
OTHER_COLOUR = "#333333"

#: The fields a highlighted span can support, most specific first (a segment covered by several
#: spans is labelled with the first of these that covers it).
FIELD_ORDER: tuple[str, ...] = (
    "fatalities",
    "date",
    "place",
    "actor1",
    "actor2",
    "assoc_actor_1",
    "assoc_actor_2",
    "claim",
    "evidence",
)
FIELD_LABELS: dict[str, str] = {
    "fatalities": "fatalities",
    "date": "date",
    "place": "location",
    "actor1": "actor 1",
    "actor2": "actor 2",
    "assoc_actor_1": "associated actor 1",
    "assoc_actor_2": "associated actor 2",
    "claim": "claim",
    "evidence": "event sentence",
}

_SAFE_NAME = re.compile(r"[^a-z0-9_-]")


def colour_of(event_type: str | None) -> str:
    return EVENT_COLOURS.get(event_type or "", OTHER_COLOUR)


# -- filters -------------------------------------------------------------------------------------


@dataclass
class Filters:
    """The filters of the map, the timeline and the incident list (all optional, from the query)."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    country: str = ""
    admin1: str = ""
    event_type: str = ""
    actor: str = ""
    status: str = ""
    review: str = ""  # review status; "" hides rejected incidents, "all" shows every one
    q: str = ""
    errors: list[str] = field(default_factory=list)

    @classmethod
    def from_query(cls, params: Any) -> Filters:
        """Filters read from query parameters (a mapping); bad dates are reported, not raised."""
        f = cls()

        def text(name: str) -> str:
            value = params.get(name) or ""
            return str(value).strip()[:200]

        for name in ("date_from", "date_to"):
            raw = text(name)
            if raw:
                try:
                    setattr(f, name, dt.date.fromisoformat(raw))
                except ValueError:
                    f.errors.append(f"{name.replace('_', ' ')}: not a date (YYYY-MM-DD)")
        f.country = text("country")
        f.admin1 = text("admin1")
        f.event_type = text("event_type")
        f.actor = text("actor")
        f.status = text("status")
        f.review = text("review")
        f.q = text("q")
        return f

    def query(self) -> dict[str, str]:
        """The non-empty filters as query parameters (to carry them from one page to another)."""
        out = {
            "date_from": self.date_from.isoformat() if self.date_from else "",
            "date_to": self.date_to.isoformat() if self.date_to else "",
            "country": self.country,
            "admin1": self.admin1,
            "event_type": self.event_type,
            "actor": self.actor,
            "status": self.status,
            "review": self.review,
            "q": self.q,
        }
        return {k: v for k, v in out.items() if v}

    def api_query(self) -> dict[str, str]:
        """The same filters as query parameters of the REST API (``/api/export``)."""
        names = {"date_from": "start", "date_to": "end"}
        return {names.get(k, k): v for k, v in self.query().items() if k != "review"}

    @property
    def active(self) -> bool:
        return bool(self.query())

    def match(self, inc: Incident, review_status: str = "pending") -> bool:
        """Whether an incident (with this review status) passes every filter."""
        if self.review != "all" and review_status != (self.review or review_status):
            return False
        if not self.review and review_status == "rejected":
            return False
        if self.date_from and (inc.date is None or (inc.date_end or inc.date) < self.date_from):
            return False
        if self.date_to and (inc.date is None or inc.date > self.date_to):
            return False
        place = inc.place or {}
        if self.country:
            wanted = self.country.casefold()
            if wanted not in {(inc.iso2 or "").casefold(), str(place.get("country") or "").casefold()}:
                return False
        if self.admin1 and self.admin1.casefold() != str(place.get("admin1") or "").casefold():
            return False
        if self.event_type and self.event_type not in (inc.event_type, inc.sub_event_type):
            return False
        if self.actor:
            wanted = self.actor.casefold()
            actors = [inc.actor1 or "", inc.actor2 or "", *inc.assoc_actors]
            if not any(wanted in a.casefold() for a in actors):
                return False
        if self.status and self.status not in inc.status:
            return False
        if self.q:
            return self.q.casefold() in _search_text(inc)
        return True


def _search_text(inc: Incident) -> str:
    place = inc.place or {}
    parts = [
        inc.id,
        inc.event_type,
        inc.sub_event_type,
        inc.actor1 or "",
        inc.actor2 or "",
        *inc.assoc_actors,
        str(place.get("name") or ""),
        str(place.get("admin1") or ""),
        str(place.get("admin2") or ""),
        str(place.get("country") or ""),
        inc.notes,
        *(s.outlet or "" for s in inc.sources),
        *(str(c.get("source") or "") for c in inc.claims),
        *(str(c.get("speaker") or "") for c in inc.claims),
    ]
    return "\n".join(parts).casefold()


@dataclass
class FilterChoices:
    """The values the filter form offers, taken from the stored incidents."""

    countries: list[tuple[str, str]]  # (iso2, name)
    admin1s: list[str]
    event_types: list[str]
    statuses: list[str]
    reviews: list[tuple[str, str]] = field(default_factory=list)  # (value, label)


def filter_choices(incidents: Iterable[Incident]) -> FilterChoices:
    countries: dict[str, str] = {}
    admin1s: set[str] = set()
    for inc in incidents:
        place = inc.place or {}
        if inc.iso2:
            countries[inc.iso2] = str(place.get("country") or inc.iso2)
        if place.get("admin1"):
            admin1s.add(str(place["admin1"]))
    return FilterChoices(
        countries=sorted(countries.items(), key=lambda kv: kv[1]),
        admin1s=sorted(admin1s),
        event_types=list(taxonomy.EVENT_TYPES),
        statuses=list(taxonomy.EVENT_STATUSES),
        reviews=[
            ("", "all but rejected"),
            ("pending", "pending"),
            ("accepted", "accepted"),
            ("edited", "edited"),
            ("rejected", "rejected"),
            ("all", "all"),
        ],
    )


# -- the map ---------------------------------------------------------------------------------------


def marker_radius(fatalities: int | None) -> float:
    """Pixel radius of an incident's circle: 5 with no deaths, growing with the square root."""
    n = max(0, fatalities or 0)
    return round(min(30.0, 5.0 + 2.2 * math.sqrt(n)), 1)


def incident_features(incidents: Iterable[Incident]) -> dict[str, Any]:
    """A GeoJSON FeatureCollection of the located incidents, for the map (RFC 7946 order lon, lat)."""
    features = []
    for inc in incidents:
        place = inc.place or {}
        lat, lon = place.get("latitude"), place.get("longitude")
        if lat is None or lon is None:
            continue
        try:
            flat, flon = float(lat), float(lon)
        except (TypeError, ValueError):
            continue
        if not (math.isfinite(flat) and math.isfinite(flon) and -90 <= flat <= 90 and -180 <= flon <= 180):
            continue
        fat = inc.fatalities or {}
        features.append(
            {
                "type": "Feature",
                "id": inc.id,
                "geometry": {"type": "Point", "coordinates": [flon, flat]},
                "properties": {
                    "id": inc.id,
                    "url": f"/incidents/{inc.id}",
                    "event_type": inc.event_type,
                    "sub_event_type": inc.sub_event_type,
                    "date": inc.date.isoformat() if inc.date else None,
                    "location": place.get("name"),
                    "admin1": place.get("admin1"),
                    "country": place.get("country"),
                    "actor1": inc.actor1,
                    "actor2": inc.actor2,
                    "fatalities": fat.get("acled"),
                    "fatalities_low": fat.get("low"),
                    "fatalities_high": fat.get("high"),
                    "grade": inc.grade,
                    "status": list(inc.status),
                    "colour": colour_of(inc.event_type),
                    "radius": marker_radius(fat.get("acled")),
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


# -- the weekly chart --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    colour: str
    label: str


@dataclass
class Chart:
    """An SVG chart of incidents and fatalities per week, stacked by event type."""

    width: int
    height: int
    panel_height: int
    count_bars: list[Bar]
    death_bars: list[Bar]
    x_labels: list[tuple[float, str]]
    count_ticks: list[tuple[float, str]]
    death_ticks: list[tuple[float, str]]
    legend: list[tuple[str, str]]
    weeks: int
    undated: int
    table: list[dict[str, Any]]  # one row per week with counts (for the accessible table)

    @property
    def empty(self) -> bool:
        return self.weeks == 0


def week_start(d: dt.date) -> dt.date:
    """Monday of the ISO week of ``d``."""
    return d - dt.timedelta(days=d.weekday())


def nice_scale(top: int) -> tuple[int, int]:
    """A round axis maximum at or above ``top`` and its tick step (at most about 5 ticks)."""
    if top <= 0:
        return 1, 1
    step = 1
    for candidate in (10**e * m for e in range(0, 10) for m in (1, 2, 5)):
        if top / candidate <= 5:
            step = candidate
            break
    return math.ceil(top / step) * step, step


def _ticks(top: int, step: int, y0: float, panel: float) -> list[tuple[float, str]]:
    return [(round(y0 - panel * v / top, 1), str(v)) for v in range(0, top + 1, step)]


def weekly_chart(incidents: Iterable[Incident], *, target_width: int = 960, max_weeks: int = 520) -> Chart:
    """Per ISO week (Monday), the incidents and ACLED fatalities of each event type, as bars."""
    counts: dict[dt.date, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    deaths: dict[dt.date, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    undated = 0
    types_seen: set[str] = set()
    for inc in incidents:
        if inc.date is None:
            undated += 1
            continue
        wk = week_start(inc.date)
        counts[wk][inc.event_type] += 1
        deaths[wk][inc.event_type] += int((inc.fatalities or {}).get("acled") or 0)
        types_seen.add(inc.event_type)
    order = [t for t in taxonomy.EVENT_TYPES if t in types_seen] + sorted(types_seen - set(EVENT_COLOURS))
    legend = [(t, colour_of(t)) for t in order]
    left, right, top_pad, gap = 48, 12, 24, 40
    panel = 140
    if not counts:
        return Chart(320, 80, panel, [], [], [], [], [], legend, 0, undated, [])
    first, last = min(counts), max(counts)
    n_weeks = (last - first).days // 7 + 1
    if n_weeks > max_weeks:  # keep the most recent weeks
        first = last - dt.timedelta(weeks=max_weeks - 1)
        n_weeks = max_weeks
    weeks = [first + dt.timedelta(weeks=i) for i in range(n_weeks)]
    slot = max(6, min(48, target_width // n_weeks))  # wide bars for a few weeks, scroll for many
    bar_width = max(4, slot - max(2, slot // 5))
    width = left + right + slot * n_weeks
    height = top_pad + panel + gap + panel + 36
    count_base = top_pad + panel
    death_base = count_base + gap + panel
    max_count, count_step = nice_scale(max((sum(c.values()) for c in counts.values()), default=0))
    max_deaths, death_step = nice_scale(max((sum(d.values()) for d in deaths.values()), default=0))
    count_bars: list[Bar] = []
    death_bars: list[Bar] = []
    x_labels: list[tuple[float, str]] = []
    table = []
    label_every = max(1, math.ceil(84 / slot))  # labels at least 84 px apart
    for i, wk in enumerate(weeks):
        x = left + i * slot + (slot - bar_width) / 2
        for bars, data, top, base in (
            (count_bars, counts, max_count, count_base),
            (death_bars, deaths, max_deaths, death_base),
        ):
            y = float(base)
            for t in order:
                v = data[wk].get(t, 0) if wk in data else 0  # no defaultdict entries made here
                if not v or not top:
                    continue
                h = panel * v / top
                y -= h
                unit = "incident" if bars is count_bars else "death"
                label = f"week of {wk.isoformat()}: {v} {unit}{'s' if v != 1 else ''} ({t})"
                bars.append(Bar(x, round(y, 1), bar_width, round(h, 1), colour_of(t), label))
        if i % label_every == 0:
            x_labels.append((x + bar_width / 2, wk.isoformat()))
        if wk in counts:
            table.append(
                {
                    "week": wk,
                    "incidents": sum(counts[wk].values()),
                    "fatalities": sum(deaths[wk].values()),
                    "by_type": {t: counts[wk].get(t, 0) for t in order},
                }
            )
    return Chart(
        width=max(width, 320),
        height=height,
        panel_height=panel,
        count_bars=count_bars,
        death_bars=death_bars,
        x_labels=x_labels,
        count_ticks=_ticks(max_count, count_step, count_base, panel),
        death_ticks=_ticks(max_deaths, death_step, death_base, panel),
        legend=legend,
        weeks=n_weeks,
        undated=undated,
        table=table,
    )


# -- evidence highlighting --------------------------------------------------------------------------


@dataclass(frozen=True)
class Highlight:
    """A span of a document to mark, with the field it supports."""

    field: str
    start: int
    end: int
    report_id: str = ""


def report_highlights(report: Report, doc_id: str) -> list[Highlight]:
    """Every span of ``report`` in document ``doc_id``: its fields and the sentences of its claims."""
    out = [Highlight(f, s.start, s.end, report.id) for f, s in iter_spans(report) if s.doc_id == doc_id]
    for claim in report.claims:
        spans = claim.get("spans") or ([claim["span"]] if claim.get("span") else [])
        if spans:
            s = spans[0]
            if s.get("doc_id") in (None, doc_id):
                out.append(Highlight("claim", int(s["start"]), int(s["end"]), report.id))
    return out


def _field_rank(name: str) -> int:
    try:
        return FIELD_ORDER.index(name)
    except ValueError:
        return len(FIELD_ORDER)


def highlight(text: str, spans: Sequence[Highlight]) -> Markup:
    """``text`` as HTML with each span wrapped in ``<mark data-field=...>``; everything escaped.

    Overlapping and nested spans are cut at every boundary: each piece of text is marked once,
    labelled with the most specific field covering it (see :data:`FIELD_ORDER`) and listing all of
    them in ``data-fields``. Spans outside the text are clipped; empty ones are ignored.
    """
    n = len(text)
    clean = [
        (h.field, max(0, min(n, h.start)), max(0, min(n, h.end)))
        for h in spans
        if h.end > h.start and h.start < n and h.end > 0
    ]
    bounds = sorted({0, n, *(s for _, s, _ in clean), *(e for _, _, e in clean)})
    pieces: list[tuple[tuple[str, ...], int, int]] = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        if a >= b:
            continue
        covering = tuple(sorted({f for f, s, e in clean if s <= a and e >= b}, key=_field_rank))
        if pieces and pieces[-1][0] == covering:
            pieces[-1] = (covering, pieces[-1][1], b)
        else:
            pieces.append((covering, a, b))
    out: list[str] = []
    for covering, a, b in pieces:
        segment = escape(text[a:b])
        if not covering:
            out.append(segment)
            continue
        names = [_SAFE_NAME.sub("", f.lower()) or "field" for f in covering]
        main = names[0]
        title = ", ".join(FIELD_LABELS.get(f, f) for f in covering)
        out.append(
            f'<mark class="hl hl-{main}" data-field="{main}" data-fields="{" ".join(names)}" '
            f'data-start="{a}" data-end="{b}" title="{escape(title)}">{segment}</mark>'
        )
    return Markup("".join(out))


# -- the incident page -------------------------------------------------------------------------------


@dataclass
class SourceView:
    """One source document of an incident, with its text highlighted."""

    doc: Document
    report_ids: list[str]
    outlet: str | None
    url: str | None  # only http(s) URLs; None otherwise
    published: dt.date | None
    independent: bool
    fatalities: dict[str, Any]
    html: Markup
    fields_marked: list[str]


def safe_url(url: str | None) -> str | None:
    """``url`` if it is an http(s) URL (safe in an ``href``), else None."""
    if not url:
        return None
    u = url.strip()
    return u if re.match(r"(?i)^https?://[^\s]+$", u) else None


def source_views(inc: Incident, reports: dict[str, tuple[Report, Document]]) -> list[SourceView]:
    """The incident's documents (each once) with every member report's spans highlighted."""
    by_doc: dict[str, list[Report]] = defaultdict(list)
    docs: dict[str, Document] = {}
    for rid in inc.report_ids:
        if rid in reports:
            report, doc = reports[rid]
            by_doc[doc.id].append(report)
            docs[doc.id] = doc
    views = []
    seen: set[str] = set()
    for src in inc.sources:
        if src.doc_id in seen or src.doc_id not in docs:
            continue
        seen.add(src.doc_id)
        doc = docs[src.doc_id]
        spans = [h for r in by_doc[doc.id] for h in report_highlights(r, doc.id)]
        views.append(
            SourceView(
                doc=doc,
                report_ids=[r.id for r in by_doc[doc.id]],
                outlet=src.outlet or doc.source,
                url=safe_url(src.url or doc.url),
                published=src.published or doc.published,
                independent=src.independent,
                fatalities=dict(src.fatalities or {}),
                html=highlight(doc.text, spans),
                fields_marked=sorted({h.field for h in spans}, key=_field_rank),
            )
        )
    return views


@dataclass
class ClaimView:
    stance: str
    phrase: str  # "alleged by FLA: Azawad Liberation Front"
    speaker: str | None
    quote: str | None
    sentence: str
    date: dt.date | None
    date_note: str  # "claim date", "publication date" or ""
    doc_id: str
    doc_title: str | None
    fatalities: dict[str, Any] | None


def claim_timeline(inc: Incident, docs: dict[str, Document]) -> list[ClaimView]:
    """The incident's claims in time order: the claim's own date, else its document's publication
    date; undated claims last, in the order of their documents and sentences."""
    rows: list[tuple[tuple[Any, ...], ClaimView]] = []
    for i, c in enumerate(inc.claims):
        doc = docs.get(str(c.get("doc_id") or ""))
        date: dt.date | None = None
        note = ""
        if c.get("date"):
            try:
                date = dt.date.fromisoformat(str(c["date"]))
                note = "claim date"
            except ValueError:
                date = None
        if date is None and doc is not None and doc.published:
            date, note = doc.published, "publication date"
        stance = str(c.get("stance") or "reports")
        who = c.get("source") or c.get("speaker") or "an unattributed source"
        phrase = taxonomy.STANCE_PHRASES.get(stance, stance + " by {}").format(who)
        span = c.get("span") or ((c.get("spans") or [None])[0])
        sentence = str((span or {}).get("text") or "")
        start = int((span or {}).get("start") or 0)
        fat = c.get("fatalities")
        view = ClaimView(
            stance=stance,
            phrase=phrase,
            speaker=c.get("speaker") if c.get("speaker") != who else None,
            quote=c.get("quote"),
            sentence=sentence,
            date=date,
            date_note=note,
            doc_id=str(c.get("doc_id") or ""),
            doc_title=doc.title if doc else None,
            fatalities={k: fat.get(k) for k in ("low", "best", "high", "qualifier")} if fat else None,
        )
        key = (date is None, date or dt.date.min, str(c.get("doc_id") or ""), start, i)
        rows.append((key, view))
    return [v for _, v in sorted(rows, key=lambda kv: kv[0])]


def fatality_rows(inc: Incident, docs: dict[str, Document]) -> list[dict[str, Any]]:
    """One row per source with the toll it gives."""
    rows = []
    for s in inc.sources:
        doc = docs.get(s.doc_id)
        f = s.fatalities or {}
        rows.append(
            {
                "doc_id": s.doc_id,
                "title": doc.title if doc else None,
                "outlet": s.outlet or (doc.source if doc else None),
                "published": s.published,
                "independent": s.independent,
                "low": f.get("low"),
                "best": f.get("best"),
                "high": f.get("high"),
                "qualifier": f.get("qualifier") or "",
            }
        )
    return rows
