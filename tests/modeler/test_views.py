"""The modeler's pages: analysts only, CSRF on posts, save, deploy, diff, migrate, forms."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from io import BytesIO
from typing import Any

import pytest
from sqlalchemy import select

from engine.modeler.drafts import approve_draft
from engine.workflow.tables import ProcessDefinition
from tests.sessions import sign_in_client
from tests.walk import Walk

from .bundles import MAIN, default_files, rename, replaced
from .deploying import deploy_files
from .test_validation import BILLION_LAUGHS

ARGS = {"draft_id": 1, "definition_id": 1, "key": "verifikasi", "name": MAIN}


def _modeler_urls(app: Any) -> list[tuple[str, str]]:
    urls = []
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/analis"):
            method = "GET" if "GET" in rule.methods else "POST"
            path = rule.rule
            for arg in rule.arguments:
                path = re.sub(rf"<(\w+:)?{arg}>", str(ARGS[arg]), path)
            urls.append((method, path))
    return urls


@pytest.fixture
def no_csrf_client(services):  # type: ignore[no-untyped-def]
    from webui import create_app

    return create_app({"TESTING": True, "ALUR_SERVICES": services,
                       "WTF_CSRF_ENABLED": False}).test_client()


@pytest.mark.parametrize("role", [
    "tim_admin", "sysadmin", "pengarah", "penanggung_jawab", "sekretaris", "front_office"])
def test_nobody_but_analysts_reaches_the_modeler(
    role: str, walk: Walk, no_csrf_client: Any, app: Any,
) -> None:
    urls = _modeler_urls(app)
    assert len(urls) >= 14
    for method, path in urls:
        assert no_csrf_client.open(path, method=method).status_code in (302, 401), path
    actor = walk.user(role, "DINKES" if role in ("pejabat_penghubung",) else None)
    sign_in_client(no_csrf_client, walk.services, actor.user_id)
    for method, path in urls:
        assert no_csrf_client.open(path, method=method).status_code == 403, path


@pytest.mark.parametrize("role", ["analis", "tim_admin", "ketua", "penanggung_jawab"])
def test_only_the_sekretaris_reaches_the_approval_pages(
    role: str, walk: Walk, no_csrf_client: Any,
) -> None:
    sign_in_client(no_csrf_client, walk.services, walk.user(role).user_id)
    for method, path in (("GET", "/persetujuan-proses/"), ("GET", "/persetujuan-proses/draf/1"),
                         ("POST", "/persetujuan-proses/draf/1/setujui")):
        assert no_csrf_client.open(path, method=method).status_code == 403, path


def _csrf(client: Any) -> str:
    page = client.get("/analis/pemodel").get_data(as_text=True)
    found = re.search(r'data-csrf="([^"]+)"', page)
    assert found is not None
    return found.group(1)


def _save(client: Any, files: dict[str, str], token: str | None) -> Any:
    headers = {"X-CSRFToken": token} if token else {}
    return client.post("/analis/api/draf", json={"files": files, "note": "uji"},
                       headers=headers)


def test_save_validates_and_returns_problems(sign_in: Callable[[str], Any]) -> None:
    client = sign_in("analis")
    token = _csrf(client)
    assert _save(client, default_files(), None).status_code == 400  # no CSRF token
    good = _save(client, rename(default_files(), "verifikasi", "Verifikasi baru"), token).json
    assert good["ok"] is True and good["problems"] == []
    bad = _save(client, replaced(default_files(), MAIN, 'name="Ketua"', 'name="Bupati"'),
                token).json
    assert bad["ok"] is False
    assert [(p["code"], p["element_id"]) for p in bad["problems"]] == [("lane", "lajur_ketua")]
    page = client.get(bad["editor_url"]).get_data(as_text=True)
    assert "lajur_ketua" in page and 'data-element="lajur_ketua"' in page
    bundle = client.get(f"/analis/api/bundle?draft={good['draft_id']}").json
    assert "Verifikasi baru" in bundle["files"][MAIN] and "received_at" in bundle["date_variables"]


def test_deploy_from_the_page_and_see_versions_and_diff(
    sign_in: Callable[[str], Any], services: Any,
) -> None:
    client = sign_in("analis")
    token = _csrf(client)
    saved = _save(client, rename(default_files(), "verifikasi", "Verifikasi baru"), token).json
    draft_id = saved["draft_id"]
    refused = client.post(saved["deploy_url"], data={"csrf_token": token, "note": "Nama baru"},
                          follow_redirects=True).get_data(as_text=True)
    assert "belum disetujui Sekretaris" in refused
    client = sign_in("sekretaris")
    queue = client.get("/persetujuan-proses/").get_data(as_text=True)
    assert f"/persetujuan-proses/draf/{draft_id}" in queue
    review = client.get(f"/persetujuan-proses/draf/{draft_id}").get_data(as_text=True)
    assert "Verifikasi baru" in review and "diff-changed" in review and "Setujui draf" in review
    approved = client.post(f"/persetujuan-proses/draf/{draft_id}/setujui",
                           data={"csrf_token": token, "note": "Sesuai SOP"})
    assert approved.status_code == 302
    client = sign_in("analis")
    response = client.post(saved["deploy_url"], data={"csrf_token": token, "note": "Nama baru"})
    assert response.status_code == 302 and response.location.endswith("/analis/versi")
    with services.uow() as uow:
        first, newest = uow.session.scalars(select(ProcessDefinition).order_by(
            ProcessDefinition.version)).all()
    assert (newest.version, newest.author, newest.note) == (2, "analis", "Nama baru")
    assert newest.approved_by == "sekretaris"
    versions = client.get("/analis/versi").get_data(as_text=True)
    assert "Nama baru" in versions and "<td>sekretaris</td>" in versions
    diff = client.get(f"/analis/versi/beda?dari={first.id}&ke={newest.id}").get_data(as_text=True)
    assert "Verifikasi baru" in diff and "diff-changed" in diff
    download = client.get(f"/analis/versi/{newest.id}/berkas/{MAIN}")
    assert "Verifikasi baru" in download.get_data(as_text=True)
    assert download.headers["Content-Disposition"] == f'attachment; filename="{MAIN}"'


def test_the_approver_reads_a_script_added_beside_a_tasks_form(
    sign_in: Callable[[str], Any],
) -> None:
    # Found in exploratory testing: the review said "0 perubahan" for such a draft.
    marker = '<spiffworkflow:property name="dueDate" value="verification_due" />'
    closing = marker + "\n        </spiffworkflow:properties>"
    files = replaced(default_files(), MAIN, closing, closing + (
        '<spiffworkflow:postScript>decision = "archive"</spiffworkflow:postScript>'))
    client = sign_in("analis")
    saved = _save(client, files, _csrf(client)).json
    assert saved["problems"] == [], saved
    client = sign_in("sekretaris")
    review = client.get(f"/persetujuan-proses/draf/{saved['draft_id']}").get_data(as_text=True)
    assert "1 perubahan" in review and "diff-changed" in review
    assert "+ postScript: decision = &#34;archive&#34;" in review


def test_migration_page_dry_run_then_move(
    sign_in: Callable[[str], Any], walk: Walk, services: Any,
) -> None:
    code = walk.file().tracking_code
    client = sign_in("analis")
    token = _csrf(client)
    saved = _save(client, rename(default_files(), "verifikasi", "Verifikasi baru"), token).json
    approve_draft(services.uow(), saved["draft_id"], actor=walk.user("sekretaris"), note="",
                  now=walk.clock())
    client.post(saved["deploy_url"], data={"csrf_token": token, "note": ""})
    instance = walk.instance(code)
    listing = client.get("/analis/migrasi/?version=1").get_data(as_text=True)
    assert code in listing
    with services.uow() as uow:
        target = uow.session.scalars(select(ProcessDefinition.id).where(
            ProcessDefinition.version == 2)).one()
    form = {"csrf_token": token, "ids": [str(instance.id)], "target": str(target)}
    dry = client.post("/analis/migrasi/uji", data=form).get_data(as_text=True)
    assert "bisa dipindahkan" in dry and walk.instance(code).definition_id == instance.definition_id
    moved = client.post("/analis/migrasi/jalankan", data=form).get_data(as_text=True)
    assert "1 instans dipindahkan" in moved
    assert walk.instance(code).definition_id == target


def test_form_editor_previews_validates_and_saves_to_a_draft(
    sign_in: Callable[[str], Any],
) -> None:
    client = sign_in("analis")
    token = _csrf(client)
    page = client.get("/analis/formulir/verifikasi").get_data(as_text=True)
    assert 'name="decision"' in page  # the officers' renderer
    schema = {"type": "object", "properties": {"alasan": {"type": "string", "title": "Alasan",
                                                           "maxLength": 50}}}
    preview = client.post("/analis/api/pratinjau-formulir", headers={"X-CSRFToken": token},
                          json={"key": "verifikasi", "schema": schema, "ui": {}}).json
    assert preview["ok"] and 'name="alasan"' in preview["html"]
    wrong = client.post("/analis/api/pratinjau-formulir", headers={"X-CSRFToken": token},
                        json={"key": "x", "schema": {"type": "teks"}, "ui": {}}).json
    assert wrong["ok"] is False
    invalid = client.post("/analis/formulir/verifikasi",
                          data={"csrf_token": token, "schema": "{", "ui": "{}"})
    assert invalid.status_code == 422 and "JSON tidak valid" in invalid.get_data(as_text=True)
    saved = client.post("/analis/formulir/verifikasi", data={
        "csrf_token": token, "schema": json.dumps(schema), "ui": "{}"})
    assert saved.status_code == 302 and "draft=" in saved.location
    draft_id = int(saved.location.rsplit("=", 1)[1])
    bundle = client.get(f"/analis/api/bundle?draft={draft_id}").json
    assert "verifikasi" in bundle["form_keys"]
    editor = client.get(f"/analis/pemodel?draft={draft_id}").get_data(as_text=True)
    assert "Lolos pemeriksaan" in editor


def test_uploads_are_parsed_safely(
    sign_in: Callable[[str], Any], monkeypatch: pytest.MonkeyPatch,
) -> None:
    client = sign_in("analis")
    token = _csrf(client)
    response = client.post("/analis/unggah", data={
        "csrf_token": token, "target": MAIN,
        "berkas": (BytesIO(BILLION_LAUGHS.encode()), "bom.bpmn")})
    assert response.status_code == 302
    page = client.get(response.location).get_data(as_text=True)
    assert "DOCTYPE dan ENTITY tidak diizinkan" in page
    monkeypatch.setattr("webui.modeler.editor.MAX_FILE_BYTES", 1000)  # small: no spooled file
    big = client.post("/analis/unggah", data={
        "csrf_token": token, "berkas": (BytesIO(b"x" * 1001), "besar.bpmn")})
    assert "terlalu besar" in client.get(big.location).get_data(as_text=True)


def test_analysts_reach_every_page(sign_in: Callable[[str], Any], walk: Walk) -> None:
    walk.file()
    client = sign_in("analis")
    for path in ("/analis/", "/analis/pemodel", "/analis/versi", "/analis/migrasi/",
                 "/analis/formulir/", "/analis/formulir/verifikasi", "/analis/api/bundle"):
        response = client.get(path)
        assert response.status_code == 200, path
    assert client.get("/analis/formulir/../etc").status_code == 404
    assert client.get("/analis/formulir/Tidak-Ada").status_code == 404


def test_migration_acts_on_the_ticked_or_on_all_after_choosing_all(
    sign_in: Callable[[str], Any], walk: Walk, services: Any, checks: Any, source: Any,
) -> None:
    codes = [walk.file().tracking_code for _ in range(3)]
    v1 = walk.instance(codes[0]).definition_id
    target = deploy_files(walk, rename(default_files(), "verifikasi", "Verifikasi baru"), checks,
                          source).id
    client = sign_in("analis")
    token = _csrf(client)
    listing = client.get("/analis/migrasi/?version=1").get_data(as_text=True)
    assert all(code in listing for code in codes) and " checked" not in listing
    base = {"csrf_token": token, "target": str(target), "version": "1"}
    nothing = client.post("/analis/migrasi/jalankan", data=base)
    assert nothing.status_code == 422 and "Centang instans" in nothing.get_data(as_text=True)
    assert all(walk.instance(code).definition_id == v1 for code in codes)
    one = walk.instance(codes[1]).id
    moved = client.post("/analis/migrasi/jalankan", data={**base, "ids": [str(one)]})
    assert "1 instans dipindahkan" in moved.get_data(as_text=True)
    assert [walk.instance(c).definition_id for c in codes] == [v1, target, v1]
    everything = client.post("/analis/migrasi/jalankan", data={**base, "scope": "all"})
    assert "2 instans dipindahkan" in everything.get_data(as_text=True)
    assert [walk.instance(c).definition_id for c in codes] == [target] * 3
