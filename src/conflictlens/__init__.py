"""conflictlens: from news about armed conflict to a sourced, ACLED-compatible event record."""

from conflictlens.model import Actor, Document, EventDate, Fatalities, Place, Report, Span

__version__ = "0.1.0"

__all__ = ["Actor", "Document", "EventDate", "Fatalities", "Place", "Report", "Span", "__version__"]
