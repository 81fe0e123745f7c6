"""Complaints in flight when the reporter's answer arrived in the diagram (issue #24 item 3):
an instance waiting for a reply on a version without the gateway "Masalah sudah selesai?"
keeps working as it did (no answer buttons; a reply reopens it), and moves to the new version
where "sudah selesai" then closes it."""

from __future__ import annotations

from typing import Any

import pytest

from engine.complaints.reporter import offers_answer
from engine.domain import ANSWER_SOLVED
from engine.errors import ConflictError
from engine.modeler.drafts import FormCheckFactory
from engine.modeler.migration import migrate, preview
from engine.workflow.form_versions import FormSource
from tests.walk import ANSWER, VERIFY_FORWARD, Walk

from .bundles import MAIN, by_id, default_files, drop, edited
from .deploying import deploy_files


def without_answer_gateway(files: dict[str, str]) -> dict[str, str]:
    """The main diagram as it was before the answer: every reply reopens the follow-up."""

    def change(root: Any) -> None:
        for element in ("jawaban_pelapor", "catat_pesan_pelapor", "gabung_tunggu_balasan",
                        "gabung_tutup", "alur_gabung_tutup_tutup",
                        "alur_balasan_masuk_jawaban_pelapor", "alur_sudah_selesai",
                        "alur_belum_selesai", "alur_pesan_biasa",
                        "alur_catat_pesan_pelapor_gabung_tunggu_balasan",
                        "alur_gabung_tunggu_balasan_tunggu_balasan"):
            drop(root, element)
        by_id(root, "alur_catat_tindak_lanjut_tunggu_balasan").set("targetRef", "tunggu_balasan")
        by_id(root, "alur_batas_penutupan_tutup").set("targetRef", "tutup")
        flow = by_id(root, "alur_buka_kembali_gabung_tindak_lanjut")
        reopen = flow.makeelement(flow.tag, {"id": "alur_balasan_masuk_buka_kembali",
                                             "sourceRef": "balasan_masuk",
                                             "targetRef": "buka_kembali"})
        flow.addnext(reopen)
        ns = {"bpmn": "http://www.omg.org/spec/BPMN/20100524/MODEL"}
        for node, tag, flow_id in (
                ("tunggu_balasan", "incoming", "alur_catat_tindak_lanjut_tunggu_balasan"),
                ("balasan_masuk", "outgoing", "alur_balasan_masuk_buka_kembali"),
                ("buka_kembali", "incoming", "alur_balasan_masuk_buka_kembali"),
                ("tutup", "incoming", "alur_batas_penutupan_tutup")):
            element = by_id(root, node)
            ref = element.makeelement(f"{{{ns['bpmn']}}}{tag}")
            ref.text = flow_id
            incoming = element.findall("bpmn:incoming", ns)
            (incoming[-1].addnext(ref) if tag == "outgoing" else element.insert(0, ref))

    return edited(files, MAIN, change)


def offered(walk: Walk, code: str) -> bool:
    with walk.services.uow() as uow:
        return offers_answer(uow.session, walk.services.runtime, walk.complaint(code))


def test_an_instance_waiting_on_the_old_version_works_and_moves_to_the_answer(
    walk: Walk, checks: FormCheckFactory, source: FormSource,
) -> None:
    old = deploy_files(walk, without_answer_gateway(default_files()), checks, source,
                       note="sebelum jawaban pelapor")
    code = walk.file().tracking_code
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    walk.complete(code, "tanggapi", ANSWER)
    assert walk.instance(code).definition_id == old.id
    assert not offered(walk, code)  # no buttons where the diagram cannot take the answer
    with pytest.raises(ConflictError):
        walk.reply(code, "", answer=ANSWER_SOLVED)
    assert walk.status(code) == "ditindaklanjuti"

    new = deploy_files(walk, default_files(), checks, source, note="jawaban pelapor")
    uows, rt = walk.services.uow, walk.services.runtime
    instance, due = walk.instance(code).id, walk.instance(code).next_timer_at
    assert [m.movable for m in preview(uows, rt, [instance], new.id)] == [True]
    assert len(migrate(uows, rt, [instance], new.id, walk.user("analis")).moved) == 1
    walk.assert_round_trip(code)
    assert walk.instance(code).status == "running"
    assert walk.instance(code).next_timer_at == due  # the closure keeps its day
    assert offered(walk, code)
    assert walk.reply(code, "Terima kasih.", answer=None) is False
    assert walk.status(code) == "ditindaklanjuti"
    assert walk.reply(code, "", answer=ANSWER_SOLVED) is True
    assert walk.status(code) == "selesai"
    assert walk.instance(code).status == "completed"


def test_on_the_old_version_a_reply_still_reopens(
    walk: Walk, checks: FormCheckFactory, source: FormSource,
) -> None:
    deploy_files(walk, without_answer_gateway(default_files()), checks, source)
    code = walk.file().tracking_code
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    walk.complete(code, "tanggapi", ANSWER)
    assert walk.reply(code, "Terima kasih.", answer=None) is True
    assert walk.status(code) == "didisposisikan"
