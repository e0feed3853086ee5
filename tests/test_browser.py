"""The analyst's workspace in a real browser: Debian's headless Chromium driven by Playwright.

A uvicorn server runs in a thread on a free loopback port over a temporary SQLite store with the
demo articles, the seed article and a hostile article ingested by the ``conflictlens`` CLI. The
tests log in, see the incidents on the map, open the seed incident and its highlighted evidence
and claims, edit its fatality figure as an analyst and find the edit in the audit log and the
export; the hostile article's payloads must never run. Screenshots go to ``test-artifacts/``.

``make test`` installs Chromium (scripts/install-chromium.sh); Playwright never downloads one.
"""

from __future__ import annotations

import csv
import io
import os
import re
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 20_000

ANALYST = ("ana", "analyst-password-1")
VIEWER = ("vic", "viewer-password-1")

#: An article carrying script and event-handler payloads (as in test_web.py); each would set
#: window.__pwned, change the title or open a dialog if it ran.
HOSTILE = """Gunmen kill villagers near Timbuktu <script>window.__pwned=1;document.title='pwned'</script>

TIMBUKTU, 12 March 2024 - Gunmen killed at least 9 civilians in an attack on the village of Ber near \
Timbuktu on Monday, local officials said. <img src=x onerror="window.__pwned=2;document.title='pwned'"> \
Witnesses said the attackers <b onmouseover=alert(1)>arrived on motorbikes</b> and set fire to the market.

"</mark><script>window.__pwned=3</script>" a resident said. <svg onload="window.__pwned=4"></svg>
"""


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def chromium() -> Path:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: run `bash scripts/install-chromium.sh` (make test does)")
        pytest.skip(f"{CHROMIUM} is missing (scripts/install-chromium.sh installs it)")
    return CHROMIUM


