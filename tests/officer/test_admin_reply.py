"""Tim Admin's reply on the follow-up page from the web screens (prosedur c)."""

from __future__ import annotations

from tests.walk import ANSWER, VERIFY_FORWARD, Walk
from tests.webui.pages import Pages, text_of


def test_tim_admin_replies_from_the_complaint_page_and_the_follow_up_reopens(
        pages: Pages, walk: Walk) -> None:
    code = walk.file().tracking_code
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    walk.complete(code, "tanggapi", ANSWER)
    walk.user("tim_admin")
    pages.login("tim_admin")
    page = text_of(pages.get(f"/petugas/laporan/{code}"))
    assert "Balas sebagai Pengelola LAPOR!" in page
    pages.post(f"/petugas/laporan/{code}/balas", {"text": ""},
               page=f"/petugas/laporan/{code}", status=422)
    assert walk.status(code) == "ditindaklanjuti"
    pages.post(f"/petugas/laporan/{code}/balas",
               {"text": "Mohon OPD melampirkan foto hasil perbaikan."},
               page=f"/petugas/laporan/{code}", status=302)
    assert walk.status(code) == "didisposisikan"  # the closure is stopped
    reply = walk.follow_ups(code)[-1]
    assert (reply.kind, reply.author) == ("balasan", "Pengelola LAPOR!")
    assert walk.task(code, "tanggapi").opd_code == "DINKES"
    assert "tindak lanjut dibuka kembali" in text_of(pages.get(f"/petugas/laporan/{code}"))


def test_only_tim_admin_may_reply_and_not_after_the_end(pages: Pages, walk: Walk) -> None:
    code = walk.file().tracking_code
    walk.user("ketua")
    pages.login("ketua")
    assert "Balas sebagai" not in text_of(pages.get(f"/petugas/laporan/{code}"))
    pages.post(f"/petugas/laporan/{code}/balas", {"text": "Halo"},
               page=f"/petugas/laporan/{code}", status=403)
    pages.logout()
    walk.complete(code, "verifikasi", {"decision": "archive", "jenis": "pengaduan",
                                       "reason": "Laporan ganda."})
    walk.user("tim_admin")
    pages.login("tim_admin")
    assert "Balas sebagai" not in text_of(pages.get(f"/petugas/laporan/{code}"))
    pages.post(f"/petugas/laporan/{code}/balas", {"text": "Halo"},
               page=f"/petugas/laporan/{code}", status=302)
    assert [f.kind for f in walk.follow_ups(code)] == []
