"""Command-line commands of the analyst's workspace: ``serve`` and the ``user`` accounts."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from conflictlens import settings
from conflictlens.cli_support import DbOption, err
from conflictlens.cli_support import fail as _fail
from conflictlens.errors import ConflictlensError

user_app = typer.Typer(
    help="Accounts of the analyst's workspace (viewer, analyst, admin).", no_args_is_help=True
)


def serve_cmd(
    db: DbOption = settings.default_db_url,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = 8000,
    public: Annotated[
        bool, typer.Option("--public", help="Read-only public mode: anyone may read without logging in.")
    ] = False,
    tiles: Annotated[
        str | None,
        typer.Option(
            "--tiles",
            help="Map tile URL template ({z}/{x}/{y}), or 'none' for the bundled country outlines only. "
            "Default: $CONFLICTLENS_TILES, else OpenStreetMap.",
        ),
    ] = None,
) -> None:
    """Serve the web app and the REST API (docs at /api/docs).

    Sessions are signed with $CONFLICTLENS_SECRET (random for each run when unset: everyone is
    logged out when the server restarts).
    """
    import uvicorn

    from conflictlens.api.app import create_app
    from conflictlens.store import review

    try:
        app = create_app(db, public=public)
    except ConflictlensError as exc:
        raise _fail(str(exc)) from exc
    if tiles is not None:
        app.state.tiles = tiles
    if not public and not review.list_users(app.state.store):
        err.print("no accounts yet: add one with `conflictlens user add NAME --role admin`")
    shown = f"[{host}]" if ":" in host else host
    print(f"conflictlens serving {app.state.store.url} on http://{shown}:{port}/ (API docs: /api/docs)")
    sys.stdout.flush()
    uvicorn.run(app, host=host, port=port, log_level="warning")


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline()
        return line[:-1] if line.endswith("\n") else line
    value: str = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    return value


@user_app.command("add")
def user_add(
    name: Annotated[str, typer.Argument(help="The account's name.")],
    role: Annotated[str, typer.Option("--role", help="viewer, analyst or admin.")] = "viewer",
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from the first line of stdin.")
    ] = False,
    db: DbOption = settings.default_db_url,
) -> None:
    """Add an account; the password is asked twice (or read from stdin)."""
    from conflictlens.store import open_store, review

    if role not in review.ROLES:
        raise _fail(f"--role must be one of {', '.join(review.ROLES)}, not {role!r}")
    try:
        review.check_name(name)
    except ConflictlensError as exc:
        raise _fail(str(exc)) from exc
    password = _read_password(password_stdin)
    try:
        with open_store(db) as store:
            review.add_user(store, name, password, role)
    except ConflictlensError as exc:
        raise _fail(str(exc)) from exc
    err.print(f"added {role} {name}")


@user_app.command("list")
def user_list(db: DbOption = settings.default_db_url) -> None:
    """List the accounts and their roles."""
    from conflictlens.store import open_store, review

    try:
        with open_store(db) as store:
            users = review.list_users(store)
    except ConflictlensError as exc:
        raise _fail(str(exc)) from exc
    table = Table(title="conflictlens users")
    table.add_column("name")
    table.add_column("role")
    for user in users:
        table.add_row(user.name, user.role)
    Console().print(table)


def register(app: typer.Typer) -> None:
    """Add ``serve`` and the ``user`` commands to ``app``."""
    app.command("serve")(serve_cmd)
    app.add_typer(user_app, name="user")
