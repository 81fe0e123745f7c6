"""Register numbers: consecutive, gap-free, never refused when citizens submit at once."""

from __future__ import annotations

import threading

from sqlalchemy import select

from engine.complaints.tables import Complaint, RegistrationCounter
from tests.walk import Walk, wib


def test_numbers_count_up_per_year_and_start_again_in_a_new_one(services, clock) -> None:  # type: ignore[no-untyped-def]
    walk = Walk(services, clock)
    assert [walk.file().registration_no for _ in range(3)] == [
        "0001/LAPOR/2026", "0002/LAPOR/2026", "0003/LAPOR/2026"]
    clock.set(wib("2027-01-04 09:00"))
    assert walk.file().registration_no == "0001/LAPOR/2027"


def test_a_year_numbered_before_the_counter_existed_continues_after_its_last(services,
                                                                            clock) -> None:  # type: ignore[no-untyped-def]
    walk = Walk(services, clock)
    walk.file()
    walk.file()
    with services.uow() as uow:  # as after upgrading a database that had no counter yet
        uow.session.query(RegistrationCounter).delete()
        uow.commit()
    assert walk.file().registration_no == "0003/LAPOR/2026"


def test_simultaneous_submissions_all_get_consecutive_numbers(services, clock) -> None:  # type: ignore[no-untyped-def]
    walk = Walk(services, clock)
    walk.file()  # the year's counter row exists, as it does after the first complaint
    failures: list[BaseException] = []
    start = threading.Barrier(6)

    def citizen() -> None:
        start.wait()
        try:
            for _ in range(4):
                walk.file()
        except BaseException as exc:  # noqa: BLE001 - collected for the assertion
            failures.append(exc)

    threads = [threading.Thread(target=citizen) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    with services.uow() as uow:
        numbers = sorted(uow.session.scalars(select(Complaint.registration_seq)))
    assert numbers == list(range(1, 26))
