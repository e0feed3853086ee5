"""The web pages of the analyst's workspace: map, timeline, incident list, incident page, review queue.

Pages are rendered server-side from :mod:`conflictlens.web.templates` with autoescaping on; the
map is the only page that needs JavaScript (``/static/app.js`` with the vendored Leaflet). Every
page is sent with a strict Content-Security-Policy (scripts from this origin only), so even text
that escaped escaping could not run.

Who may do what comes from :mod:`conflictlens.api.auth`: anyone logged in (or anyone at all when
the app is public) reads; analysts and admins review. Edits are POSTed forms carrying the session's
``csrf_token``.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from conflictlens import taxonomy
from conflictlens.resolve.model import Incident
from conflictlens.store import incidents as tables
from conflictlens.store.store import Store
from conflictlens.web import views
from conflictlens.web.templating import templates

log = logging.getLogger(__name__)

router = APIRouter(include_in_schema=False)

#: Base tiles when neither ``app.state.tiles`` nor ``CONFLICTLENS_TILES`` says otherwise.
DEFAULT_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = "© OpenStreetMap contributors"
ROLES = ("viewer", "analyst", "admin")
REVIEW_ACTIONS = ("accept", "edit", "reject")
_INCIDENT_ID = re.compile(r"^[A-Za-z0-9_.:#-]{1,200}$")


# -- helpers -----------------------------------------------------------------------------------------


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def _public(request: Request) -> bool:
    return bool(getattr(request.app.state, "public", False))


def _user(request: Request) -> Any:
    from conflictlens.api import auth

    return auth.current_user(request)


def _csrf(request: Request) -> str | None:
    from conflictlens.api import auth

    try:
        return str(auth.csrf_token(request))
    except Exception:  # no session yet: a public page seen without logging in
        log.debug("no csrf token for this request", exc_info=True)
        return None


def _logged_in(user: Any) -> bool:
    """Whether ``user`` logged in (not the anonymous visitor of a public app)."""
    from conflictlens.api import auth

    return user is not None and user is not getattr(auth, "PUBLIC_USER", None)


def _role_at_least(user: Any, role: str) -> bool:
    if user is None:
        return False
    have = getattr(user, "role", None)
    return have in ROLES and ROLES.index(have) >= ROLES.index(role)


def _login_redirect(request: Request) -> RedirectResponse:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)


def _tiles(request: Request) -> tuple[str, str]:
    """(tile URL template or "", attribution)."""
    url = getattr(request.app.state, "tiles", None)
    if url is None:
        url = os.environ.get("CONFLICTLENS_TILES", DEFAULT_TILES)
    url = str(url).strip()
    if url.lower() in ("", "none", "off"):
        return "", ""
    attribution = getattr(request.app.state, "tiles_attribution", None) or os.environ.get(
        "CONFLICTLENS_TILES_ATTRIBUTION"
    )
    if not attribution:
        attribution = OSM_ATTRIBUTION if "openstreetmap" in url else ""
    return url, attribution


def _tile_origin(url: str) -> str | None:
    """The CSP source that allows ``url``'s tiles (``{s}`` subdomains become ``*``)."""
    if not url:
        return None
    if url.startswith("/"):
        return None  # same origin
    parts = urlsplit(url.replace("{s}", "a"))
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.netloc
    if "{s}." in url:
        host = "*." + host.split(".", 1)[1]
    if "{" in host:
        return f"{parts.scheme}:"
    return f"{parts.scheme}://{host}"


def _csp(request: Request) -> str:
    tile = _tile_origin(_tiles(request)[0])
    img = "'self' data:" + (f" {tile}" if tile else "")
    return (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        f"img-src {img}; connect-src 'self'; object-src 'none'; base-uri 'none'; "
        "form-action 'self'; frame-ancestors 'none'"
    )


def _render(request: Request, name: str, context: dict[str, Any], status_code: int = 200) -> Response:
    user = context.get("user", _user(request))
    ctx = {
        "user": user,
        "csrf_token": _csrf(request),
        "can_review": _role_at_least(user, "analyst"),
        "logged_in": _logged_in(user),
        "public": _public(request),
        **context,
    }
    response = templates.TemplateResponse(request, name, ctx, status_code=status_code)
    response.headers["Content-Security-Policy"] = _csp(request)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    return response


