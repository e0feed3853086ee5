"""The FastAPI application: the REST API under ``/api``, the login pages and the web pages.

``create_app(db)`` opens the store once and keeps it on ``app.state.store``. OpenAPI is served at
``/api/openapi.json`` and its documentation at ``/api/docs``. ``conflictlens serve`` runs it.
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
from starlette.exceptions import HTTPException

from conflictlens import __name__ as _package
from conflictlens.api.auth import SessionMiddleware, login_redirect, verify_csrf
from conflictlens.api.auth import router as auth_router
from conflictlens.api.deps import reject_nul
from conflictlens.store import open_store
from conflictlens.store import review as _review  # registers the review tables before the store opens
from conflictlens.store.review import ReviewInputError, UnknownIncident

log = logging.getLogger(__name__)

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


def _secret(secret: str | None) -> bytes:
    value = secret or os.environ.get("CONFLICTLENS_SECRET")
    if value:
        return value.encode("utf-8")
    return _secrets.token_bytes(32)  # sessions last as long as this process


def create_app(db: str | None = None, *, public: bool = False, secret: str | None = None) -> FastAPI:
    """The app over the store at ``db`` (default: :data:`conflictlens.settings.default_db_url`).

    ``public``: anyone may read without logging in (writes still need an analyst). ``secret``
    signs the session cookies (default: ``$CONFLICTLENS_SECRET``, else random for this process).
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
