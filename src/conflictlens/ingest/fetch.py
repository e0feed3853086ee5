"""Fetching web pages and feeds safely.

:class:`Fetcher` only speaks http(s) and refuses, unless ``allow_private`` is set, every address that
is not on the public internet: loopback, private, shared (CGNAT), link-local, multicast, reserved
and unspecified addresses, IPv4 and IPv6 alike (IPv4-mapped, NAT64, 6to4 and Teredo forms are looked
through), and the cloud metadata addresses (169.254.169.254, fd00:ec2::254, 100.100.100.200).

The host name is resolved once, every address it resolves to is checked, and the connection goes
to the checked address (the name is still sent as ``Host`` and as the TLS server name, and the
certificate is verified against it), so a DNS answer that changes between check and connection
(DNS rebinding) cannot reach a private address. Redirects are followed by hand, and every hop is
checked the same way. Environment proxies are ignored: a proxy would resolve the name itself.

Every response is bounded: at most :data:`MAX_REDIRECTS` redirects, :data:`MAX_BYTES` bytes of body
(read as a stream and stopped as soon as it is exceeded; a gzip or deflate body is decompressed here,
never past the limit, and other content encodings are refused), :data:`TIMEOUT_S` seconds in all,
and a content type from an allowed list. The time limit holds however slowly the server sends: the
deadline is checked after every read, and at the deadline a watchdog shuts the connection's socket,
which ends a read that is waiting, in the headers as in the body (each request therefore gets a
connection of its own). A refused or failed URL raises
:class:`~conflictlens.errors.InputError` whose one-line message names the URL and the reason.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import datetime as dt
import ipaddress
import logging
import socket
import ssl
import threading
import time
import urllib.parse
import zlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

import httpx

from conflictlens import __version__ as _version
from conflictlens import settings
from conflictlens.errors import InputError
from conflictlens.ingest.common import (
    HTML_TYPES,
    TEXT_TYPES,
    Refused,
    http_date,
    input_error,
    megabytes,
    page_document,
    redact_url,
    url_id,
)
from conflictlens.model import Document

logger = logging.getLogger(__name__)

#: Limits of one fetch (redirects included).
MAX_REDIRECTS = 5
MAX_BYTES = settings.max_input_bytes
TIMEOUT_S = 30.0
CONNECT_TIMEOUT_S = 10.0
DNS_TIMEOUT_S = 10.0
#: Seconds between two requests to the same host.
HOST_DELAY_S = 1.0
USER_AGENT = f"conflictlens/{_version} (+https://github.com/conflictlens/conflictlens)"

#: Content types accepted for article pages, and for feeds.
PAGE_TYPES: frozenset[str] = HTML_TYPES | TEXT_TYPES
FEED_TYPES: frozenset[str] = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
        "application/x-rss+xml",
        "application/x-atom+xml",
    }
)

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_METADATA = frozenset(
    ipaddress.ip_address(a) for a in ("169.254.169.254", "fd00:ec2::254", "100.100.100.200")
)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
#: Content encodings the fetcher decodes itself (asked for with Accept-Encoding).
ACCEPT_ENCODING = "gzip, deflate"

Resolve = Callable[[str, int], list[str]]


# --------------------------------------------------------------------------- address checks


def address_problem(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why ``ip`` may not be fetched from ("a loopback address"...), or None for a public address."""
    if ip in _METADATA:
        return "a cloud metadata address"
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is None and ip in _NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None:
            inner = address_problem(embedded)
            if inner is not None:
                return f"{inner} in IPv6 form"
            if ip.ipv4_mapped is not None:
                return None  # ::ffff:a.b.c.d is a.b.c.d, a public address
    checks = (
        ("is_unspecified", "an unspecified address"),
        ("is_loopback", "a loopback address"),
        ("is_link_local", "a link-local address"),
        ("is_multicast", "a multicast address"),
        ("is_reserved", "a reserved address"),
        ("is_private", "a private address"),
    )
    for attribute, problem in checks:
        if getattr(ip, attribute):
            return problem
    if not ip.is_global:
        return "a non-public address"
    return None


