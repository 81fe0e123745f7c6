"""The monitoring screens: list, CSV, detail, diagram data, overview, versions."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

import pytest

from tests.sql_log import statements
from tests.walk import VERIFY_FORWARD, Walk, wib
from tests.webui.pages import Pages, text_of
from webui.wiring import Services

MONITOR = "/pemantauan/"


@pytest.mark.parametrize("role", [
    "pengarah", "penanggung_jawab", "sekretaris", "ketua", "anggota", "tim_admin", "sysadmin"])
def test_managers_see_the_list(signed_in: Callable[[str], Pages], walk: Walk, role: str) -> None:
    code = walk.file().tracking_code
    page = signed_in(role).get(MONITOR)
    assert code in text_of(page)


@pytest.mark.parametrize(("role", "opd"), [("front_office", None), ("analis", None),
                                           ("pejabat_penghubung", "DINKES")])
def test_others_are_refused(signed_in: Callable[..., Pages], walk: Walk, role: str,
                            opd: str | None) -> None:
    code = walk.file().tracking_code
    pages = signed_in(role, opd)
    pages.get(MONITOR, status=403)
    pages.get(f"{MONITOR}{walk.instance(code).id}", status=403)
    pages.get(f"{MONITOR}ekspor.csv", status=403)


def test_signed_out_goes_to_login(client, walk: Walk) -> None:  # type: ignore[no-untyped-def]
    assert client.get(MONITOR).status_code == 302


def test_the_list_never_reads_workflow_json(signed_in: Callable[[str], Pages], walk: Walk,
                                            services: Services) -> None:
    codes = [walk.file().tracking_code for _ in range(3)]
    definition_id = walk.instance(codes[0]).definition_id
    pages = signed_in("ketua")
    with statements(services) as seen:
        pages.get(f"{MONITOR}?sort=-deadline&status=diterima")
        pages.get(f"{MONITOR}ekspor.csv")
        pages.get(f"{MONITOR}versi/{definition_id}/statistik.json")
    assert seen
    assert not [s for s in seen if "process_instance.state" in s]


def test_filters_sort_and_pages(signed_in: Callable[[str], Pages], walk: Walk) -> None:
    codes = [walk.file().tracking_code for _ in range(3)]
    walk.complete(codes[0], "verifikasi", VERIFY_FORWARD)
    pages = signed_in("pengarah")
    body = text_of(pages.get(f"{MONITOR}?status=didisposisikan"))
    assert codes[0] in body and codes[1] not in body
    body = text_of(pages.get(f"{MONITOR}?sort=tracking_code&per_page=1&page=2"))
    assert sorted(codes)[1] in body and sorted(codes)[0] not in body
    for sort in ("opd", "-category", "channel", "instance_status", "-status", "deadline"):
        pages.get(f"{MONITOR}?sort={sort}")
    pages.get(f"{MONITOR}?status=hilang", status=422)


def test_csv_exports_the_filtered_list_without_formulas(signed_in: Callable[[str], Pages],
                                                        walk: Walk) -> None:
    code = walk.file(title="=HYPERLINK(\"http://x\")").tracking_code
    other = walk.file().tracking_code
    walk.complete(other, "verifikasi", VERIFY_FORWARD)
    response = signed_in("anggota").get(f"{MONITOR}ekspor.csv?status=diterima")
    assert response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0][0] == "Kode lacak"
    assert [r[0] for r in rows[1:]] == [code]
    assert rows[1][2].startswith("'=")


def test_failed_outbox_count_is_shown(signed_in: Callable[[str], Pages], walk: Walk,
                                      services: Services) -> None:
    from engine.complaints.tables import OutboxMessage

    walk.file()
    with services.uow() as uow:
        uow.session.query(OutboxMessage).update({"status": "failed"})
        uow.commit()
    body = text_of(signed_in("tim_admin").get(MONITOR))
    assert "pesan keluar gagal terkirim" in body


def test_detail_shows_diagram_data_trail_and_variables_for_admins(
        signed_in: Callable[[str], Pages], walk: Walk) -> None:
    code = walk.file().tracking_code
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    instance_id = walk.instance(code).id
    pages = signed_in("sysadmin")
    body = text_of(pages.get(f"{MONITOR}{instance_id}"))
    assert code in body and "Jejak audit" in body and "Variabel proses" in body
    data = pages.get(f"{MONITOR}{instance_id}/diagram.json").get_json()
    marks = data["markers"]["pengaduan.bpmn"]
    assert "verifikasi" in marks["done"] and "terima" in marks["done"]
    assert marks["active"]
    assert data["completed_by"]["verifikasi"][0]["actor"] == "tim_admin"
    assert "pengaduan.bpmn" in data["files"]


def test_variables_are_hidden_from_other_managers(signed_in: Callable[[str], Pages],
                                                  walk: Walk) -> None:
    code = walk.file().tracking_code
    body = text_of(signed_in("pengarah").get(f"{MONITOR}{walk.instance(code).id}"))
    assert "Variabel proses" not in body
    assert "081234567890" not in body  # identity: only tim_admin and front office


def test_overview_counts_waiting_and_durations(signed_in: Callable[[str], Pages],
                                               walk: Walk) -> None:
    first = walk.file().tracking_code
    walk.file()
    walk.clock.set(wib("2026-03-04 10:00"))
    walk.complete(first, "verifikasi", VERIFY_FORWARD)
    definition_id = walk.instance(first).definition_id
    pages = signed_in("ketua")
    assert "Versi proses" in text_of(pages.get(f"{MONITOR}versi"))
    pages.get(f"{MONITOR}versi/{definition_id}")
    data = pages.get(f"{MONITOR}versi/{definition_id}/statistik.json").get_json()
    assert data["nodes"]["verifikasi"]["waiting"] == 1
    assert data["nodes"]["verifikasi"]["median_days"] == 2.0
    assert data["incidents"] == 0
    pages.get(f"{MONITOR}versi/999999", status=404)
