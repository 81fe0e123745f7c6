"""Signing officers in and out, and where each role starts."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_user, logout_user

from engine.accounts.signin import LoginError, authenticate
from webui.auth import SignedIn, begin_session, finish_session, lockout_policy
from webui.screen import now
from webui.urls import safe_next
from webui.wiring import services

from .signin_steps import start_steps, steps_for

bp = Blueprint("signin", __name__, url_prefix="/petugas")
HOME_BY_ROLE = {"front_office": "frontoffice.intake.register", "sysadmin": "admin.home.index",
                "analis": "modeler.editor.index"}


def home_for(role: str) -> str:
    """Where an officer of ``role`` starts after signing in."""
    return url_for(HOME_BY_ROLE.get(role, "officer.inbox.index"))


@bp.route("/masuk", methods=["GET", "POST"])
def login() -> ResponseReturnValue:
    """Sign in with username and password; repeated failures lock the account for a while."""
    target = request.values.get("next")
    if request.method == "GET":
        if current_user.is_authenticated:
            return redirect(safe_next(target, home_for(current_user.role)))
        return render_template("officer/login.html", next=target)
    username = request.form.get("username", "")
    policy = lockout_policy()
    with services().uow() as uow:
        try:
            user = authenticate(uow.session, username, request.form.get("password", ""), now(),
                                policy, source=request.remote_addr or "")
        except LoginError as exc:
            uow.commit()  # the failed attempt must count towards the lockout
            return render_template("officer/login.html", error=str(exc), username=username,
                                   next=target), 401
        signed_in = SignedIn.of(user)
        steps = steps_for(user)
        uow.commit()
    if steps:
        return start_steps(signed_in.user_id, steps, safe_next(target, ""))
    begin_session(signed_in.user_id)
    login_user(signed_in)
    return redirect(safe_next(target, home_for(signed_in.role)))


@bp.post("/keluar")
def logout() -> ResponseReturnValue:
    """Sign out."""
    logout_user()
    finish_session()
    return redirect(url_for("public.portal.index"))
