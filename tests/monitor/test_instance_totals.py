"""The instance list counts exactly when filtered or small; a whole large list is estimated
and says so (counting every row grew with the table)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from engine.domain import Actor
from engine.monitor import instance_list
from engine.monitor.instance_list import InstanceFilter, list_instances
from tests.walk import VERIFY_FORWARD, Walk
from tests.webui.pages import Pages, text_of
from webui.wiring import Services

MANAGER = Actor("ketua", "ketua")


@pytest.fixture
def five(walk: Walk) -> list[str]:
    codes = [walk.file().tracking_code for _ in range(5)]
    walk.complete(codes[0], "verifikasi", VERIFY_FORWARD)
    return codes


def _page(services: Services, walk: Walk, **fields: object) -> instance_list.InstancePage:
    with services.uow() as uow:
        return list_instances(uow.session, InstanceFilter(**fields), MANAGER,  # type: ignore[arg-type]
                              walk.clock())


def test_small_lists_are_counted_exactly(services: Services, walk: Walk,
                                         five: list[str]) -> None:
    page = _page(services, walk, per_page=2)
    assert (page.total, page.exact, page.pages, page.next_page) == (5, True, 3, 2)
    last = _page(services, walk, per_page=2, page=3)
    assert (len(last.rows), last.next_page) == (1, None)


def test_a_large_whole_list_is_estimated_and_pages_by_rows(
        services: Services, walk: Walk, five: list[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(instance_list, "EXACT_UP_TO", 3)
    page = _page(services, walk, per_page=2)
    assert not page.exact and page.total >= 4  # "more than 3", estimated from the ids
    assert [r.tracking_code for r in page.rows] == [five[4], five[3]]  # newest first
    # Whether another page exists comes from the rows, never from the estimate.
    assert _page(services, walk, per_page=2, page=2).next_page == 3
    assert _page(services, walk, per_page=2, page=3).next_page is None
    filtered = _page(services, walk, status="diterima")
    assert (filtered.total, filtered.exact) == (4, True)  # filtered: always exact
    assert _page(services, walk, q=five[0]).total == 1


def test_the_screen_labels_an_estimate(signed_in: Callable[[str], Pages], walk: Walk,
                                       five: list[str],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    pages = signed_in("ketua")
    assert "5 proses" in text_of(pages.get("/pemantauan/"))
    monkeypatch.setattr(instance_list, "EXACT_UP_TO", 3)
    body = text_of(pages.get("/pemantauan/"))
    assert "Lebih dari 3 proses (sekitar" in body
    assert "4 proses" in text_of(pages.get("/pemantauan/?status=diterima"))
    english = text_of(pages.get("/pemantauan/?lang=en"))
    assert "More than 3 processes (about" in english
