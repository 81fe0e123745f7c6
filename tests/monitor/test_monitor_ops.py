"""Operations from the instance page: authorized roles, reasons in the audit log, conflicts."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from sqlalchemy import select

from engine.audit import AuditEntry
from engine.complaints.tables import HumanTask
from tests.walk import Walk
from tests.webui.pages import Pages
from webui.wiring import Services

from .conftest import Breaker

MONITOR = "/pemantauan/"


def _reasons(services: Services, action: str) -> list[str]:
    with services.uow() as uow:
        rows = uow.session.scalars(select(AuditEntry).where(AuditEntry.action == action))
        return [json.loads(r.detail)["reason"] for r in rows]


def test_retry_from_the_page(signed_in: Callable[..., Pages], walk: Walk, services: Services,
                             breaker: Breaker) -> None:
    code = walk.file().tracking_code
    instance = walk.instance(code)
    url = f"{MONITOR}{instance.id}"
    pages = signed_in("tim_admin")
    assert "layanan status mati" in pages.get(url).get_data(as_text=True)
    assert "insiden" in pages.get(f"{MONITOR}?instance_status=error").get_data(as_text=True)
    breaker.broken = False
    pages.post(f"{url}/ulang", {"reason": "Sudah diperbaiki",
                                "row_version": instance.version}, page=url, status=302)
    assert walk.instance(code).status == "running"
    assert _reasons(services, "incident_retried") == ["Sudah diperbaiki"]


@pytest.mark.parametrize(("role", "status"), [("ketua", 403), ("pengarah", 403),
                                              ("sysadmin", 302)])
def test_cancel_from_the_page(signed_in: Callable[..., Pages], walk: Walk, services: Services,
                              role: str, status: int) -> None:
    code = walk.file().tracking_code
    url = f"{MONITOR}{walk.instance(code).id}"
    pages = signed_in(role)
    pages.post(f"{url}/batal", {"reason": "Laporan ganda"}, page=url, status=status)
    expected = "cancelled" if status == 302 else "running"
    assert walk.instance(code).status == expected


def test_cancel_needs_a_reason(signed_in: Callable[..., Pages], walk: Walk) -> None:
    code = walk.file().tracking_code
    url = f"{MONITOR}{walk.instance(code).id}"
    signed_in("tim_admin").post(f"{url}/batal", {"reason": ""}, page=url, status=422)
    assert walk.instance(code).status == "running"


@pytest.mark.parametrize(("role", "status"), [("ketua", 302), ("tim_admin", 302),
                                              ("anggota", 403), ("sysadmin", 403)])
def test_reassign_from_the_page(signed_in: Callable[..., Pages], walk: Walk,
                                services: Services, role: str, status: int) -> None:
    code = walk.file().tracking_code
    task = walk.task(code, "verifikasi")
    target = walk.user("tim_admin", name="admin2")
    url = f"{MONITOR}{task.instance_id}"
    pages = signed_in(role)
    pages.post(f"{url}/tugas/{task.id}/alihkan",
               {"user_id": target.user_id, "reason": "Cuti"}, page=url, status=status)
    if status == 302:
        assert walk.task(code, "verifikasi").assignee_id == target.user_id
        assert _reasons(services, "task_reassigned") == ["Cuti"]


def test_move_deadline_from_the_page_and_a_stale_page(signed_in: Callable[..., Pages],
                                                      walk: Walk, services: Services) -> None:
    code = walk.file().tracking_code
    task = walk.task(code, "verifikasi")
    instance = walk.instance(code)
    url = f"{MONITOR}{instance.id}"
    action = f"{url}/tugas/{task.id}/batas-waktu"
    pages = signed_in("ketua")
    form = {"due_at": "2026-03-12T15:00", "reason": "Libur daerah",
            "row_version": instance.version}
    pages.post(action, form, page=url, status=302)
    with services.uow() as uow:
        row = uow.session.get(HumanTask, task.id)
        assert row is not None and row.due_at is not None
        assert row.due_at.isoformat().startswith("2026-03-12T08:00")
    assert _reasons(services, "task_deadline_moved") == ["Libur daerah"]
    pages.post(action, form, page=url, status=409)  # the page still shows the old version
    pages.post(action, {**form, "due_at": "besok", "row_version": ""}, page=url, status=422)
