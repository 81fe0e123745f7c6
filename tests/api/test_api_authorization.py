"""Authorization as a matrix: every API operation × every role (OPD roles of the complaint's
OPD and of another one) and the anonymous public, with the status each must get."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from engine.accounts.tables import User
from engine.accounts.tokens import issue_token
from engine.domain import MANAGER_ROLES, OPD_ROLES, ROLES
from tests.walk import VERIFY_FORWARD, Walk
from webui.api.openapi import openapi_document

API = "/api/v1"
OWN_OPD, OTHER_OPD = "DINKES", "DISDIK"
OTHER = {"penghubung_lain": "pejabat_penghubung", "teknis_lain": "unit_teknis",
         "kepala_lain": "kepala_opd"}
CALLERS = ("anonim", *ROLES, *OTHER)
REPORT = {"title": "Lampu jalan", "description": "Lampu jalan di depan pasar mati seminggu.",
          "anonim": True}


@dataclass
class World:
    """Two complaints, every caller's account and token, and the ids the routes need."""

    walk: Walk
    published: str  # forwarded to DINKES: its liaison has the task "tanggapi"
    waiting: str  # just received: Tim Admin has the task "verifikasi"
    liaison_task: str
    instance: int
    headers: dict[str, dict[str, str]]

    def username(self, caller: str) -> str:
        """The caller's account name ("tidak-ada" for the public, who has none)."""
        return "tidak-ada" if caller == "anonim" else self.walk.user(*_account(caller)).username

    def spare_headers(self, caller: str) -> dict[str, str]:
        """A second token of the caller, so revoking it costs them nothing else."""
        if caller == "anonim":
            return {}
        with self.walk.services.uow() as uow:
            user = uow.session.get(User, self.walk.user(*_account(caller)).user_id)
            assert user is not None
            token = issue_token(uow.session, user, self.walk.clock(), hours=1)
            uow.commit()
        return {"Authorization": f"Bearer {token}"}


def _account(caller: str) -> tuple[str, str | None]:
    if caller in OTHER:
        return OTHER[caller], OTHER_OPD
    return caller, OWN_OPD if caller in OPD_ROLES else None


@pytest.fixture
def world(walk: Walk, bearer) -> World:  # type: ignore[no-untyped-def]
    published = walk.file().tracking_code
    walk.complete(published, "verifikasi", VERIFY_FORWARD)
    waiting = walk.file().tracking_code
    headers = {caller: bearer(*_account(caller)) for caller in CALLERS if caller != "anonim"}
    return World(walk, published, waiting, walk.task(published, "tanggapi").id,
                 walk.instance(published).id, {"anonim": {}, **headers})


def _expect(default: int, **statuses: int) -> dict[str, int]:
    return {caller: statuses.get(caller, default) for caller in CALLERS}


READ_PUBLISHED = _expect(200, analis=404, penghubung_lain=404, teknis_lain=404, kepala_lain=404)
READ_WAITING = _expect(200, anonim=404, analis=404, pejabat_penghubung=404, unit_teknis=404,
                       kepala_opd=404, penghubung_lain=404, teknis_lain=404, kepala_lain=404)
MANAGERS = _expect(403, anonim=401, **dict.fromkeys(MANAGER_ROLES, 200))

