"""Command-line commands for sources: ``fetch`` web pages, ``watch`` RSS and Atom feeds."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from conflictlens import settings
from conflictlens.cli_support import AllowPrivateOption, DbOption, InputErrors, err, fail, output
from conflictlens.errors import ConflictlensError, InputError

if TYPE_CHECKING:
    from conflictlens.ingest.feeds import FeedState
    from conflictlens.ingest.fetch import Fetcher
    from conflictlens.ingest.loader import StoreLoader


def _note(error: InputError) -> None:
    err.print(f"note: {error}; used the feed entry's summary instead", highlight=False, soft_wrap=True)


def fetch(
    urls: Annotated[list[str], typer.Argument(help="http(s) URLs of article pages (files work too).")],
    output_file: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    allow_private: AllowPrivateOption = False,
) -> None:
    """Fetch web pages safely and print their text as JSON lines (id, url, title, text, published)."""
    from conflictlens.ingest import read_documents

    errors = InputErrors()
    n = 0
    with output(output_file) as fh:
        for doc in read_documents(urls, on_error=errors, allow_private=allow_private):
            record = {
                "id": doc.id,
                "url": doc.url,
                "title": doc.title,
                "text": doc.text,
                "published": doc.published.isoformat() if doc.published else None,
            }
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            n += 1
    if output_file is not None:
        err.print(f"wrote {n} document(s) to {output_file}", soft_wrap=True)
    if errors.count:
        raise typer.Exit(1)


def watch(
    feeds: Annotated[
        Path, typer.Argument(help="A text file of RSS/Atom feed URLs, one a line (# comments).")
    ],
    db: DbOption = settings.default_db_url,
    interval: Annotated[
        float, typer.Option("--interval", min=1.0, help="Seconds between two polls of the feeds.")
    ] = 900.0,
    once: Annotated[bool, typer.Option("--once", help="Poll the feeds once and exit.")] = False,
    allow_private: AllowPrivateOption = False,
    state: Annotated[
        Path | None,
        typer.Option(
            "--state",
            help="JSON file remembering each feed's ETag/Last-Modified and seen entries "
            "(default: beside an SQLite database, e.g. conflictlens.feeds.json).",
        ),
    ] = None,
    delay: Annotated[
        float, typer.Option("--delay", min=0.0, help="Seconds between two requests to the same host.")
    ] = 1.0,
    country: Annotated[
        str | None,
        typer.Option("--country", help="Country in focus for entries whose text names none (ISO2 or name)."),
    ] = None,
) -> None:
    """Poll RSS/Atom feeds politely and ingest their new entries into the store, like `ingest`.

    Each new entry's article page is fetched (safely; falling back to the entry's summary) and its
    events are extracted, stored and resolved. Conditional requests (ETag, Last-Modified) make an
    unchanged feed cheap, and the entries seen are remembered, so nothing is added twice.
    """
    from conflictlens.ingest.feeds import FeedState, default_state_path, read_feed_list
    from conflictlens.ingest.fetch import Fetcher
    from conflictlens.ingest.loader import StoreLoader
    from conflictlens.store import open_store

    try:
        feed_urls = read_feed_list(feeds)
        state_path = state or default_state_path(db)
        feed_state = FeedState.load(state_path)
        store = open_store(db)
    except ConflictlensError as exc:
        raise fail(str(exc)) from exc
    errors = InputErrors()
    with store, Fetcher(allow_private=allow_private, host_delay=delay) as fetcher:
        try:
            loader = StoreLoader(store, country=country)
            round_no = 0
            while True:
                round_no += 1
                started = time.monotonic()
                _poll_round(feed_urls, fetcher, feed_state, loader, errors, round_no)
                if once:
                    break
                wait = max(0.0, interval - (time.monotonic() - started))
                err.print(f"next poll in {wait:.0f} s (Ctrl-C to stop)", soft_wrap=True)
                time.sleep(wait)  # errors of one round do not stop the watch
        except KeyboardInterrupt:
            err.print("stopped")
            return
        except ConflictlensError as exc:
            raise fail(str(exc)) from exc
    if errors.count:
        raise typer.Exit(1)


def _poll_round(
    feed_urls: list[str],
    fetcher: Fetcher,
    feed_state: FeedState,
    loader: StoreLoader,
    errors: InputErrors,
    round_no: int,
) -> None:
    """Poll every feed once, store the new entries and save the state after each feed."""
    from conflictlens.ingest.feeds import entry_documents, poll_feed
    from conflictlens.ingest.loader import LoadCounts

    total = LoadCounts()
    unchanged = new_entries = unreadable = 0
    for feed_url in feed_urls:
        before = errors.count
        try:
            poll = poll_feed(fetcher, feed_state, feed_url)
        except InputError as exc:
            errors(exc)
            feed_state.save()
            unreadable += errors.count - before
            continue
        if poll.status == 304:
            unchanged += 1
        new_entries += len(poll.new)
        if poll.new:
            pairs = list(entry_documents(fetcher, poll, errors, _note))
            docs = [doc for _, doc in pairs if doc is not None]
            if docs:
                total += loader.add(docs)
            feed_state.mark_seen(feed_url, [entry.key for entry, _ in pairs])
        feed_state.save()
        unreadable += errors.count - before
    err.print(
        f"poll {round_no}: {len(feed_urls)} feed(s), {unchanged} unchanged, {new_entries} new entr(ies); "
        f"{total.added} document(s) added with {total.events} event(s), {total.skipped} already stored, "
        f"{unreadable} could not be read",
        soft_wrap=True,
    )


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    app.command("fetch")(fetch)
    app.command("watch")(watch)
