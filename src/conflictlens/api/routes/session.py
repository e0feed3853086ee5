"""Sessions and accounts over JSON: who am I, log in, log out, list and add users (admin)."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request, Response

from conflictlens.api.auth import (
    LOGIN_WINDOW,
    AdminUser,
    LoginError,
    csrf_token,
    current_user,
    login_user,
    logout_user,
)
from conflictlens.api.deps import WRITE, StoreDep
from conflictlens.api.schemas import LoginIn, SessionOut, UserIn, UserOut
from conflictlens.store import review

router = APIRouter(tags=["session"])


def _session_out(request: Request) -> SessionOut:
    user = current_user(request)
    return SessionOut(
        user=UserOut(name=user.name, role=user.role) if user else None,  # type: ignore[arg-type]
        logged_in=bool(user) and request.scope.get("conflictlens.user") is not None,
        csrf_token=csrf_token(request),
        public=bool(getattr(request.app.state, "public", False)),
    )


@router.get("/session", response_model=SessionOut)
def get_session(request: Request) -> SessionOut:
    """Who is logged in, and the CSRF token to send in the ``X-CSRF-Token`` header of writes."""
    return _session_out(request)


@router.post(
    "/login",
    response_model=SessionOut,
    responses={
        401: {"description": "Wrong user name or password"},
        403: {"description": "CSRF token missing or wrong"},
        429: {"description": "Too many failed logins from this address for this user"},
    },
)
def api_login(body: LoginIn, request: Request, response: Response) -> SessionOut:
    """Log in. Get a CSRF token from ``GET /api/session`` first and send it in ``X-CSRF-Token``.

    The session cookie and the CSRF token change; the new token is in the answer.
    """
    try:
        login_user(request, body.username, body.password)
    except LoginError as exc:
        headers = {"Retry-After": str(int(LOGIN_WINDOW.total_seconds()))} if exc.status == 429 else None
        raise HTTPException(status_code=exc.status, detail=exc.message, headers=headers) from exc
    return _session_out(request)


@router.post("/logout", response_model=SessionOut, responses={403: WRITE[403]})
def api_logout(request: Request) -> SessionOut:
    """Log out; the answer has the new CSRF token."""
    logout_user(request)
    return _session_out(request)


@router.get("/users", response_model=list[UserOut], responses={401: WRITE[401], 403: WRITE[403]})
def get_users(store: StoreDep, user: AdminUser) -> list[UserOut]:
    """Every account (admins only)."""
    return [UserOut(name=u.name, role=u.role) for u in review.list_users(store)]  # type: ignore[arg-type]


@router.post(
    "/users",
    response_model=UserOut,
    status_code=201,
    responses={**WRITE, 409: {"description": "The name is taken"}},
)
def add_user(body: UserIn, store: StoreDep, user: AdminUser) -> UserOut:
    """Create an account (admins only); recorded in the audit log."""
    try:
        created = review.add_user(store, body.name, body.password, body.role, by=user.name)
    except review.UserExists as exc:
        raise HTTPException(status_code=409, detail=str(exc)) from exc
    return UserOut(name=created.name, role=created.role)  # type: ignore[arg-type]
