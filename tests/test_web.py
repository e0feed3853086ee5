"""The web pages (conflictlens.web), through the real app with FastAPI's TestClient: log-in
redirects, the map data and filters, the timeline, the incident page with its highlighted evidence
and claims, escaping of hostile article text, reviews with CSRF tokens, 404s and path traversal.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from conflictlens.model import Document
from conflictlens.resolve.model import Incident
from conflictlens.web import views

ANALYST = ("ana", "analyst-password-1")
VIEWER = ("vic", "viewer-password-1")

#: An article whose text carries script and event-handler payloads; the pages must show them as
#: text. Each payload would set window.__pwned or change the title if it ran.
HOSTILE = """Gunmen kill villagers near Timbuktu <script>window.__pwned=1;document.title='pwned'</script>

TIMBUKTU, 12 March 2024 - Gunmen killed at least 9 civilians in an attack on the village of Ber near \
Timbuktu on Monday, local officials said. <img src=x onerror="window.__pwned=2;document.title='pwned'"> \
Witnesses said the attackers <b onmouseover=alert(1)>arrived on motorbikes</b> and set fire to the market.

"</mark><script>window.__pwned=3</script>" a resident said. <svg onload="window.__pwned=4"></svg>
"""


def ingest(db: str, paths: list[Path]) -> None:
    """Ingest documents with the library, as ``conflictlens ingest`` does."""
    from conflictlens.extract import extract_many
    from conflictlens.ingest import read_documents
    from conflictlens.ingest.dedup import Deduplicator
    from conflictlens.resolve import Resolver
    from conflictlens.store import open_store

    with open_store(db) as store:
        resolver = Resolver(store)
        dedup = Deduplicator()
        for doc, reports in extract_many(read_documents([str(p) for p in paths])):
            resolver.add_document(doc, reports, dedup)


@pytest.fixture(scope="module")
def web_db(tmp_path_factory: pytest.TempPathFactory, demo_dir: Path, seed_path: Path) -> str:
    """A store with the demo articles, the seed article and a hostile article, and two users."""
    from conflictlens.store import open_store, review

    root = tmp_path_factory.mktemp("web")
    hostile = root / "hostile-article.txt"
    hostile.write_text(HOSTILE, encoding="utf-8")
    db = str(root / "web.db")
    ingest(db, [demo_dir, seed_path, hostile])
    with open_store(db) as store:
        review.add_user(store, *ANALYST, "analyst")
        review.add_user(store, *VIEWER, "viewer")
    return db


@pytest.fixture()
def app_db(web_db: str, tmp_path: Path) -> str:
    """A private copy of the module's store, for tests that change it."""
    import shutil

    copy = tmp_path / "web.db"
    shutil.copy(web_db, copy)
    return str(copy)


def make_client(db: str, public: bool = False) -> TestClient:
    from conflictlens.api.app import create_app

    return TestClient(create_app(db, public=public, secret="test-secret"), follow_redirects=False)


@pytest.fixture()
def client(web_db: str) -> Iterator[TestClient]:
    with make_client(web_db) as c:
        yield c


def login(client: TestClient, name: str, password: str) -> None:
    page = client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token, "no csrf_token in the login form"
    r = client.post(
        "/login", data={"username": name, "password": password, "csrf_token": token.group(1), "next": "/map"}
    )
    assert r.status_code == 303, r.text
    assert r.headers["location"] == "/map"


def csrf_of(html: str) -> str:
    m = re.search(r'<meta name="csrf-token" content="([^"]+)">', html)
    assert m, "no csrf-token meta tag"
    return m.group(1)


def incident_where(db: str, text: str) -> Incident:
    from conflictlens.store import open_store

    with open_store(db) as store:
        for inc in store.incidents():
            if any(text in s.doc_id for s in inc.sources):
                return inc
    raise AssertionError(f"no incident with a source {text!r}")


# -- log-in and public mode ------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/map", "/timeline", "/incidents", "/review", "/map/incidents.geojson"])
def test_pages_need_a_login(client: TestClient, path: str) -> None:
    r = client.get(path + "?country=ML")
    if path.endswith(".geojson"):
        assert r.status_code == 401
    else:
        assert r.status_code == 303
        assert r.headers["location"] == f"/login?next={path.replace('/', '%2F')}%3Fcountry%3DML"


