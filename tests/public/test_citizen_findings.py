"""Defects found in exploratory testing of the citizen side: the public lists speak the public's
words, the report form's file errors are in the reader's language and said with the other
errors, the reporter's page says at its top what went wrong, the receipt confirms only real
reports, and small wording slips (a stray separator, survey questions named U1 … U9)."""

from __future__ import annotations

import dataclasses
import json
import re

import pytest

from tests.evaluation.test_survey import resolved
from tests.walk import VERIFY_FORWARD, Walk
from tests.webui.files import EXE, PNG, upload
from tests.webui.pages import Pages, text_of
from webui.wiring import Services

from .test_public import FORM, followed_up, opened, track

INTERNAL = ("Dikembalikan ke Tim Admin", "Didisposisikan ke OPD",
            "Returned to the admin team", "Forwarded to the agency")
PUBLIC = {"id": ("Sedang ditinjau ulang", "Diteruskan ke OPD"),
          "en": ("Being reviewed again", "Passed to the agency (OPD)")}
LAMP = {"title": "Lampu jalan mati di Desa Pendopo",
        "description": "Lampu penerangan jalan di Desa Pendopo mati sejak seminggu, gelap.",
        "latitude": -3.6401, "longitude": 103.0812}
RETURNED = {"outcome": "not_our_authority", "note": "Ini urusan dinas lain."}


def _forwarded_and_returned(walk: Walk) -> None:
    """Two published reports: one with the OPD, one the OPD sent back to Tim Admin."""
    forwarded, returned = walk.file(**LAMP), walk.file(**LAMP)
    for receipt in (forwarded, returned):
        walk.complete(receipt.tracking_code, "verifikasi", VERIFY_FORWARD)
    walk.complete(returned.tracking_code, "tanggapi", RETURNED)
    assert walk.status(returned.tracking_code) == "dikembalikan"


def _says_public_words(text: str, lang: str) -> None:
    assert not [word for word in INTERNAL if word in text]
    assert all(word in text for word in PUBLIC[lang]), text[:3000]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_public_lists_say_statuses_in_the_publics_words(pages: Pages, walk: Walk,
                                                        lang: str) -> None:
    _forwarded_and_returned(walk)
    pages.get(f"/?lang={lang}")
    for url in ("/", "/laporan", "/peta"):
        _says_public_words(text_of(pages.get(url)), lang)
    pins = re.search(r'id="peta-laporan">([^<]*)<', text_of(pages.get("/peta")))
    assert pins
    _says_public_words(" ".join(p["status"] for p in json.loads(pins.group(1))), lang)
    similar = pages.get("/laporan/mirip", query_string={
        "judul": "lampu jalan mati", "isi": "lampu jalan di desa pendopo mati, gelap"})
    _says_public_words(" ".join(r["status"] for r in similar.get_json()["reports"]), lang)


def test_a_report_without_a_category_has_no_stray_separator(pages: Pages, walk: Walk) -> None:
    receipt = walk.file(category=None)
    walk.complete(receipt.tracking_code, "verifikasi", VERIFY_FORWARD)
    page = text_of(pages.get("/laporan"))
    assert "Dinas Kesehatan" in page
    assert not re.search(r'<p class="meta">\s*·', page)


# What /lapor says about files and the ID copy, in both languages.
FILE_WORDS = {
    "id": {"missing": "Lampirkan salinan KTP, SIM atau KTM untuk laporan dengan nama",
           "type": "Hanya berkas PDF, JPG, PNG, WEBP atau foto HEIC yang diterima.",
           "size": "Berkas terlalu besar (maksimal 0 MB).",
           "count": "Lampiran: Terlalu banyak (maksimal 5)."},
    "en": {"missing": "Attach a copy of your KTP, SIM or KTM for a report with your name",
           "type": "Only PDF, JPG, PNG, WEBP files or HEIC photos are accepted.",
           "size": "File too large (at most 0 MB).",
           "count": "Attachments: Too many (at most 5)."},
}


def _refused(pages: Pages, lang: str, **fields: object) -> str:
    pages.get(f"/lapor?lang={lang}")
    return text_of(pages.post("/lapor", {**FORM, **fields}, status=422,
                              content_type="multipart/form-data"))


