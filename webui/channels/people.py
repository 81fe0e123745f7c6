"""Officers' side of the channels: their addresses (admin) and their own morning digest."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from engine.accounts.tables import User
from engine.channels.contacts import list_contacts, set_contact
from engine.channels.digest import digest_for
from engine.errors import FormInvalidError, NotFoundError
from webui.auth import roles_required, services
from webui.views.common import now, officer

bp = Blueprint("people", __name__)


@bp.get("/ringkasan")
@roles_required()
def digest() -> ResponseReturnValue:
    """The signed-in officer's digest: overdue, due today, due on the next working day."""
    with services().uow() as uow:
        user = uow.session.get(User, officer().user_id)
        if user is None:
            raise NotFoundError("Pengguna tidak ditemukan")
        found = digest_for(uow.session, user, now())
    return render_template("channels/digest.html", digest=found)


@bp.get("/admin/kontak")
@roles_required("sysadmin")
def contacts() -> ResponseReturnValue:
    """Where each officer is told things."""
    with services().uow() as uow:
        rows = list_contacts(uow.session)
    return render_template("channels/contacts.html", rows=rows, errors={}, failed=None)


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
        return render_template("channels/contacts.html", rows=rows, errors=exc.errors,
                               failed=user_id), 422
    flash(_("Kontak disimpan."))
    return redirect(url_for(".contacts"))