def test_public_mode_shows_the_pages_without_login(web_db: str) -> None:
    with make_client(web_db, public=True) as c:
        r = c.get("/map")
        assert r.status_code == 200
        assert 'href="/login"' in r.text  # not logged in: offered to
        assert "Edit the coding" not in c.get(f"/incidents/{incident_where(web_db, 'seed').id}").text
        # reviewing still needs an analyst who logged in
        r = c.post("/incidents/INC-x/review", data={"action": "accept", "csrf_token": csrf_of(r.text)})
        assert r.status_code == 303 and r.headers["location"].startswith("/login?next=")


def test_home_goes_to_the_map(client: TestClient) -> None:
    login(client, *VIEWER)
    r = client.get("/")
    assert r.status_code in (302, 303, 307) and r.headers["location"].endswith("/map")


# -- map, list, timeline ---------------------------------------------------------------------------


def test_map_page_and_data(client: TestClient, web_db: str) -> None:
    login(client, *VIEWER)
    r = client.get("/map")
    assert r.status_code == 200
    html = r.text
    assert '<meta name="csrf-token"' in html
    assert 'id="map"' in html and 'data-geojson="/map/incidents.geojson"' in html
    assert "/static/vendor/leaflet/leaflet.js" in html
    assert "/static/vendor/world-atlas/countries-110m.json" in html
    assert "script-src 'self'" in r.headers["content-security-policy"]
    for name in ("date_from", "date_to", "country", "admin1", "event_type", "actor", "status", "q"):
        assert f'name="{name}"' in html
    data = client.get("/map/incidents.geojson").json()
    assert data["type"] == "FeatureCollection"
    ids = {f["id"] for f in data["features"]}
    assert len(ids) == 7  # 5 demo articles, the seed and the hostile article, all located
    seed = next(f for f in data["features"] if f["id"] == incident_where(web_db, "seed").id)
    lon, lat = seed["geometry"]["coordinates"]
    assert (round(lat), round(lon)) == (16, 0)  # Gao
    assert seed["properties"]["fatalities"] == 24
    assert seed["properties"]["colour"] == views.EVENT_COLOURS["Violence against civilians"]
    assert seed["properties"]["radius"] > views.marker_radius(0)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"event_type": "Protests"}, {"03-niamey-teachers-sit-in"}),
        ({"country": "NE"}, {"03-niamey-teachers-sit-in"}),
        ({"country": "Burkina Faso"}, {"01-djibo-convoy-ambush"}),
        ({"admin1": "Kidal"}, {"05-kidal-drone-strike"}),
        ({"actor": "wagner"}, {"seed-mali-executions"}),
        ({"q": "Azawad"}, {"seed-mali-executions", "05-kidal-drone-strike"}),
        ({"q": "oumar diarra"}, {"seed-mali-executions"}),
        ({"status": "contested"}, {"seed-mali-executions", "05-kidal-drone-strike"}),
        ({"date_from": "2024-03-17", "date_to": "2024-03-20"}, {"04-menaka-ied"}),
    ],
)
def test_filters(client: TestClient, query: dict[str, str], expected: set[str]) -> None:
    login(client, *VIEWER)
    data = client.get("/map/incidents.geojson", params=query).json()
    assert all(f["properties"]["url"] == f"/incidents/{f['id']}" for f in data["features"])
    got = {f["id"] for f in data["features"]}
    page = client.get("/incidents", params=query).text
    docs = set(re.findall(r'data-incident="([^"]+)"', page))
    assert docs == got
    # which documents those incidents come from
    found = set()
    for inc_id in got:
        detail = client.get(f"/incidents/{inc_id}").text
        found |= {d for d in re.findall(r'data-doc="([^"]+)"', detail)}
    assert found == expected


def test_bad_filter_date_is_reported(client: TestClient) -> None:
    login(client, *VIEWER)
    r = client.get("/incidents", params={"date_from": "yesterday"})
    assert r.status_code == 200
    assert "date from: not a date" in r.text


