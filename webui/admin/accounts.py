"""Accounts: list, create, change, deactivate, reset a password or a second factor, unlock."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from engine.accounts.admin import (
    Account,
    UserFilter,
    add_user,
    get_user,
    list_users,
    reset_password,
    set_user_active,
    unlock,
    update_user,
)
from engine.accounts.second_factor import is_enrolled, reset_second_factor
from engine.accounts.signin import current_lock
from engine.domain import OPD_ROLES, ROLES
from engine.errors import ConflictError, FormInvalidError
from engine.reference.options import option_lookup
from webui.auth import forget_user, restrict
from webui.labels import ROLE
from webui.screen import no_store, now, officer
from webui.texts import engine_text
from webui.wiring import services

bp = Blueprint("accounts", __name__, url_prefix="/admin")
restrict(bp, "sysadmin")


def _choices() -> dict[str, Any]:
    with services().uow() as uow:
        opds = option_lookup(uow.session)["opds"]
    return {"roles": [(r, ROLE[r]) for r in ROLES], "opds": opds, "opd_roles": OPD_ROLES}


def _account() -> Account:
    form = request.form
    return Account(username=form.get("username", "").strip().lower(),
                   full_name=form.get("full_name", ""), role=form.get("role", ""),
                   opd_code=form.get("opd_code") or None, password=form.get("password", ""))


@bp.get("/pengguna")
def users() -> ResponseReturnValue:
    """Every account, and the form for a new one (role and OPD may come prefilled)."""
    return _users_page({"role": request.args.get("role", ""),
                        "opd_code": request.args.get("opd", "")}, {})


def _users_page(values: dict[str, Any], errors: dict[str, str],
                status: int = 200) -> ResponseReturnValue:
    # The list's own filters: ``role`` and ``opd`` prefill the new-account form instead (the
    # OPD page links here with them), so the role shown is ``peran``.
    query = request.args.get("q", "").strip()[:100]
    role = request.args.get("peran", "")
    role = role if role in ROLES else ""
    flt = UserFilter(query=query, role=role or None,
                     page=request.args.get("page", 1, type=int) or 1,  # clamped by list_users
                     role_names={code: str(name) for code, name in ROLE.items()})
    with services().uow() as uow:
        found = list_users(uow.session, flt)
    filters = {k: v for k, v in (("q", query), ("peran", role)) if v}
    body = render_template("admin/users.html", found=found, filters=filters, values=values,
                           errors=errors, query=query, role_filter=role,
                           open_form=bool(errors) or "baru" in request.args, **_choices())
    return no_store(body, status)  # a form sent back keeps the typed password


@bp.post("/pengguna")
def create() -> ResponseReturnValue:
    """Create an account."""
    account = _account()
    try:
        with services().uow() as uow:
            add_user(uow.session, account, officer(), now())
            uow.commit()
    except FormInvalidError as exc:
        return _users_page(dict(account.__dict__), exc.errors, 422)
    flash(_("Akun %(username)s dibuat.", username=account.username))
    return redirect(url_for(".users"))


@bp.route("/pengguna/<int:user_id>", methods=["GET", "POST"])
def edit(user_id: int) -> ResponseReturnValue:
    """Change an account's name, role and OPD."""
    errors: dict[str, str] = {}
    if request.method == "POST":
        try:
            with services().uow() as uow:
                update_user(uow.session, user_id, _account(), officer(), now())
                uow.commit()
            forget_user(user_id)  # the new role applies from the account's next request
            flash(_("Perubahan disimpan."))
            return redirect(url_for(".edit", user_id=user_id))
        except FormInvalidError as exc:
            errors = exc.errors
    with services().uow() as uow:
        user = get_user(uow.session, user_id)
        locked_until = current_lock(uow.session, user.username, now())
    values = request.form.to_dict() if errors else {
        "full_name": user.full_name, "role": user.role, "opd_code": user.opd_code or ""}
    return render_template("admin/user.html", user=user, values=values, errors=errors,
                           locked_until=locked_until, enrolled=is_enrolled(user),
                           **_choices()), 422 if errors else 200


@bp.post("/pengguna/<int:user_id>/aktif")
def activate(user_id: int) -> ResponseReturnValue:
    """Deactivate or reactivate an account."""
    active = request.form.get("active") == "1"
    try:
        with services().uow() as uow:
            user = set_user_active(uow.session, user_id, active, officer(), now())
            uow.commit()
        forget_user(user_id)  # a deactivated account is signed out at its next request
    except ConflictError as exc:
        flash(engine_text(exc), "error")
        return redirect(url_for(".edit", user_id=user_id))
    flash(_("Akun %(username)s diaktifkan.", username=user.username) if active else
          _("Akun %(username)s dinonaktifkan.", username=user.username))
    return redirect(url_for(".edit", user_id=user_id))


@bp.post("/pengguna/<int:user_id>/sandi")
def new_password(user_id: int) -> ResponseReturnValue:
    """Give the account a new random password, shown once to hand over."""
    with services().uow() as uow:
        password = reset_password(uow.session, user_id, officer(), now())
        user = get_user(uow.session, user_id)
        uow.commit()
    return no_store(render_template("admin/password.html", user=user, password=password))


@bp.post("/pengguna/<int:user_id>/buka-kunci")
def open_lock(user_id: int) -> ResponseReturnValue:
    """Lift the account's current sign-in lock."""
    with services().uow() as uow:
        user = unlock(uow.session, user_id, officer(), now())
        uow.commit()
    flash(_("Penguncian akun %(username)s dibuka.", username=user.username))
    return redirect(url_for(".edit", user_id=user_id))


@bp.post("/pengguna/<int:user_id>/faktor-kedua")
def reset_factor(user_id: int) -> ResponseReturnValue:
    """Forget the account's authenticator app and recovery codes (a lost phone)."""
    with services().uow() as uow:
        user = get_user(uow.session, user_id)
        reset_second_factor(uow.session, user, officer(), now())
        uow.commit()
    forget_user(user_id)
    flash(_("Faktor kedua akun %(username)s diatur ulang; pemiliknya mendaftarkan aplikasi "
            "autentikator lagi saat masuk berikutnya.", username=user.username))
    return redirect(url_for(".edit", user_id=user_id))
