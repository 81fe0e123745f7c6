"""Filing a complaint through the API (JSON and multipart) and the channels each caller may use."""

from __future__ import annotations

import dataclasses
import io

import pytest
from sqlalchemy import select

from engine.complaints.tables import Attachment
from tests.walk import Walk

COMPLAINTS = "/api/v1/complaints"
REPORT = {"title": "Jalan rusak di Pendopo",
          "description": "Jalan utama desa berlubang besar sejak musim hujan tahun lalu.",
          "name": "Budi", "phone": "081234567890", "category": "8", "kecamatan": "16.11.04",
          "incident_date": "2026-02-20"}
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n%fake but starts right\n"


def test_json_complaint_is_registered_and_tracked(client, walk: Walk) -> None:  # type: ignore[no-untyped-def]
    answer = client.post(COMPLAINTS, json={**REPORT, "anonim": True})
    assert answer.status_code == 201
    body = answer.get_json()
    assert set(body) == {"tracking_code", "secret", "status", "registration_no"}
    assert body["status"] == "diterima" and body["registration_no"] == "0001/LAPOR/2026"
    assert answer.headers["Location"] == f"{COMPLAINTS}/{body['tracking_code']}"
    stored = walk.complaint(body["tracking_code"])
    assert (stored.channel, stored.category_code, str(stored.incident_date)) == (
        "web", "8", "2026-02-20")
    assert walk.task(body["tracking_code"], "verifikasi").role == "tim_admin"


def test_multipart_complaint_keeps_the_id_copy_and_attachments(client, services) -> None:  # type: ignore[no-untyped-def]
    form = {**REPORT, "anonim": "false", "channel": "mobile",
            "id_document": (io.BytesIO(PNG), "ktp.png"),
            "attachments": [(io.BytesIO(PNG), "foto 1.png"), (io.BytesIO(PDF), "surat.pdf")]}
    answer = client.post(COMPLAINTS, data=form, content_type="multipart/form-data")
    assert answer.status_code == 201, answer.get_json()
    with services.uow() as uow:
        files = uow.session.scalars(select(Attachment).order_by(Attachment.id)).all()
    assert [(f.kind, f.filename, f.content_type) for f in files] == [
        ("identitas", "ktp.png", "image/png"), ("lampiran", "foto 1.png", "image/png"),
        ("lampiran", "surat.pdf", "application/pdf")]
    code, secret = answer.get_json()["tracking_code"], answer.get_json()["secret"]
    mine = client.get(f"{COMPLAINTS}/{code}", headers={"X-Complaint-Secret": secret}).get_json()
    assert [d["filename"] for d in mine["reporter"]["documents"]] == ["ktp.png"]
    assert [a["filename"] for a in mine["attachments"]] == ["foto 1.png", "surat.pdf"]
    assert mine["channel"] == "mobile"


def test_anonymous_multipart_needs_no_name(client) -> None:  # type: ignore[no-untyped-def]
    form = {"title": "Pungli", "description": "Ada pungutan liar di loket pelayanan kecamatan.",
            "anonim": "on", "attachments": (io.BytesIO(b""), "")}  # a blank file input
    answer = client.post(COMPLAINTS, data=form, content_type="multipart/form-data")
    assert answer.status_code == 201, answer.get_json()


def test_a_file_that_is_not_an_image_or_pdf_is_refused(client) -> None:  # type: ignore[no-untyped-def]
    form = {**REPORT, "attachments": (io.BytesIO(b"<script>alert(1)</script>"), "x.png")}
    answer = client.post(COMPLAINTS, data=form, content_type="multipart/form-data")
    assert answer.status_code == 422
    assert "attachments" in answer.get_json()["error"]["fields"]


def test_only_one_id_copy(client) -> None:  # type: ignore[no-untyped-def]
    form = {**REPORT, "id_document": [(io.BytesIO(PNG), "a.png"), (io.BytesIO(PNG), "b.png")]}
    answer = client.post(COMPLAINTS, data=form, content_type="multipart/form-data")
    assert answer.status_code == 422
    assert "id_document" in answer.get_json()["error"]["fields"]


@pytest.mark.parametrize(("changes", "field"), [
    ({"title": ""}, "title"),
    ({"description": "pendek"}, "description"),
    ({"name": None, "phone": None}, "phone"),
    ({"phone": "12345"}, "phone"),
    ({"incident_date": "kemarin"}, "incident_date"),
    ({"anonim": "ya"}, "anonim"),
    ({"category": "tidak-ada"}, "category"),
    ({"channel": "telegram"}, "channel"),
    ({"external_id": "NAS-1"}, "external_id"),
    ({"anonim": None}, "anonim"),
    ({"email": "warga@" + "e" * 142 + ".id"}, "email"),  # longer than its column (PostgreSQL)
    ({"description": "Teks dengan \x00 di tengah kalimat yang cukup panjang."}, "description"),
    # Blanks only: checked before they were stripped, they were filed as an empty report.
    ({"title": "   "}, "title"),
    ({"description": " " * 26}, "description"),
    ({"description": "  pendek sekali  " + "\n" * 20}, "description"),
])
def test_invalid_complaint_names_the_field_and_stores_nothing(client, walk: Walk, changes,
                                                              field) -> None:  # type: ignore[no-untyped-def]
    body = {k: v for k, v in {**REPORT, **changes}.items() if v is not None or k == "anonim"}
    answer = client.post(COMPLAINTS, json=body)
    assert answer.status_code == 422
    assert field in answer.get_json()["error"]["fields"]
    with walk.services.uow() as uow:
        assert uow.session.scalars(select(Attachment)).first() is None