def test_timeline_chart(client: TestClient) -> None:
    login(client, *VIEWER)
    r = client.get("/timeline")
    assert r.status_code == 200
    html = r.text
    assert '<svg id="timeline-chart"' in html
    # one bar per week and event type, in each panel (Niamey's protest killed nobody)
    assert html.count("<rect ") == 5 + 4
    assert "week of 2024-03-04: 1 incident (Battles)" in html  # Djibo, Sunday 10 March
    assert "week of 2024-03-18: 2 incidents (Explosions/Remote violence)" in html  # Ménaka and Kidal
    assert "week of 2024-03-11: 9 deaths (Violence against civilians)" in html
    assert "without a date are not charted" in html  # the seed article states no date


def test_weekly_chart_counts() -> None:
    def inc(i: int, date: str | None, kind: str, deaths: int) -> Incident:
        return Incident(
            id=f"INC-{i}",
            iso2="ML",
            event_type=kind,
            sub_event_type="x",
            date=dt.date.fromisoformat(date) if date else None,
            fatalities={"acled": deaths},
        )

    chart = views.weekly_chart(
        [
            inc(1, "2024-03-04", "Battles", 3),
            inc(2, "2024-03-10", "Battles", 2),
            inc(3, "2024-03-10", "Protests", 0),
            inc(4, "2024-03-25", "Riots", 1),
            inc(5, None, "Battles", 9),
        ]
    )
    assert chart.weeks == 4 and chart.undated == 1
    assert [(r["week"], r["incidents"], r["fatalities"]) for r in chart.table] == [
        (dt.date(2024, 3, 4), 3, 5),
        (dt.date(2024, 3, 25), 1, 1),
    ]
    assert [t for t, _ in chart.legend] == ["Battles", "Protests", "Riots"]
    assert views.weekly_chart([]).empty


# -- the incident page -------------------------------------------------------------------------------


def test_seed_incident_page(client: TestClient, web_db: str) -> None:
    login(client, *VIEWER)
    inc = incident_where(web_db, "seed")
    r = client.get(f"/incidents/{inc.id}")
    assert r.status_code == 200
    html = r.text
    # fields
    assert "Military Forces of Mali (2021-)" in html and "Gao" in html
    assert '<strong id="fatalities-acled">24</strong>' in html
    # evidence spans highlighted
    assert re.search(r'<mark class="hl hl-fatalities" data-field="fatalities"[^>]*>24 civilians</mark>', html)
    assert re.search(r'<mark class="hl hl-place" data-field="place"[^>]*>Gao</mark>', html)
    assert re.search(r'data-field="assoc_actor_1"[^>]*>Wagner Group mercenaries</mark>', html)
    assert 'data-field="evidence"' in html and 'data-field="claim"' in html
    # the claims as a timeline
    claims = re.findall(r'<li class="claim stance-([a-z_]+)"', html)
    assert {"alleges", "denies", "announces_investigation"} <= set(claims)
    assert "alleged by FLA: Azawad Liberation Front" in html
    assert "denied by Military Forces of Mali (2021-)" in html
    assert "investigation announced by Government of Mali (2021-)" in html
    assert "calling it “unfounded”" in html
    # the fatality range, across sources and per source
    assert re.search(r'data-k="low">24<', html) and re.search(r'data-k="high">24<', html)
    assert "at least 24" in html
    # a viewer sees no review forms
    assert "Edit the coding" not in html
    assert "Nobody has reviewed this incident yet." in html


def test_hostile_article_is_escaped(client: TestClient, web_db: str) -> None:
    login(client, *VIEWER)
    inc = incident_where(web_db, "hostile")
    for path in (f"/incidents/{inc.id}", "/incidents", "/map", "/timeline", "/review"):
        r = client.get(path)
        assert r.status_code == 200
        html = r.text
        assert "<script>window.__pwned" not in html, path
        assert "<img src=x" not in html and "<svg onload" not in html, path
        assert "<b onmouseover" not in html, path
        assert len(re.findall(r"<script\b", html)) == html.count('<script src="/static/'), path
    html = client.get(f"/incidents/{inc.id}").text
    assert "&lt;script&gt;window.__pwned=1;document.title=&#39;pwned&#39;&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=&#34;window.__pwned=2" in html
    assert "&lt;/mark&gt;&lt;script&gt;" in html  # a closing tag in the text cannot end a highlight
    # the highlights still sit at the right places in the escaped text
    assert re.search(r'data-field="fatalities"[^>]*>9 civilians</mark>', html)