def _viewer(request: Request) -> tuple[Any, Response | None]:
    """The user who may read the pages, or a redirect to the login page."""
    user = _user(request)
    if user is None and not _public(request):
        return None, _login_redirect(request)
    return user, None


def _analyst(request: Request) -> tuple[Any, Response | None]:
    """The analyst (or admin) who may review, or a login redirect / 403 page."""
    user = _user(request)
    if not _logged_in(user):
        return None, _login_redirect(request)
    if not _role_at_least(user, "analyst"):
        return user, _render(
            request,
            "error.html",
            {"title": "Not allowed", "message": "Reviewing needs the analyst role."},
            status_code=403,
        )
    return user, None


async def _form(request: Request) -> dict[str, Any]:
    form = await request.form()
    out: dict[str, Any] = {}
    for key in form:
        values = form.getlist(key)
        out[key] = [str(v) for v in values] if len(values) > 1 else str(values[0])
    return out


def _check_csrf(request: Request, form: dict[str, Any]) -> Response | None:
    from conflictlens.api import auth

    sent = form.get("csrf_token") or request.headers.get("X-CSRF-Token") or ""
    if not auth.same_token(_csrf(request), sent):
        return _render(
            request,
            "error.html",
            {"title": "Form expired", "message": "The form's security token is missing or stale; reload."},
            status_code=403,
        )
    return None


def _why(form: dict[str, Any]) -> str | None:
    """The reason an analyst gave, trimmed (at most 2,000 characters), or None."""
    return str(form.get("why") or "").strip()[:2000] or None


async def _analyst_form(request: Request) -> tuple[Any, dict[str, Any], Response | None]:
    """The analyst posting a review form and the form, or the page refusing them (login, role, CSRF)."""
    user, deny = _analyst(request)
    if deny:
        return user, {}, deny
    form = await _form(request)
    return user, form, _check_csrf(request, form)


def _not_found(request: Request, what: str) -> Response:
    return _render(request, "error.html", {"title": "Not found", "message": what}, status_code=404)


def _review_module() -> Any:
    from conflictlens.store import review

    return review


def _write_lock(store: Store) -> Any:
    """The lock that serialises re-resolutions of ``store`` in this process (merge, split, ingest)."""
    from conflictlens.api.deps import write_lock

    return write_lock(store)


def _with_status(store: Store) -> list[tuple[Incident, str]]:
    """Every incident (analysts' edits applied) with its review status."""
    return list(tables.reviewed_incidents(store))


def _decisions(store: Store, inc: Incident) -> list[tables.ReviewDecision]:
    """The merge and split decisions that involve this incident's reports."""
    mine = set(inc.report_ids)
    return [d for d in tables.decisions(store) if mine & (set(d.report_ids) | set(d.other_ids))]


def _filtered(request: Request) -> tuple[views.Filters, list[Incident], list[Incident], dict[str, str]]:
    """The filters, every incident, those that pass, and each incident's review status."""
    filters = views.Filters.from_query(request.query_params)
    pairs = _with_status(_store(request))
    statuses = {inc.id: status for inc, status in pairs}
    everything = [inc for inc, _ in pairs]
    shown = [inc for inc, status in pairs if filters.match(inc, status)]
    return filters, everything, shown, statuses


def _filter_context(filters: views.Filters, everything: list[Incident]) -> dict[str, Any]:
    return {
        "filters": filters,
        "choices": views.filter_choices(everything),
        "filter_query": urlencode(filters.query()),
        "export_query": urlencode({"format": "acled", **filters.api_query()}),
    }


# -- pages ---------------------------------------------------------------------------------------------


@router.get("/")
def home(request: Request) -> Response:
    return RedirectResponse("/map", status_code=303)


