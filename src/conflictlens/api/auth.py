"""Accounts, sessions, roles and CSRF protection of the analyst's workspace.

Sessions are a signed cookie (HMAC-SHA256 over the JSON payload, standard library only): HttpOnly,
SameSite=Lax, Secure when the request came over https, valid for :data:`SESSION_MAX_AGE` seconds
after login. The session holds the user's name (the role is read from the store on every request,
so a changed role applies at once), the CSRF token and the time it was issued. Logging out ends
every session of the account: sessions issued before the logout are refused from then on, so a
copied cookie is useless after it. Every POST, PUT, PATCH and DELETE must
send the token back, in the ``X-CSRF-Token`` header or the ``csrf_token`` form field
(:func:`verify_csrf` runs on every route of the app). Logins are rate-limited per user name and
client address.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import hmac
import json
import secrets
import time
from collections.abc import Callable
from typing import Annotated, Any
from urllib.parse import quote, urlsplit

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import MutableHeaders
from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from conflictlens.store import review
from conflictlens.store.review import ROLES, User

__all__ = [
    "ROLES",
    "PUBLIC_USER",
    "SESSION_COOKIE",
    "SessionMiddleware",
    "User",
    "csrf_token",
    "current_user",
    "login_user",
    "logout_user",
    "require_role",
    "router",
    "safe_next",
    "same_token",
    "verify_csrf",
]

SESSION_COOKIE = "conflictlens_session"
SESSION_MAX_AGE = 12 * 60 * 60  # seconds a session lasts after it was created
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"
LOGIN_MAX_FAILURES = 5
LOGIN_WINDOW = dt.timedelta(minutes=5)
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})

#: Who a visitor is in public mode when not logged in.
PUBLIC_USER = User("public", "viewer")


# -- the session cookie ---------------------------------------------------------------------------


class Session(dict[str, Any]):
    """The session's data; remembers whether it was changed so the cookie is written again."""

    modified = False

    def __setitem__(self, key: str, value: Any) -> None:
        self.modified = True
        super().__setitem__(key, value)

    def __delitem__(self, key: str) -> None:
        self.modified = True
        super().__delitem__(key)

    def clear(self) -> None:
        self.modified = True
        super().clear()

    def pop(self, key: str, *default: Any) -> Any:
        self.modified = True
        return super().pop(key, *default)

    def setdefault(self, key: str, default: Any = None) -> Any:
        if key not in self:
            self.modified = True
        return super().setdefault(key, default)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class SessionMiddleware:
    """Puts a :class:`Session` in ``scope["session"]`` from the signed cookie; writes it back when
    changed. A cookie with a bad signature or older than ``max_age`` gives an empty session."""

    def __init__(self, app: ASGIApp, secret: bytes, max_age: int = SESSION_MAX_AGE) -> None:
        self.app = app
        self._key = hashlib.sha256(b"conflictlens session\0" + secret).digest()
        self.max_age = max_age

    def _sign(self, payload: str) -> str:
        return _b64(hmac.new(self._key, payload.encode("ascii"), hashlib.sha256).digest())

    def encode(self, data: dict[str, Any], issued: float) -> str:
        payload = _b64(json.dumps({"d": data, "t": issued}, separators=(",", ":")).encode("utf-8"))
        return f"{payload}.{self._sign(payload)}"

    def decode(self, value: str | None) -> tuple[dict[str, Any], float] | None:
        """The data and issue time (Unix time) of a cookie value, or None when forged, damaged or
        expired."""
        if not value or "." not in value or len(value) > 8192 or not value.isascii():
            return None
        payload, _, signature = value.partition(".")
        if not hmac.compare_digest(self._sign(payload), signature):
            return None
        try:
            content = json.loads(_unb64(payload))
            data, issued = content["d"], float(content["t"])
        except (ValueError, KeyError, TypeError, binascii.Error):
            return None
        if not isinstance(data, dict) or not -60 <= time.time() - issued <= self.max_age:  # 60 s skew
            return None
        return data, issued

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        decoded = self.decode(HTTPConnection(scope).cookies.get(SESSION_COOKIE))
        session = Session(decoded[0] if decoded else {})
        issued = decoded[1] if decoded else time.time()
        scope["session"] = session
        scope["session_issued"] = issued
        secure = scope.get("scheme") in ("https", "wss")

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start" and session.modified:
                headers = MutableHeaders(scope=message)
                flags = "Path=/; HttpOnly; SameSite=Lax" + ("; Secure" if secure else "")
                if session:
                    start = time.time() if session.pop("_renew", False) else issued
                    session.modified = False
                    value = self.encode(dict(session), start)
                    age = max(0, int(self.max_age - (time.time() - start)))
                    headers.append("Set-Cookie", f"{SESSION_COOKIE}={value}; Max-Age={age}; {flags}")
                else:
                    headers.append("Set-Cookie", f"{SESSION_COOKIE}=; Max-Age=0; {flags}")
            await send(message)

        await self.app(scope, receive, send_with_cookie)


