"""A complaint's view read as plain rows: the names of its codes cost no statement when it has
none, and the rows carry what the templates and the API show."""

from __future__ import annotations

from engine.complaints.read_models import view_complaint
from engine.complaints.reporter import find_complaint
from engine.complaints.view_rows import Names, names_of
from tests.sql_log import statements
from tests.walk import ANSWER, VERIFY_FORWARD, Walk


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
