"""The steps between a right password and being signed in: the authenticator code, enrolling
an authenticator app, a new password in place of one the sysadmin chose.

The browser holds a session that signs nobody in until every step is done, so no other page
opens in between; each step's page sends the browser on to the step it owes first.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_login import login_user

from engine.accounts.admin import change_own_password, get_user
from engine.accounts.second_factor import (
    CODE,
    ENROL,
    NEW_PASSWORD,
    confirm_enrolment,
    pending_secret,
    provisioning_uri,
    required_roles,
    sign_in_steps,
    verify,
)
from engine.accounts.signin import LoginError
from engine.accounts.tables import User
from engine.errors import FormInvalidError
from webui.auth import (
    SignedIn,
    begin_session,
    finish_step,
    lockout_policy,
    pending_sign_in,
    secret_box,
)
from webui.receipts import qr_svg
from webui.screen import no_store, now
from webui.urls import safe_next
from webui.wiring import services

bp = Blueprint("steps", __name__, url_prefix="/petugas/masuk")

ENDPOINT = {CODE: "officer.steps.code", ENROL: "officer.steps.enrol",
            NEW_PASSWORD: "officer.steps.password"}
AFTER = "after_signin"


def steps_for(user: User) -> list[str]:
    """What ``user`` still owes after a right password, in order."""
    return sign_in_steps(user, required_roles(services().settings.totp_required_roles))


def start_steps(user_id: int, steps: list[str], target: str) -> ResponseReturnValue:
    """Open a not-yet-signed-in session owing ``steps``; on to the first."""
    begin_session(user_id, pending=steps)
    session[AFTER] = target
    return redirect(url_for(ENDPOINT[steps[0]]))


def _owed(step: str) -> tuple[int, list[str], ResponseReturnValue | None]:
    """This browser's account and owed steps when ``step`` is the one it owes now, else
    where to go instead."""
    found = pending_sign_in()
    if found is None:
        return 0, [], redirect(url_for("officer.signin.login"))
    user_id, steps = found
    if steps[0] != step:
        return user_id, steps, redirect(url_for(ENDPOINT[steps[0]]))
    return user_id, steps, None


def _next_after(step: str, user_id: int) -> str:
    """Mark ``step`` done: the address of the next step, or (all done) of the officer's start
    page, with the browser signed in."""
    remaining = finish_step(step)
    if remaining is None:
        return url_for("officer.signin.login")
    if remaining:
        return url_for(ENDPOINT[remaining[0]])
    return _signed_in(user_id, session.get(AFTER))


def _signed_in(user_id: int, target: str | None) -> str:
    from webui.officer.signin import home_for  # signin imports this module

    with services().uow() as uow:
        signed_in = SignedIn.of(get_user(uow.session, user_id))
    session.pop(AFTER, None)
    login_user(signed_in)
    return safe_next(target, home_for(signed_in.role))


@bp.route("/kode", methods=["GET", "POST"])
def code() -> ResponseReturnValue:
    """The code of the officer's authenticator app (or a recovery code)."""
    user_id, _, elsewhere = _owed(CODE)
    if elsewhere is not None:
        return elsewhere
    if request.method == "GET":
        return render_template("officer/code.html")
    with services().uow() as uow:
        user = get_user(uow.session, user_id)
        try:
            verify(uow.session, user, request.form.get("code", ""), secret_box(), now(),
                   lockout_policy(), request.remote_addr or "")
        except LoginError:
            uow.commit()  # the wrong code counts towards the lockout
            return render_template("officer/code.html", error=True), 401
        uow.commit()
    return redirect(_next_after(CODE, user_id))


@bp.route("/daftar", methods=["GET", "POST"])
def enrol() -> ResponseReturnValue:
    """Enrol an authenticator app: its QR code, the secret as text, and a code to confirm."""
    user_id, _, elsewhere = _owed(ENROL)
    if elsewhere is not None:
        return elsewhere
    return enrolment_page(user_id, url_for(".enrol"), lambda: _next_after(ENROL, user_id))


def enrolment_page(user_id: int, action: str, then: Callable[[], str]) -> ResponseReturnValue:
    """The enrolment form of ``user_id`` posting to ``action``; on a right code the recovery
    codes, shown once, with a link to ``then()``."""
    with services().uow() as uow:
        user = get_user(uow.session, user_id)
        secret = pending_secret(uow.session, user, secret_box())
        uow.commit()
        username = user.username
        codes: list[str] = []
        error = False
        if request.method == "POST":
            try:
                codes = confirm_enrolment(uow.session, user, request.form.get("code", ""),
                                          secret_box(), now(), lockout_policy(),
                                          request.remote_addr or "")
            except LoginError:
                error = True
            uow.commit()
    if codes:
        return no_store(render_template("officer/recovery_codes.html", codes=codes,
                                        then=then()))
    uri = provisioning_uri(secret, username)
    body = render_template("officer/enrol.html", qr=qr_svg(uri), secret=secret, action=action,
                           error=error)
    return no_store(body, 401 if error else 200)


@bp.route("/sandi", methods=["GET", "POST"])
def password() -> ResponseReturnValue:
    """A password of the officer's own in place of the one the sysadmin chose."""
    user_id, steps, elsewhere = _owed(NEW_PASSWORD)
    if elsewhere is not None:
        return elsewhere
    if request.method == "GET":
        return render_template("officer/new_password.html", errors={})
    remaining = [step for step in steps if step != NEW_PASSWORD]
    target = session.get(AFTER)
    try:
        with services().uow() as uow:
            change_own_password(uow.session, user_id, request.form.get("password", ""),
                                request.form.get("repeat", ""), now())
            uow.commit()
    except FormInvalidError as exc:
        return render_template("officer/new_password.html", errors=exc.errors), 422
    # Changing the password ended every session of the account: this browser starts afresh.
    begin_session(user_id, pending=remaining)
    if remaining:
        session[AFTER] = target
        return redirect(url_for(ENDPOINT[remaining[0]]))
    return redirect(_signed_in(user_id, target))