def test_highlight_escapes_and_nests() -> None:
    text = 'A <b>"bold"</b> claim & 24 civilians killed'
    start = text.index("24")
    spans = [
        views.Highlight("evidence", 0, len(text)),
        views.Highlight("fatalities", start, start + len("24 civilians")),
        views.Highlight("actor2", start + 3, start + len("24 civilians")),
        views.Highlight("date", 500, 600),  # outside the text: ignored
        views.Highlight("place", 5, 5),  # empty: ignored
    ]
    html = str(views.highlight(text, spans))
    assert "<b>" not in html
    assert "&lt;b&gt;&#34;bold&#34;&lt;/b&gt; claim &amp; " in html
    assert html.count("<mark") == html.count("</mark>") == 4
    assert '<mark class="hl hl-fatalities" data-field="fatalities" data-fields="fatalities evidence"' in html
    assert 'data-field="fatalities" data-fields="fatalities actor2 evidence"' in html
    assert html.endswith(" killed</mark>")
    # without spans, the text is only escaped
    assert str(views.highlight("<i>x</i>", [])) == "&lt;i&gt;x&lt;/i&gt;"


def test_safe_url() -> None:
    assert views.safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    assert views.safe_url("javascript:alert(1)") is None
    assert views.safe_url(" JaVaScRiPt:alert(1)") is None
    assert views.safe_url("data:text/html,<script>") is None


def test_claim_timeline_orders_by_date() -> None:
    inc = Incident(
        id="INC-1",
        iso2="ML",
        event_type="Battles",
        sub_event_type="Armed clash",
        claims=(
            {"stance": "denies", "source": "Army", "doc_id": "b", "span": {"start": 0, "text": "No."}},
            {"stance": "alleges", "source": "FLA", "date": "2024-03-02", "doc_id": "a"},
            {"stance": "announces_investigation", "source": None, "speaker": "the ministry", "doc_id": "c"},
        ),
    )
    docs = {"b": Document("b", "No.", published=dt.date(2024, 3, 5))}
    got = views.claim_timeline(inc, docs)
    assert [c.phrase for c in got] == [
        "alleged by FLA",
        "denied by Army",
        "investigation announced by the ministry",
    ]
    assert got[1].date_note == "publication date" and got[2].date is None


@pytest.mark.parametrize("path", ["/incidents/INC-doesnotexist", "/incidents/%3Cscript%3E"])
def test_unknown_incident_is_404(client: TestClient, path: str) -> None:
    login(client, *VIEWER)
    r = client.get(path)
    assert r.status_code == 404
    assert "<script>" not in r.text


