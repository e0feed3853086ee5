"""Tests of the sources: URLs, RSS/Atom feeds and `watch`, web archives (WARC) and CSV files.

Pages and feeds come from an http.server on 127.0.0.1 (fetched with allow_private); nothing here
touches the internet.
"""

from __future__ import annotations

import csv
import datetime as dt
import http.server
import io
import json
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conflictlens.errors import InputError
from conflictlens.ingest import read_documents
from conflictlens.ingest.feeds import (
    FeedState,
    default_state_path,
    entry_documents,
    parse_feed,
    poll_feed,
    read_feed_list,
)
from conflictlens.ingest.fetch import Fetcher
from conflictlens.model import Document

ARTICLE = b"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Gunmen kill seven in attack on Ogossagou</title>
<meta name="date" content="2024-04-02">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Gunmen kill seven in attack on Ogossagou</h1>
<p>Gunmen on motorbikes attacked the village of Ogossagou in the Mopti region of central Mali on
Tuesday, killing seven people and burning several granaries, residents said.</p>
<p>The army said it had sent reinforcements to the area and that the attackers had fled towards
the border with Burkina Faso.</p>
</article>
</body></html>
"""

ATOM_ARTICLE = b"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Protesters rally in Niamey</title></head>
<body><article><h1>Protesters rally in Niamey</h1>
<p>Several hundred teachers staged a sit-in outside the education ministry in Niamey on Wednesday
to demand the payment of three months of salary arrears, union officials said.</p>
<p>The protest ended peacefully in the afternoon.</p></article></body></html>
"""

GONE_SUMMARY = (
    "A roadside bomb struck a military vehicle near Menaka on Monday, killing four soldiers, the army "
    "said in a statement."
)


@dataclass
class Seen:
    path: str
    headers: dict[str, str]


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


class LocalServer:
    """A threaded http.server on 127.0.0.1 serving fixed routes and recording every request."""

    def __init__(self) -> None:
        self.routes: dict[str, Route | Callable[[Seen], Route]] = {}
        self.requests: list[Seen] = []
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                seen = Seen(self.path, {k.lower(): v for k, v in self.headers.items()})
                server.requests.append(seen)
                route = server.routes.get(self.path, Route(404, b"not found"))
                if callable(route):
                    route = route(seen)
                self.send_response(route.status)
                for key, value in route.headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                self.wfile.write(route.body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_port}{path}"

    def paths(self) -> list[str]:
        return [r.path for r in self.requests]

    def __enter__(self) -> LocalServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


RSS_ETAG = '"rss-v1"'
ATOM_LAST_MODIFIED = "Wed, 03 Apr 2024 09:00:00 GMT"


def rss(server: LocalServer) -> bytes:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
<title>Sahel Monitor</title><link>{server.url("/")}</link><description>News</description>
<item>
  <title>Gunmen kill seven in attack on Ogossagou</title>
  <link>{server.url("/article.html")}</link>
  <guid isPermaLink="false">sahel-monitor-1001</guid>
  <pubDate>Tue, 02 Apr 2024 18:00:00 GMT</pubDate>
  <description>Gunmen attacked Ogossagou.</description>
</item>
<item>
  <title>Four soldiers killed by roadside bomb near Menaka</title>
  <link>{server.url("/gone.html")}</link>
  <guid isPermaLink="false">sahel-monitor-1002</guid>
  <pubDate>Mon, 01 Apr 2024 12:00:00 GMT</pubDate>
  <description>&lt;p&gt;{GONE_SUMMARY}&lt;/p&gt;</description>
</item>
</channel></rss>
""".encode()


def atom(server: LocalServer) -> bytes:
    return b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Niger Watch</title><id>urn:example:niger-watch</id><updated>2024-04-03T09:00:00Z</updated>
<entry>
  <title>Protesters rally in Niamey</title>
  <id>urn:example:niger-watch:77</id>
  <link rel="alternate" href="/niamey.html"/>
  <updated>2024-04-03T08:30:00Z</updated>
  <summary>Teachers held a sit-in in Niamey.</summary>
</entry>
</feed>
"""


