"""Property-based tests of the REST API from its own OpenAPI document (schemathesis).

The app runs in-process (ASGI) over a store with the demo articles extracted and resolved with
the real pipeline, logged in as an admin with the CSRF token, so that writes are exercised too.
Every generated request must get an answer other than a server error (5xx) and, for documented
JSON answers, one that fits the documented schema.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import response_schema_conformance

from conflictlens.api.app import create_app
from conflictlens.api.auth import SESSION_COOKIE
from conflictlens.ingest import read_documents
from conflictlens.ingest.dedup import Deduplicator
from conflictlens.resolve import Resolver
from conflictlens.store import open_store, review

PASSWORD = "admin-password-for-schemathesis"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory, demo_dir: Path) -> Iterator[tuple[object, dict, dict]]:
    from fastapi.testclient import TestClient

    from conflictlens.extract import extract_many

    url = f"sqlite:///{tmp_path_factory.mktemp('schemathesis') / 'store.db'}"
    with open_store(url) as store:
        resolver = Resolver(store)
        dedup = Deduplicator()
        for doc, reports in extract_many(read_documents([demo_dir])):
            resolver.add_document(doc, reports, dedup)
        review.add_user(store, "root", PASSWORD, "admin")
    app = create_app(url, secret="schemathesis-secret-for-the-cookies")
    client = TestClient(app)
    token = client.get("/api/session").json()["csrf_token"]
    r = client.post(
        "/api/login", json={"username": "root", "password": PASSWORD}, headers={"X-CSRF-Token": token}
    )
    assert r.status_code == 200
    headers = {"X-CSRF-Token": r.json()["csrf_token"]}
    cookies = {SESSION_COOKIE: client.cookies[SESSION_COOKIE]}
    yield app, headers, cookies
    app.state.store.close()


MAX_EXAMPLES = 50  # per operation and generation mode: under a minute in all


@pytest.mark.slow
def test_api_has_no_server_error(served: tuple[object, dict, dict]) -> None:
    app, headers, cookies = served
    api = schemathesis.openapi.from_asgi("/api/openapi.json", app)
    checks = [schemathesis.checks.not_a_server_error, response_schema_conformance]
    tested = []
    for result in api.get_all_operations():
        operation = result.ok()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(
                max_examples=MAX_EXAMPLES,
                deadline=None,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            def call(case: schemathesis.Case) -> None:
                case.call_and_validate(headers=headers, cookies=cookies, checks=checks)

            try:
                call()
            except Unsatisfiable:
                # nothing can be made invalid in an operation without parameters or body
                assert mode is GenerationMode.NEGATIVE, operation.label
        tested.append(operation.label)
    assert "POST /api/documents" in tested and "GET /api/incidents" in tested and len(tested) >= 15
