"""The reporter's survey: after closure only, with the secret, one answer per complaint."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from engine.audit import AuditEntry
from engine.complaints.intake import Receipt
from engine.errors import FormInvalidError, NotFoundError
from engine.evaluation.survey import (
    SurveyAnsweredError,
    SurveyNotOpenError,
    may_answer,
    submit_survey,
)
from engine.evaluation.tables import SurveyResponse
from tests.walk import ANSWER, VERIFY_FORWARD, Walk, wib

GOOD = {f"u{n}": str(1 + n % 4) for n in range(1, 10)}


def resolved(walk: Walk) -> Receipt:
    """A complaint filed, answered by the OPD and closed after ten quiet working days."""
    receipt = walk.file()
    walk.complete(receipt.tracking_code, "verifikasi", VERIFY_FORWARD)
    walk.complete(receipt.tracking_code, "tanggapi", ANSWER)
    walk.at(wib("2026-03-26 00:00:01"))
    assert walk.status(receipt.tracking_code) == "selesai"
    return receipt


def _submit(walk: Walk, receipt: Receipt, secret: str | None = None,
            answers: dict[str, str] | None = None, saran: str = "") -> None:
    submit_survey(walk.services.uow(), walk.services.runtime, receipt.tracking_code,
                  receipt.secret if secret is None else secret, answers or GOOD, saran)


def _responses(walk: Walk) -> list[SurveyResponse]:
    with walk.services.uow() as uow:
        return list(uow.session.scalars(select(SurveyResponse)))


def test_answer_after_closure_is_recorded_once(walk: Walk) -> None:
    receipt = resolved(walk)
    with walk.services.uow() as uow:
        assert may_answer(uow.session, walk.complaint(receipt.tracking_code))
    _submit(walk, receipt, saran="  Terima kasih, cepat.  ")
    [row] = _responses(walk)
    assert [getattr(row, f"u{n}") for n in range(1, 10)] == [2, 3, 4, 1, 2, 3, 4, 1, 2]
    assert row.saran == "Terima kasih, cepat."
    assert row.answered_at == wib("2026-03-26 00:00:01")
    with walk.services.uow() as uow:
        assert not may_answer(uow.session, walk.complaint(receipt.tracking_code))
        actions = uow.session.scalars(select(AuditEntry.action)).all()
    assert "survey_answered" in actions


def test_a_second_answer_is_refused(walk: Walk) -> None:
    receipt = resolved(walk)
    _submit(walk, receipt)
    with pytest.raises(SurveyAnsweredError):
        _submit(walk, receipt, answers={f"u{n}": "4" for n in range(1, 10)})
    assert len(_responses(walk)) == 1


def test_not_before_closure(walk: Walk) -> None:
    receipt = walk.file()
    walk.complete(receipt.tracking_code, "verifikasi", VERIFY_FORWARD)
    walk.complete(receipt.tracking_code, "tanggapi", ANSWER)
    assert walk.status(receipt.tracking_code) == "ditindaklanjuti"
    with pytest.raises(SurveyNotOpenError):
        _submit(walk, receipt)
    assert _responses(walk) == []


@pytest.mark.parametrize("decision", ["archive", "redirect_national"])
def test_every_outcome_is_surveyed_not_only_selesai(walk: Walk, decision: str) -> None:
    # The standard's continuing SKM asks every reporter whose complaint reached an outcome;
    # asking only the ones whose complaint was resolved would flatter the index.
    receipt = walk.file()
    with pytest.raises(SurveyNotOpenError):
        _submit(walk, receipt)
    walk.complete(receipt.tracking_code, "verifikasi", {"decision": decision,
                                                        "jenis": "pengaduan", "reason": "Spam"})
    with walk.services.uow() as uow:
        assert may_answer(uow.session, walk.complaint(receipt.tracking_code))
    _submit(walk, receipt)
    assert len(_responses(walk)) == 1


@pytest.mark.parametrize("secret", ["", "salah-sekali", None])
def test_the_secret_is_required(walk: Walk, secret: str | None) -> None:
    receipt = resolved(walk)
    with pytest.raises(NotFoundError):
        submit_survey(walk.services.uow(), walk.services.runtime, receipt.tracking_code,
                      secret or "", GOOD)
    assert _responses(walk) == []


def test_unknown_code_says_the_same_as_a_wrong_secret(walk: Walk) -> None:
    with pytest.raises(NotFoundError, match="Kode pelacakan atau kode rahasia salah"):
        submit_survey(walk.services.uow(), walk.services.runtime, "EL-TIDAKADA", "x", GOOD)


def test_every_element_must_be_answered_on_the_1_to_4_scale(walk: Walk) -> None:
    receipt = resolved(walk)
    answers = {**GOOD, "u3": "5", "u7": "", "u9": "abc"}
    del answers["u1"]
    with pytest.raises(FormInvalidError) as caught:
        _submit(walk, receipt, answers=answers, saran="x" * 2001)
    assert sorted(caught.value.errors) == ["saran", "u1", "u3", "u7", "u9"]
    assert _responses(walk) == []
