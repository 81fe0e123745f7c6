"""The signed-in officer's own digest (the morning roll call's list)."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask.typing import ResponseReturnValue

from engine.accounts.tables import User
from engine.channels.digest import digest_for
from engine.errors import NotFoundError
from webui.auth import roles_required
from webui.screen import now, officer
from webui.wiring import services

bp = Blueprint("digest", __name__, url_prefix="/saluran")


@bp.get("/ringkasan", endpoint="show")
@roles_required()
def digest() -> ResponseReturnValue:
    """The signed-in officer's digest: overdue, due today, due on the next working day; with
    ``?sesi=sore`` the afternoon one, which adds what was done today."""
    afternoon = request.args.get("sesi") == "sore"
    with services().uow() as uow:
        user = uow.session.get(User, officer().user_id)
        if user is None:
            raise NotFoundError("Pengguna tidak ditemukan")
        found = digest_for(uow.session, user, now(), afternoon)
    return render_template("officer/digest.html", digest=found)
