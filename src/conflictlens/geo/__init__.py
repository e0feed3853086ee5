"""Gazetteer and toponym resolution."""

from conflictlens.geo.gazetteer import Gazetteer, GazPlace, gazetteer

__all__ = ["GazPlace", "Gazetteer", "gazetteer"]
