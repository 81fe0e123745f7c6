"""Officers' addresses for notifications, kept by the system admin."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from engine.channels.contacts import list_contacts, set_contact
from engine.errors import FormInvalidError
from webui.auth import roles_required
from webui.screen import now
from webui.wiring import services

bp = Blueprint("contacts", __name__, url_prefix="/saluran")


@bp.get("/admin/kontak")
@roles_required("sysadmin")
def contacts() -> ResponseReturnValue:
    """Where each officer is told things."""
    with services().uow() as uow:
        rows = list_contacts(uow.session)
    return render_template("admin/channels/contacts.html", rows=rows, errors={}, failed=None)


@bp.post("/admin/kontak/<int:user_id>")
@roles_required("sysadmin")
def save_contact(user_id: int) -> ResponseReturnValue:
    """Set one officer's email address and mobile number."""
    try:
        with services().uow() as uow:
            set_contact(uow.session, user_id, request.form.get("email", ""),
                        request.form.get("phone", ""), now())
            uow.commit()
    except FormInvalidError as exc:
        with services().uow() as uow:
            rows = list_contacts(uow.session)
        return render_template("admin/channels/contacts.html", rows=rows, errors=exc.errors,
                               failed=user_id), 422
    flash(_("Kontak disimpan."))
    return redirect(url_for(".contacts"))
