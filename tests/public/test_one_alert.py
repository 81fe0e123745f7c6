"""A form on the reporter's page sent back with an error is announced once: one role="alert"
(the summary at the top, linking to the field), and each field's own message tied to its input
by aria-describedby, not a second alert."""

from __future__ import annotations

import re

import pytest

from tests.walk import Walk
from tests.webui.files import EXE, upload
from tests.webui.pages import Pages, text_of

from .test_public import followed_up, opened

ALERT = re.compile(r"""role=["']?alert""")


def _once(page: str, field: str) -> None:
    """One alert, the summary, linking to ``field``; the field described by its error."""
    assert len(ALERT.findall(page)) == 1, ALERT.findall(page)
    summary = page.split('id="kesalahan"')[1].split("</div>")[0]
    assert f'href="#{field}"' in summary
    tag = re.search(rf'<(?:input|textarea|select)[^>]*\bid="{field}"[^>]*>', page)
    assert tag, page[-4000:]
    described = re.search(r'aria-describedby="([^"]*)"', tag.group(0))
    assert described and f"{field}-error" in described.group(1).split(), tag.group(0)
    assert 'aria-invalid="true"' in tag.group(0)
    assert f'id="{field}-error"' in page


@pytest.mark.parametrize("lang", ["id", "en"])
def test_an_empty_reply_is_one_alert(pages: Pages, walk: Walk, lang: str) -> None:
    receipt = walk.file()
    url = opened(pages, receipt)
    pages.get(f"{url}?lang={lang}")
    page = text_of(pages.post(f"{url}/balas", {"text": ""}, page=url, status=422))
    _once(page, "f-text")


def test_an_empty_clarification_is_one_alert(pages: Pages, walk: Walk) -> None:
    receipt = walk.file()
    walk.complete(receipt.tracking_code, "verifikasi",
                  {"decision": "clarify", "jenis": "pengaduan", "reason": "Di mana tepatnya?"})
    assert walk.status(receipt.tracking_code) == "perlu_klarifikasi"
    url = opened(pages, receipt)
    page = text_of(pages.post(f"{url}/balas", {"text": " "}, page=url, status=422))
    _once(page, "f-text")


def test_a_refused_id_copy_is_one_alert(pages: Pages, walk: Walk) -> None:
    receipt = walk.file(channel="sms", name="Pelapor SMS 1708")
    url = opened(pages, receipt)
    page = text_of(pages.post(f"{url}/identitas", {"id_document": upload(EXE, "ktp.png")},
                              page=url, status=422, content_type="multipart/form-data"))
    _once(page, "f-id_document")


def test_a_missing_reason_is_one_alert(pages: Pages, walk: Walk) -> None:
    receipt = followed_up(walk)
    url = opened(pages, receipt)
    page = text_of(pages.post(f"{url}/jawab", {"answer": "belum", "reason": " "}, page=url,
                              status=422))
    _once(page, "f-reason")
    page = text_of(pages.post(f"{url}/jawab", {"answer": ""}, page=url, status=422))
    _once(page, "f-reason")
