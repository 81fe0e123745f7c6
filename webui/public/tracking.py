"""Tracking a complaint: with the secret the reporter sees everything and may reply;
without it, only what is published."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from markupsafe import Markup

import forms
from engine.complaints.codes import survey_token
from engine.complaints.files import open_attachment
from engine.complaints.identity import add_id_copy
from engine.complaints.published import published_reports
from engine.complaints.read_models import ComplaintView, deadline_badge, view_complaint
from engine.complaints.reporter import authenticate_reporter, find_complaint, post_reply
from engine.complaints.task_data import clarification_question
from engine.complaints.tracked import Tracked, find_tracked, find_tracked_with_session
from engine.db import UnitOfWork
from engine.domain import ANSWER_SOLVED, ANSWER_UNSOLVED, FINAL_STATUSES, REPORTER
from engine.errors import ConflictError, FormInvalidError, NotFoundError
from engine.evaluation.survey import may_answer
from engine.kept import Kept
from engine.suggest.support import counts_by_code, supporter_count
from webui.auth import browser_token, follow_codes, followed_codes, followed_codes_of
from webui.files import send_file, uploads_folder
from webui.i18n import current_lang
from webui.intake import posted_uploads
from webui.screen import check, form_fields, load_form, now, shown_form
from webui.texts import engine_text, engine_texts
from webui.translate import lazy_gettext as _l
from webui.wiring import services

bp = Blueprint("tracking", __name__)

REMEMBERED = 10
# The labels of the page's hand-built fields (public/status.html shows the same words), for the
# error summary at the top; the reply form's labels come from its definition.
FIELD_LABELS = {"id_document": _l("Salinan KTP/SIM/KTM"),
                "reason": _l("Belum selesai? Jelaskan apa yang masih kurang")}


def _remembered() -> list[str]:
    return followed_codes()


def _remember(code: str) -> None:
    codes = [c for c in _remembered() if c != code]
    follow_codes([code, *codes][:REMEMBERED])


@bp.route("/lacak", methods=["GET", "POST"])
def track() -> ResponseReturnValue:
    """Ask for the tracking code and the secret; a right pair opens the reporter's page."""
    if request.method == "GET":
        return render_template("public/track.html", code=request.args.get("kode", ""))
    code, secret = request.form.get("code", "").strip(), request.form.get("secret", "").strip()
    if not secret:
        return redirect(url_for(".public_report", code=code or "-"))
    try:
        with services().uow() as uow:
            complaint = authenticate_reporter(uow.session, code, secret)
    except NotFoundError:
        message = _("Kode pelacakan atau kode rahasia salah.")
        return render_template("public/track.html", code=code, error=message), 404
    _remember(complaint.tracking_code)
    return redirect(url_for(".status", code=complaint.tracking_code))


@bp.get("/lacak/<code>")
def status(code: str) -> ResponseReturnValue:
    """The reporter's own page: timeline, deadline, follow-ups, reply form."""
    # One unit of work (one connection, one transaction) for the session row and the page's
    # reads; it commits only a session stamp or expiry, or the audit entry of an identity shown.
    with services().uow() as uow:
        shown = _read_followed(uow, code)
    if shown is None:
        return render_template("public/track.html", code=code)
    return _render_status(code, shown)


@bp.post("/lacak/<code>/jawab")
def answer(code: str) -> ResponseReturnValue:
    """The reporter's answer to a follow-up: "sudah selesai" closes the report and opens the
    survey; "belum selesai" with a reason reopens it to the OPD."""
    if code not in _remembered():
        return render_template("public/track.html", code=code), 403
    chosen = request.form.get("answer", "")
    reason = (request.form.get("reason") or "").strip() if chosen == ANSWER_UNSOLVED else ""
    try:
        post_reply(services().uow(), services().runtime, code, reason, REPORTER, chosen)
    except FormInvalidError as exc:
        errors = {"reason": exc.errors.get("text") or _("Pilih sudah selesai atau belum.")}
        return _status_page(code, answer_errors=errors, reason=reason), 422
    except ConflictError:
        if chosen == ANSWER_SOLVED and _status_of(code) == "selesai":
            return _to_survey(code)  # a second tap on "Sudah selesai" lands where the first did
        flash(_("Laporan ini tidak sedang menunggu jawaban Anda."), "error")
        return redirect(url_for(".status", code=code))
    if chosen == ANSWER_SOLVED:
        flash(_("Terima kasih. Laporan Anda sudah ditutup sebagai selesai."))
        return _to_survey(code)
    flash(_("Laporan Anda dikembalikan ke OPD untuk ditindaklanjuti lagi."))
    return redirect(url_for(".status", code=code))


