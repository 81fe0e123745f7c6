"""Opening an anonymous report whose identity is empty writes no "Identitas pelapor dilihat":
nothing was shown, so nothing was seen. A named report's identity is still logged each time."""

from __future__ import annotations

from sqlalchemy import func, select

from engine.audit import AuditEntry
from tests.walk import Walk
from tests.webui.pages import Pages
from webui.wiring import Services


def views(services: Services, complaint_id: int) -> int:
    with services.uow() as uow:
        return uow.session.scalar(select(func.count(AuditEntry.id)).where(
            AuditEntry.action == "identity_viewed",
            AuditEntry.complaint_id == complaint_id)) or 0


def test_an_empty_identity_is_not_logged_as_seen(pages: Pages, walk: Walk,
                                                 services: Services) -> None:
    blank = walk.file(anonim=True, name=None, phone=None)
    named = walk.file()
    walk.user("tim_admin")
    pages.login("tim_admin")
    for _ in range(3):
        pages.get(f"/petugas/laporan/{blank.tracking_code}")
        pages.get(f"/petugas/laporan/{named.tracking_code}")
    assert views(services, blank.complaint_id) == 0
    assert views(services, named.complaint_id) == 3
