"""Command-line commands for batch processing of large archives (``conflictlens batch``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from conflictlens import settings
from conflictlens.cli_support import DbOption, err
from conflictlens.cli_support import fail as _fail
from conflictlens.errors import ConflictlensError, InputError


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""

    @app.command()
    def batch(
        paths: Annotated[
            list[Path],
            typer.Argument(help="Files or folders: .txt, .html, .jsonl (one {id, text, ...} object a line)."),
        ],
        engine: Annotated[
            str, typer.Option("--engine", help="dask (a cluster) or local (this process).")
        ] = "dask",
        scheduler: Annotated[
            str | None,
            typer.Option(
                "--scheduler",
                help="Dask scheduler address (tcp://host:8786); without it a local cluster of processes "
                "is started. Workers must see --out (a shared folder).",
            ),
        ] = None,
        out: Annotated[
            Path | None,
            typer.Option("--out", help="Folder for the Parquet shards (kept); a temporary one by default."),
        ] = None,
        db: DbOption = settings.default_db_url,
        partition_size: Annotated[
            int, typer.Option("--partition-size", min=1, help="Documents per partition (one task each).")
        ] = 256,
        workers: Annotated[
            int, typer.Option("--workers", "-w", min=1, help="Processes of the local cluster.")
        ] = 2,
        country: Annotated[
            str | None,
            typer.Option("--country", help="Country in focus for documents whose text names none, e.g. ML."),
        ] = None,
        triage: Annotated[
            bool,
            typer.Option(
                "--triage/--no-triage", help="Skip the full pipeline for documents with no trigger."
            ),
        ] = True,
    ) -> None:
        """Extract a large archive partition by partition (on a Dask cluster or here), write Parquet
        shards of documents, reports and spans, then load them into the store (as `ingest` would)."""
        from conflictlens.batch import ENGINES, run_batch
        from conflictlens.ingest import read_documents
        from conflictlens.store import open_store

        if engine not in ENGINES:
            raise _fail(f"--engine must be one of {', '.join(ENGINES)}, not {engine!r}")
        failed = 0

        def on_error(error: InputError) -> None:
            nonlocal failed
            failed += 1
            err.print(f"[red]error[/red]: {error}", highlight=False, soft_wrap=True)

        def on_partition(counts: dict[str, int]) -> None:
            err.print(
                f"partition {counts['part']}: {counts['documents']} document(s), "
                f"{counts['reports']} report(s)",
                highlight=False,
            )

        try:
            store = open_store(db)
        except ConflictlensError as exc:
            raise _fail(str(exc)) from exc
        with store:
            try:
                result = run_batch(
                    read_documents(paths, on_error=on_error),
                    store,
                    engine=engine,
                    out=out,
                    scheduler=scheduler,
                    partition_size=partition_size,
                    workers=workers,
                    country=country,
                    triage=triage,
                    on_partition=on_partition,
                )
            except ConflictlensError as exc:
                raise _fail(str(exc)) from exc
        c = result.counts
        rate = c.seen / result.seconds if result.seconds else 0.0
        where = f", shards in {result.out}" if out is not None else ""
        err.print(
            f"{c.added} document(s) added with {c.events} event(s), {c.skipped} already stored, "
            f"{failed} could not be read; {result.partitions} partition(s) on {result.engine}, "
            f"{rate:.1f} docs/s{where}"
        )
        if failed:
            raise typer.Exit(1)