@pytest.fixture()
def server() -> Iterator[LocalServer]:
    with LocalServer() as srv:
        html = {"Content-Type": "text/html; charset=utf-8"}
        srv.routes["/article.html"] = Route(200, ARTICLE, html)
        srv.routes["/niamey.html"] = Route(200, ATOM_ARTICLE, html)

        def rss_route(seen: Seen) -> Route:
            if seen.headers.get("if-none-match") == RSS_ETAG:
                return Route(304, b"", {"ETag": RSS_ETAG})
            return Route(200, rss(srv), {"Content-Type": "application/rss+xml", "ETag": RSS_ETAG})

        def atom_route(seen: Seen) -> Route:
            if seen.headers.get("if-modified-since") == ATOM_LAST_MODIFIED:
                return Route(304)
            headers = {
                "Content-Type": "application/atom+xml; charset=utf-8",
                "Last-Modified": ATOM_LAST_MODIFIED,
            }
            return Route(200, atom(srv), headers)

        srv.routes["/feed.rss"] = rss_route
        srv.routes["/feed.atom"] = atom_route
        # the same feed from a server that ignores conditional requests
        srv.routes["/plain.rss"] = lambda seen: Route(200, rss(srv), {"Content-Type": "text/xml"})
        yield srv


@pytest.fixture()
def fetcher() -> Iterator[Fetcher]:
    with Fetcher(allow_private=True, host_delay=0) as f:
        yield f


class Errors(list[InputError]):
    def __call__(self, err: InputError) -> None:
        assert "\n" not in str(err), str(err)
        self.append(err)

    @property
    def messages(self) -> list[str]:
        return [str(e) for e in self]


def read(paths: list[str | Path], **kwargs: object) -> tuple[list[Document], Errors]:
    errors = Errors()
    docs = list(read_documents(paths, on_error=errors, **kwargs))  # type: ignore[arg-type]
    return docs, errors


# --------------------------------------------------------------------------- URLs in read_documents


