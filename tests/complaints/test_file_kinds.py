"""Every kind of file has its own rule: who may open it (the quick tier; the confidentiality
matrix checks the same through every page)."""

from __future__ import annotations

import pytest

from engine.complaints.attachments import KINDS
from engine.complaints.tables import Complaint
from engine.complaints.visibility import (
    FILE_KINDS,
    SCAN_KINDS,
    file_read_is_audited,
    may_open_file,
)
from engine.domain import Actor

ADMIN = Actor("tim_admin", "tim_admin")
FRONT = Actor("front_office", "front_office")
LIAISON = Actor("penghubung", "pejabat_penghubung", opd_code="DINKES")
OTHER_LIAISON = Actor("penghubung-lain", "pejabat_penghubung", opd_code="DISDIK")
KETUA = Actor("ketua", "ketua")
SYSADMIN = Actor("sysadmin", "sysadmin")


def _complaint(anonim: bool) -> Complaint:
    return Complaint(anonim=anonim, rahasia=False, status="didisposisikan", opd_code="DINKES")


# (kind, anonymous report) -> who of (admin, front office, liaison, other OPD, ketua, sysadmin)
RULES = {
    ("identitas", False): (1, 1, 0, 0, 0, 0), ("identitas", True): (1, 1, 0, 0, 0, 0),
    ("pindaian", False): (1, 1, 0, 0, 0, 0), ("pindaian", True): (1, 1, 0, 0, 0, 0),
    ("pindaian_nama", False): (1, 1, 1, 0, 1, 1), ("pindaian_nama", True): (1, 1, 0, 0, 0, 0),
    ("pindaian_isi", False): (1, 1, 1, 0, 1, 1), ("pindaian_isi", True): (1, 1, 1, 0, 1, 1),
    ("lampiran", False): (1, 1, 1, 0, 1, 1), ("lampiran", True): (1, 1, 1, 0, 1, 1),
}


@pytest.mark.parametrize(("kind", "anonim"), sorted(RULES))
def test_who_may_open_each_kind(kind: str, anonim: bool) -> None:
    complaint = _complaint(anonim)
    seen = tuple(int(may_open_file(a, complaint, kind))
                 for a in (ADMIN, FRONT, LIAISON, OTHER_LIAISON, KETUA, SYSADMIN))
    assert seen == RULES[(kind, anonim)]
    assert not may_open_file(None, complaint, kind)  # never the public
    assert not may_open_file(Actor("pelapor", "pelapor"), complaint, kind)


def test_every_kind_has_a_rule_and_scans_showing_someone_are_audited() -> None:
    assert set(KINDS) == set(FILE_KINDS) == {k for k, _ in RULES}
    assert set(SCAN_KINDS) <= set(FILE_KINDS)
    assert [k for k in FILE_KINDS if file_read_is_audited(k)] == [
        "identitas", "pindaian", "pindaian_nama"]
    # A kind without a rule (an old row, a typo) is guarded like the ID copy.
    assert not may_open_file(LIAISON, _complaint(False), "tidak-dikenal")
    assert may_open_file(ADMIN, _complaint(False), "tidak-dikenal")
