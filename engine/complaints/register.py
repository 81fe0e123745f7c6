"""The registration book's numbers (0001/LAPOR/2026): consecutive per year, gap-free, and
taken as late as a submission can take them, so that concurrent submissions wait for each
other as briefly as possible.

A complaint carries a placeholder (minus its instance id: unique, never a real number) until
it is numbered. On PostgreSQL its row is inserted with its number, by one statement that also
bumps the year's counter (creating it for a year that has none), sent with the submission's
other rows and its COMMIT in one round trip: the counter row's lock is held only while the
server writes what follows the complaint's row, never while a client or the network works.
On SQLite the unit of work holds the database's write lock from its first statement, and the
number is written after the rows. Gap-free on both: a transaction that rolls back gives its
number back.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, cast

from sqlalchemy import Insert, Table, bindparam, func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as upsert
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from engine.plain_flush import OwnInsert, flush, insert_with

from .tables import Complaint, RegistrationCounter

_COMPLAINT = cast(Table, Complaint.__table__)
_COUNTER = cast(Table, RegistrationCounter.__table__)


def number_complaint(session: Session, complaint: Complaint) -> None:
    """Give ``complaint``, new in this unit, the next number of its year's register, as the
    unit's last write: on PostgreSQL its row is inserted numbered when the unit's rows are
    written (no query may come between, engine.plain_flush.insert_with); elsewhere its rows
    are written now and numbered."""
    if session.get_bind().dialect.name == "postgresql":
        insert_with(session, complaint, OwnInsert(
            _numbered_insert,
            lambda seq: set_committed_value(complaint, "registration_seq", int(seq))))
        return
    flush(session)  # the submission's rows first: the number is the last write
    year = complaint.registration_year
    seq = _bump_counter(session, year)
    if seq is None:
        seq = _first_of_year(session, year)
    session.execute(update(Complaint).where(Complaint.id == complaint.id)
                    .values(registration_seq=seq))
    set_committed_value(complaint, "registration_seq", seq)


@lru_cache(maxsize=8)
def _numbered_insert(keys: tuple[str, ...]) -> Insert:
    """The complaint's INSERT for the columns ``keys`` (their values bound by name), its
    number the year's counter bumped in the same statement; it answers the number.

    The counter is upserted: a year without its row (a new year, or a database from before
    the counter) starts after that year's highest number. Two first submissions of a year
    meet on the row's key, and the second waits and bumps it."""
    year = bindparam("registration_year", type_=_COMPLAINT.c.registration_year.type)
    highest = (select(func.coalesce(func.max(_COMPLAINT.c.registration_seq), 0) + 1)
               .where(_COMPLAINT.c.registration_year == year,
                      _COMPLAINT.c.registration_seq > 0)
               .scalar_subquery())
    bumped = (upsert(_COUNTER).values(year=year, last_seq=highest)
              .on_conflict_do_update(index_elements=[_COUNTER.c.year],
                                     set_={"last_seq": _COUNTER.c.last_seq + 1})
              .returning(_COUNTER.c.last_seq)
              .cte("bumped"))
    columns = [_COMPLAINT.c[key] for key in keys]
    values: list[Any] = [
        bumped.c.last_seq if column.key == "registration_seq"
        else year if column.key == "registration_year"
        else bindparam(column.key, type_=column.type)
        for column in columns]
    return (insert(_COMPLAINT).from_select(columns, select(*values).select_from(bumped),
                                           include_defaults=False)
            .returning(_COMPLAINT.c.registration_seq))


def _bump_counter(session: Session, year: int) -> int | None:
    bumped = session.scalar(
        update(RegistrationCounter).where(RegistrationCounter.year == year)
        .values(last_seq=RegistrationCounter.last_seq + 1)
        .returning(RegistrationCounter.last_seq))
    return None if bumped is None else int(bumped)


def _first_of_year(session: Session, year: int) -> int:
    """The counter row of a year that has none (a new year, or a database from before it).

    It continues after the year's highest number (SQLite: the unit holds the database's write
    lock, so no one else creates it meanwhile)."""
    last = session.scalar(select(func.coalesce(func.max(Complaint.registration_seq), 0)).where(
        Complaint.registration_year == year, Complaint.registration_seq > 0)) or 0
    session.add(RegistrationCounter(year=year, last_seq=last + 1))
    session.flush()
    return int(last) + 1
