"""The standard's first requirement on the channels that cannot carry a file: the complaint is
kept, Tim Admin sees 'identitas belum dilengkapi', and the reporter adds the copy later."""

from __future__ import annotations

from sqlalchemy import select

from engine.audit import AuditEntry
from engine.complaints.tables import Attachment
from tests.walk import Walk
from tests.webui.files import EXE, PNG, upload
from tests.webui.pages import Pages, text_of

FLAG = "Identitas belum dilengkapi"


def _track(pages: Pages, code: str, secret: str) -> str:
    response = pages.post("/lacak", {"code": code, "secret": secret}, status=302)
    return response.headers["Location"]


def test_an_sms_report_is_flagged_for_tim_admin_and_completed_by_the_reporter(
        pages: Pages, walk: Walk) -> None:
    receipt = walk.file(channel="sms", name="Pelapor SMS 1708")
    code = receipt.tracking_code
    walk.user("tim_admin")
    pages.login("tim_admin")
    task = walk.task(code, "verifikasi")
    assert FLAG in text_of(pages.get(f"/petugas/tugas/{task.id}"))
    pages.logout()

    status_url = _track(pages, code, receipt.secret)
    page = text_of(pages.get(status_url))
    assert "Lengkapi identitas" in page and FLAG in page
    wrong = pages.post(f"{status_url}/identitas", {"id_document": upload(EXE, "ktp.png")},
                       page=status_url, status=422, content_type="multipart/form-data")
    assert 'id="f-id_document-error"' in text_of(wrong)
    pages.post(f"{status_url}/identitas", {"id_document": upload(PNG, "ktp.png")},
               page=status_url, status=302, content_type="multipart/form-data")
    page = text_of(pages.get(status_url))
    assert "Lengkapi identitas" not in page and FLAG not in page and "ktp.png" in page
    with walk.services.uow() as uow:
        stored = uow.session.scalars(select(Attachment)).one()
        audit = uow.session.scalars(select(AuditEntry).where(
            AuditEntry.action == "identity_completed")).one()
    assert (stored.kind, stored.complaint_id) == ("identitas", walk.complaint(code).id)
    assert audit.actor_role == "pelapor"
    # A second copy is refused, and nothing is stored.
    pages.post(f"{status_url}/identitas", {"id_document": upload(PNG, "lagi.png")},
               page=status_url, status=302, content_type="multipart/form-data")
    with walk.services.uow() as uow:
        assert len(uow.session.scalars(select(Attachment)).all()) == 1


def test_anonymous_and_national_reports_are_not_flagged(pages: Pages, walk: Walk) -> None:
    anonymous = walk.file(channel="sms", anonim=True, name=None, phone=None)
    forwarded = walk.file(channel="nasional", external_id="LAPOR-1")
    walk.user("tim_admin")
    pages.login("tim_admin")
    for code in (anonymous.tracking_code, forwarded.tracking_code):
        task = walk.task(code, "verifikasi")
        assert FLAG not in text_of(pages.get(f"/petugas/tugas/{task.id}"))
    pages.logout()
    page = text_of(pages.get(_track(pages, anonymous.tracking_code, anonymous.secret)))
    assert "Lengkapi identitas" not in page
