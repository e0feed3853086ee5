"""Tests of the safe fetcher: address checks before any connection, redirects checked hop by hop,
size, time and content-type limits, and one-line errors naming the URL.

Nothing here touches the internet: pages come from an http.server on 127.0.0.1 (fetched with
``allow_private=True``), and refused URLs are refused before any connection is attempted.
"""

from __future__ import annotations

import contextlib
import gzip
import http.server
import ipaddress
import shutil
import socket
import ssl
import subprocess
import threading
import time
import tracemalloc
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from conflictlens.errors import InputError
from conflictlens.ingest import fetch as fetch_module
from conflictlens.ingest.common import Refused, url_id
from conflictlens.ingest.fetch import Fetcher, HostThrottle, address_problem, check_url

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
<footer>Copyright Sahel Monitor</footer>
</body></html>
"""


@dataclass
class Seen:
    """A request the local server received."""

    path: str
    headers: dict[str, str]


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before sending the body


class LocalServer:
    """A threaded http.server on 127.0.0.1 serving fixed routes and recording every request."""

    def __init__(self) -> None:
        self.routes: dict[str, Route | Callable[[Seen], Route]] = {}
        self.requests: list[Seen] = []
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                seen = Seen(self.path, {k.lower(): v for k, v in self.headers.items()})
                server.requests.append(seen)
                route = server.routes.get(self.path.split("?", 1)[0], Route(404, b"not found"))
                if callable(route):
                    route = route(seen)
                self.send_response(route.status)
                for key, value in route.headers.items():
                    self.send_header(key, value)
                self.end_headers()
                if route.delay:
                    time.sleep(route.delay)
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(route.body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_port}"

    def url(self, path: str) -> str:
        return self.base + path

    def __enter__(self) -> LocalServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def html_route(body: bytes = ARTICLE, **headers: str) -> Route:
    extra = {key.replace("_", "-"): value for key, value in headers.items()}
    return Route(200, body, {"Content-Type": "text/html; charset=utf-8", **extra})


@pytest.fixture()
def server() -> Iterator[LocalServer]:
    with LocalServer() as srv:
        srv.routes["/article.html"] = html_route(Content_Length=str(len(ARTICLE)))
        yield srv


@pytest.fixture()
def local() -> Iterator[Fetcher]:
    """A fetcher allowed to reach the local server, without politeness delays."""
    with Fetcher(allow_private=True, host_delay=0) as fetcher:
        yield fetcher


class NoNetwork(httpx.BaseTransport):
    """A transport that records any request: refused URLs must never reach it."""

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        raise AssertionError(f"a connection was attempted to {request.url}")


# --------------------------------------------------------------------------- refusals, no connection

REFUSED = [
    ("http://127.0.0.1/", "127.0.0.1 is a loopback address"),
    ("http://10.0.0.1/", "10.0.0.1 is a private address"),
    ("http://192.168.1.20:8080/admin", "192.168.1.20 is a private address"),
    ("http://169.254.169.254/latest/meta-data", "169.254.169.254 is a cloud metadata address"),
    ("http://[fd00:ec2::254]/latest/meta-data", "fd00:ec2::254 is a cloud metadata address"),
    ("http://[::1]/", "::1 is a loopback address"),
    ("http://[::ffff:127.0.0.1]/", "is a loopback address in IPv6 form"),
    ("http://[::ffff:169.254.169.254]/", "is a cloud metadata address in IPv6 form"),
    ("http://[fd00::1]/", "fd00::1 is a private address"),
    ("http://[fe80::1]/", "fe80::1 is a link-local address"),
    ("http://224.0.0.1/", "224.0.0.1 is a multicast address"),
    ("http://[ff02::1]/", "ff02::1 is a multicast address"),
    ("http://0.0.0.0/", "0.0.0.0 is an unspecified address"),
    ("http://[::]/", ":: is an unspecified address"),
    ("http://240.0.0.1/", "240.0.0.1 is a reserved address"),
    ("http://100.64.0.1/", "100.64.0.1 is a non-public address"),
    ("http://[2002:7f00:1::]/", "a loopback address in IPv6 form"),  # 6to4 of 127.0.0.1
    ("file:///etc/passwd", "only http and https URLs can be fetched, not file"),
    ("ftp://ftp.example.org/pub/report.txt", "only http and https URLs can be fetched, not ftp"),
    ("gopher://example.org/", "only http and https URLs can be fetched, not gopher"),
]


@pytest.mark.parametrize(("url", "reason"), REFUSED)
def test_refused_before_any_connection_or_dns(url: str, reason: str) -> None:
    transport = NoNetwork()
    lookups: list[str] = []

    def resolve(host: str, port: int) -> list[str]:
        lookups.append(host)
        return ["93.184.215.14"]

    with (
        Fetcher(transport=transport, resolve=resolve, host_delay=0) as fetcher,
        pytest.raises(InputError) as caught,
    ):
        fetcher.get(url)
    message = str(caught.value)
    assert message.startswith(f"{url}: "), message
    assert reason in message
    assert "\n" not in message
    assert caught.value.source == url
    assert transport.requests == [] and lookups == []


def test_hostname_resolving_to_loopback_is_refused_without_connecting() -> None:
    transport = NoNetwork()
    with Fetcher(transport=transport, host_delay=0) as fetcher, pytest.raises(InputError) as caught:
        fetcher.get("http://localhost:8080/admin")
    assert str(caught.value).startswith("http://localhost:8080/admin: refused: localhost resolves to ")
    assert "loopback address" in str(caught.value)
    assert transport.requests == []


def test_a_name_with_any_private_address_is_refused() -> None:
    transport = NoNetwork()
    fetcher = Fetcher(transport=transport, resolve=lambda h, p: ["93.184.215.14", "10.1.2.3"])
    with fetcher, pytest.raises(InputError, match=r"news\.test resolves to 10\.1\.2\.3, a private address"):
        fetcher.get("https://news.test/a")
    assert transport.requests == []


def test_unresolvable_name_is_one_line_error() -> None:
    def resolve(host: str, port: int) -> list[str]:
        raise OSError(-2, "Name or service not known")

    with Fetcher(transport=NoNetwork(), resolve=resolve) as fetcher, pytest.raises(InputError) as caught:
        fetcher.get("https://nowhere.invalid/x")
    assert (
        str(caught.value)
        == "https://nowhere.invalid/x: cannot resolve host nowhere.invalid: Name or service not known"
    )


def test_password_in_url_is_not_printed() -> None:
    with Fetcher(transport=NoNetwork()) as fetcher, pytest.raises(InputError) as caught:
        fetcher.get("http://user:s3cret@10.0.0.1/")
    assert "s3cret" not in str(caught.value)
    assert str(caught.value).startswith("http://user:***@10.0.0.1/: refused")


def test_address_problem_public_addresses_pass() -> None:
    for address in ("93.184.215.14", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8"):
        assert address_problem(ipaddress.ip_address(address)) is None, address


def test_check_url_allow_private_keeps_the_address() -> None:
    target = check_url("http://127.0.0.1:9/x", allow_private=True)
    assert target.addresses == ("127.0.0.1",) and target.port == 9
    with pytest.raises(Refused):
        check_url("http://127.0.0.1:9/x")


# --------------------------------------------------------------------------- fetching


def test_fetch_html_article_as_document(server: LocalServer, local: Fetcher) -> None:
    url = server.url("/article.html#comments")
    doc = local.document(url)
    assert doc.id == url_id(url) == server.url("/article.html")
    assert doc.url == server.url("/article.html")
    assert doc.origin == url
    assert doc.title == "Gunmen kill seven in attack on Ogossagou"
    assert doc.published is not None and doc.published.isoformat() == "2024-04-02"
    assert "village of Ogossagou in the Mopti region" in doc.text
    assert "Copyright" not in doc.text and "Home" not in doc.text.split("\n")[0]
    [request] = server.requests
    assert request.headers["user-agent"].startswith("conflictlens/")
    assert request.headers["host"] == f"127.0.0.1:{server.httpd.server_port}"


def test_plain_text_page_and_last_modified_date(server: LocalServer, local: Fetcher) -> None:
    body = b"Clashes near Gao\n\nFighting broke out near Gao on Monday, killing at least 12 people."
    server.routes["/note.txt"] = Route(
        200, body, {"Content-Type": "text/plain", "Last-Modified": "Tue, 05 Mar 2024 10:00:00 GMT"}
    )
    doc = local.document(server.url("/note.txt"))
    assert doc.title == "Clashes near Gao"
    assert doc.published is not None and doc.published.isoformat() == "2024-03-05"


def test_legacy_charset_from_header(server: LocalServer, local: Fetcher) -> None:
    body = "<html><body><p>Des hommes armés ont attaqué le village de Ogossagou mardi.</p></body></html>"
    server.routes["/fr.html"] = Route(
        200, body.encode("latin-1"), {"Content-Type": "text/html; charset=iso-8859-1"}
    )
    doc = local.document(server.url("/fr.html"))
    assert "armés ont attaqué" in doc.text


def test_connects_to_the_checked_address_and_sends_the_name(server: LocalServer) -> None:
    # "news.test" resolves (once) to the local server: the connection goes to that address and the
    # request still names the host, so a second, different DNS answer could not redirect it.
    lookups: list[str] = []

    def resolve(host: str, port: int) -> list[str]:
        lookups.append(host)
        return ["127.0.0.1"]

    with Fetcher(allow_private=True, resolve=resolve, host_delay=0) as fetcher:
        fetched = fetcher.get(f"http://news.test:{server.httpd.server_port}/article.html")
    assert fetched.status == 200 and lookups == ["news.test"]
    assert server.requests[0].headers["host"] == f"news.test:{server.httpd.server_port}"
    assert fetched.final_url == f"http://news.test:{server.httpd.server_port}/article.html"


@pytest.fixture()
def tls_server(tmp_path: Path) -> Iterator[tuple[LocalServer, ssl.SSLContext]]:
    """The local server over TLS with a self-signed certificate for ``news.test``."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is needed to make a test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert)]
        + ["-days", "1", "-subj", "/CN=news.test", "-addext", "subjectAltName=DNS:news.test"],
        check=True,
        capture_output=True,
    )
    with LocalServer() as srv:
        srv.routes["/article.html"] = html_route()
        server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        server_ctx.load_cert_chain(cert, key)
        srv.httpd.socket = server_ctx.wrap_socket(srv.httpd.socket, server_side=True)
        yield srv, ssl.create_default_context(cafile=str(cert))


