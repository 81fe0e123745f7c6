"""The managers' list speaks in names: OPD, category and kecamatan chosen and shown by name, and
an empty list says which filter emptied it."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.walk import Walk
from tests.webui.pages import Pages, text_of
from tests.webui.test_browser import officer_signs_in, shot

MONITOR = "/pemantauan/"
MUARA_PINANG = "16.11.01"


def test_filters_are_choosers_of_names(signed_in: Callable[[str], Pages], walk: Walk) -> None:
    walk.file()
    body = text_of(signed_in("ketua").get(MONITOR))
    assert '<select id="f-category" name="category">' in body
    assert '<option value="4">Kesehatan</option>' in body
    assert f'<option value="{MUARA_PINANG}">Muara Pinang</option>' in body
    assert '<select id="f-opd" name="opd">' in body
    assert "Kategori (kode)" not in body


def test_kecamatan_filter_and_names_in_columns(signed_in: Callable[[str], Pages],
                                                walk: Walk) -> None:
    there = walk.file(kecamatan=MUARA_PINANG).tracking_code
    elsewhere = walk.file(category="1").tracking_code
    body = text_of(signed_in("ketua").get(f"{MONITOR}?kecamatan={MUARA_PINANG}"))
    assert there in body and elsewhere not in body
    assert "<td>Kesehatan</td>" in body


def test_empty_list_names_the_filter_that_emptied_it(signed_in: Callable[[str], Pages],
                                                     walk: Walk) -> None:
    walk.file(category="4")
    body = text_of(signed_in("ketua").get(f"{MONITOR}?category=4&status=selesai"))
    assert "Tidak ada proses yang cocok." in body
    assert "Tanpa saringan „Tahap“ ada proses yang cocok." in body
    assert "„Kategori“" not in body  # without it the list is still empty
    assert 'href="/pemantauan/?category=4"' in body


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 1024, 360])
def test_list_fits_the_width_with_readable_filters(browser: object, base_url: str, walk: Walk,
                                                   width: int) -> None:
    walk.user("ketua")
    for _ in range(2):
        walk.file(kecamatan=MUARA_PINANG)
    forwarded = walk.file(title="Lampu penerangan jalan padam di Jl. Lintas Tebing Tinggi",
                          channel="loket").tracking_code
    walk.complete(forwarded, "verifikasi", {"decision": "clarify", "jenis": "pengaduan",
                                            "reason": "Di depan nomor berapa?"})
    page = officer_signs_in(browser, base_url, "ketua")
    page.set_viewport_size({"width": width, "height": 900})  # type: ignore[attr-defined]
    page.goto(f"{base_url}{MONITOR}")  # type: ignore[attr-defined]
    page.select_option("#f-category", label="Kesehatan")  # type: ignore[attr-defined]
    page.click("form.filters button[type=submit]")  # type: ignore[attr-defined]
    page.wait_for_load_state()  # type: ignore[attr-defined]
    assert "category=4" in page.url  # type: ignore[attr-defined]
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # type: ignore[attr-defined]
    if width >= 1024:  # the table itself fits: no column hidden behind a sideways scroll
        assert page.evaluate(  # type: ignore[attr-defined]
            "(e => e.scrollWidth <= e.clientWidth)(document.querySelector('.table-scroll'))")
    narrowest = page.evaluate(  # type: ignore[attr-defined]
        "Math.min(...[...document.querySelectorAll('form.filters input, form.filters select')]"
        ".map(e => e.getBoundingClientRect().width))")
    assert narrowest >= 150
    label_lines = page.evaluate(  # type: ignore[attr-defined]
        "Math.max(...[...document.querySelectorAll('form.filters label')]"
        ".map(e => Math.round(e.getBoundingClientRect().height / "
        "parseFloat(getComputedStyle(e).lineHeight))))")
    assert label_lines == 1
    code_lines = page.evaluate(  # type: ignore[attr-defined]
        "Math.max(...[...document.querySelectorAll('table.instances code')]"
        ".map(e => e.getClientRects().length))")
    assert code_lines == 1
    assert page.locator("table.instances td", has_text="Kesehatan").count() == 3  # type: ignore[attr-defined]
    shot(page, f"monitor-list-{width}")
