"""Complaints: file one, read it (as the public, its reporter or an officer), reply to it."""

from __future__ import annotations

from typing import Any

from flask import abort, jsonify, request, url_for
from flask.typing import ResponseReturnValue

from engine.complaints.intake import AlreadySubmittedError, submit_complaint
from engine.complaints.read_models import view_complaint
from engine.complaints.reporter import authenticate_reporter, find_complaint, post_reply
from engine.complaints.tracked import authenticate_tracked
from engine.complaints.visibility import may_read_identity
from engine.domain import ANSWER_SOLVED, ANSWER_UNSOLVED, REPORTER, Actor
from engine.errors import FormInvalidError
from forms.messages import message
from webui.wiring import services

from . import idempotency
from .caller import officer_actor
from .common import bp, checked_code, json_object, reject_unknown
from .intake import intake_from_request
from .shapes import complaint_json

SECRET_HEADER = "X-Complaint-Secret"
# Who answers on the follow-up page besides the reporter (the standard: "reporter or the admin").
REPLYING_ROLES = frozenset({"tim_admin"})


@bp.post("/complaints", endpoint="submit_complaint")
def submit() -> ResponseReturnValue:
    """File a complaint; the answer carries the secret, shown this once (and again to a
    retry of the same request with its Idempotency-Key, which files nothing: 200)."""
    actor = officer_actor()
    key = idempotency.requested_key()
    intake = intake_from_request(actor)
    if key is not None:
        idempotency.bind(intake, key, actor)
    try:
        receipt = submit_complaint(services().uow(), services().runtime, intake,
                                   actor or REPORTER)
    except AlreadySubmittedError as filed:  # only a request with a key has a token
        assert intake.secret is not None
        body = idempotency.replay(filed.tracking_code, intake.secret)
        return jsonify(body), 200, {**_located(body), idempotency.REPLAYED_HEADER: "true"}
    body = {"tracking_code": receipt.tracking_code, "secret": receipt.secret,
            "status": receipt.status, "registration_no": receipt.registration_no}
    return jsonify(body), 201, _located(body)


def _located(receipt: dict[str, Any]) -> dict[str, str]:
    return {"Location": url_for(".complaint", tracking_code=receipt["tracking_code"])}


@bp.get("/complaints/<tracking_code>", endpoint="complaint")
def show(tracking_code: str) -> ResponseReturnValue:
    """The complaint as the caller may see it; the same 404 whether missing or hidden."""
    code = checked_code(tracking_code)
    secret = request.headers.get(SECRET_HEADER)
    now = services().clock()
    with services().uow() as uow:
        if secret is not None:
            tracked = authenticate_tracked(uow.session, code, secret)
            view = view_complaint(uow.session, tracked.complaint, None, now, with_secret=True,
                                  known=tracked.known)
            body = complaint_json(view, private=True, identity=True)
        else:
            actor = officer_actor()
            view = view_complaint(uow.session, find_complaint(uow.session, code), actor, now)
            body = complaint_json(view, private=actor is not None,
                                  identity=may_read_identity(actor))
        if view.audited:
            uow.commit()  # keeps the audit entry of an identity read; nothing else was written
    return jsonify(body)


@bp.post("/complaints/<tracking_code>/replies", endpoint="reply")
def reply(tracking_code: str) -> ResponseReturnValue:
    """Post a reply on the follow-up page: the reporter (secret) or Tim Admin (token)."""
    code = checked_code(tracking_code)
    actor = _replier(code)
    body = json_object()
    reject_unknown(body, ["text", "resolved"])
    outcome = post_reply(services().uow(), services().runtime, code, _text(body), actor,
                         _answer(body, actor))
    with services().uow() as uow:
        status = find_complaint(uow.session, code).status
    return jsonify(reopened=outcome in ("reopened", "resumed"), closed=outcome == "closed",
                   outcome=outcome, status=status), 201


def _text(body: dict[str, Any]) -> str:
    """The reply's text; "" when left out (the engine says whether it is needed)."""
    text = body.get("text")
    if text is not None and not isinstance(text, str):  # a number is no missing text
        raise FormInvalidError({"text": message("type", "id")})
    return text or ""


def _answer(body: dict[str, Any], actor: Actor) -> str | None:
    """``resolved``: the reporter's "sudah" (true) or "belum" (false); absent: a message."""
    if "resolved" not in body:
        return None
    resolved = body["resolved"]
    if not isinstance(resolved, bool):
        raise FormInvalidError({"resolved": "Harus true atau false."})
    if actor != REPORTER:
        raise FormInvalidError({"resolved": "Hanya pelapor yang menyatakan selesai atau belum."})
    return ANSWER_SOLVED if resolved else ANSWER_UNSOLVED


def _replier(code: str) -> Actor:
    secret = request.headers.get(SECRET_HEADER)
    if secret is not None:
        with services().uow() as uow:
            authenticate_reporter(uow.session, code, secret)
        return REPORTER
    actor = officer_actor()
    if actor is None:
        abort(401, description=f"Kirim kode rahasia di header {SECRET_HEADER}")
    if actor.role not in REPLYING_ROLES:
        abort(403, description="Hanya pelapor dan Tim Admin yang dapat membalas")
    return actor
