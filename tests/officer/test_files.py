"""Stored files: only through an authorized route, ID documents for identity roles, audited."""

from __future__ import annotations

from sqlalchemy import select

from engine.audit import AuditEntry
from engine.complaints.attachments import Upload
from engine.complaints.tables import Attachment
from tests.walk import VERIFY_FORWARD, Walk
from tests.webui.files import PDF, PNG
from tests.webui.pages import Pages
from webui.wiring import Services


def file_ids(services: Services) -> dict[str, int]:
    """Attachment id by kind."""
    with services.uow() as uow:
        return {a.kind: a.id for a in uow.session.scalars(select(Attachment))}


def filed(walk: Walk) -> str:
    """A forwarded complaint with an ID-card PDF and a photo."""
    code = walk.file(files=[Upload("identitas", "ktp.pdf", PDF), Upload("lampiran", "foto.png",
                                                                         PNG)]).tracking_code
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    return code


def test_id_document_is_a_download_for_tim_admin_and_audited(pages: Pages, walk: Walk,
                                                             services: Services) -> None:
    filed(walk)
    walk.user("tim_admin")
    pages.login("tim_admin")
    response = pages.get(f"/petugas/berkas/{file_ids(services)['identitas']}")
    assert response.data == PDF
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Type"] == "application/pdf"
    with services.uow() as uow:
        reads = uow.session.scalars(select(AuditEntry).where(
            AuditEntry.action == "identity_document_viewed")).all()
    assert [r.actor for r in reads] == ["tim_admin"]


def test_images_are_shown_inline_without_sniffing(pages: Pages, walk: Walk,
                                                  services: Services) -> None:
    filed(walk)
    walk.user("pejabat_penghubung", "DINKES")
    pages.login("pejabat_penghubung-dinkes")
    response = pages.get(f"/petugas/berkas/{file_ids(services)['lampiran']}")
    assert response.headers["Content-Disposition"].startswith("inline;")
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_liaison_never_gets_the_id_document(pages: Pages, walk: Walk,
                                            services: Services) -> None:
    filed(walk)
    walk.user("pejabat_penghubung", "DINKES")
    pages.login("pejabat_penghubung-dinkes")
    pages.get(f"/petugas/berkas/{file_ids(services)['identitas']}", status=404)


def test_other_opd_gets_no_file_at_all(pages: Pages, walk: Walk, services: Services) -> None:
    filed(walk)
    walk.user("pejabat_penghubung", "PUPR")
    pages.login("pejabat_penghubung-pupr")
    pages.get(f"/petugas/berkas/{file_ids(services)['lampiran']}", status=404)


def test_files_need_sign_in_and_are_not_static(pages: Pages, walk: Walk,
                                               services: Services) -> None:
    filed(walk)
    ids = file_ids(services)
    assert pages.get(f"/petugas/berkas/{ids['identitas']}", status=302)
    with services.uow() as uow:
        key = uow.session.get(Attachment, ids["identitas"]).storage_key
    pages.get(f"/static/{key}", status=404)


def test_reporter_opens_own_files_with_the_secret(pages: Pages, walk: Walk,
                                                  services: Services) -> None:
    receipt = walk.file(files=[Upload("identitas", "ktp.png", PNG)])
    ids = file_ids(services)
    url = f"/lacak/{receipt.tracking_code}/berkas/{ids['identitas']}"
    pages.get(url, status=404)
    pages.post("/lacak", {"code": receipt.tracking_code, "secret": receipt.secret}, status=302)
    assert pages.get(url).data == PNG
