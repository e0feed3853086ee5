"""The conflictlens command line: a thin layer over the library.

Exit codes: 0 success; 1 some inputs could not be read (the rest went through); 2 usage error or
nothing could be done.
"""

from __future__ import annotations

import json
import logging
import sys
from collections import Counter
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from conflictlens import settings
from conflictlens.batch_cli import register as register_batch_commands
from conflictlens.cli_support import AllowPrivateOption, DbOption, InputErrors, err
from conflictlens.cli_support import fail as _fail
from conflictlens.cli_support import output as _output
from conflictlens.errors import ConflictlensError, InputError
from conflictlens.incidents_cli import register as register_incident_commands
from conflictlens.serve_cli import register as register_serve_commands
from conflictlens.sources_cli import register as register_source_commands

app = typer.Typer(
    help="Turn reporting about armed conflict into a sourced, ACLED-compatible event record.",
    no_args_is_help=True,
    add_completion=False,
)

CountryOption = Annotated[
    str | None,
    typer.Option(
        "--country",
        help="Country in focus for documents whose text names none (ISO2 code or English name), e.g. ML.",
    ),
]
PathsArg = Annotated[
    list[str],
    typer.Argument(
        help="Files, folders or http(s) URLs: .txt, .md, .html, .jsonl/.json ({id, text, ...} objects), "
        ".csv (id,text,... or ACLED's notes), .warc/.warc.gz archives, or a web page's URL.",
        show_default=False,
    ),
]
LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="Read every document in this language (en, fr) instead of detecting it per document.",
    ),
]


def _progress() -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )


WorkersOption = Annotated[
    int,
    typer.Option(
        "--workers",
        "-w",
        min=1,
        help="Extraction processes (each loads the pipeline once); this one writes the store.",
    ),
]
TriageOption = Annotated[
    bool,
    typer.Option(
        "--triage/--no-triage",
        help="Skip the full pipeline for documents with no conflict trigger word (stored, with no events).",
    ),
]