def test_read_documents_fetches_urls_among_files(server: LocalServer, tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text("Clashes near Gao\n\nFighting broke out near Gao on Monday, killing at least 12 people.")
    url = server.url("/article.html")
    docs, errors = read(
        [url, note, server.url("/missing.html"), "ftp://example.org/x.txt"], allow_private=True
    )
    assert [d.id for d in docs] == [url, "note"]
    assert docs[0].title == "Gunmen kill seven in attack on Ogossagou"
    assert docs[0].published == dt.date(2024, 4, 2) and docs[0].url == url
    assert errors.messages == [
        f"{server.url('/missing.html')}: HTTP 404 Not Found",
        "ftp://example.org/x.txt: only http and https URLs can be fetched, not ftp",
    ]


def test_read_documents_refuses_private_urls_by_default(server: LocalServer) -> None:
    docs, errors = read([server.url("/article.html"), "http://169.254.169.254/latest/meta-data"])
    assert docs == []
    assert errors.messages == [
        f"{server.url('/article.html')}: refused: 127.0.0.1 is a loopback address"
        " (only public addresses are fetched)",
        "http://169.254.169.254/latest/meta-data: refused: 169.254.169.254 is a cloud metadata address"
        " (only public addresses are fetched)",
    ]
    assert server.requests == []


def test_url_mangled_by_path_is_still_fetched(server: LocalServer) -> None:
    docs, errors = read([Path(server.url("/article.html"))], allow_private=True)
    assert errors == [] and [d.id for d in docs] == [server.url("/article.html")]


def test_same_url_twice_gets_unique_ids(server: LocalServer) -> None:
    url = server.url("/article.html")
    docs, _ = read([url, url + "#top"], allow_private=True)
    assert [d.id for d in docs] == [url, url + "~2"]


# --------------------------------------------------------------------------- feeds


def test_parse_rss_and_atom(server: LocalServer) -> None:
    entries = parse_feed(rss(server), url=server.url("/feed.rss"))
    assert [e.key for e in entries] == ["sahel-monitor-1001", "sahel-monitor-1002"]
    assert entries[0].link == server.url("/article.html")
    assert entries[0].published == dt.date(2024, 4, 2)
    assert entries[1].summary == GONE_SUMMARY  # HTML reduced to text
    [entry] = parse_feed(atom(server), url=server.url("/feed.atom"))
    assert entry.link == server.url("/niamey.html")  # relative link resolved against the feed URL
    assert entry.key == "urn:example:niger-watch:77" and entry.published == dt.date(2024, 4, 3)


def test_parse_feed_refuses_non_feeds() -> None:
    from conflictlens.ingest.common import Refused

    with pytest.raises(Refused, match="not a valid RSS or Atom feed"):
        parse_feed(b"<html><body>not a feed</body></html>", url="https://example.org/feed")


def test_poll_is_conditional_and_remembers_entries(
    server: LocalServer, fetcher: Fetcher, tmp_path: Path
) -> None:
    state_path = tmp_path / "feeds.json"
    state = FeedState.load(state_path)
    feed = server.url("/feed.rss")
    poll = poll_feed(fetcher, state, feed)
    assert poll.status == 200 and poll.entries == 2 and len(poll.new) == 2
    errors, fallbacks = Errors(), Errors()
    pairs = list(entry_documents(fetcher, poll, errors, fallbacks))
    docs = [doc for _, doc in pairs if doc is not None]
    assert errors == []
    # the first entry's page, the second entry's summary (its page is gone)
    assert [d.id for d in docs] == [server.url("/article.html"), server.url("/gone.html")]
    assert "village of Ogossagou" in docs[0].text
    assert docs[1].text.endswith(GONE_SUMMARY) and docs[1].published == dt.date(2024, 4, 1)
    assert docs[1].title == "Four soldiers killed by roadside bomb near Menaka"
    assert fallbacks.messages == [f"{server.url('/gone.html')}: HTTP 404 Not Found"]
    state.mark_seen(feed, [entry.key for entry, _ in pairs])
    state.save()

    saved = json.loads(state_path.read_text())
    assert saved["feeds"][feed]["etag"] == RSS_ETAG
    assert saved["feeds"][feed]["seen"] == ["sahel-monitor-1001", "sahel-monitor-1002"]

    again = poll_feed(fetcher, FeedState.load(state_path), feed)
    assert again.status == 304 and again.new == []
    assert server.requests[-1].path == "/feed.rss"
    assert server.requests[-1].headers["if-none-match"] == RSS_ETAG


def test_atom_poll_uses_last_modified(server: LocalServer, fetcher: Fetcher) -> None:
    state = FeedState()
    feed = server.url("/feed.atom")
    poll = poll_feed(fetcher, state, feed)
    [(entry, doc)] = list(entry_documents(fetcher, poll, Errors()))
    assert doc is not None and doc.id == server.url("/niamey.html") and "education ministry" in doc.text
    state.mark_seen(feed, [entry.key])
    again = poll_feed(fetcher, state, feed)
    assert again.status == 304 and again.new == []
    assert server.requests[-1].headers["if-modified-since"] == ATOM_LAST_MODIFIED


def test_seen_entries_are_not_new_without_conditional_support(server: LocalServer, fetcher: Fetcher) -> None:
    state = FeedState()
    feed = server.url("/plain.rss")
    first = poll_feed(fetcher, state, feed)
    state.mark_seen(feed, [e.key for e in first.new[:1]])
    second = poll_feed(fetcher, state, feed)
    assert second.status == 200 and [e.key for e in second.new] == ["sahel-monitor-1002"]
    assert "if-none-match" not in server.requests[-1].headers


def test_feed_errors_name_the_feed(server: LocalServer, fetcher: Fetcher) -> None:
    with pytest.raises(InputError) as caught:
        poll_feed(fetcher, FeedState(), server.url("/article.html"))
    assert str(caught.value).startswith(f"{server.url('/article.html')}: unexpected content type text/html")
    with Fetcher(host_delay=0) as strict, pytest.raises(InputError, match="loopback address"):
        poll_feed(strict, FeedState(), server.url("/feed.rss"))


def test_entry_without_page_or_summary_is_reported(server: LocalServer, fetcher: Fetcher) -> None:
    feed = server.url("/feed.rss")
    poll = poll_feed(fetcher, FeedState(), feed)
    poll.new = [poll.new[0].__class__("k", server.url("/nothing.html"), "Short", "Too short.", None)]
    errors = Errors()
    assert [doc for _, doc in entry_documents(fetcher, poll, errors)] == [None]
    assert errors.messages == [
        f"{server.url('/nothing.html')}: HTTP 404 Not Found; feed summary: too little text after cleaning: "
        "17 characters, minimum 20"
    ]


def test_feed_list_and_state_file(tmp_path: Path) -> None:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("# Sahel\nhttps://example.org/feed.rss\n\n  https://example.org/atom.xml  \n")
    assert read_feed_list(feeds) == ["https://example.org/feed.rss", "https://example.org/atom.xml"]
    feeds.write_text("https://example.org/feed.rss\nfile:///etc/passwd\n")
    with pytest.raises(InputError, match=r"feeds\.txt:2: not an http\(s\) feed URL"):
        read_feed_list(feeds)
    assert default_state_path(f"sqlite:///{tmp_path / 'news.db'}") == tmp_path / "news.feeds.json"
    assert default_state_path("postgresql://u@h/db") == Path("conflictlens.feeds.json")
    bad = tmp_path / "state.json"
    bad.write_text("[1, 2]")
    with pytest.raises(InputError, match="not a conflictlens feed state file"):
        FeedState.load(bad)


# --------------------------------------------------------------------------- WARC

WARC_ARTICLE = b"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Drone strike hits market near Kidal</title></head>
<body><header>Desert Wire</header>
<article><h1>Drone strike hits market near Kidal</h1>
<p>A drone strike hit a crowded livestock market near Kidal in northern Mali on Sunday, killing at
least nine civilians, according to local officials and witnesses.</p>
<p>The army said it had targeted a gathering of armed fighters and denied that civilians were
among the dead.</p></article></body></html>
"""


def write_warc(path: Path) -> str:
    """A small web archive: an HTML article, an image, a request, a redirect and a text note.

    Returns the record id of the article's response.
    """
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=path.name.endswith(".gz"))

        def response(uri: str, body: bytes, headers: list[tuple[str, str]], status: str = "200 OK") -> str:
            http_headers = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
            record = writer.create_warc_record(
                uri,
                "response",
                payload=io.BytesIO(body),
                http_headers=http_headers,
                warc_headers_dict={"WARC-Date": "2024-04-08T06:30:00Z"},
            )
            writer.write_record(record)
            return str(record.rec_headers.get_header("WARC-Record-ID"))

        request = writer.create_warc_record(
            "https://desertwire.example/kidal-strike",
            "request",
            payload=io.BytesIO(b""),
            http_headers=StatusAndHeaders(
                "GET /kidal-strike HTTP/1.1", [("Host", "desertwire.example")], is_http_request=True
            ),
        )
        writer.write_record(request)
        record_id = response(
            "https://desertwire.example/kidal-strike",
            WARC_ARTICLE,
            [
                ("Content-Type", "text/html; charset=utf-8"),
                ("Last-Modified", "Sun, 07 Apr 2024 20:00:00 GMT"),
            ],
        )
        response(
            "https://desertwire.example/logo.png",
            b"\x89PNG\r\n\x1a\n\x00\x00",
            [("Content-Type", "image/png")],
        )
        response("https://desertwire.example/old", b"", [("Location", "/kidal-strike")], status="301 Moved")
        response(
            "https://desertwire.example/brief.txt",
            b"Brief\n\nSoldiers repelled an attack on a checkpoint near Gao on Saturday, the army said.",
            [("Content-Type", "text/plain")],
        )
    return record_id


def test_warc_pages_become_documents(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    record_id = write_warc(path)
    docs, errors = read([path])
    assert errors == []
    assert len(docs) == 2
    article, brief = docs
    assert article.id == record_id.strip("<>") and article.id.startswith("urn:uuid:")
    assert article.url == "https://desertwire.example/kidal-strike"
    assert article.title == "Drone strike hits market near Kidal"
    assert "killing at\nleast nine civilians" in article.text or "at least nine civilians" in article.text
    assert "Desert Wire" not in article.text
    assert article.published == dt.date(2024, 4, 7)  # Last-Modified
    assert article.origin == f"{path}[https://desertwire.example/kidal-strike]"
    assert brief.url == "https://desertwire.example/brief.txt"
    assert brief.published == dt.date(2024, 4, 8)  # WARC-Date
    assert brief.title == "Brief"


def test_uncompressed_warc_in_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "archives"
    folder.mkdir()
    write_warc(folder / "crawl.warc")
    docs, errors = read([folder])
    assert errors == [] and len(docs) == 2


def test_bad_warc_files_are_reported(tmp_path: Path) -> None:
    garbage = tmp_path / "broken.warc.gz"
    garbage.write_bytes(b"this is not an archive at all\n" * 10)
    only_images = tmp_path / "images.warc"
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with only_images.open("wb") as fh:
        writer = WARCWriter(fh, gzip=False)
        http_headers = StatusAndHeaders("200 OK", [("Content-Type", "image/jpeg")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                "https://x.example/a.jpg",
                "response",
                payload=io.BytesIO(b"\xff\xd8"),
                http_headers=http_headers,
            )
        )
    docs, errors = read([garbage, only_images])
    assert docs == []
    assert errors.messages[0].startswith(f"{garbage}: ")
    assert (
        errors.messages[1]
        == f"{only_images}: no HTML or text pages in the archive (1 other record(s) skipped)"
    )


# --------------------------------------------------------------------------- CSV


def demo_rows(demo_dir: Path) -> list[dict[str, str]]:
    rows = []
    for i, path in enumerate(sorted(demo_dir.glob("*.txt")), start=1):
        text = path.read_text(encoding="utf-8")
        rows.append(
            {
                "id": path.stem,
                "text": text,
                "title": text.split("\n", 1)[0],
                "url": f"https://demo.example/{path.stem}",
                "published": f"2024-03-{10 + i:02d}",
                "source": "Demo Wire",
                "language": "en",
            }
        )
    return rows


def test_csv_of_demo_texts(tmp_path: Path, demo_dir: Path) -> None:
    rows = demo_rows(demo_dir)
    path = tmp_path / "notes.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    docs, errors = read([path])
    assert errors == []
    assert [d.id for d in docs] == [r["id"] for r in rows]
    for doc, row in zip(docs, rows, strict=True):
        assert doc.title == row["title"] and doc.url == row["url"] and doc.source == "Demo Wire"
        assert doc.published == dt.date.fromisoformat(row["published"])
        assert doc.text == row["text"].strip()
    # multi-line texts: the origin names the line each row starts on
    assert docs[0].origin == f"{path}:2"
    assert docs[1].origin == f"{path}:{2 + rows[0]['text'].count(chr(10)) + 1}"


def test_acled_style_csv(tmp_path: Path) -> None:
    path = tmp_path / "acled.csv"
    path.write_text(
        "event_id_cnty,event_date,year,country,notes,fatalities\n"
        'BFO1234,05 January 2020,2020,Burkina Faso,"On 5 January 2020, militants attacked a military '
        'convoy near Djibo (Soum, Sahel), killing 3 soldiers.",3\n'
        "BFO1235,2020-01-06,2020,Burkina Faso,,0\n"
        'BFO1236,sometime,2020,Narnia,"On 7 January 2020, protesters gathered in Ouagadougou.",0\n',
        encoding="utf-8",
    )
    docs, errors = read([path])
    assert [d.id for d in docs] == ["BFO1234", "BFO1236"]
    assert docs[0].published == dt.date(2020, 1, 5)
    assert docs[0].country_hint == "BF" and docs[1].country_hint is None
    assert errors.messages == [
        f"{path}:3: line 3 has no 'notes'",
        f"{path}:4: line 4 has an unparseable 'event_date' date 'sometime'"
        " (expected ISO 8601 like 2024-03-05); kept the document without a date",
    ]


def test_csv_problems(tmp_path: Path) -> None:
    no_text = tmp_path / "events.csv"
    no_text.write_text("event_date,event_type\n2020-01-01,Battles\n")
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    header_only = tmp_path / "header.csv"
    header_only.write_text("id,text\n")
    docs, errors = read([no_text, empty, header_only])
    assert docs == []
    assert errors.messages == [
        f"{no_text}: no 'text' column (nor an ACLED 'notes' column); columns: event_date, event_type",
        f"{empty}: empty file",
        f"{header_only}: no rows after the header",
    ]


def test_csv_in_a_folder_is_left_alone(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Fighting broke out near Gao on Monday, killing at least 12 people.")
    (tmp_path / "events.csv").write_text(
        "id,text\nx,Fighting broke out near Gao on Monday again and again.\n"
    )
    docs, errors = read([tmp_path])
    assert [d.id for d in docs] == ["a"] and errors == []


# --------------------------------------------------------------------------- command line


def test_cli_fetch_prints_jsonl(server: LocalServer, runner: CliRunner, tmp_path: Path) -> None:
    from conflictlens.cli import app

    url = server.url("/article.html")
    result = runner.invoke(app, ["fetch", url, "--allow-private"])
    assert result.exit_code == 0, result.output
    [line] = result.stdout.splitlines()
    record = json.loads(line)
    assert set(record) == {"id", "url", "title", "text", "published"}
    assert record["id"] == url and record["published"] == "2024-04-02"
    assert "Ogossagou" in record["text"]

    out = tmp_path / "pages.jsonl"
    result = runner.invoke(app, ["fetch", url, "http://10.0.0.1/x", "-o", str(out)])
    assert result.exit_code == 1
    assert "10.0.0.1/x: refused: 10.0.0.1 is a private address" in result.stderr
    assert "127.0.0.1" in result.stderr  # the local server is refused too without --allow-private
    assert out.read_text() == ""


def test_cli_watch_refuses_bad_feed_list(runner: CliRunner, tmp_path: Path) -> None:
    from conflictlens.cli import app

    feeds = tmp_path / "feeds.txt"
    feeds.write_text("not a url\n")
    result = runner.invoke(app, ["watch", str(feeds), "--db", f"sqlite:///{tmp_path / 'x.db'}", "--once"])
    assert result.exit_code == 2
    assert "feeds.txt:1: not an http(s) feed URL" in result.stderr


@pytest.mark.slow
def test_cli_watch_once_ingests_new_entries_only_once(
    server: LocalServer, runner: CliRunner, tmp_path: Path
) -> None:
    from conflictlens.cli import app
    from conflictlens.store import open_store

    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"{server.url('/feed.rss')}\n{server.url('/feed.atom')}\n")
    db = f"sqlite:///{tmp_path / 'news.db'}"
    args = ["watch", str(feeds), "--db", db, "--once", "--allow-private", "--delay", "0"]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    assert "2 feed(s), 0 unchanged, 3 new entr(ies); 3 document(s) added" in first.stderr
    assert "used the feed entry's summary instead" in first.stderr  # the gone page
    assert (tmp_path / "news.feeds.json").exists()
    with open_store(db) as store:
        ids = sorted(d.id for d in store.documents())
        assert ids == sorted(
            [server.url("/article.html"), server.url("/gone.html"), server.url("/niamey.html")]
        )
        assert any(r.event_type == "Violence against civilians" for r, _ in store.reports())

    second = runner.invoke(app, args)
    assert second.exit_code == 0, second.output
    assert "2 feed(s), 2 unchanged, 0 new entr(ies); 0 document(s) added" in second.stderr
    rss_polls = [r for r in server.requests if r.path == "/feed.rss"]
    assert rss_polls[-1].headers["if-none-match"] == RSS_ETAG
    with open_store(db) as store:
        assert len(list(store.documents())) == 3


@pytest.mark.slow
def test_cli_watch_reports_refused_feeds(server: LocalServer, runner: CliRunner, tmp_path: Path) -> None:
    from conflictlens.cli import app

    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"{server.url('/feed.rss')}\n")
    state = tmp_path / "state" / "feeds.json"
    db = f"sqlite:///{tmp_path / 'news.db'}"
    result = runner.invoke(app, ["watch", str(feeds), "--db", db, "--once", "--state", str(state)])
    assert result.exit_code == 1
    assert f"{server.url('/feed.rss')}: refused: 127.0.0.1 is a loopback address" in result.stderr
    assert server.requests == []
    assert state.exists()
