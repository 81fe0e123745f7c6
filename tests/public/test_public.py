"""The citizen portal: submit with attachments, the receipt, tracking, replying, public list."""

from __future__ import annotations

import re

from sqlalchemy import select

from engine.audit import AuditEntry
from engine.complaints.intake import Receipt
from engine.complaints.tables import Attachment
from tests.walk import ANSWER, VERIFY_FORWARD, Walk
from tests.webui.files import EXE, PDF, PNG, upload
from tests.webui.pages import Pages, text_of
from webui.wiring import Services

FORM = {"title": "Jalan berlubang di depan pasar",
        "description": "Lubang besar di jalan depan pasar Tebing Tinggi membahayakan pengendara.",
        "name": "Siti Warga", "phone": "081234567890"}


def receipt_codes(page: str) -> tuple[str, str]:
    """Tracking code and secret shown on the receipt."""
    code = re.search(r'id="tracking-code">([^<]+)<', page)
    secret = re.search(r'id="secret">([^<]+)<', page)
    assert code and secret, page[:2000]
    return code.group(1), secret.group(1)


def submit(pages: Pages, **fields: object) -> tuple[str, str]:
    """File a complaint through the form (a named one with the ID copy the standard requires);
    returns (tracking code, secret)."""
    return receipt_codes(text_of(filed(pages, **fields)))


def filed(pages: Pages, **fields: object):  # type: ignore[no-untyped-def]
    """Post the form and follow its redirect to the receipt (a named report with its ID copy)."""
    if not fields.get("anonim"):
        fields.setdefault("id_document", upload(PNG, "ktp.png"))
    response = pages.post("/lapor", {**FORM, **fields}, status=303,
                          content_type="multipart/form-data")
    receipt = pages.get(response.headers["Location"])
    assert receipt.headers["Cache-Control"] == "no-store"
    return receipt


def track(pages: Pages, code: str, secret: str) -> str:
    """Open the reporter's page with code and secret; returns its text."""
    response = pages.post("/lacak", {"code": code, "secret": secret}, status=302)
    return text_of(pages.get(response.headers["Location"]))


def opened(pages: Pages, receipt: Receipt) -> str:
    """Open the reporter's page of ``receipt`` in this browser (code and secret); its address."""
    track(pages, receipt.tracking_code, receipt.secret)
    return f"/lacak/{receipt.tracking_code}"


def followed_up(walk: Walk) -> Receipt:
    """A report filed, forwarded and answered by its OPD: waiting for "sudah" or "belum"."""
    receipt = walk.file()
    walk.complete(receipt.tracking_code, "verifikasi", VERIFY_FORWARD)
    walk.complete(receipt.tracking_code, "tanggapi", ANSWER)
    return receipt


def test_home_explains_and_links(pages: Pages) -> None:
    page = text_of(pages.get("/"))
    assert "Sampaikan laporan Anda" in page
    assert 'href="/lapor"' in page and 'href="/lacak"' in page


def test_form_explains_anonim_and_rahasia(pages: Pages) -> None:
    page = text_of(pages.get("/lapor"))
    assert "Anonim atau rahasia?" in page
    assert 'enctype="multipart/form-data"' in page
    assert 'name="id_document"' in page and 'name="attachments"' in page
    assert 'name="csrf_token"' in page
    assert "Kesehatan" in page  # categories come from the reference data


def test_submit_shows_code_and_secret_once(pages: Pages, walk: Walk) -> None:
    code, secret = submit(pages)
    assert code.startswith("EL-") and len(secret) == 16
    assert walk.status(code) == "diterima"
    assert secret not in track(pages, code, secret)  # shown once: never again


def test_receipt_shows_registration_number(pages: Pages) -> None:
    page = text_of(filed(pages))
    assert "/LAPOR/2026" in page
    assert "tidak ditampilkan lagi" in page


def test_invalid_form_keeps_input_and_puts_errors_by_fields(pages: Pages) -> None:
    response = pages.post("/lapor", {**FORM, "description": "pendek", "phone": "12"},
                          status=422, content_type="multipart/form-data")
    page = text_of(response)
    assert 'value="Jalan berlubang di depan pasar"' in page
    assert 'id="f-description-error"' in page and 'id="f-phone-error"' in page
    assert "Nomor telepon tidak valid" in page
    assert re.search(r'id="f-phone"[^>]*aria-invalid="true"', page)


def test_anonymous_report_needs_no_name(pages: Pages, walk: Walk) -> None:
    code, _ = submit(pages, name="", phone="", anonim="on")
    assert walk.complaint(code).anonim


def test_uploads_are_stored_by_kind(pages: Pages, services: Services) -> None:
    code, _ = submit(pages, id_document=upload(PNG, "ktp.png"),
                     attachments=[upload(PDF, "bukti.pdf"), upload(PNG, "foto.png")])
    with services.uow() as uow:
        kinds = sorted(a.kind for a in uow.session.scalars(select(Attachment)))
    assert kinds == ["identitas", "lampiran", "lampiran"]