def _ingest_progress() -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed} docs"),
        TextColumn("{task.fields[rate]}"),
        TextColumn("{task.fields[note]}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )


@app.command()
def ingest(
    paths: PathsArg,
    db: DbOption = settings.default_db_url,
    country: CountryOption = None,
    workers: WorkersOption = 1,
    triage: TriageOption = True,
    allow_private: AllowPrivateOption = False,
    lang: LangOption = None,
) -> None:
    """Read documents, extract their events, store both and resolve the events into incidents.

    Re-ingesting a document is a no-op; a copy of a stored document under another name keeps its
    URL with the original (syndicated copies are not independent sources). Streams with bounded
    memory; an interrupted run (even killed) is completed by running the same command again.
    """
    from conflictlens.batch import StoreWriter
    from conflictlens.extract import extract_parallel
    from conflictlens.ingest import read_documents
    from conflictlens.store import open_store

    errors = InputErrors()
    try:
        store = open_store(db)
    except ConflictlensError as exc:
        raise _fail(str(exc)) from exc
    with store, _ingest_progress() as progress:
        task = progress.add_task("ingesting", total=None, rate="", note="")
        try:
            writer = StoreWriter(store)
        except ConflictlensError as exc:
            raise _fail(str(exc)) from exc
        counts = writer.counts

        def tick(_doc: object = None) -> None:
            elapsed = progress.tasks[0].elapsed or 0.0
            progress.update(
                task,
                completed=counts.seen,
                rate=f"{counts.seen / elapsed:.1f} docs/s" if elapsed else "",
                note=f"{counts.added} added, {counts.skipped} already stored",
            )

        fresh = writer.fresh(
            read_documents(paths, on_error=errors, allow_private=allow_private), on_skip=tick
        )
        try:
            for doc, reports in extract_parallel(
                fresh, workers=workers, country=country, triage=triage, lang=lang
            ):
                writer.add(doc, reports)
                tick()
        except ConflictlensError as exc:
            raise _fail(str(exc)) from exc
    note = f", {counts.recovered} report(s) of an interrupted run resolved" if counts.recovered else ""
    err.print(
        f"{counts.added} document(s) added with {counts.events} event(s), {counts.skipped} already stored, "
        f"{errors.count} could not be read{note}"
    )
    if errors.count:
        raise typer.Exit(1)


@app.command()
def extract(
    paths: PathsArg,
    format: Annotated[str, typer.Option("--format", "-f", help="acled (CSV) or jsonl.")] = "acled",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    include_background: Annotated[
        bool, typer.Option("--include-background", help="Also write background events (tagged 'background').")
    ] = False,
    country: CountryOption = None,
    lang: LangOption = None,
) -> None:
    """Extract events from documents and write them, without touching the store."""
    from conflictlens.export import write_acled_csv, write_jsonl
    from conflictlens.extract import extract_many
    from conflictlens.ingest import read_documents

    if format not in ("acled", "jsonl"):
        raise _fail(f"--format must be acled or jsonl, not {format!r}")
    errors = InputErrors()
    results = extract_many(read_documents(paths, on_error=errors), country=country, lang=lang)
    with _output(output) as fh:
        if format == "acled":
            pairs = ((r, d) for d, reports in results for r in reports)
            write_acled_csv(pairs, fh, include_background=include_background)
        else:
            write_jsonl(results, fh, include_background=include_background)
    if errors.count:
        raise typer.Exit(1)


@app.command()
def export(
    format: Annotated[str, typer.Option("--format", "-f", help="acled (CSV), jsonl or geojson.")] = "acled",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    db: DbOption = settings.default_db_url,
    include_background: Annotated[
        bool, typer.Option("--include-background", help="Also write background events (tagged 'background').")
    ] = False,
    incidents: Annotated[
        bool,
        typer.Option(
            "--incidents", help="One row per incident (all sources in `source`, the toll range in `tags`)."
        ),
    ] = False,
) -> None:
    """Write the stored events (or incidents) as ACLED CSV, JSON Lines or GeoJSON."""
    from conflictlens.export import FORMATS, write, write_incidents
    from conflictlens.store import open_store

    if format not in FORMATS:
        raise _fail(f"--format must be one of {', '.join(FORMATS)}, not {format!r}")
    try:
        store = open_store(db)
    except ConflictlensError as exc:
        raise _fail(str(exc)) from exc
    with store, _output(output) as fh:
        if incidents:
            n = write_incidents(format, store.incidents(), fh, include_background=include_background)
        else:
            n = write(
                format, store.reports(include_background=True), fh, include_background=include_background
            )
    if output is not None:
        err.print(f"wrote {n} record(s) to {output}")


@app.command()
def events(
    db: DbOption = settings.default_db_url,
    limit: Annotated[int, typer.Option(help="Show at most this many events.")] = 50,
    include_background: Annotated[bool, typer.Option("--include-background")] = False,
) -> None:
    """Print a table of the stored events."""
    from conflictlens.store import open_store

    try:
        store = open_store(db)
    except ConflictlensError as exc:
        raise _fail(str(exc)) from exc
    table = Table(title="conflictlens events", show_lines=False)
    for col in ("date", "type", "sub-type", "actor1", "actor2", "deaths", "location", "source"):
        table.add_column(col, overflow="fold")
    shown = 0
    with store:
        for report, doc in store.reports(include_background=include_background):
            if shown >= limit:
                break
            place = report.place
            where = ", ".join(x for x in (place.name, place.admin1, place.country) if x) if place else ""
            table.add_row(
                report.date.date.isoformat() if report.date else "",
                report.event_type,
                report.sub_event_type,
                report.actor1.name if report.actor1 else "",
                report.actor2.name if report.actor2 else "",
                str(report.fatalities.acled),
                where,
                doc.id,
            )
            shown += 1
    Console().print(table)


@app.command()
def claims(paths: PathsArg, country: CountryOption = None, lang: LangOption = None) -> None:
    """Print who says what about the events of each document: claims, stances and event status."""
    from conflictlens.claims_cli import print_claims
    from conflictlens.ingest import read_documents

    errors = InputErrors()
    try:
        print_claims(read_documents(paths, on_error=errors), sys.stdout, country=country, lang=lang)
    except ConflictlensError as exc:
        raise _fail(str(exc)) from exc
    if errors.count:
        raise typer.Exit(1)


@app.command("geoparse")
def geoparse_cmd(
    paths: PathsArg,
    format: Annotated[
        str, typer.Option("--format", "-f", help="jsonl: one JSON object per document.")
    ] = "jsonl",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    country: CountryOption = None,
    lang: LangOption = None,
) -> None:
    """Find the places each document names and resolve them (GeoNames ids, coordinates, admin areas)."""
    from conflictlens.geo import geoparse
    from conflictlens.ingest import read_documents

    if format != "jsonl":
        raise _fail(f"--format must be jsonl, not {format!r}")
    errors = InputErrors()
    with _output(output) as fh:
        for record in geoparse(read_documents(paths, on_error=errors), country=country, lang=lang):
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    if errors.count:
        raise typer.Exit(1)


@app.command()
def evaluate(
    gold: Annotated[
        Path, typer.Option("--gold", help="Coded data in ACLED's CSV format (with a notes column).")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    limit: Annotated[int | None, typer.Option(help="Only the first N rows.")] = None,
    context_year: Annotated[
        bool,
        typer.Option(
            help="Use each row's year column as the year of notes that omit it ('On 24 September')."
        ),
    ] = True,
    errors: Annotated[int, typer.Option(help="Also list up to N rows with wrong fields (JSON only).")] = 0,
    country: Annotated[
        str,
        typer.Option(
            help="Country in focus for notes that name no known place: ISO2 or name, 'auto' (the file's most "
            "common country) or 'none'."
        ),
    ] = "auto",
    confusion: Annotated[
        bool,
        typer.Option("--confusion", help="Also print the confusion between event types (gold × predicted)."),
    ] = False,
    lang: LangOption = None,
) -> None:
    """Extract each row's notes and score the result against the coded columns, field by field."""
    from conflictlens.evaluate import FIELDS
    from conflictlens.evaluate import evaluate as run

    try:
        rows_total = limit
        with _progress() as progress:
            task = progress.add_task("evaluating", total=rows_total, rate="")
            score = run(
                gold,
                limit=limit,
                context_year=context_year,
                progress=lambda n: progress.advance(task, n),
                keep_errors=errors,
                country=None if country.lower() == "none" else country,
                lang=lang,
            )
    except InputError as exc:
        raise _fail(str(exc)) from exc
    if as_json:
        data = score.to_dict()
        if errors:
            data["errors"] = score.errors
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return
    table = Table(title=f"accuracy over {score.rows} rows ({score.no_event} with no event found)")
    table.add_column("field")
    table.add_column("accuracy", justify="right")
    for f in FIELDS:
        table.add_row(f, f"{score.accuracy()[f]:.3f}")
    Console().print(table)
    if confusion:
        Console().print(_confusion_table(score.confusion))


@app.command()
def train(
    gold: Annotated[
        Path,
        typer.Option(
            "--gold",
            help="Your own coded data in ACLED's CSV format (location, country, admin1, "
            "admin2, latitude, longitude columns).",
        ),
    ],
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help="Where to write the learnt places (default: user-places.json in the cache "
            "folder, or $CONFLICTLENS_USER_PLACES).",
        ),
    ] = None,
) -> None:
    """Learn the places of your own coded data (the villages no public gazetteer holds) into a file
    outside the package; the gazetteer takes them in on its next run. Nothing is added to conflictlens
    itself: delete the file to forget them."""
    from conflictlens.geo.gazetteer import user_places_path
    from conflictlens.learn import train as run

    try:
        path, n = run(gold, out)
    except InputError as exc:
        raise _fail(str(exc)) from exc
    err.print(f"learnt {n} places from {gold} into {path}")
    if path != user_places_path():
        err.print("set CONFLICTLENS_USER_PLACES to that file for the gazetteer to read it")