@pytest.fixture(scope="module")
def browser_db(
    tmp_path_factory: pytest.TempPathFactory, demo_dir: Path, seed_path: Path, console_script: Path
) -> str:
    """A store filled by ``conflictlens ingest`` with two accounts."""
    from conflictlens.store import open_store, review

    root = tmp_path_factory.mktemp("browser")
    hostile = root / "hostile-article.txt"
    hostile.write_text(HOSTILE, encoding="utf-8")
    db = str(root / "browser.db")
    done = subprocess.run(
        [str(console_script), "ingest", "--db", db, str(demo_dir), str(seed_path), str(hostile)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    with open_store(db) as store:
        review.add_user(store, *ANALYST, "analyst")
        review.add_user(store, *VIEWER, "viewer")
    return db


@pytest.fixture(scope="module")
def server(browser_db: str) -> Iterator[str]:
    """The app served by uvicorn in a thread; yields its base URL."""
    import uvicorn

    from conflictlens.api.app import create_app

    app = create_app(browser_db, secret="browser-test-secret")
    app.state.tiles = ""  # no tile server: the bundled country outlines only (tests run offline)
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(chromium: Path) -> Iterator[Any]:
    os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


class Watch:
    """Dialogs, page errors and CSP reports seen on a page (a payload that ran would show here)."""

    def __init__(self, page: Any) -> None:
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.console: list[str] = []
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.on("console", lambda msg: self.console.append(f"{msg.type}: {msg.text}"))

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    @property
    def csp_violations(self) -> list[str]:
        return [m for m in self.console if "Content Security Policy" in m]


@pytest.fixture()
def page(browser: Any, server: str) -> Iterator[Any]:
    context = browser.new_context(base_url=server, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    pg = context.new_page()
    pg.watch = Watch(pg)
    try:
        yield pg
    finally:
        context.close()


def shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 5_000, path


def log_in(page: Any, name: str, password: str, path: str = "/map") -> None:
    page.goto(path)
    assert "/login" in page.url  # sent to the login page first
    page.fill("input[name=username]", name)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("form.login-form button[type=submit]")
    assert page.url.endswith(path), page.url


def assert_not_pwned(page: Any) -> None:
    assert page.evaluate("() => window.__pwned") is None
    assert "pwned" not in page.title()
    assert page.watch.dialogs == []
    assert page.watch.csp_violations == []


def open_incident(page: Any, search: str) -> str:
    """Find an incident through the list's text search and open it; return its id."""
    page.goto(f"/incidents?q={search}")
    links = page.locator("table.incidents tbody a")
    assert links.count() == 1
    with page.expect_navigation():
        links.first.click()
    match = re.search(r"/incidents/(INC-[0-9a-f]+)", page.url)
    assert match, page.url
    return match.group(1)


def test_map_shows_the_demo_incidents(page: Any) -> None:
    log_in(page, *VIEWER)
    page.wait_for_selector("#map[data-ready='1']")
    assert page.get_attribute("#map", "data-incidents-loaded") == "7", page.watch.console
    assert int(page.get_attribute("#map", "data-outline-loaded") or 0) > 100  # offline country outlines
    # every incident is on the map, as a circle or inside a cluster
    markers = page.locator("path.incident-marker").count()
    clustered = sum(int(t) for t in page.locator(".marker-cluster span").all_inner_texts())
    assert markers + clustered == 7
    # circles are coloured by event type and sized by fatalities
    data = page.evaluate("() => fetch('/map/incidents.geojson').then(r => r.json())")
    props = {f["id"]: f["properties"] for f in data["features"]}
    for marker in page.locator("path.incident-marker").all():
        p = props[marker.get_attribute("data-incident")]
        assert marker.get_attribute("fill") == p["colour"]
    assert len({p["colour"] for p in props.values()}) >= 3
    assert len({p["radius"] for p in props.values()}) >= 3
    assert page.watch.errors == []
    shot(page, "map.png")
    # zoomed out, nearby incidents are clustered
    page.evaluate("() => window.conflictlensMap.setZoom(3, {animate: false})")
    page.wait_for_timeout(200)
    clusters = page.locator(".marker-cluster span").all_inner_texts()
    assert clusters and sum(int(t) for t in clusters) + page.locator("path.incident-marker").count() == 7
    page.evaluate("() => window.conflictlensMap.setZoom(5, {animate: false})")
    # a marker opens a popup with a link to its incident
    page.locator("path.incident-marker").first.click()
    link = page.locator(".leaflet-popup-content a")
    link.wait_for()
    assert re.match(r"^/incidents/INC-[0-9a-f]+$", link.get_attribute("href") or "")
    # filters narrow the map
    page.select_option("select[name=event_type]", "Protests")
    with page.expect_navigation():
        page.click("form.filters button[type=submit]")
    page.wait_for_selector("#map[data-ready='1']")
    assert page.get_attribute("#map", "data-incidents-loaded") == "1"
    assert_not_pwned(page)


def test_timeline(page: Any) -> None:
    log_in(page, *VIEWER, path="/timeline")
    chart = page.locator("#timeline-chart")
    chart.wait_for()
    assert page.locator("#timeline-chart rect").count() == 9
    box = chart.bounding_box()
    assert box and box["width"] > 100 and box["height"] > 200
    shot(page, "timeline.png")


def test_seed_incident_evidence_claims_and_edit(page: Any, server: str) -> None:
    log_in(page, *ANALYST, path="/incidents")
    inc_id = open_incident(page, "Diarra")
    # highlighted evidence
    fat = page.locator('.doc-text mark[data-field="fatalities"]')
    assert fat.first.inner_text() == "24 civilians"
    assert fat.first.is_visible()
    assert page.locator('.doc-text mark[data-field="place"]').first.inner_text() == "Gao"
    assert page.locator('.doc-text mark[data-field="evidence"]').count() > 0
    # the claims as a timeline
    stances = page.eval_on_selector_all("li.claim", "els => els.map(e => e.dataset.stance)")
    assert {"alleges", "denies", "announces_investigation"} <= set(stances)
    claims = page.locator("#claims").inner_text()
    assert "alleged by FLA: Azawad Liberation Front" in claims
    assert "denied by Military Forces of Mali (2021-)" in claims
    # the fatality range
    assert page.locator('#fatalities td[data-k="low"]').inner_text() == "24"
    shot(page, "incident.png")

    # edit the fatality figure
    page.fill("#edit-form input[name=fatalities]", "30")
    page.fill("#edit-form textarea[name=why]", "The UN mission counted 30 dead.")
    with page.expect_navigation():
        page.click("#edit-form button[value=edit]")
    assert page.url.endswith(f"/incidents/{inc_id}?done=edit")
    assert page.locator("#fatalities-acled").inner_text() == "30"
    entry = page.locator('tr.audit-entry[data-action="edit"]')
    assert entry.count() == 1
    assert entry.locator("td.who").inner_text() == "ana"
    assert "fatalities: 24" in entry.locator("td.before").inner_text()
    assert "fatalities: 30" in entry.locator("td.after").inner_text()
    assert entry.locator("td.why").inner_text() == "The UN mission counted 30 dead."
    shot(page, "incident-edited.png")

    # the export has the edited figure
    response = page.request.get("/api/export?format=acled")
    assert response.ok
    rows = list(csv.DictReader(io.StringIO(response.text())))
    gao = [r for r in rows if r["location"] == "Gao"]
    assert len(gao) == 1 and gao[0]["fatalities"] == "30"
    # and the map
    page.goto("/map")
    page.wait_for_selector("#map[data-ready='1']")
    data = page.evaluate("() => fetch('/map/incidents.geojson').then(r => r.json())")
    assert next(f for f in data["features"] if f["id"] == inc_id)["properties"]["fatalities"] == 30
    assert_not_pwned(page)


def test_hostile_article_runs_nothing(page: Any) -> None:
    log_in(page, *VIEWER, path="/incidents")
    open_incident(page, "Timbuktu")
    text = page.locator(".doc-text").first.inner_text()
    assert "<script>window.__pwned=1;document.title='pwned'</script>" in text  # shown as text
    assert "onerror=" in text and "<svg onload=" in text
    assert page.locator(".doc-text script, .doc-text img, .doc-text svg, .doc-text b").count() == 0
    page.hover(".doc-text")  # would fire an onmouseover
    page.wait_for_timeout(300)
    assert_not_pwned(page)
    shot(page, "incident-hostile.png")
    for path in ("/map", "/incidents", "/review", "/timeline"):
        page.goto(path)
        page.wait_for_load_state("load")
        assert_not_pwned(page)


def test_viewer_sees_no_review_forms(page: Any) -> None:
    log_in(page, *VIEWER, path="/incidents")
    open_incident(page, "Diarra")
    assert page.locator("#edit-form").count() == 0


@pytest.mark.parametrize(
    "path",
    [
        "/static/../../../pyproject.toml",
        "/static/../../web/routes.py",
        "/static/%2e%2e/%2e%2e/%2e%2e/pyproject.toml",
        "/static/..%2f..%2f..%2fpyproject.toml",
        "/static/vendor/../../templating.py",
        "/static/..\\..\\templating.py",
        "/static//etc/passwd",
        "/static/%2fetc%2fpasswd",
    ],
)
def test_static_path_traversal_over_the_wire(server: str, path: str) -> None:
    """Raw requests (no client-side normalisation of ``..``) cannot leave the static folder."""
    import http.client

    host, port = server.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        body = response.read().decode("utf-8", "replace")
    finally:
        conn.close()
    assert response.status in (400, 404), (path, response.status)
    assert "import" not in body and "root:" not in body
