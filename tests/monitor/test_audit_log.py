"""The audit log readable by those who answer for confidentiality (Ketua, Penanggung Jawab,
sysadmin): filters, pages, CSV export with formulas made inert, every reading itself logged,
sign-ins and exports logged; and the log stays append-only through every path the code offers."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy import delete, select, text, update
from sqlalchemy.exc import DBAPIError

from engine import audit
from engine.audit import AppendOnlyError, AuditEntry
from engine.domain import Actor
from engine.monitor.audit_log import ACTION_GROUPS, AuditFilter, read_page
from tests.walk import Walk, wib
from tests.webui.pages import Pages, text_of
from webui.labels import ACTION, ACTION_GROUP
from webui.wiring import Services

PAYLOAD = '=HYPERLINK("http://evil/","x")'


def entries(services: Services, action: str) -> list[AuditEntry]:
    with services.uow() as uow:
        return list(uow.session.scalars(select(AuditEntry).where(AuditEntry.action == action)))


def seed(services: Services, walk: Walk) -> str:
    """A complaint, and identity reads by two officers on two days."""
    code = walk.file().tracking_code
    complaint = walk.complaint(code)
    with services.uow() as uow:
        audit.record(uow.session, Actor("admin-a", "tim_admin"), "identity_viewed",
                     wib("2026-03-03 10:00"), complaint_id=complaint.id, where="laporan")
        audit.record(uow.session, Actor("admin-b", "tim_admin"), "identity_document_viewed",
                     wib("2026-03-05 10:00"), complaint_id=complaint.id, file=PAYLOAD)
        audit.record(uow.session, Actor("sysadmin", "sysadmin"), "user_created",
                     wib("2026-03-05 11:00"), username="baru")
        uow.commit()
    return code


@pytest.mark.parametrize("role", ["ketua", "penanggung_jawab", "sysadmin"])
def test_those_who_answer_for_confidentiality_read_it(signed_in: Callable[[str], Pages],
                                                      role: str) -> None:
    page = text_of(signed_in(role).get("/admin/log-audit"))
    assert "Log audit" in page and "Masuk ke aplikasi" in page  # their own sign-in


@pytest.mark.parametrize("role", ["tim_admin", "anggota", "pengarah", "front_office"])
def test_other_roles_do_not(signed_in: Callable[[str], Pages], role: str) -> None:
    pages = signed_in(role)
    pages.get("/admin/log-audit", status=403)
    pages.get("/admin/log-audit/ekspor.csv", status=403)


def test_signed_out_is_asked_to_sign_in(pages: Pages) -> None:
    assert pages.get("/admin/log-audit", status=302).location.startswith("/petugas/masuk")


def test_filters_by_complaint_person_kind_and_period(services: Services, walk: Walk,
                                                     signed_in: Callable[[str], Pages]) -> None:
    code = seed(services, walk)
    pages = signed_in("ketua")

    def actions(**query: str) -> list[str]:
        page = pages.get("/admin/log-audit", query_string=query).get_data(as_text=True)
        return [a for a in ACTION if f"<code>{a}</code>" in page]

    assert set(actions(kode=code.lower())) == {"complaint_received", "identity_viewed",
                                               "identity_document_viewed"}
    assert actions(pengguna="admin-b") == ["identity_document_viewed"]
    assert actions(jenis="identity") == ["identity_viewed"]
    assert actions(jenis="id_document") == ["identity_document_viewed"]
    assert actions(jenis="admin", pengguna="sysadmin") == ["user_created"]
    assert set(actions(dari="2026-03-05", sampai="2026-03-05")) == {
        "identity_document_viewed", "user_created"}
    assert actions(dari="2026-03-04", sampai="2026-03-04") == []
    page = text_of(pages.get("/admin/log-audit", query_string={"jenis": "identity"}))
    assert "Identitas pelapor dilihat" in page  # the action in words, not only its code


def test_every_reading_is_logged_with_its_filter(services: Services, walk: Walk,
                                                 signed_in: Callable[[str], Pages]) -> None:
    code = seed(services, walk)
    pages = signed_in("penanggung_jawab")
    pages.get("/admin/log-audit", query_string={"kode": code})
    [viewed] = entries(services, "audit_log_viewed")
    assert viewed.actor == "penanggung_jawab" and code in viewed.detail
    page = pages.get("/admin/log-audit", query_string={"jenis": "audit"})
    assert "Log audit dibaca" in text_of(page)


def test_pages_of_fifty_newest_first(services: Services, walk: Walk) -> None:
    reader = walk.user("ketua")
    with services.uow() as uow:
        for n in range(60):
            audit.record(uow.session, Actor("x", "tim_admin"), "identity_viewed",
                         wib("2026-03-03 08:00") + timedelta(minutes=n), n=n)
        uow.commit()
    with services.uow() as uow:
        first = read_page(uow.session, AuditFilter(group="identity"), reader, wib("2026-03-04"))
        second = read_page(uow.session, AuditFilter(group="identity", page=2), reader,
                           wib("2026-03-04"))
    assert len(first.rows) == 50 and first.next_page == 2 and first.previous_page is None
    assert len(second.rows) == 10 and second.next_page is None and second.previous_page == 1
    assert first.rows[0].detail == '{"n": 59}' and second.rows[-1].detail == '{"n": 0}'


def test_the_export_is_inert_complete_and_logged(services: Services, walk: Walk,
                                                 signed_in: Callable[[str], Pages]) -> None:
    code = seed(services, walk)
    response = signed_in("sysadmin").get("/admin/log-audit/ekspor.csv",
                                         query_string={"kode": code})
    assert response.headers["Cache-Control"] == "no-store"
    body = response.get_data(as_text=True).lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    header, lines = rows[0], rows[1:]
    assert "Tindakan" in header
    assert {line[5] for line in lines} == {"complaint_received", "identity_viewed",
                                           "identity_document_viewed"}
    assert "Dokumen identitas dibuka" in {line[4] for line in lines}
    for line in lines:
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in line), line
    [exported] = entries(services, "audit_log_exported")
    assert exported.actor == "sysadmin" and code in exported.detail


def test_the_instance_list_export_is_logged(services: Services,
                                            signed_in: Callable[[str], Pages]) -> None:
    signed_in("ketua").get("/pemantauan/ekspor.csv", query_string={"opd": "DINKES"})
    [exported] = entries(services, "instances_exported")
    assert exported.actor == "ketua" and "DINKES" in exported.detail


def test_sign_ins_are_logged(services: Services, walk: Walk, pages: Pages) -> None:
    walk.user("tim_admin")
    pages.login("tim_admin")
    [entry] = entries(services, "signed_in")
    assert (entry.actor, entry.actor_role) == ("tim_admin", "tim_admin")


def test_every_kind_and_action_has_words() -> None:
    assert set(ACTION_GROUP) == set(ACTION_GROUPS)
    for actions in ACTION_GROUPS.values():
        for action in actions:
            assert action in ACTION, action


# --- append-only -----------------------------------------------------------------------------

def _one(services: Services) -> int:
    with services.uow() as uow:
        entry = audit.record(uow.session, Actor("a", "tim_admin"), "identity_viewed",
                             wib("2026-03-03 10:00"))
        uow.commit()
        return entry.id


def _unchanged(services: Services, entry_id: int) -> None:
    with services.uow() as uow:
        entry = uow.session.get(AuditEntry, entry_id)
        assert entry is not None and (entry.actor, entry.action) == ("a", "identity_viewed")


def test_the_orm_refuses_to_change_an_entry(services: Services) -> None:
    entry_id = _one(services)
    with services.uow() as uow:
        entry = uow.session.get(AuditEntry, entry_id)
        assert entry is not None
        entry.actor = "someone-else"
        with pytest.raises(AppendOnlyError):
            uow.session.flush()
    _unchanged(services, entry_id)


def test_the_orm_refuses_to_remove_an_entry(services: Services) -> None:
    entry_id = _one(services)
    with services.uow() as uow:
        entry = uow.session.get(AuditEntry, entry_id)
        uow.session.delete(entry)
        with pytest.raises(AppendOnlyError):
            uow.session.flush()
    _unchanged(services, entry_id)


@pytest.mark.parametrize("statement", [
    update(AuditEntry).values(actor="x"),
    update(AuditEntry).where(AuditEntry.action == "identity_viewed").values(detail="{}"),
    delete(AuditEntry),
    delete(AuditEntry).where(AuditEntry.actor == "a"),
], ids=["update-all", "update-some", "delete-all", "delete-some"])
def test_bulk_statements_through_a_session_are_refused(services: Services,
                                                       statement: object) -> None:
    entry_id = _one(services)
    with services.uow() as uow, pytest.raises(AppendOnlyError):
        uow.session.execute(statement)  # type: ignore[call-overload]
    _unchanged(services, entry_id)


def test_legacy_query_update_and_delete_are_refused(services: Services) -> None:
    entry_id = _one(services)
    with services.uow() as uow:
        with pytest.raises(AppendOnlyError):
            uow.session.query(AuditEntry).update({"actor": "x"})
        with pytest.raises(AppendOnlyError):
            uow.session.query(AuditEntry).delete()
    _unchanged(services, entry_id)


def test_postgresql_refuses_plain_sql_too(services: Services) -> None:
    if services.db.dialect.name != "postgresql":
        pytest.skip("the database triggers are PostgreSQL's; SQLite relies on the ORM guard")
    entry_id = _one(services)
    for sql in ("UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log",
                "TRUNCATE audit_log"):
        with services.db.connect() as conn, pytest.raises(DBAPIError, match="append-only"):
            conn.execute(text(sql))
    _unchanged(services, entry_id)
