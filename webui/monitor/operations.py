"""Operations on an instance from its page; each with a reason that goes to the audit log."""

from __future__ import annotations

from datetime import datetime

from flask import Blueprint, flash, redirect, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from engine.calendar.working_days import WIB
from engine.errors import FormInvalidError
from engine.monitor.operations import (
    CANCEL_ROLES,
    DEADLINE_ROLES,
    REASSIGN_ROLES,
    RETRY_ROLES,
    cancel_instance,
    move_deadline,
    reassign_task,
    retry_instance,
)
from webui.auth import roles_required
from webui.screen import officer
from webui.wiring import services

bp = Blueprint("operations", __name__)


def _seen() -> int | None:
    text = request.form.get("row_version", "")
    return int(text) if text.isdigit() else None


def _reason() -> str:
    return request.form.get("reason", "")


def _back(instance_id: int) -> ResponseReturnValue:
    return redirect(url_for("monitor.detail.instance", instance_id=instance_id))


@bp.post("/<int:instance_id>/ulang")
@roles_required(*sorted(RETRY_ROLES))
def retry(instance_id: int) -> ResponseReturnValue:
    """Run the failed step again."""
    status = retry_instance(services().uow(), services().runtime, instance_id, officer(),
                            _reason(), _seen())
    if status == "error":
        flash(_("Langkah masih gagal; lihat pesan kesalahan."), "error")
    else:
        flash(_("Langkah yang gagal dijalankan ulang."), "ok")
    return _back(instance_id)


@bp.post("/<int:instance_id>/batal")
@roles_required(*sorted(CANCEL_ROLES))
def cancel(instance_id: int) -> ResponseReturnValue:
    """Cancel the instance."""
    cancel_instance(services().uow(), services().runtime, instance_id, officer(), _reason(),
                    _seen())
    flash(_("Proses dibatalkan."), "ok")
    return _back(instance_id)


@bp.post("/<int:instance_id>/tugas/<task_id>/alihkan")
@roles_required(*sorted(REASSIGN_ROLES))
def reassign(instance_id: int, task_id: str) -> ResponseReturnValue:
    """Give a task to another officer."""
    user_id = request.form.get("user_id", "")
    if not user_id.isdigit():
        raise FormInvalidError({"user_id": _("Pilih petugas")})
    reassign_task(services().uow(), services().runtime, task_id, int(user_id), officer(),
                  _reason(), _seen())
    flash(_("Tugas dialihkan."), "ok")
    return _back(instance_id)


def _due() -> datetime:
    text = request.form.get("due_at", "").strip()
    try:
        instant = datetime.fromisoformat(text)
    except ValueError as exc:
        raise FormInvalidError({"due_at": _("Tanggal dan jam tidak valid")}) from exc
    return instant if instant.tzinfo else instant.replace(tzinfo=WIB)


@bp.post("/<int:instance_id>/tugas/<task_id>/batas-waktu")
@roles_required(*sorted(DEADLINE_ROLES))
def deadline(instance_id: int, task_id: str) -> ResponseReturnValue:
    """Move a task's deadline."""
    move_deadline(services().uow(), services().runtime, task_id, _due(), officer(), _reason(),
                  _seen())
    flash(_("Batas waktu tugas dipindahkan."), "ok")
    return _back(instance_id)
