"""The officer's own account: the second factor (enrol, new recovery codes) and the password."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import login_user

from engine.accounts.admin import change_own_password, get_user
from engine.accounts.second_factor import (
    is_enrolled,
    renew_recovery_codes,
    required_roles,
    unused_recovery_codes,
)
from engine.errors import FormInvalidError
from webui.auth import SignedIn, begin_session, restrict
from webui.screen import no_store, now, officer
from webui.wiring import services

from .signin_steps import enrolment_page

bp = Blueprint("account", __name__, url_prefix="/petugas/akun")
restrict(bp)  # every signed-in officer, whatever the role


def _page(errors: dict[str, str], status: int = 200) -> ResponseReturnValue:
    user_id = officer().user_id or 0
    with services().uow() as uow:
        user = get_user(uow.session, user_id)
        body = render_template(
            "officer/account.html", user=user, enrolled=is_enrolled(user),
            required=user.role in required_roles(services().settings.totp_required_roles),
            unused=unused_recovery_codes(uow.session, user_id), errors=errors)
    return body, status


@bp.get("/")
def index() -> ResponseReturnValue:
    """The second factor's state and the password form."""
    return _page({})


@bp.route("/autentikator", methods=["GET", "POST"])
def enrol() -> ResponseReturnValue:
    """Enrol an authenticator app of one's own accord (roles that do not require one)."""
    user_id = officer().user_id or 0
    with services().uow() as uow:
        if is_enrolled(get_user(uow.session, user_id)):
            return redirect(url_for(".index"))
    return enrolment_page(user_id, url_for(".enrol"), lambda: url_for(".index"))


@bp.post("/kode-pemulihan")
def recovery_codes() -> ResponseReturnValue:
    """A new set of recovery codes, shown once, after the password is typed again; the old
    ones stop working."""
    try:
        with services().uow() as uow:
            user = get_user(uow.session, officer().user_id or 0)
            if not is_enrolled(user):
                return redirect(url_for(".index"))
            typed = request.form.get("codes_current", "")
            codes = renew_recovery_codes(uow.session, user, typed, now())
            uow.commit()
    except FormInvalidError as exc:
        return _page(exc.errors, 422)
    return no_store(render_template("officer/recovery_codes.html", codes=codes,
                                    then=url_for(".index")))


@bp.post("/sandi")
def password() -> ResponseReturnValue:
    """Change one's own password (the current one first); other browsers are signed out."""
    user_id = officer().user_id or 0
    form = request.form
    try:
        with services().uow() as uow:
            user = change_own_password(uow.session, user_id, form.get("password", ""),
                                       form.get("repeat", ""), now(),
                                       current=form.get("current", ""))
            signed_in = SignedIn.of(user)
            uow.commit()
    except FormInvalidError as exc:
        return _page(exc.errors, 422)
    begin_session(user_id)  # the change ended every session, this one included
    login_user(signed_in)
    flash(_("Kata sandi diganti. Peramban lain yang masuk dengan akun ini sudah dikeluarkan."))
    return redirect(url_for(".index"))
