"""The officers' inbox, and a complaint as the officer's role may see it."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask.typing import ResponseReturnValue

from engine.complaints.inbox import INBOX_PAGE, InboxFilter, inbox, inbox_stages
from engine.complaints.read_models import history, view_complaint
from engine.complaints.reporter import find_complaint
from engine.reference.options import option_lookup
from webui.auth import roles_required
from webui.screen import now, officer
from webui.wiring import services

bp = Blueprint("inbox", __name__, url_prefix="/petugas")


@bp.get("/", endpoint="index")
@roles_required()
def inbox_page() -> ResponseReturnValue:
    """Ready tasks for my role (and OPD), soonest deadline first, with filters."""
    actor = officer()
    args = request.args
    filters = InboxFilter(stage=args.get("stage", ""), category=args.get("category", ""),
                          overdue=args.get("overdue") == "1", mine=args.get("mine") == "1",
                          q=args.get("q", "").strip())
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
    found = {"q": filters.q, "stage": filters.stage, "category": filters.category,
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
