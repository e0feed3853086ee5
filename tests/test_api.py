"""The REST API, accounts, sessions, CSRF, review and the audit log (conflictlens.api, store.review).

The store holds the demo articles and the seed article, extracted with the real pipeline once per
module and resolved into a fresh store (SQLite, and PostgreSQL when a test server is available)
for each test.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import socket
import subprocess
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from fastapi import Depends, FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from typer.testing import CliRunner

from conflictlens.api import auth
from conflictlens.api.app import MAX_BODY_BYTES, create_app
from conflictlens.api.auth import SESSION_COOKIE, require_role, safe_next
from conflictlens.cli import app as cli_app
from conflictlens.ingest import read_documents
from conflictlens.ingest.dedup import Deduplicator
from conflictlens.model import Document, Report
from conflictlens.resolve import Resolver
from conflictlens.store import open_store, review

SECRET = "test-secret-for-the-session-cookies"
PASSWORDS = {"vera": "viewer-password", "ana": "analyst-password", "adam": "admin-password"}
ROLES = {"vera": "viewer", "ana": "analyst", "adam": "admin"}


HEDGED_JNIM = "JNIM: Group for Support of Islam and Muslims and/or Islamic State (Greater Sahara)"


@pytest.fixture(scope="module")
def extracted(demo_dir: Path, seed_path: Path) -> list[tuple[Document, list[Report]]]:
    from conflictlens.extract import extract_many

    return list(extract_many(read_documents([demo_dir, seed_path])))


def _fill(url: str, pairs: list[tuple[Document, list[Report]]]) -> None:
    with open_store(url) as store:
        resolver = Resolver(store)
        dedup = Deduplicator()
        for doc, reports in pairs:
            resolver.add_document(doc, reports, dedup)
        for name, password in PASSWORDS.items():
            review.add_user(store, name, password, ROLES[name])


@pytest.fixture
def filled(store_url: str, extracted: list[tuple[Document, list[Report]]]) -> str:
    _fill(store_url, extracted)
    return store_url


@pytest.fixture
def app(filled: str) -> Iterator[FastAPI]:
    application = create_app(filled, secret=SECRET)
    yield application
    application.state.store.close()


@pytest.fixture
def client(app: FastAPI) -> TestClient:
    return TestClient(app)


def login(client: TestClient, name: str, password: str | None = None, role: str | None = None) -> str:
    """Log ``name`` in through the JSON API; return the session's new CSRF token."""
    token = client.get("/api/session").json()["csrf_token"]
    r = client.post(
        "/api/login",
        json={"username": name, "password": password or PASSWORDS[name]},
        headers={"X-CSRF-Token": token},
    )
    assert r.status_code == 200, r.text
    assert r.json()["user"] == {"name": name, "role": role or ROLES[name]}
    new_token: str = r.json()["csrf_token"]
    assert new_token != token  # a login starts a new session
    return new_token


def incidents(client: TestClient, **params: object) -> dict:
    r = client.get("/api/incidents", params={"limit": 500, **params})  # type: ignore[arg-type]
    assert r.status_code == 200, r.text
    return r.json()


def places(client: TestClient, **params: object) -> set[str]:
    return {i["location"] for i in incidents(client, **params)["items"]}


def incident_at(client: TestClient, location: str) -> dict:
    found = [i for i in incidents(client)["items"] if i["location"] == location]
    assert len(found) == 1, found
    return found[0]


# -- who may do what --------------------------------------------------------------------------------


def test_reads_need_a_login_and_writes_the_role(client: TestClient) -> None:
    assert client.get("/api/incidents").status_code == 401
    assert client.get("/api/export?format=acled").status_code == 401
    token = client.get("/api/session").json()["csrf_token"]
    menaka_id = "INC-does-not-matter"
    r = client.post(
        f"/api/incidents/{menaka_id}/review", json={"action": "accept"}, headers={"X-CSRF-Token": token}
    )
    assert r.status_code == 401

    token = login(client, "vera")
    menaka = incident_at(client, "Ménaka")
    r = client.post(
        f"/api/incidents/{menaka['id']}/review", json={"action": "accept"}, headers={"X-CSRF-Token": token}
    )
    assert r.status_code == 403
    assert review.review_status(client.app.state.store, menaka["id"]) == "pending"  # type: ignore[attr-defined]
    assert client.get("/api/users").status_code == 403

    token = login(client, "ana")
    r = client.post(
        f"/api/incidents/{menaka['id']}/review", json={"action": "accept"}, headers={"X-CSRF-Token": token}
    )
    assert r.status_code == 200, r.text
    assert r.json()["incident"]["review"] == "accepted"
    assert client.get("/api/users").status_code == 403  # accounts are for admins
    r = client.post(
        "/api/users",
        json={"name": "eve", "password": "long-enough-pw", "role": "admin"},
        headers={"X-CSRF-Token": token},
    )
    assert r.status_code == 403


def test_public_mode_reads_without_login_but_writes_need_one(filled: str) -> None:
    application = create_app(filled, public=True, secret=SECRET)
    try:
        client = TestClient(application)
        session = client.get("/api/session").json()
        assert session["public"] is True and session["logged_in"] is False
        assert session["user"] == {"name": "public", "role": "viewer"}
        assert incidents(client)["total"] == 6
        token = session["csrf_token"]
        item = incidents(client)["items"][0]
        r = client.post(
            f"/api/incidents/{item['id']}/review", json={"action": "reject"}, headers={"X-CSRF-Token": token}
        )
        assert r.status_code == 401
        r = client.post("/api/documents", json={"text": "x" * 100}, headers={"X-CSRF-Token": token})
        assert r.status_code == 401
        token = login(client, "ana")
        r = client.post(
            f"/api/incidents/{item['id']}/review", json={"action": "reject"}, headers={"X-CSRF-Token": token}
        )
        assert r.status_code == 200
    finally:
        application.state.store.close()


