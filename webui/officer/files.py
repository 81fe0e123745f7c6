"""A complaint's file for an officer who may read it."""

from __future__ import annotations

from flask import Blueprint
from flask.typing import ResponseReturnValue

from engine.complaints.files import open_attachment
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
