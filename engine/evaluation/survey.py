"""Survei Kepuasan Masyarakat (SKM) per PermenPANRB 14/2017: answers, NRR, IKM and mutu.

Nine elements U1–U9 are answered on the 1–4 scale. NRR per element is its mean score; the
IKM is the mean of the nine NRRs × 25, with the exact weight 1/9 (the regulation's 0.111 is
that weight rounded). Everything is computed with fractions; only the shown value is rounded
(two decimals, half up), and the mutu is read from that shown value, as the regulation's
interval table is written in two decimals.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from engine import audit
from engine.complaints.codes import survey_token_matches
from engine.complaints.reporter import authenticate_reporter, find_complaint
from engine.complaints.tables import Complaint
from engine.db import UnitOfWork
from engine.domain import FINAL_STATUSES, REPORTER
from engine.errors import ConflictError, FormInvalidError, NotFoundError
from engine.messages import N_, Message
from engine.workflow.context import Runtime

from .figures import round2
from .tables import ELEMENTS, SurveyResponse

ELEMENT_NAMES = {
    "u1": "Persyaratan",
    "u2": "Sistem, mekanisme, dan prosedur",
    "u3": "Waktu penyelesaian",
    "u4": "Biaya/tarif",
    "u5": "Produk spesifikasi jenis pelayanan",
    "u6": "Kompetensi pelaksana",
    "u7": "Perilaku pelaksana",
    "u8": "Penanganan pengaduan, saran dan masukan",
    "u9": "Sarana dan prasarana",
}
# Lower bound of each interval of the converted value (IKM), best first.
MUTU_TABLE = (
    (Decimal("88.31"), "A", N_("Sangat Baik")),
    (Decimal("76.61"), "B", N_("Baik")),
    (Decimal("65.00"), "C", N_("Kurang Baik")),
    (Decimal("25.00"), "D", N_("Tidak Baik")),
)
WEIGHT = Fraction(1, len(ELEMENTS))
SUGGESTION_MAX = 2000


class SurveyNotOpenError(ConflictError):
    """The complaint has not reached its outcome yet: the survey opens after it."""


class SurveyAnsweredError(ConflictError):
    """This complaint's survey was answered already (one answer per complaint)."""


@dataclass(frozen=True)
class Mutu:
    """The quality grade (A–D) and the performance words of an IKM."""

    grade: str
    kinerja: str


@dataclass(frozen=True)
class Ikm:
    """The satisfaction index of a group of respondents."""

    respondents: int
    nrr: tuple[Fraction, ...]
    value: Fraction

    @property
    def shown(self) -> Decimal:
        """The IKM as published: two decimals."""
        return round2(self.value)

    @property
    def mutu(self) -> Mutu:
        """Mutu and kinerja from the regulation's table."""
        return mutu_of(self.shown)


def mutu_of(ikm: Decimal) -> Mutu:
    """The grade of an IKM written with two decimals (25.00–100.00)."""
    for lower, grade, kinerja in MUTU_TABLE:
        if ikm >= lower:
            return Mutu(grade, kinerja)
    return Mutu("D", "Tidak Baik")


def ikm_of(respondents: int, sums: tuple[int, ...]) -> Ikm | None:
    """The IKM from the number of respondents and each element's sum of scores."""
    if respondents == 0:
        return None
    nrr = tuple(Fraction(total, respondents) for total in sums)
    return Ikm(respondents, nrr, sum(nrr, Fraction(0)) * WEIGHT * 25)


def may_answer(session: Session, complaint: Complaint) -> bool:
    """True when the reporter is invited: an outcome reached (selesai, diarsipkan, dialihkan)
    and not answered yet — the standard's evaluation is of every reporter, not only the
    satisfied ones."""
    return complaint.status in FINAL_STATUSES and _answered(session, complaint.id) is None


def survey_state(session: Session, tracking_code: str) -> str | None:
    """Where the survey of a complaint stands, for the page to say before any question:
    ``open``, ``not_yet`` (no outcome reached), ``answered``, or None for an unknown code."""
    try:
        complaint = find_complaint(session, tracking_code)
    except NotFoundError:
        return None
    if complaint.status not in FINAL_STATUSES:
        return "not_yet"
    return "answered" if _answered(session, complaint.id) is not None else "open"


def submit_survey(uow: UnitOfWork, rt: Runtime, tracking_code: str, secret: str,
                  answers: Mapping[str, Any], saran: str = "", token: str = "") -> None:
    """Record the reporter's one answer after the outcome; the secret (or the survey link's
    token) proves who they are."""
    with uow:
        session = uow.session
        complaint = _respondent(session, rt, tracking_code, secret, token)
        if complaint.status not in FINAL_STATUSES:
            raise SurveyNotOpenError("Survei dapat diisi setelah laporan selesai ditangani.")
        if _answered(session, complaint.id) is not None:
            raise SurveyAnsweredError("Survei untuk laporan ini sudah diisi. Terima kasih.")
        scores = check_answers(answers, saran)
        now = rt.clock()
        session.add(SurveyResponse(complaint_id=complaint.id, answered_at=now,
                                   saran=saran.strip(), **scores))
        audit.record(session, REPORTER, "survey_answered", now, complaint_id=complaint.id,
                     instance_id=complaint.instance_id)
        try:
            uow.commit()
        except IntegrityError:  # a second answer that raced the first
            raise SurveyAnsweredError("Survei untuk laporan ini sudah diisi.") from None


def _respondent(session: Session, rt: Runtime, tracking_code: str, secret: str,
                token: str) -> Complaint:
    if token:
        complaint = find_complaint(session, tracking_code)
        if survey_token_matches(rt.settings.secret_key, complaint.tracking_code, token):
            return complaint
        raise NotFoundError("Kode pelacakan atau kode rahasia salah")
    return authenticate_reporter(session, tracking_code, secret)


def check_answers(answers: Mapping[str, Any], saran: str) -> dict[str, int]:
    """Each element's score as 1–4; FormInvalidError naming every missing or wrong one."""
    scores: dict[str, int] = {}
    errors: dict[str, str] = {}
    for element in ELEMENTS:
        raw = str(answers.get(element, "")).strip()
        if raw not in ("1", "2", "3", "4"):
            errors[element] = "Pilih salah satu jawaban (1–4)."
        else:
            scores[element] = int(raw)
    if len(saran) > SUGGESTION_MAX:
        errors["saran"] = Message(N_("Paling banyak %(n)s karakter."), n=SUGGESTION_MAX)
    if errors:
        raise FormInvalidError(errors)
    return scores


def _answered(session: Session, complaint_id: int) -> int | None:
    return session.scalar(
        select(SurveyResponse.id).where(SurveyResponse.complaint_id == complaint_id))
