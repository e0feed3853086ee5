"""Command-line functions for incidents, ready to register on the main Typer app.

``register(app)`` adds ``resolve``, ``incidents``, ``incident``, ``split`` and ``merge``; the
incident export is ``conflictlens export --incidents``. Each is a thin layer over
:class:`conflictlens.resolve.Resolver`, so library users get the same.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from conflictlens import settings
from conflictlens.cli_support import DbOption, err
from conflictlens.cli_support import fail as _fail
from conflictlens.errors import ConflictlensError

AnalystOption = Annotated[str | None, typer.Option("--analyst", help="Who decides (recorded).")]
NoteOption = Annotated[str | None, typer.Option("--note", help="Why (recorded).")]


def _parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise _fail(f"--since must be a date like 2024-06-01, not {value!r}") from exc


def resolve_cmd(
    db: DbOption = settings.default_db_url,
    rebuild: Annotated[
        bool,
        typer.Option("--rebuild", help="Forget every incident and resolve again (keeps review decisions)."),
    ] = False,
    include_background: Annotated[bool, typer.Option("--include-background")] = False,
) -> None:
    """Group the stored reports into incidents (only reports not yet resolved, unless --rebuild)."""
    from conflictlens.resolve import Resolver
    from conflictlens.store import open_store

    try:
        with open_store(db) as store:
            resolver = Resolver(store)
            if rebuild:
                n = resolver.rebuild(include_background=include_background)
            else:
                n = resolver.resolve_pending(include_background=include_background)
            total = sum(1 for _ in store.incidents())
    except ConflictlensError as exc:
        raise _fail(str(exc)) from exc
    err.print(f"{n} report(s) resolved; {total} incident(s) stored")


def incidents_cmd(
    db: DbOption = settings.default_db_url,
    since: Annotated[
        str | None, typer.Option("--since", help="Only incidents on or after this date.")
    ] = None,
    country: Annotated[
        str | None, typer.Option("--country", help="Only this country (ISO2), e.g. ML.")
    ] = None,
    limit: Annotated[int, typer.Option(help="Show at most this many incidents.")] = 50,
    as_json: Annotated[
        bool, typer.Option("--json", help="One JSON object per incident instead of a table.")
    ] = False,
) -> None:
    """List the stored incidents: date, type, place, toll range, sources and grade."""
    from conflictlens.store import open_store

    start = _parse_date(since)
    try:
        store = open_store(db)
    except ConflictlensError as exc:
        raise _fail(str(exc)) from exc
    table = Table(title="conflictlens incidents")
    for col in ("id", "date", "type", "location", "deaths (low-high)", "sources", "grade"):
        table.add_column(col, overflow="fold")
    with store:
        for n, incident in enumerate(store.incidents(since=start, country=country)):
            if n >= limit:
                break
            if as_json:
                print(json.dumps(incident.to_dict(), ensure_ascii=False))
                continue
            f = incident.fatalities
            low, high = f.get("low"), f.get("high")
            toll = "" if low is None else (str(low) if low == high else f"{low}-{high}")
            table.add_row(
                incident.id,
                incident.date.isoformat() if incident.date else "",
                incident.sub_event_type,
                ", ".join(x for x in (incident.place.get("name"), incident.place.get("admin1")) if x),
                toll,
                f"{incident.independent_sources}/{len(incident.sources)}",
                incident.grade,
            )
    if not as_json:
        Console().print(table)


def incident_cmd(incident_id: str, db: DbOption = settings.default_db_url) -> None:
    """Print one incident as JSON: every source, claim, conflict and the reasons for its grade."""
    from conflictlens.store import open_store

    try:
        with open_store(db) as store:
            incident = store.get_incident(incident_id)
    except ConflictlensError as exc:
        raise _fail(str(exc)) from exc
    if incident is None:
        raise _fail(f"no incident {incident_id}")
    print(json.dumps(incident.to_dict(), indent=2, ensure_ascii=False))


def split_cmd(
    incident_id: str,
    report_ids: Annotated[list[str], typer.Argument(help="Reports (doc_id#n) to move into a new incident.")],
    db: DbOption = settings.default_db_url,
    analyst: AnalystOption = None,
    note: NoteOption = None,
) -> None:
    """Split a wrong merge: move reports out of an incident. Later runs will not merge them back."""
    from conflictlens.resolve import Resolver
    from conflictlens.store import open_store

    try:
        with open_store(db) as store:
            new_id = Resolver(store).split(incident_id, report_ids, analyst=analyst, note=note)
    except ConflictlensError as exc:
        raise _fail(str(exc)) from exc
    print(new_id)


def merge_cmd(
    keep: str,
    other: str,
    db: DbOption = settings.default_db_url,
    analyst: AnalystOption = None,
    note: NoteOption = None,
) -> None:
    """Merge incident OTHER into KEEP. Later runs keep their reports together."""
    from conflictlens.resolve import Resolver
    from conflictlens.store import open_store

    try:
        with open_store(db) as store:
            Resolver(store).merge(keep, other, analyst=analyst, note=note)
    except ConflictlensError as exc:
        raise _fail(str(exc)) from exc
    print(keep)


def register(app: typer.Typer) -> None:
    """Add the incident commands to ``app``."""
    app.command("resolve")(resolve_cmd)
    app.command("incidents")(incidents_cmd)
    app.command("incident")(incident_cmd)
    app.command("split")(split_cmd)
    app.command("merge")(merge_cmd)