def test_admin_manages_accounts(client: TestClient) -> None:
    token = login(client, "adam")
    assert [u["name"] for u in client.get("/api/users").json()] == ["adam", "ana", "vera"]
    new = {"name": "nadia", "password": "nadia-password", "role": "analyst"}
    r = client.post("/api/users", json=new, headers={"X-CSRF-Token": token})
    assert r.status_code == 201 and r.json() == {"name": "nadia", "role": "analyst"}
    assert client.post("/api/users", json=new, headers={"X-CSRF-Token": token}).status_code == 409
    short = {"name": "bob", "password": "short", "role": "viewer"}
    assert client.post("/api/users", json=short, headers={"X-CSRF-Token": token}).status_code == 422
    bad_name = {"name": "../etc", "password": "long-enough-pw", "role": "viewer"}
    assert client.post("/api/users", json=bad_name, headers={"X-CSRF-Token": token}).status_code == 422
    entry = client.get("/api/audit").json()["items"][-1]
    assert (entry["user"], entry["action"], entry["after"]) == (
        "adam",
        "add_user",
        {"name": "nadia", "role": "analyst"},
    )
    login(TestClient(client.app), "nadia", "nadia-password", "analyst")


# -- sessions, CSRF, login ----------------------------------------------------------------------------


def test_csrf_is_required_on_every_write(client: TestClient) -> None:
    token = login(client, "ana")
    item = incident_at(client, "Niamey")
    url = f"/api/incidents/{item['id']}/review"
    assert client.post(url, json={"action": "accept"}).status_code == 403
    assert client.post(url, json={"action": "accept"}, headers={"X-CSRF-Token": "forged"}).status_code == 403
    # a token from another session does not work either
    stranger = TestClient(client.app).get("/api/session").json()["csrf_token"]
    assert client.post(url, json={"action": "accept"}, headers={"X-CSRF-Token": stranger}).status_code == 403
    assert client.post("/api/logout").status_code == 403
    assert review.audit_log(client.app.state.store, item["id"]) == []  # type: ignore[attr-defined]
    # the form field works for HTML forms
    r = client.post("/logout", data={"csrf_token": token}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/login"
    assert client.get("/api/incidents").status_code == 401


def test_login_form_sets_a_safe_cookie_and_redirects_locally(app: FastAPI) -> None:
    client = TestClient(app)
    page = client.get("/login?next=/api/session")
    assert page.status_code == 200
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token is not None
    assert f'<meta name="csrf-token" content="{token.group(1)}">' in page.text
    form = {"username": "ana", "password": PASSWORDS["ana"], "next": "/api/session"}
    assert client.post("/login", data=form, follow_redirects=False).status_code == 403  # no token
    r = client.post("/login", data={**form, "csrf_token": token.group(1)}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/api/session"
    cookie = r.headers["set-cookie"]
    assert cookie.startswith(f"{SESSION_COOKIE}=")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    assert client.get("/api/session").json()["user"] == {"name": "ana", "role": "analyst"}

    wrong = {**form, "password": "nope", "csrf_token": client.get("/api/session").json()["csrf_token"]}
    r = client.post("/login", data=wrong, follow_redirects=False)
    assert r.status_code == 401 and "wrong user name or password" in r.text

    secure = TestClient(app, base_url="https://testserver")
    secure.get("/login")
    token2 = secure.get("/api/session").json()["csrf_token"]
    r = secure.post(
        "/login",
        data={**form, "next": "https://evil.example/", "csrf_token": token2},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == "/"  # no open redirect
    assert "Secure" in r.headers["set-cookie"]


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/incidents?country=ML", "/incidents?country=ML"),
        ("//evil.example/x", "/"),
        ("/\\evil.example", "/"),
        ("https://evil.example", "/"),
        ("javascript:alert(1)", "/"),
        ("/ok\r\nSet-Cookie: x=1", "/"),
        ("", "/"),
    ],
)
def test_next_is_only_a_local_path(target: str, expected: str) -> None:
    assert safe_next(target) == expected


def test_pages_send_browsers_to_the_login_page(app: FastAPI) -> None:
    def page() -> str:
        return "the page"

    app.add_api_route("/needs-login", page, dependencies=[Depends(require_role("analyst"))])
    client = TestClient(app)
    html = {"accept": "text/html"}
    r = client.get("/needs-login?x=1", headers=html, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/login?next=%2Fneeds-login%3Fx%3D1"
    assert client.get("/needs-login").status_code == 401  # not a browser
    assert client.get("/api/incidents", headers=html, follow_redirects=False).status_code == 401  # the API
    login(client, "vera")
    assert client.get("/needs-login", headers=html).status_code == 403
    login(client, "ana")
    assert client.get("/needs-login", headers=html).json() == "the page"


def test_a_tampered_session_cookie_is_ignored(client: TestClient) -> None:
    login(client, "vera")
    value = client.cookies[SESSION_COOKIE]
    payload, signature = value.split(".")
    data = json.loads(_unb64(payload))
    data["d"]["user"] = "adam"
    forged = _b64(json.dumps(data).encode()) + "." + signature
    client.cookies.set(SESSION_COOKIE, forged)
    assert client.get("/api/users").status_code == 401
    assert client.get("/api/session").json()["user"] is None


def _b64(data: bytes) -> str:
    import base64

    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text_: str) -> bytes:
    import base64

    return base64.urlsafe_b64decode(text_ + "=" * (-len(text_) % 4))


def test_login_attempts_are_rate_limited(client: TestClient) -> None:
    token = client.get("/api/session").json()["csrf_token"]
    headers = {"X-CSRF-Token": token}
    for _ in range(5):
        r = client.post("/api/login", json={"username": "ana", "password": "guess-again"}, headers=headers)
        assert r.status_code == 401
    r = client.post("/api/login", json={"username": "ana", "password": PASSWORDS["ana"]}, headers=headers)
    assert r.status_code == 429 and int(r.headers["retry-after"]) == 300
    assert client.get("/api/session").json()["logged_in"] is False
    # another account from the same address is not locked out
    login(client, "vera")


def test_logout_ends_copied_sessions(app: FastAPI) -> None:
    """A session cookie copied before the logout (or another browser's) is refused after it."""
    client = TestClient(app)
    token = login(client, "ana")
    copied = client.cookies[SESSION_COOKIE]
    other = TestClient(app)
    login(other, "ana")
    thief = TestClient(app)
    thief.cookies.set(SESSION_COOKIE, copied)
    assert thief.get("/api/session").json()["user"] == {"name": "ana", "role": "analyst"}
    assert client.post("/api/logout", headers={"X-CSRF-Token": token}).json()["logged_in"] is False
    for c in (thief, other):
        assert c.get("/api/session").json()["user"] is None
        assert c.get("/api/incidents").status_code == 401
    # logging in again at once works, and so does the web form's logout
    token = login(client, "ana")
    assert client.get("/api/incidents").status_code == 200
    copied = client.cookies[SESSION_COOKIE]
    r = client.post("/logout", data={"csrf_token": token}, follow_redirects=False)
    assert r.status_code == 303
    thief.cookies.set(SESSION_COOKIE, copied)
    assert thief.get("/api/incidents").status_code == 401
    # another account's sessions are not affected
    login(other, "vera")
    assert other.get("/api/incidents").status_code == 200


def test_parallel_logins_cannot_pass_the_rate_limit(app: FastAPI, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each attempt counts before its password is checked, so parallel guesses all count."""
    store = app.state.store
    counted: list[int] = []
    verify = review.verify_user

    def counting_verify(store_: object, name: str, password: str) -> review.User | None:
        counted.append(review.recent_failures(store, name, "testclient", auth.LOGIN_WINDOW))
        return verify(store, name, password)

    monkeypatch.setattr(review, "verify_user", counting_verify)

    def attempt(i: int) -> int:
        c = TestClient(app)
        token = c.get("/api/session").json()["csrf_token"]
        body = {"username": "adam", "password": f"guess-{i}"}
        return c.post("/api/login", json=body, headers={"X-CSRF-Token": token}).status_code

    with ThreadPoolExecutor(max_workers=12) as pool:
        codes = list(pool.map(attempt, range(24)))
    assert codes.count(401) <= auth.LOGIN_MAX_FAILURES and codes.count(401) + codes.count(429) == 24
    # at most the allowed failures reach the password check, each already counted when it does; under
    # enough concurrency every attempt may be counted before any is checked, and none reaches it
    assert len(counted) <= auth.LOGIN_MAX_FAILURES and all(n >= 1 for n in counted)
    # the right password is refused too now, and a success resets the count (after the window)
    c = TestClient(app)
    token = c.get("/api/session").json()["csrf_token"]
    r = c.post(
        "/api/login",
        json={"username": "adam", "password": PASSWORDS["adam"]},
        headers={"X-CSRF-Token": token},
    )
    assert r.status_code == 429


def test_a_successful_login_clears_the_failures(client: TestClient) -> None:
    token = client.get("/api/session").json()["csrf_token"]
    for _ in range(4):
        r = client.post(
            "/api/login", json={"username": "ana", "password": "nope"}, headers={"X-CSRF-Token": token}
        )
        assert r.status_code == 401
    login(client, "ana")
    store = client.app.state.store  # type: ignore[attr-defined]
    assert review.recent_failures(store, "ana", "testclient", auth.LOGIN_WINDOW) == 0
    token = client.get("/api/session").json()["csrf_token"]
    for _ in range(5):
        r = client.post(
            "/api/login", json={"username": "ana", "password": "nope"}, headers={"X-CSRF-Token": token}
        )
        assert r.status_code == 401


def test_non_ascii_cookies_and_csrf_tokens_are_refused_not_errors(client: TestClient) -> None:
    for value in ("\u00e9.abc", "abc.\u00e9", "\u00e9"):
        cookie = f"{SESSION_COOKIE}={value}".encode("latin-1")
        r = client.get("/api/session", headers={"cookie": cookie})  # type: ignore[dict-item]
        assert r.status_code == 200 and r.json()["user"] is None
        r = client.get("/login", headers={"cookie": cookie})  # type: ignore[dict-item]
        assert r.status_code == 200
    client.cookies.clear()
    login(client, "ana")
    r = client.post("/api/logout", headers={"X-CSRF-Token": "\u00e9".encode("latin-1")})  # type: ignore[dict-item]
    assert r.status_code == 403
    assert (
        client.post("/logout", data={"csrf_token": "\u00e9t\u00e9"}, follow_redirects=False).status_code
        == 403
    )
    assert client.get("/api/session").json()["logged_in"] is True


def test_account_entries_of_the_audit_log_are_for_admins(filled: str) -> None:
    """Viewers, analysts and the public do not learn account names and roles from the audit log."""
    application = create_app(filled, public=True, secret=SECRET)
    try:
        client = TestClient(application)
        token = login(client, "ana")
        item = incident_at(client, "Gao")["id"]
        assert _review(client, token, item, action="accept").status_code == 200
        for who in (None, "vera", "ana"):
            c = TestClient(application)
            if who:
                login(c, who)
            page = c.get("/api/audit").json()
            assert [e["action"] for e in page["items"]] == ["accept"], who
            assert page["total"] == 1
            assert "adam" not in json.dumps(page)
        c = TestClient(application)
        login(c, "adam")
        page = c.get("/api/audit").json()
        assert [e["action"] for e in page["items"]] == ["add_user"] * 3 + ["accept"]
        assert page["total"] == 4
    finally:
        application.state.store.close()


def test_every_response_forbids_framing(client: TestClient) -> None:
    for path in ("/login", "/api/docs", "/api/session", "/api/openapi.json", "/api/incidents", "/map"):
        r = client.get(path, headers={"accept": "text/html"}, follow_redirects=False)
        assert r.headers["x-frame-options"] == "DENY", path
        assert "frame-ancestors 'none'" in r.headers["content-security-policy"], path
    login(client, "vera")
    policy = client.get("/map").headers["content-security-policy"]  # the page's own, strict policy
    assert "script-src 'self'" in policy and policy.count("frame-ancestors") == 1
    assert "swagger" in client.get("/api/docs").text.lower()  # the docs still load


def test_request_bodies_are_limited(filled: str) -> None:
    """A too large body is refused (413) before anything reads it, logged in or not, declared or chunked."""
    assert MAX_BODY_BYTES == 16 * 1024 * 1024
    application = create_app(filled, secret=SECRET, max_body_bytes=4096)
    try:
        client = TestClient(application)
        big = b'{"text": "' + b"A" * 5000 + b'"}'
        headers = {"content-type": "application/json"}
        r = client.post("/api/documents", content=big, headers=headers)  # no session, no CSRF token
        assert r.status_code == 413 and "larger than 4096 bytes" in r.json()["detail"]
        chunks = (big[i : i + 1000] for i in range(0, len(big), 1000))  # no Content-Length
        assert client.post("/api/documents", content=chunks, headers=headers).status_code == 413
        form = {"content-type": "application/x-www-form-urlencoded"}
        assert client.post("/login", content=b"username=" + b"a" * 5000, headers=form).status_code == 413
        token = login(client, "ana")  # small bodies pass
        small = {**headers, "X-CSRF-Token": token}
        assert client.post("/api/documents", content=big, headers=small).status_code == 413
        chunks = (big[i : i + 1000] for i in range(0, len(big), 1000))
        assert client.post("/api/documents", content=chunks, headers=small).status_code == 413
        r = client.post("/api/documents", json={"text": "x"}, headers={"X-CSRF-Token": token})
        assert r.status_code != 413
    finally:
        application.state.store.close()
    # the default limit
    application = create_app(filled, secret=SECRET)
    try:
        client = TestClient(application)
        huge = b'{"text": "' + b"A" * MAX_BODY_BYTES + b'"}'
        assert client.post("/api/documents", content=huge, headers=headers).status_code == 413
    finally:
        application.state.store.close()


# -- lists: filters, pagination, sorting --------------------------------------------------------------


def test_incident_filters(client: TestClient) -> None:
    login(client, "vera")
    everything = places(client)
    assert everything == {"Djibo", "Songho", "Niamey", "Ménaka", "Anefis", "Gao"}
    assert places(client, country="BF") == {"Djibo"}
    assert places(client, country="niger") == {"Niamey"}
    assert places(client, country="ML") == {"Songho", "Ménaka", "Anefis", "Gao"}
    assert places(client, event_type="Protests") == {"Niamey"}
    assert places(client, sub_event_type="Remote explosive/landmine/IED") == {"Ménaka"}
    assert places(client, start="2024-03-15", end="2024-03-31") == {"Ménaka", "Anefis"}
    assert places(client, end="2024-03-06") == {"Songho"}
    assert places(client, admin1="menaka") == {"Ménaka"}  # any case, without accents
    assert places(client, actor="islamic state") == {"Ménaka"}
    assert places(client, status="under investigation") == {"Songho", "Gao"}
    assert places(client, status="contested") >= {"Anefis"}
    assert places(client, bbox="-2,13.5,-1,14.5") == {"Djibo"}
    assert places(client, bbox="-6,10,5,15") == {"Djibo", "Songho", "Niamey"}
    assert places(client, q="market") == {"Anefis"}  # in the document's text
    assert places(client, q="Wagner mercenaries") == {"Gao"}  # every word, anywhere in the sources
    assert places(client, q="Wagner teachers") == set()
    assert places(client, q="05-kidal-drone-strike") == {"Anefis"}  # a source's id
    assert places(client, q="100% _x_") == set()  # LIKE wildcards are plain characters
    assert places(client, country="ML", event_type="Violence against civilians") == {"Songho", "Gao"}


def test_bad_filters_are_422(client: TestClient) -> None:
    login(client, "vera")
    for params in (
        {"bbox": "1,2,3"},
        {"bbox": "5,10,-6,16"},
        {"bbox": "a,b,c,d"},
        {"bbox": "nan,0,1,1"},
        {"start": "2024-04-01", "end": "2024-03-01"},
        {"start": "yesterday"},
        {"event_type": "Party"},
        {"sub_event_type": "Picnic"},
        {"status": "rumoured"},
        {"limit": 0},
        {"limit": 501},
        {"offset": -1},
        {"sort": "colour"},
        {"q": "\x00"},
    ):
        assert client.get("/api/incidents", params=params).status_code == 422, params


def test_pagination_and_sorting(client: TestClient) -> None:
    login(client, "vera")
    seen: list[str] = []
    for offset in (0, 2, 4, 6):
        body = incidents(client, limit=2, offset=offset, sort="id")
        assert body["total"] == 6 and body["limit"] == 2 and body["offset"] == offset
        seen += [i["id"] for i in body["items"]]
    assert seen == sorted(seen) and len(set(seen)) == 6

    by_toll = [i["fatalities"] for i in incidents(client, sort="-fatalities")["items"]]
    assert by_toll == sorted(by_toll, reverse=True) and by_toll[0] == 26  # Djibo: 26 in all
    dates = [i["date"] for i in incidents(client, sort="date")["items"]]
    assert dates[-1] is None  # the seed article gives no date: undated last
    assert dates[:-1] == sorted(dates[:-1]) and dates[0] == "2024-03-06"
    newest = [i["date"] for i in incidents(client)["items"]]  # default: newest first
    assert newest[0] == "2024-03-23" and newest[-1] is None


def test_events_and_documents(client: TestClient) -> None:
    login(client, "vera")
    events = client.get("/api/events", params={"limit": 500}).json()
    assert events["total"] == 6
    assert {e["doc_id"] for e in events["items"]} >= {"01-djibo-convoy-ambush", "seed-mali-executions"}
    assert all(e["incident_id"] and e["incident_id"].startswith("INC-") for e in events["items"])
    ml = client.get("/api/events", params={"country": "ML", "q": "drone"}).json()
    assert [e["doc_id"] for e in ml["items"]] == ["05-kidal-drone-strike"]

    docs = client.get("/api/documents").json()
    assert docs["total"] == 6 and "text" not in docs["items"][0]
    assert [d["id"] for d in client.get("/api/documents", params={"q": "teachers"}).json()["items"]] == [
        "03-niamey-teachers-sit-in"
    ]
    doc = client.get("/api/documents/04-menaka-ied").json()
    assert doc["title"] == "Four soldiers killed by roadside bomb near Ménaka"
    assert doc["reports"] and doc["reports"][0]["incident_id"] == incident_at(client, "Ménaka")["id"]
    for span in doc["reports"][0]["spans"]:
        assert doc["text"][span["start"] : span["end"]] == span["text"]
    assert client.get("/api/documents/no-such-doc").status_code == 404


def test_incident_detail_has_reports_spans_claims_and_history(client: TestClient) -> None:
    token = login(client, "ana")
    gao = incident_at(client, "Gao")
    detail = client.get(f"/api/incidents/{gao['id']}").json()
    assert detail["incident"]["id"] == gao["id"]
    assert detail["review"] == {"status": "pending", "changes": {}, "history": []}
    assert [d["id"] for d in detail["documents"]] == ["seed-mali-executions"]
    (report,) = detail["reports"]
    text_ = client.get("/api/documents/seed-mali-executions").json()["text"]
    assert report["spans"] and all(text_[s["start"] : s["end"]] == s["text"] for s in report["spans"])
    stances = {c["stance"] for c in detail["incident"]["claims"]}
    assert {"alleges", "denies"} <= stances
    assert "under investigation" in detail["incident"]["status"]
    assert detail["resolved"]["fatalities"] == 24

    r = client.post(
        f"/api/incidents/{gao['id']}/review",
        json={"action": "edit", "changes": {"fatalities": 20}, "why": "the army's count"},
        headers={"X-CSRF-Token": token},
    )
    assert r.status_code == 200
    detail = client.get(f"/api/incidents/{gao['id']}").json()
    assert detail["review"]["status"] == "edited" and detail["review"]["changes"] == {"fatalities": 20}
    (entry,) = detail["review"]["history"]
    assert entry["user"] == "ana" and entry["why"] == "the army's count"
    assert detail["incident"]["fatalities"]["acled"] == 20 and detail["resolved"]["fatalities"] == 24
    assert client.get("/api/incidents/INC-nothing").status_code == 404


# -- review and the audit log ---------------------------------------------------------------------------


def _review(client: TestClient, token: str, incident_id: str, **body: object) -> httpx.Response:
    return client.post(f"/api/incidents/{incident_id}/review", json=body, headers={"X-CSRF-Token": token})


def _cli_export(runner: CliRunner, url: str) -> list[dict[str, str]]:
    result = runner.invoke(cli_app, ["export", "--incidents", "--format", "acled", "--db", url])
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.stdout)))


def test_edits_and_rejections_reach_every_export(client: TestClient, filled: str, runner: CliRunner) -> None:
    token = login(client, "ana")
    djibo = incident_at(client, "Djibo")
    niamey = incident_at(client, "Niamey")
    assert djibo["actor1"] != HEDGED_JNIM and djibo["fatalities"] != 11  # the edit changes both
    r = _review(
        client,
        token,
        djibo["id"],
        action="edit",
        changes={"fatalities": 11, "actor1": HEDGED_JNIM, "inter1": 2},
        why="the army's toll counts attackers; JNIM is named",
    )
    assert r.status_code == 200, r.text
    assert r.json()["incident"]["fatalities"] == 11 and r.json()["incident"]["review"] == "edited"
    assert _review(client, token, niamey["id"], action="reject", why="not news").status_code == 200

    listed = places(client)
    assert "Niamey" not in listed and len(listed) == 5
    assert places(client, review="rejected") == {"Niamey"}
    assert places(client, include_rejected=True) >= {"Niamey"}
    assert places(client, actor="JNIM") == {"Djibo"}  # filters see reviewed values

    api_rows = list(csv.DictReader(io.StringIO(client.get("/api/export", params={"format": "acled"}).text)))
    cli_rows = _cli_export(runner, filled)
    for rows in (api_rows, cli_rows):
        assert {row["location"] for row in rows} == {"Djibo", "Songho", "Ménaka", "Anefis", "Gao"}
        (row,) = [row for row in rows if row["location"] == "Djibo"]
        assert row["fatalities"] == "11" and row["actor1"].startswith("JNIM") and row["inter1"] == "2"
    lines = client.get("/api/export", params={"format": "jsonl"}).text.splitlines()
    assert {json.loads(line)["place"]["name"] for line in lines} == {
        "Djibo",
        "Songho",
        "Ménaka",
        "Anefis",
        "Gao",
    }
    features = client.get("/api/export", params={"format": "geojson"}).json()["features"]
    (feature,) = [f for f in features if f["properties"]["location"] == "Djibo"]
    assert feature["properties"]["fatalities"] == 11

    # accepting keeps the edit; accepting the rejected one brings it back
    assert _review(client, token, djibo["id"], action="accept").json()["incident"]["fatalities"] == 11
    assert _review(client, token, niamey["id"], action="accept").status_code == 200
    assert {row["location"] for row in _cli_export(runner, filled)} >= {"Niamey"}

    log = client.get("/api/audit", params={"incident_id": djibo["id"]}).json()
    assert log["total"] == 2
    edit, accept = log["items"]
    assert (edit["action"], edit["user"]) == ("edit", "ana")
    # before and after hold exactly the fields the edit changed (inter1 only if the machine's differed)
    assert set(edit["before"]) == set(edit["after"])
    assert set(edit["before"]) <= {"actor1", "inter1", "fatalities", "review"}
    assert {k: edit["before"][k] for k in ("actor1", "fatalities", "review")} == {
        "actor1": djibo["actor1"],
        "fatalities": djibo["fatalities"],
        "review": "pending",
    }
    assert {k: edit["after"][k] for k in ("actor1", "fatalities", "review")} == {
        "actor1": HEDGED_JNIM,
        "fatalities": 11,
        "review": "edited",
    }
    assert edit["after"].get("inter1", 2) == 2
    assert edit["why"] == "the army's toll counts attackers; JNIM is named"
    assert accept["before"] == {"review": "edited"} and accept["after"] == {"review": "accepted"}
    assert edit["at"] <= accept["at"]
    queue = client.get("/api/review/queue").json()
    assert queue["total"] == 4 and djibo["id"] not in {i["id"] for i in queue["items"]}
    accepted = client.get("/api/review/queue", params={"status": "accepted"}).json()
    assert {i["id"] for i in accepted["items"]} == {djibo["id"], niamey["id"]}


def test_edits_survive_re_resolution(client: TestClient, filled: str) -> None:
    token = login(client, "ana")
    djibo = incident_at(client, "Djibo")
    assert _review(client, token, djibo["id"], action="edit", changes={"fatalities": 11}).status_code == 200
    with open_store(filled) as store:
        Resolver(store).rebuild()
    assert incident_at(client, "Djibo")["fatalities"] == 11


def test_invalid_reviews_are_refused(client: TestClient) -> None:
    token = login(client, "ana")
    menaka = incident_at(client, "Ménaka")["id"]
    for body in (
        {"action": "edit", "changes": {"colour": "red"}},
        {"action": "edit", "changes": {"fatalities": -3}},
        {"action": "edit", "changes": {"fatalities": True}},
        {"action": "edit", "changes": {"event_date": "last week"}},
        {"action": "edit", "changes": {"latitude": 123.0}},
        {"action": "edit", "changes": {"event_type": "Protests"}},  # not the kind of an IED
        {"action": "edit", "changes": {"actor2": "a\x00b"}},
        {"action": "edit", "changes": {"sub_event_type": ["Armed clash"]}},  # not a string: 422, not 500
        {"action": "edit", "changes": {"sub_event_type": {"Armed clash": 1}}},
        {"action": "edit", "changes": {"event_type": ["Battles"]}},
        {"action": "edit", "changes": {"event_type": {"Battles": 1}}},
        {"action": "edit", "changes": {"event_date": ["2024-03-10"]}},
        {"action": "edit", "changes": {"event_date": 20240310}},
        {"action": "edit", "changes": {}},
        {"action": "edit", "changes": {"fatalities": 4}},  # changes nothing
        {"action": "accept", "changes": {"fatalities": 3}},
        {"action": "ban"},
    ):
        assert _review(client, token, menaka, **body).status_code == 422, body
    assert _review(client, token, "INC-000000000000", action="accept").status_code == 404
    # a new sub-event type brings its event type along
    r = _review(client, token, menaka, action="edit", changes={"sub_event_type": "Armed clash"})
    assert r.status_code == 200 and r.json()["incident"]["event_type"] == "Battles"
    assert review.audit_count(client.app.state.store, menaka) == 1  # type: ignore[attr-defined]


def test_the_audit_log_is_append_only(client: TestClient) -> None:
    token = login(client, "ana")
    gao = incident_at(client, "Gao")["id"]
    assert _review(client, token, gao, action="reject", why="duplicate").status_code == 200
    store = client.app.state.store  # type: ignore[attr-defined]
    assert not hasattr(review, "delete_audit") and not hasattr(review, "update_audit")
    for sql in ("UPDATE audit_log SET why = 'nothing happened'", "DELETE FROM audit_log"):
        with pytest.raises(DBAPIError), store.engine.begin() as conn:
            conn.execute(text(sql))
    entries = review.audit_log(store, gao)
    assert [(e.action, e.why) for e in entries] == [("reject", "duplicate")]


def test_merge_and_split(client: TestClient, runner: CliRunner, filled: str) -> None:
    token = login(client, "vera")
    menaka, anefis = incident_at(client, "Ménaka"), incident_at(client, "Anefis")
    r = client.post(
        f"/api/incidents/{menaka['id']}/merge", json={"other": anefis["id"]}, headers={"X-CSRF-Token": token}
    )
    assert r.status_code == 403
    token = login(client, "ana")
    r = client.post(
        f"/api/incidents/{menaka['id']}/merge",
        json={"other": anefis["id"], "why": "one operation"},
        headers={"X-CSRF-Token": token},
    )
    assert r.status_code == 200, r.text
    assert r.json()["incident_id"] == menaka["id"]
    assert incidents(client)["total"] == 5 and "Anefis" not in places(client)
    merged = client.get(f"/api/incidents/{menaka['id']}").json()
    assert sorted(merged["incident"]["report_ids"]) == ["04-menaka-ied#0", "05-kidal-drone-strike#0"]
    assert merged["incident"]["reviewed"] is True
    (entry,) = merged["review"]["history"]
    assert entry["action"] == "merge" and entry["after"]["merged_from"] == anefis["id"]
    assert entry["before"] == {"report_ids": ["04-menaka-ied#0"]} and entry["why"] == "one operation"
    assert client.get("/api/audit", params={"incident_id": anefis["id"]}).json()["items"][0]["after"] == {
        "report_ids": [],
        "merged_into": menaka["id"],
    }
    # the CLI sees the merge
    rows = _cli_export(runner, filled)
    assert len(rows) == 5

    r = client.post(
        f"/api/incidents/{menaka['id']}/split",
        json={"report_ids": ["05-kidal-drone-strike#0"], "why": "two events after all"},
        headers={"X-CSRF-Token": token},
    )
    assert r.status_code == 200, r.text
    new_id = r.json()["incident_id"]
    assert new_id != menaka["id"] and incidents(client)["total"] == 6
    split = client.get(f"/api/incidents/{new_id}").json()
    assert split["incident"]["report_ids"] == ["05-kidal-drone-strike#0"]
    assert split["review"]["history"][-1]["after"]["split_from"] == menaka["id"]
    bad = client.post(
        f"/api/incidents/{menaka['id']}/split",
        json={"report_ids": ["nope#0"]},
        headers={"X-CSRF-Token": token},
    )
    assert bad.status_code == 422
    unknown = client.post(
        "/api/incidents/INC-000000000000/merge", json={"other": new_id}, headers={"X-CSRF-Token": token}
    )
    assert unknown.status_code == 404


# -- ingest ------------------------------------------------------------------------------------------------


def test_ingest_runs_the_real_pipeline(
    store_url: str, extracted: list[tuple[Document, list[Report]]], seed_path: Path
) -> None:
    _fill(store_url, [(d, r) for d, r in extracted if d.id != "seed-mali-executions"])
    application = create_app(store_url, secret=SECRET)
    try:
        client = TestClient(application)
        seed = {
            "text": seed_path.read_text(encoding="utf-8"),
            "url": "https://example.org/mali",
            "source": "Wire",
        }
        token = login(client, "vera")
        assert client.post("/api/documents", json=seed, headers={"X-CSRF-Token": token}).status_code == 403
        token = login(client, "ana")
        r = client.post("/api/documents", json=seed, headers={"X-CSRF-Token": token})
        assert r.status_code == 201, r.text
        body = r.json()
        assert body["stored"] is True and body["events"] == 1 and len(body["incidents"]) == 1
        assert body["doc_id"].startswith("mali-launches-investigation-into-allegations")
        (incident,) = [i for i in incidents(client)["items"] if i["id"] == body["incidents"][0]]
        assert incident["location"] == "Gao" and incident["fatalities"] == 24
        assert {"contested", "under investigation"} <= set(incident["status"])
        doc = client.get(f"/api/documents/{body['doc_id']}").json()
        assert doc["url"] == "https://example.org/mali" and doc["source"] == "Wire"

        again = client.post("/api/documents", json=seed, headers={"X-CSRF-Token": token})
        assert again.status_code == 200 and again.json()["stored"] is False
        copy = client.post(
            "/api/documents",
            json={**seed, "id": "syndicated-copy", "url": "https://example.com/copy"},
            headers={"X-CSRF-Token": token},
        )
        assert copy.status_code == 200 and copy.json()["duplicate_of"] == body["doc_id"]
        detail = client.get(f"/api/incidents/{body['incidents'][0]}").json()
        assert "https://example.com/copy" in detail["incident"]["sources"][0]["copies"]
        taken = client.post(
            "/api/documents",
            json={"text": "Another text entirely, long enough to keep.", "id": body["doc_id"]},
            headers={"X-CSRF-Token": token},
        )
        assert taken.status_code == 409
        assert (
            client.post("/api/documents", json={"text": "short"}, headers={"X-CSRF-Token": token}).status_code
            == 422
        )
        r = client.post(
            "/api/documents", json={**seed, "country": "Atlantis"}, headers={"X-CSRF-Token": token}
        )
        assert r.status_code == 422
        ingests = [e for e in review.audit_log(application.state.store) if e.action == "ingest"]
        assert [e.after["doc_id"] for e in ingests] == [body["doc_id"]] and ingests[0].user == "ana"
    finally:
        application.state.store.close()


# -- exports ---------------------------------------------------------------------------------------------


def test_exports_in_every_format(client: TestClient, acled_31: list[str]) -> None:
    login(client, "vera")
    r = client.get("/api/export", params={"format": "acled"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert 'filename="conflictlens-incidents.csv"' in r.headers["content-disposition"]
    reader = csv.DictReader(io.StringIO(r.text))
    rows = list(reader)
    assert list(reader.fieldnames or [])[:31] == acled_31 and len(rows) == 6
    ml = list(
        csv.DictReader(
            io.StringIO(client.get("/api/export", params={"format": "acled", "country": "ML"}).text)
        )
    )
    assert {row["country"] for row in ml} == {"Mali"} and len(ml) == 4
    geo = client.get("/api/export", params={"format": "geojson", "bbox": "-2,13.5,-1,14.5"})
    assert geo.headers["content-type"] == "application/geo+json"
    (feature,) = geo.json()["features"]
    assert feature["properties"]["location"] == "Djibo"
    lon, lat = feature["geometry"]["coordinates"]
    assert -2 <= lon <= -1 and 13.5 <= lat <= 14.5
    events = client.get("/api/export", params={"format": "jsonl", "of": "events"}).text.splitlines()
    assert len(events) == 6 and all(json.loads(line)["events"] for line in events)  # one line per document
    named = client.get("/api/export/events.csv")
    assert named.status_code == 200 and len(list(csv.DictReader(io.StringIO(named.text)))) == 6
    assert client.get("/api/export/incidents.geojson").json()["type"] == "FeatureCollection"


@pytest.mark.parametrize(
    "path",
    [
        "/api/export/..%2F..%2Fpyproject.toml",
        "/api/export/%2e%2e%2fpyproject.toml",
        "/api/export/incidents.csv%00.txt",
        "/api/export/../../etc/passwd",
        "/api/export/..\\..\\pyproject.toml",
        "/api/export?format=../../pyproject.toml",
        "/api/export?of=../../etc/passwd",
    ],
)
def test_no_path_traversal_in_exports(client: TestClient, path: str) -> None:
    login(client, "vera")
    r = client.get(path)
    assert r.status_code in (404, 422)
    assert "[project]" not in r.text and "root:" not in r.text


def test_openapi_and_docs(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    for path in (
        "/api/incidents",
        "/api/incidents/{incident_id}",
        "/api/export",
        "/api/documents",
        "/api/audit",
    ):
        assert path in spec["paths"]
    params = {p["name"] for p in spec["paths"]["/api/incidents"]["get"]["parameters"]}
    assert {
        "start",
        "end",
        "country",
        "admin1",
        "event_type",
        "actor",
        "status",
        "bbox",
        "q",
        "sort",
    } <= params
    assert client.get("/api/docs").status_code == 200


# -- command line ------------------------------------------------------------------------------------------


def test_cli_user_add_and_list(tmp_path: Path, runner: CliRunner) -> None:
    db = str(tmp_path / "users.db")
    r = runner.invoke(
        cli_app,
        ["user", "add", "ana", "--role", "analyst", "--password-stdin", "--db", db],
        input="s3cret-pass\n",
    )
    assert r.exit_code == 0, r.output
    r = runner.invoke(cli_app, ["user", "add", "vera", "--db", db], input="viewer-pass\nviewer-pass\n")
    assert r.exit_code == 0, r.output
    r = runner.invoke(
        cli_app,
        ["user", "add", "max", "--db", db],
        input="one-password\nanother-one\none-password\none-password\n",
    )
    assert r.exit_code == 0, r.output  # a mismatch asks again
    r = runner.invoke(cli_app, ["user", "add", "ana", "--password-stdin", "--db", db], input="s3cret-pass\n")
    assert r.exit_code == 2 and "already exists" in r.output
    r = runner.invoke(
        cli_app, ["user", "add", "bob", "--role", "boss", "--password-stdin", "--db", db], input="x" * 10
    )
    assert r.exit_code == 2 and "--role" in r.output
    r = runner.invoke(cli_app, ["user", "add", "bob", "--password-stdin", "--db", db], input="short\n")
    assert r.exit_code == 2 and "at least 8" in r.output
    r = runner.invoke(cli_app, ["user", "list", "--db", db])
    assert r.exit_code == 0
    assert (
        re.search(r"ana\s.*analyst", r.stdout)
        and re.search(r"vera\s.*viewer", r.stdout)
        and "bob" not in r.stdout
    )
    with open_store(db) as store:
        assert review.verify_user(store, "ana", "s3cret-pass") == review.User("ana", "analyst")
        assert review.verify_user(store, "ana", "wrong-pass") is None
        assert review.verify_user(store, "max", "one-password") == review.User("max", "viewer")
        with store.engine.connect() as conn:
            stored = conn.execute(text("SELECT password_hash FROM users WHERE name = 'ana'")).scalar_one()
        assert stored.startswith("$argon2id$") and "s3cret-pass" not in stored


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_prints_its_url_and_serves(tmp_path: Path, console_script: Path, demo_dir: Path) -> None:
    db = str(tmp_path / "served.db")
    port = _free_port()
    env = {**os.environ, "CONFLICTLENS_SECRET": SECRET}
    proc = subprocess.Popen(
        [str(console_script), "serve", "--db", db, "--port", str(port), "--public"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert f"http://127.0.0.1:{port}/" in line
        deadline = time.monotonic() + 30
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/session", timeout=2)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "the server did not answer"
                time.sleep(0.2)
        assert r.status_code == 200 and r.json()["public"] is True
        assert httpx.get(f"http://127.0.0.1:{port}/api/incidents", timeout=5).json()["total"] == 0
    finally:
        proc.terminate()
        proc.wait(timeout=10)