def _status_of(code: str) -> str:
    with services().uow() as uow:
        return find_complaint(uow.session, code).status


def _to_survey(code: str) -> ResponseReturnValue:
    return redirect(url_for("public.survey.form", kode=code, token=survey_token(
        services().settings.secret_key, code)))


@bp.post("/lacak/<code>/balas")
def reply(code: str) -> ResponseReturnValue:
    """The reporter's message (or clarification): it neither closes nor reopens the report."""
    if code not in _remembered():
        return render_template("public/track.html", code=code), 403
    with services().uow() as uow:
        current = find_complaint(uow.session, code).status
    if current in FINAL_STATUSES:
        flash(_("Laporan ini sudah ditutup; balasan tidak dapat dikirim lagi."), "error")
        return redirect(url_for(".status", code=code))
    form = load_form(_reply_form(current))
    values = forms.coerce(form, request.form)
    try:
        check(form, values)
        outcome = post_reply(services().uow(), services().runtime, code, values["text"],
                             REPORTER)
    except FormInvalidError as exc:
        return _status_page(code, values, exc.errors), 422
    flash(_("Pesan Anda sudah terkirim dan dibaca petugas; status laporan tidak berubah.")
          if outcome == "recorded" else _("Balasan Anda sudah terkirim."))
    return redirect(url_for(".status", code=code))


@bp.post("/lacak/<code>/identitas")
def id_copy(code: str) -> ResponseReturnValue:
    """The reporter adds the copy of their ID card that a named report needs."""
    if code not in _remembered():
        return render_template("public/track.html", code=code), 403
    try:
        uploads = posted_uploads(("id_document",))
        if not uploads:
            raise FormInvalidError({"id_document": _("Pilih berkas salinan KTP/SIM/KTM.")})
        add_id_copy(services().uow(), services().runtime, code, uploads[0], REPORTER)
    except FormInvalidError as exc:
        return _status_page(code, id_errors=exc.errors), 422
    except ConflictError as exc:
        flash(engine_text(exc, 409), "error")
        return redirect(url_for(".status", code=code))
    flash(_("Salinan identitas Anda sudah tersimpan. Terima kasih."))
    return redirect(url_for(".status", code=code))


@bp.post("/lacak/<code>/selesai")
def forget(code: str) -> ResponseReturnValue:
    """Stop showing the reporter's page in this browser (e.g. on a shared computer)."""
    follow_codes([c for c in _remembered() if c != code])
    return redirect(url_for(".track"))


@bp.get("/lacak/<code>/berkas/<int:attachment_id>")
def own_file(code: str, attachment_id: int) -> ResponseReturnValue:
    """One of the reporter's own files."""
    if code not in _remembered():
        raise NotFoundError("Berkas tidak ditemukan")
    with services().uow() as uow:
        complaint = find_complaint(uow.session, code)
        opened = open_attachment(uow.session, uploads_folder(), attachment_id, None, now(),
                                 reporter_of=complaint.id)
        uow.commit()
    return send_file(opened)


@bp.get("/laporan")
def published() -> ResponseReturnValue:
    """The public list of published reports (verified, not rahasia), newest first."""
    page = request.args.get("page", 1, type=int) or 1
    with services().uow() as uow:
        found = published_reports(uow.session, page)
        supporters = counts_by_code(uow.session, [r.tracking_code for r in found.reports])
    return render_template("public/published.html", found=found, supporters=supporters)


@bp.get("/laporan/<code>")
def public_report(code: str) -> ResponseReturnValue:
    """A published report as anyone may read it (404 when it is not published)."""
    with services().uow() as uow:
        complaint = find_complaint(uow.session, code)
        view = view_complaint(uow.session, complaint, None, now())
        supporters = supporter_count(uow.session, complaint.id)
    return render_template("public/report.html", view=view, supporters=supporters,
                           is_reporter=complaint.tracking_code in _remembered())


def _reply_form(status: str) -> str:
    return "klarifikasi_pelapor" if status == "perlu_klarifikasi" else "balasan"


@dataclass(frozen=True)
class _Shown:
    """What the reporter's page read, to render after its unit of work."""

    view: ComplaintView
    badge: dict[str, Any]
    question: str | None
    survey_open: bool
    asks_answer: bool