@router.get("/map")
def map_page(request: Request) -> Response:
    user, deny = _viewer(request)
    if deny:
        return deny
    filters, everything, shown, _ = _filtered(request)
    tiles, attribution = _tiles(request)
    located = views.incident_features(shown)["features"]
    ctx = {
        "user": user,
        "title": "Map",
        "incidents": shown,
        "located": len(located),
        "tiles": tiles,
        "tiles_attribution": attribution,
        "legend": list(views.EVENT_COLOURS.items()),
        **_filter_context(filters, everything),
    }
    return _render(request, "map.html", ctx)


@router.get("/map/incidents.geojson")
def map_data(request: Request) -> Response:
    _, deny = _viewer(request)
    if deny:
        raise HTTPException(status_code=401, detail="log in first")
    _, _, shown, _ = _filtered(request)
    return JSONResponse(
        views.incident_features(shown),
        media_type="application/geo+json",
        headers={"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"},
    )


@router.get("/timeline")
def timeline_page(request: Request) -> Response:
    user, deny = _viewer(request)
    if deny:
        return deny
    filters, everything, shown, _ = _filtered(request)
    ctx = {
        "user": user,
        "title": "Timeline",
        "chart": views.weekly_chart(shown),
        "n_incidents": len(shown),
        "n_fatalities": sum(int((i.fatalities or {}).get("acled") or 0) for i in shown),
        **_filter_context(filters, everything),
    }
    return _render(request, "timeline.html", ctx)


@router.get("/incidents")
def incident_list(request: Request) -> Response:
    user, deny = _viewer(request)
    if deny:
        return deny
    filters, everything, shown, statuses = _filtered(request)
    ctx = {
        "user": user,
        "title": "Incidents",
        "incidents": shown,
        "review_status": statuses,
        "colours": views.EVENT_COLOURS,
        **_filter_context(filters, everything),
    }
    return _render(request, "incidents.html", ctx)


@router.get("/incidents/{incident_id}")
def incident_page(request: Request, incident_id: str) -> Response:
    user, deny = _viewer(request)
    if deny:
        return deny
    return _incident_response(request, user, incident_id)


def _incident_response(
    request: Request,
    user: Any,
    incident_id: str,
    *,
    error: str | None = None,
    status_code: int = 200,
) -> Response:
    store = _store(request)
    inc = store.get_incident(incident_id) if _INCIDENT_ID.match(incident_id) else None
    if inc is None:
        return _not_found(request, f"There is no incident {incident_id}.")
    reports = tables.reports_by_id(store, inc.report_ids)
    docs = {doc.id: doc for _, doc in reports.values()}
    sources = views.source_views(inc, reports)
    notice = {
        "accept": "Coding accepted.",
        "edit": "Edit saved.",
        "reject": "Coding rejected.",
        "split": "Incident split.",
        "merge": "Incidents merged.",
    }.get(request.query_params.get("done", ""))
    ctx = {
        "user": user,
        "title": f"{inc.sub_event_type}, {inc.place.get('name') or inc.iso2 or ''}",
        "inc": inc,
        "colour": views.colour_of(inc.event_type),
        "sources": sources,
        "claims": views.claim_timeline(inc, docs),
        "fatality_rows": views.fatality_rows(inc, docs),
        "audit": _review_module().audit_log(store, incident_id=inc.id),
        "decisions": _decisions(store, inc),
        "review_status": _review_module().review_status(store, inc.id),
        "sub_event_types": taxonomy.SUB_EVENT_TYPES,
        "field_labels": views.FIELD_LABELS,
        "notice": notice,
        "error": error,
    }
    return _render(request, "incident.html", ctx, status_code=status_code)