@pytest.mark.parametrize(
    "path",
    [
        "/static/../pyproject.toml",
        "/static/%2e%2e/%2e%2e/pyproject.toml",
        "/static/..%2f..%2f..%2fpyproject.toml",
        "/static/vendor/..%2f..%2froutes.py",
        "/static/%2e%2e%2f%2e%2e%2ftemplating.py",
        "/static/..%5c..%5ctemplating.py",
        "/static//etc/passwd",
        "/static/%2fetc%2fpasswd",
    ],
)
def test_static_has_no_path_traversal(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code in (400, 404), (path, r.status_code)
    assert "import" not in r.text and "root:" not in r.text


def test_static_assets_are_served(client: TestClient) -> None:
    assert client.get("/static/app.css").status_code == 200
    assert "textContent" in client.get("/static/app.js").text
    vendor = Path(views.__file__).parent / "static" / "vendor" / "leaflet" / "leaflet.js"
    if vendor.exists():
        assert client.get("/static/vendor/leaflet/leaflet.js").status_code == 200


# -- reviewing -----------------------------------------------------------------------------------------


def test_viewer_cannot_review(app_db: str) -> None:
    inc = incident_where(app_db, "seed")
    with make_client(app_db) as c:
        login(c, *VIEWER)
        token = csrf_of(c.get("/map").text)
        r = c.post(f"/incidents/{inc.id}/review", data={"action": "accept", "csrf_token": token})
        assert r.status_code == 403


def test_review_needs_the_csrf_token(app_db: str) -> None:
    inc = incident_where(app_db, "seed")
    with make_client(app_db) as c:
        login(c, *ANALYST)
        for token in (None, "forged"):
            data = {"action": "edit", "fatalities": "30", "why": "x"}
            if token:
                data["csrf_token"] = token
            r = c.post(f"/incidents/{inc.id}/review", data=data)
            assert r.status_code == 403
        assert '<strong id="fatalities-acled">24</strong>' in c.get(f"/incidents/{inc.id}").text


def test_non_ascii_csrf_tokens_and_cookies_are_refused_not_errors(app_db: str) -> None:
    inc = incident_where(app_db, "seed")
    with make_client(app_db) as c:
        login(c, *ANALYST)
        token = csrf_of(c.get("/map").text)
        data = {"action": "edit", "fatalities": "30", "why": "x", "csrf_token": "\u00e9t\u00e9"}
        assert c.post(f"/incidents/{inc.id}/review", data=data).status_code == 403
        # the header passes the app's check, the form's field is the page's own check
        r = c.post(f"/incidents/{inc.id}/review", data=data, headers={"X-CSRF-Token": token})
        assert r.status_code == 403 and "Form expired" in r.text
        assert '<strong id="fatalities-acled">24</strong>' in c.get(f"/incidents/{inc.id}").text
    with make_client(app_db) as c:
        cookie = "conflictlens_session=abc.\u00e9".encode("latin-1")
        r = c.get("/map", headers={"cookie": cookie})  # type: ignore[dict-item]
        assert r.status_code == 303 and r.headers["location"].startswith("/login")


def test_logging_out_ends_a_copied_session(app_db: str) -> None:
    with make_client(app_db) as c, make_client(app_db) as thief:
        login(c, *ANALYST)
        thief.cookies.set("conflictlens_session", c.cookies["conflictlens_session"])
        assert thief.get("/map").status_code == 200
        r = c.post("/logout", data={"csrf_token": csrf_of(c.get("/map").text)})
        assert r.status_code == 303 and r.headers["location"] == "/login"
        assert thief.get("/map").status_code == 303  # to the login page
        login(c, *ANALYST)  # at once, again
        assert c.get("/map").status_code == 200


def test_analyst_edits_fatalities(app_db: str) -> None:
    inc = incident_where(app_db, "seed")
    with make_client(app_db) as c:
        login(c, *ANALYST)
        page = c.get(f"/incidents/{inc.id}").text
        assert "Edit the coding" in page
        token = re.search(r'id="edit-form">\s*<input type="hidden" name="csrf_token" value="([^"]+)"', page)
        assert token and token.group(1) == csrf_of(page)
        r = c.post(
            f"/incidents/{inc.id}/review",
            data={
                "action": "edit",
                "csrf_token": token.group(1),
                "fatalities": "30",
                "sub_event_type": inc.sub_event_type,
                "actor1": inc.actor1 or "",
                "actor2": inc.actor2 or "",
                "date": "",
                "why": "UN figure <b>30</b>",
            },
        )
        assert r.status_code == 303
        assert r.headers["location"] == f"/incidents/{inc.id}?done=edit"
        html = c.get(r.headers["location"]).text
        assert "Edit saved." in html
        assert '<strong id="fatalities-acled">30</strong>' in html
        assert 'id="review-status">review: edited' in html
        entry = re.search(r'<tr class="audit-entry" data-action="edit">(.*?)</tr>', html, re.S)
        assert entry, "no audit entry"
        row = entry.group(1)
        assert '<td class="who">ana</td>' in row
        assert "fatalities</span>: 24" in row and "fatalities</span>: 30" in row
        assert "UN figure &lt;b&gt;30&lt;/b&gt;" in row
        # a bad value is refused with a message, nothing changes
        bad = c.post(
            f"/incidents/{inc.id}/review",
            data={"action": "edit", "csrf_token": token.group(1), "fatalities": "-3", "why": "x"},
        )
        assert bad.status_code == 400 and "whole number" in bad.text
        # the map data and the queue follow
        feats = c.get("/map/incidents.geojson").json()["features"]
        assert next(f for f in feats if f["id"] == inc.id)["properties"]["fatalities"] == 30
        assert inc.id in c.get("/review?status=edited").text
        assert inc.id not in c.get("/review?status=pending").text


def test_reject_hides_from_the_map(app_db: str) -> None:
    inc = incident_where(app_db, "hostile")
    with make_client(app_db) as c:
        login(c, *ANALYST)
        token = csrf_of(c.get("/map").text)
        r = c.post(
            f"/incidents/{inc.id}/review", data={"action": "reject", "csrf_token": token, "why": "fake"}
        )
        assert r.status_code == 303
        ids = {f["id"] for f in c.get("/map/incidents.geojson").json()["features"]}
        assert inc.id not in ids
        ids = {f["id"] for f in c.get("/map/incidents.geojson?review=rejected").json()["features"]}
        assert ids == {inc.id}
        assert 'data-action="reject"' in c.get(f"/incidents/{inc.id}").text


def test_merge_and_split(app_db: str) -> None:
    keep = incident_where(app_db, "02-bandiagara")
    other = incident_where(app_db, "seed")
    with make_client(app_db) as c:
        login(c, *ANALYST)
        token = csrf_of(c.get("/map").text)
        r = c.post(
            f"/incidents/{keep.id}/merge", data={"other": other.id, "csrf_token": token, "why": "same event"}
        )
        assert r.status_code == 303, r.text
        assert r.headers["location"] == f"/incidents/{keep.id}?done=merge"
        html = c.get(r.headers["location"]).text
        assert set(re.findall(r'data-doc="([^"]+)"', html)) == {
            "02-bandiagara-village-attack",
            "seed-mali-executions",
        }
        assert 'data-action="merge"' in html and 'id="split-form"' in html
        r = c.post(
            f"/incidents/{keep.id}/split",
            data={"report_ids": ["seed-mali-executions#0"], "csrf_token": token, "why": "no, two events"},
        )
        assert r.status_code == 303, r.text
        html = c.get(r.headers["location"]).text
        assert set(re.findall(r'data-doc="([^"]+)"', html)) == {"seed-mali-executions"}
        # merging with an unknown incident is refused with a message
        r = c.post(f"/incidents/{keep.id}/merge", data={"other": "INC-nope", "csrf_token": token})
        assert r.status_code in (400, 404) and "INC-nope" in r.text


def test_review_queue(client: TestClient, web_db: str) -> None:
    login(client, *VIEWER)
    html = client.get("/review").text
    assert len(re.findall(r'<tr data-incident="', html)) == 7
    assert "Reviewing needs the analyst role" in html
    # contested incidents first
    first = re.search(r'<tr data-incident="([^"]+)"', html)
    assert first and first.group(1) in {
        incident_where(web_db, "seed").id,
        incident_where(web_db, "05-kidal").id,
    }


def test_incident_features_skip_bad_coordinates() -> None:
    good = Incident("INC-a", "ML", "Battles", "Armed clash", place={"latitude": 14.0, "longitude": -4.0})
    bad = Incident("INC-b", "ML", "Battles", "Armed clash", place={"latitude": 99.0, "longitude": 0.0})
    none = Incident("INC-c", "ML", "Battles", "Armed clash")
    data = views.incident_features([good, bad, none])
    assert [f["id"] for f in data["features"]] == ["INC-a"]
    assert json.dumps(data)  # serialisable


def test_tiles_are_configurable(web_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CONFLICTLENS_TILES", raising=False)
    with make_client(web_db, public=True) as c:
        r = c.get("/map")
        assert 'data-tiles="https://tile.openstreetmap.org/{z}/{x}/{y}.png"' in r.text
        assert "OpenStreetMap contributors" in r.text
        assert "img-src 'self' data: https://tile.openstreetmap.org;" in r.headers["content-security-policy"]
        monkeypatch.setenv("CONFLICTLENS_TILES", "https://{s}.tiles.example.org/{z}/{x}/{y}.png")
        r = c.get("/map")
        assert 'data-tiles="https://{s}.tiles.example.org/{z}/{x}/{y}.png"' in r.text
        assert "img-src 'self' data: https://*.tiles.example.org;" in r.headers["content-security-policy"]
        c.app.state.tiles = "none"  # what a serve option sets; wins over the environment
        r = c.get("/map")
        assert 'data-tiles=""' in r.text and "country outlines only" in r.text
        assert "img-src 'self' data:;" in r.headers["content-security-policy"]


def test_nice_scale() -> None:
    assert views.nice_scale(0) == (1, 1)
    assert views.nice_scale(2) == (2, 1)
    assert views.nice_scale(46) == (50, 10)
    assert views.nice_scale(7) == (8, 2)
    assert views.nice_scale(1234) == (1500, 500)