def _confusion_table(counts: Counter[tuple[str, str]]) -> Table:
    """Gold event types as rows, predicted as columns."""
    gold = sorted({g for g, _ in counts})
    predicted = sorted({p for _, p in counts})
    table = Table(title="event type confusion (rows: coded, columns: extracted)")
    table.add_column("coded \\ extracted")
    for p in predicted:
        table.add_column(p[:14], justify="right")
    for g in gold:
        table.add_row(g, *[str(counts.get((g, p), 0) or "") for p in predicted])
    return table


db_app = typer.Typer(
    help="The store's schema: upgrade it, show its revision and the migrations.", no_args_is_help=True
)
app.add_typer(db_app, name="db")


@db_app.command("upgrade")
def db_upgrade(db: DbOption = settings.default_db_url) -> None:
    """Bring the store to the newest schema (opening a store does this too)."""
    from conflictlens.store import migrate

    try:
        revision = migrate.upgrade(db)
    except ConflictlensError as exc:
        raise _fail(str(exc)) from exc
    err.print(f"store at revision {revision}")


@db_app.command("current")
def db_current(db: DbOption = settings.default_db_url) -> None:
    """Print the store's schema revision (nothing for a store that has none yet)."""
    from conflictlens.store import migrate

    try:
        revision = migrate.current(db)
    except ConflictlensError as exc:
        raise _fail(str(exc)) from exc
    print(revision or "")


@db_app.command("history")
def db_history() -> None:
    """List the schema migrations, oldest first."""
    from conflictlens.store import migrate

    for rev in migrate.history():
        print(f"{rev.revision}  {rev.message}")


register_incident_commands(app)
register_serve_commands(app)
register_source_commands(app)
register_batch_commands(app)


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    app()


if __name__ == "__main__":
    main()