def _session(request: HTTPConnection) -> Session:
    session = request.scope.get("session")
    if not isinstance(session, Session):
        raise RuntimeError("the conflictlens SessionMiddleware is not installed")
    return session


# -- users and roles ------------------------------------------------------------------------------


def _logged_in(request: Request) -> User | None:
    """The user whose session this is, looked up in the store (None when logged out, also from
    another browser, or removed)."""
    cached = request.scope.get("conflictlens.user", False)
    if cached is not False:
        return cached
    session = _session(request)
    name = session.get("user")
    issued = request.scope.get("session_issued")
    user = None
    if isinstance(name, str) and isinstance(issued, float):
        user = review.session_user(request.app.state.store, name, issued)
    if name is not None and user is None:
        session.pop("user", None)  # the account is gone or logged out
    request.scope["conflictlens.user"] = user
    return user


def current_user(request: Request) -> User | None:
    """The logged-in user; in public mode :data:`PUBLIC_USER` (a viewer) when nobody is logged in."""
    user = _logged_in(request)
    if user is None and getattr(request.app.state, "public", False):
        return PUBLIC_USER
    return user


def require_role(role: str) -> Callable[[Request], User]:
    """A dependency that returns the user if they have ``role`` (or a stronger one).

    401 when nobody is logged in (in public mode, viewer access needs no login), 403 when the role
    is too low.
    """
    review.check_role(role)

    def dependency(request: Request) -> User:
        user = _logged_in(request)
        if user is None:
            if role == "viewer" and getattr(request.app.state, "public", False):
                return PUBLIC_USER
            raise HTTPException(status_code=401, detail="log in first")
        if not user.can(role):
            raise HTTPException(status_code=403, detail=f"this needs the {role} role; you are {user.role}")
        return user

    dependency.__name__ = f"require_{role}"
    return dependency


# -- CSRF -----------------------------------------------------------------------------------------


def csrf_token(request: HTTPConnection) -> str:
    """The session's CSRF token (made on first use): embed it in forms and ``<meta name="csrf-token">``."""
    session = _session(request)
    token = session.get("csrf")
    if not isinstance(token, str) or len(token) < 32:
        token = secrets.token_urlsafe(32)
        session["csrf"] = token
    return token


async def verify_csrf(request: Request) -> None:
    """Refuse (403) a state-changing request without the session's CSRF token.

    The token may come in the ``X-CSRF-Token`` header or in the ``csrf_token`` form field.
    """
    if request.method in SAFE_METHODS:
        return
    expected = _session(request).get("csrf")
    sent = request.headers.get(CSRF_HEADER)
    if not sent:
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind in ("application/x-www-form-urlencoded", "multipart/form-data"):
            try:
                form = await request.form()
            except Exception as exc:  # a malformed body is the client's fault
                raise HTTPException(status_code=400, detail="the form cannot be read") from exc
            value = form.get(CSRF_FIELD)
            sent = value if isinstance(value, str) else None
    if not same_token(expected, sent):
        raise HTTPException(status_code=403, detail="CSRF token missing or wrong; reload the page")


def same_token(expected: object, sent: object) -> bool:
    """Whether ``sent`` is the CSRF token ``expected`` (compared in constant time; a token that is
    not an ASCII string never matches)."""
    if not isinstance(expected, str) or not isinstance(sent, str) or not expected or not sent:
        return False
    if not expected.isascii() or not sent.isascii():
        return False
    return hmac.compare_digest(expected.encode("ascii"), sent.encode("ascii"))


