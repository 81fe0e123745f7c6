"""A complaint's file for an officer who may read it."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from engine.complaints.files import mark_scan, open_attachment
from engine.complaints.tables import Complaint
from webui.auth import roles_required
from webui.files import send_file, uploads_folder
from webui.screen import now, officer
from webui.wiring import services

bp = Blueprint("files", __name__, url_prefix="/petugas")


@bp.get("/berkas/<int:attachment_id>")
@roles_required()
def attachment(attachment_id: int) -> ResponseReturnValue:
    """A complaint's file for an officer who may read it (ID documents: identity roles only)."""
    with services().uow() as uow:
        opened = open_attachment(uow.session, uploads_folder(), attachment_id, officer(),
                                 now())
        uow.commit()
    return send_file(opened)


@bp.post("/berkas/<int:attachment_id>/tanda")
@roles_required("tim_admin", "front_office")
def mark(attachment_id: int) -> ResponseReturnValue:
    """Say what a paper-form scan shows, and so who may open it (audited)."""
    with services().uow() as uow:
        row = mark_scan(uow.session, attachment_id, request.form.get("kind", ""), officer(),
                        now())
        code = uow.session.get(Complaint, row.complaint_id).tracking_code
        uow.commit()
    flash(_("Tanda pindaian disimpan."))
    return redirect(url_for("officer.inbox.complaint", code=code) + "#lampiran")
