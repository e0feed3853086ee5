"""The FastAPI application: the REST API under ``/api``, the login pages and the web pages.

``create_app(db)`` opens the store once and keeps it on ``app.state.store``. OpenAPI is served at
``/api/openapi.json`` and its documentation at ``/api/docs``. ``conflictlens serve`` runs it.

Every request body is limited to :data:`MAX_BODY_BYTES` (413 beyond, checked before anything reads
it), and no response may be framed by another site (``X-Frame-Options`` and CSP
``frame-ancestors``).
"""

from __future__ import annotations

import logging
import os
import secrets as _secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import cache
from pathlib import Path

from fastapi import Depends, FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from conflictlens import __name__ as _package
from conflictlens.api.auth import SessionMiddleware, login_redirect, verify_csrf
from conflictlens.api.auth import router as auth_router
from conflictlens.api.deps import reject_nul
from conflictlens.store import open_store
from conflictlens.store import review as _review  # registers the review tables before the store opens
from conflictlens.store.review import ReviewInputError, UnknownIncident

log = logging.getLogger(__name__)

#: The largest request body accepted, in bytes (an ingested text may have 2,000,000 characters).
MAX_BODY_BYTES = 16 * 1024 * 1024

WEB_DIR = Path(__file__).resolve().parent.parent / "web"

API_DESCRIPTION = """\
The analyst's workspace of conflictlens: incidents (one event as every source tells it), event
reports, documents, exports, review and the audit log.

Reads need a logged-in viewer (or none in public mode). Writes need an analyst (admins for
accounts) and the CSRF token: get it from `GET /api/session`, send it back in the
`X-CSRF-Token` header. Log in with `POST /api/login`.
"""


@cache
def templates() -> Jinja2Templates:
    """The web pages' Jinja environment (``conflictlens.web.templating``), or one of our own."""
    try:
        from conflictlens.web.templating import templates as web_templates
    except ImportError:
        own = Jinja2Templates(directory=str(WEB_DIR / "templates"))
        own.env.autoescape = True
        return own
    return web_templates


class BodyLimitMiddleware:
    """Answers 413 to a request whose body is larger than ``max_bytes``: at once when its
    Content-Length says so, else (a chunked body) as soon as more was received, so no route ever
    holds more than that in memory."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def _too_large(self, scope: Scope, send: Send) -> None:
        response = JSONResponse(
            {"detail": f"the request body is larger than {self.max_bytes} bytes"},
            status_code=413,
            headers={"Connection": "close"},
        )
        await response(scope, _no_receive, send)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length", "").strip()
        if declared.isdigit() and int(declared) > self.max_bytes:
            await self._too_large(scope, send)
            return
        received = 0
        exceeded = started = replaced = False

        async def limited_receive() -> Message:
            nonlocal received, exceeded
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    exceeded = True
                    raise HTTPException(status_code=413, detail="request body too large")
            return message

        async def checked_send(message: Message) -> None:
            nonlocal started, replaced
            if message["type"] == "http.response.start":
                if exceeded and not started:
                    replaced = True  # whatever the app made of the error, the answer is 413
                    await self._too_large(scope, send)
                    return
                started = True
            if not replaced:
                await send(message)

        try:
            await self.app(scope, limited_receive, checked_send)
        except Exception:
            if not exceeded or started or replaced:
                raise
            await self._too_large(scope, send)


async def _no_receive() -> Message:
    return {"type": "http.disconnect"}


class FramingMiddleware:
    """Forbids framing every response by another site (clickjacking): ``X-Frame-Options: DENY``,
    and ``Content-Security-Policy: frame-ancestors 'none'`` on responses without a policy of their
    own (the web pages send a stricter one that says the same)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if "x-frame-options" not in headers:
                    headers["X-Frame-Options"] = "DENY"
                policy = headers.get("content-security-policy")
                if policy is None:
                    headers["Content-Security-Policy"] = "frame-ancestors 'none'"
                elif "frame-ancestors" not in policy:
                    headers["Content-Security-Policy"] = policy.rstrip("; ") + "; frame-ancestors 'none'"
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _secret(secret: str | None) -> bytes:
    value = secret or os.environ.get("CONFLICTLENS_SECRET")
    if value:
        return value.encode("utf-8")
    return _secrets.token_bytes(32)  # sessions last as long as this process


def create_app(
    db: str | None = None,
    *,
    public: bool = False,
    secret: str | None = None,
    max_body_bytes: int = MAX_BODY_BYTES,
) -> FastAPI:
    """The app over the store at ``db`` (default: :data:`conflictlens.settings.default_db_url`).

    ``public``: anyone may read without logging in (writes still need an analyst). ``secret``
    signs the session cookies (default: ``$CONFLICTLENS_SECRET``, else random for this process).
    ``max_body_bytes``: larger request bodies are refused with 413.
    """
    store = open_store(db)
    _review.ensure_tables(store)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        title="conflictlens",
        description=API_DESCRIPTION,
        version=_version(),
        openapi_url="/api/openapi.json",
        docs_url="/api/docs",
        redoc_url=None,
        dependencies=[Depends(reject_nul), Depends(verify_csrf)],
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.public = public
    app.add_middleware(SessionMiddleware, secret=_secret(secret))
    app.add_middleware(BodyLimitMiddleware, max_bytes=max_body_bytes)  # before anything reads the body
    app.add_middleware(FramingMiddleware)

    from conflictlens.api.routes import router as api_router
    from conflictlens.web.routes import router as web_router

    app.include_router(api_router)
    app.include_router(auth_router)
    app.include_router(web_router)
    static = WEB_DIR / "static"
    if static.is_dir():
        app.mount("/static", StaticFiles(directory=str(static)), name="static")

    @app.exception_handler(UnknownIncident)
    async def unknown_incident(request: Request, exc: UnknownIncident) -> Response:
        return JSONResponse({"detail": str(exc)}, status_code=404)

    @app.exception_handler(ReviewInputError)
    async def bad_review(request: Request, exc: ReviewInputError) -> Response:
        problem = {"type": "value_error", "loc": ["body"], "msg": str(exc)}
        return JSONResponse({"detail": [problem]}, status_code=422)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        # A browser asking for a page it may not see yet is sent to the login page.
        browser = "text/html" in request.headers.get("accept", "")
        if exc.status_code == 401 and browser and not request.url.path.startswith("/api/"):
            return login_redirect(request)
        return await http_exception_handler(request, exc)

    log.info("app over %s (public: %s)", store.url, public)
    return app


def _version() -> str:
    try:
        from importlib.metadata import version

        return version(_package)
    except Exception:
        return "0"
