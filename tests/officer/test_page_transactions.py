"""An officer's page reads in one unit of work: the sign-in check's session row and the page's
own reads on one connection, in one transaction (they took one each; the task page three)."""

from __future__ import annotations

import pytest

from tests.sql_log import transactions
from tests.walk import VERIFY_FORWARD, Walk
from tests.webui.pages import Pages, text_of
from webui.wiring import Services


@pytest.fixture
def filed(walk: Walk) -> str:
    code = walk.file().tracking_code
    walk.user("tim_admin")
    return code


def _one_transaction(pages: Pages, services: Services, url: str, words: str) -> None:
    pages.get(url)  # the sign-in's own reads, and those of a first visit, done
    with transactions(services) as seen:
        assert words in text_of(pages.get(url))
    assert seen == ["checkout", "begin"], url


def test_the_task_page(pages: Pages, walk: Walk, services: Services, filed: str) -> None:
    pages.login("tim_admin")
    task = walk.task(filed, "verifikasi")
    _one_transaction(pages, services, f"/petugas/tugas/{task.id}", 'name="csrf_token"')


def test_the_complaint_page(pages: Pages, services: Services, filed: str) -> None:
    pages.login("tim_admin")
    _one_transaction(pages, services, f"/petugas/laporan/{filed}", filed)


def test_the_opd_page(pages: Pages, walk: Walk, services: Services, filed: str) -> None:
    walk.complete(filed, "verifikasi", VERIFY_FORWARD)
    opd = walk.task(filed, "tanggapi").opd_code
    liaison = walk.user("pejabat_penghubung", opd)
    pages.login(liaison.username)
    _one_transaction(pages, services, "/petugas/opd", filed)