def test_a_file_of_the_wrong_type_is_refused_by_its_field(pages: Pages) -> None:
    response = pages.post("/lapor", {**FORM, "id_document": upload(EXE, "ktp.png")},
                          status=422, content_type="multipart/form-data")
    page = text_of(response)
    assert 'id="f-id_document-error"' in page
    assert "Pilih ulang berkas" in page


def test_a_second_id_copy_is_refused_as_the_api_refuses_it(pages: Pages,
                                                           services: Services) -> None:
    # One reading of uploads for the portal, the counter and the API (webui/intake.py); the
    # portal used to keep the first ID copy and drop the second without a word.
    response = pages.post("/lapor", {**FORM, "id_document": [upload(PNG, "ktp.png"),
                                                             upload(PNG, "ktp-lagi.png")]},
                          status=422, content_type="multipart/form-data")
    page = text_of(response)
    assert 'id="f-id_document-error"' in page
    assert "Kirim satu salinan kartu identitas saja." in page
    with services.uow() as uow:
        assert uow.session.scalars(select(Attachment)).first() is None


def test_tracking_with_secret_shows_status_deadline_and_timeline(pages: Pages) -> None:
    code, secret = submit(pages)
    page = track(pages, code, secret.lower())
    assert "Status sekarang: Diterima" in page
    assert "Batas waktu tahap ini" in page
    assert "Kamis, 5 Maret 2026 23.59 WIB" in page  # three working days after Monday
    assert "3 hari kerja lagi" in page
    assert "Siti Warga" in page and "081234567890" in page  # the reporter sees their own data


def test_wrong_secret_reveals_nothing(pages: Pages) -> None:
    code, _ = submit(pages)
    response = pages.post("/lacak", {"code": code, "secret": "SALAH"}, status=404)
    page = text_of(response)
    assert "Kode pelacakan atau kode rahasia salah" in page
    assert "Jalan berlubang" not in page


def test_without_secret_an_unpublished_report_is_not_found(pages: Pages) -> None:
    code, _ = submit(pages)
    response = pages.post("/lacak", {"code": code, "secret": ""}, status=302)
    pages.get(response.headers["Location"], status=404)
    page = text_of(pages.get(f"/lacak/{code}"))
    assert "Jalan berlubang" not in page  # the tracking form, not the report


def test_without_secret_a_published_report_shows_only_public_view(pages: Pages,
                                                                  walk: Walk) -> None:
    code = walk.file(name="Budi Rahasia", phone="081211112222").tracking_code
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    page = text_of(pages.get(f"/laporan/{code}"))
    # The name is never published, anonymous or not ("dijamin kerahasiaannya").
    assert "Pelayanan puskesmas lambat" in page and "Budi Rahasia" not in page
    assert "081211112222" not in page


def test_the_public_reads_the_opds_follow_ups_not_the_reporters_messages(
        pages: Pages, walk: Walk, client) -> None:  # type: ignore[no-untyped-def]
    # Found in exploratory testing: the reporter's replies, written "to Tim Admin" or "to the
    # OPD", were published word for word with the report, with what people write in them.
    code = walk.file().tracking_code
    walk.reply(code, "Rumah saya di Dusun II, nomor HP 0812 9999 0000, tolong datang.")
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    walk.complete(code, "tanggapi", ANSWER)
    walk.reply(code, "Belum beres, anak saya Siti masih sakit.")
    page = text_of(pages.get(f"/laporan/{code}"))
    assert ANSWER["response"] in page
    assert "0812 9999 0000" not in page and "anak saya Siti" not in page
    api = client.get(f"/api/v1/complaints/{code}").get_json()
    assert [f["kind"] for f in api["follow_ups"]] == ["tindak_lanjut"]
    officer_side = [f.kind for f in walk.follow_ups(code)]
    assert officer_side.count("balasan") == 1 and "belum_selesai" in officer_side


def test_reporter_reads_follow_up_and_replies(pages: Pages, walk: Walk) -> None:
    code, secret = submit(pages)
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    walk.complete(code, "tanggapi", ANSWER)
    page = track(pages, code, secret)
    assert ANSWER["response"] in page
    assert "Belum selesai" in page
    pages.post(f"/lacak/{code}/jawab", {"answer": "belum",
                                        "reason": "Belum beres, mohon dicek lagi."},
               page=f"/lacak/{code}", status=302)
    assert walk.status(code) == "didisposisikan"
    assert "Belum beres, mohon dicek lagi." in text_of(pages.get(f"/lacak/{code}"))


def test_a_too_short_reply_comes_back_with_its_error(pages: Pages) -> None:
    code, secret = submit(pages)
    track(pages, code, secret)
    response = pages.post(f"/lacak/{code}/balas", {"text": "ok"}, page=f"/lacak/{code}",
                          status=422)
    assert 'id="f-text-error"' in text_of(response)