Call = Callable[[Any, World, str], Any]
# operation → (how a caller calls it, the status each caller must get)
MATRIX: dict[tuple[str, str], tuple[Call, dict[str, int]]] = {
    ("POST", "/auth/token"): (
        lambda c, w, who: c.post(f"{API}/auth/token",
                                 json={"username": w.username(who), "password": "pw"}),
        _expect(201, anonim=401)),
    ("DELETE", "/auth/token"): (
        lambda c, w, who: c.delete(f"{API}/auth/token", headers=w.spare_headers(who)),
        _expect(204, anonim=401)),
    ("GET", "/opds"): (lambda c, w, who: c.get(f"{API}/opds", headers=w.headers[who]),
                       _expect(200)),
    ("GET", "/categories"): (
        lambda c, w, who: c.get(f"{API}/categories", headers=w.headers[who]), _expect(200)),
    ("GET", "/regions"): (
        lambda c, w, who: c.get(f"{API}/regions", headers=w.headers[who]), _expect(200)),
    ("GET", "/openapi.json"): (
        lambda c, w, who: c.get(f"{API}/openapi.json", headers=w.headers[who]), _expect(200)),
    # Suggestions are an officer's aid: any signed-in officer, for a text or a complaint they
    # may read (what they may not read is as unknown as elsewhere); the analyst reads no
    # complaints.
    ("POST", "/suggestions"): (
        lambda c, w, who: c.post(f"{API}/suggestions", json={"title": "Lampu jalan mati"},
                                 headers=w.headers[who]),
        _expect(200, anonim=401, analis=403)),
    ("GET", "/complaints/{tracking_code}/similar"): (
        lambda c, w, who: c.get(f"{API}/complaints/{w.published}/similar",
                                headers=w.headers[who]),
        {**READ_PUBLISHED, "anonim": 401, "analis": 403}),
    ("POST", "/complaints"): (
        lambda c, w, who: c.post(f"{API}/complaints", json=REPORT, headers=w.headers[who]),
        _expect(201)),
    ("GET", "/complaints/{tracking_code}"): (
        lambda c, w, who: c.get(f"{API}/complaints/{w.published}", headers=w.headers[who]),
        READ_PUBLISHED),
    ("POST", "/complaints/{tracking_code}/replies"): (
        lambda c, w, who: c.post(f"{API}/complaints/{w.published}/replies",
                                 json={"text": "Mohon segera."}, headers=w.headers[who]),
        _expect(403, anonim=401, tim_admin=201)),
    ("GET", "/tasks"): (lambda c, w, who: c.get(f"{API}/tasks", headers=w.headers[who]),
                        _expect(200, anonim=401)),
    ("GET", "/tasks/{task_id}"): (
        lambda c, w, who: c.get(f"{API}/tasks/{w.liaison_task}", headers=w.headers[who]),
        _expect(404, anonim=401, pejabat_penghubung=200, sysadmin=200)),
    ("POST", "/tasks/{task_id}/claim"): (
        lambda c, w, who: _claim_and_release(c, w, w.headers[who]),
        _expect(404, anonim=401, pejabat_penghubung=200, sysadmin=403)),
    ("POST", "/tasks/{task_id}/unclaim"): (
        lambda c, w, who: c.post(f"{API}/tasks/{w.liaison_task}/unclaim",
                                 headers=w.headers[who]),
        _expect(404, anonim=401, pejabat_penghubung=409, sysadmin=200)),
    ("POST", "/tasks/{task_id}/complete"): (
        lambda c, w, who: c.post(f"{API}/tasks/{w.liaison_task}/complete", json={},
                                 headers=w.headers[who]),
        _expect(404, anonim=401, pejabat_penghubung=422, sysadmin=403)),
    ("GET", "/instances"): (
        lambda c, w, who: c.get(f"{API}/instances", headers=w.headers[who]), MANAGERS),
    ("GET", "/instances/{instance_id}"): (
        lambda c, w, who: c.get(f"{API}/instances/{w.instance}", headers=w.headers[who]),
        MANAGERS),
}


def _claim_and_release(client, world: World, headers: dict[str, str]):  # type: ignore[no-untyped-def]
    answer = client.post(f"{API}/tasks/{world.liaison_task}/claim", headers=headers)
    if answer.status_code == 200:
        client.post(f"{API}/tasks/{world.liaison_task}/unclaim", headers=headers)
    return answer


def test_the_matrix_covers_every_documented_operation(services) -> None:  # type: ignore[no-untyped-def]
    document = openapi_document(Path(services.settings.forms_dir))
    documented = {(method.upper(), path) for path, item in document["paths"].items()
                  for method in item if method != "parameters"}
    assert set(MATRIX) == documented


def test_every_operation_answers_every_caller_as_expected(client, world: World) -> None:  # type: ignore[no-untyped-def]
    wrong = []
    for operation, (call, expected) in MATRIX.items():
        for caller in CALLERS:
            status = call(client, world, caller).status_code
            if status != expected[caller]:
                wrong.append((operation, caller, status, expected[caller]))
    assert wrong == []


def test_identity_reaches_only_the_identity_roles(client, world: World) -> None:  # type: ignore[no-untyped-def]
    for caller in CALLERS:
        answer = client.get(f"{API}/complaints/{world.waiting}", headers=world.headers[caller])
        assert answer.status_code == READ_WAITING[caller], caller
        if answer.status_code != 200:
            continue
        reporter = answer.get_json()["reporter"]
        sees_contact = caller in ("tim_admin", "front_office")
        assert ("phone" in reporter) is sees_contact, caller
        assert ("documents" in reporter) is sees_contact, caller


def test_a_liaison_sees_neither_another_opds_complaint_nor_its_tasks(client, world: World
                                                                     ) -> None:  # type: ignore[no-untyped-def]
    for caller in OTHER:
        headers = world.headers[caller]
        assert client.get(f"{API}/complaints/{world.published}", headers=headers
                          ).status_code == 404
        assert client.get(f"{API}/tasks", headers=headers).get_json() == []
        for path in ("", "/claim", "/complete", "/unclaim"):
            call = client.get if not path else client.post
            url = f"{API}/tasks/{world.liaison_task}{path}"
            assert call(url, headers=headers, json={}).status_code == 404, (caller, path)
