"""The system admin edits the keywords that suggest a category before a model exists."""

from __future__ import annotations

from tests.walk import Walk
from tests.webui.pages import Pages, text_of


def test_sysadmin_edits_keywords_and_the_fallback_uses_them(pages: Pages, walk: Walk,
                                                            client) -> None:  # type: ignore[no-untyped-def]
    walk.user("sysadmin")
    pages.login("sysadmin")
    page = text_of(pages.get("/admin/kata-kunci"))
    assert "Belum ada model saran" in page and "jalan rusak" in page
    pages.post("/admin/kata-kunci/7", {"keywords": "pohon tumbang,  , pohon"},
               page="/admin/kata-kunci", status=302)
    assert "pohon tumbang, pohon" in text_of(pages.get("/admin/kata-kunci"))
    too_long = pages.post("/admin/kata-kunci/7", {"keywords": "x" * 4001},
                          page="/admin/kata-kunci", status=422)
    assert 'id="f-keywords-error"' in text_of(too_long)
    pages.post("/admin/kata-kunci/999", {"keywords": "apa saja"}, page="/admin/kata-kunci",
               status=404)


def test_only_the_system_admin_opens_the_keywords(pages: Pages, walk: Walk) -> None:
    walk.user("tim_admin")
    pages.login("tim_admin")
    pages.get("/admin/kata-kunci", status=403)
