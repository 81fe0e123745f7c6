"""The instance list narrows to the instances waiting at one step of one diagram version: the
list the version diagram's count per step links to."""

from __future__ import annotations

from collections.abc import Callable

from tests.walk import Walk
from tests.webui.pages import Pages, text_of


def test_the_list_holds_only_the_instances_waiting_at_the_step(
        signed_in: Callable[[str], Pages], walk: Walk) -> None:
    waiting = walk.file().tracking_code
    moved_on = walk.file().tracking_code
    walk.complete(moved_on, "verifikasi", {"decision": "clarify", "jenis": "pengaduan",
                                           "reason": "Puskesmas mana?"})
    definition = walk.instance(waiting).definition_id
    pages = signed_in("ketua")
    page = text_of(pages.get(f"/pemantauan/?step=verifikasi&definition={definition}"))
    listing = page.split("<tbody>")[1]
    assert waiting in listing and moved_on not in listing
    assert 'id="version-filter"' in page  # says the list is narrowed to one version
    everything = text_of(pages.get("/pemantauan/")).split("<tbody>")[1]
    assert waiting in everything and moved_on in everything


def test_an_other_version_or_step_empties_the_list_and_says_which(
        signed_in: Callable[[str], Pages], walk: Walk) -> None:
    code = walk.file().tracking_code
    definition = walk.instance(code).definition_id
    pages = signed_in("ketua")
    other = text_of(pages.get(f"/pemantauan/?step=verifikasi&definition={definition + 99}"))
    assert code not in other.split("<tbody>")[1]
    step = text_of(pages.get("/pemantauan/?step=susun_tanggapan"))
    assert code not in step.split("<tbody>")[1]
    assert "Menunggu di langkah" in step.split("<tbody>")[1]  # the filter that emptied it
