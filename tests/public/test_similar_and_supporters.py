"""Citizens see published reports like theirs while writing, and add themselves to one:
never a confidential or unpublished report, never a name, once per device."""

from __future__ import annotations

from tests.walk import VERIFY_FORWARD, Walk
from tests.webui.pages import Pages, text_of

LAMP = {"title": "Lampu jalan mati di Desa Pendopo",
        "description": "Lampu penerangan jalan di Desa Pendopo mati sejak seminggu, gelap.",
        "category": "25", "name": "Budi Santoso Rahasia"}
FORWARD = {**VERIFY_FORWARD, "opd": "DISHUB", "category": "25"}


def test_similar_published_reports_while_writing(client, walk: Walk) -> None:  # type: ignore[no-untyped-def]
    published = walk.file(**LAMP).tracking_code
    walk.complete(published, "verifikasi", FORWARD)
    secret = walk.file(**LAMP).tracking_code
    walk.complete(secret, "verifikasi", {**FORWARD, "rahasia": True})
    walk.file(**LAMP)  # not yet verified: not published
    answer = client.get("/laporan/mirip", query_string={
        "judul": "lampu jalan padam", "isi": "lampu jln di ds pendopo mati, gelap"})
    reports = answer.get_json()["reports"]
    assert [r["tracking_code"] for r in reports] == [published]
    assert "Budi" not in answer.get_data(as_text=True)
    assert reports[0]["url"] == f"/laporan/{published}"
    assert client.get("/laporan/mirip", query_string={"judul": "lampu"}).get_json() == {
        "reports": []}


def test_the_form_carries_the_similar_reports_box(client) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/lapor").get_data(as_text=True)
    assert 'data-similar-url="/laporan/mirip"' in page and "Mungkin sudah dilaporkan" in page


def test_saya_juga_counts_once_per_device(pages: Pages, walk: Walk) -> None:
    code = walk.file(**LAMP).tracking_code
    walk.complete(code, "verifikasi", FORWARD)
    assert "0 warga juga mengalami ini" in text_of(pages.get(f"/laporan/{code}"))
    pages.post(f"/laporan/{code}/saya-juga", page=f"/laporan/{code}", status=302)
    page = text_of(pages.get(f"/laporan/{code}"))
    assert "1 warga juga mengalami ini" in page and "Terima kasih" in page
    pages.post(f"/laporan/{code}/saya-juga", page=f"/laporan/{code}", status=302)
    page = text_of(pages.get(f"/laporan/{code}"))
    assert "1 warga juga mengalami ini" in page and "sudah tercatat" in page
    assert "1 warga juga mengalami ini" in text_of(pages.get("/laporan"))


def test_an_address_adds_a_few_devices_at_most(client, walk: Walk) -> None:  # type: ignore[no-untyped-def]
    from engine.suggest.support import PER_ADDRESS, add_supporter

    code = walk.file(**LAMP).tracking_code
    walk.complete(code, "verifikasi", FORWARD)
    with walk.services.uow() as uow:
        results = [add_supporter(uow.session, code, f"device-{n}", "10.0.0.1", "k", walk.clock())
                   for n in range(PER_ADDRESS + 2)]
        uow.commit()
    assert [added for added, _ in results] == [True] * PER_ADDRESS + [False, False]
    assert results[-1][1] == PER_ADDRESS


def test_unpublished_or_confidential_reports_take_no_supporters(pages: Pages,
                                                                walk: Walk) -> None:
    fresh = walk.file(**LAMP).tracking_code
    secret = walk.file(**LAMP).tracking_code
    walk.complete(secret, "verifikasi", {**FORWARD, "rahasia": True})
    for code in (fresh, secret):
        pages.post(f"/laporan/{code}/saya-juga", page="/lapor", status=404)


def test_the_dashboard_lists_the_most_supported_reports(pages: Pages, walk: Walk) -> None:
    code = walk.file(**LAMP).tracking_code
    walk.complete(code, "verifikasi", FORWARD)
    pages.post(f"/laporan/{code}/saya-juga", page=f"/laporan/{code}", status=302)
    walk.user("ketua")
    pages.login("ketua")
    page = text_of(pages.get("/evaluasi/?periode=2026-03"))
    section = page.split('id="dukungan"')[1].split("</section>")[0]
    assert code in section and ">1<" in section
    earlier = text_of(pages.get("/evaluasi/?periode=2026-02"))
    assert "Belum ada dukungan warga dalam periode ini." in earlier
