"""Pieces shared by the command-line modules: the error console, the --db option, one-line
failures and output to a file or stdout."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, TextIO

import typer
from rich.console import Console

from conflictlens.errors import InputError

err = Console(stderr=True)

AllowPrivateOption = Annotated[
    bool,
    typer.Option(
        "--allow-private",
        help="Also fetch URLs on loopback, private and link-local addresses (a server on your own network).",
    ),
]


class InputErrors:
    """Counts input errors and prints each as one line (the run goes on)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, error: InputError) -> None:
        self.count += 1
        err.print(f"[red]error[/red]: {error}", highlight=False, soft_wrap=True)


DbOption = Annotated[
    str,
    typer.Option("--db", help="Store: a SQLAlchemy URL or a SQLite file path.", envvar="CONFLICTLENS_DB"),
]


def fail(message: str) -> typer.Exit:
    """Print a one-line error and return the exit (code 2) to raise."""
    err.print(f"[red]error[/red]: {message}", highlight=False, soft_wrap=True)
    return typer.Exit(2)


@contextmanager
def output(path: Path | None) -> Iterator[TextIO]:
    """A file opened for writing, or stdout for None or "-"."""
    if path is None or str(path) == "-":
        yield sys.stdout
        return
    with path.open("w", encoding="utf-8", newline="") as fh:
        yield fh