def _changes(inc: Incident, form: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    """The fields an edit form changes, or an error message."""
    changes: dict[str, Any] = {}
    raw = str(form.get("fatalities") or "").strip()
    if raw:
        if not raw.isdigit() or int(raw) > 1_000_000:
            return {}, "Fatalities must be a whole number (0 or more)."
        if int(raw) != (inc.fatalities or {}).get("acled"):
            changes["fatalities"] = int(raw)
    sub = str(form.get("sub_event_type") or "").strip()
    if sub and sub != inc.sub_event_type:
        if sub not in taxonomy.SUB_EVENT_TYPES:
            return {}, "Unknown sub-event type."
        changes["sub_event_type"] = sub
    for name in ("actor1", "actor2"):
        value = str(form.get(name) or "").strip()[:200]
        if value and value != (getattr(inc, name) or ""):
            changes[name] = value
    raw_date = str(form.get("date") or "").strip()
    if raw_date:
        try:
            date = dt.date.fromisoformat(raw_date)
        except ValueError:
            return {}, "The date must be YYYY-MM-DD."
        if date != inc.date:
            changes["event_date"] = date.isoformat()
    return changes, None


@router.post("/incidents/{incident_id}/review")
async def review_incident(request: Request, incident_id: str) -> Response:
    user, form, refused = await _analyst_form(request)
    if refused:
        return refused
    store = _store(request)
    inc = store.get_incident(incident_id) if _INCIDENT_ID.match(incident_id) else None
    if inc is None:
        return _not_found(request, f"There is no incident {incident_id}.")
    action = str(form.get("action") or "")
    why = _why(form)
    if action not in REVIEW_ACTIONS:
        return _incident_response(request, user, incident_id, error="Unknown action.", status_code=400)
    changes: dict[str, Any] | None = None
    if action == "edit":
        changes, error = _changes(inc, form)
        if error:
            return _incident_response(request, user, incident_id, error=error, status_code=400)
        if not changes:
            return _incident_response(
                request, user, incident_id, error="The edit changes nothing.", status_code=400
            )
    review = _review_module()
    try:
        review.record_review(
            store, user=user.name, incident_id=incident_id, action=action, changes=changes, why=why
        )
    except review.ReviewInputError as exc:
        return _incident_response(request, user, incident_id, error=str(exc), status_code=400)
    return RedirectResponse(f"/incidents/{quote(incident_id)}?done={action}", status_code=303)


@router.post("/incidents/{incident_id}/split")
async def split_incident(request: Request, incident_id: str) -> Response:
    user, form, refused = await _analyst_form(request)
    if refused:
        return refused
    moving = form.get("report_ids") or []
    if isinstance(moving, str):
        moving = [moving]
    why = _why(form)
    review = _review_module()
    try:
        with _write_lock(_store(request)):
            new_id = review.split_incident(_store(request), incident_id, moving, user=user.name, why=why)
    except review.ReviewInputError as exc:
        return _incident_response(request, user, incident_id, error=str(exc), status_code=400)
    return RedirectResponse(f"/incidents/{quote(new_id)}?done=split", status_code=303)


@router.post("/incidents/{incident_id}/merge")
async def merge_incident(request: Request, incident_id: str) -> Response:
    user, form, refused = await _analyst_form(request)
    if refused:
        return refused
    other = str(form.get("other") or "").strip()
    why = _why(form)
    review = _review_module()
    try:
        with _write_lock(_store(request)):
            keep = review.merge_incidents(_store(request), incident_id, other, user=user.name, why=why)
    except review.ReviewInputError as exc:
        return _incident_response(request, user, incident_id, error=str(exc), status_code=400)
    return RedirectResponse(f"/incidents/{quote(keep)}?done=merge", status_code=303)


@router.get("/review")
def review_queue(request: Request) -> Response:
    user, deny = _viewer(request)
    if deny:
        return deny
    wanted = request.query_params.get("status", "pending")
    if wanted not in ("pending", "accepted", "edited", "rejected", "all"):
        wanted = "pending"
    pairs = _with_status(_store(request))
    statuses = {inc.id: status for inc, status in pairs}
    counts: dict[str, int] = {}
    for s in statuses.values():
        counts[s] = counts.get(s, 0) + 1
    queue = [inc for inc, status in pairs if wanted in ("all", status)]
    # the weakest and most contested first: they need an analyst most
    order = {"contested": 0, "weak": 1, "fair": 2, "confirmed": 3, "discounted": 4}
    queue.sort(key=lambda i: (order.get(i.grade, 5), i.date or dt.date.min, i.id))
    ctx = {
        "user": user,
        "title": "Review queue",
        "queue": queue,
        "wanted": wanted,
        "counts": counts,
        "review_status": statuses,
        "colours": views.EVENT_COLOURS,
    }
    return _render(request, "review.html", ctx)
