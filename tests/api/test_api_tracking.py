"""Reading a complaint as the public, its reporter and officers; replying to a follow-up."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from engine.audit import AuditEntry
from tests.sql_log import commits, selects, statements
from tests.walk import ANSWER, VERIFY_FORWARD, Walk, wib

COMPLAINTS = "/api/v1/complaints"
IDENTITY = {"phone", "email", "nik", "documents", "missing_document"}


def _get(client, code: str, headers: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return client.get(f"{COMPLAINTS}/{code}", headers=headers or {})


def _forwarded(walk: Walk, **fields) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    receipt = walk.file(**fields)
    walk.complete(receipt.tracking_code, "verifikasi", VERIFY_FORWARD)
    return receipt.tracking_code, receipt.secret


def test_the_public_sees_a_published_complaint_without_identity(client, walk: Walk) -> None:  # type: ignore[no-untyped-def]
    code, _ = _forwarded(walk)
    body = _get(client, code).get_json()
    assert body["status"] == "didisposisikan"
    assert body["reporter"] is None  # the name is never published, anonymous or not
    assert "registration_no" not in body and "attachments" not in body
    assert body["received_at"] == "2026-03-02T09:00:00+07:00"
    assert body["deadline"] == "2026-03-09T23:59:59+07:00"
    assert [(t["status"], t["at"]) for t in body["timeline"]] == [
        ("diterima", "2026-03-02T09:00:00+07:00"), ("didisposisikan", "2026-03-02T09:00:00+07:00")]
    assert all(t["note"] for t in body["timeline"])


def test_the_same_404_for_a_missing_unpublished_or_secret_complaint(client, walk: Walk) -> None:  # type: ignore[no-untyped-def]
    waiting = walk.file().tracking_code
    secret_one, _ = _forwarded(walk, rahasia=True)
    answers = [_get(client, c) for c in (waiting, secret_one, "EL-22222222", "bukan kode")]
    assert {a.status_code for a in answers} == {404}
    assert len({a.data.replace(a.headers["X-Request-ID"].encode(), b"") for a in answers}) == 1
    assert len({len(a.data) for a in answers}) == 1  # the id does not tell them apart either


def test_the_reporter_reads_everything_of_their_own_with_the_secret(client, walk: Walk) -> None:  # type: ignore[no-untyped-def]
    receipt = walk.file(email="budi@example.id", nik="1611010101900001")
    code = receipt.tracking_code.lower().replace("-", "")  # as typed on a phone
    body = _get(client, code, {"X-Complaint-Secret": receipt.secret}).get_json()
    documents = body["reporter"].pop("documents")
    assert body["reporter"] == {"name": "Warga Uji", "phone": "081234567890",
                                "email": "budi@example.id", "nik": "1611010101900001",
                                "missing_document": False}
    assert [(d["filename"], d["content_type"]) for d in documents] == [("ktp.png", "image/png")]
    assert body["registration_no"] == "0001/LAPOR/2026" and body["status"] == "diterima"


def test_a_secret_opens_only_its_own_complaint(client, walk: Walk) -> None:  # type: ignore[no-untyped-def]
    first, second = walk.file(), walk.file()
    wrong = _get(client, second.tracking_code, {"X-Complaint-Secret": first.secret})
    assert wrong.status_code == 404
    assert _get(client, first.tracking_code, {"X-Complaint-Secret": ""}).status_code == 404
    reply = client.post(f"{COMPLAINTS}/{second.tracking_code}/replies", json={"text": "Halo semua"},
                        headers={"X-Complaint-Secret": first.secret})
    assert reply.status_code == 404


@pytest.mark.parametrize(("role", "opd", "reporter"), [
    ("tim_admin", None, IDENTITY | {"name"}),
    ("front_office", None, IDENTITY | {"name"}),
    ("ketua", None, {"name"}),
    ("pengarah", None, {"name"}),
    ("penanggung_jawab", None, {"name"}),
    ("sekretaris", None, {"name"}),
    ("pejabat_penghubung", "DINKES", {"name"}),
    ("unit_teknis", "DINKES", {"name"}),
    ("kepala_opd", "DINKES", {"name"}),
])
def test_officers_see_identity_only_when_their_role_may(client, walk: Walk, bearer, role, opd,
                                                        reporter) -> None:  # type: ignore[no-untyped-def]
    code, _ = _forwarded(walk, rahasia=True)
    body = _get(client, code, bearer(role, opd)).get_json()
    assert set(body["reporter"]) == reporter
    assert body["registration_no"] == "0001/LAPOR/2026"


def test_a_liaison_never_sees_an_anonymous_reporter_nor_another_opds_complaint(
        client, walk: Walk, bearer) -> None:  # type: ignore[no-untyped-def]
    code, _ = _forwarded(walk, anonim=True)
    own = _get(client, code, bearer("pejabat_penghubung", "DINKES")).get_json()
    assert own["reporter"] is None and own["anonim"] is True
    assert _get(client, code, bearer("pejabat_penghubung", "DISDIK")).status_code == 404
    assert _get(client, code, bearer("unit_teknis", "DISDIK")).status_code == 404
    admin = _get(client, code, bearer("tim_admin")).get_json()
    assert admin["reporter"]["phone"] == "081234567890"


def test_every_identity_read_is_audited(client, walk: Walk, bearer) -> None:  # type: ignore[no-untyped-def]
    receipt = walk.file()
    _get(client, receipt.tracking_code, bearer("tim_admin"))
    _get(client, receipt.tracking_code, {"X-Complaint-Secret": receipt.secret})
    with walk.services.uow() as uow:
        reads = uow.session.scalars(select(AuditEntry.actor_role).where(
            AuditEntry.action == "identity_viewed").order_by(AuditEntry.id)).all()
    assert reads == ["tim_admin", "pelapor"]


def test_follow_ups_and_reply_reopen_the_complaint(client, walk: Walk) -> None:  # type: ignore[no-untyped-def]
    code, secret = _forwarded(walk)
    walk.clock.set(wib("2026-03-04 11:00"))
    walk.complete(code, "tanggapi", ANSWER)
    body = _get(client, code).get_json()
    assert body["follow_ups"] == [{"at": "2026-03-04T11:00:00+07:00", "kind": "tindak_lanjut",
                                   "author": "Dinas Kesehatan", "text": ANSWER["response"]}]
    walk.clock.set(wib("2026-03-05 08:00"))
    answer = client.post(f"{COMPLAINTS}/{code}/replies",
                         json={"text": "Belum ada perubahan.", "resolved": False},
                         headers={"X-Complaint-Secret": secret})
    assert answer.status_code == 201
    assert answer.get_json() == {"reopened": True, "closed": False, "outcome": "reopened",
                                 "status": "didisposisikan"}
    assert walk.task(code, "tanggapi").opd_code == "DINKES"
    mine = _get(client, code, {"X-Complaint-Secret": secret}).get_json()["follow_ups"]
    assert [f["kind"] for f in mine] == ["tindak_lanjut", "belum_selesai"]
    # The public reads the OPD's follow-ups, not what the reporter wrote to the officers.
    assert [f["kind"] for f in _get(client, code).get_json()["follow_ups"]] == ["tindak_lanjut"]


def test_a_plain_reply_after_a_follow_up_moves_nothing(client, walk: Walk) -> None:  # type: ignore[no-untyped-def]
    code, secret = _forwarded(walk)
    walk.complete(code, "tanggapi", ANSWER)
    answer = client.post(f"{COMPLAINTS}/{code}/replies", json={"text": "Terima kasih."},
                         headers={"X-Complaint-Secret": secret})
    assert answer.status_code == 201
    assert answer.get_json() == {"reopened": False, "closed": False, "outcome": "recorded",
                                 "status": "ditindaklanjuti"}


def test_resolved_true_closes_the_report(client, walk: Walk) -> None:  # type: ignore[no-untyped-def]
    code, secret = _forwarded(walk)
    walk.complete(code, "tanggapi", ANSWER)
    answer = client.post(f"{COMPLAINTS}/{code}/replies", json={"resolved": True},
                         headers={"X-Complaint-Secret": secret})
    assert answer.status_code == 201
    assert answer.get_json() == {"reopened": False, "closed": True, "outcome": "closed",
                                 "status": "selesai"}
    again = client.post(f"{COMPLAINTS}/{code}/replies", json={"resolved": True},
                        headers={"X-Complaint-Secret": secret})
    assert again.status_code == 409


def test_resolved_is_the_reporters_word_and_a_boolean(client, walk: Walk, bearer) -> None:  # type: ignore[no-untyped-def]
    code, secret = _forwarded(walk)
    walk.complete(code, "tanggapi", ANSWER)
    url = f"{COMPLAINTS}/{code}/replies"
    by_admin = client.post(url, json={"text": "Sudah beres.", "resolved": True},
                           headers=bearer("tim_admin"))
    assert by_admin.status_code == 422 and "resolved" in by_admin.get_json()["error"]["fields"]
    wrong = client.post(url, json={"resolved": "ya"}, headers={"X-Complaint-Secret": secret})
    assert wrong.status_code == 422
    no_reason = client.post(url, json={"resolved": False},
                            headers={"X-Complaint-Secret": secret})
    assert no_reason.status_code == 422 and "text" in no_reason.get_json()["error"]["fields"]
    assert walk.status(code) == "ditindaklanjuti"
    assert [f.kind for f in walk.follow_ups(code)] == ["tindak_lanjut"]


def test_tim_admin_may_reply_with_a_token_others_may_not(client, walk: Walk, bearer) -> None:  # type: ignore[no-untyped-def]
    code, _ = _forwarded(walk)
    url = f"{COMPLAINTS}/{code}/replies"
    text = {"text": "Mohon OPD segera menanggapi."}
    assert client.post(url, json=text).status_code == 401
    assert client.post(url, json=text, headers=bearer("ketua")).status_code == 403
    assert client.post(url, json=text,
                       headers=bearer("pejabat_penghubung", "DINKES")).status_code == 403
    answer = client.post(url, json=text, headers=bearer("tim_admin"))
    assert answer.status_code == 201 and answer.get_json()["reopened"] is False
    assert walk.follow_ups(code)[-1].author == "Pengelola LAPOR!"


@pytest.mark.parametrize("body", [{"text": "ok"}, {}, {"text": 5}, {"text": "Baik", "x": 1}])
def test_an_invalid_reply_changes_nothing(client, walk: Walk, body) -> None:  # type: ignore[no-untyped-def]
    receipt = walk.file()
    answer = client.post(f"{COMPLAINTS}/{receipt.tracking_code}/replies", json=body,
                         headers={"X-Complaint-Secret": receipt.secret})
    assert answer.status_code == 422
    assert walk.follow_ups(receipt.tracking_code) == []


def test_every_time_in_an_answer_is_wib(client, walk: Walk, bearer) -> None:  # type: ignore[no-untyped-def]
    code, _ = _forwarded(walk)
    walk.complete(code, "tanggapi", ANSWER)
    body = _get(client, code, bearer("tim_admin")).get_json()
    times = [body["received_at"], body["deadline"], *(t["at"] for t in body["timeline"]),
             *(f["at"] for f in body["follow_ups"])]
    assert times and all(datetime.fromisoformat(t).utcoffset() == timedelta(hours=7)
                         for t in times)


def test_the_reporters_read_is_one_statement_and_commits_only_an_audit(
        client, walk: Walk) -> None:  # type: ignore[no-untyped-def]
    named = walk.file()
    anonymous = walk.file(anonim=True, name=None, phone=None)
    with commits(walk.services) as done:
        with statements(walk.services) as seen:
            body = _get(client, anonymous.tracking_code,
                        {"X-Complaint-Secret": anonymous.secret}).get_json()
        assert done == [] and body["tracking_code"] == anonymous.tracking_code
        _get(client, named.tracking_code, {"X-Complaint-Secret": named.secret})
        assert len(done) == 1  # the identity read's audit entry
    # The complaint with its names and identity, its files, follow-ups and timeline.
    assert len(selects(seen)) == 1, seen
