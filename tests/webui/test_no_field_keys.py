"""Messages that reach people carry words, not the internal keys of form fields: a refused form
reads "Kirim satu pindaian formulir saja.", never "scan: Kirim satu pindaian formulir saja."."""

from __future__ import annotations

from flask import Flask

from engine.errors import FormInvalidError
from engine.messages import N_, Message
from webui.texts import engine_text

from .pages import text_of

REFUSED = FormInvalidError({"scan": Message(N_("Kirim satu pindaian formulir saja.")),
                            "note": "Alasan wajib diisi"})


def test_a_refusal_in_words_in_both_languages(app: Flask) -> None:
    with app.test_request_context("/?lang=id"):
        assert engine_text(REFUSED) == "Kirim satu pindaian formulir saja. Alasan wajib diisi"
    with app.test_request_context("/?lang=en"):
        english = engine_text(REFUSED)
    assert english == "Send one scan of the form only. A reason is required"


def test_a_refused_page_says_why_without_keys(app: Flask) -> None:
    @app.get("/_ditolak")
    def refused() -> str:
        raise REFUSED

    client = app.test_client()
    page = text_of(client.get("/_ditolak"))
    assert "Kirim satu pindaian formulir saja." in page and "Alasan wajib diisi" in page
    assert "scan:" not in page and "note:" not in page
