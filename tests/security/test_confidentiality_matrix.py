"""Confidentiality as a matrix: every GET route of the app (HTML and API, taken from the URL
map, parameters filled from a seeded data set) × every caller. Seeded complaints carry marker
values; a marker may appear only where visibility allows it, identities never in an export,
and every response showing an identity wrote an audit row."""

from __future__ import annotations

import html
import io
import itertools
import zipfile
from collections.abc import Iterator

import pytest
from flask import Flask
from werkzeug.routing import Rule
from werkzeug.test import TestResponse

from engine.domain import OPD_ROLES
from engine.evaluation.reports import render_html
from tests.walk import Walk
from tests.webui.pages import Pages

from .conftest import token_headers
from .world import CALLERS, OTHER, OTHER_OPD, OWN_OPD, World, build_world

SKIPPED = ("static",)
EXPORTS = ("text/csv", "application/pdf",
           "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
EXPORT_ENDPOINTS = ("api.instances",)


def _username(caller: str) -> str:
    if caller in OTHER:
        return f"{OTHER[caller]}-{OTHER_OPD}".lower()
    if caller in OPD_ROLES:
        return f"{caller}-{OWN_OPD}".lower()
    return caller


def get_urls(app: Flask, values: dict[str, list[object]]) -> Iterator[tuple[str, str]]:
    """(endpoint, url) of every GET route, once per combination of seeded parameter values."""
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if "GET" not in (rule.methods or ()) or rule.endpoint in SKIPPED:
            continue
        names = sorted(rule.arguments)
        choices = [values.get(name, [1 if _is_int(rule, name) else "x"]) for name in names]
        for combo in itertools.product(*choices):
            yield rule.endpoint, rule.build(dict(zip(names, combo, strict=True)))[1]


def _is_int(rule: Rule, name: str) -> bool:
    return "Integer" in type(rule._converters[name]).__name__


def body_text(response: TestResponse) -> str:
    """What a response shows, whatever its type (an XLSX is read from its XML parts)."""
    data = response.get_data()
    if response.mimetype == EXPORTS[2]:
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            data = b"".join(book.read(name) for name in book.namelist())
    return html.unescape(data.decode("utf-8", errors="replace"))


@pytest.fixture
def world(walk: Walk, monkeypatch: pytest.MonkeyPatch) -> World:
    # The PDF is checked by the HTML it is printed from (PDF text is not searchable bytes).
    monkeypatch.setattr("webui.evaluation.dashboard.render_pdf",
                        lambda ev, tables: render_html(ev, tables).encode())
    return build_world(walk)


def _violations(world: World, caller: str, endpoint: str, response: TestResponse,
                audited: bool) -> list[str]:
    text = body_text(response)
    export = response.mimetype in EXPORTS or endpoint in EXPORT_ENDPOINTS
    found = []
    for seeded in world.complaints:
        identity_ok, name_ok, title_ok, files_ok = world.allowed(caller, seeded)
        shown = [m for m in seeded.identity if m in text]
        if shown and (export or not identity_ok):
            found.append(f"identity {shown} of #{seeded.n}")
        elif shown and not audited:
            found.append(f"identity of #{seeded.n} shown without an audit row")
        if shown and "no-store" not in response.headers.get("Cache-Control", ""):
            found.append(f"identity of #{seeded.n} in a response that may be cached")
        names = [m for m in seeded.names if m in text]
        if names and not name_ok:
            found.append(f"name {names} of #{seeded.n}")
        files = [m for m in seeded.files if m in text]
        if files and (export or not files_ok):
            found.append(f"files {files} of #{seeded.n}")
        if seeded.title in text and not title_ok:
            found.append(f"complaint #{seeded.n}")
    return found


@pytest.mark.parametrize("caller", CALLERS)
def test_markers_reach_only_whom_they_may(app, client, world: World, caller: str) -> None:  # type: ignore[no-untyped-def]
    headers: dict[str, str] = {}
    if caller != "publik":
        Pages(client).login(_username(caller))
        headers = token_headers(world.walk, world.actor(caller))
    api = app.test_client()
    problems, seen = [], 0
    for endpoint, url in get_urls(app, world.values()):
        before = world.audit_count()
        if url.startswith("/api/"):
            response = api.get(url, headers=headers)
        else:
            response = client.get(url)
        seen += response.status_code == 200
        audited = world.audit_count() > before
        problems += [f"{url}: {p}" for p in
                     _violations(world, caller, endpoint, response, audited)]
        response.close()
    assert seen > 5
    assert not problems, "\n".join(problems)


def test_the_reporter_with_the_secret_sees_the_identity_and_it_is_audited(
        client, walk: Walk) -> None:  # type: ignore[no-untyped-def]
    phone = "081299990009"
    receipt = walk.file(title="Judul Penanda 9", name="Nama Penanda 9", phone=phone,
                        anonim=True, rahasia=True)
    world = World(walk)
    before = world.audit_count()
    pages = Pages(client)
    pages.post("/lacak", {"code": receipt.tracking_code, "secret": receipt.secret}, status=302)
    page = pages.get(f"/lacak/{receipt.tracking_code}")
    assert phone in page.get_data(as_text=True)
    assert "no-store" in page.headers["Cache-Control"]
    assert world.audit_count() == before + 1
    api = client.get(f"/api/v1/complaints/{receipt.tracking_code}",
                     headers={"X-Complaint-Secret": receipt.secret})
    assert api.status_code == 200 and phone in api.get_data(as_text=True)
    assert "no-store" in api.headers["Cache-Control"]
    assert world.audit_count() == before + 2
    wrong = client.get(f"/api/v1/complaints/{receipt.tracking_code}",
                       headers={"X-Complaint-Secret": "salah"})
    assert wrong.status_code == 404 and phone not in wrong.get_data(as_text=True)