def _read_followed(uow: UnitOfWork, code: str) -> _Shown | None:
    """``_read_status`` when this browser follows ``code`` (None when it does not). The
    session row comes with the complaint, in one statement; nothing read is shown unless the
    session, settled first, follows the code."""
    token = browser_token()
    if token is None:
        return None  # no session: nothing is followed
    try:
        tracked, row = find_tracked_with_session(uow.session, code, token)
    except NotFoundError:
        if code in followed_codes(uow):
            raise  # a followed complaint that is gone: as before, not found
        return None
    if code not in followed_codes_of(uow, row):
        return None
    return _read_status(uow, code, tracked)


def _read_status(uow: UnitOfWork, code: str, tracked: Tracked | None = None) -> _Shown:
    """The reporter's page's reads (NotFoundError for an unknown code; ``tracked``: already
    read); the identity shown is audited and committed, otherwise nothing is written."""
    session = uow.session
    tracked = tracked or find_tracked(session, code)
    complaint = tracked.complaint
    view = view_complaint(session, complaint, None, now(), with_secret=True, known=tracked.known)
    shown = _Shown(view, deadline_badge(tracked.calendar, complaint.stage_due_at, now()),
                   clarification_question(session, services().runtime, complaint),
                   may_answer(session, complaint),
                   tracked.awaits_answer(session, services().runtime))
    if view.audited:
        uow.commit()  # the audit entry of the identity shown; otherwise nothing was written
    return shown


def _status_page(code: str, values: dict[str, Any] | None = None,
                 errors: dict[str, str] | None = None,
                 id_errors: dict[str, str] | None = None,
                 answer_errors: dict[str, str] | None = None, reason: str = "") -> str:
    with services().uow() as uow:
        shown = _read_status(uow, code)
    return _render_status(code, shown, values, errors, id_errors, answer_errors, reason)


# The reply form's fields as shown empty, by form definition and language. ``shown_form``
# gives a new definition object whenever the form's files change, and the entry keeps its
# definition alive (so its id is not reused): a kept copy is exactly what rendering gives.
# Old definitions of edited forms go when the store reaches its bound.
_EMPTY_FIELDS: Kept[tuple[int, str], tuple[forms.FormDefinition, Markup]] = Kept(64)


def _reply_fields(form: forms.FormDefinition, values: dict[str, Any] | None,
                  errors: dict[str, str] | None) -> Markup:
    """``form_fields``; the empty form (nearly every request) is rendered once per form
    definition and language. Its errors are in the page's summary (``_problems``), the one
    alert: the form's own summary would be a second."""
    if values is not None or errors is not None:
        return form_fields(form, values, errors, summary=False)
    return _EMPTY_FIELDS.get((id(form), current_lang()), lambda: (form, form_fields(form)))[1]


def _render_status(code: str, shown: _Shown, values: dict[str, Any] | None = None,
                   errors: dict[str, str] | None = None,
                   id_errors: dict[str, str] | None = None,
                   answer_errors: dict[str, str] | None = None, reason: str = "") -> str:
    complaint = shown.view.complaint
    can_reply = complaint.status not in FINAL_STATUSES
    reply_form = shown_form(_reply_form(complaint.status))
    # The reporter is known here: the survey link carries the token, so no secret is retyped.
    survey_link = url_for("public.survey.form", kode=code, token=survey_token(
        services().settings.secret_key, code)) if shown.survey_open else None
    reply_fields = _reply_fields(reply_form, values, errors) if can_reply else None
    problems = _problems(reply_form, {**(errors or {}), **(id_errors or {}),
                                      **(answer_errors or {})})
    return render_template(
        "public/status.html", view=shown.view, badge=shown.badge, question=shown.question,
        can_reply=can_reply, id_errors=id_errors or {}, survey_link=survey_link,
        asks_answer=shown.asks_answer, answer_errors=answer_errors or {}, reason=reason,
        reply_fields=reply_fields, problems=problems)


def _problems(reply_form: forms.FormDefinition,
              errors: dict[str, str]) -> list[tuple[str, str, str]]:
    """The errors of the form just sent as (field id, label, message) for the summary at the
    top: the page opens at its top, on a phone thousands of pixels above that form. A field
    the page does not know is listed without a link."""
    labels = {**FIELD_LABELS, **dict(forms.describe(reply_form, current_lang()))}
    return [(f"f-{name}" if name in labels else "", str(labels.get(name, "")),
             text) for name, text in engine_texts(errors).items()]
