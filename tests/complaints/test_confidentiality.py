"""'Setiap pengaduan dijamin kerahasiaannya': the reporter's name is never published, and what
the reporter chose (anonim, rahasia) an officer may strengthen but never weaken unasked."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from engine.audit import AuditEntry
from engine.complaints.read_models import view_complaint
from engine.complaints.reporter import find_complaint
from engine.errors import FormInvalidError
from tests.walk import VERIFY_FORWARD, Walk
from tests.webui.pages import Pages, text_of

NAME = "Siti Rahmawati"


def _flag_changes(walk: Walk, code: str) -> list[dict[str, object]]:
    cid = walk.complaint(code).id
    with walk.services.uow() as uow:
        rows = uow.session.scalars(select(AuditEntry).where(
            AuditEntry.complaint_id == cid, AuditEntry.action == "confidentiality_changed")
            .order_by(AuditEntry.id))
        return [{**json.loads(r.detail), "actor": r.actor} for r in rows]


def test_the_verifier_cannot_lift_the_reporters_choice(walk: Walk) -> None:
    code = walk.file(name=NAME, anonim=True, rahasia=True).tracking_code
    before = walk.instance(code).version
    with pytest.raises(FormInvalidError) as err:
        walk.complete(code, "verifikasi", {**VERIFY_FORWARD, "anonim": False, "rahasia": False})
    assert set(err.value.errors) == {"anonim", "rahasia"}
    stored = walk.complaint(code)
    assert (stored.anonim, stored.rahasia, stored.status) == (True, True, "diterima")
    assert walk.instance(code).version == before
    assert _flag_changes(walk, code) == []


def test_lifting_a_flag_needs_the_reporters_recorded_consent(walk: Walk) -> None:
    code = walk.file(name=NAME, rahasia=True).tracking_code
    consent = "Pelapor setuju laporannya dipublikasikan (balasan klarifikasi 3 Maret 2026)."
    walk.complete(code, "verifikasi", {**VERIFY_FORWARD, "rahasia": False,
                                       "persetujuan_pelapor": consent})
    assert walk.complaint(code).rahasia is False
    [change] = _flag_changes(walk, code)
    assert change == {"flag": "rahasia", "old": True, "new": False, "consent": consent,
                      "actor": "tim_admin"}


def test_strengthening_is_allowed_and_audited_with_old_and_new(walk: Walk) -> None:
    code = walk.file(name=NAME).tracking_code
    walk.complete(code, "verifikasi", {**VERIFY_FORWARD, "anonim": True, "rahasia": True})
    stored = walk.complaint(code)
    assert (stored.anonim, stored.rahasia) == (True, True)
    assert [(c["flag"], c["old"], c["new"], c["consent"]) for c in _flag_changes(walk, code)] \
        == [("anonim", False, True, None), ("rahasia", False, True, None)]


def test_an_unchanged_flag_is_no_change(walk: Walk) -> None:
    code = walk.file(name=NAME, anonim=True).tracking_code
    walk.complete(code, "verifikasi", {**VERIFY_FORWARD, "anonim": True, "rahasia": False})
    assert _flag_changes(walk, code) == []


def test_the_public_api_of_an_anonymous_confidential_report_never_names_the_reporter(
        walk: Walk, client) -> None:  # type: ignore[no-untyped-def]
    code = walk.file(name=NAME, anonim=True, rahasia=True).tracking_code
    with pytest.raises(FormInvalidError):  # the officer's attempt that used to succeed
        walk.complete(code, "verifikasi", {**VERIFY_FORWARD, "anonim": False, "rahasia": False})
    answer = client.get(f"/api/v1/complaints/{code}")
    assert answer.status_code == 404
    assert NAME not in answer.get_data(as_text=True)


def test_a_published_named_report_does_not_show_the_name_anywhere_public(
        walk: Walk, client, pages: Pages) -> None:  # type: ignore[no-untyped-def]
    code = walk.file(name=NAME).tracking_code
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    assert walk.status(code) == "didisposisikan"
    public = client.get(f"/api/v1/complaints/{code}")
    assert public.status_code == 200
    assert public.get_json()["reporter"] is None
    for url in ("/", "/laporan", f"/laporan/{code}"):
        page = text_of(pages.get(url))
        assert code in page and NAME not in page, url
    assert "Identitas pelapor dirahasiakan." in text_of(pages.get(f"/laporan/{code}"))


def test_officers_still_see_the_name_of_a_named_report(walk: Walk) -> None:
    code = walk.file(name=NAME).tracking_code
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    liaison = walk.user("pejabat_penghubung", "DINKES")
    with walk.services.uow() as uow:
        complaint = find_complaint(uow.session, code)
        view = view_complaint(uow.session, complaint, liaison, walk.clock())
        public = view_complaint(uow.session, complaint, None, walk.clock())
    assert view.identity is not None and view.identity.name == NAME
    assert view.identity.phone is None
    assert public.identity is None