def _system_resolve(host: str, port: int) -> list[str]:
    """The addresses ``host`` resolves to (TCP), in the system's order of preference."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    seen: list[str] = []
    for _family, _type, _proto, _name, sockaddr in infos:
        address = str(sockaddr[0]).split("%", 1)[0]
        if address not in seen:
            seen.append(address)
    return seen


def _resolve_with_timeout(resolve: Resolve, host: str, port: int, timeout: float) -> list[str]:
    """``resolve(host, port)`` in a worker thread, given up after ``timeout`` seconds."""
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="conflictlens-dns")
    try:
        return pool.submit(resolve, host, port).result(timeout=max(timeout, 0.1))
    finally:
        pool.shutdown(wait=False)


@dataclass(frozen=True)
class Target:
    """A checked URL: where to connect, and the name to present."""

    url: httpx.URL
    host: str  # as in the URL (lower case, IPv6 without brackets)
    port: int
    addresses: tuple[str, ...]  # checked addresses to connect to, in order


def check_url(
    url: str | httpx.URL,
    *,
    allow_private: bool = False,
    resolve: Resolve | None = None,
    timeout: float = DNS_TIMEOUT_S,
) -> Target:
    """Check a URL before fetching it; raises :class:`Refused` with the reason.

    Only http and https with a host are allowed. An IP address is checked as it is, without a DNS
    query; a name is resolved and every address it resolves to must be public (unless
    ``allow_private``). No connection is made.
    """
    try:
        parsed = httpx.URL(str(url))
    except (httpx.InvalidURL, ValueError, TypeError) as exc:
        raise Refused(f"not a valid URL ({exc})") from None
    if parsed.scheme not in ("http", "https"):
        scheme = parsed.scheme or "no scheme"
        raise Refused(f"only http and https URLs can be fetched, not {scheme}")
    host = parsed.host.lower().rstrip(".")
    if not host:
        raise Refused("the URL has no host")
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    try:
        literal: ipaddress.IPv4Address | ipaddress.IPv6Address | None = ipaddress.ip_address(host)
    except ValueError:
        literal = None
    if literal is not None:
        addresses = [str(literal)]
    else:
        try:
            addresses = _resolve_with_timeout(resolve or _system_resolve, host, port, timeout)
        except concurrent.futures.TimeoutError:
            raise Refused(f"cannot resolve host {host}: timed out after {timeout:g} s") from None
        except (OSError, UnicodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            raise Refused(f"cannot resolve host {host}: {reason}") from None
        if not addresses:
            raise Refused(f"cannot resolve host {host}: no address")
    if not allow_private:
        for address in addresses:
            problem = address_problem(ipaddress.ip_address(address))
            if problem is not None:
                where = f"{host} is" if literal is not None else f"{host} resolves to {address},"
                raise Refused(f"refused: {where} {problem} (only public addresses are fetched)")
    return Target(parsed, host, port, tuple(addresses))


# --------------------------------------------------------------------------- politeness


class HostThrottle:
    """Waits so that two requests to one host are at least ``delay`` seconds apart."""

    def __init__(self, delay: float = HOST_DELAY_S, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.delay = max(0.0, delay)
        self._clock = clock
        self._last: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, host: str, sleep: Callable[[float], None] = time.sleep) -> float:
        """Sleep as long as needed before the next request to ``host``; return the seconds slept."""
        with self._lock:
            now = self._clock()
            ready = self._last.get(host, -float("inf")) + self.delay
            pause = max(0.0, ready - now)
            self._last[host] = now + pause
        if pause:
            sleep(pause)
        return pause


# --------------------------------------------------------------------------- fetching


@dataclass(frozen=True)
class Fetched:
    """A response that passed every check. ``content`` is empty for 304 Not Modified."""

    url: str  # the URL asked for
    final_url: str  # after redirects
    status: int
    media_type: str  # the Content-Type without parameters, lower case ("" for 304)
    charset: str | None
    headers: httpx.Headers
    content: bytes

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def _media_type(value: str | None) -> tuple[str, str | None]:
    """``(media type, charset)`` of a Content-Type header value."""
    if not value:
        return "", None
    media, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset" and val.strip():
            charset = val.strip().strip("\"'").lower()
    return media.strip().lower(), charset


def _host_header(target: Target) -> str:
    host = f"[{target.host}]" if ":" in target.host else target.host
    default = 443 if target.url.scheme == "https" else 80
    return host if target.port == default else f"{host}:{target.port}"


class _Decoder:
    """Decompresses a response body (``Content-Encoding``) without ever making more than the caller
    allows: :meth:`decode` is given the most it may return."""

    def __init__(self, encoding: str) -> None:
        codings = [
            c.strip().lower() for c in encoding.split(",") if c.strip().lower() not in ("", "identity")
        ]
        if len(codings) > 1 or (codings and codings[0] not in ("gzip", "x-gzip", "deflate")):
            raise Refused(f"unsupported content encoding {encoding.strip()}")
        self.coding = codings[0] if codings else None
        self._zlib: zlib._Decompress | None = None

    def decode(self, data: bytes, limit: int) -> bytes:
        """The decoded bytes of ``data``, at most ``limit`` (> 0); when there would be more, the rest
        of ``data`` is dropped (the caller refuses the body anyway)."""
        if self.coding is None or not data:
            return data if self.coding is None else b""
        if self._zlib is None:
            # gzip: 32 + 15 detects a gzip (or zlib) header. deflate is zlib, but some servers send
            # raw deflate: a zlib stream starts with two bytes whose number is a multiple of 31.
            raw = self.coding == "deflate" and (
                len(data) < 2 or (data[0] & 0x0F != 8) or (data[0] << 8 | data[1]) % 31
            )
            self._zlib = zlib.decompressobj(-15 if raw else 47)
        if self._zlib.eof:
            return b""  # bytes after the end of the compressed stream
        try:
            return self._zlib.decompress(data, limit)
        except zlib.error as exc:
            raise Refused(f"cannot decode the {self.coding} response ({exc})") from None


class _Watchdog:
    """Shuts the connection of a request at its deadline, so that a read waiting on a slow server (in
    the TLS handshake, the headers or the body) ends at once. ``trace`` is the httpcore trace hook
    that learns the connected socket; the watchdog keeps a duplicate of it (shutting down either
    ends the connection, and the duplicate cannot be reused for another one) until it is closed."""

    def __init__(self, delay: float) -> None:
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self.fired = False
        self._timer = threading.Timer(max(delay, 0.0), self._fire)
        self._timer.daemon = True

    def __enter__(self) -> _Watchdog:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()
        with self._lock:
            for sock in self._sockets:
                sock.close()
            self._sockets.clear()

    def trace(self, event: str, info: Mapping[str, object]) -> None:
        if event != "connection.connect_tcp.complete":
            return
        get_extra_info = getattr(info.get("return_value"), "get_extra_info", None)
        sock = get_extra_info("socket") if get_extra_info is not None else None
        if not isinstance(sock, socket.socket):
            return
        with self._lock:
            try:
                copy = sock.dup()
            except OSError:
                return
            self._sockets.append(copy)
            if self.fired:
                _shut(copy)

    def _fire(self) -> None:
        with self._lock:
            self.fired = True
            for sock in self._sockets:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    """Shut a connection down: a read waiting on it returns."""
    with contextlib.suppress(OSError):  # already gone
        sock.shutdown(socket.SHUT_RDWR)


class Fetcher:
    """Fetches http(s) URLs within limits, refusing non-public addresses (see the module docs).

    One Fetcher keeps one connection pool and one per-host delay; close it (or use it as a context
    manager) when done. ``transport`` and ``resolve`` replace the network and DNS (for tests);
    ``verify`` is an SSL context with other trusted certificates (certificates are always checked).
    """

    def __init__(
        self,
        *,
        allow_private: bool = False,
        max_bytes: int = MAX_BYTES,
        timeout: float = TIMEOUT_S,
        max_redirects: int = MAX_REDIRECTS,
        host_delay: float = HOST_DELAY_S,
        user_agent: str = USER_AGENT,
        transport: httpx.BaseTransport | None = None,
        resolve: Resolve | None = None,
        verify: ssl.SSLContext | None = None,
    ) -> None:
        self.allow_private = allow_private
        self.max_bytes = max_bytes
        self.timeout = timeout
        self.max_redirects = max_redirects
        self.throttle = HostThrottle(host_delay)
        self._resolve = resolve
        self._client = httpx.Client(
            transport=transport,
            follow_redirects=False,
            trust_env=False,  # a proxy would resolve names itself, past the address checks
            verify=verify if verify is not None else True,
            headers={"User-Agent": user_agent, "Accept-Encoding": ACCEPT_ENCODING},
            # a connection per request: the watchdog can only shut the sockets it saw being opened
            limits=httpx.Limits(max_keepalive_connections=0),
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- one URL ----------------------------------------------------------------------

    def get(
        self,
        url: str,
        *,
        accept: Iterable[str] = PAGE_TYPES,
        headers: Mapping[str, str] | None = None,
    ) -> Fetched:
        """GET ``url`` following up to :attr:`max_redirects` redirects, each hop checked.

        Returns the final response (200, or 304 when ``headers`` made the request conditional);
        raises :class:`InputError` naming ``url`` and the reason for anything else.
        """
        label = redact_url(url)
        try:
            return self._get(url, frozenset(a.lower() for a in accept), dict(headers or {}))
        except Refused as refused:
            raise input_error(label, refused.problem) from None

    def _get(self, url: str, accept: frozenset[str], headers: dict[str, str]) -> Fetched:
        deadline = time.monotonic() + self.timeout
        current = url
        for hop in range(self.max_redirects + 1):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise Refused(f"timed out after {self.timeout:g} s")
            try:
                target = check_url(
                    current, allow_private=self.allow_private, resolve=self._resolve, timeout=remaining
                )
            except Refused as refused:
                if hop:
                    raise Refused(f"redirected to {redact_url(current)}: {refused.problem}") from None
                raise
            self.throttle.wait(target.host)
            status, location, fetched = self._request(target, url, accept, headers, deadline)
            if fetched is not None:
                return fetched
            if location is None:
                raise Refused(f"HTTP {status} redirect without a Location")
            try:
                current = str(target.url.join(location))
            except (httpx.InvalidURL, ValueError) as exc:
                raise Refused(f"HTTP {status} redirect to an invalid URL ({exc})") from None
            logger.debug("%s: redirected (%d) to %s", redact_url(url), status, redact_url(current))
        raise Refused(f"too many redirects (more than {self.max_redirects})")

    def _request(
        self,
        target: Target,
        url: str,
        accept: frozenset[str],
        headers: dict[str, str],
        deadline: float,
    ) -> tuple[int, str | None, Fetched | None]:
        """One request to ``target``: ``(status, Location, None)`` for a redirect, else the response."""
        last_error: Exception | None = None
        for address in target.addresses:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            pinned = target.url.copy_with(host=address)
            timeout = httpx.Timeout(remaining, connect=min(remaining, CONNECT_TIMEOUT_S))
            with _Watchdog(remaining) as watchdog:
                request = self._client.build_request(
                    "GET",
                    pinned,
                    headers={**headers, "Host": _host_header(target)},
                    timeout=timeout,
                    extensions={"sni_hostname": target.host, "trace": watchdog.trace},
                )
                try:
                    response = self._client.send(request, stream=True)
                except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
                    if watchdog.fired:
                        raise Refused(f"timed out after {self.timeout:g} s") from None
                    last_error = exc
                    continue  # try the host's next address
                except httpx.TimeoutException:
                    raise Refused(f"timed out after {self.timeout:g} s") from None
                except httpx.HTTPError as exc:
                    if watchdog.fired:
                        raise Refused(f"timed out after {self.timeout:g} s") from None
                    raise Refused(f"request failed: {exc or type(exc).__name__}") from None
                try:
                    result = self._response(response, target, url, accept, deadline)
                except Refused:
                    if watchdog.fired:
                        raise Refused(f"timed out after {self.timeout:g} s") from None
                    raise
                finally:
                    response.close()
                if watchdog.fired:  # the body may look complete: the shut connection ended it
                    raise Refused(f"timed out after {self.timeout:g} s")
                return result
        if last_error is None or isinstance(last_error, httpx.ConnectTimeout):
            raise Refused(f"timed out after {self.timeout:g} s")
        raise Refused(f"cannot connect: {last_error or type(last_error).__name__}")

    def _response(
        self, response: httpx.Response, target: Target, url: str, accept: frozenset[str], deadline: float
    ) -> tuple[int, str | None, Fetched | None]:
        status = response.status_code
        final = str(target.url.copy_with(fragment=None))
        if status in _REDIRECTS:
            return status, response.headers.get("location"), None
        if status == 304:
            fetched = Fetched(url, final, status, "", None, response.headers, b"")
            return status, None, fetched
        if status != 200:
            reason = response.reason_phrase or ""
            raise Refused(f"HTTP {status} {reason}".rstrip())
        media, charset = _media_type(response.headers.get("content-type"))
        if not media:
            raise Refused(f"no Content-Type (expected {', '.join(sorted(accept))})")
        if media not in accept:
            raise Refused(f"unexpected content type {media} (expected {', '.join(sorted(accept))})")
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise Refused(f"too large: {megabytes(int(declared))}, limit {megabytes(self.max_bytes)}")
        chunks: Iterable[bytes]
        if response.is_stream_consumed:  # read (and decoded) already: a test transport's response
            decoder, chunks = _Decoder(""), [response.content]
        else:
            # Raw chunks, each as soon as it arrived, decoded here: the deadline is checked after every
            # read, and a compressed body is never decompressed past the limit.
            decoder, chunks = _Decoder(response.headers.get("content-encoding", "")), response.iter_raw()
        body = bytearray()
        too_large = f"too large: more than {megabytes(self.max_bytes)}"
        try:
            for chunk in chunks:
                body += decoder.decode(chunk, self.max_bytes - len(body) + 1)
                if len(body) > self.max_bytes:
                    raise Refused(too_large)
                if time.monotonic() > deadline:
                    raise Refused(f"timed out after {self.timeout:g} s")
        except httpx.TimeoutException:
            raise Refused(f"timed out after {self.timeout:g} s") from None
        except httpx.HTTPError as exc:
            raise Refused(f"reading the response failed: {exc or type(exc).__name__}") from None
        return status, None, Fetched(url, final, status, media, charset, response.headers, bytes(body))

    # -- pages as Documents -----------------------------------------------------------

    def document(
        self,
        url: str,
        *,
        doc_id: str | None = None,
        fallback_published: dt.date | None = None,
        fallback_title: str | None = None,
    ) -> Document:
        """The Document of the article page at ``url``; raises :class:`InputError` if it cannot be used.

        The id is :func:`~conflictlens.ingest.common.url_id` of ``url`` unless ``doc_id`` is given;
        the fallbacks fill what the page does not say (a feed entry's date and title).
        """
        fetched = self.get(url)
        try:
            return fetched_document(
                fetched,
                doc_id=doc_id or url_id(url),
                fallback_published=fallback_published,
                fallback_title=fallback_title,
            )
        except Refused as refused:
            raise input_error(redact_url(url), refused.problem) from None


def fetched_document(
    fetched: Fetched,
    *,
    doc_id: str,
    fallback_published: dt.date | None = None,
    fallback_title: str | None = None,
) -> Document:
    """The Document of a fetched page; raises :class:`Refused` if it has no usable text.

    The page's own date wins, then ``fallback_published``, then the Last-Modified header.
    """
    return page_document(
        fetched.content,
        doc_id=doc_id,
        media_type=fetched.media_type,
        charset=fetched.charset,
        url=fetched.final_url,
        origin=redact_url(fetched.url),
        fallback_published=fallback_published or http_date(fetched.headers.get("last-modified")),
        fallback_title=fallback_title,
    )


def fetch_document(url: str, *, allow_private: bool = False) -> Document:
    """The Document of one article page, fetched with a fresh :class:`Fetcher`."""
    with Fetcher(allow_private=allow_private) as fetcher:
        return fetcher.document(url)


def is_http_url(value: object) -> bool:
    """True for a string starting with ``http://`` or ``https://`` (any case)."""
    return isinstance(value, str) and urllib.parse.urlsplit(value.strip()).scheme.lower() in ("http", "https")


__all__ = [
    "FEED_TYPES",
    "PAGE_TYPES",
    "Fetched",
    "Fetcher",
    "HostThrottle",
    "InputError",
    "Target",
    "address_problem",
    "check_url",
    "fetch_document",
    "fetched_document",
]
