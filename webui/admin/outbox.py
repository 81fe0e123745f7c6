"""Admins' pages of the channels: the outbox, the development box, the message templates."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from engine.channels.outbox_admin import (
    STATUSES,
    dev_messages,
    list_outbox,
    outbox_counts,
    retry_failed,
)
from engine.channels.render import template_file, template_files
from webui.auth import roles_required
from webui.screen import no_store, now, officer
from webui.wiring import services

bp = Blueprint("outbox", __name__, url_prefix="/saluran/admin")
ADMINS = ("sysadmin", "tim_admin")


@bp.get("/")
@roles_required(*ADMINS)
def index() -> ResponseReturnValue:
    """Outbox rows by status, with counts; failed ones can be sent again."""
    status = request.args.get("status") or None
    if status is not None and status not in STATUSES:
        abort(404)
    with services().uow() as uow:
        counts = outbox_counts(uow.session)
        rows = list_outbox(uow.session, officer(), now(), status)
        uow.commit()  # the audit of reporters' addresses shown to Tim Admin
    return no_store(render_template("admin/channels/outbox.html", counts=counts, rows=rows,
                                    status=status, statuses=STATUSES))


@bp.post("/<int:message_id>/ulang")
@roles_required(*ADMINS)
def retry(message_id: int) -> ResponseReturnValue:
    """Give a failed message a fresh set of attempts."""
    with services().uow() as uow:
        retry_failed(uow.session, message_id, officer(), now())
        uow.commit()
    flash(_("Pesan dijadwalkan untuk dikirim ulang."))
    return redirect(url_for(".index", status="failed"))


@bp.get("/kotak-dev")
@roles_required(*ADMINS)
def devbox() -> ResponseReturnValue:
    """Messages the development adapters kept instead of sending."""
    channel = request.args.get("channel") or None
    with services().uow() as uow:
        messages = dev_messages(uow.session, officer(), now(), channel)
        uow.commit()  # the audit of reporters' addresses shown to Tim Admin
    return no_store(render_template("admin/channels/devbox.html", messages=messages,
                                    channel=channel, settings=services().settings))


@bp.get("/templat")
@roles_required(*ADMINS)
def templates() -> ResponseReturnValue:
    """Every message template, one file per template and channel."""
    return render_template("admin/channels/templates.html", files=template_files())


@bp.get("/templat/<filename>")
@roles_required(*ADMINS)
def template(filename: str) -> ResponseReturnValue:
    """One template file as it is."""
    found = template_file(filename)
    if found is None:
        abort(404)
    return render_template("admin/channels/template.html", file=found)