def _only_in(page: str, lang: str, key: str) -> None:
    other = "en" if lang == "id" else "id"
    assert FILE_WORDS[lang][key] in page and FILE_WORDS[other][key] not in page, page[:4000]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_id_copy_and_file_errors_are_in_the_readers_language(pages: Pages, lang: str) -> None:
    _only_in(_refused(pages, lang), lang, "missing")
    wrong = _refused(pages, lang, id_document=upload(PNG, "ktp.png"),
                     attachments=upload(EXE, "evil.html"))
    _only_in(wrong, lang, "type")
    assert "evil.html" in wrong.split('id="f-attachments-error"')[1][:300]
    for count in (6, 7):  # over the form's 5; over the engine's 6 (which counts the ID copy)
        many = [upload(PNG, f"foto{n}.png") for n in range(count)]
        _only_in(_refused(pages, lang, anonim="on", attachments=many), lang, "count")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_too_big_file_is_refused_in_the_readers_language(
        pages: Pages, services: Services, monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    tiny = dataclasses.replace(services.settings, max_upload_mb=0)
    monkeypatch.setattr(services, "settings", tiny)
    monkeypatch.setattr(services.runtime, "settings", tiny)
    _only_in(_refused(pages, lang, id_document=upload(PNG, "ktp.png")), lang, "size")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_refused_file_is_explained_with_the_other_errors(pages: Pages, lang: str) -> None:
    page = _refused(pages, lang, description="pendek", id_document=upload(PNG, "ktp.png"),
                    attachments=[upload(PNG, "foto.png"), upload(EXE, "evil.html")])
    summary = page.split('class="form-errors"')[1].split("</div>")[0]
    assert 'href="#f-description"' in summary and 'href="#f-attachments"' in summary
    assert "evil.html" in summary and FILE_WORDS[lang]["type"] in summary
    assert "foto.png" not in summary  # the accepted photo is kept, not refused


def test_too_many_files_and_a_refused_one_are_both_said(pages: Pages) -> None:
    many = [upload(PNG, f"foto{n}.png") for n in range(5)] + [upload(EXE, "evil.html")]
    page = _refused(pages, "id", anonim="on", attachments=many)
    error = page.split('id="f-attachments-error">')[1].split("</small>")[0]
    assert error == ("Terlalu banyak (maksimal 5). Berkas evil.html ditolak: "
                     f"{FILE_WORDS['id']['type']}")


def test_a_refused_file_alone_is_named_too(pages: Pages) -> None:
    page = _refused(pages, "id", id_document=upload(EXE, "ktp.exe"))
    assert "Berkas ktp.exe ditolak: Hanya berkas PDF" in page


def _summary_at_the_top(page: str, field: str) -> str:
    """The error summary, which comes before the status box and links to ``field``."""
    top, _, rest = page.partition('id="status-now"')
    assert 'class="form-errors" role="alert"' in top, top[-2000:]
    summary = top.split('class="form-errors"')[1]
    assert f'href="#{field}"' in summary and f'id="{field}"' in rest
    return summary


def test_an_empty_reply_is_said_at_the_top_of_the_reporters_page(pages: Pages,
                                                                  walk: Walk) -> None:
    receipt = walk.file()
    url = opened(pages, receipt)
    page = text_of(pages.post(f"{url}/balas", {"text": ""}, page=url, status=422))
    summary = _summary_at_the_top(page, "f-text")
    assert "Belum terkirim" in summary and "Wajib diisi." in summary


def test_an_empty_reason_is_said_at_the_top_of_the_reporters_page(pages: Pages,
                                                                   walk: Walk) -> None:
    receipt = followed_up(walk)
    url = opened(pages, receipt)
    page = text_of(pages.post(f"{url}/jawab", {"answer": "belum", "reason": " "}, page=url,
                              status=422))
    summary = _summary_at_the_top(page, "f-reason")
    assert "Belum selesai? Jelaskan apa yang masih kurang" in summary
    assert walk.status(receipt.tracking_code) == "ditindaklanjuti"


@pytest.mark.parametrize(("lang", "words"), [
    ("id", ("Salinan KTP/SIM/KTM", FILE_WORDS["id"]["type"])),
    ("en", ("Copy of ID card (KTP/SIM/KTM)", FILE_WORDS["en"]["type"])),
])
def test_a_refused_id_copy_is_said_at_the_top_of_the_reporters_page(
        pages: Pages, walk: Walk, lang: str, words: tuple[str, str]) -> None:
    receipt = walk.file(channel="sms", name="Pelapor SMS 1708")
    url = opened(pages, receipt)
    pages.get(f"{url}?lang={lang}")
    page = text_of(pages.post(f"{url}/identitas", {"id_document": upload(EXE, "ktp.png")},
                              page=url, status=422, content_type="multipart/form-data"))
    summary = _summary_at_the_top(page, "f-id_document")
    assert all(word in summary for word in words), summary


def test_the_page_without_errors_has_no_summary(pages: Pages, walk: Walk) -> None:
    receipt = walk.file()
    assert 'class="form-errors"' not in track(pages, receipt.tracking_code, receipt.secret)


@pytest.mark.parametrize("made_up", [
    "EL-AAAAAAAA", "SUDAH-DITOLAK. Hubungi petugas di WA 0812-0000-1111"])
def test_the_receipt_confirms_only_a_real_report(pages: Pages, made_up: str) -> None:
    page = text_of(pages.get(f"/lapor/terkirim/{made_up}", status=404))
    main = page.split('<main', 1)[1].split("</main>")[0]
    assert "Laporan tidak ditemukan" in main
    assert "sudah terkirim" not in main and "0812-0000-1111" not in main


def test_another_browser_reads_a_real_code_and_no_more(app, walk: Walk) -> None:  # type: ignore[no-untyped-def]
    receipt = walk.file()
    stranger = app.test_client().get(f"/lapor/terkirim/{receipt.tracking_code.lower()}")
    page = text_of(stranger)
    assert stranger.status_code == 200 and 'id="receipt-gone"' in page
    assert f"Laporan {receipt.tracking_code} sudah terkirim" in page
    assert receipt.secret not in page and "Pelayanan puskesmas lambat" not in page


def test_survey_errors_number_the_questions_as_the_form_does(pages: Pages, walk: Walk) -> None:
    receipt = resolved(walk)
    page = text_of(pages.post("/survei/", {"kode": receipt.tracking_code,
                                            "secret": receipt.secret, "u2": "4"}, status=422))
    summary = page.split('id="kesalahan"')[1].split("</div>")[0]
    assert "1. Persyaratan" in summary and "9. " in summary
    assert "2. " not in summary  # answered
    assert not re.search(r"\bU\d\b", summary)
