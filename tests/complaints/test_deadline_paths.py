"""Deadlines as the standard counts them: clarification and a return pause the verification
clock; a complaint forwarded by national LAPOR! has 5 working days from the forwarding.

Walked through the engine's commands (each a save/restore) on a controlled clock.
"""

from __future__ import annotations

import dataclasses

from tests.walk import ANSWER, VERIFY_FORWARD, Walk, wib
from webui.wiring import Services

CLARIFY = {"decision": "clarify", "jenis": "pengaduan", "reason": "Puskesmas mana?"}


def test_clarification_pauses_the_verification_clock(walk: Walk) -> None:
    code = walk.file().tracking_code  # Monday 2 March: due Thursday 5 March
    walk.clock.set(wib("2026-03-04 10:00"))  # Tuesday and Wednesday used
    walk.complete(code, "verifikasi", CLARIFY)
    walk.clock.set(wib("2026-03-06 15:00"))
    assert walk.reply(code, "Puskesmas Tebing Tinggi.") is True
    # One working day is left: Monday 9 March, not three more (Wednesday 11 March).
    assert walk.task(code, "verifikasi").due_at == wib("2026-03-09 23:59:59")
    assert walk.complaint(code).stage_due_at == wib("2026-03-09 23:59:59")
    walk.at(wib("2026-03-09 00:00:01"))  # the reminder follows the paused clock
    assert ("pengingat", "assignee") in walk.outbox(code)
    walk.at(wib("2026-03-10 00:00:01"))
    assert "pemberitahuan_verifikasi_terlambat" in [t.spec_name for t in walk.tasks(code)]


def test_a_used_up_clock_is_due_the_day_the_answer_comes(walk: Walk) -> None:
    code = walk.file().tracking_code
    walk.clock.set(wib("2026-03-05 16:00"))  # the third working day
    walk.complete(code, "verifikasi", CLARIFY)
    walk.clock.set(wib("2026-03-09 08:00"))
    walk.reply(code, "Puskesmas Tebing Tinggi.")
    assert walk.task(code, "verifikasi").due_at == wib("2026-03-09 23:59:59")


def test_a_return_from_the_opd_resumes_the_verification_clock(walk: Walk) -> None:
    code = walk.file().tracking_code
    walk.clock.set(wib("2026-03-03 10:00"))  # one working day used
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    walk.clock.set(wib("2026-03-04 10:00"))
    walk.complete(code, "tanggapi", {"outcome": "not_our_authority", "note": "Urusan RSUD."})
    assert walk.task(code, "verifikasi").due_at == wib("2026-03-06 23:59:59")


def test_national_forwarding_starts_five_days_with_routing_inside(
        walk: Walk, services: Services) -> None:
    assert services.settings.national_routing_days == 2
    code = walk.file(channel="nasional", external_id="LAPOR-2026-0009001").tracking_code
    # Forwarded Monday 2 March: routing by Wednesday 4 March, the OPD by Monday 9 March.
    assert walk.task(code, "verifikasi").due_at == wib("2026-03-04 23:59:59")
    walk.clock.set(wib("2026-03-04 14:00"))
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    assert walk.task(code, "tanggapi").due_at == wib("2026-03-09 23:59:59")
    walk.at(wib("2026-03-10 00:00:01"))
    assert "koordinasi_penghubung" in [t.spec_name for t in walk.tasks(code)]
    walk.complete(code, "tanggapi", ANSWER)
    assert walk.status(code) == "ditindaklanjuti"


def test_national_routing_limit_is_a_setting(walk: Walk, services: Services) -> None:
    services.runtime.settings = dataclasses.replace(services.settings, national_routing_days=1)
    code = walk.file(channel="nasional", external_id="LAPOR-2026-0009002").tracking_code
    assert walk.task(code, "verifikasi").due_at == wib("2026-03-03 23:59:59")


def test_service_time_is_receipt_to_the_first_answer(walk: Walk) -> None:
    code = walk.file().tracking_code  # Monday 2 March
    walk.clock.set(wib("2026-03-03 10:00"))
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    walk.clock.set(wib("2026-03-06 11:00"))
    walk.complete(code, "tanggapi", ANSWER)
    assert walk.complaint(code).service_working_days == 4  # Tuesday to Friday
    walk.reply(code)
    walk.clock.set(wib("2026-03-10 11:00"))
    walk.complete(code, "tanggapi", ANSWER)
    assert walk.complaint(code).service_working_days == 4  # the first answer counts