def test_blanks_around_the_text_are_not_stored(client, walk: Walk) -> None:  # type: ignore[no-untyped-def]
    answer = client.post(COMPLAINTS, json={**REPORT, "anonim": True, "title": "  Jalan rusak \n",
                                           "description": "\n " + REPORT["description"] + "  "})
    assert answer.status_code == 201
    stored = walk.complaint(answer.get_json()["tracking_code"])
    assert (stored.title, stored.description) == ("Jalan rusak", REPORT["description"])


def test_a_body_that_is_neither_json_nor_a_form_is_a_bad_request(client) -> None:  # type: ignore[no-untyped-def]
    assert client.post(COMPLAINTS, data="judul", content_type="text/plain").status_code == 400
    assert client.post(COMPLAINTS, json="judul").status_code == 400


@pytest.mark.parametrize("channel", ["kotak", "loket", "sms", "nasional"])
def test_the_public_files_only_through_web_and_mobile(client, channel: str) -> None:  # type: ignore[no-untyped-def]
    answer = client.post(COMPLAINTS, json={**REPORT, "channel": channel})
    assert answer.status_code == 422
    assert "channel" in answer.get_json()["error"]["fields"]


@pytest.mark.parametrize(("role", "channel", "status"), [
    ("front_office", "kotak", 201), ("front_office", "loket", 201),
    ("front_office", "sms", 422), ("front_office", "nasional", 422),
    ("tim_admin", "loket", 422), ("tim_admin", "mobile", 201),
])
def test_front_office_types_in_paper_reports(client, walk: Walk, bearer, role, channel,
                                             status) -> None:  # type: ignore[no-untyped-def]
    answer = client.post(COMPLAINTS, json={**REPORT, "channel": channel, "anonim": True},
                         headers=bearer(role))
    assert answer.status_code == status
    if status == 201:
        code = answer.get_json()["tracking_code"]
        assert walk.complaint(code).channel == channel
        assert walk.statuses(code) == ["diterima"]


@pytest.mark.parametrize(("channel", "role"), [("web", None), ("mobile", None),
                                               ("loket", "front_office")])
def test_a_named_report_without_the_id_copy_is_refused_by_its_field(
        client, walk: Walk, bearer, channel, role) -> None:  # type: ignore[no-untyped-def]
    headers = bearer(role) if role else {}
    answer = client.post(COMPLAINTS, json={**REPORT, "channel": channel}, headers=headers)
    assert answer.status_code == 422
    assert set(answer.get_json()["error"]["fields"]) == {"id_document"}
    with walk.services.uow() as uow:
        assert uow.session.scalars(select(Attachment)).first() is None
    both = client.post(COMPLAINTS, json={**REPORT, "channel": channel, "phone": "12"},
                       headers=headers)
    assert set(both.get_json()["error"]["fields"]) == {"id_document", "phone"}


def test_a_letter_from_the_box_without_the_copy_is_kept_and_flagged(
        client, walk: Walk, bearer) -> None:  # type: ignore[no-untyped-def]
    answer = client.post(COMPLAINTS, json={**REPORT, "channel": "kotak"},
                         headers=bearer("front_office"))
    assert answer.status_code == 201
    code = answer.get_json()["tracking_code"]
    seen = client.get(f"{COMPLAINTS}/{code}", headers=bearer("tim_admin")).get_json()
    assert seen["reporter"]["missing_document"] is True


def test_the_setting_relaxes_online_channels_but_not_the_counter(
        client, walk: Walk, bearer, services) -> None:  # type: ignore[no-untyped-def]
    services.runtime.settings = dataclasses.replace(services.settings,
                                                    id_document_optional_online=1)
    services.settings = services.runtime.settings
    web = client.post(COMPLAINTS, json=REPORT)
    assert web.status_code == 201
    counter = client.post(COMPLAINTS, json={**REPORT, "channel": "loket"},
                          headers=bearer("front_office"))
    assert counter.status_code == 422
    code = web.get_json()["tracking_code"]
    seen = client.get(f"{COMPLAINTS}/{code}", headers=bearer("tim_admin")).get_json()
    assert seen["reporter"]["missing_document"] is True
