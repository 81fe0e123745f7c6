"""The dashboard's counts per day, kept by the database itself as complaints change.

A year's dashboard at a million complaints grouped half a million rows twelve ways (3.5 s).
``complaint_day_figure`` holds, per WIB day a complaint was received, how many complaints
have each value of each figure; a period's figures are then a sum over at most 366 days of a
few hundred small rows, whatever the number of complaints.

Triggers on ``complaint`` keep it exact on every INSERT, UPDATE and DELETE, on PostgreSQL and
SQLite alike, so no command has to remember it (and nothing reads it stale): an UPDATE that
touches none of the counted columns costs nothing, one that does moves only the figures that
changed. On PostgreSQL they are constraint triggers deferred to commit (migration
perf_deferred_figures), so the shared rows of a day are locked only while committing. The SQL is
generated here from ``FIGURES`` for the migration that installs it (0005_day_figures) and for
``rebuild``; changing ``FIGURES`` needs a new migration that calls ``install`` again. A
migration that makes SQLite copy the ``complaint`` table (Alembic's batch mode) drops its
triggers: call ``install`` after it (tests/evaluation/test_day_figures.py notices when they are
missing).

Figures (value '' stands for "not set"):
- ``received``: '' — complaints received that day;
- ``channel`` … ``resolution``: the code of that dimension;
- ``verifikasi``, ``tindak_lanjut``: "OPD|working days" of the finished stage;
- ``pelayanan``: "OPD|working days" from receipt to the first answer (waktu pelayanan);
- ``penyelesaian``: working days to close, for resolved (selesai) complaints;
- ``disposed``, ``closed``, ``selesai``: the OPD code, when disposed / closed / resolved;
- ``resolved``: the OPD code, counted on the WIB day the complaint was *closed* (survey
  population), not the day it was received.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

TABLE = "complaint_day_figure"
DIMENSIONS = {"channel": "channel", "category": "category_code", "opd": "opd_code",
              "kecamatan": "kecamatan_code", "jenis": "jenis", "status": "status",
              "cause": "cause_code", "resolution": "resolution_code"}
# The columns whose change can move a figure (the UPDATE trigger fires only on these).
COUNTED = ("received_at", *DIMENSIONS.values(), "verify_working_days",
           "follow_up_working_days", "close_working_days", "disposed_at", "closed_at",
           "service_working_days")
# The figures as revision 0005_day_figures installed them (before ``pelayanan``): an old
# revision must not read a column a later one adds.
FIRST_VERSION = 1
VERSION = 2
TRIGGERS = ("complaint_day_figure_ins", "complaint_day_figure_upd", "complaint_day_figure_del")


def _day(dialect: str, column: str) -> str:
    if dialect == "sqlite":
        return f"date({column}, '+7 hours')"  # stored as UTC text; WIB is UTC+7 all year
    return f"CAST(timezone('Asia/Jakarta', {column}) AS DATE)"


def figures_sql(dialect: str, row: str, source: str = "", version: int = VERSION) -> str:
    """A SELECT of (day, figure, value), one line per figure of the complaint ``row``.

    ``row`` is NEW or OLD in a trigger, or a table alias with ``source`` its FROM clause.
    """
    def col(name: str) -> str:
        return f"{row}.{name}"

    opd = f"COALESCE({col('opd_code')}, '')"
    received = _day(dialect, col("received_at"))
    parts: list[tuple[str, str, str, str | None]] = [(received, "received", "''", None)]
    parts += [(received, figure, f"COALESCE({col(column)}, '')", None)
              for figure, column in DIMENSIONS.items()]
    parts += [
        (received, "verifikasi", f"{opd} || '|' || CAST({col('verify_working_days')} AS TEXT)",
         f"{col('verify_working_days')} IS NOT NULL"),
        (received, "tindak_lanjut",
         f"{opd} || '|' || CAST({col('follow_up_working_days')} AS TEXT)",
         f"{col('follow_up_working_days')} IS NOT NULL"),
        (received, "penyelesaian", f"CAST({col('close_working_days')} AS TEXT)",
         f"{col('status')} = 'selesai' AND {col('close_working_days')} IS NOT NULL"),
        (received, "disposed", opd, f"{col('disposed_at')} IS NOT NULL"),
        (received, "closed", opd, f"{col('closed_at')} IS NOT NULL"),
        (received, "selesai", opd, f"{col('status')} = 'selesai'"),
        # Every outcome (selesai, diarsipkan, dialihkan) is in the SKM's population.
        (_day(dialect, col("closed_at")), "resolved", opd, f"{col('closed_at')} IS NOT NULL"),
    ]
    if version >= 2:
        parts.append((received, "pelayanan",
                      f"{opd} || '|' || CAST({col('service_working_days')} AS TEXT)",
                      f"{col('service_working_days')} IS NOT NULL"))
    selects = []
    for day, figure, value, only in parts:
        where = f" WHERE {only}" if only else ""
        selects.append(f"SELECT {day} AS day, '{figure}' AS figure, {value} AS value"
                       f"{source}{where}")
    return " UNION ALL ".join(selects)


def _add(dialect: str, figures: str) -> str:
    # "WHERE true" keeps SQLite from reading ON CONFLICT as a join constraint.
    return (f"INSERT INTO {TABLE} (day, figure, value, n) SELECT day, figure, value, 1 "
            f"FROM ({figures}) AS added WHERE true "
            f"ON CONFLICT (day, figure, value) DO UPDATE SET n = {TABLE}.n + 1")


def _remove(figures: str) -> str:
    # Only ever decrement rows that exist (a wiped table stays empty, never goes negative).
    return (f"UPDATE {TABLE} SET n = n - 1 WHERE (day, figure, value) IN "
            f"(SELECT day, figure, value FROM ({figures}) AS removed)")


def _moved(dialect: str, row: str, other: str, version: int) -> str:
    return (f"SELECT * FROM ({figures_sql(dialect, row, version=version)}) AS a "
            f"EXCEPT SELECT * FROM ({figures_sql(dialect, other, version=version)}) AS b")


def _counted(version: int) -> tuple[str, ...]:
    return COUNTED if version >= 2 else COUNTED[:-1]


def install_sql(dialect: str, version: int = VERSION) -> list[str]:
    """Statements that (re)create the triggers on ``complaint`` (figures of ``version``)."""
    counted = _counted(version)
    drops = [f"DROP TRIGGER IF EXISTS {name}" + ("" if dialect == "sqlite" else " ON complaint")
             for name in TRIGGERS]
    if dialect == "sqlite":
        return [*drops,
                f"CREATE TRIGGER complaint_day_figure_ins AFTER INSERT ON complaint BEGIN "
                f"{_add(dialect, figures_sql(dialect, 'NEW', version=version))}; END",
                f"CREATE TRIGGER complaint_day_figure_upd AFTER UPDATE OF {', '.join(counted)} "
                f"ON complaint BEGIN {_remove(_moved(dialect, 'OLD', 'NEW', version))}; "
                f"{_add(dialect, _moved(dialect, 'NEW', 'OLD', version))}; END",
                f"CREATE TRIGGER complaint_day_figure_del AFTER DELETE ON complaint BEGIN "
                f"{_remove(figures_sql(dialect, 'OLD', version=version))}; END"]
    changed = " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in counted)
    function = (
        # Pinned to the schema it was created in: a session with another search_path that
        # changes a complaint still counts into this schema's table.
        "CREATE OR REPLACE FUNCTION complaint_day_figure_sync() RETURNS trigger "
        "LANGUAGE plpgsql SET search_path FROM CURRENT AS $$ BEGIN "
        f"IF TG_OP = 'INSERT' THEN {_add(dialect, figures_sql(dialect, 'NEW', version=version))}; "
        f"ELSIF TG_OP = 'DELETE' THEN "
        f"{_remove(figures_sql(dialect, 'OLD', version=version))}; "
        f"ELSE {_remove(_moved(dialect, 'OLD', 'NEW', version))}; "
        f"{_add(dialect, _moved(dialect, 'NEW', 'OLD', version))}; END IF; "
        "RETURN NULL; END $$")
    # Deferred to commit: a day's figure rows are shared by every complaint of that day, and
    # a trigger run at the INSERT would hold their row locks through the whole command, so
    # two submissions of one day would go one at a time. At commit they are held for a moment.
    # Each deferred run still sees its own event's OLD and NEW, so the sums stay exact.
    deferred = "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW"
    run = f"{deferred} EXECUTE FUNCTION complaint_day_figure_sync()"
    return [*drops, function,
            f"CREATE CONSTRAINT TRIGGER complaint_day_figure_ins AFTER INSERT ON complaint {run}",
            f"CREATE CONSTRAINT TRIGGER complaint_day_figure_upd AFTER UPDATE ON complaint "
            f"{deferred} WHEN ({changed}) EXECUTE FUNCTION complaint_day_figure_sync()",
            f"CREATE CONSTRAINT TRIGGER complaint_day_figure_del AFTER DELETE ON complaint {run}"]


def uninstall_sql(dialect: str) -> list[str]:
    """Statements that drop the triggers (and PostgreSQL's trigger function)."""
    suffix = "" if dialect == "sqlite" else " ON complaint"
    found = [f"DROP TRIGGER IF EXISTS {name}{suffix}" for name in TRIGGERS]
    if dialect != "sqlite":
        found.append("DROP FUNCTION IF EXISTS complaint_day_figure_sync()")
    return found


def rebuild_sql(dialect: str, version: int = VERSION) -> list[str]:
    """Statements that recount the whole table from ``complaint`` (one pass per figure)."""
    return [f"DELETE FROM {TABLE}",
            f"INSERT INTO {TABLE} (day, figure, value, n) SELECT day, figure, value, count(*) "
            f"FROM ({figures_sql(dialect, 'c', ' FROM complaint c', version)}) AS f "
            "GROUP BY day, figure, value"]


def install(connection: Any, version: int = VERSION) -> None:
    """(Re)create the triggers on ``connection`` and recount every figure (a revision passes
    the ``version`` of the figures its schema has the columns for)."""
    dialect = connection.dialect.name
    for statement in [*install_sql(dialect, version), *rebuild_sql(dialect, version)]:
        connection.execute(text(statement))


def rebuild(connection: Any) -> None:
    """Recount every figure from ``complaint`` (after a bulk load with triggers off)."""
    for statement in rebuild_sql(connection.dialect.name):
        connection.execute(text(statement))
