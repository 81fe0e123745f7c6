"""Why a file is refused, said by the engine as translatable messages (engine.messages.Message,
the template its msgid) and read in the reader's language on pages; the API's JSON stays
Indonesian."""

from __future__ import annotations

import io

import pytest
from flask import Flask

from engine.complaints.attachments import Upload, check_upload, read_attachment
from engine.complaints.tables import Attachment
from engine.errors import FormInvalidError, NotFoundError
from engine.messages import Message
from tests.public.test_public import track
from tests.walk import Walk
from tests.webui.files import EXE
from tests.webui.pages import Pages, text_of
from webui.texts import engine_text, engine_texts

EMPTY = ("Berkas kosong.", "The file is empty.")
WRONG = ("Hanya berkas PDF, JPG, PNG, WEBP atau foto HEIC yang diterima.",
         "Only PDF, JPG, PNG, WEBP files or HEIC photos are accepted.")
TOO_BIG = ("Berkas terlalu besar (maksimal 1 MB).", "File too large (at most 1 MB).")
UNKNOWN = ("Jenis berkas tidak dikenal: surat", "Unknown file kind: surat")


def _refusal(upload: Upload) -> str:
    with pytest.raises(FormInvalidError) as refused:
        check_upload(upload, 1024 * 1024, "attachments")
    return refused.value.errors["attachments"]


@pytest.mark.parametrize(("upload", "words"), [
    (Upload("lampiran", "kosong.png", b""), EMPTY),
    (Upload("lampiran", "evil.html", EXE), WRONG),
    (Upload("lampiran", "besar.pdf", b"%PDF-" + b"x" * 1024 * 1024), TOO_BIG),
    (Upload("surat", "a.pdf", b"%PDF-1.4"), UNKNOWN),
])
def test_every_refusal_is_a_message_read_in_both_languages(
        app: Flask, upload: Upload, words: tuple[str, str]) -> None:
    message = _refusal(upload)
    assert isinstance(message, Message) and message == words[0]
    with app.test_request_context("/?lang=id"):
        assert engine_texts({"attachments": message}) == {"attachments": words[0]}
    with app.test_request_context("/?lang=en"):
        assert engine_texts({"attachments": message}) == {"attachments": words[1]}


def test_a_missing_stored_file_is_a_message(app: Flask, tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFoundError) as missing:
        read_attachment(tmp_path, Attachment(storage_key="tidak-ada"))
    assert isinstance(missing.value.args[0], Message)
    with app.test_request_context("/?lang=en"):
        assert engine_text(missing.value, 404) == "File not found"


@pytest.mark.parametrize(("lang", "words"), [("id", EMPTY[0]), ("en", EMPTY[1])])
def test_an_empty_id_copy_is_refused_in_the_readers_language(pages: Pages, walk: Walk,
                                                              lang: str, words: str) -> None:
    receipt = walk.file(channel="sms", name="Pelapor SMS 1708")
    track(pages, receipt.tracking_code, receipt.secret)
    url = f"/lacak/{receipt.tracking_code}"
    pages.get(f"{url}?lang={lang}")
    page = text_of(pages.post(f"{url}/identitas", {"id_document": (io.BytesIO(b""), "ktp.png")},
                              page=url, status=422, content_type="multipart/form-data"))
    error = page.split('id="f-id_document-error">')[1].split("</small>")[0]
    assert error.endswith(words), error
    assert (EMPTY[1] if lang == "id" else EMPTY[0]) not in page


def test_the_api_names_the_refusal_in_indonesian(client) -> None:  # type: ignore[no-untyped-def]
    form = {"title": "Jalan rusak di Pendopo", "anonim": "on",
            "description": "Jalan utama desa berlubang besar sejak musim hujan tahun lalu.",
            "attachments": (io.BytesIO(EXE), "evil.pdf")}
    answer = client.post("/api/v1/complaints?lang=en", data=form,
                         content_type="multipart/form-data", headers={"Accept-Language": "en"})
    assert answer.status_code == 422
    assert list(answer.get_json()["error"]["fields"].values()) == [WRONG[0]]
