"""The confidence grade of an incident: every rule in one table, and each grade says why.

In the spirit of Airwars' grading of civilian harm reports (confirmed / fair / weak / contested /
discounted). The rules are applied in the order of :data:`GRADE_RULES`; the first that holds gives
the grade. The reasons always list the independent sources, the party claims and outlet reports,
denials and investigations, whatever the grade.

Independence: a syndicated or lightly edited copy of another member document (see
:mod:`conflictlens.ingest.dedup`) is not an independent source, and neither is a second article
by the same outlet.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from conflictlens import taxonomy
from conflictlens.resolve.model import Incident

#: The grades, from most to least credible, with what each means.
GRADES: dict[str, str] = {
    "confirmed": "a party to the event acknowledged it or claimed responsibility, and nobody denies it",
    "fair": "two or more independent sources report it, and nobody denies it",
    "weak": "a single independent source reports it (copies of it do not count)",
    "contested": "a party or source denies it, or sources name different perpetrators",
    "discounted": "only ever mentioned as background (past events an article recalls in passing)",
}

PARTY_KINDS: frozenset[str] = frozenset(taxonomy.INTER_CODES)


def _party_claims(incident: Incident, stances: frozenset[str]) -> list[dict[str, object]]:
    return [c for c in incident.claims if c.get("stance") in stances and c.get("source_kind") in PARTY_KINDS]


def _who(claims: list[dict[str, object]]) -> str:
    names = sorted({str(c.get("source") or c.get("speaker") or c.get("source_kind")) for c in claims})
    return ", ".join(names)


def _discounted(i: Incident) -> bool:
    return i.background


def _contested(i: Incident) -> bool:
    return any(c.get("stance") == "denies" for c in i.claims) or len(i.conflicts.get("perpetrator", [])) > 1


def _confirmed(i: Incident) -> bool:
    return bool(_party_claims(i, frozenset({"confirms", "claims_responsibility"})))


def _fair(i: Incident) -> bool:
    return i.independent_sources >= 2


@dataclass(frozen=True)
class GradeRule:
    """A grade and the test an incident must pass to get it."""

    grade: str
    test: Callable[[Incident], bool]


#: Applied in order; the first rule that holds gives the grade, "weak" when none does.
GRADE_RULES: tuple[GradeRule, ...] = (
    GradeRule("discounted", _discounted),
    GradeRule("contested", _contested),
    GradeRule("confirmed", _confirmed),
    GradeRule("fair", _fair),
)


def reasons(incident: Incident) -> list[str]:
    """The facts a grade rests on, as short sentences."""
    out: list[str] = []
    indep = [s for s in incident.sources if s.independent]
    copies = [s for s in incident.sources if not s.independent]
    outlets = sorted({s.outlet or s.doc_id for s in indep})
    out.append(f"{len(indep)} independent source(s): {', '.join(outlets)}")
    if copies:
        out.append(f"{len(copies)} copy/copies not counted: {', '.join(sorted(s.doc_id for s in copies))}")
    party = [c for c in incident.claims if c.get("source_kind") in PARTY_KINDS]
    others = [c for c in incident.claims if c.get("source_kind") not in PARTY_KINDS]
    if party:
        out.append(f"{len(party)} claim(s) by parties to the conflict ({_who(party)})")
    if others:
        out.append(f"{len(others)} claim(s) by outlets, witnesses or others ({_who(others)})")
    ack = _party_claims(incident, frozenset({"confirms", "claims_responsibility"}))
    if ack:
        out.append(f"acknowledged by {_who(ack)}")
    denials = [c for c in incident.claims if c.get("stance") == "denies"]
    if denials:
        out.append(f"denied by {_who(denials)}")
    perpetrators = incident.conflicts.get("perpetrator", [])
    if len(perpetrators) > 1:
        out.append("sources name different perpetrators: " + "; ".join(str(p["value"]) for p in perpetrators))
    disputes = [c for c in incident.claims if c.get("stance") == "disputes_figure"]
    if disputes:
        out.append(f"figures disputed by {_who(disputes)}")
    for stance, phrase in (
        ("announces_investigation", "investigation announced by"),
        ("calls_for_investigation", "investigation called for by"),
    ):
        found = [c for c in incident.claims if c.get("stance") == stance]
        if found:
            out.append(f"{phrase} {_who(found)}")
    if incident.background:
        out.append("every report is a background mention")
    return out


def grade(incident: Incident) -> tuple[str, tuple[str, ...]]:
    """The grade of an incident and why: the rule that gave it first, then the facts."""
    for rule in GRADE_RULES:
        if rule.test(incident):
            return rule.grade, (f"{rule.grade}: {GRADES[rule.grade]}", *reasons(incident))
    return "weak", (f"weak: {GRADES['weak']}", *reasons(incident))