def test_https_to_the_checked_address_verifies_the_name(
    tls_server: tuple[LocalServer, ssl.SSLContext],
) -> None:
    server, trust = tls_server
    port = server.httpd.server_port
    with Fetcher(
        allow_private=True, resolve=lambda h, p: ["127.0.0.1"], host_delay=0, verify=trust
    ) as fetcher:
        fetched = fetcher.get(f"https://news.test:{port}/article.html")
        assert fetched.status == 200 and fetched.final_url == f"https://news.test:{port}/article.html"
        assert server.requests[0].headers["host"] == f"news.test:{port}"
        with pytest.raises(InputError) as caught:  # the certificate is not for this name
            fetcher.get(f"https://other.test:{port}/article.html")
    assert str(caught.value).startswith(f"https://other.test:{port}/article.html: cannot connect: ")


def test_redirects_are_followed_and_each_hop_checked(server: LocalServer, local: Fetcher) -> None:
    server.routes["/old"] = Route(301, b"", {"Location": "/older"})
    server.routes["/older"] = Route(302, b"", {"Location": server.url("/article.html")})
    fetched = local.get(server.url("/old"))
    assert fetched.final_url == server.url("/article.html")
    assert [r.path for r in server.requests] == ["/old", "/older", "/article.html"]


def test_redirect_to_private_address_is_refused(server: LocalServer, monkeypatch: pytest.MonkeyPatch) -> None:
    # Pretend the local server is on the public internet; the address it redirects to is not.
    real = fetch_module.address_problem

    def public_local(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
        return None if str(ip) == "127.0.0.1" else real(ip)

    monkeypatch.setattr(fetch_module, "address_problem", public_local)
    server.routes["/go"] = Route(302, b"", {"Location": "http://10.0.0.1/internal"})
    server.routes["/meta"] = Route(307, b"", {"Location": "http://169.254.169.254/latest/meta-data/"})
    server.routes["/file"] = Route(302, b"", {"Location": "file:///etc/passwd"})
    with Fetcher(host_delay=0) as fetcher:
        assert fetcher.get(server.url("/article.html")).status == 200  # the server itself is allowed
        for path, reason in [
            ("/go", "redirected to http://10.0.0.1/internal: refused: 10.0.0.1 is a private address"),
            ("/meta", "169.254.169.254 is a cloud metadata address"),
            ("/file", "redirected to file:/etc/passwd: only http and https URLs can be fetched"),
        ]:
            start = time.monotonic()
            with pytest.raises(InputError) as caught:
                fetcher.get(server.url(path))
            assert str(caught.value).startswith(server.url(path) + ": "), str(caught.value)
            assert reason in str(caught.value)
            assert time.monotonic() - start < 2  # refused, not timed out trying to connect


def test_redirect_loop_hits_the_limit(server: LocalServer) -> None:
    server.routes["/loop"] = Route(302, b"", {"Location": "/loop"})
    with (
        Fetcher(allow_private=True, host_delay=0, max_redirects=5) as fetcher,
        pytest.raises(InputError) as caught,
    ):
        fetcher.get(server.url("/loop"))
    assert str(caught.value) == f"{server.url('/loop')}: too many redirects (more than 5)"
    assert len(server.requests) == 6  # the first request and 5 redirects


def test_oversize_body_is_refused(server: LocalServer) -> None:
    big = b"<html><body><p>" + b"word " * 100_000 + b"</p></body></html>"
    server.routes["/declared"] = html_route(big, Content_Length=str(len(big)))
    server.routes["/streamed"] = html_route(big)  # no Content-Length: counted while streaming
    with Fetcher(allow_private=True, host_delay=0, max_bytes=64 * 1024) as fetcher:
        for path, reason in [
            ("/declared", "too large: 0.5 MB, limit 0.1 MB"),
            ("/streamed", "too large: more than"),
        ]:
            with pytest.raises(InputError) as caught:
                fetcher.get(server.url(path))
            assert str(caught.value).startswith(server.url(path) + ": ")
            assert reason in str(caught.value)


def test_wrong_or_missing_content_type_is_refused(server: LocalServer, local: Fetcher) -> None:
    server.routes["/image.png"] = Route(200, b"\x89PNG\r\n\x1a\n", {"Content-Type": "image/png"})
    server.routes["/untyped"] = Route(200, b"hello")
    with pytest.raises(InputError) as caught:
        local.get(server.url("/image.png"))
    assert str(caught.value).startswith(f"{server.url('/image.png')}: unexpected content type image/png")
    with pytest.raises(InputError, match="no Content-Type"):
        local.get(server.url("/untyped"))
    # a page is not a feed
    with pytest.raises(InputError, match="unexpected content type text/html"):
        local.get(server.url("/article.html"), accept=fetch_module.FEED_TYPES)


def test_http_errors_name_status(server: LocalServer, local: Fetcher) -> None:
    with pytest.raises(InputError) as caught:
        local.get(server.url("/missing"))
    assert str(caught.value) == f"{server.url('/missing')}: HTTP 404 Not Found"


def test_total_time_limit(server: LocalServer) -> None:
    server.routes["/slow"] = Route(200, ARTICLE, {"Content-Type": "text/html"}, delay=3.0)
    start = time.monotonic()
    with (
        Fetcher(allow_private=True, host_delay=0, timeout=0.5) as fetcher,
        pytest.raises(InputError) as caught,
    ):
        fetcher.get(server.url("/slow"))
    assert "timed out after 0.5 s" in str(caught.value)
    assert time.monotonic() - start < 2.5


def test_page_without_text_is_refused(server: LocalServer, local: Fetcher) -> None:
    server.routes["/empty.html"] = html_route(
        b"<html><head><script>var a;</script></head><body></body></html>"
    )
    with pytest.raises(InputError) as caught:
        local.document(server.url("/empty.html"))
    assert (
        str(caught.value)
        == f"{server.url('/empty.html')}: no text found in the HTML page (malformed or empty)"
    )


def test_no_environment_proxy_is_used(monkeypatch: pytest.MonkeyPatch, server: LocalServer) -> None:
    monkeypatch.setenv("HTTP_PROXY", "http://10.9.9.9:3128")
    monkeypatch.setenv("ALL_PROXY", "http://10.9.9.9:3128")
    with Fetcher(allow_private=True, host_delay=0, timeout=5) as fetcher:
        assert fetcher.get(server.url("/article.html")).status == 200


def test_host_throttle_spaces_requests_per_host() -> None:
    now = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    throttle = HostThrottle(2.0, clock=lambda: now[0])
    assert throttle.wait("a.example", sleep) == 0
    assert throttle.wait("b.example", sleep) == 0  # another host: no wait
    now[0] += 0.5
    assert throttle.wait("a.example", sleep) == pytest.approx(1.5)
    assert throttle.wait("a.example", sleep) == pytest.approx(2.0)
    assert slept == [pytest.approx(1.5), pytest.approx(2.0)]


# --------------------------------------------------------------------------- slow servers, compression


@contextlib.contextmanager
def raw_server(handler: Callable[[socket.socket], None], read_first: bool = True) -> Iterator[str]:
    """A TCP server on 127.0.0.1 that runs ``handler`` on every connection (after reading the request
    when ``read_first``); yields its base URL."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.settimeout(0.1)
    stop = threading.Event()

    def serve(conn: socket.socket) -> None:
        with conn, contextlib.suppress(OSError):  # the client hung up
            if read_first:
                conn.recv(65536)
            handler(conn)

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except (TimeoutError, OSError):
                continue
            threading.Thread(target=serve, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/"
    finally:
        stop.set()
        thread.join()
        listener.close()


def _drip(conn: socket.socket, data: bytes, pause: float) -> None:
    for byte in data:
        conn.sendall(bytes([byte]))
        time.sleep(pause)


def test_a_body_sent_a_byte_at_a_time_cannot_outlast_the_time_limit() -> None:
    """Every read gets a byte well within the read timeout, yet the whole fetch stops at the limit."""

    def drip(conn: socket.socket) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n")
        _drip(conn, b"<p>" + b"a" * 200, 0.1)  # 20 s in all

    with raw_server(drip) as url, Fetcher(allow_private=True, host_delay=0, timeout=1.0) as fetcher:
        start = time.monotonic()
        with pytest.raises(InputError) as caught:
            fetcher.get(url)
        assert "timed out after 1 s" in str(caught.value)
        assert time.monotonic() - start < 1.0 + 5


def test_headers_sent_a_byte_at_a_time_cannot_outlast_the_time_limit() -> None:
    def drip(conn: socket.socket) -> None:
        _drip(conn, b"HTTP/1.1 200 OK\r\nX-Padding: " + b"a" * 200, 0.1)  # 20 s in all

    with raw_server(drip) as url, Fetcher(allow_private=True, host_delay=0, timeout=1.0) as fetcher:
        start = time.monotonic()
        with pytest.raises(InputError) as caught:
            fetcher.get(url)
        assert "timed out after 1 s" in str(caught.value)
        assert time.monotonic() - start < 1.0 + 5


def test_a_slow_drip_over_tls_cannot_outlast_the_time_limit(tmp_path: Path) -> None:
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is needed to make a test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert)]
        + ["-days", "1", "-subj", "/CN=news.test", "-addext", "subjectAltName=DNS:news.test"],
        check=True,
        capture_output=True,
    )
    server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_ctx.load_cert_chain(cert, key)

    def drip(conn: socket.socket) -> None:
        with server_ctx.wrap_socket(conn, server_side=True) as tls:  # the handshake at full speed
            tls.recv(65536)
            tls.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n")
            _drip(tls, b"<p>" + b"a" * 200, 0.1)  # then 20 s of body

    def loopback(host: str, port: int) -> list[str]:
        return ["127.0.0.1"]

    client_ctx = ssl.create_default_context(cafile=str(cert))
    with (
        raw_server(drip, read_first=False) as url,
        Fetcher(
            host_delay=0, timeout=1.0, resolve=loopback, verify=client_ctx, allow_private=True
        ) as fetcher,
    ):
        start = time.monotonic()
        with pytest.raises(InputError) as caught:
            fetcher.get(url.replace("http://127.0.0.1", "https://news.test"))
        assert "timed out after 1 s" in str(caught.value)
        assert time.monotonic() - start < 1.0 + 5


def _public(host: str, port: int) -> list[str]:
    return ["93.184.216.34"]


def test_a_gzip_bomb_is_not_decompressed_past_the_limit() -> None:
    """64 MB of zeros in 64 kB of gzip: refused after decompressing about the limit, not all of it."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    bomb = b"".join(packer.compress(bytes(1 << 20)) for _ in range(64)) + packer.flush()
    assert len(bomb) < 1 << 20

    def handler(request: httpx.Request) -> httpx.Response:
        headers = {"Content-Type": "text/html", "Content-Encoding": "gzip"}
        return httpx.Response(200, headers=headers, content=iter([bomb]))  # streamed, as from a server

    transport = httpx.MockTransport(handler)
    with Fetcher(transport=transport, resolve=_public, host_delay=0, max_bytes=1 << 20) as fetcher:
        tracemalloc.start()
        try:
            with pytest.raises(InputError, match="too large: more than 1.0 MB"):
                fetcher.get("http://news.example/bomb")
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert peak < 16 << 20, f"{peak / 1e6:.0f} MB allocated"


def test_compressed_pages_are_decoded_and_unknown_encodings_refused(
    server: LocalServer, local: Fetcher
) -> None:
    raw = zlib.compressobj(6, zlib.DEFLATED, -15)
    for path, encoding, body in [
        ("/gzip", "gzip", gzip.compress(ARTICLE)),
        ("/zlib", "deflate", zlib.compress(ARTICLE)),
        ("/raw", "deflate", raw.compress(ARTICLE) + raw.flush()),
    ]:
        server.routes[path] = html_route(body, Content_Encoding=encoding, Content_Length=str(len(body)))
        assert local.get(server.url(path)).content == ARTICLE, path
    assert {r.headers["accept-encoding"] for r in server.requests} == {"gzip, deflate"}
    server.routes["/br"] = html_route(b"\x1b\x00", Content_Encoding="br")
    with pytest.raises(InputError, match="unsupported content encoding br"):
        local.get(server.url("/br"))
    server.routes["/broken"] = html_route(b"not gzip at all", Content_Encoding="gzip")
    with pytest.raises(InputError, match="cannot decode the gzip response"):
        local.get(server.url("/broken"))
