"""RSS and Atom feeds: polling them politely and turning their new entries into Documents.

A feed is fetched with the safe :class:`~conflictlens.ingest.fetch.Fetcher` as a conditional
request (``If-None-Match`` with the last ETag, ``If-Modified-Since`` with the last Last-Modified),
so an unchanged feed costs one ``304 Not Modified``. Entries already seen are remembered in a
:class:`FeedState` (a small JSON file), so polling again never adds an entry twice. A new entry's
article is its link page, fetched safely; when that fails, the entry's own summary or content is
used instead, if it has enough text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import logging
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import feedparser
import lxml.etree
import lxml.html

from conflictlens.errors import InputError
from conflictlens.ingest.clean import clean_text
from conflictlens.ingest.common import Refused, checked_text, input_error, redact_url, url_id
from conflictlens.ingest.fetch import FEED_TYPES, Fetcher, is_http_url
from conflictlens.ingest.html import _NEVER_TEXT, _visible_text
from conflictlens.model import Document

logger = logging.getLogger(__name__)

#: How many entry keys a feed's state remembers (the most recent ones).
MAX_SEEN_PER_FEED = 5000
STATE_VERSION = 1


# --------------------------------------------------------------------------- the list of feeds


def read_feed_list(path: Path) -> list[str]:
    """The feed URLs of a text file: one a line; blank lines and ``#`` comments are skipped.

    Raises :class:`InputError` for an unreadable file or a line that is not an http(s) URL.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise input_error(str(path), f"cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise input_error(str(path), "not valid UTF-8") from None
    urls: list[str] = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if not is_http_url(line):
            raise input_error(f"{path}:{lineno}", f"not an http(s) feed URL: {line[:80]!r}")
        if line not in urls:
            urls.append(line)
    if not urls:
        raise input_error(str(path), "no feed URLs (one http(s) URL a line)")
    return urls


# --------------------------------------------------------------------------- state


@dataclass
class FeedRecord:
    """What is remembered about one feed."""

    etag: str | None = None
    last_modified: str | None = None
    checked: str | None = None  # when it was last polled (ISO 8601, UTC)
    seen: list[str] = field(default_factory=list)  # entry keys, oldest first

    def conditional_headers(self) -> dict[str, str]:
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


class FeedState:
    """Per-feed validators (ETag, Last-Modified) and seen entries, kept in a JSON file.

    The file is written atomically (a temporary file renamed over it) by :meth:`save`.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self.feeds: dict[str, FeedRecord] = {}
        self._seen_sets: dict[str, set[str]] = {}

    @classmethod
    def load(cls, path: Path) -> FeedState:
        """The state in ``path`` (empty if the file does not exist); InputError if it is unreadable."""
        state = cls(path)
        if not path.exists():
            return state
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise input_error(str(path), f"cannot read the feed state: {exc}") from None
        feeds = data.get("feeds") if isinstance(data, dict) else None
        if not isinstance(feeds, dict):
            raise input_error(str(path), "not a conflictlens feed state file (no 'feeds' object)")
        for url, rec in feeds.items():
            if not isinstance(rec, dict):
                continue
            seen = [s for s in rec.get("seen", []) if isinstance(s, str)]
            state.feeds[url] = FeedRecord(
                etag=rec.get("etag") if isinstance(rec.get("etag"), str) else None,
                last_modified=rec.get("last_modified") if isinstance(rec.get("last_modified"), str) else None,
                checked=rec.get("checked") if isinstance(rec.get("checked"), str) else None,
                seen=seen,
            )
        return state

    def record(self, feed_url: str) -> FeedRecord:
        return self.feeds.setdefault(feed_url, FeedRecord())

    def is_seen(self, feed_url: str, key: str) -> bool:
        if feed_url not in self._seen_sets:
            self._seen_sets[feed_url] = set(self.record(feed_url).seen)
        return key in self._seen_sets[feed_url]

    def mark_seen(self, feed_url: str, keys: list[str]) -> None:
        rec = self.record(feed_url)
        seen = self._seen_sets.setdefault(feed_url, set(rec.seen))
        for key in keys:
            if key not in seen:
                seen.add(key)
                rec.seen.append(key)
        if len(rec.seen) > MAX_SEEN_PER_FEED:
            del rec.seen[: len(rec.seen) - MAX_SEEN_PER_FEED]
            self._seen_sets[feed_url] = set(rec.seen)

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": STATE_VERSION,
            "feeds": {
                url: {
                    "etag": rec.etag,
                    "last_modified": rec.last_modified,
                    "checked": rec.checked,
                    "seen": rec.seen,
                }
                for url, rec in self.feeds.items()
            },
        }

    def save(self) -> None:
        """Write the state to its file atomically (no-op without a path)."""
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(self.to_dict(), fh, ensure_ascii=False, indent=1)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def default_state_path(db_url: str) -> Path:
    """Where ``watch`` keeps its feed state by default: beside an SQLite database, else in the
    current folder (``conflictlens.db`` → ``conflictlens.feeds.json``)."""
    from conflictlens.store.store import resolve_url

    try:
        url = resolve_url(db_url)
    except Exception:  # an odd URL: the store will say what is wrong with it
        return Path("conflictlens.feeds.json")
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        db = Path(url.database)
        return db.with_name(db.stem + ".feeds.json")
    return Path("conflictlens.feeds.json")


# --------------------------------------------------------------------------- parsing


@dataclass(frozen=True)
class FeedEntry:
    """One entry of a feed."""

    key: str  # what the state remembers: the entry's id, else its link, else a hash
    link: str | None
    title: str | None
    summary: str  # text of the entry's content or summary (HTML reduced to text)
    published: dt.date | None


def fragment_text(markup: str) -> str:
    """The visible text of an HTML fragment (a feed summary), one line per block element."""
    if "<" not in markup:
        return markup
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return markup
    return _visible_text(root, _NEVER_TEXT)


def _entry_date(entry: Any) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
            except (AttributeError, ValueError):
                continue
    return None


def _entry_summary(entry: Any) -> str:
    parts = [c.get("value", "") for c in entry.get("content", []) if isinstance(c, dict)]
    best = max(parts, key=len, default="")
    summary = entry.get("summary", "") or ""
    return fragment_text(best if len(best) > len(summary) else summary)


def parse_feed(content: bytes, *, url: str, content_type: str | None = None) -> list[FeedEntry]:
    """The entries of an RSS or Atom feed; raises :class:`Refused` if it is not a feed.

    The bytes are handed to feedparser as a stream: feedparser never fetches anything itself.
    """
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(io.BytesIO(content), response_headers=headers, resolve_relative_uris=True)
    if not parsed.entries and (parsed.bozo or not parsed.get("version")):
        reason = parsed.get("bozo_exception")
        raise Refused(f"not a valid RSS or Atom feed{f' ({reason})' if reason else ''}")
    entries = []
    for entry in parsed.entries:
        link = entry.get("link") or None
        if link and not is_http_url(link):
            link = None
        title = (entry.get("title") or "").strip() or None
        summary = _entry_summary(entry)
        key = entry.get("id") or link
        if not key:
            key = "sha1:" + hashlib.sha1(f"{title}\n{summary}".encode()).hexdigest()
        entries.append(FeedEntry(str(key), link, title, summary, _entry_date(entry)))
    return entries


# --------------------------------------------------------------------------- polling


@dataclass
class Poll:
    """The outcome of polling one feed."""

    feed_url: str
    status: int  # 200, or 304 when the feed did not change
    entries: int = 0  # entries in the feed
    new: list[FeedEntry] = field(default_factory=list)  # entries not seen before


def _utc_now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def poll_feed(fetcher: Fetcher, state: FeedState, feed_url: str) -> Poll:
    """Fetch one feed (conditionally) and return its new entries; raises :class:`InputError`.

    The feed's ETag and Last-Modified are stored in ``state`` for the next poll; the new entries
    are *not* marked seen here (call :meth:`FeedState.mark_seen` once they have been stored).
    """
    rec = state.record(feed_url)
    fetched = fetcher.get(feed_url, accept=FEED_TYPES, headers=rec.conditional_headers())
    rec.checked = _utc_now()
    if fetched.not_modified:
        return Poll(feed_url, 304)
    try:
        entries = parse_feed(fetched.content, url=fetched.final_url, content_type=fetched.media_type)
    except Refused as refused:
        raise input_error(redact_url(feed_url), refused.problem) from None
    rec.etag = fetched.headers.get("etag") or None
    rec.last_modified = fetched.headers.get("last-modified") or None
    new, keys = [], set()
    for entry in entries:
        if entry.key in keys or state.is_seen(feed_url, entry.key):
            continue
        keys.add(entry.key)
        new.append(entry)
    return Poll(feed_url, fetched.status, len(entries), new)


def summary_document(entry: FeedEntry, feed_url: str) -> Document:
    """A Document from the entry's own text; raises :class:`Refused` if it has too little."""
    text = "\n\n".join(x for x in (entry.title, entry.summary) if x)
    cleaned, detected = clean_text(text)
    return Document(
        id=url_id(entry.link) if entry.link else f"{url_id(feed_url)}#{entry.key}"[:512],
        text=checked_text(cleaned),
        title=entry.title or detected,
        url=entry.link,
        published=entry.published,
        origin=redact_url(feed_url),
    )


def entry_document(
    fetcher: Fetcher, entry: FeedEntry, feed_url: str, on_fallback: Callable[[InputError], None] | None = None
) -> Document:
    """The Document of a feed entry: its link page fetched safely, else its summary.

    When the page cannot be used and the summary can, ``on_fallback`` gets the page's error.
    Raises :class:`InputError` (naming the entry's link) when neither gives a document.
    """
    page_error: InputError | None = None
    if entry.link:
        try:
            return fetcher.document(
                entry.link, fallback_published=entry.published, fallback_title=entry.title
            )
        except InputError as exc:
            page_error = exc
    try:
        doc = summary_document(entry, feed_url)
    except Refused as refused:
        if page_error is not None:
            problem = f"{page_error.problem}; feed summary: {refused.problem}"
            raise input_error(page_error.source, problem) from None
        raise input_error(f"{redact_url(feed_url)} entry {entry.key}", refused.problem) from None
    if page_error is not None and on_fallback is not None:
        on_fallback(page_error)
    return doc


def entry_documents(
    fetcher: Fetcher,
    poll: Poll,
    on_error: Callable[[InputError], None],
    on_fallback: Callable[[InputError], None] | None = None,
) -> Iterator[tuple[FeedEntry, Document | None]]:
    """Each new entry of ``poll`` with its Document (None when it could not be read: reported)."""
    for entry in poll.new:
        try:
            yield entry, entry_document(fetcher, entry, poll.feed_url, on_fallback)
        except InputError as exc:
            on_error(exc)
            yield entry, None


def sleep_until(deadline: float, sleep: Callable[[float], None] = time.sleep) -> None:
    """Sleep until ``time.monotonic()`` reaches ``deadline``."""
    while (left := deadline - time.monotonic()) > 0:
        sleep(min(left, 60.0))
