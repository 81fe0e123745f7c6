"""Message templates: every one renders, SMS stay short and GSM-7, emails have a subject."""

from __future__ import annotations

from collections import defaultdict

import pytest

from engine.channels.base import PermanentDeliveryError
from engine.channels.render import render, template_files
from engine.channels.sms_text import is_gsm, length, prepare
from engine.settings import Settings

RECIPIENT_TEMPLATES = ("diterima", "didisposisikan", "disposisi_opd", "pengingat",
                       "eskalasi_verifikasi", "eskalasi_tindak_lanjut", "dikembalikan",
                       "ditindaklanjuti", "balasan", "pesan_pelapor", "selesai", "klarifikasi",
                       "dialihkan", "diarsipkan", "eskalasi_pimpinan", "kepala_opd_disposisi",
                       "kepala_opd_terlambat")
# Texts a person wrote (an answer, a question) make these longer than one SMS on purpose.
FREE_TEXT = frozenset({"ditindaklanjuti", "klarifikasi"})
PORTAL = Settings(public_url="https://lapor.empatlawangkab.go.id")


def context() -> dict[str, object]:
    """A typical complaint context, as notify_context builds it."""
    from engine.channels.message_context import links

    return {
        "agency": "Pemerintah Kabupaten Empat Lawang", "tracking_code": "EL-7KQ39XPA",
        "registration_no": "0001/LAPOR/2026", "title": "Pelayanan puskesmas lambat",
        "status": "didisposisikan", "opd_name": "Dinas Kesehatan",
        "due": "Kamis, 5 Maret 2026", "follow_up": "Dokter jaga sudah ditambah.",
        "reason": "Puskesmas mana yang dimaksud?", "name": "Warga Uji", "secret": "A" * 16,
        "why": "balasan terlalu pendek", "day": "Senin, 2 Maret 2026", "total": 1,
        "overdue": [], "today": [{"tracking_code": "EL-7KQ39XPA", "title": "Jalan rusak",
                                  "what": "Verifikasi laporan", "due": "Senin, 2 Maret 2026"}],
        "tomorrow": [], "done": [{"tracking_code": "EL-7KQ39XPA", "title": "Jalan rusak",
                                  "what": "Verifikasi laporan"}],
        "period": "Maret 2026", "opd_url": "https://lapor.empatlawangkab.go.id/petugas/opd",
        "xlsx_url": "https://lapor.empatlawangkab.go.id/evaluasi/laporan/2026-03/opd.xlsx",
        **links(PORTAL, "EL-7KQ39XPA"),
    }


def files_by_name() -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for f in template_files():
        found[f.name].add(f"{f.channel}.{f.filename.rsplit('.', 1)[1]}")
    return found


def test_every_notify_of_the_diagram_has_an_sms_and_both_email_bodies() -> None:
    found = files_by_name()
    for name in (*RECIPIENT_TEMPLATES, "ringkasan", "ringkasan_sore", "laporan_berkala_opd"):
        assert found[name] == {"sms.txt", "email.txt", "email.html"}, name
    for name in ("tanda_terima", "balasan_diterima", "balasan_ditolak", "sms_tidak_valid"):
        assert found[name] == {"sms.txt"}, name
    assert found["percakapan"] == {"chat.txt"}  # the chat bot's own words, WhatsApp/Telegram


def test_a_chat_message_is_its_own_template_else_the_sms() -> None:
    assert render("percakapan", "whatsapp", {"text": "Halo\nlagi"}).text == "Halo\nlagi"
    assert render("selesai", "telegram", context()).text == render("selesai", "sms",
                                                                    context()).text


@pytest.mark.parametrize("name", sorted(n for n, kinds in files_by_name().items()
                                         if "sms.txt" in kinds))
def test_every_sms_renders_in_gsm7_and_under_160_where_possible(name: str) -> None:
    text = render(name, "sms", context()).text
    assert is_gsm(text), text
    if name not in FREE_TEXT:
        assert length(prepare(text, 4).text) <= 160, (name, length(text), text)


@pytest.mark.parametrize("name", [*RECIPIENT_TEMPLATES, "ringkasan", "ringkasan_sore"])
def test_every_email_has_a_subject_plain_text_and_escaped_html(name: str) -> None:
    values = context()
    values["title"] = values["today"][0]["title"] = "Jalan <rusak> & berlubang"  # type: ignore[index]
    email = render(name, "email", values)
    assert email.subject and "\n" not in email.subject
    assert "Subjek:" not in email.text
    assert "Jalan <rusak> & berlubang" in email.text
    assert email.html is not None and email.html.startswith("<!doctype html>")
    assert "<rusak>" not in email.html and "Jalan &lt;rusak&gt; &amp; berlubang" in email.html


def test_the_released_report_reaches_the_head_of_opd_with_his_sheet() -> None:
    email = render("laporan_berkala_opd", "email", context())
    assert email.subject == "Laporan berkala pengaduan Maret 2026 sudah dirilis"
    assert "/evaluasi/laporan/2026-03/opd.xlsx" in email.text
    assert email.html is not None and "/evaluasi/laporan/2026-03/opd.xlsx" in email.html


def test_the_closing_message_invites_to_the_survey() -> None:
    email = render("selesai", "email", context())
    assert "https://lapor.empatlawangkab.go.id/survei/?kode=EL-7KQ39XPA" in email.text
    assert "survei" in render("selesai", "sms", context()).text


@pytest.mark.parametrize("name", ["diarsipkan", "dialihkan"])
def test_every_outcome_invites_to_the_survey(name: str) -> None:
    link = "https://lapor.empatlawangkab.go.id/survei/?kode=EL-7KQ39XPA"
    assert link in render(name, "sms", context()).text
    email = render(name, "email", context())
    assert link in email.text and email.html is not None and link in email.html


def test_a_missing_value_is_a_permanent_error_not_a_blank() -> None:
    values = context()
    del values["tracking_code"]
    with pytest.raises(PermanentDeliveryError):
        render("diterima", "sms", values)
