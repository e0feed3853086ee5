"""Date mentions and their resolution against a reference (publication) date.

Recognised: "3 December 2020", "December 3, 2020", "On September 24", "between 2 and 4 May",
"the night of 3 to 4 May", "on Sunday", "yesterday", "last week", "in March 2021", "in 2022",
"2020-05-03". Mentions are found in the pipeline; resolution happens once the reference is known.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from conflictlens.nlp.lexicon import for_lang
from conflictlens.nlp.quantities import UNITS

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}

_M = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_M2 = _M.replace("month", "month2")
_D = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_D2 = r"(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?"
_Y = r"(?P<year>(?:19|20)\d\d)"
_WD = r"(?P<weekday>" + "|".join(WEEKDAYS) + r")"

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b")),
    ("dmy_numeric", re.compile(r"\b(?P<day>[0-3]?\d)/(?P<mnum>[01]?\d)/(?P<year>(?:19|20)\d\d)\b")),
    ("range_dm", re.compile(rf"\b(?:between\s+|from\s+|night\s+of\s+(?:the\s+)?)?{_D}\s*(?:and|to|-|–)\s*{_D2}\s+{_M}(?:,?\s+{_Y})?\b", re.I)),
    ("range_md", re.compile(rf"\b{_M}\s+{_D}\s*(?:and|to|-|–)\s*{_D2}(?:,?\s+{_Y})?\b", re.I)),
    ("range_dmdm", re.compile(rf"\b(?:between\s+|from\s+)?{_D}\s+{_M}\s*(?:and|to|-|–)\s*{_D2}\s+{_M2}(?:,?\s+{_Y})?\b", re.I)),
    ("dmy", re.compile(rf"\b{_D}\s+(?:of\s+)?{_M}(?:,?\s+{_Y})?\b", re.I)),
    ("mdy", re.compile(rf"\b{_M}\s+{_D}(?:,?\s+{_Y})?\b(?!\s*(?:km|kilomet|mile|%))", re.I)),
    ("my", re.compile(rf"\b(?:(?P<part>early|mid|late|end\s+of|beginning\s+of)[\s-]+)?{_M}\s+{_Y}\b", re.I)),
    ("mpart", re.compile(rf"\b(?P<part>early|mid|late|end\s+of|beginning\s+of|the\s+end\s+of|the\s+beginning\s+of)[\s-]+{_M}\b", re.I)),
    ("ago", re.compile(r"\b(?P<num>two|three|four|five|six|[2-6])\s+days\s+ago\b", re.I)),
    ("weekday", re.compile(rf"\b(?P<last>last\s+)?{_WD}(?:\s+(?:night|morning|evening|afternoon))?\b", re.I)),
    ("relative", re.compile(r"\b(?P<rel>yesterday|today|last\s+night|this\s+morning|last\s+week|this\s+week|last\s+month|earlier\s+this\s+week|over\s+the\s+weekend|last\s+weekend|this\s+weekend|earlier\s+this\s+month)\b", re.I)),
    ("year", re.compile(rf"\b(?:in|since|of|during|until|by)\s+(?:early\s+|late\s+|mid-)?{_Y}\b", re.I)),
]  # fmt: skip


@dataclass(frozen=True)
class DateMention:
    """A date expression as written; ``resolve`` turns it into dates."""

    start_char: int
    end_char: int
    kind: str
    day: int | None = None
    day2: int | None = None
    month: int | None = None
    month2: int | None = None
    year: int | None = None
    weekday: int | None = None
    rel: str | None = None
    part: str | None = None  # "early", "mid", "late" of a month named without its year
    ago: int | None = None  # "three days ago"

    @property
    def year_only(self) -> bool:
        return self.kind == "year"


@dataclass(frozen=True)
class ResolvedDate:
    date: dt.date
    end: dt.date | None
    precision: int  # ACLED time_precision: 1 day, 2 week/range, 3 month or more
    mention: DateMention


if not Doc.has_extension("dates"):
    Doc.set_extension("dates", default=None)


@cache
def french_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """The French date patterns: "le 3 mars 2020", "le 1er mars", "dans la nuit du 2 au 3 mai", "entre le
    2 et le 4 mai", "dimanche (dernier)", "hier", "la semaine dernière", "en mars 2021", "en 2022"
    (month and weekday names and relative expressions from ``data/fr/lexicon.json``)."""
    dates = for_lang("fr").dates
    months = "|".join(sorted(dates["months"], key=len, reverse=True))
    weekdays = "|".join(dates["weekdays"])
    rel = "|".join(
        re.escape(r).replace(r"\ ", r"\s+") for r in sorted(dates["relative"], key=len, reverse=True)
    )
    m = rf"(?P<month>{months})\.?"
    m2 = m.replace("month", "month2")
    d = r"(?P<day>[0-3]?\d)(?:er|e)?"
    d2 = r"(?P<day2>[0-3]?\d)(?:er|e)?"
    y = r"(?P<year>(?:19|20)\d\d)"
    return [
        ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b")),
        ("dmy_numeric", re.compile(r"\b(?P<day>[0-3]?\d)/(?P<mnum>[01]?\d)/(?P<year>(?:19|20)\d\d)\b")),
        (
            "range_dm",
            re.compile(
                rf"\b(?:(?:dans\s+)?la\s+nuit\s+du\s+|du\s+|entre\s+le\s+|entre\s+)?{d}\s*(?:au|et\s+le|et|-|–)\s*{d2}\s+{m}(?:\s+{y})?\b",
                re.I,
            ),
        ),
        (
            "range_dmdm",
            re.compile(
                rf"\b(?:du\s+|entre\s+le\s+)?{d}\s+{m}\s*(?:au|et\s+le|-|–)\s*{d2}\s+{m2}(?:\s+{y})?\b", re.I
            ),
        ),
        ("dmy", re.compile(rf"\b(?:(?:{weekdays})\s+)?{d}\s+{m}(?:\s+{y})?\b", re.I)),
        ("my", re.compile(rf"\b(?:(?P<part>début|debut|fin|mi)[\s-]+)?{m}\s+{y}\b", re.I)),
        # "mi-octobre", "fin avril", "début mai" without a year; "il y a deux jours"
        (
            "mpart",
            re.compile(rf"\b(?:à\s+la\s+|en\s+)?(?P<part>début|debut|fin|mi)[\s-]+{m}(?!\s+{y})\b", re.I),
        ),
        ("ago", re.compile(r"\bil\s+y\s+a\s+(?P<num>deux|trois|quatre|cinq|six|[2-6])\s+jours\b", re.I)),
        ("relative", re.compile(rf"(?<!\w)(?P<rel>{rel})(?!\w)", re.I)),
        (
            "weekday",
            re.compile(
                rf"\b(?P<weekday>{weekdays})(?:\s+(?:soir|matin|après-midi|dans\s+la\s+soirée|dans\s+la\s+matinée))?(?P<last>\s+dernier)?\b",
                re.I,
            ),
        ),
        (
            "year",
            re.compile(
                rf"\b(?:en|depuis|de|durant|pendant|jusqu'en|avant)\s+(?:début\s+|fin\s+|mi-)?{y}\b", re.I
            ),
        ),
    ]


def find_dates(text: str, lang: str = "en") -> list[DateMention]:
    """All date mentions in ``text``, earliest pattern winning on overlaps."""
    if lang == "fr":
        return _find_dates_fr(text)
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            g = m.groupdict()
            parts = _day_month(g, MONTHS)
            if parts is None:
                continue
            day, day2, month, month2 = parts
            if kind == "mdy" and month in (5,) and text[s : s + 3] == "may" and not day:
                continue
            if (
                kind in ("mdy", "my", "dmy", "mpart")
                and g.get("month", "").lower() in ("may", "march")
                and (g["month"][0].islower())
            ):
                continue  # the verb "may", "march"
            found.append(
                DateMention(
                    s,
                    e,
                    kind,
                    day=day,
                    day2=day2,
                    month=month,
                    month2=month2,
                    year=int(g["year"]) if g.get("year") else None,
                    weekday=WEEKDAYS.get(g["weekday"].lower()) if g.get("weekday") else None,
                    rel=" ".join(g["rel"].lower().split()) if g.get("rel") else None,
                    part=g["part"].lower().split()[-2 if g["part"].lower().endswith("of") else -1]
                    if kind == "mpart" and g.get("part")
                    else None,
                    ago=_days_ago(g.get("num") or "") if kind == "ago" else None,
                )
            )
            taken.append((s, e))
    found.sort(key=lambda d: d.start_char)
    return found


def _days_ago(num: str) -> int | None:
    """The number of "three days ago", in digits or in words (the counts' number words)."""
    return int(num) if num.isdigit() else UNITS.get(num.lower())


# the day ACLED codes for a part of a month ("mid-October", coded the 15th at time precision 2)
_PART_DAY = {"early": 5, "beginning": 5, "mid": 15, "late": 25, "end": 25}


def _day_month(
    g: dict[str, str | None], months: dict[str, int]
) -> tuple[int | None, int | None, int | None, int | None] | None:
    """(day, day2, month, month2) of a date pattern's match, in the language's month names; None
    when a day cannot be one (the match is no date)."""
    month = months.get((g.get("month") or "").lower().rstrip(".")) if g.get("month") else None
    if g.get("mnum"):
        month = int(g["mnum"] or 0)
    month2 = months.get((g.get("month2") or "").lower().rstrip(".")) if g.get("month2") else None
    day = int(g["day"] or 0) if g.get("day") else None
    day2 = int(g["day2"] or 0) if g.get("day2") else None
    if (day and not 1 <= day <= 31) or (day2 and not 1 <= day2 <= 31):
        return None
    return day, day2, month, month2


def _find_dates_fr(text: str) -> list[DateMention]:
    dates = for_lang("fr").dates
    months: dict[str, int] = dates["months"]
    weekdays: dict[str, int] = dates["weekdays"]
    relative: dict[str, str] = dates["relative"]
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in french_patterns():
        for m in pattern.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            g = m.groupdict()
            parts = _day_month(g, months)
            if parts is None:
                continue
            day, day2, month, month2 = parts
            if (
                kind in ("dmy", "my", "range_dm")
                and (g.get("month") or "").lower() == "sept"
                and not g.get("year")
            ):
                continue  # "sept" is also the number seven
            rel = None
            if g.get("rel"):
                rel = relative.get(" ".join(g["rel"].lower().split()))
            part = None
            if kind == "mpart" and g.get("part"):
                part = dates["parts"].get(g["part"].lower(), "mid").split()[0]  # "end of" -> "end"
            ago = None
            if kind == "ago" and g.get("num"):
                num = g["num"].lower()
                ago = int(num) if num.isdigit() else for_lang("fr").numbers.get(num)
            found.append(
                DateMention(
                    s,
                    e,
                    kind,
                    day=day,
                    day2=day2,
                    month=month,
                    month2=month2,
                    year=int(g["year"]) if g.get("year") else None,
                    weekday=weekdays.get(g["weekday"].lower()) if g.get("weekday") else None,
                    rel=rel,
                    part=part,
                    ago=ago,
                )
            )
            taken.append((s, e))
    found.sort(key=lambda d: d.start_char)
    return found


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def resolve(m: DateMention, reference: dt.date | None) -> ResolvedDate | None:
    """Turn a mention into a date, using ``reference`` (publication date) for missing parts."""
    ref = reference
    if m.kind == "ago":
        if ref is None or m.ago is None:
            return None
        return ResolvedDate(ref - dt.timedelta(days=m.ago), None, 1, m)
    if m.kind in ("weekday", "relative"):
        if ref is None:
            return None
        if m.kind == "weekday" and m.weekday is not None:
            delta = (ref.weekday() - m.weekday) % 7
            return ResolvedDate(ref - dt.timedelta(days=delta), None, 1, m)
        rel = m.rel or ""
        if rel in ("yesterday", "last night"):
            return ResolvedDate(ref - dt.timedelta(days=1), None, 1, m)
        if rel == "day before yesterday":  # French "avant-hier"
            return ResolvedDate(ref - dt.timedelta(days=2), None, 1, m)
        if rel in ("today", "this morning"):
            return ResolvedDate(ref, None, 1, m)
        if rel in ("last week",):
            start = ref - dt.timedelta(days=ref.weekday() + 7)
            return ResolvedDate(start, start + dt.timedelta(days=6), 2, m)
        if rel in ("this week", "earlier this week"):
            start = ref - dt.timedelta(days=ref.weekday())
            return ResolvedDate(start, ref, 2, m)
        if rel in ("over the weekend", "last weekend", "this weekend"):
            # the Saturday and Sunday before the reference (the same weekend, told on a Sunday)
            saturday = ref - dt.timedelta(days=(ref.weekday() - 5) % 7)
            return ResolvedDate(saturday, saturday + dt.timedelta(days=1), 2, m)
        if rel == "earlier this month":
            return ResolvedDate(ref.replace(day=1), ref, 3, m)
        if rel == "last month":
            prev_end = ref.replace(day=1) - dt.timedelta(days=1)
            return ResolvedDate(prev_end.replace(day=1), prev_end, 3, m)
        return None
    if m.kind == "year":
        if m.year is None:
            return None
        return ResolvedDate(dt.date(m.year, 1, 1), dt.date(m.year, 12, 31), 3, m)
    if m.month is None:
        return None
    year = m.year
    if year is None:
        if ref is None:
            return None
        year = ref.year
        # a day-month without year later than the reference belongs to the previous year
        candidate = _safe_date(year, m.month, m.day or 1)
        if candidate and candidate > ref + dt.timedelta(days=2):
            year -= 1
    if m.kind == "mpart":
        day = _safe_date(year, m.month, _PART_DAY.get(m.part or "", 15))
        return ResolvedDate(day, None, 2, m) if day else None
    if m.kind == "my":
        month_start = _safe_date(year, m.month, 1)
        if month_start is None:
            return None
        last_day = calendar.monthrange(year, m.month)[1]
        return ResolvedDate(month_start, dt.date(year, m.month, last_day), 3, m)
    if m.day is None:
        return None
    first_day = _safe_date(year, m.month, m.day)
    if first_day is None:
        return None
    first = first_day
    if m.day2 is not None:
        last = _safe_date(year, m.month2 or m.month, m.day2)
        if last is not None and last > first:
            days = (last - first).days
            return ResolvedDate(first, last, 1 if days <= 1 else 2, m)
    return ResolvedDate(first, None, 1, m)


@Language.factory("conflictlens_time", assigns=["doc._.dates"])
def make_time(nlp: Language, name: str) -> TimeComponent:
    return TimeComponent()


class TimeComponent:
    """Finds date mentions; sets ``doc._.dates`` (character offsets, unresolved)."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.dates = find_dates(doc.text, doc.lang_)
        return doc
