"""A complaint's view read as plain rows: the names of its codes cost no statement when it has
none, and the rows carry what the templates and the API show."""

from __future__ import annotations

from datetime import UTC, timedelta

from sqlalchemy import select

from engine.audit import AuditEntry
from engine.complaints.attachments import Upload
from engine.complaints.read_models import view_complaint
from engine.complaints.reporter import find_complaint
from engine.complaints.tables import Attachment, FollowUp
from engine.complaints.tracked import find_tracked
from engine.complaints.view_rows import (
    PUBLIC_TIMELINE_ACTIONS,
    FileLine,
    FollowUpLine,
    Lines,
    Names,
    TimelineLine,
    lines_of,
    names_of,
)
from tests.sql_log import statements, time_zone
from tests.walk import ANSWER, VERIFY_FORWARD, Walk, wib
from tests.webui.files import PDF, PNG


def test_no_codes_no_statement(walk: Walk) -> None:
    with walk.services.uow() as uow, statements(walk.services) as seen:
        assert names_of(uow.session, None, None, None, None) == Names()
    assert seen == []


def test_names_of_codes_and_of_unknown_ones(walk: Walk) -> None:
    with walk.services.uow() as uow:
        names = names_of(uow.session, "4", "DINKES", "16.11.04", "no-such-desa")
    assert names.category and names.opd and names.kecamatan and names.desa is None


def test_a_view_carries_rows_as_the_pages_read_them(walk: Walk) -> None:
    code = walk.file(kecamatan="16.11.04").tracking_code
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    walk.complete(code, "tanggapi", ANSWER)
    walk.reply(code, "Pesan pertama.", answer=None)
    walk.reply(code, "Pesan kedua, pada saat yang sama.", answer=None)
    with walk.services.uow() as uow:
        complaint = find_complaint(uow.session, code)
        view = view_complaint(uow.session, complaint, None, walk.clock(), with_secret=True)
        assert view.audited
        uow.commit()
    assert [f.kind for f in view.follow_ups] == ["tindak_lanjut", "balasan", "balasan"]
    assert [f.text for f in view.follow_ups] == [
        ANSWER["response"], "Pesan pertama.", "Pesan kedua, pada saat yang sama."]
    assert [entry.at for entry in view.timeline] == sorted(e.at for e in view.timeline)
    assert [entry.action for entry in view.timeline][0] == "complaint_received"
    assert view.timeline[-1].to_status == "ditindaklanjuti"
    assert view.identity is not None and [d["filename"] for d in view.identity.documents]
    assert view.kecamatan_name and view.opd_name and view.category_name


def test_the_lines_read_as_json_are_the_rows_as_stored(walk: Walk) -> None:
    # Files, follow-ups and timeline come as JSON inside one statement (with the complaint on
    # the tracking pages): the same rows, in the same order, at the same UTC instants to the
    # microsecond, as the tables hold them, on either database.
    walk.clock.set(wib("2026-03-02 09:15:07.123456"))
    code = walk.file(files=[Upload("identitas", "ktp.png", PNG),
                            Upload("lampiran", "surat \u201cresmi\u201d.pdf", PDF)]).tracking_code
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    walk.clock.advance(hours=5, microseconds=7)
    walk.complete(code, "tanggapi", ANSWER)
    walk.reply(code, "Sama waktunya, yang pertama.", answer=None)
    walk.reply(code, 'Sama waktunya, yang kedua: "kutip" \\ dan baris\nbaru.', answer=None)
    with walk.services.uow() as uow:  # a row written after later ones (a record brought in)
        complaint = find_complaint(uow.session, code)
        uow.session.add(FollowUp(complaint_id=complaint.id, at=walk.clock() - timedelta(hours=1),
                                 kind="balasan", author="pelapor", text="Terlambat dicatat."))
        uow.commit()
    with walk.services.uow() as uow, time_zone(uow.session, "Asia/Jakarta"):
        complaint = find_complaint(uow.session, code)
        stored = Lines(
            [FileLine(f.id, f.kind, f.filename, f.content_type, f.size)
             for f in uow.session.scalars(select(Attachment).where(
                 Attachment.complaint_id == complaint.id).order_by(Attachment.id))],
            [FollowUpLine(f.id, f.at, f.kind, f.author, f.text)
             for f in uow.session.scalars(select(FollowUp).where(
                 FollowUp.complaint_id == complaint.id).order_by(FollowUp.at, FollowUp.id))],
            [TimelineLine(e.at, e.action, e.to_status)
             for e in uow.session.scalars(select(AuditEntry).where(
                 AuditEntry.complaint_id == complaint.id,
                 AuditEntry.action.in_(PUBLIC_TIMELINE_ACTIONS))
                 .order_by(AuditEntry.at, AuditEntry.id))])
        alone = lines_of(uow.session, complaint.id)
        along = find_tracked(uow.session, code).known.lines
    assert alone == stored and along == stored
    assert [f.kind for f in stored.files] == ["identitas", "lampiran"]
    assert [f.text[:18] for f in stored.follow_ups] == [
        "Terlambat dicatat.", ANSWER["response"][:18], *["Sama waktunya, yan"] * 2]
    assert stored.follow_ups[-1].at == walk.clock() and walk.clock().microsecond == 123463
    instants = [line.at for line in (*alone.follow_ups, *alone.timeline)]
    assert instants and all(at.tzinfo is UTC for at in instants)


def test_a_complaint_without_files_or_follow_ups_reads_empty_lists(walk: Walk) -> None:
    code = walk.file(anonim=True, name=None, phone=None, files=[]).tracking_code
    with walk.services.uow() as uow:
        complaint = find_complaint(uow.session, code)
        lines = lines_of(uow.session, complaint.id)
        tracked = find_tracked(uow.session, code)
    assert lines.files == [] and lines.follow_ups == [] and lines == tracked.known.lines
    assert [entry.action for entry in lines.timeline] == ["complaint_received"]
    assert lines.timeline[0].at == walk.clock()
