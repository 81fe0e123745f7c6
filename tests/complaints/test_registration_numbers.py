"""Register numbers: consecutive, gap-free, never refused when citizens submit at once."""

from __future__ import annotations

import threading
from contextlib import ExitStack

import pytest
from sqlalchemy import select

from engine.complaints import intake
from engine.complaints.tables import Complaint, RegistrationCounter
from tests.at_once import at_once
from tests.sql_log import began, committed, round_trips, traced
from tests.walk import Walk, wib


def test_numbers_count_up_per_year_and_start_again_in_a_new_one(services, clock) -> None:  # type: ignore[no-untyped-def]
    walk = Walk(services, clock)
    assert [walk.file().registration_no for _ in range(3)] == [
        "0001/LAPOR/2026", "0002/LAPOR/2026", "0003/LAPOR/2026"]
    clock.set(wib("2027-01-04 09:00"))
    assert walk.file().registration_no == "0001/LAPOR/2027"


def test_a_year_numbered_before_the_counter_existed_continues_after_its_last(services,
                                                                            clock) -> None:  # type: ignore[no-untyped-def]
    walk = _two_filed_then_no_counter(services, clock)
    assert walk.file().registration_no == "0003/LAPOR/2026"


def test_simultaneous_submissions_all_get_consecutive_numbers(services, clock) -> None:  # type: ignore[no-untyped-def]
    walk = Walk(services, clock)
    walk.file()  # the year's counter row exists, as it does after the first complaint
    assert _file_at_once(walk, citizens=6, each=4) == []
    with services.uow() as uow:
        numbers = sorted(uow.session.scalars(select(Complaint.registration_seq)))
    assert numbers == list(range(1, 26))


def test_a_submission_running_its_workflow_does_not_hold_up_another(services, clock,
                                                                     monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The number is taken last: while one submission has run its workflow and is about to
    be numbered, another submits and commits in full."""
    if services.db.dialect.name != "postgresql":
        pytest.skip("SQLite lets one writer in at a time; row locks are PostgreSQL's")
    walk = Walk(services, clock)
    walk.file()  # the year's counter row exists
    real = intake.number_complaint
    first_inside = threading.Event()
    release_first = threading.Event()

    def held(session, complaint) -> None:  # type: ignore[no-untyped-def]
        if threading.current_thread().name == "first":
            first_inside.set()
            release_first.wait(timeout=60)
        real(session, complaint)

    monkeypatch.setattr(intake, "number_complaint", held)
    receipts: dict[str, str] = {}

    def citizen() -> None:
        receipts[threading.current_thread().name] = walk.file().registration_no

    first = threading.Thread(target=citizen, name="first")
    first.start()
    assert first_inside.wait(timeout=60)
    second = threading.Thread(target=citizen, name="second")
    second.start()
    second.join(timeout=60)
    finished_while_first_open = not second.is_alive()
    release_first.set()
    first.join()
    second.join()
    assert finished_while_first_open, "the second submission waited for the first's commit"
    assert receipts == {"second": "0002/LAPOR/2026", "first": "0003/LAPOR/2026"}


def test_many_citizens_at_once_on_postgresql_get_every_number_once(services, clock) -> None:  # type: ignore[no-untyped-def]
    """Eight submitters, five complaints each, all at once: 1..41 with no gap or repeat, and
    the counter agrees."""
    if services.db.dialect.name != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL")
    walk = Walk(services, clock)
    walk.file()
    assert _file_at_once(walk, citizens=8, each=5) == []
    with services.uow() as uow:
        numbers = sorted(uow.session.scalars(select(Complaint.registration_seq)))
        counter = uow.session.get(RegistrationCounter, 2026)
    assert numbers == list(range(1, 42))
    assert counter is not None and counter.last_seq == 41


def _two_filed_then_no_counter(services, clock) -> Walk:  # type: ignore[no-untyped-def]
    """Two complaints numbered, then the counter gone, as after upgrading a database that had
    no counter yet."""
    walk = Walk(services, clock)
    walk.file()
    walk.file()
    with services.uow() as uow:
        uow.session.query(RegistrationCounter).delete()
        uow.commit()
    return walk


def _file_at_once(walk: Walk, *, citizens: int, each: int) -> list[BaseException]:
    """``citizens`` threads released together, each filing ``each`` complaints; what failed."""

    def citizen(_i: int) -> None:
        for _ in range(each):
            walk.file()

    return [o for o in at_once(citizens, citizen) if isinstance(o, BaseException)]


def test_a_submission_s_rows_number_and_commit_go_in_one_round_trip(services, clock,
                                                                   monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """On PostgreSQL the counter row's lock is taken and released inside one round trip: no
    submission waits for another's network or process, only for the server's writing."""
    if services.db.dialect.name != "postgresql":
        pytest.skip("SQLite's unit of work holds the database's write lock throughout")
    walk = Walk(services, clock)
    walk.file()
    real = intake.number_complaint
    traces: list[list[str]] = []  # each filled when its trace ends

    with ExitStack() as tracing:
        def traced_from_here(session, complaint) -> None:  # type: ignore[no-untyped-def]
            real(session, complaint)
            raw = session.connection().connection.driver_connection
            traces.append(tracing.enter_context(traced(raw)))

        monkeypatch.setattr(intake, "number_complaint", traced_from_here)
        receipt = walk.file()
    [lines] = traces
    assert receipt.registration_no == "0002/LAPOR/2026"
    assert round_trips(lines) == 1 and began(lines) and committed(lines)
    assert any("INSERT INTO registration_counter" in line for line in lines)


def test_the_first_submissions_of_a_year_at_once_all_get_numbers(services, clock,
                                                                  monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """No counter row yet: the first submitters meet on its key, and each gets the next
    number at its first try, none refused and tried again."""
    if services.db.dialect.name != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL")
    walk = _two_filed_then_no_counter(services, clock)
    real, tries = intake._submit, []  # noqa: SLF001 - counting each submission's attempts

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        tries.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(intake, "_submit", counted)
    assert _file_at_once(walk, citizens=6, each=1) == []
    with services.uow() as uow:
        numbers = sorted(uow.session.scalars(select(Complaint.registration_seq)))
        counter = uow.session.get(RegistrationCounter, 2026)
    assert numbers == list(range(1, 9)) and counter is not None and counter.last_seq == 8
    assert len(tries) == 6