# -- logging in and out ---------------------------------------------------------------------------


def safe_next(target: str | None) -> str:
    """``target`` if it is a path on this site, else ``/`` (no open redirects)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    if any(ord(c) < 32 or ord(c) == 127 for c in target):
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return "/"
    return target


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _unencodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


class LoginError(Exception):
    """A refused login: ``status`` 401 (wrong name or password) or 429 (too many failures)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def login_user(request: Request, username: str, password: str) -> User:
    """Check the credentials and start a fresh session; raise :class:`LoginError` when refused."""
    store = request.app.state.store
    ip = client_address(request)
    name = username.strip()[:64]
    if "\x00" in name + password or _unencodable(name + password):
        raise LoginError(401, "wrong user name or password")
    # The attempt counts as failed before the password is checked, so that parallel attempts cannot
    # all pass the limit while the (slow) check runs; a success flips it.
    attempt = review.record_login(store, name, ip, False)
    if review.recent_failures(store, name, ip, LOGIN_WINDOW) > LOGIN_MAX_FAILURES:
        minutes = int(LOGIN_WINDOW.total_seconds() // 60)
        raise LoginError(429, f"too many failed logins; try again in {minutes} minutes")
    user = review.verify_user(store, name, password)
    if user is None:
        raise LoginError(401, "wrong user name or password")
    review.login_succeeded(store, attempt)
    session = _session(request)
    session.clear()  # a new session: nothing from before the login survives, nor its CSRF token
    session["user"] = user.name
    session["csrf"] = secrets.token_urlsafe(32)
    session["_renew"] = True
    request.scope["conflictlens.user"] = user
    return user


def logout_user(request: Request) -> None:
    """End the session and every other session of the user made before now, e.g. a copied cookie
    (a new CSRF token is made for the next form)."""
    user = _logged_in(request)
    if user is not None:
        review.end_sessions(request.app.state.store, user.name)
    session = _session(request)
    session.clear()
    session["csrf"] = secrets.token_urlsafe(32)
    session["_renew"] = True
    request.scope["conflictlens.user"] = None


router = APIRouter()


def _render_login(request: Request, status: int, *, error: str | None = None, next: str = "/") -> Response:
    from conflictlens.api.app import templates

    context = {
        "user": _logged_in(request) if status == 200 else None,  # not the anonymous public viewer
        "csrf_token": csrf_token(request),
        "next": safe_next(next),
        "error": error,
        "public": getattr(request.app.state, "public", False),
    }
    response = templates().TemplateResponse(request, "login.html", context, status_code=status)
    if status == 429:
        response.headers["Retry-After"] = str(int(LOGIN_WINDOW.total_seconds()))
    return response


@router.get("/login", response_class=HTMLResponse, include_in_schema=False)
def login_page(request: Request, next: str = "/") -> Response:
    """The login form."""
    return _render_login(request, 200, next=next)


@router.post("/login", response_class=HTMLResponse, include_in_schema=False)
def login_form(
    request: Request,
    username: Annotated[str, Form(max_length=256)] = "",
    password: Annotated[str, Form(max_length=4096)] = "",
    next: Annotated[str, Form(max_length=2048)] = "/",
) -> Response:
    """Log in from the form (its CSRF token is checked by :func:`verify_csrf`); 303 to ``next``."""
    try:
        login_user(request, username, password)
    except LoginError as exc:
        return _render_login(request, exc.status, error=exc.message, next=next)
    return RedirectResponse(safe_next(next), status_code=303)


@router.post("/logout", include_in_schema=False)
def logout_form(request: Request) -> Response:
    """Log out and go to the login page."""
    logout_user(request)
    return RedirectResponse("/login", status_code=303)


def login_redirect(request: Request) -> RedirectResponse:
    """Where a browser that must log in first is sent: the login page, then back here."""
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/login?next={quote(safe_next(target), safe='')}", status_code=303)


ViewerUser = Annotated[User, Depends(require_role("viewer"))]
AnalystUser = Annotated[User, Depends(require_role("analyst"))]
AdminUser = Annotated[User, Depends(require_role("admin"))]