def test_clarification_question_is_shown_and_answered(pages: Pages, walk: Walk) -> None:
    code, secret = submit(pages)
    walk.complete(code, "verifikasi", {"decision": "clarify", "jenis": "pengaduan",
                                       "reason": "Di pasar mana tepatnya?"})
    page = track(pages, code, secret)
    assert "Di pasar mana tepatnya?" in page and "Jawab pertanyaan petugas" in page
    pages.post(f"/lacak/{code}/balas", {"text": "Pasar Tebing Tinggi, dekat terminal."},
               page=f"/lacak/{code}", status=302)
    assert walk.status(code) == "diterima"


def test_an_answered_question_stays_on_the_reporters_page_but_not_in_public(
        pages: Pages, walk: Walk) -> None:
    code, secret = submit(pages)
    walk.complete(code, "verifikasi", {"decision": "clarify", "jenis": "pengaduan",
                                       "reason": "Di pasar mana tepatnya?"})
    track(pages, code, secret)
    pages.post(f"/lacak/{code}/balas", {"text": "Pasar Tebing Tinggi, dekat terminal."},
               page=f"/lacak/{code}", status=302)
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    page = text_of(pages.get(f"/lacak/{code}"))
    exchange = page.split('class="follow-up klarifikasi"')[1]
    assert "Pertanyaan petugas" in exchange and "Pengelola LAPOR!" in exchange
    assert exchange.index("Di pasar mana tepatnya?") < exchange.index("Pasar Tebing Tinggi")
    assert "Jawab pertanyaan petugas" not in page  # answered: no form asks for it again
    public = text_of(pages.get(f"/laporan/{code}"))
    assert "Di pasar mana tepatnya?" not in public and "Pasar Tebing Tinggi," not in public


def test_reply_needs_the_secret_first(pages: Pages) -> None:
    code, _ = submit(pages)
    pages.post(f"/lacak/{code}/balas", {"text": "Balasan tanpa kode rahasia"}, page="/lacak",
               status=403)


def test_forgetting_closes_the_reporter_page(pages: Pages) -> None:
    code, secret = submit(pages)
    track(pages, code, secret)
    pages.post(f"/lacak/{code}/selesai", page=f"/lacak/{code}", status=302)
    assert "Siti Warga" not in text_of(pages.get(f"/lacak/{code}"))


def test_reporter_page_view_is_audited_as_an_identity_read(pages: Pages,
                                                          services: Services) -> None:
    code, secret = submit(pages)
    track(pages, code, secret)
    with services.uow() as uow:
        actions = list(uow.session.scalars(select(AuditEntry.actor_role).where(
            AuditEntry.action == "identity_viewed")))
    assert actions == ["pelapor"]


def test_public_list_shows_only_published_and_no_reporter_names(pages: Pages,
                                                                    walk: Walk) -> None:
    shown = walk.file(title="Laporan terbuka", name="Ani Terbuka").tracking_code
    anonymous = walk.file(title="Laporan anonim", name="Nama Tersembunyi", anonim=True)
    secret = walk.file(title="Laporan rahasia", rahasia=True).tracking_code
    walk.file(title="Belum diverifikasi")
    for code in (shown, anonymous.tracking_code, secret):
        walk.complete(code, "verifikasi", VERIFY_FORWARD)
    page = text_of(pages.get("/laporan"))
    assert "Laporan terbuka" in page and "Ani Terbuka" not in page
    assert "Laporan anonim" in page and "Nama Tersembunyi" not in page
    assert "Laporan rahasia" not in page and "Belum diverifikasi" not in page
    assert "081234567890" not in page
    pages.get(f"/laporan/{secret}", status=404)
    assert "Nama Tersembunyi" not in text_of(pages.get(f"/laporan/{anonymous.tracking_code}"))


def test_public_list_is_paginated(pages: Pages, walk: Walk) -> None:
    for n in range(21):
        code = walk.file(title=f"Laporan nomor {n:02d}").tracking_code
        walk.complete(code, "verifikasi", VERIFY_FORWARD)
    first = text_of(pages.get("/laporan"))
    assert "Halaman 1 dari 2" in first and "21 laporan" in first
    second = text_of(pages.get("/laporan?page=2"))
    assert second.count("<article>") == 1
    assert 'rel="prev"' in second


def test_a_closed_report_takes_no_more_replies(pages: Pages, walk: Walk) -> None:
    code, secret = submit(pages)
    walk.complete(code, "verifikasi", {"decision": "archive", "jenis": "pengaduan",
                                       "reason": "Duplikat laporan lain."})
    page = track(pages, code, secret)
    assert "Diarsipkan" in page and "Duplikat laporan lain." in page
    assert "Kirim balasan" not in page
    response = pages.post(f"/lacak/{code}/balas", {"text": "Tolong dibuka lagi."},
                          page=f"/lacak/{code}", status=302)
    assert "sudah ditutup" in text_of(pages.get(response.headers["Location"]))
    assert walk.follow_ups(code) == []


def test_receipt_has_no_language_link_that_would_lose_the_secret(pages: Pages) -> None:
    assert "?lang=en" not in text_of(filed(pages))
    assert "?lang=en" in text_of(pages.get("/lapor"))
