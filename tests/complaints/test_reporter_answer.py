"""The reporter's answer after a follow-up (issue #24 item 3): "sudah selesai" closes the
report and opens the survey, "belum selesai" with a reason reopens it to the OPD, a plain
message neither closes nor reopens and the report still closes itself after 10 working days.

Every command loads the workflow from the database and saves it again (``Walk`` checks the
round trip), and time comes from the test's clock.
"""

from __future__ import annotations

import json

import pytest

from engine.complaints.reporter import post_reply
from engine.domain import ANSWER_SOLVED, ANSWER_UNSOLVED, REPORTER
from engine.errors import ConflictError, FormInvalidError
from engine.evaluation.survey import may_answer
from tests.walk import ANSWER, VERIFY_FORWARD, Walk, wib


def answered(walk: Walk) -> str:
    """A complaint the OPD answered on Wednesday 4 March 2026 (closure due 25 March)."""
    code = walk.file().tracking_code
    walk.clock.set(wib("2026-03-03 10:00"))
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    walk.clock.set(wib("2026-03-04 11:00"))
    walk.complete(code, "tanggapi", ANSWER)
    assert walk.status(code) == "ditindaklanjuti"
    return code


def test_sudah_selesai_closes_at_once_and_opens_the_survey(walk: Walk) -> None:
    code = answered(walk)
    walk.clock.set(wib("2026-03-05 08:00"))
    assert walk.reply(code, "", answer=ANSWER_SOLVED) is True
    assert walk.status(code) == "selesai"
    assert walk.instance(code).status == "completed"
    assert walk.instance(code).next_timer_at is None
    assert walk.tasks(code) == []
    assert ("selesai", "pelapor") in walk.outbox(code)
    assert walk.statuses(code) == ["diterima", "didisposisikan", "ditindaklanjuti", "selesai"]
    assert [(f.kind, f.text) for f in walk.follow_ups(code)][-1] == ("sudah_selesai", "")
    with walk.services.uow() as uow:
        assert may_answer(uow.session, walk.complaint(code))


def test_belum_selesai_reopens_with_a_new_five_day_deadline(walk: Walk) -> None:
    code = answered(walk)
    walk.clock.set(wib("2026-03-09 08:00"))
    assert walk.reply(code, "Dokter jaga masih belum ada.", answer=ANSWER_UNSOLVED) is True
    assert walk.status(code) == "didisposisikan"
    task = walk.task(code, "tanggapi")
    assert task.opd_code == "DINKES"
    # Five working days from Monday 9 March: Monday 16 March.
    assert task.due_at == wib("2026-03-16 23:59:59")
    assert ("balasan", "pejabat_penghubung") in walk.outbox(code)
    assert walk.follow_ups(code)[-1].kind == "belum_selesai"


def test_belum_selesai_needs_a_reason_and_records_nothing_without_one(walk: Walk) -> None:
    code = answered(walk)
    with pytest.raises(FormInvalidError) as raised:
        walk.reply(code, "  ", answer=ANSWER_UNSOLVED)
    assert "text" in raised.value.errors
    assert walk.status(code) == "ditindaklanjuti"
    assert [f.kind for f in walk.follow_ups(code)] == ["tindak_lanjut"]


def test_a_plain_message_is_kept_and_told_but_the_report_closes_on_time(walk: Walk) -> None:
    code = answered(walk)
    walk.clock.set(wib("2026-03-09 08:00"))
    assert walk.reply(code, "Terima kasih atas tanggapannya.", answer=None) is False
    assert walk.status(code) == "ditindaklanjuti"
    assert walk.complaint(code).stage_due_at == wib("2026-03-25 23:59:59")
    assert walk.follow_ups(code)[-1].kind == "balasan"
    assert ("pesan_pelapor", "pejabat_penghubung") in walk.outbox(code)
    assert ("balasan", "pejabat_penghubung") not in walk.outbox(code)
    assert [t.spec_name for t in walk.tasks(code)] == []
    # A second plain message changes nothing either; the closure keeps its day.
    walk.clock.set(wib("2026-03-20 08:00"))
    assert walk.reply(code, "Mohon info kapan dokter jaga datang.", answer=None) is False
    assert walk.at(wib("2026-03-25 22:00")).fired == 0
    assert walk.status(code) == "ditindaklanjuti"
    walk.at(wib("2026-03-26 00:00:01"))
    assert walk.status(code) == "selesai"
    assert walk.instance(code).status == "completed"
    assert walk.statuses(code) == ["diterima", "didisposisikan", "ditindaklanjuti", "selesai"]


def test_after_a_plain_message_the_reporter_can_still_answer(walk: Walk) -> None:
    code = answered(walk)
    walk.reply(code, "Terima kasih, akan saya cek dulu.", answer=None)
    walk.clock.set(wib("2026-03-10 08:00"))
    assert walk.reply(code, "Sudah saya cek, masih kosong.", answer=ANSWER_UNSOLVED) is True
    assert walk.status(code) == "didisposisikan"


def test_an_answer_while_nothing_waits_for_one_is_refused(walk: Walk) -> None:
    code = walk.file().tracking_code
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    with pytest.raises(ConflictError):
        walk.reply(code, "", answer=ANSWER_SOLVED)
    assert walk.status(code) == "didisposisikan"
    assert walk.follow_ups(code) == []


def test_an_unknown_answer_is_a_form_error(walk: Walk) -> None:
    code = answered(walk)
    with pytest.raises(FormInvalidError) as raised:
        walk.reply(code, "Bagaimana?", answer="mungkin")
    assert "answer" in raised.value.errors
    assert walk.follow_ups(code)[-1].kind == "tindak_lanjut"


def test_the_outcome_says_what_the_reply_did(walk: Walk) -> None:
    code = answered(walk)
    services = walk.services
    assert post_reply(services.uow(), services.runtime, code, "Terima kasih.", REPORTER
                      ) == "recorded"
    assert post_reply(services.uow(), services.runtime, code, "", REPORTER, ANSWER_SOLVED
                      ) == "closed"


def test_many_plain_messages_keep_the_state_bounded(walk: Walk) -> None:
    code = answered(walk)
    walk.reply(code, "Pesan pertama.", answer=None)
    first = len(json.loads(walk.instance(code).state)["tasks"])
    for n in range(12):
        walk.reply(code, f"Pesan ke-{n + 2}.", answer=None)
    assert len(json.loads(walk.instance(code).state)["tasks"]) == first
