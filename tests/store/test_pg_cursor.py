"""On PostgreSQL a statement's result description is built once per connection
(engine/pg_cursor.py) and is what psycopg itself describes: for the same text with other
column types, for a statement without rows and after a second result, psycopg's own."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from sqlalchemy import select
from sqlalchemy.engine import Engine

from engine import pg_cursor
from engine.reference.tables import Region
from webui.wiring import Services


@pytest.fixture
def raw(lone_engine: Engine) -> Iterator[Any]:
    """A psycopg connection from Alur's engine (PostgreSQL only)."""
    if lone_engine.dialect.name != "postgresql":
        pytest.skip("psycopg's cursor: PostgreSQL only")
    with lone_engine.connect() as connection:
        yield connection.connection.driver_connection


def _described(cursor: Any) -> list[tuple[str, int]] | None:
    columns = cursor.description
    return None if columns is None else [(c.name, c.type_code) for c in columns]


def _psycopg_describes(cursor: Any) -> list[tuple[str, int]] | None:
    columns = psycopg.Cursor.description.fget(cursor)  # type: ignore[attr-defined]
    return None if columns is None else [(c.name, c.type_code) for c in columns]


def test_the_engines_connections_use_the_cursor(raw: Any) -> None:
    assert isinstance(raw.cursor(), pg_cursor.DescribedOnceCursor)


def test_a_description_is_psycopgs_and_built_once(raw: Any) -> None:
    cursor = raw.cursor()
    cursor.execute("SELECT 1 AS one, 'a'::text AS word, now() AS at")
    first = cursor.description
    assert _described(cursor) == _psycopg_describes(cursor)
    assert [c.name for c in first] == ["one", "word", "at"]
    cursor.execute("SELECT 1 AS one, 'a'::text AS word, now() AS at")
    assert cursor.description is first
    assert cursor.fetchall()[0][:2] == (1, "a")


def test_the_same_text_with_other_types_is_described_again(raw: Any) -> None:
    cursor = raw.cursor()
    cursor.execute("SELECT %s AS value", (7,))
    as_number = _described(cursor)
    cursor.execute("SELECT %s AS value", ("tujuh",))
    assert _described(cursor) == _psycopg_describes(cursor) != as_number


def test_statements_without_rows_and_second_results_are_psycopgs(raw: Any) -> None:
    cursor = raw.cursor()
    cursor.execute("CREATE TEMPORARY TABLE uji (n integer)")
    assert cursor.description is None
    # each kept after a first read whose columns have the same types under other names
    cursor.execute("SELECT 1 AS a, 2 AS b")
    assert _described(cursor) == [("a", 23), ("b", 23)]
    cursor.executemany("INSERT INTO uji (n) VALUES (%s) RETURNING n, n * 2 AS twice",
                       [(1,), (2,)], returning=True)
    assert _described(cursor) == [("n", 23), ("twice", 23)]
    assert cursor.fetchone() == (1, 2)
    cursor.execute("SELECT 1 AS a; SELECT 2 AS second")
    assert _described(cursor) == [("a", 23)]
    assert cursor.nextset()
    assert _described(cursor) == [("second", 23)] == _psycopg_describes(cursor)
    cursor.execute("SELECT n FROM uji WHERE n > 5")
    assert _described(cursor) == [("n", 23)]


def test_a_connection_keeps_a_bounded_number(raw: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pg_cursor, "_KEPT_PER_CONNECTION", 3)
    cursor = raw.cursor()
    for number in range(7):
        cursor.execute(f"SELECT {number} AS n{number}")
        assert _described(cursor) == [(f"n{number}", 23)]
        assert len(pg_cursor._kept(raw)) <= 3


def test_sqlalchemy_reads_rows_through_it(services: Services) -> None:
    if services.db.dialect.name != "postgresql":
        pytest.skip("psycopg's cursor: PostgreSQL only")
    read = select(Region.code, Region.name).order_by(Region.code).limit(3)
    with services.uow() as uow:
        # the second and third meet the statement's cached result metadata and a kept
        # description; the rows and their names are what the first read
        seen = [uow.session.execute(read).mappings().all() for _ in range(3)]
    assert len(seen[0]) == 3 and seen[0][0]["name"]
    assert seen[0] == seen[1] == seen[2]


def test_sessions_are_in_utc_and_instants_come_back_in_pythons_utc(raw: Any) -> None:
    from datetime import UTC

    at = raw.execute("SELECT current_setting('TimeZone'), now()").fetchone()
    assert at[0] == "UTC"
    assert at[1].tzinfo is UTC  # as_utc hands it on as it is


def test_the_urls_own_session_options_are_kept(services: Services) -> None:
    if services.db.dialect.name != "postgresql":
        pytest.skip("PostgreSQL's session options")
    from engine.db import make_engine

    url = services.db.url.update_query_dict({"options": "-c application_name=alur-uji"})
    engine = make_engine(url.render_as_string(hide_password=False))
    try:
        with engine.connect() as connection:
            got = connection.exec_driver_sql(
                "SELECT current_setting('application_name'), current_setting('TimeZone')").one()
    finally:
        engine.dispose()
    assert tuple(got) == ("alur-uji", "UTC")
