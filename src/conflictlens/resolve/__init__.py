"""Incident resolution: reports of the same event from different documents become one Incident.

:class:`Resolver` assigns stored reports to incidents incrementally; the pairwise rules are in
:mod:`.match`, merging in :mod:`.merge`, the confidence grades in :mod:`.grading`. See
``docs/incidents.md``.
"""

from conflictlens.resolve.grading import GRADE_RULES, GRADES, grade
from conflictlens.resolve.match import Features, Match, compare, features_of
from conflictlens.resolve.merge import build_incident
from conflictlens.resolve.model import Incident, IncidentSource
from conflictlens.resolve.resolver import Resolver, ReviewError, incident_id_for

__all__ = [
    "GRADES",
    "GRADE_RULES",
    "Features",
    "Incident",
    "IncidentSource",
    "Match",
    "Resolver",
    "ReviewError",
    "build_incident",
    "compare",
    "features_of",
    "grade",
    "incident_id_for",
]
