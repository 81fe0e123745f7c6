"""Officers: sign in and out, the task inbox, a complaint as the officer's role may see it."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_user, logout_user

from engine.accounts.signin import LockoutPolicy, LoginError, authenticate
from engine.complaints.inbox import INBOX_PAGE, InboxFilter, inbox, inbox_stages
from engine.complaints.read_models import history, view_complaint
from engine.complaints.reporter import find_complaint
from engine.reference.options import option_lookup
from webui.auth import SignedIn, roles_required, services

from . import files, tasks
from .common import now, officer, safe_next

bp = Blueprint("officer", __name__, url_prefix="/petugas")
bp.register_blueprint(tasks.bp)
bp.register_blueprint(files.bp)

HOME_BY_ROLE = {"front_office": "frontoffice.register", "sysadmin": "admin.index",
                "analis": "modeler.index"}


def home_for(role: str) -> str:
    """Where an officer of ``role`` starts after signing in."""
    return url_for(HOME_BY_ROLE.get(role, "officer.inbox"))


@bp.route("/masuk", methods=["GET", "POST"])
def login() -> ResponseReturnValue:
    """Sign in with username and password; repeated failures lock the account for a while."""
    target = request.values.get("next")
    if request.method == "GET":
        if current_user.is_authenticated:
            return redirect(safe_next(target, home_for(current_user.role)))
        return render_template("officer/login.html", next=target)
    username = request.form.get("username", "")
    settings = services().settings
    policy = LockoutPolicy(settings.login_attempts, settings.lockout_minutes)
    with services().uow() as uow:
        try:
            user = authenticate(uow.session, username, request.form.get("password", ""), now(),
                                policy)
        except LoginError as exc:
            uow.commit()  # the failed attempt must count towards the lockout
            return render_template("officer/login.html", error=str(exc), username=username,
                                   next=target), 401
        signed_in = SignedIn.of(user)
        uow.commit()
    _fresh_session()
    login_user(signed_in)
    return redirect(safe_next(target, home_for(signed_in.role)))


def _fresh_session() -> None:
    """A new session on sign-in (nothing from before survives but the language)."""
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang


@bp.post("/keluar")
def logout() -> ResponseReturnValue:
    """Sign out."""
    logout_user()
    _fresh_session()
    return redirect(url_for("public.index"))


@bp.get("/", endpoint="inbox")
@roles_required()
def inbox_page() -> ResponseReturnValue:
    """Ready tasks for my role (and OPD), soonest deadline first, with filters."""
    actor = officer()
    args = request.args
    filters = InboxFilter(stage=args.get("stage", ""), category=args.get("category", ""),
                          overdue=args.get("overdue") == "1", mine=args.get("mine") == "1")
    page = max(1, args.get("page", 1, type=int) or 1)
    first = (page - 1) * INBOX_PAGE
    with services().uow() as uow:
        # One row more than a page tells whether a next page exists, without counting.
        rows = inbox(uow.session, actor, filters, now(), limit=INBOX_PAGE + 1, offset=first)
        stages = inbox_stages(uow.session, actor)
        categories = option_lookup(uow.session)["categories"]
    paging = {"page": page, "first": first + 1, "last": first + min(len(rows), INBOX_PAGE),
              "more": len(rows) > INBOX_PAGE, "query": _filter_args(filters)}
    return render_template("officer/inbox.html", rows=rows[:INBOX_PAGE], filters=filters,
                           stages=stages, categories=categories, paging=paging)


def _filter_args(filters: InboxFilter) -> dict[str, str]:
    """The inbox filters as query arguments, for the links to other pages."""
    found = {"stage": filters.stage, "category": filters.category,
             "overdue": "1" if filters.overdue else "", "mine": "1" if filters.mine else ""}
    return {k: v for k, v in found.items() if v}


@bp.get("/laporan/<code>")
@roles_required()
def complaint(code: str) -> ResponseReturnValue:
    """A complaint as my role may see it, with its full history."""
    actor = officer()
    with services().uow() as uow:
        found = find_complaint(uow.session, code)
        view = view_complaint(uow.session, found, actor, now())
        trail = history(uow.session, found)
        uow.commit()
    return render_template("officer/complaint.html", view=view, trail=trail)
